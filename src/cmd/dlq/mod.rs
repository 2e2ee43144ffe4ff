//! `kmsg dlq list|show|stats|replay|watch`: inspecting dead letters without joining a group
//! or committing, re-sending them, and watching for new ones. Records are read to the end of
//! the topic (`read_committed`) and their headers decoded by `pipeline::dead_letter::describe`
//! (kmsg's, Spring's and Connect's).
//!
//! Files: this one dispatches the subcommands; `common` holds what they share (the DLQ
//! topic's name, reading it to the end, a dead letter as a `Row`); `list`, `show`, `stats`,
//! `replay` and `watch` are one subcommand each. What a replay does with its snapshot is
//! decided without Kafka in `pipeline::replay`.

mod common;
mod list;
mod replay;
mod show;
mod stats;
mod watch;

use std::process::ExitCode;

use crate::cli::DlqCommand;
use crate::cmd::context::Context;

pub async fn run(cmd: DlqCommand, ctx: &Context) -> anyhow::Result<ExitCode> {
    match cmd {
        DlqCommand::List(args) => list::run(args, ctx).await,
        DlqCommand::Show(args) => show::run(args, ctx).await,
        DlqCommand::Stats(args) => stats::run(args, ctx).await,
        DlqCommand::Replay(args) => replay::run(args, ctx).await,
        DlqCommand::Watch(args) => watch::run(args, ctx).await,
    }
}
