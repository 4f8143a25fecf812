//! What may be copied into a published site as it is: no junk that
//! editors' machines leave beside their files, and no HTML or SVG beside a
//! page that could run a script on the site's own address.

/// What a junk file is, when `name` (a file's name, not its path) is one.
/// `loud` is false for the files systems make in every folder, which an
/// editor never made and need not hear about.
pub struct Junk {
    pub what: &'static str,
    pub loud: bool,
}

/// Files left by editors' machines, never published: Office and
/// LibreOffice lock files (which hold the name of whoever has the document
/// open), folder settings, thumbnails, backups and temporary files.
pub fn junk(name: &str) -> Option<Junk> {
    let lower = name.to_ascii_lowercase();
    let (what, loud) = if lower == ".ds_store" || lower.starts_with("._") {
        ("a macOS folder settings file", false)
    } else if lower == "thumbs.db" || lower == "ehthumbs.db" || lower == "desktop.ini" {
        ("a Windows folder settings file", false)
    } else if lower.starts_with("~$") {
        (
            "a Microsoft Office lock file, which holds the name of whoever has the document open",
            true,
        )
    } else if lower.starts_with(".~lock.") && lower.ends_with('#') {
        (
            "a LibreOffice lock file, which holds the name of whoever has the document open",
            true,
        )
    } else if lower.ends_with(".bak") || lower.ends_with('~') {
        ("a backup copy", true)
    } else if lower.ends_with(".tmp") {
        ("a temporary file", true)
    } else {
        return None;
    };
    Some(Junk { what, loud })
}

/// File types a browser runs scripts in, when served from the site.
pub fn may_hold_script(name: &str) -> bool {
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    matches!(
        ext.as_str(),
        "html" | "htm" | "xhtml" | "xht" | "shtml" | "svg" | "xml" | "xsl" | "xslt"
    )
}

/// Elements that run a script or load a page of their own.
const ACTIVE_ELEMENTS: [&str; 11] = [
    "script",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "foreignobject",
    "handler",
    "listener",
    "portal",
];

/// Addresses that run a script when followed or loaded.
const ACTIVE_SCHEMES: [&str; 4] = ["javascript:", "vbscript:", "livescript:", "data:text/html"];

/// Where active content starts in `text` (a byte offset), how many bytes
/// to underline, and what it is. Tags are read the way a browser reads
/// them closely enough to find every element, attribute and address; it
/// errs towards refusing (a `<script>` inside a comment is refused too).
pub fn find_active(text: &str) -> Option<(usize, usize, String)> {
    let lower = text.to_ascii_lowercase();
    let b = lower.as_bytes();
    // An entity can expand to markup the tags below never show.
    if let Some(i) = lower.find("<!entity") {
        return Some((i, 8, "an XML entity declaration".into()));
    }
    if let Some(i) = lower.find("<?xml-stylesheet") {
        let end = lower[i..].find("?>").map_or(lower.len(), |e| i + e);
        if lower[i..end].contains("xsl") {
            return Some((i, 16, "an XSLT stylesheet, which can write scripts".into()));
        }
    }
    let name_char = |c: u8| c.is_ascii_alphanumeric() || matches!(c, b':' | b'-' | b'_' | b'.');
    let mut i = 0;
    while let Some(off) = lower[i..].find('<') {
        let start = i + off;
        let mut j = start + 1;
        while j < b.len() && name_char(b[j]) {
            j += 1;
        }
        if j == start + 1 {
            i = j;
            continue;
        }
        let name = &lower[start + 1..j];
        let local = name.rsplit(':').next().unwrap_or(name);
        if ACTIVE_ELEMENTS.contains(&local) {
            return Some((start, j - start, format!("a <{local}> element")));
        }
        // Attributes, up to the `>` that is not in quotes.
        match active_attribute(text, &lower, j) {
            Ok(end) => j = end,
            Err(found) => return Some(found),
        }
        i = j.max(start + 1);
    }
    None
}

/// Reads the attributes of a tag from `j`, just after its name: where the
/// tag ends (`Ok`), or the first event attribute or active address in it.
fn active_attribute(
    text: &str,
    lower: &str,
    mut j: usize,
) -> Result<usize, (usize, usize, String)> {
    let b = lower.as_bytes();
    loop {
        while j < b.len() && (b[j].is_ascii_whitespace() || b[j] == b'/') {
            j += 1;
        }
        if j >= b.len() || b[j] == b'>' {
            return Ok(j);
        }
        let attr_start = j;
        while j < b.len() && !b[j].is_ascii_whitespace() && !matches!(b[j], b'=' | b'>' | b'/') {
            j += 1;
        }
        let attr = &lower[attr_start..j];
        let attr_local = attr.rsplit(':').next().unwrap_or(attr);
        if attr_local.len() > 2 && attr_local.starts_with("on") {
            return Err((
                attr_start,
                j - attr_start,
                format!("an event attribute `{}`", &text[attr_start..j]),
            ));
        }
        while j < b.len() && b[j].is_ascii_whitespace() {
            j += 1;
        }
        if j < b.len() && b[j] == b'=' {
            j += 1;
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            let (value_start, value_end, next) = attribute_value(lower, j);
            j = next;
            let value = decode(&lower[value_start..value_end]);
            if let Some(scheme) = ACTIVE_SCHEMES.iter().find(|s| value.contains(*s)) {
                return Err((
                    value_start,
                    value_end - value_start,
                    format!("a `{}` address", scheme.trim_end_matches(':')),
                ));
            }
        } else if j == attr_start {
            j += 1; // a stray character: step over it
        }
    }
}

/// An attribute's value from `j` (at its first character, or its quote):
/// where it starts and ends, and where reading carries on.
fn attribute_value(lower: &str, mut j: usize) -> (usize, usize, usize) {
    let b = lower.as_bytes();
    match b.get(j) {
        Some(&q @ (b'"' | b'\'')) => {
            let end = lower[j + 1..]
                .find(q as char)
                .map_or(b.len(), |e| j + 1 + e);
            (j + 1, end, (end + 1).min(b.len()))
        }
        _ => {
            let s = j;
            while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' {
                j += 1;
            }
            (s, j, j)
        }
    }
}

/// An attribute value as a browser sees it: character references decoded,
/// and the spaces and control characters it ignores in an address removed.
fn decode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(c) = rest.chars().next() {
        if c == '&'
            && let Some((ch, used)) = reference(rest)
        {
            out.push(ch);
            rest = &rest[used..];
            continue;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out.retain(|c| !c.is_whitespace() && !c.is_control());
    out.to_ascii_lowercase()
}

/// A character reference at the start of `s` (`&#106;`, `&#x6a`, `&colon;`)
/// and how many bytes it takes.
fn reference(s: &str) -> Option<(char, usize)> {
    let b = s.as_bytes();
    if b.get(1) == Some(&b'#') {
        let hex = matches!(b.get(2), Some(b'x' | b'X'));
        let from = if hex { 3 } else { 2 };
        let mut end = from;
        while end < b.len()
            && (if hex {
                b[end].is_ascii_hexdigit()
            } else {
                b[end].is_ascii_digit()
            })
        {
            end += 1;
        }
        let digits = &s[from..end];
        let n = u32::from_str_radix(digits, if hex { 16 } else { 10 }).ok()?;
        let used = if b.get(end) == Some(&b';') {
            end + 1
        } else {
            end
        };
        return Some((char::from_u32(n).unwrap_or('\u{fffd}'), used));
    }
    for (name, ch) in [("&colon;", ':'), ("&tab;", '\t'), ("&newline;", '\n')] {
        if s.get(..name.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(name))
        {
            return Some((ch, name.len()));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_scripts_however_written() {
        for bad in [
            "<svg><script>alert(1)</script></svg>",
            "<svg><SCRIPT >x</SCRIPT></svg>",
            "<svg:script xlink:href=x.js/>",
            "<svg onload=alert(1)>",
            "<svg><rect width=1 ONCLICK = \"x()\"/></svg>",
            "<svg><a xlink:href=\"javascript:alert(1)\">x</a></svg>",
            "<a href='java&#x09;script:alert(1)'>",
            "<a href=\"&#106;avascript&colon;alert(1)\">",
            "<svg><foreignObject><div>x</div></foreignObject></svg>",
            "<iframe src=x>",
            "<object data=x.swf>",
            "<embed src=x>",
            "<!DOCTYPE svg [<!ENTITY x \"&#60;script&#62;\">]><svg>&x;</svg>",
            "<?xml-stylesheet type=\"text/xsl\" href=\"x.xsl\"?><svg/>",
            "<meta http-equiv=refresh content=\"0;url=javascript:x\">",
            "<svg><set attributeName=href to=\"javascript:x\"/></svg>",
            "<a href=data:text/html,x>",
        ] {
            assert!(find_active(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn passes_plain_pictures_and_pages() {
        for ok in [
            "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><title>Chart</title><rect width=\"10\" height=\"5\" fill=\"#1d70b8\"/><text x=\"1\" y=\"9\">Based on=2 visits, one day: online</text></svg>",
            "<!doctype html><html><body><h1>Report</h1><p>Read on. <a href=\"https://example.org/\">Link</a></p><img src=\"a.png\" alt=\"x\"></body></html>",
            "<p>A < B and one > two; javascript: in text is only text</p>",
        ] {
            assert_eq!(find_active(ok), None, "{ok}");
        }
    }

    #[test]
    fn the_offset_points_at_the_problem() {
        let text = "<svg>\n  <rect onclick=\"x\"/>\n</svg>";
        let (at, len, what) = find_active(text).unwrap();
        assert_eq!(&text[at..at + len], "onclick");
        assert!(what.contains("onclick"), "{what}");
    }

    proptest::proptest! {
        #[test]
        fn never_panics_on_any_text(text in "\\PC{0,200}") {
            let _ = find_active(&text);
            let _ = find_active(&format!("<a {text}"));
            let _ = find_active(&format!("<a href=\"{text}&colo\u{e9}"));
        }

        #[test]
        fn finds_a_script_after_any_text_outside_a_tag(text in "[^<]{0,200}", name in "(script|SCRIPT|svg:script|iframe|embed)") {
            let hostile = format!("{text}<{name}>x");
            proptest::prop_assert!(find_active(&hostile).is_some());
        }
    }

    #[test]
    fn junk_names() {
        for name in [
            "~$report.docx",
            ".DS_Store",
            "Thumbs.db",
            "desktop.ini",
            "notes.bak",
            "summary.md~",
            ".~lock.report.docx#",
            "x.TMP",
        ] {
            assert!(junk(name).is_some(), "{name}");
        }
        for name in [
            "photo.png",
            "report.pdf",
            "backup-plan.pdf",
            "summary.md",
            ".nojekyll",
        ] {
            assert!(junk(name).is_none(), "{name}");
        }
        assert!(!junk(".DS_Store").unwrap().loud);
        assert!(junk("~$report.docx").unwrap().loud);
    }
}
