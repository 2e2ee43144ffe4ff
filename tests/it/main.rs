//! kmsg's real-cluster tier: one test binary with a module per area, run against the real
//! three-broker clusters that `scripts/test.sh` starts once per run (the bootstrap in
//! `KMSG_TEST_BOOTSTRAP`), with random topic and group names. It is built and run only
//! when named (`cargo test --test it`, which `scripts/test.sh` runs; `test = false` in
//! Cargo.toml), so a bare `cargo test` runs the tiers that need no cluster; asked for without a
//! cluster, every test that needs one panics naming the missing variable (never a skip).

mod breaker_test;
mod cluster;
mod compose;
mod consume;
mod demo;
mod dlq;
mod downstream;
mod fidelity;
mod group;
mod harness;
mod helm;
mod membership;
mod metrics;
mod monitoring;
mod produce;
mod profiles;
mod registry;
mod registry_consume;
mod registry_infra;
mod registry_produce;
mod secure_compose;
mod security;
mod topics;
mod topics_alter;
mod verify;
mod view;
mod view_select;
