//! Any text as site.yaml, in an otherwise valid site.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let mut raw = common::site();
    raw.site_yaml = Some(common::file("site.yaml", text));
    common::check(raw);
});
