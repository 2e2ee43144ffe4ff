//! Downstreams a consumer calls for each valid message, other than Kafka: today the HTTP sink
//! of `consume --sink-url`. The pure judgement of an answer is in `pipeline::sink`.

pub mod http;
