//! Everything the pages of one build share, computed once: the site's
//! template value, link map, glossary matcher and authority lists.

use std::collections::BTreeMap;
use std::sync::Arc;

use minijinja::Value;
use minijinja::value::Serde;
use serde::Serialize;

use crate::history;
use crate::markdown::{GlossaryMatcher, LinkMap};
use crate::national;
use crate::paths;
use clarion_core::*;

/// A template value from any serialisable view.
pub(crate) fn to_value<T: Serialize>(v: T) -> Value {
    Value::from(Serde(v))
}

#[derive(Serialize)]
struct NavItem {
    title: String,
    url: String,
}

/// A link to one of the site's pages, in the footer.
#[derive(Serialize)]
struct PageLink {
    title: String,
    /// For the page's title in another language (`pages.<slug>`).
    slug: String,
    url: String,
}

#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    base_url: &'a str,
    base_path: &'a str,
    language: &'a str,
    description: Option<&'a str>,
    authority: Option<&'a str>,
    /// Names and descriptions in the page's language, where site.yaml gives them.
    contacts: Vec<ContactView>,
    nav: Vec<NavItem>,
    footer: Vec<PageLink>,
    has_glossary: bool,
    has_documents: bool,
    generator: &'static str,
}

/// A contact with the id of its full entry on a child page, which its
/// later mentions (under another purpose) link back to.
#[derive(Serialize)]
struct ContactView {
    #[serde(flatten)]
    contact: Contact,
    id: String,
}

/// Inspection slug -> indexes (in `Site::documents`) of its documents.
pub use clarion_core::DocumentIndex;

/// An authority with at least one inspection on the site.
#[derive(Debug, Clone, Serialize)]
pub struct AuthorityInfo {
    pub name: String,
    pub slug: String,
    pub url: String,
    pub count: usize,
    /// Upper-case first letter, for the A-Z list.
    pub letter: String,
}

/// Everything shared by all pages, computed once per build.
pub struct Shared<'a> {
    pub site: &'a Site,
    /// Borrowed when a kept site renders again, so it is not copied per rebuild.
    pub links: std::borrow::Cow<'a, LinkMap>,
    pub matcher: GlossaryMatcher,
    /// The site's template value in each language its pages are in.
    pub(crate) site_values: BTreeMap<String, Value>,
    /// The words the theme writes, per language.
    pub(crate) strings: Arc<crate::strings::Strings>,
    /// Fingerprints of static assets, for cache-busting query strings.
    pub asset_versions: BTreeMap<String, String>,
    /// Normalised authority name -> its inspections, newest first.
    pub by_authority: BTreeMap<String, Vec<&'a Inspection>>,
    /// Normalised authority name -> its inspections' earlier grades, found
    /// once, when a page first asks (a rebuild asks for few authorities).
    previous: BTreeMap<String, std::sync::OnceLock<history::PreviousGrades<'a>>>,
    /// A-Z.
    pub authorities: Vec<AuthorityInfo>,
    /// The site again, for template values that outlive a borrow.
    pub(crate) site_arc: Arc<Site>,
    /// Inspection slug -> the documents that respond to it.
    pub documents: Arc<DocumentIndex>,
    /// Inspection slug -> its place in `site.inspections`.
    pub by_slug: &'a std::collections::HashMap<String, usize>,
    /// Councils at each grade over time, for "beside England".
    pub england: national::England,
}

/// A stable fingerprint for cache-busting, not for security.
pub fn fingerprint(bytes: &[u8]) -> String {
    format!("{:08x}", clarion_core::fnv(bytes) >> 32)
}

/// Where every source file is published, for link rewriting.
pub fn link_map(site: &Site) -> LinkMap {
    let mut targets = BTreeMap::new();
    for i in &site.inspections {
        let page = paths::inspection(&i.slug);
        targets.insert(format!("{}/", i.dir), page.clone());
        targets.insert(format!("{}/summary.md", i.dir), page.clone());
        targets.insert(format!("{}/inspection.yaml", i.dir), page.clone());
        if i.children.is_some() {
            targets.insert(format!("{}/children.md", i.dir), paths::children(&i.slug));
        }
        for t in &i.translations {
            targets.insert(t.file.path.clone(), paths::translation(&i.slug, &t.lang));
        }
        for a in &i.assets {
            targets.insert(format!("{}/{a}", i.dir), format!("{page}{a}"));
        }
    }
    for d in &site.documents {
        targets.insert(d.file.path.clone(), paths::document(&d.slug));
    }
    for p in &site.pages {
        targets.insert(p.file.path.clone(), paths::page(&p.slug));
    }
    targets.insert("content/index.md".into(), String::new());
    targets.insert("content/glossary.yaml".into(), "glossary/".into());
    LinkMap {
        base_path: site.config.base_path.clone(),
        targets,
    }
}

impl<'a> Shared<'a> {
    /// Changes in each area since the authority's previous inspection.
    pub fn since_last(&self, i: &Inspection) -> Vec<history::Comparison> {
        let Some(previous) = self.previous.get(&normalise(&i.authority)) else {
            return Vec::new();
        };
        previous
            .get_or_init(|| history::PreviousGrades::of(self.authority_list(i)))
            .since_last(i)
    }

    pub fn new(site: &'a Arc<Site>, asset_versions: BTreeMap<String, String>) -> Shared<'a> {
        Shared::with_links(
            site,
            asset_versions,
            std::borrow::Cow::Owned(link_map(site)),
        )
    }

    /// As `new`, with a link map kept from an earlier build of the same files.
    pub fn with_links(
        site_arc: &'a Arc<Site>,
        asset_versions: BTreeMap<String, String>,
        links: std::borrow::Cow<'a, LinkMap>,
    ) -> Shared<'a> {
        let site: &'a Site = site_arc;
        let strings = Arc::new(crate::strings::Strings::new(&site.config));
        // One site value per language a page is in.
        let site_values = crate::strings::page_languages(site)
            .into_iter()
            .map(|lang| (lang.to_string(), to_value(site_view(site, &strings, lang))))
            .collect();
        // Read from the site's index, so render, search and `serve` agree.
        let index = &site.lookup;
        let by_authority: BTreeMap<String, Vec<&Inspection>> = index
            .authorities
            .iter()
            .map(|a| {
                let list = a.inspections.iter().map(|&k| &site.inspections[k]);
                (a.key.clone(), list.collect())
            })
            .collect();
        let authorities = authority_infos(site);
        let previous = by_authority
            .keys()
            .map(|k| (k.clone(), Default::default()))
            .collect();
        Shared {
            site,
            by_authority,
            previous,
            authorities,
            site_arc: site_arc.clone(),
            documents: index.documents.clone(),
            by_slug: &index.by_slug,
            links,
            england: national::England::new(&site.inspections).with_national(&site.national),
            matcher: GlossaryMatcher::new(&site.glossary),
            site_values,
            strings,
            asset_versions,
        }
    }

    /// The inspections of `i`'s authority, newest first.
    pub fn authority_list(&self, i: &Inspection) -> &[&'a Inspection] {
        self.by_authority
            .get(&normalise(&i.authority))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// Where `i`, an inspection of this site, stands in its list.
    pub fn index_of(&self, i: &Inspection) -> usize {
        self.by_slug.get(i.slug.as_str()).copied().unwrap_or(0)
    }

    /// The site's template value for a page in `lang`.
    pub(crate) fn site_value(&self, lang: &str) -> Value {
        self.site_values
            .get(lang)
            .or_else(|| self.site_values.get(&self.site.config.language))
            .cloned()
            .unwrap_or_default()
    }

    pub(crate) fn asset(&self, name: &str) -> String {
        let base = &self.site.config.base_path;
        match self.asset_versions.get(name) {
            Some(v) => format!("{base}{name}?v={v}"),
            None => format!("{base}{name}"),
        }
    }
}

/// A text site.yaml gives in `lang` (or its language alone), or its own.
fn in_lang<'s>(own: &'s str, others: &'s BTreeMap<String, String>, lang: &str) -> &'s str {
    let primary = primary_subtag(lang);
    others
        .iter()
        .find(|(tag, _)| tag.eq_ignore_ascii_case(lang))
        .or_else(|| {
            others
                .iter()
                .find(|(tag, _)| tag.eq_ignore_ascii_case(&primary))
        })
        .map_or(own, |(_, text)| text.as_str())
}

/// What templates see as `site` on a page in `lang`.
fn site_view<'a>(site: &'a Site, strings: &crate::strings::Strings, lang: &str) -> SiteView<'a> {
    let config = &site.config;
    let base = &config.base_path;
    let ui = strings.ui_lang(lang, &config.language);
    let footer = site
        .pages
        .iter()
        .map(|p| PageLink {
            title: p.title.clone(),
            slug: p.slug.clone(),
            url: format!("{base}{}", paths::page(&p.slug)),
        })
        .collect();
    let contacts = config
        .contacts
        .iter()
        .enumerate()
        .map(|(n, c)| {
            let mut c = c.clone();
            c.name = in_lang(&c.name, &c.name_in, lang).to_string();
            if let Some(d) = &c.description {
                c.description = Some(in_lang(d, &c.description_in, lang).to_string());
            }
            if let Some(n) = &c.no_phone {
                c.no_phone = Some(in_lang(n, &c.no_phone_in, lang).to_string());
            }
            ContactView {
                contact: c,
                id: format!("contact-{}", n + 1),
            }
        })
        .collect();
    SiteView {
        title: in_lang(&config.title, &config.title_in, lang),
        base_url: &config.base_url,
        base_path: base,
        language: &config.language,
        description: config.description.as_deref(),
        authority: config.authority.as_deref(),
        contacts,
        nav: navigation(site, &|key| strings.get(ui, key).unwrap_or(key).to_string()),
        footer,
        has_glossary: !site.glossary.is_empty(),
        has_documents: !site.documents.is_empty(),
        generator: concat!("Clarion ", env!("CARGO_PKG_VERSION")),
    }
}

/// The site's menu: only the parts this site has, named by `word(key)`.
fn navigation(site: &Site, word: &dyn Fn(&str) -> String) -> Vec<NavItem> {
    let base = &site.config.base_path;
    let mut nav = vec![NavItem {
        title: word("nav.home"),
        url: base.clone(),
    }];
    nav.push(NavItem {
        title: word("nav.inspections"),
        url: format!("{base}inspections/"),
    });
    if site.lookup.authorities.len() > 1 {
        nav.push(NavItem {
            title: word("nav.authorities"),
            url: format!("{base}authorities/"),
        });
    }
    nav.push(NavItem {
        title: word("nav.find"),
        url: format!("{base}find/"),
    });
    if !site.documents.is_empty() {
        nav.push(NavItem {
            title: word("nav.documents"),
            url: format!("{base}documents/"),
        });
    }
    if !site.glossary.is_empty() {
        nav.push(NavItem {
            title: word("nav.glossary"),
            url: format!("{base}glossary/"),
        });
    }
    nav
}

/// Each authority A-Z, as its list pages show it.
fn authority_infos(site: &Site) -> Vec<AuthorityInfo> {
    let base = &site.config.base_path;
    site.lookup
        .authorities
        .iter()
        .map(|a| AuthorityInfo {
            url: format!("{base}authorities/{}/", a.slug),
            name: a.name.clone(),
            slug: a.slug.clone(),
            count: a.inspections.len(),
            letter: a
                .name
                .chars()
                .find(|c| c.is_alphanumeric())
                .map_or("#".into(), |c| c.to_uppercase().to_string()),
        })
        .collect()
}
