//! Times the parts of rendering on a site: `cargo run --release --example profile -- DIR`
use std::time::Instant;

fn main() {
    let root = std::path::PathBuf::from(std::env::args().nth(1).expect("DIR"));
    let mut diags = clarion::diagnostic::Diagnostics::default();
    let t = Instant::now();
    let raw = clarion::load::load(&root, &mut diags);
    println!("load {:?}", t.elapsed());
    let t = Instant::now();
    let site = std::sync::Arc::new(clarion::validate::validate(
        &raw,
        Default::default(),
        &mut diags,
    ));
    println!("validate {:?}", t.elapsed());
    let t = Instant::now();
    for b in &raw.bundles {
        if let Some(f) = &b.inspection {
            let _ = clarion::yaml::parse(&f.path, &f.text, 0);
        }
    }
    println!("  yaml parse only {:?}", t.elapsed());
    let shared = clarion::shared::Shared::new(&site, Default::default());
    let t = Instant::now();
    let links = &shared.links;
    for i in &site.inspections {
        let _ = clarion::markdown::render(
            &i.summary,
            &clarion::markdown::RenderOptions {
                links,
                glossary: None,
                id_prefix: "",
            },
        );
    }
    println!("markdown summaries {:?}", t.elapsed());
    let t = Instant::now();
    for i in &site.inspections {
        if let Some(c) = &i.children {
            let _ = clarion::markdown::render(
                c,
                &clarion::markdown::RenderOptions {
                    links,
                    glossary: Some(&shared.matcher),
                    id_prefix: "",
                },
            );
        }
    }
    println!("markdown children+glossary {:?}", t.elapsed());
    let t = Instant::now();
    for k in 0..site.inspections.len() {
        let v = clarion::render::InspectionObject::value(&shared, k);
        for field in ["title", "overall", "judgements", "date", "documents"] {
            let _ = v.get_attr(field);
        }
    }
    println!("inspection values, five fields read {:?}", t.elapsed());
    let t = Instant::now();
    for i in &site.inspections {
        let _ = shared.since_last(i);
    }
    println!("since_last {:?}", t.elapsed());
    let mut d = clarion::diagnostic::Diagnostics::default();
    let templates = clarion::render::Templates::new(None, &mut d);
    let jobs = clarion::render::all_jobs(&shared);
    use clarion::render::Job;
    type Pick = fn(&Job) -> bool;
    let kinds: [(&str, Pick); 6] = [
        ("inspection pages", |j| matches!(j, Job::Inspection(_))),
        ("child pages", |j| matches!(j, Job::Children(..))),
        ("list pages", |j| matches!(j, Job::Inspections(_))),
        ("authority pages", |j| {
            matches!(j, Job::Authority(_) | Job::Authorities)
        }),
        ("documents", |j| {
            matches!(j, Job::Document(_) | Job::Documents)
        }),
        ("other", |j| {
            matches!(
                j,
                Job::Index | Job::Find | Job::Glossary | Job::NotFound | Job::Page(_)
            )
        }),
    ];
    for (name, pick) in kinds {
        let some: Vec<Job> = jobs.iter().copied().filter(|j| pick(j)).collect();
        let t = Instant::now();
        let out = clarion::render::render_jobs(&shared, &templates, &some);
        println!("{name}: {:?} for {} pages", t.elapsed(), out.files.len());
    }
}
