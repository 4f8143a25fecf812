//! Writes this repository's own `.github/workflows/pages.yml` from the
//! template in src/scaffold.rs, after the template changes:
//! `cargo run --example write_workflow`. The test
//! `the_projects_own_workflow_builds_the_example_site` (tests/scaffold.rs)
//! fails until the two agree.

use std::path::Path;

fn main() -> std::io::Result<()> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(".github/workflows/pages.yml");
    std::fs::create_dir_all(path.parent().unwrap_or(Path::new(".")))?;
    std::fs::write(&path, clarion::scaffold::repository_workflow())?;
    println!("Wrote {}", path.display());
    Ok(())
}
