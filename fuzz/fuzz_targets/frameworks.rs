//! Any text as content/frameworks.yaml, with an inspection using a
//! framework the file may define or replace.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let mut raw = common::site();
    raw.frameworks = Some(common::file("content/frameworks.yaml", text));
    raw.bundles.push({
        let mut b = common::bundle("framework: six-point\nstart: 2024\noverall: excellent\n");
        b.slug = "2024-six".into();
        b.dir = "content/inspections/2024-six".into();
        b
    });
    common::check(raw);
});
