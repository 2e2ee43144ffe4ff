//! What every command gets besides its own args: the validated connection settings and the
//! output format. `cmd::run` builds it once from the global options.

use crate::cli::OutputFormat;
use crate::kafka::config::ClientSettings;

/// What every command gets besides its own args.
pub struct Context {
    pub settings: ClientSettings,
    pub output: OutputFormat,
}
