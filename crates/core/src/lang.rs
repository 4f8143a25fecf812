//! Language tags (BCP 47) of translations: checking them, writing direction
//! and each language's name in itself.

/// A well-formed BCP 47 tag in the common shape: a language subtag (2-3
/// letters: the longer forms are reserved and unused), an optional script (4 letters), region (2 letters or 3
/// digits) and variants. Private-use and extension subtags are allowed.
pub fn is_valid_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let Some(lang) = parts.next() else {
        return false;
    };
    let alpha = |s: &str| s.bytes().all(|b| b.is_ascii_alphabetic());
    let alnum = |s: &str| s.bytes().all(|b| b.is_ascii_alphanumeric());
    if !(alpha(lang) && matches!(lang.len(), 2 | 3)) {
        return false;
    }
    let mut stage = 0; // 0: script next, 1: region next, 2: variants, 3: extensions
    for part in parts {
        let n = part.len();
        if n == 0 || !alnum(part) {
            return false;
        }
        if n == 1 {
            stage = 3;
            continue;
        }
        if stage == 3 {
            if n > 8 {
                return false;
            }
            continue;
        }
        if stage == 0 && n == 4 && alpha(part) {
            stage = 1;
        } else if (stage <= 1
            && ((n == 2 && alpha(part)) || (n == 3 && part.bytes().all(|b| b.is_ascii_digit()))))
            // a variant
            || (5..=8).contains(&n)
            || (n == 4 && part.as_bytes()[0].is_ascii_digit())
        {
            stage = 2;
        } else {
            return false;
        }
    }
    true
}

fn primary(tag: &str) -> String {
    primary_subtag(tag)
}

/// The language alone, lower case: `ar` of `ar-EG`.
pub fn primary_subtag(tag: &str) -> String {
    tag.split('-').next().unwrap_or(tag).to_ascii_lowercase()
}

/// Whether text in this language runs right to left.
pub fn is_rtl(tag: &str) -> bool {
    let lower = tag.to_ascii_lowercase();
    if lower.contains("-arab") || lower.contains("-hebr") {
        return true;
    }
    if lower.contains("-latn") || lower.contains("-cyrl") {
        return false;
    }
    matches!(
        primary(tag).as_str(),
        "ar" | "fa"
            | "ps"
            | "prs"
            | "ckb"
            | "ur"
            | "he"
            | "yi"
            | "dv"
            | "sd"
            | "ug"
            | "pa-arab"
            | "ks"
    )
}

/// The language's own name for itself, for the language switcher; the tag
/// when we do not know the language.
pub fn native_name(tag: &str) -> String {
    let lower = tag.to_ascii_lowercase();
    let exact = match lower.as_str() {
        "fa-af" | "prs" => Some("دری"),
        "pt-br" => Some("Português (Brasil)"),
        "zh-hant" | "zh-tw" => Some("繁體中文"),
        "ku-arab" | "ckb" => Some("کوردی"),
        _ => None,
    };
    if let Some(name) = exact {
        return name.to_string();
    }
    let name = match primary(tag).as_str() {
        "am" => "አማርኛ",
        "ar" => "العربية",
        "bg" => "Български",
        "bn" => "বাংলা",
        "cs" => "Čeština",
        "cy" => "Cymraeg",
        "de" => "Deutsch",
        "el" => "Ελληνικά",
        "en" => "English",
        "es" => "Español",
        "fa" => "فارسی",
        "fr" => "Français",
        "ga" => "Gaeilge",
        "gd" => "Gàidhlig",
        "gu" => "ગુજરાતી",
        "he" => "עברית",
        "hi" => "हिन्दी",
        "hu" => "Magyar",
        "it" => "Italiano",
        "ku" => "Kurdî",
        "lt" => "Lietuvių",
        "lv" => "Latviešu",
        "ne" => "नेपाली",
        "pa" => "ਪੰਜਾਬੀ",
        "pl" => "Polski",
        "ps" => "پښتو",
        "pt" => "Português",
        "ro" => "Română",
        "ru" => "Русский",
        "sk" => "Slovenčina",
        "so" => "Soomaali",
        "sq" => "Shqip",
        "sw" => "Kiswahili",
        "ta" => "தமிழ்",
        "ti" => "ትግርኛ",
        "tr" => "Türkçe",
        "uk" => "Українська",
        "ur" => "اردو",
        "vi" => "Tiếng Việt",
        "zh" => "中文",
        _ => return tag.to_string(),
    };
    name.to_string()
}

/// "This translation has not yet been checked by a qualified translator", in
/// the language itself where we have it.
pub fn unreviewed_notice(tag: &str) -> Option<&'static str> {
    Some(match primary(tag).as_str() {
        "ar" => "لم يراجع مترجم مؤهل هذه الترجمة بعد.",
        "fa" => "این ترجمه هنوز توسط یک مترجم واجد شرایط بررسی نشده است.",
        "ps" => "دا ژباړه لا تر اوسه د یو وړ ژباړونکي لخوا نه ده کتل شوې.",
        "ti" => "እዚ ትርጉም ብብቑዕ ተርጓሚ ገና ኣይተመርመረን።",
        "fr" => "Cette traduction n'a pas encore été vérifiée par un traducteur qualifié.",
        "es" => "Un traductor cualificado todavía no ha revisado esta traducción.",
        "pl" => "Ta wersja nie została jeszcze sprawdzona przez wykwalifikowanego tłumacza.",
        "uk" => "Цей переклад ще не перевірив кваліфікований перекладач.",
        "sq" => "Ky përkthim nuk është kontrolluar ende nga një përkthyes i kualifikuar.",
        "vi" => "Bản dịch này chưa được một biên dịch viên có trình độ kiểm tra.",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags() {
        for ok in [
            "ar",
            "ps",
            "fa-AF",
            "ku",
            "ti",
            "sq",
            "vi",
            "zh-Hant",
            "sr-Latn-RS",
            "es-419",
            "de-1901",
            "en-x-simple",
        ] {
            assert!(is_valid_tag(ok), "{ok}");
        }
        for bad in [
            "",
            "a",
            "arabic-language",
            "en_GB",
            "fa-",
            "e1",
            "en-GB-",
            "toolongtag",
        ] {
            assert!(!is_valid_tag(bad), "{bad}");
        }
    }

    #[test]
    fn directions_and_names() {
        assert!(is_rtl("ar") && is_rtl("ps") && is_rtl("fa-AF") && is_rtl("ckb"));
        assert!(!is_rtl("ti") && !is_rtl("ku") && !is_rtl("en-GB"));
        assert_eq!(native_name("ar"), "العربية");
        assert_eq!(native_name("fa-AF"), "دری");
        assert_eq!(native_name("xx"), "xx");
    }
}
