//! Markdown to safe HTML: pulldown-cmark with tables, footnotes and
//! strikethrough, heading anchors, links rewritten for the site's sub-path,
//! glossary words linked on child pages, raw HTML sanitised.

use std::collections::{BTreeMap, BTreeSet};

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::readability::TextBlock;
use clarion_core::{Diagnostic, GlossaryEntry, MarkdownFile, Pos};

pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Where each source file of the site is published, so relative links
/// between Markdown files and to bundle files can be rewritten.
#[derive(Debug, Default, Clone)]
pub struct LinkMap {
    /// Base path of the site: `/` or `/kent-inspections/`.
    pub base_path: String,
    /// Content path (`content/pages/about.md`) -> site path (`about/`), no leading slash.
    pub targets: BTreeMap<String, String>,
}

impl LinkMap {
    pub(crate) fn resolve(&self, from_dir: &str, link: &str) -> Option<String> {
        let mut parts: Vec<&str> = from_dir.split('/').filter(|p| !p.is_empty()).collect();
        for seg in link.split('/') {
            match seg {
                "" | "." => {}
                ".." => {
                    parts.pop()?;
                }
                s => parts.push(s),
            }
        }
        let joined = parts.join("/");
        self.targets
            .get(&joined)
            .or_else(|| self.targets.get(&format!("{joined}/")))
            .map(|t| format!("{}{}", self.base_path, t))
    }
}

/// How to render one Markdown file.
pub struct RenderOptions<'a> {
    pub links: &'a LinkMap,
    /// Link glossary words to their explanations on the page (child pages).
    pub glossary: Option<&'a GlossaryMatcher>,
    /// `id` prefix for heading anchors, so several documents on one page do not clash.
    pub id_prefix: &'a str,
}

/// A rendered Markdown file.
#[derive(Debug, Default, Clone)]
pub struct Rendered {
    pub html: String,
    /// The first [`DESCRIPTION_CHARS`] characters of the text, as
    /// [`plain_text_prefix`] gives them: the page's description.
    pub description: String,
    /// Indexes into the glossary of the words this text uses.
    pub terms_used: BTreeSet<usize>,
    /// Broken or unsafe links.
    pub diagnostics: Vec<Diagnostic>,
}

/// Finds glossary words (and their `also` forms and plurals) in text.
///
/// Text and phrases are both written as a row of words, each lower-cased
/// and wrapped as `\x01word\x02`, a space between words parted only by
/// spaces and a line break between others; one Aho-Corasick automaton
/// then finds every phrase in one pass over the text, however many there
/// are. The wrapping makes each match start and end on whole words.
#[derive(Debug)]
pub struct GlossaryMatcher {
    automaton: Option<aho_corasick::AhoCorasick>,
    /// Per pattern: (entry index, entry id).
    patterns: Vec<(usize, std::sync::Arc<str>)>,
}

impl Default for GlossaryMatcher {
    fn default() -> Self {
        GlossaryMatcher::new(&[])
    }
}

/// Marks around each word, never part of one (words are letters, digits
/// and apostrophes).
const WORD_START: char = '\x01';
const WORD_END: char = '\x02';

fn words_of(s: &str) -> Vec<String> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '\u{2019}'))
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect()
}

/// Endings a phrase's last word may have: `care leavers`, `foster
/// homes`, `the independent reviewing officer's`.
const PLURALS: [&str; 4] = ["s", "es", "'s", "\u{2019}s"];

impl GlossaryMatcher {
    pub fn new(entries: &[GlossaryEntry]) -> GlossaryMatcher {
        let mut exact = Vec::new();
        let mut plural = Vec::new();
        let mut texts = Vec::new();
        let mut plural_texts = Vec::new();
        for (i, e) in entries.iter().enumerate() {
            let id: std::sync::Arc<str> = e.id.as_str().into();
            for form in std::iter::once(&e.term).chain(e.also.iter()) {
                let words = words_of(form);
                if words.is_empty() {
                    continue;
                }
                let mut text = String::new();
                for (k, w) in words.iter().enumerate() {
                    if k > 0 {
                        text.push(' ');
                    }
                    text.push(WORD_START);
                    text.push_str(w);
                    text.push(WORD_END);
                }
                // A one-word term takes only `s`, as it always has: `IRO's`
                // and `boxes` are left alone.
                let endings = if words.len() == 1 {
                    &PLURALS[..1]
                } else {
                    &PLURALS[..]
                };
                for ending in endings {
                    let mut p = text[..text.len() - 1].to_string();
                    p.push_str(ending);
                    p.push(WORD_END);
                    plural_texts.push(p);
                    plural.push((i, id.clone()));
                }
                texts.push(text);
                exact.push((i, id.clone()));
            }
        }
        // Exact forms before plurals, each in glossary order: among matches
        // of the same length the first pattern wins.
        texts.extend(plural_texts);
        exact.extend(plural);
        let automaton = if texts.is_empty() {
            None
        } else {
            aho_corasick::AhoCorasick::builder()
                .match_kind(aho_corasick::MatchKind::LeftmostLongest)
                .build(&texts)
                .ok()
        };
        GlossaryMatcher {
            automaton,
            patterns: exact,
        }
    }

    /// Glossary matches in `text`, longest first from the left, none
    /// overlapping: (start, end, entry, id) with byte ranges into `text`.
    pub fn find(&self, text: &str) -> Vec<(usize, usize, usize, &str)> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        // Each word of the text: its place in `text` and where its mark
        // starts in `row`.
        let mut words: Vec<(usize, usize, usize)> = Vec::new();
        let mut row = String::with_capacity(text.len() + 16);
        let mut last_end = 0;
        let mut start = None;
        let mut push_word = |s: usize, e: usize, row: &mut String, last_end: &mut usize| {
            if !words.is_empty() {
                let gap = &text[*last_end..s];
                row.push(if gap.chars().all(char::is_whitespace) {
                    ' '
                } else {
                    '\n'
                });
            }
            words.push((s, e, row.len()));
            row.push(WORD_START);
            let word = &text[s..e];
            if word.is_ascii() {
                row.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
            } else {
                row.push_str(&word.to_lowercase());
            }
            row.push(WORD_END);
            *last_end = e;
        };
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            // Byte by byte through ASCII, the most of an English page.
            let (is_word, width) = if bytes[i].is_ascii() {
                (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'\'', 1)
            } else {
                let c = text[i..].chars().next().unwrap_or(' ');
                (c.is_alphanumeric() || c == '\u{2019}', c.len_utf8())
            };
            match (is_word, start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    push_word(s, i, &mut row, &mut last_end);
                    start = None;
                }
                _ => {}
            }
            i += width;
        }
        if let Some(s) = start {
            push_word(s, text.len(), &mut row, &mut last_end);
        }
        let mut out = Vec::new();
        for m in automaton.find_iter(&row) {
            // Matches start on a word's mark and end after one.
            let first = words.partition_point(|w| w.2 < m.start());
            let last = words.partition_point(|w| w.2 < m.end()) - 1;
            let (entry, id) = &self.patterns[m.pattern().as_usize()];
            out.push((words[first].0, words[last].1, *entry, id.as_ref()));
        }
        out
    }
}

pub(crate) fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}

pub(crate) fn line_of(starts: &[usize], offset: usize) -> usize {
    starts.partition_point(|&s| s <= offset)
}

pub(crate) fn scheme_of(url: &str) -> Option<String> {
    let colon = url.find(':')?;
    let scheme = &url[..colon];
    let mut chars = scheme.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then(|| scheme.to_ascii_lowercase())
}

/// True for addresses that may appear in a link: web, mail, phone, and
/// relative ones. Strips control characters and spaces browsers ignore.
pub fn is_safe_url(url: &str) -> bool {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_control() && !c.is_whitespace())
        .collect();
    match scheme_of(&cleaned) {
        None => true,
        Some(s) => matches!(s.as_str(), "http" | "https" | "mailto" | "tel"),
    }
}

struct Ctx<'a> {
    file: &'a MarkdownFile,
    dir: String,
    /// Where each line starts, found only when a message needs a line.
    starts: std::cell::OnceCell<Vec<usize>>,
    opts: &'a RenderOptions<'a>,
    diags: Vec<Diagnostic>,
}

impl Ctx<'_> {
    fn pos(&self, offset: usize) -> Pos {
        let starts = self.starts.get_or_init(|| line_starts(&self.file.body));
        Pos::at(self.file.body_line + line_of(starts, offset) - 1, 1)
    }

    fn rewrite(&mut self, url: &str, offset: usize) -> String {
        if !is_safe_url(url) {
            self.diags.push(
                Diagnostic::warning(&self.file.path, self.pos(offset), format!("The link `{url}` was removed: only web, email and phone links are allowed."))
                    .with_help("Links starting with javascript:, data: or file: could harm readers, so Clarion never publishes them."),
            );
            return "#".into();
        }
        if scheme_of(url).is_some()
            || url.starts_with("//")
            || url.starts_with('#')
            || url.is_empty()
        {
            return url.to_string();
        }
        let (path, suffix) = match url.find(['#', '?']) {
            Some(i) => (&url[..i], &url[i..]),
            None => (url, ""),
        };
        if let Some(abs) = path.strip_prefix('/') {
            return format!("{}{}{}", self.opts.links.base_path, abs, suffix);
        }
        // A link that names no source file is left for the browser to
        // resolve; `links::check` reports it when it reaches no page.
        match self.opts.links.resolve(&self.dir, path) {
            Some(target) => format!("{target}{suffix}"),
            None => url.to_string(),
        }
    }
}

/// Ids the default theme gives its own parts, and ones themes commonly use,
/// which headings in content must not take.
pub const THEME_IDS: &[&str] = &[
    "main",
    "content",
    "top",
    "skip",
    "skip-link",
    "header",
    "footer",
    "nav",
    "navigation",
    "search",
    "menu",
    "authorities-heading",
    "changes-heading",
    "children-link-heading",
    "data-heading",
    "documents-heading",
    "finder-grade",
    "finder-kind",
    "finder-q",
    "finder-year",
    "full-text-heading",
    "full-text-search",
    "grades-heading",
    "history-heading",
    "improvements-heading",
    "inspections-heading",
    "judgements-caption",
    "related-heading",
    "results-heading",
    "summary-heading",
    "talk-heading",
    "words-heading",
    "england-heading",
    "england-title",
];

/// A heading's id: its slug, or the slug with `-2`, `-3`… when another
/// heading or the theme has it already.
fn heading_id(text: &str, used: &mut clarion_core::UniqueIds, prefix: &str) -> String {
    used.unique(&format!("{prefix}{}", clarion_core::slugify(text)))
}

fn shift(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H2,
        HeadingLevel::H2 => HeadingLevel::H3,
        HeadingLevel::H3 => HeadingLevel::H4,
        HeadingLevel::H4 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

/// How deeply quotes, lists and HTML tags may nest in one file. Real
/// pages stay far below it; the sanitiser's work grows with the square of
/// the depth, so thousands of unclosed `<div>`s would stall a build.
pub const MAX_NESTING: usize = 100;

const VOID_TAGS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Follows the tags of a piece of raw HTML on `open`. A closing tag only
/// closes the innermost open one of its name, so the count never falls
/// below what an HTML parser would see.
fn follow_tags(html: &str, open: &mut Vec<String>) {
    let bytes = html.as_bytes();
    let mut i = 0;
    while let Some(lt) = html[i..].find('<').map(|p| i + p) {
        i = lt + 1;
        if html[i..].starts_with("!--") {
            i = html[i..].find("-->").map_or(html.len(), |p| i + p + 3);
            continue;
        }
        let closing = bytes.get(i) == Some(&b'/');
        let start = if closing { i + 1 } else { i };
        let len = html[start..]
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if len == 0 || !bytes[start].is_ascii_alphabetic() {
            continue;
        }
        let name = html[start..start + len].to_ascii_lowercase();
        let end = html[start..].find('>').map_or(html.len(), |p| start + p);
        if closing {
            if open.last() == Some(&name) {
                open.pop();
            }
        } else if !VOID_TAGS.contains(&name.as_str()) && !html[..end].ends_with('/') {
            open.push(name);
        }
        i = end;
    }
}

/// The offset of the first event nested deeper than `MAX_NESTING`.
fn too_deep(events: &[(Event, usize)]) -> Option<usize> {
    let mut depth = 0usize;
    let mut open = Vec::new();
    for (event, offset) in events {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::Html(h) | Event::InlineHtml(h) => follow_tags(h, &mut open),
            _ => {}
        }
        if depth + open.len() > MAX_NESTING {
            return Some(*offset);
        }
    }
    None
}

/// Renders a Markdown file's body to HTML that is safe to publish.
pub fn render(file: &MarkdownFile, opts: &RenderOptions) -> Rendered {
    let body: &str = &file.body;
    let dir = file
        .path
        .rsplit_once('/')
        .map_or("", |(d, _)| d)
        .to_string();
    let mut ctx = Ctx {
        file,
        dir,
        starts: std::cell::OnceCell::new(),
        opts,
        diags: Vec::new(),
    };
    let mut events: Vec<(Event, usize)> = Parser::new_ext(body, options())
        .into_offset_iter()
        .map(|(e, r)| (e, r.start))
        .collect();
    // From this parse, so the page's description needs no second one.
    let description = text_upto(events.iter().map(|(e, _)| e), DESCRIPTION_CHARS).0;
    if let Some(offset) = too_deep(&events) {
        ctx.diags.push(
            Diagnostic::error(&file.path, ctx.pos(offset), format!("The text here is nested more than {MAX_NESTING} levels deep (quotes, lists or HTML tags inside each other)."))
                .with_help("No page needs this much nesting, and it would make the page very slow to check. Close the HTML tags you open, or nest less."),
        );
        return Rendered {
            html: String::new(),
            description,
            terms_used: BTreeSet::new(),
            diagnostics: ctx.diags,
        };
    }
    // The page has its own h1, so a body that uses `#` moves down a level.
    let has_h1 = events.iter().any(|(e, _)| {
        matches!(
            e,
            Event::Start(Tag::Heading {
                level: HeadingLevel::H1,
                ..
            })
        )
    });
    let mut raw_html = false;
    // The theme's own ids are taken: a heading `## Main` must not become a
    // second `id="main"`, or the skip link would land on it. Counted per
    // heading text, so many equal headings cost no more than many different ones.
    let mut used_ids = clarion_core::UniqueIds::default();
    for id in THEME_IDS {
        used_ids.reserve(id);
    }
    let mut terms_used = BTreeSet::new();
    let mut out: Vec<Event> = Vec::with_capacity(events.len());
    let mut in_link = 0usize;
    // Numbered, so each scrolling table region has its own name.
    let mut tables = 0usize;
    let mut in_heading = false;
    let mut in_code = 0usize;
    // An image's text is its `alt`: a link there would be read out as markup.
    let mut in_image = 0usize;
    let mut i = 0;
    while i < events.len() {
        let (event, offset) = std::mem::replace(&mut events[i], (Event::SoftBreak, 0));
        i += 1;
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                let text: String = events[i..]
                    .iter()
                    .take_while(|(e, _)| !matches!(e, Event::End(TagEnd::Heading(_))))
                    .filter_map(|(e, _)| match e {
                        Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                        _ => None,
                    })
                    .collect();
                let id = match id {
                    Some(id) => heading_id(&id, &mut used_ids, opts.id_prefix),
                    None => heading_id(&text, &mut used_ids, opts.id_prefix),
                };
                let level = if has_h1 { shift(level) } else { level };
                in_heading = true;
                // `{#id .class}` is kept; other `{key=value}` attributes are
                // dropped, or `{onclick=...}` would put a script on the page
                // without passing through the sanitiser.
                let _ = attrs;
                out.push(Event::Start(Tag::Heading {
                    level,
                    id: Some(CowStr::from(id)),
                    classes,
                    attrs: Vec::new(),
                }));
            }
            Event::End(TagEnd::Heading(level)) => {
                in_heading = false;
                out.push(Event::End(TagEnd::Heading(if has_h1 {
                    shift(level)
                } else {
                    level
                })));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                in_link += 1;
                let dest = ctx.rewrite(&dest_url, offset);
                out.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url: dest.into(),
                    title,
                    id,
                }));
            }
            Event::End(TagEnd::Link) => {
                in_link = in_link.saturating_sub(1);
                out.push(Event::End(TagEnd::Link));
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                in_image += 1;
                let dest = ctx.rewrite(&dest_url, offset);
                out.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url: dest.into(),
                    title,
                    id,
                }));
            }
            Event::End(TagEnd::Image) => {
                in_image = in_image.saturating_sub(1);
                out.push(Event::End(TagEnd::Image));
            }
            Event::Start(Tag::CodeBlock(k)) => {
                in_code += 1;
                out.push(Event::Start(Tag::CodeBlock(k)));
            }
            Event::End(TagEnd::CodeBlock) => {
                in_code = in_code.saturating_sub(1);
                out.push(Event::End(TagEnd::CodeBlock));
            }
            Event::Start(Tag::Table(a)) => {
                // A wide table scrolls inside its box, never the page; the box
                // takes focus so keyboard users can scroll it.
                tables += 1;
                out.push(Event::Html(CowStr::from(format!("<div class=\"table-wrap\" role=\"region\" aria-label=\"Table {tables}\" tabindex=\"0\">"))));
                out.push(Event::Start(Tag::Table(a)));
            }
            Event::End(TagEnd::Table) => {
                out.push(Event::End(TagEnd::Table));
                out.push(Event::Html(CowStr::from("</div>")));
            }
            Event::Html(h) | Event::InlineHtml(h) => {
                raw_html = true;
                out.push(Event::Html(h));
            }
            Event::Text(t)
                if in_link == 0
                    && in_image == 0
                    && !in_heading
                    && in_code == 0
                    && opts.glossary.is_some() =>
            {
                let matcher = opts.glossary.unwrap_or_else(|| unreachable!());
                let found = matcher.find(&t);
                if found.is_empty() {
                    out.push(Event::Text(t));
                    continue;
                }
                let mut html = String::with_capacity(t.len() + 64 * found.len());
                let mut last = 0;
                for (s, e, entry, id) in found {
                    html.push_str(&clarion_core::escape_html(&t[last..s]));
                    html.push_str(&format!(
                        "<a class=\"term\" href=\"#word-{id}\">{}</a>",
                        clarion_core::escape_html(&t[s..e])
                    ));
                    terms_used.insert(entry);
                    last = e;
                }
                html.push_str(&clarion_core::escape_html(&t[last..]));
                out.push(Event::InlineHtml(CowStr::from(html)));
            }
            other => out.push(other),
        }
    }
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, out.into_iter());
    if raw_html {
        html = sanitise(&html);
    }
    Rendered {
        html,
        description,
        terms_used,
        diagnostics: ctx.diags,
    }
}

/// Cleans HTML that came from raw HTML in Markdown: no scripts, styles,
/// event handlers or unsafe URLs survive.
pub fn sanitise(html: &str) -> String {
    let mut b = ammonia::Builder::default();
    b.add_tags([
        "figure",
        "figcaption",
        "details",
        "summary",
        "bdi",
        "section",
        "aside",
        "mark",
    ])
    .add_generic_attributes([
        "id",
        "class",
        "lang",
        "dir",
        "role",
        "aria-label",
        "tabindex",
    ])
    .url_schemes(["http", "https", "mailto", "tel"].into_iter().collect())
    .url_relative(ammonia::UrlRelative::PassThrough)
    .link_rel(Some("noopener noreferrer"));
    b.clean(html).to_string()
}

/// The text of a Markdown body in blocks (paragraphs, headings, list items,
/// table cells), each with its line in the file, for readability measures.
pub fn text_blocks(file: &MarkdownFile) -> Vec<TextBlock> {
    let body: &str = &file.body;
    let starts = line_starts(body);
    let mut blocks = Vec::new();
    let mut current = String::new();
    let mut line = 0;
    let flush = |current: &mut String, line: usize, blocks: &mut Vec<TextBlock>| {
        if !current.trim().is_empty() {
            blocks.push(TextBlock {
                line,
                text: std::mem::take(current),
            });
        }
        current.clear();
    };
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        match event {
            Event::Text(t) | Event::Code(t) => {
                if current.is_empty() {
                    line = file.body_line + line_of(&starts, range.start) - 1;
                }
                current.push_str(&t);
            }
            Event::SoftBreak | Event::HardBreak => current.push('\n'),
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell,
            ) => flush(&mut current, line, &mut blocks),
            _ => {}
        }
    }
    flush(&mut current, line, &mut blocks);
    blocks
}

/// Plain text of a Markdown body, for feeds and search descriptions.
#[cfg(test)]
fn plain_text(body: &str) -> String {
    plain_text_prefix(body, usize::MAX)
}

/// The first `max` characters of a body's plain text (whole words), without
/// parsing the rest: descriptions need only the start.
pub fn plain_text_prefix(body: &str, max: usize) -> String {
    // The parser reads all it is given before the first event: give it the
    // first blocks, to a blank line, unless links may be defined further
    // down; the whole text if they hold too little.
    let skip = max.saturating_mul(4);
    let head = match body.get(skip..).and_then(|rest| rest.find("\n\n")) {
        Some(at) if !body.contains("]:") => &body[..skip + at],
        _ => body,
    };
    let (text, chars) = plain_text_upto(head, max);
    if chars < max && head.len() < body.len() {
        return plain_text_upto(body, max).0;
    }
    text
}

/// Characters in a page's description.
pub const DESCRIPTION_CHARS: usize = 200;

/// Up to `max` characters of `body`'s text, and how many it found.
fn plain_text_upto(body: &str, max: usize) -> (String, usize) {
    text_upto(Parser::new_ext(body, options()), max)
}

/// Up to `max` characters of the text in `events` (whole words), and how
/// many it found.
fn text_upto<'e, E>(events: impl IntoIterator<Item = E>, max: usize) -> (String, usize)
where
    E: std::borrow::Borrow<Event<'e>>,
{
    let mut out = String::new();
    let mut chars = 0;
    'events: for event in events {
        let (Event::Text(text) | Event::Code(text)) = event.borrow() else {
            continue;
        };
        for word in text.split_whitespace() {
            // The space before a word counts: no trailing space at the limit.
            if chars + usize::from(!out.is_empty()) >= max {
                break 'events;
            }
            if !out.is_empty() {
                out.push(' ');
                chars += 1;
            }
            out.push_str(word);
            chars += word.chars().count();
        }
    }
    if chars > max {
        return (out.chars().take(max).collect(), chars);
    }
    (out, chars)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn md(body: &str) -> MarkdownFile {
        MarkdownFile {
            path: "content/inspections/x/summary.md".into(),
            body: Arc::from(body),
            body_line: 3,
            title: None,
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

    #[test]
    fn glossary_words_are_linked() {
        let entries = vec![
            GlossaryEntry {
                term: "care leaver".into(),
                also: vec![],
                meaning: "m".into(),
                id: "care-leaver".into(),
            },
            GlossaryEntry {
                term: "IRO".into(),
                also: vec!["independent reviewing officer".into()],
                meaning: "m".into(),
                id: "iro".into(),
            },
        ];
        let g = GlossaryMatcher::new(&entries);
        let l = links();
        let r = render(
            &md(
                "Care leavers and your IRO. An independent reviewing officer helps.\n\n## IRO heading\n",
            ),
            &RenderOptions {
                links: &l,
                glossary: Some(&g),
                id_prefix: "",
            },
        );
        assert!(
            r.html
                .contains("<a class=\"term\" href=\"#word-care-leaver\">Care leavers</a>"),
            "{}",
            r.html
        );
        assert!(r.html.contains("href=\"#word-iro\">IRO</a>"));
        assert!(
            r.html
                .contains("href=\"#word-iro\">independent reviewing officer</a>")
        );
        assert!(
            r.html.contains("<h2 id=\"iro-heading\">IRO heading</h2>"),
            "{}",
            r.html
        );
        assert_eq!(r.terms_used.len(), 2);
    }

    fn entry(term: &str, also: &[&str], id: &str) -> GlossaryEntry {
        GlossaryEntry {
            term: term.into(),
            also: also.iter().map(|a| a.to_string()).collect(),
            meaning: "m".into(),
            id: id.into(),
        }
    }

    fn linked(g: &GlossaryMatcher, body: &str) -> String {
        let l = links();
        render(
            &md(body),
            &RenderOptions {
                links: &l,
                glossary: Some(g),
                id_prefix: "",
            },
        )
        .html
    }

    #[test]
    fn glossary_matches_whole_words_longest_first() {
        let g = GlossaryMatcher::new(&[
            entry("care", &[], "care"),
            entry("care plan", &[], "care-plan"),
            entry("child witness", &[], "child-witness"),
            entry("IRO", &[], "iro"),
            entry("儿童", &[], "儿童"),
        ]);
        let found = |text: &str| -> Vec<(String, usize)> {
            g.find(text)
                .into_iter()
                .map(|(s, e, entry, _)| (text[s..e].to_string(), entry))
                .collect()
        };
        // A longer phrase that stops inside a word gives way to a shorter one.
        assert_eq!(found("Care planning"), [("Care".to_string(), 0)]);
        assert_eq!(
            found("care plans, cares"),
            [("care plans".into(), 1), ("cares".into(), 0)]
        );
        // Words of a phrase are parted by spaces only.
        assert_eq!(found("care, plan"), [("care".to_string(), 0)]);
        assert_eq!(
            found("child\n  witnesses"),
            [("child\n  witnesses".to_string(), 2)]
        );
        // One-word terms take a plain `s` only; no match inside a word.
        assert_eq!(found("IROs IRO's IROes scare"), [("IROs".to_string(), 3)]);
        assert_eq!(found("儿童。"), [("儿童".to_string(), 4)]);
        assert!(GlossaryMatcher::new(&[]).find("care").is_empty());
    }

    #[test]
    fn glossary_words_are_not_linked_in_alt_text_links_code_or_headings() {
        let g = GlossaryMatcher::new(&[entry("care plan", &[], "care-plan")]);
        let html = linked(
            &g,
            "![A care plan on a table](photo.jpg)\n\n[your care plan](/about/) `care plan`\n\n## Your care plan\n\n    care plan\n\nA care plan.\n",
        );
        assert!(html.contains("alt=\"A care plan on a table\""), "{html}");
        assert_eq!(html.matches("class=\"term\"").count(), 1, "{html}");
        assert!(html.contains("A <a class=\"term\" href=\"#word-care-plan\">care plan</a>."));
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
        assert!(found.iter().all(|f| f.2 == 19_999));
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
            "Title Some text here. item"
        );
        assert_eq!(plain_text_prefix("One two three four", 7), "One two");
        // Past the first blocks, the rest is not parsed but the words are the same.
        let long = format!(
            "{}\n\n{}\n\nLast.",
            "word ".repeat(300),
            "more ".repeat(300)
        );
        assert_eq!(plain_text_prefix(&long, 20), "word word word word");
        // A link defined at the end still reads as its text.
        let linked = format!(
            "{}[the report][r].\n\n{}\n\n[r]: https://x",
            "a ".repeat(5),
            "b ".repeat(900)
        );
        assert_eq!(plain_text_prefix(&linked, 20), "a a a a a the report");
        // Markup alone at the start: the whole text is read.
        let markup = format!("{}\n\n{}", "<!-- x -->".repeat(200), "Text at last.");
        assert_eq!(plain_text_prefix(&markup, 20), "Text at last.");
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
}
