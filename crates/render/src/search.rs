//! The index behind "Find an inspection": small JSON shards, one per first
//! letter of the authority's name, so a search loads only the shard it needs
//! however large the site is.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::labels::{kind_label, tone};
use crate::paths;
use crate::shared::Shared;

/// One inspection in the finder, with short keys to keep shards small.
#[derive(Serialize)]
struct Entry<'a> {
    /// title
    t: String,
    /// authority
    a: &'a str,
    /// page address
    u: String,
    /// year
    y: Option<i32>,
    /// date as people read it
    d: Option<String>,
    /// kind, as words
    k: String,
    /// overall grade's official word, empty when none
    g: &'a str,
    /// tone of the overall grade (0 best to 5 worst), for the badge
    o: Option<usize>,
}

#[derive(Serialize)]
struct Meta {
    /// shard key -> how many inspections it holds
    shards: BTreeMap<String, usize>,
    stop_words: &'static [&'static str],
    years: Vec<i32>,
    kinds: Vec<String>,
    grades: Vec<String>,
    total: usize,
}

/// Words too common in authorities' names to pick a shard by.
pub const STOP_WORDS: &[&str] = &[
    "and",
    "borough",
    "city",
    "council",
    "county",
    "district",
    "metropolitan",
    "of",
    "royal",
    "the",
];

/// The shards an authority's name belongs to: the first letter or digit of
/// each of its significant words, accents folded (as the page's script
/// does), so "Kingston upon Thames" is found by "kingston" and by "thames".
pub fn shard_keys(authority: &str) -> Vec<String> {
    let slug = clarion_core::slugify(authority);
    let words: Vec<&str> = slug.split('-').filter(|w| !w.is_empty()).collect();
    let significant: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| !STOP_WORDS.contains(w))
        .collect();
    let chosen = if significant.is_empty() {
        words.into_iter().take(1).collect()
    } else {
        significant
    };
    let mut keys: Vec<String> = chosen
        .iter()
        .filter_map(|w| w.chars().next())
        .map(|c| c.to_string())
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

/// (path, bytes) of `search/index.json` and every shard.
pub fn files(shared: &Shared) -> Vec<(String, Vec<u8>)> {
    let site = shared.site;
    let base = &site.config.base_path;
    let mut entries: Vec<Entry> = Vec::new();
    // Shard -> indexes into `entries`: an entry may sit in several shards.
    let mut shards: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut by_year: BTreeMap<i32, Vec<usize>> = BTreeMap::new();
    let mut years = std::collections::BTreeSet::new();
    let mut kinds = std::collections::BTreeSet::new();
    let mut grades: Vec<String> = Vec::new();
    for i in &site.inspections {
        let (g, o) = match (i.framework.as_deref(), i.overall) {
            (Some(fw), Some(g)) => (
                fw.grades[g.index].label.as_str(),
                Some(tone(g.index + 1, fw.grades.len())),
            ),
            _ => ("", None),
        };
        if !g.is_empty() && !grades.iter().any(|x| x == g) {
            grades.push(g.to_string());
        }
        let year = i.date().map(|d| d.year);
        years.extend(year);
        let k = kind_label(&i.kind);
        kinds.insert(k.clone());
        let entry = Entry {
            t: i.title
                .clone()
                .unwrap_or_else(|| format!("{}: {}", i.authority, k.to_lowercase())),
            a: &i.authority,
            u: format!("{base}{}", paths::inspection(&i.slug)),
            y: year,
            d: i.date().map(|d| d.human()),
            k,
            g,
            o,
        };
        let keys = shard_keys(
            site.lookup
                .authority(&i.authority)
                .map_or(&i.authority, |a| &a.plain_slug),
        );
        if let Some(y) = year {
            by_year.entry(y).or_default().push(entries.len());
        }
        for k in keys {
            shards.entry(k).or_default().push(entries.len());
        }
        entries.push(entry);
    }
    let meta = Meta {
        shards: shards.iter().map(|(k, v)| (k.clone(), v.len())).collect(),
        stop_words: STOP_WORDS,
        years: years.into_iter().rev().collect(),
        kinds: kinds.into_iter().collect(),
        grades,
        total: site.inspections.len(),
    };
    let mut out = vec![(
        "search/index.json".to_string(),
        serde_json::to_vec(&meta).unwrap_or_default(),
    )];
    let shard = |ids: &[usize]| {
        let list: Vec<&Entry> = ids.iter().map(|&k| &entries[k]).collect();
        serde_json::to_vec(&list).unwrap_or_default()
    };
    for (key, ids) in &shards {
        out.push((format!("search/{key}.json"), shard(ids)));
    }
    for (year, ids) in &by_year {
        out.push((format!("search/year-{year}.json"), shard(ids)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_by_significant_words() {
        assert_eq!(shard_keys("Kent County Council"), ["k"]);
        assert_eq!(shard_keys("Kingston upon Thames"), ["k", "t", "u"]);
        assert_eq!(shard_keys("  Ynys Môn"), ["m", "y"]);
        assert_eq!(shard_keys("Émile"), ["e"]);
        assert_eq!(shard_keys("City of London"), ["l"]);
        assert_eq!(shard_keys("The City"), ["t"]);
    }
}
