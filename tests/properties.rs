//! Properties that hold for any input, checked with proptest on generated
//! cases (few of them, so the file runs in seconds):
//! - rendering any Markdown never yields a script, an event handler or a
//!   script address;
//! - any valid site builds, and builds to the same bytes every time;
//! - slugs: `slugify` gives valid, stable slugs, and valid slugs round-trip;
//! - the YAML reader and the front matter splitter never panic, and the
//!   splitter's parts put back together give the input.
//!
//! Inputs the fuzz targets (fuzz/) found are kept at the bottom as plain tests.

#[path = "properties/html_check.rs"]
mod html_check;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use clarion::markdown::{GlossaryMatcher, LinkMap, RenderOptions, render};
use clarion::model::{GlossaryEntry, MarkdownFile};
use clarion::{frontmatter, slug, yaml};
use proptest::prelude::*;

use html_check::unsafe_html;

// ------------------------------------------------------------------ markdown

fn glossary() -> Vec<GlossaryEntry> {
    [
        ("care leaver", vec!["care leavers"]),
        ("IRO", vec!["independent reviewing officer"]),
        ("on", vec![]),
        ("script", vec![]),
    ]
    .into_iter()
    .map(|(term, also)| GlossaryEntry {
        term: term.into(),
        also: also.into_iter().map(String::from).collect(),
        meaning: "m".into(),
        id: slug::slugify(term),
        ..GlossaryEntry::default()
    })
    .collect()
}

fn link_map() -> LinkMap {
    let mut targets = BTreeMap::new();
    targets.insert("content/pages/about.md".to_string(), "about/".to_string());
    targets.insert(
        "content/inspections/x/photo.png".to_string(),
        "inspections/x/photo.png".to_string(),
    );
    LinkMap {
        base_path: "/kent/".into(),
        targets,
    }
}

/// Renders `body` as a child page (glossary words linked) and as an adult
/// page, and returns the first unsafe thing found in either.
fn render_problem(body: &str) -> Option<String> {
    let entries = glossary();
    let matcher = GlossaryMatcher::new(&entries);
    let links = link_map();
    let file = MarkdownFile {
        path: "content/inspections/x/children.md".into(),
        body: Arc::from(body),
        body_line: 1,
        title: None,
        description: None,
    };
    for glossary in [Some(&matcher), None] {
        let r = render(
            &file,
            &RenderOptions {
                links: &links,
                glossary,
                id_prefix: "p-",
            },
        );
        if let Some(p) = unsafe_html(&r.html) {
            return Some(format!("{p} in:\n{}", r.html));
        }
    }
    None
}

/// Pieces of hostile Markdown and HTML, joined in any order.
fn hostile_piece() -> impl Strategy<Value = String> {
    let pieces: Vec<&'static str> = vec![
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//x.js>",
        "<scr<script>ipt>alert(1)</scr</script>ipt>",
        "<img src=x onerror=alert(1)>",
        "<img/src=x/onerror=alert(1)>",
        "<svg onload=alert(1)>",
        "<svg><script>alert(1)</script></svg>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=JaVaScRiPt:alert(1)>x</a>",
        "<a href=\"java&#x09;script:alert(1)\">x</a>",
        "<a href=\"&#106;&#97;vascript:alert(1)\">x</a>",
        "<a href=\"javascript&colon;alert(1)\">x</a>",
        "<a href=\" &#14; javascript:alert(1)\">x</a>",
        "<a href=\"vbscript:x\">x</a>",
        "<a href=\"data:text/html;base64,PHNjcmlwdD4=\">x</a>",
        "<iframe src=\"https://x.org\"></iframe>",
        "<object data=x.swf>",
        "<form action=javascript:alert(1)><button>x</button></form>",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "<details open ontoggle=alert(1)>",
        "<p onclick=\"alert(1)\" ONMOUSEOVER='x'>hi</p>",
        "<a href=\"x\" onfocus=alert(1) autofocus>",
        "<!--<script>-->",
        "<![CDATA[<script>]]>",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
        "<style>@import 'x';</style>",
        "<base href=\"javascript:x\">",
        "<meta http-equiv=refresh content=\"0;url=javascript:x\">",
        "[x](javascript:alert(1))",
        "[x](JAVASCRIPT:alert(1) \"t\")",
        "[x](<java script:alert(1)>)",
        "[x](java%0Ascript:alert(1))",
        "[x](&#106;avascript:alert(1))",
        "![i](javascript:alert(1))",
        "![i](data:image/svg+xml,<svg onload=alert(1)>)",
        "<javascript:alert(1)>",
        "<vbscript:x>",
        "[r]\n\n[r]: javascript:alert(1)\n",
        "[r][]\n\n[r]: <javascript:x> 'title'\n",
        "# Heading {onclick=alert(1)}\n",
        "## T {#id .c style=x href=javascript:alert(1)}\n",
        "[^1]\n\n[^1]: <img src=x onerror=alert(1)>\n",
        "| a | b |\n|---|---|\n| <script>x</script> | [y](javascript:z) |\n",
        "```html\n<script>alert(1)</script>\n```\n",
        "`<img src=x onerror=alert(1)>`",
        "&lt;script&gt;",
        "&#60;script&#62;alert(1)&#60;/script&#62;",
        "care leavers ",
        "IRO ",
        "on ",
        "script ",
        "\n\n",
        "\n",
        "> ",
        "- ",
        "1. ",
        "    ",
        "**",
        "_",
        "~~",
        "\\",
        "\"",
        "'",
        "<",
        ">",
        "=",
        "&",
        "text ",
        "[about](../../pages/about.md)",
        "[photo](photo.png)",
        "<a href=\"photo.png\">p</a>",
    ];
    prop::sample::select(pieces).prop_map(String::from)
}

fn hostile_markdown() -> impl Strategy<Value = String> {
    prop::collection::vec(hostile_piece(), 1..12).prop_map(|v| v.concat())
}

/// Tags and attributes built from parts, including split and odd-case forms.
fn generated_tag() -> impl Strategy<Value = String> {
    let names = prop::sample::select(vec![
        "a", "img", "div", "p", "svg", "script", "ScRiPt", "iframe", "details", "input",
    ]);
    let attr_names = prop::sample::select(vec![
        "href",
        "src",
        "onclick",
        "OnError",
        "onload",
        "style",
        "title",
        "id",
        "xlink:href",
        "action",
        "formaction",
    ]);
    let schemes = prop::sample::select(vec![
        "javascript:",
        "JaVaScRiPt:",
        "java&#x09;script:",
        "java&#10;script:",
        "&#x6A;avascript:",
        " javascript:",
        "javascript&colon;",
        "vbscript:",
        "data:text/html,",
        "https://x.org/",
        "",
    ]);
    let quotes = prop::sample::select(vec!["\"", "'", ""]);
    let attr =
        (attr_names, schemes, quotes).prop_map(|(n, s, q)| format!(" {n}={q}{s}alert(1){q}"));
    (names, prop::collection::vec(attr, 0..4), prop::bool::ANY).prop_map(|(n, attrs, close)| {
        format!(
            "<{n}{}>x{}",
            attrs.concat(),
            if close {
                format!("</{n}>")
            } else {
                String::new()
            }
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_text_renders_safely(body in any::<String>()) {
        if let Some(p) = render_problem(&body) {
            prop_assert!(false, "{}", p);
        }
    }

    #[test]
    fn hostile_markdown_renders_safely(body in hostile_markdown()) {
        if let Some(p) = render_problem(&body) {
            prop_assert!(false, "{}", p);
        }
    }

    #[test]
    fn generated_tags_render_safely(tags in prop::collection::vec(generated_tag(), 1..6), sep in prop::sample::select(vec!["", "\n", "\n\n", " text "])) {
        let body = tags.join(sep);
        if let Some(p) = render_problem(&body) {
            prop_assert!(false, "{}", p);
        }
    }
}

// ------------------------------------------------------------------ slugs

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn slugify_gives_valid_stable_slugs(s in any::<String>()) {
        let once = slug::slugify(&s);
        prop_assert!(slug::is_valid(&once), "{:?} -> {:?}", s, once);
        prop_assert_eq!(slug::slugify(&once), once.clone());
    }

    #[test]
    fn slugify_of_names_editors_type(s in "[A-Za-z0-9 _'’.éôü-]{0,30}") {
        let once = slug::slugify(&s);
        prop_assert!(slug::is_valid(&once), "{:?} -> {:?}", s, once);
        prop_assert_eq!(slug::slugify(&once), once.clone());
    }

    #[test]
    fn valid_slugs_round_trip(s in "[a-z0-9]{1,6}(-[a-z0-9]{1,6}){0,4}") {
        prop_assert!(slug::is_valid(&s));
        prop_assert_eq!(slug::slugify(&s), s);
    }

    #[test]
    fn any_string_that_is_a_valid_slug_round_trips(s in "[a-z0-9-]{1,12}") {
        if slug::is_valid(&s) {
            prop_assert_eq!(slug::slugify(&s), s);
        }
    }
}

// ------------------------------------------------------------------ YAML and front matter

/// Text built from YAML's special characters and keywords.
fn yamlish() -> impl Strategy<Value = String> {
    let tokens = prop::sample::select(vec![
        "a",
        "key",
        "title",
        "- ",
        ": ",
        ":",
        "\n",
        "  ",
        "    ",
        "\t",
        "[",
        "]",
        "{",
        "}",
        ",",
        "&a ",
        "*a",
        "&b ",
        "*b",
        "<<: ",
        "!!str ",
        "!!binary ",
        "!x ",
        "? ",
        "|",
        ">",
        "|-\n",
        "'",
        "\"",
        "#",
        "%YAML 1.2\n",
        "---\n",
        "...\n",
        "~",
        "null",
        "true",
        "no",
        "1",
        "-1",
        "0x1F",
        "1e999",
        "2025-02-29",
        "99999999999999999999999",
        ".nan",
        "\\u0000",
        "\r\n",
        "\u{feff}",
        "é",
        "\u{202e}",
    ]);
    prop::collection::vec(tokens, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn yaml_parse_never_panics(text in any::<String>(), offset in 0usize..5) {
        let _ = yaml::parse("x.yaml", &text, offset);
    }

    #[test]
    fn yaml_parse_never_panics_on_yamlish_text(text in yamlish()) {
        match yaml::parse("x.yaml", &text, 0) {
            Ok(_) => {}
            Err(d) => {
                prop_assert_eq!(d.file.as_str(), "x.yaml");
                prop_assert!(d.pos.line >= 1, "{:?}", d);
            }
        }
    }

    #[test]
    fn frontmatter_split_never_panics_and_reassembles(
        text in prop_oneof![
            any::<String>(),
            (prop::sample::select(vec!["---\n", "---\r\n", "--- \n", "---", ""]), yamlish(),
             prop::sample::select(vec!["---\n", "...\n", "---", "--- \r\n", "", "----\n"]), any::<String>())
                .prop_map(|(a, b, c, d)| format!("{a}{b}{c}{d}")),
        ]
    ) {
        match frontmatter::split(&text) {
            Ok(s) => {
                prop_assert!(text.ends_with(s.body));
                let head = &text[..text.len() - s.body.len()];
                prop_assert_eq!(s.body_line, head.matches('\n').count() + 1);
                match s.front {
                    None => prop_assert_eq!(s.body, text.as_str()),
                    Some((front, line)) => {
                        prop_assert_eq!(line, 2);
                        // opening fence + front + closing fence + body == text
                        let open_end = text.find('\n').map_or(text.len(), |i| i + 1);
                        prop_assert_eq!(text[..open_end].trim_end(), "---");
                        prop_assert!(head[open_end..].starts_with(front));
                        let closing = &head[open_end + front.len()..];
                        prop_assert!(matches!(closing.trim_end(), "---" | "..."), "{:?}", closing);
                        prop_assert_eq!(format!("{}{front}{closing}{}", &text[..open_end], s.body), text.clone());
                    }
                }
            }
            Err(_) => prop_assert!(text.starts_with("---")),
        }
    }
}

// ------------------------------------------------------------------ whole sites

#[derive(Debug, Clone)]
struct GenInspection {
    slug: String,
    year: u16,
    month: u8,
    day: u8,
    framework: usize,
    overall: usize,
    grades: Vec<usize>,
    names: Vec<String>,
}

fn gen_inspection() -> impl Strategy<Value = GenInspection> {
    (
        "[a-z]{1,5}(-[a-z0-9]{1,4}){0,2}",
        2013u16..2026,
        1u8..=12,
        1u8..=28,
        0usize..2,
        0usize..4,
        prop::collection::vec(0usize..4, 0..4),
        prop::collection::vec("[A-Za-z][a-z ]{0,12}[a-z]", 4),
    )
        .prop_map(
            |(slug, year, month, day, framework, overall, grades, names)| GenInspection {
                slug,
                // In the years its framework ran, or `check` refuses it:
                // SIF 2014-2017, ILACS 2018-2025.
                year: if framework == 0 {
                    2014 + year % 4
                } else {
                    2018 + year % 8
                },
                month,
                day,
                framework,
                overall,
                grades,
                names,
            },
        )
}

const FRAMEWORKS: [(&str, [&str; 4]); 2] = [
    (
        "sif",
        ["outstanding", "Good", "requires improvement", "INADEQUATE"],
    ),
    (
        "ilacs",
        [
            "Outstanding",
            "good",
            "Requires improvement to be good",
            "inadequate",
        ],
    ),
];

fn write_site(root: &Path, inspections: &[GenInspection]) {
    let w = |rel: &str, text: &str| {
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    w(
        "site.yaml",
        "title: Generated\nbase_url: https://example.org/gen/\nauthority: Genshire\n",
    );
    w(
        "content/glossary.yaml",
        "- term: care leaver\n  also: [care leavers]\n  meaning: A young person who was in care.\n",
    );
    w("content/pages/about.md", "# About\n\nAbout care leavers.\n");
    let mut seen = std::collections::BTreeSet::new();
    for i in inspections {
        let slug = format!("{}-{}", i.year, i.slug);
        if !seen.insert(slug.clone()) {
            continue;
        }
        let (fw, labels) = FRAMEWORKS[i.framework];
        let mut yaml = format!(
            "framework: {fw}\nkind: full\nstart: {}-{:02}-{:02}\noverall: {}\njudgements:\n",
            i.year, i.month, i.day, labels[i.overall]
        );
        for (n, g) in i.grades.iter().enumerate() {
            yaml.push_str(&format!(
                // Generated names are not the framework's, so each gives its area.
                "  - name: \"{} {n}\"\n    area: leadership\n    grade: {}\n",
                i.names[n % i.names.len()],
                labels[*g]
            ));
        }
        if i.grades.is_empty() {
            yaml.push_str("  - name: Leaders\n    area: leadership\n    grade: good\n");
        }
        let dir = format!("content/inspections/{slug}");
        w(&format!("{dir}/inspection.yaml"), &yaml);
        w(
            &format!("{dir}/summary.md"),
            &format!("## Found\n\n{} did well.\n", i.names[0]),
        );
        w(
            &format!("{dir}/children.md"),
            &format!("## For you\n\nCare leavers and {}.\n", i.names[1]),
        );
    }
}

fn build_into(root: &Path, output: &Path) -> Vec<(String, Vec<u8>)> {
    let report = clarion::pipeline::build(&clarion::pipeline::Options {
        root: root.to_path_buf(),
        output: Some(output.to_path_buf()),
        now: Some(clarion::dates::Timestamp::parse("2030-01-01T00:00:00Z").unwrap()),
        ..Default::default()
    })
    .unwrap();
    assert!(report.ok(), "{:#?}", report.diagnostics);
    let mut files = Vec::new();
    for e in walkdir::WalkDir::new(output).sort_by_file_name() {
        let e = e.unwrap();
        if e.file_type().is_file() {
            let rel = e.path().strip_prefix(output).unwrap();
            files.push((
                rel.to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            ));
        }
    }
    files
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn any_valid_site_builds_the_same_bytes_twice(inspections in prop::collection::vec(gen_inspection(), 1..5)) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("src");
        write_site(&root, &inspections);
        let a = build_into(&root, &dir.path().join("out-a"));
        let b = build_into(&root, &dir.path().join("out-b"));
        prop_assert!(a.len() > 10);
        let names_a: Vec<&String> = a.iter().map(|(n, _)| n).collect();
        let names_b: Vec<&String> = b.iter().map(|(n, _)| n).collect();
        prop_assert_eq!(names_a, names_b);
        for ((name, x), (_, y)) in a.iter().zip(b.iter()) {
            prop_assert!(x == y, "{} differs between two builds", name);
        }
        for (name, bytes) in &a {
            if name.ends_with(".html") {
                let html = String::from_utf8_lossy(bytes);
                prop_assert!(!html.contains("panicked"), "{}", name);
            }
        }
    }
}

// ------------------------------------------------------------------ found by fuzzing and by these tests

#[test]
fn heading_attributes_do_not_reach_the_page() {
    for body in [
        "# Hi {onclick=alert(1)}\n",
        "# Hi {#x onmouseover=\"alert(1)\" .c}\n",
        "## T {style=x href=javascript:alert(1)}\n",
    ] {
        assert_eq!(render_problem(body), None, "{body}");
    }
}

#[test]
fn deeply_nested_html_is_refused_quickly() {
    let started = std::time::Instant::now();
    let body = format!("{}x", "<div>".repeat(100_000));
    let file = MarkdownFile {
        path: "content/pages/a.md".into(),
        body: Arc::from(body.as_str()),
        body_line: 1,
        title: None,
        description: None,
    };
    let r = render(
        &file,
        &RenderOptions {
            links: &LinkMap::default(),
            glossary: None,
            id_prefix: "",
        },
    );
    assert!(r.diagnostics.iter().any(|d| d.is_error()));
    assert!(started.elapsed().as_secs() < 5);
}

/// Found by the `frontmatter` fuzz target (the valid UTF-8 start of its
/// crashing input): a closing fence at the very end put the empty body on
/// the line after the file's last.
#[test]
fn front_matter_closed_at_the_very_end_of_the_file() {
    let text = "---\ntitle: Home\nsubtitle: Hello\n---";
    let s = frontmatter::split(text).unwrap();
    assert_eq!(s.body, "");
    assert_eq!(s.body_line, text.matches('\n').count() + 1);
}
