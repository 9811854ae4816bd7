//! One hash for the whole pipeline: change detection between rebuilds (articles, front matter,
//! glossary definitions, page fingerprints) compares these values, so every stage must compute
//! them the same way. Not for security: the inputs are the user's own files.

use std::hash::{DefaultHasher, Hash, Hasher};

/// A 64-bit hash of one value.
pub fn hash_of(value: &impl Hash) -> u64 {
    let mut hasher = DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}
