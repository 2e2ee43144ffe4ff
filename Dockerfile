# syntax=docker/dockerfile:1
#
# kmsg container image.
#
#   docker build -t kmsg:local .
#   docker run --rm --network host kmsg:local --bootstrap localhost:9092 topics describe posts
#
# docker-compose.yml builds this same image as `kmsg:local`.

# Rust toolchain for the build. Cargo.lock pulls crates whose rust-version is
# 1.89 (uuid 1.29), so 1.88 is too old; bump this together with the lock file.
ARG RUST_VERSION=1.95

# ---------------------------------------------------------------------------
# Builder: bookworm, the same Debian release as the runtime stage, so the
# binary links against the same glibc.
# ---------------------------------------------------------------------------
FROM rust:${RUST_VERSION}-bookworm AS builder

# rdkafka builds librdkafka from source with vendored OpenSSL, static zlib and
# zstd: that needs make, perl (OpenSSL's Configure) and a C compiler; binutils
# provides strip. The full rust image already ships all of them; installing
# them explicitly keeps the build working if the base image is ever switched
# to a slim variant. cmake is not needed.
RUN apt-get update \
 && apt-get install -y --no-install-recommends make perl gcc libc6-dev pkg-config binutils \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /build

# Dependency layer: build every dependency against a dummy main so this layer
# is only rebuilt when Cargo.toml or Cargo.lock change, not on every source
# edit. (If the manifest later gains build.rs, [lib] or [[bench]] targets,
# copy or stub those here too.)
COPY Cargo.toml Cargo.lock ./
RUN mkdir src \
 && echo 'fn main() {}' > src/main.rs \
 && cargo build --release --locked \
 && rm -rf src target/release/kmsg target/release/deps/kmsg-* target/release/.fingerprint/kmsg-*

# Real sources. The touch makes sure cargo sees them as newer than the dummy
# build even if COPY kept older modification times.
COPY src ./src
RUN touch src/main.rs \
 && cargo build --release --locked \
 && strip target/release/kmsg

# ---------------------------------------------------------------------------
# Runtime: slim Debian with CA certificates (for TLS to managed Kafka) and
# curl (docker-compose.yml's healthchecks GET /readyz with it); OpenSSL, zlib
# and zstd are linked statically into kmsg.
# ---------------------------------------------------------------------------
FROM debian:bookworm-slim AS runtime

LABEL org.opencontainers.image.title="kmsg" \
      org.opencontainers.image.description="Run and operate a Kafka messaging pipeline" \
      org.opencontainers.image.licenses="Apache-2.0"

RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 kmsg \
 && useradd --system --uid 10001 --gid kmsg --no-create-home \
        --home-dir /nonexistent --shell /usr/sbin/nologin kmsg

COPY --from=builder /build/target/release/kmsg /usr/local/bin/kmsg
COPY schema.json /etc/kmsg/schema.json

# Mount points of the secure Compose variant's secrets volumes
# (docker-compose.secure.yml). A new named volume takes the owner and mode of
# the folder it is first mounted on: the `secrets` job (1000:10001) can write
# them, kmsg (group 10001) can read them, others cannot.
RUN mkdir -p /var/lib/kmsg-secrets/ca /var/lib/kmsg-secrets/broker \
        /var/lib/kmsg-secrets/admin /var/lib/kmsg-secrets/producer \
        /var/lib/kmsg-secrets/consumer /var/lib/kmsg-secrets/dlq \
 && chown -R 1000:10001 /var/lib/kmsg-secrets \
 && chmod -R 0750 /var/lib/kmsg-secrets

# Numeric uid:gid of the `kmsg` user created above, so orchestrators that
# enforce runAsNonRoot can verify it without reading /etc/passwd.
USER 10001:10001

ENTRYPOINT ["kmsg"]
CMD ["--help"]
