//! kmsg's integration tests: one test binary with a module per area. Tests that need Kafka
//! run against the real three-broker cluster that `scripts/test.sh` starts once per run
//! (its bootstrap in `KMSG_TEST_BOOTSTRAP`), with random topic and group names.

mod breaker_test;
mod cli;
mod cluster;
mod compose;
mod consume;
mod demo;
mod dlq;
mod downstream;
mod fidelity;
mod harness;
mod metrics;
mod monitoring;
mod produce;
mod scripts;
mod secure_compose;
mod security;
mod topics;
mod view;
