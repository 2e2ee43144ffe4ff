//! Named profiles from kmsg's config file: where a cluster is and how to reach it (bootstrap,
//! security protocol, SASL, TLS files, schema registry) and the pipeline's names (topics,
//! group), chosen with `--profile NAME`, `KMSG_PROFILE`, or the file's `default`.
//!
//! The file is `$KMSG_CONFIG` when set (it must exist), else
//! `$XDG_CONFIG_HOME/kmsg/config.toml`, else `~/.config/kmsg/config.toml` (absent: no
//! profiles). This module is pure: it finds the path, parses the text (TOML, unknown keys
//! refused with their line and column, a password written inline refused: secrets live in
//! files), resolves paths and picks the profile. Filling the command line's defaults from a
//! profile (flag > env > profile > built-in default) is the CLI's part (`cli::profile`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// Names the config file (overrides the XDG location; the file must exist).
pub const CONFIG_ENV: &str = "KMSG_CONFIG";
/// Names the profile when `--profile` is not given.
pub const PROFILE_ENV: &str = "KMSG_PROFILE";

/// One profile: every setting optional. Each fills the flags that read the environment
/// variable next to it in `SETTINGS`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    pub bootstrap: Option<String>,
    pub security_protocol: Option<String>,
    pub sasl_mechanism: Option<String>,
    pub sasl_username: Option<String>,
    pub sasl_password_file: Option<PathBuf>,
    pub tls_ca: Option<PathBuf>,
    pub tls_cert: Option<PathBuf>,
    pub tls_key: Option<PathBuf>,
    pub schema_registry: Option<String>,
    pub schema_registry_user: Option<String>,
    pub schema_registry_password_file: Option<PathBuf>,
    pub schema_registry_ca: Option<PathBuf>,
    pub input_topic: Option<String>,
    pub output_topic: Option<String>,
    pub dlq_topic: Option<String>,
    pub group: Option<String>,
}

/// Each profile key and the environment variable of the flags it fills (`--bootstrap`
/// reads BOOTSTRAP_SERVERS, every topic flag of the pipeline's input reads INPUT_TOPIC, ...).
pub const SETTINGS: &[(&str, &str)] = &[
    ("bootstrap", "BOOTSTRAP_SERVERS"),
    ("security_protocol", "KMSG_SECURITY_PROTOCOL"),
    ("sasl_mechanism", "KMSG_SASL_MECHANISM"),
    ("sasl_username", "KMSG_SASL_USERNAME"),
    ("sasl_password_file", "KMSG_SASL_PASSWORD_FILE"),
    ("tls_ca", "KMSG_TLS_CA"),
    ("tls_cert", "KMSG_TLS_CERT"),
    ("tls_key", "KMSG_TLS_KEY"),
    ("schema_registry", "SCHEMA_REGISTRY_URL"),
    ("schema_registry_user", "SCHEMA_REGISTRY_USER"),
    (
        "schema_registry_password_file",
        "SCHEMA_REGISTRY_PASSWORD_FILE",
    ),
    ("schema_registry_ca", "SCHEMA_REGISTRY_CA"),
    ("input_topic", "INPUT_TOPIC"),
    ("output_topic", "OUTPUT_TOPIC"),
    ("dlq_topic", "DLQ_TOPIC"),
    ("group", "GROUP_ID"),
];

/// Keys whose value is a file holding a secret: a config file naming one should not be
/// readable by others.
const SECRET_FILES: &[&str] = &[
    "sasl_password_file",
    "schema_registry_password_file",
    "tls_key",
];

impl Profile {
    /// The settings the profile gives, as (key, value), in `SETTINGS` order.
    pub fn settings(&self) -> Vec<(&'static str, String)> {
        let path = |p: &Option<PathBuf>| p.as_ref().map(|p| p.to_string_lossy().into_owned());
        let values = [
            self.bootstrap.clone(),
            self.security_protocol.clone(),
            self.sasl_mechanism.clone(),
            self.sasl_username.clone(),
            path(&self.sasl_password_file),
            path(&self.tls_ca),
            path(&self.tls_cert),
            path(&self.tls_key),
            self.schema_registry.clone(),
            self.schema_registry_user.clone(),
            path(&self.schema_registry_password_file),
            path(&self.schema_registry_ca),
            self.input_topic.clone(),
            self.output_topic.clone(),
            self.dlq_topic.clone(),
            self.group.clone(),
        ];
        SETTINGS
            .iter()
            .zip(values)
            .filter_map(|((key, _), v)| v.map(|v| (*key, v)))
            .collect()
    }

    /// The settings keyed by the environment variable of the flags they fill.
    pub fn by_env(&self) -> BTreeMap<&'static str, String> {
        self.settings()
            .into_iter()
            .filter_map(|(key, v)| {
                SETTINGS
                    .iter()
                    .find(|(k, _)| *k == key)
                    .map(|(_, env)| (*env, v))
            })
            .collect()
    }

    fn names_secret_files(&self) -> bool {
        self.settings()
            .iter()
            .any(|(k, _)| SECRET_FILES.contains(k))
    }

    /// Makes every path absolute: `~/` is the home directory, a relative path is relative to
    /// the config file's directory.
    fn resolve_paths(&mut self, base: &Path, home: Option<&Path>) {
        for p in [
            &mut self.sasl_password_file,
            &mut self.tls_ca,
            &mut self.tls_cert,
            &mut self.tls_key,
            &mut self.schema_registry_password_file,
            &mut self.schema_registry_ca,
        ]
        .into_iter()
        .flatten()
        {
            *p = resolve(p, base, home);
        }
    }
}

fn resolve(p: &Path, base: &Path, home: Option<&Path>) -> PathBuf {
    if let (Ok(rest), Some(home)) = (p.strip_prefix("~"), home) {
        return home.join(rest);
    }
    if p.is_relative() {
        return base.join(p);
    }
    p.to_path_buf()
}

/// The config file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileText {
    default: Option<String>,
    #[serde(default)]
    profiles: BTreeMap<String, Profile>,
}

/// A parsed config file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileFile {
    pub path: PathBuf,
    /// The profile used when none is named.
    pub default: Option<String>,
    pub profiles: BTreeMap<String, Profile>,
}

/// Failures to read the config file or to pick a profile; all are usage errors (exit 2).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProfileError {
    #[error("config file {path}: line {line}, column {column}: {message}")]
    Malformed {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("config file {path}: {key} holds a password inline; put the password in a file of its own (chmod 600) and name it with {file_key} = \"PATH\"")]
    InlinePassword {
        path: String,
        key: String,
        file_key: String,
    },
    #[error("{CONFIG_ENV} names {path}, which does not exist: create it, or unset {CONFIG_ENV}")]
    MissingConfigFile { path: String },
    #[error("cannot read config file {path}: {reason}")]
    Unreadable { path: String, reason: String },
    #[error("profile {name} (from {by}) is not defined: there is no config file at {path} (create it, or point {CONFIG_ENV} at one)")]
    NoConfigFile {
        name: String,
        by: String,
        path: String,
    },
    #[error("profile {name} (from {by}) is not in {path}; {known}")]
    UnknownProfile {
        name: String,
        by: String,
        path: String,
        known: String,
    },
    #[error("profile {profile} in {path}: {key} = {value:?} is invalid: {reason}")]
    InvalidValue {
        profile: String,
        path: String,
        key: String,
        value: String,
        reason: String,
    },
}

/// Where the config file is: `$KMSG_CONFIG` (then it must exist: `true`), else the XDG
/// location. `None` when neither XDG_CONFIG_HOME nor HOME is set.
pub fn config_path(
    kmsg_config: Option<PathBuf>,
    xdg_config_home: Option<PathBuf>,
    home: Option<PathBuf>,
) -> Option<(PathBuf, bool)> {
    if let Some(p) = kmsg_config.filter(|p| !p.as_os_str().is_empty()) {
        return Some((p, true));
    }
    // The XDG spec: a relative XDG_CONFIG_HOME is invalid and ignored.
    let base = xdg_config_home
        .filter(|p| p.is_absolute())
        .or_else(|| home.map(|h| h.join(".config")))?;
    Some((base.join("kmsg").join("config.toml"), false))
}

/// Parses a config file's text. Paths in it are resolved against `path`'s directory and
/// `home` (pure; unit-tested).
pub fn parse(path: &Path, text: &str, home: Option<&Path>) -> Result<ProfileFile, ProfileError> {
    let shown = path.display().to_string();
    let malformed = |e: toml::de::Error| {
        let (line, column) = e
            .span()
            .map_or((1, 1), |span| line_and_column(text, span.start));
        ProfileError::Malformed {
            path: shown.clone(),
            line,
            column,
            message: e.message().trim().replace('\n', " "),
        }
    };
    // First as plain TOML, to refuse a password written inline with its own message rather
    // than as an unknown key.
    let table: toml::Table = toml::from_str(text).map_err(malformed)?;
    if let Some(key) = inline_password(&table) {
        let file_key = match key.rsplit('.').next() {
            Some(k) if k.contains("registry") => "schema_registry_password_file",
            _ => "sasl_password_file",
        };
        return Err(ProfileError::InlinePassword {
            path: shown,
            key,
            file_key: file_key.into(),
        });
    }
    let file: FileText = toml::from_str(text).map_err(malformed)?;
    let base = path.parent().unwrap_or(Path::new("."));
    let mut profiles = file.profiles;
    for profile in profiles.values_mut() {
        profile.resolve_paths(base, home);
    }
    Ok(ProfileFile {
        path: path.to_path_buf(),
        default: file.default,
        profiles,
    })
}

/// The first key (as `profiles.NAME.KEY`) that looks like a password and is not a file.
fn inline_password(table: &toml::Table) -> Option<String> {
    let is_password = |k: &str| {
        let k = k.to_ascii_lowercase();
        (k.contains("password") || k.contains("secret")) && !k.ends_with("_file")
    };
    for (k, v) in table {
        if is_password(k) {
            return Some(k.clone());
        }
        if let toml::Value::Table(inner) = v {
            if let Some(found) = inline_password(inner) {
                return Some(format!("{k}.{found}"));
            }
        }
    }
    None
}

/// 1-based line and column (in characters) of a byte offset.
fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// Reads and parses the config file. A missing file is `Ok(None)` unless it was named
/// explicitly (`KMSG_CONFIG`).
pub fn load(
    path: &Path,
    explicit: bool,
    home: Option<&Path>,
) -> Result<Option<ProfileFile>, ProfileError> {
    match std::fs::read_to_string(path) {
        Ok(text) => parse(path, &text, home).map(Some),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if explicit {
                Err(ProfileError::MissingConfigFile {
                    path: path.display().to_string(),
                })
            } else {
                Ok(None)
            }
        }
        Err(e) => Err(ProfileError::Unreadable {
            path: path.display().to_string(),
            reason: e.to_string(),
        }),
    }
}

impl ProfileFile {
    /// True when the file names a secret file (a password file, a TLS key) and its mode
    /// lets group or others read it: worth a warning.
    pub fn exposes_secrets(&self, mode: u32) -> bool {
        mode & 0o044 != 0 && self.profiles.values().any(Profile::names_secret_files)
    }

    fn known(&self) -> String {
        if self.profiles.is_empty() {
            "it defines no profiles".into()
        } else {
            format!(
                "known profiles: {}",
                self.profiles.keys().cloned().collect::<Vec<_>>().join(", ")
            )
        }
    }
}

/// Where the profile's name came from, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NamedBy {
    /// A command's own argument (`kmsg profile show NAME`).
    Argument,
    Flag,
    Env,
    FileDefault,
}

impl std::fmt::Display for NamedBy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            NamedBy::Argument => "the command line",
            NamedBy::Flag => "--profile",
            NamedBy::Env => PROFILE_ENV,
            NamedBy::FileDefault => "the config file's default",
        })
    }
}

/// Picks the profile: the one named (by `--profile` or `KMSG_PROFILE`), else the file's
/// `default`, else none. A name that is not in the file is an error naming the known ones.
pub fn select<'a>(
    file: Option<&'a ProfileFile>,
    path: &Path,
    named: Option<(&str, NamedBy)>,
) -> Result<Option<(&'a str, &'a Profile)>, ProfileError> {
    let (name, by) = match (named, file.and_then(|f| f.default.as_deref())) {
        (Some((name, by)), _) => (name.to_string(), by),
        (None, Some(default)) => (default.to_string(), NamedBy::FileDefault),
        (None, None) => return Ok(None),
    };
    let Some(file) = file else {
        return Err(ProfileError::NoConfigFile {
            name,
            by: by.to_string(),
            path: path.display().to_string(),
        });
    };
    file.profiles
        .get_key_value(&name)
        .map(|(k, p)| Some((k.as_str(), p)))
        .ok_or_else(|| ProfileError::UnknownProfile {
            name,
            by: by.to_string(),
            path: file.path.display().to_string(),
            known: file.known(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = r#"
default = "dev"

[profiles.dev]
bootstrap = "localhost:9092"
input_topic = "events"
group = "pipeline"

[profiles.prod]
bootstrap = "k1:9093,k2:9093"
security_protocol = "SASL_SSL"
sasl_mechanism = "SCRAM-SHA-512"
sasl_username = "kmsg"
sasl_password_file = "~/.secrets/kafka"
tls_ca = "ca.pem"
schema_registry = "https://sr:8081"
schema_registry_password_file = "/etc/kmsg/sr.password"
"#;

    fn parsed(text: &str) -> Result<ProfileFile, ProfileError> {
        parse(
            Path::new("/conf/kmsg/config.toml"),
            text,
            Some(Path::new("/home/u")),
        )
    }

    #[test]
    fn parses_profiles_the_default_and_resolves_paths() {
        let file = parsed(FILE).unwrap();
        assert_eq!(file.default.as_deref(), Some("dev"));
        assert_eq!(file.profiles.len(), 2);
        let prod = &file.profiles["prod"];
        assert_eq!(
            prod.sasl_password_file.as_deref(),
            Some(Path::new("/home/u/.secrets/kafka"))
        );
        assert_eq!(prod.tls_ca.as_deref(), Some(Path::new("/conf/kmsg/ca.pem")));
        assert_eq!(
            prod.schema_registry_password_file.as_deref(),
            Some(Path::new("/etc/kmsg/sr.password"))
        );
        let dev = file.profiles["dev"].by_env();
        assert_eq!(dev["BOOTSTRAP_SERVERS"], "localhost:9092");
        assert_eq!(dev["INPUT_TOPIC"], "events");
        assert_eq!(dev["GROUP_ID"], "pipeline");
        assert_eq!(dev.len(), 3);
    }

    #[test]
    fn every_setting_has_an_environment_variable() {
        let all = Profile {
            bootstrap: Some("b".into()),
            security_protocol: Some("s".into()),
            sasl_mechanism: Some("m".into()),
            sasl_username: Some("u".into()),
            sasl_password_file: Some("p".into()),
            tls_ca: Some("c".into()),
            tls_cert: Some("c".into()),
            tls_key: Some("k".into()),
            schema_registry: Some("r".into()),
            schema_registry_user: Some("u".into()),
            schema_registry_password_file: Some("p".into()),
            schema_registry_ca: Some("c".into()),
            input_topic: Some("i".into()),
            output_topic: Some("o".into()),
            dlq_topic: Some("d".into()),
            group: Some("g".into()),
        };
        assert_eq!(all.settings().len(), SETTINGS.len());
        assert_eq!(all.by_env().len(), SETTINGS.len());
    }

    #[test]
    fn an_unknown_key_is_refused_with_its_line_and_column() {
        let err = parsed("[profiles.dev]\nbootstrap = \"b\"\n  bootstrp = \"x\"\n").unwrap_err();
        match &err {
            ProfileError::Malformed {
                line,
                column,
                message,
                ..
            } => {
                assert_eq!((*line, *column), (3, 3), "{err}");
                assert!(message.contains("bootstrp"), "{message}");
            }
            other => panic!("{other:?}"),
        }
        assert!(!err.to_string().contains('\n'), "{err}");
    }

    #[test]
    fn a_syntax_error_is_refused_with_its_line_and_column() {
        let err = parsed("default = \"dev\"\n[profiles.dev\n").unwrap_err();
        assert!(
            matches!(err, ProfileError::Malformed { line: 2, .. }),
            "{err}"
        );
        assert!(err
            .to_string()
            .starts_with("config file /conf/kmsg/config.toml: line 2"));
    }

    #[test]
    fn a_password_written_inline_is_refused_pointing_at_the_file_key() {
        for (text, key, file_key) in [
            (
                "[profiles.dev]\nsasl_password = \"hunter2\"\n",
                "profiles.dev.sasl_password",
                "sasl_password_file",
            ),
            (
                "[profiles.dev]\npassword = \"hunter2\"\n",
                "profiles.dev.password",
                "sasl_password_file",
            ),
            (
                "[profiles.dev]\nschema_registry_password = \"x\"\n",
                "profiles.dev.schema_registry_password",
                "schema_registry_password_file",
            ),
        ] {
            let err = parsed(text).unwrap_err();
            assert_eq!(
                err,
                ProfileError::InlinePassword {
                    path: "/conf/kmsg/config.toml".into(),
                    key: key.into(),
                    file_key: file_key.into()
                }
            );
            assert!(!err.to_string().contains("hunter2"));
        }
    }

    #[test]
    fn selects_the_named_profile_else_the_default_else_none() {
        let file = parsed(FILE).unwrap();
        let path = Path::new("/conf/kmsg/config.toml");
        let name = |named| select(Some(&file), path, named).unwrap().map(|(n, _)| n);
        assert_eq!(name(Some(("prod", NamedBy::Flag))), Some("prod"));
        assert_eq!(name(None), Some("dev"));
        let no_default = parsed("[profiles.a]\n").unwrap();
        assert_eq!(select(Some(&no_default), path, None).unwrap(), None);
        assert_eq!(select(None, path, None).unwrap(), None);
    }

    #[test]
    fn an_unknown_profile_names_the_known_ones_and_where_its_name_came_from() {
        let file = parsed(FILE).unwrap();
        let path = Path::new("/conf/kmsg/config.toml");
        let err = select(Some(&file), path, Some(("stage", NamedBy::Env))).unwrap_err();
        assert_eq!(
            err.to_string(),
            "profile stage (from KMSG_PROFILE) is not in /conf/kmsg/config.toml; known profiles: dev, prod"
        );
        let bad_default = parsed("default = \"x\"\n[profiles.a]\n").unwrap();
        let err = select(Some(&bad_default), path, None).unwrap_err();
        assert!(
            err.to_string().contains("the config file's default"),
            "{err}"
        );
        let err = select(None, path, Some(("dev", NamedBy::Flag))).unwrap_err();
        assert!(matches!(err, ProfileError::NoConfigFile { .. }), "{err}");
    }

    #[test]
    fn finds_the_file_from_kmsg_config_then_xdg_then_home() {
        let p = |s: &str| Some(PathBuf::from(s));
        assert_eq!(
            config_path(p("/x.toml"), p("/xdg"), p("/home/u")),
            Some((PathBuf::from("/x.toml"), true))
        );
        assert_eq!(
            config_path(None, p("/xdg"), p("/home/u")),
            Some((PathBuf::from("/xdg/kmsg/config.toml"), false))
        );
        assert_eq!(
            config_path(None, p("relative"), p("/home/u")),
            Some((PathBuf::from("/home/u/.config/kmsg/config.toml"), false))
        );
        assert_eq!(config_path(None, None, None), None);
    }

    #[test]
    fn warns_only_for_a_file_that_names_secrets_and_others_can_read() {
        let file = parsed(FILE).unwrap();
        assert!(file.exposes_secrets(0o644));
        assert!(file.exposes_secrets(0o640));
        assert!(!file.exposes_secrets(0o600));
        let plain = parsed("[profiles.a]\nbootstrap = \"b\"\n").unwrap();
        assert!(!plain.exposes_secrets(0o644));
    }
}
