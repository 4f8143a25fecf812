use super::*;

#[test]
fn builtin_frameworks_are_valid() {
    let file = TextFile {
        path: "builtin".into(),
        text: Arc::from(BUILTIN_FRAMEWORKS),
    };
    let mut diags = Diagnostics::default();
    let fws = read_frameworks(&file, &mut diags);
    assert!(diags.is_empty(), "{diags:?}");
    let keys: Vec<&str> = fws.iter().map(|f| f.key.as_str()).collect();
    assert_eq!(
        keys,
        ["safeguarding-lac-2009", "sif", "ilacs", "ilacs-2026"]
    );
    let ilacs = &fws[2];
    assert_eq!(ilacs.find_grade("Requires improvement to be good"), Some(2));
    assert_eq!(ilacs.find_grade("requires_improvement"), Some(2));
    assert_eq!(fws[0].find_grade("grade 3"), Some(2));
    assert!(!fws[0].overall);
    for fw in &fws {
        for g in &fw.grades {
            assert!(!g.child_meaning.is_empty() && !g.child_label.is_empty());
        }
    }
}

#[test]
fn nearest_suggests_typos_only() {
    assert_eq!(
        nearest("frameowrk", ["framework", "kind"]),
        Some("framework")
    );
    assert_eq!(nearest("zzz", ["framework", "kind"]), None);
}

#[test]
fn base_urls() {
    assert_eq!(
        normalise_base_url("https://x.github.io/kent"),
        Some(("https://x.github.io/kent/".into(), "/kent/".into()))
    );
    assert_eq!(normalise_base_url("https://x.org").unwrap().1, "/");
    assert_eq!(normalise_base_url("x.org"), None);
    assert_eq!(
        normalise_base_url("https://x.org//"),
        Some(("https://x.org/".into(), "/".into()))
    );
    assert_eq!(
        normalise_base_url("https://x.org//kent//a//").unwrap().1,
        "/kent/a/"
    );
    assert_eq!(normalise_base_url("https:///kent/"), None);
}

#[test]
fn heading_becomes_title() {
    let mut f = MarkdownFile {
        path: "p.md".into(),
        body: Arc::from("\n# About us\n\nText\n"),
        body_line: 1,
        title: None,
    };
    assert_eq!(title_from_heading(&mut f).as_deref(), Some("About us"));
    assert_eq!(&*f.body, "\nText\n");
    assert_eq!(f.body_line, 3);
}
