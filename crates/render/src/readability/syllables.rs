//! Syllables in a word: digits, spelled-out capitals, possessives and
//! contractions here; the English rules for a run of letters in `english`.

use super::english::{MAX_RUN, english_syllables, is_vowel_letter};
use super::words::is_apostrophe;

/// How many words a [`Syllables`] remembers, in a table indexed by the
/// word's hash: a site's pages share most of their words, and working one
/// out is the costly part of a reading age. A word whose slot is taken
/// replaces it, so no text, however written, makes a lookup slower.
const REMEMBERED_WORDS: usize = 8192;

/// Counts syllables and remembers the words it has counted. Owned by
/// whoever measures pages, one per thread of work, so the memory is shared
/// by the pages that thread measures and is not a global.
pub struct Syllables {
    /// Slots of (word, syllables).
    known: Vec<Option<(Box<str>, usize)>>,
}

impl Default for Syllables {
    fn default() -> Self {
        Self::new()
    }
}

impl Syllables {
    pub fn new() -> Self {
        Syllables {
            known: vec![None; REMEMBERED_WORDS],
        }
    }

    /// The syllables in one word as produced by the word iterator, remembered.
    pub fn count(&mut self, word: &str) -> usize {
        let slot = clarion_core::fnv(word.as_bytes()) as usize % REMEMBERED_WORDS;
        if let Some((w, n)) = &self.known[slot]
            && **w == *word
        {
            return *n;
        }
        let n = word_syllables(word);
        self.known[slot] = Some((word.into(), n));
        n
    }
}

/// Maps a letter to lower-case ASCII, folding common accents; other scripts become `#` (a consonant).
fn map_letter(c: char) -> u8 {
    match c {
        'a'..='z' => c as u8,
        'A'..='Z' => c.to_ascii_lowercase() as u8,
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'æ' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Æ' => {
            b'a'
        }
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => b'e',
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => b'i',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'œ' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Œ' => {
            b'o'
        }
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => b'u',
        'ý' | 'ÿ' | 'Ý' => b'y',
        'ç' | 'Ç' => b'c',
        'ñ' | 'Ñ' => b'n',
        _ => b'#',
    }
}

/// Accumulates one hyphen/dot-separated part of a word.
struct Part {
    buf: [u8; MAX_RUN],
    len: usize,
    run_len: usize,
    plain_groups: usize,
    in_vowels: bool,
    syllables: usize,
    has_content: bool,
}

impl Part {
    fn new() -> Self {
        Part {
            buf: [0; MAX_RUN],
            len: 0,
            run_len: 0,
            plain_groups: 0,
            in_vowels: false,
            syllables: 0,
            has_content: false,
        }
    }

    fn push_letter(&mut self, b: u8) {
        self.has_content = true;
        if self.len < MAX_RUN {
            self.buf[self.len] = b;
            self.len += 1;
        }
        self.run_len += 1;
        let v = is_vowel_letter(b);
        if v && !self.in_vowels {
            self.plain_groups += 1;
        }
        self.in_vowels = v;
    }

    fn flush_letters(&mut self) {
        if self.run_len > 0 {
            self.syllables += if self.run_len <= MAX_RUN {
                english_syllables(&self.buf[..self.len])
            } else {
                self.plain_groups
            };
        }
        self.len = 0;
        self.run_len = 0;
        self.plain_groups = 0;
        self.in_vowels = false;
    }

    /// Ends the part, returning its syllables (at least one if it had any letters or digits).
    fn finish(&mut self) -> usize {
        self.flush_letters();
        let n = if self.has_content {
            self.syllables.max(1)
        } else {
            0
        };
        self.syllables = 0;
        self.has_content = false;
        n
    }
}

/// Syllables in one word as produced by the word iterator.
fn word_syllables(word: &str) -> usize {
    // Consonant-only capitals are spelled out: "NHS" is 3, "GP" 2, "WWF" 7.
    let n = word.len();
    if (2..=5).contains(&n)
        && word
            .bytes()
            .all(|b| b.is_ascii_uppercase() && !b"AEIOUY".contains(&b))
    {
        return word.bytes().map(|b| if b == b'W' { 3 } else { 1 }).sum();
    }
    // "class's", "James's", "church's": the possessive adds a syllable after a hiss.
    let mut tail = word.char_indices().rev();
    if let (Some((_, 's' | 'S')), Some((a_at, a)), Some((_, c))) =
        (tail.next(), tail.next(), tail.next())
        && is_apostrophe(a)
        && (matches!(c, 's' | 'x' | 'z' | 'S' | 'X' | 'Z')
            || (matches!(c, 'h' | 'H')
                && tail
                    .next()
                    .is_some_and(|(_, b)| matches!(b, 'c' | 's' | 'C' | 'S'))))
    {
        return word_syllables(&word[..a_at]) + 1;
    }
    let mut total = 0;
    let mut part = Part::new();
    let mut prev_digit = false;
    for c in word.chars() {
        if c.is_numeric() {
            part.flush_letters();
            if !prev_digit {
                part.syllables += 1;
                part.has_content = true;
            }
            prev_digit = true;
        } else if c.is_alphabetic() {
            prev_digit = false;
            part.push_letter(map_letter(c));
        } else if is_apostrophe(c) {
            // "don't" is counted as "dont"; contractions are handled below.
            prev_digit = false;
        } else {
            prev_digit = false;
            total += part.finish();
        }
    }
    total += part.finish();
    // "didn't", "couldn't", "isn't": the "n't" is its own syllable after a consonant.
    let mut tail = word.chars().rev();
    if let (Some('t' | 'T'), Some(a), Some('n' | 'N'), Some(c)) =
        (tail.next(), tail.next(), tail.next(), tail.next())
        && is_apostrophe(a)
        && c.is_ascii_alphabetic()
        && !is_vowel_letter(map_letter(c))
    {
        total += 1;
    }
    total
}
