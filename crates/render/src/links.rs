//! Every internal link in the editors' Markdown, checked against the files
//! the build made: a link to a page, file or heading that does not exist is
//! an error at the link's own line and column, with the nearest page.
//!
//! It runs once the whole site is in memory, because only then are all the
//! pages, copied files and heading ids known.

use std::collections::{BTreeMap, BTreeSet};

use pulldown_cmark::{Event, LinkType, Parser, Tag};

use crate::markdown::{self, LinkMap};
use crate::render::{Content, Files};
use clarion_core::{Diagnostic, Pos};
use clarion_core::{MarkdownFile, Site};

/// The Markdown files of a site, in a stable order.
pub fn markdown_files(site: &Site) -> Vec<&MarkdownFile> {
    let mut out: Vec<&MarkdownFile> = Vec::new();
    out.extend(site.index.as_ref());
    for i in &site.inspections {
        out.push(&i.summary);
        out.extend(i.children.as_ref());
        out.extend(i.translations.iter().map(|t| &t.file));
    }
    out.extend(site.documents.iter().map(|d| &d.file));
    out.extend(site.pages.iter().map(|p| &p.file));
    out
}

/// Checks the links of `files_md` against the built `files`.
pub fn check(files_md: &[&MarkdownFile], links: &LinkMap, files: &Files) -> Vec<Diagnostic> {
    let mut checker = Checker {
        links,
        files,
        ids: BTreeMap::new(),
    };
    let mut out = Vec::new();
    for f in files_md {
        checker.check_file(f, &mut out);
    }
    out
}

struct Checker<'a> {
    links: &'a LinkMap,
    files: &'a Files,
    /// Page -> the ids in its HTML, read once per page linked with an anchor.
    ids: BTreeMap<String, BTreeSet<String>>,
}

impl Checker<'_> {
    fn check_file(&mut self, file: &MarkdownFile, out: &mut Vec<Diagnostic>) {
        // The page this file is published on: same-page anchors and links
        // the browser resolves from the page's address start from it.
        let Some(page) = self.links.targets.get(&file.path) else {
            return;
        };
        let dir = file.path.rsplit_once('/').map_or("", |(d, _)| d);
        let body = &*file.body;
        let starts = markdown::line_starts(body);
        for (event, range) in Parser::new_ext(body, markdown::options()).into_offset_iter() {
            let (url, what) = match &event {
                // `<someone@example.org>`: its address gets `mailto:` only in the HTML.
                Event::Start(Tag::Link {
                    link_type: LinkType::Email,
                    ..
                }) => continue,
                Event::Start(Tag::Link { dest_url, .. }) => (dest_url, "link"),
                Event::Start(Tag::Image { dest_url, .. }) => (dest_url, "image"),
                _ => continue,
            };
            let url = url.trim();
            if url.is_empty()
                || url.starts_with("//")
                || markdown::scheme_of(url).is_some()
                || !markdown::is_safe_url(url)
            {
                continue;
            }
            let Some(problem) = self.problem(url, dir, page) else {
                continue;
            };
            // Point at the address itself when it is written in the link.
            let start = body
                .get(range.clone())
                .and_then(|s| s.find(url))
                .map_or(range.start, |i| range.start + i);
            let line = markdown::line_of(&starts, start);
            let line_start = starts.get(line - 1).copied().unwrap_or(0);
            let column = body
                .get(line_start..start)
                .map_or(1, |s| s.chars().count() + 1);
            let pos = Pos {
                line: file.body_line + line - 1,
                column,
                len: url.chars().count().max(1),
            };
            out.push(problem.diagnostic(&file.path, pos, url, what));
        }
    }

    /// What is wrong with `url`, written in a file in `dir` published at `page`.
    fn problem(&mut self, url: &str, dir: &str, page: &str) -> Option<Problem> {
        let (path, fragment) = match url.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (url, None),
        };
        let path = path.split_once('?').map_or(path, |(p, _)| p);
        let target = if path.is_empty() {
            page.to_string()
        } else if let Some(abs) = path.strip_prefix('/') {
            decode(abs)
        } else if let Some(t) = self
            .links
            .resolve(dir, path)
            .and_then(|t| t.strip_prefix(&self.links.base_path).map(str::to_string))
        {
            t
        } else {
            // Left as written: the browser resolves it from the page's address.
            let page_dir = page.rsplit_once('/').map_or("", |(d, _)| d);
            match join(page_dir, &decode(path)) {
                Some(t) => t,
                None => return Some(Problem::Missing(self.nearest_file(path))),
            }
        };
        let Some(file) = self.file_of(&target) else {
            return Some(Problem::Missing(self.nearest_file(&target)));
        };
        let fragment = fragment.filter(|f| !f.is_empty())?;
        if !file.ends_with(".html") {
            return None;
        }
        let ids = self.ids_of(&file);
        let fragment = decode(fragment);
        if ids.contains(&fragment) {
            return None;
        }
        let nearest = nearest(ids.iter().map(String::as_str), &fragment).map(|s| format!("#{s}"));
        Some(Problem::NoHeading {
            page: format!("/{target}"),
            nearest,
        })
    }

    /// The built file a site path reaches: itself, or a folder's index.html.
    fn file_of(&self, target: &str) -> Option<String> {
        let candidates = if target.is_empty() || target.ends_with('/') {
            vec![format!("{target}index.html")]
        } else {
            vec![target.to_string(), format!("{target}/index.html")]
        };
        candidates.into_iter().find(|c| self.files.contains_key(c))
    }

    fn ids_of(&mut self, file: &str) -> &BTreeSet<String> {
        self.ids.entry(file.to_string()).or_insert_with(|| {
            let html = match self.files.get(file) {
                Some(Content::Bytes(b)) => String::from_utf8_lossy(b).into_owned(),
                Some(Content::Copy(p) | Content::Staged(p)) => {
                    std::fs::read_to_string(p).unwrap_or_default()
                }
                None => String::new(),
            };
            html.split(" id=\"")
                .skip(1)
                .filter_map(|s| s.split_once('"').map(|(id, _)| id.to_string()))
                .collect()
        })
    }

    /// The built page or file nearest to `wanted`, as a site address: a
    /// page for a page (or a Markdown file), a file for a file.
    fn nearest_file(&self, wanted: &str) -> Option<String> {
        let wanted = wanted.trim_start_matches('/').trim_end_matches('/');
        let last = wanted.rsplit('/').next().unwrap_or(wanted);
        let (wanted, want_page) = if let Some(page) = wanted.strip_suffix(".md") {
            let page = ["/summary", "/children", "/index"]
                .iter()
                .find_map(|s| page.strip_suffix(s))
                .unwrap_or(page);
            (page, true)
        } else {
            (wanted, !last.contains('.'))
        };
        let names = self.files.keys().filter_map(|k| {
            let page = if k == "index.html" {
                Some("")
            } else {
                k.strip_suffix("/index.html")
            };
            match page {
                Some(p) if want_page => Some(p),
                None if !want_page && !k.ends_with(".html") => Some(k.as_str()),
                _ => None,
            }
        });
        nearest(names, wanted).map(|n| {
            if !want_page {
                format!("/{n}")
            } else if n.is_empty() {
                "/".to_string()
            } else {
                format!("/{n}/")
            }
        })
    }
}

enum Problem {
    /// No page or file has the address; the nearest one, if any is close.
    Missing(Option<String>),
    /// The page exists but has no heading with the anchor's id.
    NoHeading {
        page: String,
        nearest: Option<String>,
    },
}

impl Problem {
    fn diagnostic(self, file: &str, pos: Pos, url: &str, what: &str) -> Diagnostic {
        match self {
            Problem::Missing(nearest) => {
                let d = Diagnostic::error(
                    file,
                    pos,
                    format!(
                        "The {what} `{url}` points to a page or file that the site does not have."
                    ),
                )
                .with_label("nothing is published here");
                match nearest {
                    Some(n) => d.with_help(format!(
                        "Did you mean `{n}`? Links starting with `/` are addresses in the site (`/about/`); others can name the Markdown file or a file in the same folder (`../2024-03-ilacs/summary.md`, `report.pdf`)."
                    )),
                    None => d.with_help("Check the spelling. Links starting with `/` are addresses in the site (`/about/`); others can name the Markdown file or a file in the same folder (`../2024-03-ilacs/summary.md`, `report.pdf`)."),
                }
            }
            Problem::NoHeading { page, nearest } => {
                let d = Diagnostic::error(
                    file,
                    pos,
                    format!(
                        "The {what} `{url}` points to a heading that the page {page} does not have."
                    ),
                )
                .with_label("no heading with this anchor");
                match nearest {
                    Some(n) => d.with_help(format!(
                        "Did you mean `{n}`? The part after `#` is the heading's words in lower case, with `-` between them (`## What we found` is `#what-we-found`)."
                    )),
                    None => d.with_help("The part after `#` is the heading's words in lower case, with `-` between them (`## What we found` is `#what-we-found`)."),
                }
            }
        }
    }
}

/// The closest of `names` to `wanted`, when it is close enough to be a typo.
fn nearest<'a>(names: impl Iterator<Item = &'a str>, wanted: &str) -> Option<&'a str> {
    names
        .map(|n| (strsim::normalized_damerau_levenshtein(n, wanted), n))
        .filter(|(score, _)| *score >= 0.5)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, n)| n)
}

/// `rel` resolved from the site folder `dir`; None when it climbs above the site.
fn join(dir: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    let trailing = rel.ends_with('/') || rel.ends_with("/.") || rel.ends_with("..");
    for seg in rel.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let mut out = parts.join("/");
    if trailing && !out.is_empty() {
        out.push('/');
    }
    Some(out)
}

/// `%20` and the like, as the browser decodes them before asking for a file.
fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(b) = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn site_files() -> Files {
        let mut f = Files::new();
        for (p, html) in [
            ("index.html", "<h1 id=\"top\">x</h1>"),
            ("about/index.html", "<h2 id=\"who-we-are\">Who</h2>"),
            (
                "inspections/2025-ilacs/index.html",
                "<h2 id=\"what-we-found\">x</h2>",
            ),
            ("inspections/2025-ilacs/report.pdf", ""),
        ] {
            f.insert(p.into(), Content::Bytes(Arc::from(html.as_bytes())));
        }
        f
    }

    fn map() -> LinkMap {
        let mut targets = BTreeMap::new();
        targets.insert("content/pages/about.md".into(), "about/".into());
        targets.insert(
            "content/inspections/2025-ilacs/summary.md".into(),
            "inspections/2025-ilacs/".into(),
        );
        targets.insert(
            "content/inspections/2025-ilacs/report.pdf".into(),
            "inspections/2025-ilacs/report.pdf".into(),
        );
        LinkMap {
            base_path: "/kent/".into(),
            targets,
        }
    }

    fn errors(body: &str) -> Vec<Diagnostic> {
        let file = MarkdownFile {
            path: "content/pages/about.md".into(),
            body: Arc::from(body),
            body_line: 4,
            title: None,
        };
        check(&[&file], &map(), &site_files())
    }

    #[test]
    fn good_links_pass() {
        let e = errors(
            "[a](/) [b](/about/) [c](../inspections/2025-ilacs/summary.md#what-we-found) [d](#who-we-are) ![i](/inspections/2025-ilacs/report.pdf) [e](https://x.org/nope) [f](../inspections/2025-ilacs/) <a@example.org>\n",
        );
        assert!(e.is_empty(), "{e:?}");
    }

    #[test]
    fn broken_links_are_errors_at_their_column() {
        let e = errors("text\n\nSee [about](/abot/) and [x](#who-we-were).\n");
        assert_eq!(e.len(), 2, "{e:?}");
        assert!(e[0].is_error());
        assert_eq!((e[0].pos.line, e[0].pos.column), (6, 13));
        assert!(e[0].help.as_deref().unwrap_or("").contains("`/about/`"));
        assert_eq!((e[1].pos.line, e[1].pos.column), (6, 29));
        assert!(e[1].help.as_deref().unwrap_or("").contains("#who-we-are"));
    }

    #[test]
    fn decodes_and_joins() {
        assert_eq!(decode("a%20b"), "a b");
        assert_eq!(join("about", "../x/").as_deref(), Some("x/"));
        assert_eq!(join("", "../x"), None);
    }
}
