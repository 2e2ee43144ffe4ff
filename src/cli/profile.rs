//! The flags of `kmsg profile list|show`, and how a profile fills the command line.
//!
//! Precedence is flag > env > profile > built-in default. A profile setting becomes the
//! default value of every flag that reads its environment variable (`bootstrap` fills
//! `--bootstrap`, which reads BOOTSTRAP_SERVERS; `input_topic` fills every flag that reads
//! INPUT_TOPIC), so clap's own order of value sources (`ValueSource::CommandLine`, then
//! `EnvVariable`, then `DefaultValue`) keeps a flag or its env var ahead of the profile, and a
//! required flag (`consume --group`) is satisfied by it. After parsing, `from_profile` reads
//! `ArgMatches::value_source` to list the settings the profile did fill.

use std::collections::BTreeSet;
use std::ffi::OsString;
use std::path::PathBuf;

use clap::parser::ValueSource;
use clap::{Args, Subcommand, ValueEnum};

use crate::kafka::options::{SaslMechanism, SecurityProtocol};
use crate::profile::{self, NamedBy, Profile, ProfileError, ProfileFile};

#[derive(Debug, Subcommand)]
pub enum ProfileCommand {
    /// The profiles in the config file, which one is the default, and the file's path
    List,
    /// One profile's settings (password files as paths, never their contents)
    Show(ProfileShowArgs),
}

#[derive(Debug, Args)]
pub struct ProfileShowArgs {
    /// Profile to show [default: the one --profile or KMSG_PROFILE names, else the file's default]
    pub name: Option<String>,
}

/// The config file's location as the environment gives it: `(path, named by KMSG_CONFIG)`.
pub fn config_location() -> Option<(PathBuf, bool)> {
    profile::config_path(
        std::env::var_os(profile::CONFIG_ENV).map(PathBuf::from),
        std::env::var_os("XDG_CONFIG_HOME").map(PathBuf::from),
        std::env::var_os("HOME").map(PathBuf::from),
    )
}

/// Reads the config file (if any), warning on stderr when others can read a file that names
/// secret files.
pub fn load_config() -> Result<(Option<PathBuf>, Option<ProfileFile>), ProfileError> {
    let Some((path, explicit)) = config_location() else {
        return Ok((None, None));
    };
    let home = std::env::var_os("HOME").map(PathBuf::from);
    let file = profile::load(&path, explicit, home.as_deref())?;
    if let Some(f) = &file {
        warn_if_exposed(f);
    }
    Ok((Some(path), file))
}

/// Warns once per run (the file is read when parsing and again by `kmsg profile`).
#[cfg(unix)]
fn warn_if_exposed(file: &ProfileFile) {
    use std::os::unix::fs::PermissionsExt;
    use std::sync::atomic::{AtomicBool, Ordering};
    static WARNED: AtomicBool = AtomicBool::new(false);
    if WARNED.load(Ordering::Relaxed) {
        return;
    }
    if let Ok(meta) = std::fs::metadata(&file.path) {
        if file.exposes_secrets(meta.permissions().mode()) {
            WARNED.store(true, Ordering::Relaxed);
            eprintln!(
                "kmsg: warning: {} names password or key files and others can read it: chmod 600 {}",
                file.path.display(),
                file.path.display()
            );
        }
    }
}

#[cfg(not(unix))]
fn warn_if_exposed(_: &ProfileFile) {}

/// The profile named on the command line (`--profile NAME` or `--profile=NAME`, before any
/// `--`), read before clap parses since the profile changes what clap parses with.
pub fn profile_flag(args: &[OsString]) -> Option<String> {
    let mut it = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(arg) = it.next() {
        if arg == "--" {
            return None;
        }
        if arg == "--profile" {
            return it.next().map(|v| v.into_owned());
        }
        if let Some(v) = arg.strip_prefix("--profile=") {
            return Some(v.to_string());
        }
    }
    None
}

/// The profile that applies to this run, with its name: from `--profile`, `KMSG_PROFILE`, or
/// the config file's default; `None` when none is named and the file has no default.
pub fn chosen_profile(args: &[OsString]) -> Result<Option<(String, Profile)>, ProfileError> {
    let named = match profile_flag(args) {
        Some(name) => Some((name, NamedBy::Flag)),
        None => std::env::var(profile::PROFILE_ENV)
            .ok()
            .filter(|v| !v.is_empty())
            .map(|name| (name, NamedBy::Env)),
    };
    let (path, file) = load_config()?;
    let path = path.unwrap_or_else(|| PathBuf::from("~/.config/kmsg/config.toml"));
    let chosen = profile::select(
        file.as_ref(),
        &path,
        named.as_ref().map(|(n, by)| (n.as_str(), *by)),
    )?;
    match chosen {
        None => Ok(None),
        Some((name, p)) => {
            validate(name, &path, p)?;
            Ok(Some((name.to_string(), p.clone())))
        }
    }
}

/// Refuses a profile value clap would refuse as a flag value, naming the profile and key.
fn validate(name: &str, path: &std::path::Path, p: &Profile) -> Result<(), ProfileError> {
    let invalid = |key: &str, value: &str, reason: String| ProfileError::InvalidValue {
        profile: name.to_string(),
        path: path.display().to_string(),
        key: key.to_string(),
        value: value.to_string(),
        reason,
    };
    if let Some(v) = &p.security_protocol {
        SecurityProtocol::from_str(v, true).map_err(|_| {
            invalid(
                "security_protocol",
                v,
                "use PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL".into(),
            )
        })?;
    }
    if let Some(v) = &p.sasl_mechanism {
        SaslMechanism::from_str(v, true).map_err(|_| {
            invalid(
                "sasl_mechanism",
                v,
                "use PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512".into(),
            )
        })?;
    }
    Ok(())
}

/// Makes the profile's settings the default values of the flags they fill, in `cmd` and all
/// its subcommands. `env_is_set` says whether an environment variable is set.
pub fn apply(cmd: clap::Command, p: &Profile, env_is_set: &dyn Fn(&str) -> bool) -> clap::Command {
    apply_under(cmd, p, env_is_set, false)
}

fn apply_under(
    cmd: clap::Command,
    p: &Profile,
    env_is_set: &dyn Fn(&str) -> bool,
    under_dlq: bool,
) -> clap::Command {
    let under_dlq = under_dlq || cmd.get_name() == "dlq";
    let by_env = p.by_env();
    let mut cmd = cmd.mut_args(|arg| {
        let value = arg
            .get_env()
            .and_then(|env| by_env.get(env.to_str().unwrap_or_default()));
        match value {
            Some(v) => arg.default_value(v.clone()).required(false),
            None => arg,
        }
    });
    // `dlq` subcommands default to <INPUT_TOPIC>.dlq; with a profile's input topic (and no
    // INPUT_TOPIC in the environment, which would win), that is <its input topic>.dlq.
    if under_dlq && p.dlq_topic.is_none() && !env_is_set("INPUT_TOPIC") {
        if let Some(input) = &p.input_topic {
            let dlq = format!("{input}.dlq");
            cmd = cmd.mut_args(|arg| {
                if arg.get_env().is_some_and(|e| e == "DLQ_TOPIC") {
                    arg.default_value(dlq.clone())
                } else {
                    arg
                }
            });
        }
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        cmd = cmd.mut_subcommand(&name, |sc| apply_under(sc, p, env_is_set, under_dlq));
    }
    cmd
}

/// The flags (by id) whose value came from the profile: those with an environment variable
/// the profile fills, left at their default (`ValueSource::DefaultValue`).
pub fn from_profile(cmd: &clap::Command, matches: &clap::ArgMatches, p: &Profile) -> Vec<String> {
    let by_env = p.by_env();
    let mut out = BTreeSet::new();
    collect(cmd, matches, &by_env, &mut out);
    out.into_iter().collect()
}

fn collect(
    cmd: &clap::Command,
    matches: &clap::ArgMatches,
    by_env: &std::collections::BTreeMap<&'static str, String>,
    out: &mut BTreeSet<String>,
) {
    for arg in cmd.get_arguments() {
        let fills = arg
            .get_env()
            .is_some_and(|e| by_env.contains_key(e.to_str().unwrap_or_default()));
        let id = arg.get_id().as_str();
        if fills
            && matches.try_contains_id(id).unwrap_or(false)
            && matches.value_source(id) == Some(ValueSource::DefaultValue)
        {
            out.insert(id.to_string());
        }
    }
    if let Some((name, sub)) = matches.subcommand() {
        if let Some(sc) = cmd.find_subcommand(name) {
            collect(sc, sub, by_env, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::{Cli, Command};
    use clap::{CommandFactory, FromArgMatches};

    fn os(args: &[&str]) -> Vec<OsString> {
        args.iter().map(OsString::from).collect()
    }

    fn profile() -> Profile {
        Profile {
            bootstrap: Some("profile:9092".into()),
            security_protocol: Some("SASL_SSL".into()),
            input_topic: Some("events".into()),
            group: Some("from-profile".into()),
            ..Profile::default()
        }
    }

    /// Parses argv with the profile applied; no environment variable counts as set (the
    /// arguments use ids no test environment sets).
    fn parse(p: &Profile, argv: &[&str]) -> (Cli, Vec<String>) {
        // `try_parse`'s command (hidden copies of the globals in every subcommand), with no
        // environment variable counted as set.
        let mut cmd = crate::cli::hide_globals_in_subcommands(apply(Cli::command(), p, &|_| false));
        let matches = cmd.try_get_matches_from_mut(argv).unwrap();
        let filled = from_profile(&cmd, &matches, p);
        (Cli::from_arg_matches(&matches).unwrap(), filled)
    }

    #[test]
    fn finds_the_profile_flag_before_clap_parses() {
        assert_eq!(
            profile_flag(&os(&["kmsg", "topics", "list", "--profile", "dev"])),
            Some("dev".into())
        );
        assert_eq!(
            profile_flag(&os(&["kmsg", "--profile=prod", "view"])),
            Some("prod".into())
        );
        assert_eq!(
            profile_flag(&os(&["kmsg", "produce", "--", "--profile", "x"])),
            None
        );
        assert_eq!(profile_flag(&os(&["kmsg", "topics", "list"])), None);
    }

    #[test]
    fn the_profile_fills_flags_left_at_their_default_and_a_flag_wins() {
        let p = profile();
        let (cli, filled) = parse(&p, &["kmsg", "consume"]);
        assert_eq!(cli.global.bootstrap.as_deref(), Some("profile:9092"));
        assert_eq!(
            cli.global.security_protocol,
            Some(SecurityProtocol::SaslSsl)
        );
        match cli.command {
            Command::Consume(a) => {
                // A required flag is satisfied by the profile.
                assert_eq!(a.group, "from-profile");
                assert_eq!(a.topic.as_deref(), Some("events"));
            }
            _ => unreachable!("the argv names consume"),
        }
        assert!(filled.contains(&"bootstrap".to_string()), "{filled:?}");
        assert!(filled.contains(&"group".to_string()), "{filled:?}");

        let (cli, filled) = parse(
            &p,
            &["kmsg", "-b", "flag:1", "consume", "-g", "g", "-t", "t"],
        );
        assert_eq!(cli.global.bootstrap.as_deref(), Some("flag:1"));
        match cli.command {
            Command::Consume(a) => {
                assert_eq!(a.group, "g");
                assert_eq!(a.topic.as_deref(), Some("t"));
            }
            _ => unreachable!("the argv names consume"),
        }
        assert!(!filled.contains(&"bootstrap".to_string()), "{filled:?}");
        assert!(!filled.contains(&"group".to_string()), "{filled:?}");
    }

    #[test]
    fn the_profile_replaces_built_in_defaults() {
        let (cli, _) = parse(&profile(), &["kmsg", "produce", "--value", "{}"]);
        match cli.command {
            Command::Produce(a) => assert_eq!(a.topic, "events"),
            _ => unreachable!("the argv names produce"),
        }
        let (cli, _) = parse(&Profile::default(), &["kmsg", "produce", "--value", "{}"]);
        match cli.command {
            Command::Produce(a) => assert_eq!(a.topic, "posts"),
            _ => unreachable!("the argv names produce"),
        }
    }

    #[test]
    fn dlq_commands_default_to_the_profiles_input_topic_dot_dlq() {
        let (cli, _) = parse(&profile(), &["kmsg", "dlq", "list"]);
        match cli.command {
            Command::Dlq(crate::cli::DlqCommand::List(a)) => {
                assert_eq!(a.dlq.topic.as_deref(), Some("events.dlq"))
            }
            _ => unreachable!("the argv names dlq list"),
        }
    }

    #[test]
    fn a_bad_enum_value_in_a_profile_is_refused_naming_the_key() {
        let p = Profile {
            security_protocol: Some("TLS".into()),
            ..Profile::default()
        };
        let err = validate("dev", std::path::Path::new("/c.toml"), &p).unwrap_err();
        assert!(
            err.to_string().contains("security_protocol = \"TLS\""),
            "{err}"
        );
    }
}
