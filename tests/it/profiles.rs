//! Profiles against the real cluster: a config file that points kmsg at the cluster and names
//! the pipeline's topic, and a flag or env var that wins over it. What kmsg wrote is read back
//! with kcat.

use std::path::PathBuf;

use crate::harness::{bootstrap, create_topic, kcat_values, kmsg, unique};

/// Writes `text` as a config file (mode 600) in a fresh directory.
fn config(text: &str) -> (tempfile::TempDir, PathBuf) {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(&path, text).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    (dir, path)
}

fn values(topic: &str) -> Vec<String> {
    kcat_values(topic)
        .into_iter()
        .map(|v| String::from_utf8(v).unwrap())
        .collect()
}

#[test]
fn the_default_profile_points_kmsg_at_the_cluster_and_names_the_input_topic() {
    let topic = unique("profile-default");
    let other = unique("profile-named");
    create_topic(&topic, 1, 1);
    create_topic(&other, 1, 1);
    let (_dir, path) = config(&format!(
        "default = \"dev\"\n\n[profiles.dev]\nbootstrap = \"{}\"\ninput_topic = \"{topic}\"\n\n\
         [profiles.other]\nbootstrap = \"{}\"\ninput_topic = \"{other}\"\n",
        bootstrap(),
        bootstrap()
    ));
    // No BOOTSTRAP_SERVERS, no --bootstrap, no --topic: all from the default profile.
    kmsg()
        .env("KMSG_CONFIG", &path)
        .args(["produce", "--value", r#"{"n":1}"#])
        .assert()
        .success();
    assert_eq!(values(&topic), [r#"{"n":1}"#]);
    // KMSG_PROFILE names another profile, and --profile wins over it.
    kmsg()
        .env("KMSG_CONFIG", &path)
        .env("KMSG_PROFILE", "other")
        .args(["produce", "--value", r#"{"n":2}"#])
        .assert()
        .success();
    kmsg()
        .env("KMSG_CONFIG", &path)
        .env("KMSG_PROFILE", "other")
        .args(["--profile", "dev", "produce", "--value", r#"{"n":3}"#])
        .assert()
        .success();
    assert_eq!(values(&other), [r#"{"n":2}"#]);
    assert_eq!(values(&topic), [r#"{"n":1}"#, r#"{"n":3}"#]);
}

#[test]
fn a_flag_or_its_env_var_wins_over_the_profile() {
    let by_flag = unique("profile-flag");
    let by_env = unique("profile-env");
    create_topic(&by_flag, 1, 1);
    create_topic(&by_env, 1, 1);
    // Nothing listens at 127.0.0.1:1, and the profile's topic does not exist: a run that
    // took either from the profile would fail.
    let (_dir, path) = config(
        "[profiles.wrong]\nbootstrap = \"127.0.0.1:1\"\ninput_topic = \"profile-topic-that-does-not-exist\"\n",
    );
    kmsg()
        .env("KMSG_CONFIG", &path)
        .env("BOOTSTRAP_SERVERS", bootstrap())
        .args(["--profile", "wrong", "produce", "-t", &by_flag])
        .args(["--value", r#"{"via":"flag"}"#])
        .assert()
        .success();
    kmsg()
        .env("KMSG_CONFIG", &path)
        .env("INPUT_TOPIC", &by_env)
        .args(["--profile", "wrong", "produce", "-b", &bootstrap()])
        .args(["--value", r#"{"via":"env"}"#])
        .assert()
        .success();
    assert_eq!(values(&by_flag), [r#"{"via":"flag"}"#]);
    assert_eq!(values(&by_env), [r#"{"via":"env"}"#]);
}
