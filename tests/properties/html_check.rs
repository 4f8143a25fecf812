//! A small, strict reader of the HTML Clarion writes, looking for what a
//! browser would run: a `<script>` (or another element that runs or embeds
//! code), an `on...=` event handler attribute, or an address in a URL
//! attribute whose scheme is not on the allow-list (http, https, mailto,
//! tel) once entities are decoded and the spaces and control characters
//! browsers ignore are removed. Shared by tests/properties.rs and the
//! markdown fuzz target.

#![allow(dead_code)]

const CODE_ELEMENTS: &[&str] = &[
    "script", "iframe", "object", "embed", "frame", "frameset", "applet", "base", "meta", "style",
    "link", "form",
];
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "srcset",
    "action",
    "formaction",
    "xlink:href",
    "poster",
    "background",
    "cite",
    "data",
    "longdesc",
    "lowsrc",
    "dynsrc",
    "ping",
    "manifest",
    "codebase",
    "archive",
];
const ALLOWED_SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

/// Decodes numeric character references and the named ones that matter for
/// hiding a scheme.
pub fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i + 1..];
        let (decoded, used) = if let Some(num) = rest.strip_prefix('#') {
            let (radix, digits_start) = if num.starts_with(['x', 'X']) {
                (16, 2)
            } else {
                (10, 1)
            };
            let digits: String = rest[digits_start..]
                .chars()
                .take_while(|c| c.is_digit(radix))
                .collect();
            if digits.is_empty() {
                (None, 0)
            } else {
                let c = u32::from_str_radix(&digits[..digits.len().min(8)], radix)
                    .ok()
                    .and_then(char::from_u32)
                    .unwrap_or('\u{fffd}');
                let mut used = digits_start + digits.len();
                if rest[used..].starts_with(';') {
                    used += 1;
                }
                (Some(c), used)
            }
        } else {
            let named = [
                ("colon;", ':'),
                ("tab;", '\t'),
                ("newline;", '\n'),
                ("amp;", '&'),
                ("amp", '&'),
                ("lt;", '<'),
                ("gt;", '>'),
                ("quot;", '"'),
                ("apos;", '\''),
                ("sol;", '/'),
                ("lpar;", '('),
                ("rpar;", ')'),
            ];
            let lower = rest
                .get(..8.min(rest.len()))
                .unwrap_or(rest)
                .to_ascii_lowercase();
            named
                .iter()
                .find(|(n, _)| lower.starts_with(n))
                .map_or((None, 0), |(n, c)| (Some(*c), n.len()))
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[used..];
            }
            None => out.push('&'),
        }
    }
    out.push_str(rest);
    out
}

/// The scheme of an attribute value as a browser reads it, lower case.
pub fn scheme(value: &str) -> Option<String> {
    let cleaned: String = decode_entities(value)
        .chars()
        .filter(|c| !c.is_control() && !c.is_whitespace())
        .collect();
    let colon = cleaned.find(':')?;
    let before = &cleaned[..colon];
    // Anything but a letter then letters, digits, `+`, `-` or `.` before the
    // colon makes it a relative address (`java%0Ascript:x` is a path).
    let mut chars = before.chars();
    if !chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        || !chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    {
        return None;
    }
    Some(before.to_ascii_lowercase())
}

/// The first thing in `html` a browser could run, described; `None` when safe.
pub fn unsafe_html(html: &str) -> Option<String> {
    let b = html.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        i += 1;
        if i < b.len() && b[i] == b'!' {
            // A comment or doctype: skip it.
            i = html[i..].find('>').map_or(b.len(), |p| i + p + 1);
            continue;
        }
        let closing = i < b.len() && b[i] == b'/';
        if closing {
            i += 1;
        }
        if i >= b.len() || !b[i].is_ascii_alphabetic() {
            continue;
        }
        let start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'/' && b[i] != b'>' {
            i += 1;
        }
        let name = html[start..i].to_ascii_lowercase();
        if CODE_ELEMENTS.contains(&name.as_str()) {
            return Some(format!("a <{name}> element"));
        }
        // Attributes, as the HTML tokenizer reads them.
        loop {
            while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
                i += 1;
            }
            if i >= b.len() || b[i] == b'>' {
                i += 1;
                break;
            }
            let a = i;
            while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'/' | b'>' | b'=')
                || (i == a && i < b.len() && b[i] == b'=')
            {
                i += 1;
            }
            let attr = html[a..i].to_ascii_lowercase();
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            let mut value = "";
            if i < b.len() && b[i] == b'=' {
                i += 1;
                while i < b.len() && b[i].is_ascii_whitespace() {
                    i += 1;
                }
                if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                    let q = b[i];
                    let v = i + 1;
                    i = html[v..].find(q as char).map_or(b.len(), |p| v + p);
                    value = &html[v..i];
                    i += 1;
                } else {
                    let v = i;
                    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                        i += 1;
                    }
                    value = &html[v..i];
                }
            }
            if attr.starts_with("on") {
                return Some(format!("an event handler `{attr}` on <{name}>"));
            }
            if (URL_ATTRIBUTES.contains(&attr.as_str()) || attr == "style")
                && let Some(s) = scheme(value)
                && !ALLOWED_SCHEMES.contains(&s.as_str())
                && attr != "style"
            {
                return Some(format!("a `{s}:` address in {attr} on <{name}>"));
            }
            if attr == "style"
                && decode_entities(value)
                    .to_ascii_lowercase()
                    .contains("javascript:")
            {
                return Some(format!("javascript: in a style on <{name}>"));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_checker_catches_what_it_should() {
        for bad in [
            "<script>x</script>",
            "<SCRIPT src=x>",
            "<img src=x onerror=alert(1)>",
            "<a href=\"x\" onclick='y'>",
            "<a href=\"javascript:alert(1)\">",
            "<a href=\"JaVaScRiPt:alert(1)\">",
            "<a href=\"java&#x09;script:alert(1)\">",
            "<a href=\"&#106;avascript:alert(1)\">",
            "<a href=\" javascript&colon;alert(1)\">",
            "<img src=data:text/html,x>",
            "<iframe src=https://x>",
            "<svg/onload=alert(1)>",
        ] {
            assert!(unsafe_html(bad).is_some(), "{bad}");
        }
        for ok in [
            "<p>javascript: is only text here, and so is onclick=</p>",
            "<a href=\"https://x.org/a:b\" title=\"onclick=x\">x</a>",
            "<a href=\"../a/b.md#c:d\">x</a>",
            "<a href=\"java%0Ascript:alert(1)\">a relative address</a>",
            "<a href=\"mailto:a@b.c\">x</a> <a href=\"tel:0800\">x</a>",
            "<h2 id=\"one\">x</h2><p>&lt;script&gt;</p>",
            "<a class=\"term\" href=\"#word-iro\">IRO</a>",
        ] {
            assert_eq!(unsafe_html(ok), None, "{ok}");
        }
    }
}
