//! YAML parsing into a small tree that keeps every node's position.
//!
//! We parse into a generic tree (not straight into structs) so that validation
//! can report every unknown key, bad grade and bad date in one run, each with
//! its own line and column, instead of stopping at serde's first error.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

use crate::diagnostic::{Diagnostic, Pos};

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

/// Parses a YAML document. `line_offset` is added to every line, for front
/// matter that starts below the top of a Markdown file.
pub fn parse(file: &str, source: &str, line_offset: usize) -> Result<Node, Diagnostic> {
    if source.trim().is_empty() {
        return Ok(Node {
            value: Value::Null,
            pos: Pos::at(1 + line_offset, 1),
        });
    }
    match serde_saphyr::from_str_with_options::<Spanned<Value>>(source, options()) {
        Ok(root) => {
            let mut node = to_node(root);
            if line_offset > 0 {
                shift_lines(&mut node, line_offset);
            }
            Ok(node)
        }
        Err(err) => Err(yaml_error(file, source, &err, line_offset)),
    }
}

fn shift_lines(node: &mut Node, by: usize) {
    node.pos.line += by;
    match &mut node.value {
        Value::Seq(items) => items.iter_mut().for_each(|n| shift_lines(n, by)),
        Value::Map(entries) => entries.iter_mut().for_each(|(k, v)| {
            shift_lines(k, by);
            shift_lines(v, by);
        }),
        _ => {}
    }
}

fn yaml_error(
    file: &str,
    source: &str,
    err: &serde_saphyr::Error,
    line_offset: usize,
) -> Diagnostic {
    let err = err.without_snippet();
    let pos = err
        .location()
        .map(|l| to_pos(&l))
        .filter(|p| p.line > 0)
        .map(|p| Pos {
            line: p.line + line_offset,
            ..p
        })
        .unwrap_or_else(|| Pos::at(1 + line_offset, 1));
    let raw = err.to_string();
    // saphyr's message ends with its own "at line X column Y"; we show the place ourselves.
    let detail = raw
        .split(" at line ")
        .next()
        .unwrap_or(&raw)
        .trim()
        .to_string();
    // Advice meant for programmers using the parser, not for editors.
    let detail = match detail.find(", set DuplicateKeyPolicy") {
        Some(i) => detail[..i].to_string(),
        None => detail,
    };
    let lower = detail.to_lowercase();
    let help = if lower.contains("duplicate") {
        "Each key may appear only once in a block. Delete or rename the repeated one."
    } else if lower.contains("budget") || lower.contains("alias") || lower.contains("depth") {
        "This file is nested too deeply or repeats anchors (`&name` / `*name`) too many times. Write the values out plainly."
    } else if lower.contains("tab") {
        "YAML indentation must use spaces, not tabs."
    } else if lower.contains("indent") || lower.contains("mapping") {
        "Check the indentation: items in the same block must start in the same column, using spaces. Text containing `: ` must be put in quotes."
    } else {
        "Check the line for a missing quote, a stray `:` or uneven indentation. Text containing `: ` or starting with `[`, `{`, `*`, `&` or `#` must be put in quotes."
    };
    let _ = source;
    Diagnostic::error(file, pos, format!("This YAML could not be read: {detail}")).with_help(help)
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
    fn deep_nesting_is_refused() {
        let src = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        assert!(parse("deep.yaml", &src, 0).is_err());
    }
}
