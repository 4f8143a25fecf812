//! `site.yaml`: the site's settings.

use super::*;

/// The reading ages children's pages may be held to: from the youngest
/// children who read alone to the oldest in care.
pub(super) const READING_AGES: (f64, f64) = (5.0, 18.0);

pub(super) const SITE_KEYS: &[&str] = &[
    "title",
    "base_url",
    "language",
    "theme",
    "authority",
    "description",
    "children",
    "contacts",
    "timezone",
];

/// The settings, and whether site.yaml could not be read at all (so that
/// what it may have said, such as the default authority, is unknown).
pub(super) fn read_config(file: Option<&TextFile>, diags: &mut Diagnostics) -> (Config, bool) {
    let mut config = Config {
        title: "Inspections".into(),
        base_url: "/".into(),
        base_path: "/".into(),
        language: "en-GB".into(),
        theme: "default".into(),
        theme_pos: Pos::file(),
        authority: None,
        description: None,
        children: ChildrenConfig::default(),
        contacts: Vec::new(),
        defaults_unknown: false,
        timezone: clarion_core::DEFAULT_TIME_ZONE.into(),
        title_in: BTreeMap::new(),
        strings: BTreeMap::new(),
    };
    let Some(file) = file else {
        return (config, false);
    };
    let Some(root) = parse_yaml(file, 0, diags) else {
        return (config, true);
    };
    let r = &mut Reader {
        file: &file.path,
        diags,
    };
    let Some(f) = r.fields(&root, "site.yaml", SITE_KEYS) else {
        return (config, true);
    };
    if let Some(u) = r.req_text(&f, "base_url", &root, "site.yaml") {
        read_base_url(r, &f, &u, &mut config);
    }
    if let Some(l) = r.opt_text(&f, "language") {
        read_language(r, &f, l, &mut config);
    }
    // After the language: a title given per language needs one in it.
    if let Some((t, others)) = req_localized(r, &f, "title", &root, "site.yaml", &config.language) {
        config.title = t;
        config.title_in = others;
    }
    if let Some(t) = r.opt_text(&f, "theme") {
        config.theme = t;
        config.theme_pos = f.get("theme").map_or_else(Pos::file, |n| n.pos);
    }
    config.authority = r.opt_text(&f, "authority");
    config.description = r.opt_text(&f, "description");
    if let Some(node) = f.get("children") {
        read_children(r, node, &mut config.children);
    }
    if let Some(node) = f.get("contacts") {
        config.contacts = read_contacts(r, node, &file.text, &config.language);
    }
    if let Some(z) = r.opt_text(&f, "timezone") {
        read_timezone(r, &f, z, &mut config);
    }
    (config, false)
}

/// `base_url`: the address normalised, or why it is not one.
fn read_base_url(r: &mut Reader, f: &BTreeMap<String, &Node>, u: &str, config: &mut Config) {
    match normalise_base_url(u) {
        Some((url, path)) => {
            config.base_url = url;
            config.base_path = path;
        }
        None => match url_space(u) {
            Some(problem) => r.error(
                f["base_url"].pos,
                format!("`base_url` {problem}."),
                "Web addresses have no spaces. For GitHub Pages this is https://<owner>.github.io/<repository>/.",
            ),
            None => r.error(
                f["base_url"].pos,
                "`base_url` should be the site's full web address, starting with https:// or http://.",
                "For GitHub Pages this is https://<owner>.github.io/<repository>/.",
            ),
        },
    }
}

/// `language`: kept only if it is a BCP 47 tag.
fn read_language(r: &mut Reader, f: &BTreeMap<String, &Node>, l: String, config: &mut Config) {
    if clarion_core::is_valid_tag(&l) {
        config.language = l;
    } else {
        r.error(
            f["language"].pos,
            format!("`{l}` is not a language tag."),
            "Write a BCP 47 tag such as `en-GB`, `cy` or `ar`.",
        );
    }
}

/// `children:`: the reading and vocabulary ages and whether they are enforced.
fn read_children(r: &mut Reader, node: &Node, children: &mut ChildrenConfig) {
    let Some(c) = r.fields(
        node,
        "`children`",
        &["reading_age_max", "vocabulary_age_max", "strict"],
    ) else {
        return;
    };
    for (key, slot, typical) in [
        ("reading_age_max", &mut children.reading_age_max, 11),
        ("vocabulary_age_max", &mut children.vocabulary_age_max, 12),
    ] {
        let Some(n) = r.number(&c, key) else {
            continue;
        };
        if (READING_AGES.0..=READING_AGES.1).contains(&n) {
            *slot = n;
        } else {
            r.error(
                c[key].pos,
                format!("`{key}: {n}` is not a reading age for children."),
                format!(
                    "Write an age from {} to {}: {typical} suits most children's pages.",
                    READING_AGES.0, READING_AGES.1
                ),
            );
        }
    }
    if let Some(b) = r.boolean(&c, "strict") {
        children.strict = b;
    }
}

/// `contacts:`: each entry that has at least a name.
fn read_contacts(r: &mut Reader, node: &Node, source: &str, lang: &str) -> Vec<Contact> {
    const KEYS: &[&str] = &["name", "phone", "url", "description", "purpose", "no_phone"];
    let mut contacts = Vec::new();
    for item in r.list(node, "contacts") {
        let Some(c) = r.fields(item, "a contact", KEYS) else {
            continue;
        };
        // `name`, `description` and `no_phone` may be given per language.
        let Some((name, name_in)) = req_localized(r, &c, "name", item, "A contact", lang) else {
            continue;
        };
        let mut text_in = |key: &str| {
            c.get(key)
                .and_then(|n| localized(r, n, key, lang))
                .map_or((None, BTreeMap::new()), |(d, o)| (Some(d), o))
        };
        let (description, description_in) = text_in("description");
        let (no_phone, no_phone_in) = text_in("no_phone");
        let contact = Contact {
            name_in,
            description_in,
            no_phone_in,
            phone: c.get("phone").and_then(|n| match n.value {
                // `08001111` is a number to YAML, 8001111: keep the
                // digits as typed, leading zero and `+` too.
                Value::Int(_) | Value::Float(_) => source_text(source, n.pos),
                _ => r.text(n, "phone"),
            }),
            url: r.url(&c, "url"),
            description,
            purposes: read_purposes(r, &c),
            no_phone,
            name,
        };
        check_phone(r, &c, item, &contact);
        contacts.push(contact);
    }
    contacts
}

/// `purpose:`: one word or a list of them, each one of [`CONTACT_PURPOSES`].
fn read_purposes(r: &mut Reader, c: &BTreeMap<String, &Node>) -> Vec<String> {
    let Some(node) = c.get("purpose") else {
        return Vec::new();
    };
    let items: Vec<&Node> = match &node.value {
        Value::Seq(items) => items.iter().collect(),
        _ => vec![node],
    };
    let mut purposes = Vec::new();
    for item in items {
        let Some(word) = r.text(item, "purpose") else {
            continue;
        };
        let key = normalise(&word);
        match CONTACT_PURPOSES.iter().find(|p| **p == key) {
            Some(p) => {
                if !purposes.iter().any(|q| q == p) {
                    purposes.push((*p).to_string());
                }
            }
            None => r.not_among(
                item.pos,
                &word,
                CONTACT_PURPOSES,
                format!("`{word}` is not a purpose a contact can have."),
                "unknown purpose",
                format!("Write one or more of {}.", quote_list(CONTACT_PURPOSES)),
            ),
        }
    }
    purposes
}

/// A contact with a `purpose:` is shown to a child who needs it now, so it
/// gives a phone number or says why it has none. (Contacts written before
/// `purpose:` existed keep building as they did.)
fn check_phone(r: &mut Reader, c: &BTreeMap<String, &Node>, item: &Node, contact: &Contact) {
    if contact.phone.is_some() && contact.no_phone.is_some() {
        r.diags.push(
            Diagnostic::error(
                r.file,
                key_pos(item, "no_phone"),
                format!(
                    "The contact `{}` has a phone number and a reason for having none.",
                    contact.name
                ),
            )
            .with_label("phone given")
            .with_help(
                "Keep `phone:` and delete `no_phone:`, or delete `phone:` if the number is wrong.",
            ),
        );
    } else if !contact.purposes.is_empty()
        && contact.phone.is_none()
        && contact.no_phone.is_none()
        && !c.contains_key("phone")
        && !c.contains_key("no_phone")
    {
        r.missing(
            item,
            "phone",
            format!("The contact `{}` has no phone number, and does not say why.", contact.name),
            "Add `phone:` with the number a child can call. If there is none yet, add `no_phone:` with the reason in one plain sentence, such as `no_phone: The council has not given us this number yet. Ask your social worker.` Never guess a number.".into(),
        );
    }
}

/// `timezone`: kept only if Clarion knows it, else the nearest name.
fn read_timezone(r: &mut Reader, f: &BTreeMap<String, &Node>, z: String, config: &mut Config) {
    if clarion_core::time_zone(&z).is_some() {
        config.timezone = z;
    } else {
        let names = clarion_core::time_zone_names();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        r.not_among(
            f["timezone"].pos,
            &z,
            &names,
            format!("`{z}` is not a time zone Clarion knows."),
            "unknown time zone",
            "Write a time zone's full name, such as `Europe/London`.".into(),
        );
    }
}

/// `https://x.github.io/kent` -> (`https://x.github.io/kent/`, `/kent/`).
pub fn normalise_base_url(url: &str) -> Option<(String, String)> {
    if !is_web_url(url) {
        return None;
    }
    let mut url = url.trim().to_string();
    if let Some(i) = url.find(['?', '#']) {
        url.truncate(i);
    }
    if !url.ends_with('/') {
        url.push('/');
    }
    let after_scheme = url.find("://").map(|i| i + 3)?;
    let host_end = url[after_scheme..].find('/').map(|i| after_scheme + i)?;
    if host_end == after_scheme {
        return None; // `https:///x`: no host
    }
    // `https://x.org//` or `/kent//`: one slash, or every link would
    // start `//` and point at another host.
    let mut path = String::with_capacity(url.len() - host_end);
    for c in url[host_end..].chars() {
        if !(c == '/' && path.ends_with('/')) {
            path.push(c);
        }
    }
    let url = format!("{}{path}", &url[..host_end]);
    Some((url, path))
}
