//! The parts of a child page that children.md's front matter gives: "In
//! short", what children told the inspectors, "What this means for you"
//! and who checked the page.

use super::*;

/// The front matter keys of the parts, beside `title` (and a translation's
/// `reviewed`).
pub(super) const CHILD_PART_KEYS: &[&str] = &[
    "in_short",
    "children_said",
    "for_you",
    "checked_by",
    "checked",
];

/// Other words editors use for a reader, and the one they mean.
const READER_ALIASES: &[(&str, &str)] = &[
    ("all", "everyone"),
    ("care", "in-care"),
    ("children-in-care", "in-care"),
    ("care-leavers", "leaving-care"),
    ("care-leaver", "leaving-care"),
    ("unaccompanied", "arrived-alone"),
];

/// The parts `fields` gives, each problem reported at its line.
pub(super) fn read_child_parts(
    r: &mut Reader,
    fields: &BTreeMap<String, &Node>,
    root: Option<&Node>,
) -> ChildParts {
    let in_short = r.opt_text(fields, "in_short");
    if let (Some(text), Some(node)) = (&in_short, fields.get("in_short")) {
        check_in_short(r, text, node);
    }
    let mut parts = ChildParts {
        in_short,
        children_said: r.text_list(fields, "children_said"),
        ..ChildParts::default()
    };
    if let Some(node) = fields.get("for_you") {
        for item in r.list(node, "for_you") {
            if let Some(f) = read_for_you(r, item) {
                parts.for_you.push(f);
            }
        }
    }
    parts.checked = read_checked(r, fields, root);
    parts
}

/// The most sentences "In short" may have and still sit, whole, on a
/// phone's first screen above the grade cards.
const IN_SHORT_SENTENCES: usize = 3;

/// A warning when "In short" is not short: the page still builds.
fn check_in_short(r: &mut Reader, text: &str, node: &Node) {
    let sentences = text
        .split_inclusive(['.', '!', '?'])
        .filter(|s| s.chars().any(char::is_alphanumeric))
        .count();
    if sentences > IN_SHORT_SENTENCES {
        r.diags.push(
            Diagnostic::warning(
                r.file,
                node.pos,
                format!("`in_short` has {sentences} sentences, so it may not fit above the grade cards on a phone."),
            )
            .with_label("too long")
            .with_help(format!("Keep it to two or {IN_SHORT_SENTENCES} short sentences: what inspectors found, and what it means. The rest of the page says more.")),
        );
    }
}

/// One problem of "What this means for you": it must say what will happen
/// and who can help, or the page leaves a child with only bad news.
fn read_for_you(r: &mut Reader, item: &Node) -> Option<ForYou> {
    let f = r.fields(
        item,
        "an item of `for_you`",
        &["reader", "problem", "next", "help"],
    )?;
    let reader = match f.get("reader") {
        None => Some("everyone".to_string()),
        Some(n) => read_reader(r, n),
    };
    let problem = r.req_text(&f, "problem", item, "A `for_you` item");
    let pair = |r: &mut Reader, key: &str, what: &str| {
        let text = f.get(key).and_then(|n| r.text(n, key));
        if text.is_none() && !f.contains_key(key) {
            r.missing(
                item,
                key,
                format!("This problem does not say {what}."),
                format!("Add `{key}:` with {what}, in a short sentence: a child reading about a problem needs to know what happens next and who can help."),
            );
        }
        text
    };
    let next = pair(r, "next", "what will happen");
    let help = pair(r, "help", "who can help");
    Some(ForYou {
        reader: reader?,
        problem: problem?,
        next: next?,
        help: help?,
    })
}

/// A reader word, or its alias; anything else is an error naming the ones
/// there are.
fn read_reader(r: &mut Reader, node: &Node) -> Option<String> {
    let word = r.text(node, "reader")?;
    let key = normalise(&word).replace(' ', "-");
    if let Some(k) = CHILD_READERS.iter().find(|k| **k == key) {
        return Some((*k).to_string());
    }
    if let Some((_, k)) = READER_ALIASES.iter().find(|(a, _)| *a == key) {
        return Some((*k).to_string());
    }
    r.not_among(
        node.pos,
        &word,
        CHILD_READERS,
        format!("`{word}` is not a reader this page can speak to."),
        "unknown reader",
        format!("Write one of {}.", quote_list(CHILD_READERS)),
    );
    None
}

/// `checked_by:` and `checked:` go together: a name with no date, or a
/// date with no name, says too little to trust.
fn read_checked(
    r: &mut Reader,
    fields: &BTreeMap<String, &Node>,
    root: Option<&Node>,
) -> Option<CheckedBy> {
    let by = r.opt_text(fields, "checked_by");
    let date = r.date(fields, "checked");
    let root = root?;
    match (by, date) {
        (Some(by), Some(date)) => Some(CheckedBy { by, date }),
        (Some(_), None) if !fields.contains_key("checked") => {
            r.missing(
                root,
                "checked",
                "`checked_by` says who checked this page, but not when.".into(),
                "Add `checked:` with the month they checked it, such as `checked: 2026-03`.".into(),
            );
            None
        }
        (None, Some(_)) if !fields.contains_key("checked_by") => {
            r.missing(
                root,
                "checked_by",
                "`checked` says when this page was checked, but not by whom.".into(),
                "Add `checked_by:` with who checked it, such as `checked_by: young people in care`.".into(),
            );
            None
        }
        _ => None,
    }
}
