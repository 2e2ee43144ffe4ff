//! The local Kafka cluster kmsg runs itself (`kmsg cluster`, the demo, the tests): its shape
//! as plain data (`layout`), its certificates and SCRAM secrets (`pki`), and the launcher that
//! starts, checks and stops the broker processes (`launcher`), and the rolling restart
//! (`restart`). It uses the Kafka adapters
//! (`kafka::admin`) to see the cluster answer; nothing in `kafka` uses it.

pub mod launcher;
pub mod layout;
pub mod pki;
pub mod restart;
