#!/usr/bin/env python3
"""Python baseline for bench/consume.sh: the original system's consumer, written plainly.

One consumer-group member that does the same work per message as `kmsg consume --schema`:
decode UTF-8, parse JSON, validate against a JSON Schema (format assertions on; the validator
is compiled once), forward valid messages to the output topic and invalid ones to the DLQ
topic (key and headers kept, plus error headers) with a producer using acks=all and
idempotence, serve delivery reports, and commit offsets asynchronously every
--commit-every messages (enable.auto.commit=false). It stops after --max-messages messages
were consumed or after --idle-timeout seconds without a message, flushes the producer,
commits synchronously and prints one JSON summary line on stdout:
consumed, forwarded, dead_lettered, delivery_failures, duration_secs, msgs_per_sec.

Not product code: a baseline. It does not skip any of the work above.

Usage: consumer.py --bootstrap B --group G --topic IN --output-topic OUT --dlq-topic DLQ
                   --schema schema.json --max-messages N [--idle-timeout 30]
"""

import argparse
import json
import sys
import time
from datetime import datetime, timezone

from confluent_kafka import TIMESTAMP_NOT_AVAILABLE, Consumer, KafkaError, KafkaException, Producer
from jsonschema import FormatChecker
from jsonschema.validators import validator_for


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bootstrap", required=True)
    ap.add_argument("--group", required=True)
    ap.add_argument("--topic", required=True)
    ap.add_argument("--output-topic", required=True)
    ap.add_argument("--dlq-topic", required=True)
    ap.add_argument("--schema", required=True)
    ap.add_argument("--max-messages", type=int, required=True)
    ap.add_argument("--idle-timeout", type=float, default=30.0, help="seconds without a message")
    ap.add_argument("--commit-every", type=int, default=1000)
    ap.add_argument("--batch", type=int, default=500, help="messages per Consumer.consume() call")
    args = ap.parse_args()

    start = time.monotonic()
    with open(args.schema, encoding="utf-8") as f:
        schema = json.load(f)
    # The draft comes from the schema's `$schema` (schema.json is draft-07), as in kmsg.
    validator_class = validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema, format_checker=FormatChecker())

    consumer = Consumer({
        "bootstrap.servers": args.bootstrap,
        "group.id": args.group,
        "enable.auto.commit": False,
        "auto.offset.reset": "earliest",
        "isolation.level": "read_committed",
    })
    producer = Producer({
        "bootstrap.servers": args.bootstrap,
        "acks": "all",
        "enable.idempotence": True,
        "linger.ms": 5,
    })

    stats = {"forwarded": 0, "dead_lettered": 0, "delivery_failures": 0}

    def on_forward(err, _msg):
        if err is None:
            stats["forwarded"] += 1
        else:
            stats["delivery_failures"] += 1

    def on_dead_letter(err, _msg):
        if err is None:
            stats["dead_lettered"] += 1
        else:
            stats["delivery_failures"] += 1

    def send(topic, msg, headers, callback):
        while True:
            try:
                producer.produce(topic, value=msg.value(), key=msg.key(), headers=headers,
                                 on_delivery=callback)
                return
            except BufferError:  # local queue full: serve delivery reports, then retry
                producer.poll(0.05)

    def dead_letter(msg, stage, cls, message, detail=None):
        # The same context headers kmsg writes (kmsg.dlq.*), after the original headers.
        headers = list(msg.headers() or [])
        ts_type, ts = msg.timestamp()
        headers += [
            ("kmsg.dlq.original.topic", msg.topic()),
            ("kmsg.dlq.original.partition", str(msg.partition())),
            ("kmsg.dlq.original.offset", str(msg.offset())),
        ]
        if ts_type != TIMESTAMP_NOT_AVAILABLE:
            headers.append(("kmsg.dlq.original.timestamp", str(ts)))
        headers += [
            ("kmsg.dlq.consumer.group", args.group),
            ("kmsg.dlq.stage", stage),
            ("kmsg.dlq.error.class", cls),
            ("kmsg.dlq.error.message", message.replace("\n", " ")),
            ("kmsg.dlq.error.detail", (detail or message)[:4096]),
            ("kmsg.dlq.attempts", "1"),
            ("kmsg.dlq.failed.at", datetime.now(timezone.utc).isoformat(timespec="milliseconds")),
        ]
        send(args.dlq_topic, msg, headers, on_dead_letter)

    consumer.subscribe([args.topic])
    consumed = 0
    since_commit = 0
    last_message = time.monotonic()
    stopped_by = "max messages"
    try:
        while consumed < args.max_messages:
            want = min(args.batch, args.max_messages - consumed)
            msgs = consumer.consume(num_messages=want, timeout=0.5)
            producer.poll(0)
            if not msgs:
                if time.monotonic() - last_message >= args.idle_timeout:
                    stopped_by = "idle timeout"
                    break
                continue
            last_message = time.monotonic()
            for msg in msgs:
                err = msg.error()
                if err is not None:
                    if err.code() != KafkaError._PARTITION_EOF:
                        print(f"consumer error: {err}", file=sys.stderr)
                    continue
                consumed += 1
                since_commit += 1
                value = msg.value()
                if value is None or len(value) == 0:
                    dead_letter(msg, "decode", "empty_value", "the message value is empty or null")
                else:
                    try:
                        doc = json.loads(value.decode("utf-8"))
                    except UnicodeDecodeError as e:
                        dead_letter(msg, "decode", "not_utf8", f"the value is not UTF-8: {e}")
                    except ValueError as e:
                        dead_letter(msg, "decode", "json_parse", f"the value is not JSON: {e}")
                    else:
                        errors = list(validator.iter_errors(doc))
                        if errors:
                            lines = [f"{e.json_path}: {e.validator}: {e.message}" for e in errors]
                            more = f" (+{len(lines) - 1} more)" if len(lines) > 1 else ""
                            dead_letter(msg, "validate", "schema_validation", lines[0] + more,
                                        "\n".join(lines))
                        else:
                            send(args.output_topic, msg, msg.headers(), on_forward)
                if since_commit >= args.commit_every:
                    consumer.commit(asynchronous=True)
                    since_commit = 0
            producer.poll(0)
    except KeyboardInterrupt:
        stopped_by = "signal"
    left = producer.flush(60)
    try:
        consumer.commit(asynchronous=False)
    except KafkaException as e:
        if e.args[0].code() != KafkaError._NO_OFFSET:  # _NO_OFFSET: all was committed already
            print(f"final commit: {e}", file=sys.stderr)
    consumer.close()
    elapsed = max(time.monotonic() - start, 1e-6)
    print(json.dumps({
        "consumed": consumed,
        "forwarded": stats["forwarded"],
        "dead_lettered": stats["dead_lettered"],
        "delivery_failures": stats["delivery_failures"],
        "not_flushed": left,
        "duration_secs": elapsed,
        "msgs_per_sec": consumed / elapsed,
        "stopped_by": stopped_by,
    }))
    return 0 if left == 0 and stats["delivery_failures"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
