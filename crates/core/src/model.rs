//! The validated site: what the renderer works from. Everything here has
//! been checked, so rendering never meets a bad grade or a missing file.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::dates::{PartialDate, Timestamp};
use crate::diagnostic::Pos;
use crate::index::SiteIndex;

/// `site.yaml`.
#[derive(Debug, Clone)]
pub struct Config {
    pub title: String,
    /// Always ends with `/`.
    pub base_url: String,
    /// The path part of `base_url`: `/` or `/kent-inspections/`.
    pub base_path: String,
    pub language: String,
    pub theme: String,
    /// Where site.yaml names the theme, for a message about it.
    pub theme_pos: Pos,
    pub authority: Option<String>,
    pub description: Option<String>,
    pub children: ChildrenConfig,
    pub contacts: Vec<Contact>,
    /// site.yaml could not be read, so the defaults it may give (such as
    /// `authority`) are unknown: their absence is not reported again.
    pub defaults_unknown: bool,
    /// The IANA time zone embargoes without an offset are read in.
    pub timezone: String,
    /// The title in other languages (`title: {en-GB: ..., ar: ...}`), by tag.
    pub title_in: BTreeMap<String, String>,
    /// The site's own strings files (`i18n/<lang>.yaml`), by language tag.
    pub strings: BTreeMap<String, StringsFile>,
}

/// A site's strings file, `i18n/<lang>.yaml`: key -> text, keys dotted
/// (`talk.heading`) however the file nests them.
#[derive(Debug, Clone, Default)]
pub struct StringsFile {
    pub path: String,
    pub strings: BTreeMap<String, String>,
}

#[derive(Debug, Clone)]
pub struct ChildrenConfig {
    pub reading_age_max: f64,
    /// The highest vocabulary age (SMOG grade + 5) of a child page as shown.
    pub vocabulary_age_max: f64,
    pub strict: bool,
}

impl Default for ChildrenConfig {
    fn default() -> Self {
        ChildrenConfig {
            reading_age_max: 11.0,
            // SMOG reads about a year above Flesch-Kincaid on the same text:
            // it is set for full understanding, not partial.
            vocabulary_age_max: 12.0,
            strict: false,
        }
    }
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Contact {
    pub name: String,
    pub phone: Option<String>,
    pub url: Option<String>,
    pub description: Option<String>,
    /// The name, description and `no_phone` in other languages, by tag.
    #[serde(skip)]
    pub name_in: BTreeMap<String, String>,
    #[serde(skip)]
    pub description_in: BTreeMap<String, String>,
    #[serde(skip)]
    pub no_phone_in: BTreeMap<String, String>,
    /// What a child can come to this contact for (`talk`, `complain`,
    /// `advocate`); empty for a contact written before `purpose:` existed,
    /// which is shown under "Who can I talk to?" as before.
    pub purposes: Vec<String>,
    /// Why there is no phone number, said plainly on the page.
    pub no_phone: Option<String>,
}

/// What a contact can help with: the words `purpose:` takes, in the order
/// the child page shows them.
pub const CONTACT_PURPOSES: &[&str] = &["talk", "complain", "advocate"];

/// The parts of a child page that children.md's front matter gives
/// (children.<lang>.md gives its own). All optional: a page without them
/// is the page as it was.
#[derive(Debug, Clone, Default, Hash, PartialEq, Eq)]
pub struct ChildParts {
    /// Two or three sentences shown before the grade cards.
    pub in_short: Option<String>,
    /// What children told the inspectors, as the report records it.
    pub children_said: Vec<String>,
    /// "What this means for you": each problem with what will happen and
    /// who can help, for a group of readers.
    pub for_you: Vec<ForYou>,
    /// Who checked the page, and when.
    pub checked: Option<CheckedBy>,
}

/// One problem, paired with what will happen and who can help.
#[derive(Debug, Clone, Hash, PartialEq, Eq, serde::Serialize)]
pub struct ForYou {
    /// One of [`CHILD_READERS`].
    pub reader: String,
    pub problem: String,
    pub next: String,
    pub help: String,
}

/// The readers "What this means for you" can speak to, in page order.
pub const CHILD_READERS: &[&str] = &["everyone", "in-care", "leaving-care", "arrived-alone"];

#[derive(Debug, Clone, Hash, PartialEq, Eq)]
pub struct CheckedBy {
    pub by: String,
    pub date: PartialDate,
}

/// A way of inspecting and its grade scale, best grade first.
#[derive(Debug, Clone, Hash)]
pub struct Framework {
    pub key: String,
    pub name: String,
    pub years: Option<String>,
    /// The first and last month (year, month) the framework ran, when known:
    /// `check` refuses an inspection dated outside them.
    pub from: Option<(i32, u8)>,
    pub until: Option<(i32, u8)>,
    pub overall: bool,
    pub grades: Vec<Grade>,
    /// Normalised judgement name -> the areas it covers (one, or several
    /// for a joint judgement). Areas are the vocabulary shared by all
    /// frameworks: only judgements of the same area are compared.
    pub areas: BTreeMap<String, Vec<String>>,
    /// The judgement names the framework knows, as written, in order.
    pub judgement_names: Vec<String>,
}

#[derive(Debug, Clone, Hash)]
pub struct Grade {
    pub key: String,
    pub label: String,
    pub aliases: Vec<String>,
    pub child_label: String,
    pub child_meaning: String,
}

/// Lower case, with runs of spaces, hyphens and underscores made one space:
/// how grades, names and terms are compared.
pub fn normalise(s: &str) -> String {
    if s.is_ascii() {
        // The usual case, a byte at a time: no Unicode case tables.
        let mut out = String::with_capacity(s.len());
        let mut gap = false;
        for b in s.trim().bytes() {
            if matches!(b, b' ' | b'-' | b'_') || b.is_ascii_whitespace() || b == 0x0b {
                gap = true;
            } else {
                if gap && !out.is_empty() {
                    out.push(' ');
                }
                gap = false;
                out.push(char::from(b.to_ascii_lowercase()));
            }
        }
        return out;
    }
    normalised(s).collect()
}

/// The characters of [`normalise`]`(s)`, for comparing without building it.
fn normalised(s: &str) -> impl Iterator<Item = char> + '_ {
    let mut gap = false;
    let mut started = false;
    s.trim()
        .chars()
        .flat_map(move |c| {
            if c == ' ' || c == '-' || c == '_' || c.is_whitespace() {
                gap = true;
                None
            } else {
                let space = (gap && started).then_some(' ');
                gap = false;
                started = true;
                Some(space.into_iter().chain(c.to_lowercase()))
            }
        })
        .flatten()
}

impl Framework {
    /// The grade an editor means by `text` (key, label or alias).
    pub fn find_grade(&self, text: &str) -> Option<usize> {
        let wanted = normalise(text);
        // Every grade's names are compared for every judgement of a site.
        let is = |name: &str| normalised(name).eq(wanted.chars());
        self.grades
            .iter()
            .position(|g| is(&g.key) || is(&g.label) || g.aliases.iter().any(|a| is(a)))
    }
    /// The first area a judgement of this name covers.
    pub fn area_of(&self, judgement_name: &str) -> Option<&str> {
        self.areas_of(judgement_name).first().map(String::as_str)
    }
    /// Every area a judgement of this name covers; empty when unknown.
    pub fn areas_of(&self, judgement_name: &str) -> &[String] {
        self.areas
            .get(&normalise(judgement_name))
            .map_or(&[], Vec::as_slice)
    }
    /// Whether two frameworks grade on the same words, in the same order:
    /// only then does one grade mean the same under both.
    pub fn same_scale(&self, other: &Framework) -> bool {
        self.grades.len() == other.grades.len()
            && self
                .grades
                .iter()
                .zip(&other.grades)
                .all(|(a, b)| a.key == b.key)
    }
}

/// A grade given in a report: the index into its framework's grades.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct GradeRef {
    pub index: usize,
    pub pos: Pos,
}

#[derive(Debug, Clone, Hash)]
pub struct Judgement {
    pub name: String,
    pub child_name: Option<String>,
    /// The first of `areas`, kept for templates that read one area.
    pub area: Option<String>,
    /// Every area the judgement covers: several for a joint judgement
    /// ("children in care and care leavers").
    pub areas: Vec<String>,
    pub grade: Option<GradeRef>,
    pub parts: Vec<Judgement>,
}

/// A Markdown file, its body and where the body starts.
#[derive(Debug, Clone, Hash)]
pub struct MarkdownFile {
    /// Relative to the site root, `/`-separated.
    pub path: String,
    pub body: Arc<str>,
    /// 1-based line of the body's first line in the file.
    pub body_line: usize,
    pub title: Option<String>,
    /// The front matter's `description:`, where the file may have one.
    pub description: Option<String>,
}

#[derive(Debug, Clone, Hash)]
pub struct Translation {
    pub lang: String,
    pub reviewed: bool,
    pub file: MarkdownFile,
    pub parts: ChildParts,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visibility {
    Public,
    Draft,
    Embargoed(Timestamp),
}

#[derive(Debug, Clone, Hash)]
pub struct Inspection {
    pub slug: String,
    /// The bundle folder, relative to the site root.
    pub dir: String,
    pub authority: String,
    pub framework: Option<Arc<Framework>>,
    pub kind: String,
    pub graded: bool,
    pub title: Option<String>,
    pub start: Option<PartialDate>,
    pub end: Option<PartialDate>,
    pub published: Option<PartialDate>,
    pub lead_inspector: Option<String>,
    pub report_url: Option<String>,
    pub draft: bool,
    pub embargo: Option<Timestamp>,
    pub overall: Option<GradeRef>,
    pub judgements: Vec<Judgement>,
    pub improvements: Vec<String>,
    pub summary: MarkdownFile,
    pub children: Option<MarkdownFile>,
    /// The parts of the child page children.md's front matter gives.
    pub child_parts: ChildParts,
    pub translations: Vec<Translation>,
    /// Other files in the bundle, relative to the bundle, copied beside the page.
    pub assets: Vec<String>,
}

impl Inspection {
    /// The date the site orders by: `start`, else `published`.
    pub fn date(&self) -> Option<PartialDate> {
        self.start.or(self.published)
    }
    pub fn visibility(&self) -> Visibility {
        if self.draft {
            Visibility::Draft
        } else if let Some(t) = self.embargo {
            Visibility::Embargoed(t)
        } else {
            Visibility::Public
        }
    }
}

#[derive(Debug, Clone)]
pub struct Document {
    pub slug: String,
    pub title: String,
    pub date: PartialDate,
    pub inspections: Vec<String>,
    pub source_url: Option<String>,
    pub file: MarkdownFile,
}

#[derive(Debug, Clone)]
pub struct Page {
    pub slug: String,
    pub title: String,
    pub description: Option<String>,
    pub file: MarkdownFile,
}

#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct GlossaryEntry {
    pub term: String,
    pub also: Vec<String>,
    pub meaning: String,
    /// The anchor on pages: `care-leaver`.
    pub id: String,
    /// The senses covered: the word is explained only inside one of these
    /// phrases (empty: anywhere) ...
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub only_in: Vec<String>,
    /// ... and never inside one of these (`for good`, `good at`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub not_in: Vec<String>,
}

/// An inspection left out of this build, and why.
#[derive(Debug, Clone)]
pub struct Withheld {
    pub slug: String,
    pub dir: String,
    pub visibility: Visibility,
}

/// England's councils at each overall grade in one edition of Ofsted's
/// published table, from the site's `content/england.yaml`: for a site of
/// one council, which cannot count England's councils from its own pages.
#[derive(Debug, Clone, PartialEq)]
pub struct NationalEdition {
    /// The table's "as at" date (31 March of a year).
    pub as_at: PartialDate,
    /// Framework key -> councils at each of its grades, by grade index.
    pub counts: BTreeMap<String, Vec<usize>>,
}

/// Everything a build needs, checked.
#[derive(Debug, Clone)]
pub struct Site {
    pub root: std::path::PathBuf,
    pub config: Config,
    pub frameworks: BTreeMap<String, Arc<Framework>>,
    /// Newest first (by `start`, else `published`), then by slug.
    pub inspections: Vec<Inspection>,
    /// Newest first, then by slug.
    pub documents: Vec<Document>,
    /// By slug.
    pub pages: Vec<Page>,
    pub glossary: Vec<GlossaryEntry>,
    pub index: Option<MarkdownFile>,
    /// Drafts and embargoed inspections not published by this build.
    pub withheld: Vec<Withheld>,
    /// England's figures from `content/england.yaml`, oldest first.
    pub national: Vec<NationalEdition>,
    /// Authorities, inspections by slug and documents by inspection: built
    /// by validation, rebuilt by [`Site::reindex`] after an edit.
    pub lookup: SiteIndex,
}

impl Site {
    /// Rebuilds [`Site::lookup`] after the inspections or documents change.
    pub fn reindex(&mut self) {
        self.lookup = SiteIndex::new(&self.inspections, &self.documents);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_and_unicode_paths_normalise_alike() {
        let mut samples: Vec<String> = vec![
            " Requires_improvement-to  be GOOD ".into(),
            "a\x0bb\tc\nd\x0ce\rf".into(),
            "--x__y--".into(),
            String::new(),
            "Ünïcode Names".into(),
        ];
        for b in 0u8..128 {
            samples.push(format!("A{}b {}C", char::from(b), char::from(b)));
        }
        for s in samples {
            assert_eq!(normalise(&s), normalised(&s).collect::<String>(), "{s:?}");
        }
    }

    #[test]
    fn normalise_treats_separators_alike() {
        assert_eq!(
            normalise("  Requires_improvement-to  be GOOD "),
            "requires improvement to be good"
        );
    }
}
