//! A site of one council beside England (issue 19): `import --authority`
//! writes Ofsted's national figures to content/england.yaml, merging
//! editions, and the build compares the council with them.

mod common;

use common::{Run, Site, valid_site};

const REAL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/ofsted-real");
const REAL_2025: &str = "LA_Inspection_Outcomes_as_at_31_March_2025.ods";
const REAL_2024: &str = "LA_Inspection_Outcomes_as_at_March_2024.ods";

fn import_kent(site: &Site, name: &str) -> Run {
    let path = format!("{REAL}/{name}");
    site.run(&[
        "import",
        "ofsted-outcomes",
        path.as_str(),
        "--authority",
        "Kent",
        "--force",
    ])
}

#[track_caller]
fn assert_has(text: &str, want: &str) {
    assert!(text.contains(want), "expected `{want}` in:\n{text}");
}

#[test]
fn kent_alone_beside_englands_published_figures() {
    let site = Site::new(&valid_site());
    import_kent(&site, REAL_2024).assert_ok();
    import_kent(&site, REAL_2025).assert_ok();
    let england = site.read("content/england.yaml");
    assert_has(&england, "Open Government Licence v3.0");
    assert_has(
        &england,
        "  - as_at: 2024-03-31\n    frameworks:\n      ilacs:\n        \"Outstanding\": 30\n        \"Good\": 61\n        \"Requires improvement to be good\": 43\n        \"Inadequate\": 17\n",
    );
    assert_has(
        &england,
        "  - as_at: 2025-03-31\n    frameworks:\n      ilacs:\n        \"Outstanding\": 36\n        \"Good\": 67\n        \"Requires improvement to be good\": 31\n        \"Inadequate\": 19\n",
    );
    // Importing an edition again replaces its entry rather than adding one.
    import_kent(&site, REAL_2025).assert_ok();
    assert_eq!(site.read("content/england.yaml"), england);

    site.run(&["check"]).assert_ok();
    site.build().assert_ok();
    let kent = site.read("site/authorities/kent/index.html");
    assert_has(
        &kent,
        "England: 153 councils as at 31 March 2025, from Ofsted&#39;s published table",
    );
    for row in [
        "<th scope=\"row\">Outstanding</th><td>36</td><td>24%</td>",
        "<th scope=\"row\">Good</th><td>67</td><td>44%</td>",
        "<th scope=\"row\">Requires improvement to be good</th><td>31</td><td>20%</td>",
        "<th scope=\"row\">Inadequate</th><td>19</td><td>12%</td>",
    ] {
        assert_has(&kent, row);
    }
    let national = site.read("site/england/index.html");
    assert_has(&national, "From Ofsted&#39;s published tables");
    assert_has(
        &national,
        "<th scope=\"row\">2024</th><td>30 (20%)</td><td>61 (40%)</td><td>43 (28%)</td><td>17 (11%)</td><td>151</td>",
    );
    assert_has(
        &national,
        "<th scope=\"row\">2025</th><td>36 (24%)</td><td>67 (44%)</td><td>31 (20%)</td><td>19 (12%)</td><td>153</td>",
    );
}

#[test]
fn an_edited_england_file_is_left_alone() {
    let site = Site::new(&valid_site());
    import_kent(&site, REAL_2025).assert_ok();
    let edited = site.read("content/england.yaml").replace(": 36", ": 35");
    site.write("content/england.yaml", &edited);
    let run = import_kent(&site, REAL_2024);
    run.assert_ok();
    assert_has(
        &run.stderr,
        "`content/england.yaml` was edited since the import made it, so it was left as it is.",
    );
    assert_eq!(site.read("content/england.yaml"), edited);
}
