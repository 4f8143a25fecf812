//! Deterministic synthetic sites written to the source format, at any
//! scale: for benchmarks and scale tests, never for content assertions.
//!
//! 150 authorities unless asked for more, the three built-in frameworks by era, summaries of
//! about 4 KB with headings, lists, tables and links, child summaries of
//! about 1.2 KB, some translations and documents, and a glossary.

use std::fmt::Write as _;
use std::io;
use std::path::Path;

/// A small, fast, seedable generator (xorshift64*), so every run writes the same site.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const PLACES: &[&str] = &[
    "Ash", "Bar", "Bel", "Bir", "Black", "Brad", "Bright", "Brom", "Bury", "Cam", "Car", "Ches",
    "Cor", "Crow", "Dar", "Der", "Don", "Dud", "Ex", "Gates", "Glou", "Hal", "Ham", "Har", "Hert",
    "Hull", "Is", "Kent", "Kirk", "Lam", "Lan", "Lee", "Lei", "Lin", "Liv", "Lu", "Man", "Mer",
    "Mid", "New", "Nor", "Not", "Old", "Ox", "Pe", "Ply", "Pool", "Ports", "Read", "Red", "Roch",
    "Roth", "Sal", "Sand", "Sef", "Shef", "Shrop", "Slough", "Sol", "Som", "South", "Staf",
    "Stock", "Suf", "Sun", "Sur", "Sut", "Swin", "Tame", "Thur", "Tor", "Traf", "Wake", "Wal",
    "Wan", "War", "West", "Wig", "Wil", "Win", "Wok", "Wol", "Worc", "York",
];
const ENDINGS: &[&str] = &[
    "ford", "ton", "ham", "bury", "field", "wick", "borough", "ley", "mouth", "chester", "shire",
    "minster",
];
const KINDS: &[&str] = &[
    "County Council",
    "City Council",
    "Borough Council",
    "Council",
    "Metropolitan Borough Council",
];

/// The authorities of a synthetic site: `count` distinct names (at most as
/// many as the parts can make).
pub fn authorities(count: usize) -> Vec<String> {
    let count = count.min(PLACES.len() * ENDINGS.len() * KINDS.len());
    let mut rng = Rng::new(7);
    let mut out: Vec<String> = Vec::new();
    while out.len() < count {
        let name = format!(
            "{}{} {}",
            rng.pick(PLACES),
            rng.pick(ENDINGS),
            rng.pick(KINDS)
        );
        if !out.contains(&name) {
            out.push(name);
        }
    }
    out
}

const WORDS: &[&str] = &[
    "children",
    "families",
    "social",
    "workers",
    "leaders",
    "plans",
    "carers",
    "support",
    "help",
    "safe",
    "care",
    "leavers",
    "homes",
    "school",
    "health",
    "visits",
    "reviews",
    "partners",
    "police",
    "quality",
    "practice",
    "managers",
    "staff",
    "young",
    "people",
    "council",
    "services",
    "needs",
    "risk",
    "early",
    "protection",
    "placements",
    "advocacy",
    "listen",
    "improve",
    "strong",
    "well",
];

fn sentence(rng: &mut Rng, words: usize) -> String {
    let mut s = String::new();
    for k in 0..words {
        let w = *rng.pick(WORDS);
        if k == 0 {
            let mut c = w.chars();
            if let Some(f) = c.next() {
                s.extend(f.to_uppercase());
                s.push_str(c.as_str());
            }
        } else {
            s.push(' ');
            s.push_str(w);
        }
    }
    s.push('.');
    s
}

fn paragraph(rng: &mut Rng, sentences: usize, words: usize) -> String {
    (0..sentences)
        .map(|_| sentence(rng, words))
        .collect::<Vec<_>>()
        .join(" ")
}

const ILACS: [&str; 4] = [
    "The impact of leaders on social work practice with children and families",
    "The experiences and progress of children who need help and protection",
    "The experiences and progress of children in care",
    "The experiences and progress of care leavers",
];
const SIF: [&str; 4] = [
    "The experiences and progress of children who need help and protection",
    "The experiences and progress of children looked after and achieving permanence",
    "Leadership, management and governance",
    "The effectiveness of the Local Safeguarding Children Board",
];
const GRADES_ILACS: [&str; 4] = [
    "outstanding",
    "good",
    "requires improvement to be good",
    "inadequate",
];
const GRADES_SIF: [&str; 4] = ["outstanding", "good", "requires improvement", "inadequate"];
const GRADES_2009: [&str; 4] = ["outstanding", "good", "adequate", "inadequate"];

fn write(path: &Path, text: &str) -> io::Result<()> {
    if let Some(p) = path.parent() {
        std::fs::create_dir_all(p)?;
    }
    std::fs::write(path, text)
}

/// What a generated site holds.
#[derive(Debug, Clone, Copy, Default)]
pub struct Counts {
    pub inspections: usize,
    pub translations: usize,
    pub documents: usize,
}

/// Writes a synthetic site of `inspections` inspections into `out`, of
/// 150 authorities.
pub fn generate(out: &Path, inspections: usize) -> io::Result<Counts> {
    generate_with_authorities(out, inspections, 150)
}

/// Writes a synthetic site of `inspections` inspections of `count`
/// authorities (taken in turn) into `out`: a site of many authorities, where
/// pages must tell one authority from another.
pub fn generate_with_authorities(
    out: &Path,
    inspections: usize,
    count: usize,
) -> io::Result<Counts> {
    let mut rng = Rng::new(42);
    let names = authorities(count.max(1));
    write_site_files(out)?;
    let mut counts = Counts::default();
    let mut slugs = Vec::with_capacity(inspections);
    for n in 0..inspections {
        slugs.push(write_inspection(out, n, &names, &mut rng, &mut counts)?);
        counts.inspections += 1;
    }
    write_documents(out, &slugs, &mut rng, &mut counts)?;
    Ok(counts)
}

/// site.yaml, the glossary and the about page: the same for every size.
fn write_site_files(out: &Path) -> io::Result<()> {
    write(
        &out.join("site.yaml"),
        "title: Synthetic inspections\nbase_url: https://example.github.io/synthetic/\nlanguage: en-GB\ncontacts:\n  - name: Childline\n    phone: 0800 1111\n    url: https://www.childline.org.uk/\n",
    )?;
    let mut glossary = String::new();
    for (term, meaning) in [
        ("care leaver", "A young person who used to be in care."),
        (
            "social worker",
            "A person whose job is to help you and your family.",
        ),
        (
            "foster carer",
            "A person who looks after you in their home.",
        ),
        ("inspector", "A person who checks how well things are done."),
        ("council", "The people who run services in your area."),
        ("advocate", "A person who helps you say what you think."),
        ("personal adviser", "A person who helps care leavers."),
        (
            "care plan",
            "A plan that says how you will be looked after.",
        ),
    ] {
        let _ = writeln!(glossary, "- term: {term}\n  meaning: {meaning}");
    }
    write(&out.join("content/glossary.yaml"), &glossary)?;
    write(
        &out.join("content/pages/about.md"),
        "---\ntitle: About\n---\nA synthetic site for measuring Clarion.\n",
    )
}

/// The `n`th inspection's folder; returns its slug.
fn write_inspection(
    out: &Path,
    n: usize,
    names: &[String],
    rng: &mut Rng,
    counts: &mut Counts,
) -> io::Result<String> {
    let authority = &names[n % names.len()];
    let year = 2010 + (n / names.len()) % 16;
    let month = 1 + rng.below(12);
    let day = 1 + rng.below(28);
    let slug = format!("{year}-{month:02}-{}-{n}", clarion_core::slugify(authority));
    let dir = out.join("content/inspections").join(&slug);
    let (framework, names_j, grades) = match year {
        ..=2013 => (
            "safeguarding-lac-2009",
            &[
                "Safeguarding services",
                "Services for looked after children",
                "Capacity for improvement",
                "Leadership and management",
            ][..],
            &GRADES_2009,
        ),
        2014..=2017 => ("sif", &SIF[..], &GRADES_SIF),
        _ => ("ilacs", &ILACS[..], &GRADES_ILACS),
    };
    let kind = if n % 17 == 5 { "focused-visit" } else { "full" };
    let mut yaml = format!(
        "authority: {authority}\nframework: {framework}\nkind: {kind}\ntitle: Inspection of {authority} children's services\nstart: {year}-{month:02}-{day:02}\nend: {year}-{month:02}-{:02}\npublished: {year}-{month:02}-{:02}\nlead_inspector: Inspector {}, HMI\n",
        day.min(28),
        day.min(28),
        n % 97
    );
    if kind == "full" {
        if framework != "safeguarding-lac-2009" {
            let _ = writeln!(yaml, "overall: {}", grades[rng.below(4)]);
        }
        yaml.push_str("judgements:\n");
        for j in names_j {
            let _ = writeln!(yaml, "  - name: {j}\n    grade: {}", grades[rng.below(4)]);
        }
        yaml.push_str("improvements:\n");
        for _ in 0..3 {
            let _ = writeln!(yaml, "  - {}", sentence(rng, 10));
        }
    }
    write(&dir.join("inspection.yaml"), &yaml)?;
    let summary = summary(rng);
    write(&dir.join("summary.md"), &summary)?;
    if kind == "full" {
        let child = children_page(rng);
        write(&dir.join("children.md"), &child)?;
        if n.is_multiple_of(20) {
            write(
                &dir.join("children.ar.md"),
                "---\nreviewed: false\n---\n## ما الذي يسير بشكل جيد\n\nيساعدك العاملون الاجتماعيون. يستمع إليك المسؤولون.\n",
            )?;
            counts.translations += 1;
        }
    }
    Ok(slug)
}

/// An inspection's summary.md: three sections, a table and links.
fn summary(rng: &mut Rng) -> String {
    let mut summary = String::new();
    for section in [
        "What inspectors found",
        "What is working well",
        "What needs to improve",
    ] {
        let _ = writeln!(summary, "## {section}\n\n{}\n", paragraph(rng, 6, 14));
        let _ = writeln!(
            summary,
            "- {}\n- {}\n- {}\n",
            sentence(rng, 8),
            sentence(rng, 9),
            sentence(rng, 7)
        );
    }
    summary.push_str("| Measure | Figure |\n|---|---|\n| Children in care | 1,234 |\n| Care leavers | 567 |\n| Social workers | 89 |\n\n");
    let _ = writeln!(
        summary,
        "Read [the full report](https://reports.ofsted.gov.uk/) or see [the glossary](/glossary/).\n\n{}",
        paragraph(rng, 5, 12)
    );
    summary
}

/// A full inspection's children.md, in short sentences.
fn children_page(rng: &mut Rng) -> String {
    let mut child = String::from("## What is going well\n\n");
    for _ in 0..6 {
        let _ = writeln!(child, "{}", sentence(rng, 8));
    }
    child.push_str("\nYour social worker and your foster carer help you. A care leaver gets a personal adviser.\n\n## What needs to get better\n\n");
    for _ in 0..5 {
        let _ = writeln!(child, "- {}", sentence(rng, 7));
    }
    child
}

/// One council response for every ten inspections.
fn write_documents(
    out: &Path,
    slugs: &[String],
    rng: &mut Rng,
    counts: &mut Counts,
) -> io::Result<()> {
    for (k, chunk) in slugs.chunks(10).enumerate() {
        let list = chunk.iter().take(2).cloned().collect::<Vec<_>>().join(", ");
        let doc = format!(
            "---\ntitle: Council response {k}\ndate: 2024-{:02}-{:02}\ninspections: [{list}]\n---\n{}\n",
            1 + k % 12,
            1 + k % 28,
            paragraph(rng, 4, 12)
        );
        write(
            &out.join(format!("content/documents/response-{k}.md")),
            &doc,
        )?;
        counts.documents += 1;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_generator_is_deterministic_and_valid() {
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        generate(a.path(), 40).unwrap();
        generate(b.path(), 40).unwrap();
        let read = |p: &Path| std::fs::read(p.join("content/inspections")).is_err();
        assert!(read(a.path()));
        let list = |p: &Path| {
            let mut v: Vec<String> = std::fs::read_dir(p.join("content/inspections"))
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            v.sort();
            v
        };
        assert_eq!(list(a.path()), list(b.path()));
        let mut diags = clarion_core::Diagnostics::default();
        let raw = crate::load::load(a.path(), &mut diags);
        let site = crate::validate::validate(&raw, Default::default(), &mut diags);
        assert!(
            !diags.has_errors(),
            "{:?}",
            diags
                .items
                .iter()
                .filter(|d| d.is_error())
                .take(3)
                .collect::<Vec<_>>()
        );
        assert_eq!(site.inspections.len(), 40);
    }
}
