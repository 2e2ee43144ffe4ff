//! The CLI tier: the built `kmsg` binary where it needs no cluster (help, usage errors and
//! their exit codes, options refused before connecting, committed completions). Always run
//! by `cargo test`.

#[allow(dead_code)]
#[path = "../it/harness.rs"]
mod harness;

mod profile;
mod scripts;
mod usage;
