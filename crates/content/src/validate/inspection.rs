//! One inspection's folder: its `inspection.yaml`, judgements, summary,
//! translations and files.

use super::*;

pub(super) const INSPECTION_KEYS: &[&str] = &[
    "authority",
    "framework",
    "kind",
    "title",
    "start",
    "end",
    "published",
    "lead_inspector",
    "report_url",
    "draft",
    "embargo",
    "overall",
    "judgements",
    "improvements",
];

pub(super) struct Ctx<'a> {
    pub(super) config: &'a Config,
    pub(super) frameworks: &'a BTreeMap<String, Arc<Framework>>,
    pub(super) unreadable: &'a BTreeSet<String>,
}

/// A file in an inspection's folder that was probably meant as `wanted`
/// (`Children.md`, `children.md.txt` with Windows hiding the extension,
/// `child.md`, `inspection.yml`): the one closest to it, if any.
pub(super) fn near_miss_file<'a>(assets: &'a [String], wanted: &str) -> Option<&'a str> {
    let (want_stem, want_ext) = wanted.split_once('.')?;
    let exts: &[&str] = if want_ext == "md" {
        &["md", "markdown", "mdown", "txt", "md.txt", "markdown.txt"]
    } else {
        &["yaml", "yml", "txt", "yaml.txt", "yml.txt"]
    };
    assets
        .iter()
        .filter(|a| !a.contains('/'))
        .filter_map(|a| {
            let lower = a.to_lowercase();
            let (stem, ext) = lower.split_once('.')?;
            if !exts.contains(&ext) {
                return None;
            }
            let distance = strsim::damerau_levenshtein(stem, want_stem);
            // `child` for `children`; a slip of two letters in the stem.
            let near = distance <= 2
                || (stem.len() >= 4 && want_stem.starts_with(stem))
                || (stem.starts_with(want_stem) && !stem[want_stem.len()..].starts_with('-'));
            near.then_some((distance, a.as_str()))
        })
        .min()
        .map(|(_, a)| a)
}

/// The error for a missing `wanted` when a near miss is in the folder:
/// at the file found, naming it and the rename.
pub(super) fn near_miss_error(
    bundle: &RawBundle,
    wanted: &str,
    missing: &str,
) -> Option<Diagnostic> {
    let found = near_miss_file(&bundle.assets, wanted)?;
    Some(
        Diagnostic::error(
            format!("{}/{found}", bundle.dir),
            Pos::file(),
            format!("{missing}: did you mean `{found}`? Rename it to `{wanted}`."),
        )
        .with_help(format!(
            "Clarion reads only the exact name `{wanted}`, in lower case. Windows may hide the end of a file name (such as `.txt`): turn on File name extensions in File Explorer's View menu to see it."
        )),
    )
}

pub(super) fn read_inspection(
    bundle: &RawBundle,
    ctx: &Ctx,
    diags: &mut Diagnostics,
) -> Option<Inspection> {
    let slug_ok = check_folder_name(bundle, diags);
    let Some(file) = &bundle.inspection else {
        if unreadable(ctx, bundle, "inspection.yaml") {
            return None;
        }
        const MISSING: &str = "This inspection folder has no inspection.yaml";
        diags.push(near_miss_error(bundle, "inspection.yaml", MISSING).unwrap_or_else(|| {
            Diagnostic::error(format!("{}/inspection.yaml", bundle.dir), Pos::file(), format!("{MISSING}."))
                .with_help("Every inspection needs an inspection.yaml with its dates and grades. `clarion new inspection SLUG` writes one to fill in.")
        }));
        return None;
    };
    let root = parse_yaml(file, 0, diags)?;
    let r = &mut Reader {
        file: &file.path,
        diags,
    };
    let f = r.fields(&root, "inspection.yaml", INSPECTION_KEYS)?;

    let kind = read_kind(r, &f);
    let graded = !UNGRADED_KINDS.contains(&kind.as_str());

    let framework = read_framework(r, ctx, bundle, &f, &root, graded);

    let authority = read_authority(r, ctx, &f, &root);

    let (start, end, published) = read_dates(r, &f, &root);
    if let (Some(fw), Some(n)) = (&framework, f.get("framework")) {
        check_framework_dates(r, ctx, fw, n, start, published);
    }
    let embargo = read_embargo(r, ctx, &f, &root);

    let (overall, judgements) = read_grades(r, &f, &root, framework.as_deref(), &kind, graded);

    let summary = read_summary(r.diags, ctx, bundle);
    let (children, child_parts) = read_children(r.diags, ctx, bundle, graded);
    let english_parts = children.is_some().then_some(&child_parts);
    let translations = read_translations(r.diags, bundle, english_parts);
    check_recordings(r.diags, bundle, children.is_some(), &translations);

    Some(Inspection {
        slug: if slug_ok {
            bundle.slug.clone()
        } else {
            clarion_core::slugify(&bundle.slug)
        },
        dir: bundle.dir.clone(),
        authority,
        framework,
        kind,
        graded,
        title: r.opt_text(&f, "title"),
        start,
        end,
        published,
        lead_inspector: r.opt_text(&f, "lead_inspector"),
        report_url: r.url(&f, "report_url"),
        draft: r.boolean(&f, "draft").unwrap_or(false),
        embargo,
        overall,
        judgements,
        improvements: r.text_list(&f, "improvements"),
        summary,
        children,
        child_parts,
        translations,
        assets: bundle.assets.clone(),
    })
}

/// A part children.md gives that a translation leaves out is missing from
/// the page in that language (never shown in English there), so say so.
fn check_parts_translated(r: &mut Reader, tag: &str, english: &ChildParts, parts: &ChildParts) {
    let missing: Vec<&str> = [
        (
            "in_short",
            english.in_short.is_some() && parts.in_short.is_none(),
        ),
        (
            "children_said",
            !english.children_said.is_empty() && parts.children_said.is_empty(),
        ),
        (
            "for_you",
            !english.for_you.is_empty() && parts.for_you.is_empty(),
        ),
        (
            "checked_by",
            english.checked.is_some() && parts.checked.is_none(),
        ),
    ]
    .into_iter()
    .filter_map(|(key, gone)| gone.then_some(key))
    .collect();
    if missing.is_empty() {
        return;
    }
    let keys = missing
        .iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ");
    r.diags.push(
        Diagnostic::warning(
            r.file,
            Pos::file(),
            format!(
                "children.md gives {keys}, but this translation does not, so the page in {} ({tag}) leaves {} out.",
                clarion_core::native_name(tag),
                if missing.len() == 1 { "it" } else { "them" },
            ),
        )
        .with_help("Translate them into this file's front matter under the same keys, as children.md has them. Until then, the page in this language shows less than the English one."),
    );
}

/// Whether the file could not be read: its absence is then not reported again.
fn unreadable(ctx: &Ctx, bundle: &RawBundle, name: &str) -> bool {
    ctx.unreadable.contains(&format!("{}/{name}", bundle.dir))
}

/// Whether the folder's name can be an address as it is.
fn check_folder_name(bundle: &RawBundle, diags: &mut Diagnostics) -> bool {
    let slug_ok = clarion_core::is_valid_slug(&bundle.slug);
    if !slug_ok {
        diags.push(
            Diagnostic::error(&bundle.dir, Pos::file(), format!("`{}` is not a valid inspection folder name.", bundle.slug))
                .with_help(format!(
                    "Folder names become web addresses, so they use only lower-case letters, digits and hyphens. Rename the folder to `{}`.",
                    clarion_core::slugify(&bundle.slug)
                )),
        );
    }
    slug_ok
}

fn read_kind(r: &mut Reader, f: &BTreeMap<String, &Node>) -> String {
    let kind = r.opt_text(f, "kind").unwrap_or_else(|| "full".into());
    if let Some(n) = f.get("kind") {
        if !clarion_core::is_valid_slug(&kind) {
            r.error(
                n.pos,
                format!("`{kind}` is not a valid kind."),
                format!(
                    "Kinds are lower-case words joined by hyphens: `{}`.",
                    clarion_core::slugify(&kind)
                ),
            );
        } else if !KNOWN_KINDS.contains(&kind.as_str())
            && let Some(near) = nearest(&kind, KNOWN_KINDS.iter().copied())
                .filter(|n| strsim::damerau_levenshtein(n, &kind) <= 2)
        {
            r.diags.push(
                    Diagnostic::warning(r.file, n.pos, format!("`{kind}` is not a kind Clarion knows; it is treated as a graded inspection."))
                        .with_help(format!("Did you mean `{near}`? Known kinds: {}.", quote_list(KNOWN_KINDS))),
                );
        }
    }
    kind
}

fn read_framework(
    r: &mut Reader,
    ctx: &Ctx,
    bundle: &RawBundle,
    f: &BTreeMap<String, &Node>,
    root: &Node,
    graded: bool,
) -> Option<Arc<Framework>> {
    match f.get("framework") {
        // Any case, as grades are: `ILACS` is `ilacs`.
        Some(n) => r.text(n, "framework").and_then(|key| match ctx.frameworks.get(&key).or_else(|| ctx.frameworks.get(&key.to_lowercase())) {
            Some(fw) => Some(fw.clone()),
            None => {
                let keys: Vec<&str> = ctx.frameworks.keys().map(String::as_str).collect();
                let help = format!("Known frameworks: {}. A new one can be defined in content/frameworks.yaml.", quote_list(&keys));
                r.not_among(n.pos, &key, &keys, format!("`{key}` is not a known inspection framework."), "unknown framework", help);
                None
            }
        }),
        None => {
            if graded && !unreadable(ctx, bundle, "children.md") {
                r.missing(root, "framework", "This inspection needs `framework`, so Clarion knows its grades.".into(), "Add `framework: ilacs` (2018 to March 2026), `ilacs-2026` (April 2026 on), `sif` (2013-2018) or `safeguarding-lac-2009`.".into());
            }
            None
        }
    }
}

fn read_authority(r: &mut Reader, ctx: &Ctx, f: &BTreeMap<String, &Node>, root: &Node) -> String {
    match r
        .opt_text(f, "authority")
        .or_else(|| ctx.config.authority.clone())
    {
        Some(a) => a,
        // site.yaml's own error says enough: its default is unknown.
        None if ctx.config.defaults_unknown => String::new(),
        None => {
            r.missing(
                root,
                "authority",
                "This inspection does not say which authority was inspected.".into(),
                "Add `authority: ` here, or a default `authority:` in site.yaml.".into(),
            );
            String::new()
        }
    }
}

type Dates = (
    Option<PartialDate>,
    Option<PartialDate>,
    Option<PartialDate>,
);

/// `start`, `end` and `published`.
fn read_dates(r: &mut Reader, f: &BTreeMap<String, &Node>, root: &Node) -> Dates {
    let start = r.date(f, "start");
    let end = r.date(f, "end");
    let published = r.date(f, "published");
    if !f.contains_key("start") && !f.contains_key("published") {
        r.missing(
            root,
            "start",
            "This inspection needs a `start` date, or a `published` date when only that is known."
                .into(),
            "Add `start: YYYY-MM-DD` (the first day on site).".into(),
        );
    }
    if let (Some(s), Some(e)) = (start, end)
        && e < s
    {
        r.error(
            f["end"].pos,
            format!("`end` ({e}) is before `start` ({s})."),
            "Check the two dates: `end` is the last day on site.",
        );
    }
    (start, end, published)
}

fn check_framework_dates(
    r: &mut Reader,
    ctx: &Ctx,
    fw: &Framework,
    n: &Node,
    start: Option<PartialDate>,
    published: Option<PartialDate>,
) {
    // A framework used outside the years it ran: ILACS with a 2016 date was
    // a SIF inspection. A report is published after the visit, so a
    // `published` date alone can only show the framework had not begun.
    let dated = start.or(published.filter(|p| fw.from.is_some_and(|from| months_of(p).1 < from)));
    if let Some(d) = dated.filter(|d| !ran_on(fw, d)) {
        let span = |fw: &Framework| match (fw.from, fw.until) {
            (Some(a), Some(b)) => format!("ran from {} to {}", month_words(a), month_words(b)),
            (Some(a), None) => format!("runs from {}", month_words(a)),
            (None, Some(b)) => format!("ran until {}", month_words(b)),
            (None, None) => String::new(),
        };
        let which = if start.is_some() {
            "started"
        } else {
            "was published"
        };
        let which = format!("{which} {}", if d.day.is_some() { "on" } else { "in" });
        let mut help = "Check the date, and the framework the report names.".to_string();
        if let Some(then) = ctx
            .frameworks
            .values()
            .find(|o| o.key != fw.key && ran_on(o, &d))
        {
            help = format!("Did you mean `{}`? It {}. {help}", then.key, span(then));
        }
        r.diags.push(
            Diagnostic::error(
                r.file,
                n.pos,
                format!(
                    "The `{}` framework {}, but this inspection {which} {}.",
                    fw.key,
                    span(fw),
                    d.human()
                ),
            )
            .with_label("framework outside its dates")
            .with_help(help),
        );
    }
}

/// `embargo`, and whether `draft` or `embargo` was left empty.
fn read_embargo(
    r: &mut Reader,
    ctx: &Ctx,
    f: &BTreeMap<String, &Node>,
    root: &Node,
) -> Option<Timestamp> {
    let embargo = match f.get("embargo") {
        Some(n) => match r.text(n, "embargo") {
            Some(t) => match Timestamp::parse_in(&t, &ctx.config.timezone) {
                Some(ts) => Some(ts),
                None => {
                    r.error(n.pos, format!("`{t}` is not a date and time."), format!("Write the moment the report may be published, in the site's time zone ({}): `embargo: 2025-12-12 00:01`.", ctx.config.timezone));
                    None
                }
            },
            None => None,
        },
        None => None,
    };
    // Left empty, these two would publish the inspection: an error instead.
    if let Some(pos) = empty_key(root, "draft") {
        r.diags.push(
            Diagnostic::error(
                r.file,
                pos,
                "`draft` is empty, so it is not clear whether this inspection may be published.",
            )
            .with_label("empty")
            .with_help(
                "Write `draft: true` to keep it off the site, or delete the line to publish it.",
            ),
        );
    }
    if let Some(pos) = empty_key(root, "embargo") {
        r.diags.push(
            Diagnostic::error(r.file, pos, "`embargo` is empty, so it is not clear when this inspection may be published.")
                .with_label("empty")
                .with_help("Write the moment it may be published, in UTC (`embargo: 2025-12-12T00:01:00Z`), or `draft: true` to keep it off the site, or delete the line to publish it now."),
        );
    }
    embargo
}

fn read_grades(
    r: &mut Reader,
    f: &BTreeMap<String, &Node>,
    root: &Node,
    framework: Option<&Framework>,
    kind: &str,
    graded: bool,
) -> (Option<GradeRef>, Vec<Judgement>) {
    let mut overall = None;
    let mut judgements = Vec::new();
    if graded {
        if let (Some(n), Some(fw)) = (f.get("overall"), &framework) {
            overall = grade_of(r, fw, n);
        }
        if let Some(n) = f.get("judgements") {
            judgements = read_judgements(r, framework, n, 0);
        }
        if let Some(fw) = &framework {
            if fw.overall && kind == "full" && !f.contains_key("overall") {
                r.missing(
                    root,
                    "overall",
                    format!(
                        "A full inspection under `{}` needs an `overall` grade.",
                        fw.key
                    ),
                    "Add `overall: ` with the overall effectiveness grade the report gives.".into(),
                );
            } else if let Some(pos) = empty_key(root, "overall") {
                r.diags.push(
                    Diagnostic::error(r.file, pos, "`overall` is empty.")
                        .with_label("empty")
                        .with_help("Write the overall grade the report gives after `overall: `, or delete the line."),
                );
            } else if !f.contains_key("overall") && !f.contains_key("judgements") {
                r.error(root.pos, "This inspection gives no grades.", format!("Add `overall:` or `judgements:`, or, if this kind of visit is not graded, set `kind:` to one of {}.", quote_list(UNGRADED_KINDS)));
            }
        }
    } else {
        for key in ["overall", "judgements"] {
            if f.contains_key(key) {
                r.diags.push(
                    Diagnostic::error(r.file, key_pos(root, key), format!("A `{kind}` inspection is not graded, so it cannot have `{key}`."))
                        .with_label("not graded")
                        .with_help(format!("Delete `{key}`, or, if this inspection was graded, change `kind:` (for example to `full`).")),
                );
            }
        }
    }
    (overall, judgements)
}

fn read_summary(diags: &mut Diagnostics, ctx: &Ctx, bundle: &RawBundle) -> MarkdownFile {
    match &bundle.summary {
        Some(s) => read_markdown(s, "summary.md's front matter", &["title"], diags).0,
        None => {
            if !unreadable(ctx, bundle, "summary.md") {
                const MISSING: &str = "This inspection has no summary.md";
                diags.push(near_miss_error(bundle, "summary.md", MISSING).unwrap_or_else(|| {
                    Diagnostic::error(format!("{}/summary.md", bundle.dir), Pos::file(), format!("{MISSING}."))
                        .with_help("Add summary.md beside inspection.yaml: a summary of the report for adults, in Markdown.")
                }));
            }
            MarkdownFile {
                path: format!("{}/summary.md", bundle.dir),
                body: Arc::from(""),
                body_line: 1,
                title: None,
                description: None,
            }
        }
    }
}

fn read_children(
    diags: &mut Diagnostics,
    ctx: &Ctx,
    bundle: &RawBundle,
    graded: bool,
) -> (Option<MarkdownFile>, ChildParts) {
    match &bundle.children {
        Some(c) => {
            let keys: Vec<&str> = ["title", "description"]
                .into_iter()
                .chain(CHILD_PART_KEYS.iter().copied())
                .collect();
            let (md, fields, root) = read_markdown(c, "children.md's front matter", &keys, diags);
            let parts = read_child_parts(
                &mut Reader {
                    file: &c.path,
                    diags,
                },
                &field_map(&fields),
                root.as_ref(),
            );
            // An empty page for children is worse than none: it says nothing
            // to the child who opens it.
            if md.body.trim().is_empty() {
                diags.push(
                    Diagnostic::error(&c.path, Pos::file(), "children.md has no text, so the children's page would be empty.")
                        .with_label("empty")
                        .with_help("Write the summary for children and young people in care below any front matter."),
                );
            }
            (Some(md), parts)
        }
        None => {
            if graded && !unreadable(ctx, bundle, "children.md") {
                const MISSING: &str = "This graded inspection has no children.md";
                diags.push(near_miss_error(bundle, "children.md", MISSING).unwrap_or_else(|| {
                    Diagnostic::error(format!("{}/children.md", bundle.dir), Pos::file(), format!("{MISSING}."))
                        .with_help("Add children.md beside inspection.yaml: the summary written for children and young people in care.")
                }));
            }
            (None, ChildParts::default())
        }
    }
}

/// Recordings of a child page (`children.mp3`, `children.<lang>.mp3`),
/// which the page offers before its read-aloud button: each needs its page,
/// and a recording under another name or format is never offered.
fn check_recordings(
    diags: &mut Diagnostics,
    bundle: &RawBundle,
    has_children: bool,
    translations: &[Translation],
) {
    for a in bundle.assets.iter().filter(|a| !a.contains('/')) {
        let lower = a.to_ascii_lowercase();
        let Some(stem) = lower.strip_prefix("children") else {
            continue;
        };
        let file = format!("{}/{a}", bundle.dir);
        if let Some(lang) = a
            .strip_prefix("children.")
            .and_then(|r| r.strip_suffix(".mp3"))
        {
            if translations.iter().any(|t| t.lang == lang) {
                continue;
            }
            diags.push(
                Diagnostic::warning(&file, Pos::file(), format!("This recording is for a translation into `{lang}`, but there is no children.{lang}.md in this folder, so no page offers it."))
                    .with_help(format!("Add children.{lang}.md, or rename the recording to match the translation it reads (children.<tag>.mp3).")),
            );
        } else if a == "children.mp3" {
            if !has_children {
                diags.push(
                    Diagnostic::warning(&file, Pos::file(), "This recording reads the child page, but this inspection has no children.md, so no page offers it.")
                        .with_help("Add children.md, or delete the recording."),
                );
            }
        } else if [
            ".m4a", ".wav", ".ogg", ".oga", ".aac", ".mp3", ".mpeg", ".webm", ".opus",
        ]
        .iter()
        .any(|e| stem.ends_with(e))
        {
            diags.push(
                Diagnostic::warning(&file, Pos::file(), format!("`{a}` looks like a recording of the child page, but Clarion offers one only as `children.mp3` (or `children.<tag>.mp3` for a translation), so no page plays it."))
                    .with_help("Save it as MP3 (every browser plays it) and name it children.mp3, in lower case, or children.ar.mp3 for the Arabic page."),
            );
        }
    }
}

fn read_translations(
    diags: &mut Diagnostics,
    bundle: &RawBundle,
    english_parts: Option<&ChildParts>,
) -> Vec<Translation> {
    let mut translations = Vec::new();
    let mut seen_tags: BTreeSet<String> = BTreeSet::new();
    for (tag, tf) in &bundle.translations {
        // Tags are case-insensitive: `ar` and `AR` would be one page twice.
        if !seen_tags.insert(tag.to_ascii_lowercase()) {
            diags.push(
                Diagnostic::error(
                    &tf.path,
                    Pos::file(),
                    format!("There is already a translation into `{tag}` in this folder."),
                )
                .with_help(
                    "Language tags ignore case: keep one file per language and delete the other.",
                ),
            );
            continue;
        }
        if !clarion_core::is_valid_tag(tag) {
            diags.push(
                Diagnostic::error(&tf.path, Pos::file(), format!("`{tag}` is not a valid language tag, so this translation cannot be published."))
                    .with_help("Name translations children.<tag>.md with a BCP 47 tag: children.ar.md (Arabic), children.ps.md (Pashto), children.ti.md (Tigrinya), children.fa-AF.md (Dari)."),
            );
            continue;
        }
        let keys: Vec<&str> = ["reviewed", "title", "description"]
            .into_iter()
            .chain(CHILD_PART_KEYS.iter().copied())
            .collect();
        let (file, fields, root) = read_markdown(tf, "a translation's front matter", &keys, diags);
        let fm = field_map(&fields);
        let r = &mut Reader {
            file: &tf.path,
            diags,
        };
        let reviewed = r.boolean(&fm, "reviewed").unwrap_or(false);
        // A translation gives its own parts: the English ones would put
        // English on a page in another language.
        let parts = read_child_parts(r, &fm, root.as_ref());
        if let Some(english) = english_parts {
            check_parts_translated(r, tag, english, &parts);
        }
        translations.push(Translation {
            lang: tag.clone(),
            reviewed,
            file,
            parts,
        });
    }
    translations.sort_by(|a, b| a.lang.cmp(&b.lang));
    if english_parts.is_none() && !translations.is_empty() {
        diags.push(
            Diagnostic::warning(
                &translations[0].file.path,
                Pos::file(),
                "This translation has no English children.md beside it.",
            )
            .with_help("Add children.md: translations are of the child summary."),
        );
    }
    translations
}
