use super::*;
use clarion_core::{GlossaryEntry, MarkdownFile};
use std::collections::{BTreeMap, BTreeSet};

/// Plain text of a Markdown body, for feeds and search descriptions.
fn plain_text(body: &str) -> String {
    plain_text_prefix(body, usize::MAX)
}
use std::sync::Arc;

fn md(body: &str) -> MarkdownFile {
    MarkdownFile {
        path: "content/inspections/x/summary.md".into(),
        body: Arc::from(body),
        body_line: 3,
        title: None,
        description: None,
    }
}

fn links() -> LinkMap {
    let mut targets = BTreeMap::new();
    targets.insert(
        "content/inspections/x/photo.jpg".into(),
        "inspections/x/photo.jpg".into(),
    );
    targets.insert(
        "content/inspections/y/summary.md".into(),
        "inspections/y/".into(),
    );
    targets.insert("content/pages/about.md".into(), "about/".into());
    LinkMap {
        base_path: "/kent/".into(),
        targets,
    }
}

fn html(body: &str) -> Rendered {
    let l = links();
    render(
        &md(body),
        &RenderOptions {
            links: &l,
            glossary: None,
            id_prefix: "",
        },
    )
}

#[test]
fn tables_footnotes_strikethrough_anchors() {
    let r = html(
        "## What we found\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~ note[^1]\n\n[^1]: A footnote.\n",
    );
    assert!(r.html.contains("<h2 id=\"what-we-found\">"), "{}", r.html);
    assert!(r.html.contains("<table>"));
    assert!(r.html.contains("<del>old</del>"));
    assert!(r.html.contains("footnote"));
}

#[test]
fn h1_moves_down_a_level() {
    let r = html("# Top\n\n## Next\n");
    assert!(
        r.html.contains("<h2 id=\"top-2\">") && r.html.contains("<h3 id=\"next\">"),
        "{}",
        r.html
    );
}

#[test]
fn links_are_rewritten_for_the_sub_path() {
    let r = html(
        "[a](photo.jpg) [b](../y/summary.md#part) [c](/glossary/) [d](https://x.org) [e](../../pages/about.md)",
    );
    assert!(
        r.html.contains("href=\"/kent/inspections/x/photo.jpg\""),
        "{}",
        r.html
    );
    assert!(r.html.contains("href=\"/kent/inspections/y/#part\""));
    assert!(r.html.contains("href=\"/kent/glossary/\""));
    assert!(r.html.contains("href=\"https://x.org\""));
    assert!(r.html.contains("href=\"/kent/about/\""));
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
}

#[test]
fn hostile_html_and_urls_are_removed() {
    let r = html(
        "<script>alert(1)</script><img src=x onerror=alert(1)>\n\n[x](javascript:alert(1)) [y](JaVaScRiPt:alert(1)) <a href=\"javascript:alert(2)\">z</a>\n\n![i](data:text/html,boo)",
    );
    let h = r.html.to_lowercase();
    assert!(!h.contains("<script"), "{h}");
    assert!(!h.contains("onerror"), "{h}");
    assert!(!h.contains("javascript:"), "{h}");
    assert!(!h.contains("data:text"), "{h}");
}

fn entry(term: &str, also: &[&str], id: &str) -> GlossaryEntry {
    GlossaryEntry {
        term: term.into(),
        also: also.iter().map(|a| a.to_string()).collect(),
        meaning: format!("Meaning of {term}."),
        id: id.into(),
        ..GlossaryEntry::default()
    }
}

fn explained(g: &GlossaryMatcher, body: &str) -> Rendered {
    let l = links();
    render(
        &md(body),
        &RenderOptions {
            links: &l,
            glossary: Some(g),
            id_prefix: "",
        },
    )
}

fn linked(g: &GlossaryMatcher, body: &str) -> String {
    explained(g, body).html
}

#[test]
fn glossary_words_are_explained_after_the_paragraph_that_first_uses_them() {
    let g = GlossaryMatcher::new(&[
        entry("care leaver", &[], "care-leaver"),
        entry("IRO", &["independent reviewing officer"], "iro"),
    ]);
    let r = explained(
        &g,
        "Care leavers and your IRO.\nAn independent reviewing officer helps.\n\n## IRO heading\n\nA care leaver & an IRO again.\n",
    );
    assert_eq!(
        r.html,
        "<p><span class=\"term\">Care leavers</span> and your <span class=\"term\">IRO</span>.\n\
         An independent reviewing officer helps.</p>\n\
         <details class=\"explain\"><summary>What do the words <b>care leavers</b> and <b>IRO</b> mean?</summary>\n\
         <p><dfn>care leaver</dfn>: Meaning of care leaver.</p>\n\
         <p><dfn>IRO</dfn>: Meaning of IRO.</p>\n\
         </details>\n\
         <h2 id=\"iro-heading\">IRO heading</h2>\n\
         <p>A care leaver &amp; an IRO again.</p>\n"
    );
    assert_eq!(r.terms_used.len(), 2);
}

#[test]
fn a_phrase_over_two_lines_is_found_and_its_senses_kept() {
    let mut good = entry("good", &[], "good");
    good.not_in = vec!["for good".into()];
    let g = GlossaryMatcher::new(&[good, entry("care plan", &[], "care-plan")]);
    let html = linked(
        &g,
        "A new family for\ngood, and a care\nplan.\n\nKent is good.\n",
    );
    assert!(
        html.starts_with(
            "<p>A new family for\ngood, and a <span class=\"term\">care\nplan</span>.</p>"
        ),
        "{html}"
    );
    assert!(
        html.contains("What does the word <b>care plan</b> mean?"),
        "{html}"
    );
    assert!(
        html.contains("<p>Kent is <span class=\"term\">good</span>.</p>\n<details"),
        "{html}"
    );
}

#[test]
fn explanations_end_list_items_and_table_cells_and_are_escaped() {
    let mut e = entry("care plan", &[], "care-plan");
    e.meaning = "A <plan> & more.".into();
    let g = GlossaryMatcher::new(&[e, entry("IRO", &[], "iro"), entry("PA", &[], "pa")]);
    let html = linked(
        &g,
        "- your care plan\n  - your IRO\n- more\n\n| a |\n|---|\n| your PA |\n",
    );
    assert!(
        html.contains(
            "<li>your <span class=\"term\">care plan</span><details class=\"explain\"><summary>What does the word <b>care plan</b> mean?</summary>\n<p><dfn>care plan</dfn>: A &lt;plan&gt; &amp; more.</p>\n</details>\n<ul>"
        ),
        "{html}"
    );
    assert!(html.contains("IRO</span><details"), "{html}");
    assert!(html.contains("PA</span><details"), "{html}");
    assert!(html.contains("</details>\n</td>"), "{html}");
}

#[test]
fn raw_html_keeps_the_explanations_through_the_sanitiser() {
    let g = GlossaryMatcher::new(&[entry("care plan", &[], "care-plan")]);
    let html = linked(&g, "Your <em>care plan</em>.<script>x</script>\n");
    assert!(!html.contains("<script"), "{html}");
    for part in [
        "<span class=\"term\">care plan</span>",
        "<details class=\"explain\"><summary>What does the word <b>care plan</b> mean?</summary>",
        "<dfn>care plan</dfn>",
    ] {
        assert!(html.contains(part), "{part} in {html}");
    }
}

#[test]
fn glossary_words_are_not_explained_in_alt_text_links_code_or_headings() {
    let g = GlossaryMatcher::new(&[entry("care plan", &[], "care-plan")]);
    let html = linked(
        &g,
        "![A care plan on a table](photo.jpg)\n\n[your care plan](/about/) `care plan`\n\n## Your care plan\n\n    care plan\n\nA care plan.\n",
    );
    assert!(html.contains("alt=\"A care plan on a table\""), "{html}");
    assert_eq!(html.matches("class=\"term\"").count(), 1, "{html}");
    assert_eq!(html.matches("<details").count(), 1, "{html}");
    assert!(html.contains("<p>A <span class=\"term\">care plan</span>.</p>\n<details"));
}

#[test]
fn many_glossary_terms_cost_little() {
    // 20,000 terms sharing their first word: the old matcher tried each
    // at every `care`.
    let entries: Vec<GlossaryEntry> = (0..20_000)
        .map(|n| entry(&format!("care x{n}"), &[], &format!("care-x{n}")))
        .collect();
    let g = GlossaryMatcher::new(&entries);
    let text = "care x19999 and care ".repeat(2_000);
    let found = g.find(&text);
    assert_eq!(found.len(), 2_000);
    assert!(found.iter().all(|f| f.entry == 19_999));
}

#[test]
fn many_equal_headings_get_distinct_ids() {
    let html = html(&"## Same\n\n".repeat(20_000));
    let ids: BTreeSet<&str> = html
        .html
        .split("id=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect();
    assert_eq!(ids.len(), 20_000);
    assert!(ids.contains("same-20000"));
}

#[test]
fn text_blocks_keep_lines() {
    let b = text_blocks(&md("# Title\n\nOne. Two\nthree.\n\n- item\n"));
    assert_eq!(b.len(), 3);
    assert_eq!((b[0].line, b[1].line, b[2].line), (3, 5, 8));
    assert_eq!(b[1].text, "One. Two\nthree.");
}

#[test]
fn headings_leave_the_theme_ids_alone() {
    let r = html("## Main\n\n## Main\n\n## Content {#content}\n\n## Summary heading\n");
    for id in ["main-2", "main-3", "content-2", "summary-heading-2"] {
        assert!(r.html.contains(&format!("id=\"{id}\"")), "{id}: {}", r.html);
    }
    assert!(!r.html.contains("id=\"main\""), "{}", r.html);
}

#[test]
fn heading_attributes_cannot_carry_scripts() {
    let r = html(
        "# Hi {#top .big onclick=alert(1)}\n\n## T {style=x href=javascript:alert(1) onmouseover=\"y\"}\n",
    );
    assert!(
        // `top` is the theme's: the heading takes the next free id.
        r.html.contains("<h2 id=\"top-2\" class=\"big\">Hi</h2>"),
        "{}",
        r.html
    );
    let h = r.html.to_lowercase();
    for bad in ["onclick", "onmouseover", "javascript:", "style="] {
        assert!(!h.contains(bad), "{bad} in {h}");
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_stall() {
    let started = std::time::Instant::now();
    for body in [
        format!("text\n\n{}x", "<div>".repeat(200_000)),
        format!("text\n\n{}x", "<div></span>".repeat(200_000)),
        format!("text\n\n{} x\n\n<br>", ">".repeat(100_000)),
    ] {
        let r = html(&body);
        assert_eq!(r.diagnostics.len(), 1, "{:?}", r.diagnostics);
        let d = &r.diagnostics[0];
        assert!(
            d.is_error() && d.message.contains("nested more than"),
            "{d:?}"
        );
        assert_eq!(d.pos.line, 5);
        assert!(r.html.is_empty());
    }
    assert!(started.elapsed().as_secs() < 10);
    // Ordinary nesting and closed tags are fine.
    let r = html(
        &format!(
            "{}x{}\n\n- a\n  - b\n    - c\n",
            "<div>".repeat(50),
            "</div>".repeat(50)
        )
        .repeat(20),
    );
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    let r = html(&"<p>a<br>b<img src=x.png><hr/></p>\n\n".repeat(500));
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
}

#[test]
fn plain_text_stops_early() {
    assert_eq!(
        plain_text("# Title\n\nSome *text*\nhere.\n\n- item"),
        "Some text here. item."
    );
    assert_eq!(
        plain_text_prefix("One two three four", 8),
        "One two\u{2026}"
    );
    // Past the first blocks, the rest is not parsed but the words are the same.
    let long = format!(
        "{}\n\n{}\n\nLast.",
        "word ".repeat(300),
        "more ".repeat(300)
    );
    assert_eq!(plain_text_prefix(&long, 20), "word word word word\u{2026}");
    // A link defined at the end still reads as its text.
    let linked = format!(
        "{}[the report][r].\n\n{}\n\n[r]: https://x",
        "a ".repeat(5),
        "b ".repeat(900)
    );
    assert_eq!(plain_text_prefix(&linked, 22), "a a a a a the report.");
    // Markup alone at the start: the whole text is read.
    let markup = format!("{}\n\n{}", "<!-- x -->".repeat(200), "Text at last.");
    assert_eq!(plain_text_prefix(&markup, 20), "Text at last.");
}

#[test]
fn plain_text_reads_as_sentences() {
    // Inline markup joins without a space before punctuation.
    assert_eq!(
        plain_text("Services were judged **good**. This was `new`, and [so](x) (here)."),
        "Services were judged good. This was new, and so (here)."
    );
    // Headings and tables are left out, not run into the sentences.
    assert_eq!(
        plain_text(
            "Everyone was involved.\n\n## What it says\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nOfsted in 2017."
        ),
        "Everyone was involved. Ofsted in 2017."
    );
    // Cut at a sentence end past half way, else a word with an ellipsis.
    assert_eq!(
        cut("One two three. Four five six seven", 20),
        "One two three."
    );
    assert_eq!(
        cut("One. Two three four five six seven", 20),
        "One. Two three four\u{2026}"
    );
    assert_eq!(
        cut("Requires improvement to be good", 12),
        "Requires\u{2026}"
    );
    assert_eq!(cut("Leaders, managers and staff", 10), "Leaders\u{2026}");
    assert_eq!(cut("short", 10), "short");
    // Other scripts: the Arabic question mark ends a sentence.
    assert_eq!(
        cut(
            "\u{645}\u{627}\u{630}\u{627}\u{61F} \u{642}\u{627}\u{644}\u{648}\u{627}",
            7
        ),
        "\u{645}\u{627}\u{630}\u{627}\u{61F}"
    );
}

#[test]
fn safe_urls() {
    assert!(is_safe_url("https://x") && is_safe_url("a/b.md") && is_safe_url("tel:0800"));
    assert!(
        !is_safe_url("java\tscript:alert(1)")
            && !is_safe_url("vbscript:x")
            && !is_safe_url(" data:x")
    );
}
