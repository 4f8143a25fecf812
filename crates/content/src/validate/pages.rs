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
    let title = fields.get("title").and_then(|n| {
        Reader {
            file: &file.path,
            diags,
        }
        .text(n, "title")
    });
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
        let Some(f) = r.fields(item, "a glossary entry", &["term", "also", "meaning"]) else {
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
        // Letters of any script are kept, and repeats counted on, so ids
        // stay short and unique for thousands of Chinese or Arabic words.
        let id = ids.unique(&clarion_core::anchor_id(&term));
        out.push(GlossaryEntry {
            term,
            also,
            meaning,
            id,
        });
    }
    out.sort_by_key(|e| normalise(&e.term));
    out
}

/// The pages in content/pages/, by slug.
pub(super) fn read_pages(raw: &RawSite, diags: &mut Diagnostics) -> Vec<Page> {
    let mut pages = Vec::new();
    for file in &raw.pages {
        let slug = file_slug(&file.path).to_string();
        if !clarion_core::is_valid_slug(&slug) {
            diags.push(
                Diagnostic::error(
                    &file.path,
                    Pos::file(),
                    format!("`{slug}.md` is not a valid page file name."),
                )
                .with_help(rename_help(&slug, &raw.pages)),
            );
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
