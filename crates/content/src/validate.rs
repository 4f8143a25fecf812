//! From raw files to the checked site model, collecting every problem.
//!
//! Each reader takes a positioned YAML tree and the diagnostics list; it
//! reports what is wrong where it is found and carries on, so one run
//! lists every error in every file.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use rayon::prelude::*;

use crate::frontmatter;
use crate::load::{RawBundle, RawSite, TextFile};
use crate::yaml::{self, Node, Value};
use clarion_core::{Diagnostic, Diagnostics, PartialDate, Pos, Severity, Timestamp, *};

/// The frameworks built into Clarion, in the shape of `frameworks.yaml`.
pub const BUILTIN_FRAMEWORKS: &str = include_str!("frameworks.yaml");

/// Kinds of inspection that give no grades.
pub const UNGRADED_KINDS: &[&str] = &["focused-visit", "monitoring-visit", "jtai", "thematic"];
/// Kinds Clarion knows by name; others are allowed (any slug) and graded.
pub const KNOWN_KINDS: &[&str] = &[
    "full",
    "focused-visit",
    "monitoring-visit",
    "jtai",
    "thematic",
    "short",
];

/// Page slugs that would clash with addresses Clarion writes itself.
pub const RESERVED_PAGES: &[&str] = &[
    "inspections",
    "documents",
    "glossary",
    "children",
    "static",
    "feed.xml",
    "sitemap.xml",
    "grades.json",
    "grades.csv",
    "404",
    "pagefind",
    "find",
    "authorities",
];

/// The closest of `candidates` to `wanted`, if it is close enough to be a typo.
pub fn nearest<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let w = normalise(wanted);
    candidates
        .into_iter()
        .map(|c| (strsim::normalized_damerau_levenshtein(&w, &normalise(c)), c))
        .filter(|(score, _)| *score >= 0.5)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

fn quote_list(items: &[&str]) -> String {
    items
        .iter()
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Reads one YAML file's fields, reporting problems as it goes.
pub struct Reader<'a> {
    pub file: &'a str,
    pub diags: &'a mut Vec<Diagnostic>,
}

impl Reader<'_> {
    fn error(&mut self, pos: Pos, message: impl Into<String>, help: impl Into<String>) {
        self.diags
            .push(Diagnostic::error(self.file, pos, message).with_help(help));
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
            } else if let Some((col, name)) = yaml::lookalike_in(&key) {
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
                let help = match nearest(&key, known.iter().copied()) {
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
        Some(out)
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

    fn opt_text(&mut self, f: &BTreeMap<String, &Node>, key: &str) -> Option<String> {
        f.get(key).and_then(|n| self.text(n, key))
    }

    fn req_text(
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
    fn missing(&mut self, map: &Node, key: &str, message: String, help: String) {
        match empty_key(map, key) {
            Some(pos) => self.diags.push(
                Diagnostic::error(self.file, pos, format!("`{key}` is empty. {message}"))
                    .with_label("empty")
                    .with_help(format!("Write the value after `{key}: `. {help}")),
            ),
            None => self.error(map.pos, message, help),
        }
    }

    fn boolean(&mut self, f: &BTreeMap<String, &Node>, key: &str) -> Option<bool> {
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

    fn number(&mut self, f: &BTreeMap<String, &Node>, key: &str) -> Option<f64> {
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

    fn list<'n>(&mut self, node: &'n Node, key: &str) -> &'n [Node] {
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

    fn text_list(&mut self, f: &BTreeMap<String, &Node>, key: &str) -> Vec<String> {
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

    fn date(&mut self, f: &BTreeMap<String, &Node>, key: &str) -> Option<PartialDate> {
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

    fn url(&mut self, f: &BTreeMap<String, &Node>, key: &str) -> Option<String> {
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
fn source_text(source: &str, pos: Pos) -> Option<String> {
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
fn is_bad_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// Nothing, or only spaces: what an editor leaves when a value is unknown.
fn is_empty_value(node: &Node) -> bool {
    match &node.value {
        Value::Null => true,
        Value::Str(s) => s.trim().is_empty(),
        _ => false,
    }
}

/// Where `key` stands in `map` when it is there with an empty value.
fn empty_key(map: &Node, key: &str) -> Option<Pos> {
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
fn key_pos(map: &Node, key: &str) -> Pos {
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
fn url_space(s: &str) -> Option<String> {
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

fn parse_yaml(file: &TextFile, offset: usize, diags: &mut Vec<Diagnostic>) -> Option<Node> {
    match yaml::parse(&file.path, &file.text, offset) {
        Ok(n) => Some(n),
        Err(d) => {
            diags.push(d);
            None
        }
    }
}

// ---------------------------------------------------------------- site.yaml

/// The reading ages children's pages may be held to: from the youngest
/// children who read alone to the oldest in care.
const READING_AGES: (f64, f64) = (5.0, 18.0);

const SITE_KEYS: &[&str] = &[
    "title",
    "base_url",
    "language",
    "theme",
    "authority",
    "description",
    "children",
    "contacts",
    "timezone",
];

/// The settings, and whether site.yaml could not be read at all (so that
/// what it may have said, such as the default authority, is unknown).
fn read_config(file: Option<&TextFile>, diags: &mut Vec<Diagnostic>) -> (Config, bool) {
    let mut config = Config {
        title: "Inspections".into(),
        base_url: "/".into(),
        base_path: "/".into(),
        language: "en-GB".into(),
        theme: "default".into(),
        theme_pos: Pos::file(),
        authority: None,
        description: None,
        children: ChildrenConfig::default(),
        contacts: Vec::new(),
        defaults_unknown: false,
        timezone: clarion_core::DEFAULT_TIME_ZONE.into(),
    };
    let Some(file) = file else {
        return (config, false);
    };
    let Some(root) = parse_yaml(file, 0, diags) else {
        return (config, true);
    };
    let r = &mut Reader {
        file: &file.path,
        diags,
    };
    let Some(f) = r.fields(&root, "site.yaml", SITE_KEYS) else {
        return (config, true);
    };
    if let Some(t) = r.req_text(&f, "title", &root, "site.yaml") {
        config.title = t;
    }
    if let Some(u) = r.req_text(&f, "base_url", &root, "site.yaml") {
        match normalise_base_url(&u) {
            Some((url, path)) => {
                config.base_url = url;
                config.base_path = path;
            }
            None => match url_space(&u) {
                Some(problem) => r.error(
                    f["base_url"].pos,
                    format!("`base_url` {problem}."),
                    "Web addresses have no spaces. For GitHub Pages this is https://<owner>.github.io/<repository>/.",
                ),
                None => r.error(
                    f["base_url"].pos,
                    "`base_url` should be the site's full web address, starting with https:// or http://.",
                    "For GitHub Pages this is https://<owner>.github.io/<repository>/.",
                ),
            },
        }
    }
    if let Some(l) = r.opt_text(&f, "language") {
        if clarion_core::is_valid_tag(&l) {
            config.language = l;
        } else {
            r.error(
                f["language"].pos,
                format!("`{l}` is not a language tag."),
                "Write a BCP 47 tag such as `en-GB`, `cy` or `ar`.",
            );
        }
    }
    if let Some(t) = r.opt_text(&f, "theme") {
        config.theme = t;
        config.theme_pos = f.get("theme").map_or_else(Pos::file, |n| n.pos);
    }
    config.authority = r.opt_text(&f, "authority");
    config.description = r.opt_text(&f, "description");
    if let Some(node) = f.get("children")
        && let Some(c) = r.fields(node, "`children`", &["reading_age_max", "strict"])
    {
        if let Some(n) = r.number(&c, "reading_age_max") {
            if (READING_AGES.0..=READING_AGES.1).contains(&n) {
                config.children.reading_age_max = n;
            } else {
                r.error(
                    c["reading_age_max"].pos,
                    format!("`reading_age_max: {n}` is not a reading age for children."),
                    format!(
                        "Write an age from {} to {}: 11 suits most children's pages.",
                        READING_AGES.0, READING_AGES.1
                    ),
                );
            }
        }
        if let Some(b) = r.boolean(&c, "strict") {
            config.children.strict = b;
        }
    }
    if let Some(node) = f.get("contacts") {
        for item in r.list(node, "contacts") {
            let Some(c) = r.fields(item, "a contact", &["name", "phone", "url", "description"])
            else {
                continue;
            };
            let Some(name) = r.req_text(&c, "name", item, "A contact") else {
                continue;
            };
            let contact = Contact {
                name,
                phone: c.get("phone").and_then(|n| match n.value {
                    // `08001111` is a number to YAML, 8001111: keep the
                    // digits as typed, leading zero and `+` too.
                    Value::Int(_) | Value::Float(_) => source_text(&file.text, n.pos),
                    _ => r.text(n, "phone"),
                }),
                url: r.url(&c, "url"),
                description: r.opt_text(&c, "description"),
            };
            config.contacts.push(contact);
        }
    }
    if let Some(z) = r.opt_text(&f, "timezone") {
        if clarion_core::time_zone(&z).is_some() {
            config.timezone = z;
        } else {
            let names = clarion_core::time_zone_names();
            let mut help = "Write a time zone's full name, such as `Europe/London`.".to_string();
            if let Some(n) = nearest(&z, names.iter().map(String::as_str)) {
                help = format!("Did you mean `{n}`? {help}");
            }
            r.diags.push(
                Diagnostic::error(
                    r.file,
                    f["timezone"].pos,
                    format!("`{z}` is not a time zone Clarion knows."),
                )
                .with_label("unknown time zone")
                .with_help(help),
            );
        }
    }
    (config, false)
}

/// `https://x.github.io/kent` -> (`https://x.github.io/kent/`, `/kent/`).
pub fn normalise_base_url(url: &str) -> Option<(String, String)> {
    if !is_web_url(url) {
        return None;
    }
    let mut url = url.trim().to_string();
    if let Some(i) = url.find(['?', '#']) {
        url.truncate(i);
    }
    if !url.ends_with('/') {
        url.push('/');
    }
    let after_scheme = url.find("://").map(|i| i + 3)?;
    let host_end = url[after_scheme..].find('/').map(|i| after_scheme + i)?;
    if host_end == after_scheme {
        return None; // `https:///x`: no host
    }
    // `https://x.org//` or `/kent//`: one slash, or every link would
    // start `//` and point at another host.
    let mut path = String::with_capacity(url.len() - host_end);
    for c in url[host_end..].chars() {
        if !(c == '/' && path.ends_with('/')) {
            path.push(c);
        }
    }
    let url = format!("{}{path}", &url[..host_end]);
    Some((url, path))
}

// ---------------------------------------------------------------- frameworks

const FRAMEWORK_KEYS: &[&str] = &[
    "key", "name", "years", "from", "until", "overall", "grades", "areas",
];

/// A framework's `from:` or `until:` month, `2018-01`.
fn framework_month(r: &mut Reader, f: &BTreeMap<String, &Node>, key: &str) -> Option<(i32, u8)> {
    let node = f.get(key)?;
    let text = r.text(node, key)?;
    match PartialDate::parse(&text) {
        Ok(PartialDate {
            year,
            month: Some(m),
            day: None,
        }) => Some((year, m)),
        _ => {
            r.error(
                node.pos,
                format!("`{key}: {text}` is not a month."),
                format!("Write the month as YYYY-MM: `{key}: 2018-01`."),
            );
            None
        }
    }
}

/// The months a partial date may mean, first and last.
fn months_of(d: &PartialDate) -> ((i32, u8), (i32, u8)) {
    match d.month {
        Some(m) => ((d.year, m), (d.year, m)),
        None => ((d.year, 1), (d.year, 12)),
    }
}

/// Whether a framework ran at some time the date may mean.
fn ran_on(fw: &Framework, d: &PartialDate) -> bool {
    let (lo, hi) = months_of(d);
    fw.from.is_none_or(|f| hi >= f) && fw.until.is_none_or(|u| lo <= u)
}

fn month_words((year, month): (i32, u8)) -> String {
    PartialDate {
        year,
        month: Some(month),
        day: None,
    }
    .human()
}
const GRADE_KEYS: &[&str] = &["key", "label", "aliases", "child_label", "child_meaning"];

fn read_frameworks(file: &TextFile, diags: &mut Vec<Diagnostic>) -> Vec<Framework> {
    let Some(root) = parse_yaml(file, 0, diags) else {
        return Vec::new();
    };
    let r = &mut Reader {
        file: &file.path,
        diags,
    };
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    for item in r.list(&root, "frameworks") {
        let Some(f) = r.fields(item, "a framework", FRAMEWORK_KEYS) else {
            continue;
        };
        let Some(key) = r.req_text(&f, "key", item, "A framework") else {
            continue;
        };
        if !clarion_core::is_valid_slug(&key) {
            r.error(
                f["key"].pos,
                format!("`{key}` is not a valid framework key."),
                format!(
                    "Use lower-case letters, digits and hyphens: `{}`.",
                    clarion_core::slugify(&key)
                ),
            );
        }
        if !seen.insert(key.clone()) {
            r.error(
                f["key"].pos,
                format!("The framework `{key}` is defined twice in this file."),
                "Keep one definition and delete the other.",
            );
        }
        let name = r
            .req_text(&f, "name", item, "A framework")
            .unwrap_or_else(|| key.clone());
        let mut grades = Vec::new();
        // Each key, label and alias -> the grade it names.
        let mut grade_words: BTreeMap<String, String> = BTreeMap::new();
        match f.get("grades") {
            None => r.error(
                item.pos,
                format!("The framework `{key}` needs `grades`, best first."),
                "Add `grades:` with one `- key: ...` item per grade.",
            ),
            Some(node) => {
                for g in r.list(node, "grades") {
                    let Some(gf) = r.fields(g, "a grade", GRADE_KEYS) else {
                        continue;
                    };
                    let Some(gkey) = r.req_text(&gf, "key", g, "A grade") else {
                        continue;
                    };
                    let label = r
                        .req_text(&gf, "label", g, "A grade")
                        .unwrap_or_else(|| gkey.clone());
                    let aliases = r.text_list(&gf, "aliases");
                    for word in [&gkey, &label].into_iter().chain(aliases.iter()) {
                        // A grade's own key, label and aliases may repeat one
                        // another; another grade's may not, whichever comes
                        // first, or `outstanding` could mean Good.
                        match grade_words.get(&normalise(word)) {
                            Some(owner) if *owner != gkey => r.error(
                                g.pos,
                                format!(
                                    "`{word}` stands for two grades of `{key}`: `{owner}` and `{gkey}`."
                                ),
                                "Each key, label and alias must point to one grade only.",
                            ),
                            Some(_) => {}
                            None => {
                                grade_words.insert(normalise(word), gkey.clone());
                            }
                        }
                    }
                    let child_label = r
                        .opt_text(&gf, "child_label")
                        .unwrap_or_else(|| label.clone());
                    let child_meaning = r.opt_text(&gf, "child_meaning").unwrap_or_default();
                    grades.push(Grade {
                        key: gkey,
                        label,
                        aliases,
                        child_label,
                        child_meaning,
                    });
                }
                if grades.is_empty() {
                    r.error(
                        node.pos,
                        format!("The framework `{key}` has no grades."),
                        "List its grades, best first.",
                    );
                }
            }
        }
        let mut areas = BTreeMap::new();
        let mut judgement_names = Vec::new();
        if let Some(node) = f.get("areas") {
            if let Value::Map(entries) = &node.value {
                for (k, v) in entries {
                    if let (Some(k), Some(v)) = (k.as_text(), r.text(v, "areas")) {
                        areas.insert(normalise(&k), v);
                        judgement_names.push(k);
                    }
                }
            } else {
                r.error(
                    node.pos,
                    "`areas` should be `judgement name: area` lines.",
                    "Write one judgement name per line, then `:` and its area.",
                );
            }
        }
        let overall = r.boolean(&f, "overall").unwrap_or(true);
        out.push(Framework {
            key,
            name,
            years: r.opt_text(&f, "years"),
            from: framework_month(r, &f, "from"),
            until: framework_month(r, &f, "until"),
            overall,
            grades,
            areas,
            judgement_names,
        });
    }
    out
}

pub fn builtin_frameworks() -> Vec<Framework> {
    let file = TextFile {
        path: "(built-in frameworks)".into(),
        text: Arc::from(BUILTIN_FRAMEWORKS),
    };
    let mut diags = Vec::new();
    let frameworks = read_frameworks(&file, &mut diags);
    debug_assert!(diags.is_empty(), "{diags:?}");
    frameworks
}

// ---------------------------------------------------------------- markdown files

/// Front matter fields and the body of a Markdown file.
fn read_markdown(
    file: &TextFile,
    what: &str,
    known: &[&str],
    diags: &mut Vec<Diagnostic>,
) -> (MarkdownFile, BTreeMap<String, Node>, Option<Node>) {
    let mut fields = BTreeMap::new();
    // The front matter itself, for errors about its keys; a file without
    // any has them at its top. `None` when it could not be read: that
    // error is reported, and keys it may hold are not reported missing.
    let mut root = Some(Node {
        value: Value::Null,
        pos: Pos::at(1, 1),
    });
    let split = match frontmatter::split(&file.text) {
        Ok(s) => s,
        Err(_) => {
            diags.push(
                Diagnostic::error(&file.path, Pos::at(1, 1), "The front matter that starts here is never closed.")
                    .with_label("opened here")
                    .with_help("End the front matter with a line of three hyphens `---`, then write the text below it."),
            );
            root = None;
            frontmatter::Split {
                front: None,
                body: &file.text,
                body_line: 1,
            }
        }
    };
    if let Some((yaml_text, line)) = split.front {
        let front = TextFile {
            path: file.path.clone(),
            text: Arc::from(yaml_text),
        };
        root = None;
        if let Some(node) = parse_yaml(&front, line - 1, diags) {
            let r = &mut Reader {
                file: &file.path,
                diags,
            };
            if let Some(f) = r.fields(&node, what, known) {
                fields = f.into_iter().map(|(k, v)| (k, v.clone())).collect();
                // Missing keys are reported at the opening `---`, as before.
                root = Some(Node {
                    pos: Pos::at(1, 1),
                    ..node
                });
            }
        }
    }
    let title = fields.get("title").and_then(|n| {
        Reader {
            file: &file.path,
            diags,
        }
        .text(n, "title")
    });
    (
        MarkdownFile {
            path: file.path.clone(),
            // Without front matter the body is the whole file: share it, not a copy.
            body: if split.body.len() == file.text.len() {
                Arc::clone(&file.text)
            } else {
                Arc::from(split.body)
            },
            body_line: split.body_line,
            title,
        },
        fields,
        root,
    )
}

fn field_map(f: &BTreeMap<String, Node>) -> BTreeMap<String, &Node> {
    f.iter().map(|(k, v)| (k.clone(), v)).collect()
}

/// A page without a `title` takes its first `# Heading`, which then leaves
/// the body so the page has one `h1`.
fn title_from_heading(file: &mut MarkdownFile) -> Option<String> {
    let body = file.body.trim_start_matches(['\n', '\r']);
    let skipped = file.body.len() - body.len();
    let first = body.lines().next()?;
    let title = first
        .strip_prefix("# ")?
        .trim()
        .trim_end_matches('#')
        .trim()
        .to_string();
    let lines_before = file.body[..skipped].matches('\n').count();
    let rest = &body[first.len()..];
    file.body_line += lines_before + 1;
    file.body = Arc::from(
        rest.strip_prefix("\r\n")
            .or_else(|| rest.strip_prefix('\n'))
            .unwrap_or(rest),
    );
    Some(title)
}

fn humanise(slug: &str) -> String {
    let mut s = slug.replace('-', " ");
    if let Some(c) = s.get(0..1) {
        let upper = c.to_uppercase();
        s.replace_range(0..1, &upper);
    }
    s
}

// ---------------------------------------------------------------- glossary

fn read_glossary(file: &TextFile, diags: &mut Vec<Diagnostic>) -> Vec<GlossaryEntry> {
    let Some(root) = parse_yaml(file, 0, diags) else {
        return Vec::new();
    };
    let r = &mut Reader {
        file: &file.path,
        diags,
    };
    let mut out: Vec<GlossaryEntry> = Vec::new();
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    let mut ids = clarion_core::UniqueIds::default();
    for item in r.list(&root, "glossary") {
        let Some(f) = r.fields(item, "a glossary entry", &["term", "also", "meaning"]) else {
            continue;
        };
        let Some(term) = r.req_text(&f, "term", item, "A glossary entry") else {
            continue;
        };
        let meaning = r.opt_text(&f, "meaning");
        let Some(meaning) = meaning else {
            // The empty value's place, just after `meaning:`.
            let pos = match &item.value {
                Value::Map(entries) => entries
                    .iter()
                    .find(|(k, _)| k.as_text().as_deref() == Some("meaning"))
                    .map_or(item.pos, |(_, v)| v.pos),
                _ => item.pos,
            };
            r.diags.push(
                Diagnostic::error(
                    r.file,
                    pos,
                    format!("The glossary word `{term}` has no meaning."),
                )
                .with_help(
                    "Add `meaning: ` and one or two short sentences a child of 8 would understand.",
                ),
            );
            continue;
        };
        let also = r.text_list(&f, "also");
        for word in std::iter::once(&term).chain(also.iter()) {
            if let Some(other) = seen
                .insert(normalise(word), term.clone())
                .filter(|o| o != &term)
            {
                r.error(
                    f["term"].pos,
                    format!("`{word}` is in the glossary twice (also under `{other}`)."),
                    "Keep each word in one entry only.",
                );
            }
        }
        // Letters of any script are kept, and repeats counted on, so ids
        // stay short and unique for thousands of Chinese or Arabic words.
        let id = ids.unique(&clarion_core::anchor_id(&term));
        out.push(GlossaryEntry {
            term,
            also,
            meaning,
            id,
        });
    }
    out.sort_by_key(|e| normalise(&e.term));
    out
}

// ---------------------------------------------------------------- inspections

const INSPECTION_KEYS: &[&str] = &[
    "authority",
    "framework",
    "kind",
    "title",
    "start",
    "end",
    "published",
    "lead_inspector",
    "report_url",
    "draft",
    "embargo",
    "overall",
    "judgements",
    "improvements",
];
const JUDGEMENT_KEYS: &[&str] = &["name", "child_name", "area", "grade", "parts"];

struct Ctx<'a> {
    config: &'a Config,
    frameworks: &'a BTreeMap<String, Arc<Framework>>,
    unreadable: &'a BTreeSet<String>,
}

fn grade_of(r: &mut Reader, framework: &Framework, node: &Node) -> Option<GradeRef> {
    let text = r.text(node, "grade")?;
    if let Some(index) = framework.find_grade(&text) {
        return Some(GradeRef {
            index,
            pos: node.pos,
        });
    }
    let allowed: Vec<&str> = framework.grades.iter().map(|g| g.label.as_str()).collect();
    let candidates = framework.grades.iter().flat_map(|g| {
        std::iter::once(g.label.as_str())
            .chain([g.key.as_str()])
            .chain(g.aliases.iter().map(String::as_str))
    });
    let suggestion = nearest(&text, candidates)
        .and_then(|n| framework.find_grade(n))
        .map(|i| framework.grades[i].label.as_str());
    let mut help = format!(
        "The `{}` framework's grades are {}.",
        framework.key,
        quote_list(&allowed)
    );
    if let Some(s) = suggestion {
        help = format!("Did you mean `{s}`? {help}");
    }
    r.diags.push(
        Diagnostic::error(
            r.file,
            node.pos,
            format!(
                "`{text}` is not a grade in the `{}` framework.",
                framework.key
            ),
        )
        .with_label("unknown grade")
        .with_help(help),
    );
    None
}

/// The error for a judgement name its framework does not list, with the
/// nearest listed name.
fn unknown_judgement(r: &mut Reader, fw: &Framework, name: &str, pos: Pos) {
    let mut help = format!(
        "Copy the judgement's name from the report, as the `{}` framework lists it. If the report really has this judgement, add `area:` to it (such as `area: leadership`), or list the name under `areas` in content/frameworks.yaml.",
        fw.key
    );
    if let Some(near) = nearest(name, fw.areas.keys().map(String::as_str)) {
        // The list keeps names in lower case; reports start them with a capital.
        let mut shown: String = near.chars().take(1).flat_map(char::to_uppercase).collect();
        shown.push_str(&near[near.chars().next().map_or(0, char::len_utf8)..]);
        help = format!("Did you mean `{shown}`? {help}");
    }
    r.diags.push(
        Diagnostic::error(
            r.file,
            pos,
            format!("`{name}` is not a judgement of the `{}` framework.", fw.key),
        )
        .with_label("unknown judgement")
        .with_help(help),
    );
}

fn read_judgements(
    r: &mut Reader,
    framework: Option<&Framework>,
    node: &Node,
    depth: usize,
) -> Vec<Judgement> {
    let mut out = Vec::new();
    for item in r.list(node, "judgements").to_vec() {
        let Some(f) = r.fields(&item, "a judgement", JUDGEMENT_KEYS) else {
            continue;
        };
        let Some(name) = r.req_text(&f, "name", &item, "A judgement") else {
            continue;
        };
        let grade = match (f.get("grade"), framework) {
            (Some(g), Some(fw)) => grade_of(r, fw, g),
            _ => None,
        };
        let parts = match f.get("parts") {
            Some(p) if depth < 4 => read_judgements(r, framework, p, depth + 1),
            Some(p) => {
                r.error(
                    p.pos,
                    "Judgements are nested too deeply here.",
                    "Clarion reads judgements nested up to four levels.",
                );
                Vec::new()
            }
            None => Vec::new(),
        };
        if !f.contains_key("grade") && parts.is_empty() && !f.contains_key("parts") {
            r.missing(&item, "grade", format!("The judgement `{name}` has neither a `grade` nor `parts`."), "Add `grade: ` with the grade the report gives, or `parts:` with the judgements under it.".into());
        }
        let area = r.opt_text(&f, "area");
        if let (Some(a), Some(n)) = (&area, f.get("area"))
            && !clarion_core::is_valid_slug(a)
        {
            r.error(
                n.pos,
                format!("`{a}` is not a valid area."),
                format!(
                    "Areas are lower-case words joined by hyphens, such as `care-leavers`: `{}`.",
                    clarion_core::slugify(a)
                ),
            );
        }
        let area = area.or_else(|| {
            framework
                .and_then(|fw| fw.area_of(&name))
                .map(str::to_string)
        });
        // A name the framework does not list is shown as "Not graded" under
        // its area: a slip ("progess") must not pass silently. A judgement
        // with its own `area:` may be named freely, and so may the parts
        // under one (the 2009 reports' "Partnerships", "Value for money").
        if let (0, None, Some(fw), Some(n)) = (depth, &area, framework, f.get("name"))
            && !fw.areas.is_empty()
        {
            unknown_judgement(r, fw, &name, n.pos);
        }
        out.push(Judgement {
            name,
            child_name: r.opt_text(&f, "child_name"),
            area,
            grade,
            parts,
        });
    }
    out
}

/// A file in an inspection's folder that was probably meant as `wanted`
/// (`Children.md`, `children.md.txt` with Windows hiding the extension,
/// `child.md`, `inspection.yml`): the one closest to it, if any.
fn near_miss_file<'a>(assets: &'a [String], wanted: &str) -> Option<&'a str> {
    let (want_stem, want_ext) = wanted.split_once('.')?;
    let exts: &[&str] = if want_ext == "md" {
        &["md", "markdown", "mdown", "txt", "md.txt", "markdown.txt"]
    } else {
        &["yaml", "yml", "txt", "yaml.txt", "yml.txt"]
    };
    assets
        .iter()
        .filter(|a| !a.contains('/'))
        .filter_map(|a| {
            let lower = a.to_lowercase();
            let (stem, ext) = lower.split_once('.')?;
            if !exts.contains(&ext) {
                return None;
            }
            let distance = strsim::damerau_levenshtein(stem, want_stem);
            // `child` for `children`; a slip of two letters in the stem.
            let near = distance <= 2
                || (stem.len() >= 4 && want_stem.starts_with(stem))
                || (stem.starts_with(want_stem) && !stem[want_stem.len()..].starts_with('-'));
            near.then_some((distance, a.as_str()))
        })
        .min()
        .map(|(_, a)| a)
}

/// The error for a missing `wanted` when a near miss is in the folder:
/// at the file found, naming it and the rename.
fn near_miss_error(bundle: &RawBundle, wanted: &str, missing: &str) -> Option<Diagnostic> {
    let found = near_miss_file(&bundle.assets, wanted)?;
    Some(
        Diagnostic::error(
            format!("{}/{found}", bundle.dir),
            Pos::file(),
            format!("{missing}: did you mean `{found}`? Rename it to `{wanted}`."),
        )
        .with_help(format!(
            "Clarion reads only the exact name `{wanted}`, in lower case. Windows may hide the end of a file name (such as `.txt`): turn on File name extensions in File Explorer's View menu to see it."
        )),
    )
}

fn read_inspection(
    bundle: &RawBundle,
    ctx: &Ctx,
    diags: &mut Vec<Diagnostic>,
) -> Option<Inspection> {
    let exists_unreadable = |name: &str| ctx.unreadable.contains(&format!("{}/{name}", bundle.dir));
    let slug_ok = clarion_core::is_valid_slug(&bundle.slug);
    if !slug_ok {
        diags.push(
            Diagnostic::error(&bundle.dir, Pos::file(), format!("`{}` is not a valid inspection folder name.", bundle.slug))
                .with_help(format!(
                    "Folder names become web addresses, so they use only lower-case letters, digits and hyphens. Rename the folder to `{}`.",
                    clarion_core::slugify(&bundle.slug)
                )),
        );
    }
    let Some(file) = &bundle.inspection else {
        if exists_unreadable("inspection.yaml") {
            return None;
        }
        const MISSING: &str = "This inspection folder has no inspection.yaml";
        diags.push(near_miss_error(bundle, "inspection.yaml", MISSING).unwrap_or_else(|| {
            Diagnostic::error(format!("{}/inspection.yaml", bundle.dir), Pos::file(), format!("{MISSING}."))
                .with_help("Every inspection needs an inspection.yaml with its dates and grades. `clarion new inspection SLUG` writes one to fill in.")
        }));
        return None;
    };
    let root = parse_yaml(file, 0, diags)?;
    let r = &mut Reader {
        file: &file.path,
        diags,
    };
    let f = r.fields(&root, "inspection.yaml", INSPECTION_KEYS)?;

    let kind = r.opt_text(&f, "kind").unwrap_or_else(|| "full".into());
    if let Some(n) = f.get("kind") {
        if !clarion_core::is_valid_slug(&kind) {
            r.error(
                n.pos,
                format!("`{kind}` is not a valid kind."),
                format!(
                    "Kinds are lower-case words joined by hyphens: `{}`.",
                    clarion_core::slugify(&kind)
                ),
            );
        } else if !KNOWN_KINDS.contains(&kind.as_str())
            && let Some(near) = nearest(&kind, KNOWN_KINDS.iter().copied())
                .filter(|n| strsim::damerau_levenshtein(n, &kind) <= 2)
        {
            r.diags.push(
                    Diagnostic::warning(r.file, n.pos, format!("`{kind}` is not a kind Clarion knows; it is treated as a graded inspection."))
                        .with_help(format!("Did you mean `{near}`? Known kinds: {}.", quote_list(KNOWN_KINDS))),
                );
        }
    }
    let graded = !UNGRADED_KINDS.contains(&kind.as_str());

    let framework = match f.get("framework") {
        // Any case, as grades are: `ILACS` is `ilacs`.
        Some(n) => r.text(n, "framework").and_then(|key| match ctx.frameworks.get(&key).or_else(|| ctx.frameworks.get(&key.to_lowercase())) {
            Some(fw) => Some(fw.clone()),
            None => {
                let keys: Vec<&str> = ctx.frameworks.keys().map(String::as_str).collect();
                let mut help = format!("Known frameworks: {}. A new one can be defined in content/frameworks.yaml.", quote_list(&keys));
                if let Some(near) = nearest(&key, keys.iter().copied()) {
                    help = format!("Did you mean `{near}`? {help}");
                }
                r.diags.push(
                    Diagnostic::error(r.file, n.pos, format!("`{key}` is not a known inspection framework."))
                        .with_label("unknown framework")
                        .with_help(help),
                );
                None
            }
        }),
        None => {
            if graded && !exists_unreadable("children.md") {
                r.missing(&root, "framework", "This inspection needs `framework`, so Clarion knows its grades.".into(), "Add `framework: ilacs` (2018 to March 2026), `ilacs-2026` (April 2026 on), `sif` (2013-2018) or `safeguarding-lac-2009`.".into());
            }
            None
        }
    };

    let authority = match r
        .opt_text(&f, "authority")
        .or_else(|| ctx.config.authority.clone())
    {
        Some(a) => a,
        // site.yaml's own error says enough: its default is unknown.
        None if ctx.config.defaults_unknown => String::new(),
        None => {
            r.missing(
                &root,
                "authority",
                "This inspection does not say which authority was inspected.".into(),
                "Add `authority: ` here, or a default `authority:` in site.yaml.".into(),
            );
            String::new()
        }
    };

    let start = r.date(&f, "start");
    let end = r.date(&f, "end");
    let published = r.date(&f, "published");
    if !f.contains_key("start") && !f.contains_key("published") {
        r.missing(
            &root,
            "start",
            "This inspection needs a `start` date, or a `published` date when only that is known."
                .into(),
            "Add `start: YYYY-MM-DD` (the first day on site).".into(),
        );
    }
    if let (Some(s), Some(e)) = (start, end)
        && e < s
    {
        r.error(
            f["end"].pos,
            format!("`end` ({e}) is before `start` ({s})."),
            "Check the two dates: `end` is the last day on site.",
        );
    }
    // A framework used outside the years it ran: ILACS with a 2016 date was
    // a SIF inspection. A report is published after the visit, so a
    // `published` date alone can only show the framework had not begun.
    if let (Some(fw), Some(n)) = (&framework, f.get("framework")) {
        let dated =
            start.or(published.filter(|p| fw.from.is_some_and(|from| months_of(p).1 < from)));
        if let Some(d) = dated.filter(|d| !ran_on(fw, d)) {
            let span = |fw: &Framework| match (fw.from, fw.until) {
                (Some(a), Some(b)) => format!("ran from {} to {}", month_words(a), month_words(b)),
                (Some(a), None) => format!("runs from {}", month_words(a)),
                (None, Some(b)) => format!("ran until {}", month_words(b)),
                (None, None) => String::new(),
            };
            let which = if start.is_some() {
                "started"
            } else {
                "was published"
            };
            let which = format!("{which} {}", if d.day.is_some() { "on" } else { "in" });
            let mut help = "Check the date, and the framework the report names.".to_string();
            if let Some(then) = ctx
                .frameworks
                .values()
                .find(|o| o.key != fw.key && ran_on(o, &d))
            {
                help = format!("Did you mean `{}`? It {}. {help}", then.key, span(then));
            }
            r.diags.push(
                Diagnostic::error(
                    r.file,
                    n.pos,
                    format!(
                        "The `{}` framework {}, but this inspection {which} {}.",
                        fw.key,
                        span(fw),
                        d.human()
                    ),
                )
                .with_label("framework outside its dates")
                .with_help(help),
            );
        }
    }
    let embargo = match f.get("embargo") {
        Some(n) => match r.text(n, "embargo") {
            Some(t) => match Timestamp::parse_in(&t, &ctx.config.timezone) {
                Some(ts) => Some(ts),
                None => {
                    r.error(n.pos, format!("`{t}` is not a date and time."), format!("Write the moment the report may be published, in the site's time zone ({}): `embargo: 2025-12-12 00:01`.", ctx.config.timezone));
                    None
                }
            },
            None => None,
        },
        None => None,
    };
    // Left empty, these two would publish the inspection: an error instead.
    if let Some(pos) = empty_key(&root, "draft") {
        r.diags.push(
            Diagnostic::error(
                r.file,
                pos,
                "`draft` is empty, so it is not clear whether this inspection may be published.",
            )
            .with_label("empty")
            .with_help(
                "Write `draft: true` to keep it off the site, or delete the line to publish it.",
            ),
        );
    }
    if let Some(pos) = empty_key(&root, "embargo") {
        r.diags.push(
            Diagnostic::error(r.file, pos, "`embargo` is empty, so it is not clear when this inspection may be published.")
                .with_label("empty")
                .with_help("Write the moment it may be published, in UTC (`embargo: 2025-12-12T00:01:00Z`), or `draft: true` to keep it off the site, or delete the line to publish it now."),
        );
    }

    let mut overall = None;
    let mut judgements = Vec::new();
    if graded {
        if let (Some(n), Some(fw)) = (f.get("overall"), &framework) {
            overall = grade_of(r, fw, n);
        }
        if let Some(n) = f.get("judgements") {
            judgements = read_judgements(r, framework.as_deref(), n, 0);
        }
        if let Some(fw) = &framework {
            if fw.overall && kind == "full" && !f.contains_key("overall") {
                r.missing(
                    &root,
                    "overall",
                    format!(
                        "A full inspection under `{}` needs an `overall` grade.",
                        fw.key
                    ),
                    "Add `overall: ` with the overall effectiveness grade the report gives.".into(),
                );
            } else if let Some(pos) = empty_key(&root, "overall") {
                r.diags.push(
                    Diagnostic::error(r.file, pos, "`overall` is empty.")
                        .with_label("empty")
                        .with_help("Write the overall grade the report gives after `overall: `, or delete the line."),
                );
            } else if !f.contains_key("overall") && !f.contains_key("judgements") {
                r.error(root.pos, "This inspection gives no grades.", format!("Add `overall:` or `judgements:`, or, if this kind of visit is not graded, set `kind:` to one of {}.", quote_list(UNGRADED_KINDS)));
            }
        }
    } else {
        for key in ["overall", "judgements"] {
            if f.contains_key(key) {
                r.diags.push(
                    Diagnostic::error(r.file, key_pos(&root, key), format!("A `{kind}` inspection is not graded, so it cannot have `{key}`."))
                        .with_label("not graded")
                        .with_help(format!("Delete `{key}`, or, if this inspection was graded, change `kind:` (for example to `full`).")),
                );
            }
        }
    }

    let summary = match &bundle.summary {
        Some(s) => read_markdown(s, "summary.md's front matter", &["title"], r.diags).0,
        None => {
            if !exists_unreadable("summary.md") {
                const MISSING: &str = "This inspection has no summary.md";
                r.diags.push(near_miss_error(bundle, "summary.md", MISSING).unwrap_or_else(|| {
                    Diagnostic::error(format!("{}/summary.md", bundle.dir), Pos::file(), format!("{MISSING}."))
                        .with_help("Add summary.md beside inspection.yaml: a summary of the report for adults, in Markdown.")
                }));
            }
            MarkdownFile {
                path: format!("{}/summary.md", bundle.dir),
                body: Arc::from(""),
                body_line: 1,
                title: None,
            }
        }
    };
    let children = match &bundle.children {
        Some(c) => {
            let md = read_markdown(c, "children.md's front matter", &["title"], r.diags).0;
            // An empty page for children is worse than none: it says nothing
            // to the child who opens it.
            if md.body.trim().is_empty() {
                r.diags.push(
                    Diagnostic::error(&c.path, Pos::file(), "children.md has no text, so the children's page would be empty.")
                        .with_label("empty")
                        .with_help("Write the summary for children and young people in care below any front matter."),
                );
            }
            Some(md)
        }
        None => {
            if graded && !exists_unreadable("children.md") {
                const MISSING: &str = "This graded inspection has no children.md";
                r.diags.push(near_miss_error(bundle, "children.md", MISSING).unwrap_or_else(|| {
                    Diagnostic::error(format!("{}/children.md", bundle.dir), Pos::file(), format!("{MISSING}."))
                        .with_help("Add children.md beside inspection.yaml: the summary written for children and young people in care.")
                }));
            }
            None
        }
    };
    let mut translations = Vec::new();
    let mut seen_tags: BTreeSet<String> = BTreeSet::new();
    for (tag, tf) in &bundle.translations {
        // Tags are case-insensitive: `ar` and `AR` would be one page twice.
        if !seen_tags.insert(tag.to_ascii_lowercase()) {
            r.diags.push(
                Diagnostic::error(
                    &tf.path,
                    Pos::file(),
                    format!("There is already a translation into `{tag}` in this folder."),
                )
                .with_help(
                    "Language tags ignore case: keep one file per language and delete the other.",
                ),
            );
            continue;
        }
        if !clarion_core::is_valid_tag(tag) {
            r.diags.push(
                Diagnostic::error(&tf.path, Pos::file(), format!("`{tag}` is not a valid language tag, so this translation cannot be published."))
                    .with_help("Name translations children.<tag>.md with a BCP 47 tag: children.ar.md (Arabic), children.ps.md (Pashto), children.ti.md (Tigrinya), children.fa-AF.md (Dari)."),
            );
            continue;
        }
        let (file, fields, _) = read_markdown(
            tf,
            "a translation's front matter",
            &["reviewed", "title"],
            r.diags,
        );
        let fm = field_map(&fields);
        let reviewed = Reader {
            file: &tf.path,
            diags: r.diags,
        }
        .boolean(&fm, "reviewed")
        .unwrap_or(false);
        translations.push(Translation {
            lang: tag.clone(),
            reviewed,
            file,
        });
    }
    translations.sort_by(|a, b| a.lang.cmp(&b.lang));
    if children.is_none() && !translations.is_empty() {
        r.diags.push(
            Diagnostic::warning(
                &translations[0].file.path,
                Pos::file(),
                "This translation has no English children.md beside it.",
            )
            .with_help("Add children.md: translations are of the child summary."),
        );
    }

    Some(Inspection {
        slug: if slug_ok {
            bundle.slug.clone()
        } else {
            clarion_core::slugify(&bundle.slug)
        },
        dir: bundle.dir.clone(),
        authority,
        framework,
        kind,
        graded,
        title: r.opt_text(&f, "title"),
        start,
        end,
        published,
        lead_inspector: r.opt_text(&f, "lead_inspector"),
        report_url: r.url(&f, "report_url"),
        draft: r.boolean(&f, "draft").unwrap_or(false),
        embargo,
        overall,
        judgements,
        improvements: r.text_list(&f, "improvements"),
        summary,
        children,
        translations,
        assets: bundle.assets.clone(),
    })
}

/// Checks one inspection folder against the site's settings and frameworks.
/// A draft may be unfinished: its problems are listed, but only block the
/// build when drafts are being published.
pub fn check_bundle(
    bundle: &RawBundle,
    config: &Config,
    frameworks: &BTreeMap<String, Arc<Framework>>,
    unreadable: &BTreeSet<String>,
    opts: ValidateOptions,
) -> (Option<Inspection>, Vec<Diagnostic>) {
    let ctx = Ctx {
        config,
        frameworks,
        unreadable,
    };
    let mut diags = Vec::new();
    let inspection = read_inspection(bundle, &ctx, &mut diags);
    // Placeholder words from `clarion new inspection` are never published.
    for file in [&bundle.summary, &bundle.children].into_iter().flatten() {
        diags.extend(starter_text(file));
    }
    if inspection.as_ref().is_some_and(|i| i.draft) && !opts.include_drafts {
        for d in &mut diags {
            d.severity = Severity::Warning;
            d.message = format!("(draft) {}", d.message);
        }
    }
    (inspection, diags)
}

/// Orders inspections as the site shows them: newest first, then by slug.
pub fn sort_inspections(inspections: &mut Vec<Inspection>) {
    // An inspection is large: sort positions, then move each one once.
    let mut order: Vec<usize> = (0..inspections.len()).collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (&inspections[a], &inspections[b]);
        b.date().cmp(&a.date()).then_with(|| a.slug.cmp(&b.slug))
    });
    let mut slots: Vec<Option<Inspection>> =
        std::mem::take(inspections).into_iter().map(Some).collect();
    *inspections = order.into_iter().filter_map(|k| slots[k].take()).collect();
}

// ---------------------------------------------------------------- the whole site

/// Options that change what validation accepts.
#[derive(Debug, Clone, Copy, Default)]
pub struct ValidateOptions {
    /// Drafts and embargoed inspections are to be published.
    pub include_drafts: bool,
    pub now: Option<Timestamp>,
}

/// How to rename a file whose name is not a slug, without sending the
/// editor to a name another file in the folder already has.
fn rename_help(slug: &str, siblings: &[TextFile]) -> String {
    let fixed = clarion_core::slugify(slug);
    if siblings.iter().any(|f| file_slug(&f.path) == fixed) {
        format!(
            "File names become web addresses, and `{fixed}.md` is taken by the file beside it: merge the two, or rename this one to another name in lower-case letters, digits and hyphens."
        )
    } else {
        format!("File names become web addresses. Rename it to `{fixed}.md`.")
    }
}

fn file_slug(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.strip_suffix(".md").unwrap_or(name)
}

/// Checks a raw site and builds the model, adding every problem to `out`.
pub fn validate(raw: &RawSite, opts: ValidateOptions, out: &mut Diagnostics) -> Site {
    let mut diags = Vec::new();
    let (mut config, site_unreadable) = read_config(raw.site_yaml.as_ref(), &mut diags);
    config.defaults_unknown =
        site_unreadable || raw.site_yaml.is_none() || raw.unreadable.contains("site.yaml");

    let mut frameworks: BTreeMap<String, Arc<Framework>> = builtin_frameworks()
        .into_iter()
        .map(|f| (f.key.clone(), Arc::new(f)))
        .collect();
    if let Some(file) = &raw.frameworks {
        for f in read_frameworks(file, &mut diags) {
            frameworks.insert(f.key.clone(), Arc::new(f));
        }
    }

    let checked: Vec<(Option<Inspection>, Vec<Diagnostic>)> = raw
        .bundles
        .par_iter()
        .map(|bundle| check_bundle(bundle, &config, &frameworks, &raw.unreadable, opts))
        .collect();
    let mut inspections = Vec::with_capacity(checked.len());
    for (inspection, bundle_diags) in checked {
        diags.extend(bundle_diags);
        inspections.extend(inspection);
    }
    sort_inspections(&mut inspections);

    let all_slugs: Vec<&str> = inspections.iter().map(|i| i.slug.as_str()).collect();
    let slug_set: std::collections::HashSet<&str> = all_slugs.iter().copied().collect();
    let mut documents = Vec::new();
    // Where each document names each inspection, to say why one is withheld.
    let mut named_at: BTreeMap<(String, String), Pos> = BTreeMap::new();
    for file in &raw.documents {
        let slug = file_slug(&file.path).to_string();
        if !clarion_core::is_valid_slug(&slug) {
            diags.push(
                Diagnostic::error(
                    &file.path,
                    Pos::file(),
                    format!("`{slug}.md` is not a valid document file name."),
                )
                .with_help(rename_help(&slug, &raw.documents)),
            );
        }
        let (md, fields, front) = read_markdown(
            file,
            "a document's front matter",
            &["title", "date", "inspections", "source_url"],
            &mut diags,
        );
        // Its front matter's own error says enough: not "needs `title`" too.
        let Some(front) = front else {
            continue;
        };
        let fm = field_map(&fields);
        let r = &mut Reader {
            file: &file.path,
            diags: &mut diags,
        };
        let title = r.req_text(&fm, "title", &front, "A document's front matter");
        let date = r.date(&fm, "date");
        if !fm.contains_key("date") {
            r.missing(
                &front,
                "date",
                "A document's front matter needs `date`.".into(),
                "Add `date: YYYY-MM-DD` between the `---` lines.".into(),
            );
        }
        let mut linked = Vec::new();
        if let Some(node) = fm.get("inspections") {
            let items: Vec<Node> = match &node.value {
                Value::Seq(items) => items.clone(),
                _ => vec![(*node).clone()],
            };
            for item in &items {
                let Some(s) = r.text(item, "inspections") else {
                    continue;
                };
                if slug_set.contains(s.as_str()) {
                    named_at.insert((file.path.clone(), s.clone()), item.pos);
                    linked.push(s);
                } else {
                    let mut help =
                        "List inspections by their folder name under content/inspections/."
                            .to_string();
                    if let Some(n) = nearest(&s, all_slugs.iter().copied()) {
                        help = format!("Did you mean `{n}`? {help}");
                    }
                    r.diags.push(
                        Diagnostic::error(
                            r.file,
                            item.pos,
                            format!("There is no inspection `{s}`."),
                        )
                        .with_label("no such inspection")
                        .with_help(help),
                    );
                }
            }
        }
        let source_url = r.url(&fm, "source_url");
        if let (Some(title), Some(date)) = (title, date) {
            documents.push(Document {
                slug: clarion_core::slugify(&slug),
                title,
                date,
                inspections: linked,
                source_url,
                file: md,
            });
        }
    }
    documents.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.slug.cmp(&b.slug)));

    let mut pages = Vec::new();
    for file in &raw.pages {
        let slug = file_slug(&file.path).to_string();
        if !clarion_core::is_valid_slug(&slug) {
            diags.push(
                Diagnostic::error(
                    &file.path,
                    Pos::file(),
                    format!("`{slug}.md` is not a valid page file name."),
                )
                .with_help(rename_help(&slug, &raw.pages)),
            );
        } else if RESERVED_PAGES.contains(&slug.as_str()) {
            diags.push(
                Diagnostic::error(
                    &file.path,
                    Pos::file(),
                    format!(
                        "A page cannot be called `{slug}`: Clarion writes its own /{slug}/ address."
                    ),
                )
                .with_help(format!(
                    "Rename the file, for example to `{slug}-page.md` or `about-{slug}.md`."
                )),
            );
        }
        let (mut md, fields, _) = read_markdown(
            file,
            "a page's front matter",
            &["title", "description"],
            &mut diags,
        );
        let description = fields.get("description").and_then(Node::as_text);
        let title = md
            .title
            .clone()
            .or_else(|| title_from_heading(&mut md))
            .unwrap_or_else(|| humanise(&slug));
        pages.push(Page {
            slug: clarion_core::slugify(&slug),
            title,
            description,
            file: md,
        });
    }
    pages.sort_by(|a, b| a.slug.cmp(&b.slug));

    let glossary = raw
        .glossary
        .as_ref()
        .map(|g| read_glossary(g, &mut diags))
        .unwrap_or_default();
    let index = raw
        .index
        .as_ref()
        .map(|f| read_markdown(f, "index.md's front matter", &["title"], &mut diags).0);

    // Drafts and embargoed inspections leave no trace unless asked for.
    let mut withheld = Vec::new();
    if !opts.include_drafts {
        let now = opts.now.unwrap_or_else(Timestamp::now);
        for i in &inspections {
            let visibility = i.visibility();
            if i.draft || i.embargo.is_some_and(|t| t > now) {
                withheld.push(Withheld {
                    slug: i.slug.clone(),
                    dir: i.dir.clone(),
                    visibility,
                });
            }
        }
        inspections.retain(|i| !i.draft && i.embargo.is_none_or(|t| t <= now));
        // A document about a withheld inspection (a response to its report,
        // say) would give it away: it is withheld with it.
        let hidden: BTreeMap<&str, Visibility> = withheld
            .iter()
            .map(|w| (w.slug.as_str(), w.visibility))
            .collect();
        documents.retain(|d| {
            let Some((slug, visibility)) = d
                .inspections
                .iter()
                .find_map(|s| hidden.get(s.as_str()).map(|v| (s, *v)))
            else {
                return true;
            };
            let pos = named_at
                .get(&(d.file.path.clone(), slug.clone()))
                .copied()
                .unwrap_or(Pos::file());
            let why = match visibility {
                Visibility::Embargoed(t) => format!("is embargoed until {}", t.human()),
                _ => "is a draft".to_string(),
            };
            diags.push(
                Diagnostic::warning(
                    &d.file.path,
                    pos,
                    format!("This document is not published: the inspection `{slug}` it is about {why}."),
                )
                .with_label("withheld")
                .with_help("It is published with the inspection. To publish it now, take the inspection out of its `inspections:` list."),
            );
            false
        });
    }

    out.extend(diags);
    let lookup = SiteIndex::new(&inspections, &documents);
    Site {
        root: raw.root.clone(),
        config,
        frameworks,
        inspections,
        documents,
        pages,
        glossary,
        index,
        withheld,
        lookup,
    }
}

/// The line that marks a starter page's text as not yet written. While it
/// is there, the page cannot be published (see [`starter_text`]).
pub const STARTER_MARK: &str =
    "<!-- clarion: starter text. Delete this line once you have written the page. -->";

/// What [`STARTER_MARK`] is found by: its start, so that an editor's
/// retyped or rewrapped version of the line still counts.
const STARTER_KEY: &str = "clarion: starter text";

/// An error at the starter mark of a page written by `clarion new
/// inspection`: its placeholder words must never be published.
fn starter_text(file: &TextFile) -> Option<Diagnostic> {
    let index = file.text.lines().position(|l| l.contains(STARTER_KEY))?;
    Some(
        Diagnostic::error(&file.path, Pos::at(index + 1, 1), "This is still the starter text that `clarion new inspection` wrote.")
            .with_label("starter text")
            .with_help("Write the page in your own words, then delete this line. Until then the inspection cannot be published."),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_frameworks_are_valid() {
        let file = TextFile {
            path: "builtin".into(),
            text: Arc::from(BUILTIN_FRAMEWORKS),
        };
        let mut diags = Vec::new();
        let fws = read_frameworks(&file, &mut diags);
        assert!(diags.is_empty(), "{diags:?}");
        let keys: Vec<&str> = fws.iter().map(|f| f.key.as_str()).collect();
        assert_eq!(
            keys,
            ["safeguarding-lac-2009", "sif", "ilacs", "ilacs-2026"]
        );
        let ilacs = &fws[2];
        assert_eq!(ilacs.find_grade("Requires improvement to be good"), Some(2));
        assert_eq!(ilacs.find_grade("requires_improvement"), Some(2));
        assert_eq!(fws[0].find_grade("grade 3"), Some(2));
        assert!(!fws[0].overall);
        for fw in &fws {
            for g in &fw.grades {
                assert!(!g.child_meaning.is_empty() && !g.child_label.is_empty());
            }
        }
    }

    #[test]
    fn nearest_suggests_typos_only() {
        assert_eq!(
            nearest("frameowrk", ["framework", "kind"]),
            Some("framework")
        );
        assert_eq!(nearest("zzz", ["framework", "kind"]), None);
    }

    #[test]
    fn base_urls() {
        assert_eq!(
            normalise_base_url("https://x.github.io/kent"),
            Some(("https://x.github.io/kent/".into(), "/kent/".into()))
        );
        assert_eq!(normalise_base_url("https://x.org").unwrap().1, "/");
        assert_eq!(normalise_base_url("x.org"), None);
        assert_eq!(
            normalise_base_url("https://x.org//"),
            Some(("https://x.org/".into(), "/".into()))
        );
        assert_eq!(
            normalise_base_url("https://x.org//kent//a//").unwrap().1,
            "/kent/a/"
        );
        assert_eq!(normalise_base_url("https:///kent/"), None);
    }

    #[test]
    fn heading_becomes_title() {
        let mut f = MarkdownFile {
            path: "p.md".into(),
            body: Arc::from("\n# About us\n\nText\n"),
            body_line: 1,
            title: None,
        };
        assert_eq!(title_from_heading(&mut f).as_deref(), Some("About us"));
        assert_eq!(&*f.body, "\nText\n");
        assert_eq!(f.body_line, 3);
    }
}
