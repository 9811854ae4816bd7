//! The glossary in the rendered site: linking terms in each article (body, captions, timeline),
//! the index at `/glossary/` and a page per term at `/glossary/<slug>/` with its definitions
//! and backlinks. Backlinks are gathered once per build from the articles' term uses.

use anyhow::{Result, bail};
use serde::Serialize;

use super::markdown::{self, RenderedMarkdown};
use super::templates::site_url;
use super::view::{Link, TermRef};
use super::{Job, listing_context};
use crate::annotate::glossary::link::{Linker, TermUse};
use crate::annotate::glossary::{DefinitionSource, Glossary, index_group};
use crate::config::{Config, LinkMode};
use crate::content::{Article, Library};

/// An article's body and timeline with terms linked, and the terms it uses.
pub(super) struct AnnotatedArticle {
    pub(super) body: RenderedMarkdown,
    pub(super) timeline_html: Vec<String>,
    pub(super) uses: Vec<TermUse>,
    unknown: Vec<String>,
}

/// Renders one article's body and timeline texts, linking glossary terms.
pub(super) fn annotate(
    config: &Config,
    glossary: &Glossary,
    index: usize,
    article: &Article,
) -> AnnotatedArticle {
    let pages = site_url(&config.base_url, "glossary/", false);
    let link_all = config.glossary.link == LinkMode::All;
    let mut linker =
        Linker::new(glossary, Some(index), &pages, "b", link_all, config.glossary.autolink);
    let body = markdown::render_with(&article.body, Some(&mut linker));
    // Tooltip ids carry the article's index: the site timeline shows many articles' events.
    let linker = linker.part(&format!("t{index}-"));
    let timeline_html =
        article.meta.timeline.iter().map(|event| linker.link_plain(&event.text)).collect();
    AnnotatedArticle {
        body,
        timeline_html,
        uses: std::mem::take(&mut linker.uses),
        unknown: std::mem::take(&mut linker.unknown),
    }
}

/// `[[name]]` naming no term is an error, reported with its file and line.
pub(super) fn check_wikilinks(library: &Library, annotated: &[AnnotatedArticle]) -> Result<()> {
    let mut errors = Vec::new();
    for (article, annotated) in library.articles.iter().zip(annotated) {
        for name in &annotated.unknown {
            let at = article.body.find(&format!("[[{name}")).unwrap_or(0);
            let line = article.body_line + article.body[..at].matches('\n').count();
            errors.push(format!(
                "{}:{line}: `[[{name}]]` names no glossary term",
                article.file.display()
            ));
        }
    }
    if !errors.is_empty() {
        bail!("{} unknown glossary term(s):\n  {}", errors.len(), errors.join("\n  "));
    }
    Ok(())
}

/// The terms an article uses, in order of first use, with the definitions its tooltips show.
pub(super) fn terms_of<'a>(
    config: &Config,
    glossary: &'a Glossary,
    index: usize,
    annotated: &AnnotatedArticle,
) -> Vec<TermRef<'a>> {
    annotated
        .uses
        .iter()
        .map(|u| TermRef {
            name: &glossary.terms[u.term].name,
            path: term_path(config, &glossary.terms[u.term].slug),
            definition: glossary.definition_for(u.term, Some(index)).to_owned(),
        })
        .collect()
}

fn term_path(config: &Config, slug: &str) -> String {
    site_url(&config.base_url, &format!("glossary/{slug}/"), false)
}

/// One heading of the index: `ㄱ`, `A`.
#[derive(Debug, Serialize)]
struct IndexGroup<'a> {
    label: String,
    terms: Vec<IndexEntry<'a>>,
}

#[derive(Debug, Serialize)]
struct IndexEntry<'a> {
    name: &'a str,
    path: String,
    aliases: &'a [String],
    /// The first definition, plain text, one line.
    summary: String,
    uses: usize,
}

/// `term` in `term.html`.
#[derive(Debug, Serialize)]
struct TermPage<'a> {
    name: &'a str,
    slug: &'a str,
    path: String,
    aliases: &'a [String],
    definitions: Vec<DefinitionView<'a>>,
    uses: Vec<Backlink<'a>>,
}

#[derive(Debug, Serialize)]
struct DefinitionView<'a> {
    html: String,
    /// The article that gives it; `None` for the site glossary.
    source: Option<Link<'a>>,
}

#[derive(Debug, Serialize)]
struct Backlink<'a> {
    title: &'a str,
    path: String,
    date: Option<String>,
    date_human: Option<String>,
    sentence: &'a str,
}

/// The glossary index and one page per term.
pub(super) fn jobs(
    config: &Config,
    library: &Library,
    glossary: &Glossary,
    annotated: &[AnnotatedArticle],
    base: &tera::Context,
) -> Vec<Job> {
    let korean = config.is_korean();
    let mut backlinks: Vec<Vec<(usize, &str)>> = vec![Vec::new(); glossary.terms.len()];
    for (index, article) in annotated.iter().enumerate() {
        for term_use in &article.uses {
            backlinks[term_use.term].push((index, &term_use.sentence));
        }
    }
    let mut groups: Vec<IndexGroup<'_>> = Vec::new();
    for (id, term) in glossary.terms.iter().enumerate() {
        let label = index_group(&term.name);
        if groups.last().is_none_or(|g| g.label != label) {
            groups.push(IndexGroup { label: label.clone(), terms: Vec::new() });
        }
        let summary = term.definitions.first().map_or("", |d| d.plain.as_str());
        let entry = IndexEntry {
            name: &term.name,
            path: term_path(config, &term.slug),
            aliases: &term.aliases,
            summary: first_sentence(summary),
            uses: backlinks[id].len(),
        };
        if let Some(group) = groups.last_mut() {
            group.terms.push(entry);
        }
    }
    let mut context = listing_context(config, base, "glossary/");
    context.insert("groups", &groups);
    context.insert("term_count", &glossary.terms.len());
    let mut jobs = vec![Job {
        template: "glossary.html",
        url: "glossary/".into(),
        origin: "the glossary index".into(),
        context,
    }];
    for (id, term) in glossary.terms.iter().enumerate() {
        let article_link = |i: usize| {
            let a = &library.articles[i];
            Link { title: &a.meta.title, path: site_url(&config.base_url, &a.url, false) }
        };
        let page = TermPage {
            name: &term.name,
            slug: &term.slug,
            path: term_path(config, &term.slug),
            aliases: &term.aliases,
            definitions: term
                .definitions
                .iter()
                .map(|d| DefinitionView {
                    html: markdown::render(&d.text).html,
                    source: match d.source {
                        DefinitionSource::Site => None,
                        DefinitionSource::Article(i) => Some(article_link(i)),
                    },
                })
                .collect(),
            uses: backlinks[id]
                .iter()
                .map(|&(i, sentence)| {
                    let a = &library.articles[i];
                    Backlink {
                        title: &a.meta.title,
                        path: site_url(&config.base_url, &a.url, false),
                        date: a.meta.date.map(|d| d.to_iso()),
                        date_human: a.meta.date.map(|d| d.to_human(korean)),
                        sentence,
                    }
                })
                .collect(),
        };
        let url = format!("glossary/{}/", term.slug);
        let mut context = listing_context(config, base, &url);
        context.insert("term", &page);
        jobs.push(Job {
            template: "term.html",
            url,
            origin: format!("the page of term `{}`", term.name),
            context,
        });
    }
    jobs
}

/// The first sentence, at most 120 characters, for one-line summaries.
fn first_sentence(text: &str) -> String {
    let end = text.find(". ").map_or(text.len(), |i| i + 1);
    let sentence = &text[..end];
    if sentence.chars().count() <= 120 {
        sentence.to_owned()
    } else {
        sentence.chars().take(119).collect::<String>() + "…"
    }
}
