//! The nesting limit, so hostile input cannot stall the sanitiser.

use pulldown_cmark::Event;

/// How deeply quotes, lists and HTML tags may nest in one file. Real
/// pages stay far below it; the sanitiser's work grows with the square of
/// the depth, so thousands of unclosed `<div>`s would stall a build.
pub const MAX_NESTING: usize = 100;

/// HTML elements with no end tag (the HTML parser's list, so also the
/// obsolete `param`). Page text reads rendered pages with the same list.
pub(crate) const VOID_TAGS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Follows the tags of a piece of raw HTML on `open`. A closing tag only
/// closes the innermost open one of its name, so the count never falls
/// below what an HTML parser would see.
fn follow_tags(html: &str, open: &mut Vec<String>) {
    let bytes = html.as_bytes();
    let mut i = 0;
    while let Some(lt) = html[i..].find('<').map(|p| i + p) {
        i = lt + 1;
        if html[i..].starts_with("!--") {
            i = html[i..].find("-->").map_or(html.len(), |p| i + p + 3);
            continue;
        }
        let closing = bytes.get(i) == Some(&b'/');
        let start = if closing { i + 1 } else { i };
        let len = html[start..]
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if len == 0 || !bytes[start].is_ascii_alphabetic() {
            continue;
        }
        let name = html[start..start + len].to_ascii_lowercase();
        let end = html[start..].find('>').map_or(html.len(), |p| start + p);
        if closing {
            if open.last() == Some(&name) {
                open.pop();
            }
        } else if !VOID_TAGS.contains(&name.as_str()) && !html[..end].ends_with('/') {
            open.push(name);
        }
        i = end;
    }
}

/// The offset of the first event nested deeper than `MAX_NESTING`.
pub(super) fn too_deep(events: &[(Event, usize)]) -> Option<usize> {
    let mut depth = 0usize;
    let mut open = Vec::new();
    for (event, offset) in events {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::Html(h) | Event::InlineHtml(h) => follow_tags(h, &mut open),
            _ => {}
        }
        if depth + open.len() > MAX_NESTING {
            return Some(*offset);
        }
    }
    None
}
