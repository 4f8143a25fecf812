//! The text a reader sees in a rendered page's `<main>`, in blocks, for
//! reading measures of the page as shown (cards, headings and the words the
//! theme writes, not only the editor's Markdown).
//!
//! Uses html5ever's tokenizer, not a tree: the pages are Clarion's own, so a
//! stack of open elements is enough to know what is hidden.
//!
//! A closed `<details>` shows only its `<summary>` until a reader opens it,
//! so only the summary is read. The theme shows each glossary meaning that
//! such a disclosure holds again in the page's "Words to know" list, where
//! it is always on screen: read there, a meaning is counted once, as a
//! child reads it once (tests/glossary.rs checks every one is there).

use std::cell::RefCell;

use html5ever::LocalName;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

use crate::markdown::VOID_TAGS;
use crate::readability::{TextBlock, collapse_whitespace};

/// Elements whose text is never seen on the page.
const UNSEEN: &[&str] = &["script", "style", "template", "noscript", "nav", "svg"];

/// Elements that start and end a block of text (and so a sentence).
const BLOCKS: &[&str] = &[
    "p",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "dt",
    "dd",
    "div",
    "section",
    "ul",
    "ol",
    "dl",
    "td",
    "th",
    "tr",
    "table",
    "caption",
    "blockquote",
    "figcaption",
    "summary",
    "details",
    "header",
    "footer",
    "article",
    "aside",
    "br",
];

/// An element open inside `<main>`.
struct Open {
    /// The tokenizer's interned name: kept without a copy.
    name: LocalName,
    /// Hides what it holds (`hidden`, `<script>`, a closed `<details>`).
    hides: bool,
    /// A `<details>` that hides only because it is closed.
    closed: bool,
    /// The `<summary>` of a closed `<details>`: shown though its parent hides.
    shows: bool,
}

#[derive(Default)]
struct State {
    in_main: bool,
    /// Open elements inside `<main>`.
    open: Vec<Open>,
    hidden_depth: usize,
    current: String,
    /// Where the block being read starts, once known.
    current_line: Option<usize>,
    blocks: Vec<TextBlock>,
}

impl State {
    fn end_block(&mut self) {
        let text = collapse_whitespace(&self.current);
        if !text.is_empty() {
            self.blocks.push(TextBlock {
                line: self.current_line.unwrap_or(1).max(1),
                text,
            });
        }
        self.current.clear();
        self.current_line = None;
    }

    fn tag(&mut self, tag: &Tag, line: usize) {
        let name = &*tag.name;
        if name == "main" {
            self.end_block();
            self.in_main = tag.kind == TagKind::StartTag;
            self.open.clear();
            self.hidden_depth = 0;
            return;
        }
        if !self.in_main {
            return;
        }
        if BLOCKS.contains(&name) && self.hidden_depth == 0 {
            self.end_block();
        }
        match tag.kind {
            TagKind::StartTag if !VOID_TAGS.contains(&name) && !tag.self_closing => {
                let unseen = UNSEEN.contains(&name) || hides(tag);
                let closed = !unseen && closed_details(tag);
                let hides = unseen || closed;
                let shows = name == "summary" && self.open.last().is_some_and(|o| o.closed);
                if hides {
                    self.hidden_depth += 1;
                }
                if shows {
                    self.hidden_depth -= 1;
                }
                self.open.push(Open {
                    name: tag.name.clone(),
                    hides,
                    closed,
                    shows,
                });
                if self.current.trim().is_empty() {
                    self.current_line = Some(line);
                }
            }
            TagKind::StartTag => {}
            TagKind::EndTag => {
                // Close up to the matching element, whatever was left open.
                // Innermost first, so a summary shows again before its details hides.
                if let Some(at) = self.open.iter().rposition(|o| o.name == tag.name) {
                    for o in self.open.drain(at..).rev() {
                        if o.shows {
                            self.hidden_depth += 1;
                        }
                        if o.hides {
                            self.hidden_depth -= 1;
                        }
                    }
                }
            }
        }
    }

    fn text(&mut self, text: &str, line: usize) {
        if self.in_main && self.hidden_depth == 0 {
            if self.current_line.is_none() {
                self.current_line = Some(line);
            }
            self.current.push_str(text);
        }
    }
}

/// `hidden`, `aria-hidden="true"`, or text only for screen readers.
fn hides(tag: &Tag) -> bool {
    tag.attrs.iter().any(|a| {
        let (name, value) = (&*a.name.local, &*a.value);
        name == "hidden"
            || (name == "aria-hidden" && value == "true")
            || (name == "class" && value.split_whitespace().any(|c| c == "visually-hidden"))
    })
}

/// A `<details>` without `open`: only its summary shows.
fn closed_details(tag: &Tag) -> bool {
    &*tag.name == "details" && !tag.attrs.iter().any(|a| &*a.name.local == "open")
}

struct Sink(RefCell<State>);

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, line: u64) -> TokenSinkResult<()> {
        let line = usize::try_from(line).unwrap_or(usize::MAX);
        let mut s = self.0.borrow_mut();
        match token {
            Token::TagToken(tag) => s.tag(&tag, line),
            Token::CharacterTokens(t) => s.text(&t, line),
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

/// The visible text of the page's `<main>`, one block per paragraph,
/// heading, list item, card part or table cell, with its line in the HTML.
pub fn main_text_blocks(html: &str) -> Vec<TextBlock> {
    let tokenizer = Tokenizer::new(Sink(RefCell::default()), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    let mut state = tokenizer.sink.0.take();
    state.end_block();
    state.blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(html: &str) -> Vec<String> {
        main_text_blocks(html).into_iter().map(|b| b.text).collect()
    }

    #[test]
    fn only_what_main_shows_in_blocks() {
        let html = r#"<!doctype html><html><body><header>Site name</header>
<main id="main"><nav><a href="/">English</a></nav>
<h1>Kent   2022</h1>
<div class="read-aloud" hidden><button>Read this page to me</button></div>
<ul class="cards"><li><h3>Overall</h3><p><span class="grade"><svg aria-hidden="true"><path d="M0 0"/></svg><span>Good</span></span></p><p>It was <em>good</em>.</p></li></ul>
<p>One<br>Two <span class="visually-hidden">(opens a new tab)</span></p>
<script>var x = "<p>no</p>";</script>
<img src="a.png" alt="A picture">
<p>Last &amp; least</p></main>
<footer>Footer text</footer></body></html>"#;
        assert_eq!(
            texts(html),
            [
                "Kent 2022",
                "Overall",
                "Good",
                "It was good.",
                "One",
                "Two",
                "Last & least"
            ]
        );
    }

    #[test]
    fn a_closed_details_shows_its_summary_only() {
        let html = "<main><p>A <span>care plan</span>.</p>\n<details class=\"explain\"><summary>What does the word <b>care plan</b> mean?</summary>\n<p><dfn>care plan</dfn>: A plan.</p>\n</details>\n<p>Next.</p>\n<details open><summary>Open</summary><p>Shown.</p></details><p>Last.</p></main>";
        assert_eq!(
            texts(html),
            [
                "A care plan.",
                "What does the word care plan mean?",
                "Next.",
                "Open",
                "Shown.",
                "Last."
            ]
        );
        // Left open by broken markup, a summary never makes hidden text show.
        assert_eq!(
            texts(
                "<main><div hidden><details><summary>x</summary></details></div><details hidden><summary>z</summary></details><p>y</p></main>"
            ),
            ["y"]
        );
    }

    #[test]
    fn lines_are_the_html_lines() {
        let blocks = main_text_blocks("<main>\n<p>a</p>\n\n<p>b\nc</p></main>");
        let lines: Vec<usize> = blocks.iter().map(|b| b.line).collect();
        assert_eq!(lines, [2, 4]);
    }

    #[test]
    fn broken_markup_does_not_panic() {
        for html in [
            "",
            "<main>",
            "</main></p>",
            "<main><p hidden>x</main>y",
            "<main><div></span>z",
        ] {
            let _ = main_text_blocks(html);
        }
        assert_eq!(texts("<main><div></span>z"), ["z"]);
    }
}
