//! The plain text of Markdown: blocks for the readability check, and the
//! first words for descriptions.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

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

/// A body's prose as whole sentences of at most `max` characters, cut at a
/// sentence end or a word boundary (with an ellipsis): for descriptions and
/// feed summaries. It parses only the start of the body.
pub fn plain_text_prefix(body: &str, max: usize) -> String {
    // The parser reads all it is given before the first event: give it the
    // first blocks, to a blank line, unless links may be defined further
    // down; the whole text if they hold too little.
    let skip = max.saturating_mul(4);
    let head = match body.get(skip..).and_then(|rest| rest.find("\n\n")) {
        Some(at) if !body.contains("]:") => &body[..skip + at],
        _ => body,
    };
    let mut text = prose_upto(Parser::new_ext(head, options()), max);
    if text.chars().count() <= max && head.len() < body.len() {
        text = prose_upto(Parser::new_ext(body, options()), max);
    }
    cut(&text, max)
}

/// Characters in a page's description.
pub const DESCRIPTION_CHARS: usize = 200;

/// The prose in `events`, from paragraphs and list items, with inline
/// markup joined as it reads ("judged good. This") and each block ended as
/// a sentence. Headings, tables, code, images and raw HTML are left out:
/// they are not sentences. Stops a little past `max` characters, so that
/// [`cut`] can tell whether a sentence ends at the limit.
pub(super) fn prose_upto<'e, E>(events: impl IntoIterator<Item = E>, max: usize) -> String
where
    E: std::borrow::Borrow<Event<'e>>,
{
    let mut out = String::new();
    let mut chars = 0usize;
    let mut skip = 0usize;
    // A space is owed before the next word (whitespace or a block between).
    let mut space = false;
    for event in events {
        match event.borrow() {
            Event::Start(
                Tag::Heading { .. }
                | Tag::Table(_)
                | Tag::CodeBlock(_)
                | Tag::Image { .. }
                | Tag::HtmlBlock
                | Tag::FootnoteDefinition(_)
                | Tag::MetadataBlock(_),
            ) => skip += 1,
            Event::End(
                TagEnd::Heading(_)
                | TagEnd::Table
                | TagEnd::CodeBlock
                | TagEnd::Image
                | TagEnd::HtmlBlock
                | TagEnd::FootnoteDefinition
                | TagEnd::MetadataBlock(_),
            ) => skip = skip.saturating_sub(1),
            _ if skip > 0 => {}
            Event::Text(text) | Event::Code(text) => {
                space |= text.starts_with(char::is_whitespace);
                for (n, word) in text.split_whitespace().enumerate() {
                    if n > 0 || (space && !out.is_empty()) {
                        out.push(' ');
                        chars += 1;
                    }
                    out.push_str(word);
                    chars += word.chars().count();
                }
                space = text.ends_with(char::is_whitespace);
            }
            Event::SoftBreak | Event::HardBreak => space = true,
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::BlockQuote(_)) => {
                // A list item without a full stop still ends its sentence.
                if out.ends_with(char::is_alphanumeric) {
                    out.push('.');
                    chars += 1;
                }
                space = true;
            }
            _ => {}
        }
        if chars > max.saturating_add(1) {
            break;
        }
    }
    out
}

/// Ends a sentence: full stops, question and exclamation marks, in the
/// scripts Clarion's languages use.
fn ends_sentence(c: char) -> bool {
    matches!(
        c,
        '.' | '!'
            | '?'
            | '\u{2026}'
            | '\u{061F}'
            | '\u{06D4}'
            | '\u{3002}'
            | '\u{FF01}'
            | '\u{FF1F}'
    )
}

/// `text` in at most `max` characters: whole if it fits; else up to the last
/// sentence end past half way; else up to the last whole word, with an
/// ellipsis.
pub fn cut(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_string();
    }
    let limit = text.char_indices().nth(max).map_or(text.len(), |(i, _)| i);
    let mut sentence = None;
    let mut iter = text[..limit].char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let next = iter
            .peek()
            .map(|&(_, n)| n)
            .or_else(|| text[limit..].chars().next());
        if ends_sentence(c) && next.is_none_or(char::is_whitespace) {
            sentence = Some(i + c.len_utf8());
        }
    }
    if let Some(end) = sentence
        && text[..end].chars().count() >= max / 2
    {
        return text[..end].to_string();
    }
    // One character for the ellipsis.
    let limit = text
        .char_indices()
        .nth(max.saturating_sub(1))
        .map_or(text.len(), |(i, _)| i);
    let at = if text[limit..].starts_with(char::is_whitespace) {
        limit
    } else {
        text[..limit].rfind(char::is_whitespace).unwrap_or(limit)
    };
    let kept = text[..at]
        .trim_end()
        .trim_end_matches([
            ',', ';', ':', '-', '\u{2013}', '\u{2014}', '(', '[', '/', '&', '\u{060C}', '\u{061B}',
        ])
        .trim_end();
    format!("{kept}\u{2026}")
}
