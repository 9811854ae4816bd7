//! Snapshots of the default theme's pages, built from the `basic` fixture site. A change to a
//! template or to what the engine gives templates shows up here as a reviewable diff
//! (`cargo insta review`).

mod common;

use common::SiteTest;

#[test]
fn default_theme_pages() {
    let site = SiteTest::fixture("basic");
    site.build_ok();
    for (name, url) in [
        ("home", ""),
        ("home_page_2", "page/2/"),
        ("article", "ms-openai/"),
        ("article_hangul", "생각-사슬/"),
        ("section", "world/"),
        ("tags", "tags/"),
        ("tag", "tags/ai/"),
        ("not_found", "404.html"),
        ("glossary", "glossary/"),
        ("term", "glossary/agi/"),
        ("timeline", "timeline/"),
        ("atom", "atom.xml"),
        ("tag_atom", "tags/ai/atom.xml"),
        ("sitemap", "sitemap.xml"),
        ("robots", "robots.txt"),
    ] {
        insta::assert_snapshot!(name, site.read(url));
    }
}
