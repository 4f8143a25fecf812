//! Glossary words found in text, for linking them on child pages.

use clarion_core::GlossaryEntry;

/// Finds glossary words (and their `also` forms and plurals) in text.
///
/// Text and phrases are both written as a row of words, each lower-cased
/// and wrapped as `\x01word\x02`, a space between words parted only by
/// spaces and a line break between others; one Aho-Corasick automaton
/// then finds every phrase in one pass over the text, however many there
/// are. The wrapping makes each match start and end on whole words.
#[derive(Debug)]
pub struct GlossaryMatcher {
    automaton: Option<aho_corasick::AhoCorasick>,
    /// Per pattern: (entry index, entry id).
    patterns: Vec<(usize, std::sync::Arc<str>)>,
}

impl Default for GlossaryMatcher {
    fn default() -> Self {
        GlossaryMatcher::new(&[])
    }
}

/// Marks around each word, never part of one (words are letters, digits
/// and apostrophes).
const WORD_START: char = '\x01';
const WORD_END: char = '\x02';

fn words_of(s: &str) -> Vec<String> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '\u{2019}'))
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect()
}

/// Endings a phrase's last word may have: `care leavers`, `foster
/// homes`, `the independent reviewing officer's`.
const PLURALS: [&str; 4] = ["s", "es", "'s", "\u{2019}s"];

impl GlossaryMatcher {
    pub fn new(entries: &[GlossaryEntry]) -> GlossaryMatcher {
        let mut exact = Vec::new();
        let mut plural = Vec::new();
        let mut texts = Vec::new();
        let mut plural_texts = Vec::new();
        for (i, e) in entries.iter().enumerate() {
            let id: std::sync::Arc<str> = e.id.as_str().into();
            for form in std::iter::once(&e.term).chain(e.also.iter()) {
                let words = words_of(form);
                if words.is_empty() {
                    continue;
                }
                let mut text = String::new();
                for (k, w) in words.iter().enumerate() {
                    if k > 0 {
                        text.push(' ');
                    }
                    text.push(WORD_START);
                    text.push_str(w);
                    text.push(WORD_END);
                }
                // A one-word term takes only `s`, as it always has: `IRO's`
                // and `boxes` are left alone.
                let endings = if words.len() == 1 {
                    &PLURALS[..1]
                } else {
                    &PLURALS[..]
                };
                for ending in endings {
                    let mut p = text[..text.len() - 1].to_string();
                    p.push_str(ending);
                    p.push(WORD_END);
                    plural_texts.push(p);
                    plural.push((i, id.clone()));
                }
                texts.push(text);
                exact.push((i, id.clone()));
            }
        }
        // Exact forms before plurals, each in glossary order: among matches
        // of the same length the first pattern wins.
        texts.extend(plural_texts);
        exact.extend(plural);
        let automaton = if texts.is_empty() {
            None
        } else {
            aho_corasick::AhoCorasick::builder()
                .match_kind(aho_corasick::MatchKind::LeftmostLongest)
                .build(&texts)
                .ok()
        };
        GlossaryMatcher {
            automaton,
            patterns: exact,
        }
    }

    /// Glossary matches in `text`, longest first from the left, none
    /// overlapping: (start, end, entry, id) with byte ranges into `text`.
    pub fn find(&self, text: &str) -> Vec<(usize, usize, usize, &str)> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        // Each word of the text: its place in `text` and where its mark
        // starts in `row`.
        let mut words: Vec<(usize, usize, usize)> = Vec::new();
        let mut row = String::with_capacity(text.len() + 16);
        let mut last_end = 0;
        let mut start = None;
        let mut push_word = |s: usize, e: usize, row: &mut String, last_end: &mut usize| {
            if !words.is_empty() {
                let gap = &text[*last_end..s];
                row.push(if gap.chars().all(char::is_whitespace) {
                    ' '
                } else {
                    '\n'
                });
            }
            words.push((s, e, row.len()));
            row.push(WORD_START);
            let word = &text[s..e];
            if word.is_ascii() {
                row.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
            } else {
                row.push_str(&word.to_lowercase());
            }
            row.push(WORD_END);
            *last_end = e;
        };
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            // Byte by byte through ASCII, the most of an English page.
            let (is_word, width) = if bytes[i].is_ascii() {
                (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'\'', 1)
            } else {
                let c = text[i..].chars().next().unwrap_or(' ');
                (c.is_alphanumeric() || c == '\u{2019}', c.len_utf8())
            };
            match (is_word, start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    push_word(s, i, &mut row, &mut last_end);
                    start = None;
                }
                _ => {}
            }
            i += width;
        }
        if let Some(s) = start {
            push_word(s, text.len(), &mut row, &mut last_end);
        }
        let mut out = Vec::new();
        for m in automaton.find_iter(&row) {
            // Matches start on a word's mark and end after one.
            let first = words.partition_point(|w| w.2 < m.start());
            let last = words.partition_point(|w| w.2 < m.end()) - 1;
            let (entry, id) = &self.patterns[m.pattern().as_usize()];
            out.push((words[first].0, words[last].1, *entry, id.as_ref()));
        }
        out
    }
}
