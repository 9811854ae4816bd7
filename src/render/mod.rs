//! Stage 3: the library becomes HTML pages, in memory.
//!
//! Article bodies are rendered from Markdown in parallel, then every page (articles, home, section,
//! tag listings, 404) is rendered through Tera in parallel. Each page knows where it goes and what
//! produced it, so two sources claiming one URL is caught here, before anything is written.

mod annotated;
pub mod content_links;
mod fingerprint;
mod glossary_pages;
pub mod markdown;
mod publish;
pub mod templates;
mod timeline_pages;
pub mod view;

use std::sync::Arc;

use anyhow::{Context as _, Result};
use indicatif::ParallelProgressIterator;
use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::annotate::glossary::Glossary;
use crate::config::Config;
use crate::content::Library;
use crate::error::UrlCollision;
use annotated::{AnnotatedArticle, AnnotationCache};
use fingerprint::{Fingerprint, hash_of};
use templates::{Templates, site_url};
use view::{
    ArticleParts, ArticleSummary, ArticleView, PageNav, Paginator, SectionView, SiteView, TagLink,
};

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

/// What one render produced.
#[derive(Debug, Default)]
pub struct RenderOutcome {
    /// The pages rendered: every page on a first render, afterwards those whose inputs changed.
    pub pages: Vec<RenderedPage>,
    /// Output paths of pages the previous render had and this one has not.
    pub removed: Vec<String>,
    /// How many pages the site has now, rendered or unchanged.
    pub total: usize,
}

/// What a render remembers for the next one: each page's fingerprint, each article's
/// annotation and the glossary. A new cache renders everything.
#[derive(Default)]
pub struct RenderCache {
    fingerprints: FxHashMap<String, u64>,
    annotations: AnnotationCache,
    glossary: Option<(u64, Arc<Glossary>)>,
}

impl RenderCache {
    /// The glossary of `library`, rebuilt only when a glossary entry or its place changed.
    fn glossary(&mut self, config: &Config, library: &Library) -> Arc<Glossary> {
        let inputs = hash_of(&(
            &library.site_glossary,
            library
                .articles
                .iter()
                .enumerate()
                .filter(|(_, a)| !a.meta.glossary.is_empty())
                .map(|(i, a)| (i, a.glossary_hash))
                .collect::<Vec<_>>(),
        ));
        match &self.glossary {
            Some((hash, glossary)) if *hash == inputs => Arc::clone(glossary),
            _ => {
                let glossary = Arc::new(Glossary::build(
                    &library.site_glossary,
                    &library.articles,
                    &config.glossary,
                    config.transliterate_slugs,
                ));
                self.glossary = Some((inputs, Arc::clone(&glossary)));
                glossary
            }
        }
    }
}

/// What produced a page, for messages. Most pages are articles, and most jobs of a rebuild are
/// never rendered, so an article's origin is kept as its path and formatted only when needed.
enum Origin<'a> {
    Described(String),
    File(&'a std::path::Path),
}

impl std::fmt::Display for Origin<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Origin::Described(text) => f.write_str(text),
            Origin::File(path) => write!(f, "`{}`", path.display()),
        }
    }
}

impl From<String> for Origin<'_> {
    fn from(text: String) -> Self {
        Origin::Described(text)
    }
}

impl From<&str> for Origin<'_> {
    fn from(text: &str) -> Self {
        Origin::Described(text.to_owned())
    }
}

/// A page to render: which template, to where, and how to make its context when it is due.
struct Job<'a> {
    template: &'static str,
    /// Borrowed from the article for article pages, which are most of them.
    url: std::borrow::Cow<'a, str>,
    origin: Origin<'a>,
    /// Covers every input of the page (see `fingerprint`).
    fingerprint: u64,
    /// Text written as it is, without a template (`.nojekyll`, `CNAME`).
    verbatim: Option<String>,
    context: Box<dyn FnOnce() -> tera::Context + Send + 'a>,
}

impl<'a> Job<'a> {
    fn template(
        template: &'static str,
        url: String,
        origin: String,
        fingerprint: u64,
        context: impl FnOnce() -> tera::Context + Send + 'a,
    ) -> Job<'a> {
        Job {
            template,
            url: url.into(),
            origin: origin.into(),
            fingerprint,
            verbatim: None,
            context: Box::new(context),
        }
    }

    fn verbatim(path: &str, text: String) -> Job<'a> {
        Job {
            template: "",
            url: path.to_owned().into(),
            origin: format!("`{path}`").into(),
            fingerprint: fingerprint::hash_of(&(path, &text)),
            verbatim: Some(text),
            context: Box::new(tera::Context::new),
        }
    }
}

/// What every job of one render reads.
struct Inputs<'a> {
    config: &'a Config,
    library: &'a Library,
    glossary: &'a Glossary,
    annotated: &'a [Arc<AnnotatedArticle>],
    /// The context every page starts from: site, navigation.
    base: tera::Context,
    /// A hash of `base`: a change there changes every page.
    global: u64,
    /// Per article, a hash of what its card in a listing shows.
    cards: Vec<u64>,
}

/// Renders every page of the site. `progress` shows a bar on standard error (only when it is a
/// terminal and the site is large).
pub fn render_site(
    config: &Config,
    library: &Library,
    templates: &Templates,
    progress: bool,
) -> Result<Vec<RenderedPage>> {
    Ok(render_changed(config, library, templates, &mut RenderCache::default(), progress)?.pages)
}

/// Renders the pages whose inputs changed since the render that filled `cache`. The cache is
/// updated only when the render succeeds, so a failed render is retried whole next time.
pub fn render_changed(
    config: &Config,
    library: &Library,
    templates: &Templates,
    cache: &mut RenderCache,
    progress: bool,
) -> Result<RenderOutcome> {
    let (outcome, problems) =
        render_inner(config, library, templates, cache, progress, Problems::Stop)?;
    if !problems.is_empty() {
        return Err(broken_links(&problems));
    }
    Ok(outcome)
}

/// Where [`render_once`] hands each page as soon as it is rendered, so that a build never
/// holds the site in memory whole.
pub type PageSink<'s> = &'s (dyn Fn(RenderedPage) -> Result<()> + Sync);

/// Renders every page of a site that will not be rendered again (`gloss build`), handing each
/// page to `sink`.
///
/// Unlike [`render_changed`], nothing is kept for a next render, which lets the build free an
/// article's body HTML, its largest part, as soon as its page is written: each article is
/// annotated and its page rendered in one step, and only what other pages show of it (term
/// uses, timeline texts, images, hashes) is kept for the listings, term and timeline pages
/// rendered afterwards. At 100,000 articles the bodies were 1.5 GB of a 4 GB build.
///
/// The Markdown bodies are kept: freeing them before the other pages saved 0.55 GB at 100,000
/// articles but cost 8–12 s of CPU, glibc's allocator being slower on the fragmented heap
/// (BENCHMARKS.md). A broken link or a URL claimed twice is still an error, found after the
/// article pages are written: the caller writes into a staging folder that a failure discards.
pub fn render_once(
    config: &Config,
    library: &Library,
    templates: &Templates,
    progress: bool,
    sink: PageSink<'_>,
) -> Result<RenderedOnce> {
    let started = std::time::Instant::now();
    let glossary = RenderCache::default().glossary(config, library);
    let bar = progress_bar(library.articles.len(), progress);
    let annotated = render_articles(config, library, &glossary, templates, &bar, sink)?;
    let problems = annotated::link_problems(library, &annotated);
    if !problems.is_empty() {
        bar.finish_and_clear();
        return Err(broken_links(&problems));
    }
    let articles_took = started.elapsed();
    let inputs = Inputs::new(config, library, &glossary, &annotated);
    // The article jobs are made again, not rendered: the sitemap and the collision check
    // need every page's URL.
    let jobs = all_jobs(&inputs);
    let files: Vec<String> = jobs.iter().map(|job| output_file(&job.url)).collect();
    check_collisions(&jobs, &files)?;
    let total = jobs.len();
    let rest: Vec<Job<'_>> =
        jobs.into_iter().filter(|job| job.template != "article.html").collect();
    bar.inc_length(rest.len() as u64);
    render_jobs_with(templates, rest, &bar, Some(sink))?;
    bar.finish_and_clear();
    let stages = vec![
        ("glossary; articles annotated, rendered and written", articles_took),
        ("listings, term, timeline and feed pages", started.elapsed() - articles_took),
    ];
    Ok(RenderedOnce { pages: total, stages })
}

/// The error of a render that found broken `[[terms]]` or links, one `file:line` per line.
fn broken_links(problems: &[String]) -> anyhow::Error {
    anyhow::anyhow!("{} broken link(s) in articles:\n  {}", problems.len(), problems.join("\n  "))
}

/// What [`render_once`] did.
pub struct RenderedOnce {
    /// Pages the site has, all written.
    pub pages: usize,
    /// Wall time of each step.
    pub stages: Vec<(&'static str, std::time::Duration)>,
}

/// The first step of [`render_once`]: every article annotated and its page rendered and handed
/// to `sink`, then its body HTML freed. Articles with broken links are annotated only (the
/// build fails on them once all are annotated, so that every problem is reported).
fn render_articles(
    config: &Config,
    library: &Library,
    glossary: &Glossary,
    templates: &Templates,
    bar: &indicatif::ProgressBar,
    sink: PageSink<'_>,
) -> Result<Vec<Arc<AnnotatedArticle>>> {
    let links = content_links::ContentLinks::new(config, library);
    let base = base_context(config, library);
    let shared = Shared { config, library, glossary, base: &base };
    library
        .articles
        .par_iter()
        .enumerate()
        .progress_with(bar.clone())
        .map(|(i, article)| {
            let mut annotated = annotated::annotate(config, glossary, &links, i, article);
            if !annotated.has_link_problems() {
                let context = article_context(&shared, i, &annotated);
                let origin = Origin::File(&article.file);
                sink(render_page(templates, "article.html", &article.url, &origin, &context)?)?;
            }
            annotated.drop_body_html();
            Ok(Arc::new(annotated))
        })
        .collect()
}

/// Renders every page for `gloss check`: broken `[[terms]]` and links to content files are
/// returned as problems (`file:line: …`) instead of stopping the render.
pub fn render_for_check(
    config: &Config,
    library: &Library,
    templates: &Templates,
) -> Result<(Vec<RenderedPage>, Vec<String>)> {
    let (outcome, problems) = render_inner(
        config,
        library,
        templates,
        &mut RenderCache::default(),
        false,
        Problems::Report,
    )?;
    Ok((outcome.pages, problems))
}

/// What link problems do to a render: a build stops before rendering; `check` renders anyway.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Problems {
    Stop,
    Report,
}

fn render_inner(
    config: &Config,
    library: &Library,
    templates: &Templates,
    cache: &mut RenderCache,
    progress: bool,
    on_problems: Problems,
) -> Result<(RenderOutcome, Vec<String>)> {
    let glossary = cache.glossary(config, library);
    let links = content_links::ContentLinks::new(config, library);
    let annotated = cache.annotations.annotate_all(config, &glossary, &links, library);
    let problems = annotated::link_problems(library, &annotated);
    if !problems.is_empty() && on_problems == Problems::Stop {
        return Ok((RenderOutcome::default(), problems));
    }
    let inputs = Inputs::new(config, library, &glossary, &annotated);
    let jobs = all_jobs(&inputs);
    let files: Vec<String> = jobs.iter().map(|job| output_file(&job.url)).collect();
    check_collisions(&jobs, &files)?;
    let mut fingerprints: FxHashMap<String, u64> =
        FxHashMap::with_capacity_and_hasher(jobs.len(), Default::default());
    let mut due = Vec::new();
    for (job, file) in jobs.into_iter().zip(files) {
        let fingerprint = job.fingerprint;
        if cache.fingerprints.get(&file) != Some(&fingerprint) {
            due.push(job);
        }
        fingerprints.insert(file, fingerprint);
    }
    let removed: Vec<String> = cache
        .fingerprints
        .keys()
        .filter(|path| !fingerprints.contains_key(*path))
        .cloned()
        .collect();
    let pages = render_jobs(templates, due, progress)?;
    let total = fingerprints.len();
    if problems.is_empty() {
        cache.fingerprints = fingerprints;
    }
    Ok((RenderOutcome { pages, removed, total }, problems))
}

impl<'a> Inputs<'a> {
    fn new(
        config: &'a Config,
        library: &'a Library,
        glossary: &'a Glossary,
        annotated: &'a [Arc<AnnotatedArticle>],
    ) -> Self {
        let base = base_context(config, library);
        let global = Fingerprint::new("", 0).view(&base.clone().into_json()).finish();
        // A card shows its tags with their article counts. Each tag is hashed once and mixed
        // into the cards of its articles, instead of every card looking up its tags by name.
        let mut tag_parts = vec![0u64; library.articles.len()];
        for tag in &library.tags {
            let tag_hash = hash_of(&(&tag.name, &tag.slug, tag.articles.len()));
            for &i in &tag.articles {
                if let Some(part) = tag_parts.get_mut(i) {
                    *part = hash_of(&(*part, tag_hash));
                }
            }
        }
        let cards = library
            .articles
            .par_iter()
            .zip(annotated)
            .zip(&tag_parts)
            .map(|((article, annotated), tags)| {
                hash_of(&(article.meta_hash, article.link_hash, annotated.images_hash, tags))
            })
            .collect();
        Inputs { config, library, glossary, annotated, base, global, cards }
    }

    /// The card of each listed article, for a listing page's paginator.
    fn summaries(&self, indices: &[usize]) -> Vec<ArticleSummary<'a>> {
        indices
            .iter()
            .map(|&i| {
                let article = &self.library.articles[i];
                ArticleSummary::new(
                    self.config,
                    self.library,
                    article,
                    &self.annotated[i].body.image_urls,
                )
            })
            .collect()
    }
}

fn all_jobs<'a>(inputs: &'a Inputs<'a>) -> Vec<Job<'a>> {
    let (config, library) = (inputs.config, inputs.library);
    let mut jobs = article_jobs(inputs);
    let everything: Vec<usize> = (0..library.articles.len()).collect();
    jobs.extend(listing_jobs(inputs, "index.html", "", "the home page", everything, None));
    for section in &library.sections {
        let origin = section
            .file
            .as_ref()
            .map_or_else(|| format!("section `{}`", section.key), |f| f.display().to_string());
        let extra = Extra::Section(section);
        let indices = library.articles_in_section(&section.key);
        jobs.extend(listing_jobs(
            inputs,
            "section.html",
            &section.url,
            &origin,
            indices,
            Some(extra),
        ));
    }
    jobs.extend(tag_jobs(inputs));
    jobs.extend(glossary_pages::jobs(inputs));
    jobs.extend(timeline_pages::jobs(inputs));
    jobs.extend(publish::feed_jobs(inputs));
    jobs.extend(publish::site_file_jobs(inputs));
    let fingerprint = Fingerprint::new("404.html", inputs.global).finish();
    jobs.push(Job {
        template: "404.html",
        url: "404.html".into(),
        origin: "the 404 page".into(),
        fingerprint,
        verbatim: None,
        context: Box::new(move || {
            let mut context = inputs.base.clone();
            context.insert("current_url", &site_url(&config.base_url, "404.html", true));
            context
        }),
    });
    // The sitemap lists the HTML pages; it is computed from the jobs above, so it can never
    // list a page that does not exist or miss one that does.
    let pages: Vec<String> = jobs
        .iter()
        .filter(|job| job.template.ends_with(".html") && job.template != "404.html")
        .map(|job| job.url.to_string())
        .collect();
    jobs.push(publish::sitemap_job(inputs, pages));
    // Pages that show the whole site (the site timeline, term pages, full listings) are
    // rendered first: each is one thread's work and the largest take seconds on a big site,
    // so started first they run while the other threads render articles, instead of making
    // the build wait for them at its end (100,000 articles: one thread spent ~8 s alone).
    jobs.sort_by_key(|job| match job.template {
        "timeline.html" => 0,
        "article.html" => 2,
        _ => 1,
    });
    jobs
}

fn render_jobs(
    templates: &Templates,
    jobs: Vec<Job<'_>>,
    progress: bool,
) -> Result<Vec<RenderedPage>> {
    let bar = progress_bar(jobs.len(), progress);
    let pages = render_jobs_with(templates, jobs, &bar, None);
    bar.finish_and_clear();
    pages
}

fn render_jobs_with(
    templates: &Templates,
    jobs: Vec<Job<'_>>,
    bar: &indicatif::ProgressBar,
    sink: Option<PageSink<'_>>,
) -> Result<Vec<RenderedPage>> {
    let rendered =
        jobs.into_par_iter().progress_with(bar.clone()).map(|job| render_job(templates, job));
    match sink {
        Some(sink) => rendered.map(|page| sink(page?)).collect::<Result<()>>().map(|()| Vec::new()),
        None => rendered.collect(),
    }
}

fn render_job(templates: &Templates, job: Job<'_>) -> Result<RenderedPage> {
    if let Some(text) = job.verbatim {
        let path = output_file(&job.url);
        return Ok(RenderedPage { path, html: text, origin: job.origin.to_string() });
    }
    let context = (job.context)();
    render_page(templates, job.template, &job.url, &job.origin, &context)
}

/// Renders one page at `url` through `template`.
fn render_page(
    templates: &Templates,
    template: &str,
    url: &str,
    origin: &Origin<'_>,
    context: &tera::Context,
) -> Result<RenderedPage> {
    let html = templates
        .render(template, context)
        .with_context(|| format!("cannot render {origin} with template `{template}`"))?;
    Ok(RenderedPage { path: output_file(url), html, origin: origin.to_string() })
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

fn article_jobs<'a>(inputs: &'a Inputs<'a>) -> Vec<Job<'a>> {
    let (config, library) = (inputs.config, inputs.library);
    let articles = &library.articles;
    articles
        .par_iter()
        .enumerate()
        .map(|(i, article)| {
            let earlier = articles.get(i + 1);
            let later = i.checked_sub(1).and_then(|j| articles.get(j));
            let annotated = &inputs.annotated[i];
            let neighbour = |a: Option<&'a Arc<crate::content::Article>>| {
                a.map(|a| (a.meta.title.as_str(), a.url.as_str()))
            };
            let section = article.section.as_deref().and_then(|key| library.section(key));
            let fingerprint = Fingerprint::new("article.html", inputs.global)
                .add(&(inputs.cards[i], annotated.hash, &annotated.tooltips_key()))
                .add(&(neighbour(earlier), neighbour(later)))
                .add(&section.map(|s| (&s.title, &s.url)))
                .finish();
            Job {
                template: "article.html",
                url: article.url.as_str().into(),
                origin: Origin::File(&article.file),
                fingerprint,
                verbatim: None,
                context: Box::new(move || {
                    let shared =
                        Shared { config, library, glossary: inputs.glossary, base: &inputs.base };
                    article_context(&shared, i, annotated)
                }),
            }
        })
        .collect()
}

/// What an article's page reads besides its own annotation.
struct Shared<'a> {
    config: &'a Config,
    library: &'a Library,
    glossary: &'a Glossary,
    base: &'a tera::Context,
}

/// The context of article `i`'s page.
fn article_context(shared: &Shared<'_>, i: usize, annotated: &AnnotatedArticle) -> tera::Context {
    let (config, library) = (shared.config, shared.library);
    let articles = &library.articles;
    let article = &articles[i];
    let parts = ArticleParts {
        content: &annotated.body.html,
        body_images: &annotated.body.image_urls,
        earlier: articles.get(i + 1).map(|a| &**a),
        later: i.checked_sub(1).and_then(|j| articles.get(j)).map(|a| &**a),
        terms: glossary_pages::terms_of(config, shared.glossary, i, annotated),
        timeline_html: &annotated.timeline_html,
    };
    let page = ArticleView::new(config, library, article, parts);
    let mut context = shared.base.clone();
    context.insert("current_url", &page.summary.permalink);
    context.insert("page", &page);
    context
}

/// What a listing shows besides its articles.
#[derive(Clone, Copy)]
enum Extra<'a> {
    Section(&'a crate::content::Section),
    Tag(&'a crate::content::Tag),
}

impl Extra<'_> {
    fn fingerprint(self, fingerprint: Fingerprint) -> Fingerprint {
        match self {
            Extra::Section(s) => fingerprint.add(&(&s.title, &s.description, &s.body, &s.url)),
            Extra::Tag(t) => fingerprint.add(&(&t.name, &t.slug, t.articles.len())),
        }
    }

    fn insert(self, config: &Config, context: &mut tera::Context) {
        match self {
            Extra::Section(section) => {
                let view = SectionView {
                    title: &section.title,
                    description: section.description.as_deref(),
                    path: site_url(&config.base_url, &section.url, false),
                    content: markdown::render(&section.body).html,
                };
                context.insert("section", &view);
            }
            Extra::Tag(tag) => context.insert("tag", &TagLink::new(config, tag)),
        }
    }
}

/// One job per page of a paginated listing: page 1 at `url`, page n at `url/page/n/`.
fn listing_jobs<'a>(
    inputs: &'a Inputs<'a>,
    template: &'static str,
    url: &str,
    origin: &str,
    items: Vec<usize>,
    extra: Option<Extra<'a>>,
) -> Vec<Job<'a>> {
    let config = inputs.config;
    let per_page = config.paginate_by.max(1);
    let total = items.len().div_ceil(per_page).max(1);
    (1..=total)
        .map(|n| {
            let start = ((n - 1) * per_page).min(items.len());
            let on_page: Vec<usize> = items[start..(start + per_page).min(items.len())].to_vec();
            let this_url = view::page_url(url, n);
            let nav = PageNav::new(config, url, n, total);
            let mut fingerprint = Fingerprint::new(template, inputs.global)
                .add(&(&this_url, n, total))
                .add(&on_page.iter().map(|&i| inputs.cards[i]).collect::<Vec<_>>());
            if let Some(extra) = extra {
                fingerprint = extra.fingerprint(fingerprint);
            }
            let origin = if n == 1 { origin.to_owned() } else { format!("{origin} (page {n})") };
            Job {
                template,
                url: this_url.clone().into(),
                origin: origin.into(),
                fingerprint: fingerprint.finish(),
                verbatim: None,
                context: Box::new(move || {
                    let pages = inputs.summaries(&on_page);
                    let paginator = Paginator { pages: &pages, nav };
                    let mut context = inputs.base.clone();
                    context.insert("paginator", &paginator);
                    context.insert("current_url", &site_url(&config.base_url, &this_url, true));
                    if let Some(extra) = extra {
                        extra.insert(config, &mut context);
                    }
                    context
                }),
            }
        })
        .collect()
}

fn tag_jobs<'a>(inputs: &'a Inputs<'a>) -> Vec<Job<'a>> {
    let (config, library) = (inputs.config, inputs.library);
    let tags: Vec<TagLink<'_>> = library.tags.iter().map(|t| TagLink::new(config, t)).collect();
    let fingerprint = Fingerprint::new("tags.html", inputs.global).view(&tags).finish();
    let mut jobs = vec![Job {
        template: "tags.html",
        url: "tags/".into(),
        origin: "the tag list".into(),
        fingerprint,
        verbatim: None,
        context: Box::new(move || {
            let mut context = inputs.base.clone();
            context.insert("tags", &tags);
            context.insert("current_url", &site_url(&config.base_url, "tags/", true));
            context
        }),
    }];
    for tag in &library.tags {
        let url = format!("tags/{}/", tag.slug);
        let origin = format!("the page of tag `{}`", tag.name);
        let items = tag.articles.clone();
        jobs.extend(listing_jobs(inputs, "tag.html", &url, &origin, items, Some(Extra::Tag(tag))));
    }
    jobs
}

/// Two jobs writing one file: an error naming both origins. `files[i]` is job `i`'s file.
fn check_collisions(jobs: &[Job<'_>], files: &[String]) -> Result<(), UrlCollision> {
    let mut seen: FxHashMap<&str, usize> =
        FxHashMap::with_capacity_and_hasher(jobs.len(), Default::default());
    for (index, file) in files.iter().enumerate() {
        if let Some(first) = seen.insert(file, index) {
            return Err(UrlCollision {
                url: format!("/{}", jobs[index].url),
                first: jobs[first].origin.to_string(),
                second: jobs[index].origin.to_string(),
            });
        }
    }
    Ok(())
}
