//! Static checks of the Docker setup: `docker-compose.yml` (a three-node KRaft
//! cluster plus the one-shot `topics` job) and the runtime stage of the
//! `Dockerfile`.
//!
//! These tests only parse the files, so they need neither a Docker engine nor
//! the network. One extra test asks `docker compose config` to validate the
//! compose file when the Compose plugin is installed, and says on stderr that
//! it skipped that check when it is not.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::process::Command;

use serde_yaml::{Mapping, Value};

const COMPOSE_FILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/docker-compose.yml");
const DOCKERFILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/Dockerfile");

/// Image repository of the Kafka brokers: every service running it is a broker.
const BROKER_IMAGE: &str = "apache/kafka";
/// The one-shot service that creates the pipeline's topics.
const TOPICS_SERVICE: &str = "topics";

/// Tests return `Err` with a message when the file is not shaped as expected,
/// and use assertions for the checks themselves.
type TestResult = Result<(), String>;

/// A broker service of the compose file.
struct Broker<'a> {
    name: &'a str,
    service: &'a Value,
    env: BTreeMap<String, String>,
}

/// One entry of a Kafka listener list such as `INTERNAL://kafka-1:19092`.
#[derive(Debug)]
struct Listener {
    name: String,
    host: String,
    port: u16,
}

/// Reads and parses the compose file, resolving `<<: *anchor` merge keys the
/// way Compose does.
fn compose() -> Result<Value, String> {
    let text =
        fs::read_to_string(COMPOSE_FILE).map_err(|e| format!("cannot read {COMPOSE_FILE}: {e}"))?;
    let mut doc: Value = serde_yaml::from_str(&text)
        .map_err(|e| format!("{COMPOSE_FILE} is not valid YAML: {e}"))?;
    doc.apply_merge()
        .map_err(|e| format!("{COMPOSE_FILE}: cannot resolve `<<` merge keys: {e}"))?;
    Ok(doc)
}

fn services(doc: &Value) -> Result<&Mapping, String> {
    doc.get("services")
        .and_then(Value::as_mapping)
        .ok_or_else(|| format!("{COMPOSE_FILE} has no `services` mapping"))
}

fn service<'a>(doc: &'a Value, name: &str) -> Result<&'a Value, String> {
    services(doc)?
        .get(name)
        .ok_or_else(|| format!("{COMPOSE_FILE} has no `{name}` service"))
}

/// Every service that runs the broker image, in file order.
fn brokers(doc: &Value) -> Result<Vec<Broker<'_>>, String> {
    let mut brokers = Vec::new();
    for (name, service) in services(doc)? {
        let image = service
            .get("image")
            .and_then(Value::as_str)
            .unwrap_or_default();
        if image_repository(image) == BROKER_IMAGE {
            let name = name
                .as_str()
                .ok_or_else(|| format!("service name {name:?} is not a string"))?;
            let env = environment(service);
            brokers.push(Broker { name, service, env });
        }
    }
    Ok(brokers)
}

/// A service's `environment` as a map, whether the file writes it as a list
/// of `KEY=value` strings or as a mapping. Values are rendered as strings
/// (`3`, `false`); a variable without a value maps to "".
fn environment(service: &Value) -> BTreeMap<String, String> {
    match service.get("environment") {
        Some(Value::Sequence(items)) => items
            .iter()
            .map(scalar)
            .map(|item| match item.split_once('=') {
                Some((key, value)) => (key.to_owned(), value.to_owned()),
                None => (item, String::new()),
            })
            .collect(),
        Some(Value::Mapping(map)) => map
            .iter()
            .map(|(key, value)| (scalar(key), scalar(value)))
            .collect(),
        _ => BTreeMap::new(),
    }
}

/// A YAML scalar as the string Compose would pass on.
fn scalar(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Null => String::new(),
        other => format!("{other:?}"),
    }
}

fn env_value<'a>(broker: &'a Broker<'_>, key: &str) -> Result<&'a str, String> {
    broker
        .env
        .get(key)
        .map(String::as_str)
        .ok_or_else(|| format!("broker `{}` does not set {key}", broker.name))
}

/// The single value of `key` that all brokers share.
fn shared_value<'a>(brokers: &'a [Broker<'_>], key: &str) -> Result<&'a str, String> {
    let values = brokers
        .iter()
        .map(|broker| env_value(broker, key))
        .collect::<Result<BTreeSet<_>, _>>()?;
    assert_eq!(
        values.len(),
        1,
        "all brokers must share one {key}, found {values:?}"
    );
    values
        .into_iter()
        .next()
        .ok_or_else(|| format!("no broker sets {key}"))
}

/// `image` without its tag or digest: `apache/kafka:4.3.1` -> `apache/kafka`.
fn image_repository(image: &str) -> &str {
    let image = image.split_once('@').map_or(image, |(name, _)| name);
    match image.rfind(':') {
        // A colon followed by a slash belongs to a registry host, not a tag.
        Some(colon) if !image[colon..].contains('/') => &image[..colon],
        _ => image,
    }
}

/// The tag or digest of `image`, if it names one.
fn image_version(image: &str) -> Option<&str> {
    if let Some((_, digest)) = image.split_once('@') {
        return Some(digest);
    }
    image
        .get(image_repository(image).len() + 1..)
        .filter(|tag| !tag.is_empty())
}

/// Parses a listener list such as `INTERNAL://kafka-1:19092,EXTERNAL://:29092`.
fn listeners(list: &str) -> Result<Vec<Listener>, String> {
    list.split(',')
        .map(str::trim)
        .filter(|entry| !entry.is_empty())
        .map(|entry| {
            let parsed = entry.split_once("://").and_then(|(name, address)| {
                let (host, port) = address.rsplit_once(':')?;
                let port = port.parse().ok()?;
                Some(Listener {
                    name: name.to_owned(),
                    host: host.to_owned(),
                    port,
                })
            });
            parsed.ok_or_else(|| format!("listener {entry:?} is not NAME://host:port"))
        })
        .collect()
}

/// Parses `KAFKA_CONTROLLER_QUORUM_VOTERS` (`1@kafka-1:9093,...`) into node id -> host.
fn quorum_voters(voters: &str) -> Result<BTreeMap<u32, String>, String> {
    voters
        .split(',')
        .map(|voter| {
            let parsed = voter.trim().split_once('@').and_then(|(id, address)| {
                let (host, _port) = address.rsplit_once(':')?;
                Some((id.parse().ok()?, host.to_owned()))
            });
            parsed.ok_or_else(|| format!("quorum voter {voter:?} is not <node id>@<host>:<port>"))
        })
        .collect()
}

/// `(host port, container port)` pairs of a service's `ports`, short or long syntax.
fn published_ports(service: &Value) -> Result<Vec<(u16, u16)>, String> {
    let Some(entries) = service.get("ports").and_then(Value::as_sequence) else {
        return Ok(Vec::new());
    };
    entries
        .iter()
        .map(|entry| {
            let (host, container) = match entry {
                Value::Mapping(long) => (
                    long.get("published").map(scalar).unwrap_or_default(),
                    long.get("target").map(scalar).unwrap_or_default(),
                ),
                short => {
                    // [ip:]host:container[/protocol]; rsplitn keeps IPv6 hosts intact.
                    let spec = scalar(short);
                    let spec = spec
                        .split_once('/')
                        .map_or(spec.as_str(), |(ports, _)| ports);
                    let mut parts = spec.rsplitn(3, ':');
                    let container = parts.next().unwrap_or_default().to_owned();
                    (parts.next().unwrap_or_default().to_owned(), container)
                }
            };
            match (host.parse(), container.parse()) {
                (Ok(host), Ok(container)) => Ok((host, container)),
                _ => Err(format!(
                    "port entry {entry:?} does not publish one fixed host port"
                )),
            }
        })
        .collect()
}

fn is_loopback(host: &str) -> bool {
    host == "localhost" || host.starts_with("127.") || host == "[::1]"
}

/// Dockerfile instructions as `(KEYWORD, arguments)`, with `\` continuation
/// lines joined and comments dropped.
fn dockerfile_instructions(text: &str) -> Vec<(String, String)> {
    let mut instructions = Vec::new();
    let mut current = String::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(head) = line.strip_suffix('\\') {
            current.push_str(head);
            current.push(' ');
            continue;
        }
        current.push_str(line);
        let (keyword, arguments) = current
            .split_once(char::is_whitespace)
            .unwrap_or((current.as_str(), ""));
        instructions.push((keyword.to_ascii_uppercase(), arguments.trim().to_owned()));
        current.clear();
    }
    instructions
}

#[test]
fn compose_has_three_brokers_with_distinct_node_ids_and_one_quorum() -> TestResult {
    let doc = compose()?;
    let brokers = brokers(&doc)?;
    let mut names: Vec<&str> = brokers.iter().map(|broker| broker.name).collect();
    names.sort_unstable();
    assert_eq!(
        names,
        ["kafka-1", "kafka-2", "kafka-3"],
        "expected exactly the broker services kafka-1, kafka-2 and kafka-3 running {BROKER_IMAGE}"
    );

    let mut node_ids = BTreeMap::new();
    for broker in &brokers {
        let raw = env_value(broker, "KAFKA_NODE_ID")?;
        let id: u32 = raw.parse().map_err(|e| {
            format!(
                "broker `{}`: KAFKA_NODE_ID {raw:?} is not a number: {e}",
                broker.name
            )
        })?;
        let previous = node_ids.insert(id, broker.name.to_owned());
        assert!(
            previous.is_none(),
            "KAFKA_NODE_ID {id} is used by both `{}` and `{}`",
            previous.unwrap_or_default(),
            broker.name
        );
    }

    let voters = shared_value(&brokers, "KAFKA_CONTROLLER_QUORUM_VOTERS")?;
    assert_eq!(
        quorum_voters(voters)?,
        node_ids,
        "KAFKA_CONTROLLER_QUORUM_VOTERS {voters:?} must list every broker as <node id>@<service name>:<port>"
    );
    for broker in &brokers {
        let roles = env_value(broker, "KAFKA_PROCESS_ROLES")?;
        assert!(
            roles.split(',').any(|role| role.trim() == "controller"),
            "broker `{}` is a quorum voter, so KAFKA_PROCESS_ROLES {roles:?} must include controller",
            broker.name
        );
    }

    let cluster_id = shared_value(&brokers, "CLUSTER_ID")?;
    assert!(
        !cluster_id.trim().is_empty(),
        "CLUSTER_ID must not be empty"
    );
    Ok(())
}

#[test]
fn every_broker_has_an_enabled_healthcheck_with_timings() -> TestResult {
    let doc = compose()?;
    let brokers = brokers(&doc)?;
    assert!(
        !brokers.is_empty(),
        "{COMPOSE_FILE} has no {BROKER_IMAGE} services"
    );
    for broker in &brokers {
        let healthcheck = broker
            .service
            .get("healthcheck")
            .and_then(Value::as_mapping)
            .ok_or_else(|| format!("broker `{}` has no healthcheck", broker.name))?;
        let disabled = healthcheck
            .get("disable")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        assert!(
            !disabled,
            "broker `{}` disables its healthcheck",
            broker.name
        );
        let test: Vec<String> = match healthcheck.get("test") {
            Some(Value::Sequence(parts)) => parts.iter().map(scalar).collect(),
            Some(command) => vec![scalar(command)],
            None => Vec::new(),
        };
        assert!(
            test.iter()
                .any(|part| !["", "NONE", "CMD", "CMD-SHELL"].contains(&part.as_str())),
            "broker `{}`: healthcheck.test must run a command, got {test:?}",
            broker.name
        );
        for key in ["interval", "timeout", "retries", "start_period"] {
            assert!(
                healthcheck.contains_key(key),
                "broker `{}`: healthcheck should set {key}",
                broker.name
            );
        }
    }
    Ok(())
}

#[test]
fn topics_job_runs_once_after_every_broker_is_healthy() -> TestResult {
    let doc = compose()?;
    let brokers = brokers(&doc)?;
    assert!(
        !brokers.is_empty(),
        "{COMPOSE_FILE} has no {BROKER_IMAGE} services"
    );
    let topics = service(&doc, TOPICS_SERVICE)?;

    let depends_on = topics
        .get("depends_on")
        .and_then(Value::as_mapping)
        .ok_or_else(|| {
            format!(
                "`{TOPICS_SERVICE}.depends_on` must be a mapping of service -> {{condition: ...}}; \
                 the list form cannot wait for health"
            )
        })?;
    for broker in &brokers {
        let condition = depends_on
            .get(broker.name)
            .and_then(|dependency| dependency.get("condition"))
            .and_then(Value::as_str);
        assert_eq!(
            condition,
            Some("service_healthy"),
            "`{TOPICS_SERVICE}` must depend on `{}` with condition: service_healthy",
            broker.name
        );
    }

    let restart = topics.get("restart").map(scalar);
    assert!(
        matches!(restart.as_deref(), None | Some("no")),
        "`{TOPICS_SERVICE}` is a one-shot job and must not be restarted, got restart: {restart:?}"
    );
    assert!(
        topics.get("build").is_some(),
        "`{TOPICS_SERVICE}` should be built from the repository's Dockerfile"
    );
    let command = match topics.get("command") {
        Some(Value::Sequence(words)) => words.iter().map(scalar).collect::<Vec<_>>().join(" "),
        Some(command) => scalar(command),
        None => String::new(),
    };
    let words: Vec<&str> = command.split_whitespace().collect();
    assert!(
        words.windows(2).any(|pair| pair == ["topics", "create"]),
        "`{TOPICS_SERVICE}` should run `kmsg topics create`, got command {command:?}"
    );
    Ok(())
}

#[test]
fn topics_job_bootstraps_from_every_broker_internal_listener() -> TestResult {
    let doc = compose()?;
    let brokers = brokers(&doc)?;
    let env = environment(service(&doc, TOPICS_SERVICE)?);
    let bootstrap = env
        .get("BOOTSTRAP_SERVERS")
        .ok_or_else(|| format!("`{TOPICS_SERVICE}` does not set BOOTSTRAP_SERVERS"))?;
    let servers: BTreeSet<&str> = bootstrap.split(',').map(str::trim).collect();
    for broker in &brokers {
        let advertised = listeners(env_value(broker, "KAFKA_ADVERTISED_LISTENERS")?)?;
        let internal = advertised
            .iter()
            .find(|listener| listener.host == broker.name)
            .ok_or_else(|| {
                format!(
                    "broker `{}` advertises no listener on its service name for other containers",
                    broker.name
                )
            })?;
        let address = format!("{}:{}", internal.host, internal.port);
        assert!(
            servers.contains(address.as_str()),
            "BOOTSTRAP_SERVERS {bootstrap:?} of `{TOPICS_SERVICE}` should include {address}"
        );
    }
    for key in ["INPUT_TOPIC", "OUTPUT_TOPIC", "DLQ_TOPIC"] {
        assert!(
            env.get(key).is_some_and(|value| !value.is_empty()),
            "`{TOPICS_SERVICE}` should set {key}"
        );
    }
    Ok(())
}

#[test]
fn brokers_replicate_three_ways_with_min_isr_two_and_no_auto_created_topics() -> TestResult {
    const EXPECTED: [(&str, &str); 6] = [
        ("KAFKA_DEFAULT_REPLICATION_FACTOR", "3"),
        ("KAFKA_MIN_INSYNC_REPLICAS", "2"),
        ("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "3"),
        ("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "3"),
        ("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "2"),
        ("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false"),
    ];
    let doc = compose()?;
    let brokers = brokers(&doc)?;
    assert!(
        !brokers.is_empty(),
        "{COMPOSE_FILE} has no {BROKER_IMAGE} services"
    );
    for broker in &brokers {
        for (key, expected) in EXPECTED {
            assert_eq!(
                env_value(broker, key)?,
                expected,
                "broker `{}`: {key}",
                broker.name
            );
        }
    }
    Ok(())
}

#[test]
fn every_pulled_image_is_pinned_to_a_version_not_latest() -> TestResult {
    let doc = compose()?;
    for (name, service) in services(&doc)? {
        let name = scalar(name);
        // Services with `build:` tag the image they build themselves (kmsg:local).
        if service.get("build").is_some() {
            continue;
        }
        let image = service
            .get("image")
            .and_then(Value::as_str)
            .ok_or_else(|| format!("service `{name}` has neither `image` nor `build`"))?;
        let version = image_version(image);
        assert!(
            version.is_some_and(|version| version != "latest"),
            "service `{name}` should pin its image to a version, got {image:?}"
        );
    }
    let brokers = brokers(&doc)?;
    let images: BTreeSet<&str> = brokers
        .iter()
        .filter_map(|broker| broker.service.get("image").and_then(Value::as_str))
        .collect();
    assert_eq!(
        images.len(),
        1,
        "all brokers should run the same image, found {images:?}"
    );
    Ok(())
}

#[test]
fn brokers_publish_host_ports_9092_to_9094_matching_their_advertised_listeners() -> TestResult {
    let doc = compose()?;
    let brokers = brokers(&doc)?;
    let mut host_ports = Vec::new();
    for broker in &brokers {
        let ports = published_ports(broker.service)?;
        let [(host_port, container_port)] = *ports.as_slice() else {
            return Err(format!(
                "broker `{}` should publish exactly one port (its external listener), got {ports:?}",
                broker.name
            ));
        };
        host_ports.push(host_port);

        let advertised = listeners(env_value(broker, "KAFKA_ADVERTISED_LISTENERS")?)?;
        let external = advertised
            .iter()
            .find(|listener| listener.port == host_port && is_loopback(&listener.host))
            .ok_or_else(|| {
                format!(
                    "broker `{}` publishes host port {host_port} but does not advertise \
                     localhost:{host_port} in KAFKA_ADVERTISED_LISTENERS {advertised:?}",
                    broker.name
                )
            })?;
        let bound = listeners(env_value(broker, "KAFKA_LISTENERS")?)?;
        assert!(
            bound
                .iter()
                .any(|listener| listener.name == external.name && listener.port == container_port),
            "broker `{}`: host port {host_port} maps to container port {container_port}, \
             but listener {} binds {bound:?}",
            broker.name,
            external.name
        );
    }
    host_ports.sort_unstable();
    assert_eq!(
        host_ports,
        [9092, 9093, 9094],
        "the brokers should be reachable from the host on ports 9092, 9093 and 9094"
    );
    Ok(())
}

#[test]
fn dockerfile_runtime_stage_runs_as_a_non_root_user() -> TestResult {
    let text =
        fs::read_to_string(DOCKERFILE).map_err(|e| format!("cannot read {DOCKERFILE}: {e}"))?;
    let instructions = dockerfile_instructions(&text);
    let runtime_start = instructions
        .iter()
        .rposition(|(keyword, _)| keyword == "FROM")
        .ok_or_else(|| format!("{DOCKERFILE} has no FROM instruction"))?;
    let user = instructions
        .iter()
        .skip(runtime_start)
        .rev()
        .find(|(keyword, _)| keyword == "USER")
        .map(|(_, user)| user.as_str())
        .ok_or_else(|| {
            format!("the runtime (last) stage of {DOCKERFILE} sets no USER, so it runs as root")
        })?;
    let name = user.split_once(':').map_or(user, |(name, _)| name).trim();
    assert!(
        !name.is_empty() && name != "root" && name != "0",
        "the runtime stage of {DOCKERFILE} must run as a non-root user, got USER {user}"
    );
    Ok(())
}

/// Why `docker compose` cannot be used here, or `None` when it can.
fn docker_compose_unusable() -> Option<String> {
    match Command::new("docker").args(["compose", "version"]).output() {
        Ok(output) if output.status.success() => None,
        Ok(output) => Some(format!(
            "`docker compose version` failed ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        )),
        Err(e) => Some(format!("cannot run `docker`: {e}")),
    }
}

#[test]
fn compose_file_passes_docker_compose_config_when_docker_compose_is_available() -> TestResult {
    if let Some(reason) = docker_compose_unusable() {
        eprintln!("skipping the `docker compose config` check: {reason}");
        return Ok(());
    }
    let output = Command::new("docker")
        .args(["compose", "-f", COMPOSE_FILE, "config", "-q"])
        .output()
        .map_err(|e| format!("cannot run `docker compose config`: {e}"))?;
    assert!(
        output.status.success(),
        "`docker compose -f {COMPOSE_FILE} config -q` failed ({}):\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    Ok(())
}

#[test]
fn environment_helper_reads_both_list_and_map_forms() -> TestResult {
    let list: Value = serde_yaml::from_str(
        "environment:\n  - KAFKA_NODE_ID=1\n  - KAFKA_OPTS=-Da=b\n  - PASSED_THROUGH\n",
    )
    .map_err(|e| e.to_string())?;
    let map: Value = serde_yaml::from_str(
        "environment:\n  KAFKA_NODE_ID: 1\n  KAFKA_OPTS: -Da=b\n  PASSED_THROUGH:\n",
    )
    .map_err(|e| e.to_string())?;
    let from_list = environment(&list);
    assert_eq!(
        from_list,
        environment(&map),
        "list and map forms should read the same"
    );
    assert_eq!(
        from_list.get("KAFKA_NODE_ID").map(String::as_str),
        Some("1")
    );
    assert_eq!(
        from_list.get("KAFKA_OPTS").map(String::as_str),
        Some("-Da=b")
    );
    assert_eq!(
        from_list.get("PASSED_THROUGH").map(String::as_str),
        Some("")
    );
    Ok(())
}
