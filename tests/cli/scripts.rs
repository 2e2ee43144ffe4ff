//! The README's first command, `scripts/demo.sh`, as a newcomer meets it: it builds the dev
//! profile with cargo's progress on screen (the build `scripts/test.sh` and these tests use,
//! so the two commands compile once), says where the binary is and how to put it on PATH,
//! and runs the demo from that binary. Cargo itself is replaced by a stub that records its
//! arguments: the suite has built the binary already, and a nested build must not race it.

use std::os::unix::fs::PermissionsExt;

#[test]
fn demo_sh_builds_the_tests_profile_with_progress_and_runs_the_demo_from_that_binary() {
    let repo = env!("CARGO_MANIFEST_DIR");
    let bin = env!("CARGO_BIN_EXE_kmsg");
    assert_eq!(
        std::path::Path::new(bin),
        std::path::Path::new(repo).join("target/debug/kmsg"),
        "the tests run target/debug/kmsg, the binary demo.sh runs"
    );
    let stub = tempfile::tempdir().unwrap();
    let calls = stub.path().join("calls");
    let cargo = stub.path().join("cargo");
    std::fs::write(
        &cargo,
        format!("#!/bin/sh\necho \"$@\" >> '{}'\n", calls.display()),
    )
    .unwrap();
    std::fs::set_permissions(&cargo, std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!(
        "{}:{}",
        stub.path().display(),
        std::env::var("PATH").unwrap()
    );
    let out = std::process::Command::new("bash")
        .arg(format!("{repo}/scripts/demo.sh"))
        .args(["--duration", "3s", "-o", "json"])
        .env("PATH", path)
        .env_remove("BOOTSTRAP_SERVERS")
        .env("NO_COLOR", "1")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{out:?}");
    // One build, of the dev profile, with progress: not --release, not --quiet.
    let calls = std::fs::read_to_string(&calls).unwrap();
    assert_eq!(calls.trim(), "build --locked --bin kmsg", "{calls}");
    assert!(stderr.contains(&format!("kmsg is {bin}")), "{stderr}");
    assert!(stderr.contains("export PATH="), "{stderr}");
    // And the demo ran from that binary and added up.
    let s: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(s["adds_up"], true, "{s}");
    assert!(s["produced"].as_u64().unwrap() > 0, "{s}");
}
