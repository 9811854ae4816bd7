//! The Tera environment: the built-in theme, the site's overrides, and gloss's template functions.
//!
//! The default theme is compiled into the binary (`include_str!` of the repository's own
//! `templates/`), so `gloss init` gives a site that builds without a template of its own. A site's
//! `templates/` replaces built-in templates file by file, by name.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use anyhow::{Context, Result};
use tera::{Tera, Value};

use crate::config::{Config, site_url};
use crate::error::TemplateError;

/// The built-in theme: (template name, source).
pub const BUILTIN_TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("index.html", include_str!("../../templates/index.html")),
    ("article.html", include_str!("../../templates/article.html")),
    ("section.html", include_str!("../../templates/section.html")),
    ("tags.html", include_str!("../../templates/tags.html")),
    ("tag.html", include_str!("../../templates/tag.html")),
    ("404.html", include_str!("../../templates/404.html")),
    ("glossary.html", include_str!("../../templates/glossary.html")),
    ("term.html", include_str!("../../templates/term.html")),
    ("timeline.html", include_str!("../../templates/timeline.html")),
    ("partials/article_card.html", include_str!("../../templates/partials/article_card.html")),
    ("partials/pagination.html", include_str!("../../templates/partials/pagination.html")),
    ("atom.xml", include_str!("../../templates/atom.xml")),
    ("sitemap.xml", include_str!("../../templates/sitemap.xml")),
    ("robots.txt", include_str!("../../templates/robots.txt")),
];

/// Loaded templates plus where each came from, for error messages.
pub struct Templates {
    /// The Tera engine, ready to render.
    pub tera: Tera,
    /// Template name → (origin shown in messages, source text).
    sources: HashMap<String, (String, String)>,
}

/// Loads the built-in theme, then the site's `templates/**/*.html` over it.
pub fn load(config: &Config) -> Result<Templates> {
    let mut sources: BTreeMap<String, (String, String)> = BUILTIN_TEMPLATES
        .iter()
        .map(|(name, source)| {
            (name.to_string(), (format!("(built-in) {name}"), source.to_string()))
        })
        .collect();
    let dir = config.templates_dir();
    if dir.is_dir() {
        for path in crate::files::walk(&dir, &config.root, |_| true)? {
            let path = path.as_path();
            if !is_template(path) {
                continue;
            }
            let name = template_name(&dir, path);
            let source = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read template `{}`", path.display()))?;
            let origin = path.strip_prefix(&config.root).unwrap_or(path).display().to_string();
            sources.insert(name, (origin, source));
        }
    }
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.set_escape_fn(escape_html);
    // All at once: Tera resolves `extends` only when every template is known.
    let all = sources.iter().map(|(name, (_, source))| (name.as_str(), source.as_str()));
    tera.add_raw_templates(all).map_err(|e| load_error(&sources, &e))?;
    register_functions(&mut tera, config);
    Ok(Templates { tera, sources: sources.into_iter().collect() })
}

impl Templates {
    /// Renders `name`, turning Tera's error into one that names the template file and a line.
    pub fn render(&self, name: &str, context: &tera::Context) -> Result<String, TemplateError> {
        self.tera.render(name, context).map_err(|error| {
            let message = error_chain(&error);
            // The failing template may be a parent or an include; Tera names it in the message.
            let failing = self
                .sources
                .keys()
                .filter(|n| message.contains(&format!("'{n}'")))
                .max_by_key(|n| n.len())
                .map_or(name, String::as_str);
            let (origin, source) = self
                .sources
                .get(failing)
                .map_or((failing.to_owned(), ""), |(o, s)| (o.clone(), s.as_str()));
            TemplateError { line: guess_line(source, &message), template: origin, message }
        })
    }
}

fn is_template(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "html" || e == "xml" || e == "txt")
        && !path.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.'))
}

fn template_name(dir: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(dir).unwrap_or(path);
    relative.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// All causes of a Tera error on one line; Tera puts the useful part in the innermost cause.
fn error_chain(error: &tera::Error) -> String {
    let mut parts = vec![error.to_string()];
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        parts.push(cause.to_string());
        source = cause.source();
    }
    parts.join(": ").replace('\n', " ")
}

/// A syntax or inheritance error. Tera names the template (`'x.html'`) and, for syntax errors,
/// the position (`--> line:column`).
fn load_error(sources: &BTreeMap<String, (String, String)>, error: &tera::Error) -> TemplateError {
    let message = error_chain(error);
    let origin = sources
        .iter()
        .filter(|(name, _)| message.contains(&format!("'{name}'")))
        .max_by_key(|(name, _)| message.find(&format!("'{name}'")).map(|i| usize::MAX - i))
        .map_or_else(|| "templates".to_owned(), |(_, (origin, _))| origin.clone());
    TemplateError { template: origin, line: parse_error_line(&message), message }
}

/// Finds `--> 12:5` in a Tera parse message.
fn parse_error_line(message: &str) -> Option<usize> {
    let at = message.find("--> ")?;
    let digits: String = message[at + 4..].chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// Tera's render errors name the variable or filter but not the line. The first line of the
/// template mentioning the backticked name is almost always the one.
fn guess_line(source: &str, message: &str) -> Option<usize> {
    let mut candidates =
        message.split('`').skip(1).step_by(2).filter(|s| !s.is_empty() && s.len() < 80);
    candidates.find_map(|needle| source.lines().position(|l| l.contains(needle)).map(|i| i + 1))
}

/// Escapes what HTML needs escaped in text and quoted attributes. Tera's default also escapes
/// `/`, which is safe but turns every URL into `https:&#x2F;&#x2F;…` in the page source.
fn escape_html(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + 8);
    for c in input.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            c => out.push(c),
        }
    }
    out
}

/// `url(path="tags/")` → `/repo/tags/`; `url(path="", absolute=true)` → `https://host/repo/`.
fn register_functions(tera: &mut Tera, config: &Config) {
    let base_url = config.base_url.clone();
    tera.register_function("url", move |args: &HashMap<String, Value>| {
        let path = match args.get("path") {
            Some(Value::String(path)) => path.as_str(),
            Some(other) => {
                return Err(tera::Error::msg(format!(
                    "url(path=...) expects a string, got {other}"
                )));
            }
            None => "",
        };
        let absolute = matches!(args.get("absolute"), Some(Value::Bool(true)));
        Ok(Value::String(site_url(&base_url, path, absolute)))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn render_error_line_is_found_from_the_variable() {
        let source = "<p>\n{{ page.missing_field }}\n</p>";
        let line = guess_line(source, "Variable `page.missing_field` not found in context");
        assert_eq!(line, Some(2));
    }

    #[test]
    fn parse_error_line_is_read_from_tera() {
        assert_eq!(parse_error_line("Failed to parse 'x.html' --> 3:5 | ..."), Some(3));
    }
}
