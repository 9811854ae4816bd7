//! Article pages: `/<slug>/` and `/<section>/<slug>/`, one per article, through `article.html`.
//!
//! An article's page is rendered right after the article is annotated (see `pipeline`), so a
//! build can free the body's HTML as soon as its only reader is done.

use std::hash::{Hash, Hasher};
use std::sync::Arc;

use super::Shared;
use super::cards::{Card, CardKeys};
use super::glossary_pages::terms_of;
use super::page::{Covered, Hashed, Page, PageContext};
use super::view::{ArticleParts, ArticleView};
use crate::annotate::article::AnnotatedArticle;
use crate::annotate::glossary::Glossary;
use crate::content::{Article, Library};

/// What article pages share: the library, the glossary and the cards' keys.
pub(crate) struct ArticlePages<'a> {
    library: &'a Library,
    glossary: &'a Glossary,
    keys: &'a CardKeys<'a>,
}

/// The inputs of one article's page.
#[derive(Hash)]
struct ArticlePage<'a> {
    /// Front matter, link, images and tags: what its card shows, which the page shows too.
    card: Card<'a>,
    /// Body, captions and timeline with terms linked, and the terms used.
    annotated: Hashed<'a, AnnotatedArticle>,
    /// The definitions its tooltips and term box show: (term, definition hash).
    tooltips: &'a [(usize, u64)],
    earlier: Option<Neighbour<'a>>,
    later: Option<Neighbour<'a>>,
    section: Option<(&'a str, &'a str)>,
    /// The article's front matter is covered by `card`, its body by `annotated`.
    article: Covered<&'a Article>,
    /// Read for the article's tags (covered by `card`) and section (by `section`).
    library: Covered<&'a Library>,
    /// Read for the terms used (covered by `annotated`) and their definitions (`tooltips`).
    glossary: Covered<(&'a Glossary, usize)>,
}

/// A neighbouring article, as the page links it: title and URL.
#[derive(Clone, Copy)]
struct Neighbour<'a>(&'a Article);

impl Hash for Neighbour<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        (&self.0.meta.title, &self.0.url).hash(state);
    }
}

impl<'a> ArticlePages<'a> {
    pub(crate) fn new(
        library: &'a Library,
        glossary: &'a Glossary,
        keys: &'a CardKeys<'a>,
    ) -> ArticlePages<'a> {
        ArticlePages { library, glossary, keys }
    }

    /// The page of article `index`, annotated as `annotated`, and the hash of its card.
    pub(crate) fn page(
        &self,
        index: usize,
        annotated: &'a Arc<AnnotatedArticle>,
    ) -> (Page<'a>, u64) {
        let articles = &self.library.articles;
        let article = &articles[index];
        let neighbour = |i: Option<usize>| i.and_then(|i| articles.get(i)).map(|a| Neighbour(a));
        let section = article.section.as_deref().and_then(|key| self.library.section(key));
        let card = self.keys.card(index, annotated);
        let card_hash = card.hash();
        let inputs = ArticlePage {
            card,
            annotated: Hashed::new(annotated, annotated.hash),
            tooltips: annotated.tooltips_key(),
            earlier: neighbour(Some(index + 1)),
            later: neighbour(index.checked_sub(1)),
            section: section.map(|s| (s.title.as_str(), s.url.as_str())),
            article: Covered(article),
            library: Covered(self.library),
            glossary: Covered((self.glossary, index)),
        };
        let page = Page::new("article.html", article.url.as_str(), article.file.as_path(), inputs);
        (page, card_hash)
    }
}

impl PageContext for ArticlePage<'_> {
    fn context(&self, shared: &Shared<'_>) -> tera::Context {
        let config = shared.config;
        let annotated = self.annotated.get();
        let (glossary, index) = self.glossary.0;
        let parts = ArticleParts {
            content: &annotated.body.html,
            body_images: &annotated.body.image_urls,
            earlier: self.earlier.map(|n| n.0),
            later: self.later.map(|n| n.0),
            terms: terms_of(config, glossary, index, annotated),
            timeline_html: &annotated.timeline_html,
        };
        let page = ArticleView::new(config, self.library.0, self.article.0, parts);
        let mut context = shared.base.clone();
        context.insert("current_url", &page.summary.permalink);
        context.insert("page", &page);
        context
    }
}
