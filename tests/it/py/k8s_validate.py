"""Validates rendered Kubernetes manifests (the output of `helm template`) against the real
schemas, without a cluster: the built-in kinds against the OpenAPI schemas of a pinned Kubernetes
version that the kubernetes-validate package bundles (strict: an unknown field is an error, as
`kubectl apply --validate=strict` would say), and custom resources against the openAPIV3Schema
of their CustomResourceDefinition YAML (KEDA's ScaledObject and TriggerAuthentication, from
KEDA's own source), with unknown fields refused there too.

  k8s_validate.py --kubernetes-version 1.35.0 --crd FILE.yaml [--crd ...] < manifests.yaml

Prints one JSON object a line per document: {"kind", "name", "ok", "error"} (error when not ok)
and exits 1 when any document is invalid or has no schema (never a silent skip), 0 otherwise.
"""

import argparse
import json
import sys

import jsonschema
import kubernetes_validate
import yaml


def strict(schema):
    """The CRD schema as the API server's strict field validation reads it: an object whose
    properties are listed allows no others, unless it keeps unknown fields."""
    if isinstance(schema, dict):
        out = {k: strict(v) for k, v in schema.items()}
        if (
            out.get("type") == "object"
            and "properties" in out
            and "additionalProperties" not in out
            and not out.get("x-kubernetes-preserve-unknown-fields")
        ):
            out["additionalProperties"] = False
        return out
    if isinstance(schema, list):
        return [strict(v) for v in schema]
    return schema


def crd_schemas(paths):
    """(group/version, kind) -> the served version's openAPIV3Schema, from CRD YAML files."""
    found = {}
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for crd in yaml.safe_load_all(f):
                if not crd or crd.get("kind") != "CustomResourceDefinition":
                    continue
                spec = crd["spec"]
                for version in spec["versions"]:
                    if version.get("served"):
                        key = (f'{spec["group"]}/{version["name"]}', spec["names"]["kind"])
                        found[key] = strict(version["schema"]["openAPIV3Schema"])
    return found


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--kubernetes-version", required=True)
    parser.add_argument("--crd", action="append", default=[])
    args = parser.parse_args()
    crds = crd_schemas(args.crd)
    bad = 0
    for doc in yaml.safe_load_all(sys.stdin):
        if not doc:
            continue
        kind = doc.get("kind", "?")
        name = (doc.get("metadata") or {}).get("name", "?")
        error = None
        try:
            key = (doc.get("apiVersion"), kind)
            if key in crds:
                jsonschema.validate(doc, crds[key], cls=jsonschema.Draft7Validator)
            elif "." in doc.get("apiVersion", "").split("/")[0] and "k8s.io" not in doc["apiVersion"]:
                error = f"no schema for {doc['apiVersion']} {kind}: pass its CRD with --crd"
            else:
                kubernetes_validate.validate(doc, args.kubernetes_version, strict=True)
        except jsonschema.ValidationError as e:
            path = "/".join(str(p) for p in e.absolute_path)
            error = f"{path}: {e.message}"
        except kubernetes_validate.ValidationError as e:
            path = "/".join(str(p) for p in e.path)
            error = f"{path}: {e.message}"
        except kubernetes_validate.SchemaNotFoundError as e:
            error = f"no Kubernetes {args.kubernetes_version} schema for {doc.get('apiVersion')} {kind}: {e}"
        bad += error is not None
        line = {"kind": kind, "name": name, "ok": error is None}
        if error:
            line["error"] = error
        print(json.dumps(line))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
