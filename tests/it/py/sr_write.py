"""Writes JSON lines from stdin to a Kafka topic through Confluent's schema-registry
serializers (the independent writer of kmsg's schema-registry tests).

  sr_write.py --bootstrap B --registry URL --topic T --format avro|protobuf|json \
              --schema FILE [--subject S]

Each non-empty line is one JSON object, serialized with the format's serializer
(AvroSerializer, ProtobufSerializer or JSONSerializer), which registers the schema under the
subject (default: TopicNameStrategy, `T-value`) and writes the Confluent wire format. The key
is the line's number (1, 2, ...) as a UTF-8 string. Prints the number of records written
once all are acknowledged; exits 1 on any error (nothing is skipped).
"""

import argparse
import json
import sys

import sr_common
from sr_common import fail


def serializer(args, client):
    conf = {"auto.register.schemas": True}
    if args.subject:
        subject = args.subject
        conf["subject.name.strategy"] = lambda ctx, record_name: subject
    schema = sr_common.read_schema(args.schema)
    if args.format == "avro":
        from confluent_kafka.schema_registry.avro import AvroSerializer

        return AvroSerializer(client, schema, conf=conf), lambda obj: obj
    if args.format == "protobuf":
        from google.protobuf import json_format
        from confluent_kafka.schema_registry.protobuf import ProtobufSerializer

        cls = sr_common.protobuf_message_class(args.schema)
        return ProtobufSerializer(cls, client, conf=conf), lambda obj: json_format.ParseDict(obj, cls())
    from confluent_kafka.schema_registry.json_schema import JSONSerializer

    return JSONSerializer(schema, client, conf=conf), lambda obj: obj


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sr_common.add_common_args(parser)
    parser.add_argument("--subject", help="subject to register under (default: TOPIC-value)")
    args = parser.parse_args()

    from confluent_kafka import Producer
    from confluent_kafka.serialization import MessageField, SerializationContext

    client = sr_common.registry_client(args.registry)
    serialize, to_value = serializer(args, client)
    producer = Producer({"bootstrap.servers": args.bootstrap, "enable.idempotence": True})
    errors = []

    def delivered(err, _msg):
        if err is not None:
            errors.append(err)

    ctx = SerializationContext(args.topic, MessageField.VALUE)
    written = 0
    for number, line in enumerate(sys.stdin, start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except ValueError as e:
            fail(f"line {number} is not JSON: {e}")
        try:
            value = serialize(to_value(obj), ctx)
        except Exception as e:  # any serializer or registry error ends the run
            fail(f"line {number}: cannot serialize as {args.format}: {e}")
        while True:
            try:
                producer.produce(args.topic, key=str(number).encode(), value=value, on_delivery=delivered)
                break
            except BufferError:
                producer.poll(0.1)
        written += 1
        producer.poll(0)
    left = producer.flush(60)
    if left:
        fail(f"{left} records not acknowledged within 60 s")
    if errors:
        fail(f"{len(errors)} records failed: {errors[0]}")
    print(written)


if __name__ == "__main__":
    main()
