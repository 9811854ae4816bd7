//! One article annotated: its body and timeline rendered with glossary terms linked and links to
//! other content files resolved, with the terms it uses and the hashes later stages compare.
//!
//! Annotating is most of a build's work (Markdown, term matching, tooltips), and an article's
//! annotation depends on little: its own file, which words the glossary links where (the
//! glossary's matching signature), the definitions its tooltips show, and where the content
//! files it links to are. [`AnnotatedArticle::is_valid_for`] tells whether those are unchanged,
//! so that a rebuild can reuse the annotation as it is (the cache keeps them, see
//! `pipeline::cache`).

use std::sync::Arc;

use pulldown_cmark::Event;

use super::glossary::Glossary;
use super::glossary::link::{Linker, TermUse};
use super::links::{ContentLinks, ResolvedLinks};
use crate::config::{Config, LinkMode, site_url};
use crate::content::{Article, Library};
use crate::hash::hash_of;
use crate::markdown::{self, RenderedMarkdown};

/// An article's body and timeline with terms linked, and the terms it uses.
pub struct AnnotatedArticle {
    pub body: RenderedMarkdown,
    pub timeline_html: Vec<String>,
    pub uses: Vec<TermUse>,
    /// A hash of each use's sentence, in the order of `uses` (term pages compare these).
    pub use_hashes: Vec<u64>,
    unknown: Vec<String>,
    /// A hash of `body`, `timeline_html` and `uses`: what pages showing the article depend on.
    pub hash: u64,
    /// A hash of the body's image URLs (the lead image of listings).
    pub images_hash: u64,
    /// A hash of what a link to the article shows (title, URL, date): term pages, cards and
    /// neighbours compare it for every article on every rebuild.
    pub link_hash: u64,
    /// A hash of what timeline pages show of the article: title, URL, events.
    pub timeline_hash: u64,
    /// What it was computed from, to tell whether it is still valid.
    source_hash: u64,
    matching: u64,
    /// (term id, hash of the definition its tooltips show), for each term used.
    tooltips: Vec<(usize, u64)>,
    /// Links to other content files: where they pointed, and those naming no file.
    links: ResolvedLinks,
}

impl AnnotatedArticle {
    /// Frees the body's HTML, once the article's own page (its only reader) is rendered. Only
    /// for a render whose annotations are not kept for another.
    pub fn drop_body_html(&mut self) {
        self.body.html = String::new();
    }

    /// Whether the article has a broken `[[term]]` or link to a content file.
    pub fn has_link_problems(&self) -> bool {
        !self.unknown.is_empty() || !self.links.unresolved.is_empty()
    }

    /// The definitions the article's tooltips show, as hashes.
    pub fn tooltips_key(&self) -> &[(usize, u64)] {
        &self.tooltips
    }

    /// Whether this annotation is still right for `article` at `index`. `same_glossary`: it
    /// was made or last checked with this very glossary, whose tooltips then cannot differ
    /// (an article's own definitions are keyed by its position, which the glossary's identity
    /// covers for every article that has some).
    pub fn is_valid_for(
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

/// What annotation does to an article body while it is rendered: links to content files
/// resolved, glossary terms linked in text and captions.
struct BodyAnnotation<'l, 'g> {
    linker: &'l mut Linker<'g>,
    links: &'l ContentLinks<'l>,
    file: &'l std::path::Path,
    found: ResolvedLinks,
}

impl markdown::Annotate for BodyAnnotation<'_, '_> {
    fn links<'a>(&mut self, events: Vec<Event<'a>>) -> Vec<Event<'a>> {
        self.links.resolve(self.file, events, &mut self.found)
    }

    fn text<'a>(&mut self, events: Vec<Event<'a>>) -> Vec<Event<'a>> {
        markdown::Annotate::text(self.linker, events)
    }

    fn caption(&mut self, text: &str) -> String {
        markdown::Annotate::caption(self.linker, text)
    }
}

/// Renders one article's body and timeline texts, linking glossary terms.
pub fn annotate(
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
    let mut body_annotation = BodyAnnotation {
        linker: &mut linker,
        links,
        file: &article.file,
        found: ResolvedLinks::default(),
    };
    let body = markdown::render_annotated(&article.body, &mut body_annotation);
    let found = body_annotation.found;
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
        link_hash: hash_of(&(&article.meta.title, &article.url, article.meta.date)),
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
pub fn link_problems(library: &Library, annotated: &[Arc<AnnotatedArticle>]) -> Vec<String> {
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
