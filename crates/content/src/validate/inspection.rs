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
pub(super) const JUDGEMENT_KEYS: &[&str] = &["name", "child_name", "area", "grade", "parts"];

pub(super) struct Ctx<'a> {
    pub(super) config: &'a Config,
    pub(super) frameworks: &'a BTreeMap<String, Arc<Framework>>,
    pub(super) unreadable: &'a BTreeSet<String>,
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
        let area = r.opt_text(&f, "area");
        if let (Some(a), Some(n)) = (&area, f.get("area"))
            && !clarion_core::is_valid_slug(a)
        {
            r.error(
                n.pos,
                format!("`{a}` is not a valid area."),
                format!(
                    "Areas are lower-case words joined by hyphens, such as `care-leavers`: `{}`.",
                    clarion_core::slugify(a)
                ),
            );
        }
        let area = area.or_else(|| {
            framework
                .and_then(|fw| fw.area_of(&name))
                .map(str::to_string)
        });
        // A name the framework does not list is shown as "Not graded" under
        // its area: a slip ("progess") must not pass silently. A judgement
        // with its own `area:` may be named freely, and so may the parts
        // under one (the 2009 reports' "Partnerships", "Value for money").
        if let (0, None, Some(fw), Some(n)) = (depth, &area, framework, f.get("name"))
            && !fw.areas.is_empty()
        {
            unknown_judgement(r, fw, &name, n.pos);
        }
        out.push(Judgement {
            name,
            child_name: r.opt_text(&f, "child_name"),
            area,
            grade,
            parts,
        });
    }
    out
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
    diags: &mut Vec<Diagnostic>,
) -> Option<Inspection> {
    let exists_unreadable = |name: &str| ctx.unreadable.contains(&format!("{}/{name}", bundle.dir));
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
    let Some(file) = &bundle.inspection else {
        if exists_unreadable("inspection.yaml") {
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

    let kind = r.opt_text(&f, "kind").unwrap_or_else(|| "full".into());
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
    let graded = !UNGRADED_KINDS.contains(&kind.as_str());

    let framework = match f.get("framework") {
        // Any case, as grades are: `ILACS` is `ilacs`.
        Some(n) => r.text(n, "framework").and_then(|key| match ctx.frameworks.get(&key).or_else(|| ctx.frameworks.get(&key.to_lowercase())) {
            Some(fw) => Some(fw.clone()),
            None => {
                let keys: Vec<&str> = ctx.frameworks.keys().map(String::as_str).collect();
                let mut help = format!("Known frameworks: {}. A new one can be defined in content/frameworks.yaml.", quote_list(&keys));
                if let Some(near) = nearest(&key, keys.iter().copied()) {
                    help = format!("Did you mean `{near}`? {help}");
                }
                r.diags.push(
                    Diagnostic::error(r.file, n.pos, format!("`{key}` is not a known inspection framework."))
                        .with_label("unknown framework")
                        .with_help(help),
                );
                None
            }
        }),
        None => {
            if graded && !exists_unreadable("children.md") {
                r.missing(&root, "framework", "This inspection needs `framework`, so Clarion knows its grades.".into(), "Add `framework: ilacs` (2018 to March 2026), `ilacs-2026` (April 2026 on), `sif` (2013-2018) or `safeguarding-lac-2009`.".into());
            }
            None
        }
    };

    let authority = match r
        .opt_text(&f, "authority")
        .or_else(|| ctx.config.authority.clone())
    {
        Some(a) => a,
        // site.yaml's own error says enough: its default is unknown.
        None if ctx.config.defaults_unknown => String::new(),
        None => {
            r.missing(
                &root,
                "authority",
                "This inspection does not say which authority was inspected.".into(),
                "Add `authority: ` here, or a default `authority:` in site.yaml.".into(),
            );
            String::new()
        }
    };

    let start = r.date(&f, "start");
    let end = r.date(&f, "end");
    let published = r.date(&f, "published");
    if !f.contains_key("start") && !f.contains_key("published") {
        r.missing(
            &root,
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
    // A framework used outside the years it ran: ILACS with a 2016 date was
    // a SIF inspection. A report is published after the visit, so a
    // `published` date alone can only show the framework had not begun.
    if let (Some(fw), Some(n)) = (&framework, f.get("framework")) {
        let dated =
            start.or(published.filter(|p| fw.from.is_some_and(|from| months_of(p).1 < from)));
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
    if let Some(pos) = empty_key(&root, "draft") {
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
    if let Some(pos) = empty_key(&root, "embargo") {
        r.diags.push(
            Diagnostic::error(r.file, pos, "`embargo` is empty, so it is not clear when this inspection may be published.")
                .with_label("empty")
                .with_help("Write the moment it may be published, in UTC (`embargo: 2025-12-12T00:01:00Z`), or `draft: true` to keep it off the site, or delete the line to publish it now."),
        );
    }

    let mut overall = None;
    let mut judgements = Vec::new();
    if graded {
        if let (Some(n), Some(fw)) = (f.get("overall"), &framework) {
            overall = grade_of(r, fw, n);
        }
        if let Some(n) = f.get("judgements") {
            judgements = read_judgements(r, framework.as_deref(), n, 0);
        }
        if let Some(fw) = &framework {
            if fw.overall && kind == "full" && !f.contains_key("overall") {
                r.missing(
                    &root,
                    "overall",
                    format!(
                        "A full inspection under `{}` needs an `overall` grade.",
                        fw.key
                    ),
                    "Add `overall: ` with the overall effectiveness grade the report gives.".into(),
                );
            } else if let Some(pos) = empty_key(&root, "overall") {
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
                    Diagnostic::error(r.file, key_pos(&root, key), format!("A `{kind}` inspection is not graded, so it cannot have `{key}`."))
                        .with_label("not graded")
                        .with_help(format!("Delete `{key}`, or, if this inspection was graded, change `kind:` (for example to `full`).")),
                );
            }
        }
    }

    let summary = match &bundle.summary {
        Some(s) => read_markdown(s, "summary.md's front matter", &["title"], r.diags).0,
        None => {
            if !exists_unreadable("summary.md") {
                const MISSING: &str = "This inspection has no summary.md";
                r.diags.push(near_miss_error(bundle, "summary.md", MISSING).unwrap_or_else(|| {
                    Diagnostic::error(format!("{}/summary.md", bundle.dir), Pos::file(), format!("{MISSING}."))
                        .with_help("Add summary.md beside inspection.yaml: a summary of the report for adults, in Markdown.")
                }));
            }
            MarkdownFile {
                path: format!("{}/summary.md", bundle.dir),
                body: Arc::from(""),
                body_line: 1,
                title: None,
            }
        }
    };
    let children = match &bundle.children {
        Some(c) => {
            let md = read_markdown(c, "children.md's front matter", &["title"], r.diags).0;
            // An empty page for children is worse than none: it says nothing
            // to the child who opens it.
            if md.body.trim().is_empty() {
                r.diags.push(
                    Diagnostic::error(&c.path, Pos::file(), "children.md has no text, so the children's page would be empty.")
                        .with_label("empty")
                        .with_help("Write the summary for children and young people in care below any front matter."),
                );
            }
            Some(md)
        }
        None => {
            if graded && !exists_unreadable("children.md") {
                const MISSING: &str = "This graded inspection has no children.md";
                r.diags.push(near_miss_error(bundle, "children.md", MISSING).unwrap_or_else(|| {
                    Diagnostic::error(format!("{}/children.md", bundle.dir), Pos::file(), format!("{MISSING}."))
                        .with_help("Add children.md beside inspection.yaml: the summary written for children and young people in care.")
                }));
            }
            None
        }
    };
    let mut translations = Vec::new();
    let mut seen_tags: BTreeSet<String> = BTreeSet::new();
    for (tag, tf) in &bundle.translations {
        // Tags are case-insensitive: `ar` and `AR` would be one page twice.
        if !seen_tags.insert(tag.to_ascii_lowercase()) {
            r.diags.push(
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
            r.diags.push(
                Diagnostic::error(&tf.path, Pos::file(), format!("`{tag}` is not a valid language tag, so this translation cannot be published."))
                    .with_help("Name translations children.<tag>.md with a BCP 47 tag: children.ar.md (Arabic), children.ps.md (Pashto), children.ti.md (Tigrinya), children.fa-AF.md (Dari)."),
            );
            continue;
        }
        let (file, fields, _) = read_markdown(
            tf,
            "a translation's front matter",
            &["reviewed", "title"],
            r.diags,
        );
        let fm = field_map(&fields);
        let reviewed = Reader {
            file: &tf.path,
            diags: r.diags,
        }
        .boolean(&fm, "reviewed")
        .unwrap_or(false);
        translations.push(Translation {
            lang: tag.clone(),
            reviewed,
            file,
        });
    }
    translations.sort_by(|a, b| a.lang.cmp(&b.lang));
    if children.is_none() && !translations.is_empty() {
        r.diags.push(
            Diagnostic::warning(
                &translations[0].file.path,
                Pos::file(),
                "This translation has no English children.md beside it.",
            )
            .with_help("Add children.md: translations are of the child summary."),
        );
    }

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
        translations,
        assets: bundle.assets.clone(),
    })
}
