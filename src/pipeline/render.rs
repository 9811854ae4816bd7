//! [`run`]: one render of a site, the same for every command (see the module above).

use std::sync::Arc;
use std::time::Instant;

use anyhow::Result;
use rayon::prelude::*;

use super::cache::{self, build_glossary};
use super::{Problems, Rendered, Site};
use crate::annotate::Annotated;
use crate::annotate::article::{AnnotatedArticle, link_problems};
use crate::annotate::glossary::Glossary;
use crate::annotate::links::ContentLinks;
use crate::annotate::timeline::SiteTimeline;
use crate::content::{Library, LoadOptions};
use crate::render::{
    ArticlePages, CardKeys, Cards, Fingerprints, Origin, Rendering, Shared, Sink, broken_links,
    check_collisions, output_file, progress_bar, site_pages,
};

/// Loads the library and glossary (from the cache when it has them), annotates every article
/// and renders its page, then renders every other page; pages go to `sink` when they are due.
pub(super) fn run(site: &mut Site, sink: &dyn Sink, progress: bool) -> Result<Rendered> {
    let started = Instant::now();
    let mut problems = Vec::new();
    let options = LoadOptions { include_drafts: site.options.drafts };
    let library = match (&mut site.cache, site.problems) {
        (Some(cache), _) => cache.library(&site.files, &site.config, options)?,
        (None, Problems::Stop) => Arc::new(site.files.library(&site.config, options)?),
        (None, Problems::Report) => {
            problems.extend(site.files.errors());
            Arc::new(site.files.readable_library(&site.config, options))
        }
    };
    let glossary = match &mut site.cache {
        Some(cache) => cache.glossary(&site.config, &library),
        None => Arc::new(build_glossary(&site.config, &library)),
    };
    // The fingerprints of the last render that succeeded; put back if this one fails.
    let previous = site.cache.as_mut().and_then(|cache| cache.fingerprints.take());
    let result = render(site, &library, &glossary, previous.as_ref(), sink, progress);
    match (result, &mut site.cache) {
        (Ok((fingerprints, mut rendered)), cache) => {
            rendered.removed = previous
                .iter()
                .flat_map(|p| p.keys())
                .filter(|file| !fingerprints.contains_key(*file))
                .cloned()
                .collect();
            if let Some(cache) = cache {
                cache.fingerprints = Some(fingerprints);
            }
            problems.extend(std::mem::take(&mut rendered.problems));
            rendered.problems = problems;
            rendered.stages.insert(0, ("read the content and templates", started.elapsed()));
            Ok(rendered)
        }
        (Err(error), Some(cache)) => {
            cache.fingerprints = previous;
            Err(error)
        }
        (Err(error), None) => Err(error),
    }
}

/// An article annotated and its page done: what later steps need of it.
struct ArticleDone {
    annotated: Arc<AnnotatedArticle>,
    /// Its page's fingerprint.
    fingerprint: u64,
    /// The hash of its card, which listings show.
    card: u64,
}

fn render(
    site: &mut Site,
    library: &Library,
    glossary: &Arc<Glossary>,
    previous: Option<&Fingerprints>,
    sink: &dyn Sink,
    progress: bool,
) -> Result<(Fingerprints, Rendered)> {
    let started = Instant::now();
    let config = &site.config;
    let shared = Shared::new(config, library);
    let bar = progress_bar(library.articles.len(), progress);
    let rendering =
        Rendering { templates: &site.templates, shared: &shared, previous, sink, bar: &bar };
    let links = ContentLinks::new(config, library);
    let keys = CardKeys::new(library);
    let article_pages = ArticlePages::new(library, glossary, &keys);
    let cache = site.cache.as_ref();
    // Each article is annotated and its page rendered in one step. Without a cache its body's
    // HTML, its largest part, is freed right away: only what other pages show of it (term
    // uses, timeline texts, images, hashes) is kept. At 100,000 articles the bodies were
    // 1.5 GB of a 4 GB build.
    let show_progress = !bar.is_hidden();
    let articles: Vec<ArticleDone> = library
        .articles
        .par_iter()
        .enumerate()
        .map(|(i, article)| {
            let mut annotated = cache::annotation(cache, config, glossary, &links, i, article);
            let (page, card) = article_pages.page(i, &annotated);
            let fingerprint = rendering.one_quietly(&page, None)?;
            drop(page);
            if cache.is_none()
                && let Some(owned) = Arc::get_mut(&mut annotated)
            {
                owned.drop_body_html();
            }
            if show_progress {
                bar.inc(1);
            }
            Ok(ArticleDone { annotated, fingerprint, card })
        })
        .collect::<Result<_>>()?;
    let mut annotated = Vec::with_capacity(articles.len());
    let mut fingerprints = Vec::with_capacity(articles.len());
    let mut card_hashes = Vec::with_capacity(articles.len());
    for (done, article) in articles.into_iter().zip(&library.articles) {
        annotated.push(done.annotated);
        fingerprints.push((output_file(&article.url), done.fingerprint));
        card_hashes.push(done.card);
    }
    let link_problems = link_problems(library, &annotated);
    if let Some(cache) = &mut site.cache {
        cache.keep_annotations(library, glossary, &annotated);
    }
    if !link_problems.is_empty() && site.problems == Problems::Stop {
        bar.finish_and_clear();
        return Err(broken_links(&link_problems));
    }
    let articles_took = started.elapsed();
    let timeline = SiteTimeline::new(library);
    let config = &site.config;
    let annotated_site = Annotated { config, library, glossary, articles: &annotated };
    let cards = Cards::new(library, &annotated, card_hashes);
    let pages = site_pages(&annotated_site, &cards, timeline);
    let articles = library.articles.iter().zip(&fingerprints);
    let files = articles.map(|(a, (file, _))| (file.as_str(), Origin::File(&a.file)));
    let page_files: Vec<String> = pages.iter().map(|p| output_file(&p.url)).collect();
    let files = files
        .chain(page_files.iter().map(String::as_str).zip(pages.iter().map(|p| p.origin.clone())));
    check_collisions(&files.collect::<Vec<_>>())?;
    let rendering =
        Rendering { templates: &site.templates, shared: &shared, previous, sink, bar: &bar };
    fingerprints.extend(rendering.all(pages)?);
    bar.finish_and_clear();
    let total = fingerprints.len();
    let rendered = Rendered {
        articles: library.articles.len(),
        total,
        problems: link_problems,
        stages: vec![
            ("glossary; articles annotated, rendered and written", articles_took),
            ("listings, term, timeline and feed pages", started.elapsed() - articles_took),
        ],
        ..Rendered::default()
    };
    // Only a kept cache reads the fingerprints again; a build frees them.
    let fingerprints = match site.cache {
        Some(_) => fingerprints.into_iter().collect(),
        None => Fingerprints::default(),
    };
    Ok((fingerprints, rendered))
}
