//! The values several flag files share: the output format, the decoding of the reading
//! commands, and the duration parser every duration flag uses. Plain leaves: this file imports nothing from `cli`, so the flag files
//! and `cli/mod.rs` can all use it.

use std::time::Duration;

use clap::ValueEnum;

/// How a command prints its results on stdout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Human-readable tables
    Table,
    /// JSON: one document per finite result; streams (view, dlq watch) one object per line
    Json,
    /// Values only, one per line (view); other commands print tables
    Raw,
}

/// How the reading commands (view, dlq list, dlq show) show keys and values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum DecodeMode {
    /// Decode through the schema registry when the bytes are registry-framed with an id the
    /// registry knows (and a registry is given); show the bytes otherwise
    #[default]
    Auto,
    /// Decode every key and value through the registry; say why one does not decode
    Registry,
    /// Show the bytes as they are
    Raw,
}

/// Parses "10s", "500ms", "2m" and friends (humantime), for every duration flag.
pub fn parse_duration(s: &str) -> Result<Duration, String> {
    humantime::parse_duration(s).map_err(|e| format!("{e} (examples: 500ms, 10s, 2m)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_accept_humantime_units() {
        assert_eq!(parse_duration("10s").unwrap(), Duration::from_secs(10));
        assert_eq!(parse_duration("250ms").unwrap(), Duration::from_millis(250));
        assert!(parse_duration("ten").is_err());
    }
}
