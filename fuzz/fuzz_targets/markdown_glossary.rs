//! Arbitrary Markdown rendered with glossary linking (Korean and Latin terms, aliases).
#![no_main]
use std::sync::OnceLock;

use gloss::annotate::glossary::Glossary;
use gloss::annotate::glossary::link::Linker;
use gloss::config::{GlossaryConfig, LinkMode};
use gloss::content::front_matter::GlossaryEntry;
use libfuzzer_sys::fuzz_target;

fn glossary() -> &'static Glossary {
    static GLOSSARY: OnceLock<Glossary> = OnceLock::new();
    GLOSSARY.get_or_init(|| {
        let entry = |term: &str, aliases: &[&str]| GlossaryEntry {
            term: term.into(),
            definition: format!("The **definition** of {term}."),
            aliases: aliases.iter().map(|a| (*a).to_owned()).collect(),
            case_sensitive: None,
        };
        let site = vec![
            entry("생각 사슬", &["CoT", "chain-of-thought"]),
            entry("AGI", &["범용인공지능"]),
            entry("API", &[]),
            entry("오픈AI", &["OpenAI"]),
        ];
        let config = GlossaryConfig { autolink: true, link: LinkMode::All, exclude: vec![], paginate_by: 200 };
        Glossary::build(&site, &[], &config, false)
    })
}

fuzz_target!(|text: &str| {
    let mut linker = Linker::new(glossary(), None, "/glossary/", "b", true, true);
    let _ = gloss::markdown::render_annotated(text, &mut linker);
});
