//! Any text as content/glossary.yaml, in an otherwise valid site.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let mut raw = common::site();
    raw.glossary = Some(common::file("content/glossary.yaml", text));
    common::check(raw);
});
