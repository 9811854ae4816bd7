//! Stage 3: the library becomes HTML pages, in memory.
//!
//! Article bodies are rendered from Markdown in parallel, then every page (articles, home, section,
//! tag listings, 404) is rendered through Tera in parallel. Each page knows where it goes and what
//! produced it, so two sources claiming one URL is caught here, before anything is written.

mod glossary_pages;
pub mod markdown;
pub mod templates;
mod timeline_pages;
pub mod view;

use std::collections::HashMap;

use anyhow::{Context as _, Result};
use indicatif::ParallelProgressIterator;
use rayon::prelude::*;
use serde::Serialize;

use crate::annotate::glossary::Glossary;
use crate::config::Config;
use crate::content::Library;
use crate::error::UrlCollision;
use templates::{Templates, site_url};
use view::{ArticleParts, ArticleSummary, ArticleView, Paginator, SectionView, SiteView, TagLink};

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

/// A page to render: which template, with what, to where.
struct Job {
    template: &'static str,
    url: String,
    origin: String,
    context: tera::Context,
}

/// Renders every page of the site. `progress` shows a bar on standard error (only when it is a
/// terminal and the site is large).
pub fn render_site(
    config: &Config,
    library: &Library,
    templates: &Templates,
    progress: bool,
) -> Result<Vec<RenderedPage>> {
    let glossary = Glossary::build(
        &library.site_glossary,
        &library.articles,
        &config.glossary,
        config.transliterate_slugs,
    );
    let annotated: Vec<glossary_pages::AnnotatedArticle> = library
        .articles
        .par_iter()
        .enumerate()
        .map(|(index, article)| glossary_pages::annotate(config, &glossary, index, article))
        .collect();
    glossary_pages::check_wikilinks(library, &annotated)?;
    let bodies: Vec<&markdown::RenderedMarkdown> = annotated.iter().map(|a| &a.body).collect();
    let base = base_context(config, library);
    let summaries: Vec<ArticleSummary<'_>> = library
        .articles
        .iter()
        .zip(&bodies)
        .map(|(article, body)| ArticleSummary::new(config, library, article, &body.image_urls))
        .collect();

    let mut jobs = article_jobs(config, library, &annotated, &glossary, &base);
    jobs.extend(listing_jobs(config, "index.html", "", "the home page", &summaries, &base, |_| {}));
    for section in &library.sections {
        let indices = library.articles_in_section(&section.key);
        let pages: Vec<ArticleSummary<'_>> =
            indices.iter().map(|&i| summaries[i].clone()).collect();
        let view = SectionView {
            title: &section.title,
            description: section.description.as_deref(),
            path: site_url(&config.base_url, &section.url, false),
            content: markdown::render(&section.body).html,
        };
        let origin = section
            .file
            .as_ref()
            .map_or_else(|| format!("section `{}`", section.key), |f| f.display().to_string());
        jobs.extend(listing_jobs(
            config,
            "section.html",
            &section.url,
            &origin,
            &pages,
            &base,
            |c| c.insert("section", &view),
        ));
    }
    jobs.extend(tag_jobs(config, library, &summaries, &base));
    jobs.extend(glossary_pages::jobs(config, library, &glossary, &annotated, &base));
    jobs.extend(timeline_pages::jobs(config, library, &annotated, &base));
    let mut not_found = base.clone();
    not_found.insert("current_url", &site_url(&config.base_url, "404.html", true));
    jobs.push(Job {
        template: "404.html",
        url: "404.html".into(),
        origin: "the 404 page".into(),
        context: not_found,
    });

    check_collisions(&jobs)?;
    let bar = progress_bar(jobs.len(), progress);
    let pages = jobs
        .into_par_iter()
        .progress_with(bar.clone())
        .map(|job| {
            let html = templates.render(job.template, &job.context).with_context(|| {
                format!("cannot render {} with template `{}`", job.origin, job.template)
            })?;
            Ok(RenderedPage { path: output_file(&job.url), html, origin: job.origin })
        })
        .collect();
    bar.finish_and_clear();
    pages
}

/// A bar for builds long enough to watch; hidden for small sites and when not on a terminal.
fn progress_bar(len: usize, wanted: bool) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if !wanted || len < 1000 || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len as u64);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("rendering {bar:40} {pos}/{len} pages")
    {
        bar.set_style(style);
    }
    bar
}

/// The base context plus `current_url` for a generated page at `url`.
fn listing_context(config: &Config, base: &tera::Context, url: &str) -> tera::Context {
    let mut context = base.clone();
    context.insert("current_url", &site_url(&config.base_url, url, true));
    context
}

/// `politics/x/` → `politics/x/index.html`; `404.html` stays.
fn output_file(url: &str) -> String {
    if url.is_empty() || url.ends_with('/') { format!("{url}index.html") } else { url.to_owned() }
}

fn base_context(config: &Config, library: &Library) -> tera::Context {
    let mut context = tera::Context::new();
    context.insert("site", &SiteView::new(config));
    let sections: Vec<view::Link<'_>> = library
        .sections
        .iter()
        .filter(|s| !s.key.contains('/'))
        .map(|s| view::section_link(config, s))
        .collect();
    context.insert("sections", &sections);
    context.insert("gloss_version", env!("CARGO_PKG_VERSION"));
    context
}

fn article_jobs(
    config: &Config,
    library: &Library,
    annotated: &[glossary_pages::AnnotatedArticle],
    glossary: &Glossary,
    base: &tera::Context,
) -> Vec<Job> {
    let articles = &library.articles;
    articles
        .par_iter()
        .enumerate()
        .map(|(i, article)| {
            let parts = ArticleParts {
                content: &annotated[i].body.html,
                body_images: &annotated[i].body.image_urls,
                earlier: articles.get(i + 1),
                later: i.checked_sub(1).and_then(|j| articles.get(j)),
                terms: glossary_pages::terms_of(config, glossary, i, &annotated[i]),
                timeline_html: &annotated[i].timeline_html,
            };
            let page = ArticleView::new(config, library, article, parts);
            let mut context = base.clone();
            context.insert("current_url", &page.summary.permalink);
            context.insert("page", &page);
            Job {
                template: "article.html",
                url: article.url.clone(),
                origin: format!("`{}`", article.file.display()),
                context,
            }
        })
        .collect()
}

/// One job per page of a paginated listing: page 1 at `url`, page n at `url/page/n/`.
fn listing_jobs<T: Serialize>(
    config: &Config,
    template: &'static str,
    url: &str,
    origin: &str,
    items: &[T],
    base: &tera::Context,
    extra: impl Fn(&mut tera::Context),
) -> Vec<Job> {
    let per_page = config.paginate_by.max(1);
    let total = items.len().div_ceil(per_page).max(1);
    let page_url = |n: usize| if n == 1 { url.to_owned() } else { format!("{url}page/{n}/") };
    (1..=total)
        .map(|n| {
            let start = (n - 1) * per_page;
            let pages = &items[start.min(items.len())..(start + per_page).min(items.len())];
            let paginator = Paginator {
                pages,
                current: n,
                total,
                previous: (n > 1).then(|| site_url(&config.base_url, &page_url(n - 1), false)),
                next: (n < total).then(|| site_url(&config.base_url, &page_url(n + 1), false)),
            };
            let mut context = base.clone();
            context.insert("paginator", &paginator);
            context.insert("current_url", &site_url(&config.base_url, &page_url(n), true));
            extra(&mut context);
            let origin = if n == 1 { origin.to_owned() } else { format!("{origin} (page {n})") };
            Job { template, url: page_url(n), origin, context }
        })
        .collect()
}

fn tag_jobs(
    config: &Config,
    library: &Library,
    summaries: &[ArticleSummary<'_>],
    base: &tera::Context,
) -> Vec<Job> {
    let tags: Vec<TagLink<'_>> = library.tags.iter().map(|t| TagLink::new(config, t)).collect();
    let mut context = base.clone();
    context.insert("tags", &tags);
    context.insert("current_url", &site_url(&config.base_url, "tags/", true));
    let mut jobs = vec![Job {
        template: "tags.html",
        url: "tags/".into(),
        origin: "the tag list".into(),
        context,
    }];
    for (tag, link) in library.tags.iter().zip(&tags) {
        let pages: Vec<ArticleSummary<'_>> =
            tag.articles.iter().map(|&i| summaries[i].clone()).collect();
        let url = format!("tags/{}/", tag.slug);
        let origin = format!("the page of tag `{}`", tag.name);
        jobs.extend(listing_jobs(config, "tag.html", &url, &origin, &pages, base, |c| {
            c.insert("tag", link)
        }));
    }
    jobs
}

fn check_collisions(jobs: &[Job]) -> Result<(), UrlCollision> {
    let mut seen: HashMap<String, &str> = HashMap::with_capacity(jobs.len());
    for job in jobs {
        let file = output_file(&job.url);
        if let Some(first) = seen.insert(file.clone(), &job.origin) {
            return Err(UrlCollision {
                url: format!("/{}", job.url),
                first: first.to_owned(),
                second: job.origin.clone(),
            });
        }
    }
    Ok(())
}
