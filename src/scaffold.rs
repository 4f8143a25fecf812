//! The files `clarion new inspection` and `clarion init` write. Nothing
//! here touches the disk: the commands decide where and whether to write.

use std::fmt::Write as _;

use crate::dates::{self, PartialDate, Timestamp};
use crate::model::Framework;
use crate::validate::{STARTER_MARK, UNGRADED_KINDS};

/// Clarion's repository, from Cargo.toml (the one place it is written).
pub const REPOSITORY: &str = env!("CARGO_PKG_REPOSITORY");
// A package without the address would write a README with an empty link.
const _: () = assert!(!REPOSITORY.is_empty(), "Cargo.toml must set `repository`");

/// The version of Clarion a new site's workflow installs: this one.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The package that carries the `clarion` command on PyPI and crates.io.
pub const PACKAGE: &str = env!("CARGO_PKG_NAME");

/// Pagefind, which makes the search index: one exact version (the one the
/// browser tests use), so a site's search never changes without a commit.
pub const PAGEFIND: &str = "pagefind@1.6.0";

/// A file to write: its path relative to the site (or bundle), and its text.
pub type NewFile = (&'static str, String);

// ------------------------------------------------------------------ new inspection

/// Today's date (UTC), for a start date to be corrected.
pub fn today() -> PartialDate {
    let (y, m, d) = dates::civil_from_days(Timestamp::now().0.div_euclid(86_400));
    PartialDate {
        year: y,
        month: Some(m),
        day: Some(d),
    }
}

/// `2026-03` from a slug that starts `2026-03-`, else today.
pub fn start_for(slug: &str, today: PartialDate) -> String {
    start_in_slug(slug).unwrap_or_else(|| today.iso())
}

/// `2026-03` from a slug that starts `2026-03-`: a month the editor chose.
pub fn start_in_slug(slug: &str) -> Option<String> {
    let mut parts = slug.splitn(3, '-');
    if let (Some(y), Some(m)) = (parts.next(), parts.next())
        && y.len() == 4
        && m.len() == 2
        && let Ok(d) = PartialDate::parse(&format!("{y}-{m}"))
    {
        return Some(d.iso());
    }
    None
}

/// The judgements to start from: one per area, with the framework's latest
/// name for it (frameworks list older names first), the overall one left out.
fn starter_judgements(fw: &Framework) -> Vec<&str> {
    let mut by_area: Vec<(String, &str)> = Vec::new();
    for name in &fw.judgement_names {
        let area = fw
            .area_of(name)
            .map_or_else(|| crate::model::normalise(name), str::to_string);
        if area == "overall" {
            continue;
        }
        match by_area.iter_mut().find(|(a, _)| *a == area) {
            Some(slot) => slot.1 = name,
            None => by_area.push((area, name)),
        }
    }
    by_area.into_iter().map(|(_, n)| n).collect()
}

/// A YAML double-quoted string, for names that may hold `:` or `#`.
fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn yaml_name(s: &str) -> String {
    if s.contains([
        ':', '#', '"', '\'', '[', ']', '{', '}', ',', '&', '*', '!', '|', '>', '%', '@', '`',
    ]) {
        quoted(s)
    } else {
        s.to_string()
    }
}

/// The files of a new inspection bundle: `inspection.yaml`, `summary.md`
/// and, when graded, `children.md`. The inspection starts as a draft, so
/// the site keeps building while it is written; nothing in it passes as
/// real: grades are left empty and the pages carry [`STARTER_MARK`], both
/// errors once it is no longer a draft.
pub fn new_inspection(slug: &str, fw: &Framework, kind: &str, start: &str) -> Vec<NewFile> {
    let graded = !UNGRADED_KINDS.contains(&kind);
    let mut y = String::new();
    let _ = writeln!(
        y,
        "# The inspection's data. Lines starting with # are notes: Clarion ignores them.\n\
         # Replace every value marked TODO with what the report says.\n\
         #\n\
         # It is a draft, so the published site leaves it out. Delete the next line\n\
         # when it is ready (or see it first with `clarion serve --drafts`).\n\
         draft: true\n\
         # To publish at a set moment instead, delete `draft` and write the time, in\n\
         # the site's time zone (`timezone:` in site.yaml, Europe/London if not set):\n\
         # embargo: 2026-01-15 00:01\n"
    );
    let _ = writeln!(y, "framework: {}        # {}", fw.key, fw.name);
    let _ = writeln!(
        y,
        "kind: {kind}             # full, focused-visit, monitoring-visit, jtai, thematic, ..."
    );
    let _ = writeln!(
        y,
        "start: {start}        # TODO: the first day on site: YYYY-MM-DD (or YYYY-MM, YYYY)\n\
         # end: YYYY-MM-DD         # the last day on site\n\
         # published: YYYY-MM-DD   # the day the report came out\n\
         # title: Inspection of ... children's services\n\
         # lead_inspector: Name, HMI\n\
         # report_url: https://reports.ofsted.gov.uk/...\n"
    );
    if graded {
        let _ = writeln!(
            y,
            "# The grades `{}` accepts, best first. Write the key, the label or another\n\
             # word on the same line, in any case:",
            fw.key
        );
        for g in &fw.grades {
            let mut words: Vec<&str> = vec![&g.label];
            words.extend(g.aliases.iter().map(String::as_str));
            let _ = writeln!(y, "#   {}: {}", g.key, words.join(", "));
        }
        // No grade is written for the editor: a grade left empty is an error
        // outside drafts, where an invented one would be published.
        let keys: Vec<&str> = fw.grades.iter().map(|g| g.key.as_str()).collect();
        let todo = format!("# TODO: one of {}", keys.join(", "));
        let _ = writeln!(y);
        let judgements = starter_judgements(fw);
        if fw.overall || judgements.is_empty() {
            let _ = writeln!(
                y,
                "# TODO: the overall effectiveness grade in the report, one of {}\noverall:\n",
                keys.join(", ")
            );
        }
        if !fw.judgement_names.is_empty() {
            let _ = writeln!(
                y,
                "# The judgements `{}` knows (use the names the report uses, in its order):",
                fw.key
            );
            for n in &fw.judgement_names {
                let _ = writeln!(y, "#   - {n}");
            }
        }
        if !judgements.is_empty() {
            let _ = writeln!(y, "judgements:");
            for n in judgements {
                let _ = writeln!(
                    y,
                    "  - name: {}\n    # child_name: the same in plain words, for the child page\n    grade:    {todo}",
                    yaml_name(n)
                );
            }
            let _ = writeln!(y);
        }
    } else {
        let _ = writeln!(
            y,
            "# A `{kind}` is not graded: it has no `overall` and no `judgements`.\n"
        );
    }
    let _ = writeln!(
        y,
        "# What the report says must improve, in its order:\n\
         # improvements:\n\
         #   - The first thing that must improve."
    );

    let summary = format!(
        "{STARTER_MARK}\n\
         <!-- TODO: replace these notes with a summary of the report for adults.\n\
         Say what inspectors found in plain words: what is good, what is not, and\n\
         what the council must do next. Use ## headings to break it up.\n\
         Files beside this one (a PDF, a picture) can be linked by name. -->\n\n\
         ## What inspectors found\n\n\
         This summary of the {} inspection is still being written.\n",
        slug
    );
    let mut files = vec![("inspection.yaml", y), ("summary.md", summary)];
    if graded {
        files.push((
            "children.md",
            format!("{STARTER_MARK}\n\
             <!-- TODO: replace these notes with the summary for children and young people in care.\n\
             Write for a reader aged 8 to 12: short sentences (15 words at most), everyday\n\
             words, and talk to the reader as \"you\". Say what inspectors looked at, what\n\
             is going well, and what must get better. Clarion tells you the reading age\n\
             when you run `clarion check`. -->\n\n\
             ## What the inspectors found\n\n\
             We are still writing this page. Please come back soon.\n"),
        ));
    }
    files
}

// ------------------------------------------------------------------ init

/// The example inspection's folder.
pub const EXAMPLE_SLUG: &str = "2025-03-ilacs";

const SITE_YAML: &str = r#"# The site's settings. Lines starting with # are notes: Clarion ignores them.
title: Children's services inspections
# The address the site is published at. On GitHub Pages that is usually
# https://<owner>.github.io/<repository>/ . The publishing workflow
# (.github/workflows/pages.yml) gives the right address itself, so this one
# is only used when you run `clarion build` on your computer.
base_url: https://example.github.io/my-site/
language: en-GB
# The council whose services are inspected: the default for every inspection.
authority: Example County Council
# The time zone of embargo times (`embargo: 2026-02-12 00:01`), with its
# summer time: Europe/London unless you change it.
timezone: Europe/London
description: Inspection results for children's services, explained in plain words for adults and for children.
children:
  reading_age_max: 11     # child pages reading above this are reported
  strict: false           # true: that report stops the build
# Shown on every child page under "Who can I talk to?". Add your own
# (the children in care council, the advocacy service), each with a name and
# any of phone, url and description.
contacts:
  - name: Childline
    phone: 0800 1111
    url: https://www.childline.org.uk/
    description: You can talk to Childline about anything, for free, at any time of day or night.
"#;

const INDEX_MD: &str = "\
This site explains what inspectors found when they looked at Example County Council's \
services for children: in plain words for adults, and in a page written for children \
and young people in care.

<!-- TODO: say who publishes this site and why, in two or three sentences. -->
";

const EXAMPLE_INSPECTION_YAML: &str = r#"# AN EXAMPLE to show how an inspection is written. Replace it with a real one
# (`clarion new inspection 2026-01-ilacs` makes a new one), then delete this folder.
framework: ilacs          # ilacs (2018 on), sif (2013-2018), safeguarding-lac-2009
kind: full                # full, focused-visit, monitoring-visit, jtai, thematic, ...
title: Inspection of Example County Council children's services (example)
start: 2025-03-10         # the first day on site
end: 2025-03-21           # the last day on site
published: 2025-05-02     # the day the report came out
# report_url: https://reports.ofsted.gov.uk/...
# Grades: outstanding, good, requires improvement to be good, inadequate.
overall: good
judgements:
  - name: The impact of leaders on social work practice with children and families
    child_name: How well the people in charge lead the work
    grade: good
  - name: The experiences and progress of children who need help and protection
    child_name: How children are helped and kept safe
    grade: good
  - name: The experiences and progress of children in care
    child_name: How children in care are looked after
    grade: good
  - name: The experiences and progress of care leavers
    child_name: How young people leaving care are helped
    grade: requires improvement to be good
improvements:
  - The choice of homes for care leavers.
  - How quickly children's plans are checked when their lives change.
# To keep an inspection off the site until the report is public:
# draft: true                      # until you delete this line
# embargo: 2025-05-02 00:01        # until this moment (UK time)
"#;

const EXAMPLE_SUMMARY_MD: &str = "\
**This is an example.** It shows how a summary is written. Replace it with a \
summary of a real report.

## What inspectors found

Inspectors found that children's services in Example County are good. Leaders \
know their services well and have made steady progress since the last inspection.

Children who need help and protection get it quickly. Social workers know the \
children they work with and see them often.

Children in care live in stable homes and are helped to stay in touch with the \
people who matter to them.

## What needs to improve

Care leavers do not have enough choice of where to live, and some plans are not \
checked quickly enough when a child's life changes.
";

const EXAMPLE_CHILDREN_MD: &str = "\
**This is an example page.** We will change it for a real one soon.

## What the inspectors did

Inspectors visited the council for two weeks. They wanted to know how well it \
looks after children. They talked to children, families and social workers.

## What is going well

Children in care live in homes where they feel safe. Most of them stay in the \
same home for a long time. Social workers visit them often and listen to them.

## What needs to get better

Some care leavers do not have a good choice of homes. The council must find \
more homes for them.
";

const GLOSSARY_YAML: &str = r#"# Words children may not know. Each one a child page uses is explained
# on that page. `also` lists other forms of the word.
- term: care leaver
  also: [care leavers]
  meaning: A young person aged 16 to 25 who used to be in care.
- term: social worker
  also: [social workers]
  meaning: A person whose job is to help children and families and keep children safe.
- term: inspector
  also: [inspectors]
  meaning: A person whose job is to check how well something is done.
- term: council
  meaning: The group of people who run services, like schools and care, in an area.
- term: in care
  meaning: When a child lives away from their family and the council looks after them.
"#;

const ABOUT_MD: &str = "\
---
title: About this site
---
This site shows what inspectors found when they checked Example County Council's \
services for children. Ofsted, the inspectorate, grades these services. The \
grades on this site are Ofsted's own words; the summaries are written for this site.

Each inspection has a page for adults and a page for children and young people \
in care. The full reports are on Ofsted's website.

<!-- TODO: say who publishes this site, how to contact them, and how often it is updated. -->
";

const ACCESSIBILITY_MD: &str = "\
---
title: Accessibility statement
---
<!-- TODO: complete this statement. It follows the GOV.UK model accessibility
statement: https://www.gov.uk/government/publications/sample-accessibility-statement
Replace every [bracketed] part, and check the site before you say it complies. -->

This accessibility statement applies to [the website's name and address].

This website is run by [organisation]. We want as many people as possible to be \
able to use it. For example, you should be able to:

- change colours, contrast levels and fonts using your browser or device settings
- zoom in up to 400% without the text spilling off the screen
- navigate most of the website using a keyboard or speech recognition software
- listen to most of the website using a screen reader

## How accessible this website is

[Say what you know of parts of the site that are not fully accessible.]

## Feedback and contact information

If you need information on this website in a different format, contact [email, \
phone]. We'll consider your request and get back to you in [number] days.

## Reporting accessibility problems with this website

We're always looking to improve the accessibility of this website. If you find \
any problems not listed on this page or think we're not meeting accessibility \
requirements, contact [email, phone].

## Enforcement procedure

The Equality and Human Rights Commission (EHRC) is responsible for enforcing the \
Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility \
Regulations 2018 (the 'accessibility regulations'). If you're not happy with how \
we respond to your complaint, contact the Equality Advisory and Support Service (EASS).

## Technical information about this website's accessibility

[Organisation] is committed to making its website accessible, in accordance with \
the Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility \
Regulations 2018.

### Compliance status

This website is [fully / partially / not] compliant with the Web Content \
Accessibility Guidelines version 2.2 AA standard[, due to the non-compliances listed below].

## Non-accessible content

[List any content that is not accessible, and why, or say that there is none.]

## What we're doing to improve accessibility

[Say what you plan to do, and when.]

## Preparation of this accessibility statement

This statement was prepared on [date]. It was last reviewed on [date].

This website was last tested on [date]. The test was carried out by [organisation].
";

const GITIGNORE: &str = "\
# The built site: GitHub Actions builds and publishes it, so it is not kept here.
/site/
";

const README_MD: &str = "\
# Children's services inspections

This folder is a website made with [Clarion](CLARION_REPOSITORY). You edit plain \
files (Markdown and YAML); Clarion checks them and builds the site, and GitHub \
publishes it every time you push to `main`.

## What is where

- `site.yaml`: the site's title, address, council and the contacts shown to children.
- `content/inspections/<name>/`: one folder per inspection:
  - `inspection.yaml`: dates and grades;
  - `summary.md`: the summary for adults;
  - `children.md`: the summary for children and young people in care.
- `content/index.md`: the words at the top of the home page.
- `content/glossary.yaml`: words children may not know, with their meaning.
- `content/pages/`: other pages, such as the accessibility statement (complete it!).

`content/inspections/2025-03-ilacs` is an example: replace it with a real one.

## Add an inspection

```sh
clarion new inspection 2026-01-ilacs
```

This makes `content/inspections/2026-01-ilacs/` with files to fill in. The notes \
in `inspection.yaml` list the judgements and every grade word you can use; every \
grade is left empty for you to fill in, and `summary.md` and `children.md` start \
with a `clarion: starter text` line to delete once you have written them. Until \
both are done the inspection cannot be published, and `clarion check` lists what \
is left. The inspection is a draft (`draft: true`), so it is not published until you delete \
that line. To publish it at a set moment, for example when an embargo lifts, \
write `embargo: 2026-02-12 00:01` instead (UK time; `timezone:` in `site.yaml` \
changes that).

## Check and preview

```sh
clarion check           # finds mistakes and says how to fix them
clarion serve --drafts  # shows the site in your browser, drafts included
clarion serve --open    # shows the site and opens it in your web browser
```

`clarion serve` prints the address to open (http://127.0.0.1:1111/my-site/), then
rebuilds the site and reloads your browser every time you save a file.

## Publish

Push to `main`. The workflow in `.github/workflows/pages.yml` builds the site \
and publishes it on GitHub Pages. Turn Pages on once: in the repository's \
Settings, under Pages, set the source to \"GitHub Actions\".

The workflow also runs every hour, so an inspection with an `embargo` appears \
soon after its time (GitHub sometimes starts these runs a little late). On a pull \
request it runs `clarion check`, and each mistake shows on the changed line.

The workflow installs one exact version of Clarion, the one that made this \
folder, from PyPI (the `CLARION:` line). To upgrade, change the version on that \
line; nothing changes until you do.
";

const WORKFLOW_HEAD: &str = r#"# Builds the site with Clarion and publishes it on GitHub Pages, and checks
# every pull request, showing each mistake on the changed line.
#
# Turn Pages on once: in the repository's Settings, under Pages, set
# "Build and deployment" to "GitHub Actions".
name: Publish the site

on:
  push:
    branches: [main]
  pull_request:
  workflow_dispatch:
  # Every hour, at 5 minutes past, so that an inspection with an `embargo`
  # appears soon after the embargo lifts (and never before). GitHub may start
  # scheduled runs late when it is busy, sometimes by 15 minutes or more.
  schedule:
    - cron: "5 * * * *"

permissions:
  contents: read
  pages: write
  id-token: write

# One publication at a time: a run that starts while another is publishing
# waits. A pull request's check has its own group, and a newer push to the
# pull request replaces it.
concurrency:
  group: ${{ github.event_name == 'pull_request' && github.ref || 'pages' }}
  cancel-in-progress: ${{ github.event_name == 'pull_request' }}

"#;

const WORKFLOW_INSTALL: &str = r#"env:
  # The Clarion that builds the site. To upgrade, change the version here.
  CLARION: {PACKAGE}=={VERSION}

jobs:
  check:
    if: github.event_name == 'pull_request'
    runs-on: ubuntu-latest
    permissions:
      contents: read
    steps:
      - uses: actions/checkout@v7
        with:
          persist-credentials: false
      - uses: actions/setup-python@v7
        with:
          python-version: "3.13"
      - name: Install Clarion
        run: pip install "$CLARION"
      - name: Check the site
        run: clarion check

  build:
    if: github.event_name != 'pull_request'
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v7
        with:
          persist-credentials: false
      - uses: actions/setup-python@v7
        with:
          python-version: "3.13"
      - name: Install Clarion
        run: pip install "$CLARION"
      - name: Set up Pages
        id: pages
        uses: actions/configure-pages@v6
      - name: Build the site
        run: clarion build --base-url "${{ steps.pages.outputs.base_url }}/"
"#;

/// Clarion's own repository builds Clarion from its source, with a cache.
const WORKFLOW_REPO_BUILD: &str = r#"jobs:
  check:
    if: github.event_name == 'pull_request'
    runs-on: ubuntu-latest
    permissions:
      contents: read
    steps:
      - uses: actions/checkout@v7
        with:
          persist-credentials: false
      - uses: dtolnay/rust-toolchain@stable
      - uses: actions/cache@v6
        with:
          path: |
            ~/.cargo/registry
            ~/.cargo/git
            target
          key: cargo-${{ runner.os }}-${{ hashFiles('Cargo.lock') }}
          restore-keys: cargo-${{ runner.os }}-
      - name: Check the site
        run: cargo run --release -- check

  build:
    if: github.event_name != 'pull_request'
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v7
        with:
          persist-credentials: false
      - uses: dtolnay/rust-toolchain@stable
      - uses: actions/cache@v6
        with:
          path: |
            ~/.cargo/registry
            ~/.cargo/git
            target
          key: cargo-${{ runner.os }}-${{ hashFiles('Cargo.lock') }}
          restore-keys: cargo-${{ runner.os }}-
      - name: Set up Pages
        id: pages
        uses: actions/configure-pages@v6
      - name: Build the site
        run: cargo run --release -- build --base-url "${{ steps.pages.outputs.base_url }}/"
"#;

const WORKFLOW_TAIL: &str = r#"      # The search index for the site's finder, made from the built pages.
      - name: Make the search index
        run: npx --yes {PAGEFIND} --site site
      - uses: actions/upload-pages-artifact@v5
        with:
          path: site

  deploy:
    needs: build
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: ${{ steps.deployment.outputs.page_url }}
    steps:
      - name: Publish on GitHub Pages
        id: deployment
        uses: actions/deploy-pages@v5
"#;

/// The workflow `clarion init` writes: installs this version of Clarion
/// from PyPI (no Rust, no cache), checks pull requests, builds, publishes.
pub fn pages_workflow() -> String {
    let install = WORKFLOW_INSTALL
        .replace("{PACKAGE}", PACKAGE)
        .replace("{VERSION}", VERSION);
    let tail = WORKFLOW_TAIL.replace("{PAGEFIND}", PAGEFIND);
    format!("{WORKFLOW_HEAD}{install}{tail}")
}

/// The workflow of Clarion's own repository, which publishes its example
/// site built from the source in the repository.
pub fn repository_workflow() -> String {
    let tail = WORKFLOW_TAIL.replace("{PAGEFIND}", PAGEFIND);
    format!("{WORKFLOW_HEAD}{WORKFLOW_REPO_BUILD}{tail}")
}

/// Every file of a new site, its paths `/`-separated.
pub fn init_files() -> Vec<NewFile> {
    vec![
        ("site.yaml", SITE_YAML.into()),
        ("content/index.md", INDEX_MD.into()),
        (
            "content/inspections/2025-03-ilacs/inspection.yaml",
            EXAMPLE_INSPECTION_YAML.into(),
        ),
        (
            "content/inspections/2025-03-ilacs/summary.md",
            EXAMPLE_SUMMARY_MD.into(),
        ),
        (
            "content/inspections/2025-03-ilacs/children.md",
            EXAMPLE_CHILDREN_MD.into(),
        ),
        ("content/glossary.yaml", GLOSSARY_YAML.into()),
        ("content/pages/about.md", ABOUT_MD.into()),
        ("content/pages/accessibility.md", ACCESSIBILITY_MD.into()),
        (".gitignore", GITIGNORE.into()),
        (
            "README.md",
            README_MD.replace("CLARION_REPOSITORY", REPOSITORY),
        ),
        (".github/workflows/pages.yml", pages_workflow()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::builtin_frameworks;

    #[test]
    fn start_comes_from_the_slug_when_it_can() {
        let today = PartialDate::parse("2026-02-03").unwrap();
        assert_eq!(start_for("2026-03-ilacs", today), "2026-03");
        assert_eq!(start_for("2026-13-ilacs", today), "2026-02-03");
        assert_eq!(start_for("kent-2026", today), "2026-02-03");
    }

    #[test]
    fn ilacs_starts_with_todays_four_judgements() {
        let fws = builtin_frameworks();
        let ilacs = fws.iter().find(|f| f.key == "ilacs").unwrap();
        let names = starter_judgements(ilacs);
        assert_eq!(names.len(), 4, "{names:?}");
        assert!(names.contains(&"The experiences and progress of care leavers"));
        assert!(!names.iter().any(|n| n.contains("Overall")));
    }

    #[test]
    fn the_workflow_pins_this_clarion() {
        let w = pages_workflow();
        assert!(
            w.contains(&format!("CLARION: clarion-ssg=={VERSION}\n")),
            "{w}"
        );
        for w in [w, repository_workflow()] {
            for hole in ["{PACKAGE}", "{VERSION}", "{PAGEFIND}"] {
                assert!(!w.contains(hole), "{hole} in {w}");
            }
        }
    }
}
