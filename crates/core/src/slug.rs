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
    let mut out = String::with_capacity(s.len());
    let mut gap = false;
    for c in s.chars() {
        let c = fold_accent(c);
        if c.is_ascii_alphanumeric() {
            if gap && !out.is_empty() {
                out.push('-');
            }
            gap = false;
            out.push(c.to_ascii_lowercase());
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
}
