//! Articles as listings show them: a card with title, date, summary, lead image and tags.
//!
//! A card is an input of many pages (every listing, the article's own page), so its hash is
//! computed once per render: the article's front matter and link, its body's images, and the
//! name, slug and article count of each of its tags.

use std::hash::{Hash, Hasher};
use std::sync::Arc;

use crate::annotate::article::AnnotatedArticle;
use crate::config::Config;
use crate::content::{Article, Library};
use crate::hash::hash_of;

use super::view::ArticleSummary;

/// What cards need from the library, computed before any body is annotated (an article's
/// page shows its own card's tags, and is rendered right after the article is annotated).
pub(crate) struct CardKeys<'a> {
    library: &'a Library,
    /// Per article, a hash of its tags as cards show them (name, slug, count).
    tag_parts: Vec<u64>,
}

/// Every article's card, once every body is annotated.
pub(crate) struct Cards<'a> {
    library: &'a Library,
    annotated: &'a [Arc<AnnotatedArticle>],
    /// Per article, its card's hash, as [`CardKeys::card`] computed it.
    hashes: Vec<u64>,
    /// Per article, a hash of what a link to it shows (title, URL, date).
    link_hashes: Vec<u64>,
}

/// One article's card: an input of listing pages. Its hash stands for everything it shows.
#[derive(Clone, Copy)]
pub(crate) struct Card<'a> {
    library: &'a Library,
    article: &'a Article,
    images: &'a [String],
    hash: u64,
}

impl Hash for Card<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.hash.hash(state);
    }
}

impl<'a> Card<'a> {
    /// The card as templates see it (`p` in `partials/article_card.html`).
    pub(crate) fn view(&self, config: &Config) -> ArticleSummary<'a> {
        ArticleSummary::new(config, self.library, self.article, self.images)
    }

    /// The hash that stands for the card.
    pub(crate) fn hash(&self) -> u64 {
        self.hash
    }
}

impl<'a> CardKeys<'a> {
    pub(crate) fn new(library: &'a Library) -> CardKeys<'a> {
        // Each tag is hashed once and mixed into the cards of its articles, instead of every
        // card looking up its tags by name.
        let mut tag_parts = vec![0u64; library.articles.len()];
        for tag in &library.tags {
            let tag_hash = hash_of(&(&tag.name, &tag.slug, tag.articles.len()));
            for &i in &tag.articles {
                if let Some(part) = tag_parts.get_mut(i) {
                    *part = hash_of(&(*part, tag_hash));
                }
            }
        }
        CardKeys { library, tag_parts }
    }

    /// Article `index`'s card: its front matter, link, body images and tags.
    pub(crate) fn card<'c>(&'c self, index: usize, annotated: &'c AnnotatedArticle) -> Card<'c> {
        let article = &self.library.articles[index];
        let parts = (article.meta_hash, annotated.link_hash, annotated.images_hash);
        Card {
            library: self.library,
            article,
            images: &annotated.body.image_urls,
            hash: hash_of(&(parts, self.tag_parts[index])),
        }
    }
}

/// Some articles' cards, by index: an input of a listing page. Its hash is the hash of each
/// card it shows.
pub(crate) struct CardsOnPage<'a> {
    cards: &'a Cards<'a>,
    indices: Vec<usize>,
}

impl Hash for CardsOnPage<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        for &i in &self.indices {
            self.cards.hashes[i].hash(state);
        }
    }
}

impl<'a> CardsOnPage<'a> {
    pub(crate) fn new(cards: &'a Cards<'a>, indices: &[usize]) -> CardsOnPage<'a> {
        CardsOnPage { cards, indices: indices.to_vec() }
    }

    /// The cards, in order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = Card<'a>> + '_ {
        self.indices.iter().map(|&i| self.cards.card(i))
    }
}

impl<'a> Cards<'a> {
    /// The cards of all articles, with the hashes [`CardKeys::card`] gave them.
    pub(crate) fn new(
        library: &'a Library,
        annotated: &'a [Arc<AnnotatedArticle>],
        hashes: Vec<u64>,
    ) -> Cards<'a> {
        let link_hashes = annotated.iter().map(|a| a.link_hash).collect();
        Cards { library, annotated, hashes, link_hashes }
    }

    /// Article `index`'s card.
    pub(crate) fn card(&self, index: usize) -> Card<'a> {
        Card {
            library: self.library,
            article: &self.library.articles[index],
            images: &self.annotated[index].body.image_urls,
            hash: self.hashes[index],
        }
    }

    /// Per article, a hash of what a link to it shows (title, URL, date).
    pub(crate) fn link_hashes(&self) -> &[u64] {
        &self.link_hashes
    }
}
