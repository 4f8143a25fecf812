//! Slugs: the folder and file names that become addresses.

/// True when `s` is lower-case letters, digits and single hyphens, with no
/// hyphen at either end.
pub fn is_valid(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
}

/// The slug an editor should rename `s` to: lower case, accents dropped
/// where they have a plain letter, anything else turned into hyphens.
pub fn slugify(s: &str) -> String {
    hyphenate(s, |c| c.is_ascii_alphanumeric())
}

/// An `id` for a page anchor: like [`slugify`], but letters and digits of
/// any script are kept (lower-cased), so Chinese or Arabic words get ids of
/// their own instead of all being `untitled`. Only for the part of an
/// address after `#`, never for a file or folder name.
pub fn anchor(s: &str) -> String {
    hyphenate(s, char::is_alphanumeric)
}

/// The characters `keep` accepts, accents folded and lower-cased, with one
/// hyphen for each run of others between them (apostrophes join words).
fn hyphenate(s: &str, keep: impl Fn(char) -> bool) -> String {
    let mut out = String::with_capacity(s.len());
    let mut gap = false;
    for c in s.chars() {
        let c = fold_accent(c);
        if keep(c) {
            if gap && !out.is_empty() {
                out.push('-');
            }
            gap = false;
            out.extend(c.to_lowercase());
        } else if c != '\'' && c != '\u{2019}' {
            gap = true;
        }
    }
    if out.is_empty() {
        "untitled".to_string()
    } else {
        out
    }
}

/// Hands out unique ids: the first `x`, then `x-2`, `x-3`... Each base
/// remembers the last number it gave, so a thousand equal names cost a
/// thousand steps, not half a million.
#[derive(Debug, Default)]
pub struct UniqueIds {
    used: std::collections::HashSet<String>,
    next: std::collections::HashMap<String, usize>,
}

impl UniqueIds {
    /// Marks `id` as taken as it is (an id an editor chose); false if it was already.
    pub fn reserve(&mut self, id: &str) -> bool {
        self.used.insert(id.to_string())
    }

    /// `base` if it is free, otherwise `base-N` with the smallest free N from 2.
    pub fn unique(&mut self, base: &str) -> String {
        if self.used.insert(base.to_string()) {
            return base.to_string();
        }
        let n = self.next.entry(base.to_string()).or_insert(2);
        loop {
            let id = format!("{base}-{n}");
            *n += 1;
            if self.used.insert(id.clone()) {
                return id;
            }
        }
    }
}

fn fold_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' | 'À' | 'Á' | 'Â' | 'Ä' | 'Ã' | 'Å' => 'a',
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => 'i',
        'ò' | 'ó' | 'ô' | 'ö' | 'õ' | 'Ò' | 'Ó' | 'Ô' | 'Ö' | 'Õ' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => 'u',
        'ç' | 'Ç' => 'c',
        'ñ' | 'Ñ' => 'n',
        'ŵ' | 'Ŵ' => 'w',
        'ŷ' | 'ý' | 'ÿ' | 'Ŷ' | 'Ý' => 'y',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_slugs() {
        assert!(is_valid("2025-11-ilacs"));
        assert!(is_valid("a"));
        for bad in ["", "Kent", "a_b", "a b", "-a", "a-", "a--b", "é"] {
            assert!(!is_valid(bad), "{bad}");
        }
    }

    #[test]
    fn slugify_suggests_valid_names() {
        assert_eq!(slugify("2025 Kent ILACS"), "2025-kent-ilacs");
        assert_eq!(slugify("Children's_page--"), "childrens-page");
        assert_eq!(slugify("Ynys Môn"), "ynys-mon");
        assert_eq!(slugify("***"), "untitled");
        for s in ["A b", "x__y", "Ünïcode", "--"] {
            assert!(is_valid(&slugify(s)));
        }
    }

    #[test]
    fn anchors_keep_every_script() {
        for s in [
            "2025 Kent ILACS",
            "Children's_page--",
            "Ynys Môn",
            "***",
            "care leaver",
        ] {
            assert_eq!(anchor(s), slugify(s), "{s}");
        }
        assert_eq!(anchor("儿童 保护"), "儿童-保护");
        assert_eq!(anchor("Опека"), "опека");
    }

    #[test]
    fn unique_ids_count_on_from_the_last() {
        let mut ids = UniqueIds::default();
        assert!(ids.reserve("a-2"));
        let got: Vec<String> = (0..4).map(|_| ids.unique("a")).collect();
        assert_eq!(got, ["a", "a-3", "a-4", "a-5"]);
        assert_eq!(ids.unique("a-3"), "a-3-2");
        // Many equal names stay cheap and all differ.
        let mut many = UniqueIds::default();
        let all: std::collections::HashSet<String> =
            (0..100_000).map(|_| many.unique("untitled")).collect();
        assert_eq!(all.len(), 100_000);
    }
}
