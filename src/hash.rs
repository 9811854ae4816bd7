//! One hash for the whole pipeline: change detection between rebuilds (articles, front matter,
//! glossary definitions, page fingerprints) compares these values, so every stage must compute
//! them the same way. Not for security: the inputs are the user's own files.
//!
//! Change detection uses foldhash's quality variant with a fixed seed: a rebuild hashes every
//! page's inputs (tens of thousands of small values for a 10,000-article site), and SipHash, the
//! standard library's hasher, was a fifth of a rebuild's bookkeeping. Its 64 bits are well mixed,
//! so two different inputs of one page collide with a chance of about 2⁻⁶⁴. These hashes live
//! only in memory and may change with foldhash's version. A hash that is written into the site
//! (an id in a page) uses [`stable_hash_of`] instead, so output never depends on a crate version.

use std::hash::{BuildHasher, DefaultHasher, Hash, Hasher};

use foldhash::quality::{FixedState, FoldHasher};

/// The fixed seed: hashes must agree between the stages of one process.
const SEED: u64 = 0x676c_6f73_735f_7631; // "gloss_v1"

/// A hasher for change detection.
pub fn hasher() -> FoldHasher<'static> {
    FixedState::with_seed(SEED).build_hasher()
}

/// A 64-bit hash of one value, for change detection.
pub fn hash_of(value: &impl Hash) -> u64 {
    FixedState::with_seed(SEED).hash_one(value)
}

/// A 64-bit hash that does not depend on any crate's version (the standard library's SipHash
/// with zero keys, pinned by a test), for hashes that end up in output files.
pub fn stable_hash_of(value: &impl Hash) -> u64 {
    let mut hasher = DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_deterministic_and_tell_values_apart() {
        assert_eq!(hash_of(&"기사"), hash_of(&"기사"));
        assert_ne!(hash_of(&"기사"), hash_of(&"기사 "));
        assert_ne!(hash_of(&("a", "bc")), hash_of(&("ab", "c")));
        // Output ids must not change between releases. The standard library does not promise
        // that `DefaultHasher` never changes, so its value is pinned here: a toolchain that
        // changed it would fail this test instead of silently changing every site's ids.
        assert_eq!(stable_hash_of(&"/2025/08/17/x/"), 0x24b0_53a2_3331_b883);
    }
}
