//! Building real sites in temporary folders and inspecting the output.

mod common;

use common::*;

#[test]
fn a_valid_site_builds_every_path_in_the_contract() {
    let site = Site::new(&valid_site());
    site.build().assert_ok();
    for path in [
        "site/index.html",
        "site/inspections/2025-11-ilacs/index.html",
        "site/inspections/2025-11-ilacs/children/index.html",
        "site/inspections/2025-11-ilacs/photo.png",
        "site/documents/2026-01-response/index.html",
        "site/glossary/index.html",
        "site/about/index.html",
        "site/grades.json",
        "site/grades.csv",
        "site/feed.xml",
        "site/sitemap.xml",
        "site/404.html",
        "site/.nojekyll",
        "site/style.css",
        "site/favicon.svg",
    ] {
        assert!(site.path(path).exists(), "{path} is missing");
    }
}

/// Resolves every internal link of every page against the files written,
/// with the site served under its sub-path.
#[test]
fn every_link_works_under_the_base_url_sub_path() {
    let site = Site::new(&valid_site());
    site.build().assert_ok();
    let out = site.path("site");
    let mut checked = 0;
    for (file, bytes) in snapshot(&out) {
        if !file.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        for link in links(&html) {
            if link.starts_with("https://")
                || link.starts_with("http://")
                || link.starts_with("tel:")
                || link.starts_with("mailto:")
            {
                continue;
            }
            let (path, _frag) = link.split_once('#').unwrap_or((&link, ""));
            if path.is_empty() {
                continue; // same-page anchor
            }
            let path = path.split('?').next().unwrap();
            let rest = path
                .strip_prefix("/test-site/")
                .unwrap_or_else(|| panic!("{file}: link {link} is not under the sub-path"));
            let target = out.join(rest);
            let ok = if rest.is_empty() || rest.ends_with('/') {
                target.join("index.html").is_file()
            } else {
                target.is_file()
            };
            assert!(ok, "{file}: link {link} points to nothing");
            checked += 1;
        }
    }
    assert!(checked > 30, "only {checked} links checked");
}

#[test]
fn base_url_flag_overrides_site_yaml() {
    let site = Site::new(&valid_site());
    site.run(&["build", "--base-url", "https://councils.example/kent"])
        .assert_ok();
    let html = site.read("site/index.html");
    assert!(
        html.contains("href=\"/kent/inspections/2025-11-ilacs/\""),
        "{html}"
    );
    assert!(
        site.read("site/sitemap.xml")
            .contains("<loc>https://councils.example/kent/</loc>")
    );
    let bad = site.run(&["build", "--base-url", "not a url"]);
    assert_eq!(bad.code, 2, "{}", bad.stderr);
}

#[test]
fn output_is_byte_identical_across_builds() {
    let site = Site::new(&valid_site());
    site.run(&["build", "--output", site.path("one").to_str().unwrap()])
        .assert_ok();
    site.run(&["build", "--output", site.path("two").to_str().unwrap()])
        .assert_ok();
    let one = snapshot(&site.path("one"));
    let two = snapshot(&site.path("two"));
    assert!(one.len() > 10);
    assert_eq!(one, two);
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let site = Site::new(&valid_site());
    site.build().assert_ok();
    let before = snapshot(&site.path("site"));
    site.write(
        "content/inspections/2025-11-ilacs/inspection.yaml",
        &INSPECTION_YAML.replace("overall: good", "overall: brilliant"),
    );
    site.build()
        .assert_content_error("inspection.yaml:6:10", "not a grade");
    assert_eq!(snapshot(&site.path("site")), before);
    let leftovers: Vec<String> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("clarion-tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_rebuild_replaces_the_site_whole() {
    let site = Site::new(&valid_site());
    site.build().assert_ok();
    std::fs::remove_file(site.path("content/pages/about.md")).unwrap();
    site.write(
        "content/inspections/2025-11-ilacs/summary.md",
        "Summary only.\n",
    );
    site.build().assert_ok();
    assert!(
        !site.path("site/about").exists(),
        "a removed page stayed in the output"
    );
}

#[test]
fn hostile_html_is_sanitised() {
    let hostile = "Hello <script>alert('x')</script>\n\n<img src=\"x.png\" onerror=\"alert(1)\">\n\n<a href=\"javascript:alert(1)\">click</a> [md](javascript:alert(2)) <iframe src=\"https://evil.example\"></iframe>\n\n<div style=\"x\" onclick=\"evil()\">text</div>\n";
    let site = Site::valid_with(&[(
        "content/inspections/2025-11-ilacs/summary.md",
        hostile.as_bytes(),
    )]);
    site.build().assert_ok();
    let html = site
        .read("site/inspections/2025-11-ilacs/index.html")
        .to_lowercase();
    let main = &html[html.find("<main").unwrap()..html.find("</main>").unwrap()];
    assert!(!main.contains("<script"), "{main}");
    assert!(
        !main.contains("onerror") && !main.contains("onclick"),
        "{main}"
    );
    assert!(!main.contains("javascript:"), "{main}");
    assert!(!main.contains("<iframe"), "{main}");
    assert!(main.contains("hello"));
}

#[test]
fn open_data_has_exactly_the_contract_fields() {
    let site = Site::new(&valid_site());
    site.build().assert_ok();
    let csv = site.read("site/grades.csv");
    let mut lines = csv.lines();
    assert_eq!(
        lines.next().unwrap(),
        "inspection,authority,framework,kind,start,end,published,judgement,parent,grade,label,rank,scale,url"
    );
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 3, "{csv}");
    assert_eq!(
        rows[0],
        "2025-11-ilacs,Testshire County Council,ilacs,full,2025-11-03,2025-11-07,2025-12-12,Overall effectiveness,,good,Good,2,4,https://example.github.io/test-site/inspections/2025-11-ilacs/"
    );
    assert!(rows[2].contains("The experiences and progress of care leavers,,requires-improvement,Requires improvement to be good,3,4,"));
    let json: serde_json::Value = serde_json::from_str(&site.read("site/grades.json")).unwrap();
    let records = json.as_array().unwrap();
    assert_eq!(records.len(), 3);
    let keys: Vec<&str> = records[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut expected = vec![
        "inspection",
        "authority",
        "framework",
        "kind",
        "start",
        "end",
        "published",
        "judgement",
        "parent",
        "grade",
        "label",
        "rank",
        "scale",
        "url",
    ];
    let mut got = keys.clone();
    got.sort();
    expected.sort();
    assert_eq!(got, expected);
    assert_eq!(records[2]["rank"], 3);
    assert_eq!(records[2]["label"], "Requires improvement to be good");
}

#[test]
fn nested_judgements_name_their_parent_in_open_data() {
    let yaml = "framework: safeguarding-lac-2009\nstart: 2010-10-11\njudgements:\n  - name: Safeguarding services\n    grade: Grade 4\n    parts:\n      - name: Capacity for improvement\n        grade: inadequate\n  - name: Services for looked after children\n    parts:\n      - name: Being healthy\n        grade: adequate\n";
    let site = Site::valid_with(&[(
        "content/inspections/2025-11-ilacs/inspection.yaml",
        yaml.as_bytes(),
    )]);
    site.build().assert_ok();
    let csv = site.read("site/grades.csv");
    assert!(
        csv.contains(",Capacity for improvement,Safeguarding services,inadequate,Inadequate,4,4,"),
        "{csv}"
    );
    assert!(
        csv.contains(",Being healthy,Services for looked after children,adequate,Adequate,3,4,"),
        "{csv}"
    );
    assert!(!csv.contains("Overall effectiveness"), "{csv}");
}

#[test]
fn feed_sitemap_robots_and_nojekyll() {
    let site = Site::new(&valid_site());
    site.build().assert_ok();
    let feed = site.read("site/feed.xml");
    assert!(feed.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\">"));
    assert!(
        feed.contains("<id>https://example.github.io/test-site/inspections/2025-11-ilacs/</id>")
    );
    assert!(
        feed.contains("<updated>2026-01-10T00:00:00Z</updated>"),
        "{feed}"
    );
    let sitemap = site.read("site/sitemap.xml");
    assert!(sitemap.contains(
        "<loc>https://example.github.io/test-site/inspections/2025-11-ilacs/children/</loc>"
    ));
    assert!(!sitemap.contains("404"));
    // Under a sub-path crawlers would never read it.
    assert!(!site.path("site/robots.txt").exists());
    assert_eq!(site.read("site/.nojekyll"), "");
}

#[test]
fn pages_are_accessible_by_construction() {
    let site = Site::new(&valid_site());
    site.build().assert_ok();
    for (file, bytes) in snapshot(&site.path("site")) {
        if !file.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        assert!(html.contains("<html lang=\"en-GB\""), "{file}");
        assert_eq!(html.matches("<h1").count(), 1, "{file} must have one h1");
        assert!(
            html.contains("class=\"skip-link\" href=\"#main\""),
            "{file}"
        );
        assert!(html.contains("<main id=\"main\""), "{file}");
        assert!(
            html.contains("<header") && html.contains("<footer") && html.contains("<nav"),
            "{file}"
        );
        assert!(
            html.contains("href=\"/test-site/about/\""),
            "{file}: footer link to pages"
        );
        // No third-party requests: every src and stylesheet is on the site.
        for link in links(&html) {
            if html.contains(&format!("src=\"{link}\""))
                || html.contains(&format!("rel=\"stylesheet\" href=\"{link}\""))
            {
                assert!(
                    link.starts_with("/test-site/"),
                    "{file}: third-party resource {link}"
                );
            }
        }
    }
}

#[test]
fn grades_are_words_with_icons() {
    let site = Site::new(&valid_site());
    site.build().assert_ok();
    let html = site.read("site/inspections/2025-11-ilacs/index.html");
    assert!(
        html.contains("class=\"grade grade-tone-2\"><svg class=\"grade-icon\""),
        "{html}"
    );
    assert!(html.contains("<span class=\"grade-word\">Requires improvement to be good</span>"));
    let child = site.read("site/inspections/2025-11-ilacs/children/index.html");
    assert!(
        child.contains("Needs to get better"),
        "child page shows the plain grade word"
    );
    assert!(child.contains("How young people leaving care are helped"));
    assert!(child.contains("The people who look after you are doing a good job."));
}

#[test]
fn colocated_files_and_relative_links_work_from_every_page() {
    let site = Site::valid_with(&[(
        "content/inspections/2025-11-ilacs/children.md",
        b"Look: ![a photo](photo.png)\n",
    )]);
    site.build().assert_ok();
    let child = site.read("site/inspections/2025-11-ilacs/children/index.html");
    assert!(
        child.contains("src=\"/test-site/inspections/2025-11-ilacs/photo.png\""),
        "{child}"
    );
    let about = site.read("site/about/index.html");
    assert!(
        about.contains("href=\"/test-site/inspections/2025-11-ilacs/\""),
        "{about}"
    );
}

#[test]
fn a_site_without_themes_uses_the_embedded_theme_and_site_files_override() {
    let site = Site::new(&valid_site());
    site.write(
        "themes/default/templates/page.html",
        "{% extends \"base.html\" %}{% block main %}<h1>CUSTOM {{ page.title }}</h1>{% endblock %}",
    );
    site.write("static/style.css", "body { color: red }");
    site.build().assert_ok();
    assert!(
        site.read("site/about/index.html")
            .contains("<h1>CUSTOM About</h1>")
    );
    assert_eq!(site.read("site/style.css"), "body { color: red }");
    assert!(
        site.read("site/index.html")
            .contains("Inspections, newest first"),
        "other templates still come from the embedded theme"
    );
}

#[test]
fn template_errors_name_the_template_file_and_line() {
    let site = Site::new(&valid_site());
    site.write("themes/default/templates/page.html", "{% extends \"base.html\" %}\n{% block main %}\n{{ page.title | nosuchfilter }}\n{% endblock %}");
    let run = site.build();
    run.assert_content_error("themes/default/templates/page.html:3", "page.html");
}

#[test]
fn a_template_that_loops_forever_is_stopped() {
    let site = Site::new(&valid_site());
    site.write(
        "themes/default/templates/page.html",
        "{% extends \"base.html\" %}{% block main %}{% for a in range(100000) %}{% for b in range(100000) %}{{ a }}{% endfor %}{% endfor %}{% endblock %}",
    );
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("page.html"), "{}", run.stderr);
}

#[test]
fn unknown_theme_is_an_error() {
    let site = Site::valid_with(&[("site.yaml", format!("{SITE_YAML}theme: fancy\n").as_bytes())]);
    site.build()
        .assert_content_error("site.yaml:4", "no theme called `fancy`");
}

#[test]
fn refuses_to_build_over_source_folders() {
    let site = Site::new(&valid_site());
    for out in [".", "content", "static", "themes", "content/pages", ".."] {
        let target = site.path(out);
        let run = site.run(&["build", "--output", target.to_str().unwrap()]);
        assert_eq!(run.code, 2, "{out}: {}", run.stderr);
        assert!(run.stderr.contains("Refusing"), "{}", run.stderr);
    }
    assert!(site.path("content/pages/about.md").exists());
}

/// Every file and folder under `dir` with its bytes (folders as empty), so
/// a refused build can be shown to have touched nothing.
fn tree(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for e in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let e = e.unwrap();
        let rel = e
            .path()
            .strip_prefix(dir)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let bytes = if e.file_type().is_file() {
            std::fs::read(e.path()).unwrap()
        } else {
            Vec::new()
        };
        out.push((rel, bytes));
    }
    out
}

#[test]
fn refuses_to_replace_a_folder_it_did_not_build() {
    let site = Site::new(&valid_site());
    // A folder of the editor's own files, another site with its history,
    // the site's own .git, and a plain file.
    let outside = tempfile::tempdir().unwrap();
    let put = |rel: &str| {
        let p = outside.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, rel).unwrap();
    };
    put("reports/minutes.docx");
    put("reports/2025/budget.xlsx");
    put("other-site/site.yaml");
    put("other-site/.git/HEAD");
    put("other-site/content/index.md");
    put("built-by-hand/index.html");
    put("a-file.txt");
    site.write(".git/HEAD", "ref: refs/heads/main\n");
    site.write(".git/config", "[core]\n");
    let before = (tree(outside.path()), tree(site.root()));
    for (out, words) in [
        (
            outside.path().join("reports"),
            "holds files Clarion did not make (2025, minutes.docx)",
        ),
        (outside.path().join("other-site"), "git repository"),
        (
            outside.path().join("built-by-hand"),
            "holds files Clarion did not make (index.html)",
        ),
        (outside.path().join("a-file.txt"), "is a file, not a folder"),
        (site.path(".git"), "git repository"),
        (site.path(".git/refs"), "git repository"),
    ] {
        let run = site.run(&["build", "--output", out.to_str().unwrap()]);
        assert_eq!(run.code, 2, "{}: {}", out.display(), run.stderr);
        assert!(
            run.stderr
                .contains(&format!("Refusing to build into {}", out.display())),
            "{}",
            run.stderr
        );
        assert!(
            run.stderr.contains(words),
            "expected `{words}` in:\n{}",
            run.stderr
        );
        assert!(run.stderr.contains("help: Give a"), "{}", run.stderr);
    }
    // Nothing touched: no file changed, no lock file or temporary folder made.
    assert!(
        before == (tree(outside.path()), tree(site.root())),
        "a refused build changed something"
    );
}

#[test]
fn marks_the_sites_it_builds_and_replaces_them() {
    let site = Site::new(&valid_site());
    let outside = tempfile::tempdir().unwrap();
    let out = outside.path().join("public");
    std::fs::create_dir(&out).unwrap();
    let out_arg = out.to_str().unwrap();
    // Empty: accepted, and the site written there is marked.
    site.run(&["build", "--output", out_arg]).assert_ok();
    let marker = std::fs::read_to_string(out.join(".clarion-site")).unwrap();
    assert!(marker.contains("built by Clarion"), "{marker}");
    // Marked: replaced, stray files and all.
    std::fs::write(out.join("stray.html"), "old").unwrap();
    site.run(&["build", "--output", out_arg]).assert_ok();
    assert!(!out.join("stray.html").exists());
    assert!(out.join("index.html").is_file());
}

#[test]
fn a_site_built_before_sites_were_marked_is_replaced() {
    let site = Site::new(&valid_site());
    site.build().assert_ok();
    // As an older Clarion left it: the same files without the marker.
    std::fs::remove_file(site.path("site/.clarion-site")).unwrap();
    // Those Clarions wrote robots.txt under a sub-path too.
    std::fs::write(site.path("site/robots.txt"), "User-agent: *\n").unwrap();
    std::fs::write(site.path("site/old-page.html"), "old").unwrap();
    site.build().assert_ok();
    assert!(site.path("site/.clarion-site").is_file());
    assert!(!site.path("site/old-page.html").exists());
    // Without its open data it does not look like one, and is kept.
    std::fs::remove_file(site.path("site/.clarion-site")).unwrap();
    std::fs::remove_file(site.path("site/grades.json")).unwrap();
    let run = site.build();
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(site.path("site/index.html").is_file());
}

#[test]
fn check_writes_nothing() {
    let site = Site::new(&valid_site());
    site.run(&["check"]).assert_ok();
    assert!(!site.path("site").exists());
}

#[test]
fn wrong_command_exits_2() {
    let site = Site::new(&valid_site());
    assert_eq!(site.run(&["bulid"]).code, 2);
    assert_eq!(site.run(&["build", "--nope"]).code, 2);
}

#[test]
fn drafts_and_embargoes_leave_no_trace() {
    let draft = INSPECTION_YAML.replace("framework: ilacs", "framework: ilacs\ndraft: true");
    let embargoed = INSPECTION_YAML.replace(
        "framework: ilacs",
        "framework: ilacs\nembargo: 2999-01-01T00:01:00Z",
    );
    for yaml in [draft, embargoed] {
        let mut files = valid_site();
        files.push((
            "content/inspections/2099-secret/inspection.yaml",
            yaml.clone().into_bytes(),
        ));
        files.push((
            "content/inspections/2099-secret/summary.md",
            b"SECRET-SUMMARY".to_vec(),
        ));
        files.push((
            "content/inspections/2099-secret/children.md",
            b"SECRET-CHILD".to_vec(),
        ));
        files.push(("content/documents/2099-doc.md", b"---\ntitle: About the secret\ndate: 2099-01-01\ninspections: [2099-secret, 2025-11-ilacs]\n---\nText.\n".to_vec()));
        let site = Site::new(&files);
        site.build().assert_ok();
        for (file, bytes) in snapshot(&site.path("site")) {
            let text = String::from_utf8_lossy(&bytes);
            assert!(
                !text.contains("2099-secret") && !text.contains("SECRET"),
                "{file} leaks the unpublished inspection"
            );
        }
        site.run(&["build", "--drafts"]).assert_ok();
        assert!(
            site.path("site/inspections/2099-secret/index.html")
                .exists()
        );
        assert!(site.read("site/grades.csv").contains("2099-secret"));
    }
}

#[test]
fn a_theme_can_read_every_field_of_an_inspection_on_a_list_page() {
    let site = Site::new(&valid_site());
    // Fields are made as a template reads them: a theme reading them all,
    // by name and by looping over them, sees the same as the page does.
    site.write(
        "themes/default/templates/inspections.html",
        "{% for i in inspections %}<dl>{% for k in i %}<dt>{{ k }}</dt><dd>{{ i[k] }}</dd>{% endfor %}</dl>\
         <p>{{ i.title }}|{{ i.overall.label }}|{{ i.date.iso }}|{{ i.judgements | length }}|{{ i.documents | length }}|{{ i.nosuchfield }}</p>{% endfor %}",
    );
    site.build().assert_ok();
    let list = site.read("site/inspections/index.html");
    // Every field the object offers, looped over and read by name.
    for field in clarion::render::INSPECTION_FIELDS {
        assert!(
            list.contains(&format!("<dt>{field}</dt>")),
            "{field} missing: {list}"
        );
    }
    assert!(list.contains("<dd>2025-11-ilacs</dd>"), "{list}");
    assert!(list.contains("|Good|2025-11-03|"), "{list}");
    assert!(
        list.contains("|\n") || list.contains("|</p>"),
        "an unknown field is empty: {list}"
    );
}

#[test]
fn junk_that_editors_machines_leave_is_never_published() {
    let b = "content/inspections/2025-11-ilacs";
    let junk = [
        format!("{b}/~$report.docx"),
        format!("{b}/.~lock.report.docx#"),
        format!("{b}/.DS_Store"),
        format!("{b}/Thumbs.db"),
        format!("{b}/photo.png.bak"),
        format!("{b}/summary.md~"),
        "content/documents/~$response.docx".to_string(),
        "content/documents/desktop.ini".to_string(),
        "static/.DS_Store".to_string(),
        "static/files/notes.tmp".to_string(),
        "themes/default/static/Thumbs.db".to_string(),
        "themes/default/static/style.css.bak".to_string(),
    ];
    let site = Site::new(&valid_site());
    for j in &junk {
        site.write(j, "Jo Bloggs");
    }
    site.write("static/files/real.txt", "published");
    let run = site.build();
    run.assert_ok();
    let published: Vec<String> = snapshot(&site.path("site"))
        .into_iter()
        .map(|(p, _)| p)
        .collect();
    for j in &junk {
        let name = j.rsplit('/').next().unwrap();
        assert!(
            !published.iter().any(|p| p.ends_with(name)),
            "{j} was published"
        );
    }
    assert!(site.path("site/files/real.txt").is_file());
    assert!(
        site.path("site/inspections/2025-11-ilacs/photo.png")
            .is_file()
    );
    // A warning for each file an editor may have made, none for the system's own.
    for (file, words) in [
        ("~$report.docx", "Microsoft Office lock file"),
        (".~lock.report.docx#", "LibreOffice lock file"),
        ("photo.png.bak", "a backup copy"),
        ("summary.md~", "a backup copy"),
        ("static/files/notes.tmp", "a temporary file"),
        ("themes/default/static/style.css.bak", "a backup copy"),
    ] {
        assert!(
            run.stderr.lines().any(|l| l.contains(file)),
            "no warning names {file}:\n{}",
            run.stderr
        );
        assert!(run.stderr.contains(words), "{words}:\n{}", run.stderr);
    }
    assert!(
        run.stderr.contains("leaves it out of the site"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("DS_Store"), "{}", run.stderr);
    assert!(!run.stderr.contains("Thumbs.db"), "{}", run.stderr);
}

#[test]
fn a_plain_svg_and_html_beside_a_page_are_published() {
    let site = Site::valid_with(&[
        (
            "content/inspections/2025-11-ilacs/chart.svg",
            b"<svg xmlns=\"http://www.w3.org/2000/svg\"><title>Grades</title><a href=\"https://example.org/\"><rect width=\"4\" height=\"2\"/></a></svg>",
        ),
        (
            "content/inspections/2025-11-ilacs/report.html",
            b"<!doctype html><title>Report</title><p>Based on=2 visits.</p>",
        ),
    ]);
    site.build().assert_ok();
    assert!(
        site.path("site/inspections/2025-11-ilacs/chart.svg")
            .is_file()
    );
    assert!(
        site.path("site/inspections/2025-11-ilacs/report.html")
            .is_file()
    );
}
