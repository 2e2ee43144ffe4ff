//! `--profile`, `KMSG_PROFILE` and `kmsg profile list|show` where no cluster is needed: the
//! config file's errors (exit 2, one line), its listing, and the warning about a file others
//! can read.

use std::path::{Path, PathBuf};

use predicates::prelude::*;

use crate::harness::kmsg;

/// Writes a config file (mode 600) in a fresh directory; returns the directory and the file.
fn config(text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    write(&path, text, 0o600);
    (dir, path)
}

fn write(path: &Path, text: &str, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::write(path, text).unwrap();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

const FILE: &str = r#"
default = "dev"

[profiles.dev]
bootstrap = "127.0.0.1:1"
input_topic = "events"

[profiles.prod]
bootstrap = "k1:9093"
security_protocol = "SASL_SSL"
sasl_mechanism = "SCRAM-SHA-512"
sasl_username = "kmsg"
sasl_password_file = "prod.password"
"#;

#[test]
fn profile_list_shows_the_names_the_default_and_the_path() {
    let (_dir, path) = config(FILE);
    let out = kmsg()
        .env("KMSG_CONFIG", &path)
        .args(["profile", "list", "-o", "json"])
        .assert()
        .success();
    let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v["path"], path.to_str().unwrap());
    assert_eq!(v["default"], "dev");
    assert_eq!(
        v["profiles"],
        serde_json::json!([{"name": "dev", "default": true}, {"name": "prod", "default": false}])
    );
    kmsg()
        .env("KMSG_CONFIG", &path)
        .args(["profile", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains(path.to_str().unwrap()))
        .stdout(predicate::str::is_match(r"\| dev +\| yes").unwrap());
}

#[test]
fn profile_show_prints_settings_with_password_files_as_paths_never_their_contents() {
    let (dir, path) = config(FILE);
    write(&dir.path().join("prod.password"), "hunter2-secret\n", 0o600);
    let out = kmsg()
        .env("KMSG_CONFIG", &path)
        .args(["profile", "show", "prod", "-o", "json"])
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(!stdout.contains("hunter2"), "{stdout}");
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["name"], "prod");
    assert_eq!(v["default"], false);
    // A relative path is relative to the config file's directory.
    let pw = dir.path().join("prod.password");
    assert_eq!(v["settings"]["sasl_password_file"], pw.to_str().unwrap());
    assert_eq!(v["settings"]["security_protocol"], "SASL_SSL");
    // Without a name: the file's default.
    kmsg()
        .env("KMSG_CONFIG", &path)
        .args(["profile", "show"])
        .assert()
        .success()
        .stdout(predicate::str::contains("profile dev (default)"))
        .stdout(predicate::str::contains("events"));
}

#[test]
fn an_unknown_profile_is_refused_naming_the_known_ones() {
    let (_dir, path) = config(FILE);
    for (flag, env) in [(Some("stage"), None), (None, Some("stage"))] {
        let mut cmd = kmsg();
        cmd.env("KMSG_CONFIG", &path);
        if let Some(name) = flag {
            cmd.args(["--profile", name]);
        }
        if let Some(name) = env {
            cmd.env("KMSG_PROFILE", name);
        }
        cmd.args(["topics", "list"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("profile stage (from "))
            .stderr(predicate::str::contains("known profiles: dev, prod"));
    }
}

#[test]
fn a_malformed_file_is_refused_with_the_line_and_column() {
    let (_dir, path) = config("[profiles.dev]\nbootstrap = \"b\"\nbootstrp = \"x\"\n");
    let out = kmsg()
        .env("KMSG_CONFIG", &path)
        .args(["topics", "list"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!(
            "config file {}: line 3, column 1: unknown field `bootstrp`",
            path.display()
        )));
    assert_eq!(
        String::from_utf8_lossy(&out.get_output().stderr)
            .lines()
            .count(),
        1
    );
}

#[test]
fn a_missing_kmsg_config_file_is_refused() {
    kmsg()
        .env("KMSG_CONFIG", "/no/such/kmsg.toml")
        .args(["topics", "list"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "KMSG_CONFIG names /no/such/kmsg.toml, which does not exist",
        ));
}

#[test]
fn a_password_written_inline_is_refused_without_echoing_it() {
    let (_dir, path) = config("[profiles.dev]\nsasl_password = \"hunter2\"\n");
    kmsg()
        .env("KMSG_CONFIG", &path)
        .args(["profile", "list"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "sasl_password holds a password inline",
        ))
        .stderr(predicate::str::contains("sasl_password_file"))
        .stderr(predicate::str::contains("hunter2").not());
}

#[test]
fn a_file_others_can_read_that_names_password_files_is_warned_about() {
    let (_dir, path) = config(FILE);
    let warning = "others can read it: chmod 600";
    kmsg()
        .env("KMSG_CONFIG", &path)
        .args(["profile", "list"])
        .assert()
        .success()
        .stderr(predicate::str::contains(warning).not());
    write(&path, FILE, 0o644);
    let out = kmsg()
        .env("KMSG_CONFIG", &path)
        .args(["profile", "list"])
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert_eq!(stderr.matches(warning).count(), 1, "{stderr}");
}

#[test]
fn the_profile_fills_connection_flags_and_a_flag_wins() {
    // Nothing listens at 127.0.0.1:1: the profile's bootstrap is what kmsg tried.
    let (_dir, path) = config(FILE);
    kmsg()
        .env("KMSG_CONFIG", &path)
        .args(["topics", "list", "--timeout", "2s"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("127.0.0.1:1"));
    kmsg()
        .env("KMSG_CONFIG", &path)
        .args(["topics", "list", "--timeout", "2s", "-b", "127.0.0.1:2"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("127.0.0.1:2"))
        .stderr(predicate::str::contains("127.0.0.1:1").not());
}
