//! Page titles (`<title>`): unique on a site, naming the authority and the
//! date on an inspection's pages, and short enough for a search result or
//! a browser tab, with the site's name last.

use clarion_core::{Inspection, PartialDate};

use crate::markdown::cut;
use crate::views::month_year;

/// Search engines show about this many characters of a title.
pub const TITLE_CHARS: usize = 70;

/// Characters of `s` as the page's source holds it: an apostrophe is
/// written `&#39;`, and checkers (html-validate) count those five.
fn source_len(s: &str) -> usize {
    s.chars()
        .map(|c| match c {
            '\'' | '"' | '&' => 5,
            '<' | '>' => 4,
            _ => 1,
        })
        .sum()
}

/// The whole `<title>`: the page's part, then the site's name when both
/// fit; the page's part alone when they do not. A `fitted` part (made
/// here, naming what tells it apart) is kept whole; another is cut to fit
/// at a word.
pub fn compose(page: &str, site: &str, fitted: bool) -> String {
    let both = format!("{page} | {site}");
    if page != site && source_len(&both) <= TITLE_CHARS {
        both
    } else if fitted {
        page.to_string()
    } else {
        fit_in(page, TITLE_CHARS)
    }
}

/// `what` for `authority` at `when`, in [`TITLE_CHARS`] where it can be:
/// `what` names the authority in full or is followed by its full name
/// (a place name alone may be two councils'), and only `what` is cut, so
/// the authority and the date always stay.
fn about(what: &str, authority: &str, when: &str) -> String {
    let named = what.to_lowercase().contains(&authority.to_lowercase());
    let tail = match (named, when.is_empty()) {
        (true, true) => String::new(),
        (true, false) => format!(", {when}"),
        (false, true) => format!(", {authority}"),
        (false, false) => format!(", {authority}, {when}"),
    };
    let room = TITLE_CHARS.saturating_sub(source_len(&tail));
    format!("{}{tail}", fit_in(what, room))
}

/// `s` cut at a word to at most `room` characters in the page's source.
fn fit_in(s: &str, room: usize) -> String {
    let extra = source_len(s) - s.chars().count();
    cut(s, room.saturating_sub(extra).max(12))
}

/// The page's part of a document's title: its title and date.
pub fn document(title: &str, date: &str) -> String {
    let tail = format!(", {date}");
    let room = TITLE_CHARS.saturating_sub(source_len(&tail));
    format!("{}{tail}", fit_in(title, room))
}

/// Which page of an inspection a title is for.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Variant<'a> {
    /// The page for adults: its title, or its kind.
    Adults,
    /// The English page for children, with the file's title if it has one.
    Children(Option<&'a str>),
}

/// The page's part of the title of one of `i`'s pages, told apart from
/// every other inspection of the same authority (`authority_list`): by the
/// month, then the day, then its kind, then a number.
pub fn inspection(i: &Inspection, variant: Variant, authority_list: &[&Inspection]) -> String {
    inspection_in(i, variant, authority_list, "")
}

/// As [`inspection`], with `suffix` after the date (a translation's
/// language), kept whole like the date.
pub fn inspection_in(
    i: &Inspection,
    variant: Variant,
    authority_list: &[&Inspection],
    suffix: &str,
) -> String {
    let what = |i: &Inspection| match variant {
        Variant::Adults => crate::views::inspection_title(i),
        Variant::Children(Some(t)) => t.to_string(),
        Variant::Children(None) => "What Ofsted found".to_string(),
    };
    let mine = what(i);
    let others: Vec<&Inspection> = authority_list
        .iter()
        .copied()
        .filter(|o| o.slug != i.slug && what(o) == mine)
        .collect();
    let same = |f: &dyn Fn(&Inspection) -> Option<String>| {
        let me = f(i);
        others.iter().any(|o| f(o) == me)
    };
    let month = |i: &Inspection| i.date().map(month_year);
    let day = |i: &Inspection| i.date().map(|d: PartialDate| d.human());
    let when = if !same(&month) {
        month(i).unwrap_or_default()
    } else if !same(&day) {
        day(i).unwrap_or_default()
    } else {
        let d = day(i).unwrap_or_default();
        let twins: Vec<&str> = others
            .iter()
            .filter(|o| day(o) == day(i) && o.kind == i.kind)
            .map(|o| o.slug.as_str())
            .collect();
        if twins.is_empty() {
            let kind = crate::labels::kind_label(&i.kind).to_lowercase();
            format!("{d}, {kind}")
        } else {
            // The same day and kind: numbered in the order of their folders.
            let n = 1 + twins.iter().filter(|&&t| t < i.slug.as_str()).count();
            format!("{d} ({n})")
        }
    };
    about(&mine, &i.authority, &format!("{when}{suffix}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_site_name_goes_first_when_too_long() {
        assert_eq!(compose("About", "Kent", false), "About | Kent");
        let long = "Inspection of Kent County Council children's services, July 2022";
        assert_eq!(
            compose(long, "Kent children's services inspections", false),
            long
        );
    }

    #[test]
    fn titles_name_the_authority_and_stay_short() {
        let t = about(
            "Inspection of local authority arrangements for the protection of children",
            "Kent County Council",
            "January 2013",
        );
        assert!(t.chars().count() <= TITLE_CHARS, "{t}");
        assert!(
            t.ends_with("\u{2026}, Kent County Council, January 2013"),
            "{t}"
        );
        assert_eq!(
            about(
                "Inspection of Kent County Council's fostering service",
                "Kent County Council",
                "July 2012"
            ),
            "Inspection of Kent County Council's fostering service, July 2012"
        );
        assert_eq!(
            about("What Ofsted found", "Kent County Council", "March 2017"),
            "What Ofsted found, Kent County Council, March 2017"
        );
        let d = document(
            "Ofsted inspection of children's services (Kent County Council Cabinet report)",
            "21 July 2022",
        );
        assert!(
            d.ends_with("\u{2026}, 21 July 2022") && d.chars().count() <= TITLE_CHARS,
            "{d}"
        );
    }
}
