//! The messages for YAML an editor got wrong: characters that look like
//! spaces, tabs, curly quotes, control characters, and the parser's own
//! complaints put in plain English.

use super::*;

/// Characters that look like a space (or like nothing) but are not one to
/// YAML, as word processors and web pages leave them: after `key:` they
/// give the parser's puzzling "could not find expected ':'".
const LOOKALIKES: &[(char, &str)] = &[
    ('\u{00A0}', "a non-breaking space (U+00A0)"),
    ('\u{2007}', "a figure space (U+2007)"),
    ('\u{202F}', "a narrow non-breaking space (U+202F)"),
    ('\u{200B}', "a zero-width space (U+200B)"),
    ('\u{2060}', "a word joiner (U+2060)"),
    ('\u{FEFF}', "a zero-width no-break space (U+FEFF)"),
    ('\t', "a tab"),
];

/// The error for one character YAML cannot read: `what` it is, at `line`
/// (1-based, in the file) and character index `col`, then `why`.
fn char_error(file: &str, line: usize, col: usize, what: &str, why: &str) -> Diagnostic {
    Diagnostic::error(
        file,
        Pos {
            line,
            column: col + 1,
            len: 1,
        },
        format!(
            "This YAML could not be read: line {line} has {what} at column {}{why}",
            col + 1
        ),
    )
}

/// A control character YAML refuses anywhere in the file (the parser says
/// only "unexpected character", at the start of the value): named, at its
/// own line and column.
pub(super) fn control_error(file: &str, source: &str, line_offset: usize) -> Option<Diagnostic> {
    source.lines().enumerate().find_map(|(i, text)| {
        let (col, c) = text
            .chars()
            .enumerate()
            .find(|(_, c)| c.is_control() && !matches!(c, '\t' | '\r' | '\u{85}'))?;
        Some(
            char_error(
                file,
                i + 1 + line_offset,
                col,
                &format!("the control character U+{:04X}", u32::from(c)),
                ", which cannot be shown.",
            )
            .with_label("control character")
            .with_help("Delete it: it is invisible, and often comes with text pasted from another program."),
        )
    })
}

/// In a plain scalar that was meant as `key: value` (`title:` then a
/// non-breaking space), the look-alike's character index and name.
pub fn lookalike_after_colon(text: &str) -> Option<(usize, &'static str)> {
    let mut prev = None;
    for (col, c) in text.chars().enumerate() {
        if prev == Some(':')
            && let Some((_, name)) = LOOKALIKES.iter().find(|(l, _)| *l == c)
        {
            return Some((col, *name));
        }
        prev = Some(c);
    }
    None
}

/// The first look-alike space (not a tab) in `text`: its character index
/// and name.
pub fn lookalike_in(text: &str) -> Option<(usize, &'static str)> {
    text.chars().enumerate().find_map(|(col, c)| {
        LOOKALIKES
            .iter()
            .find(|(l, _)| *l == c && c != '\t')
            .map(|(_, name)| (col, *name))
    })
}

/// A syntax error explained by a look-alike space on the parser's line
/// (1-based, in `source`) or the nearest line above it.
pub(super) fn lookalike_error(
    file: &str,
    source: &str,
    line: usize,
    line_offset: usize,
) -> Option<Diagnostic> {
    let lines: Vec<&str> = source.lines().take(line.max(1)).collect();
    for (i, text) in lines.iter().enumerate().rev() {
        let key_end = text.find(':').unwrap_or(0);
        let found = text.char_indices().enumerate().find_map(|(col, (at, c))| {
            let (_, name) = LOOKALIKES.iter().find(|(l, _)| *l == c)?;
            // A byte order mark opening the file is harmless.
            if c == '\u{FEFF}' && i == 0 && col == 0 {
                return None;
            }
            // Inside text these are ordinary; they mislead YAML in the key,
            // in the indentation and in the gap after `key:`.
            let before = text[..at]
                .trim_end_matches(|c: char| c == ' ' || LOOKALIKES.iter().any(|(l, _)| *l == c));
            let in_key = at < key_end && c != '\t';
            (in_key || before.is_empty() || before.ends_with(':')).then_some((col, *name))
        });
        if let Some((col, name)) = found {
            return Some(
                char_error(
                    file,
                    i + 1 + line_offset,
                    col,
                    name,
                    ", which looks like a space but is not one to YAML.",
                )
                .with_label("not an ordinary space")
                .with_help("Replace it with an ordinary space: delete the gap and type it again with the space bar. Text pasted from Word or a web page often brings these characters."),
            );
        }
    }
    None
}

/// The parser's own words, first line only (the rest repeats where it
/// was), given after the plain-English help for whoever wants them.
pub(super) fn parser_said(message: &str) -> String {
    let first = message.lines().next().unwrap_or(message).trim();
    format!(" (The YAML reader said: {first}.)")
}

/// A tab the parser refused: it reports where its scan stopped, often the
/// end of the line above, so the tab is looked for on the parser's line,
/// then below it, then above it.
pub(super) fn tab_error(
    file: &str,
    source: &str,
    line: usize,
    line_offset: usize,
    message: &str,
) -> Option<Diagnostic> {
    let lines: Vec<&str> = source.lines().collect();
    let at = line.max(1) - 1;
    let order = (at..lines.len()).chain((0..at.min(lines.len())).rev());
    order.into_iter().find_map(|i| {
        let col = lines[i].chars().position(|c| c == '\t')?;
        Some(
            char_error(
                file,
                i + 1 + line_offset,
                col,
                "a tab (U+0009)",
                ", and YAML does not allow tabs to indent or to separate a value.",
            )
            .with_label("tab")
            .with_help(format!(
                "Replace the tab with spaces: delete it and type spaces with the space bar, lining the line up with the ones around it.{}",
                parser_said(message)
            )),
        )
    })
}

/// Word's curly quotes (“ ” ‘ ’) on the parser's line: they look like
/// quotes but are ordinary letters to YAML, so a `: ` inside them still
/// ends the value.
pub(super) fn curly_quote_error(
    file: &str,
    source: &str,
    line: usize,
    line_offset: usize,
    message: &str,
) -> Option<Diagnostic> {
    const CURLY: &[(char, &str)] = &[
        ('\u{201C}', "a curly opening quote “ (U+201C)"),
        ('\u{201D}', "a curly closing quote ” (U+201D)"),
        ('\u{2018}', "a curly opening quote ‘ (U+2018)"),
        ('\u{2019}', "a curly closing quote ’ (U+2019)"),
        ('\u{201E}', "a low curly quote „ (U+201E)"),
        ('\u{00AB}', "a guillemet « (U+00AB)"),
    ];
    let lines: Vec<&str> = source.lines().collect();
    // The parser may stop on the line after the quoted text.
    let candidates = [line.max(1) - 1, line.saturating_sub(2)];
    candidates.iter().find_map(|&i| {
        let text = lines.get(i)?;
        // Only a curly quote opening the value (after `key: ` or `- `):
        // an apostrophe inside text (`Kent’s`) is not the cause.
        let item = text.trim_start();
        let item = item.strip_prefix("- ").map_or(item, str::trim_start);
        let value = item.split_once(": ").map_or(item, |(_, v)| v).trim_start();
        let first = value.chars().next()?;
        let name = CURLY.iter().find(|(q, _)| *q == first).map(|(_, n)| *n)?;
        let at = text.len() - value.len();
        let col = text[..at].chars().count();
        Some(
            char_error(
                file,
                i + 1 + line_offset,
                col,
                name,
                ". Curly quotes, as Word types them, are not quotes to YAML, so the text is not quoted.",
            )
            .with_label("curly quote")
            .with_help(format!(
                "Use straight quotes `\"` around the text: delete the curly quotes and type `\"` in a plain-text editor (Word turns them curly again).{}",
                parser_said(message)
            )),
        )
    })
}

/// The parser's message put into plain English, for the lead of the error.
pub(super) fn plain_syntax(lower: &str) -> &'static str {
    if lower.contains("mapping values are not allowed") {
        "a `: ` appears where YAML did not expect a new key"
    } else if lower.contains("expected '-'") || lower.contains("block collection") {
        "a line in a list does not start with `- ` in line with the items above it"
    } else if lower.contains("expected key") || lower.contains("block mapping") {
        "a line is not indented like the keys around it"
    } else if lower.contains("quoted scalar") || lower.contains("end of stream") {
        "a quote is opened but never closed"
    } else if lower.contains("flow sequence") || lower.contains("flow mapping") {
        "a `[` or `{` is opened but never closed, or holds something it cannot"
    } else if lower.contains("unknown anchor") {
        "an alias (`*name`) names an anchor (`&name`) that is not defined above it"
    } else if lower.contains("anchor") || lower.contains("alias") {
        "an alias (`*name`) or anchor (`&name`) is not written as YAML expects"
    } else if lower.contains("indent") {
        "a line is not indented like the lines around it"
    } else if lower.contains("end of the file") {
        "the file ends before the last value is finished"
    } else if lower.contains("expected value") {
        "a value is missing where YAML expected one"
    } else if lower.contains("expected ':'") || lower.contains("simple key") {
        "a key is not followed by `: `"
    } else {
        "something on this line is not written as YAML expects"
    }
}

pub(super) fn yaml_error(file: &str, failure: Failure) -> Diagnostic {
    const NESTING: &str = "This file is nested too deeply or repeats anchors (`&name` / `*name`) too many times. Write the values out plainly.";
    let (detail, help) = match failure.problem {
        Problem::Syntax(message) => {
            let lower = message.to_lowercase();
            let help = if lower.contains("tab") {
                "YAML indentation must use spaces, not tabs."
            } else if lower.contains("indent") || lower.contains("mapping") {
                "Check the indentation: items in the same block must start in the same column, using spaces. Text containing `: ` must be put in quotes."
            } else if lower.contains("anchor") || lower.contains("alias") {
                "An alias (`*name`) must come after its anchor (`&name`) in the same file. Check the spelling of both."
            } else {
                "Check the line for a missing quote, a stray `:` or uneven indentation. Text containing `: ` or starting with `[`, `{`, `*`, `&` or `#` must be put in quotes."
            };
            // Plain words lead; the parser's own follow as a detail.
            (
                plain_syntax(&lower).to_string(),
                format!("{help}{}", parser_said(&message)),
            )
        }
        Problem::DuplicateKey { key, first_line } => (
            format!("duplicate key `{key}` (it is already on line {first_line})"),
            "Each key may appear only once in a block. Delete or rename the repeated one."
                .to_string(),
        ),
        Problem::TooBig(what) => (format!("the file is {what}"), NESTING.to_string()),
        Problem::SecondDocument => (
            "a second document starts here (`---`)".into(),
            "A file holds one document. Delete the second `---` line, or move what follows it into its own file.".into(),
        ),
        Problem::Tag(tag) => (
            format!("Clarion does not use the tag `{tag}`"),
            "Delete the tag. To keep a value as text, put it in quotes.".into(),
        ),
        Problem::NotA { what, text, tagged } => (
            format!("`{text}` is not {what}"),
            if tagged {
                "Delete the tag before it, or correct the value.".into()
            } else {
                "Write an ordinary number, or put the value in quotes to keep it as text.".into()
            },
        ),
        Problem::BadMerge => (
            "`<<` must be given a block of keys, such as an alias `*name` to one".into(),
            "Give `<<:` an alias to a block of `key: value` lines, or delete the line.".into(),
        ),
        Problem::CopiesTooMuch => (
            "the aliases (`*name`) up to this one copy more than 1 MB of text or 100,000 values in all".into(),
            "Each alias copies the whole value of its anchor (`&name`). Write the value out once where it is needed, or use fewer aliases to long values.".into(),
        ),
    };
    Diagnostic::error(
        file,
        failure.pos,
        format!("This YAML could not be read: {detail}"),
    )
    .with_help(help)
}
