//! YAML parsing into a small tree that keeps every node's position.
//!
//! We parse into a generic tree (not straight into structs) so that validation
//! can report every unknown key, bad grade and bad date in one run, each with
//! its own line and column, instead of stopping at serde's first error.
//!
//! The tree is built from the events of serde-saphyr's own parser
//! (granit-parser, which serde-saphyr re-exports), with YAML 1.2's core
//! schema, `true`/`false` as the only booleans, anchors, aliases, merge
//! keys and limits against alias bombs, as serde-saphyr reads them; the
//! test module keeps the serde-saphyr loader this replaced and checks the
//! two agree.

use serde_saphyr::granit_parser::{Event, Parser, ScalarStyle, Span, StrInput, Tag};

use clarion_core::{Diagnostic, Pos};

mod errors;
mod scalars;

use errors::{control_error, curly_quote_error, lookalike_error, tab_error, yaml_error};
pub use errors::{lookalike_after_colon, lookalike_in};
use scalars::scalar;

/// One YAML value and where it stands in its file.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    pub pos: Pos,
}

/// The shapes a YAML value can take.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

impl Value {
    /// How an editor would describe this kind of value.
    pub fn kind_name(&self) -> &'static str {
        match self {
            Value::Null => "nothing",
            Value::Bool(_) => "true or false",
            Value::Int(_) | Value::Float(_) => "a number",
            Value::Str(_) => "text",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a set of `key: value` lines",
        }
    }
}

impl Node {
    /// Scalars as the text an editor typed: numbers and booleans too, so that
    /// `aliases: [6]` or `phone: 0800 1111` read as text.
    pub fn as_text(&self) -> Option<String> {
        match &self.value {
            Value::Str(s) => Some(s.clone()),
            Value::Int(i) => Some(i.to_string()),
            Value::Float(f) => Some(f.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }
}

/// A node's place: the parser counts lines from 1 and columns (in
/// characters) from 0.
fn to_pos(span: &Span, line_offset: usize) -> Pos {
    Pos {
        line: span.start.line() + line_offset,
        column: span.start.col() + 1,
        len: span.len().max(1),
    }
}

// Limits that stop alias bombs and deep nesting long before they cost memory
// or time; real site files are far inside them.
const MAX_DEPTH: usize = 64;
const MAX_NODES: usize = 1_000_000;
const MAX_SCALAR_BYTES: usize = 16 * 1024 * 1024;
const MAX_ANCHORS: usize = 10_000;
const MAX_ALIASES: usize = 10_000;
/// Nodes that aliases may copy in all, so `*a` of `*b` of `*c`… stays small.
const MAX_COPIED_NODES: usize = 100_000;
/// Bytes of text that aliases may copy in all: a few thousand `*a` of one
/// long anchored text would otherwise make a page of hundreds of megabytes
/// from a file of a hundred kilobytes, inside the node limit.
const MAX_COPIED_BYTES: usize = 1024 * 1024;

/// Why a YAML file could not be read.
#[derive(Debug)]
enum Problem {
    /// The parser's own message: a stray `:`, a missing quote, bad indentation.
    Syntax(String),
    DuplicateKey {
        key: String,
        first_line: usize,
    },
    /// Deeper than [`MAX_DEPTH`], or more anchors, aliases or text than the limits allow.
    TooBig(&'static str),
    SecondDocument,
    /// A tag other than `!!str`, `!`, `!!int`, `!!float`, `!!bool` or `!!null`.
    Tag(String),
    /// `!!int` and the like on text that is not one (`tagged`), or an
    /// infinite number.
    NotA {
        what: &'static str,
        text: String,
        tagged: bool,
    },
    /// `<<:` given something other than a block of keys or a list of them.
    BadMerge,
    /// Aliases copied more than [`MAX_COPIED_NODES`] values or
    /// [`MAX_COPIED_BYTES`] of text; at the alias that went over.
    CopiesTooMuch,
}

struct Failure {
    pos: Pos,
    problem: Problem,
}

/// Builds the tree straight from the parser's events. serde-saphyr's own
/// deserializer (on the same parser) took two and a half times as long,
/// mostly in carrying every node's position through serde.
struct Loader<'s> {
    parser: Parser<'s, StrInput<'s>>,
    line_offset: usize,
    /// Anchored nodes by the parser's anchor id, with their sizes, for
    /// aliases to copy.
    anchors: std::collections::HashMap<usize, (Node, Size)>,
    nodes: usize,
    /// What aliases have copied so far.
    copied: Size,
    aliases: usize,
    scalar_bytes: usize,
}

fn parser_options() -> serde_saphyr::granit_parser::Options {
    serde_saphyr::granit_parser::options! {
        emit_comments: false,
        // One past our own limit, so deep files get our message, not the parser's.
        flow_nesting_limit: MAX_DEPTH + 1,
        block_nesting_limit: MAX_DEPTH + 1,
    }
}

impl<'s> Loader<'s> {
    fn fail<T>(&self, span: &Span, problem: Problem) -> Result<T, Failure> {
        Err(Failure {
            pos: to_pos(span, self.line_offset),
            problem,
        })
    }

    fn next(&mut self) -> Result<(Event<'s>, Span), Failure> {
        match self.parser.next_event() {
            Some(Ok(event)) => Ok(event),
            Some(Err(e)) => Err(Failure {
                pos: Pos::at(e.marker().line() + self.line_offset, e.marker().col() + 1),
                problem: Problem::Syntax(e.info()),
            }),
            None => Err(Failure {
                pos: Pos::at(1 + self.line_offset, 1),
                problem: Problem::Syntax("unexpected end of the file".into()),
            }),
        }
    }

    /// The whole stream: one document, or none.
    fn document(&mut self) -> Result<Node, Failure> {
        let mut root = None;
        loop {
            let (event, span) = self.next()?;
            match event {
                Event::StreamStart | Event::DocumentEnd => {}
                Event::StreamEnd => break,
                Event::DocumentStart(..) if root.is_some() => {
                    return self.fail(&span, Problem::SecondDocument);
                }
                Event::DocumentStart(..) => {
                    let (event, span) = self.next()?;
                    root = Some(self.node(event, span, 0)?);
                }
                _ => {}
            }
        }
        Ok(root.unwrap_or(Node {
            value: Value::Null,
            pos: Pos::at(1 + self.line_offset, 1),
        }))
    }

    fn node(&mut self, event: Event<'s>, span: Span, depth: usize) -> Result<Node, Failure> {
        if depth > MAX_DEPTH {
            return self.fail(&span, Problem::TooBig("nested too deeply"));
        }
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            return self.fail(&span, Problem::TooBig("too many values"));
        }
        let pos = to_pos(&span, self.line_offset);
        let (value, anchor) = match event {
            Event::Scalar(text, style, anchor, tag) => {
                self.scalar_bytes += text.len();
                if self.scalar_bytes > MAX_SCALAR_BYTES {
                    return self.fail(&span, Problem::TooBig("too much text"));
                }
                match scalar(text, style, tag.as_deref()) {
                    Ok(value) => (value, anchor),
                    Err(problem) => return self.fail(&span, problem),
                }
            }
            Event::SequenceStart(_, anchor, tag) => {
                self.check_collection_tag(tag.as_deref(), "seq", &span)?;
                let mut items = Vec::new();
                loop {
                    let (event, span) = self.next()?;
                    if matches!(event, Event::SequenceEnd) {
                        break;
                    }
                    items.push(self.node(event, span, depth + 1)?);
                }
                (Value::Seq(items), anchor)
            }
            Event::MappingStart(_, anchor, tag) => {
                self.check_collection_tag(tag.as_deref(), "map", &span)?;
                (self.mapping(depth)?, anchor)
            }
            Event::Alias(id) => {
                self.aliases += 1;
                if self.aliases > MAX_ALIASES {
                    return self.fail(&span, Problem::TooBig("too many aliases"));
                }
                let Some((target, target_size)) = self.anchors.get(&id) else {
                    return self.fail(&span, Problem::Syntax("found an unknown anchor".into()));
                };
                self.copied.nodes += target_size.nodes;
                self.copied.bytes += target_size.bytes;
                if self.copied.nodes > MAX_COPIED_NODES || self.copied.bytes > MAX_COPIED_BYTES {
                    return self.fail(&span, Problem::CopiesTooMuch);
                }
                // The copy stands where the alias is; its insides keep their own places.
                return Ok(Node {
                    value: target.value.clone(),
                    pos,
                });
            }
            _ => {
                return self.fail(
                    &span,
                    Problem::Syntax("did not find the expected value".into()),
                );
            }
        };
        let node = Node { value, pos };
        if anchor != 0 {
            if self.anchors.len() >= MAX_ANCHORS {
                return self.fail(&span, Problem::TooBig("too many anchors"));
            }
            self.anchors.insert(anchor, (node.clone(), size(&node)));
        }
        Ok(node)
    }

    fn check_collection_tag(
        &self,
        tag: Option<&Tag>,
        core: &str,
        span: &Span,
    ) -> Result<(), Failure> {
        match tag {
            Some(t) if !t.is_yaml_core_schema_tag(core) => {
                self.fail(span, Problem::Tag(t.original()))
            }
            _ => Ok(()),
        }
    }

    /// A mapping's entries, after its `MappingStart`. Keys written in the
    /// mapping come first; `<<:` merges add the keys it does not have.
    fn mapping(&mut self, depth: usize) -> Result<Value, Failure> {
        let mut entries: Vec<(Node, Node)> = Vec::new();
        let mut merged: Vec<(Node, Node)> = Vec::new();
        let mut keys = KeySet::default();
        loop {
            let (event, span) = self.next()?;
            if matches!(event, Event::MappingEnd) {
                break;
            }
            let is_merge =
                matches!(&event, Event::Scalar(text, ScalarStyle::Plain, _, None) if text == "<<");
            let key = self.node(event, span, depth + 1)?;
            let (event, span) = self.next()?;
            let value = self.node(event, span, depth + 1)?;
            if is_merge {
                let sources = match value.value {
                    Value::Map(m) => vec![m],
                    Value::Seq(items) => {
                        let mut maps = Vec::with_capacity(items.len());
                        for item in items {
                            match item.value {
                                Value::Map(m) => maps.push(m),
                                _ => return self.fail(&span, Problem::BadMerge),
                            }
                        }
                        maps
                    }
                    _ => return self.fail(&span, Problem::BadMerge),
                };
                merged.extend(sources.into_iter().flatten());
                continue;
            }
            if let Some(first_line) = keys.check(&key, &entries) {
                return Err(Failure {
                    pos: key.pos,
                    problem: Problem::DuplicateKey {
                        key: key_text(&key),
                        first_line,
                    },
                });
            }
            entries.push((key, value));
        }
        for (key, value) in merged {
            if keys.check(&key, &entries).is_none() {
                entries.push((key, value));
            }
        }
        Ok(Value::Map(entries))
    }
}

/// What an alias copies: nodes, and bytes of text in them.
#[derive(Debug, Default, Clone, Copy)]
struct Size {
    nodes: usize,
    bytes: usize,
}

/// The size of a tree, to charge an alias for what it copies.
fn size(node: &Node) -> Size {
    let mut total = Size {
        nodes: 1,
        bytes: match &node.value {
            Value::Str(s) => s.len(),
            _ => 0,
        },
    };
    let mut add = |n: &Node| {
        let s = size(n);
        total.nodes += s.nodes;
        total.bytes += s.bytes;
    };
    match &node.value {
        Value::Seq(items) => items.iter().for_each(&mut add),
        Value::Map(entries) => entries.iter().for_each(|(k, v)| {
            add(k);
            add(v);
        }),
        _ => {}
    }
    total
}

/// Where each key of one mapping stands among its entries, by a hash of the
/// key, to find a repeated one without comparing every pair in a long block.
#[derive(Default)]
struct KeySet {
    hasher: std::collections::hash_map::RandomState,
    /// Key hash -> index of the first entry with that hash.
    first: std::collections::HashMap<u64, usize>,
}

impl KeySet {
    fn hash(&self, key: &Value) -> u64 {
        use std::hash::{BuildHasher as _, Hash as _, Hasher as _};
        let mut h = self.hasher.build_hasher();
        match key {
            Value::Null => 0u8.hash(&mut h),
            Value::Bool(b) => (1u8, b).hash(&mut h),
            Value::Int(i) => (2u8, i).hash(&mut h),
            Value::Float(f) => (3u8, f.to_bits()).hash(&mut h),
            Value::Str(s) => (4u8, s).hash(&mut h),
            // Lists and mappings as keys are rare: they share one hash and
            // are compared one by one.
            Value::Seq(_) | Value::Map(_) => 5u8.hash(&mut h),
        }
        h.finish()
    }

    /// If `key` is among `entries` already, the line it was first on;
    /// otherwise notes it as the entry about to be pushed.
    fn check(&mut self, key: &Node, entries: &[(Node, Node)]) -> Option<usize> {
        let same = |k: &Node| match (&k.value, &key.value) {
            (Value::Float(a), Value::Float(b)) => a.to_bits() == b.to_bits(),
            (a, b) => a == b,
        };
        match self.first.entry(self.hash(&key.value)) {
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(entries.len());
                None
            }
            std::collections::hash_map::Entry::Occupied(e) if same(&entries[*e.get()].0) => {
                Some(entries[*e.get()].0.pos.line)
            }
            std::collections::hash_map::Entry::Occupied(_) => entries
                .iter()
                .find(|(k, _)| same(k))
                .map(|(k, _)| k.pos.line),
        }
    }
}

fn key_text(key: &Node) -> String {
    key.as_text()
        .unwrap_or_else(|| key.value.kind_name().to_string())
}

/// Parses a YAML document. `line_offset` is added to every line, for front
/// matter that starts below the top of a Markdown file.
pub fn parse(file: &str, source: &str, line_offset: usize) -> Result<Node, Diagnostic> {
    if source.trim().is_empty() {
        return Ok(Node {
            value: Value::Null,
            pos: Pos::at(1 + line_offset, 1),
        });
    }
    let mut loader = Loader {
        parser: Parser::new_from_str_with_options(source, parser_options()),
        line_offset,
        anchors: std::collections::HashMap::new(),
        nodes: 0,
        copied: Size::default(),
        aliases: 0,
        scalar_bytes: 0,
    };
    loader.document().map_err(|failure| {
        let line = failure.pos.line.saturating_sub(line_offset);
        match &failure.problem {
            Problem::Syntax(m) if m.to_lowercase().contains("tab") => {
                tab_error(file, source, line, line_offset, m)
            }
            Problem::Syntax(m) => control_error(file, source, line_offset)
                .or_else(|| lookalike_error(file, source, line, line_offset))
                .or_else(|| curly_quote_error(file, source, line, line_offset, m)),
            _ => None,
        }
        .unwrap_or_else(|| yaml_error(file, failure))
    })
}

#[cfg(test)]
/// The loader this module had before, on serde-saphyr's deserializer: the
/// reference the event loader must agree with.
mod serde_loader;

#[cfg(test)]
mod tests;

#[cfg(test)]
mod agreement;
