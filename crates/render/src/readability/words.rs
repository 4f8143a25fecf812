//! Words: runs of letters and digits, and what joins them into one word.

pub(super) fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}')
}

pub(super) fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// Whether `c` joins `prev` and `next` into one word.
fn joins(prev: char, c: char, next: char) -> bool {
    if is_apostrophe(c) || is_hyphen(c) || c == '.' {
        prev.is_alphanumeric() && next.is_alphanumeric()
    } else if c == ',' || c == '\u{2013}' {
        // "1,000" and "16–25" are one number; "cats, dogs" is two words.
        prev.is_numeric() && next.is_numeric()
    } else {
        false
    }
}

/// Iterator over the words of a text, as slices of it.
pub(super) struct Words<'a> {
    text: &'a str,
    pos: usize,
}

pub(super) fn words(text: &str) -> Words<'_> {
    Words { text, pos: 0 }
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let base = self.pos;
        let rest = self.text.get(base..)?;
        let mut chars = rest.char_indices().peekable();
        let (start, first) = loop {
            match chars.next() {
                Some((i, c)) if c.is_alphanumeric() => break (i, c),
                Some(_) => {}
                None => {
                    self.pos = self.text.len();
                    return None;
                }
            }
        };
        let mut end = start + first.len_utf8();
        let mut prev = first;
        while let Some((i, c)) = chars.next() {
            if c.is_alphanumeric() {
                end = i + c.len_utf8();
                prev = c;
            } else if chars.peek().is_some_and(|&(_, next)| joins(prev, c, next)) {
                // The joiner is kept; the next letter extends `end` past it.
            } else {
                break;
            }
        }
        self.pos = base + end;
        Some(&rest[start..end])
    }
}
