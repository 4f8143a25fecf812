//! `content/england.yaml`: with `--authority`, the edition's national
//! figures, so a site of one council can show it beside England without
//! bundles for every other council. Editions are merged: importing an
//! edition again replaces its entry; an edited file is left alone.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;
use std::sync::Arc;

use clarion_content::{TextFile, builtin_frameworks, read_england};
use clarion_core::{Diagnostic, Diagnostics, Framework, NationalEdition, PartialDate, Pos};

use super::*;

/// Where the file lives, relative to the site root.
pub const ENGLAND_FILE: &str = "content/england.yaml";

/// Writes (or merges into) `content/england.yaml` this edition's counts
/// of councils at each overall grade under `framework`.
pub(crate) fn write_england(
    root: &Path,
    edition: PartialDate,
    framework: &Framework,
    england: &England,
    report: &mut ImportSummary,
) -> Result<(), ImportError> {
    let path = root.join(ENGLAND_FILE);
    let frameworks: BTreeMap<String, Arc<Framework>> = builtin_frameworks()
        .into_iter()
        .map(|f| (f.key.clone(), Arc::new(f)))
        .collect();
    // The editions already there, if the import made the file and nobody
    // edited it since (an edited file is left alone by `sync_file`).
    let mut editions: Vec<NationalEdition> = std::fs::read_to_string(&path)
        .ok()
        .and_then(|text| {
            let (hash, body) = split_marker(&text)?;
            (content_hash(body) == hash).then(|| TextFile {
                path: ENGLAND_FILE.into(),
                text: Arc::from(body),
            })
        })
        .map(|file| read_england(Some(&file), &frameworks, &mut Diagnostics::default()))
        .unwrap_or_default();
    editions.retain(|e| e.as_at != edition);
    editions.push(NationalEdition {
        as_at: edition,
        counts: BTreeMap::from([(framework.key.clone(), england.counts.clone())]),
    });
    editions.sort_by_key(|e| e.as_at);
    let body = england_yaml(&editions, &frameworks);
    let (outcome, why) = sync_file(&path, ENGLAND_FILE, &body)?;
    if outcome == FileOutcome::Skipped {
        report.diagnostics.push(
            Diagnostic::warning(ENGLAND_FILE, Pos::file(), why.unwrap_or_default())
                .with_help("To have it made again with this edition's figures, delete it and run the import again."),
        );
        report.skipped.push(ENGLAND_FILE.into());
    }
    Ok(())
}

/// The file's text (without the marker line), editions oldest first.
fn england_yaml(
    editions: &[NationalEdition],
    frameworks: &BTreeMap<String, Arc<Framework>>,
) -> String {
    let mut s = String::from(
        "# England's councils at each overall grade, from Ofsted's official statistics\n\
         # \"Local authority inspection outcomes as at 31 March\" (each edition's latest\n\
         # outcome of every council), written by `clarion import ofsted-outcomes --authority`.\n\
         # Contains public sector information licensed under the Open Government Licence v3.0.\n\
         editions:\n",
    );
    for e in editions {
        let _ = writeln!(s, "  - as_at: {}\n    frameworks:", e.as_at.iso());
        for (key, counts) in &e.counts {
            let _ = writeln!(s, "      {key}:");
            let Some(fw) = frameworks.get(key) else {
                continue;
            };
            for (grade, n) in fw.grades.iter().zip(counts) {
                let _ = writeln!(s, "        {}: {n}", yaml_string(&grade.label));
            }
        }
    }
    s
}
