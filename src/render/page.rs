//! A page to render, described by one value: its inputs.
//!
//! Each page family (articles, listings, term pages, timelines, feeds) builds one input value
//! per page, a struct of everything the page is rendered from. The page's fingerprint is the
//! hash of that value, and its template context is made from that value alone (plus what every
//! page shares, whose hash is mixed into every fingerprint). So an input cannot be added to
//! the context and forgotten in the fingerprint: a field the context reads is a field the hash
//! covers. Large inputs (an article body, a definition) enter as [`Hashed`] references, which
//! carry the hash computed once where the data was made.
//!
//! An incremental render keeps each page's fingerprint and renders again only pages whose
//! fingerprint changed (`pipeline::cache`); `tests/incremental.rs` compares every kind of edit
//! with a full build.

use std::borrow::Cow;
use std::hash::{Hash, Hasher};

use foldhash::quality::FoldHasher;
use serde::Serialize;

use super::Shared;

/// One page of the site, not yet rendered.
pub(crate) struct Page<'a> {
    /// Where it goes, relative to the site: `politics/x/`, `atom.xml`.
    pub(crate) url: Cow<'a, str>,
    /// What produced it, for messages.
    pub(crate) origin: Origin<'a>,
    /// The template, or text written as it is.
    pub(crate) body: Body,
    inputs: Box<dyn Inputs + Send + Sync + 'a>,
}

/// How a page's text is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Body {
    /// Rendered through this template.
    Template(&'static str),
    /// Written as the inputs give it (`.nojekyll`, `CNAME`).
    Verbatim,
}

/// The inputs of one page: hashed for its fingerprint, read for its context.
pub(crate) trait Inputs {
    /// Feeds every input into the page's fingerprint.
    fn fingerprint(&self, hasher: &mut FoldHasher<'static>);
    /// The template context, made from these inputs and what every page shares.
    fn context(&self, shared: &Shared<'_>) -> tera::Context;
    /// The text of a verbatim page.
    fn text(&self) -> String {
        String::new()
    }
}

/// What a page family implements for its input value; [`Inputs`] follows.
pub(crate) trait PageContext: Hash {
    fn context(&self, shared: &Shared<'_>) -> tera::Context;
}

impl<T: PageContext> Inputs for T {
    fn fingerprint(&self, hasher: &mut FoldHasher<'static>) {
        self.hash(hasher);
    }

    fn context(&self, shared: &Shared<'_>) -> tera::Context {
        PageContext::context(self, shared)
    }
}

/// A page written as it is: its text is its only input.
struct Verbatim(String);

impl Inputs for Verbatim {
    fn fingerprint(&self, hasher: &mut FoldHasher<'static>) {
        self.0.hash(hasher);
    }

    fn context(&self, _: &Shared<'_>) -> tera::Context {
        tera::Context::new()
    }

    fn text(&self) -> String {
        self.0.clone()
    }
}

impl<'a> Page<'a> {
    /// A page rendered through `template` from `inputs`.
    pub(crate) fn new(
        template: &'static str,
        url: impl Into<Cow<'a, str>>,
        origin: impl Into<Origin<'a>>,
        inputs: impl PageContext + Send + Sync + 'a,
    ) -> Page<'a> {
        Page {
            url: url.into(),
            origin: origin.into(),
            body: Body::Template(template),
            inputs: Box::new(inputs),
        }
    }

    /// A file written as it is (`.nojekyll`, `CNAME`).
    pub(crate) fn verbatim(path: &str, text: String) -> Page<'a> {
        Page {
            url: path.to_owned().into(),
            origin: format!("`{path}`").into(),
            body: Body::Verbatim,
            inputs: Box::new(Verbatim(text)),
        }
    }

    /// The template, for templated pages.
    pub(crate) fn template(&self) -> Option<&'static str> {
        match self.body {
            Body::Template(template) => Some(template),
            Body::Verbatim => None,
        }
    }

    /// The page's fingerprint on top of `global` (the hash of what every page shares).
    pub(crate) fn fingerprint(&self, global: u64) -> u64 {
        let mut hasher = crate::hash::hasher();
        // The URL is the key fingerprints are kept under, so it need not be hashed.
        (self.template().unwrap_or(""), global).hash(&mut hasher);
        self.inputs.fingerprint(&mut hasher);
        hasher.finish()
    }

    pub(crate) fn context(&self, shared: &Shared<'_>) -> tera::Context {
        self.inputs.context(shared)
    }

    pub(crate) fn text(&self) -> String {
        self.inputs.text()
    }
}

/// What produced a page, for messages. Most pages are articles, and most pages of a rebuild
/// are never rendered, so an article's origin is kept as its path and formatted when needed.
#[derive(Clone)]
pub(crate) enum Origin<'a> {
    Described(String),
    File(&'a std::path::Path),
}

impl std::fmt::Display for Origin<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Origin::Described(text) => f.write_str(text),
            Origin::File(path) => write!(f, "`{}`", path.display()),
        }
    }
}

impl From<String> for Origin<'_> {
    fn from(text: String) -> Self {
        Origin::Described(text)
    }
}

impl From<&str> for Origin<'_> {
    fn from(text: &str) -> Self {
        Origin::Described(text.to_owned())
    }
}

impl<'a> From<&'a std::path::Path> for Origin<'a> {
    fn from(path: &'a std::path::Path) -> Self {
        Origin::File(path)
    }
}

/// A borrowed input and the hash that stands for it in a fingerprint. Made only where that hash
/// is computed from the same data (an annotation's hash beside its HTML, a term's definition
/// hash beside its text), so hashing the reference cannot miss a change.
pub(crate) struct Hashed<'a, T: ?Sized> {
    value: &'a T,
    hash: u64,
}

impl<'a, T: ?Sized> Hashed<'a, T> {
    pub(crate) fn new(value: &'a T, hash: u64) -> Self {
        Hashed { value, hash }
    }

    pub(crate) fn get(&self) -> &'a T {
        self.value
    }
}

impl<T: ?Sized> Clone for Hashed<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: ?Sized> Copy for Hashed<'_, T> {}

impl<T: ?Sized> Hash for Hashed<'_, T> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.hash.hash(state);
    }
}

/// A reference the context reads whose parts that matter are covered by other inputs of the
/// same page; each use says which. It adds nothing to the fingerprint.
pub(crate) struct Covered<T>(pub(crate) T);

impl<T> Hash for Covered<T> {
    fn hash<H: Hasher>(&self, _: &mut H) {}
}

/// A view hashed as its templates see it (serialised), for inputs without `Hash`; always
/// right, only slower than a precomputed hash.
pub(crate) struct AsSeen<T>(pub(crate) T);

impl<T: Serialize> Hash for AsSeen<T> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        let mut writer = HashWriter(state);
        // Serialising into a hasher cannot fail except through a view's own `Serialize`, which
        // for gloss's derived views does not; a failure still changes the hash, never hides one.
        if serde_json::to_writer(&mut writer, &self.0).is_err() {
            u8::MAX.hash(writer.0);
        }
    }
}

/// Lets serde write straight into a hasher, without building the JSON text.
struct HashWriter<'h, H: Hasher>(&'h mut H);

impl<H: Hasher> std::io::Write for HashWriter<'_, H> {
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

    #[derive(Hash)]
    struct Inputs<'a> {
        title: &'a str,
        body: Hashed<'a, str>,
        view: AsSeen<[&'a str; 1]>,
    }

    impl PageContext for Inputs<'_> {
        fn context(&self, _: &Shared<'_>) -> tera::Context {
            tera::Context::new()
        }
    }

    fn fingerprint(template: &'static str, global: u64, inputs: Inputs<'_>) -> u64 {
        Page::new(template, "a/", "a test", inputs).fingerprint(global)
    }

    #[test]
    fn fingerprints_differ_by_template_global_and_every_input() {
        let inputs = |title, hash, view| Inputs {
            title,
            body: Hashed::new("body", hash),
            view: AsSeen([view]),
        };
        let base = fingerprint("a.html", 1, inputs("t", 7, "v"));
        assert_eq!(base, fingerprint("a.html", 1, inputs("t", 7, "v")));
        assert_ne!(base, fingerprint("b.html", 1, inputs("t", 7, "v")));
        assert_ne!(base, fingerprint("a.html", 2, inputs("t", 7, "v")));
        assert_ne!(base, fingerprint("a.html", 1, inputs("u", 7, "v")));
        assert_ne!(base, fingerprint("a.html", 1, inputs("t", 8, "v")));
        assert_ne!(base, fingerprint("a.html", 1, inputs("t", 7, "w")));
    }
}
