//! Any text as an inspection.yaml, in an otherwise valid site.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let mut raw = common::site();
    raw.bundles = vec![common::bundle(text)];
    common::check(raw);
});
