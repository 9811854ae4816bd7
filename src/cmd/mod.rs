//! One module per command: glue between the command line and the library.

pub mod build;
pub mod init;

use anyhow::Result;

use crate::cli::{Cli, Command};

/// Runs the parsed command line.
pub fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Init { dir } => init::run(&dir),
        Command::Build { output, base_url, drafts } => {
            build::run(&cli.root, &crate::BuildOptions { output, base_url, drafts })
        }
    }
}
