//! The Helm chart (deploy/helm/kmsg) without a Kubernetes cluster: Helm itself (built from its
//! Go module by `scripts/fetch-helm.sh`, `KMSG_TEST_HELM`) lints and renders the chart in every
//! switch of its `ci/*-values.yaml` and every combination of them; the rendered objects are
//! validated against the pinned Kubernetes version's OpenAPI schemas and the CRDs of KEDA and the
//! Prometheus Operator from their own source (`tests/it/py/k8s_validate.py`, `KMSG_TEST_CRDS`);
//! bad values are refused with a readable message; and the commands the chart renders (the hook
//! Job's `topics create`, the producer, the consumers, the DLQ watcher) run exactly as rendered
//! with the built binary against the real cluster, on the plain and the secured one.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;
use serde_yaml::Value;

use crate::harness::{
    bootstrap, eventually, free_port, http_get, json_lines, kcat_read, py_script, python,
    repo_file, unique, wait_bounded, Kmsg, SecureCluster,
};

/// The pinned Kubernetes version whose OpenAPI schemas the rendered objects must satisfy.
const KUBERNETES_VERSION: &str = "1.35.0";

/// The chart's switches, one `ci/<name>-values.yaml` each.
const SWITCHES: [&str; 6] = [
    "producer",
    "dlq-watch",
    "keda",
    "network-policy",
    "security",
    "static-membership",
];

/// The helm binary `scripts/test.sh` built. Panics loudly when it is missing.
fn helm_bin() -> PathBuf {
    match std::env::var("KMSG_TEST_HELM") {
        Ok(p) if !p.is_empty() && Path::new(&p).is_file() => p.into(),
        other => panic!(
            "KMSG_TEST_HELM is not set to a helm binary ({other:?}): this test runs Helm. Run the \
             suite with `scripts/test.sh`, which builds it (scripts/fetch-helm.sh, cached in \
             .cache/helm) and sets the variable."
        ),
    }
}

/// The CRD files of the chart's custom resources (KEDA's, the Prometheus Operator's), which
/// `scripts/test.sh` takes from their Go modules. Panics loudly when unset.
fn crd_files() -> Vec<PathBuf> {
    let list = std::env::var("KMSG_TEST_CRDS").unwrap_or_default();
    let files: Vec<PathBuf> = list
        .split(':')
        .filter(|s| !s.is_empty())
        .map(PathBuf::from)
        .collect();
    assert!(
        files.len() >= 3 && files.iter().all(|f| f.is_file()),
        "KMSG_TEST_CRDS must list the CRD files of KEDA's ScaledObject and TriggerAuthentication \
         and of the ServiceMonitor (got {list:?}); run the suite with `scripts/test.sh`, which \
         fetches them (scripts/fetch-helm.sh)"
    );
    files
}

fn chart() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("deploy/helm/kmsg")
}

fn ci_values(switch: &str) -> PathBuf {
    let path = chart().join(format!("ci/{switch}-values.yaml"));
    assert!(path.is_file(), "no values file {}", path.display());
    path
}

/// Runs helm with these arguments (bounded to 120 s).
fn helm(args: &[String]) -> std::process::Output {
    let mut cmd = assert_cmd::Command::new(helm_bin());
    cmd.args(args)
        .env(
            "HELM_CACHE_HOME",
            std::env::temp_dir().join("kmsg-test-helm"),
        )
        .env(
            "HELM_CONFIG_HOME",
            std::env::temp_dir().join("kmsg-test-helm"),
        )
        .env(
            "HELM_DATA_HOME",
            std::env::temp_dir().join("kmsg-test-helm"),
        )
        .timeout(Duration::from_secs(120));
    cmd.output().expect("run helm")
}

/// `-f FILE` for each values file, `--set K=V` for each pair.
fn value_args(files: &[PathBuf], sets: &[(&str, String)]) -> Vec<String> {
    let mut args = Vec::new();
    for f in files {
        args.push("-f".to_string());
        args.push(f.display().to_string());
    }
    for (k, v) in sets {
        args.push("--set".to_string());
        // Helm's --set splits at commas: a bootstrap list keeps them escaped.
        args.push(format!("{k}={}", v.replace(',', "\\,")));
    }
    args
}

/// `helm template` of the chart (release `t`); asserts it succeeded; the manifests as text.
#[track_caller]
fn template(files: &[PathBuf], sets: &[(&str, String)]) -> String {
    template_as("t", files, sets)
}

/// `helm template` as release `release`; asserts it succeeded; the manifests as text.
#[track_caller]
fn template_as(release: &str, files: &[PathBuf], sets: &[(&str, String)]) -> String {
    let mut args = vec![
        "template".to_string(),
        release.into(),
        chart().display().to_string(),
    ];
    args.extend(value_args(files, sets));
    let out = helm(&args);
    assert!(
        out.status.success(),
        "helm {}: exit {:?}\n{}",
        args.join(" "),
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 manifests")
}

/// One combination of the switches (bit i of `mask`: `SWITCHES[i]` on): its values files, and
/// the brokers when no file names them.
fn combination(mask: u32) -> (Vec<PathBuf>, Vec<(&'static str, String)>) {
    let files: Vec<PathBuf> = SWITCHES
        .iter()
        .enumerate()
        .filter(|(i, _)| mask & (1 << i) != 0)
        .map(|(_, s)| ci_values(s))
        .collect();
    let sets = if files.is_empty() {
        vec![("kafka.bootstrapServers", "kafka:9092".to_string())]
    } else {
        vec![]
    };
    (files, sets)
}

/// The rendered objects, each parsed.
fn objects(manifests: &str) -> Vec<Value> {
    serde_yaml::Deserializer::from_str(manifests)
        .map(|d| Value::deserialize(d).expect("rendered YAML parses"))
        .filter(|v| !v.is_null())
        .collect()
}

fn kind(o: &Value) -> &str {
    o["kind"].as_str().unwrap_or("")
}

fn name(o: &Value) -> &str {
    o["metadata"]["name"].as_str().unwrap_or("")
}

/// The one object of this kind whose name ends with `suffix`.
#[track_caller]
fn find<'a>(objs: &'a [Value], kind_: &str, suffix: &str) -> &'a Value {
    let found: Vec<&Value> = objs
        .iter()
        .filter(|o| kind(o) == kind_ && name(o).ends_with(suffix))
        .collect();
    assert_eq!(found.len(), 1, "one {kind_} named *{suffix}");
    found[0]
}

fn kinds(objs: &[Value]) -> Vec<String> {
    let mut k: Vec<String> = objs
        .iter()
        .map(|o| format!("{}/{}", kind(o), name(o)))
        .collect();
    k.sort();
    k
}

/// Every container (init containers first) of a workload or Job's pod template.
fn containers(workload: &Value) -> Vec<&Value> {
    let spec = &workload["spec"]["template"]["spec"];
    let mut all: Vec<&Value> = Vec::new();
    for key in ["initContainers", "containers"] {
        if let Some(list) = spec[key].as_sequence() {
            all.extend(list.iter());
        }
    }
    all
}

fn strings(v: &Value) -> Vec<String> {
    v.as_sequence()
        .map(|s| {
            s.iter()
                .map(|a| a.as_str().expect("a string").to_string())
                .collect()
        })
        .unwrap_or_default()
}

/// Runs `k8s_validate.py` on the manifests; (exit code, one JSON result per object).
fn validate(manifests: &str) -> (Option<i32>, Vec<serde_json::Value>) {
    let mut cmd = assert_cmd::Command::new(python());
    cmd.arg(py_script("k8s_validate.py"))
        .args(["--kubernetes-version", KUBERNETES_VERSION]);
    for crd in crd_files() {
        cmd.arg("--crd").arg(crd);
    }
    let out = cmd
        .write_stdin(manifests.as_bytes().to_vec())
        .timeout(Duration::from_secs(120))
        .output()
        .expect("run k8s_validate.py");
    assert!(
        out.status.code() == Some(0) || out.status.code() == Some(1),
        "k8s_validate.py crashed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code(), json_lines(&out.stdout))
}

#[test]
fn the_chart_lints_and_renders_in_every_switch_and_every_combination() {
    // helm lint --strict: the chart alone needs the brokers, so each switch file (which names
    // them) and all of them together.
    let mut lint_sets: Vec<Vec<PathBuf>> = SWITCHES.iter().map(|s| vec![ci_values(s)]).collect();
    lint_sets.push(SWITCHES.iter().map(|s| ci_values(s)).collect());
    for files in &lint_sets {
        let mut args = vec![
            "lint".to_string(),
            "--strict".into(),
            chart().display().to_string(),
        ];
        args.extend(value_args(files, &[]));
        let out = helm(&args);
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && text.contains("0 chart(s) failed"),
            "helm {}: exit {:?}\n{text}{}",
            args.join(" "),
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // helm template of all 64 combinations, each checked for what its switches must render.
    for mask in 0u32..(1 << SWITCHES.len()) {
        let on = |s: &str| {
            let i = SWITCHES.iter().position(|x| *x == s).unwrap();
            mask & (1 << i) != 0
        };
        let (files, sets) = combination(mask);
        let objs = objects(&template(&files, &sets));
        let what = format!(
            "switches {:?}",
            SWITCHES.iter().filter(|s| on(s)).collect::<Vec<_>>()
        );
        let has = |k: &str, suffix: &str| {
            objs.iter()
                .any(|o| kind(o) == k && name(o).ends_with(suffix))
        };
        assert!(
            objs.iter()
                .all(|o| !kind(o).is_empty() && o["apiVersion"].is_string()),
            "{what}: every document is an object with apiVersion and kind: {:?}",
            kinds(&objs)
        );
        let workload = if on("static-membership") {
            "StatefulSet"
        } else {
            "Deployment"
        };
        assert!(
            has(workload, "-consumer"),
            "{what}: consumer {workload}: {:?}",
            kinds(&objs)
        );
        assert!(
            has("Job", "-topics")
                && has("Service", "-consumer")
                && has("PodDisruptionBudget", "-consumer")
                && has("ConfigMap", "-schema"),
            "{what}: {:?}",
            kinds(&objs)
        );
        assert_eq!(has("Deployment", "-producer"), on("producer"), "{what}");
        assert_eq!(has("Deployment", "-dlq-watch"), on("dlq-watch"), "{what}");
        assert_eq!(has("ServiceMonitor", ""), on("dlq-watch"), "{what}");
        assert_eq!(has("ScaledObject", "-consumer"), on("keda"), "{what}");
        assert_eq!(
            has("TriggerAuthentication", "-consumer"),
            on("keda") && on("security"),
            "{what}"
        );
        assert_eq!(has("NetworkPolicy", ""), on("network-policy"), "{what}");
        assert_eq!(
            has("Service", "-consumer-headless"),
            on("static-membership"),
            "{what}"
        );
        assert!(
            !has("HorizontalPodAutoscaler", ""),
            "{what}: the chart never renders an HPA"
        );
        let consumer = find(&objs, workload, "-consumer");
        // KEDA owns the replica count: the workload has none to fight it.
        assert_eq!(
            consumer["spec"]["replicas"].is_null(),
            on("keda"),
            "{what}: replicas"
        );
        if on("keda") {
            let so = find(&objs, "ScaledObject", "-consumer");
            assert_eq!(
                so["spec"]["scaleTargetRef"]["kind"].as_str(),
                Some(workload),
                "{what}"
            );
            assert_eq!(
                so["spec"]["scaleTargetRef"]["name"],
                consumer["metadata"]["name"]
            );
        }
        for c in containers(consumer) {
            let env_names: Vec<&str> = c["env"]
                .as_sequence()
                .into_iter()
                .flatten()
                .map(|e| e["name"].as_str().unwrap())
                .collect();
            assert_eq!(
                env_names.contains(&"INSTANCE_ID"),
                on("static-membership"),
                "{what}"
            );
        }
    }
}

#[test]
fn every_rendered_object_is_valid_against_the_pinned_kubernetes_and_crd_schemas() {
    // All 64 combinations in one run of the validator; an object that several combinations
    // render alike is validated once, and a failure names the first combination that rendered it.
    let mut unique: Vec<(u32, Value)> = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for mask in 0u32..(1 << SWITCHES.len()) {
        let (files, sets) = combination(mask);
        for o in objects(&template(&files, &sets)) {
            if seen.insert(serde_json::to_string(&o).expect("an object as JSON")) {
                unique.push((mask, o));
            }
        }
    }
    let manifests = unique
        .iter()
        .map(|(_, o)| serde_yaml::to_string(o).unwrap())
        .collect::<Vec<_>>()
        .join("---\n");
    let (code, results) = validate(&manifests);
    assert_eq!(results.len(), unique.len(), "every object is checked");
    let bad: Vec<String> = results
        .iter()
        .zip(&unique)
        .filter(|(r, _)| r["ok"] != true)
        .map(|(r, (mask, _))| {
            let on: Vec<&str> = SWITCHES
                .iter()
                .enumerate()
                .filter(|(i, _)| mask & (1 << i) != 0)
                .map(|(_, s)| *s)
                .collect();
            format!("switches {on:?}: {r}")
        })
        .collect();
    assert!(
        code == Some(0) && bad.is_empty(),
        "invalid objects: {bad:#?}"
    );
    let mut validated: BTreeMap<String, usize> = BTreeMap::new();
    for r in &results {
        *validated
            .entry(r["kind"].as_str().unwrap().to_string())
            .or_default() += 1;
    }
    for k in [
        "Deployment",
        "StatefulSet",
        "Job",
        "Service",
        "ConfigMap",
        "PodDisruptionBudget",
        "NetworkPolicy",
        "ScaledObject",
        "TriggerAuthentication",
        "ServiceMonitor",
    ] {
        assert!(
            validated.contains_key(k),
            "no {k} was validated: {validated:?}"
        );
    }

    // The validator is not a rubber stamp: the same objects, each with one mistake, fail,
    // naming the field.
    let all: Vec<PathBuf> = SWITCHES.iter().map(|s| ci_values(s)).collect();
    let objs = objects(&template(&all, &[]));
    let broken = |kind_: &str, path: &[&str], value: Value, wanted: &str| {
        let mut objs = objs.clone();
        let o = objs.iter_mut().find(|o| kind(o) == kind_).unwrap();
        let mut at = &mut *o;
        for p in &path[..path.len() - 1] {
            at = &mut at[*p];
        }
        at[path[path.len() - 1]] = value;
        let text = objs
            .iter()
            .map(|o| serde_yaml::to_string(o).unwrap())
            .collect::<Vec<_>>()
            .join("---\n");
        let (code, results) = validate(&text);
        let bad: Vec<&serde_json::Value> = results.iter().filter(|r| r["ok"] != true).collect();
        assert_eq!(
            code,
            Some(1),
            "{kind_} {path:?} should be refused: {results:?}"
        );
        assert_eq!(bad.len(), 1, "{results:?}");
        assert_eq!(bad[0]["kind"], kind_);
        let error = bad[0]["error"].as_str().unwrap();
        assert!(error.contains(wanted), "{kind_}: {error}");
    };
    broken(
        "StatefulSet",
        &["spec", "replicas"],
        Value::from("three"),
        "replicas",
    );
    broken(
        "Job",
        &["spec", "backoffLimitt"],
        Value::from(3),
        "backoffLimitt",
    );
    broken(
        "ScaledObject",
        &["spec", "minReplicaCount"],
        Value::from("one"),
        "minReplicaCount",
    );
    broken(
        "TriggerAuthentication",
        &["spec", "secretTargetRefs"],
        Value::Sequence(vec![]),
        "secretTargetRefs",
    );
    broken(
        "ServiceMonitor",
        &["spec", "endpoints"],
        Value::from("metrics"),
        "endpoints",
    );
}

/// Runs helm `verb` (template, lint, or install --dry-run=client) with these values; asserts it
/// fails with exit 1 and a message containing each of `wanted` (lint: in its report or its
/// log), and renders nothing.
#[track_caller]
fn refused(verb: &str, files: &[PathBuf], sets: &[(&str, String)], wanted: &[&str]) {
    let chart = chart().display().to_string();
    let mut args: Vec<String> = match verb {
        "install" => vec![
            "install".into(),
            "t".into(),
            chart,
            "--dry-run=client".into(),
        ],
        "lint" => vec!["lint".into(), chart],
        _ => vec!["template".into(), "t".into(), chart],
    };
    args.extend(value_args(files, sets));
    let out = helm(&args);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let said = if verb == "lint" {
        format!("{stdout}{stderr}")
    } else {
        assert!(
            !stdout.contains("kind:"),
            "helm {verb} rendered objects: {stdout}"
        );
        stderr.to_string()
    };
    assert_eq!(
        out.status.code(),
        Some(1),
        "helm {}: should fail; it said: {said}",
        args.join(" ")
    );
    for w in wanted {
        assert!(
            said.contains(w),
            "helm {}: the message should contain {w:?}:\n{said}",
            args.join(" ")
        );
    }
}

#[test]
fn bad_values_are_refused_at_template_lint_and_install_with_a_readable_message() {
    let keda = ci_values("keda");
    let security = ci_values("security");
    for verb in ["template", "lint", "install"] {
        // No brokers: the one value without a default.
        refused(verb, &[], &[], &["/kafka/bootstrapServers", "minLength"]);
        // A wrong type.
        refused(
            verb,
            std::slice::from_ref(&keda),
            &[("input.partitions", "six".into())],
            &["/input/partitions", "got string, want integer"],
        );
        // More members than partitions.
        refused(
            verb,
            std::slice::from_ref(&keda),
            &[("autoscaling.keda.maxReplicaCount", "8".into())],
            &["autoscaling.keda.maxReplicaCount (8) is above input.partitions (6)"],
        );
        refused(
            verb,
            &[],
            &[
                ("kafka.bootstrapServers", "k:9092".into()),
                ("consumer.replicas", "7".into()),
            ],
            &["consumer.replicas (7) is above input.partitions (6)"],
        );
        // A password given as a plain value, in either place one might try.
        refused(
            verb,
            std::slice::from_ref(&security),
            &[("security.users.consumer.password", "hunter2".into())],
            &[
                "/security/users/consumer",
                "additional properties 'password' not allowed",
            ],
        );
        refused(
            verb,
            std::slice::from_ref(&security),
            &[("security.password", "hunter2".into())],
            &["/security", "additional properties 'password' not allowed"],
        );
        // Security on but no Secret named for a role's password.
        refused(
            verb,
            std::slice::from_ref(&security),
            &[("security.users.consumer.passwordSecret.name", String::new())],
            &["security.users.consumer.passwordSecret.name is empty"],
        );
        // A DLQ watcher group the dlq user's ACLs do not cover.
        refused(
            verb,
            std::slice::from_ref(&security),
            &[
                ("dlqWatch.enabled", "true".into()),
                ("dlqWatch.group", "watchers".into()),
            ],
            &["dlqWatch.group watchers does not start with kmsg-dlq-"],
        );
        // A grace period that would kill a stopping consumer before it commits and leaves.
        refused(
            verb,
            std::slice::from_ref(&keda),
            &[("consumer.terminationGracePeriodSeconds", "20".into())],
            &["terminationGracePeriodSeconds (20)"],
        );
        // A security context that runs as root or lets the container escalate.
        refused(
            verb,
            std::slice::from_ref(&keda),
            &[("securityContext.allowPrivilegeEscalation", "true".into())],
            &["/securityContext/allowPrivilegeEscalation"],
        );
        // A NetworkPolicy that would cut the pods off from the brokers.
        refused(
            verb,
            std::slice::from_ref(&keda),
            &[("networkPolicy.enabled", "true".into())],
            &["networkPolicy.kafka.to is empty"],
        );
    }
}

#[test]
fn secrets_reach_the_pods_only_as_mounted_files() {
    let files: Vec<PathBuf> = SWITCHES.iter().map(|s| ci_values(s)).collect();
    let objs = objects(&template(&files, &[]));
    let mut checked = 0;
    for o in objs
        .iter()
        .filter(|o| matches!(kind(o), "Deployment" | "StatefulSet" | "Job"))
    {
        let pod = &o["spec"]["template"]["spec"];
        assert_eq!(
            pod["securityContext"]["runAsNonRoot"],
            Value::Bool(true),
            "{}",
            name(o)
        );
        assert_eq!(
            pod["securityContext"]["seccompProfile"]["type"].as_str(),
            Some("RuntimeDefault")
        );
        assert_eq!(pod["automountServiceAccountToken"], Value::Bool(false));
        for c in containers(o) {
            checked += 1;
            let sc = &c["securityContext"];
            assert_eq!(sc["readOnlyRootFilesystem"], Value::Bool(true));
            assert_eq!(sc["allowPrivilegeEscalation"], Value::Bool(false));
            assert_eq!(strings(&sc["capabilities"]["drop"]), vec!["ALL"]);
            assert!(
                c["resources"]["requests"].is_mapping() && c["resources"]["limits"].is_mapping()
            );
            let args = strings(&c["args"]);
            assert!(
                args.contains(&"--sasl-password-file=/etc/kmsg/sasl/password".to_string()),
                "{args:?}"
            );
            assert!(args.contains(&"--log-format=json".to_string()), "{args:?}");
            // No password on the command line, none in the env (not even from a Secret).
            assert!(
                !args.iter().any(|a| a.to_lowercase().contains("password")
                    && !a.starts_with("--sasl-password-file=")),
                "{args:?}"
            );
            for e in c["env"].as_sequence().into_iter().flatten() {
                let n = e["name"].as_str().unwrap();
                assert!(
                    !n.to_uppercase().contains("PASSWORD"),
                    "env {n} in {}",
                    name(o)
                );
                assert!(
                    e["valueFrom"]["secretKeyRef"].is_null(),
                    "env {n} from a Secret"
                );
            }
            let mount = c["volumeMounts"]
                .as_sequence()
                .unwrap()
                .iter()
                .find(|m| m["name"] == "sasl")
                .expect("the password volume is mounted");
            assert_eq!(mount["readOnly"], Value::Bool(true));
        }
        let sasl = pod["volumes"]
            .as_sequence()
            .unwrap()
            .iter()
            .find(|v| v["name"] == "sasl")
            .unwrap();
        assert!(sasl["secret"]["secretName"]
            .as_str()
            .unwrap()
            .starts_with("kmsg-"));
    }
    // KEDA reads the lag as the consumer user: the user name from the consumer container's
    // env, the password and CA from the consumers' own Secrets.
    let auth = find(&objs, "TriggerAuthentication", "-consumer");
    let consumer = find(&objs, "StatefulSet", "-consumer");
    let c = containers(consumer)[0];
    for e in auth["spec"]["env"].as_sequence().unwrap() {
        assert_eq!(e["containerName"], c["name"]);
        assert!(
            c["env"]
                .as_sequence()
                .unwrap()
                .iter()
                .any(|ce| ce["name"] == e["name"] && ce["value"].is_string()),
            "the consumer container has env {:?}",
            e["name"]
        );
    }
    let volumes = consumer["spec"]["template"]["spec"]["volumes"]
        .as_sequence()
        .unwrap();
    for r in auth["spec"]["secretTargetRef"].as_sequence().unwrap() {
        assert!(
            volumes
                .iter()
                .any(|v| v["secret"]["secretName"] == r["name"]
                    && v["secret"]["items"]
                        .as_sequence()
                        .unwrap()
                        .iter()
                        .any(|i| i["key"] == r["key"])),
            "KEDA's {:?} comes from a Secret the consumers mount",
            r["parameter"]
        );
    }
    assert!(
        checked >= 5,
        "consumer, producer, dlq watch, topics and ACL containers: {checked}"
    );
}

#[test]
fn the_schema_configmap_holds_the_repository_schema() {
    let shipped = std::fs::read_to_string(chart().join("files/schema.json")).unwrap();
    let repo = std::fs::read_to_string(repo_file("schema.json")).unwrap();
    assert_eq!(shipped, repo, "deploy/helm/kmsg/files/schema.json must be a copy of schema.json: cp schema.json deploy/helm/kmsg/files/");
    let objs = objects(&template(&[ci_values("producer")], &[]));
    let data = find(&objs, "ConfigMap", "-schema")["data"]["schema.json"]
        .as_str()
        .unwrap()
        .to_string();
    let a: serde_json::Value = serde_json::from_str(&data).unwrap();
    let b: serde_json::Value = serde_json::from_str(&repo).unwrap();
    assert_eq!(a, b);
    // An inline schema wins.
    let dir = tempfile::tempdir().unwrap();
    let inline = dir.path().join("inline-values.yaml");
    std::fs::write(&inline, "schema:\n  json: '{\"type\":\"object\"}'\n").unwrap();
    let objs = objects(&template(&[ci_values("producer"), inline], &[]));
    assert_eq!(
        find(&objs, "ConfigMap", "-schema")["data"]["schema.json"].as_str(),
        Some(r#"{"type":"object"}"#)
    );
}

/// A container's command line as the kubelet would run it, with the built binary for `kmsg`
/// and its env (a downward-API pod name as `pod`).
fn as_rendered(c: &Value, pod: &str) -> Kmsg {
    let command = strings(&c["command"]);
    assert_eq!(command, vec!["kmsg"], "the container runs kmsg");
    let mut k = Kmsg::new(strings(&c["args"]));
    for e in c["env"].as_sequence().into_iter().flatten() {
        let n = e["name"].as_str().unwrap();
        let v = if e["valueFrom"]["fieldRef"]["fieldPath"].as_str() == Some("metadata.name") {
            pod.to_string()
        } else {
            e["value"]
                .as_str()
                .unwrap_or_else(|| panic!("env {n}: a literal or the pod name"))
                .to_string()
        };
        k = k.env(n, v);
    }
    k
}

/// Writes the rendered ConfigMap's schema where the container mounts it (under `root`).
fn mount_schema(objs: &[Value], root: &Path) {
    let data = find(objs, "ConfigMap", "-schema")["data"]["schema.json"]
        .as_str()
        .unwrap();
    std::fs::create_dir_all(root.join("schema")).unwrap();
    std::fs::write(root.join("schema/schema.json"), data).unwrap();
}

/// Partitions of `topic` as kcat's metadata request reports them (0 when it does not exist).
fn kcat_partitions(bootstrap: &str, topic: &str) -> usize {
    let out = std::process::Command::new("kcat")
        .args(["-L", "-b", bootstrap, "-t", topic, "-J"])
        .output()
        .expect("kcat");
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    meta["topics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|t| t["topic"] == topic && t["error"].is_null())
        .map(|t| t["partitions"].as_array().map_or(0, |p| p.len()))
        .sum()
}

#[test]
fn the_rendered_commands_create_topics_produce_consume_and_dead_letter_on_the_real_cluster() {
    let input = unique("helm");
    let root = tempfile::tempdir().unwrap();
    let port = free_port();
    let sets = vec![
        ("kafka.bootstrapServers", bootstrap()),
        ("input.topic", input.clone()),
        ("input.partitions", "3".into()),
        ("outputTopic", format!("{input}.out")),
        ("mountRoot", root.path().display().to_string()),
        ("metrics.port", port.to_string()),
        ("consumer.replicas", "3".into()),
        ("consumer.group", unique("helm-group")),
        ("consumer.extraArgs[0]", "--idle-timeout=8s".into()),
        ("producer.rate", "0".into()),
        ("producer.extraArgs[0]", "--count=200".into()),
        ("producer.extraArgs[1]", "--seed=21".into()),
        ("dlqWatch.group", unique("kmsg-dlq-helm")),
        ("dlqWatch.extraArgs[0]", "--idle-timeout=5s".into()),
    ];
    let files = vec![
        ci_values("producer"),
        ci_values("dlq-watch"),
        ci_values("static-membership"),
    ];
    let objs = objects(&template(&files, &sets));
    mount_schema(&objs, root.path());

    // The hook Job: the three topics, with the chart's partition count.
    let job = find(&objs, "Job", "-topics");
    let job_containers = containers(job);
    assert_eq!(job_containers.len(), 1, "no ACL step without security");
    as_rendered(job_containers[0], "t-kmsg-topics-x").expect_code(0);
    for t in [
        input.clone(),
        format!("{input}.out"),
        format!("{input}.dlq"),
    ] {
        assert_eq!(kcat_partitions(&bootstrap(), &t), 3, "{t}");
    }

    // The producer: 200 login events, exactly 10 % of them bad on purpose.
    let producer = find(&objs, "Deployment", "-producer");
    as_rendered(containers(producer)[0], "t-kmsg-producer-x")
        .timeout(Duration::from_secs(120))
        .expect_code(0);

    // A consumer (the StatefulSet's first pod), exactly as rendered: it serves the probes' paths
    // while it works, validates, forwards and dead-letters, and stops when idle.
    let consumer = find(&objs, "StatefulSet", "-consumer");
    let c = containers(consumer)[0];
    assert_eq!(
        c["livenessProbe"]["httpGet"]["path"].as_str(),
        Some("/healthz")
    );
    assert_eq!(
        c["readinessProbe"]["httpGet"]["path"].as_str(),
        Some("/readyz")
    );
    assert_eq!(
        c["ports"][0]["containerPort"].as_u64(),
        Some(u64::from(port))
    );
    let mut member = as_rendered(c, "t-kmsg-consumer-0").spawn();
    eventually(
        Duration::from_secs(60),
        "the consumer's /readyz answers 200",
        || {
            assert!(member.is_running(), "the consumer exited early");
            http_get(port, "/readyz").is_some_and(|(s, _)| s == 200)
        },
    );
    assert_eq!(http_get(port, "/healthz").map(|(s, _)| s), Some(200));
    let out = wait_bounded(member, Duration::from_secs(120));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "consume as rendered: {stderr}");
    // JSON logs: every stderr line is one JSON object.
    assert!(
        stderr.lines().count() > 0
            && stderr
                .lines()
                .all(|l| serde_json::from_str::<serde_json::Value>(l).is_ok()),
        "JSON log lines: {stderr}"
    );
    let forwarded = kcat_read(&format!("{input}.out"));
    let dead = kcat_read(&format!("{input}.dlq"));
    assert_eq!(forwarded.len(), 180, "the valid events are forwarded");
    assert_eq!(dead.len(), 20, "the bad ones are dead-lettered");
    assert!(
        dead.iter().all(|r| r.header("kmsg.invalid").is_some()),
        "only the bad ones"
    );
    assert!(forwarded.iter().all(|r| r.header("kmsg.invalid").is_none()));

    // The DLQ watcher as rendered sees the 20 dead letters and stops when idle.
    let watch = find(&objs, "Deployment", "-dlq-watch");
    let out = as_rendered(containers(watch)[0], "t-kmsg-dlq-watch-x")
        .timeout(Duration::from_secs(120))
        .expect_code(0);
    let logs = json_lines(&out.stderr);
    assert!(
        !logs.is_empty(),
        "dlq watch logs JSON: {}",
        String::from_utf8_lossy(&out.stderr)
    );

    // The kmsg commands NOTES.txt gives for watching lag and the DLQ work as printed (a
    // --watch runs once here instead of refreshing).
    let mut args = vec![
        "install".to_string(),
        "t".into(),
        chart().display().to_string(),
        "--dry-run=client".into(),
    ];
    args.extend(value_args(&files, &sets));
    let out = helm(&args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let notes = &text[text.find("NOTES:").expect("helm install prints the NOTES")..];
    let commands: Vec<Vec<String>> = notes
        .lines()
        .filter_map(|l| l.trim().strip_prefix("kmsg -b "))
        .map(|l| {
            let l = l.split('#').next().unwrap().replace("--watch 5s", "");
            std::iter::once("-b")
                .chain(l.split_whitespace())
                .map(String::from)
                .collect()
        })
        .collect();
    assert_eq!(commands.len(), 4, "{notes}");
    for command in commands {
        let out = Kmsg::new(&command).json().expect_code(0);
        assert!(!out.stdout.is_empty(), "{command:?} printed nothing");
        if command.contains(&"stats".to_string()) {
            let stats: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            assert_eq!(
                stats["total"], 20,
                "dlq stats counts the 20 dead letters: {stats}"
            );
        }
    }
}

#[test]
fn the_rendered_secure_commands_use_the_mounted_password_file_on_the_secured_cluster() {
    let secure = SecureCluster::get();
    let input = unique("helm-sec");
    let group = unique("helm-sec-group");
    let root = tempfile::tempdir().unwrap();
    let sets = vec![
        ("kafka.bootstrapServers", secure.bootstrap.clone()),
        ("input.topic", input.clone()),
        ("input.partitions", "2".into()),
        ("outputTopic", format!("{input}.out")),
        ("mountRoot", root.path().display().to_string()),
        ("metrics.port", free_port().to_string()),
        ("consumer.replicas", "2".into()),
        ("consumer.group", group.clone()),
        ("consumer.extraArgs[0]", "--idle-timeout=6s".into()),
    ];
    let objs = objects(&template(&[ci_values("security")], &sets));
    mount_schema(&objs, root.path());
    // The Secrets, as the kubelet would mount them: the role's password file and the CA.
    let mount_secrets = |user: &str| {
        std::fs::create_dir_all(root.path().join("sasl")).unwrap();
        std::fs::create_dir_all(root.path().join("tls")).unwrap();
        std::fs::copy(
            secure.password_file(user),
            root.path().join("sasl/password"),
        )
        .unwrap();
        std::fs::copy(secure.ca(), root.path().join("tls/ca.pem")).unwrap();
    };

    // The hook Job as the admin user: topics, then the roles' ACLs.
    mount_secrets("admin");
    let job = find(&objs, "Job", "-topics");
    let steps = containers(job);
    assert_eq!(
        steps
            .iter()
            .map(|c| c["name"].as_str().unwrap())
            .collect::<Vec<_>>(),
        ["topics-create", "acl-apply"]
    );
    for step in &steps {
        as_rendered(step, "t-kmsg-topics-x").expect_code(0);
    }

    // Two valid events and one bad one, written as the producer user.
    let mut producer = secure.kmsg_as("producer");
    producer
        .args(["produce", "-t", &input])
        .write_stdin("{\"user_id\":\"u\",\"app_version\":\"1\",\"device_type\":\"a\",\"ip\":\"10.0.0.1\",\"locale\":\"CO\",\"device_id\":\"d\",\"timestamp\":1}\n{\"user_id\":\"v\",\"app_version\":\"1\",\"device_type\":\"a\",\"ip\":\"10.0.0.2\",\"locale\":\"AR\",\"device_id\":\"d\",\"timestamp\":2}\n{\"nope\":1}\n")
        .assert()
        .success();

    // The consumer as rendered, as the consumer user (its ACLs from acl apply): the password
    // comes from the mounted file only.
    mount_secrets("consumer");
    let c = containers(find(&objs, "Deployment", "-consumer"))[0];
    let out = as_rendered(c, "t-kmsg-consumer-x")
        .timeout(Duration::from_secs(120))
        .run();
    assert_eq!(
        out.status.code(),
        Some(0),
        "secure consume as rendered: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut admin = secure.kmsg_as("admin");
    let view = admin
        .args(["view", "-t", &format!("{input}.out"), "-o", "json"])
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    assert!(
        view.status.success(),
        "{}",
        String::from_utf8_lossy(&view.stderr)
    );
    assert_eq!(
        json_lines(&view.stdout).len(),
        2,
        "both valid events forwarded"
    );
    let mut admin = secure.kmsg_as("admin");
    let dlq = admin
        .args(["view", "-t", &format!("{input}.dlq"), "-o", "json"])
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    assert_eq!(
        json_lines(&dlq.stdout).len(),
        1,
        "the bad one dead-lettered"
    );
}
