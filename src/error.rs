//! Errors that carry an exit code, and the one function that maps any error to one.
//!
//! This module sits below every other: it imports no adapter. A module whose own error type
//! is a usage error (`kafka::config::ConfigError`, `kafka::reader::OffsetOutOfRange`) exports
//! a `UsageTest` for it, and the top layer (`cmd::USAGE_ERRORS`) hands the list of them to
//! `exit_code` and `report`.
//!
//! Exit codes (the scripting contract, also in the README): 0 success, 1 runtime failure,
//! 2 usage error (bad flags or input, refused before any work), 3 a check failed,
//! 130 interrupted (a Ctrl-C or SIGTERM stopped a run before its end; what was done is kept
//! and reported).

use std::process::ExitCode;

use crate::secrets::scrub_secrets;

/// Bad input found before any work was done (exit 2).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// Shorthand for returning a usage error from a command.
pub fn usage(msg: impl Into<String>) -> anyhow::Error {
    UsageError(msg.into()).into()
}

/// A check the command makes found what it looked for missing (exit 3), e.g. a filter that
/// selects nothing.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct CheckFailed(pub String);

pub const EXIT_FAILURE: u8 = 1;
pub const EXIT_USAGE: u8 = 2;
pub const EXIT_CHECK_FAILED: u8 = 3;
pub const EXIT_INTERRUPTED: u8 = 130;

/// Recognises one module's error type as a usage error (exit 2), e.g.
/// `|e| e.is::<ConfigError>()`.
pub type UsageTest = fn(&(dyn std::error::Error + 'static)) -> bool;

/// The exit code a failed command ends with: 2 when any error in the chain is a
/// `UsageError` or passes one of `usage_errors`, else 1.
pub fn exit_code(err: &anyhow::Error, usage_errors: &[UsageTest]) -> u8 {
    let is_usage = err
        .chain()
        .any(|e| e.is::<UsageError>() || usage_errors.iter().any(|test| test(e)));
    if is_usage {
        EXIT_USAGE
    } else if err.chain().any(|e| e.is::<CheckFailed>()) {
        EXIT_CHECK_FAILED
    } else {
        EXIT_FAILURE
    }
}

/// True when the error is a closed stdout (`kmsg ... | head`), which ends quietly. The pipe
/// error may come as a plain `io::Error` or wrapped in a `serde_json::Error` (a JSON writer
/// that hit the closed pipe): both count.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        let io_kind = e
            .downcast_ref::<std::io::Error>()
            .map(std::io::Error::kind)
            .or_else(|| {
                e.downcast_ref::<serde_json::Error>()
                    .and_then(serde_json::Error::io_error_kind)
            });
        io_kind == Some(std::io::ErrorKind::BrokenPipe)
    })
}

/// The innermost cause of an error (e.g. "Connection refused"), which says more than an HTTP
/// client's own "error sending request".
pub fn root_cause(e: &(dyn std::error::Error + 'static)) -> String {
    let mut cause: &dyn std::error::Error = e;
    while let Some(next) = cause.source() {
        cause = next;
    }
    cause.to_string()
}

/// Prints the error once, on one line, and returns the exit code (see `exit_code`).
pub fn report(err: anyhow::Error, usage_errors: &[UsageTest]) -> ExitCode {
    if is_broken_pipe(&err) {
        return ExitCode::SUCCESS;
    }
    let text = scrub_secrets(&format!("{err:#}").replace('\n', " "));
    eprintln!("kmsg: error: {text}");
    ExitCode::from(exit_code(&err, usage_errors))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usage_errors_exit_2_even_with_context() {
        let err = anyhow::Error::from(UsageError("bad".into())).context("while parsing");
        assert_eq!(exit_code(&err, &[]), EXIT_USAGE);
        #[derive(Debug, thiserror::Error)]
        #[error("a module's own usage error")]
        struct ModuleError;
        let test: UsageTest = |e| e.is::<ModuleError>();
        let err = anyhow::Error::from(ModuleError).context("while parsing");
        assert_eq!(exit_code(&err, &[test]), EXIT_USAGE);
        assert_eq!(exit_code(&err, &[]), EXIT_FAILURE);
    }

    #[test]
    fn failed_checks_exit_3() {
        let err = anyhow::Error::from(CheckFailed("none".into())).context("replay");
        assert_eq!(exit_code(&err, &[]), EXIT_CHECK_FAILED);
    }

    #[test]
    fn other_errors_exit_1() {
        assert_eq!(exit_code(&anyhow::anyhow!("boom"), &[]), EXIT_FAILURE);
    }

    #[test]
    fn broken_pipe_is_recognised_through_context() {
        let io = std::io::Error::new(std::io::ErrorKind::BrokenPipe, "pipe");
        let err = anyhow::Error::from(io).context("writing");
        assert!(is_broken_pipe(&err));
    }

    #[test]
    fn broken_pipe_inside_a_json_writer_error_is_recognised() {
        struct ClosedPipe;
        impl std::io::Write for ClosedPipe {
            fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
                Err(std::io::ErrorKind::BrokenPipe.into())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let json = serde_json::to_writer(ClosedPipe, &[1, 2, 3]).unwrap_err();
        assert!(is_broken_pipe(&anyhow::Error::from(json)));
        let other = serde_json::from_str::<u8>("x").unwrap_err();
        assert!(!is_broken_pipe(&anyhow::Error::from(other)));
    }
}
