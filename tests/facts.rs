//! The Kent site against the facts the reference documents give (issue 16):
//! tests/fixtures/kent-facts.md is the ground truth, and
//! tests/fixtures/kent-facts-checks.md the checks derived from it, one a
//! row. The site is built once by the real binary.

mod common;

use common::{build_kent, visible_text};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

/// The built Kent site, kept for every test in this file.
fn kent() -> &'static Path {
    static SITE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, out) = SITE.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("site");
        build_kent(&out);
        (tmp, out)
    });
    out
}

fn read(page: &str) -> String {
    let rel = page.trim_start_matches('/');
    let path = kent().join(rel).join("index.html");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The page's text, with punctuation after an inline tag ("</strong>:")
/// joined to its word again.
fn text(html: &str) -> String {
    visible_text(html)
        .replace(" :", ":")
        .replace(" .", ".")
        .replace(" ,", ",")
}

/// The history chart's description on a page.
fn chart_desc(html: &str) -> String {
    let start = html
        .find("<desc id=\"history-desc\">")
        .expect("a history chart");
    let end = html[start..].find("</desc>").unwrap() + start;
    text(&html[start..end])
}

/// The rows of every table in a Markdown file whose header starts with
/// `first_column`, each row's cells trimmed.
fn table_rows(markdown: &str, first_column: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut in_table = false;
    for line in markdown.lines() {
        let line = line.trim();
        if !line.starts_with('|') {
            in_table = false;
            continue;
        }
        let cells: Vec<String> = line
            .trim_matches('|')
            .split(" | ")
            .map(|c| c.trim().trim_matches('|').trim().to_string())
            .collect();
        if cells.first().is_some_and(|c| c == first_column) {
            in_table = true;
        } else if in_table && !cells[0].starts_with("---") {
            rows.push(cells);
        }
    }
    rows
}

#[test]
fn every_check_derived_from_the_facts_holds() {
    let checks = std::fs::read_to_string(Path::new(FIXTURES).join("kent-facts-checks.md")).unwrap();
    let rows = table_rows(&checks, "page");
    assert!(rows.len() > 90, "{} checks", rows.len());
    let mut failures = Vec::new();
    for row in &rows {
        let [page, check, wanted, facts] = &row[..] else {
            panic!("a check row needs four cells: {row:?}");
        };
        let html = read(page);
        let ok = match check.as_str() {
            "has" => text(&html).contains(wanted.as_str()),
            "not" => !text(&html).contains(wanted.as_str()),
            "chart" => chart_desc(&html).contains(wanted.as_str()),
            "no-chart" => !chart_desc(&html).contains(wanted.as_str()),
            other => panic!("unknown check `{other}`"),
        };
        if !ok {
            failures.push(format!("{page} {check} `{wanted}` (facts: {facts})"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Section 1 of the facts, read directly: where the documents give no
/// on-site date, no page names a month inspectors came, and the child
/// page names the month the report was published.
#[test]
fn no_page_says_inspectors_came_when_only_publication_is_known() {
    let facts = std::fs::read_to_string(Path::new(FIXTURES).join("kent-facts.md")).unwrap();
    let rows = table_rows(&facts, "inspection (content slug)");
    assert_eq!(rows.len(), 9, "{rows:?}");
    let mut published_only = 0;
    for row in rows {
        let (slug, on_site, published) = (&row[0], &row[1], &row[2]);
        if on_site != "none" || slug.contains("thematic") {
            continue;
        }
        published_only += 1;
        // "31 July 2012" -> "July 2012".
        let month: Vec<&str> = published.split_whitespace().skip(1).take(2).collect();
        let month = month.join(" ");
        let child = text(&read(&format!("inspections/{slug}/children/")));
        assert!(
            child.contains(&format!("Ofsted published its report in {month}.")),
            "{slug}: {child}"
        );
        assert!(!child.contains(
            "they checked how Kent County Council looks after children and young people. In"
        ));
        assert!(!child.contains(&format!("In {month}, they")), "{slug}");
        let adult = text(&read(&format!("inspections/{slug}/")));
        assert!(!adult.contains("Inspected"), "{slug}");
        assert!(adult.contains(&format!("Published {published}")), "{slug}");
    }
    assert_eq!(
        published_only, 4,
        "2012 fostering and the three 2013 inspections"
    );
}

/// The chart is a time line: the gaps between points follow the time
/// between inspections, so five years look longer than five months.
#[test]
fn the_chart_places_inspections_in_proportion_to_time() {
    let html = read("/");
    let svg = &html[html.find("<svg class=\"history-chart\"").unwrap()..];
    let svg = &svg[..svg.find("</svg>").unwrap()];
    // The help and protection row: 2010-10, 2013-01, 2017-03, 2022-05, 2025-11.
    let line = svg
        .split("<polyline points=\"")
        .skip(1)
        .map(|p| &p[..p.find('"').unwrap()])
        .find(|p| p.split(' ').count() == 5)
        .expect("the help and protection line");
    let xs: Vec<f64> = line
        .split(' ')
        .map(|p| p.split(',').next().unwrap().parse().unwrap())
        .collect();
    let gaps: Vec<f64> = xs.windows(2).map(|w| w[1] - w[0]).collect();
    // Months between them: 27, 50, 62, 42.
    let months = [27.0, 50.0, 62.0, 42.0];
    for (g, m) in gaps.iter().zip(months) {
        let per_month = g / m;
        let expected = gaps.iter().sum::<f64>() / months.iter().sum::<f64>();
        assert!(
            (per_month - expected).abs() / expected < 0.2,
            "gaps {gaps:?} do not follow the months {months:?}"
        );
    }
    // The year labels are ticks of one time scale, not one label a column.
    assert!(
        svg.contains(">2015</text>"),
        "a year with no inspection is marked"
    );
}
