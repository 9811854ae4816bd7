//! `gloss init DIR`: a new site that builds as it is, using the built-in theme.

use std::path::Path;

use anyhow::{Context, Result, bail};

const SITE_TOML: &str = r#"# gloss site configuration. Every key is documented in gloss's README.
title = "My annotated archive"
# The address the site is published at. For a GitHub Pages project site use
# "https://USER.github.io/REPO/".
base_url = "https://example.com/"
# The language of the site: <html lang>, date formats and labels ("ko" or "en").
language = "ko"
description = "주석을 단 기사 모음"
# The archive's editor: feeds name them for an article that names no author or source.
author = "{author}"
# Articles per listing page.
paginate_by = 10
"#;

const FIRST_ARTICLE: &str = r#"---
title: 첫 번째 기사
date: 2025-01-01
authors: [gloss]
summary: |
  gloss로 만든 첫 기사입니다.
  이 파일을 고치거나 `gloss import`로 기사를 가져오세요.
tags: [시작]
---

이 기사는 `gloss init`이 만들었습니다. `content/` 폴더의 Markdown 파일 하나가 기사 하나입니다.

## 다음 단계

- `gloss build`로 사이트를 `public/`에 만듭니다.
- 머리말(front matter)의 필드는 README를 보세요.
"#;

const GITIGNORE: &str = "/public/\n";

/// Where the workflow installs gloss from. gloss is built from its git repository: the name
/// `gloss` on crates.io belongs to an unrelated crate.
const GLOSS_REPOSITORY: &str = match option_env!("CARGO_PKG_REPOSITORY") {
    Some(repository) if !repository.is_empty() => repository,
    _ => PLACEHOLDER_REPOSITORY,
};
const PLACEHOLDER_REPOSITORY: &str = "https://github.com/OWNER/gloss";

/// The GitHub Pages workflow: build with gloss, deploy with the official Pages actions.
fn pages_workflow() -> String {
    format!(
        r#"# Builds the site with gloss and publishes it on GitHub Pages.
# Once: in the repository's Settings → Pages, set "Source" to "GitHub Actions".
name: Deploy to GitHub Pages

on:
  push:
    branches: [main]
  workflow_dispatch:

permissions:
  contents: read
  pages: write
  id-token: write

# One deployment at a time; a newer push waits instead of cancelling one in progress.
concurrency:
  group: pages
  cancel-in-progress: false

env:
  # The git repository gloss is installed from, and the tag of the version to install.
  GLOSS_REPOSITORY: "{GLOSS_REPOSITORY}"
  GLOSS_REF: "v{version}"

jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - name: Check out the site
        uses: actions/checkout@v4
      - name: Configure Pages
        id: pages
        uses: actions/configure-pages@v5
      - name: Cache gloss
        uses: actions/cache@v4
        with:
          path: ~/.cargo/bin/gloss
          key: gloss-${{{{ env.GLOSS_REF }}}}-${{{{ runner.os }}}}
      - name: Install gloss
        run: |
          if [ "$GLOSS_REPOSITORY" = "{PLACEHOLDER_REPOSITORY}" ]; then
            echo "::error::Set GLOSS_REPOSITORY in .github/workflows/pages.yml to gloss's git repository"
            exit 1
          fi
          command -v gloss || cargo install --locked --git "$GLOSS_REPOSITORY" --tag "$GLOSS_REF" gloss
      - name: Build the site
        # The base URL GitHub gives the site: https://USER.github.io/REPO for a project site,
        # or the custom domain.
        run: gloss build --base-url "${{{{ steps.pages.outputs.base_url }}}}/"
      - name: Upload the site
        uses: actions/upload-pages-artifact@v3
        with:
          path: public

  deploy:
    needs: build
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: ${{{{ steps.deployment.outputs.page_url }}}}
    steps:
      - name: Deploy to GitHub Pages
        id: deployment
        uses: actions/deploy-pages@v4
"#,
        version = env!("CARGO_PKG_VERSION"),
    )
}

const TEMPLATES_README: &str = "Put a template here with the name of a built-in one \
(base.html, article.html, index.html, section.html, tags.html, tag.html, 404.html, \
partials/article_card.html, partials/pagination.html) to replace it.\n";

/// Creates the site; refuses to touch a folder that already holds one.
/// The new site's author: the name git knows the user by, else the login name, else a
/// placeholder. Feeds must name an author (RFC 4287), and an empty one named nobody.
fn site_author() -> String {
    let from_git = std::process::Command::new("git")
        .args(["config", "--get", "user.name"])
        .output()
        .ok()
        .filter(|out| out.status.success())
        .map(|out| String::from_utf8_lossy(&out.stdout).trim().to_owned());
    from_git
        .filter(|name| !name.is_empty())
        .or_else(|| std::env::var("USER").ok().filter(|n| !n.trim().is_empty()))
        .or_else(|| std::env::var("USERNAME").ok().filter(|n| !n.trim().is_empty()))
        .unwrap_or_else(|| "The editors".to_owned())
}

/// Text as the inside of a TOML basic string.
fn toml_string(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control())
        .flat_map(|c| match c {
            '"' | '\\' => vec!['\\', c],
            c => vec![c],
        })
        .collect()
}

pub fn run(dir: &Path) -> Result<()> {
    if dir.join(crate::config::CONFIG_FILE).exists() || dir.join("content").exists() {
        bail!(
            "`{}` already holds a site (site.toml or content/); choose an empty folder",
            dir.display()
        );
    }
    let workflow = pages_workflow();
    let site_toml = SITE_TOML.replace("{author}", &toml_string(&site_author()));
    let files: [(&str, &str); 5] = [
        ("site.toml", &site_toml),
        ("content/first-article.md", FIRST_ARTICLE),
        ("templates/README.md", TEMPLATES_README),
        (".gitignore", GITIGNORE),
        (".github/workflows/pages.yml", &workflow),
    ];
    for (path, text) in files {
        let path = dir.join(path);
        if path.exists() {
            bail!("`{}` exists already; not overwriting it", path.display());
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create `{}`", parent.display()))?;
        }
        std::fs::write(&path, text)
            .with_context(|| format!("cannot write `{}`", path.display()))?;
    }
    let static_dir = dir.join("static");
    std::fs::create_dir_all(&static_dir)
        .with_context(|| format!("cannot create `{}`", static_dir.display()))?;
    eprintln!(
        "Created a new site in `{}`. Build it with: gloss build --root {}",
        dir.display(),
        dir.display()
    );
    eprintln!(
        "To publish on GitHub Pages, push it to GitHub and set Settings → Pages → Source to \
         \"GitHub Actions\" (.github/workflows/pages.yml builds and deploys it)."
    );
    if GLOSS_REPOSITORY == PLACEHOLDER_REPOSITORY {
        eprintln!(
            "Note: set GLOSS_REPOSITORY in .github/workflows/pages.yml to the git repository \
             gloss is installed from."
        );
    }
    Ok(())
}
