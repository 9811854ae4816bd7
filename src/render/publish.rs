//! The files a published site needs besides its pages: Atom feeds (the site's and one per tag),
//! `sitemap.xml`, `robots.txt`, `.nojekyll` and, for a custom domain, `CNAME`.
//!
//! They are pages like the others (jobs with fingerprints), so `gloss serve` serves them and an
//! incremental rebuild refreshes them when an article they list changes.

use serde::Serialize;

use super::fingerprint::Fingerprint;
use super::markdown;
use super::templates::site_url;
use super::view::TagLink;
use super::{Inputs, Job};
use crate::content::Tag;

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
pub(super) fn feed_jobs<'a>(inputs: &'a Inputs<'a>) -> Vec<Job<'a>> {
    let everything: Vec<usize> = (0..inputs.library.articles.len()).collect();
    let mut jobs = vec![feed_job(inputs, "", everything, None)];
    for tag in &inputs.library.tags {
        let folder = format!("tags/{}/", tag.slug);
        jobs.push(feed_job(inputs, &folder, tag.articles.clone(), Some(tag)));
    }
    jobs
}

fn feed_job<'a>(
    inputs: &'a Inputs<'a>,
    folder: &str,
    mut articles: Vec<usize>,
    tag: Option<&'a Tag>,
) -> Job<'a> {
    // Undated articles have no place in a feed, which is ordered by time.
    articles.retain(|&i| inputs.library.articles[i].meta.date.is_some());
    articles.truncate(inputs.config.feed_limit);
    let url = format!("{folder}atom.xml");
    let fingerprint = Fingerprint::new("atom.xml", inputs.global)
        .add(&(&url, tag.map(|t| (&t.name, &t.slug))))
        .add(&articles.iter().map(|&i| inputs.library.articles[i].source_hash).collect::<Vec<_>>())
        .add(&articles.iter().map(|&i| &inputs.library.articles[i].url).collect::<Vec<_>>())
        .finish();
    let origin =
        tag.map_or_else(|| "the site feed".to_owned(), |t| format!("the feed of tag `{}`", t.name));
    let folder = folder.to_owned();
    Job::template("atom.xml", url.clone(), origin, fingerprint, move || {
        let config = inputs.config;
        let entries: Vec<Entry<'_>> = articles.iter().map(|&i| entry(inputs, i)).collect();
        let updated = entries
            .iter()
            .map(|e| e.updated.clone())
            .max()
            .unwrap_or_else(|| "1970-01-01T00:00:00+00:00".to_owned());
        let feed = Feed {
            self_url: site_url(&config.base_url, &url, true),
            page_url: site_url(&config.base_url, &folder, true),
            updated,
            tag: tag.map(|t| TagLink::new(config, t)),
            entries,
        };
        let mut context = inputs.base.clone();
        context.insert("feed", &feed);
        context
    })
}

fn entry<'a>(inputs: &'a Inputs<'a>, index: usize) -> Entry<'a> {
    let config = inputs.config;
    let article = &inputs.library.articles[index];
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
pub(super) fn sitemap_job<'a>(inputs: &'a Inputs<'a>, page_urls: Vec<String>) -> Job<'a> {
    let library = inputs.library;
    // The fingerprint hashes what the entries are made of (URLs and dates) rather than the
    // formatted entries: formatting ten thousand URLs and dates on every rebuild cost more
    // than all the other bookkeeping of a rebuild after a one-word edit.
    let dates: Vec<_> =
        library.articles.iter().map(|a| (a.url.as_str(), a.meta.updated.or(a.meta.date))).collect();
    let fingerprint = Fingerprint::new("sitemap.xml", inputs.global)
        .add(&(inputs.config.base_url.as_str(), &page_urls, &dates))
        .finish();
    Job::template(
        "sitemap.xml",
        "sitemap.xml".into(),
        "the sitemap".into(),
        fingerprint,
        move || {
            let lastmod: std::collections::HashMap<&str, String> = dates
                .into_iter()
                .filter_map(|(url, date)| date.map(|d| (url, d.to_rfc3339())))
                .collect();
            let entries: Vec<SitemapEntry> = page_urls
                .into_iter()
                .map(|url| SitemapEntry {
                    lastmod: lastmod.get(url.as_str()).cloned(),
                    loc: ascii_url(&site_url(&inputs.config.base_url, &url, true)),
                })
                .collect();
            let mut context = inputs.base.clone();
            context.insert("entries", &entries);
            context
        },
    )
}

/// `robots.txt` (pointing at the sitemap), `.nojekyll` (GitHub Pages serves the files as they
/// are, without running Jekyll over them) and `CNAME` when `site.toml` names a domain.
pub(super) fn site_file_jobs<'a>(inputs: &'a Inputs<'a>) -> Vec<Job<'a>> {
    let robots = Fingerprint::new("robots.txt", inputs.global).finish();
    let mut jobs = vec![
        Job::template("robots.txt", "robots.txt".into(), "robots.txt".into(), robots, move || {
            inputs.base.clone()
        }),
        Job::verbatim(".nojekyll", String::new()),
    ];
    if let Some(cname) = &inputs.config.cname {
        jobs.push(Job::verbatim("CNAME", format!("{cname}\n")));
    }
    jobs
}
