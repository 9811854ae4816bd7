//! Glossary annotation: the site's terms, gathered from `content/glossary.yaml` and every
//! article's front matter, found in article text and linked to their term pages.
//!
//! One [`Glossary`] is built per build. The same term defined by several sources is one term
//! (names compared case-insensitively after NFC normalisation) carrying every definition with
//! where it came from. [`link`] rewrites an article's Markdown events; it never sees Tera.

pub mod link;
pub mod matcher;

use std::collections::HashMap;

use rustc_hash::FxHashMap;

use unicode_normalization::UnicodeNormalization;

use crate::config::GlossaryConfig;
use crate::content::front_matter::GlossaryEntry;
use crate::content::{Article, sort_key};
use crate::hash::hash_of;
use crate::slug::slugify;
use matcher::{Matcher, TermPattern};

/// Where a definition comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DefinitionSource {
    /// `content/glossary.yaml`.
    Site,
    /// The front matter of the article with this index in `Library::articles`.
    Article(usize),
}

/// One definition of a term.
#[derive(Debug, Clone)]
pub struct Definition {
    /// Markdown.
    pub text: String,
    /// The same as plain text, for tooltips and one-line summaries (computed once per build,
    /// not once per linked occurrence).
    pub plain: String,
    /// Its source.
    pub source: DefinitionSource,
    /// A hash of `text`, so a rebuild can compare definitions without reading them.
    pub text_hash: u64,
    /// A hash of `plain`: what a tooltip shows. A rebuild checks every cached article's
    /// tooltips against these, so they are computed once per glossary, not once per check.
    pub plain_hash: u64,
}

/// A glossary term.
#[derive(Debug, Clone)]
pub struct Term {
    /// The name as first written.
    pub name: String,
    /// URL slug of its page, `glossary/<slug>/`.
    pub slug: String,
    /// Other spellings.
    pub aliases: Vec<String>,
    /// Every definition: the site glossary's first, then articles' from the oldest.
    pub definitions: Vec<Definition>,
}

/// All terms of the site, with the matcher that finds them.
#[derive(Debug, Clone)]
pub struct Glossary {
    /// Terms in Korean index order (Hangul ㄱㄴㄷ, then Latin A–Z).
    pub terms: Vec<Term>,
    matcher: Matcher,
    by_name: HashMap<String, usize>,
    excluded: Vec<bool>,
    signature: u64,
    /// (term id, article index) → position in that term's definitions, for an article's own
    /// definition. A popular term has thousands of definitions; this avoids scanning them.
    own_definitions: FxHashMap<(usize, usize), usize>,
}

/// A hash of everything that decides where links go: names, aliases, slugs, case rules and
/// exclusions (not definitions). Term ids are positions in the sorted term list, so equal
/// signatures also mean equal ids.
fn matching_signature(terms: &[Term], case_rules: &[Option<bool>], excluded: &[bool]) -> u64 {
    let names: Vec<_> = terms.iter().map(|t| (&t.name, &t.slug, &t.aliases)).collect();
    hash_of(&(names, case_rules, excluded))
}

fn key(name: &str) -> String {
    name.nfc().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

impl Glossary {
    /// Gathers the terms of the site glossary and of every article. `articles` are newest first.
    pub fn build(
        site: &[GlossaryEntry],
        articles: &[std::sync::Arc<Article>],
        config: &GlossaryConfig,
        transliterate: bool,
    ) -> Glossary {
        let mut terms: Vec<Term> = Vec::new();
        let mut case_rules: Vec<Option<bool>> = Vec::new();
        let mut by_name: HashMap<String, usize> = HashMap::new();
        let sources = site.iter().map(|e| (e, DefinitionSource::Site)).chain(
            articles.iter().enumerate().rev().flat_map(|(i, a)| {
                a.meta.glossary.iter().map(move |e| (e, DefinitionSource::Article(i)))
            }),
        );
        for (entry, source) in sources {
            let name = entry.term.trim();
            if name.is_empty() {
                continue;
            }
            let id = match by_name.get(&key(name)) {
                Some(&id) => id,
                None => {
                    terms.push(Term {
                        name: name.to_owned(),
                        slug: String::new(),
                        aliases: Vec::new(),
                        definitions: Vec::new(),
                    });
                    case_rules.push(entry.case_sensitive);
                    terms.len() - 1
                }
            };
            by_name.insert(key(name), id);
            for alias in &entry.aliases {
                if !alias.trim().is_empty()
                    && !terms[id].aliases.iter().any(|a| key(a) == key(alias))
                {
                    terms[id].aliases.push(alias.trim().to_owned());
                }
                by_name.entry(key(alias)).or_insert(id);
            }
            if !entry.definition.trim().is_empty() {
                let text = entry.definition.trim().to_owned();
                let plain = crate::markdown::text::one_line(&text);
                terms[id].definitions.push(Definition {
                    plain_hash: hash_of(&plain),
                    plain,
                    text_hash: hash_of(&text),
                    text,
                    source,
                });
            }
        }
        // Sort in index order, keeping ids consistent.
        let mut order: Vec<usize> = (0..terms.len()).collect();
        order.sort_by_cached_key(|&i| sort_key(&terms[i].name));
        let mut remap = vec![0; terms.len()];
        for (new, &old) in order.iter().enumerate() {
            remap[old] = new;
        }
        let mut sorted: Vec<Option<Term>> = terms.into_iter().map(Some).collect();
        let mut terms: Vec<Term> = order.iter().filter_map(|&old| sorted[old].take()).collect();
        let case_rules: Vec<Option<bool>> = order.iter().map(|&old| case_rules[old]).collect();
        let by_name: HashMap<String, usize> =
            by_name.into_iter().map(|(k, old)| (k, remap[old])).collect();
        assign_slugs(&mut terms, transliterate);
        let excluded_keys: Vec<String> = config.exclude.iter().map(|e| key(e)).collect();
        let excluded: Vec<bool> = terms
            .iter()
            .map(|t| {
                std::iter::once(&t.name).chain(&t.aliases).any(|n| excluded_keys.contains(&key(n)))
            })
            .collect();
        let patterns = terms
            .iter()
            .enumerate()
            .flat_map(|(id, term)| {
                let case = case_rules[id];
                std::iter::once(&term.name)
                    .chain(&term.aliases)
                    .map(move |n| TermPattern::new(id, n.clone(), case))
            })
            .collect();
        let signature = matching_signature(&terms, &case_rules, &excluded);
        let mut own_definitions = FxHashMap::default();
        for (id, term) in terms.iter().enumerate() {
            for (position, definition) in term.definitions.iter().enumerate() {
                if let DefinitionSource::Article(article) = definition.source {
                    own_definitions.entry((id, article)).or_insert(position);
                }
            }
        }
        let matcher = Matcher::new(patterns);
        Glossary { terms, matcher, by_name, excluded, signature, own_definitions }
    }

    /// Equal for two glossaries that link the same words to the same term pages, so an article
    /// linked with one is linked the same with the other (definitions aside).
    pub fn matching_signature(&self) -> u64 {
        self.signature
    }

    /// The term with this name or alias (case-insensitive), for `[[term]]` links.
    pub fn find(&self, name: &str) -> Option<usize> {
        self.by_name.get(&key(name)).copied()
    }

    /// Whether `[glossary] exclude` names this term.
    pub fn is_excluded(&self, id: usize) -> bool {
        self.excluded.get(id).copied().unwrap_or(false)
    }

    /// The matcher over every name and alias.
    pub fn matcher(&self) -> &Matcher {
        &self.matcher
    }

    /// The definition shown in a tooltip inside `article`, as plain text: the article's own,
    /// else the site glossary's, else the oldest article's.
    pub fn definition_for(&self, id: usize, article: Option<usize>) -> &str {
        self.tooltip_definition(id, article).map_or("", |d| d.plain.as_str())
    }

    /// A hash of [`Glossary::definition_for`], without hashing it again.
    pub fn definition_hash_for(&self, id: usize, article: Option<usize>) -> u64 {
        self.tooltip_definition(id, article).map_or(0, |d| d.plain_hash)
    }

    fn tooltip_definition(&self, id: usize, article: Option<usize>) -> Option<&Definition> {
        let term = &self.terms[id];
        let own = article
            .and_then(|a| self.own_definitions.get(&(id, a)))
            .and_then(|&position| term.definitions.get(position));
        own.or_else(|| term.definitions.first())
    }
}

/// Slugs from names; a collision (two names with one slug) gets `-2`, `-3`.
fn assign_slugs(terms: &mut [Term], transliterate: bool) {
    let mut used: HashMap<String, usize> = HashMap::new();
    for term in terms.iter_mut() {
        let mut base = slugify(&term.name, transliterate);
        if base.is_empty() {
            base = "term".to_owned();
        }
        let count = used.entry(base.clone()).or_insert(0);
        *count += 1;
        term.slug = if *count == 1 { base } else { format!("{base}-{count}") };
    }
}

/// The index heading a term is listed under: the initial consonant of a Hangul syllable
/// (ㄱ for 가–깋, with tense consonants under their plain ones as dictionaries do), an
/// uppercase Latin letter, or `#`.
pub fn index_group(name: &str) -> String {
    const INITIALS: [char; 19] = [
        'ㄱ', 'ㄲ', 'ㄴ', 'ㄷ', 'ㄸ', 'ㄹ', 'ㅁ', 'ㅂ', 'ㅃ', 'ㅅ', 'ㅆ', 'ㅇ', 'ㅈ', 'ㅉ', 'ㅊ',
        'ㅋ', 'ㅌ', 'ㅍ', 'ㅎ',
    ];
    let Some(first) = name.trim().chars().next() else { return "#".to_owned() };
    if ('\u{AC00}'..='\u{D7A3}').contains(&first) {
        let initial = INITIALS[((first as u32 - 0xAC00) / 588) as usize];
        let plain = match initial {
            'ㄲ' => 'ㄱ',
            'ㄸ' => 'ㄷ',
            'ㅃ' => 'ㅂ',
            'ㅆ' => 'ㅅ',
            'ㅉ' => 'ㅈ',
            other => other,
        };
        return plain.to_string();
    }
    if first.is_ascii_alphabetic() {
        return first.to_ascii_uppercase().to_string();
    }
    "#".to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::front_matter::FrontMatter;

    fn entry(term: &str, definition: &str) -> GlossaryEntry {
        GlossaryEntry {
            term: term.into(),
            definition: definition.into(),
            aliases: Vec::new(),
            case_sensitive: None,
        }
    }

    fn article(glossary: Vec<GlossaryEntry>) -> std::sync::Arc<Article> {
        std::sync::Arc::new(Article {
            file: "content/a.md".into(),
            section: None,
            slug: "a".into(),
            url: "a/".into(),
            meta: FrontMatter { title: "a".into(), glossary, ..Default::default() },
            body: String::new(),
            body_line: 1,
            source_hash: 0,
            meta_hash: 0,
            tag_slugs: Vec::new(),
            listed_at: None,
        })
    }

    fn config() -> GlossaryConfig {
        GlossaryConfig {
            autolink: true,
            link: crate::config::LinkMode::First,
            exclude: vec!["API".into()],
            paginate_by: 200,
        }
    }

    #[test]
    fn one_term_from_several_sources_keeps_every_definition() {
        let site = vec![GlossaryEntry {
            aliases: vec!["범용인공지능".into()],
            ..entry("AGI", "사이트 정의")
        }];
        let articles = vec![
            article(vec![entry("agi", "새 기사 정의")]),
            article(vec![entry("AGI", "옛 기사 정의"), entry("API", "인터페이스")]),
        ];
        let glossary = Glossary::build(&site, &articles, &config(), false);
        let agi = glossary.find("범용인공지능").unwrap();
        assert_eq!(glossary.find("Agi"), Some(agi));
        let sources: Vec<_> = glossary.terms[agi].definitions.iter().map(|d| d.source).collect();
        assert_eq!(
            sources,
            vec![
                DefinitionSource::Site,
                DefinitionSource::Article(1),
                DefinitionSource::Article(0)
            ]
        );
        assert_eq!(
            glossary.definition_for(agi, Some(0)),
            "새 기사 정의",
            "inside an article, its own"
        );
        assert_eq!(glossary.definition_for(agi, None), "사이트 정의", "elsewhere, the site's");
        assert!(glossary.is_excluded(glossary.find("API").unwrap()));
    }

    #[test]
    fn terms_sort_hangul_first_and_get_slugs() {
        let site =
            vec![entry("API", "a"), entry("생각 사슬", "b"), entry("가상", "c"), entry("agi", "d")];
        let glossary = Glossary::build(&site, &[], &config(), false);
        let names: Vec<&str> = glossary.terms.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, vec!["가상", "생각 사슬", "agi", "API"]);
        assert_eq!(glossary.terms[1].slug, "생각-사슬");
        assert_eq!(glossary.find("생각 사슬"), Some(1));
    }

    #[test]
    fn index_groups() {
        assert_eq!(index_group("생각 사슬"), "ㅅ");
        assert_eq!(index_group("까치"), "ㄱ");
        assert_eq!(index_group("api"), "A");
        assert_eq!(index_group("5G"), "#");
    }
}
