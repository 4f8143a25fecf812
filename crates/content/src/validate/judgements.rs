//! Grades and judgements: `overall`, and each judgement's area, grade
//! and parts, against the inspection's framework.

use super::*;

pub(super) const JUDGEMENT_KEYS: &[&str] =
    &["name", "child_name", "area", "areas", "grade", "parts"];

/// A list of areas, `[children-in-care, care-leavers]` (or one area written
/// alone): each a valid area, none twice, at least one. `key` names the
/// field in messages.
pub(super) fn area_list(r: &mut Reader, node: &Node, key: &str) -> Vec<String> {
    let items: &[Node] = match &node.value {
        Value::Seq(items) => items,
        _ => std::slice::from_ref(node),
    };
    let mut out: Vec<String> = Vec::new();
    for item in items {
        let Some(a) = r.text(item, key) else {
            continue;
        };
        if !clarion_core::is_valid_slug(&a) {
            r.error(
                item.pos,
                format!("`{a}` is not a valid area."),
                format!(
                    "Areas are lower-case words joined by hyphens, such as `care-leavers`: `{}`.",
                    clarion_core::slugify(&a)
                ),
            );
        } else if out.contains(&a) {
            r.error(
                item.pos,
                format!("The area `{a}` is listed twice in `{key}`."),
                "Delete the second one: each area is listed once.",
            );
        } else {
            out.push(a);
        }
    }
    if items.is_empty() {
        r.error(
            node.pos,
            format!("`{key}` lists no area."),
            format!(
                "List the areas the judgement covers, such as `{key}: [children-in-care, care-leavers]`, or delete the line."
            ),
        );
    }
    out
}

pub(super) fn grade_of(r: &mut Reader, framework: &Framework, node: &Node) -> Option<GradeRef> {
    let text = r.text(node, "grade")?;
    if let Some(index) = framework.find_grade(&text) {
        return Some(GradeRef {
            index,
            pos: node.pos,
        });
    }
    let allowed: Vec<&str> = framework.grades.iter().map(|g| g.label.as_str()).collect();
    let candidates = framework.grades.iter().flat_map(|g| {
        std::iter::once(g.label.as_str())
            .chain([g.key.as_str()])
            .chain(g.aliases.iter().map(String::as_str))
    });
    let suggestion = nearest(&text, candidates)
        .and_then(|n| framework.find_grade(n))
        .map(|i| framework.grades[i].label.as_str());
    let mut help = format!(
        "The `{}` framework's grades are {}.",
        framework.key,
        quote_list(&allowed)
    );
    if let Some(s) = suggestion {
        help = format!("Did you mean `{s}`? {help}");
    }
    r.diags.push(
        Diagnostic::error(
            r.file,
            node.pos,
            format!(
                "`{text}` is not a grade in the `{}` framework.",
                framework.key
            ),
        )
        .with_label("unknown grade")
        .with_help(help),
    );
    None
}

/// The error for a judgement name its framework does not list, with the
/// nearest listed name.
pub(super) fn unknown_judgement(r: &mut Reader, fw: &Framework, name: &str, pos: Pos) {
    let mut help = format!(
        "Copy the judgement's name from the report, as the `{}` framework lists it. If the report really has this judgement, add `area:` to it (such as `area: leadership`), or list the name under `areas` in content/frameworks.yaml.",
        fw.key
    );
    if let Some(near) = nearest(name, fw.areas.keys().map(String::as_str)) {
        // The list keeps names in lower case; reports start them with a capital.
        let mut shown: String = near.chars().take(1).flat_map(char::to_uppercase).collect();
        shown.push_str(&near[near.chars().next().map_or(0, char::len_utf8)..]);
        help = format!("Did you mean `{shown}`? {help}");
    }
    r.diags.push(
        Diagnostic::error(
            r.file,
            pos,
            format!("`{name}` is not a judgement of the `{}` framework.", fw.key),
        )
        .with_label("unknown judgement")
        .with_help(help),
    );
}

pub(super) fn read_judgements(
    r: &mut Reader,
    framework: Option<&Framework>,
    node: &Node,
    depth: usize,
) -> Vec<Judgement> {
    let mut out = Vec::new();
    for item in r.list(node, "judgements").to_vec() {
        let Some(f) = r.fields(&item, "a judgement", JUDGEMENT_KEYS) else {
            continue;
        };
        let Some(name) = r.req_text(&f, "name", &item, "A judgement") else {
            continue;
        };
        let grade = match (f.get("grade"), framework) {
            (Some(g), Some(fw)) => grade_of(r, fw, g),
            _ => None,
        };
        let parts = match f.get("parts") {
            Some(p) if depth < 4 => read_judgements(r, framework, p, depth + 1),
            Some(p) => {
                r.error(
                    p.pos,
                    "Judgements are nested too deeply here.",
                    "Clarion reads judgements nested up to four levels.",
                );
                Vec::new()
            }
            None => Vec::new(),
        };
        if !f.contains_key("grade") && parts.is_empty() && !f.contains_key("parts") {
            r.missing(&item, "grade", format!("The judgement `{name}` has neither a `grade` nor `parts`."), "Add `grade: ` with the grade the report gives, or `parts:` with the judgements under it.".into());
        }
        let mut areas = match (f.get("area"), f.get("areas")) {
            (Some(one), Some(many)) => {
                r.diags.push(
                    Diagnostic::error(
                        r.file,
                        many.pos,
                        format!("The judgement `{name}` has both `area` and `areas`."),
                    )
                    .with_label("second list of areas")
                    .with_help(format!(
                        "Keep one: `area: {}` for a judgement of one area, or `areas: [...]` listing every area a joint judgement covers.",
                        one.as_text().unwrap_or_default()
                    )),
                );
                area_list(r, one, "area")
            }
            (Some(one), None) => match &one.value {
                Value::Seq(_) => {
                    r.error(
                        one.pos,
                        format!("`area` holds one area, but the judgement `{name}` lists several."),
                        "Write `areas:` (plural) for a judgement that covers several areas, such as `areas: [children-in-care, care-leavers]`.",
                    );
                    Vec::new()
                }
                _ => area_list(r, one, "area"),
            },
            (None, Some(many)) => area_list(r, many, "areas"),
            (None, None) => Vec::new(),
        };
        let own_area = f.contains_key("area") || f.contains_key("areas");
        if areas.is_empty()
            && !own_area
            && let Some(fw) = framework
        {
            areas = fw.areas_of(&name).to_vec();
        }
        let area = areas.first().cloned();
        // A name the framework does not list is shown as "Not graded" under
        // its area: a slip ("progess") must not pass silently. A judgement
        // with its own `area:` may be named freely, and so may the parts
        // under one (the 2009 reports' "Partnerships", "Value for money").
        if let (0, None, false, Some(fw), Some(n)) =
            (depth, &area, own_area, framework, f.get("name"))
            && !fw.areas.is_empty()
        {
            unknown_judgement(r, fw, &name, n.pos);
        }
        out.push(Judgement {
            name,
            child_name: r.opt_text(&f, "child_name"),
            area,
            areas,
            grade,
            parts,
        });
    }
    out
}
