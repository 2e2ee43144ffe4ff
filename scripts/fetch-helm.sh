#!/usr/bin/env bash
# Builds Helm (the `helm` CLI) from its Go module, helm.sh/helm/v4 at a pinned version, through
# the Go module proxy, into .cache/helm/<version>/helm; a no-op when that binary exists (a copy
# kept in ~/.cache/kmsg/helm/<version> serves a fresh clone on the same machine). The
# module cache lives under .cache/go (the build cache too, emptied after the build: it is only
# needed again for another version). The first build compiles about 1,000 packages: several
# minutes on a 2-core machine.
# Also downloads, into the same module cache, the Go modules whose source holds the CRDs of the
# chart's custom resources (pinned): KEDA (github.com/kedacore/keda/v2, config/crd/bases: the
# ScaledObject and TriggerAuthentication) and the Prometheus Operator (example/
# prometheus-operator-crd: the ServiceMonitor). The tests validate the rendered objects against them.
# Prints three lines: the helm binary's path, KEDA's CRD folder and the Prometheus Operator's.
# Usage: scripts/fetch-helm.sh   (needs Go 1.26 or later on PATH: helm v4.3.2's go.mod says go 1.26.0)
set -euo pipefail

HELM_VERSION=v4.3.2
KEDA_VERSION=v2.21.0
PROMETHEUS_OPERATOR_VERSION=v0.91.0

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
command -v go >/dev/null 2>&1 || { echo "fetch-helm.sh: go not found: install Go 1.26 or later (https://go.dev/dl)" >&2; exit 1; }
go_version="$(go env GOVERSION)"
if ! printf '%s\n' go1.26 "$go_version" | sort -V -C; then
  echo "fetch-helm.sh: $go_version is too old to build helm $HELM_VERSION: install Go 1.26 or later (https://go.dev/dl)" >&2
  exit 1
fi
export GOPATH="$repo/.cache/go" GOMODCACHE="$repo/.cache/go/mod" GOCACHE="$repo/.cache/go/build"
# -modcacherw: the module cache stays deletable with rm -rf .cache.
export GOFLAGS="-mod=mod -modcacherw" GOTOOLCHAIN=local CGO_ENABLED=0
bin_dir="$repo/.cache/helm/$HELM_VERSION"
# A copy of the build outside the clone (like Maven's ~/.m2 for scripts/fetch-kafka.sh), so a
# fresh clone on the same machine (CI's) takes it instead of building again.
shared="${XDG_CACHE_HOME:-$HOME/.cache}/kmsg/helm/$HELM_VERSION/helm"
if [[ ! -x "$bin_dir/helm" && -x "$shared" ]] && "$shared" version --short >/dev/null 2>&1; then
  mkdir -p "$bin_dir"
  cp "$shared" "$bin_dir/helm.tmp" && mv "$bin_dir/helm.tmp" "$bin_dir/helm"
fi
if [[ ! -x "$bin_dir/helm" ]]; then
  echo "fetch-helm.sh: building helm $HELM_VERSION from helm.sh/helm/v4 (minutes on a first build)" >&2
  mkdir -p "$bin_dir"
  GOBIN="$bin_dir" nice -n 10 go install "helm.sh/helm/v4/cmd/helm@$HELM_VERSION"
  # The build cache is only needed again for another version: keep the disk free.
  go clean -cache
  if mkdir -p "$(dirname "$shared")" 2>/dev/null; then
    cp "$bin_dir/helm" "$shared.tmp" && mv "$shared.tmp" "$shared" || rm -f "$shared.tmp"
  fi
fi
# module_dir MODULE@VERSION: the module's folder in the module cache (downloaded if missing).
module_dir() {
  local out dir
  out="$(go mod download -json "$1")" || { echo "fetch-helm.sh: could not download $1: $out" >&2; return 1; }
  dir="$(sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p' <<<"$out")"
  [[ -n "$dir" ]] || { echo "fetch-helm.sh: no folder for $1: $out" >&2; return 1; }
  echo "$dir"
}
keda_crds="$(module_dir "github.com/kedacore/keda/v2@$KEDA_VERSION")/config/crd/bases"
prom_crds="$(module_dir "github.com/prometheus-operator/prometheus-operator@$PROMETHEUS_OPERATOR_VERSION")/example/prometheus-operator-crd"
for crd in "$keda_crds/keda.sh_scaledobjects.yaml" "$keda_crds/keda.sh_triggerauthentications.yaml" "$prom_crds/monitoring.coreos.com_servicemonitors.yaml"; do
  [[ -f "$crd" ]] || { echo "fetch-helm.sh: $crd is missing" >&2; exit 1; }
done
echo "$bin_dir/helm"
echo "$keda_crds"
echo "$prom_crds"
