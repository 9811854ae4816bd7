//! The files a published site needs besides its pages: Atom feeds (the site's and one per tag),
//! `sitemap.xml`, `robots.txt`, `.nojekyll` and, for a custom domain, `CNAME`.
//!
//! They are pages like the others (inputs with fingerprints), so `gloss serve` serves them and an
//! incremental rebuild refreshes them when an article they list changes.

use serde::Serialize;

use super::Shared;
use super::page::{Covered, Page, PageContext};
use super::view::TagLink;
use crate::annotate::Annotated;
use crate::config::site_url;
use crate::content::Tag;
use crate::date::ArticleDate;
use crate::markdown;

/// One feed entry.
#[derive(Debug, Serialize)]
struct Entry<'a> {
    title: &'a str,
    permalink: String,
    /// The article's date; `None` for an undated article (it is placed by `updated`).
    published: Option<String>,
    updated: String,
    /// Never empty: the article's authors, else its source, else the site's author.
    authors: Vec<&'a str>,
    tags: &'a [String],
    /// The article's summary; in a feed without bodies, the beginning of the body when the
    /// article has no summary.
    summary: Option<std::borrow::Cow<'a, str>>,
    /// The body as HTML, without glossary tooltips (feed readers show no CSS, and a tooltip
    /// would read as part of the sentence); `None` in tag feeds, which carry summaries.
    content: Option<String>,
    #[serde(skip)]
    sort: Option<ArticleDate>,
}

/// A link between the documents of the site feed's history (RFC 5005, archived feeds).
#[derive(Debug, Serialize, Hash)]
struct ArchiveLinks {
    /// The subscription document, `atom.xml` (on archive documents).
    current: Option<String>,
    /// The next older archive document.
    prev_archive: Option<String>,
    /// The next newer archive document (on archive documents but the newest).
    next_archive: Option<String>,
    /// Whether this document is an archive document (`<fh:archive/>`).
    archive: bool,
}

#[derive(Debug, Serialize)]
struct Feed<'a> {
    self_url: String,
    page_url: String,
    updated: String,
    /// The feed's author: the site's, else its title.
    author: &'a str,
    tag: Option<TagLink<'a>>,
    /// Links to the neighbouring documents of the site feed's history, absolute.
    history: ArchiveLinks,
    entries: Vec<Entry<'a>>,
}

/// The site feed, `atom.xml`, with its archive documents `atom/archive/N.xml`, and
/// `tags/<slug>/atom.xml` for each tag.
///
/// Every article is in the site feed's history: `atom.xml` holds the newest `[feeds] limit`,
/// and each archive document the next older ones, linked as RFC 5005 describes, so a reader
/// that follows `prev-archive` finds every article. Archive 1 holds the oldest articles and
/// pages are counted from it, so an archive document changes only while it is the newest.
/// Undated articles take their place by the time they were imported, or their file's last
/// change (`Article::listed_at`). Tag feeds hold their tag's newest articles, summaries only
/// unless `[feeds] tag_content` is on.
pub(super) fn feed_pages<'a>(site: &'a Annotated<'a>) -> Vec<Page<'a>> {
    let limit = site.config.feeds.limit.max(1);
    let order = newest_first(site, (0..site.library.articles.len()).collect());
    let (current, older) = order.split_at(limit.min(order.len()));
    let archives: Vec<Vec<usize>> = older.rchunks(limit).map(<[usize]>::to_vec).collect();
    let archive_url = |n: usize| format!("atom/archive/{n}.xml");
    let mut pages = vec![feed(
        site,
        FeedKind::Site,
        current.to_vec(),
        ArchiveLinks {
            current: None,
            prev_archive: (!archives.is_empty()).then(|| archive_url(archives.len())),
            next_archive: None,
            archive: false,
        },
    )];
    let count = archives.len();
    for (i, entries) in archives.into_iter().enumerate() {
        let n = i + 1;
        let links = ArchiveLinks {
            current: Some("atom.xml".to_owned()),
            prev_archive: (n > 1).then(|| archive_url(n - 1)),
            next_archive: (n < count).then(|| archive_url(n + 1)),
            archive: true,
        };
        pages.push(feed(site, FeedKind::Archive(n), entries, links));
    }
    for tag in &site.library.tags {
        let mut entries = newest_first(site, tag.articles.clone());
        entries.truncate(limit);
        let links =
            ArchiveLinks { current: None, prev_archive: None, next_archive: None, archive: false };
        pages.push(feed(site, FeedKind::Tag(tag), entries, links));
    }
    pages
}

/// Articles by the time they take their place in feeds, newest first; the library's order
/// (date, then title) among equals.
fn newest_first(site: &Annotated<'_>, mut articles: Vec<usize>) -> Vec<usize> {
    let listed = |i: &usize| site.library.articles[*i].listed_at;
    articles.sort_by(|a, b| listed(b).cmp(&listed(a)).then(a.cmp(b)));
    articles
}

/// Which feed a document is.
#[derive(Clone, Copy)]
enum FeedKind<'a> {
    /// `atom.xml`, the subscription document.
    Site,
    /// `atom/archive/N.xml`.
    Archive(usize),
    /// `tags/<slug>/atom.xml`.
    Tag(&'a Tag),
}

impl FeedKind<'_> {
    fn url(self) -> String {
        match self {
            FeedKind::Site => "atom.xml".to_owned(),
            FeedKind::Archive(n) => format!("atom/archive/{n}.xml"),
            FeedKind::Tag(tag) => format!("tags/{}/atom.xml", tag.slug),
        }
    }

    /// The page the feed describes.
    fn page(self) -> String {
        match self {
            FeedKind::Site | FeedKind::Archive(_) => String::new(),
            FeedKind::Tag(tag) => format!("tags/{}/", tag.slug),
        }
    }
}

impl std::hash::Hash for FeedKind<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        match self {
            FeedKind::Site => 0u8.hash(state),
            FeedKind::Archive(n) => (1u8, n).hash(state),
            FeedKind::Tag(t) => (2u8, &t.name, &t.slug).hash(state),
        }
    }
}

/// The inputs of a feed document.
#[derive(Hash)]
struct FeedPage<'a> {
    kind: FeedKind<'a>,
    history: ArchiveLinks,
    /// Whether entries carry the article's body.
    content: bool,
    /// Each entry's article: its file's hash, its URL and its place in time.
    entries: Vec<(u64, &'a str, Option<ArticleDate>)>,
    /// Read for the entries' articles (covered by `entries`).
    site: Covered<(&'a Annotated<'a>, Vec<usize>)>,
}

fn feed<'a>(
    site: &'a Annotated<'a>,
    kind: FeedKind<'a>,
    articles: Vec<usize>,
    history: ArchiveLinks,
) -> Page<'a> {
    let entries = articles
        .iter()
        .map(|&i| {
            let article = &site.library.articles[i];
            (article.source_hash, article.url.as_str(), article.listed_at)
        })
        .collect();
    let origin = match kind {
        FeedKind::Site => "the site feed".to_owned(),
        FeedKind::Archive(n) => format!("the site feed's archive {n}"),
        FeedKind::Tag(t) => format!("the feed of tag `{}`", t.name),
    };
    let content = !matches!(kind, FeedKind::Tag(_)) || site.config.feeds.tag_content;
    let inputs = FeedPage { kind, history, content, entries, site: Covered((site, articles)) };
    Page::new("atom.xml", kind.url(), origin, inputs)
}

impl PageContext for FeedPage<'_> {
    fn context(&self, shared: &Shared<'_>) -> tera::Context {
        let config = shared.config;
        let (site, articles) = &self.site.0;
        let entries: Vec<Entry<'_>> =
            articles.iter().map(|&i| entry(site, i, self.content)).collect();
        // The newest entry's time; a site without articles has none, and its feed says now.
        let updated = entries
            .iter()
            .filter_map(|e| e.sort)
            .max()
            .map_or_else(|| chrono::Utc::now().to_rfc3339(), |d| d.to_rfc3339());
        let author = if config.author.trim().is_empty() { &config.title } else { &config.author };
        let absolute =
            |path: &Option<String>| path.as_deref().map(|p| site_url(&config.base_url, p, true));
        let history = ArchiveLinks {
            current: absolute(&self.history.current),
            prev_archive: absolute(&self.history.prev_archive),
            next_archive: absolute(&self.history.next_archive),
            archive: self.history.archive,
        };
        let feed = Feed {
            self_url: site_url(&config.base_url, &self.kind.url(), true),
            page_url: site_url(&config.base_url, &self.kind.page(), true),
            updated,
            author,
            tag: match self.kind {
                FeedKind::Tag(t) => Some(TagLink::new(config, t)),
                _ => None,
            },
            history,
            entries,
        };
        let mut context = shared.base.clone();
        context.insert("feed", &feed);
        context
    }
}

fn entry<'a>(site: &'a Annotated<'a>, index: usize, content: bool) -> Entry<'a> {
    let config = site.config;
    let article = &site.library.articles[index];
    let meta = &article.meta;
    let authors = if !meta.authors.is_empty() {
        meta.authors.iter().map(String::as_str).collect()
    } else if let Some(source) = &meta.source {
        vec![source.name.as_str()]
    } else if !config.author.trim().is_empty() {
        vec![config.author.as_str()]
    } else {
        vec![config.title.as_str()]
    };
    let updated = meta.updated.or(article.listed_at);
    Entry {
        title: &meta.title,
        permalink: site_url(&config.base_url, &article.url, true),
        published: meta.date.map(|d| d.to_rfc3339()),
        updated: updated.map_or_else(|| chrono::Utc::now().to_rfc3339(), |d| d.to_rfc3339()),
        sort: updated,
        authors,
        tags: &meta.tags,
        summary: match (&meta.summary, content) {
            (Some(summary), _) => Some(summary.as_str().into()),
            (None, true) => None,
            (None, false) => excerpt(&article.body).map(Into::into),
        },
        content: content.then(|| absolute_links(config, &markdown::render(&article.body).html)),
    }
}

/// The first words of a body, up to about 280 characters, cut at a word.
fn excerpt(body: &str) -> Option<String> {
    const LENGTH: usize = 280;
    let text = markdown::text::one_line(body);
    if text.is_empty() {
        return None;
    }
    if text.chars().count() <= LENGTH {
        return Some(text);
    }
    let cut: String = text.chars().take(LENGTH).collect();
    let at_word = cut.rfind(' ').filter(|&i| i > LENGTH / 2).map_or(cut.as_str(), |i| &cut[..i]);
    Some(format!("{at_word}…"))
}

/// Feed readers resolve relative links against the feed, not the article: make site-relative
/// links (`/repo/x/`) absolute.
fn absolute_links(config: &crate::config::Config, html: &str) -> String {
    let origin = config.base_url.origin().ascii_serialization();
    html.replace("href=\"/", &format!("href=\"{origin}/"))
        .replace("src=\"/", &format!("src=\"{origin}/"))
}

/// Sitemaps take URLs, not IRIs: Hangul paths are percent-encoded (`url` does that on parsing).
fn ascii_url(url: &str) -> String {
    url::Url::parse(url).map_or_else(|_| url.to_owned(), |u| u.to_string())
}

/// One `<url>` of the sitemap.
#[derive(Debug, Serialize)]
struct SitemapEntry {
    loc: String,
    lastmod: Option<String>,
}

/// `sitemap.xml`: every HTML page but the 404 page, with the last change of articles.
pub(super) fn sitemap<'a>(site: &'a Annotated<'a>, page_urls: Vec<String>) -> Page<'a> {
    // The inputs are what the entries are made of (URLs and dates) rather than the formatted
    // entries: formatting ten thousand URLs and dates on every rebuild cost more than all the
    // other bookkeeping of a rebuild after a one-word edit.
    let dates = site
        .library
        .articles
        .iter()
        .map(|a| (a.url.as_str(), a.meta.updated.or(a.meta.date)))
        .collect();
    let inputs = SitemapPage { base_url: site.config.base_url.as_str(), page_urls, dates };
    Page::new("sitemap.xml", "sitemap.xml", "the sitemap", inputs)
}

#[derive(Hash)]
struct SitemapPage<'a> {
    base_url: &'a str,
    page_urls: Vec<String>,
    dates: Vec<(&'a str, Option<crate::date::ArticleDate>)>,
}

impl PageContext for SitemapPage<'_> {
    fn context(&self, shared: &Shared<'_>) -> tera::Context {
        let config = shared.config;
        let lastmod: std::collections::HashMap<&str, String> = self
            .dates
            .iter()
            .filter_map(|(url, date)| date.map(|d| (*url, d.to_rfc3339())))
            .collect();
        let entries: Vec<SitemapEntry> = self
            .page_urls
            .iter()
            .map(|url| SitemapEntry {
                lastmod: lastmod.get(url.as_str()).cloned(),
                loc: ascii_url(&site_url(&config.base_url, url, true)),
            })
            .collect();
        let mut context = shared.base.clone();
        context.insert("entries", &entries);
        context
    }
}

/// `robots.txt` (pointing at the sitemap), `.nojekyll` (GitHub Pages serves the files as they
/// are, without running Jekyll over them) and `CNAME` when `site.toml` names a domain.
pub(super) fn site_files<'a>(site: &'a Annotated<'a>) -> Vec<Page<'a>> {
    let mut pages = vec![
        Page::new("robots.txt", "robots.txt", "robots.txt", Robots),
        Page::verbatim(".nojekyll", String::new()),
    ];
    if let Some(cname) = &site.config.cname {
        pages.push(Page::verbatim("CNAME", format!("{cname}\n")));
    }
    pages
}

/// `robots.txt` shows only what every page shares.
#[derive(Hash)]
struct Robots;

impl PageContext for Robots {
    fn context(&self, shared: &Shared<'_>) -> tera::Context {
        shared.base.clone()
    }
}
