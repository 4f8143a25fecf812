//! Scalars under YAML 1.2's core schema: what text, number or boolean a
//! scalar's text is, given its style and tag.

use std::borrow::Cow;

use serde_saphyr::granit_parser::{ScalarStyle, Tag};

use super::{Problem, Value};

/// A scalar's value under the YAML 1.2 core schema, with only `true` and
/// `false` as booleans, so `no` and `yes` stay text.
pub(super) fn scalar(
    text: Cow<'_, str>,
    style: ScalarStyle,
    tag: Option<&Tag>,
) -> Result<Value, Problem> {
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
