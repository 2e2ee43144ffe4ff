//! Pure pipeline logic, no Kafka: schema validation, generated messages, rate limiting.
//! Everything here is plain synchronous code with time injected where it matters, unit-tested
//! without a cluster; the commands only move messages between these pieces and Kafka.

pub mod activity;
pub mod breaker;
pub mod dead_letter;
pub mod decide;
pub mod filter;
pub mod generate;
pub mod group_offsets;
pub mod json_scan;
pub mod lanes;
pub mod offsets;
pub mod outcome;
pub mod rate;
pub mod replay;
pub mod sink;
pub mod template;
pub mod topic_name;
pub mod validate;
pub mod verify;
