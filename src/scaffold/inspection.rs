//! The files of a new inspection (`clarion new inspection`).

use std::fmt::Write as _;

use super::NewFile;
use crate::dates::{self, PartialDate, Timestamp};
use crate::model::Framework;
use crate::validate::{STARTER_MARK, UNGRADED_KINDS};

/// Today's date (UTC), for a start date to be corrected.
pub fn today() -> PartialDate {
    let (y, m, d) = dates::civil_from_days(Timestamp::now().0.div_euclid(86_400));
    PartialDate {
        year: y,
        month: Some(m),
        day: Some(d),
    }
}

/// `2026-03` from a slug that starts `2026-03-`, else today.
pub fn start_for(slug: &str, today: PartialDate) -> String {
    start_in_slug(slug).unwrap_or_else(|| today.iso())
}

/// `2026-03` from a slug that starts `2026-03-`: a month the editor chose.
pub fn start_in_slug(slug: &str) -> Option<String> {
    let mut parts = slug.splitn(3, '-');
    if let (Some(y), Some(m)) = (parts.next(), parts.next())
        && y.len() == 4
        && m.len() == 2
        && let Ok(d) = PartialDate::parse(&format!("{y}-{m}"))
    {
        return Some(d.iso());
    }
    None
}

/// The judgements to start from: one per area, with the framework's latest
/// name for it (frameworks list older names first), the overall one left out.
pub(super) fn starter_judgements(fw: &Framework) -> Vec<&str> {
    let mut by_area: Vec<(String, &str)> = Vec::new();
    for name in &fw.judgement_names {
        let area = fw
            .area_of(name)
            .map_or_else(|| crate::model::normalise(name), str::to_string);
        if area == "overall" {
            continue;
        }
        match by_area.iter_mut().find(|(a, _)| *a == area) {
            Some(slot) => slot.1 = name,
            None => by_area.push((area, name)),
        }
    }
    by_area.into_iter().map(|(_, n)| n).collect()
}

/// A YAML double-quoted string, for names that may hold `:` or `#`.
fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn yaml_name(s: &str) -> String {
    if s.contains([
        ':', '#', '"', '\'', '[', ']', '{', '}', ',', '&', '*', '!', '|', '>', '%', '@', '`',
    ]) {
        quoted(s)
    } else {
        s.to_string()
    }
}

/// The files of a new inspection bundle: `inspection.yaml`, `summary.md`
/// and, when graded, `children.md`. The inspection starts as a draft, so
/// the site keeps building while it is written; nothing in it passes as
/// real: grades are left empty and the pages carry [`STARTER_MARK`], both
/// errors once it is no longer a draft.
pub fn new_inspection(slug: &str, fw: &Framework, kind: &str, start: &str) -> Vec<NewFile> {
    let graded = !UNGRADED_KINDS.contains(&kind);
    let mut y = String::new();
    let _ = writeln!(
        y,
        "# The inspection's data. Lines starting with # are notes: Clarion ignores them.\n\
         # Replace every value marked TODO with what the report says.\n\
         #\n\
         # It is a draft, so the published site leaves it out. Delete the next line\n\
         # when it is ready (or see it first with `clarion serve --drafts`).\n\
         draft: true\n\
         # To publish at a set moment instead, delete `draft` and write the time, in\n\
         # the site's time zone (`timezone:` in site.yaml, Europe/London if not set):\n\
         # embargo: 2026-01-15 00:01\n"
    );
    let _ = writeln!(y, "framework: {}        # {}", fw.key, fw.name);
    let _ = writeln!(
        y,
        "kind: {kind}             # full, focused-visit, monitoring-visit, jtai, thematic, ..."
    );
    let _ = writeln!(
        y,
        "start: {start}        # TODO: the first day on site: YYYY-MM-DD (or YYYY-MM, YYYY)\n\
         # end: YYYY-MM-DD         # the last day on site\n\
         # published: YYYY-MM-DD   # the day the report came out\n\
         # title: Inspection of ... children's services\n\
         # lead_inspector: Name, HMI\n\
         # report_url: https://reports.ofsted.gov.uk/...\n"
    );
    if graded {
        write_grades(&mut y, fw);
    } else {
        let _ = writeln!(
            y,
            "# A `{kind}` is not graded: it has no `overall` and no `judgements`.\n"
        );
    }
    let _ = writeln!(
        y,
        "# What the report says must improve, in its order:\n\
         # improvements:\n\
         #   - The first thing that must improve."
    );

    let summary = format!(
        "{STARTER_MARK}\n\
         <!-- TODO: replace these notes with a summary of the report for adults.\n\
         Say what inspectors found in plain words: what is good, what is not, and\n\
         what the council must do next. Use ## headings to break it up.\n\
         Files beside this one (a PDF, a picture) can be linked by name. -->\n\n\
         ## What inspectors found\n\n\
         This summary of the {} inspection is still being written.\n",
        slug
    );
    let mut files = vec![("inspection.yaml", y), ("summary.md", summary)];
    if graded {
        files.push((
            "children.md",
            format!("{CHILD_PARTS_STARTER}{STARTER_MARK}\n\
             <!-- TODO: replace these notes with the summary for children and young people in care.\n\
             Write for a reader aged 8 to 12: short sentences (15 words at most), everyday\n\
             words, and talk to the reader as \"you\". Say what inspectors looked at, what\n\
             is going well, and what must get better. Clarion tells you the reading age\n\
             when you run `clarion check`. -->\n\n\
             ## What the inspectors found\n\n\
             We are still writing this page. Please come back soon.\n"),
        ));
    }
    files
}

/// children.md's front matter: "In short" to fill in, the other parts of
/// the child page as notes. `checked_by` stays a note: a page must never
/// claim a check that did not happen.
const CHILD_PARTS_STARTER: &str = "---
# The parts of the child page around the text below. The README's
# editor's guide says more about each.
# In short: two or three short sentences, shown before the grade cards.
in_short: We are still writing this page. Please come back soon.
# What children told the inspectors, from the report's own record, in
# your own words. Leave it out if the report records nothing.
# children_said:
#   - Children said their social worker listens to them.
# What this means for you: each problem with what will happen and who can
# help. `reader` is everyone, in-care, leaving-care or arrived-alone.
# for_you:
#   - reader: leaving-care
#     problem: Some care leavers wait too long for a home.
#     next: The council has a plan to find more homes.
#     help: Your personal adviser. Or call Help at Hand on 0800 528 0731.
# Who checked this page, and when: only once they really have.
# checked_by: young people in care
# checked: 2026-03
---
";

/// The grades `fw` accepts, as notes, and the overall grade and
/// judgements left for the editor to fill in.
fn write_grades(y: &mut String, fw: &Framework) {
    let _ = writeln!(
        y,
        "# The grades `{}` accepts, best first. Write the key, the label or another\n\
         # word on the same line, in any case:",
        fw.key
    );
    for g in &fw.grades {
        let mut words: Vec<&str> = vec![&g.label];
        words.extend(g.aliases.iter().map(String::as_str));
        let _ = writeln!(y, "#   {}: {}", g.key, words.join(", "));
    }
    // No grade is written for the editor: a grade left empty is an error
    // outside drafts, where an invented one would be published.
    let keys: Vec<&str> = fw.grades.iter().map(|g| g.key.as_str()).collect();
    let todo = format!("# TODO: one of {}", keys.join(", "));
    let _ = writeln!(y);
    let judgements = starter_judgements(fw);
    if fw.overall || judgements.is_empty() {
        let _ = writeln!(
            y,
            "# TODO: the overall effectiveness grade in the report, one of {}\noverall:\n",
            keys.join(", ")
        );
    }
    if !fw.judgement_names.is_empty() {
        let _ = writeln!(
            y,
            "# The judgements `{}` knows (use the names the report uses, in its order):",
            fw.key
        );
        for n in &fw.judgement_names {
            let _ = writeln!(y, "#   - {n}");
        }
    }
    if !judgements.is_empty() {
        let _ = writeln!(y, "judgements:");
        for n in judgements {
            let _ = writeln!(
                y,
                "  - name: {}\n    # child_name: the same in plain words, for the child page\n    grade:    {todo}",
                yaml_name(n)
            );
        }
        let _ = writeln!(y);
    }
}
