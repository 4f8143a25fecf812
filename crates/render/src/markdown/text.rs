//! The plain text of Markdown: blocks for the readability check, and the
//! first words for descriptions.

use pulldown_cmark::{Event, Parser, TagEnd};

use super::parse::{line_of, line_starts, options};
use crate::readability::TextBlock;
use clarion_core::MarkdownFile;

/// The text of a Markdown body in blocks (paragraphs, headings, list items,
/// table cells), each with its line in the file, for readability measures.
pub fn text_blocks(file: &MarkdownFile) -> Vec<TextBlock> {
    let body: &str = &file.body;
    let starts = line_starts(body);
    let mut blocks = Vec::new();
    let mut current = String::new();
    let mut line = 0;
    let flush = |current: &mut String, line: usize, blocks: &mut Vec<TextBlock>| {
        if !current.trim().is_empty() {
            blocks.push(TextBlock {
                line,
                text: std::mem::take(current),
            });
        }
        current.clear();
    };
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        match event {
            Event::Text(t) | Event::Code(t) => {
                if current.is_empty() {
                    line = file.body_line + line_of(&starts, range.start) - 1;
                }
                current.push_str(&t);
            }
            Event::SoftBreak | Event::HardBreak => current.push('\n'),
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell,
            ) => flush(&mut current, line, &mut blocks),
            _ => {}
        }
    }
    flush(&mut current, line, &mut blocks);
    blocks
}

/// The first `max` characters of a body's plain text (whole words), without
/// parsing the rest: descriptions need only the start.
pub fn plain_text_prefix(body: &str, max: usize) -> String {
    // The parser reads all it is given before the first event: give it the
    // first blocks, to a blank line, unless links may be defined further
    // down; the whole text if they hold too little.
    let skip = max.saturating_mul(4);
    let head = match body.get(skip..).and_then(|rest| rest.find("\n\n")) {
        Some(at) if !body.contains("]:") => &body[..skip + at],
        _ => body,
    };
    let (text, chars) = plain_text_upto(head, max);
    if chars < max && head.len() < body.len() {
        return plain_text_upto(body, max).0;
    }
    text
}

/// Characters in a page's description.
pub const DESCRIPTION_CHARS: usize = 200;

/// Up to `max` characters of `body`'s text, and how many it found.
fn plain_text_upto(body: &str, max: usize) -> (String, usize) {
    text_upto(Parser::new_ext(body, options()), max)
}

/// Up to `max` characters of the text in `events` (whole words), and how
/// many it found.
pub(super) fn text_upto<'e, E>(events: impl IntoIterator<Item = E>, max: usize) -> (String, usize)
where
    E: std::borrow::Borrow<Event<'e>>,
{
    let mut out = String::new();
    let mut chars = 0;
    'events: for event in events {
        let (Event::Text(text) | Event::Code(text)) = event.borrow() else {
            continue;
        };
        for word in text.split_whitespace() {
            // The space before a word counts: no trailing space at the limit.
            if chars + usize::from(!out.is_empty()) >= max {
                break 'events;
            }
            if !out.is_empty() {
                out.push(' ');
                chars += 1;
            }
            out.push_str(word);
            chars += word.chars().count();
        }
    }
    if chars > max {
        return (out.chars().take(max).collect(), chars);
    }
    (out, chars)
}
