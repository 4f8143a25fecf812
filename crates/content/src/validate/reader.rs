//! Reading one YAML file's fields with positions: the `Reader` every
//! file's checks use, and the small helpers around it.

use super::*;

/// Reads one YAML file's fields, reporting problems as it goes.
pub struct Reader<'a> {
    pub file: &'a str,
    pub diags: &'a mut Diagnostics,
}

impl Reader<'_> {
    pub(super) fn error(&mut self, pos: Pos, message: impl Into<String>, help: impl Into<String>) {
        self.diags
            .push(Diagnostic::error(self.file, pos, message).with_help(help));
    }

    /// An error for `word`, which is none of `known`: `help`, after the
    /// nearest of `known` when it is close enough to be a typo.
    pub(super) fn not_among(
        &mut self,
        pos: Pos,
        word: &str,
        known: &[&str],
        message: String,
        label: &str,
        help: String,
    ) {
        let help = match nearest(word, known.iter().copied()) {
            Some(n) => format!("Did you mean `{n}`? {help}"),
            None => help,
        };
        self.diags.push(
            Diagnostic::error(self.file, pos, message)
                .with_label(label)
                .with_help(help),
        );
    }

    /// The entries of a mapping whose keys must be among `known`; unknown
    /// keys are reported with the nearest known one.
    pub fn fields<'n>(
        &mut self,
        node: &'n Node,
        what: &str,
        known: &[&str],
    ) -> Option<BTreeMap<String, &'n Node>> {
        let entries = match &node.value {
            Value::Map(entries) => entries,
            Value::Null => return Some(BTreeMap::new()),
            Value::Str(t) if yaml::lookalike_after_colon(t).is_some() => {
                let (col, name) = yaml::lookalike_after_colon(t)?;
                self.diags.push(
                    Diagnostic::error(
                        self.file,
                        Pos {
                            column: node.pos.column + col,
                            len: 1,
                            ..node.pos
                        },
                        format!("After the `:` here is {name}, which looks like a space but is not one to YAML, so this line is not read as `key: value`."),
                    )
                    .with_label("not an ordinary space")
                    .with_help("Replace it with an ordinary space: delete the gap and type it again with the space bar."),
                );
                return None;
            }
            other => {
                self.error(
                    node.pos,
                    format!(
                        "{what} should be a set of `key: value` lines, but this is {}.",
                        other.kind_name()
                    ),
                    format!(
                        "Write one `key: value` per line. Keys {what} can have: {}.",
                        quote_list(known)
                    ),
                );
                return None;
            }
        };
        let mut out = BTreeMap::new();
        for (k, v) in entries {
            let Some(key) = k.as_text() else {
                self.error(
                    k.pos,
                    "A key here is not plain text.",
                    "Write keys as plain words followed by `:`.",
                );
                continue;
            };
            if known.contains(&key.as_str()) {
                // An empty value is a missing value: `framework:` with
                // nothing after it must not pass where a missing key would
                // not. (An unknown key is reported even when empty.)
                if !is_empty_value(v) {
                    out.insert(key, v);
                }
            } else {
                self.unknown_key(k, &key, what, known);
            }
        }
        Some(out)
    }

    /// A key not among `known`: an invisible character in a known one, or
    /// the nearest known key.
    fn unknown_key(&mut self, k: &Node, key: &str, what: &str, known: &[&str]) {
        if let Some((col, name)) = yaml::lookalike_in(key) {
            let clean: String = key
                .chars()
                .filter(|c| {
                    !c.is_whitespace() && !matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}')
                })
                .collect();
            self.diags.push(
                Diagnostic::error(
                    self.file,
                    Pos {
                        column: k.pos.column + col,
                        len: 1,
                        ..k.pos
                    },
                    format!("The key `{clean}` has {name} in it, which cannot be seen but makes it another key."),
                )
                .with_label("invisible character")
                .with_help(format!("Delete the key and type `{clean}:` again, with an ordinary space after the `:`.")),
            );
        } else {
            let help = match nearest(key, known.iter().copied()) {
                Some(n) => format!(
                    "Did you mean `{n}`? Keys {what} can have: {}.",
                    quote_list(known)
                ),
                None => format!("Keys {what} can have: {}.", quote_list(known)),
            };
            self.diags.push(
                Diagnostic::error(
                    self.file,
                    k.pos,
                    format!("`{key}` is not a key {what} can have."),
                )
                .with_label("unknown key")
                .with_help(help),
            );
        }
    }

    /// Text, or a number or boolean taken as the text typed. Empty is `None`.
    pub fn text(&mut self, node: &Node, key: &str) -> Option<String> {
        if node.value == Value::Null {
            return None;
        }
        match node.as_text() {
            Some(t) if t.trim().is_empty() => None,
            Some(t) => {
                if let Some((i, c)) = t.chars().enumerate().find(|(_, c)| is_bad_control(*c)) {
                    // Invisible on the page, and invalid in the feed's XML.
                    self.diags.push(
                        Diagnostic::error(
                            self.file,
                            node.pos,
                            format!(
                                "`{key}` contains the control character U+{:04X} (character {} of the value), which cannot be shown.",
                                u32::from(c),
                                i + 1
                            ),
                        )
                        .with_label("control character")
                        .with_help("Delete it: retype the text, or check the `\\` escapes in a quoted value."),
                    );
                    return None;
                }
                Some(t.trim().to_string())
            }
            None => {
                // `“Better: homes”`: Word's curly quote does not quote, so the
                // `: ` inside made a key. Name the quote, not the shape.
                let curly = match &node.value {
                    Value::Map(entries) => entries
                        .first()
                        .and_then(|(k, _)| k.as_text())
                        .and_then(|k| k.chars().next())
                        .filter(|c| {
                            matches!(
                                c,
                                '\u{201C}' | '\u{2018}' | '\u{201E}' | '\u{201D}' | '\u{2019}'
                            )
                        }),
                    _ => None,
                };
                let help = match curly {
                    Some(c) => format!(
                        "The text starts with a curly quote {c} (U+{:04X}), which is not a quote to YAML, so the `: ` inside it starts a key. Use straight quotes `\"` around the text.",
                        u32::from(c)
                    ),
                    None => format!("Write `{key}: ` followed by the text on the same line."),
                };
                self.error(
                    node.pos,
                    format!(
                        "`{key}` should be text, but this is {}.",
                        node.value.kind_name()
                    ),
                    help,
                );
                None
            }
        }
    }

    pub(super) fn opt_text(&mut self, f: &BTreeMap<String, &Node>, key: &str) -> Option<String> {
        f.get(key).and_then(|n| self.text(n, key))
    }

    pub(super) fn req_text(
        &mut self,
        f: &BTreeMap<String, &Node>,
        key: &str,
        parent: &Node,
        what: &str,
    ) -> Option<String> {
        let found = self.opt_text(f, key);
        if found.is_none() && !f.contains_key(key) {
            self.missing(
                parent,
                key,
                format!("{what} needs `{key}`."),
                format!("Add a `{key}: ...` line."),
            );
        }
        found
    }

    /// A required key that is absent, or present with nothing after it
    /// (which [`Reader::fields`] leaves out): the error points at the empty
    /// line when there is one.
    pub(super) fn missing(&mut self, map: &Node, key: &str, message: String, help: String) {
        if self.reported_as_misspelt(map, key) {
            return;
        }
        match empty_key(map, key) {
            Some(pos) => self.diags.push(
                Diagnostic::error(self.file, pos, format!("`{key}` is empty. {message}"))
                    .with_label("empty")
                    .with_help(format!("Write the value after `{key}: `. {help}")),
            ),
            None => self.error(map.pos, message, help),
        }
    }

    /// Whether `map` has a key already reported as unknown that is a slip
    /// for `key` (`framwork:`): that error names `key` as the one meant,
    /// so "needs `key`" would only send the editor to add a second line.
    fn reported_as_misspelt(&self, map: &Node, key: &str) -> bool {
        let Value::Map(entries) = &map.value else {
            return false;
        };
        entries.iter().any(|(k, _)| {
            k.as_text().is_some_and(|name| {
                name != key
                    && nearest(&name, [key]).is_some()
                    && self
                        .diags
                        .items
                        .iter()
                        .any(|d| d.file == self.file && d.pos == k.pos)
            })
        })
    }

    pub(super) fn boolean(&mut self, f: &BTreeMap<String, &Node>, key: &str) -> Option<bool> {
        let node = f.get(key)?;
        match &node.value {
            Value::Bool(b) => Some(*b),
            Value::Null => None,
            _ => {
                self.error(
                    node.pos,
                    format!("`{key}` should be `true` or `false`."),
                    format!("Write `{key}: true` or `{key}: false`."),
                );
                None
            }
        }
    }

    pub(super) fn number(&mut self, f: &BTreeMap<String, &Node>, key: &str) -> Option<f64> {
        let node = f.get(key)?;
        match &node.value {
            Value::Int(i) => Some(*i as f64),
            Value::Float(x) if x.is_finite() => Some(*x),
            _ => {
                self.error(
                    node.pos,
                    format!("`{key}` should be a number."),
                    format!("Write `{key}: 11`, for example."),
                );
                None
            }
        }
    }

    pub(super) fn list<'n>(&mut self, node: &'n Node, key: &str) -> &'n [Node] {
        match &node.value {
            Value::Seq(items) => items,
            Value::Null => &[],
            other => {
                self.error(
                    node.pos,
                    format!(
                        "`{key}` should be a list, but this is {}.",
                        other.kind_name()
                    ),
                    format!("Put each item on its own line under `{key}:`, starting with `- `."),
                );
                &[]
            }
        }
    }

    pub(super) fn text_list(&mut self, f: &BTreeMap<String, &Node>, key: &str) -> Vec<String> {
        let Some(node) = f.get(key) else {
            return Vec::new();
        };
        // A single item written without `- ` is taken as a list of one.
        if let Some(t) = node.as_text() {
            return vec![t];
        }
        let items = self.list(node, key);
        items.iter().filter_map(|n| self.text(n, key)).collect()
    }

    pub(super) fn date(&mut self, f: &BTreeMap<String, &Node>, key: &str) -> Option<PartialDate> {
        let node = f.get(key)?;
        let text = self.text(node, key)?;
        match PartialDate::parse(&text) {
            Ok(d) => Some(d),
            Err(clarion_core::DateError::Dash { index, ch, name }) => {
                // At the dash itself: the editor cannot tell it from a hyphen.
                let e = clarion_core::DateError::Dash { index, ch, name };
                let pos = Pos {
                    line: node.pos.line,
                    column: node.pos.column + index,
                    len: 1,
                };
                self.diags.push(
                    Diagnostic::error(self.file, pos, format!("`{key}: {text}` {e}."))
                        .with_label("not a hyphen")
                        .with_help(
                            "Delete each dash and type ordinary hyphens `-` from the keyboard: 2025-11-03. Word changes hyphens between numbers into dashes.",
                        ),
                );
                None
            }
            Err(e) => {
                self.diags.push(
                    Diagnostic::error(self.file, node.pos, format!("`{key}: {text}` {e}."))
                        .with_label("not a real date")
                        .with_help(
                            "Write dates as YYYY-MM-DD (2025-11-03). When the documents give only the month or the year, write 2025-11 or 2025: never invent a day.",
                        ),
                );
                None
            }
        }
    }

    pub(super) fn url(&mut self, f: &BTreeMap<String, &Node>, key: &str) -> Option<String> {
        let node = f.get(key)?;
        let text = self.text(node, key)?;
        if is_web_url(&text) {
            Some(text)
        } else if let Some(problem) = url_space(&text) {
            self.error(
                node.pos,
                format!("`{key}` {problem}."),
                "Web addresses have no spaces: copy the address again from the browser's address bar, or write each space as %20.",
            );
            None
        } else {
            self.error(
                node.pos,
                format!("`{key}` should be a web address starting with https:// or http://."),
                "Copy the full address from the browser's address bar.",
            );
            None
        }
    }
}

/// The text a one-line scalar was typed as, from its position in `source`
/// (columns count characters).
pub(super) fn source_text(source: &str, pos: Pos) -> Option<String> {
    let line = source.lines().nth(pos.line.checked_sub(1)?)?;
    let text: String = line
        .chars()
        .skip(pos.column.checked_sub(1)?)
        .take(pos.len)
        .collect();
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

/// A control character no page or feed may carry (tabs and line breaks
/// are ordinary text).
pub(super) fn is_bad_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// Nothing, or only spaces: what an editor leaves when a value is unknown.
pub(super) fn is_empty_value(node: &Node) -> bool {
    match &node.value {
        Value::Null => true,
        Value::Str(s) => s.trim().is_empty(),
        _ => false,
    }
}

/// Where `key` stands in `map` when it is there with an empty value.
pub(super) fn empty_key(map: &Node, key: &str) -> Option<Pos> {
    match &map.value {
        Value::Map(entries) => entries
            .iter()
            .find(|(k, v)| k.as_text().as_deref() == Some(key) && is_empty_value(v))
            .map(|(k, _)| k.pos),
        _ => None,
    }
}

/// Where `key` itself stands in a mapping (not its value): for problems
/// with the key's presence rather than its value.
pub(super) fn key_pos(map: &Node, key: &str) -> Pos {
    match &map.value {
        Value::Map(entries) => entries
            .iter()
            .find(|(k, _)| k.as_text().as_deref() == Some(key))
            .map_or(map.pos, |(k, _)| k.pos),
        _ => map.pos,
    }
}

/// What is wrong with an address that has a space in it, which a browser
/// would cut short: "contains a space after `https://x.org/a`".
pub(super) fn url_space(s: &str) -> Option<String> {
    let (i, c) = s.char_indices().find(|(_, c)| c.is_whitespace())?;
    let what = match c {
        ' ' => "a space".to_string(),
        '\t' => "a tab".to_string(),
        c => format!("an invisible space character (U+{:04X})", u32::from(c)),
    };
    Some(format!(
        "contains {what} after `{}`, so it is not a web address",
        &s[..i]
    ))
}

pub fn is_web_url(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && s.len() > "https://".len()
        && !s
            .chars()
            .any(|c| c.is_whitespace() || c == '"' || c == '<' || c == '>')
}

pub(super) fn parse_yaml(file: &TextFile, offset: usize, diags: &mut Diagnostics) -> Option<Node> {
    match yaml::parse(&file.path, &file.text, offset) {
        Ok(n) => Some(n),
        Err(d) => {
            diags.push(d);
            None
        }
    }
}
