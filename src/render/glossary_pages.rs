//! The glossary in the rendered site: linking terms in each article (body, captions, timeline),
//! the index at `/glossary/` and a page per term at `/glossary/<slug>/` with its definitions
//! and backlinks. Backlinks are gathered once per build from the articles' term uses.

use std::sync::Arc;

use serde::Serialize;

use super::Shared;
use super::page::{AsSeen, Covered, Page, PageContext};
use super::view::{Link, PageNav, TermRef, page_url, script_json};
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
    /// The articles using the term listed on this page.
    uses: Vec<Backlink<'a>>,
    /// The articles using the term, on all its pages.
    use_count: usize,
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
    /// The year of the article, when it is the first of its year on the page: the anchor
    /// (`#year-2024`) the year index links to.
    year_starts: Option<i32>,
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
        pages.extend(term_pages(site, link_hashes, id, uses));
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

/// The inputs of one page of a term. The view (paths, formatted dates, rendered definitions)
/// is built only when the page is rendered; the fingerprint hashes the model fields it shows.
#[derive(Hash)]
struct TermPageInputs<'a> {
    name: &'a str,
    slug: &'a str,
    aliases: &'a [String],
    /// Each definition's text hash, and the link of the article giving it.
    definitions: Vec<(u64, Option<u64>)>,
    /// Each backlink on the page: its article's link hash and its sentence hash.
    backlinks: Vec<(u64, u64)>,
    /// Which page of how many, and the articles using the term on all pages.
    number: usize,
    total: usize,
    use_count: usize,
    /// The years of the backlinks, each linked to the page where it starts.
    years: Arc<Vec<YearLink>>,
    /// Read for the term's definitions (covered by `definitions`) and the articles of the
    /// backlinks on the page (covered by `backlinks`).
    site: Covered<(&'a Annotated<'a>, usize, Vec<Use<'a>>)>,
}

/// A year in the index of a term's pages: where its first backlink is.
#[derive(Debug, Serialize, Hash)]
struct YearLink {
    year: i32,
    label: String,
    path: String,
}

/// A term's pages: `[glossary] paginate_by` articles using it on each, page 1 at
/// `glossary/<slug>/`, page n at `glossary/<slug>/page/n/`, with an index of years. At 100,000
/// articles one page of every use was 17 MB of HTML, which no phone opens.
fn term_pages<'a>(
    site: &'a Annotated<'a>,
    link_hashes: &'a [u64],
    id: usize,
    uses: Vec<Use<'a>>,
) -> Vec<Page<'a>> {
    let config = site.config;
    let term = &site.glossary.terms[id];
    let url = format!("glossary/{}/", term.slug);
    let per_page = config.glossary.paginate_by.max(1);
    let total = uses.len().div_ceil(per_page).max(1);
    let years = Arc::new(term_years(site, &uses, per_page, &url));
    let definitions: Vec<(u64, Option<u64>)> = term
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
    let use_count = uses.len();
    let mut chunks: Vec<Vec<Use<'a>>> = uses.chunks(per_page).map(<[Use<'a>]>::to_vec).collect();
    if chunks.is_empty() {
        chunks.push(Vec::new());
    }
    chunks
        .into_iter()
        .enumerate()
        .map(|(i, on_page)| {
            let number = i + 1;
            let backlinks =
                on_page.iter().map(|&(a, _, sentence)| (link_hashes[a], sentence)).collect();
            let inputs = TermPageInputs {
                name: &term.name,
                slug: &term.slug,
                aliases: &term.aliases,
                definitions: definitions.clone(),
                backlinks,
                number,
                total,
                use_count,
                years: Arc::clone(&years),
                site: Covered((site, id, on_page)),
            };
            let origin = if number == 1 {
                format!("the page of term `{}`", term.name)
            } else {
                format!("the page of term `{}` (page {number})", term.name)
            };
            Page::new("term.html", page_url(&url, number), origin, inputs)
        })
        .collect()
}

/// Each year of a term's backlinks (newest first, as the articles are), linked to the page
/// and anchor where it starts.
fn term_years(site: &Annotated<'_>, uses: &[Use<'_>], per_page: usize, url: &str) -> Vec<YearLink> {
    let config = site.config;
    let mut years: Vec<YearLink> = Vec::new();
    for (n, &(i, _, _)) in uses.iter().enumerate() {
        let Some(date) = site.library.articles[i].meta.date else { continue };
        let year = chrono::Datelike::year(&date.day());
        if years.iter().any(|y| y.year == year) {
            continue;
        }
        let path = site_url(&config.base_url, &page_url(url, n / per_page + 1), false);
        years.push(YearLink {
            year,
            label: crate::date::PartialDate::Year(year).to_human(config.is_korean()),
            path: format!("{path}#year-{year}"),
        });
    }
    years
}

impl PageContext for TermPageInputs<'_> {
    fn context(&self, shared: &Shared<'_>) -> tera::Context {
        let config = shared.config;
        let (site, id, uses) = &self.site.0;
        let mut page = term_view(site, *id, uses);
        page.use_count = self.use_count;
        let first = format!("glossary/{}/", page.slug);
        let mut context = shared.context_at(&page_url(&first, self.number));
        context.insert("term", &page);
        context.insert("paginator", &PageNav::new(config, &first, self.number, self.total));
        context.insert("year_index", &*self.years);
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
        uses: {
            let mut seen_years = Vec::new();
            uses.iter()
                .map(|&(i, sentence, _)| {
                    let a = &library.articles[i];
                    let year = a.meta.date.map(|d| chrono::Datelike::year(&d.day()));
                    let year_starts = year.filter(|y| !seen_years.contains(y));
                    seen_years.extend(year_starts);
                    Backlink {
                        title: &a.meta.title,
                        path: site_url(&config.base_url, &a.url, false),
                        date: a.meta.date.map(|d| d.to_iso()),
                        date_human: a.meta.date.map(|d| d.to_human(korean)),
                        sentence,
                        year_starts,
                    }
                })
                .collect()
        },
        use_count: uses.len(),
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
