//! The command line as clap sees it: global connection options and one struct per subcommand.
//!
//! These structs stay close to the flags. Turning them into validated settings (a librdkafka
//! config, durations, paths that exist) happens in `kafka::config` and in each command's
//! `from_args` step, so that bad input is refused before any network call.
//!
//! This file holds the top: `Cli`, the `Command` enum, the parsing entry points and the
//! one-line usage error. The global options are in `global`, each command group's flags in a
//! file of its own, and the output format and duration parser they share in `values`; all of
//! them are re-exported here, so `crate::cli::X` names every one.

use std::ffi::OsString;

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand};

pub use crate::kafka::options::{
    Compression, ConnectionOptions, OffsetReset, SaslMechanism, SecurityProtocol,
};
pub use crate::logging::LogFormat;

mod acl;
mod cluster;
mod consume;
mod demo;
mod dlq;
mod global;
mod group;
mod metrics;
mod produce;
pub mod profile;
mod registry;
mod topics;
mod values;
mod verify;
mod view;

pub use self::acl::*;
pub use self::cluster::*;
pub use self::consume::*;
pub use self::demo::*;
pub use self::dlq::*;
pub use self::global::*;
pub use self::group::*;
pub use self::metrics::*;
pub use self::produce::*;
pub use self::profile::{ProfileCommand, ProfileShowArgs};
pub use self::registry::*;
pub use self::topics::*;
pub use self::values::*;
pub use self::verify::*;
pub use self::view::*;

/// Run and operate a Kafka messaging pipeline.
#[derive(Debug, Parser)]
#[command(
    name = "kmsg",
    version,
    about,
    propagate_version = true,
    after_help = "Exit codes: 0 success, 1 runtime failure, 2 usage error, 3 a check failed.\n\
                  Docs: README.md. -o json prints one JSON document for a finite result and one\n\
                  object per line for a stream (view, dlq watch)."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,

    /// The profile this run took settings from, and which (set by `try_parse`).
    #[arg(skip)]
    pub profile_used: Option<ProfileUse>,
}

/// The profile a run took settings from: its name and the flags (by id) it filled.
#[derive(Debug, Clone, Default)]
pub struct ProfileUse {
    pub name: String,
    pub filled: Vec<String>,
}

/// Why the command line could not be parsed: clap's usage error, or the config file's.
#[derive(Debug)]
pub enum ParseFailure {
    Clap(clap::Error),
    Profile(crate::profile::ProfileError),
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create, list, describe and delete topics
    #[command(subcommand)]
    Topics(TopicsCommand),
    /// Run a real local Kafka cluster (KRaft, no Docker)
    #[command(subcommand)]
    Cluster(ClusterCommand),
    /// Send JSON messages (generated, piped, or one) at a precise rate, with a run summary
    Produce(Box<ProduceArgs>),
    /// Run a consumer-group member: validate, retry, forward, dead-letter, commit when durable
    Consume(Box<ConsumeArgs>),
    /// Read records without joining a group (exit at the end, or --follow)
    View(ViewArgs),
    /// Consumer group lag per partition (--group), or a running consumer's key figures (--from)
    Metrics(MetricsArgs),
    /// Consumer groups: list, describe (lag in records and seconds), reset offsets, delete
    #[command(subcommand)]
    Group(GroupCommand),
    /// Audit a pipeline's topics: every input id in the output or the DLQ, none lost,
    /// duplicates counted (exit 3 when the check fails)
    Verify(VerifyArgs),
    /// Check retries, breaker and DLQ end to end against a failing-then-recovering downstream
    BreakerTest(BreakerTestArgs),
    /// Run the whole pipeline for a while: producer, three consumers, DLQ, summary
    /// (on an embedded in-memory cluster unless --bootstrap is given)
    Demo(DemoArgs),
    /// Dead letters: list, show one, stats, replay to their topic, watch
    #[command(subcommand)]
    Dlq(DlqCommand),
    /// Apply the pipeline's least-privilege ACLs, or list ACLs (secure clusters)
    #[command(subcommand)]
    Acl(AclCommand),
    /// Schemas in a Confluent-compatible registry: list, get, register, compatibility, delete
    #[command(subcommand)]
    Registry(RegistryCommand),
    /// Named profiles from the config file (~/.config/kmsg/config.toml or KMSG_CONFIG)
    #[command(subcommand)]
    Profile(ProfileCommand),
    /// Print shell completions
    Completions(CompletionsArgs),
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// Shell to generate completions for
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Global options a subcommand's help shows in full; the others (connection, security,
/// logging) are listed once, under `kmsg --help`, and named in one line below each
/// subcommand's help instead of repeating some 60 lines there.
const GLOBALS_SHOWN_IN_SUBCOMMANDS: &[&str] = &["output", "help", "version"];

/// The line below every subcommand's help that points at the global options.
const GLOBALS_NOTE: &str =
    "Global options (--profile, -b/--bootstrap, -X, --security-protocol, --sasl-*, --tls-*, \
     --timeout, --log-level, --log-format) work here too: see `kmsg --help`.";

/// Parses the command line: the clap definition, with the global connection options hidden
/// from the subcommands' help (they still parse everywhere; completions list them all), and
/// the chosen profile's settings as the defaults of the flags they fill (see `profile`).
pub fn try_parse() -> Result<Cli, ParseFailure> {
    let args: Vec<OsString> = std::env::args_os().collect();
    let chosen = profile::chosen_profile(&args).map_err(ParseFailure::Profile)?;
    let mut cmd = parsing_command_with(chosen.as_ref().map(|(_, p)| p));
    let matches = cmd
        .try_get_matches_from_mut(&args)
        .map_err(ParseFailure::Clap)?;
    let mut cli =
        Cli::from_arg_matches(&matches).map_err(|e| ParseFailure::Clap(e.format(&mut cmd)))?;
    if let Some((name, p)) = chosen {
        cli.profile_used = Some(ProfileUse {
            name,
            filled: profile::from_profile(&cmd, &matches, &p),
        });
    }
    Ok(cli)
}

/// The clap command `try_parse` uses without a profile.
pub fn parsing_command() -> clap::Command {
    parsing_command_with(None)
}

/// The clap command `try_parse` uses: the profile's settings, if any, as defaults, and each
/// subcommand with a hidden copy of the global options clap would otherwise propagate into it
/// visibly (propagation skips an argument a subcommand already has).
pub fn parsing_command_with(p: Option<&crate::profile::Profile>) -> clap::Command {
    let cmd = match p {
        Some(p) => profile::apply(Cli::command(), p, &|var| std::env::var_os(var).is_some()),
        None => Cli::command(),
    };
    hide_globals_in_subcommands(cmd)
}

/// Gives each subcommand a hidden copy of the global options (see `parsing_command_with`).
pub(crate) fn hide_globals_in_subcommands(cmd: clap::Command) -> clap::Command {
    let globals: Vec<clap::Arg> = cmd
        .get_arguments()
        .filter(|a| a.is_global_set())
        .filter(|a| !GLOBALS_SHOWN_IN_SUBCOMMANDS.contains(&a.get_id().as_str()))
        .cloned()
        .collect();
    hide_in_subcommands(cmd, &globals)
}

fn hide_in_subcommands(mut cmd: clap::Command, globals: &[clap::Arg]) -> clap::Command {
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|sc| sc.get_name().to_string())
        .collect();
    for name in names {
        cmd = cmd.mut_subcommand(&name, |mut sc| {
            for arg in globals {
                sc = sc.arg(arg.clone().hide(true));
            }
            let note = match sc.get_after_help() {
                Some(after) => format!("{after}\n\n{GLOBALS_NOTE}"),
                None => GLOBALS_NOTE.to_string(),
            };
            hide_in_subcommands(sc.after_help(note), globals)
        });
    }
    cmd
}

/// A clap usage error as the one line the scripting contract promises (`kmsg: error: …`):
/// clap's message, its tips ("a similar argument exists: '--rate'"), the usage line of the
/// command and where to read more, joined on one line.
pub fn usage_error_line(err: &clap::Error) -> String {
    let rendered = err.render().to_string();
    let mut message = Vec::new();
    let mut tips = Vec::new();
    let mut usage = None;
    for line in rendered.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if let Some(rest) = line.strip_prefix("error: ") {
            message.push(rest.to_string());
        } else if let Some(tip) = line.strip_prefix("tip: ") {
            tips.push(tip.to_string());
        } else if let Some(u) = line.strip_prefix("Usage: ") {
            usage = Some(u.to_string());
        } else if line.starts_with("For more information") {
            continue;
        } else {
            // The arguments or values an error lists on lines of their own.
            message.push(line.to_string());
        }
    }
    let mut text = message.join(" ");
    if !tips.is_empty() {
        text.push_str(&format!(" ({})", tips.join("; ")));
    }
    if let Some(u) = usage {
        let command = u.split(" [").next().unwrap_or(&u);
        let command = command.split(" <").next().unwrap_or(command);
        let command = command.split(" --").next().unwrap_or(command);
        text.push_str(&format!("; usage: {u}; see `{} --help`", command.trim()));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn usage_errors_become_one_line_with_the_tip_and_the_usage() {
        let line = |argv: &[&str]| {
            let err = Cli::try_parse_from(argv).expect_err("a usage error");
            let line = usage_error_line(&err);
            assert!(!line.contains('\n'), "{line}");
            line
        };
        assert_eq!(
            line(&["kmsg", "produce", "--rat", "5"]),
            "unexpected argument '--rat' found (a similar argument exists: '--rate'); \
             usage: kmsg produce --rate <RATE>; see `kmsg produce --help`"
        );
        assert_eq!(
            line(&["kmsg", "consume"]),
            "the following required arguments were not provided: --group <GROUP>; \
             usage: kmsg consume --group <GROUP>; see `kmsg consume --help`"
        );
        assert_eq!(
            line(&["kmsg", "frob"]),
            "unrecognized subcommand 'frob'; usage: kmsg [OPTIONS] <COMMAND>; see `kmsg --help`"
        );
        assert!(line(&["kmsg", "produce", "--rate", "x"])
            .starts_with("invalid value 'x' for '--rate <RATE>'"));
    }

    #[test]
    fn rdkafka_passthrough_is_repeatable_and_global() {
        let cli =
            Cli::try_parse_from(["kmsg", "topics", "list", "-X", "a=1", "-X", "b=2"]).unwrap();
        assert_eq!(cli.global.rdkafka, vec!["a=1", "b=2"]);
    }

    #[test]
    fn compression_is_unset_unless_given_so_that_x_can_win_over_the_default() {
        let parse = |argv: &[&str]| Cli::try_parse_from(argv).unwrap().command;
        match parse(&["kmsg", "produce", "--value", "{}"]) {
            Command::Produce(a) => assert_eq!(a.compression, None),
            _ => unreachable!("the argv names produce"),
        }
        match parse(&["kmsg", "consume", "-g", "g"]) {
            Command::Consume(a) => assert_eq!(a.compression, None),
            _ => unreachable!("the argv names consume"),
        }
    }
}
