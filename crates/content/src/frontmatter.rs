//! Splitting YAML front matter (between `---` lines) from a Markdown body.

/// The parts of a Markdown file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML between the fences, and the 1-based line it starts on.
    pub front: Option<(&'a str, usize)>,
    pub body: &'a str,
    /// The 1-based line the body starts on.
    pub body_line: usize,
}

/// Why a file's front matter could not be split off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unclosed;

/// Splits `---`-fenced front matter from the top of `text`. The closing fence
/// is `---` or `...` alone on a line. A file without an opening fence is all body.
///
/// A `---` first line is also a Markdown rule: when no line after it, up
/// to the next `---`, looks like YAML (`# Heading` is a comment to YAML,
/// `Our promise` a lone scalar), or the first line is such and the block
/// is never closed, it is Markdown, and the whole file is body. Otherwise
/// a heading under a rule would vanish as a YAML comment.
pub fn split(text: &str) -> Result<Split<'_>, Unclosed> {
    let first_end = text.find('\n').map_or(text.len(), |i| i + 1);
    let all_body = Split {
        front: None,
        body: text,
        body_line: 1,
    };
    if text[..first_end].trim_end() != "---" {
        return Ok(all_body);
    }
    let mut offset = first_end;
    let mut line = 2;
    while offset < text.len() {
        let end = text[offset..]
            .find('\n')
            .map_or(text.len(), |i| offset + i + 1);
        let content = text[offset..end].trim_end();
        if content == "---" || content == "..." {
            if only_headings(&text[first_end..offset]) {
                return Ok(all_body);
            }
            return Ok(Split {
                front: Some((&text[first_end..offset], 2)),
                body: &text[end..],
                // A closing fence on the last line, with no line break,
                // leaves an empty body on that same line.
                body_line: if text[..end].ends_with('\n') {
                    line + 1
                } else {
                    line
                },
            });
        }
        offset = end;
        line += 1;
    }
    let first = text[first_end..].lines().find(|l| !l.trim().is_empty());
    if first.is_some_and(is_prose) {
        return Ok(all_body);
    }
    Err(Unclosed)
}

/// True when `block` has some lines and none that are not blank looks
/// like YAML.
fn only_headings(block: &str) -> bool {
    let mut lines = block.lines().filter(|l| !l.trim().is_empty()).peekable();
    lines.peek().is_some() && lines.all(is_prose)
}

/// A heading, or a line of text with no `key:` and no YAML punctuation at
/// its start: Markdown, not front matter that went wrong.
fn is_prose(line: &str) -> bool {
    line.starts_with('#')
        || (!line.contains(':')
            && !line.starts_with([
                ' ', '\t', '-', '[', '{', '"', '\'', '&', '*', '!', '|', '>', '%', '@', '`', '?',
            ]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter() {
        let s = split("---\ntitle: A\n---\n# Body\n").unwrap();
        assert_eq!(s.front, Some(("title: A\n", 2)));
        assert_eq!(s.body, "# Body\n");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn handles_crlf_and_dots() {
        let s = split("---\r\na: 1\r\n...\r\nBody").unwrap();
        assert_eq!(s.front, Some(("a: 1\r\n", 2)));
        assert_eq!(s.body, "Body");
    }

    #[test]
    fn no_front_matter() {
        let s = split("Hello\n---\n").unwrap();
        assert_eq!(s.front, None);
        assert_eq!(s.body_line, 1);
        assert_eq!(split("").unwrap().body, "");
    }

    #[test]
    fn empty_front_matter_and_unclosed() {
        assert_eq!(split("---\n---\nx").unwrap().front, Some(("", 2)));
        assert_eq!(split("---\ntitle: A\n"), Err(Unclosed));
        assert_eq!(split("---"), Err(Unclosed));
    }

    /// A rule at the top, then a heading: Markdown, not front matter.
    #[test]
    fn a_rule_above_a_heading_is_markdown() {
        for text in [
            "---\n# Our promise\n---\nText\n",
            "---\n\n## Our promise\n\n---\n",
            "---\n# Our promise\n\nText with no second rule.\n",
            "---\nOur promise\n---\nText\n",
            "---\nOur promise to you\n",
        ] {
            let s = split(text).unwrap();
            assert_eq!((s.front, s.body, s.body_line), (None, text, 1), "{text:?}");
        }
        // Comments above keys are still front matter.
        let s = split("---\n# notes\ntitle: A\n---\nBody\n").unwrap();
        assert_eq!(s.front, Some(("# notes\ntitle: A\n", 2)));
        assert_eq!(split("---\ntitle: A\n# Heading\n"), Err(Unclosed));
        // YAML gone wrong is still front matter, to be reported.
        assert_eq!(
            split("---\n- title\n---\n").unwrap().front,
            Some(("- title\n", 2))
        );
        assert!(split("---\ntitle: [oops\n---\n").unwrap().front.is_some());
    }

    /// Found by the `frontmatter` fuzz target: the body's line was one too
    /// far when the closing fence ended the file without a line break.
    #[test]
    fn closing_fence_at_the_very_end() {
        let text = "---\ntitle: Home\nsubtitle: Hello\n---";
        let s = split(text).unwrap();
        assert_eq!(s.body, "");
        assert_eq!(s.body_line, 4);
        assert_eq!(split("---\na: 1\n---\n").unwrap().body_line, 4);
    }
}
