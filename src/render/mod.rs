//! Stage 3: the annotated site becomes pages, in memory.
//!
//! One file per page family, each building one input value per page (see `page`): articles
//! (`articles`), listings of articles (`listings`: home, sections, tags, 404), glossary pages
//! (`glossary_pages`), timeline pages (`timeline_pages`) and the files a published site needs
//! (`feeds`: Atom, sitemap, robots.txt). The executor (`executor`) renders the pages that are
//! due through Tera in parallel and hands each to a [`Sink`] as soon as it is rendered.
//!
//! What is due, and where pages go, is the caller's: `pipeline` passes the fingerprints of the
//! previous render (nothing for a first build) and the sink of its command.

mod articles;
mod cards;
mod executor;
mod feeds;
mod glossary_pages;
mod listings;
pub(crate) mod page;
pub mod templates;
mod timeline_pages;
pub mod view;

use crate::annotate::Annotated;
use crate::annotate::timeline::SiteTimeline;
use crate::config::{Config, site_url};
use crate::content::Library;
pub(crate) use articles::ArticlePages;
pub(crate) use cards::{CardKeys, Cards};
pub use executor::{Fingerprints, Sink};
pub(crate) use executor::{Rendering, broken_links, check_collisions, progress_bar};
pub(crate) use page::Origin;
use page::{AsSeen, Page};
use view::SiteView;

/// One output file.
#[derive(Debug, Clone)]
pub struct RenderedPage {
    /// Path under the output folder, `/`-separated: `politics/x/index.html`.
    pub path: String,
    /// The file's contents.
    pub html: String,
    /// What produced it, for collision messages: a content file or `the tag list`.
    pub origin: String,
}

/// What every page shares: the configuration and the context every template starts from (the
/// site, its sections). Its hash is part of every page's fingerprint.
pub struct Shared<'a> {
    pub(crate) config: &'a Config,
    /// The context every page starts from.
    pub(crate) base: tera::Context,
    /// A hash of `base` and the configuration: a change there changes every page.
    pub(crate) global: u64,
}

impl<'a> Shared<'a> {
    /// What the pages of `library` share.
    pub fn new(config: &'a Config, library: &Library) -> Shared<'a> {
        let mut base = tera::Context::new();
        base.insert("site", &SiteView::new(config));
        let sections: Vec<view::Link<'_>> = library
            .sections
            .iter()
            .filter(|s| !s.key.contains('/'))
            .map(|s| view::section_link(config, s))
            .collect();
        base.insert("sections", &sections);
        base.insert("gloss_version", env!("CARGO_PKG_VERSION"));
        let global =
            crate::hash::hash_of(&(AsSeen(base.clone().into_json()), format!("{config:?}")));
        Shared { config, base, global }
    }

    /// The shared context plus `current_url` for the page at `url`.
    pub(crate) fn context_at(&self, url: &str) -> tera::Context {
        let mut context = self.base.clone();
        context.insert("current_url", &site_url(&self.config.base_url, url, true));
        context
    }
}

/// Every page of the site but the articles' own, in the order they are best rendered: the
/// timeline pages first (they own the ordered events, which are freed as soon as they are
/// rendered) (the largest pages, each one thread's work; started first they run
/// while other threads render the small ones), then the rest.
pub(crate) fn site_pages<'a>(
    site: &'a Annotated<'a>,
    cards: &'a Cards<'a>,
    timeline: SiteTimeline,
) -> Vec<Page<'a>> {
    let mut pages = listings::pages(site, cards);
    pages.extend(glossary_pages::pages(site, cards.link_hashes()));
    pages.extend(timeline_pages::pages(site, timeline));
    pages.extend(feeds::feed_pages(site));
    pages.extend(feeds::site_files(site));
    pages.push(listings::not_found());
    // The sitemap lists the HTML pages, taken from the pages themselves, so it can never list
    // a page that does not exist or miss one that does.
    let html_pages: Vec<String> = site
        .library
        .articles
        .iter()
        .map(|a| a.url.clone())
        .chain(
            pages
                .iter()
                .filter(|p| p.template().is_some_and(|t| t.ends_with(".html") && t != "404.html"))
                .map(|p| p.url.to_string()),
        )
        .collect();
    pages.push(feeds::sitemap(site, html_pages));
    pages.sort_by_key(|page| page.template() != Some("timeline.html"));
    pages
}

/// `politics/x/` → `politics/x/index.html`; `404.html` stays.
pub(crate) fn output_file(url: &str) -> String {
    if url.is_empty() || url.ends_with('/') { format!("{url}index.html") } else { url.to_owned() }
}
