//! Words as the glossary sees them, shared by its validation (does a
//! `not_in` phrase hold the word?) and its matcher on pages, so the two
//! never disagree about what a word is.

/// The curly apostrophe Word types; read as a straight one everywhere.
const CURLY: char = '\u{2019}';

/// Whether `c` belongs to a word: letters, digits and apostrophes
/// (`nurse's`, `carers'`).
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\'' || c == CURLY
}

/// One word as matched: lower-cased, curly apostrophes made straight.
pub fn fold_word(w: &str) -> String {
    let mut out = String::with_capacity(w.len());
    fold_word_into(w, &mut out);
    out
}

/// `fold_word`, written onto the end of `out` (no allocation per word).
pub fn fold_word_into(w: &str, out: &mut String) {
    if w.is_ascii() {
        // Copied whole, then lowered in place: no char at a time.
        let start = out.len();
        out.push_str(w);
        out[start..].make_ascii_lowercase();
        return;
    }
    for c in w.chars() {
        if c == CURLY {
            out.push('\'');
        } else {
            out.extend(c.to_lowercase());
        }
    }
}

/// Where each word of `s` is, as byte ranges, a leading apostrophe (a
/// quote) left out: the glossary's matcher needs the places, `words` the
/// words, and both read words this one way.
pub fn word_ranges(s: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    // Byte by byte through ASCII, the most of an English page.
    let at = move |i: usize| -> (bool, usize) {
        let b = s.as_bytes()[i];
        if b.is_ascii() {
            (b.is_ascii_alphanumeric() || b == b'\'', 1)
        } else {
            let c = s[i..].chars().next().unwrap_or(' ');
            (is_word_char(c), c.len_utf8())
        }
    };
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < s.len() {
            let (is_word, width) = at(i);
            if !is_word {
                i += width;
                continue;
            }
            let start = i;
            while i < s.len() {
                let (is_word, width) = at(i);
                if !is_word {
                    break;
                }
                i += width;
            }
            let word = s[start..i].trim_start_matches(['\'', CURLY]);
            if !word.is_empty() {
                return Some(i - word.len()..i);
            }
        }
        None
    })
}

/// The words of `s`, folded: `"Care-leavers' homes"` is `care`,
/// `leavers'`, `homes`. Apostrophes around a word (quotes) are dropped.
pub fn words(s: &str) -> Vec<String> {
    word_ranges(s).map(|r| fold_word(&s[r])).collect()
}

/// Endings the last word of a glossary word may have on a page: plurals
/// and possessives (`advocates`, `boxes`, `nurse's`, `carers'`).
pub const ENDINGS: [&str; 5] = ["s", "es", "'s", "s'", "'"];

/// The forms of a folded word with its endings, itself first: for a word
/// ending in a consonant and `y`, also `ies` and `ies'` (`agencies`).
pub fn with_endings(word: &str) -> Vec<String> {
    let mut out = vec![word.to_string()];
    out.extend(ENDINGS.iter().map(|e| format!("{word}{e}")));
    let mut rev = word.chars().rev();
    if rev.next() == Some('y') && rev.next().is_some_and(|c| !"aeiou".contains(c)) {
        let stem = &word[..word.len() - 1];
        out.push(format!("{stem}ies"));
        out.push(format!("{stem}ies'"));
    }
    out
}

/// The words `word` may be a form of, itself first: every `base` whose
/// `with_endings(base)` holds `word` (`boxes` gives `box`, `families`
/// gives `family`, `carers'` gives `carer`), and some that are no word.
pub fn base_forms(word: &str) -> Vec<String> {
    let mut out = vec![word.to_string()];
    for e in ENDINGS {
        if let Some(stem) = word.strip_suffix(e).filter(|s| !s.is_empty()) {
            out.push(stem.to_string());
        }
    }
    for e in ["ies", "ies'"] {
        // Only after a consonant, as `with_endings` makes them.
        if let Some(stem) = word.strip_suffix(e)
            && stem
                .chars()
                .next_back()
                .is_some_and(|c| !"aeiou".contains(c))
        {
            out.push(format!("{stem}y"));
        }
    }
    out
}

/// Whether the words of `phrase` hold the words of `form` in a row, its
/// last word perhaps with an ending: `for good` holds `good`, `foster
/// carers' homes` holds `foster carer`.
pub fn holds(phrase: &[String], form: &[String]) -> bool {
    let Some((last, first)) = form.split_last() else {
        return false;
    };
    let lasts = with_endings(last);
    phrase
        .windows(form.len())
        .any(|w| w[..first.len()] == *first && lasts.iter().any(|l| *l == w[first.len()]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Vec<String> {
        words(s)
    }

    #[test]
    fn words_are_folded_and_keep_their_apostrophes() {
        assert_eq!(w("Care-leavers’ homes"), ["care", "leavers'", "homes"]);
        assert_eq!(w("the 'nurse's' box"), ["the", "nurse's'", "box"]);
        assert!(w(" , ").is_empty());
    }

    #[test]
    fn word_ranges_are_the_words_places() {
        let s = "’Tis Care-leavers’ 儿童。 ' x";
        let got: Vec<&str> = word_ranges(s).map(|r| &s[r]).collect();
        assert_eq!(got, ["Tis", "Care", "leavers’", "儿童", "x"]);
        assert_eq!(word_ranges("").count(), 0);
    }

    #[test]
    fn endings_cover_plurals_and_possessives() {
        let f = with_endings("agency");
        for form in ["agency", "agencys", "agency's", "agencies", "agencies'"] {
            assert!(f.contains(&form.to_string()), "{form}");
        }
        assert!(!with_endings("day").contains(&"daies".to_string()));
    }

    #[test]
    fn base_forms_undo_every_ending() {
        for base in [
            "box", "family", "party", "day", "carer", "nurse", "child", "bus",
        ] {
            for form in with_endings(base) {
                assert!(
                    base_forms(&form).contains(&base.to_string()),
                    "{form} -> {base}"
                );
            }
        }
        for (form, base) in [
            ("boxes", "box"),
            ("families", "family"),
            ("parties", "party"),
        ] {
            assert!(base_forms(form).contains(&base.to_string()), "{form}");
        }
        assert!(!base_forms("days").contains(&"daiy".to_string()));
        assert!(
            !base_forms("ies").contains(&"y".to_string()),
            "no consonant before ies"
        );
        assert!(!base_forms("s").contains(&String::new()));
    }

    #[test]
    fn a_phrase_holds_a_form_with_its_ending() {
        assert!(holds(&w("for good"), &w("good")));
        assert!(holds(&w("foster carers' homes"), &w("foster carer")));
        assert!(!holds(&w("for ever"), &w("good")));
        assert!(!holds(&w("goodness me"), &w("good")));
        assert!(!holds(&w("carer foster"), &w("foster carer")));
        assert!(!holds(&w("good"), &[]));
    }
}
