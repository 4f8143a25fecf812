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

use std::borrow::Cow;

use serde_saphyr::granit_parser::{Event, Parser, ScalarStyle, Span, StrInput, Tag};

use clarion_core::{Diagnostic, Pos};

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

/// A scalar's value under the YAML 1.2 core schema, with only `true` and
/// `false` as booleans, so `no` and `yes` stay text.
fn scalar(text: Cow<'_, str>, style: ScalarStyle, tag: Option<&Tag>) -> Result<Value, Problem> {
    let plain = matches!(style, ScalarStyle::Plain);
    let core = tag.and_then(Tag::core_suffix);
    match (tag, core) {
        (None, _) if plain => {}
        (None, _) | (_, Some("str")) => return Ok(Value::Str(text.into_owned())),
        (Some(t), None) if t.parts() == ("!", "") || t.original() == "!" => {
            return Ok(Value::Str(text.into_owned()));
        }
        (_, Some("null")) => return Ok(Value::Null),
        (_, Some(what @ ("bool" | "int" | "float"))) => {
            let value = plain_scalar(&text)?;
            let ok = matches!(
                (&value, what),
                (Value::Bool(_), "bool") | (Value::Int(_), "int") | (Value::Float(_), "float")
            ) || (what == "float" && matches!(value, Value::Int(_)));
            return if ok {
                Ok(match value {
                    Value::Int(i) if what == "float" => Value::Float(i as f64),
                    v => v,
                })
            } else {
                Err(Problem::NotA {
                    what: match what {
                        "bool" => "true or false",
                        "int" => "a whole number",
                        _ => "a number",
                    },
                    text: text.into_owned(),
                    tagged: true,
                })
            };
        }
        (Some(t), _) => return Err(Problem::Tag(t.original())),
    }
    plain_scalar(&text)
}

/// A plain scalar's value. Infinity and "not a number" are refused: no
/// field takes them, and they are more likely a slip than meant.
fn plain_scalar(text: &str) -> Result<Value, Problem> {
    if matches!(text, "" | "~" | "null" | "Null" | "NULL") {
        return Ok(Value::Null);
    }
    let t = text.trim_matches([' ', '\t', '\r', '\n']);
    match t {
        "true" | "True" | "TRUE" => return Ok(Value::Bool(true)),
        "false" | "False" | "FALSE" => return Ok(Value::Bool(false)),
        _ => {}
    }
    // Whole numbers beyond 64 bits are read as floats, as YAML libraries do;
    // those between i64 and u64 are kept as their digits.
    match integer(t) {
        Some(v) if t.starts_with('-') => {
            if let Ok(i) = i64::try_from(v) {
                return Ok(Value::Int(i));
            }
        }
        Some(v) if u64::try_from(v).is_ok() => {
            return Ok(i64::try_from(v).map_or_else(|_| Value::Str(v.to_string()), Value::Int));
        }
        _ => {}
    }
    match float(t) {
        Some(f) if f.is_finite() => Ok(Value::Float(f)),
        Some(_) => Err(Problem::NotA {
            what: "a number Clarion can use",
            text: t.to_string(),
            tagged: false,
        }),
        None => Ok(Value::Str(text.to_owned())),
    }
}

/// Whether a number is negative, and its text without the sign.
fn sign(t: &str) -> (bool, &str) {
    match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    }
}

/// `12`, `-3`, `+4`, `1_000`, `0x1F`, `0o17`, `0b101`; not `012` (a leading
/// zero), which is left to [`float`] as YAML 1.2 does.
fn integer(t: &str) -> Option<i128> {
    let (negative, rest) = sign(t);
    let prefixed = |p: [&str; 2]| rest.strip_prefix(p[0]).or_else(|| rest.strip_prefix(p[1]));
    let (radix, digits) = if let Some(d) = prefixed(["0x", "0X"]) {
        (16, d)
    } else if let Some(d) = prefixed(["0o", "0O"]) {
        (8, d)
    } else if let Some(d) = prefixed(["0b", "0B"]) {
        (2, d)
    } else if rest.len() > 1 && rest.starts_with('0') {
        return None;
    } else {
        (10, rest)
    };
    let bytes = digits.as_bytes();
    let mut value: i128 = 0;
    let mut seen = false;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'_' {
            // Single underscores between digits only.
            if i == 0 || i + 1 == bytes.len() || bytes[i - 1] == b'_' || bytes[i + 1] == b'_' {
                return None;
            }
            continue;
        }
        let d = i128::from((b as char).to_digit(radix)?);
        value = value.checked_mul(i128::from(radix))?.checked_add(d)?;
        seen = true;
    }
    if !seen {
        return None;
    }
    if negative {
        value.checked_neg()
    } else {
        Some(value)
    }
}

/// `1.5`, `-2e3`, `.5`, `.inf`, `-.inf`, `.nan`. Numbers too large for a
/// float are infinite; `inf` and `nan` without the dot are text.
fn float(t: &str) -> Option<f64> {
    let (negative, unsigned) = sign(t);
    match unsigned {
        ".nan" | ".NaN" | ".NAN" => return Some(f64::NAN),
        ".inf" | ".Inf" | ".INF" => {
            return Some(if negative {
                f64::NEG_INFINITY
            } else {
                f64::INFINITY
            });
        }
        _ => {}
    }
    let value: f64 = t.parse().ok()?;
    if value.is_finite() || unsigned.as_bytes().first().is_some_and(u8::is_ascii_digit) {
        Some(value)
    } else {
        None
    }
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

/// Characters that look like a space (or like nothing) but are not one to
/// YAML, as word processors and web pages leave them: after `key:` they
/// give the parser's puzzling "could not find expected ':'".
const LOOKALIKES: &[(char, &str)] = &[
    ('\u{00A0}', "a non-breaking space (U+00A0)"),
    ('\u{2007}', "a figure space (U+2007)"),
    ('\u{202F}', "a narrow non-breaking space (U+202F)"),
    ('\u{200B}', "a zero-width space (U+200B)"),
    ('\u{2060}', "a word joiner (U+2060)"),
    ('\u{FEFF}', "a zero-width no-break space (U+FEFF)"),
    ('\t', "a tab"),
];

/// A control character YAML refuses anywhere in the file (the parser says
/// only "unexpected character", at the start of the value): named, at its
/// own line and column.
fn control_error(file: &str, source: &str, line_offset: usize) -> Option<Diagnostic> {
    source.lines().enumerate().find_map(|(i, text)| {
        let (col, c) = text
            .chars()
            .enumerate()
            .find(|(_, c)| c.is_control() && !matches!(c, '\t' | '\r' | '\u{85}'))?;
        Some(
            Diagnostic::error(
                file,
                Pos {
                    line: i + 1 + line_offset,
                    column: col + 1,
                    len: 1,
                },
                format!(
                    "This YAML could not be read: line {} has the control character U+{:04X} at column {}, which cannot be shown.",
                    i + 1 + line_offset,
                    u32::from(c),
                    col + 1
                ),
            )
            .with_label("control character")
            .with_help("Delete it: it is invisible, and often comes with text pasted from another program."),
        )
    })
}

/// In a plain scalar that was meant as `key: value` (`title:` then a
/// non-breaking space), the look-alike's character index and name.
pub fn lookalike_after_colon(text: &str) -> Option<(usize, &'static str)> {
    let mut prev = None;
    for (col, c) in text.chars().enumerate() {
        if prev == Some(':')
            && let Some((_, name)) = LOOKALIKES.iter().find(|(l, _)| *l == c)
        {
            return Some((col, *name));
        }
        prev = Some(c);
    }
    None
}

/// The first look-alike space (not a tab) in `text`: its character index
/// and name.
pub fn lookalike_in(text: &str) -> Option<(usize, &'static str)> {
    text.chars().enumerate().find_map(|(col, c)| {
        LOOKALIKES
            .iter()
            .find(|(l, _)| *l == c && c != '\t')
            .map(|(_, name)| (col, *name))
    })
}

/// A syntax error explained by a look-alike space on the parser's line
/// (1-based, in `source`) or the nearest line above it.
fn lookalike_error(
    file: &str,
    source: &str,
    line: usize,
    line_offset: usize,
) -> Option<Diagnostic> {
    let lines: Vec<&str> = source.lines().take(line.max(1)).collect();
    for (i, text) in lines.iter().enumerate().rev() {
        let key_end = text.find(':').unwrap_or(0);
        let found = text.char_indices().enumerate().find_map(|(col, (at, c))| {
            let (_, name) = LOOKALIKES.iter().find(|(l, _)| *l == c)?;
            // A byte order mark opening the file is harmless.
            if c == '\u{FEFF}' && i == 0 && col == 0 {
                return None;
            }
            // Inside text these are ordinary; they mislead YAML in the key,
            // in the indentation and in the gap after `key:`.
            let before = text[..at]
                .trim_end_matches(|c: char| c == ' ' || LOOKALIKES.iter().any(|(l, _)| *l == c));
            let in_key = at < key_end && c != '\t';
            (in_key || before.is_empty() || before.ends_with(':')).then_some((col, *name))
        });
        if let Some((col, name)) = found {
            return Some(
                Diagnostic::error(
                    file,
                    Pos {
                        line: i + 1 + line_offset,
                        column: col + 1,
                        len: 1,
                    },
                    format!("This YAML could not be read: line {} has {name} at column {}, which looks like a space but is not one to YAML.", i + 1 + line_offset, col + 1),
                )
                .with_label("not an ordinary space")
                .with_help("Replace it with an ordinary space: delete the gap and type it again with the space bar. Text pasted from Word or a web page often brings these characters."),
            );
        }
    }
    None
}

/// The parser's own words, first line only (the rest repeats where it
/// was), given after the plain-English help for whoever wants them.
fn parser_said(message: &str) -> String {
    let first = message.lines().next().unwrap_or(message).trim();
    format!(" (The YAML reader said: {first}.)")
}

/// A tab the parser refused: it reports where its scan stopped, often the
/// end of the line above, so the tab is looked for on the parser's line,
/// then below it, then above it.
fn tab_error(
    file: &str,
    source: &str,
    line: usize,
    line_offset: usize,
    message: &str,
) -> Option<Diagnostic> {
    let lines: Vec<&str> = source.lines().collect();
    let at = line.max(1) - 1;
    let order = (at..lines.len()).chain((0..at.min(lines.len())).rev());
    order.into_iter().find_map(|i| {
        let col = lines[i].chars().position(|c| c == '\t')?;
        Some(
            Diagnostic::error(
                file,
                Pos {
                    line: i + 1 + line_offset,
                    column: col + 1,
                    len: 1,
                },
                format!(
                    "This YAML could not be read: line {} has a tab (U+0009) at column {}, and YAML does not allow tabs to indent or to separate a value.",
                    i + 1 + line_offset,
                    col + 1
                ),
            )
            .with_label("tab")
            .with_help(format!(
                "Replace the tab with spaces: delete it and type spaces with the space bar, lining the line up with the ones around it.{}",
                parser_said(message)
            )),
        )
    })
}

/// Word's curly quotes (“ ” ‘ ’) on the parser's line: they look like
/// quotes but are ordinary letters to YAML, so a `: ` inside them still
/// ends the value.
fn curly_quote_error(
    file: &str,
    source: &str,
    line: usize,
    line_offset: usize,
    message: &str,
) -> Option<Diagnostic> {
    const CURLY: &[(char, &str)] = &[
        ('\u{201C}', "a curly opening quote “ (U+201C)"),
        ('\u{201D}', "a curly closing quote ” (U+201D)"),
        ('\u{2018}', "a curly opening quote ‘ (U+2018)"),
        ('\u{2019}', "a curly closing quote ’ (U+2019)"),
        ('\u{201E}', "a low curly quote „ (U+201E)"),
        ('\u{00AB}', "a guillemet « (U+00AB)"),
    ];
    let lines: Vec<&str> = source.lines().collect();
    // The parser may stop on the line after the quoted text.
    let candidates = [line.max(1) - 1, line.saturating_sub(2)];
    candidates.iter().find_map(|&i| {
        let text = lines.get(i)?;
        // Only a curly quote opening the value (after `key: ` or `- `):
        // an apostrophe inside text (`Kent’s`) is not the cause.
        let item = text.trim_start();
        let item = item.strip_prefix("- ").map_or(item, str::trim_start);
        let value = item.split_once(": ").map_or(item, |(_, v)| v).trim_start();
        let first = value.chars().next()?;
        let name = CURLY.iter().find(|(q, _)| *q == first).map(|(_, n)| *n)?;
        let at = text.len() - value.len();
        let col = text[..at].chars().count();
        Some(
            Diagnostic::error(
                file,
                Pos {
                    line: i + 1 + line_offset,
                    column: col + 1,
                    len: 1,
                },
                format!(
                    "This YAML could not be read: line {} has {name} at column {}. Curly quotes, as Word types them, are not quotes to YAML, so the text is not quoted.",
                    i + 1 + line_offset,
                    col + 1
                ),
            )
            .with_label("curly quote")
            .with_help(format!(
                "Use straight quotes `\"` around the text: delete the curly quotes and type `\"` in a plain-text editor (Word turns them curly again).{}",
                parser_said(message)
            )),
        )
    })
}

/// The parser's message put into plain English, for the lead of the error.
fn plain_syntax(lower: &str) -> &'static str {
    if lower.contains("mapping values are not allowed") {
        "a `: ` appears where YAML did not expect a new key"
    } else if lower.contains("expected '-'") || lower.contains("block collection") {
        "a line in a list does not start with `- ` in line with the items above it"
    } else if lower.contains("expected key") || lower.contains("block mapping") {
        "a line is not indented like the keys around it"
    } else if lower.contains("quoted scalar") || lower.contains("end of stream") {
        "a quote is opened but never closed"
    } else if lower.contains("flow sequence") || lower.contains("flow mapping") {
        "a `[` or `{` is opened but never closed, or holds something it cannot"
    } else if lower.contains("unknown anchor") {
        "an alias (`*name`) names an anchor (`&name`) that is not defined above it"
    } else if lower.contains("anchor") || lower.contains("alias") {
        "an alias (`*name`) or anchor (`&name`) is not written as YAML expects"
    } else if lower.contains("indent") {
        "a line is not indented like the lines around it"
    } else if lower.contains("end of the file") {
        "the file ends before the last value is finished"
    } else if lower.contains("expected value") {
        "a value is missing where YAML expected one"
    } else if lower.contains("expected ':'") || lower.contains("simple key") {
        "a key is not followed by `: `"
    } else {
        "something on this line is not written as YAML expects"
    }
}

fn yaml_error(file: &str, failure: Failure) -> Diagnostic {
    const NESTING: &str = "This file is nested too deeply or repeats anchors (`&name` / `*name`) too many times. Write the values out plainly.";
    let (detail, help) = match failure.problem {
        Problem::Syntax(message) => {
            let lower = message.to_lowercase();
            let help = if lower.contains("tab") {
                "YAML indentation must use spaces, not tabs."
            } else if lower.contains("indent") || lower.contains("mapping") {
                "Check the indentation: items in the same block must start in the same column, using spaces. Text containing `: ` must be put in quotes."
            } else if lower.contains("anchor") || lower.contains("alias") {
                "An alias (`*name`) must come after its anchor (`&name`) in the same file. Check the spelling of both."
            } else {
                "Check the line for a missing quote, a stray `:` or uneven indentation. Text containing `: ` or starting with `[`, `{`, `*`, `&` or `#` must be put in quotes."
            };
            // Plain words lead; the parser's own follow as a detail.
            (
                plain_syntax(&lower).to_string(),
                format!("{help}{}", parser_said(&message)),
            )
        }
        Problem::DuplicateKey { key, first_line } => (
            format!("duplicate key `{key}` (it is already on line {first_line})"),
            "Each key may appear only once in a block. Delete or rename the repeated one."
                .to_string(),
        ),
        Problem::TooBig(what) => (format!("the file is {what}"), NESTING.to_string()),
        Problem::SecondDocument => (
            "a second document starts here (`---`)".into(),
            "A file holds one document. Delete the second `---` line, or move what follows it into its own file.".into(),
        ),
        Problem::Tag(tag) => (
            format!("Clarion does not use the tag `{tag}`"),
            "Delete the tag. To keep a value as text, put it in quotes.".into(),
        ),
        Problem::NotA { what, text, tagged } => (
            format!("`{text}` is not {what}"),
            if tagged {
                "Delete the tag before it, or correct the value.".into()
            } else {
                "Write an ordinary number, or put the value in quotes to keep it as text.".into()
            },
        ),
        Problem::BadMerge => (
            "`<<` must be given a block of keys, such as an alias `*name` to one".into(),
            "Give `<<:` an alias to a block of `key: value` lines, or delete the line.".into(),
        ),
        Problem::CopiesTooMuch => (
            "the aliases (`*name`) up to this one copy more than 1 MB of text or 100,000 values in all".into(),
            "Each alias copies the whole value of its anchor (`&name`). Write the value out once where it is needed, or use fewer aliases to long values.".into(),
        ),
    };
    Diagnostic::error(
        file,
        failure.pos,
        format!("This YAML could not be read: {detail}"),
    )
    .with_help(help)
}

#[cfg(test)]
/// The loader this module had before, on serde-saphyr's deserializer: the
/// reference the event loader must agree with.
mod serde_loader {
    use std::fmt;

    use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
    use serde_saphyr::Spanned;

    use super::{Node, Value};
    use clarion_core::Pos;

    fn to_pos(s: &serde_saphyr::Location) -> Pos {
        Pos {
            line: usize::try_from(s.line()).unwrap_or(0),
            column: usize::try_from(s.column()).unwrap_or(0),
            len: usize::try_from(s.span().len()).unwrap_or(1).max(1),
        }
    }

    fn to_node(s: Spanned<Value>) -> Node {
        Node {
            pos: to_pos(&s.referenced),
            value: s.value,
        }
    }

    struct ValueVisitor;

    impl<'de> Visitor<'de> for ValueVisitor {
        type Value = Value;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("any YAML value")
        }
        fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
            Ok(Value::Bool(v))
        }
        fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
            Ok(Value::Int(v))
        }
        fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
            Ok(i64::try_from(v).map_or(Value::Str(v.to_string()), Value::Int))
        }
        fn visit_i128<E>(self, v: i128) -> Result<Value, E> {
            Ok(Value::Str(v.to_string()))
        }
        fn visit_u128<E>(self, v: u128) -> Result<Value, E> {
            Ok(Value::Str(v.to_string()))
        }
        fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
            Ok(Value::Float(v))
        }
        fn visit_str<E>(self, v: &str) -> Result<Value, E> {
            Ok(Value::Str(v.to_owned()))
        }
        fn visit_string<E>(self, v: String) -> Result<Value, E> {
            Ok(Value::Str(v))
        }
        fn visit_unit<E>(self) -> Result<Value, E> {
            Ok(Value::Null)
        }
        fn visit_none<E>(self) -> Result<Value, E> {
            Ok(Value::Null)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
            Value::deserialize(d)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
            let mut items = Vec::new();
            while let Some(item) = seq.next_element::<Spanned<Value>>()? {
                items.push(to_node(item));
            }
            Ok(Value::Seq(items))
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
            let mut entries = Vec::new();
            while let Some(key) = map.next_key::<Spanned<Value>>()? {
                let value = map.next_value::<Spanned<Value>>()?;
                entries.push((to_node(key), to_node(value)));
            }
            Ok(Value::Map(entries))
        }
        fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Value, E> {
            Ok(Value::Str(String::from_utf8_lossy(v).into_owned()))
        }
    }

    impl<'de> Deserialize<'de> for Value {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Value, D::Error> {
            d.deserialize_any(ValueVisitor)
        }
    }

    /// Limits that stop alias bombs and deep nesting long before they cost
    /// memory or time; real site files are far inside them.
    fn options() -> serde_saphyr::Options {
        serde_saphyr::options! {
            strict_booleans: true,
            with_snippet: false,
            budget: serde_saphyr::budget! {
                max_depth: 64,
                max_nodes: 1_000_000,
                max_total_scalar_bytes: 16 * 1024 * 1024,
                max_documents: 1,
                max_aliases: 10_000,
                max_anchors: 10_000,
            },
            alias_limits: serde_saphyr::alias_limits! {
                max_total_replayed_events: 100_000,
                max_replay_stack_depth: 32,
                max_alias_expansions_per_anchor: 1_000,
            },
        }
    }

    pub fn parse(source: &str) -> Option<Node> {
        if source.trim().is_empty() {
            return Some(Node {
                value: Value::Null,
                pos: Pos::at(1, 1),
            });
        }
        match serde_saphyr::from_str_with_options::<Spanned<Value>>(source, options()) {
            Ok(root) => Some(to_node(root)),
            Err(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_positions_of_keys_and_values() {
        let node = parse("x.yaml", "title: Hello\nlist:\n  - a\n  - 7\n", 0).unwrap();
        let Value::Map(entries) = node.value else {
            panic!("not a map")
        };
        assert_eq!(entries[0].0.pos.line, 1);
        assert_eq!(entries[0].1.pos.column, 8);
        let Value::Seq(items) = &entries[1].1.value else {
            panic!("not a list")
        };
        assert_eq!(items[1].pos.line, 4);
        assert_eq!(items[1].as_text().as_deref(), Some("7"));
    }

    #[test]
    fn no_stays_text_and_dates_are_text() {
        let node = parse("x.yaml", "a: no\nb: 2025-11-03\n", 0).unwrap();
        let Value::Map(entries) = node.value else {
            panic!()
        };
        assert_eq!(entries[0].1.value, Value::Str("no".into()));
        assert_eq!(entries[1].1.value, Value::Str("2025-11-03".into()));
    }

    #[test]
    fn duplicate_keys_are_errors_with_a_line() {
        let err = parse("x.yaml", "a: 1\nb: 2\na: 3\n", 0).unwrap_err();
        assert_eq!(err.pos.line, 3, "{err:?}");
        assert!(err.message.contains("duplicate"), "{}", err.message);
        assert!(!err.message.contains("Options"), "{}", err.message);
    }

    #[test]
    fn offsets_lines_for_front_matter() {
        let node = parse("x.md", "title: Hi\n", 1).unwrap();
        let Value::Map(entries) = node.value else {
            panic!()
        };
        assert_eq!(entries[0].0.pos.line, 2);
    }

    #[test]
    fn merge_keys_add_what_the_block_does_not_have() {
        let text = "base: &b\n  grade: good\n  name: Base\nitem:\n  <<: *b\n  name: Own\n";
        let node = parse("x.yaml", text, 0).unwrap();
        let Value::Map(top) = node.value else {
            panic!("not a map")
        };
        let Value::Map(item) = &top[1].1.value else {
            panic!("not a map")
        };
        let pairs: Vec<(String, String)> = item
            .iter()
            .map(|(k, v)| (k.as_text().unwrap(), v.as_text().unwrap()))
            .collect();
        assert_eq!(
            pairs,
            [
                ("name".into(), "Own".into()),
                ("grade".into(), "good".into())
            ]
        );
    }

    #[test]
    fn a_repeated_key_far_down_a_long_block_is_found() {
        let mut text: String = (0..500).map(|n| format!("k{n}: {n}\n")).collect();
        text.push_str("k7: again\n");
        let err = parse("x.yaml", &text, 0).unwrap_err();
        assert_eq!(err.pos.line, 501);
        assert!(
            err.message.contains("`k7` (it is already on line 8)"),
            "{}",
            err.message
        );
    }

    /// Each way a file can break that is ours rather than the parser's: the
    /// line and column, the words, and the advice.
    #[test]
    fn each_problem_names_its_place_and_what_to_do() {
        let cases = [
            (
                "a: 1\n---\nb: 2\n",
                (2, 1),
                "second document",
                "Delete the second `---`",
            ),
            ("a: !foo x\n", (1, 9), "the tag `!foo`", "Delete the tag"),
            (
                "a: !!int x\n",
                (1, 10),
                "`x` is not a whole number",
                "Delete the tag",
            ),
            (
                "a: .inf\n",
                (1, 4),
                "`.inf` is not a number",
                "put the value in quotes",
            ),
            (
                "<<: 5\n",
                (1, 5),
                "`<<` must be given a block",
                "Give `<<:` an alias",
            ),
            (
                "a: *nowhere\n",
                (1, 4),
                "that is not defined above it",
                "must come after its anchor",
            ),
            ("a:\n\t- b\n", (2, 1), "tab (U+0009)", "with spaces"),
        ];
        for (text, (line, column), message, help) in cases {
            let err = parse("x.yaml", text, 0).unwrap_err();
            assert_eq!((err.pos.line, err.pos.column), (line, column), "{text:?}");
            assert!(err.message.contains(message), "{text:?}: {}", err.message);
            let got = err.help.unwrap_or_default();
            assert!(got.contains(help), "{text:?}: {got}");
        }
    }

    #[test]
    fn core_tags_are_honoured() {
        let node = parse(
            "x.yaml",
            "a: !!str 12\nb: ! true\nc: !!int \"7\"\nd: !!null x\n",
            0,
        )
        .unwrap();
        let Value::Map(m) = node.value else {
            panic!("not a map")
        };
        let values: Vec<&Value> = m.iter().map(|(_, v)| &v.value).collect();
        assert_eq!(
            values,
            [
                &Value::Str("12".into()),
                &Value::Str("true".into()),
                &Value::Int(7),
                &Value::Null
            ]
        );
    }

    #[test]
    fn alias_bomb_is_refused_quickly() {
        let mut src = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        let names = ["b", "c", "d", "e", "f", "g", "h", "i", "j"];
        let mut prev = "a";
        for n in names {
            src.push_str(&format!("{n}: &{n} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
            prev = n;
        }
        let started = std::time::Instant::now();
        assert!(parse("bomb.yaml", &src, 0).is_err());
        assert!(started.elapsed().as_secs() < 5);
    }

    #[test]
    fn aliases_of_long_text_are_limited_by_what_they_copy() {
        // 80 KB of file, 100 MB of text once copied, far under the node limit.
        let mut src = format!("improvements:\n  - &a \"{}\"\n", "long text ".repeat(1_000));
        src.push_str(&"  - *a\n".repeat(10_000));
        let err = parse("inspection.yaml", &src, 0).unwrap_err();
        // At the alias that went over: the 105th copy of 10 KB, on line 107.
        assert_eq!((err.pos.line, err.pos.column), (107, 5), "{err:?}");
        assert!(
            err.message.contains("copy more than 1 MB"),
            "{}",
            err.message
        );
        assert!(
            err.help
                .unwrap_or_default()
                .contains("Write the value out once")
        );
        // A few copies of a long value are fine.
        let few = format!("a: &a \"{}\"\nb: *a\nc: *a\n", "x".repeat(100_000));
        assert!(parse("x.yaml", &few, 0).is_ok());
    }

    #[test]
    fn deep_nesting_is_refused() {
        let src = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        assert!(parse("deep.yaml", &src, 0).is_err());
    }
}

#[cfg(test)]
mod agreement {
    //! The event loader against the serde-saphyr loader it replaced: the same
    //! tree, with the same positions, or an error from both.
    use super::*;

    const CASES: &[&str] = &[
        "a: 1\nb: -2\nc: +3\nd: 0\ne: -0\nf: 012\ng: 1_000\nh: 0x1F\ni: 0o17\nj: 0b101\n",
        "a: 1.5\nb: .5\nc: -2e3\nd: 1E5\nh: 1.\n",
        "e: .inf\n",
        "f: -.Inf\n",
        "g: 1e999\n",
        "n: .nan\n",
        "a: inf\nb: nan\nc: infinity\nd: 1_000.5\ne: 99999999999999999999\nf: -99999999999999999999999999999999999999999\n",
        "a: true\nb: True\nc: TRUE\nd: false\ne: yes\nf: no\ng: on\nh: off\ni: y\n",
        "a: ~\nb: null\nc: Null\nd: NULL\ne:\nf: 'null'\ng: \"~\"\n",
        "a: 'single ''quoted'''\nb: \"double \\\"quoted\\\" \\u00e9\"\nc: \"123\"\nd: '1.5'\n",
        "text: |\n  line one\n  line two\nfolded: >\n  folded\n  text\n\n  para\nkeep: |+\n  x\n\nstrip: >-\n  y\n",
        "list: [a, b, 'c', 1, 2.5, true, ~]\nmap: {x: 1, y: [2, 3], z: {w: v}}\n",
        "- a\n- b:\n    c: d\n- - nested\n  - list\n-\n- ''\n",
        "scalar: &s hello\nref: *s\n",
        "k: plain text with: colon\nmulti: this plain\n  scalar spans\n  lines\nurl: https://example.org/a?b=c#d\n",
        "naïve: café\nemoji: \"😀 ok\"\nchinese: 中文 键\narabic: مرحبا\n",
        "# comment\na: 1 # trailing\n# another\nb: [1, # in flow\n  2]\n",
        "---\na: 1\n...\n",
        "---\n- 1\n",
        "a: 1\r\nb: two\r\nc:\r\n  - x\r\n",
        "? complex\n: value\n? [a, b]\n: seq key\n",
        "date: 2025-11-03\ntime: 12:30\nversion: 1.2.3\nphone: 0800 1111\nzip: 01234\n",
        "framework: ilacs\nkind: full\nstart: 2025-11-03\nend: 2025-11-07\noverall: good\njudgements:\n  - name: The experiences\n    grade: good\n    parts:\n      - name: Part\n        grade: outstanding\n",
        "a: \"line\\nbreak\\ttab\"\nb: 'it''s'\nc: \"\\x41\\u263A\"\n",
        "empty_map: {}\nempty_list: []\nblank: ''\n",
        "a:\n  - b\n  -   c\n  -\n    d: e\n",
        "key with spaces: value\n\"quoted key\": 1\n'single key': 2\n3: three\ntrue: yes\n",
        "a: 'multi\n  line\n\n  single'\nb: \"multi\n  line\"\n",
        "long: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n",
        // Errors: both must refuse.
        "a: 1\na: 2\n",
        "a: b: c\n",
        "a:\n\t- b\n",
        "a: 'unclosed\n",
        "a: [1, 2\n",
        "framework: ilacs\nkind: full\n  start: 2025-11-03\n",
        "a: *nowhere\n",
        "- a\nb: c\n",
        "a: 1\n---\nb: 2\n",
        "{a: 1, a: 2}\n",
        "a: }\n",
        "@a: 1\n",
        "`a`: 1\n",
    ];

    fn corpus() -> Vec<(String, String)> {
        let mut all: Vec<(String, String)> = CASES
            .iter()
            .enumerate()
            .map(|(n, c)| (format!("case {n}"), (*c).to_string()))
            .collect();
        // The repository's root: the Kent site and the default theme.
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let synthetic = tempfile::tempdir().unwrap();
        crate::synthetic::generate(synthetic.path(), 60).unwrap();
        for dir in [
            root.join("content"),
            root.join("themes"),
            synthetic.path().to_path_buf(),
        ] {
            for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
                let entry = entry.unwrap();
                let path = entry.path();
                let Ok(text) = std::fs::read_to_string(path) else {
                    continue;
                };
                let name = path.display().to_string();
                if name.ends_with(".yaml") {
                    all.push((name, text));
                } else if name.ends_with(".md")
                    && let Ok(split) = crate::frontmatter::split(&text)
                    && let Some((front, _)) = split.front
                {
                    all.push((name, front.to_string()));
                }
            }
        }
        all
    }

    /// Positions as the old loader gave them: it spanned collections from
    /// their first entry, and block collections with no length.
    fn same(a: &Node, b: &Node, path: &str, out: &mut Vec<String>) {
        if a.pos != b.pos {
            out.push(format!("{path}: position {:?} != {:?}", a.pos, b.pos));
        }
        match (&a.value, &b.value) {
            (Value::Seq(x), Value::Seq(y)) if x.len() == y.len() => {
                for (n, (p, q)) in x.iter().zip(y).enumerate() {
                    same(p, q, &format!("{path}[{n}]"), out);
                }
            }
            (Value::Map(x), Value::Map(y)) if x.len() == y.len() => {
                for ((k1, v1), (k2, v2)) in x.iter().zip(y) {
                    same(k1, k2, &format!("{path}.key"), out);
                    same(v1, v2, &format!("{path}.{:?}", k1.value), out);
                }
            }
            (Value::Float(x), Value::Float(y)) if x.is_nan() && y.is_nan() => {}
            (x, y) if x == y && !matches!(x, Value::Seq(_) | Value::Map(_)) => {}
            (x, y) => out.push(format!("{path}: {x:?} != {y:?}")),
        }
    }

    #[test]
    fn aliases_copy_values_whose_insides_point_to_their_definition() {
        let text = "base: &base\n  x: 1\nuse: *base\nlist: &l [1, 2]\nagain: *l\n";
        let old = serde_loader::parse(text).unwrap();
        let new = parse("x.yaml", text, 0).unwrap();
        let (Value::Map(o), Value::Map(n)) = (&old.value, &new.value) else {
            panic!("not maps")
        };
        for ((ok, ov), (nk, nv)) in o.iter().zip(n) {
            assert_eq!((&ok.value, &ok.pos), (&nk.value, &nk.pos));
            // The copy stands where the alias is…
            assert_eq!(ov.pos, nv.pos);
        }
        // …and a mistake inside it is shown where it can be mended.
        let Value::Map(inner) = &n[1].1.value else {
            panic!("not a map")
        };
        assert_eq!((inner[0].1.pos.line, inner[0].1.pos.column), (2, 6));
    }

    #[test]
    fn event_loader_agrees_with_the_serde_loader() {
        let mut problems = Vec::new();
        let corpus = corpus();
        assert!(corpus.len() > 100, "{}", corpus.len());
        for (name, text) in &corpus {
            let old = serde_loader::parse(text);
            let new = parse("x.yaml", text, 0);
            match (&old, &new) {
                (Some(a), Ok(b)) => {
                    let mut diffs = Vec::new();
                    same(a, b, "", &mut diffs);
                    if !diffs.is_empty() {
                        problems.push(format!("{name}:\n  {}", diffs.join("\n  ")));
                    }
                }
                (None, Err(_)) => {}
                (Some(_), Err(e)) => problems.push(format!(
                    "{name}: only the new loader refused it: {}",
                    e.message
                )),
                (None, Ok(_)) => problems.push(format!("{name}: only the old loader refused it")),
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }
}
