//! Documents: content/documents/*.md, each about one or more inspections.

use super::*;

/// Where each document names each inspection, to say why one is withheld.
pub(super) type NamedAt = BTreeMap<(String, String), Pos>;

/// The documents in content/documents/, newest first.
pub(super) fn read_documents(
    raw: &RawSite,
    inspections: &[Inspection],
    diags: &mut Diagnostics,
) -> (Vec<Document>, NamedAt) {
    let all_slugs: Vec<&str> = inspections.iter().map(|i| i.slug.as_str()).collect();
    let slug_set: std::collections::HashSet<&str> = all_slugs.iter().copied().collect();
    let mut documents = Vec::new();
    let mut named_at = NamedAt::new();
    for file in &raw.documents {
        let document = read_document(file, raw, &all_slugs, &slug_set, &mut named_at, diags);
        documents.extend(document);
    }
    documents.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.slug.cmp(&b.slug)));
    (documents, named_at)
}

pub(super) fn read_document(
    file: &TextFile,
    raw: &RawSite,
    all_slugs: &[&str],
    slug_set: &std::collections::HashSet<&str>,
    named_at: &mut NamedAt,
    diags: &mut Diagnostics,
) -> Option<Document> {
    let slug = file_slug(&file.path).to_string();
    if let Some(d) = invalid_file_name(&file.path, &slug, "document", &raw.documents) {
        diags.push(d);
    }
    let (md, fields, front) = read_markdown(
        file,
        "a document's front matter",
        &["title", "date", "inspections", "source_url"],
        diags,
    );
    // Its front matter's own error says enough: not "needs `title`" too.
    let front = front?;
    let fm = field_map(&fields);
    let r = &mut Reader {
        file: &file.path,
        diags,
    };
    let title = r.req_text(&fm, "title", &front, "A document's front matter");
    let date = r.date(&fm, "date");
    if !fm.contains_key("date") {
        r.missing(
            &front,
            "date",
            "A document's front matter needs `date`.".into(),
            "Add `date: YYYY-MM-DD` between the `---` lines.".into(),
        );
    }
    let mut linked = Vec::new();
    if let Some(node) = fm.get("inspections") {
        let items: Vec<Node> = match &node.value {
            Value::Seq(items) => items.clone(),
            _ => vec![(*node).clone()],
        };
        for item in &items {
            let Some(s) = r.text(item, "inspections") else {
                continue;
            };
            if slug_set.contains(s.as_str()) {
                named_at.insert((file.path.clone(), s.clone()), item.pos);
                linked.push(s);
            } else {
                let mut help =
                    "List inspections by their folder name under content/inspections/.".to_string();
                if let Some(n) = nearest(&s, all_slugs.iter().copied()) {
                    help = format!("Did you mean `{n}`? {help}");
                }
                r.diags.push(
                    Diagnostic::error(r.file, item.pos, format!("There is no inspection `{s}`."))
                        .with_label("no such inspection")
                        .with_help(help),
                );
            }
        }
    }
    let source_url = r.url(&fm, "source_url");
    Some(Document {
        slug: clarion_core::slugify(&slug),
        title: title?,
        date: date?,
        inspections: linked,
        source_url,
        file: md,
    })
}
