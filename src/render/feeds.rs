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
use crate::markdown;

/// One feed entry.
#[derive(Debug, Serialize)]
struct Entry<'a> {
    title: &'a str,
    permalink: String,
    published: String,
    updated: String,
    authors: Vec<&'a str>,
    tags: &'a [String],
    summary: Option<&'a str>,
    /// The body as HTML, without glossary tooltips (feed readers show no CSS, and a tooltip
    /// would read as part of the sentence).
    content: String,
}

#[derive(Debug, Serialize)]
struct Feed<'a> {
    self_url: String,
    page_url: String,
    updated: String,
    tag: Option<TagLink<'a>>,
    entries: Vec<Entry<'a>>,
}

/// `atom.xml` for the site and `tags/<slug>/atom.xml` for each tag.
pub(super) fn feed_pages<'a>(site: &'a Annotated<'a>) -> Vec<Page<'a>> {
    let everything: Vec<usize> = (0..site.library.articles.len()).collect();
    let mut pages = vec![feed(site, "", everything, None)];
    for tag in &site.library.tags {
        let folder = format!("tags/{}/", tag.slug);
        pages.push(feed(site, &folder, tag.articles.clone(), Some(tag)));
    }
    pages
}

/// The inputs of a feed.
#[derive(Hash)]
struct FeedPage<'a> {
    /// `` or `tags/x/`: where the feed and the page it describes are.
    folder: String,
    tag: Option<(&'a str, &'a str)>,
    /// Each entry's article: its file's hash and its URL.
    entries: Vec<(u64, &'a str)>,
    /// Read for the entries' articles (covered by `entries`) and the tag (by `tag`).
    site: Covered<(&'a Annotated<'a>, Vec<usize>, Option<&'a Tag>)>,
}

fn feed<'a>(
    site: &'a Annotated<'a>,
    folder: &str,
    mut articles: Vec<usize>,
    tag: Option<&'a Tag>,
) -> Page<'a> {
    // Undated articles have no place in a feed, which is ordered by time.
    articles.retain(|&i| site.library.articles[i].meta.date.is_some());
    articles.truncate(site.config.feed_limit);
    let url = format!("{folder}atom.xml");
    let entries = articles
        .iter()
        .map(|&i| {
            let article = &site.library.articles[i];
            (article.source_hash, article.url.as_str())
        })
        .collect();
    let origin =
        tag.map_or_else(|| "the site feed".to_owned(), |t| format!("the feed of tag `{}`", t.name));
    let inputs = FeedPage {
        folder: folder.to_owned(),
        tag: tag.map(|t| (t.name.as_str(), t.slug.as_str())),
        entries,
        site: Covered((site, articles, tag)),
    };
    Page::new("atom.xml", url, origin, inputs)
}

impl PageContext for FeedPage<'_> {
    fn context(&self, shared: &Shared<'_>) -> tera::Context {
        let config = shared.config;
        let (site, articles, tag) = &self.site.0;
        let entries: Vec<Entry<'_>> = articles.iter().map(|&i| entry(site, i)).collect();
        let updated = entries
            .iter()
            .map(|e| e.updated.clone())
            .max()
            .unwrap_or_else(|| "1970-01-01T00:00:00+00:00".to_owned());
        let url = format!("{}atom.xml", self.folder);
        let feed = Feed {
            self_url: site_url(&config.base_url, &url, true),
            page_url: site_url(&config.base_url, &self.folder, true),
            updated,
            tag: tag.map(|t| TagLink::new(config, t)),
            entries,
        };
        let mut context = shared.base.clone();
        context.insert("feed", &feed);
        context
    }
}

fn entry<'a>(site: &'a Annotated<'a>, index: usize) -> Entry<'a> {
    let config = site.config;
    let article = &site.library.articles[index];
    let meta = &article.meta;
    let published = meta.date.map(|d| d.to_rfc3339()).unwrap_or_default();
    let authors = if meta.authors.is_empty() {
        (!config.author.is_empty()).then_some(config.author.as_str()).into_iter().collect()
    } else {
        meta.authors.iter().map(String::as_str).collect()
    };
    Entry {
        title: &meta.title,
        permalink: site_url(&config.base_url, &article.url, true),
        updated: meta.updated.map_or_else(|| published.clone(), |d| d.to_rfc3339()),
        published,
        authors,
        tags: &meta.tags,
        summary: meta.summary.as_deref(),
        content: absolute_links(config, &markdown::render(&article.body).html),
    }
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
