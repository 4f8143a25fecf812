//! Shared by the targets that load one kind of site file: a small valid
//! site held in memory (no disk), with the fuzzed text put in one place.

#![allow(dead_code)]

use std::sync::Arc;

use clarion::diagnostic::{self, Diagnostics, Sources};
use clarion::load::{RawBundle, RawSite, TextFile};
use clarion::validate::{self, ValidateOptions};

pub const SITE: &str = "title: Fuzz\nbase_url: https://example.org/fuzz/\nauthority: Fuzzshire\n";
pub const INSPECTION: &str = "framework: ilacs\nkind: full\nstart: 2025-11-03\noverall: good\njudgements:\n  - name: Leaders\n    grade: good\n";

pub fn file(path: &str, text: &str) -> TextFile {
    TextFile {
        path: path.into(),
        text: Arc::from(text),
    }
}

pub fn bundle(inspection: &str) -> RawBundle {
    let dir = "content/inspections/2025-11-fuzz";
    RawBundle {
        slug: "2025-11-fuzz".into(),
        dir: dir.into(),
        inspection: Some(file(&format!("{dir}/inspection.yaml"), inspection)),
        summary: Some(file(&format!("{dir}/summary.md"), "Summary.\n")),
        children: Some(file(&format!("{dir}/children.md"), "For you.\n")),
        translations: Vec::new(),
        assets: Vec::new(),
    }
}

pub fn site() -> RawSite {
    let mut raw = RawSite::default();
    raw.site_yaml = Some(file("site.yaml", SITE));
    raw.bundles = vec![bundle(INSPECTION)];
    raw
}

/// Validates the site, then renders every diagnostic against its source,
/// as the command line does: neither step may panic, and every problem
/// must name a file.
pub fn check(mut raw: RawSite) {
    let mut sources = Sources::default();
    let files = [&raw.site_yaml, &raw.glossary, &raw.frameworks, &raw.index];
    for f in files.into_iter().flatten() {
        sources.insert(&f.path, f.text.clone());
    }
    for b in &raw.bundles {
        for f in [&b.inspection, &b.summary, &b.children].into_iter().flatten() {
            sources.insert(&f.path, f.text.clone());
        }
    }
    raw.sources = sources.clone();
    let mut diags = Diagnostics::default();
    let _site = validate::validate(&raw, ValidateOptions::default(), &mut diags);
    diags.sort();
    for d in &diags.items {
        assert!(!d.file.is_empty(), "a diagnostic names no file: {d:?}");
    }
    let _ = diagnostic::render_all(&diags, &sources, false);
}
