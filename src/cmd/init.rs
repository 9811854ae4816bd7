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
author = ""
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

const TEMPLATES_README: &str = "Put a template here with the name of a built-in one \
(base.html, article.html, index.html, section.html, tags.html, tag.html, 404.html, \
partials/article_card.html, partials/pagination.html) to replace it.\n";

/// Creates the site; refuses to touch a folder that already holds one.
pub fn run(dir: &Path) -> Result<()> {
    if dir.join(crate::config::CONFIG_FILE).exists() || dir.join("content").exists() {
        bail!(
            "`{}` already holds a site (site.toml or content/); choose an empty folder",
            dir.display()
        );
    }
    let files: [(&str, &str); 4] = [
        ("site.toml", SITE_TOML),
        ("content/first-article.md", FIRST_ARTICLE),
        ("templates/README.md", TEMPLATES_README),
        (".gitignore", GITIGNORE),
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
    Ok(())
}
