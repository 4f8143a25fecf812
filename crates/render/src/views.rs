//! What templates see of the model: grades, judgements, dates, links and
//! the lazily made inspection object every page kind shares.

use std::sync::Arc;

use minijinja::Value;
use serde::Serialize;

use crate::labels::{ICONS, kind_label, tone};
use crate::paths;
use crate::shared::{DocumentIndex, Shared, to_value};
use clarion_core::*;

#[derive(Serialize, Clone)]
pub struct GradeView<'a> {
    pub key: &'a str,
    /// The framework's key: a strings file may word its grades apart.
    pub framework: &'a str,
    pub label: &'a str,
    pub child_label: &'a str,
    pub child_meaning: &'a str,
    pub rank: usize,
    pub scale: usize,
    /// 0 (best) to 5 (worst): picks the colour and icon whatever the scale's length.
    pub tone: usize,
    pub icon: &'static str,
}

pub fn grade_view(fw: &Framework, index: usize) -> GradeView<'_> {
    let g = &fw.grades[index];
    let scale = fw.grades.len();
    let t = tone(index + 1, scale);
    GradeView {
        key: &g.key,
        framework: &fw.key,
        label: &g.label,
        child_label: &g.child_label,
        child_meaning: &g.child_meaning,
        rank: index + 1,
        scale,
        tone: t,
        icon: ICONS[t],
    }
}

#[derive(Serialize)]
pub struct JudgementView<'a> {
    pub name: &'a str,
    pub child_name: &'a str,
    pub area: Option<&'a str>,
    pub grade: Option<GradeView<'a>>,
    pub parts: Vec<JudgementView<'a>>,
}

#[derive(Serialize)]
pub struct DateView {
    pub iso: String,
    pub human: String,
    /// "November 2025", or the year alone when that is all we know.
    pub month_year: String,
}

pub(crate) fn date_view(d: Option<PartialDate>) -> Option<DateView> {
    d.map(|d| DateView {
        iso: d.iso(),
        human: d.human(),
        month_year: month_year(d),
    })
}

/// "November 2025", or the year alone when that is all we know.
pub(crate) fn month_year(d: PartialDate) -> String {
    PartialDate { day: None, ..d }.human()
}

#[derive(Serialize)]
pub struct LinkView<'a> {
    pub title: &'a str,
    pub url: String,
    pub date: Option<DateView>,
}

#[derive(Serialize)]
pub struct TranslationView<'a> {
    pub lang: &'a str,
    pub name: String,
    pub dir: &'static str,
    pub url: String,
    pub reviewed: bool,
}

impl<'a> TranslationView<'a> {
    pub(crate) fn new(i: &Inspection, t: &'a Translation, base: &str) -> TranslationView<'a> {
        TranslationView {
            lang: &t.lang,
            name: clarion_core::native_name(&t.lang),
            dir: text_direction(&t.lang),
            url: format!("{base}{}", paths::translation(&i.slug, &t.lang)),
            reviewed: t.reviewed,
        }
    }
}

/// `dir` for text in `lang`.
pub(crate) fn text_direction(lang: &str) -> &'static str {
    if clarion_core::is_rtl(lang) {
        "rtl"
    } else {
        "ltr"
    }
}

fn judgement_views<'a>(fw: Option<&'a Framework>, js: &'a [Judgement]) -> Vec<JudgementView<'a>> {
    js.iter()
        .map(|j| JudgementView {
            name: &j.name,
            child_name: j.child_name.as_deref().unwrap_or(&j.name),
            area: j.area.as_deref(),
            grade: match (fw, j.grade) {
                (Some(fw), Some(g)) => Some(grade_view(fw, g.index)),
                _ => None,
            },
            parts: judgement_views(fw, &j.parts),
        })
        .collect()
}

/// The inspection's own title, or "Authority: kind of inspection".
pub(crate) fn inspection_title(i: &Inspection) -> String {
    i.title
        .clone()
        .unwrap_or_else(|| format!("{}: {}", i.authority, kind_label(&i.kind).to_lowercase()))
}

/// What a template may read of an inspection (`inspection.title`,
/// `i.overall` in a list...), in [`InspectionObject`].
pub const INSPECTION_FIELDS: [&str; 22] = [
    "slug",
    "url",
    "children_url",
    "title",
    "authority",
    "framework_key",
    "framework_name",
    "kind",
    "kind_label",
    "graded",
    "date",
    "start",
    "end",
    "published",
    "year",
    "lead_inspector",
    "report_url",
    "overall",
    "judgements",
    "improvements",
    "translations",
    "documents",
];

/// An inspection as templates see it. Each field is made when a template
/// first reads it: a list or authority page reads a few fields of a
/// hundred inspections, and making every field of each took half its time.
pub struct InspectionObject {
    site: Arc<Site>,
    index: usize,
    /// Inspection slug -> indexes of the documents that respond to it.
    documents: Arc<DocumentIndex>,
    fields: [std::sync::OnceLock<Value>; INSPECTION_FIELDS.len()],
}

impl std::fmt::Debug for InspectionObject {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.debug_struct("Inspection")
            .field("slug", &self.site.inspections[self.index].slug)
            .finish()
    }
}

impl InspectionObject {
    /// The template value of the `index`th inspection of `shared`'s site.
    pub fn value(shared: &Shared, index: usize) -> Value {
        Value::from_object(InspectionObject {
            site: shared.site_arc.clone(),
            index,
            documents: shared.documents.clone(),
            fields: Default::default(),
        })
    }

    fn make(&self, name: &str) -> Value {
        let site = &*self.site;
        let i = &site.inspections[self.index];
        let base = &site.config.base_path;
        let fw = i.framework.as_deref();
        match name {
            "slug" => Value::from(i.slug.as_str()),
            "url" => Value::from(format!("{base}{}", paths::inspection(&i.slug))),
            "children_url" => to_value(
                i.children
                    .as_ref()
                    .map(|_| format!("{base}{}", paths::children(&i.slug))),
            ),
            "title" => Value::from(inspection_title(i)),
            "authority" => Value::from(i.authority.as_str()),
            "framework_key" => to_value(fw.map(|f| f.key.as_str())),
            "framework_name" => to_value(fw.map(|f| f.name.as_str())),
            "kind" => Value::from(i.kind.as_str()),
            "kind_label" => Value::from(kind_label(&i.kind)),
            "graded" => Value::from(i.graded),
            "date" => to_value(date_view(i.date())),
            "start" => to_value(date_view(i.start)),
            "end" => to_value(date_view(i.end)),
            "published" => to_value(date_view(i.published)),
            "year" => to_value(i.date().map(|d| d.year)),
            "lead_inspector" => to_value(i.lead_inspector.as_deref()),
            "report_url" => to_value(i.report_url.as_deref()),
            "overall" => to_value(match (fw, i.overall) {
                (Some(fw), Some(g)) => Some(grade_view(fw, g.index)),
                _ => None,
            }),
            "judgements" => to_value(judgement_views(fw, &i.judgements)),
            "improvements" => to_value(&i.improvements),
            "translations" => to_value(
                i.translations
                    .iter()
                    .map(|t| TranslationView::new(i, t, base))
                    .collect::<Vec<_>>(),
            ),
            "documents" => to_value(document_links(
                self.documents
                    .get(&i.slug)
                    .into_iter()
                    .flatten()
                    .map(|&k| &site.documents[k]),
                base,
            )),
            _ => Value::UNDEFINED,
        }
    }
}

impl minijinja::value::Object for InspectionObject {
    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let name = key.as_str()?;
        let k = INSPECTION_FIELDS.iter().position(|f| *f == name)?;
        // Made once, however often the page reads it.
        Some(self.fields[k].get_or_init(|| self.make(name)).clone())
    }

    fn enumerate(self: &Arc<Self>) -> minijinja::value::Enumerator {
        minijinja::value::Enumerator::Str(&INSPECTION_FIELDS)
    }
}

/// Links to `documents`, in the order given.
pub(crate) fn document_links<'a>(
    documents: impl IntoIterator<Item = &'a Document>,
    base: &str,
) -> Vec<LinkView<'a>> {
    documents
        .into_iter()
        .map(|d| LinkView {
            title: &d.title,
            url: format!("{base}{}", paths::document(&d.slug)),
            date: date_view(Some(d.date)),
        })
        .collect()
}

#[derive(Serialize)]
pub(crate) struct TermView<'a> {
    pub term: &'a str,
    pub meaning: &'a str,
    pub id: &'a str,
}
