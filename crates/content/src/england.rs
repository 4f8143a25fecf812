//! `content/england.yaml`: England's councils at each overall grade, per
//! edition of Ofsted's published table and per framework. `clarion import
//! ofsted-outcomes --authority` writes it, so a site of one council can
//! show that council beside England without pages for the other 152.
//!
//! ```yaml
//! editions:
//!   - as_at: 2025-03-31
//!     frameworks:
//!       ilacs:
//!         Outstanding: 36
//!         Good: 67
//!         Requires improvement to be good: 31
//!         Inadequate: 19
//! ```

use std::collections::BTreeMap;
use std::sync::Arc;

use clarion_core::{Diagnostic, Diagnostics, Framework, NationalEdition, PartialDate, normalise};

use crate::load::TextFile;
use crate::yaml::{self, Node, Value};

/// The file's editions, oldest first; every problem is reported to `out`
/// and the entry it is in left out.
pub fn read(
    file: Option<&TextFile>,
    frameworks: &BTreeMap<String, Arc<Framework>>,
    out: &mut Diagnostics,
) -> Vec<NationalEdition> {
    let Some(file) = file else {
        return Vec::new();
    };
    let root = match yaml::parse(&file.path, &file.text, 0) {
        Ok(n) => n,
        Err(d) => {
            out.push(d);
            return Vec::new();
        }
    };
    let r = &mut Reader {
        file: &file.path,
        out,
    };
    let mut editions: Vec<NationalEdition> = Vec::new();
    let Some(list) = r
        .field(&root, "editions", "the file")
        .and_then(|n| r.seq(n))
    else {
        return editions;
    };
    for item in list {
        if let Some(e) = r.edition(item, frameworks) {
            if editions.iter().any(|o| o.as_at == e.as_at) {
                r.error(
                    item,
                    format!("The edition as at {} is listed twice.", e.as_at.human()),
                    "Keep one entry per edition: importing an edition again replaces its entry.",
                );
                continue;
            }
            editions.push(e);
        }
    }
    editions.sort_by_key(|e| e.as_at);
    editions
}

struct Reader<'a> {
    file: &'a str,
    out: &'a mut Diagnostics,
}

impl Reader<'_> {
    fn error(&mut self, at: &Node, message: String, help: &str) {
        self.out
            .push(Diagnostic::error(self.file, at.pos, message).with_help(help));
    }

    fn map<'n>(&mut self, node: &'n Node, what: &str) -> Option<&'n [(Node, Node)]> {
        if let Value::Map(m) = &node.value {
            return Some(m);
        }
        self.error(
            node,
            format!(
                "{what} should be a set of `key: value` lines, not {}.",
                node.value.kind_name()
            ),
            "See \"England's figures\" in the README's editor guide for the file's shape.",
        );
        None
    }

    fn seq<'n>(&mut self, node: &'n Node) -> Option<&'n [Node]> {
        if let Value::Seq(s) = &node.value {
            return Some(s);
        }
        self.error(
            node,
            format!(
                "`editions` should be a list, not {}.",
                node.value.kind_name()
            ),
            "Start each edition with `- as_at: YYYY-03-31` on its own line.",
        );
        None
    }

    /// The value of `key` in the map `node`, reporting it when missing.
    fn field<'n>(&mut self, node: &'n Node, key: &str, what: &str) -> Option<&'n Node> {
        let map = self.map(node, what)?;
        let found = map
            .iter()
            .find(|(k, _)| k.as_text().as_deref() == Some(key));
        if found.is_none() {
            self.error(
                node,
                format!("{what} has no `{key}:`."),
                "See \"England's figures\" in the README's editor guide for the file's shape.",
            );
        }
        found.map(|(_, v)| v)
    }

    fn edition(
        &mut self,
        item: &Node,
        frameworks: &BTreeMap<String, Arc<Framework>>,
    ) -> Option<NationalEdition> {
        let what = "An edition";
        let date_node = self.field(item, "as_at", what)?;
        let text = date_node.as_text().unwrap_or_default();
        let as_at = match PartialDate::parse(&text) {
            Ok(d) if d.day.is_some() => d,
            _ => {
                self.error(
                    date_node,
                    format!("`{text}` is not a date: `as_at` is the table's \"as at\" date."),
                    "Write it as YYYY-MM-DD, for example `as_at: 2025-03-31`.",
                );
                return None;
            }
        };
        let fws = self.field(item, "frameworks", what)?;
        let mut counts = BTreeMap::new();
        for (key, grades) in self.map(fws, "`frameworks`")? {
            let name = key.as_text().unwrap_or_default();
            let Some(fw) = frameworks.get(&name) else {
                let known: Vec<&str> = frameworks.keys().map(String::as_str).collect();
                self.error(
                    key,
                    format!("`{name}` is not a framework this site knows."),
                    &format!("Use one of: {}.", known.join(", ")),
                );
                return None;
            };
            counts.insert(name, self.counts(grades, fw)?);
        }
        Some(NationalEdition { as_at, counts })
    }

    /// Councils at each grade of `fw`, by grade index.
    fn counts(&mut self, node: &Node, fw: &Framework) -> Option<Vec<usize>> {
        let mut counts = vec![0; fw.grades.len()];
        for (key, value) in self.map(node, &format!("`{}`", fw.key))? {
            let name = key.as_text().unwrap_or_default();
            let want = normalise(&name);
            let Some(index) = fw.grades.iter().position(|g| {
                normalise(&g.key) == want
                    || normalise(&g.label) == want
                    || g.aliases.iter().any(|a| normalise(a) == want)
            }) else {
                let labels: Vec<&str> = fw.grades.iter().map(|g| g.label.as_str()).collect();
                self.error(
                    key,
                    format!("`{name}` is not a grade of the framework `{}`.", fw.key),
                    &format!("Use one of: {}.", labels.join(", ")),
                );
                return None;
            };
            match value.value {
                Value::Int(n) if n >= 0 => counts[index] += n as usize,
                _ => {
                    let text = value.as_text().unwrap_or_default();
                    self.error(
                        value,
                        format!("`{text}` is not a count of councils."),
                        "Write how many councils had the grade, as a whole number of 0 or more.",
                    );
                    return None;
                }
            }
        }
        Some(counts)
    }
}
