#!/usr/bin/env bash
# Fetches Apicurio Registry 2.6.13.Final (a schema registry with a Confluent-compatible API)
# from Maven Central: the artifact io.apicurio:apicurio-registry-app:2.6.13.Final, classifier
# `all`, type tar.gz (a Quarkus runner jar plus its lib/ folder, ~140 MB), checked against
# Maven Central's .sha1 and unpacked into the target. The tests (scripts/test.sh) run it with
# its default in-memory (H2) storage, on Java 17:
#
#   java -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
#     -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port=PORT \
#     -jar TARGET/apicurio-registry-app-2.6.13.Final-runner.jar
#
# which answers the Confluent API at http://127.0.0.1:PORT/apis/ccompat/v7 after ~4 s.
#
# Usage: scripts/fetch-registry.sh [TARGET]
#   TARGET defaults to <repo>/.cache/apicurio.
# Idempotent: when <target>/VERSION already says 2.6.13.Final (and the runner jar is there)
# it exits at once. The marker is written last, so an interrupted fetch is simply redone.
# Prints the target path (absolute) as its last line.
set -euo pipefail

REGISTRY_VERSION="2.6.13.Final"
ARTIFACT="apicurio-registry-app-${REGISTRY_VERSION}-all.tar.gz"
URL="https://repo1.maven.org/maven2/io/apicurio/apicurio-registry-app/${REGISTRY_VERSION}/${ARTIFACT}"
RUNNER="apicurio-registry-app-${REGISTRY_VERSION}-runner.jar"

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "${script_dir}/.." && pwd)"

target="${1:-${repo_root}/.cache/apicurio}"
mkdir -p "${target}"
target="$(cd "${target}" && pwd)"
marker="${target}/VERSION"

if [[ -f "${marker}" && "$(cat "${marker}")" == "${REGISTRY_VERSION}" && -f "${target}/${RUNNER}" ]]; then
  echo "Apicurio Registry ${REGISTRY_VERSION} already present: ${target}"
  exit 0
fi

for tool in curl tar sha1sum; do
  command -v "${tool}" >/dev/null 2>&1 || { echo "fetch-registry: ${tool} is not on PATH" >&2; exit 1; }
done
command -v java >/dev/null 2>&1 || { echo "fetch-registry: java is not on PATH: install a JDK 17 or later, e.g. \`sudo apt-get install openjdk-17-jre-headless\`" >&2; exit 1; }

# Start from an empty target so no jar of another version lingers in lib/.
rm -f "${marker}"
rm -rf "${target:?}/lib" "${target}/meta" "${target}"/apicurio-registry-app-*-runner.jar
tmp="$(mktemp -d "${target}/.fetch.XXXXXX")"
trap 'rm -rf "${tmp}"' EXIT

echo "Fetching Apicurio Registry ${REGISTRY_VERSION} from Maven Central into ${target} ..." >&2
curl -fsSL --retry 3 -o "${tmp}/${ARTIFACT}" "${URL}"
expected="$(curl -fsSL --retry 3 "${URL}.sha1" | awk '{print $1}')"
actual="$(sha1sum "${tmp}/${ARTIFACT}" | awk '{print $1}')"
if [[ -z "${expected}" || "${expected}" != "${actual}" ]]; then
  echo "fetch-registry: checksum mismatch for ${ARTIFACT}: Maven Central says ${expected:-nothing}, the download has ${actual}" >&2
  exit 1
fi
tar -xzf "${tmp}/${ARTIFACT}" -C "${target}"
[[ -f "${target}/${RUNNER}" ]] || { echo "fetch-registry: ${RUNNER} missing from ${target} after unpacking" >&2; exit 1; }

printf '%s\n' "${REGISTRY_VERSION}" > "${marker}.tmp"
mv "${marker}.tmp" "${marker}"
echo "Apicurio Registry ${REGISTRY_VERSION} ready: ${target}"
