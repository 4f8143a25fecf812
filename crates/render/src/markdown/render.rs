//! One Markdown file to HTML: headings given ids and moved down a level,
//! links rewritten, tables wrapped, glossary words explained where they
//! are first used.

use std::collections::BTreeMap;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Parser, Tag, TagEnd};

use super::glossary::GlossaryMatcher;
use super::ids::{THEME_IDS, heading_id};
use super::nesting::{MAX_NESTING, too_deep};
use super::parse::{line_of, line_starts, options};
use super::text::{DESCRIPTION_CHARS, cut, prose_upto};
use super::urls::{LinkMap, is_safe_url, scheme_of};
use clarion_core::{Diagnostic, MarkdownFile, Pos};

/// How to render one Markdown file.
pub struct RenderOptions<'a> {
    pub links: &'a LinkMap,
    /// Explain glossary words where they are first used (child pages).
    pub glossary: Option<&'a GlossaryMatcher>,
    /// `id` prefix for heading anchors, so several documents on one page do not clash.
    pub id_prefix: &'a str,
}

/// A rendered Markdown file.
#[derive(Debug, Default, Clone)]
pub struct Rendered {
    pub html: String,
    /// The text's first sentences, as [`plain_text_prefix`] gives them
    /// (`DESCRIPTION_CHARS` at most): the page's description. Empty when
    /// the text has no prose (only headings or tables).
    pub description: String,
    /// Indexes into the glossary of the words this text uses, each with
    /// the word as the page explains it (`council` for `local authority`).
    pub terms_used: BTreeMap<usize, String>,
    /// Broken or unsafe links.
    pub diagnostics: Vec<Diagnostic>,
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

fn shift(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H2,
        HeadingLevel::H2 => HeadingLevel::H3,
        HeadingLevel::H3 => HeadingLevel::H4,
        HeadingLevel::H4 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
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
    let description = cut(
        &prose_upto(events.iter().map(|(e, _)| e), DESCRIPTION_CHARS),
        DESCRIPTION_CHARS,
    );
    if let Some(offset) = too_deep(&events) {
        ctx.diags.push(
            Diagnostic::error(&file.path, ctx.pos(offset), format!("The text here is nested more than {MAX_NESTING} levels deep (quotes, lists or HTML tags inside each other)."))
                .with_help("No page needs this much nesting, and it would make the page very slow to check. Close the HTML tags you open, or nest less."),
        );
        return Rendered {
            html: String::new(),
            description,
            terms_used: BTreeMap::new(),
            diagnostics: ctx.diags,
        };
    }
    let mut walk = Walk::new(ctx, &events);
    let mut i = 0;
    while i < events.len() {
        let (event, offset) = std::mem::replace(&mut events[i], (Event::SoftBreak, 0));
        i += 1;
        walk.step(event, offset, &events[i..]);
    }
    walk.flush_text();
    walk.explain();
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, walk.out.into_iter());
    if walk.raw_html {
        html = sanitise(&html);
    }
    Rendered {
        html,
        description,
        terms_used: walk.terms_used,
        diagnostics: walk.ctx.diags,
    }
}

/// The state of one walk over a file's events, turning them into the
/// events of the published page.
struct Walk<'a, 'e> {
    ctx: Ctx<'a>,
    /// The page has its own h1, so a body that uses `#` moves down a level.
    has_h1: bool,
    raw_html: bool,
    /// The theme's own ids are taken: a heading `## Main` must not become a
    /// second `id="main"`, or the skip link would land on it. Counted per
    /// heading text, so many equal headings cost no more than many different ones.
    used_ids: clarion_core::UniqueIds,
    terms_used: BTreeMap<usize, String>,
    /// Text not yet matched against the glossary: a run of text events and
    /// line breaks, so a phrase split over two lines is still found.
    text_run: String,
    /// Glossary words first used in the block being written, as shown:
    /// explained when the block ends.
    /// (entry, the word as asked about, the word as defined)
    to_explain: Vec<(usize, String, String)>,
    out: Vec<Event<'e>>,
    in_link: usize,
    /// Numbered, so each scrolling table region has its own name.
    tables: usize,
    in_heading: bool,
    in_code: usize,
    /// An image's text is its `alt`: a link there would be read out as markup.
    in_image: usize,
}

impl<'a, 'e> Walk<'a, 'e> {
    fn new(ctx: Ctx<'a>, events: &[(Event<'e>, usize)]) -> Self {
        let has_h1 = events.iter().any(|(e, _)| {
            matches!(
                e,
                Event::Start(Tag::Heading {
                    level: HeadingLevel::H1,
                    ..
                })
            )
        });
        let mut used_ids = clarion_core::UniqueIds::default();
        for id in THEME_IDS {
            used_ids.reserve(id);
        }
        Walk {
            ctx,
            has_h1,
            raw_html: false,
            used_ids,
            terms_used: BTreeMap::new(),
            text_run: String::new(),
            to_explain: Vec::new(),
            out: Vec::with_capacity(events.len()),
            in_link: 0,
            tables: 0,
            in_heading: false,
            in_code: 0,
            in_image: 0,
        }
    }

    fn level(&self, level: HeadingLevel) -> HeadingLevel {
        if self.has_h1 { shift(level) } else { level }
    }

    /// Takes one event; `rest` are the events after it, not yet taken.
    fn step(&mut self, event: Event<'e>, offset: usize, rest: &[(Event<'e>, usize)]) {
        let glossary_text = self.in_link == 0
            && self.in_image == 0
            && !self.in_heading
            && self.in_code == 0
            && self.ctx.opts.glossary.is_some();
        match event {
            Event::Text(t) if glossary_text => {
                self.text_run.push_str(&t);
                return;
            }
            Event::SoftBreak if glossary_text && !self.text_run.is_empty() => {
                self.text_run.push('\n');
                return;
            }
            _ => self.flush_text(),
        }
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                let text: String = rest
                    .iter()
                    .take_while(|(e, _)| !matches!(e, Event::End(TagEnd::Heading(_))))
                    .filter_map(|(e, _)| match e {
                        Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                        _ => None,
                    })
                    .collect();
                let prefix = self.ctx.opts.id_prefix;
                let id = match id {
                    Some(id) => heading_id(&id, &mut self.used_ids, prefix),
                    None => heading_id(&text, &mut self.used_ids, prefix),
                };
                self.in_heading = true;
                // `{#id .class}` is kept; other `{key=value}` attributes are
                // dropped, or `{onclick=...}` would put a script on the page
                // without passing through the sanitiser.
                let _ = attrs;
                self.out.push(Event::Start(Tag::Heading {
                    level: self.level(level),
                    id: Some(CowStr::from(id)),
                    classes,
                    attrs: Vec::new(),
                }));
            }
            Event::End(TagEnd::Heading(level)) => {
                self.in_heading = false;
                self.out
                    .push(Event::End(TagEnd::Heading(self.level(level))));
            }
            other => self.step_other(other, offset),
        }
    }

    /// [`Walk::step`] for links, images, code, tables and raw HTML.
    fn step_other(&mut self, event: Event<'e>, offset: usize) {
        match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                self.in_link += 1;
                let dest = self.ctx.rewrite(&dest_url, offset);
                self.out.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url: dest.into(),
                    title,
                    id,
                }));
            }
            Event::End(TagEnd::Link) => {
                self.in_link = self.in_link.saturating_sub(1);
                self.out.push(Event::End(TagEnd::Link));
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                self.in_image += 1;
                let dest = self.ctx.rewrite(&dest_url, offset);
                self.out.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url: dest.into(),
                    title,
                    id,
                }));
            }
            Event::End(TagEnd::Image) => {
                self.in_image = self.in_image.saturating_sub(1);
                self.out.push(Event::End(TagEnd::Image));
            }
            other => self.step_block(other),
        }
    }

    /// [`Walk::step`] for code blocks, tables and raw HTML.
    fn step_block(&mut self, event: Event<'e>) {
        match event {
            Event::Start(Tag::CodeBlock(k)) => {
                self.in_code += 1;
                self.out.push(Event::Start(Tag::CodeBlock(k)));
            }
            Event::End(TagEnd::CodeBlock) => {
                self.in_code = self.in_code.saturating_sub(1);
                self.out.push(Event::End(TagEnd::CodeBlock));
            }
            Event::Start(Tag::Table(a)) => {
                // A wide table scrolls inside its box, never the page; the box
                // takes focus so keyboard users can scroll it.
                self.tables += 1;
                let tables = self.tables;
                self.out.push(Event::Html(CowStr::from(format!(
                    "<section class=\"table-wrap\" aria-label=\"Table {tables}\" tabindex=\"0\">"
                ))));
                self.out.push(Event::Start(Tag::Table(a)));
            }
            Event::End(TagEnd::Table) => {
                self.out.push(Event::End(TagEnd::Table));
                self.out.push(Event::Html(CowStr::from("</section>")));
            }
            Event::Html(h) | Event::InlineHtml(h) => {
                self.raw_html = true;
                self.out.push(Event::Html(h));
            }
            // Explanations follow the paragraph that first uses their
            // words (a `<details>` may not sit inside a `<p>`), or end the
            // list item or table cell that does.
            Event::End(TagEnd::Paragraph) => {
                self.out.push(Event::End(TagEnd::Paragraph));
                self.explain();
            }
            e @ (Event::End(TagEnd::Item | TagEnd::TableCell)
            | Event::Start(Tag::List(_) | Tag::Paragraph)) => {
                self.explain();
                self.out.push(e);
            }
            other => self.out.push(other),
        }
    }

    /// The text run so far, with each glossary word's first use on the
    /// page marked (and its explanation queued for the block's end).
    fn flush_text(&mut self) {
        if self.text_run.is_empty() {
            return;
        }
        let t = std::mem::take(&mut self.text_run);
        let Some(matcher) = self.ctx.opts.glossary else {
            self.out.push(Event::Text(CowStr::from(t)));
            return;
        };
        match mark_terms(matcher, &t, &mut self.terms_used, &mut self.to_explain) {
            Some(html) => self.out.push(Event::InlineHtml(CowStr::from(html))),
            None => self.out.push(Event::Text(CowStr::from(t))),
        }
    }

    /// The explanations of the words first used in the block just written
    /// (see [`explanation`]).
    fn explain(&mut self) {
        let Some(matcher) = self.ctx.opts.glossary else {
            return;
        };
        if self.to_explain.is_empty() {
            return;
        }
        let words = std::mem::take(&mut self.to_explain);
        if let Some(html) = explanation(matcher, &words) {
            self.out.push(Event::Html(CowStr::from(html)));
        }
    }
}

/// Explains glossary words in text a template shows after the Markdown (a
/// child page's parts), going on from the words the Markdown explained, so
/// each word is still explained once, where the page first uses it.
pub struct Explainer<'m> {
    matcher: Option<&'m GlossaryMatcher>,
    /// The words explained so far, as [`Rendered::terms_used`].
    pub used: BTreeMap<usize, String>,
}

/// Plain text made ready for a page: `html` (escaped, first uses marked)
/// and the `explain` disclosure to put after the block it is in.
#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct Explained {
    pub html: String,
    pub explain: String,
}

impl<'m> Explainer<'m> {
    /// `matcher` is `None` where the page explains nothing (a translation).
    pub fn new(matcher: Option<&'m GlossaryMatcher>, used: BTreeMap<usize, String>) -> Self {
        Explainer { matcher, used }
    }

    pub fn text(&mut self, text: &str) -> Explained {
        let plain = || Explained {
            html: clarion_core::escape_html(text),
            explain: String::new(),
        };
        let Some(matcher) = self.matcher else {
            return plain();
        };
        let mut words = Vec::new();
        match mark_terms(matcher, text, &mut self.used, &mut words) {
            Some(html) => Explained {
                html,
                explain: explanation(matcher, &words).unwrap_or_default(),
            },
            None => plain(),
        }
    }
}

/// A glossary word first used on the page: (entry, the word as asked
/// about, the word as defined).
pub(crate) type FirstUse = (usize, String, String);

/// `text` as HTML with each glossary word's first use on the page marked,
/// or `None` when it has none. Each word marked joins `used` and
/// `to_explain`.
pub(crate) fn mark_terms(
    matcher: &GlossaryMatcher,
    text: &str,
    used: &mut BTreeMap<usize, String>,
    to_explain: &mut Vec<FirstUse>,
) -> Option<String> {
    // Allocated at the first mark: most text runs have none.
    let mut html = String::new();
    let mut last = 0;
    for found in matcher.find(text) {
        // Explained once a page, where first used; later uses are plain.
        if used.contains_key(&found.entry) {
            continue;
        }
        if html.capacity() == 0 {
            html.reserve(text.len() + 32);
        }
        // Writing to a String cannot fail.
        let _ = clarion_core::write_html_escaped(&mut html, &text[last..found.start]);
        html.push_str("<span class=\"term\">");
        let _ = clarion_core::write_html_escaped(&mut html, &text[found.start..found.end]);
        html.push_str("</span>");
        let asked = matcher.asked(&found, text);
        let defined = matcher.defined(&found, &asked).to_string();
        used.insert(found.entry, defined.clone());
        to_explain.push((found.entry, asked, defined));
        last = found.end;
    }
    if last == 0 {
        return None;
    }
    let _ = clarion_core::write_html_escaped(&mut html, &text[last..]);
    Some(html)
}

/// The explanations of words first used in one block: a disclosure whose
/// summary asks the child's question ("What does the word IRO mean?"),
/// closed until opened, by keyboard too, without script.
pub(crate) fn explanation(matcher: &GlossaryMatcher, words: &[FirstUse]) -> Option<String> {
    let names: Vec<String> = words
        .iter()
        .map(|(_, asked, _)| format!("<b>{}</b>", clarion_core::escape_html(asked)))
        .collect();
    let question = match names.as_slice() {
        // "the word": "What do care leavers mean?" would ask what they intend.
        [one] => format!("What does the word {one} mean?"),
        [rest @ .., last] => format!("What do the words {} and {last} mean?", rest.join(", ")),
        [] => return None,
    };
    let mut html = format!("<details class=\"explain\"><summary>{question}</summary>\n");
    for (entry, _, defined) in words {
        html.push_str(&format!(
            "<p><dfn>{}</dfn>: {}</p>\n",
            clarion_core::escape_html(defined),
            clarion_core::escape_html(matcher.meaning(*entry))
        ));
    }
    html.push_str("</details>\n");
    Some(html)
}
