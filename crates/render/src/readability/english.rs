//! The English syllable heuristic for one run of letters, folded to
//! lower-case ASCII (`#` for letters of other scripts).

/// Letter runs longer than this get a plain vowel-group count (not English words anyway).
pub(super) const MAX_RUN: usize = 40;

fn plain_vowel_groups(w: &[u8]) -> usize {
    let mut groups = 0;
    let mut in_vowels = false;
    for &c in w {
        let v = is_vowel_letter(c);
        if v && !in_vowels {
            groups += 1;
        }
        in_vowels = v;
    }
    groups
}

pub(super) fn is_vowel_letter(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

/// Byte-slice prefix test; a plain loop beats a `memcmp` call on these tiny slices.
#[inline]
fn has_prefix(w: &[u8], p: &[u8]) -> bool {
    w.len() >= p.len() && w.iter().zip(p).all(|(a, b)| a == b)
}

#[inline]
fn has_suffix(w: &[u8], p: &[u8]) -> bool {
    w.len() >= p.len() && w[w.len() - p.len()..].iter().zip(p).all(|(a, b)| a == b)
}

/// Whole words the rules get wrong (dictionary counts).
fn exception(w: &[u8]) -> Option<usize> {
    Some(match w {
        b"every" => 2,
        b"business" => 2,
        b"businesses" => 3,
        b"maybe" => 2,
        b"element" | b"elements" => 3,
        b"elementary" => 5,
        b"argue" | b"argued" | b"argues" => 2,
        b"ambiguous" => 4,
        b"lion" | b"lions" => 2,
        b"chaos" => 2,
        b"naive" => 2,
        b"recipe" | b"recipes" => 3,
        b"evening" | b"evenings" => 2,
        b"wednesday" | b"wednesdays" => 2,
        b"naked" | b"wicked" | b"sacred" | b"crooked" => 2,
        b"beloved" => 3,
        _ => return None,
    })
}

/// First halves of compounds whose silent e would otherwise be counted ("someone", "safeguarding").
const COMPOUND_HEADS: &[(&[u8], usize)] = &[
    (b"every", 2),
    (b"any", 2),
    (b"some", 1),
    (b"home", 1),
    (b"care", 1),
    (b"safe", 1),
    (b"life", 1),
    (b"time", 1),
    (b"where", 1),
    (b"there", 1),
    (b"whole", 1),
    (b"house", 1),
    (b"case", 1),
    (b"base", 1),
    (b"like", 1),
    (b"side", 1),
    (b"fire", 1),
    (b"state", 1),
    (b"name", 1),
    (b"note", 1),
    (b"wide", 1),
    (b"love", 1),
    (b"hope", 1),
    (b"here", 1),
    (b"else", 1),
    (b"frame", 1),
    (b"more", 1),
    (b"file", 1),
];

fn compound(w: &[u8]) -> Option<usize> {
    for &(head, n) in COMPOUND_HEADS {
        if w.len() >= head.len() + 2 && has_prefix(w, head) {
            let rest = &w[head.len()..];
            let consonant_start = !is_vowel_letter(rest[0]);
            // "thereof", "hereafter" join a vowel too; "wherever" is "wher-ev-er".
            let legal = matches!(head, b"where" | b"there" | b"here");
            if legal && has_prefix(rest, b"ver") {
                continue;
            }
            if (consonant_start || legal || has_prefix(rest, b"one") || rest == b"over")
                && rest.iter().any(|&c| is_vowel_letter(c))
            {
                return Some(n + english_syllables(rest).max(1));
            }
        }
    }
    None
}

/// Word starts where "re", "co", "pre", "de" is followed by a vowel that is its own syllable,
/// with the index of that vowel.
const PREFIX_BREAKS: &[(&[u8], usize)] = &[
    (b"react", 2),
    (b"reass", 2),
    (b"reapp", 2),
    (b"reint", 2),
    (b"reinf", 2),
    (b"reorg", 2),
    (b"reop", 2),
    (b"reun", 2),
    (b"reus", 2),
    (b"reev", 2),
    (b"reent", 2),
    (b"reed", 2),
    (b"reim", 2),
    (b"reit", 2),
    (b"reinst", 2),
    (b"reali", 2),
    (b"coinc", 2),
    (b"coerc", 2),
    (b"coord", 2),
    (b"cooper", 2),
    (b"coexist", 2),
    (b"preexist", 3),
    (b"preempt", 3),
    (b"deact", 2),
];

/// Suffixes before which a single silent e stays silent ("improvement", "lonely", "useful").
const SILENT_E_SUFFIXES: &[&[u8]] = &[
    b"ly", b"li", b"ful", b"less", b"ness", b"ment", b"some", b"ship", b"way", b"man", b"men",
    b"work",
];

/// English syllable heuristic for a run of lower-case ASCII letters (`#` for other letters).
/// May return 0 (no vowels); the caller enforces the minimum of one.
pub(super) fn english_syllables(w: &[u8]) -> usize {
    let n = w.len();
    if n == 0 {
        return 0;
    }
    if n > MAX_RUN {
        // Not an English word; avoid the fixed-size buffers below.
        return plain_vowel_groups(w);
    }
    if let Some(c) = exception(w) {
        return c;
    }
    if let Some(c) = compound(w) {
        return c;
    }
    let mut buf_v = [false; MAX_RUN];
    let mut buf_split = [false; MAX_RUN];
    let v = &mut buf_v[..n];
    let split = &mut buf_split[..n];
    mark_vowels(w, v);
    for k in 1..n {
        if v[k] && v[k - 1] {
            split[k] = hiatus(w, v, k);
        }
    }
    for &(prefix, at_k) in PREFIX_BREAKS {
        if n > at_k && has_prefix(w, prefix) {
            split[at_k] = true;
        }
    }

    let mut count = 0usize;
    for k in 0..n {
        if v[k] && (k == 0 || !v[k - 1] || split[k]) {
            count += 1;
        }
    }
    count = silent_e_before_suffix(w, v, count);
    count = endings(w, v, count);
    // "-ically" is said "-ic-ly" ("automatically", "specifically").
    if (has_suffix(w, b"ically") || has_suffix(w, b"icaly")) && count > 1 {
        count -= 1;
    }
    // "autism", "criticism", "rhythm", "algorithm": the final m is a syllable.
    if has_suffix(w, b"sm")
        || has_suffix(w, b"sms")
        || has_suffix(w, b"thm")
        || has_suffix(w, b"thms")
    {
        count += 1;
    }
    count
}

/// The letter at `k`, or a space past the end.
#[inline]
fn at(w: &[u8], k: usize) -> u8 {
    w.get(k).copied().unwrap_or(b' ')
}

#[inline]
fn pure_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Which letters are vowels here: "u" after q (and after g before a vowel) is a consonant
/// ("quality", "guard", "league"); "y" is a consonant at the start and between vowels
/// ("yes", "player", "beyond").
#[inline]
fn mark_vowels(w: &[u8], v: &mut [bool]) {
    for k in 0..w.len() {
        let c = w[k];
        v[k] = match c {
            b'a' | b'e' | b'i' | b'o' => true,
            b'u' => {
                !(k > 0 && (w[k - 1] == b'q' || (w[k - 1] == b'g' && pure_vowel(at(w, k + 1)))))
            }
            b'y' => !(k == 0 || (v[k - 1] && pure_vowel(at(w, k + 1)))),
            _ => false,
        };
    }
}

/// Whether the adjacent vowels at `k - 1` and `k` are two syllables (hiatus), e.g.
/// "ra-di-o", "i-de-a", "go-ing".
#[inline]
fn hiatus(w: &[u8], v: &[bool], k: usize) -> bool {
    let (a, b) = (w[k - 1], w[k]);
    let before = if k >= 2 { w[k - 2] } else { b' ' };
    let rest = &w[k + 1..];
    if b == b'i' && (rest == b"ng" || rest == b"ngs") {
        // "being", "doing", "saying", "studying".
        return true;
    }
    if a == b'i' {
        return hiatus_after_i(w, k, b, before, rest);
    }
    match (a, b) {
        // "area", "idea(s)" but not "tea"; "(re)create" but not "creature"; "agreeable".
        (b'e', b'a') => {
            let vowel_earlier = v[..k - 1].iter().any(|&x| x);
            ((rest.is_empty() || rest == b"s") && vowel_earlier)
                || (k >= 3
                    && &w[k - 3..k] == b"cre"
                    && at(w, k + 1) == b't'
                    && at(w, k + 2) != b'u')
                || before == b'e'
        }
        // "video", "theory", "geography" but not "people", "gorgeous".
        (b'e', b'o') => {
            !matches!(before, b'p' | b'g') || (k == 2 && has_prefix(w, b"geo") && at(w, 3) != b'r')
        }
        (b'e', b'u') => rest == b"m" || rest == b"ms",
        // "usual", "actual", "continuous"; after q/g the u is already a consonant.
        (b'u', b'a') | (b'u', b'o') => true,
        // "fuel", "influence", "fluent", "duet" but not "value", "issues", "continued".
        (b'u', b'e') => {
            has_prefix(rest, b"l")
                || has_prefix(rest, b"nt")
                || has_prefix(rest, b"nc")
                || rest == b"t"
        }
        // "fluid", "ruin", "genuine", "intuitive", "continuity" but not "fruit", "build", "juice".
        (b'u', b'i') => {
            has_prefix(rest, b"d")
                || has_prefix(rest, b"n")
                || has_prefix(rest, b"ti")
                || has_prefix(rest, b"ty")
        }
        // "poem", "poet", "whoever" but not "does", "goes", "shoe".
        (b'o', b'e') => {
            has_prefix(rest, b"m") || has_prefix(rest, b"t") || has_prefix(rest, b"ver")
        }
        // "archaic", "chaotic".
        (b'a', b'i') => rest == b"c" || rest == b"cs",
        (b'a', b'o') => has_prefix(rest, b"t") || has_prefix(rest, b"s"),
        _ => false,
    }
}

/// [`hiatus`] for an "i" followed by the vowel `b`.
#[inline]
fn hiatus_after_i(w: &[u8], k: usize, b: u8, before: u8, rest: &[u8]) -> bool {
    match b {
        // "-cial", "-tial", "-sian" are one syllable; "media", "trial" are two.
        // "-ciate", "-tiation" are two ("as-so-ci-ate", "ne-go-ti-a-tion").
        // "giant" is two; "Italian", "civilian" keep "-lian" as one.
        b'a' => {
            (!matches!(before, b'c' | b't' | b's' | b'x' | b'g')
                && !(before == b'l' && (rest == b"n" || rest == b"ns")))
                || matches!(rest, b"te" | b"ted" | b"tes" | b"ting" | b"tion" | b"tions")
                || (before == b'g' && has_prefix(rest, b"nt"))
        }
        // "-tion", "-sion", "million", "opinion", "behaviour" vs "radio", "period", "various".
        b'o' => {
            let one = matches!(before, b'c' | b't' | b's' | b'x' | b'g' | b'n' | b'l')
                || has_prefix(rest, b"ur")
                || (before == b'v' && has_prefix(rest, b"r"));
            !one
        }
        b'u' => true,
        b'e' => {
            let sci = k == 3 && has_prefix(w, b"sci");
            let ient = has_prefix(rest, b"nt") || has_prefix(rest, b"nc");
            (ient && (sci || !matches!(before, b'c' | b't' | b's' | b'x' | b'g' | b'n')))
                || has_prefix(rest, b"t")
                || rest == b"r"
                || rest == b"rs"
                || rest == b"st"
        }
        _ => false,
    }
}

/// A consonant at `c` that makes a following "le" a syllable of its own ("table").
#[inline]
fn syllabic_l(w: &[u8], v: &[bool], c: usize) -> bool {
    c < w.len() && !v[c] && !matches!(w[c], b'l' | b'r' | b'w' | b'#')
}

/// A consonant at `c` that makes a following "re" a syllable of its own ("centre").
#[inline]
fn syllabic_r(w: &[u8], c: usize) -> bool {
    c < w.len() && matches!(w[c], b'b' | b'c' | b'd' | b'g' | b'k' | b'p' | b't' | b'v')
}

/// Whether w[k] is an "e" making a one-letter vowel group.
#[inline]
fn lone_e(w: &[u8], v: &[bool], k: usize) -> bool {
    let n = w.len();
    w[k] == b'e' && v[k] && (k == 0 || !v[k - 1]) && (k + 1 >= n || !v[k + 1])
}

/// Silent e inside words before a suffix: "improvement", "lonely", "careful", "statement".
#[inline]
fn silent_e_before_suffix(w: &[u8], v: &[bool], mut count: usize) -> usize {
    let n = w.len();
    for k in 1..n.saturating_sub(1) {
        if !lone_e(w, v, k) {
            continue;
        }
        let rest = &w[k + 1..];
        let suffix = SILENT_E_SUFFIXES.iter().any(|s| has_prefix(rest, s))
            || rest == b"ty"
            || rest == b"ties";
        if !suffix {
            continue;
        }
        // One or two consonants before the e, with a vowel before them, and not "-tle"/"-tre".
        let mut j = k;
        while j > 0 && !v[j - 1] && k - j < 3 {
            j -= 1;
        }
        let consonants = k - j;
        let syllabic = consonants == 2 && matches!(w[k - 1], b'l' | b'r');
        if (1..=2).contains(&consonants) && j > 0 && v[j - 1] && !syllabic && count > 1 {
            count -= 1;
        }
    }
    count
}

/// Word endings: a silent final e, "-es" and "-ed".
#[inline]
fn endings(w: &[u8], v: &[bool], mut count: usize) -> usize {
    let n = w.len();
    // The "le"/"re" whose consonant is at `c` ("-ble", "-tre").
    let syllabic = |l_or_r: u8, c: usize| {
        (l_or_r == b'l' && syllabic_l(w, v, c)) || (l_or_r == b'r' && syllabic_r(w, c))
    };
    if n >= 2 && lone_e(w, v, n - 1) && count > 1 {
        // Final silent e ("care", "whole") except "-ble", "-tle", "-tre".
        let keeps = n >= 3 && syllabic(w[n - 2], n - 3);
        if !keeps {
            count -= 1;
        }
    } else if n >= 3 && w[n - 1] == b's' && lone_e(w, v, n - 2) && count > 1 {
        // "-es" is silent ("makes") except after hissing sounds ("boxes", "places", "changes")
        // and in "-bles", "-tres".
        let c = w[n - 3];
        let hiss = matches!(c, b's' | b'z' | b'x' | b'c' | b'g')
            || (c == b'h' && n >= 4 && matches!(w[n - 4], b'c' | b's'));
        let keeps = hiss || (n >= 4 && syllabic(c, n - 4));
        if !keeps {
            count -= 1;
        }
    } else if n >= 3 && w[n - 1] == b'd' && lone_e(w, v, n - 2) && count > 1 {
        // "-ed" is silent ("cared") except after t/d ("wanted") and in "-bled", "-tred".
        let c = w[n - 3];
        let keeps = matches!(c, b't' | b'd') || (n >= 4 && syllabic(c, n - 4));
        if !keeps {
            count -= 1;
        }
    }
    count
}
