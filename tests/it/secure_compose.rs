//! The secure Compose variant (`docker-compose.secure.yml`), proven without a Docker engine.
//!
//! Compose itself resolves the two files into one configuration, which is checked service by
//! service: brokers start from `compose/secure/kafka-start.sh` with only the brokers' secrets,
//! every kmsg service connects with SASL_SSL as its own role and mounts only that role's
//! secrets, and nothing starts before the secrets, topics and ACLs exist.
//!
//! Then the parts the containers would run are run here for real: `kmsg cluster secrets`
//! writes the bundle, three Kafka nodes start from the very `kafka-start.sh` the brokers run
//! (against the Maven-fetched Kafka through `bin/` shims, on loopback ports), the broker
//! healthcheck's command answers, and each role does its job with the environment its
//! service has, and is refused what it must not do.

use std::fs;
use std::os::unix::fs::PermissionsExt as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_yaml::Value;

use crate::compose::{env_file, environment};
use crate::harness::{free_port, json_lines, kafka_home, kmsg, unique, Spawned};

const REPO: &str = env!("CARGO_MANIFEST_DIR");
const SECRETS_ROOT: &str = "/var/lib/kmsg-secrets";
const ROLES: [&str; 4] = ["admin", "producer", "consumer", "dlq"];

/// The role each kmsg service of the secure variant connects as.
const SERVICE_ROLES: [(&str, &str); 8] = [
    ("topics", "admin"),
    ("acls", "admin"),
    ("producer", "producer"),
    ("consumer-1", "consumer"),
    ("consumer-2", "consumer"),
    ("consumer-3", "consumer"),
    ("dlq-watch", "dlq"),
    ("secrets", ""),
];

/// `compose -f docker-compose.yml -f docker-compose.secure.yml config`, parsed.
fn merged_config() -> Value {
    let env_file = env_file(&[("GRAFANA_ADMIN_PASSWORD", "a-local-secret")]);
    let compose = crate::compose::compose_command();
    let mut cmd = Command::new(compose[0]);
    // None of the files' variables inherited from the test's own environment.
    for var in crate::compose::compose_variables() {
        cmd.env_remove(var);
    }
    let out = cmd
        .args(&compose[1..])
        .current_dir(REPO)
        .args([
            "-f",
            "docker-compose.yml",
            "-f",
            "docker-compose.secure.yml",
        ])
        .arg("--env-file")
        .arg(env_file.path())
        .arg("config")
        .output()
        .expect("run compose config");
    assert!(
        out.status.success(),
        "compose config of the secure variant failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_yaml::from_slice(&out.stdout).expect("compose config prints YAML")
}

/// (source, target) of each volume a service mounts.
fn mounts(service: &Value) -> Vec<(String, String)> {
    service["volumes"]
        .as_sequence()
        .map(|seq| {
            seq.iter()
                .map(|v| match v {
                    Value::String(s) => {
                        let mut parts = s.split(':');
                        (
                            parts.next().unwrap_or_default().to_string(),
                            parts.next().unwrap_or_default().to_string(),
                        )
                    }
                    other => (
                        other["source"].as_str().unwrap_or_default().to_string(),
                        other["target"].as_str().unwrap_or_default().to_string(),
                    ),
                })
                .collect()
        })
        .unwrap_or_default()
}

fn completed_dependency(service: &Value, on: &str) -> bool {
    service["depends_on"][on]["condition"].as_str() == Some("service_completed_successfully")
}

#[test]
fn secure_variant_gives_each_service_its_own_user_and_only_its_own_secrets() {
    let doc = merged_config();
    let services = doc["services"].as_mapping().expect("services");

    // The one-shot generator: not root, writes one volume per consumer of secrets.
    let secrets = &doc["services"]["secrets"];
    let cmd: Vec<&str> = secrets["command"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(&cmd[..2], ["cluster", "secrets"], "{cmd:?}");
    for host in ["--host=kafka-1", "--host=kafka-2", "--host=kafka-3"] {
        assert!(
            cmd.contains(&host),
            "broker certificate lacks {host}: {cmd:?}"
        );
    }
    assert!(cmd.contains(&"--group-readable"));
    let user = secrets["user"].as_str().unwrap();
    assert!(
        !user.starts_with("0:") && user != "root",
        "secrets runs as {user}"
    );
    let generator_mounts = mounts(secrets);
    for part in ["ca", "broker", "admin", "producer", "consumer", "dlq"] {
        assert!(
            generator_mounts
                .iter()
                .any(|(src, dst)| src == &format!("secrets-{part}")
                    && dst == &format!("{SECRETS_ROOT}/{part}")),
            "secrets does not write secrets-{part}: {generator_mounts:?}"
        );
    }

    // Brokers: the start script, the brokers' secrets only, after the generator.
    for node in ["kafka-1", "kafka-2", "kafka-3"] {
        let broker = &doc["services"][node];
        assert_eq!(
            broker["entrypoint"],
            serde_yaml::from_str::<Value>("[/bin/sh, /opt/kmsg/kafka-start.sh]").unwrap(),
            "{node}"
        );
        let m = mounts(broker);
        assert!(
            m.iter()
                .any(|(src, dst)| src.ends_with("compose/secure/kafka-start.sh")
                    && dst == "/opt/kmsg/kafka-start.sh"),
            "{node}: {m:?}"
        );
        let secret_mounts: Vec<_> = m
            .iter()
            .filter(|(s, _)| s.starts_with("secrets-"))
            .collect();
        assert_eq!(
            secret_mounts,
            [&(
                "secrets-broker".to_string(),
                "/etc/kafka/kmsg-secrets".to_string()
            )],
            "{node}"
        );
        assert!(completed_dependency(broker, "secrets"), "{node}");
        let test = serde_yaml::to_string(&broker["healthcheck"]["test"]).unwrap();
        assert!(
            test.contains("--command-config /tmp/kmsg-health.properties"),
            "{node}: {test}"
        );
        assert!(
            environment(broker).contains_key("KMSG_EXTERNAL_ADVERTISED"),
            "{node}"
        );
    }

    // kmsg services: SASL_SSL as their role, that role's volume and nothing else.
    for (name, role) in SERVICE_ROLES {
        let service = services
            .get(name)
            .unwrap_or_else(|| panic!("no service {name}"));
        if role.is_empty() {
            continue;
        }
        let env = environment(service);
        assert_eq!(env["KMSG_SECURITY_PROTOCOL"], "SASL_SSL", "{name}");
        assert_eq!(env["KMSG_SASL_MECHANISM"], "SCRAM-SHA-512", "{name}");
        assert_eq!(env["KMSG_SASL_USERNAME"], role, "{name}");
        let dir = format!("{SECRETS_ROOT}/{role}");
        assert_eq!(
            env["KMSG_SASL_PASSWORD_FILE"],
            format!("{dir}/password"),
            "{name}"
        );
        assert_eq!(env["KMSG_TLS_CA"], format!("{dir}/ca.pem"), "{name}");
        assert!(
            !env.contains_key("KMSG_SASL_PASSWORD"),
            "{name} has a password in its environment"
        );
        let secret_mounts: Vec<_> = mounts(service)
            .into_iter()
            .filter(|(s, _)| s.starts_with("secrets-"))
            .collect();
        assert_eq!(secret_mounts, [(format!("secrets-{role}"), dir)], "{name}");
        if !["topics", "acls"].contains(&name) {
            assert!(
                completed_dependency(service, "acls"),
                "{name} starts before the ACLs"
            );
        }
    }
    assert!(completed_dependency(&doc["services"]["acls"], "topics"));
    let acl_cmd = serde_yaml::to_string(&doc["services"]["acls"]["command"]).unwrap();
    assert!(
        acl_cmd.contains("acl") && acl_cmd.contains("apply"),
        "{acl_cmd}"
    );
    // The consumers' group is the one the ACLs are applied for.
    assert_eq!(
        environment(&doc["services"]["acls"])["GROUP_ID"],
        environment(&doc["services"]["consumer-1"])["GROUP_ID"]
    );
}

#[test]
fn dockerfile_makes_the_secret_mount_points_for_the_generator_and_the_kmsg_group() {
    let text = fs::read_to_string(format!("{REPO}/Dockerfile")).unwrap();
    for part in ["ca", "broker", "admin", "producer", "consumer", "dlq"] {
        assert!(
            text.contains(&format!("{SECRETS_ROOT}/{part}")),
            "Dockerfile makes no {SECRETS_ROOT}/{part}"
        );
    }
    assert!(text.contains("chown -R 1000:10001 /var/lib/kmsg-secrets"));
    assert!(text.contains("chmod -R 0750 /var/lib/kmsg-secrets"));
}

/// A Kafka `bin/` of shims over the Maven-fetched jars: the two scripts kafka-start.sh runs
/// and the one the healthcheck runs.
fn kafka_bin_shims(dir: &Path) -> PathBuf {
    let home = dir.join("kafka");
    let bin = home.join("bin");
    fs::create_dir_all(&bin).unwrap();
    let libs = format!("{}/libs/*", kafka_home());
    let log4j = dir.join("log4j2.properties");
    fs::write(
        &log4j,
        "status = warn\nappender.out.type = Console\nappender.out.name = OUT\n\
         appender.out.layout.type = PatternLayout\nappender.out.layout.pattern = [%d] %p %m (%c)%n\n\
         rootLogger.level = INFO\nrootLogger.appenderRef.out.ref = OUT\n",
    )
    .unwrap();
    for (script, main, heap) in [
        ("kafka-storage.sh", "kafka.tools.StorageTool", "-Xmx256m"),
        ("kafka-server-start.sh", "kafka.Kafka", "-Xmx512m"),
        (
            "kafka-broker-api-versions.sh",
            "org.apache.kafka.tools.BrokerApiVersionsCommand",
            "-Xmx128m",
        ),
    ] {
        let path = bin.join(script);
        fs::write(
            &path,
            format!(
                "#!/bin/sh\nexec java {heap} -Dlog4j2.configurationFile={} -cp '{libs}' {main} \"$@\"\n",
                log4j.display()
            ),
        )
        .unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o755)).unwrap();
    }
    home
}

struct Node {
    _process: Spawned,
    internal: u16,
    replication: u16,
    log: PathBuf,
}

#[test]
fn secure_variant_brokers_start_from_the_bundle_and_each_role_works_as_its_service_would() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let secrets = root.join("secrets");

    // The `secrets` service's command (hosts of this test instead of kafka-1..3).
    let out = kmsg()
        .args(["cluster", "secrets", "--out"])
        .arg(&secrets)
        .args([
            "--host",
            "127.0.0.1",
            "--host",
            "localhost",
            "--group-readable",
        ])
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        out.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for role in ROLES {
        let pw = fs::read_to_string(secrets.join(role).join("password")).unwrap();
        assert!(
            !said.contains(pw.trim()),
            "cluster secrets printed {role}'s password"
        );
        assert!(
            said.contains(&secrets.join(role).display().to_string()),
            "{said}"
        );
    }

    // Three nodes from kafka-start.sh.
    let home = kafka_bin_shims(root);
    let mut distinct = std::collections::BTreeSet::new();
    while distinct.len() < 12 {
        distinct.insert(free_port());
    }
    let distinct: Vec<u16> = distinct.into_iter().collect();
    let ports: Vec<[u16; 4]> = distinct
        .chunks(4)
        .map(|c| [c[0], c[1], c[2], c[3]])
        .collect();
    let voters = ports
        .iter()
        .enumerate()
        .map(|(i, p)| format!("{}@127.0.0.1:{}", i + 1, p[3]))
        .collect::<Vec<_>>()
        .join(",");
    let cluster_id = {
        use base64::Engine as _;
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(uuid::Uuid::new_v4().as_bytes())
    };
    let nodes: Vec<Node> = ports
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let dir = root.join(format!("node-{}", i + 1));
            fs::create_dir_all(&dir).unwrap();
            let log = dir.join("broker.log");
            let log_file = fs::File::create(&log).unwrap();
            let child = Command::new("sh")
                .arg(format!("{REPO}/compose/secure/kafka-start.sh"))
                .env_clear()
                .env("PATH", std::env::var("PATH").unwrap())
                .env("KAFKA_NODE_ID", (i + 1).to_string())
                .env("CLUSTER_ID", &cluster_id)
                .env("KAFKA_CONTROLLER_QUORUM_VOTERS", &voters)
                .env("KMSG_EXTERNAL_ADVERTISED", format!("localhost:{}", p[1]))
                .env("KMSG_NODE_HOST", "127.0.0.1")
                .env("KMSG_SECRETS_DIR", secrets.join("broker"))
                .env("KAFKA_LOG_DIRS", dir.join("data"))
                .env("KAFKA_HOME", &home)
                .env("KMSG_LISTEN_HOST", "127.0.0.1")
                .env("KMSG_INTERNAL_PORT", p[0].to_string())
                .env("KMSG_EXTERNAL_PORT", p[1].to_string())
                .env("KMSG_REPLICATION_PORT", p[2].to_string())
                .env("KMSG_CONTROLLER_PORT", p[3].to_string())
                .env("KMSG_CONFIG_DIR", &dir)
                .stdin(Stdio::null())
                .stdout(log_file.try_clone().unwrap())
                .stderr(log_file)
                .spawn()
                .expect("run kafka-start.sh");
            Node {
                _process: Spawned::from(child),
                internal: p[0],
                replication: p[2],
                log,
            }
        })
        .collect();
    let logs = || {
        nodes
            .iter()
            .map(|n| {
                let text = fs::read_to_string(&n.log).unwrap_or_default();
                let tail: Vec<_> = text.lines().rev().take(15).collect();
                format!(
                    "{}:\n{}",
                    n.log.display(),
                    tail.into_iter().rev().collect::<Vec<_>>().join("\n")
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    let internal = nodes
        .iter()
        .map(|n| format!("127.0.0.1:{}", n.internal))
        .collect::<Vec<_>>()
        .join(",");
    let external = ports
        .iter()
        .map(|p| format!("localhost:{}", p[1]))
        .collect::<Vec<_>>()
        .join(",");

    // `kmsg` as a role, configured by environment exactly as its compose service is.
    let as_role = |role: &str, bootstrap: &str| {
        let mut cmd = kmsg();
        let dir = secrets.join(role);
        cmd.env("BOOTSTRAP_SERVERS", bootstrap)
            .env("KMSG_SECURITY_PROTOCOL", "SASL_SSL")
            .env("KMSG_SASL_MECHANISM", "SCRAM-SHA-512")
            .env("KMSG_SASL_USERNAME", role)
            .env("KMSG_SASL_PASSWORD_FILE", dir.join("password"))
            .env("KMSG_TLS_CA", dir.join("ca.pem"))
            .env("KMSG_TIMEOUT", "15s");
        cmd
    };

    // Up: all three brokers registered, seen by the admin over SASL_SSL.
    let started = Instant::now();
    loop {
        let out = as_role("admin", &internal)
            .args(["cluster", "status", "--expect-brokers", "3"])
            .output()
            .unwrap();
        if out.status.success() {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(180),
            "the secure nodes did not come up in 180 s: {}\n{}",
            String::from_utf8_lossy(&out.stderr),
            logs()
        );
        std::thread::sleep(Duration::from_secs(2));
    }

    // The healthcheck's command: the REPLICATION listener with the broker's certificate.
    // Compose retries a failed healthcheck (`retries` in docker-compose.yml) before calling
    // the node unhealthy, and so does this: a JVM tool on a loaded machine can time out once.
    for n in &nodes {
        let config = n.log.parent().unwrap().join("kmsg-health.properties");
        let check = || {
            Command::new(home.join("bin/kafka-broker-api-versions.sh"))
                .args([
                    "--bootstrap-server",
                    &format!("localhost:{}", n.replication),
                ])
                .arg("--command-config")
                .arg(&config)
                .output()
                .unwrap()
        };
        let mut out = check();
        for _ in 0..4 {
            if out.status.success() {
                break;
            }
            std::thread::sleep(Duration::from_secs(2));
            out = check();
        }
        assert!(
            out.status.success(),
            "healthcheck of {} failed: {}",
            n.log.display(),
            String::from_utf8_lossy(&out.stderr)
        );
    }

    // The `topics` and `acls` services (admin), then each role with its own user.
    let group = unique("sc-g");
    let input = unique("sc-posts");
    let output = format!("{input}.out");
    let dlq = format!("{input}.dlq");
    let names = [
        ("INPUT_TOPIC", input.as_str()),
        ("OUTPUT_TOPIC", output.as_str()),
        ("DLQ_TOPIC", dlq.as_str()),
        ("GROUP_ID", group.as_str()),
    ];
    as_role("admin", &internal)
        .args(["topics", "create"])
        .envs(names)
        .assert()
        .success();
    as_role("admin", &internal)
        .args(["acl", "apply"])
        .envs(names)
        .assert()
        .success();

    // producer, over the EXTERNAL listener as a host user would: 100 logins, 10 bad.
    let out = as_role("producer", &external)
        .envs(names)
        .args(["produce", "--generate", "login", "--count", "100"])
        .args(["--invalid-ratio", "0.1", "--seed", "5", "-o", "json"])
        .assert()
        .success();
    let summary = &json_lines(&out.get_output().stdout)[0];
    assert_eq!(summary["acknowledged"], 100, "{summary}");

    let out = as_role("consumer", &internal)
        .envs(names)
        .args(["consume", "--schema", &format!("{REPO}/schema.json")])
        .args([
            "--max-messages",
            "100",
            "--idle-timeout",
            "20s",
            "-o",
            "json",
        ])
        .assert()
        .success();
    let summary = &json_lines(&out.get_output().stdout)[0];
    assert_eq!(summary["forwarded"], 90, "{summary}");
    assert_eq!(summary["dead_lettered_total"], 10, "{summary}");

    let out = as_role("dlq", &internal)
        .envs(names)
        .args(["dlq", "list", "-o", "json"])
        .assert()
        .success();
    let listing: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(listing["count"], 10, "{listing}");
    let out = as_role("admin", &internal)
        .args(["view", "-t", &output, "-o", "json"])
        .assert()
        .success();
    assert_eq!(json_lines(&out.get_output().stdout).len(), 90);

    // Refusals: the producer may not read, the consumer may not write the input.
    let out = as_role("producer", &internal)
        .args(["view", "-t", &input, "-o", "json"])
        .output()
        .unwrap();
    assert!(!out.status.success(), "producer read {input}");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("TopicAuthorizationFailed"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = as_role("consumer", &internal)
        .args(["produce", "-t", &input, "--value", "{\"a\":1}"])
        .output()
        .unwrap();
    assert!(!out.status.success(), "consumer wrote {input}");
    // The bundle's passwords never reached a broker's output.
    let all_logs = nodes
        .iter()
        .map(|n| fs::read_to_string(&n.log).unwrap_or_default())
        .collect::<String>();
    for role in ROLES {
        let pw = fs::read_to_string(secrets.join(role).join("password")).unwrap();
        assert!(
            !all_logs.contains(pw.trim()),
            "{role}'s password is in a broker log"
        );
    }
}
