//! Output is separate from work: commands build plain data and hand it here to be printed as a
//! table (comfy-table) or as JSON (one object per line). Data goes to stdout only; diagnostics
//! go to stderr through `tracing`. A closed stdout surfaces as an `io::Error` of kind
//! `BrokenPipe`, which `error::report` turns into a quiet exit.

use std::io::{IsTerminal, Write};

use comfy_table::presets::{ASCII_MARKDOWN, UTF8_FULL_CONDENSED};
use comfy_table::Table;
use serde::Serialize;

/// True when stdout is a terminal and colour/decoration is allowed (`NO_COLOR` unset).
pub fn stdout_is_tty() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

/// Builds a table with kmsg's look: box drawing on a terminal, plain ASCII elsewhere.
pub fn table<H: ToString>(headers: &[H]) -> Table {
    let mut t = Table::new();
    if stdout_is_tty() {
        t.load_preset(UTF8_FULL_CONDENSED);
    } else {
        t.load_preset(ASCII_MARKDOWN);
    }
    t.set_header(headers.iter().map(|h| h.to_string()));
    t
}

/// Prints text (a rendered table, a line) to stdout.
pub fn print_text(text: &str) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    writeln!(out, "{text}")?;
    out.flush()
}

/// Prints one value as one line of JSON on stdout.
pub fn print_json<T: Serialize>(value: &T) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer(&mut out, value)?;
    writeln!(out)?;
    out.flush()
}
