//! The command line, declared with clap. Each command's work lives in `cmd/`.

#![allow(rustdoc::bare_urls, reason = "doc comments here are --help texts, shown as written")]

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// gloss turns collected news articles into an annotated static site.
#[derive(Debug, Parser)]
#[command(
    name = "gloss",
    version,
    about,
    long_about = None,
    arg_required_else_help = true,
    after_help = "Exit status: 0 on success, 1 when the command failed (the error names the \
                  file and line), 2 when the command line is wrong (an unknown flag, a value \
                  out of range)."
)]
pub struct Cli {
    /// The site's root folder: the one holding site.toml, content/, templates/ and static/.
    #[arg(short, long, global = true, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,

    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// gloss's commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new site in DIR that builds as it is (site.toml, a first article, folders).
    Init {
        /// Where to create the site; it must not hold a site already.
        #[arg(default_value = ".", value_name = "DIR")]
        dir: PathBuf,
    },
    /// Import scraped news pages (HTML pages or text dumps, UTF-8 or EUC-KR) as Markdown articles.
    ///
    /// Each page becomes `<date>-<slug>.md` with front matter (title, date, authors, source,
    /// summary, images, glossary, copyright). Existing files are never overwritten without --force.
    Import {
        /// Files, folders (walked for .html, .htm, .txt) or `-` for standard input.
        #[arg(required = true, value_name = "INPUT")]
        inputs: Vec<PathBuf>,
        /// Where to write the articles (default: the site's content/ folder).
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Overwrite articles that exist and differ.
        #[arg(long)]
        force: bool,
        /// Print the Markdown to standard output instead of writing files.
        #[arg(long, conflicts_with_all = ["out", "force"])]
        stdout: bool,
        /// Print only the body's text to standard output: paragraphs, headings, list items and
        /// table rows separated by blank lines; no front matter, figures, captions or link
        /// targets. For scoring extraction against plain-text ground truth, or for piping.
        #[arg(long, conflicts_with_all = ["out", "force", "stdout"])]
        text: bool,
        /// Keep titles from meta tags as the page declares them, site name included
        /// (`Title | eHow`); by default the site's name is cut, since it is the `source`.
        /// Only `<title>` is still cut, with Readability's rules. Also `[import] keep_site_name`.
        #[arg(long)]
        keep_site_name: bool,
    },
    /// Build the site into the output folder (public/ by default).
    ///
    /// The site is written into a staging folder and swapped in only when the whole build
    /// succeeded: a failed or interrupted build leaves the previous output untouched.
    Build {
        /// Write the site here instead of `output_dir` from site.toml.
        #[arg(short, long, value_name = "DIR")]
        output: Option<PathBuf>,
        /// Use this base URL instead of `base_url` from site.toml (for example
        /// https://user.github.io/repo/ for a GitHub Pages project site).
        #[arg(short = 'u', long, value_name = "URL")]
        base_url: Option<String>,
        /// Include articles marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Keep running: rebuild whenever content/, templates/, static/ or site.toml change,
        /// rewriting only the pages that changed.
        #[arg(short, long)]
        watch: bool,
        /// Print how long each stage of the build took: reading the content, the articles
        /// (annotated, rendered, written), the other pages, swapping the site in.
        #[arg(long, conflicts_with = "watch")]
        timings: bool,
    },
    /// Check the site without writing it: every problem at once, each with its file and line.
    ///
    /// Reports unreadable content files, invalid front matter and dates, unknown `[[terms]]`,
    /// links to missing content files, and broken internal links, `#anchors` and images in the
    /// rendered pages. The exit code is 1 if anything is wrong.
    Check {
        /// Also request every external link and image (concurrently, each with a timeout).
        #[arg(long)]
        external: bool,
        /// Seconds to wait for each external URL.
        #[arg(long, default_value_t = 10, value_name = "SECONDS")]
        timeout: u64,
        /// Check the site as built for this base URL instead of `base_url` from site.toml (for
        /// example https://user.github.io/repo/ for a GitHub Pages project site).
        #[arg(short = 'u', long, value_name = "URL")]
        base_url: Option<String>,
    },
    /// Build the site and serve it on localhost, rebuilding and reloading the browser on every
    /// change.
    ///
    /// Pages are served from memory (the output folder is not touched) under the base URL's
    /// path, so a project site (`https://user.github.io/repo/`) is previewed at
    /// `http://127.0.0.1:1111/repo/`. A failed rebuild keeps the last good site served and shows
    /// the error over the page until the next good save.
    Serve {
        /// The port to listen on; 0 picks a free one.
        #[arg(short, long, default_value_t = 1111)]
        port: u16,
        /// The address to listen on. Only this machine can connect unless you choose another
        /// (0.0.0.0 for every network interface).
        #[arg(short, long, default_value = "127.0.0.1", value_name = "ADDRESS")]
        bind: std::net::IpAddr,
        /// Open the site in the default browser.
        #[arg(short = 'O', long)]
        open: bool,
        /// Include articles marked `draft: true`.
        #[arg(long)]
        drafts: bool,
    },
}
