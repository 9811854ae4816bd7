//! Arbitrary text as `site.toml`: a checked configuration or an error, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = gloss::config::Config::parse(text, std::path::Path::new("/site"));
});
