//! kmsg's fault suite: real faults on the run's real three-broker cluster (the one
//! `scripts/test.sh` starts once per run and points `KMSG_TEST_STATE_DIR` and
//! `KMSG_TEST_BOOTSTRAP` at) while kmsg produces and consumes: a broker killed with SIGKILL,
//! a broker hung with SIGSTOP, the group coordinator killed, a rolling restart under
//! at-least-once and exactly-once members. Every record is then checked with an independent
//! reader (kcat): nothing acknowledged may be lost.
//!
//! It kills and stops the cluster's brokers, so it runs after the real-cluster tier (`it`),
//! one scenario at a time (`--test-threads=1`), and never against a cluster someone else
//! uses. Like `it` it is built and run only when named (`cargo test --test faults`; `test =
//! false` in Cargo.toml). Each scenario prints one line of figures (`FAULT ...`; run with
//! `--nocapture` to see them) and leaves every broker running and the cluster healed for
//! the next, even when it fails.

#[allow(dead_code)]
#[path = "../it/harness.rs"]
mod harness;

mod audit;
mod brokers;
mod scenarios;
