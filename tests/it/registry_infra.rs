//! The schema-registry test infrastructure itself: the registry `scripts/test.sh` starts
//! (`KMSG_TEST_REGISTRY_URL`) answers its Confluent-compatible API, and the independent Python
//! client (tests/it/py, Confluent's own serializers, `KMSG_TEST_PYTHON`) round-trips login
//! events through the real cluster in the Confluent wire format, checked byte for byte with
//! kcat: a zero magic byte, then the 4-byte big-endian id the registry gives the subject's
//! latest version (for Protobuf, then the message index of `Login`, a single 0).

use std::time::Duration;

use serde_json::json;

use crate::harness::{
    create_topic, kcat_values, login_events, registry_get, repo_file, sr_read, sr_write, unique,
};

#[test]
fn the_registry_answers_its_confluent_api_with_avro_protobuf_and_json() {
    let (status, subjects) = registry_get("/subjects");
    assert_eq!(status, 200, "GET /subjects: {subjects}");
    assert!(subjects.is_array(), "GET /subjects: {subjects}");
    let (status, types) = registry_get("/schemas/types");
    assert_eq!(status, 200, "GET /schemas/types: {types}");
    for t in ["AVRO", "PROTOBUF", "JSON"] {
        assert!(
            types.as_array().unwrap().contains(&json!(t)),
            "{t} missing from {types}"
        );
    }
    let (status, missing) = registry_get(&format!("/subjects/{}/versions/latest", unique("none")));
    assert_eq!(status, 404, "an unknown subject: {missing}");
}

/// Writes the events with sr_write.py, reads them back with sr_read.py and checks every raw
/// value kcat sees starts with the Confluent header naming the subject's registered schema;
/// returns the values' bodies after the 5-byte header.
fn round_trip(prefix: &str, format: &str, schema: &str, schema_type: &str) -> Vec<Vec<u8>> {
    let topic = unique(prefix);
    create_topic(&topic, 1, 3);
    let events = login_events();
    let schema = repo_file(schema);
    sr_write(&topic, format, &schema, None, &events);

    let read = sr_read(
        &topic,
        format,
        &schema,
        events.len(),
        Duration::from_secs(60),
    );
    assert_eq!(read, events, "{format}: what sr_read.py decoded");

    let subject = format!("{topic}-value");
    let (status, latest) = registry_get(&format!("/subjects/{subject}/versions/latest"));
    assert_eq!(status, 200, "{subject}: {latest}");
    let id = latest["id"].as_u64().expect("the latest version's id");
    // Confluent leaves schemaType out for Avro, its default.
    assert_eq!(
        latest["schemaType"].as_str().unwrap_or("AVRO"),
        schema_type,
        "{latest}"
    );
    let (status, by_id) = registry_get(&format!("/schemas/ids/{id}"));
    assert_eq!(status, 200, "schema {id}: {by_id}");
    assert_eq!(
        by_id["schema"], latest["schema"],
        "schema {id} by id and by subject"
    );

    let values = kcat_values(&topic);
    assert_eq!(values.len(), events.len(), "{format}: values kcat read");
    values
        .iter()
        .map(|v| {
            assert!(
                v.len() > 5,
                "{format}: a value shorter than the header: {v:?}"
            );
            assert_eq!(v[0], 0, "{format}: the magic byte");
            let header_id = u32::from_be_bytes([v[1], v[2], v[3], v[4]]);
            assert_eq!(
                u64::from(header_id),
                id,
                "{format}: the schema id in the header"
            );
            v[5..].to_vec()
        })
        .collect()
}

#[test]
fn avro_login_events_round_trip_in_the_confluent_wire_format() {
    let bodies = round_trip("sr-infra-avro", "avro", "schemas/login.avsc", "AVRO");
    // Avro binary: the first field, user_id, is a string: its zigzag length, then its bytes.
    let user_id = "4a381a71-5a66-4288-b2f8-7935c19aa7f3";
    assert_eq!(bodies[0][0], (user_id.len() * 2) as u8, "user_id's length");
    assert_eq!(&bodies[0][1..=user_id.len()], user_id.as_bytes());
}

#[test]
fn protobuf_login_events_round_trip_in_the_confluent_wire_format() {
    let bodies = round_trip(
        "sr-infra-proto",
        "protobuf",
        "schemas/login.proto",
        "PROTOBUF",
    );
    for body in &bodies {
        // The message indexes: Login is the file's first message, written as a single 0.
        assert_eq!(body[0], 0, "the message index of Login");
    }
    // Then the message: field 1 (user_id), wire type 2 (length-delimited) is tag 0x0a.
    assert_eq!(bodies[0][1], 0x0a, "user_id's tag");
}
