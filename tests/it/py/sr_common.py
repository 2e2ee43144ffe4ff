"""Shared parts of sr_write.py and sr_read.py, the independent schema-registry client of
kmsg's tests: Confluent's own Python serializers (confluent_kafka.schema_registry) against a
Confluent-compatible registry, so what kmsg writes and reads is checked by code that is not
kmsg's.

Formats: `avro` (an .avsc file), `protobuf` (a .proto file with the message first in it;
its Python class is generated at run time with grpc_tools.protoc) and `json` (a JSON
Schema file). Errors end the script with a one-line message and exit code 1.
"""

import importlib
import os
import sys
import tempfile

FORMATS = ("avro", "protobuf", "json")


def fail(message):
    """Prints `message` to stderr on one line and exits 1."""
    one_line = " ".join(str(message).split())
    print(f"{os.path.basename(sys.argv[0])}: {one_line}", file=sys.stderr)
    sys.exit(1)


def add_common_args(parser):
    parser.add_argument("--bootstrap", required=True, help="Kafka bootstrap servers")
    parser.add_argument("--registry", required=True, help="schema registry URL (Confluent API)")
    parser.add_argument("--topic", required=True)
    parser.add_argument("--format", required=True, choices=FORMATS)
    parser.add_argument("--schema", required=True, help=".avsc, .proto or JSON Schema file")


def read_schema(path):
    try:
        with open(path, encoding="utf-8") as f:
            return f.read()
    except OSError as e:
        fail(f"cannot read schema {path}: {e}")


def registry_client(url):
    from confluent_kafka.schema_registry import SchemaRegistryClient

    return SchemaRegistryClient({"url": url})


def protobuf_message_class(proto_path):
    """The Python class of the first message of `proto_path`, generated now with protoc
    (grpc_tools) into a temporary directory and imported from there."""
    from grpc_tools import protoc

    proto_path = os.path.abspath(proto_path)
    include_dir, file_name = os.path.split(proto_path)
    out_dir = tempfile.mkdtemp(prefix="sr-proto-")
    # protoc's own include dir, for well-known types (google/protobuf/*.proto).
    well_known = os.path.join(os.path.dirname(protoc.__file__), "_proto")
    code = protoc.main(
        [
            "protoc",
            f"-I{include_dir}",
            f"-I{well_known}",
            f"--python_out={out_dir}",
            proto_path,
        ]
    )
    if code != 0:
        fail(f"protoc could not compile {proto_path} (exit {code})")
    sys.path.insert(0, out_dir)
    module = importlib.import_module(file_name[: -len(".proto")].replace("-", "_") + "_pb2")
    messages = list(module.DESCRIPTOR.message_types_by_name.values())
    if not messages:
        fail(f"{proto_path} defines no message")
    return getattr(module, messages[0].name)


_INT64_TYPES = None


def proto_to_dict(message):
    """`message` as a dict with the .proto's field names in the .proto's order, default-valued
    fields included and 64-bit integers as ints (MessageToDict writes them as strings, after
    proto3's JSON mapping)."""
    from google.protobuf import json_format

    try:
        as_dict = json_format.MessageToDict(
            message,
            preserving_proto_field_name=True,
            always_print_fields_with_no_presence=True,
        )
    except TypeError:  # protobuf < 5.26 names the option differently
        as_dict = json_format.MessageToDict(
            message,
            preserving_proto_field_name=True,
            including_default_value_fields=True,
        )
    return _normalize(message.DESCRIPTOR, as_dict)


def _normalize(descriptor, value):
    """`value` (MessageToDict's output for `descriptor`) with 64-bit integers as ints, nested
    messages likewise, and fields in the descriptor's order."""
    global _INT64_TYPES
    from google.protobuf.descriptor import FieldDescriptor as F

    if _INT64_TYPES is None:
        _INT64_TYPES = {F.TYPE_INT64, F.TYPE_UINT64, F.TYPE_SINT64, F.TYPE_FIXED64, F.TYPE_SFIXED64}

    def convert(field, v):
        if field.type in _INT64_TYPES:
            return int(v)
        if field.type == F.TYPE_MESSAGE and isinstance(v, dict):
            return _normalize(field.message_type, v)
        return v  # well-known types (Timestamp, ...) keep their JSON form

    out = {}
    for field in descriptor.fields:
        if field.name not in value:
            continue
        v = value[field.name]
        if field.type == F.TYPE_MESSAGE and field.message_type.GetOptions().map_entry:
            entry = field.message_type.fields_by_name["value"]
            out[field.name] = {k: convert(entry, x) for k, x in v.items()}
        # protobuf >= 5 has is_repeated; `label` is gone in 7.
        elif field.is_repeated if hasattr(field, "is_repeated") else field.label == F.LABEL_REPEATED:
            out[field.name] = [convert(field, x) for x in v]
        else:
            out[field.name] = convert(field, v)
    return out
