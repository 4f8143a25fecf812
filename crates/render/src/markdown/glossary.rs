//! Glossary words found in text, for explaining them on child pages.

use std::sync::Arc;

use aho_corasick::{AhoCorasick, MatchKind};
use clarion_core::{GlossaryEntry, fold_word_into, glossary_words, with_endings, word_ranges};

/// Finds glossary words (their `also` forms, plurals and possessives) in
/// text, in the senses their entries cover.
///
/// Text and phrases are both written as a row of words, each folded
/// (lower-cased, curly apostrophes straight) and wrapped as `\x01word\x02`,
/// a space between words parted only by spaces and a line break between
/// others; one Aho-Corasick automaton then finds every phrase in one pass
/// over the text, however many there are. The wrapping makes each match
/// start and end on whole words. A second automaton finds the entries'
/// `only_in` and `not_in` phrases, which keep or drop the matches inside them.
#[derive(Debug)]
pub struct GlossaryMatcher {
    automaton: Option<AhoCorasick>,
    /// Per pattern: (entry index, form index: 0 the term, then `also`).
    patterns: Vec<(usize, usize)>,
    senses: Option<AhoCorasick>,
    /// Per sense pattern: (entry index, whether it is an `only_in` phrase).
    sense_patterns: Vec<(usize, bool)>,
    /// Per entry: whether it has `only_in` phrases.
    only: Vec<bool>,
    /// Per entry: its forms (term, then `also`) and meaning.
    entries: Vec<(Vec<Arc<str>>, Arc<str>)>,
}

/// One glossary word found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    /// Byte range in the text.
    pub start: usize,
    pub end: usize,
    /// Index into the glossary.
    pub entry: usize,
    /// Which of the entry's forms matched: 0 the term, then `also`.
    pub form: usize,
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

/// `words` as a row: `\x01for\x02 \x01good\x02`.
fn row_of(words: &[String]) -> String {
    let mut text = String::new();
    for (k, w) in words.iter().enumerate() {
        if k > 0 {
            text.push(' ');
        }
        text.push(WORD_START);
        text.push_str(w);
        text.push(WORD_END);
    }
    text
}

fn build(kind: MatchKind, texts: &[String]) -> Option<AhoCorasick> {
    if texts.is_empty() {
        return None;
    }
    AhoCorasick::builder().match_kind(kind).build(texts).ok()
}

impl GlossaryMatcher {
    pub fn new(entries: &[GlossaryEntry]) -> GlossaryMatcher {
        let mut exact = Vec::new();
        let mut plural = Vec::new();
        let mut texts = Vec::new();
        let mut plural_texts = Vec::new();
        let mut sense_texts = Vec::new();
        let mut sense_patterns = Vec::new();
        for (i, e) in entries.iter().enumerate() {
            for (f, form) in std::iter::once(&e.term).chain(e.also.iter()).enumerate() {
                let mut words = glossary_words(form);
                let Some(last) = words.pop() else {
                    continue;
                };
                let mut variants = with_endings(&last).into_iter();
                if let Some(plain) = variants.next() {
                    words.push(plain);
                    texts.push(row_of(&words));
                    exact.push((i, f));
                    words.pop();
                }
                for variant in variants {
                    words.push(variant);
                    plural_texts.push(row_of(&words));
                    plural.push((i, f));
                    words.pop();
                }
            }
            for (phrases, only) in [(&e.only_in, true), (&e.not_in, false)] {
                for p in phrases {
                    let words = glossary_words(p);
                    if !words.is_empty() {
                        sense_texts.push(row_of(&words));
                        sense_patterns.push((i, only));
                    }
                }
            }
        }
        // Exact forms before plurals, each in glossary order: among matches
        // of the same length the first pattern wins.
        texts.extend(plural_texts);
        exact.extend(plural);
        GlossaryMatcher {
            automaton: build(MatchKind::LeftmostLongest, &texts),
            patterns: exact,
            // Every phrase, overlapping ones too: each is about its own entry.
            senses: build(MatchKind::Standard, &sense_texts),
            sense_patterns,
            only: entries.iter().map(|e| !e.only_in.is_empty()).collect(),
            entries: entries
                .iter()
                .map(|e| {
                    let forms = std::iter::once(&e.term)
                        .chain(e.also.iter())
                        .map(|s| Arc::from(s.as_str()))
                        .collect();
                    (forms, Arc::from(e.meaning.as_str()))
                })
                .collect(),
        }
    }

    /// The word as the text has it, for the child's question ("What do
    /// care leavers mean?"): spaces made single, a possessive ending
    /// dropped, and a capital from the start of a sentence made small
    /// when the glossary spells the word in small letters.
    pub fn asked(&self, found: &Found, text: &str) -> String {
        let mut word = text[found.start..found.end]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        for ending in ["'s", "\u{2019}s", "'", "\u{2019}"] {
            if let Some(stem) = word.strip_suffix(ending) {
                word = stem.to_string();
                break;
            }
        }
        let form = &self.entries[found.entry].0[found.form];
        let small = form.chars().next().is_some_and(char::is_lowercase);
        let mut chars = word.chars();
        match chars.next() {
            Some(c) if small && c.is_uppercase() && chars.clone().all(|c| !c.is_uppercase()) => {
                c.to_lowercase().chain(chars).collect()
            }
            _ => word,
        }
    }

    /// The word to define: the glossary's term when `asked` is the term or
    /// its plural (the meaning is written for it: "care leaver: A young
    /// person..."), else the form matched (`council`, an `also` of `local
    /// authority`, for `councils`).
    pub fn defined(&self, found: &Found, asked: &str) -> &str {
        let forms = &self.entries[found.entry].0;
        let text_words = glossary_words(asked);
        let term_words = glossary_words(&forms[0]);
        // A term spelt two ways (`Children in Care Council`): as the text has it.
        if term_words == text_words
            && let Some(same) = forms.iter().find(|f| f.as_ref() == asked)
        {
            return same;
        }
        if term_words.len() == text_words.len()
            && clarion_core::phrase_holds(&text_words, &term_words)
        {
            &forms[0]
        } else {
            &forms[found.form]
        }
    }

    /// An entry's meaning.
    pub fn meaning(&self, entry: usize) -> &str {
        &self.entries[entry].1
    }

    /// Glossary words in `text`, longest first from the left, none
    /// overlapping, each in a sense its entry covers.
    pub fn find(&self, text: &str) -> Vec<Found> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        // Each word of the text: its place in `text` and where its mark
        // starts in `row`.
        let mut words: Vec<(usize, usize, usize)> = Vec::new();
        let mut row = String::with_capacity(text.len() + 16);
        let mut last_end = 0;
        for r in word_ranges(text) {
            if !words.is_empty() {
                let gap = &text[last_end..r.start];
                row.push(if gap.chars().all(char::is_whitespace) {
                    ' '
                } else {
                    '\n'
                });
            }
            words.push((r.start, r.end, row.len()));
            row.push(WORD_START);
            fold_word_into(&text[r.clone()], &mut row);
            row.push(WORD_END);
            last_end = r.end;
        }
        // The sense phrases in this text: (entry, only_in?, row range).
        let senses: Vec<(usize, bool, usize, usize)> = match &self.senses {
            Some(s) => s
                .find_overlapping_iter(&row)
                .map(|m| {
                    let (entry, only) = self.sense_patterns[m.pattern().as_usize()];
                    (entry, only, m.start(), m.end())
                })
                .collect(),
            None => Vec::new(),
        };
        let mut out = Vec::new();
        for m in automaton.find_iter(&row) {
            let (entry, form) = self.patterns[m.pattern().as_usize()];
            if !senses.is_empty() || self.only[entry] {
                let inside = |want: bool| {
                    senses.iter().any(|&(e, only, s, end)| {
                        e == entry && only == want && s <= m.start() && m.end() <= end
                    })
                };
                if (self.only[entry] && !inside(true)) || inside(false) {
                    continue;
                }
            }
            // Matches start on a word's mark and end after one.
            let first = words.partition_point(|w| w.2 < m.start());
            let last = words.partition_point(|w| w.2 < m.end()) - 1;
            out.push(Found {
                start: words[first].0,
                end: words[last].1,
                entry,
                form,
            });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(term: &str, also: &[&str]) -> GlossaryEntry {
        GlossaryEntry {
            term: term.into(),
            also: also.iter().map(|a| a.to_string()).collect(),
            meaning: "m".into(),
            id: clarion_core::slugify(term),
            ..GlossaryEntry::default()
        }
    }

    fn found(g: &GlossaryMatcher, text: &str) -> Vec<(String, usize)> {
        g.find(text)
            .into_iter()
            .map(|f| (text[f.start..f.end].to_string(), f.entry))
            .collect()
    }

    fn words(g: &GlossaryMatcher, text: &str) -> Vec<String> {
        found(g, text).into_iter().map(|(w, _)| w).collect()
    }

    #[test]
    fn whole_words_longest_first() {
        let g = GlossaryMatcher::new(&[
            entry("care", &[]),
            entry("care plan", &[]),
            entry("child witness", &[]),
            entry("IRO", &[]),
            entry("儿童", &[]),
        ]);
        // A longer phrase that stops inside a word gives way to a shorter one.
        assert_eq!(found(&g, "Care planning"), [("Care".to_string(), 0)]);
        assert_eq!(
            found(&g, "care plans, cares"),
            [("care plans".into(), 1), ("cares".into(), 0)]
        );
        // Words of a phrase are parted by spaces only.
        assert_eq!(found(&g, "care, plan"), [("care".to_string(), 0)]);
        assert_eq!(
            found(&g, "child\n  witnesses"),
            [("child\n  witnesses".to_string(), 2)]
        );
        assert_eq!(words(&g, "scare IROx"), Vec::<String>::new());
        assert_eq!(found(&g, "儿童。"), [("儿童".to_string(), 4)]);
        assert!(GlossaryMatcher::new(&[]).find("care").is_empty());
    }

    #[test]
    fn plurals_and_possessives_match() {
        let g = GlossaryMatcher::new(&[
            entry("box", &[]),
            entry("nurse", &[]),
            entry("advocate", &[]),
            entry("foster carer", &["carers"]),
            entry("agency", &[]),
            entry("IRO", &[]),
        ]);
        assert_eq!(
            words(
                &g,
                "boxes, the nurse's room, advocates, carers' rights, foster carers’ homes, agencies, IROs IRO's IROes"
            ),
            [
                "boxes",
                "nurse's",
                "advocates",
                "carers'",
                "foster carers’",
                "agencies",
                "IROs",
                "IRO's",
                "IROes"
            ]
        );
        // An apostrophe before a word is a quote.
        assert_eq!(words(&g, "the 'nurse' said"), ["nurse'"]);
    }

    #[test]
    fn not_in_leaves_everyday_uses_alone() {
        let mut good = entry("good", &[]);
        good.not_in = vec!["for good".into(), "good at".into(), "good enough".into()];
        let g = GlossaryMatcher::new(&[good, entry("care", &[])]);
        assert!(words(&g, "A new family for good. She is good at maths.").is_empty());
        assert!(words(&g, "It was not good enough.").is_empty());
        assert_eq!(
            words(&g, "Kent is good. Good care, for good."),
            ["good", "Good", "care"]
        );
        // Across a line break, in any case.
        assert!(words(&g, "For\nGOOD").is_empty());
    }

    #[test]
    fn only_in_keeps_just_the_senses_named() {
        let mut good = entry("good", &["goods"]);
        good.only_in = vec!["is good".into(), "was good".into()];
        good.not_in = vec!["was good at".into()];
        let mut review = entry("review", &[]);
        review.only_in = vec!["your review".into()];
        let g = GlossaryMatcher::new(&[good, review]);
        assert_eq!(
            words(
                &g,
                "Kent is good. A good day. It was good at sport. Care was good."
            ),
            ["good", "good"]
        );
        assert_eq!(
            words(&g, "Ofsted will review it. Run your review."),
            ["review"]
        );
        // Senses are each entry's own: `your review` does not keep `good`.
        assert!(words(&g, "your good").is_empty());
    }

    #[test]
    fn the_question_echoes_the_text_and_the_term_is_defined() {
        let g = GlossaryMatcher::new(&[
            entry("children in care council", &["Children in Care Council"]),
            entry("care leaver", &[]),
            entry("local authority", &["council"]),
            entry("IRO", &["IROs"]),
            entry("nurse", &[]),
        ]);
        let text = "The Children in Care Council met Care leavers. Councils and\nIROs. A nurse's pen. IRO.";
        let f = g.find(text);
        let asked: Vec<String> = f.iter().map(|f| g.asked(f, text)).collect();
        assert_eq!(
            asked,
            [
                "Children in Care Council",
                "care leavers",
                "councils",
                "IROs",
                "nurse",
                "IRO"
            ]
        );
        let defined: Vec<&str> = f.iter().zip(&asked).map(|(f, a)| g.defined(f, a)).collect();
        assert_eq!(
            defined,
            [
                "Children in Care Council",
                "care leaver",
                "council",
                "IRO",
                "nurse",
                "IRO"
            ]
        );
    }
}
