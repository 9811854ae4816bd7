//! Listings of articles: the home page, section pages and tag pages, each paginated
//! (`paginate_by` cards a page; page n at `…/page/n/`), the tag list, and the 404 page.

use std::hash::Hash;

use super::Shared;
use super::cards::{Cards, CardsOnPage};
use super::page::{AsSeen, Page, PageContext};
use super::view::{PageNav, Paginator, SectionView, TagLink, page_url};
use crate::annotate::Annotated;
use crate::config::{Config, site_url};
use crate::content::{Section, Tag};
use crate::markdown;

/// The home page, every section and every tag, and the tag list.
pub(super) fn pages<'a>(site: &'a Annotated<'a>, cards: &'a Cards<'a>) -> Vec<Page<'a>> {
    let library = site.library;
    let everything: Vec<usize> = (0..library.articles.len()).collect();
    let mut pages =
        listing(site.config, cards, "index.html", "", "the home page", &everything, None);
    for section in &library.sections {
        let origin = section
            .file
            .as_ref()
            .map_or_else(|| format!("section `{}`", section.key), |f| f.display().to_string());
        let indices = library.articles_in_section(&section.key);
        let about = Some(About::Section(section));
        pages.extend(listing(
            site.config,
            cards,
            "section.html",
            &section.url,
            &origin,
            &indices,
            about,
        ));
    }
    let tags: Vec<TagLink<'_>> =
        library.tags.iter().map(|t| TagLink::new(site.config, t)).collect();
    pages.push(Page::new("tags.html", "tags/", "the tag list", TagList { tags: AsSeen(tags) }));
    for tag in &library.tags {
        let url = format!("tags/{}/", tag.slug);
        let origin = format!("the page of tag `{}`", tag.name);
        let about = Some(About::Tag(tag));
        pages.extend(listing(site.config, cards, "tag.html", &url, &origin, &tag.articles, about));
    }
    pages
}

/// `404.html`, which shows only what every page shares.
pub(super) fn not_found<'a>() -> Page<'a> {
    Page::new("404.html", "404.html", "the 404 page", NotFound)
}

/// What a listing shows besides its articles.
#[derive(Clone, Copy)]
enum About<'a> {
    Section(&'a Section),
    Tag(&'a Tag),
}

impl Hash for About<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        match self {
            About::Section(s) => (&s.title, &s.description, &s.body, &s.url).hash(state),
            About::Tag(t) => (&t.name, &t.slug, t.articles.len()).hash(state),
        }
    }
}

impl About<'_> {
    fn insert(self, config: &Config, context: &mut tera::Context) {
        match self {
            About::Section(section) => {
                let view = SectionView {
                    title: &section.title,
                    description: section.description.as_deref(),
                    path: site_url(&config.base_url, &section.url, false),
                    content: markdown::render(&section.body).html,
                };
                context.insert("section", &view);
            }
            About::Tag(tag) => context.insert("tag", &TagLink::new(config, tag)),
        }
    }
}

/// The inputs of one page of a listing.
#[derive(Hash)]
struct ListingPage<'a> {
    /// Which page of how many.
    number: usize,
    total: usize,
    /// The listing's first page: `politics/`.
    first: String,
    cards: CardsOnPage<'a>,
    about: Option<About<'a>>,
}

/// One page per `paginate_by` articles of `items`: page 1 at `url`, page n at `url/page/n/`.
fn listing<'a>(
    config: &Config,
    cards: &'a Cards<'a>,
    template: &'static str,
    url: &str,
    origin: &str,
    items: &[usize],
    about: Option<About<'a>>,
) -> Vec<Page<'a>> {
    let per_page = config.paginate_by.max(1);
    let total = items.len().div_ceil(per_page).max(1);
    (1..=total)
        .map(|n| {
            let start = ((n - 1) * per_page).min(items.len());
            let on_page = &items[start..(start + per_page).min(items.len())];
            let inputs = ListingPage {
                number: n,
                total,
                first: url.to_owned(),
                cards: CardsOnPage::new(cards, on_page),
                about,
            };
            let origin = if n == 1 { origin.to_owned() } else { format!("{origin} (page {n})") };
            Page::new(template, page_url(url, n), origin, inputs)
        })
        .collect()
}

impl PageContext for ListingPage<'_> {
    fn context(&self, shared: &Shared<'_>) -> tera::Context {
        let config = shared.config;
        let summaries: Vec<_> = self.cards.iter().map(|c| c.view(config)).collect();
        let nav = PageNav::new(config, &self.first, self.number, self.total);
        let paginator = Paginator { pages: &summaries, nav };
        let mut context = shared.base.clone();
        context.insert("paginator", &paginator);
        let url = page_url(&self.first, self.number);
        context.insert("current_url", &site_url(&config.base_url, &url, true));
        if let Some(about) = self.about {
            about.insert(config, &mut context);
        }
        context
    }
}

/// `/tags/`: every tag with its count.
#[derive(Hash)]
struct TagList<'a> {
    tags: AsSeen<Vec<TagLink<'a>>>,
}

impl PageContext for TagList<'_> {
    fn context(&self, shared: &Shared<'_>) -> tera::Context {
        let mut context = shared.context_at("tags/");
        context.insert("tags", &self.tags.0);
        context
    }
}

#[derive(Hash)]
struct NotFound;

impl PageContext for NotFound {
    fn context(&self, shared: &Shared<'_>) -> tera::Context {
        shared.context_at("404.html")
    }
}
