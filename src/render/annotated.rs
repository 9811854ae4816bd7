//! Each article's body and timeline rendered with glossary terms linked, and the cache that
//! keeps them between rebuilds.
//!
//! Annotating is most of a build's work (Markdown, term matching, tooltips), and an article's
//! annotation depends on little: its own file, which words the glossary links where (the
//! glossary's matching signature), and the definitions its tooltips show. When those three are
//! unchanged the previous annotation is reused as it is.

use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::content_links::{ContentLinks, ResolvedLinks};
use super::fingerprint::hash_of;
use super::markdown::{self, LinkContext, RenderedMarkdown};
use super::templates::site_url;
use crate::annotate::glossary::Glossary;
use crate::annotate::glossary::link::{Linker, TermUse};
use crate::config::{Config, LinkMode};
use crate::content::{Article, Library};

/// An article's body and timeline with terms linked, and the terms it uses.
pub(super) struct AnnotatedArticle {
    pub(super) body: RenderedMarkdown,
    pub(super) timeline_html: Vec<String>,
    pub(super) uses: Vec<TermUse>,
    /// A hash of each use's sentence, in the order of `uses` (term pages compare these).
    pub(super) use_hashes: Vec<u64>,
    unknown: Vec<String>,
    /// A hash of `body`, `timeline_html` and `uses`: what pages showing the article depend on.
    pub(super) hash: u64,
    /// A hash of the body's image URLs (the lead image of listings).
    pub(super) images_hash: u64,
    /// A hash of what timeline pages show of the article: title, URL, events.
    pub(super) timeline_hash: u64,
    /// What it was computed from, to tell whether it is still valid.
    source_hash: u64,
    matching: u64,
    /// (term id, hash of the definition its tooltips show), for each term used.
    tooltips: Vec<(usize, u64)>,
    /// Links to other content files: where they pointed, and those naming no file.
    links: ResolvedLinks,
}

/// Annotations of the previous render, in the library's order then.
#[derive(Default)]
pub(super) struct AnnotationCache {
    previous: Vec<(Arc<Article>, Arc<AnnotatedArticle>)>,
    /// The glossary every annotation in `previous` is valid for.
    glossary: Option<Arc<Glossary>>,
}

impl AnnotationCache {
    /// Annotates every article of the library, reusing what is still valid, and keeps the
    /// results (only these: deleted articles are forgotten).
    ///
    /// An article is looked up at its own position first: between edits the library's order
    /// rarely changes, and comparing one pointer (or one path) is far cheaper than hashing
    /// 10,000 paths into a map. Only when the order changed is a map by file built.
    pub(super) fn annotate_all(
        &mut self,
        config: &Config,
        glossary: &Arc<Glossary>,
        links: &ContentLinks,
        library: &Library,
    ) -> Vec<Arc<AnnotatedArticle>> {
        // The same glossary as last time (the render cache rebuilds it only when an entry or
        // its article's position changed) shows the same tooltips and links the same words.
        let same_glossary = self.glossary.as_ref().is_some_and(|g| Arc::ptr_eq(g, glossary));
        let by_file = std::sync::OnceLock::new();
        let previous = &self.previous;
        let find = |index: usize, article: &Arc<Article>| -> Option<&Arc<AnnotatedArticle>> {
            match previous.get(index) {
                Some((old, annotated)) if Arc::ptr_eq(old, article) || old.file == article.file => {
                    Some(annotated)
                }
                _ => by_file
                    .get_or_init(|| {
                        previous
                            .iter()
                            .map(|(a, annotated)| (a.file.as_path(), annotated))
                            .collect::<FxHashMap<_, _>>()
                    })
                    .get(article.file.as_path())
                    .copied(),
            }
        };
        let annotated: Vec<Arc<AnnotatedArticle>> = library
            .articles
            .par_iter()
            .enumerate()
            .map(|(index, article)| match find(index, article) {
                Some(cached)
                    if cached.is_valid_for(glossary, same_glossary, links, index, article) =>
                {
                    Arc::clone(cached)
                }
                _ => Arc::new(annotate(config, glossary, links, index, article)),
            })
            .collect();
        self.previous = library.articles.iter().cloned().zip(annotated.iter().cloned()).collect();
        self.glossary = Some(Arc::clone(glossary));
        annotated
    }
}

impl AnnotatedArticle {
    /// Frees the body's HTML, once the article's own page (its only reader) is rendered. Only
    /// for a render whose annotations are not kept for another.
    pub(super) fn drop_body_html(&mut self) {
        self.body.html = String::new();
    }

    /// Whether the article has a broken `[[term]]` or link to a content file.
    pub(super) fn has_link_problems(&self) -> bool {
        !self.unknown.is_empty() || !self.links.unresolved.is_empty()
    }

    /// The definitions the article's tooltips show, as hashes.
    pub(super) fn tooltips_key(&self) -> &[(usize, u64)] {
        &self.tooltips
    }

    /// Whether this annotation is still right for `article` at `index`. `same_glossary`: it
    /// was made or last checked with this very glossary, whose tooltips then cannot differ
    /// (an article's own definitions are keyed by its position, which the glossary's identity
    /// covers for every article that has some).
    fn is_valid_for(
        &self,
        glossary: &Glossary,
        same_glossary: bool,
        links: &ContentLinks,
        index: usize,
        article: &Article,
    ) -> bool {
        self.source_hash == article.source_hash
            && self.links.targets.iter().all(|(file, url)| links.url_of(file) == Some(url.as_str()))
            && self.links.unresolved.is_empty()
            && (same_glossary
                || self.matching == glossary.matching_signature()
                    && self.tooltips.iter().all(|&(term, hash)| {
                        glossary.definition_hash_for(term, Some(index)) == hash
                    }))
    }
}

/// Renders one article's body and timeline texts, linking glossary terms.
pub(super) fn annotate(
    config: &Config,
    glossary: &Glossary,
    links: &ContentLinks,
    index: usize,
    article: &Article,
) -> AnnotatedArticle {
    let pages = site_url(&config.base_url, "glossary/", false);
    let link_all = config.glossary.link == LinkMode::All;
    let mut linker =
        Linker::new(glossary, Some(index), &pages, "b", link_all, config.glossary.autolink);
    let mut found = ResolvedLinks::default();
    let context = LinkContext { links, file: &article.file, found: &mut found };
    let body = markdown::render_article(&article.body, Some(&mut linker), Some(context));
    // The site timeline shows many articles' events on one page, so tooltip ids there carry
    // a key of the article. It is derived from the URL, not the position, so an annotation
    // stays valid when other articles are added before it.
    let linker = linker
        .part(&format!("t{:012x}-", crate::hash::stable_hash_of(&article.url) & 0xffff_ffff_ffff));
    let timeline_html: Vec<String> =
        article.meta.timeline.iter().map(|event| linker.link_plain(&event.text)).collect();
    let uses = std::mem::take(&mut linker.uses);
    let tooltips =
        uses.iter().map(|u| (u.term, glossary.definition_hash_for(u.term, Some(index)))).collect();
    let uses_key: Vec<(usize, &str)> = uses.iter().map(|u| (u.term, u.sentence.as_str())).collect();
    AnnotatedArticle {
        hash: hash_of(&(&body.html, &body.image_urls, &timeline_html, &uses_key)),
        images_hash: hash_of(&body.image_urls),
        timeline_hash: hash_of(&(
            &article.url,
            &article.meta.title,
            &article.meta.timeline,
            &timeline_html,
        )),
        use_hashes: uses.iter().map(|u| hash_of(&u.sentence)).collect(),
        body,
        timeline_html,
        uses,
        unknown: std::mem::take(&mut linker.unknown),
        source_hash: article.source_hash,
        matching: glossary.matching_signature(),
        tooltips,
        links: found,
    }
}

/// `[[name]]` naming no term and links to `.md` files that are not content, one line each:
/// `content/a.md:12: …`.
pub(super) fn link_problems(library: &Library, annotated: &[Arc<AnnotatedArticle>]) -> Vec<String> {
    let mut errors = Vec::new();
    for (article, annotated) in library.articles.iter().zip(annotated) {
        let line_of = |needle: &str| {
            let at = article.body.find(needle).unwrap_or(0);
            article.body_line + article.body[..at].matches('\n').count()
        };
        for name in &annotated.unknown {
            let line = line_of(&format!("[[{name}"));
            let file = article.file.display();
            errors.push(format!("{file}:{line}: `[[{name}]]` names no glossary term"));
        }
        for dest in &annotated.links.unresolved {
            let line = line_of(&format!("]({dest}"));
            let file = article.file.display();
            errors.push(format!("{file}:{line}: the link to `{dest}` names no file in content/"));
        }
    }
    errors
}
