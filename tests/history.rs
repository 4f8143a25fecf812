//! The story across inspections: the history chart and table, comparisons
//! across frameworks, authority pages and the finder's index.

mod common;

use common::*;

fn bundle(files: &mut Vec<(&'static str, Vec<u8>)>, slug: &'static str, yaml: &str) {
    let dir: &'static str = Box::leak(format!("content/inspections/{slug}").into_boxed_str());
    files.push((
        Box::leak(format!("{dir}/inspection.yaml").into_boxed_str()),
        yaml.as_bytes().to_vec(),
    ));
    files.push((
        Box::leak(format!("{dir}/summary.md").into_boxed_str()),
        b"Summary.\n".to_vec(),
    ));
    files.push((
        Box::leak(format!("{dir}/children.md").into_boxed_str()),
        b"For you.\n".to_vec(),
    ));
}

/// The "Since the last inspection" part of an inspection's page.
fn changes_on(site: &Site, slug: &str) -> String {
    let page = site.read(&format!("site/inspections/{slug}/index.html"));
    let start = page.find("Since the last inspection").unwrap();
    let end = page.find("id=\"summary-heading\"").unwrap();
    page[start..end].to_string()
}

const SIX_POINT: &str = "- key: six\n  name: Six-point scale\n  overall: true\n  grades:\n    - {key: excellent, label: Excellent}\n    - {key: very-good, label: Very good}\n    - {key: good, label: Good}\n    - {key: adequate, label: Adequate}\n    - {key: weak, label: Weak}\n    - {key: unsatisfactory, label: Unsatisfactory}\n";

fn story_site() -> Site {
    let mut files = vec![
        (
            "site.yaml",
            b"title: Two councils\nbase_url: https://example.org/story/\n".to_vec(),
        ),
        ("content/frameworks.yaml", SIX_POINT.as_bytes().to_vec()),
    ];
    bundle(
        &mut files,
        "2017-alpha",
        "authority: Alpha Council\nframework: sif\nstart: 2017-03\noverall: good\njudgements:\n  - name: The experiences and progress of children who need help and protection\n    grade: requires improvement\n  - name: The experiences and progress of care leavers\n    grade: good\n",
    );
    bundle(
        &mut files,
        "2022-alpha",
        "authority: Alpha Council\nframework: ilacs\nstart: 2022-05-09\noverall: outstanding\njudgements:\n  - name: The experiences and progress of children who need help and protection\n    grade: requires improvement to be good\n  - name: Care leavers\n    area: care-leavers\n    grade: inadequate\n",
    );
    // Very good on a 6-point scale (0.2 down the scale) beats good on a 4-point one (0.33).
    bundle(
        &mut files,
        "2024-alpha",
        "authority: Alpha Council\nframework: six\nstart: 2024-01\noverall: very good\n",
    );
    bundle(
        &mut files,
        "2019-beta",
        "authority: Beta Borough\nframework: ilacs\nstart: 2019-06\noverall: inadequate\n",
    );
    bundle(
        &mut files,
        "2023-beta",
        "authority: Beta Borough\nframework: ilacs\nstart: 2023-06\noverall: inadequate\n",
    );
    Site::new(&files)
}

#[test]
fn comparisons_by_area_across_frameworks() {
    let site = story_site();
    site.build().assert_ok();
    let changes = &changes_on(&site, "2022-alpha");
    assert!(
        changes.contains("Overall effectiveness</strong>: better"),
        "{changes}"
    );
    assert!(
        changes.contains("Help and protection</strong>: the same"),
        "{changes}"
    );
    assert!(
        changes.contains("Care leavers</strong>: worse"),
        "{changes}"
    );
    assert!(changes.contains("2017"));
    let page = site.read("site/inspections/2024-alpha/index.html");
    assert!(
        page.contains("Overall effectiveness</strong>: worse"),
        "outstanding (top) to very good (2nd of 6)"
    );
    let child = site.read("site/inspections/2022-alpha/children/index.html");
    assert!(
        child.contains("This is better than in 2017, when it was “Good”."),
        "{child}"
    );
    assert!(child.contains("This is worse than in 2017, when it was “Good”."));
    let beta = site.read("site/inspections/2023-beta/index.html");
    assert!(beta.contains("Overall effectiveness</strong>: the same"));
    // The first inspection of an authority has nothing to compare with.
    assert!(
        !site
            .read("site/inspections/2017-alpha/index.html")
            .contains("Since the last inspection")
    );
}

#[test]
fn history_chart_and_table_agree_with_the_data() {
    let site = story_site();
    site.build().assert_ok();
    let page = site.read("site/authorities/alpha-council/index.html");
    let svg =
        &page[page.find("<svg class=\"history-chart\"").unwrap()..page.find("</svg>").unwrap()];
    assert!(svg.contains("role=\"img\""));
    assert!(svg.contains("<title id=\"history-title\">Grade history of Alpha Council</title>"));
    assert!(
        svg.contains("Overall effectiveness: 2017: Good, 2022: Outstanding, 2024: Very good."),
        "{svg}"
    );
    assert!(
        svg.contains("Care leavers: 2017: Good, 2022: Inadequate."),
        "{svg}"
    );
    // Three overall points: good (1/3 down), outstanding (top), very good (1/5 down).
    assert_eq!(
        svg.matches("class=\"grade-tone-").count(),
        3 + 2 + 2,
        "{svg}"
    );
    let table = &page[page.find("<table>").unwrap()..page.find("</table>").unwrap()];
    let overall_row = &table[table
        .find("<th scope=\"row\">Overall effectiveness")
        .unwrap()..];
    let overall_row = &overall_row[..overall_row.find("</tr>").unwrap()];
    let words: Vec<&str> = overall_row
        .split("<span class=\"grade-word\">")
        .skip(1)
        .map(|s| &s[..s.find('<').unwrap()])
        .collect();
    assert_eq!(words, ["Good", "Outstanding", "Very good"]);
}

#[test]
fn authority_pages_and_the_a_to_z_list() {
    let site = story_site();
    site.build().assert_ok();
    let az = site.read("site/authorities/index.html");
    let a = az.find("Alpha Council").unwrap();
    let b = az.find("Beta Borough").unwrap();
    assert!(a < b);
    let beta = site.read("site/authorities/beta-borough/index.html");
    assert!(
        beta.contains("2023-beta") && beta.contains("2019-beta") && !beta.contains("2022-alpha")
    );
    assert!(site.read("site/index.html").contains("/story/authorities/"));
}

#[test]
fn a_single_authority_site_has_its_history_on_the_home_page() {
    let site = Site::new(&valid_site());
    site.build().assert_ok();
    assert!(!site.path("site/authorities").exists());
    assert!(
        site.read("site/index.html")
            .contains("class=\"history-chart\"")
    );
}

#[test]
fn finder_index_is_sharded_by_initial_and_year() {
    let site = story_site();
    site.build().assert_ok();
    let meta: serde_json::Value =
        serde_json::from_str(&site.read("site/search/index.json")).unwrap();
    assert_eq!(meta["total"], 5);
    assert_eq!(meta["shards"]["a"], 3);
    assert_eq!(meta["shards"]["b"], 2);
    let a: serde_json::Value = serde_json::from_str(&site.read("site/search/a.json")).unwrap();
    let names: Vec<&str> = a
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["a"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Alpha Council"; 3]);
    assert!(
        a[0]["u"]
            .as_str()
            .unwrap()
            .starts_with("/story/inspections/")
    );
    let y: serde_json::Value =
        serde_json::from_str(&site.read("site/search/year-2023.json")).unwrap();
    assert_eq!(y.as_array().unwrap().len(), 1);
    let find = site.read("site/find/index.html");
    assert!(
        find.contains("class=\"finder-fallback\"") && find.contains("Alpha Council"),
        "works without JavaScript"
    );
}

#[test]
fn pagefind_attributes_mark_the_content() {
    let site = story_site();
    site.build().assert_ok();
    let page = site.read("site/inspections/2022-alpha/index.html");
    assert!(page.contains("data-pagefind-body"), "{page}");
    assert!(page.contains("data-pagefind-filter=\"authority\""));
    assert!(page.contains("data-pagefind-filter=\"year\""));
    assert!(
        !site.read("site/index.html").contains("data-pagefind-body"),
        "lists are not indexed"
    );
}

/// Built-in frameworks only: a joint judgement, a change of scale and a
/// service inspected on its own, each compared only with what it measures.
#[test]
fn comparisons_say_what_they_compare() {
    let mut files = vec![(
        "site.yaml",
        b"title: Gamma\nbase_url: https://example.org/gamma/\n".to_vec(),
    )];
    bundle(
        &mut files,
        "2010-gamma",
        "authority: Gamma Council\nframework: safeguarding-lac-2009\nstart: 2010-05\njudgements:\n  - name: Safeguarding services\n    grade: adequate\n    parts:\n      - name: Capacity for improvement\n        grade: inadequate\n  - name: Services for looked after children\n    grade: adequate\n",
    );
    bundle(
        &mut files,
        "2011-gamma-fostering",
        "authority: Gamma Council\nframework: safeguarding-lac-2009\nkind: fostering\npublished: 2011-03-02\noverall: inadequate\n",
    );
    bundle(
        &mut files,
        "2015-gamma-fostering",
        "authority: Gamma Council\nframework: sif\nkind: fostering\npublished: 2015-03-02\noverall: good\n",
    );
    bundle(
        &mut files,
        "2016-gamma",
        "authority: Gamma Council\nframework: sif\nstart: 2016-06\noverall: good\njudgements:\n  - name: Children who need help and protection\n    grade: requires improvement\n  - name: Experiences and progress of care leavers\n    grade: good\n  - name: Leadership, management and governance\n    grade: good\n",
    );
    let site = Site::new(&files);
    site.build().assert_ok();
    let changes = &changes_on(&site, "2016-gamma");
    assert!(
        changes.contains("Help and protection</strong>: graded on a new scale since 2010. Adequate in 2010, on the old scale; Requires improvement now, on the new one. The grades changed in between: “Adequate” became “Requires improvement”."),
        "{changes}"
    );
    assert!(
        changes.contains("Care leavers</strong>: better than in 2010. In 2010, children in care and care leavers had one grade together: Adequate. Now care leavers have their own: Good."),
        "{changes}"
    );
    // Capacity for improvement is not leadership: nothing to compare.
    assert!(!changes.contains("Leaders"), "{changes}");
    assert!(!changes.contains("the same"), "{changes}");
    let fostering = site.read("site/inspections/2015-gamma-fostering/index.html");
    assert!(
        fostering.contains("Fostering</strong>: better than in 2011. Inadequate in 2011, on the old scale; Good now, on the new one."),
        "the last grade of that service"
    );
    let child = site.read("site/inspections/2011-gamma-fostering/children/index.html");
    assert!(child.contains("Ofsted published its report in March 2011."));
    assert!(!child.contains("In March 2011, inspectors"));
}
