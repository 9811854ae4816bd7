//! Fingerprints: a hash of everything a page is rendered from, computed without rendering it.
//!
//! An incremental render keeps each page's fingerprint and re-renders only pages whose
//! fingerprint changed. A fingerprint must therefore cover every input of its page: large inputs
//! (an article body) enter as hashes computed once per article, small ones (titles, paths, tag
//! counts) directly. A missed input would serve a stale page, so when in doubt a fingerprint
//! takes the whole view (`view`), which is always correct and only slower.

use std::hash::{Hash, Hasher};

use foldhash::quality::FoldHasher;
use serde::Serialize;

pub(crate) use crate::hash::hash_of;

/// A builder of one page's fingerprint.
pub(crate) struct Fingerprint(FoldHasher<'static>);

impl Fingerprint {
    /// Starts a fingerprint for a page of this template, on top of the inputs every page shares.
    pub(crate) fn new(template: &str, global: u64) -> Self {
        let mut hasher = crate::hash::hasher();
        (template, global).hash(&mut hasher);
        Fingerprint(hasher)
    }

    /// Adds a hashable input.
    pub(crate) fn add(mut self, value: &impl Hash) -> Self {
        value.hash(&mut self.0);
        self
    }

    /// Adds a view as its templates would see it (serialised), for inputs without `Hash`.
    pub(crate) fn view(mut self, value: &impl Serialize) -> Self {
        // Serialising into a hasher cannot fail except through a view's own `Serialize`, which
        // for gloss's derived views does not; a failure still changes the hash, never hides one.
        if serde_json::to_writer(HashWriter(&mut self.0), value).is_err() {
            u8::MAX.hash(&mut self.0);
        }
        self
    }

    pub(crate) fn finish(self) -> u64 {
        self.0.finish()
    }
}

/// Lets serde write straight into a hasher, without building the JSON text.
struct HashWriter<'a>(&'a mut FoldHasher<'static>);

impl std::io::Write for HashWriter<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.write(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_differ_by_template_global_and_inputs() {
        let base = Fingerprint::new("a.html", 1).add(&"x").view(&["y"]).finish();
        assert_eq!(base, Fingerprint::new("a.html", 1).add(&"x").view(&["y"]).finish());
        assert_ne!(base, Fingerprint::new("b.html", 1).add(&"x").view(&["y"]).finish());
        assert_ne!(base, Fingerprint::new("a.html", 2).add(&"x").view(&["y"]).finish());
        assert_ne!(base, Fingerprint::new("a.html", 1).add(&"x").view(&["z"]).finish());
    }
}
