//! `kmsg completions <shell>`: prints a completion script generated from the clap definition
//! (clap_complete). The scripts are also committed in `completions/`, and a test fails when
//! they are out of date; `scripts/gen-completions.sh` refreshes them.

use std::io::Write as _;
use std::process::ExitCode;

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs};

pub fn run(args: CompletionsArgs) -> anyhow::Result<ExitCode> {
    let mut cmd = Cli::command();
    // Into a buffer first: clap_complete panics on a write error, and a closed pipe
    // (`kmsg completions bash | head`) must be a quiet exit, not a panic.
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "kmsg", &mut script);
    let mut out = std::io::stdout().lock();
    out.write_all(&script)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
