//! Inspection frameworks: their grades, areas and the months they ran.

use super::*;

pub(super) const FRAMEWORK_KEYS: &[&str] = &[
    "key", "name", "years", "from", "until", "overall", "grades", "areas",
];

/// A framework's `from:` or `until:` month, `2018-01`.
pub(super) fn framework_month(
    r: &mut Reader,
    f: &BTreeMap<String, &Node>,
    key: &str,
) -> Option<(i32, u8)> {
    let node = f.get(key)?;
    let text = r.text(node, key)?;
    match PartialDate::parse(&text) {
        Ok(PartialDate {
            year,
            month: Some(m),
            day: None,
        }) => Some((year, m)),
        _ => {
            r.error(
                node.pos,
                format!("`{key}: {text}` is not a month."),
                format!("Write the month as YYYY-MM: `{key}: 2018-01`."),
            );
            None
        }
    }
}

/// The months a partial date may mean, first and last.
pub(super) fn months_of(d: &PartialDate) -> ((i32, u8), (i32, u8)) {
    match d.month {
        Some(m) => ((d.year, m), (d.year, m)),
        None => ((d.year, 1), (d.year, 12)),
    }
}

/// Whether a framework ran at some time the date may mean.
pub(super) fn ran_on(fw: &Framework, d: &PartialDate) -> bool {
    let (lo, hi) = months_of(d);
    fw.from.is_none_or(|f| hi >= f) && fw.until.is_none_or(|u| lo <= u)
}

pub(super) fn month_words((year, month): (i32, u8)) -> String {
    PartialDate {
        year,
        month: Some(month),
        day: None,
    }
    .human()
}
pub(super) const GRADE_KEYS: &[&str] = &["key", "label", "aliases", "child_label", "child_meaning"];

pub(super) fn read_frameworks(file: &TextFile, diags: &mut Diagnostics) -> Vec<Framework> {
    let Some(root) = parse_yaml(file, 0, diags) else {
        return Vec::new();
    };
    let r = &mut Reader {
        file: &file.path,
        diags,
    };
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    for item in r.list(&root, "frameworks") {
        if let Some(framework) = read_framework(r, item, &mut seen) {
            out.push(framework);
        }
    }
    out
}

/// One item of frameworks.yaml; `seen` holds the keys read before it.
fn read_framework(r: &mut Reader, item: &Node, seen: &mut BTreeSet<String>) -> Option<Framework> {
    let f = r.fields(item, "a framework", FRAMEWORK_KEYS)?;
    let key = r.req_text(&f, "key", item, "A framework")?;
    if !clarion_core::is_valid_slug(&key) {
        r.error(
            f["key"].pos,
            format!("`{key}` is not a valid framework key."),
            format!(
                "Use lower-case letters, digits and hyphens: `{}`.",
                clarion_core::slugify(&key)
            ),
        );
    }
    if !seen.insert(key.clone()) {
        r.error(
            f["key"].pos,
            format!("The framework `{key}` is defined twice in this file."),
            "Keep one definition and delete the other.",
        );
    }
    let name = r
        .req_text(&f, "name", item, "A framework")
        .unwrap_or_else(|| key.clone());
    let grades = match f.get("grades") {
        None => {
            r.error(
                item.pos,
                format!("The framework `{key}` needs `grades`, best first."),
                "Add `grades:` with one `- key: ...` item per grade.",
            );
            Vec::new()
        }
        Some(node) => read_grades(r, node, &key),
    };
    let (areas, judgement_names) = read_areas(r, &f);
    let overall = r.boolean(&f, "overall").unwrap_or(true);
    Some(Framework {
        key,
        name,
        years: r.opt_text(&f, "years"),
        from: framework_month(r, &f, "from"),
        until: framework_month(r, &f, "until"),
        overall,
        grades,
        areas,
        judgement_names,
    })
}

/// A framework's `grades:` list, best first.
fn read_grades(r: &mut Reader, node: &Node, key: &str) -> Vec<Grade> {
    let mut grades = Vec::new();
    // Each key, label and alias -> the grade it names.
    let mut grade_words: BTreeMap<String, String> = BTreeMap::new();
    for g in r.list(node, "grades") {
        if let Some(grade) = read_grade(r, g, key, &mut grade_words) {
            grades.push(grade);
        }
    }
    if grades.is_empty() {
        r.error(
            node.pos,
            format!("The framework `{key}` has no grades."),
            "List its grades, best first.",
        );
    }
    grades
}

/// One grade of the framework `key`; `grade_words` maps each key, label
/// and alias read so far to its grade.
fn read_grade(
    r: &mut Reader,
    g: &Node,
    key: &str,
    grade_words: &mut BTreeMap<String, String>,
) -> Option<Grade> {
    let gf = r.fields(g, "a grade", GRADE_KEYS)?;
    let gkey = r.req_text(&gf, "key", g, "A grade")?;
    let label = r
        .req_text(&gf, "label", g, "A grade")
        .unwrap_or_else(|| gkey.clone());
    let aliases = r.text_list(&gf, "aliases");
    for word in [&gkey, &label].into_iter().chain(aliases.iter()) {
        // A grade's own key, label and aliases may repeat one
        // another; another grade's may not, whichever comes
        // first, or `outstanding` could mean Good.
        match grade_words.get(&normalise(word)) {
            Some(owner) if *owner != gkey => r.error(
                g.pos,
                format!("`{word}` stands for two grades of `{key}`: `{owner}` and `{gkey}`."),
                "Each key, label and alias must point to one grade only.",
            ),
            Some(_) => {}
            None => {
                grade_words.insert(normalise(word), gkey.clone());
            }
        }
    }
    let child_label = r
        .opt_text(&gf, "child_label")
        .unwrap_or_else(|| label.clone());
    let child_meaning = r.opt_text(&gf, "child_meaning").unwrap_or_default();
    Some(Grade {
        key: gkey,
        label,
        aliases,
        child_label,
        child_meaning,
    })
}

/// A framework's `areas:`: judgement name -> area, and the names as typed.
fn read_areas(
    r: &mut Reader,
    f: &BTreeMap<String, &Node>,
) -> (BTreeMap<String, String>, Vec<String>) {
    let mut areas = BTreeMap::new();
    let mut judgement_names = Vec::new();
    if let Some(node) = f.get("areas") {
        if let Value::Map(entries) = &node.value {
            for (k, v) in entries {
                if let (Some(k), Some(v)) = (k.as_text(), r.text(v, "areas")) {
                    areas.insert(normalise(&k), v);
                    judgement_names.push(k);
                }
            }
        } else {
            r.error(
                node.pos,
                "`areas` should be `judgement name: area` lines.",
                "Write one judgement name per line, then `:` and its area.",
            );
        }
    }
    (areas, judgement_names)
}

pub fn builtin_frameworks() -> Vec<Framework> {
    let file = TextFile {
        path: "(built-in frameworks)".into(),
        text: Arc::from(BUILTIN_FRAMEWORKS),
    };
    let mut diags = Diagnostics::default();
    let frameworks = read_frameworks(&file, &mut diags);
    debug_assert!(diags.is_empty(), "{diags:?}");
    frameworks
}
