//! The secured cluster (`kmsg cluster up --secure`: SASL_SSL with SCRAM-SHA-512, mutual TLS
//! between controllers, ACLs enforced): each role does its job with its own user and is
//! refused the rest, security mistakes are clear errors within seconds, no subcommand ever
//! shows the password, and bad security input is refused before any connection.
//!
//! Every test makes its own topics and group (random names) and applies the roles' ACLs for
//! them with `kmsg acl apply` as admin.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::harness::{json_lines, kmsg, unique, wait_bounded, SecureCluster, Spawned};

fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).to_string()
}

fn count_records(sc: &SecureCluster, topic: &str) -> usize {
    let out = sc
        .kmsg_as("admin")
        .args(["view", "-t", topic, "-o", "json"])
        .assert()
        .success();
    json_lines(&out.get_output().stdout).len()
}

#[test]
fn each_role_does_its_job_end_to_end_with_its_own_user() {
    let sc = SecureCluster::get();
    let group = unique("sec-g");
    let (input, output, dlq) = sc.pipeline("sec-e2e", &group);

    // producer: 40 posts, exactly 10 of them bad.
    let out = sc
        .kmsg_as("producer")
        .args([
            "produce",
            "-t",
            &input,
            "--generate",
            "posts",
            "--count",
            "40",
        ])
        .args(["--invalid-ratio", "0.25", "--seed", "11", "-o", "json"])
        .assert()
        .success();
    let summary = &json_lines(&out.get_output().stdout)[0];
    assert_eq!(summary["acknowledged"], 40, "{summary}");

    // consumer: 30 forwarded, 10 dead-lettered, in its own group.
    let out = sc
        .kmsg_as("consumer")
        .args([
            "consume",
            "-g",
            &group,
            "-t",
            &input,
            "--output-topic",
            &output,
        ])
        .args([
            "--dlq-topic",
            &dlq,
            "--max-messages",
            "40",
            "--idle-timeout",
            "20s",
        ])
        .args(["-o", "json"])
        .assert()
        .success();
    let summary = &json_lines(&out.get_output().stdout)[0];
    assert_eq!(summary["consumed"], 40, "{summary}");
    assert_eq!(summary["forwarded"], 30, "{summary}");
    assert_eq!(summary["dead_lettered_total"], 10, "{summary}");
    assert_eq!(count_records(&sc, &output), 30);
    assert_eq!(count_records(&sc, &dlq), 10);

    // dlq: reads the dead letters and replays them to the input topic.
    let out = sc
        .kmsg_as("dlq")
        .args(["dlq", "list", "-t", &dlq, "-o", "json"])
        .assert()
        .success();
    let letters: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(letters["dead_letters"].as_array().unwrap().len(), 10);
    let out = sc
        .kmsg_as("dlq")
        .args(["dlq", "replay", "-t", &dlq, "-o", "json"])
        .assert()
        .success();
    let replay = &json_lines(&out.get_output().stdout)[0];
    assert_eq!(replay["replayed"], 10, "{replay}");
    assert_eq!(count_records(&sc, &input), 50);
}

/// Runs `kmsg` as `user` and expects a refusal: non-zero exit within `limit`, stderr naming
/// `what`.
fn refused(sc: &SecureCluster, user: &str, args: &[&str], what: &str, limit: Duration) -> String {
    let started = Instant::now();
    let out = sc.kmsg_as(user).args(args).output().unwrap();
    let took = started.elapsed();
    let err = stderr_of(&out);
    assert!(
        !out.status.success(),
        "{user} {args:?} should be refused\n{err}"
    );
    assert!(
        took < limit,
        "{user} {args:?} took {took:?} to be refused\n{err}"
    );
    assert!(err.contains(what), "{user} {args:?}: no {what:?} in\n{err}");
    err
}

#[test]
fn each_role_is_refused_what_it_must_not_do() {
    let sc = SecureCluster::get();
    let group = unique("sec-g");
    let (input, output, dlq) = sc.pipeline("sec-deny", &group);
    sc.kmsg_as("producer")
        .args([
            "produce",
            "-t",
            &input,
            "--generate",
            "posts",
            "--count",
            "5",
        ])
        .assert()
        .success();
    let limit = Duration::from_secs(15);

    // The producer may not read what it writes.
    refused(
        &sc,
        "producer",
        &["view", "-t", &input],
        "TopicAuthorizationFailed",
        limit,
    );
    // The consumer may not write the input topic.
    refused(
        &sc,
        "consumer",
        &["produce", "-t", &input, "--value", "{\"x\":1}"],
        "not authorized to write",
        limit,
    );
    // The consumer may not join another group.
    let other = unique("other-g");
    refused(
        &sc,
        "consumer",
        &[
            "consume",
            "-g",
            &other,
            "-t",
            &input,
            "--output-topic",
            &output,
            "--dlq-topic",
            &dlq,
            "--idle-timeout",
            "10s",
        ],
        &format!("not authorized to join group {other}"),
        limit,
    );
    // The dlq user may not read the output topic.
    refused(
        &sc,
        "dlq",
        &["view", "-t", &output],
        "TopicAuthorizationFailed",
        limit,
    );
    // Nobody but the admin creates topics.
    for user in ["producer", "consumer", "dlq"] {
        let name = unique("sec-new");
        refused(
            &sc,
            user,
            &["topics", "create", &name, "-p", "1"],
            "TopicAuthorizationFailed",
            limit,
        );
    }
    // Only the admin manages ACLs.
    refused(
        &sc,
        "producer",
        &["acl", "apply", "--input-topic", &input, "--group", &other],
        "may not manage ACLs",
        limit,
    );
    // The producer may not describe them either; librdkafka turns that refusal into an
    // empty list, which kmsg must not pass off as "no ACLs" without a word.
    let out = sc
        .kmsg_as("producer")
        .args(["acl", "list", "-o", "json"])
        .output()
        .unwrap();
    assert!(json_lines(&out.stdout).is_empty(), "producer saw ACLs");
    assert!(
        stderr_of(&out).contains("may not describe"),
        "{}",
        stderr_of(&out)
    );
    let out = sc
        .kmsg_as("admin")
        .args(["acl", "list", "-o", "json"])
        .assert()
        .success();
    assert!(!json_lines(&out.get_output().stdout).is_empty());
    assert!(!stderr_of(out.get_output()).contains("may not describe"));
    // ... and only the admin creates topics.
    let name = unique("sec-admin");
    sc.kmsg_as("admin")
        .args(["topics", "create", &name, "-p", "1"])
        .assert()
        .success();
}

#[test]
fn a_wrong_password_is_an_authentication_error_within_10_seconds() {
    let sc = SecureCluster::get();
    let started = Instant::now();
    let out = sc
        .kmsg_as("producer")
        .env_remove("KMSG_SASL_PASSWORD_FILE")
        .env("KMSG_SASL_PASSWORD", "not-the-password-4711")
        .args(["topics", "list"])
        .output()
        .unwrap();
    let took = started.elapsed();
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(took < Duration::from_secs(10), "took {took:?}: {err}");
    assert!(err.contains("authentication failed"), "{err}");
    assert!(err.contains("invalid credentials"), "{err}");
    assert!(!err.contains("not-the-password-4711"), "{err}");
}

#[test]
fn plaintext_against_the_tls_listener_and_an_unknown_ca_are_clear_errors() {
    let sc = SecureCluster::get();
    let started = Instant::now();
    let out = kmsg()
        .env("BOOTSTRAP_SERVERS", &sc.bootstrap)
        .args(["topics", "list"])
        .output()
        .unwrap();
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(started.elapsed() < Duration::from_secs(10), "{err}");
    assert!(err.contains("set --security-protocol"), "{err}");

    // A CA that did not sign the brokers' certificates.
    let dir = tempfile::tempdir().unwrap();
    let other_ca = dir.path().join("other-ca.pem");
    let key = rcgen::KeyPair::generate().unwrap();
    let mut params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
    params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    std::fs::write(&other_ca, params.self_signed(&key).unwrap().pem()).unwrap();
    let started = Instant::now();
    let out = sc
        .kmsg_as("admin")
        .env("KMSG_TLS_CA", &other_ca)
        .args(["topics", "list"])
        .output()
        .unwrap();
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(started.elapsed() < Duration::from_secs(10), "{err}");
    assert!(err.contains("TLS handshake failed"), "{err}");
    assert!(err.contains("certificate verify failed"), "{err}");
    assert!(err.contains("--tls-ca"), "{err}");
}

/// Runs one subcommand as admin at the most verbose level (tracing `trace`, librdkafka
/// `debug=all`) with the password in `KMSG_SASL_PASSWORD`, checking its argv while it runs.
fn run_checking_secrets(sc: &SecureCluster, password: &str, args: &[&str]) -> String {
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_kmsg"))
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("NO_COLOR", "1")
        .env("BOOTSTRAP_SERVERS", &sc.bootstrap)
        .env("KMSG_SECURITY_PROTOCOL", "SASL_SSL")
        .env("KMSG_SASL_MECHANISM", "SCRAM-SHA-512")
        .env("KMSG_SASL_USERNAME", "admin")
        .env("KMSG_SASL_PASSWORD", password)
        .env("KMSG_TLS_CA", sc.ca())
        .args(["--log-level", "trace", "-X", "debug=all"])
        .args(args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Wait for the exec, so the arguments read are kmsg's own.
    let mut cmdline = Vec::new();
    for _ in 0..100 {
        cmdline = std::fs::read(format!("/proc/{}/cmdline", child.id())).unwrap_or_default();
        if String::from_utf8_lossy(&cmdline).contains("debug=all") {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(
        String::from_utf8_lossy(&cmdline).contains("debug=all"),
        "could not read the arguments of {args:?}"
    );
    assert!(
        !String::from_utf8_lossy(&cmdline).contains(password),
        "password in the arguments of {args:?}"
    );
    let out = wait_bounded(Spawned::from(child), Duration::from_secs(240));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() {
        // Trace output is thousands of lines: show what is not trace or debug, and stdout.
        let notable: Vec<&str> = stderr
            .lines()
            .filter(|l| !l.contains(" TRACE ") && !l.contains(" DEBUG "))
            .collect();
        panic!(
            "{args:?} failed ({}): stderr without trace/debug lines (last 30 of {}):\n{}\nstdout:\n{}",
            out.status,
            notable.len(),
            notable[notable.len().saturating_sub(30)..].join("\n"),
            stdout
        );
    }
    assert!(!stdout.contains(password), "password on stdout of {args:?}");
    assert!(!stderr.contains(password), "password on stderr of {args:?}");
    assert!(
        stderr.lines().count() > 5,
        "{args:?} logged almost nothing at trace level: {stderr}"
    );
    format!("{stdout}{stderr}")
}

#[test]
fn no_subcommand_shows_the_password_at_the_most_verbose_log_level() {
    let sc = SecureCluster::get();
    let password = sc.password("admin");
    let group = unique("sec-g");
    let (input, output, dlq) = sc.pipeline("sec-secret", &group);
    let extra = unique("sec-extra");
    let dlq_group = format!("kmsg-dlq-{}", unique("w"));
    let runs: Vec<Vec<&str>> = vec![
        vec!["cluster", "status"],
        vec!["topics", "list"],
        vec!["topics", "create", &extra, "-p", "1"],
        vec!["topics", "describe", &input],
        vec!["topics", "delete", &extra, "--yes"],
        vec![
            "acl",
            "apply",
            "--input-topic",
            &input,
            "--output-topic",
            &output,
            "--dlq-topic",
            &dlq,
            "--group",
            &group,
        ],
        vec!["acl", "list", "-o", "json"],
        vec![
            "produce",
            "-t",
            &input,
            "--generate",
            "posts",
            "--count",
            "20",
            "--invalid-ratio",
            "0.2",
            "-o",
            "json",
        ],
        vec![
            "consume",
            "-g",
            &group,
            "-t",
            &input,
            "--output-topic",
            &output,
            "--dlq-topic",
            &dlq,
            "--max-messages",
            "20",
            "--idle-timeout",
            "15s",
            "-o",
            "json",
        ],
        vec!["view", "-t", &output, "-o", "json"],
        vec!["metrics", "--group", &group, "-t", &input, "-o", "json"],
        vec!["group", "list", "-o", "json"],
        vec![
            "group",
            "describe",
            "-g",
            &group,
            "--rate-window",
            "0",
            "-o",
            "json",
        ],
        vec!["dlq", "list", "-t", &dlq, "-o", "json"],
        vec!["dlq", "stats", "-t", &dlq],
        vec!["dlq", "show"],
        vec!["dlq", "replay", "-t", &dlq, "--dry-run", "-o", "json"],
        vec![
            "dlq",
            "watch",
            "-t",
            &dlq,
            "-g",
            &dlq_group,
            "--idle-timeout",
            "3s",
        ],
        // These two make topics of their own (as admin); at trace level with debug=all they
        // write some 100 MB of log lines, all searched.
        vec!["breaker-test", "--messages", "20"],
        vec!["demo", "--duration", "2s"],
    ];
    let mut seen = 0;
    for args in &runs {
        if args[..2] == ["dlq", "show"] {
            // Partition 0 may hold no dead letter; pick a real one from the list.
            let out = sc
                .kmsg_as("admin")
                .args(["dlq", "list", "-t", &dlq, "-o", "json"])
                .assert()
                .success();
            let listing: serde_json::Value =
                serde_json::from_slice(&out.get_output().stdout).unwrap();
            let first = listing["dead_letters"][0].clone();
            assert!(first.is_object(), "a dead letter: {listing}");
            let record = format!("{}:{}", first["partition"], first["offset"]);
            run_checking_secrets(&sc, &password, &["dlq", "show", "-t", &dlq, &record]);
        } else {
            run_checking_secrets(&sc, &password, args);
        }
        seen += 1;
    }
    assert_eq!(seen, runs.len());
    // A refused login at trace level does not echo the (wrong) password either.
    let out = sc
        .kmsg_as("admin")
        .env_remove("KMSG_SASL_PASSWORD_FILE")
        .env("KMSG_SASL_PASSWORD", "Wr0ng-but-secret-123")
        .args(["--log-level", "trace", "-X", "debug=all", "topics", "list"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(!String::from_utf8_lossy(&out.stderr).contains("Wr0ng-but-secret-123"));
    assert!(!String::from_utf8_lossy(&out.stdout).contains("Wr0ng-but-secret-123"));
}

#[test]
fn cluster_up_secure_writes_credentials_owner_only_and_never_prints_them() {
    use std::os::unix::fs::PermissionsExt;
    let sc = SecureCluster::get();
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let secrets = sc.state_dir.join("secrets");
    assert_eq!(mode(&secrets.join("credentials.json")), 0o600);
    for user in ["admin", "producer", "consumer", "dlq"] {
        assert_eq!(mode(&sc.password_file(user)), 0o600, "{user}");
    }
    assert_eq!(mode(&secrets.join("broker.pem")), 0o600);
    assert_eq!(mode(&sc.state_dir.join("node-1/server.properties")), 0o600);
    // `up` again on the running cluster: the summary names the files, not the passwords.
    let out = kmsg()
        .args(["cluster", "up", "--state-dir"])
        .arg(&sc.state_dir)
        .args(["--kafka-home", &crate::harness::kafka_home()])
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(stdout.contains("SASL_SSL"), "{stdout}");
    assert!(stdout.contains(&sc.ca().display().to_string()), "{stdout}");
    assert!(stdout.contains("credentials.json"), "{stdout}");
    for user in ["admin", "producer", "consumer", "dlq"] {
        assert!(
            !stdout.contains(&sc.password(user)),
            "{user}'s password printed"
        );
    }
    // And status works on it without any client flags.
    kmsg()
        .args(["cluster", "status", "--state-dir"])
        .arg(&sc.state_dir)
        .assert()
        .success();
}

#[test]
fn the_secure_up_exports_log_in_as_admin_and_leave_the_cluster_commands_working() {
    let sc = SecureCluster::get();
    // `up` again on the running cluster starts nothing and prints the same exports.
    let out = kmsg()
        .args(["cluster", "up", "--state-dir"])
        .arg(&sc.state_dir)
        .args(["--kafka-home", &crate::harness::kafka_home()])
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(
        stdout.contains(&format!(
            "KMSG_SASL_PASSWORD_FILE={}",
            sc.password_file("admin").display()
        )),
        "{stdout}"
    );
    assert!(!stdout.contains(&sc.password("admin")), "password printed");
    let empty = tempfile::tempdir().unwrap();
    let out = crate::cluster::bash_with_exports(
        &stdout,
        r#"test "$KMSG_SASL_USERNAME" = admin
"$KMSG" topics list >/dev/null
echo "topics list: ok"
"$KMSG" cluster status --state-dir "$KMSG_CLUSTER_DIR"
"$KMSG" cluster status
"$KMSG" cluster up --state-dir "$KMSG_CLUSTER_DIR" --kafka-home "$KAFKA_HOME" >/dev/null
echo "up again: ok"
"$KMSG" cluster down --state-dir "$EMPTY" 2>&1 || true"#,
    )
    .env("KAFKA_HOME", crate::harness::kafka_home())
    .env("EMPTY", empty.path())
    .output()
    .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{text}");
    assert!(text.contains("topics list: ok"), "{text}");
    assert_eq!(text.matches("healthy: 3/3 brokers up").count(), 2, "{text}");
    assert!(text.contains("up again: ok"), "{text}");
    // `down` gets as far as looking for a cluster: the client login does not stop it.
    assert!(text.contains("no local cluster in"), "{text}");
    assert!(!text.contains("--sasl"), "{text}");
}

#[test]
fn a_half_set_login_in_the_environment_does_not_stop_the_cluster_commands() {
    let sc = SecureCluster::get();
    // What `up --secure` used to print: a mechanism but no user.
    let empty = tempfile::tempdir().unwrap();
    let half = |cmd: &mut assert_cmd::Command| {
        cmd.env("KMSG_SECURITY_PROTOCOL", "SASL_SSL")
            .env("KMSG_SASL_MECHANISM", "SCRAM-SHA-512")
            .env("KMSG_TLS_CA", sc.ca());
    };
    let mut status = kmsg();
    half(&mut status);
    status
        .args(["cluster", "status", "--state-dir"])
        .arg(&sc.state_dir)
        .assert()
        .success();
    let mut down = kmsg();
    half(&mut down);
    down.args(["cluster", "down", "--state-dir"])
        .arg(empty.path())
        .assert()
        .code(1)
        .stderr(predicates::str::contains("no local cluster in"));
    // A client command still needs the whole login.
    let mut topics = kmsg();
    half(&mut topics);
    topics
        .env("BOOTSTRAP_SERVERS", &sc.bootstrap)
        .args(["topics", "list"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no --sasl-username"));
}

// ---- bad input: refused before connecting (the bootstrap is a closed port, so reaching
// ---- the network would be exit 1, not 2) ----

fn offline() -> assert_cmd::Command {
    let mut cmd = kmsg();
    cmd.env("BOOTSTRAP_SERVERS", "127.0.0.1:1");
    cmd
}

fn usage_error(cmd: &mut assert_cmd::Command) -> String {
    let started = Instant::now();
    let out = cmd.args(["topics", "list"]).output().unwrap();
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(started.elapsed() < Duration::from_secs(5), "{err}");
    err
}

#[test]
fn a_ca_file_that_is_not_pem_is_refused_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let ca = dir.path().join("ca.crt");
    std::fs::write(&ca, "this is not a certificate\n").unwrap();
    let err = usage_error(offline().arg("--tls-ca").arg(&ca));
    assert!(err.contains("--tls-ca"), "{err}");
    assert!(err.contains(&ca.display().to_string()), "{err}");
    assert!(err.contains("not a PEM file"), "{err}");
}

#[test]
fn a_key_that_does_not_match_the_certificate_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let make = |name: &str| {
        let key = rcgen::KeyPair::generate().unwrap();
        let cert = rcgen::CertificateParams::new(vec!["client".to_string()])
            .unwrap()
            .self_signed(&key)
            .unwrap();
        let c = dir.path().join(format!("{name}.crt"));
        let k = dir.path().join(format!("{name}.key"));
        std::fs::write(&c, cert.pem()).unwrap();
        std::fs::write(&k, key.serialize_pem()).unwrap();
        (c, k)
    };
    let (cert, _) = make("a");
    let (_, other_key) = make("b");
    let err = usage_error(
        offline()
            .arg("--tls-cert")
            .arg(&cert)
            .arg("--tls-key")
            .arg(&other_key),
    );
    assert!(err.contains("--tls-key"), "{err}");
    assert!(err.contains(&other_key.display().to_string()), "{err}");
    assert!(err.contains("does not go with --tls-cert"), "{err}");
}

#[test]
fn an_unknown_sasl_mechanism_is_refused_naming_the_option() {
    let err = usage_error(offline().args(["--sasl-mechanism", "GSSAPI", "--sasl-username", "u"]));
    assert!(err.contains("--sasl-mechanism"), "{err}");
    assert!(err.contains("GSSAPI"), "{err}");
    assert!(err.contains("SCRAM-SHA-512"), "{err}");
}

#[test]
fn a_missing_username_is_refused() {
    let err = usage_error(offline().env("KMSG_SASL_PASSWORD", "x-secret-1").args([
        "--security-protocol",
        "SASL_SSL",
        "--sasl-mechanism",
        "SCRAM-SHA-512",
    ]));
    assert!(err.contains("--sasl-username"), "{err}");
    assert!(!err.contains("x-secret-1"), "{err}");
}

#[test]
fn a_world_readable_password_file_gets_a_warning() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let pw = dir.path().join("pw");
    std::fs::write(&pw, "open-secret-99\n").unwrap();
    std::fs::set_permissions(&pw, std::fs::Permissions::from_mode(0o644)).unwrap();
    let out = offline()
        .args([
            "--timeout",
            "1s",
            "--sasl-mechanism",
            "SCRAM-SHA-512",
            "--sasl-username",
            "u",
        ])
        .arg("--sasl-password-file")
        .arg(&pw)
        .args(["topics", "list"])
        .output()
        .unwrap();
    let err = stderr_of(&out);
    assert!(err.contains("readable by every user"), "{err}");
    assert!(err.contains(&pw.display().to_string()), "{err}");
    assert!(!err.contains("open-secret-99"), "{err}");
    // A 0600 file gets no warning.
    std::fs::set_permissions(&pw, std::fs::Permissions::from_mode(0o600)).unwrap();
    let out = offline()
        .args([
            "--timeout",
            "1s",
            "--sasl-mechanism",
            "SCRAM-SHA-512",
            "--sasl-username",
            "u",
        ])
        .arg("--sasl-password-file")
        .arg(&pw)
        .args(["topics", "list"])
        .output()
        .unwrap();
    assert!(!stderr_of(&out).contains("readable by every user"));
}

/// Short runs over TLS end by themselves, never by a signal. OpenSSL's exit handler used to
/// free its shared state while librdkafka threads of a client being torn down still used it
/// (the SCRAM handshake to a broker the run no longer needed): about one run in a hundred
/// on a loaded machine died of SIGSEGV after printing its summary (`src/tls.rs`). 24 runs,
/// four at a time, each of one numbered record; every run must exit 0 and every number be
/// in the topic exactly once.
#[test]
fn short_runs_over_tls_exit_zero_and_never_by_a_signal() {
    use std::os::unix::process::ExitStatusExt;
    let sc = SecureCluster::get();
    let group = unique("sec-g");
    let (input, _output, _dlq) = sc.pipeline("sec-exit", &group);
    const RUNS: usize = 24;
    const AT_ONCE: usize = 4;
    let mut failures = Vec::new();
    for wave in 0..RUNS / AT_ONCE {
        let runs: Vec<_> = (0..AT_ONCE)
            .map(|k| {
                let n = wave * AT_ONCE + k;
                let mut cmd = sc.kmsg_as("producer");
                cmd.args([
                    "produce",
                    "-t",
                    &input,
                    "--value",
                    &format!("{{\"n\":{n}}}"),
                ]);
                std::thread::spawn(move || (n, cmd.output().unwrap()))
            })
            .collect();
        for run in runs {
            let (n, out) = run.join().unwrap();
            if !out.status.success() {
                failures.push(format!(
                    "run {n}: exit {:?} signal {:?}: {}",
                    out.status.code(),
                    out.status.signal(),
                    stderr_of(&out)
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));

    let out = sc
        .kmsg_as("admin")
        .args(["view", "-t", &input, "-o", "json"])
        .assert()
        .success();
    let mut seen: Vec<u64> = json_lines(&out.get_output().stdout)
        .iter()
        .map(|r| {
            let value: serde_json::Value =
                serde_json::from_str(r["value"].as_str().unwrap()).unwrap();
            value["n"].as_u64().unwrap_or_else(|| panic!("no n in {r}"))
        })
        .collect();
    seen.sort_unstable();
    assert_eq!(seen, (0..RUNS as u64).collect::<Vec<_>>());
}
