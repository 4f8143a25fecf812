//! Markdown files (pages, the home page, documents) and the glossary.

use super::*;

/// Front matter fields and the body of a Markdown file.
pub(super) fn read_markdown(
    file: &TextFile,
    what: &str,
    known: &[&str],
    diags: &mut Diagnostics,
) -> (MarkdownFile, BTreeMap<String, Node>, Option<Node>) {
    let mut fields = BTreeMap::new();
    // The front matter itself, for errors about its keys; a file without
    // any has them at its top. `None` when it could not be read: that
    // error is reported, and keys it may hold are not reported missing.
    let mut root = Some(Node {
        value: Value::Null,
        pos: Pos::at(1, 1),
    });
    let split = match frontmatter::split(&file.text) {
        Ok(s) => s,
        Err(_) => {
            diags.push(
                Diagnostic::error(&file.path, Pos::at(1, 1), "The front matter that starts here is never closed.")
                    .with_label("opened here")
                    .with_help("End the front matter with a line of three hyphens `---`, then write the text below it."),
            );
            root = None;
            frontmatter::Split {
                front: None,
                body: &file.text,
                body_line: 1,
            }
        }
    };
    if let Some((yaml_text, line)) = split.front {
        let front = TextFile {
            path: file.path.clone(),
            text: Arc::from(yaml_text),
        };
        root = None;
        if let Some(node) = parse_yaml(&front, line - 1, diags) {
            let r = &mut Reader {
                file: &file.path,
                diags,
            };
            if let Some(f) = r.fields(&node, what, known) {
                fields = f.into_iter().map(|(k, v)| (k, v.clone())).collect();
                // Missing keys are reported at the opening `---`, as before.
                root = Some(Node {
                    pos: Pos::at(1, 1),
                    ..node
                });
            }
        }
    }
    let r = &mut Reader {
        file: &file.path,
        diags,
    };
    let title = fields.get("title").and_then(|n| r.text(n, "title"));
    let description = fields
        .get("description")
        .and_then(|n| r.text(n, "description"));
    (
        MarkdownFile {
            path: file.path.clone(),
            // Without front matter the body is the whole file: share it, not a copy.
            body: if split.body.len() == file.text.len() {
                Arc::clone(&file.text)
            } else {
                Arc::from(split.body)
            },
            body_line: split.body_line,
            title,
            description,
        },
        fields,
        root,
    )
}

pub(super) fn field_map(f: &BTreeMap<String, Node>) -> BTreeMap<String, &Node> {
    f.iter().map(|(k, v)| (k.clone(), v)).collect()
}

/// A page without a `title` takes its first `# Heading`, which then leaves
/// the body so the page has one `h1`.
pub(super) fn title_from_heading(file: &mut MarkdownFile) -> Option<String> {
    let body = file.body.trim_start_matches(['\n', '\r']);
    let skipped = file.body.len() - body.len();
    let first = body.lines().next()?;
    let title = first
        .strip_prefix("# ")?
        .trim()
        .trim_end_matches('#')
        .trim()
        .to_string();
    let lines_before = file.body[..skipped].matches('\n').count();
    let rest = &body[first.len()..];
    file.body_line += lines_before + 1;
    file.body = Arc::from(
        rest.strip_prefix("\r\n")
            .or_else(|| rest.strip_prefix('\n'))
            .unwrap_or(rest),
    );
    Some(title)
}

pub(super) fn humanise(slug: &str) -> String {
    let mut s = slug.replace('-', " ");
    if let Some(c) = s.get(0..1) {
        let upper = c.to_uppercase();
        s.replace_range(0..1, &upper);
    }
    s
}

// ---------------------------------------------------------------- glossary

pub(super) fn read_glossary(file: &TextFile, diags: &mut Diagnostics) -> Vec<GlossaryEntry> {
    let Some(root) = parse_yaml(file, 0, diags) else {
        return Vec::new();
    };
    let r = &mut Reader {
        file: &file.path,
        diags,
    };
    let mut out: Vec<GlossaryEntry> = Vec::new();
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    let mut ids = clarion_core::UniqueIds::default();
    for item in r.list(&root, "glossary") {
        let Some(f) = r.fields(
            item,
            "a glossary entry",
            &["term", "also", "meaning", "only_in", "not_in"],
        ) else {
            continue;
        };
        let Some(term) = r.req_text(&f, "term", item, "A glossary entry") else {
            continue;
        };
        let meaning = r.opt_text(&f, "meaning");
        let Some(meaning) = meaning else {
            // The empty value's place, just after `meaning:`.
            let pos = match &item.value {
                Value::Map(entries) => entries
                    .iter()
                    .find(|(k, _)| k.as_text().as_deref() == Some("meaning"))
                    .map_or(item.pos, |(_, v)| v.pos),
                _ => item.pos,
            };
            r.diags.push(
                Diagnostic::error(
                    r.file,
                    pos,
                    format!("The glossary word `{term}` has no meaning."),
                )
                .with_help(
                    "Add `meaning: ` and one or two short sentences a child of 8 would understand.",
                ),
            );
            continue;
        };
        let also = r.text_list(&f, "also");
        for word in std::iter::once(&term).chain(also.iter()) {
            if let Some(other) = seen
                .insert(normalise(word), term.clone())
                .filter(|o| o != &term)
            {
                r.error(
                    f["term"].pos,
                    format!("`{word}` is in the glossary twice (also under `{other}`)."),
                    "Keep each word in one entry only.",
                );
            }
        }
        let forms: Vec<&String> = std::iter::once(&term).chain(also.iter()).collect();
        let only_in = senses(r, &f, "only_in", &forms);
        let not_in = senses(r, &f, "not_in", &forms);
        for (phrase, pos) in &not_in {
            if let Some((other, _)) = only_in
                .iter()
                .find(|(o, _)| normalise(o) == normalise(phrase))
            {
                r.error(
                    *pos,
                    format!("`{phrase}` is under both `only_in` and `not_in` of `{term}`."),
                    format!("Keep `{other}` in one list only: `only_in` if `{term}` there means what the glossary says, `not_in` if it means something else."),
                );
            }
        }
        // Letters of any script are kept, and repeats counted on, so ids
        // stay short and unique for thousands of Chinese or Arabic words.
        let id = ids.unique(&clarion_core::anchor_id(&term));
        out.push(GlossaryEntry {
            term,
            also,
            meaning,
            id,
            only_in: only_in.into_iter().map(|(p, _)| p).collect(),
            not_in: not_in.into_iter().map(|(p, _)| p).collect(),
        });
    }
    out.sort_by_key(|e| normalise(&e.term));
    out
}

/// A glossary entry's `only_in` or `not_in` phrases, with where each is:
/// each must hold one of the entry's `forms` (the term and its `also`) and
/// be longer than it, or it could never change where the word is explained.
fn senses(
    r: &mut Reader,
    f: &BTreeMap<String, &Node>,
    key: &str,
    forms: &[&String],
) -> Vec<(String, Pos)> {
    let Some(node) = f.get(key) else {
        return Vec::new();
    };
    let term = forms[0];
    // For `good`, as the Kent glossary has it.
    let example = if key == "not_in" {
        "not_in: [for good, good at]"
    } else {
        "only_in: [is good, was good]"
    };
    // A single phrase written without `- ` is taken as a list of one.
    let items: Vec<&Node> = match &node.value {
        Value::Seq(items) => items.iter().collect(),
        Value::Str(_) => vec![*node],
        other => {
            r.error(
                node.pos,
                format!("`{key}` should be a list of phrases, but this is {}.", other.kind_name()),
                format!("Write the phrases in square brackets, each with `{term}` in it; for `good`, `{example}`."),
            );
            return Vec::new();
        }
    };
    let form_words: Vec<Vec<String>> = forms
        .iter()
        .map(|f| clarion_core::glossary_words(f))
        .collect();
    let mut out: Vec<(String, Pos)> = Vec::new();
    for item in items {
        let Some(phrase) = r.text(item, key) else {
            if is_empty_value(item) {
                r.error(
                    item.pos,
                    format!("A phrase under `{key}` of `{term}` is empty."),
                    "Write the phrase, or delete the empty one.",
                );
            }
            continue;
        };
        let words = clarion_core::glossary_words(&phrase);
        if form_words.contains(&words) {
            let help = if key == "not_in" {
                format!(
                    "Write a longer phrase that `{phrase}` is part of where it means something else (for `good`, `{example}`), or take `{term}` out of the glossary."
                )
            } else {
                format!(
                    "Delete it: `only_in` lists longer phrases that `{term}` is part of (for `good`, `{example}`); without them, `{term}` is explained wherever it is used."
                )
            };
            r.error(
                item.pos,
                format!(
                    "`{phrase}` under `{key}` is the glossary word itself, not a phrase around it."
                ),
                help,
            );
        } else if !form_words
            .iter()
            .any(|f| clarion_core::phrase_holds(&words, f))
        {
            let others = if forms.len() > 1 {
                " or one of its `also` forms"
            } else {
                ""
            };
            r.error(
                item.pos,
                format!("The phrase `{phrase}` under `{key}` does not have `{term}`{others} in it, so it would change nothing."),
                format!("Write the whole phrase as pages use it, with `{term}` in it; for `good`, `{example}`."),
            );
        } else if out.iter().any(|(p, _)| normalise(p) == normalise(&phrase)) {
            r.error(
                item.pos,
                format!("`{phrase}` is under `{key}` of `{term}` twice."),
                "Delete one of them.",
            );
        } else {
            out.push((phrase, item.pos));
        }
    }
    out
}

/// The pages in content/pages/, by slug.
pub(super) fn read_pages(raw: &RawSite, diags: &mut Diagnostics) -> Vec<Page> {
    let mut pages = Vec::new();
    for file in &raw.pages {
        let slug = file_slug(&file.path).to_string();
        if let Some(d) = invalid_file_name(&file.path, &slug, "page", &raw.pages) {
            diags.push(d);
        } else if RESERVED_PAGES.contains(&slug.as_str()) {
            diags.push(
                Diagnostic::error(
                    &file.path,
                    Pos::file(),
                    format!(
                        "A page cannot be called `{slug}`: Clarion writes its own /{slug}/ address."
                    ),
                )
                .with_help(format!(
                    "Rename the file, for example to `{slug}-page.md` or `about-{slug}.md`."
                )),
            );
        }
        let (mut md, fields, _) = read_markdown(
            file,
            "a page's front matter",
            &["title", "description"],
            diags,
        );
        let description = fields.get("description").and_then(Node::as_text);
        let title = md
            .title
            .clone()
            .or_else(|| title_from_heading(&mut md))
            .unwrap_or_else(|| humanise(&slug));
        pages.push(Page {
            slug: clarion_core::slugify(&slug),
            title,
            description,
            file: md,
        });
    }
    pages.sort_by(|a, b| a.slug.cmp(&b.slug));
    pages
}
