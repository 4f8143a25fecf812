//! Pages from the model, one file per page kind. Each kind makes its
//! template context and declares what it reads ([`Reads`]), so `serve`
//! asks the kinds which pages an edit reaches instead of keeping a list.

mod authorities;
mod authority;
mod children;
mod document;
mod documents;
mod england;
mod find;
mod glossary;
mod home;
mod inspection;
mod inspections;
mod not_found;
mod page;

use std::collections::BTreeMap;

use minijinja::Value;
use serde::Serialize;

use crate::markdown::{self, RenderOptions};
use crate::national_data;
use crate::shared::{Shared, to_value};
use crate::templates::Templates;
use crate::views::{InspectionObject, text_direction};
use clarion_core::{Diagnostic, Inspection, MarkdownFile, normalise};

use inspections::LIST_PAGE;

/// Inspections on the home page.
pub const HOME_LIST: usize = 20;

/// A page to render: which template, and what it shows.
#[derive(Debug, Clone, Copy)]
pub enum Job<'a> {
    Index,
    /// A page (0-based) of the list of every inspection.
    Inspections(usize),
    Inspection(&'a Inspection),
    Children(&'a Inspection, Option<&'a clarion_core::Translation>),
    Documents,
    Document(&'a clarion_core::Document),
    Page(&'a clarion_core::Page),
    Glossary,
    NotFound,
    Authorities,
    Authority(usize),
    Find,
    /// England's spread of overall grades over the years (two councils or more).
    England,
}

/// What a page shows, as its kind declares it: the parts of the site whose
/// change means the page must be made again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Reads(u16);

impl Reads {
    pub const NOTHING: Reads = Reads(0);
    /// Its own inspection's summary text.
    pub const SUMMARY: Reads = Reads(1);
    /// Its own inspection's child page or translation text.
    pub const CHILDREN: Reads = Reads(1 << 1);
    /// Its own inspection's data: grades, dates, names, translations, files.
    pub const OWN_DATA: Reads = Reads(1 << 2);
    /// The data of every inspection of its authority ([`Job::authority`]).
    pub const AUTHORITY_DATA: Reads = Reads(1 << 3);
    /// The data of the inspections it links to ([`Job::linked`]).
    pub const LINKED_DATA: Reads = Reads(1 << 4);
    /// Every inspection's data: lists, counts, England's grades.
    pub const ALL_DATA: Reads = Reads(1 << 5);
    pub const GLOSSARY: Reads = Reads(1 << 6);
    /// Documents' text and the list of them.
    pub const DOCUMENTS: Reads = Reads(1 << 7);
    /// The free-standing pages.
    pub const PAGES: Reads = Reads(1 << 8);
    /// Settings, theme and the home page's text: every page reads them.
    pub const CONFIG: Reads = Reads(1 << 9);

    /// Both sets.
    pub const fn and(self, other: Reads) -> Reads {
        Reads(self.0 | other.0)
    }

    /// Whether it reads anything of `other`.
    pub const fn any(self, other: Reads) -> bool {
        self.0 & other.0 != 0
    }
}

impl<'a> Job<'a> {
    /// What the page reads, as its kind declares it.
    pub fn reads(&self, shared: &Shared) -> Reads {
        let own = match self {
            Job::Index => home::READS,
            Job::Inspections(_) => inspections::READS,
            Job::Inspection(i) => inspection::reads(i, shared),
            Job::Children(..) => children::READS,
            Job::Documents => documents::READS,
            Job::Document(_) => document::READS,
            Job::Page(_) => page::READS,
            Job::Glossary => glossary::READS,
            Job::NotFound => not_found::READS,
            Job::Authorities => authorities::READS,
            Job::Authority(_) => authority::READS,
            Job::Find => find::READS,
            Job::England => england::READS,
        };
        // The layout shows the site's settings, navigation and theme.
        own.and(Reads::CONFIG)
    }

    /// The inspection whose own page this is, if it is one of an inspection's pages.
    pub fn inspection(&self) -> Option<&'a Inspection> {
        match self {
            Job::Inspection(i) | Job::Children(i, _) => Some(i),
            _ => None,
        }
    }

    /// The normalised name of the authority whose inspections the page shows.
    pub fn authority(&self, shared: &Shared) -> Option<String> {
        match self {
            Job::Inspection(i) | Job::Children(i, _) => Some(normalise(&i.authority)),
            Job::Authority(k) => shared.authorities.get(*k).map(|a| normalise(&a.name)),
            _ => None,
        }
    }

    /// The slugs of the inspections the page links to by name.
    pub fn linked(&self) -> &'a [String] {
        match self {
            Job::Document(d) => &d.inspections,
            _ => &[],
        }
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

/// A page's template, address, title and language, and what its template
/// reads beyond what every page does.
pub(crate) struct Made<'a> {
    template: &'static str,
    /// Under the base path, e.g. `inspections/x/`.
    path: String,
    title: String,
    lang: &'a str,
    description: Option<String>,
    /// The page's part of `<title>` when it is not `title` (an inspection's
    /// pages name the authority and the date).
    head: Option<String>,
    /// The page in every language it is in, itself included, then
    /// `x-default`: `<link rel="alternate" hreflang>`.
    alternates: Vec<Alternate>,
    extra: BTreeMap<&'static str, Value>,
}

#[derive(Serialize)]
struct Alternate {
    lang: String,
    /// The whole address, as `hreflang` wants.
    href: String,
}

impl<'a> Made<'a> {
    fn new(template: &'static str, path: String, title: String, lang: &'a str) -> Made<'a> {
        Made {
            template,
            path,
            title,
            lang,
            description: None,
            head: None,
            alternates: Vec::new(),
            extra: BTreeMap::new(),
        }
    }

    fn set(&mut self, key: &'static str, value: Value) {
        self.extra.insert(key, value);
    }
}

#[derive(Serialize)]
struct PageMeta<'a> {
    kind: &'a str,
    title: &'a str,
    /// The whole `<title>`, unique on the site.
    head_title: String,
    /// Path under the base path, e.g. `inspections/x/`.
    path: &'a str,
    url: String,
    canonical: String,
    lang: &'a str,
    dir: &'static str,
    description: Option<&'a str>,
    alternates: &'a [Alternate],
}

/// The child page of `i` in English and in each translation, with English
/// as the default: every version links to all of them.
fn child_alternates(i: &Inspection, config: &clarion_core::Config) -> Vec<Alternate> {
    let english = format!("{}{}", config.base_url, crate::paths::children(&i.slug));
    let mut out = vec![Alternate {
        lang: config.language.clone(),
        href: english.clone(),
    }];
    out.extend(i.translations.iter().map(|t| Alternate {
        lang: t.lang.clone(),
        href: format!(
            "{}{}",
            config.base_url,
            crate::paths::translation(&i.slug, &t.lang)
        ),
    }));
    out.push(Alternate {
        lang: "x-default".into(),
        href: english,
    });
    out
}

/// What a page of `i` says of itself when its text gives no sentence.
fn inspection_description(i: &Inspection) -> String {
    let kind = crate::labels::kind_label(&i.kind);
    match i.date() {
        Some(d) => format!(
            "{kind} of {}, {}.",
            i.authority,
            crate::views::month_year(d)
        ),
        None => format!("{kind} of {}.", i.authority),
    }
}

/// A rendered page; its HTML is in the buffer given to [`render_job`].
pub(crate) struct PageOut {
    pub path: String,
    pub diagnostics: Vec<Diagnostic>,
}

fn md(shared: &Shared, file: &MarkdownFile, glossary: bool) -> markdown::Rendered {
    markdown::render(
        file,
        &RenderOptions {
            links: &shared.links,
            glossary: glossary.then_some(&shared.matcher),
            id_prefix: "",
        },
    )
}

/// Values shared by the pages of one inspection (its page, its child page
/// and translations), made once when those pages render together.
#[derive(Default)]
pub(crate) struct InspectionValues {
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

/// The kind's own part of the page: template, address and what it shows.
fn make<'a>(
    shared: &Shared<'a>,
    job: &Job<'a>,
    local: &mut InspectionValues,
    diags: &mut Vec<Diagnostic>,
) -> Made<'a> {
    match job {
        Job::Index => home::make(shared, diags),
        Job::Inspections(n) => inspections::make(shared, *n),
        Job::Inspection(i) => inspection::make(shared, i, local, diags),
        Job::Children(i, t) => children::make(shared, i, *t, local, diags),
        Job::Documents => documents::make(shared),
        Job::Document(d) => document::make(shared, d, diags),
        Job::Page(p) => page::make(shared, p, diags),
        Job::Glossary => glossary::make(shared),
        Job::NotFound => not_found::make(shared),
        Job::Authorities => authorities::make(shared),
        Job::Authority(k) => authority::make(shared, *k),
        Job::England => england::make(shared),
        Job::Find => find::make(shared),
    }
}

/// Renders `job` into `html`.
pub(crate) fn render_job<'a>(
    shared: &Shared<'a>,
    templates: &Templates,
    job: &Job<'a>,
    local: &mut InspectionValues,
    html: &mut Vec<u8>,
) -> PageOut {
    let config = &shared.site.config;
    let base = &config.base_path;
    let mut diags = Vec::new();
    let made = make(shared, job, local, &mut diags);
    let path = made.path;
    let meta = PageMeta {
        kind: made.template.trim_end_matches(".html"),
        title: &made.title,
        head_title: crate::titles::compose(
            made.head.as_deref().unwrap_or(&made.title),
            &config.title,
            made.head.is_some(),
        ),
        path: &path,
        url: format!("{base}{path}"),
        canonical: format!("{}{path}", config.base_url),
        lang: made.lang,
        dir: text_direction(made.lang),
        description: made.description.as_deref(),
        alternates: &made.alternates,
    };
    let mut ctx: BTreeMap<&str, Value> = made.extra;
    ctx.insert("page", to_value(&meta));
    ctx.insert("site", shared.site_value(made.lang));
    // The language the theme's own words are in: the page's where Clarion
    // has strings for it, else the site's (marked so on the page).
    let ui_lang = shared.strings.ui_lang(made.lang, &config.language);
    ctx.insert("ui_lang", Value::from(ui_lang));
    ctx.insert("ui_dir", Value::from(text_direction(ui_lang)));
    ctx.insert(
        crate::strings::STRINGS,
        Value::from_object(crate::strings::PageStrings::new(
            shared.strings.clone(),
            ui_lang,
        )),
    );
    ctx.insert("style_url", Value::from(shared.asset("style.css")));
    ctx.insert("script_url", Value::from(shared.asset("read-aloud.js")));
    ctx.insert("favicon_url", Value::from(shared.asset("favicon.svg")));
    ctx.insert("find_script_url", Value::from(shared.asset("find.js")));
    // Already template values: made a map directly, not serialised again.
    if let Err(d) = templates.render_into(made.template, Value::from_pairs(ctx), html) {
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
