//! `kmsg profile list|show`: the config file's profiles, and one profile's settings.
//!
//! Needs no cluster (dispatched before the connection settings are checked, like `cluster`).
//! A profile can hold no secret but paths to files (an inline password is refused when the
//! file is read), so `show` prints password files as paths and never reads them.

use std::collections::BTreeMap;
use std::process::ExitCode;

use serde::Serialize;

use crate::cli::profile::load_config;
use crate::cli::{GlobalArgs, OutputFormat, ProfileCommand, ProfileShowArgs};
use crate::error::usage;
use crate::output;
use crate::profile::{self, NamedBy};

pub fn run(cmd: ProfileCommand, global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    match cmd {
        ProfileCommand::List => list(global.output),
        ProfileCommand::Show(args) => show(args, global),
    }
}

#[derive(Debug, Serialize)]
struct Listing {
    /// The config file's path (where kmsg looks, when it does not exist).
    path: Option<String>,
    exists: bool,
    default: Option<String>,
    profiles: Vec<ListRow>,
}

#[derive(Debug, Serialize)]
struct ListRow {
    name: String,
    default: bool,
}

fn list(format: OutputFormat) -> anyhow::Result<ExitCode> {
    let (path, file) = load_config()?;
    let default = file.as_ref().and_then(|f| f.default.clone());
    let listing = Listing {
        path: path.map(|p| p.display().to_string()),
        exists: file.is_some(),
        profiles: file
            .iter()
            .flat_map(|f| f.profiles.keys())
            .map(|name| ListRow {
                default: default.as_deref() == Some(name.as_str()),
                name: name.clone(),
            })
            .collect(),
        default,
    };
    if format == OutputFormat::Json {
        output::print_json(&listing)?;
        return Ok(ExitCode::SUCCESS);
    }
    let path = listing.path.as_deref().unwrap_or("(no HOME: none)");
    let mut text = if listing.exists {
        format!("config file {path}\n")
    } else {
        format!("no config file at {path}\n")
    };
    if !listing.profiles.is_empty() {
        let mut t = output::table(&["profile", "default"]);
        for r in &listing.profiles {
            t.add_row(vec![
                r.name.clone(),
                if r.default {
                    "yes".into()
                } else {
                    String::new()
                },
            ]);
        }
        text.push_str(&t.to_string());
    }
    output::print_text(&text)?;
    Ok(ExitCode::SUCCESS)
}

#[derive(Debug, Serialize)]
struct Shown {
    name: String,
    path: String,
    default: bool,
    /// Every setting the profile gives; password files as paths, never their contents.
    settings: BTreeMap<&'static str, String>,
}

fn show(args: ProfileShowArgs, global: &GlobalArgs) -> anyhow::Result<ExitCode> {
    let (path, file) = load_config()?;
    let path = path.unwrap_or_else(|| "~/.config/kmsg/config.toml".into());
    let named = match (&args.name, &global.profile) {
        (Some(n), _) => Some((n.as_str(), NamedBy::Argument)),
        (None, Some(n)) => {
            let by_env = std::env::var(profile::PROFILE_ENV).ok().as_deref() == Some(n.as_str());
            Some((
                n.as_str(),
                if by_env { NamedBy::Env } else { NamedBy::Flag },
            ))
        }
        (None, None) => None,
    };
    let Some((name, p)) = profile::select(file.as_ref(), &path, named)? else {
        let known = file
            .as_ref()
            .map(|f| f.profiles.keys().cloned().collect::<Vec<_>>().join(", "))
            .unwrap_or_default();
        return Err(usage(format!(
            "no profile named and {} has no default: give one (known: {})",
            path.display(),
            if known.is_empty() { "none" } else { &known }
        )));
    };
    let shown = Shown {
        name: name.to_string(),
        path: path.display().to_string(),
        default: file.as_ref().and_then(|f| f.default.as_deref()) == Some(name),
        settings: p.settings().into_iter().collect(),
    };
    if global.output == OutputFormat::Json {
        output::print_json(&shown)?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut text = format!(
        "profile {}{} in {}\n",
        shown.name,
        if shown.default { " (default)" } else { "" },
        shown.path
    );
    let mut t = output::table(&["setting", "value"]);
    // In the file's key order (`SETTINGS`), not alphabetical.
    for (k, v) in p.settings() {
        t.add_row(vec![k.to_string(), v]);
    }
    text.push_str(&t.to_string());
    output::print_text(&text)?;
    Ok(ExitCode::SUCCESS)
}
