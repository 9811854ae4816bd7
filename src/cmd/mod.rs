//! One module per command: glue between the command line and the library.

pub mod build;
pub mod check;
pub mod import;
pub mod init;

use anyhow::Result;

use crate::cli::{Cli, Command};

/// Runs the parsed command line.
pub fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Init { dir } => init::run(&dir),
        Command::Import { inputs, out, force, stdout, text, keep_site_name } => {
            // The site's settings apply when there is a site; import also works outside one.
            let config = crate::config::Config::from_root(&cli.root).ok();
            let out = out.unwrap_or_else(|| cli.root.join("content"));
            let transliterate = config.as_ref().is_some_and(|c| c.transliterate_slugs);
            let extract_timeline = config.as_ref().is_none_or(|c| c.timeline.extract);
            let keep_site_name =
                keep_site_name || config.as_ref().is_some_and(|c| c.import.keep_site_name);
            import::run(&import::ImportOptions {
                inputs,
                out,
                force,
                print: match (stdout, text) {
                    (_, true) => import::Print::Text,
                    (true, false) => import::Print::Markdown,
                    (false, false) => import::Print::Nothing,
                },
                transliterate,
                extract_timeline,
                site_name: if keep_site_name {
                    crate::import::headline::SiteNamePolicy::Keep
                } else {
                    crate::import::headline::SiteNamePolicy::Strip
                },
            })
        }
        Command::Build { output, base_url, drafts, watch, timings } => {
            let options =
                crate::pipeline::BuildOptions { output, base_url, drafts, progress: true };
            if watch {
                crate::serve::build_and_watch(&cli.root, &options)
            } else {
                build::run(&cli.root, &options, timings)
            }
        }
        Command::Check { external, timeout, base_url } => {
            let options = crate::check::CheckOptions {
                external,
                base_url,
                timeout: std::time::Duration::from_secs(timeout),
                ..Default::default()
            };
            check::run(&cli.root, &options)
        }
        Command::Serve { port, bind, open, drafts } => {
            crate::serve::run(&cli.root, &crate::serve::ServeOptions { bind, port, open, drafts })
        }
    }
}
