//! Strings files (`i18n/<lang>.yaml`): the words the theme writes, per
//! language, and site.yaml's texts given per language.

use std::collections::BTreeMap;

use super::reader::{Reader, parse_yaml};
use crate::load::TextFile;
use crate::yaml::{Node, Value};
use clarion_core::{Diagnostic, Diagnostics, Pos, StringsFile};

/// Reads a strings file into dotted keys (`talk: {heading: x}` is
/// `talk.heading`). Also reads the theme's own files.
pub fn parse_strings(file: &TextFile, diags: &mut Diagnostics) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let Some(root) = parse_yaml(file, 0, diags) else {
        return out;
    };
    let r = &mut Reader {
        file: &file.path,
        diags,
    };
    match &root.value {
        Value::Map(_) => flatten(r, &root, "", &mut out),
        Value::Null => {}
        other => r.error(
            root.pos,
            format!("A strings file should be a set of `key: text` lines, but this is {}.", other.kind_name()),
            "Write one string a line, such as `talk.heading: Who can I talk to?`, or copy the keys from the theme's i18n/en.yaml.",
        ),
    }
    out
}

fn flatten(r: &mut Reader, node: &Node, prefix: &str, out: &mut BTreeMap<String, String>) {
    let Value::Map(entries) = &node.value else {
        return;
    };
    for (k, v) in entries {
        let Some(key) = k.as_text() else { continue };
        let full = if prefix.is_empty() {
            key
        } else {
            format!("{prefix}.{key}")
        };
        match &v.value {
            Value::Map(_) => flatten(r, v, &full, out),
            Value::Seq(_) => r.error(
                v.pos,
                format!("The string `{full}` is a list; it should be text."),
                "Write the text on the same line as its key, or under it after `|`.",
            ),
            _ => {
                if let Some(t) = r.text(v, &full) {
                    out.insert(full, t);
                }
            }
        }
    }
}

/// The site's `i18n/<lang>.yaml` files, by language tag.
pub(super) fn read_strings_files(
    files: &[TextFile],
    diags: &mut Diagnostics,
) -> BTreeMap<String, StringsFile> {
    let mut by_lang = BTreeMap::new();
    for f in files {
        let name = f.path.rsplit('/').next().unwrap_or(&f.path);
        let lang = name.trim_end_matches(".yaml");
        if !clarion_core::is_valid_tag(lang) {
            diags.push(
                Diagnostic::error(
                    &f.path,
                    Pos::file(),
                    format!("`{name}` is not named by a language tag, so Clarion cannot tell which language its strings are in."),
                )
                .with_help("Name the file by the language's tag, as translations are: i18n/ar.yaml for Arabic, i18n/ps.yaml for Pashto, i18n/ti.yaml for Tigrinya."),
            );
            continue;
        }
        let strings = parse_strings(f, diags);
        by_lang.insert(
            lang.to_string(),
            StringsFile {
                path: f.path.clone(),
                strings,
            },
        );
    }
    by_lang
}

/// A required text that may be given per language (see [`localized`]),
/// reported as [`Reader::req_text`] reports one that is missing.
pub(super) fn req_localized(
    r: &mut Reader,
    f: &BTreeMap<String, &Node>,
    key: &str,
    parent: &Node,
    what: &str,
    default_lang: &str,
) -> Option<(String, BTreeMap<String, String>)> {
    match f.get(key) {
        Some(n) => localized(r, n, key, default_lang),
        None => r
            .req_text(f, key, parent, what)
            .map(|t| (t, BTreeMap::new())),
    }
}

/// A text site.yaml may give once or per language (`title: {en-GB: x,
/// ar: y}`): the text in `default_lang`, and the others by tag.
pub(super) fn localized(
    r: &mut Reader,
    node: &Node,
    key: &str,
    default_lang: &str,
) -> Option<(String, BTreeMap<String, String>)> {
    let Value::Map(entries) = &node.value else {
        return r.text(node, key).map(|t| (t, BTreeMap::new()));
    };
    let mut by_lang = BTreeMap::new();
    let mut default = None;
    for (k, v) in entries {
        let Some(tag) = k.as_text() else { continue };
        if !clarion_core::is_valid_tag(&tag) {
            r.error(
                k.pos,
                format!("`{tag}` is not a language tag, so this `{key}` cannot be given in it."),
                format!("Give `{key}` per language with tags as keys, such as `{default_lang}: ...` and `ar: ...`."),
            );
            continue;
        }
        let Some(text) = r.text(v, key) else { continue };
        if tag.eq_ignore_ascii_case(default_lang) {
            default = Some(text);
        } else {
            by_lang.insert(tag, text);
        }
    }
    // The site's own language, or failing that its language without region.
    let primary = clarion_core::primary_subtag(default_lang);
    let default = default.or_else(|| {
        let k = by_lang
            .keys()
            .find(|t| t.eq_ignore_ascii_case(&primary))?
            .clone();
        by_lang.remove(&k)
    });
    match default {
        Some(d) => Some((d, by_lang)),
        None => {
            r.error(
                node.pos,
                format!("`{key}` is given per language, but not in the site's language `{default_lang}`."),
                format!("Add `{default_lang}: ...` under `{key}`: pages in the site's own language need it."),
            );
            None
        }
    }
}
