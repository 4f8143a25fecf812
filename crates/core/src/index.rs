//! Lookups over a checked site, built once after validation so that
//! rendering, search and `serve` read the same answers (authority slugs
//! above all) instead of each computing their own.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use crate::model::{Document, Inspection, normalise};
use crate::slug::{UniqueIds, slugify};

/// Inspection slug -> indexes (in `Site::documents`) of its documents.
pub type DocumentIndex = HashMap<String, Vec<usize>>;

/// An authority with at least one inspection on the site.
#[derive(Debug, Clone)]
pub struct Authority {
    /// The normalised name its inspections are grouped by.
    pub key: String,
    /// As written in its newest inspection.
    pub name: String,
    /// Unique among the site's authorities: names in other scripts all
    /// slugify to `untitled`, so the second is `untitled-2`.
    pub slug: String,
    /// The name's own slug, before it was made unique: its words.
    pub plain_slug: String,
    /// Indexes into `Site::inspections`, newest first.
    pub inspections: Vec<usize>,
}

/// The site's lookups. Rebuild with [`SiteIndex::new`] after changing the
/// site's inspections or documents.
#[derive(Debug, Clone, Default)]
pub struct SiteIndex {
    /// A-Z by normalised name.
    pub authorities: Vec<Authority>,
    /// Inspection slug -> its place in `Site::inspections`.
    pub by_slug: HashMap<String, usize>,
    /// Inspection slug -> the documents that respond to it.
    pub documents: Arc<DocumentIndex>,
}

impl SiteIndex {
    pub fn new(inspections: &[Inspection], documents: &[Document]) -> SiteIndex {
        let mut grouped: BTreeMap<String, (String, Vec<usize>)> = BTreeMap::new();
        for (k, i) in inspections.iter().enumerate() {
            grouped
                .entry(normalise(&i.authority))
                .or_insert_with(|| (i.authority.clone(), Vec::new()))
                .1
                .push(k);
        }
        // Counted on per slug, in A-Z order, so the `-2` goes to the same
        // authority in every build.
        let mut used = UniqueIds::default();
        let authorities = grouped
            .into_iter()
            .map(|(key, (name, inspections))| {
                let plain_slug = slugify(&name);
                Authority {
                    slug: used.unique(&plain_slug),
                    plain_slug,
                    key,
                    name,
                    inspections,
                }
            })
            .collect();
        let mut by_document = DocumentIndex::new();
        for (k, d) in documents.iter().enumerate() {
            for s in &d.inspections {
                by_document.entry(s.clone()).or_default().push(k);
            }
        }
        SiteIndex {
            authorities,
            by_slug: inspections
                .iter()
                .enumerate()
                .map(|(k, i)| (i.slug.clone(), k))
                .collect(),
            documents: Arc::new(by_document),
        }
    }

    /// The authority of that name, however it is spelt or spaced.
    pub fn authority(&self, name: &str) -> Option<&Authority> {
        let key = normalise(name);
        self.authorities
            .binary_search_by(|a| a.key.as_str().cmp(key.as_str()))
            .ok()
            .map(|k| &self.authorities[k])
    }
}
