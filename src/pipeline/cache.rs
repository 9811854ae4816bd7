//! Everything a site keeps between renders, in one place: the library last assembled, the
//! glossary, each article's annotation, and each page's fingerprint. `gloss build` keeps none of
//! it (a render without a cache renders everything and frees what it is done with); `gloss
//! serve` and `build --watch` keep all of it, so that an edit re-does only what it touches.
//!
//! Each part is reused only when what it was made from is unchanged:
//! - the library, when every edit since kept its article in its place (same date, title, URL,
//!   section, tags, draft status: every body edit), is patched instead of sorted again;
//! - the glossary, while no glossary entry and no position of an article with one changed;
//! - an annotation, while its article's file, the glossary's matching and the definitions its
//!   tooltips show, and the targets of its links are unchanged
//!   ([`AnnotatedArticle::is_valid_for`]);
//! - a page, while its fingerprint, the hash of its inputs (`render::page`), is unchanged.
//!
//! Page families need no state of their own: their inputs are computed afresh on every render,
//! from the library and the annotations kept here. A new page family (search index shards,
//! processed images) adds one file in `render/` and, when it has costly inputs of its own to
//! keep, one field here.

use std::sync::Arc;

use anyhow::Result;
use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::annotate::article::{AnnotatedArticle, annotate};
use crate::annotate::glossary::Glossary;
use crate::annotate::links::ContentLinks;
use crate::config::Config;
use crate::content::{Article, ContentFiles, Edit, Library, LoadOptions, same_place};
use crate::hash::hash_of;
use crate::render::Fingerprints;

/// What a site keeps between renders. A new cache reuses nothing.
#[derive(Default)]
pub struct Cache {
    library: Option<(LoadOptions, Arc<Library>)>,
    glossary: Option<(u64, Arc<Glossary>)>,
    /// Each article's glossary entries' hash, by article (the pointer, as the library holds it).
    glossary_entries: Vec<(Arc<Article>, u64)>,
    annotations: Annotations,
    /// The fingerprints of the last render that succeeded.
    pub(crate) fingerprints: Option<Fingerprints>,
}

impl Cache {
    /// Takes the edits of a content update: the library is patched when every edit kept its
    /// article in place, and dropped otherwise (a file added or removed, a date or title
    /// changed, the site glossary edited).
    pub fn apply(&mut self, edits: &[Edit]) {
        let mut replacements = Vec::new();
        for edit in edits {
            match (&edit.before, &edit.after) {
                (Some(old), Some(new)) if same_place(old, new) => replacements.push((old, new)),
                _ => {
                    self.library = None;
                    return;
                }
            }
        }
        let Some((_, library)) = &mut self.library else { return };
        // No render holds the library between renders, so this does not copy it.
        let library = Arc::make_mut(library);
        for (old, new) in replacements {
            // A draft left out of the library has no place to take.
            if let Some(slot) = library.articles.iter_mut().find(|a| Arc::ptr_eq(a, old)) {
                *slot = Arc::clone(new);
            }
        }
    }

    /// Forgets the library, for a content update that failed half-way.
    pub fn forget_library(&mut self) {
        self.library = None;
    }

    /// The library of `files`, reusing the one assembled last time when it is still right.
    pub fn library(
        &mut self,
        files: &ContentFiles,
        config: &Config,
        options: LoadOptions,
    ) -> Result<Arc<Library>> {
        let library = match self.library.take() {
            Some((assembled_with, library)) if assembled_with == options => library,
            _ => Arc::new(files.library(config, options)?),
        };
        Ok(Arc::clone(&self.library.insert((options, library)).1))
    }

    /// The glossary of `library`, rebuilt only when a glossary entry or its place changed.
    pub fn glossary(&mut self, config: &Config, library: &Library) -> Arc<Glossary> {
        let inputs = self.glossary_inputs(library);
        match &self.glossary {
            Some((hash, glossary)) if *hash == inputs => Arc::clone(glossary),
            _ => {
                let glossary = Arc::new(build_glossary(config, library));
                self.glossary = Some((inputs, Arc::clone(&glossary)));
                glossary
            }
        }
    }

    /// What the glossary is built from: the site glossary, and each article's entries with the
    /// article's position (definitions name their article by position). Entries are hashed
    /// only for articles that changed since the last render.
    fn glossary_inputs(&mut self, library: &Library) -> u64 {
        let previous = &self.glossary_entries;
        let entries: Vec<(Arc<Article>, u64)> = library
            .articles
            .par_iter()
            .enumerate()
            .map(|(i, a)| {
                let hash = match previous.get(i) {
                    Some((old, hash)) if Arc::ptr_eq(old, a) => *hash,
                    _ if a.meta.glossary.is_empty() => 0,
                    _ => hash_of(&a.meta.glossary),
                };
                (Arc::clone(a), hash)
            })
            .collect();
        let positions: Vec<(usize, u64)> = entries
            .iter()
            .enumerate()
            .filter(|(_, (a, _))| !a.meta.glossary.is_empty())
            .map(|(i, (_, hash))| (i, *hash))
            .collect();
        self.glossary_entries = entries;
        hash_of(&(&library.site_glossary, positions))
    }

    /// The annotation of article `index` kept from the last render, if it is still right.
    pub(crate) fn annotation(
        &self,
        glossary: &Arc<Glossary>,
        links: &ContentLinks,
        index: usize,
        article: &Arc<Article>,
    ) -> Option<Arc<AnnotatedArticle>> {
        self.annotations.reusable(glossary, links, index, article)
    }

    /// Keeps the annotations of this render (only these: deleted articles are forgotten).
    pub(crate) fn keep_annotations(
        &mut self,
        library: &Library,
        glossary: &Arc<Glossary>,
        annotated: &[Arc<AnnotatedArticle>],
    ) {
        self.annotations.previous =
            library.articles.iter().cloned().zip(annotated.iter().cloned()).collect();
        self.annotations.by_file = std::sync::OnceLock::new();
        self.annotations.glossary = Some(Arc::clone(glossary));
    }
}

/// The glossary of a site that keeps no cache.
pub fn build_glossary(config: &Config, library: &Library) -> Glossary {
    Glossary::build(
        &library.site_glossary,
        &library.articles,
        &config.glossary,
        config.transliterate_slugs,
    )
}

/// Annotations of the previous render, in the library's order then.
#[derive(Default)]
struct Annotations {
    previous: Vec<(Arc<Article>, Arc<AnnotatedArticle>)>,
    /// `previous` by file, made only when an article is not at its old position.
    by_file: std::sync::OnceLock<FxHashMap<std::path::PathBuf, usize>>,
    /// The glossary every annotation in `previous` is valid for.
    glossary: Option<Arc<Glossary>>,
}

impl Annotations {
    /// An article is looked up at its own position first: between edits the library's order
    /// rarely changes, and comparing one pointer (or one path) is far cheaper than hashing
    /// 10,000 paths into a map. Only when the order changed is a map by file built.
    fn reusable(
        &self,
        glossary: &Arc<Glossary>,
        links: &ContentLinks,
        index: usize,
        article: &Arc<Article>,
    ) -> Option<Arc<AnnotatedArticle>> {
        let cached = match self.previous.get(index) {
            Some((old, annotated)) if Arc::ptr_eq(old, article) || old.file == article.file => {
                annotated
            }
            _ => {
                let by_file = self.by_file.get_or_init(|| {
                    let files = self.previous.iter().enumerate();
                    files.map(|(i, (a, _))| (a.file.clone(), i)).collect()
                });
                &self.previous[*by_file.get(&article.file)?].1
            }
        };
        // The same glossary as last time (the cache rebuilds it only when an entry or its
        // article's position changed) shows the same tooltips and links the same words.
        let same_glossary = self.glossary.as_ref().is_some_and(|g| Arc::ptr_eq(g, glossary));
        cached
            .is_valid_for(glossary, same_glossary, links, index, article)
            .then(|| Arc::clone(cached))
    }
}

/// Annotates article `index`, or reuses its annotation from `cache`.
pub(crate) fn annotation(
    cache: Option<&Cache>,
    config: &Config,
    glossary: &Arc<Glossary>,
    links: &ContentLinks,
    index: usize,
    article: &Arc<Article>,
) -> Arc<AnnotatedArticle> {
    cache
        .and_then(|cache| cache.annotation(glossary, links, index, article))
        .unwrap_or_else(|| Arc::new(annotate(config, glossary, links, index, article)))
}
