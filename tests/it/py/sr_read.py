"""Reads records of a Kafka topic through Confluent's schema-registry deserializers and prints
them as JSON lines (the independent reader of kmsg's schema-registry tests).

  sr_read.py --bootstrap B --registry URL --topic T --format avro|protobuf|json \
             --schema FILE --count N [--timeout S]

Reads the first N records from the beginning of the topic (a group of its own, nothing
committed), decodes each value with the format's deserializer, which looks the writer's schema
up in the registry by the id in the Confluent wire format header, and prints one JSON object a
line, in the order read. Protobuf values are printed with the .proto's field names, fields at
their default included and 64-bit integers as JSON numbers. Exits 1 when fewer than N records
arrive within the timeout (default 60 s) or one cannot be decoded.
"""

import argparse
import json
import sys
import time
import uuid

import sr_common
from sr_common import fail


def deserializer(args, client):
    schema = sr_common.read_schema(args.schema)
    if args.format == "avro":
        from confluent_kafka.schema_registry.avro import AvroDeserializer

        return AvroDeserializer(client, schema), lambda value: value
    if args.format == "protobuf":
        from confluent_kafka.schema_registry.protobuf import ProtobufDeserializer

        cls = sr_common.protobuf_message_class(args.schema)
        return ProtobufDeserializer(cls), sr_common.proto_to_dict
    from confluent_kafka.schema_registry.json_schema import JSONDeserializer

    return JSONDeserializer(schema, schema_registry_client=client), lambda value: value


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sr_common.add_common_args(parser)
    parser.add_argument("--count", required=True, type=int, help="records to read")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds (default 60)")
    args = parser.parse_args()

    from confluent_kafka import Consumer
    from confluent_kafka.serialization import MessageField, SerializationContext

    client = sr_common.registry_client(args.registry)
    deserialize, to_json = deserializer(args, client)
    consumer = Consumer(
        {
            "bootstrap.servers": args.bootstrap,
            "group.id": f"sr-read-{uuid.uuid4().hex[:12]}",
            "auto.offset.reset": "earliest",
            "enable.auto.commit": False,
            "isolation.level": "read_committed",
        }
    )
    consumer.subscribe([args.topic])
    ctx = SerializationContext(args.topic, MessageField.VALUE)
    deadline = time.monotonic() + args.timeout
    read = 0
    last_error = None
    try:
        while read < args.count:
            left = deadline - time.monotonic()
            if left <= 0:
                why = f" (last consumer error: {last_error})" if last_error else ""
                fail(f"only {read} of {args.count} records arrived on {args.topic} within {args.timeout:g} s{why}")
            msg = consumer.poll(min(left, 1.0))
            if msg is None:
                continue
            if msg.error():
                if msg.error().fatal():
                    fail(f"consumer error: {msg.error()}")
                last_error = msg.error()  # transient (e.g. the topic not there yet): retried
                continue
            try:
                value = deserialize(msg.value(), ctx)
            except Exception as e:  # a record that does not decode ends the run
                fail(f"record {msg.partition()}/{msg.offset()}: cannot deserialize as {args.format}: {e}")
            print(json.dumps(to_json(value), sort_keys=False), flush=True)
            read += 1
    finally:
        consumer.close()


if __name__ == "__main__":
    main()
