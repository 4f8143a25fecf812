//! `yaml::parse` on any text: an error or a tree, never a panic or a stall.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = clarion::yaml::parse("fuzz.yaml", text, 0);
    let _ = clarion::yaml::parse("fuzz.md", text, 3);
});
