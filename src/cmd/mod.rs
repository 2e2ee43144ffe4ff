//! One module per subcommand, and the one `match` that dispatches to them.
//!
//! Every command takes its own args and the shared `Context` (validated connection settings
//! and the output format) and returns the exit code of a successful run; errors travel up as
//! `anyhow::Error` and are printed once by `error::report`.

pub mod acl;
pub mod breaker_test;
pub mod cluster;
pub mod completions;
pub mod consume;
pub mod demo;
pub mod dlq;
pub mod metrics;
pub mod produce;
pub mod topics;
pub mod view;

use std::process::ExitCode;

use crate::cli::{Cli, Command, OutputFormat};
use crate::kafka::config::{ClientSettings, PASSWORD_ENV};

/// What every command gets besides its own args.
pub struct Context {
    pub settings: ClientSettings,
    pub output: OutputFormat,
}

/// Validates the global options, then runs the subcommand.
pub async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    // `cluster` builds its own client settings, or none: client flags and env meant for the
    // other commands (the login `cluster up --secure` prints) must not stop `cluster down`.
    if let Command::Cluster(cmd) = cli.command {
        return cluster::run(cmd, &cli.global).await;
    }
    let settings = ClientSettings::from_args(&cli.global, std::env::var(PASSWORD_ENV).ok())?;
    let ctx = Context {
        settings,
        output: cli.global.output,
    };
    match cli.command {
        Command::Topics(cmd) => topics::run(cmd, &ctx).await,
        Command::Cluster(cmd) => cluster::run(cmd, &cli.global).await,
        Command::Produce(args) => produce::run(*args, &ctx).await,
        Command::Consume(args) => consume::run(*args, &ctx).await,
        Command::View(args) => view::run(args, &ctx).await,
        Command::Dlq(cmd) => dlq::run(cmd, &ctx).await,
        Command::Metrics(args) => metrics::run(args, &ctx).await,
        Command::BreakerTest(args) => breaker_test::run(args, &ctx).await,
        Command::Demo(args) => demo::run(args, &ctx).await,
        Command::Acl(cmd) => acl::run(cmd, &ctx).await,
        Command::Completions(args) => completions::run(args),
    }
}
