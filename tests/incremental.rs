//! Incremental rebuilds give exactly the site a full build gives.
//!
//! A [`Site`] is kept across a series of edits, as `gloss serve` keeps it; after each edit the
//! pages it holds (the first render plus every update) are compared, file by file, with a fresh
//! full render of the same files. A page missing from an update's dirty set shows up here as a
//! stale page.

mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;

use common::SiteTest;
use gloss::BuildOptions;
use gloss::pipeline::Site;

struct Session {
    site: Site,
    pages: BTreeMap<String, String>,
    test: SiteTest,
}

impl Session {
    fn start() -> Session {
        Session::start_with("")
    }

    /// A session on the basic fixture with `settings` appended to its `site.toml`.
    fn start_with(settings: &str) -> Session {
        let test = SiteTest::fixture("basic");
        test.append_config(settings);
        let mut site = Site::load(test.root(), &BuildOptions::default()).unwrap();
        let first = site.render(false).unwrap();
        let pages = first.changes.pages.into_iter().map(|p| (p.path, p.html)).collect();
        Session { site, pages, test }
    }

    fn path(&self, file: &str) -> PathBuf {
        self.site.root().join(file)
    }

    /// Replaces `from` by `to` in `file` (which must contain it) and rebuilds.
    fn edit(&mut self, file: &str, from: &str, to: &str) -> usize {
        let path = self.path(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "`{file}` has no `{from}`");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
        self.apply(&[path])
    }

    fn write(&mut self, file: &str, text: &str) -> usize {
        self.test.write(file, text);
        self.apply(&[self.path(file)])
    }

    fn remove(&mut self, file: &str) -> usize {
        std::fs::remove_file(self.path(file)).unwrap();
        self.apply(&[self.path(file)])
    }

    /// Applies an update and checks the result against a full render; returns pages rendered.
    fn apply(&mut self, changed: &[PathBuf]) -> usize {
        let update = self.site.update(changed).unwrap();
        for path in &update.changes.removed {
            assert!(self.pages.remove(path).is_some(), "removed `{path}` was never rendered");
        }
        let rendered = update.changes.pages.len();
        for page in update.changes.pages {
            self.pages.insert(page.path, page.html);
        }
        let mut fresh = Site::load(self.site.root(), &BuildOptions::default()).unwrap();
        let full: BTreeMap<String, String> = fresh
            .render(false)
            .unwrap()
            .changes
            .pages
            .into_iter()
            .map(|p| (p.path, p.html))
            .collect();
        let kept: Vec<&String> = self.pages.keys().collect();
        let expected: Vec<&String> = full.keys().collect();
        assert_eq!(kept, expected, "the incremental site has other pages than a full build");
        for (path, html) in &full {
            assert!(self.pages[path] == *html, "`{path}` is stale after an incremental rebuild");
        }
        rendered
    }
}

const MS: &str = "content/2025-08-17-ms-openai.md";
const STARGATE: &str = "content/world/2025-01-21-stargate.md";

#[test]
fn every_kind_of_edit_matches_a_full_build() {
    let mut s = Session::start();
    let total = s.pages.len();
    // A body edit renders few pages.
    let rendered = s.edit(MS, "is turning into", "is slowly turning into");
    assert!(rendered < total / 2, "a body edit rendered {rendered} of {total} pages");
    s.edit(MS, "title: \"MS and OpenAI", "title: \"Microsoft and OpenAI");
    s.edit(MS, "date: 2025-08-17T07:01:00+09:00", "date: 2023-01-02T07:01:00+09:00");
    s.edit(MS, "tags: [AI, Microsoft]", "tags: [AI, Cloud, 인공지능]");
    // A draft leaves every list and comes back; a body edit right after (patched in place).
    s.edit(MS, "title: \"", "draft: true\ntitle: \"");
    s.edit(MS, "draft: true\n", "");
    s.edit(MS, "is slowly turning into", "is quickly turning into");
    s.edit(MS, "definition: Artificial general intelligence.", "definition: AI as able as people.");
    s.edit(
        MS,
        "text: MS hires Mustafa Suleyman.",
        "text: MS hires Mustafa Suleyman for OpenAI work.",
    );
    s.edit("content/glossary.yaml", "An AI research company.", "The company behind ChatGPT.");
    s.edit("content/glossary.yaml", "- term: Stargate", "- term: Stargate project");
    s.edit("content/world/_index.md", "title: World", "title: 세계");
    s.edit(STARGATE, "\n---\n", "\n---\n\nAn added first paragraph with [[OpenAI]].\n\n");
    // A link by source file follows its target when the target's URL changes.
    s.edit(STARGATE, "\n---\n", "\n---\n\nSee [the essay](../에세이/2025-02-01-essay.md#top).\n\n");
    let essay = "/annotated/%EC%97%90%EC%84%B8%EC%9D%B4/%EC%B2%AB-%EC%97%90%EC%84%B8%EC%9D%B4/#top";
    assert!(s.pages["world/stargate/index.html"].contains(&format!("href=\"{essay}\"")));
    s.edit("content/에세이/2025-02-01-essay.md", "slug: 첫-에세이", "slug: essay-one");
    let essay = "/annotated/%EC%97%90%EC%84%B8%EC%9D%B4/essay-one/#top";
    assert!(s.pages["world/stargate/index.html"].contains(&format!("href=\"{essay}\"")));
    s.write(
        "content/world/2026-02-02-new.md",
        "---\ntitle: \"새 기사\"\ndate: 2026-02-02\ntags: [AI]\nglossary:\n  - term: MAI\n    \
         definition: Microsoft AI models.\ntimeline:\n  - date: 2026-01\n    text: MAI ships.\n---\n\
         MAI and AGI and OpenAI in one sentence.\n",
    );
    s.remove(STARGATE);
    let from = s.path("content/2025-05-15-hangul-slug.md");
    let to = s.path("content/에세이/2025-05-15-moved.md");
    std::fs::rename(&from, &to).unwrap();
    s.apply(&[from, to]);
    // Nothing changed: nothing is rendered.
    assert_eq!(s.apply(&[]), 0);
}

/// One event a timeline page: editing, adding and removing events moves others from page to
/// page, and every page that changed must be rendered again.
#[test]
fn events_moving_between_timeline_pages_match_a_full_build() {
    let mut s = Session::start_with("[timeline]\npaginate_by = 1");
    assert!(s.pages.contains_key("timeline/page/4/index.html"));
    s.edit(MS, "- date: 2024-03", "- date: 2026-03");
    s.edit(MS, "title: \"MS and OpenAI", "title: \"Microsoft and OpenAI");
    s.write(
        "content/world/2026-02-02-new.md",
        "---\ntitle: New\ndate: 2026-02-02\ntags: [AI]\ntimeline:\n  - date: 2023\n    \
         text: Before everything.\n  - date: 2025-06\n    text: In between.\n---\nBody.\n",
    );
    s.edit(MS, "tags: [AI, Microsoft]", "tags: [Microsoft]");
    s.remove(STARGATE);
    s.remove("content/world/2026-02-02-new.md");
}

/// `gloss build` renders in one pass that frees article bodies as it goes (`render_once`);
/// its files must be exactly the pages of the render that `serve` keeps.
#[test]
fn a_build_writes_exactly_the_pages_of_a_kept_render() {
    for settings in ["", "[timeline]\npaginate_by = 1"] {
        let s = Session::start_with(settings);
        let report = gloss::build(s.test.root(), &BuildOptions::default()).unwrap();
        assert_eq!(report.pages, s.pages.len(), "{settings}");
        for (path, html) in &s.pages {
            let built = std::fs::read_to_string(report.output.join(path)).unwrap();
            assert!(built == *html, "`{path}` differs between build and render ({settings})");
        }
    }
}

#[test]
fn a_failed_update_is_retried_whole_by_the_next() {
    let mut s = Session::start();
    let path = s.path(MS);
    let good = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, good.replacen("title:", "title: [broken", 1)).unwrap();
    let error = s.site.update(std::slice::from_ref(&path)).unwrap_err();
    let message = format!("{error:#}");
    assert!(message.contains("content/2025-08-17-ms-openai.md:3:"), "file and line: {message}");
    std::fs::write(&path, good.replacen("six-year alliance", "seven-year alliance", 1)).unwrap();
    s.apply(&[path]);
    assert!(s.pages["ms-openai/index.html"].contains("seven-year alliance"));
}

#[test]
fn a_template_change_rerenders_every_page() {
    let mut s = Session::start();
    let total = s.pages.len();
    let rendered = s.write(
        "templates/partials/article_card.html",
        "<article class=\"card\"><a href=\"{{ p.path }}\">{{ p.title }}</a></article>",
    );
    assert_eq!(rendered, total);
}
