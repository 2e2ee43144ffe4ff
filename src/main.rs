//! kmsg: one binary that runs and operates a Kafka messaging pipeline.
//!
//! `main` only parses the command line, sets up logging, runs the subcommand on a tokio
//! runtime and maps the outcome to an exit code (see `error` for the codes).

mod alloc;
mod cli;
mod cmd;
mod consumer;
mod envelope;
mod error;
mod kafka;
mod logging;
mod metrics;
mod output;
mod pipeline;
mod signals;

use std::process::ExitCode;

fn main() -> ExitCode {
    alloc::tune();
    let cli = match cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if e.use_stderr() => {
            eprintln!("kmsg: error: {}", cli::usage_error_line(&e));
            return ExitCode::from(error::EXIT_USAGE);
        }
        Err(e) => {
            // --help and --version: clap's own text on stdout.
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
    };
    logging::init(&cli.global, matches!(cli.command, cli::Command::Demo(_)));
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            return error::report(anyhow::Error::from(e).context("cannot start the async runtime"))
        }
    };
    match runtime.block_on(cmd::run(cli)) {
        Ok(code) => code,
        Err(err) => error::report(err),
    }
}
