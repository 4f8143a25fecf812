//! Readability scoring for Clarion pages (Flesch Reading Ease, Flesch-Kincaid grade,
//! UK reading age, and SMOG for vocabulary), plus the long sentences and hard words that
//! drag a page's score down.
//!
//! Everything here is dictionary-free and linear in the length of the input: it runs on
//! every page of every build, so it must be cheap and must never panic.
//!
//! Choices worth knowing:
//! - A word is a run of letters (any script) and digits, joined by internal apostrophes
//!   (`don't`), hyphens (`16-25`, `well-being`) and full stops (`3.5`, `e.g`), and by commas
//!   and en dashes between digits (`1,000`, `16–25`). A trailing apostrophe (`parents'`) is
//!   not part of the word.
//! - Syllables: each maximal run of digits counts as one syllable (`0800` is 1, `16-25` and
//!   `3.5` are 2); letters use an English heuristic; every word has at least one syllable,
//!   and so has each hyphen- or dot-separated part of it (`e.g` is 2). Text in scripts
//!   without Latin vowels (Arabic, Chinese, ...) counts one syllable per word.
//!   Consonant-only capitals are spelled out (`NHS` is 3, `GP` 2), so unexplained
//!   acronyms of three or more letters are reported as hard words.
//! - Hard words only consider words made of letters, apostrophes and hyphens, so numbers,
//!   `e.g` and web addresses are never reported. `is_known` and `hard_words` see the word
//!   lower-cased with `’` turned into `'`.
//! - Sentences end at a run of `.`, `!`, `?` or `…` (plus closing quotes or brackets) that is
//!   followed by whitespace or the end of the block. A full stop does not end a sentence
//!   after the abbreviations in `ABBREVIATIONS`, after a single capital (`J. Smith`), after
//!   `No` when a digit follows, or when the next word starts lower-case (`9 a.m. on`,
//!   `waited... and`); a quoted `?` or `!` followed by a lower-case word does not end one
//!   either (`“Is it safe?” he asked.`). Line breaks inside a block do not end sentences.
//! - Vocabulary is measured with SMOG (McLaughlin 1969): `1.0430 × √(polysyllables × 30 /
//!   sentences) + 3.1291`, where a polysyllable is a word of three or more syllables by the
//!   same syllable count. SMOG needs no word list; the Dale-Chall measures need the Dale-Chall
//!   familiar-word list, which is not published under a licence that lets Clarion bundle it.

mod english;
mod sentences;
mod syllables;
#[cfg(test)]
mod tests;
mod words;

use std::collections::BTreeMap;

use sentences::sentence_spans;
pub use syllables::Syllables;
use words::{is_apostrophe, is_hyphen, words};

/// A run of text from the page with the 1-based line in the source file where it starts.
/// Each block (paragraph, heading, list item, table cell) ends any sentence in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextBlock {
    /// 1-based line in the source file where the block starts.
    pub line: usize,
    /// The block's plain text (markup already removed).
    pub text: String,
}

/// One sentence of a page, as reported in `Readability::long_sentences`.
#[derive(Debug, Clone, PartialEq)]
pub struct Sentence {
    /// 1-based source line where the sentence starts.
    pub line: usize,
    /// Number of words in the sentence.
    pub words: usize,
    /// The sentence, with runs of whitespace (including line breaks) collapsed to one space.
    pub text: String,
}

/// Readability figures for a page.
#[derive(Debug, Clone, PartialEq)]
pub struct Readability {
    /// Number of words.
    pub words: usize,
    /// Number of sentences that contain at least one word.
    pub sentences: usize,
    /// Number of syllables (heuristic).
    pub syllables: usize,
    /// Flesch Reading Ease: higher is easier.
    pub flesch_reading_ease: f64,
    /// Flesch-Kincaid grade level (US school grade).
    pub flesch_kincaid_grade: f64,
    /// Flesch-Kincaid grade + 5 (UK reading age in years).
    pub reading_age: f64,
    /// Sentences longer than the `long_sentence_words` limit, longest first (ties: source order).
    pub long_sentences: Vec<Sentence>,
    /// Words of three or more syllables that `is_known` does not accept, lower-cased, sorted, deduplicated.
    pub hard_words: Vec<String>,
    /// Words of three or more syllables, glossary words included (SMOG counts them all).
    pub polysyllables: usize,
    /// SMOG grade (US school grade) from the polysyllables per sentence.
    pub smog_grade: f64,
    /// SMOG grade + 5: the vocabulary's reading age in years, on the same scale as `reading_age`.
    pub vocabulary_age: f64,
    /// Each polysyllable (lower-cased) with how often it occurs, most frequent first (ties: alphabetical).
    pub polysyllable_words: Vec<(String, usize)>,
    /// The sentences with the most polysyllables (ties: the longer, then source order), at most
    /// `HARDEST`, each with its polysyllables.
    pub hardest_sentences: Vec<(Sentence, usize)>,
}

/// How many of the hardest sentences `Readability` keeps.
pub const HARDEST: usize = 5;

/// Text below this many words is "too short to measure".
pub const MIN_WORDS: usize = 60;

/// The outcome of `measure`: either too little text to judge, or the figures.
#[derive(Debug, Clone, PartialEq)]
pub enum Measure {
    /// Fewer than `MIN_WORDS` words: formulas are meaningless on so little text.
    TooShort {
        /// Words found.
        words: usize,
    },
    /// Enough text to score.
    Scored(Readability),
}

/// Measures the readability of a page's text blocks; `is_known(word_lowercase)` says whether a
/// word is explained on the page (glossary), so it is not "hard". `syllables` remembers the
/// words it has counted, for the next page.
pub fn measure(
    blocks: &[TextBlock],
    long_sentence_words: usize,
    is_known: &dyn Fn(&str) -> bool,
    syllables: &mut Syllables,
) -> Measure {
    let r = analyse(blocks, long_sentence_words, is_known, syllables);
    if r.words < MIN_WORDS {
        Measure::TooShort { words: r.words }
    } else {
        Measure::Scored(r)
    }
}

/// Scores blocks without the `MIN_WORDS` check, so tests can use short hand-worked texts.
fn analyse(
    blocks: &[TextBlock],
    long_sentence_words: usize,
    is_known: &dyn Fn(&str) -> bool,
    syllable_counter: &mut Syllables,
) -> Readability {
    let mut n_words = 0;
    let mut n_sentences = 0;
    let mut n_syllables = 0;
    let mut long_sentences = Vec::new();
    let mut lowered = String::new();
    let mut n_poly = 0;
    // Each could-be-hard polysyllable with its count; its keys are the
    // candidates for `hard_words`.
    let mut poly_words: BTreeMap<String, usize> = BTreeMap::new();
    let mut hardest: Vec<(Sentence, usize)> = Vec::new();

    for block in blocks {
        let text = block.text.as_str();
        let mut newlines = 0;
        let mut counted_to = 0;
        for (start, end) in sentence_spans(text) {
            // Count newlines incrementally so line numbers stay linear-time.
            newlines += text.as_bytes()[counted_to..start]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            counted_to = start;
            let sentence = &text[start..end];
            let mut sentence_words = 0;
            let mut sentence_poly = 0;
            for word in words(sentence) {
                sentence_words += 1;
                let syllables = syllable_counter.count(word);
                n_syllables += syllables;
                if syllables >= 3 {
                    sentence_poly += 1;
                }
                if syllables >= 3 && could_be_hard(word) {
                    // Reuse one buffer; allocate only for words not seen before.
                    normalise_word(word, &mut lowered);
                    match poly_words.get_mut(&lowered) {
                        Some(n) => *n += 1,
                        None => {
                            poly_words.insert(lowered.clone(), 1);
                        }
                    }
                }
            }
            if sentence_words == 0 {
                continue;
            }
            n_sentences += 1;
            n_words += sentence_words;
            n_poly += sentence_poly;
            let line = block.line + newlines;
            if sentence_words > long_sentence_words {
                long_sentences.push(Sentence {
                    line,
                    words: sentence_words,
                    text: collapse_whitespace(sentence),
                });
            }
            keep_hardest(&mut hardest, sentence, line, sentence_words, sentence_poly);
        }
    }

    // Stable sort keeps source order among sentences of equal length.
    long_sentences.sort_by_key(|s| std::cmp::Reverse(s.words));
    // Ask `is_known` once per distinct word; the set is already sorted and deduplicated.
    let hard_words = poly_words
        .keys()
        .filter(|w| !is_known(w))
        .cloned()
        .collect();

    let (fre, fk) = flesch(n_words, n_sentences, n_syllables);
    let smog_grade = smog(n_poly, n_sentences);
    let mut polysyllable_words: Vec<(String, usize)> = poly_words.into_iter().collect();
    // Stable: alphabetical among words as frequent.
    polysyllable_words.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
    Readability {
        words: n_words,
        sentences: n_sentences,
        syllables: n_syllables,
        flesch_reading_ease: fre,
        flesch_kincaid_grade: fk,
        reading_age: fk + 5.0,
        long_sentences,
        hard_words,
        polysyllables: n_poly,
        smog_grade,
        vocabulary_age: smog_grade + 5.0,
        polysyllable_words,
        hardest_sentences: hardest,
    }
}

/// Keeps the `HARDEST` sentences with the most polysyllables (then the most words), in
/// that order, each once; earlier sentences win ties. Only sentences with a polysyllable
/// are kept.
fn keep_hardest(
    hardest: &mut Vec<(Sentence, usize)>,
    sentence: &str,
    line: usize,
    words: usize,
    poly: usize,
) {
    if poly == 0 {
        return;
    }
    let rank = |s: &Sentence, p: usize| (std::cmp::Reverse(p), std::cmp::Reverse(s.words));
    let at = hardest.partition_point(|(s, p)| {
        rank(s, *p) <= (std::cmp::Reverse(poly), std::cmp::Reverse(words))
    });
    if at >= HARDEST {
        return;
    }
    // A sentence the page repeats (a card's wording) is listed once.
    let text = collapse_whitespace(sentence);
    if hardest.iter().any(|(s, _)| s.text == text) {
        return;
    }
    hardest.insert(at, (Sentence { line, words, text }, poly));
    hardest.truncate(HARDEST);
}

/// SMOG grade (McLaughlin 1969, the formula for any number of sentences); zero for no text.
fn smog(polysyllables: usize, sentences: usize) -> f64 {
    if sentences == 0 {
        return 0.0;
    }
    1.0430 * (polysyllables as f64 * 30.0 / sentences as f64).sqrt() + 3.1291
}

/// Flesch Reading Ease and Flesch-Kincaid grade; zeros for empty text rather than NaN.
fn flesch(words: usize, sentences: usize, syllables: usize) -> (f64, f64) {
    if words == 0 || sentences == 0 {
        return (0.0, 0.0);
    }
    let wps = words as f64 / sentences as f64;
    let spw = syllables as f64 / words as f64;
    (
        206.835 - 1.015 * wps - 84.6 * spw,
        0.39 * wps + 11.8 * spw - 15.59,
    )
}

/// `s` with each run of whitespace made one space, and none at either end.
pub(crate) fn collapse_whitespace(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Lower-cases and uses a straight apostrophe, so `Don’t` and `don't` are one hard word.
fn normalise_word(word: &str, out: &mut String) {
    out.clear();
    for c in word.chars() {
        if is_apostrophe(c) {
            out.push('\'');
        } else if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
}

/// Numbers, abbreviations like `e.g` and web addresses are not words a reader must learn.
fn could_be_hard(word: &str) -> bool {
    word.chars()
        .all(|c| c.is_alphabetic() || is_apostrophe(c) || is_hyphen(c))
}
