//! Logging setup: `tracing-subscriber` on stderr, text or JSON, filtered by `--log-level`,
//! else `RUST_LOG`, else `warn,kmsg=info`. Data never goes through the logger.

use tracing_subscriber::EnvFilter;

/// The filter used when neither `--log-level` nor `RUST_LOG` is set.
const DEFAULT_FILTER: &str = "warn,kmsg=info";

/// How log lines are written on stderr (`--log-format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

/// `level` is `--log-level` (a level or filter); `quiet` lowers the default to warnings (for commands whose own output is the story,
/// such as `demo`, which runs several members in one process).
pub fn init(level: Option<&str>, format: LogFormat, quiet: bool) {
    let default = if quiet { "warn" } else { DEFAULT_FILTER };
    let filter = match level {
        Some(level) => EnvFilter::try_new(level).unwrap_or_else(|_| EnvFilter::new(default)),
        None => EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(default)),
    };
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(crate::output::stdout_is_tty());
    match format {
        LogFormat::Text => builder.init(),
        LogFormat::Json => builder.json().init(),
    }
}
