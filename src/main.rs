//! kmsg: one binary that runs and operates a Kafka messaging pipeline.
//!
//! `main` only parses the command line, sets up logging, runs the subcommand on a tokio
//! runtime and maps the outcome to an exit code (see `error` for the codes); everything
//! else lives in the `kmsg` library (`src/lib.rs`).

use std::process::ExitCode;

use kmsg::{alloc, cli, cmd, error, logging, tls};

fn main() -> ExitCode {
    alloc::tune();
    tls::init();
    let cli = match cli::try_parse() {
        Ok(cli) => cli,
        Err(cli::ParseFailure::Profile(e)) => {
            eprintln!("kmsg: error: {e}");
            return ExitCode::from(error::EXIT_USAGE);
        }
        Err(cli::ParseFailure::Clap(e)) if e.use_stderr() => {
            eprintln!("kmsg: error: {}", cli::usage_error_line(&e));
            return ExitCode::from(error::EXIT_USAGE);
        }
        Err(cli::ParseFailure::Clap(e)) => {
            // --help and --version: clap's own text on stdout.
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
    };
    logging::init(
        cli.global.log_level.as_deref(),
        cli.global.log_format,
        matches!(cli.command, cli::Command::Demo(_)),
    );
    if let Some(used) = &cli.profile_used {
        tracing::debug!(profile = %used.name, settings = ?used.filled, "flags left unset take the profile's values");
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            return cmd::report(anyhow::Error::from(e).context("cannot start the async runtime"))
        }
    };
    let code = match runtime.block_on(cmd::run(cli)) {
        Ok(code) => code,
        Err(err) => cmd::report(err),
    };
    // A command that gave up on a blocking thread (consume's --shutdown-timeout backstop)
    // must not wait for it here; any other is done by now.
    runtime.shutdown_timeout(std::time::Duration::from_millis(200));
    code
}
