//! Arbitrary text as a content file: front matter is split and parsed or rejected with an
//! error carrying a line, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|text: &str| {
    let path = Path::new("content/fuzz.md");
    if let Ok(split) = gloss::content::front_matter::split(path, text) {
        let _ = gloss::content::front_matter::parse(path, &split);
    }
});
