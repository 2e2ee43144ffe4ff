#!/usr/bin/env bash
# Fetches Apache Kafka 4.3.1 (broker, controller and command-line tools) from
# Maven Central, without Docker or a tarball download: Maven copies
# org.apache.kafka:kafka_2.13 and org.apache.kafka:kafka-tools with all their
# runtime dependencies (plus a log4j2 SLF4J binding) into <target>/libs, laid
# out like the libs/ folder of a Kafka release. See kafka/README.md for how to
# run a cluster from it.
#
# Usage: scripts/fetch-kafka.sh [TARGET]
#   TARGET defaults to $KAFKA_HOME, else <repo>/.cache/kafka.
# Idempotent: when <target>/VERSION already says 4.3.1 it exits at once. The
# marker is written last, so an interrupted fetch is simply redone.
# Prints the target path (absolute) as its last line.
set -euo pipefail

KAFKA_VERSION="4.3.1"

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "${script_dir}/.." && pwd)"
pom="${repo_root}/kafka/pom.xml"

target="${1:-${KAFKA_HOME:-${repo_root}/.cache/kafka}}"
mkdir -p "${target}"
target="$(cd "${target}" && pwd)"
libs="${target}/libs"
marker="${target}/VERSION"

if [[ -f "${marker}" && "$(cat "${marker}")" == "${KAFKA_VERSION}" ]] \
  && compgen -G "${libs}/kafka_2.13-${KAFKA_VERSION}.jar" >/dev/null; then
  echo "Kafka ${KAFKA_VERSION} already present: ${target}"
  exit 0
fi

command -v mvn >/dev/null 2>&1 || { echo "fetch-kafka: Maven (mvn) is needed to fetch Kafka from Maven Central and is not on PATH: install it, e.g. \`sudo apt-get install maven\`" >&2; exit 1; }
command -v java >/dev/null 2>&1 || { echo "fetch-kafka: java is not on PATH: install a JDK 17 or later, e.g. \`sudo apt-get install openjdk-17-jre-headless\`" >&2; exit 1; }

# Start from an empty libs/ so no jar of another version lingers on the classpath.
rm -f "${marker}"
rm -rf "${libs}"
mkdir -p "${libs}"

echo "Fetching Kafka ${KAFKA_VERSION} jars from Maven Central into ${libs} ..." >&2
# Maven 3.8 prints stray ANSI resets even with -q -B; strip them and keep all of
# Maven's output (errors included) on stderr, so stdout carries only our line.
mvn -q -B -f "${pom}" dependency:copy-dependencies -Dkafka.libs.dir="${libs}" 2>&1 \
  | sed -e 's/\x1b\[[0-9;]*m//g' -e '/^[[:space:]]*$/d' >&2

for jar in "kafka_2.13-${KAFKA_VERSION}.jar" "kafka-tools-${KAFKA_VERSION}.jar" "log4j-slf4j-impl-"; do
  if ! compgen -G "${libs}/${jar}*" >/dev/null; then
    echo "fetch-kafka: ${jar} missing from ${libs} after mvn" >&2
    exit 1
  fi
done

printf '%s\n' "${KAFKA_VERSION}" > "${marker}.tmp"
mv "${marker}.tmp" "${marker}"
echo "Kafka ${KAFKA_VERSION} ready: ${target}"
