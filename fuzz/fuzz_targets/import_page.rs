//! Arbitrary bytes as a scraped page: import must return an article or an error, never panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let _ = gloss::import::import_page("fuzz.html", bytes);
});
