//! The glossary in the rendered site: linking terms in each article (body, captions, timeline),
//! the index at `/glossary/` and a page per term at `/glossary/<slug>/` with its definitions
//! and backlinks. Backlinks are gathered once per build from the articles' term uses.

use std::sync::Arc;

use serde::Serialize;

use super::annotated::AnnotatedArticle;
use super::fingerprint::Fingerprint;
use super::markdown;
use super::templates::site_url;
use super::view::{Link, TermRef};
use super::{Inputs, Job, listing_context};
use crate::annotate::glossary::{DefinitionSource, Glossary, index_group};
use crate::config::Config;

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
pub(super) fn jobs<'a>(inputs: &'a Inputs<'a>) -> Vec<Job<'a>> {
    let (config, glossary) = (inputs.config, inputs.glossary);
    let backlinks = backlinks(glossary, inputs.annotated);
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
    let fingerprint = Fingerprint::new("glossary.html", inputs.global).view(&groups).finish();
    let mut jobs = vec![Job {
        template: "glossary.html",
        url: "glossary/".into(),
        origin: "the glossary index".into(),
        fingerprint,
        verbatim: None,
        context: Box::new(move || {
            let mut context = listing_context(config, &inputs.base, "glossary/");
            context.insert("groups", &groups);
            context.insert("term_count", &glossary.terms.len());
            context
        }),
    }];
    for (id, uses) in backlinks.into_iter().enumerate() {
        jobs.push(term_job(inputs, id, uses));
    }
    jobs
}

/// One article using a term: its index, the sentence, and the sentence's hash.
type Use<'a> = (usize, &'a str, u64);

/// For each term, the articles using it.
fn backlinks<'a>(glossary: &Glossary, annotated: &'a [Arc<AnnotatedArticle>]) -> Vec<Vec<Use<'a>>> {
    let mut backlinks: Vec<Vec<Use<'a>>> = vec![Vec::new(); glossary.terms.len()];
    for (index, article) in annotated.iter().enumerate() {
        for (term_use, &hash) in article.uses.iter().zip(&article.use_hashes) {
            backlinks[term_use.term].push((index, &term_use.sentence, hash));
        }
    }
    backlinks
}

/// A term's page. The fingerprint hashes the model fields the page shows; the view (paths,
/// formatted dates, rendered definitions) is built only when the page is rendered.
fn term_job<'a>(inputs: &'a Inputs<'a>, id: usize, uses: Vec<Use<'a>>) -> Job<'a> {
    let term = &inputs.glossary.terms[id];
    let definitions: Vec<(u64, Option<u64>)> = term
        .definitions
        .iter()
        .map(|d| {
            let source = match d.source {
                DefinitionSource::Site => None,
                DefinitionSource::Article(i) => Some(inputs.library.articles[i].link_hash),
            };
            (d.text_hash, source)
        })
        .collect();
    let backlinks: Vec<(u64, u64)> = uses
        .iter()
        .map(|&(i, _, sentence)| (inputs.library.articles[i].link_hash, sentence))
        .collect();
    let url = format!("glossary/{}/", term.slug);
    let fingerprint = Fingerprint::new("term.html", inputs.global)
        .add(&(&term.name, &term.slug, &term.aliases))
        .add(&definitions)
        .add(&backlinks)
        .finish();
    Job {
        template: "term.html",
        origin: format!("the page of term `{}`", term.name).into(),
        fingerprint,
        verbatim: None,
        context: Box::new(move || {
            let page = term_page(inputs, id, uses);
            let mut context = listing_context(inputs.config, &inputs.base, &page_url(&page));
            context.insert("term", &page);
            context
        }),
        url: url.into(),
    }
}

fn term_page<'a>(inputs: &'a Inputs<'a>, id: usize, uses: Vec<Use<'a>>) -> TermPage<'a> {
    let (config, library) = (inputs.config, inputs.library);
    let korean = config.is_korean();
    let term = &inputs.glossary.terms[id];
    let article_link = |i: usize| {
        let a = &library.articles[i];
        Link { title: &a.meta.title, path: site_url(&config.base_url, &a.url, false) }
    };
    TermPage {
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
        uses: uses
            .into_iter()
            .map(|(i, sentence, _)| {
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
    }
}

fn page_url(page: &TermPage<'_>) -> String {
    format!("glossary/{}/", page.slug)
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
