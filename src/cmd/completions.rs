//! `kmsg completions <shell>`: prints a completion script generated from the clap definition
//! (clap_complete). The scripts are also committed in `completions/`, and a test fails when
//! they are out of date; `scripts/gen-completions.sh` refreshes them.

use std::process::ExitCode;

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs};

pub fn run(args: CompletionsArgs) -> anyhow::Result<ExitCode> {
    let mut cmd = Cli::command();
    let mut out = std::io::stdout().lock();
    clap_complete::generate(args.shell, &mut cmd, "kmsg", &mut out);
    Ok(ExitCode::SUCCESS)
}
