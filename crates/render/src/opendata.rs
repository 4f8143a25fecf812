//! Machine-readable files: the grades as open data (JSON and CSV), the Atom
//! feed, the sitemap and robots.txt. Dates come from the content only, so
//! the same input always gives the same bytes.

use rayon::prelude::*;
use std::fmt::Write as _;

use serde::Serialize;

use crate::markdown;
use crate::paths;
use clarion_core::{Framework, Inspection, Judgement, Site, Timestamp};

/// One graded judgement, the overall grade included: the fields CONTENT.md lists.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct GradeRecord<'a> {
    pub inspection: &'a str,
    pub authority: &'a str,
    pub framework: &'a str,
    pub kind: &'a str,
    pub start: String,
    pub end: String,
    pub published: String,
    pub judgement: &'a str,
    pub parent: &'a str,
    pub grade: &'a str,
    pub label: &'a str,
    pub rank: usize,
    pub scale: usize,
    pub url: String,
}

pub const CSV_HEADER: [&str; 14] = [
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

fn push_judgements<'a>(
    out: &mut Vec<GradeRecord<'a>>,
    base: &GradeRecord<'a>,
    fw: &'a Framework,
    judgements: &'a [Judgement],
    parent: &'a str,
) {
    for j in judgements {
        if let Some(g) = j.grade {
            let grade = &fw.grades[g.index];
            out.push(GradeRecord {
                judgement: &j.name,
                parent,
                grade: &grade.key,
                label: &grade.label,
                rank: g.index + 1,
                scale: fw.grades.len(),
                start: base.start.clone(),
                end: base.end.clone(),
                published: base.published.clone(),
                url: base.url.clone(),
                ..*base
            });
        }
        push_judgements(out, base, fw, &j.parts, &j.name);
    }
}

/// Every graded judgement of one inspection, the overall grade first.
fn inspection_records<'a>(site: &'a Site, i: &'a Inspection) -> Vec<GradeRecord<'a>> {
    let mut out = Vec::new();
    let Some(fw) = i.framework.as_deref() else {
        return out;
    };
    let iso = |d: Option<clarion_core::PartialDate>| d.map(|d| d.iso()).unwrap_or_default();
    let base = GradeRecord {
        inspection: &i.slug,
        authority: &i.authority,
        framework: &fw.key,
        kind: &i.kind,
        start: iso(i.start),
        end: iso(i.end),
        published: iso(i.published),
        judgement: "Overall effectiveness",
        parent: "",
        grade: "",
        label: "",
        rank: 0,
        scale: fw.grades.len(),
        url: format!("{}{}", site.config.base_url, paths::inspection(&i.slug)),
    };
    if let Some(g) = i.overall {
        let grade = &fw.grades[g.index];
        out.push(GradeRecord {
            grade: &grade.key,
            label: &grade.label,
            rank: g.index + 1,
            start: base.start.clone(),
            end: base.end.clone(),
            published: base.published.clone(),
            url: base.url.clone(),
            ..base
        });
    }
    push_judgements(&mut out, &base, fw, &i.judgements, "");
    out
}

/// Records per chunk when the open data is written on every core.
/// Inspections per batch when the open data is streamed: memory stays that
/// of one batch, whatever the size of the site.
const BATCH: usize = 1024;

/// Writes `grades.json` and `grades.csv` in batches of inspections, each
/// batch made on every core, so neither file is ever whole in memory.
pub fn write_grades(
    site: &Site,
    json: &mut impl std::io::Write,
    csv: &mut impl std::io::Write,
) -> std::io::Result<()> {
    json.write_all(b"[")?;
    csv.write_all(CSV_HEADER.join(",").as_bytes())?;
    csv.write_all(b"\r\n")?;
    let mut first = true;
    for batch in site.inspections.chunks(BATCH) {
        // Each inspection's lines in buffers of their own: small enough for
        // the allocator to reuse batch after batch, where one buffer per
        // batch took fresh memory from the system each time.
        let lines: Vec<(Vec<u8>, String)> = batch
            .par_iter()
            .with_max_len(16)
            .map(|i| {
                let records = inspection_records(site, i);
                (json_lines(&records), csv_lines(&records))
            })
            .collect();
        for (j, c) in &lines {
            // Every line starts ",\n"; the array's first only "\n".
            if first && !j.is_empty() {
                json.write_all(&j[1..])?;
                first = false;
            } else {
                json.write_all(j)?;
            }
            csv.write_all(c.as_bytes())?;
        }
    }
    json.write_all(b"\n]\n")
}

/// (grades.json, grades.csv) in memory.
pub fn grades(site: &Site) -> (Vec<u8>, Vec<u8>) {
    let (mut json, mut csv) = (Vec::new(), Vec::new());
    // Writing to a Vec cannot fail.
    let _ = write_grades(site, &mut json, &mut csv);
    (json, csv)
}

/// Records as lines of the JSON array, each after a comma (one record per
/// line: valid JSON for any reader, far smaller than pretty-printed).
fn json_lines(records: &[GradeRecord]) -> Vec<u8> {
    let mut out = Vec::with_capacity(records.len() * 400);
    for r in records {
        out.extend_from_slice(b",\n");
        if serde_json::to_writer(&mut out, r).is_err() {
            out.extend_from_slice(b"{}");
        }
    }
    out
}

fn csv_field(out: &mut String, s: &str) {
    // Cells starting with these would run as formulas in a spreadsheet.
    let formula =
        s.starts_with(['=', '+', '-', '@']) && !s.chars().all(|c| c.is_ascii_digit() || c == '-');
    if formula || s.contains([',', '"', '\n', '\r']) {
        out.push('"');
        if formula {
            out.push('\'');
        }
        out.push_str(&s.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(s);
    }
}

fn csv_lines(records: &[GradeRecord]) -> String {
    let mut out = String::with_capacity(records.len() * 200);
    for r in records {
        let fields: [&str; 14] = [
            r.inspection,
            r.authority,
            r.framework,
            r.kind,
            &r.start,
            &r.end,
            &r.published,
            r.judgement,
            r.parent,
            r.grade,
            r.label,
            &r.rank.to_string(),
            &r.scale.to_string(),
            &r.url,
        ];
        for (k, f) in fields.iter().enumerate() {
            if k > 0 {
                out.push(',');
            }
            csv_field(&mut out, f);
        }
        out.push_str("\r\n");
    }
    out
}

pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 cannot carry are dropped.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            '\u{FFFE}' | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

fn inspection_updated(i: &Inspection) -> Option<String> {
    i.published.or(i.start).map(|d| d.rfc3339())
}

fn build_epoch() -> String {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|v| v.trim().parse::<i64>().ok())
        .map_or_else(|| "1970-01-01T00:00:00Z".into(), |e| Timestamp(e).rfc3339())
}

/// Feed readers want what is new, not the archive.
pub const FEED_ENTRIES: usize = 50;

/// Characters in a feed entry's summary: whole sentences or words.
const FEED_SUMMARY_CHARS: usize = 400;

/// The Atom feed: the newest inspections and documents.
pub fn feed(site: &Site) -> Vec<u8> {
    let base = &site.config.base_url;
    let mut entries: Vec<(String, String)> = Vec::new();
    // Inspections and documents are each newest first already.
    for i in site.inspections.iter().take(FEED_ENTRIES) {
        let url = format!("{base}{}", paths::inspection(&i.slug));
        let updated = inspection_updated(i).unwrap_or_else(build_epoch);
        let title = i
            .title
            .clone()
            .unwrap_or_else(|| format!("{}: {}", i.authority, i.slug));
        let grade = match (&i.framework, i.overall) {
            (Some(fw), Some(g)) => format!("Overall effectiveness: {}. ", fw.grades[g.index].label),
            _ => String::new(),
        };
        let text = markdown::plain_text_prefix(
            &i.summary.body,
            FEED_SUMMARY_CHARS - grade.chars().count(),
        );
        let summary = format!("{grade}{text}");
        entries.push((
            updated.clone(),
            format!(
                "  <entry>\n    <title>{}</title>\n    <link href=\"{}\"/>\n    <id>{}</id>\n    <updated>{}</updated>\n    <summary>{}</summary>\n  </entry>\n",
                xml_escape(&title),
                xml_escape(&url),
                xml_escape(&url),
                updated,
                xml_escape(summary.trim())
            ),
        ));
    }
    for d in site.documents.iter().take(FEED_ENTRIES) {
        let url = format!("{base}{}", paths::document(&d.slug));
        let updated = d.date.rfc3339();
        let summary = markdown::plain_text_prefix(&d.file.body, FEED_SUMMARY_CHARS);
        entries.push((
            updated.clone(),
            format!(
                "  <entry>\n    <title>{}</title>\n    <link href=\"{}\"/>\n    <id>{}</id>\n    <updated>{}</updated>\n    <summary>{}</summary>\n  </entry>\n",
                xml_escape(&d.title),
                xml_escape(&url),
                xml_escape(&url),
                updated,
                xml_escape(summary.trim())
            ),
        ));
    }
    // Newest first; the sort is stable, so equal dates keep the site's order.
    entries.sort_by(|a, b| b.0.cmp(&a.0));
    entries.truncate(FEED_ENTRIES);
    let updated = entries.first().map_or_else(build_epoch, |e| e.0.clone());
    let mut out = String::new();
    let _ = write!(
        out,
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n  <title>{}</title>\n  <link href=\"{}\"/>\n  <link rel=\"self\" href=\"{}feed.xml\"/>\n  <id>{}</id>\n  <updated>{}</updated>\n  <author><name>{}</name></author>\n",
        xml_escape(&site.config.title),
        xml_escape(base),
        xml_escape(base),
        xml_escape(base),
        updated,
        xml_escape(
            site.config
                .authority
                .as_deref()
                .unwrap_or(&site.config.title)
        ),
    );
    for (_, e) in entries {
        out.push_str(&e);
    }
    out.push_str("</feed>\n");
    out.into_bytes()
}

/// Search engines read at most 50,000 addresses from one sitemap.
pub const SITEMAP_URLS: usize = 40_000;

fn sitemap_urls(site: &Site, pages: &[(String, Option<String>)]) -> Vec<u8> {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (path, lastmod) in pages {
        let _ = write!(
            out,
            "  <url><loc>{}{}</loc>",
            xml_escape(&site.config.base_url),
            xml_escape(path)
        );
        if let Some(m) = lastmod {
            let _ = write!(out, "<lastmod>{}</lastmod>", &m[..10.min(m.len())]);
        }
        out.push_str("</url>\n");
    }
    out.push_str("</urlset>\n");
    out.into_bytes()
}

/// The sitemap of every page (`pages` relative to the base path), with
/// `lastmod` where the content gives a date: `sitemap.xml`, or, past
/// [`SITEMAP_URLS`] addresses, an index of `sitemap-N.xml` files.
pub fn sitemaps(site: &Site, pages: &[(String, Option<String>)]) -> Vec<(String, Vec<u8>)> {
    if pages.len() <= SITEMAP_URLS {
        return vec![("sitemap.xml".into(), sitemap_urls(site, pages))];
    }
    let mut out = Vec::new();
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (k, chunk) in pages.chunks(SITEMAP_URLS).enumerate() {
        let name = format!("sitemap-{}.xml", k + 1);
        let _ = writeln!(
            index,
            "  <sitemap><loc>{}{name}</loc></sitemap>",
            xml_escape(&site.config.base_url)
        );
        out.push((name, sitemap_urls(site, chunk)));
    }
    index.push_str("</sitemapindex>\n");
    out.push(("sitemap.xml".into(), index.into_bytes()));
    out
}

pub fn robots(site: &Site) -> Vec<u8> {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}sitemap.xml\n",
        site.config.base_url
    )
    .into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_and_defuses_formulas() {
        let mut s = String::new();
        csv_field(&mut s, "a, b");
        s.push('|');
        csv_field(&mut s, "say \"hi\"");
        s.push('|');
        csv_field(&mut s, "=SUM(A1)");
        s.push('|');
        csv_field(&mut s, "2025-11-03");
        assert_eq!(s, "\"a, b\"|\"say \"\"hi\"\"\"|\"'=SUM(A1)\"|2025-11-03");
    }

    #[test]
    fn xml_escapes() {
        assert_eq!(xml_escape("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot;");
        assert_eq!(xml_escape("a\u{0}\u{1b}b\u{FFFF}\u{FFFE}\tc"), "ab\tc");
    }
}
