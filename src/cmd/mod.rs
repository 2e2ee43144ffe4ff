//! One module per subcommand, and the one `match` that dispatches to them.
//!
//! Every command takes its own args and the shared `Context` (validated connection settings
//! and the output format, in `context`) and returns the exit code of a successful run; errors travel up as
//! `anyhow::Error` and are printed once by `report`, which knows (`USAGE_ERRORS`) which
//! error types of the layers below are usage errors (exit 2).

pub mod acl;
pub mod breaker_test;
pub mod cluster;
pub mod completions;
pub mod consume;
mod context;
pub mod decode;
pub mod demo;
pub mod dlq;
pub(crate) mod filter;
pub mod group;
pub mod metrics;
pub mod produce;
pub mod profile;
pub mod registry;
pub mod topics;
pub mod verify;
pub mod view;

use std::process::ExitCode;

pub use self::context::Context;
use crate::cli::{Cli, Command};
use crate::error::UsageTest;
use crate::kafka::alter::AlterError;
use crate::kafka::config::{ClientSettings, ConfigError, PASSWORD_ENV};
use crate::kafka::reader::OffsetOutOfRange;
use crate::registry::{LookupError, RegistryError, REGISTRY_PASSWORD_ENV};

/// The error types of the layers below that are usage errors (exit 2), besides
/// `error::UsageError`: bad connection flags, a start offset outside the partition, and an
/// unknown registry subject, version or id or a schema the registry or its compiler refuses,
/// and a topic change the brokers refuse as invalid (an unknown config, a bad value).
pub const USAGE_ERRORS: &[UsageTest] = &[
    |e| e.is::<ConfigError>(),
    |e| e.is::<OffsetOutOfRange>(),
    |e| {
        e.downcast_ref::<RegistryError>()
            .is_some_and(RegistryError::is_usage)
    },
    |e| {
        e.downcast_ref::<LookupError>()
            .is_some_and(LookupError::is_usage)
    },
    |e| e.is::<crate::profile::ProfileError>(),
    |e| {
        e.downcast_ref::<AlterError>()
            .is_some_and(AlterError::is_usage)
    },
];

/// Prints a failed command's error once, on one line, and returns its exit code.
pub fn report(err: anyhow::Error) -> ExitCode {
    crate::error::report(err, USAGE_ERRORS)
}

/// Validates the global options, then runs the subcommand.
pub async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    // `cluster` builds its own client settings, or none: client flags and env meant for the
    // other commands (the login `cluster up --secure` prints) must not stop `cluster down`.
    if let Command::Cluster(cmd) = cli.command {
        return cluster::run(cmd, &cli.global).await;
    }
    // `profile` reads only the config file: no connection settings are needed or checked.
    if let Command::Profile(cmd) = cli.command {
        return profile::run(cmd, &cli.global);
    }
    let settings =
        ClientSettings::from_options(&cli.global.connection(), std::env::var(PASSWORD_ENV).ok())?;
    let registry = cli
        .global
        .registry(std::env::var(REGISTRY_PASSWORD_ENV).ok())?;
    let ctx = Context {
        settings,
        output: cli.global.output,
        registry,
    };
    match cli.command {
        Command::Topics(cmd) => topics::run(cmd, &ctx).await,
        Command::Cluster(cmd) => cluster::run(cmd, &cli.global).await,
        Command::Produce(args) => produce::run(*args, &ctx).await,
        Command::Consume(args) => consume::run(*args, &ctx).await,
        Command::View(args) => view::run(args, &ctx).await,
        Command::Dlq(cmd) => dlq::run(cmd, &ctx).await,
        Command::Metrics(args) => metrics::run(args, &ctx).await,
        Command::Group(cmd) => group::run(cmd, &ctx).await,
        Command::Verify(args) => verify::run(args, &ctx).await,
        Command::BreakerTest(args) => breaker_test::run(args, &ctx).await,
        Command::Demo(args) => demo::run(args, &ctx).await,
        Command::Acl(cmd) => acl::run(cmd, &ctx).await,
        Command::Registry(cmd) => registry::run(cmd, &ctx).await,
        Command::Completions(args) => completions::run(args),
        Command::Profile(cmd) => profile::run(cmd, &cli.global),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{exit_code, EXIT_FAILURE, EXIT_USAGE};

    #[test]
    fn the_lower_layers_usage_errors_exit_2_even_with_context() {
        let err = anyhow::Error::from(ConfigError::MissingUsername);
        assert_eq!(exit_code(&err, USAGE_ERRORS), EXIT_USAGE);
        let range = OffsetOutOfRange {
            offset: 11,
            low: 5,
            high: 10,
        };
        let err = anyhow::Error::from(range).context("opening the reader");
        assert_eq!(exit_code(&err, USAGE_ERRORS), EXIT_USAGE);
        assert_eq!(
            exit_code(&anyhow::anyhow!("boom"), USAGE_ERRORS),
            EXIT_FAILURE
        );
    }

    #[test]
    fn registry_errors_are_usage_errors_only_for_bad_input() {
        use crate::registry::RegistryError;
        let unknown = RegistryError::NotFound {
            what: "subject \"x\"".into(),
            detail: String::new(),
        };
        let err = anyhow::Error::from(unknown).context("registry get");
        assert_eq!(exit_code(&err, USAGE_ERRORS), EXIT_USAGE);
        let lookup = LookupError::from(RegistryError::Invalid("bad schema".into()));
        assert_eq!(
            exit_code(&anyhow::Error::from(lookup), USAGE_ERRORS),
            EXIT_USAGE
        );
        let down = RegistryError::Unreachable {
            url: "http://r".into(),
            reason: "refused".into(),
        };
        assert_eq!(
            exit_code(&anyhow::Error::from(down), USAGE_ERRORS),
            EXIT_FAILURE
        );
        let down = LookupError::from(RegistryError::Unauthorized {
            url: "http://r".into(),
            status: 401,
        });
        assert_eq!(
            exit_code(&anyhow::Error::from(down), USAGE_ERRORS),
            EXIT_FAILURE
        );
    }
}
