//! Reading-age checks of every child summary, run by `build` and `check`.

use rayon::prelude::*;

use crate::markdown;
use crate::readability::{self, Measure, Syllables};
use clarion_core::{Diagnostic, Diagnostics, MarkdownFile, Pos, Severity, Site, normalise};

/// Sentences longer than this are reported on child pages.
pub const LONG_SENTENCE_WORDS: usize = 15;

/// The reading measures of one child page.
#[derive(Debug, Clone, PartialEq)]
pub struct PageReading {
    /// The child summary's file.
    pub file: String,
    pub words: usize,
    /// `None` when the text is too short to measure.
    pub reading_age: Option<f64>,
    pub flesch_kincaid_grade: Option<f64>,
    pub flesch_reading_ease: Option<f64>,
    pub long_sentences: usize,
    pub hard_words: Vec<String>,
}

/// Measures every English child summary; warns about long sentences and a
/// reading age above `children.reading_age_max` (an error when `strict`).
/// Returns the measures, hardest first. Translations are not scored: the
/// formulas are for English.
pub fn check(site: &Site, diags: &mut Diagnostics) -> Vec<PageReading> {
    let max = site.config.children.reading_age_max;
    let strict = site.config.children.strict;
    let known = known_words(site);
    let is_known = |w: &str| is_known_word(&known, w);
    let measured: Vec<(PageReading, Vec<Diagnostic>)> = site
        .inspections
        .par_iter()
        .filter_map(|i| i.children.as_ref())
        // One syllable memory per piece of work: pages share most words.
        .map_init(Syllables::new, |syllables, file| {
            measure_one(file, max, strict, &is_known, syllables)
        })
        .collect();
    let mut out = Vec::with_capacity(measured.len());
    diags
        .items
        .reserve(measured.iter().map(|m| m.1.len()).sum());
    for (reading, found) in measured {
        diags.extend(found);
        out.push(reading);
    }
    sort_hardest_first(&mut out);
    out
}

/// Measures one child summary, for a rebuild after it changed.
pub fn check_file(site: &Site, file: &MarkdownFile) -> (PageReading, Vec<Diagnostic>) {
    let known = known_words(site);
    let is_known = |w: &str| is_known_word(&known, w);
    let c = &site.config.children;
    let mut syllables = Syllables::new();
    measure_one(file, c.reading_age_max, c.strict, &is_known, &mut syllables)
}

pub fn sort_hardest_first(out: &mut [PageReading]) {
    out.sort_by(|a, b| {
        b.reading_age
            .unwrap_or(f64::MIN)
            .total_cmp(&a.reading_age.unwrap_or(f64::MIN))
            .then_with(|| a.file.cmp(&b.file))
    });
}

/// A word in `known` (sorted), or its plural.
fn is_known_word(known: &[String], w: &str) -> bool {
    let w = w.to_lowercase();
    known.binary_search(&w).is_ok()
        || w.strip_suffix('s')
            .is_some_and(|s| known.binary_search(&s.to_string()).is_ok())
}

/// Every word of the glossary's terms, sorted: words a page explains are not "hard".
fn known_words(site: &Site) -> Vec<String> {
    let mut known: Vec<String> = Vec::new();
    for e in &site.glossary {
        for form in std::iter::once(&e.term).chain(e.also.iter()) {
            known.extend(normalise(form).split(' ').map(str::to_string));
        }
    }
    known.sort();
    known.dedup();
    known
}

fn measure_one(
    file: &MarkdownFile,
    max: f64,
    strict: bool,
    is_known: &(dyn Fn(&str) -> bool + Sync),
    syllables: &mut Syllables,
) -> (PageReading, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let blocks = markdown::text_blocks(file);
    let reading = match readability::measure(&blocks, LONG_SENTENCE_WORDS, is_known, syllables) {
        Measure::TooShort { words } => PageReading {
            file: file.path.clone(),
            words,
            reading_age: None,
            flesch_kincaid_grade: None,
            flesch_reading_ease: None,
            long_sentences: 0,
            hard_words: Vec::new(),
        },
        Measure::Scored(r) => {
            for s in &r.long_sentences {
                diags.push(
                    Diagnostic::warning(&file.path, Pos::at(s.line, 1), format!("This sentence has {} words; sentences on child pages should have {LONG_SENTENCE_WORDS} or fewer.", s.words))
                        .with_help("Split it into two short sentences, one idea each."),
                );
            }
            if r.reading_age > max {
                let d = Diagnostic::warning(
                    &file.path,
                    Pos::file(),
                    format!("This child summary has a reading age of {:.1}; the site's limit is {max}.", r.reading_age),
                )
                .with_help("Use shorter sentences and everyday words. Long words a child must know can go in the glossary.");
                diags.push(if strict {
                    Diagnostic {
                        severity: Severity::Error,
                        ..d
                    }
                } else {
                    d
                });
            }
            PageReading {
                file: file.path.clone(),
                words: r.words,
                reading_age: Some(r.reading_age),
                flesch_kincaid_grade: Some(r.flesch_kincaid_grade),
                flesch_reading_ease: Some(r.flesch_reading_ease),
                long_sentences: r.long_sentences.len(),
                hard_words: r.hard_words,
            }
        }
    };
    (reading, diags)
}

/// "Child pages read at ages 6.5 to 7.8 (the limit is 11)": one line for
/// `check` and `build`, pointing to the full table.
pub fn summary_line(readings: &[PageReading], site: &Site) -> Option<String> {
    let ages: Vec<f64> = readings.iter().filter_map(|r| r.reading_age).collect();
    let (lo, hi) = ages.iter().fold(None, |acc: Option<(f64, f64)>, &a| {
        Some(acc.map_or((a, a), |(l, h)| (l.min(a), h.max(a))))
    })?;
    let short = readings.len() - ages.len();
    let mut line = format!(
        "{} child {} read at ages {lo:.1} to {hi:.1} (the limit is {}).",
        ages.len(),
        if ages.len() == 1 { "page" } else { "pages" },
        site.config.children.reading_age_max
    );
    if short > 0 {
        line.push_str(&format!(" {short} too short to measure."));
    }
    line.push_str(" `clarion check --readability` lists each, hardest first.");
    Some(line)
}

/// The `check --readability` table.
pub fn table(readings: &[PageReading]) -> String {
    use std::fmt::Write as _;
    let mut out = String::from("Reading age  FK grade  Words  Long sentences  Child summary\n");
    for r in readings {
        match r.reading_age {
            Some(age) => {
                let _ = writeln!(
                    out,
                    "{:>11.1}  {:>8.1}  {:>5}  {:>14}  {}",
                    age,
                    r.flesch_kincaid_grade.unwrap_or_default(),
                    r.words,
                    r.long_sentences,
                    r.file
                );
            }
            None => {
                let _ = writeln!(
                    out,
                    "{:>11}  {:>8}  {:>5}  {:>14}  {} (too short to measure)",
                    "-", "-", r.words, "-", r.file
                );
            }
        }
    }
    out
}
