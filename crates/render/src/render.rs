//! Pages from the model: the MiniJinja environment, one context per page
//! kind, and the rendered files in memory. Nothing here reads a file.

use std::collections::BTreeMap;
use std::sync::Arc;

use minijinja::{Environment, Value};
use rayon::prelude::*;
use serde::Serialize;

use crate::history;
use crate::labels::{ICONS, kind_label, tone};
use crate::markdown::{self, RenderOptions};
use crate::national_data;
use crate::paths;
use crate::shared::{DocumentIndex, Shared, to_value};
use crate::theme;
use clarion_content::ThemeFiles;
use clarion_core::{Diagnostic, PartialDate, Pos, *};

/// A file of the built site, in memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    /// Shared, so a kept site can be handed to the server without copying.
    Bytes(Arc<[u8]>),
    /// Copied from disk as it is.
    Copy(std::path::PathBuf),
}

/// Output path (relative, `/`-separated) -> content.
pub type Files = BTreeMap<String, Content>;

/// Where pages go as they are made, so a large site is not held in memory
/// whole: the site stage writes them to its staging folder. Rendering itself
/// never touches the disk.
pub trait PageSink: Sync {
    /// Keeps `bytes` as the page at `path` (relative, `/`-separated) and
    /// says where it now lives.
    fn put(&self, path: &str, bytes: &[u8]) -> std::io::Result<std::path::PathBuf>;
}

// ------------------------------------------------------------------ views

#[derive(Serialize, Clone)]
pub struct GradeView<'a> {
    pub key: &'a str,
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

fn date_view(d: Option<PartialDate>) -> Option<DateView> {
    d.map(|d| DateView {
        iso: d.iso(),
        human: d.human(),
        month_year: month_year(d),
    })
}

/// "November 2025", or the year alone when that is all we know.
fn month_year(d: PartialDate) -> String {
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
    fn new(i: &Inspection, t: &'a Translation, base: &str) -> TranslationView<'a> {
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
fn text_direction(lang: &str) -> &'static str {
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
fn inspection_title(i: &Inspection) -> String {
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

#[derive(Serialize)]
struct PageMeta<'a> {
    kind: &'a str,
    title: &'a str,
    /// Path under the base path, e.g. `inspections/x/`.
    path: &'a str,
    url: String,
    canonical: String,
    lang: &'a str,
    dir: &'static str,
    description: Option<&'a str>,
}

// ------------------------------------------------------------------ environment

/// The templates: the site's theme over the embedded default.
pub struct Templates {
    env: Environment<'static>,
    /// Template name -> the file it came from, for error messages.
    origins: BTreeMap<String, String>,
}

const FUEL: u64 = 20_000_000;

fn template_error(e: &minijinja::Error, origins: &BTreeMap<String, String>) -> Diagnostic {
    let name = e.name().unwrap_or("template");
    let file = origins
        .get(name)
        .cloned()
        .unwrap_or_else(|| format!("(built-in theme) templates/{name}"));
    let pos = e.line().map_or(Pos::file(), |l| Pos::at(l, 1));
    let mut detail = e
        .detail()
        .map(str::to_string)
        .unwrap_or_else(|| e.kind().to_string());
    // An include loop repeats the same cause many times: say each once.
    let mut seen = std::collections::BTreeSet::new();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        let text = s.to_string();
        if seen.insert(text.clone()) {
            detail.push_str(&format!(": {text}"));
        }
        source = s.source();
    }
    let help = if matches!(e.kind(), minijinja::ErrorKind::OutOfFuel) {
        "The template did too much work (an endless loop or very deep recursion?). Simplify it."
    } else {
        "Fix the template, or delete it from your theme to use the default one."
    };
    Diagnostic::error(
        file,
        pos,
        format!("The template `{name}` failed: {detail}."),
    )
    .with_help(help)
}

impl Templates {
    /// Builds the environment from the embedded default theme overlaid by
    /// `site_theme` (the site's own `themes/<name>/`).
    pub fn new(site_theme: Option<&ThemeFiles>, diags: &mut Vec<Diagnostic>) -> Templates {
        let mut env = Environment::new();
        env.set_fuel(Some(FUEL));
        env.set_recursion_limit(100);
        env.set_undefined_behavior(minijinja::UndefinedBehavior::Chainable);
        let mut origins = BTreeMap::new();
        let mut sources: BTreeMap<String, String> = theme::TEMPLATES
            .iter()
            .map(|(n, s)| ((*n).to_string(), (*s).to_string()))
            .collect();
        if let Some(t) = site_theme {
            for (name, file) in &t.templates {
                sources.insert(name.clone(), file.text.to_string());
                origins.insert(name.clone(), file.path.clone());
            }
        }
        for (name, source) in sources {
            if let Err(e) = env.add_template_owned(name.clone(), source) {
                diags.push(template_error(&e, &origins));
            }
        }
        // MiniJinja also escapes `/`, which bloats every address; HTML needs
        // only these five escaped.
        env.set_formatter(|out, state, value| {
            if matches!(state.auto_escape(), minijinja::AutoEscape::Html) && !value.is_safe() {
                if value.is_undefined() || value.is_none() {
                    return Ok(());
                }
                let written = match value.as_str() {
                    Some(s) => clarion_core::write_html_escaped(out, s),
                    // Nothing to escape in a number or true/false.
                    None if matches!(
                        value.kind(),
                        minijinja::value::ValueKind::Number | minijinja::value::ValueKind::Bool
                    ) =>
                    {
                        write!(out, "{value}")
                    }
                    None => clarion_core::write_html_escaped(out, &value.to_string()),
                };
                written.map_err(|_| {
                    minijinja::Error::new(minijinja::ErrorKind::WriteFailure, "could not write")
                })
            } else {
                minijinja::escape_formatter(out, state, value)
            }
        });
        env.add_function("badge", badge);
        env.add_function("grade_icon", |name: &str| {
            Value::from_safe_string(icon_svg(name).to_string())
        });
        env.add_filter("dateformat", |v: String| {
            PartialDate::parse(&v).map(|d| d.human()).unwrap_or(v)
        });
        Templates { env, origins }
    }

    /// Renders into `out`, which a thread keeps from page to page: a page
    /// built in a fresh string grows it several times, and the largest
    /// (an authority's, a few hundred KB) take fresh memory from the system.
    fn render_into(&self, name: &str, ctx: Value, out: &mut Vec<u8>) -> Result<(), Diagnostic> {
        out.clear();
        self.env
            .get_template(name)
            .and_then(|t| t.render_captured_to(ctx, &mut *out))
            .map(|_| ())
            .map_err(|e| template_error(&e, &self.origins))
    }
}

// ------------------------------------------------------------------ rendering

/// The grade icons: shapes distinct by rank, drawn in the grade's colour.
pub fn icon_svg(name: &str) -> &'static str {
    match name {
        "star" => {
            r##"<svg class="grade-icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false"><path d="M12 2.5l2.9 6 6.6.9-4.8 4.6 1.2 6.5L12 17.4l-5.9 3.1 1.2-6.5L2.5 9.4l6.6-.9z"/></svg>"##
        }
        "tick-circle" => {
            r##"<svg class="grade-icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false"><circle cx="12" cy="12" r="10"/><path d="M7 12.5l3.2 3.2L17.5 8.5" fill="none" stroke="#fff" stroke-width="2.6" stroke-linecap="round" stroke-linejoin="round"/></svg>"##
        }
        "tick" => {
            r##"<svg class="grade-icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false"><path d="M4 12.5l5 5L20.5 6" fill="none" stroke="currentColor" stroke-width="3.4" stroke-linecap="round" stroke-linejoin="round"/></svg>"##
        }
        "exclamation" => {
            r##"<svg class="grade-icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false"><circle cx="12" cy="12" r="10"/><path d="M12 6.5v7" stroke="#fff" stroke-width="2.8" stroke-linecap="round"/><circle cx="12" cy="17.3" r="1.6" fill="#fff"/></svg>"##
        }
        "warning" => {
            r##"<svg class="grade-icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false"><path d="M12 2.5L22.5 21h-21z"/><path d="M12 9v5.5" stroke="#fff" stroke-width="2.5" stroke-linecap="round"/><circle cx="12" cy="18" r="1.4" fill="#fff"/></svg>"##
        }
        _ => {
            r##"<svg class="grade-icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false"><path d="M5 5l14 14M19 5L5 19" fill="none" stroke="currentColor" stroke-width="3.6" stroke-linecap="round"/></svg>"##
        }
    }
}

thread_local! {
    /// Badges made on this thread, by word, tone and icon: a site has a few
    /// dozen different ones and shows them hundreds of thousands of times.
    static BADGES: std::cell::RefCell<std::collections::HashMap<(Value, usize, Value), Value>> =
        std::cell::RefCell::new(std::collections::HashMap::new());
}

/// `badge(grade)`: the grade's official word with its icon;
/// `badge(grade, true)`: the plain word for children.
fn badge(g: Value, child: Option<bool>) -> Result<Value, minijinja::Error> {
    let attr = |name: &str| {
        g.get_attr(name)
            .ok()
            .filter(|v| !v.is_undefined() && !v.is_none())
    };
    let word = if child.unwrap_or(false) {
        attr("child_label").or_else(|| attr("label"))
    } else {
        attr("label")
    };
    let tone = attr("tone")
        .and_then(|t| usize::try_from(t).ok())
        .unwrap_or(0)
        .min(5);
    let icon = attr("icon");
    // Only text words and icons are remembered: a number equal to another
    // (1 and 1.0) would be written differently.
    let key = match (&word, &icon) {
        (Some(w), Some(i)) if w.as_str().is_some() && i.as_str().is_some() => {
            Some((w.clone(), tone, i.clone()))
        }
        _ => None,
    };
    if let Some(known) = key
        .as_ref()
        .and_then(|k| BADGES.with_borrow(|b| b.get(k).cloned()))
    {
        return Ok(known);
    }
    let word = word.map(|w| w.to_string()).unwrap_or_default();
    let icon = icon.map(|i| i.to_string()).unwrap_or_default();
    let mut html = String::with_capacity(600);
    html.push_str("<span class=\"grade grade-tone-");
    html.push(char::from(b'0' + tone as u8));
    html.push_str("\">");
    html.push_str(icon_svg(&icon));
    html.push_str("<span class=\"grade-word\">");
    let _ = clarion_core::write_html_escaped(&mut html, &word);
    html.push_str("</span></span>");
    let made = Value::from_safe_string(html);
    if let Some(key) = key {
        BADGES.with_borrow_mut(|b| {
            // Bounded, whatever a theme passes in.
            if b.len() < 4096 {
                b.insert(key, made.clone());
            }
        });
    }
    Ok(made)
}

/// A page to render: which template, and what it shows.
#[derive(Debug, Clone, Copy)]
pub enum Job<'a> {
    Index,
    /// A page (0-based) of the list of every inspection.
    Inspections(usize),
    Inspection(&'a Inspection),
    Children(&'a Inspection, Option<&'a Translation>),
    Documents,
    Document(&'a Document),
    Page(&'a Page),
    Glossary,
    NotFound,
    Authorities,
    Authority(usize),
    Find,
    /// England's spread of overall grades over the years (two councils or more).
    England,
}

/// Inspections per page of the list of all inspections, and on the home page.
pub const LIST_PAGE: usize = 100;
pub const HOME_LIST: usize = 20;

fn list_page_path(n: usize) -> String {
    if n == 0 {
        "inspections/".into()
    } else {
        format!("inspections/page/{}/", n + 1)
    }
}

#[derive(Serialize)]
struct Pagination {
    page: usize,
    pages: usize,
    previous: Option<String>,
    next: Option<String>,
}

/// How many inspections the find page lists without JavaScript before it
/// points to the A-Z list of authorities.
const FIND_PAGE_LIST: usize = 500;

/// The rendered pages and the problems met on the way.
pub struct Output {
    pub files: Files,
    pub diagnostics: Vec<Diagnostic>,
}

/// A rendered page; its HTML is in the buffer given to [`render_job`].
struct PageOut {
    path: String,
    diagnostics: Vec<Diagnostic>,
}

fn md(shared: &Shared, file: &MarkdownFile, glossary: bool, prefix: &str) -> markdown::Rendered {
    markdown::render(
        file,
        &RenderOptions {
            links: &shared.links,
            glossary: glossary.then_some(&shared.matcher),
            id_prefix: prefix,
        },
    )
}

#[derive(Serialize)]
struct TermView<'a> {
    term: &'a str,
    meaning: &'a str,
    id: &'a str,
}

/// Values shared by the pages of one inspection (its page, its child page
/// and translations), made once when those pages render together.
#[derive(Default)]
struct InspectionValues {
    view: Option<Value>,
    /// The changes since the last inspection: the area of each (one change
    /// per area), and all of them as a list of template values.
    changes: Option<(Vec<String>, Value)>,
}

impl InspectionValues {
    fn view(&mut self, i: &Inspection, shared: &Shared) -> Value {
        self.view
            .get_or_insert_with(|| InspectionObject::value(shared, shared.index_of(i)))
            .clone()
    }

    fn changes_and_areas(&mut self, i: &Inspection, shared: &Shared) -> &(Vec<String>, Value) {
        self.changes.get_or_insert_with(|| {
            let changes = shared.since_last(i);
            let areas = changes.iter().map(|c| c.area.clone()).collect();
            (areas, to_value(changes))
        })
    }

    fn changes(&mut self, i: &Inspection, shared: &Shared) -> Value {
        self.changes_and_areas(i, shared).1.clone()
    }

    /// The same changes keyed by area, for a child page's cards.
    fn changes_by_area(&mut self, i: &Inspection, shared: &Shared) -> Value {
        let (areas, list) = self.changes_and_areas(i, shared);
        let mut by_area: Vec<(&str, Value)> = areas
            .iter()
            .map(String::as_str)
            .zip(list.try_iter().into_iter().flatten())
            .collect();
        by_area.sort_by_key(|(area, _)| *area);
        Value::from_pairs(by_area)
    }
}

/// The inspection a page belongs to, if it is one of an inspection's pages.
fn job_inspection<'a>(job: &Job<'a>) -> Option<&'a Inspection> {
    match job {
        Job::Inspection(i) | Job::Children(i, _) => Some(i),
        _ => None,
    }
}

fn render_job<'a>(
    shared: &Shared<'a>,
    templates: &Templates,
    job: &Job<'a>,
    local: &mut InspectionValues,
    html: &mut Vec<u8>,
) -> PageOut {
    let site = shared.site;
    let config = &site.config;
    let base = &config.base_path;
    let mut diags = Vec::new();
    let mut extra: BTreeMap<&str, Value> = BTreeMap::new();
    let (template, path, title, lang, description): (&str, String, String, &str, Option<String>);
    match job {
        Job::Index => {
            template = "index.html";
            path = String::new();
            title = config.title.clone();
            lang = &config.language;
            description = config.description.clone();
            let views: Vec<Value> = (0..site.inspections.len().min(HOME_LIST))
                .map(|k| InspectionObject::value(shared, k))
                .collect();
            extra.insert("inspections", Value::from(views));
            extra.insert("inspection_count", Value::from(site.inspections.len()));
            if let [only] = shared.authorities.as_slice() {
                let list = shared
                    .by_authority
                    .get(&normalise(&only.name))
                    .map(Vec::as_slice)
                    .unwrap_or(&[]);
                extra.insert("history", to_value(history::history(&only.name, list)));
            } else {
                extra.insert("authorities", to_value(&shared.authorities));
            }
            if let Some(index) = &site.index {
                let r = md(shared, index, false, "");
                diags.extend(r.diagnostics);
                extra.insert("intro_html", Value::from_safe_string(r.html));
            }
            // The newest few: a national site has thousands, on their own page.
            let docs = document_links(site.documents.iter().take(HOME_LIST), base);
            extra.insert("documents", to_value(docs));
            extra.insert("document_count", Value::from(site.documents.len()));
        }
        Job::Inspections(n) => {
            template = "inspections.html";
            let pages = site.inspections.len().div_ceil(LIST_PAGE).max(1);
            path = list_page_path(*n);
            title = if pages > 1 {
                format!("All inspections (page {} of {pages})", n + 1)
            } else {
                "All inspections".into()
            };
            lang = &config.language;
            description = None;
            let first = n * LIST_PAGE;
            let views: Vec<Value> = (first..site.inspections.len().min(first + LIST_PAGE))
                .map(|k| InspectionObject::value(shared, k))
                .collect();
            extra.insert("inspections", Value::from(views));
            let link = |k: usize| format!("{base}{}", list_page_path(k));
            extra.insert(
                "pagination",
                to_value(Pagination {
                    page: n + 1,
                    pages,
                    previous: (*n > 0).then(|| link(n - 1)),
                    next: (n + 1 < pages).then(|| link(n + 1)),
                }),
            );
        }
        Job::Inspection(i) => {
            template = "inspection.html";
            path = paths::inspection(&i.slug);
            title = inspection_title(i);
            lang = &config.language;
            let r = md(shared, &i.summary, false, "");
            description = Some(r.description.clone());
            diags.extend(r.diagnostics);
            extra.insert("summary_html", Value::from_safe_string(r.html));
            extra.insert("inspection", local.view(i, shared));
            extra.insert("changes", local.changes(i, shared));
            extra.insert("beside_england", to_value(shared.england.beside(i, None)));
        }
        Job::Children(i, translation) => {
            template = "children.html";
            let file = match translation {
                Some(t) => &t.file,
                None => i.children.as_ref().unwrap_or(&i.summary),
            };
            path = match translation {
                Some(t) => paths::translation(&i.slug, &t.lang),
                None => paths::children(&i.slug),
            };
            lang = translation.map_or(config.language.as_str(), |t| t.lang.as_str());
            title = file.title.clone().unwrap_or_else(|| match translation {
                None => match i.date() {
                    Some(d) => format!("What Ofsted found in {}", month_year(d)),
                    None => "What Ofsted found".to_string(),
                },
                Some(_) => inspection_title(i),
            });
            description = None;
            // Glossary words are English: linked on the English page only.
            let r = md(shared, file, translation.is_none(), "");
            diags.extend(r.diagnostics);
            let terms: Vec<TermView> = r
                .terms_used
                .iter()
                .map(|&k| &site.glossary[k])
                .map(|e| TermView {
                    term: &e.term,
                    meaning: &e.meaning,
                    id: &e.id,
                })
                .collect();
            extra.insert("children_html", Value::from_safe_string(r.html));
            extra.insert("changes", local.changes_by_area(i, shared));
            extra.insert("overall_area", Value::from(history::overall_area(&i.kind)));
            extra.insert("terms", to_value(&terms));
            extra.insert("inspection", local.view(i, shared));
            if let Some(t) = translation {
                extra.insert("translation", to_value(TranslationView::new(i, t, base)));
                extra.insert(
                    "unreviewed_notice",
                    Value::from(clarion_core::unreviewed_notice(&t.lang)),
                );
            }
        }
        Job::Documents => {
            template = "documents.html";
            path = "documents/".into();
            title = "Related documents".into();
            lang = &config.language;
            description = None;
            extra.insert("documents", to_value(document_links(&site.documents, base)));
        }
        Job::Document(d) => {
            template = "document.html";
            path = paths::document(&d.slug);
            title = d.title.clone();
            lang = &config.language;
            let r = md(shared, &d.file, false, "");
            description = Some(r.description.clone());
            diags.extend(r.diagnostics);
            let linked: Vec<LinkView> = d
                .inspections
                .iter()
                .filter_map(|s| shared.by_slug.get(s.as_str()))
                .map(|&k| &site.inspections[k])
                .map(|i| LinkView {
                    title: i.title.as_deref().unwrap_or(&i.slug),
                    url: format!("{base}{}", paths::inspection(&i.slug)),
                    date: date_view(i.date()),
                })
                .collect();
            extra.insert("html", Value::from_safe_string(r.html));
            extra.insert("inspections", to_value(&linked));
            extra.insert("date", to_value(date_view(Some(d.date))));
            extra.insert("source_url", Value::from(d.source_url.clone()));
        }
        Job::Page(p) => {
            template = "page.html";
            path = paths::page(&p.slug);
            title = p.title.clone();
            lang = &config.language;
            description = p.description.clone();
            let r = md(shared, &p.file, false, "");
            diags.extend(r.diagnostics);
            extra.insert("html", Value::from_safe_string(r.html));
        }
        Job::Glossary => {
            template = "glossary.html";
            path = "glossary/".into();
            title = "Words explained".into();
            lang = &config.language;
            description = None;
            extra.insert("entries", to_value(&site.glossary));
        }
        Job::Authorities => {
            template = "authorities.html";
            path = "authorities/".into();
            title = "Authorities A to Z".into();
            lang = &config.language;
            description = None;
            extra.insert("authorities", to_value(&shared.authorities));
        }
        Job::Authority(k) => {
            let a = &shared.authorities[*k];
            template = "authority.html";
            path = format!("authorities/{}/", a.slug);
            title = a.name.clone();
            lang = &config.language;
            description = Some(format!(
                "Inspections of {} and how its grades changed over the years.",
                a.name
            ));
            let list = shared
                .by_authority
                .get(&normalise(&a.name))
                .map(Vec::as_slice)
                .unwrap_or(&[]);
            let views: Vec<Value> = list
                .iter()
                .map(|i| InspectionObject::value(shared, shared.index_of(i)))
                .collect();
            let mut docs: Vec<&Document> = list
                .iter()
                .flat_map(|i| shared.documents.get(&i.slug).into_iter().flatten())
                .map(|&k| &site.documents[k])
                .collect();
            docs.sort_by(|x, y| y.date.cmp(&x.date).then_with(|| x.slug.cmp(&y.slug)));
            docs.dedup_by(|x, y| x.slug == y.slug);
            extra.insert("authority", to_value(a));
            extra.insert("inspections", Value::from(views));
            extra.insert("documents", to_value(document_links(docs, base)));
            extra.insert("history", to_value(history::history(&a.name, list)));
            // Its latest overall grade beside England's as the site knows it now.
            let now = shared.england.newest;
            let beside = list.iter().find_map(|i| shared.england.beside(i, now));
            extra.insert("beside_england", to_value(beside));
        }
        Job::England => {
            template = "england.html";
            path = "england/".into();
            title = "England's grades over the years".into();
            lang = &config.language;
            description = Some(
                "The share of councils in England at each overall grade, year by year.".into(),
            );
            extra.insert("spread", to_value(national_data::spread(site)));
        }
        Job::Find => {
            template = "find.html";
            path = "find/".into();
            title = "Find an inspection".into();
            lang = &config.language;
            description = None;
            extra.insert("authorities", to_value(&shared.authorities));
            let views: Vec<Value> = (0..site.inspections.len().min(FIND_PAGE_LIST))
                .map(|k| InspectionObject::value(shared, k))
                .collect();
            extra.insert("inspections", Value::from(views));
            extra.insert("inspection_count", Value::from(site.inspections.len()));
            extra.insert("search_url", Value::from(format!("{base}search/")));
        }
        Job::NotFound => {
            template = "404.html";
            path = "404.html".into();
            title = "Page not found".into();
            lang = &config.language;
            description = None;
        }
    }
    let kind = template.trim_end_matches(".html");
    let meta = PageMeta {
        kind,
        title: &title,
        path: &path,
        url: format!("{base}{path}"),
        canonical: format!("{}{path}", config.base_url),
        lang,
        dir: text_direction(lang),
        description: description.as_deref(),
    };
    let mut ctx: BTreeMap<&str, Value> = extra;
    ctx.insert("page", to_value(&meta));
    ctx.insert("site", shared.site_value.clone());
    ctx.insert("style_url", Value::from(shared.asset("style.css")));
    ctx.insert("script_url", Value::from(shared.asset("read-aloud.js")));
    ctx.insert("favicon_url", Value::from(shared.asset("favicon.svg")));
    ctx.insert("find_script_url", Value::from(shared.asset("find.js")));
    // Already template values: made a map directly, not serialised again.
    if let Err(d) = templates.render_into(template, Value::from_pairs(ctx), html) {
        diags.push(d);
        html.clear();
    }
    let out_path = if path.ends_with('/') || path.is_empty() {
        format!("{path}index.html")
    } else {
        path
    };
    PageOut {
        path: out_path,
        diagnostics: diags,
    }
}

/// Every page of the site.
pub fn all_jobs<'a>(shared: &Shared<'a>) -> Vec<Job<'a>> {
    let site = shared.site;
    let mut jobs = vec![Job::Index, Job::NotFound];
    let list_pages = site.inspections.len().div_ceil(LIST_PAGE).max(1);
    jobs.extend((0..list_pages).map(Job::Inspections));
    if !site.glossary.is_empty() {
        jobs.push(Job::Glossary);
    }
    if !site.documents.is_empty() {
        jobs.push(Job::Documents);
    }
    for i in &site.inspections {
        jobs.push(Job::Inspection(i));
        if i.children.is_some() {
            jobs.push(Job::Children(i, None));
        }
        for t in &i.translations {
            jobs.push(Job::Children(i, Some(t)));
        }
    }
    jobs.extend(site.documents.iter().map(Job::Document));
    jobs.extend(site.pages.iter().map(Job::Page));
    jobs.push(Job::Find);
    if shared.authorities.len() > 1 {
        jobs.push(Job::Authorities);
        jobs.extend((0..shared.authorities.len()).map(Job::Authority));
        if national_data::spread(site).is_some() {
            jobs.push(Job::England);
        }
    }
    jobs
}

/// Renders the given pages, in parallel.
pub fn render_jobs(shared: &Shared, templates: &Templates, jobs: &[Job]) -> Output {
    render_jobs_into(shared, templates, jobs, None)
}

/// Links to `documents`, in the order given.
fn document_links<'a>(
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

thread_local! {
    /// Each rendering thread's page buffer, reused from page to page.
    static PAGE_BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Renders pages in parallel; with `stage`, each page is written to disk as
/// soon as it is made and only its staged path is kept, so memory stays
/// proportional to the content, not to the output.
pub fn render_jobs_into(
    shared: &Shared,
    templates: &Templates,
    jobs: &[Job],
    stage: Option<&dyn PageSink>,
) -> Output {
    // An inspection's pages render together, so they share its values.
    let groups: Vec<&[Job]> = jobs
        .chunk_by(|a, b| match (job_inspection(a), job_inspection(b)) {
            (Some(x), Some(y)) => std::ptr::eq(x, y),
            _ => false,
        })
        .collect();
    let pages: Vec<(String, Content, Vec<Diagnostic>)> = groups
        .par_iter()
        // Small pieces, so no core is left alone with a long run at the end.
        .with_max_len(8)
        .flat_map_iter(|group| {
            let mut local = InspectionValues::default();
            PAGE_BUFFER.with_borrow_mut(|html| {
                group
                    .iter()
                    .map(|j| {
                        let p = render_job(shared, templates, j, &mut local, html);
                        let content = match stage {
                            Some(stage) => match stage.put(&p.path, html) {
                                Ok(at) => Content::Copy(at),
                                // Kept in memory; the final write reports the failure.
                                Err(_) => Content::Bytes(html.as_slice().into()),
                            },
                            None => Content::Bytes(html.as_slice().into()),
                        };
                        (p.path, content, p.diagnostics)
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let mut files = Files::new();
    let mut diagnostics = Vec::new();
    for (path, content, d) in pages {
        files.insert(path, content);
        diagnostics.extend(d);
    }
    Output { files, diagnostics }
}

/// Renders every page of the site, and the finder's index; with `stage`,
/// writing pages to it as they are made.
pub fn render_site_into(
    shared: &Shared,
    templates: &Templates,
    stage: Option<&dyn PageSink>,
) -> Output {
    // The finder's index is made while the pages render.
    let (mut out, search) = rayon::join(
        || render_jobs_into(shared, templates, &all_jobs(shared), stage),
        || crate::search::files(shared),
    );
    for (path, bytes) in search {
        out.files.insert(path, Content::Bytes(bytes.into()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tones_spread_over_scales() {
        let four: Vec<usize> = (1..=4).map(|r| tone(r, 4)).collect();
        assert_eq!(four, [0, 2, 3, 5]);
        let six: Vec<usize> = (1..=6).map(|r| tone(r, 6)).collect();
        assert_eq!(six, [0, 1, 2, 3, 4, 5]);
        assert_eq!(tone(1, 1), 0);
        assert_eq!((1..=3).map(|r| tone(r, 3)).collect::<Vec<_>>(), [0, 3, 5]);
    }

    #[test]
    fn kind_labels() {
        assert_eq!(kind_label("focused-visit"), "Focused visit");
        assert_eq!(kind_label("fostering"), "Fostering inspection");
    }
}
