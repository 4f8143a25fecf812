//! The files of a new site (`clarion init`).

use super::workflow::pages_workflow;
use super::{NewFile, REPOSITORY};

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
  vocabulary_age_max: 12  # and child pages whose long words read above this
  strict: false           # true: that report stops the build
# Shown on every child page. Add your own (the children in care council,
# the advocacy service, complaints), each with a name, any of url and
# description, a purpose (talk, complain or advocate, or a list: the page
# lists each under "Who can I talk to?", "How to complain" or "How to get
# an advocate"; a contact with several is shown in full under the first,
# then by name and phone) and a phone, or in no_phone the reason there is none yet:
#   - name: Example County Council complaints
#     purpose: complain
#     no_phone: The council has not given us this number yet. Ask your social worker.
contacts:
  - name: Childline
    purpose: talk
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
# on that page, where it is first used. `also` lists other forms of the word
# (plurals like `care leavers` and `nurse's` are found without it). For a
# word with an everyday sense too, `not_in` lists phrases where it means
# something else (`not_in: [for good, good at]`) and `only_in` the only
# phrases where it means what the glossary says.
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
