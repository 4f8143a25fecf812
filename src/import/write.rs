//! Bundles: the files an outcome becomes, and writing them safely.

use std::fmt::Write as _;
use std::path::Path;

use crate::dates::PartialDate;
use crate::model::Framework;

use super::*;

// ------------------------------------------------------------------ files

/// FNV-1a, 64 bits: stable across versions and machines, enough to notice
/// that a person changed a file.
pub fn content_hash(text: &str) -> String {
    format!("{:016x}", crate::hash::fnv(text.as_bytes()))
}

/// The marker line for a file of `body`, in the file's comment syntax.
pub fn with_marker(path: &str, body: &str) -> String {
    let hash = content_hash(body);
    let note = "edit freely: once edited, the import leaves this file alone";
    if path.ends_with(".md") {
        format!("<!-- {MARKER}; hash: {hash}; {note} -->\n{body}")
    } else {
        format!("# {MARKER}; hash: {hash}; {note}\n{body}")
    }
}

/// The body of a generated file and the hash its marker recorded, if the
/// first line is a marker.
pub fn split_marker(text: &str) -> Option<(&str, &str)> {
    let (first, body) = text.split_once('\n')?;
    if !first.contains(MARKER) {
        return None;
    }
    let rest = &first[first.find("hash: ")? + "hash: ".len()..];
    let hash = rest.split(|c: char| !c.is_ascii_hexdigit()).next()?;
    Some((hash, body))
}

pub(crate) fn yaml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The three files of an outcome's bundle: (file name, body without marker).
pub fn bundle_files(o: &Outcome, framework: &Framework) -> Vec<(&'static str, String)> {
    let grade = |g: usize| &framework.grades[g];
    let mut y = String::new();
    let _ = writeln!(y, "authority: {}", yaml_string(&o.authority));
    y.push_str("framework: ilacs\nkind: full\n");
    if let Some(d) = o.start {
        let _ = writeln!(y, "start: {}", d.iso());
    }
    if let Some(d) = o.end {
        let _ = writeln!(y, "end: {}", d.iso());
    }
    if let Some(d) = o.published {
        let _ = writeln!(y, "published: {}", d.iso());
    }
    if let Some(u) = &o.report_url {
        let _ = writeln!(y, "report_url: {}", yaml_string(u));
    }
    let _ = writeln!(y, "overall: {}", grade(o.overall).key);
    if !o.judgements.is_empty() {
        y.push_str("judgements:\n");
        for (area, g) in &o.judgements {
            let _ = writeln!(y, "  - name: {}", area.name());
            let _ = writeln!(y, "    child_name: {}", area.child_name());
            let _ = writeln!(y, "    area: {}", area.area_key());
            let _ = writeln!(y, "    grade: {}", grade(*g).key);
        }
    }

    let who = &o.authority;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "Ofsted inspected the children's services of {who} under its framework for inspecting local authority children's services (ILACS).\n"
    );
    match (o.start, o.end) {
        (Some(start), Some(end)) => {
            let _ = writeln!(
                s,
                "The inspection dates are {} to {}.",
                start.human(),
                end.human()
            );
        }
        (Some(start), None) => {
            let _ = writeln!(s, "The inspection date is {}.", start.human());
        }
        _ => {}
    }
    if let Some(p) = o.published {
        let _ = writeln!(s, "Ofsted published the report on {}.", p.human());
    }
    s.push_str("\n## Grades\n\n");
    let _ = writeln!(s, "- Overall effectiveness: {}", grade(o.overall).label);
    for (area, g) in &o.judgements {
        let _ = writeln!(s, "- {}: {}", area.name(), grade(*g).label);
    }
    s.push_str(
        "\nThese grades come from Ofsted's official statistics, \"Local authority inspection outcomes as at 31 March\".",
    );
    match &o.report_url {
        Some(u) => {
            let _ = writeln!(s, " The full report is on [Ofsted's website]({u}).");
        }
        None => s.push_str(" The full report is on Ofsted's website.\n"),
    }

    let mut c = String::new();
    c.push_str("## What happened\n\n");
    let _ = writeln!(
        c,
        "Inspectors from Ofsted checked the children's services in {who}."
    );
    c.push_str("They looked at how the council helps children and young people.\n");
    if let Some(d) = o.date() {
        let when = match d.month {
            Some(_) => PartialDate { day: None, ..d }.human(),
            None => d.year.to_string(),
        };
        let verb = if o.start.is_some() {
            "This was in"
        } else {
            "The report came out in"
        };
        let _ = writeln!(c, "{verb} {when}.");
    }
    c.push_str("\n## What they said\n\n");
    let _ = writeln!(
        c,
        "- Overall: **{}**.",
        grade(o.overall).child_label.to_lowercase()
    );
    for (area, g) in &o.judgements {
        let _ = writeln!(
            c,
            "- {}: **{}**.",
            area.child_name(),
            grade(*g).child_label.to_lowercase()
        );
    }
    c.push_str("\nYou can read the full report on Ofsted's website.\n");

    vec![
        ("inspection.yaml", y),
        ("summary.md", s),
        ("children.md", c),
    ]
}

/// What happened to one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileOutcome {
    Made,
    Updated,
    Unchanged,
    /// Edited by a person (or not made by the import): left alone.
    Skipped,
}

/// Writes `body` (with its marker) to `path` unless a person has edited the
/// file there.
pub(crate) fn sync_file(
    path: &Path,
    rel: &str,
    body: &str,
) -> Result<(FileOutcome, Option<String>), String> {
    let existing = match std::fs::read(path) {
        Ok(b) => Some(b),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(format!("cannot read `{}`: {e}", path.display())),
    };
    let outcome = match existing {
        None => FileOutcome::Made,
        Some(bytes) => {
            let text = String::from_utf8_lossy(&bytes);
            match split_marker(&text) {
                None => {
                    return Ok((
                        FileOutcome::Skipped,
                        Some(format!(
                            "`{rel}` was not made by the import (or its first line was changed), so it was left as it is."
                        )),
                    ));
                }
                Some((hash, old_body)) if content_hash(old_body) != hash => {
                    return Ok((
                        FileOutcome::Skipped,
                        Some(format!(
                            "`{rel}` was edited since the import made it, so it was left as it is."
                        )),
                    ));
                }
                Some((_, old_body)) if old_body == body => FileOutcome::Unchanged,
                Some(_) => FileOutcome::Updated,
            }
        }
    };
    if outcome != FileOutcome::Unchanged {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot make `{}`: {e}", parent.display()))?;
        }
        std::fs::write(path, with_marker(rel, body))
            .map_err(|e| format!("cannot write `{}`: {e}", path.display()))?;
    }
    Ok((outcome, None))
}
