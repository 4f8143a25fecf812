//! Reading-age checks of every child summary, run by `build` and `check`.

use rayon::prelude::*;

use crate::markdown;
use crate::readability::{self, Measure, Syllables};
use crate::{page_text, paths};
use clarion_core::{
    Diagnostic, Diagnostics, MarkdownFile, Pos, Severity, Site, base_forms, normalise,
};

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
    /// The measures of the whole page as shown, once it is rendered and long enough.
    pub shown: Option<ShownReading>,
}

/// The measures of a rendered child page's visible text: the cards, the
/// headings and every word the theme writes, as well as the summary.
#[derive(Debug, Clone, PartialEq)]
pub struct ShownReading {
    pub words: usize,
    /// Flesch-Kincaid grade + 5.
    pub reading_age: f64,
    /// SMOG grade + 5.
    pub vocabulary_age: f64,
    pub polysyllables: usize,
    pub sentences: usize,
    /// The sentences with the most words of three or more syllables, with how many.
    pub hardest_sentences: Vec<(String, usize)>,
    /// Words of three or more syllables with how often each is used, most used first.
    pub hardest_words: Vec<(String, usize)>,
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

/// A word in `known` (sorted), or a plural or possessive of one, with the
/// endings the glossary matches on pages (`boxes`, `families`, `carer's`).
fn is_known_word(known: &[String], w: &str) -> bool {
    base_forms(&w.to_lowercase())
        .iter()
        .any(|b| known.binary_search(b).is_ok())
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
            shown: None,
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
                diags.push(error_if_strict(d, strict));
            }
            PageReading {
                file: file.path.clone(),
                words: r.words,
                reading_age: Some(r.reading_age),
                flesch_kincaid_grade: Some(r.flesch_kincaid_grade),
                flesch_reading_ease: Some(r.flesch_reading_ease),
                long_sentences: r.long_sentences.len(),
                hard_words: r.hard_words,
                shown: None,
            }
        }
    };
    (reading, diags)
}

/// A reading-age warning, made an error where `children.strict` says so.
fn error_if_strict(d: Diagnostic, strict: bool) -> Diagnostic {
    if strict {
        Diagnostic {
            severity: Severity::Error,
            ..d
        }
    } else {
        d
    }
}

/// Measures each child page as rendered in `files` (the whole page as a
/// child sees it) and fills in its `shown` measures; warns when its
/// vocabulary age is above `children.vocabulary_age_max`, or its reading
/// age above `children.reading_age_max` where the summary alone was not
/// (errors when `strict`). `page(path)` is the HTML of the rendered page at
/// that output path: the caller knows where pages went.
pub fn check_shown(
    site: &Site,
    page: &(dyn Fn(&str) -> Option<String> + Sync),
    readings: &mut [PageReading],
) -> Vec<Diagnostic> {
    // The shown measures keep no hard-word list, so none is asked for.
    let is_known = |_: &str| true;
    // Child summary file -> inspection slug, so a large site is not searched per page.
    let slugs: std::collections::HashMap<&str, &str> = site
        .inspections
        .iter()
        .filter_map(|i| Some((i.children.as_ref()?.path.as_str(), i.slug.as_str())))
        .collect();
    readings
        .par_iter_mut()
        .map_init(Syllables::new, |syllables, reading| {
            let Some(slug) = slugs.get(reading.file.as_str()) else {
                return Vec::new();
            };
            measure_shown(site, slug, page, reading, &is_known, syllables)
        })
        .flatten()
        .collect()
}

fn measure_shown(
    site: &Site,
    slug: &str,
    page: &(dyn Fn(&str) -> Option<String> + Sync),
    reading: &mut PageReading,
    is_known: &(dyn Fn(&str) -> bool + Sync),
    syllables: &mut Syllables,
) -> Vec<Diagnostic> {
    let Some(html) = page(&format!("{}index.html", paths::children(slug))) else {
        return Vec::new();
    };
    let blocks = page_text::main_text_blocks(&html);
    let Measure::Scored(r) =
        readability::measure(&blocks, LONG_SENTENCE_WORDS, is_known, syllables)
    else {
        reading.shown = None;
        return Vec::new();
    };
    let c = &site.config.children;
    let mut diags = Vec::new();
    let mut warn = |d: Diagnostic| diags.push(error_if_strict(d, c.strict));
    if r.vocabulary_age > c.vocabulary_age_max {
        warn(
            Diagnostic::warning(
                &reading.file,
                Pos::file(),
                format!(
                    "This child page, as shown with its cards and headings, has a vocabulary age of {:.1} (SMOG); the site's limit is {}.",
                    r.vocabulary_age, c.vocabulary_age_max
                ),
            )
            .with_help("Use words of one or two syllables where you can. `clarion check --readability` lists the long words and the sentences that use most of them."),
        );
    }
    let summary_within = reading.reading_age.is_none_or(|a| a <= c.reading_age_max);
    if r.reading_age > c.reading_age_max && summary_within {
        warn(
            Diagnostic::warning(
                &reading.file,
                Pos::file(),
                format!(
                    "This child page, as shown with its cards and headings, has a reading age of {:.1}; the site's limit is {}.",
                    r.reading_age, c.reading_age_max
                ),
            )
            .with_help("Use shorter sentences and everyday words, in the summary and in the grades' `child_meaning`."),
        );
    }
    reading.shown = Some(ShownReading {
        words: r.words,
        reading_age: r.reading_age,
        vocabulary_age: r.vocabulary_age,
        polysyllables: r.polysyllables,
        sentences: r.sentences,
        hardest_sentences: r
            .hardest_sentences
            .into_iter()
            .map(|(s, n)| (s.text, n))
            .collect(),
        hardest_words: r.polysyllable_words,
    });
    diags
}

/// "Child pages read at ages 6.5 to 7.8 (the limit is 11). As shown, their
/// vocabulary ages are ...": one line for `check` and `build`, pointing to
/// the full table.
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
    let vocabulary: Vec<f64> = readings
        .iter()
        .filter_map(|r| r.shown.as_ref().map(|s| s.vocabulary_age))
        .collect();
    if let (Some(lo), Some(hi)) = (
        vocabulary.iter().copied().reduce(f64::min),
        vocabulary.iter().copied().reduce(f64::max),
    ) {
        line.push_str(&format!(
            " As shown, their vocabulary ages are {lo:.1} to {hi:.1} (the limit is {}).",
            site.config.children.vocabulary_age_max
        ));
    }
    if short > 0 {
        line.push_str(&format!(" {short} too short to measure."));
    }
    line.push_str(" `clarion check --readability` lists each, hardest first.");
    Some(line)
}

/// How many of a page's most used long words the table lists.
const TABLE_WORDS: usize = 10;
/// How many of a page's hardest sentences the table lists.
const TABLE_SENTENCES: usize = 3;

/// The `check --readability` table: both measures of each page, then its
/// hardest sentences and words.
pub fn table(readings: &[PageReading]) -> String {
    use std::fmt::Write as _;
    let mut out = String::from(
        "Reading age: Flesch-Kincaid grade + 5, from sentence and word length.\n\
         Vocabulary age: SMOG grade + 5, from words of three or more syllables.\n\
         \"Summary\" is children.md alone; \"page\" is the whole page as shown.\n\n\
         Reading age        Vocabulary age  Words          Long       Child summary\n\
         summary   page     page            summary  page  sentences\n",
    );
    let num = |v: Option<f64>| v.map_or_else(|| "-".to_string(), |v| format!("{v:.1}"));
    for r in readings {
        let shown = r.shown.as_ref();
        let _ = write!(
            out,
            "{:>7}  {:>6}  {:>14}  {:>7}  {:>5}  {:>9}       {}",
            num(r.reading_age),
            num(shown.map(|s| s.reading_age)),
            num(shown.map(|s| s.vocabulary_age)),
            r.words,
            shown.map_or_else(|| "-".to_string(), |s| s.words.to_string()),
            r.reading_age
                .map_or_else(|| "-".to_string(), |_| r.long_sentences.to_string()),
            r.file
        );
        if r.reading_age.is_none() {
            out.push_str(" (too short to measure)");
        }
        out.push('\n');
    }
    for r in readings {
        let Some(s) = &r.shown else { continue };
        let _ = writeln!(out, "\n{}", r.file);
        if !s.hardest_sentences.is_empty() {
            out.push_str("  Sentences with most long words:\n");
            for (text, n) in s.hardest_sentences.iter().take(TABLE_SENTENCES) {
                let _ = writeln!(out, "    {n}: {text}");
            }
        }
        if !s.hardest_words.is_empty() {
            let words: Vec<String> = s
                .hardest_words
                .iter()
                .take(TABLE_WORDS)
                .map(|(w, n)| {
                    if *n > 1 {
                        format!("{w} ({n})")
                    } else {
                        w.clone()
                    }
                })
                .collect();
            let _ = writeln!(
                out,
                "  Long words ({} in {} sentences): {}",
                s.polysyllables,
                s.sentences,
                words.join(", ")
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::is_known_word;

    #[test]
    fn known_words_count_with_the_glossarys_endings() {
        let mut known: Vec<String> = ["advocate", "box", "carer", "family", "party"]
            .map(String::from)
            .to_vec();
        known.sort();
        for w in [
            "advocates",
            "boxes",
            "families",
            "parties",
            "carer's",
            "carers'",
            "Families",
        ] {
            assert!(is_known_word(&known, w), "{w}");
        }
        for w in ["advocacy", "boxer", "parts", "famil"] {
            assert!(!is_known_word(&known, w), "{w}");
        }
    }
}
