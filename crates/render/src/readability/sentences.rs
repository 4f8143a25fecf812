//! Sentences: where a run of `.`, `!`, `?` or `…` ends one, and where it does not.

/// Abbreviations whose full stop never ends a sentence (compared lower-case, without the final dot).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "mx", "dr", "st", "prof", "rev", "sr", "jr", "mt", "etc", "e.g", "i.e",
    "eg", "ie", "vs", "approx", "dept", "fig", "cf", "al",
];

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '\u{2026}')
}

fn is_closing(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '\u{201D}' | '\u{2019}' | ')' | ']' | '}' | '\u{00BB}' | '\u{203A}'
    )
}

fn is_opening(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '\u{201C}' | '\u{2018}' | '(' | '[' | '{' | '\u{00AB}' | '\u{2039}'
    )
}

/// Byte spans (start, end) of the trimmed sentences in `text` that contain a word.
pub(super) fn sentence_spans(text: &str) -> Vec<(usize, usize)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let n = chars.len();
    let byte_at = |k: usize| if k < n { chars[k].0 } else { text.len() };
    let mut spans = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < n {
        if !is_terminator(chars[i].1) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < n && is_terminator(chars[j].1) {
            j += 1;
        }
        let run_end = j;
        while j < n && is_closing(chars[j].1) {
            j += 1;
        }
        let at_boundary = j == n || chars[j].1.is_whitespace();
        if at_boundary && !dot_continues(&chars, i, run_end, j) {
            let end = byte_at(j);
            push_span(text, start, end, &mut spans);
            start = end;
        }
        i = j;
    }
    push_span(text, start, text.len(), &mut spans);
    spans
}

fn push_span(text: &str, start: usize, end: usize, spans: &mut Vec<(usize, usize)>) {
    let s = &text[start..end];
    let trimmed = s.trim_start();
    let lead = s.len() - trimmed.len();
    let trimmed = trimmed.trim_end();
    if trimmed.chars().any(char::is_alphanumeric) {
        spans.push((start + lead, start + lead + trimmed.len()));
    }
}

/// Whether a run of full stops at `chars[i..run_end]` (closing marks up to `after`) does not end
/// the sentence: abbreviations, initials, and full stops followed by a lower-case word.
fn dot_continues(chars: &[(usize, char)], i: usize, run_end: usize, after: usize) -> bool {
    let exclaims = chars[i..run_end].iter().any(|&(_, c)| c == '!' || c == '?');
    let next = chars[after..]
        .iter()
        .map(|&(_, c)| c)
        .find(|c| !c.is_whitespace());
    // A new sentence starts with a capital: "e.g. the", "9 a.m. on", "waited... and" and
    // "“Is it safe?” he asked" go on, but a bare "Really? yes" is taken as two sentences.
    if next.is_some_and(char::is_lowercase) && (!exclaims || after > run_end) {
        return true;
    }
    if exclaims || chars[i].1 != '.' || run_end != i + 1 || after != run_end {
        return false;
    }
    // The token before the dot, e.g. "Mr" or "e.g"; abbreviations are short, so look back a little.
    let mut k = i;
    while k > 0 && i - k < 12 {
        let c = chars[k - 1].1;
        if c.is_whitespace() || is_opening(c) {
            break;
        }
        k -= 1;
    }
    if k > 0 && !(chars[k - 1].1.is_whitespace() || is_opening(chars[k - 1].1)) {
        return false;
    }
    let token: String = chars[k..i].iter().map(|&(_, c)| c).collect();
    let mut letters = token.chars();
    if let (Some(c), None) = (letters.next(), letters.next())
        && c.is_uppercase()
    {
        return true; // An initial, as in "J. Smith".
    }
    let lower = token.to_lowercase();
    if lower == "no" || lower == "nos" {
        // "No. 10" but not "The answer is no. 10 people said so" is indistinguishable;
        // a digit after "No." is far more often a number sign.
        return next.is_some_and(|c| c.is_ascii_digit());
    }
    ABBREVIATIONS.contains(&lower.as_str())
}
