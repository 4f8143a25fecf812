//! An inspection's page for children, in English or a translation.

use minijinja::Value;

use super::{InspectionValues, Made, Reads, md};
use crate::history;
use crate::markdown::{self, Explained, Explainer};
use crate::paths;
use crate::shared::{Shared, to_value};
use crate::views::{TermView, TranslationView, inspection_title, month_year};
use clarion_core::{CHILD_READERS, ChildParts, Diagnostic, Inspection, Translation};
use serde::Serialize;

/// Its text and data, its authority's earlier inspections (the changes by
/// area) and the glossary's words.
pub(super) const READS: Reads = Reads::CHILDREN
    .and(Reads::OWN_DATA)
    .and(Reads::AUTHORITY_DATA)
    .and(Reads::GLOSSARY)
    .and(Reads::DOCUMENTS);

pub(super) fn make<'a>(
    shared: &Shared<'a>,
    i: &'a Inspection,
    translation: Option<&'a Translation>,
    local: &mut InspectionValues,
    diags: &mut Vec<Diagnostic>,
) -> Made<'a> {
    let site = shared.site;
    let config = &site.config;
    let file = match translation {
        Some(t) => &t.file,
        None => i.children.as_ref().unwrap_or(&i.summary),
    };
    let path = match translation {
        Some(t) => paths::translation(&i.slug, &t.lang),
        None => paths::children(&i.slug),
    };
    let lang = translation.map_or(config.language.as_str(), |t| t.lang.as_str());
    let strings = &shared.strings;
    // In the page's language; a translation into a language with no strings
    // keeps the inspection's own (English) title, marked so by the template.
    let title = file.title.clone().unwrap_or_else(|| {
        if translation.is_some() && !strings.knows(lang) {
            return inspection_title(i);
        }
        let word = |key: &str| strings.get(lang, key).unwrap_or(key).to_string();
        match i.date() {
            Some(d) => {
                let month = strings.month_year(lang, &d.year.to_string(), d.month.map(u32::from));
                crate::strings::fill(&word("children.title_dated"), &[("month", month)])
            }
            None => word("children.title"),
        }
    });
    let head = match translation {
        None => crate::titles::inspection(
            i,
            crate::titles::Variant::Children(file.title.as_deref()),
            shared.authority_list(i),
        ),
        // A translation's own title is in its language; without one, the
        // English title says which language this version is in.
        Some(t) => file.title.clone().unwrap_or_else(|| {
            crate::titles::inspection_in(
                i,
                crate::titles::Variant::Adults,
                shared.authority_list(i),
                &format!(" ({})", clarion_core::native_name(&t.lang)),
            )
        }),
    };
    let mut m = Made::new("children.html", path, title, lang);
    m.head = Some(head);
    if !i.translations.is_empty() {
        m.alternates = super::child_alternates(i, config);
    }
    // Glossary words are English: linked on the English page only.
    let r = md(shared, file, translation.is_none());
    // Written for the page's readers: the file's own, or its first sentences.
    m.description = Some(match &file.description {
        Some(d) => d.clone(),
        None if !r.description.is_empty() => r.description.clone(),
        None => super::inspection_description(i),
    });
    diags.extend(r.diagnostics);
    // "Words to know" names each word as the page explained it (`council`,
    // not the entry's `local authority`), so the child finds the word read.
    // The parts come after the text on the page: their words are explained
    // where first used, going on from the text's.
    let glossary = translation.is_none().then_some(&shared.matcher);
    let mut explainer = markdown::Explainer::new(glossary, r.terms_used);
    let parts = translation.map_or(&i.child_parts, |t| &t.parts);
    let parts = PartsView::new(parts, &mut explainer);
    let mut terms: Vec<TermView> = explainer
        .used
        .iter()
        .map(|(&k, word)| TermView {
            term: word,
            meaning: &site.glossary[k].meaning,
            id: &site.glossary[k].id,
        })
        .collect();
    terms.sort_by_cached_key(|t| t.term.to_lowercase());
    m.set("children_html", Value::from_safe_string(r.html));
    m.set("changes", local.changes_by_area(i, shared));
    m.set("overall_area", Value::from(history::overall_area(&i.kind)));
    m.set("terms", to_value(&terms));
    m.set("inspection", local.view(i, shared));
    // A recording young people made of this page, offered before read-aloud:
    // copied beside the inspection's page like its other files.
    let recording = match translation {
        Some(t) => format!("children.{}.mp3", t.lang),
        None => "children.mp3".to_string(),
    };
    if i.assets.contains(&recording) {
        m.set(
            "recording_url",
            Value::from(format!(
                "{}{}{recording}",
                config.base_path,
                paths::inspection(&i.slug)
            )),
        );
    }
    m.set("parts", to_value(parts));
    if let Some(t) = translation {
        let view = TranslationView::new(i, t, &config.base_path);
        m.set("translation", to_value(view));
        m.set(
            "unreviewed_notice",
            Value::from(clarion_core::unreviewed_notice(&t.lang)),
        );
    }
    m
}

/// The parts children.md's front matter gives, as the template shows them:
/// "What this means for you" grouped by reader, in a fixed order.
#[derive(Serialize)]
struct PartsView<'a> {
    in_short: Option<&'a str>,
    children_said: Vec<Explained>,
    for_you: Vec<ReaderGroup<'a>>,
    checked: Option<CheckedView<'a>>,
}

#[derive(Serialize)]
struct ReaderGroup<'a> {
    /// One of `CHILD_READERS`: the template names the group from it.
    reader: &'a str,
    items: Vec<ForYouView>,
}

/// One problem, what will happen and who can help, with glossary words
/// explained.
#[derive(Serialize)]
struct ForYouView {
    problem: Explained,
    next: Explained,
    help: Explained,
}

#[derive(Serialize)]
struct CheckedView<'a> {
    by: &'a str,
    when: String,
    /// The date as written (`2026-03`), for `month_year()` in the page's language.
    date: String,
}

impl<'a> PartsView<'a> {
    /// In the order the page shows them, so each glossary word is
    /// explained at its first use.
    fn new(p: &'a ChildParts, explainer: &mut Explainer) -> Self {
        let children_said = p.children_said.iter().map(|s| explainer.text(s)).collect();
        let for_you = CHILD_READERS
            .iter()
            .map(|&reader| ReaderGroup {
                reader,
                items: p
                    .for_you
                    .iter()
                    .filter(|f| f.reader == reader)
                    .map(|f| ForYouView {
                        problem: explainer.text(&f.problem),
                        next: explainer.text(&f.next),
                        help: explainer.text(&f.help),
                    })
                    .collect(),
            })
            .filter(|g| !g.items.is_empty())
            .collect();
        PartsView {
            in_short: p.in_short.as_deref(),
            children_said,
            for_you,
            checked: p.checked.as_ref().map(|c| CheckedView {
                by: &c.by,
                when: month_year(c.date),
                date: c.date.iso(),
            }),
        }
    }
}
