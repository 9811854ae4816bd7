//! The glossary in the rendered site: linking terms in each article (body, captions, timeline),
//! the index at `/glossary/` and a page per term at `/glossary/<slug>/` with its definitions
//! and backlinks. Backlinks are gathered once per build from the articles' term uses.

use std::sync::Arc;

use serde::Serialize;

use super::Shared;
use super::page::{AsSeen, Covered, Page, PageContext};
use super::view::{Link, TermRef, script_json};
use crate::annotate::Annotated;
use crate::annotate::article::AnnotatedArticle;
use crate::annotate::glossary::{DefinitionSource, Glossary, index_group};
use crate::config::{Config, site_url};
use crate::markdown;

/// The terms an article uses, in order of first use, with the definitions its tooltips show.
pub(crate) fn terms_of<'a>(
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
    /// `DefinedTerm` structured data (schema.org JSON-LD), ready for a `<script>` element.
    json_ld: String,
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
pub(super) fn pages<'a>(site: &'a Annotated<'a>, link_hashes: &'a [u64]) -> Vec<Page<'a>> {
    let (config, glossary) = (site.config, site.glossary);
    let backlinks = backlinks(glossary, site.articles);
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
    let index = GlossaryIndex { groups: AsSeen(groups), term_count: glossary.terms.len() };
    let mut pages = vec![Page::new("glossary.html", "glossary/", "the glossary index", index)];
    for (id, uses) in backlinks.into_iter().enumerate() {
        pages.push(term_page(site, link_hashes, id, uses));
    }
    pages
}

/// `/glossary/`.
#[derive(Hash)]
struct GlossaryIndex<'a> {
    groups: AsSeen<Vec<IndexGroup<'a>>>,
    term_count: usize,
}

impl PageContext for GlossaryIndex<'_> {
    fn context(&self, shared: &Shared<'_>) -> tera::Context {
        let config = shared.config;
        let mut context = shared.context_at("glossary/");
        context.insert("groups", &self.groups.0);
        context.insert("term_count", &self.term_count);
        let terms: Vec<serde_json::Value> = self
            .groups
            .0
            .iter()
            .flat_map(|g| &g.terms)
            .map(|t| {
                // `path` already holds the base path: only the origin goes before it.
                let url = format!("{}{}", config.base_url.origin().ascii_serialization(), t.path);
                serde_json::json!({"@type": "DefinedTerm", "name": t.name, "url": url, "description": t.summary})
            })
            .collect();
        let mut set = defined_term_set(config);
        if let Some(object) = set.as_object_mut() {
            object.insert("@context".into(), "https://schema.org".into());
            object.insert("hasDefinedTerm".into(), terms.into());
        }
        context.insert("json_ld", &script_json(&set));
        context
    }
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

/// The inputs of a term's page. The view (paths, formatted dates, rendered definitions) is
/// built only when the page is rendered; the fingerprint hashes the model fields it shows.
#[derive(Hash)]
struct TermPageInputs<'a> {
    name: &'a str,
    slug: &'a str,
    aliases: &'a [String],
    /// Each definition's text hash, and the link of the article giving it.
    definitions: Vec<(u64, Option<u64>)>,
    /// Each backlink's article link hash and sentence hash.
    backlinks: Vec<(u64, u64)>,
    /// Read for the term's definitions (covered by `definitions`) and the articles of its
    /// backlinks (covered by `backlinks`).
    site: Covered<(&'a Annotated<'a>, usize, Vec<Use<'a>>)>,
}

fn term_page<'a>(
    site: &'a Annotated<'a>,
    link_hashes: &'a [u64],
    id: usize,
    uses: Vec<Use<'a>>,
) -> Page<'a> {
    let term = &site.glossary.terms[id];
    let definitions = term
        .definitions
        .iter()
        .map(|d| {
            let source = match d.source {
                DefinitionSource::Site => None,
                DefinitionSource::Article(i) => Some(link_hashes[i]),
            };
            (d.text_hash, source)
        })
        .collect();
    let backlinks = uses.iter().map(|&(i, _, sentence)| (link_hashes[i], sentence)).collect();
    let inputs = TermPageInputs {
        name: &term.name,
        slug: &term.slug,
        aliases: &term.aliases,
        definitions,
        backlinks,
        site: Covered((site, id, uses)),
    };
    let url = format!("glossary/{}/", term.slug);
    Page::new("term.html", url, format!("the page of term `{}`", term.name), inputs)
}

impl PageContext for TermPageInputs<'_> {
    fn context(&self, shared: &Shared<'_>) -> tera::Context {
        let (site, id, uses) = &self.site.0;
        let page = term_view(site, *id, uses);
        let mut context = shared.context_at(&format!("glossary/{}/", page.slug));
        context.insert("term", &page);
        context
    }
}

/// The site glossary as schema.org's `DefinedTermSet`.
fn defined_term_set(config: &Config) -> serde_json::Value {
    let name = if config.is_korean() { "용어 사전" } else { "Glossary" };
    serde_json::json!({
        "@type": "DefinedTermSet",
        "name": format!("{} · {name}", config.title),
        "url": site_url(&config.base_url, "glossary/", true),
    })
}

/// A term as schema.org's `DefinedTerm`, in the site's `DefinedTermSet`.
fn defined_term(config: &Config, term: &crate::annotate::glossary::Term) -> String {
    let mut value = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "DefinedTerm",
        "name": term.name,
        "url": site_url(&config.base_url, &format!("glossary/{}/", term.slug), true),
        "inDefinedTermSet": defined_term_set(config),
    });
    if let Some(object) = value.as_object_mut() {
        if let Some(definition) = term.definitions.first() {
            object.insert("description".into(), definition.plain.clone().into());
        }
        if !term.aliases.is_empty() {
            object.insert("alternateName".into(), term.aliases.clone().into());
        }
    }
    script_json(&value)
}

fn term_view<'a>(site: &'a Annotated<'a>, id: usize, uses: &[Use<'a>]) -> TermPage<'a> {
    let (config, library) = (site.config, site.library);
    let korean = config.is_korean();
    let term = &site.glossary.terms[id];
    let article_link = |i: usize| {
        let a = &library.articles[i];
        Link { title: &a.meta.title, path: site_url(&config.base_url, &a.url, false) }
    };
    TermPage {
        json_ld: defined_term(config, term),
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
            .iter()
            .map(|&(i, sentence, _)| {
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
