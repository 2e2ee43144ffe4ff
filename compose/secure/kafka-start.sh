#!/bin/sh
# Starts one node of the secured Compose cluster (docker-compose.secure.yml):
# writes the node's server.properties, formats its storage on the first start
# with the SCRAM users of the secrets bundle, then runs the broker.
#
# The bundle comes from `kmsg cluster secrets` (the one-shot `secrets`
# service) and is mounted read-only at $KMSG_SECRETS_DIR: broker.pem (private
# key and certificate chain), ca.pem, and scram-users (one salted SCRAM
# credential per line: no password is in any file or argument here).
#
# Listeners of each node:
#   INTERNAL     SASL_SSL, SCRAM-SHA-512   containers on the compose network
#   EXTERNAL     SASL_SSL, SCRAM-SHA-512   the host (published on loopback)
#   REPLICATION  SSL, client certificate   broker to broker
#   CONTROLLER   SSL, client certificate   KRaft quorum
# Brokers authenticate to each other with the broker certificate
# (User:CN=kmsg-broker, a super user), so the brokers hold no password.
# The StandardAuthorizer denies everything no ACL allows; `kmsg acl apply`
# (the one-shot `acls` service) grants each role its part.
#
# Environment (docker-compose.yml and the override set the first four; of the
# base file's other KAFKA_* variables only those below are read):
#   KAFKA_NODE_ID, CLUSTER_ID       node id, and the cluster id all nodes share
#   KAFKA_CONTROLLER_QUORUM_VOTERS  the voters [1@kafka-1:9093,...]
#   KMSG_EXTERNAL_ADVERTISED        host:port the host reaches this node at
#   KAFKA_DEFAULT_REPLICATION_FACTOR, KAFKA_MIN_INSYNC_REPLICAS [3, 2]
#   KMSG_NODE_HOST                  this node's name on the network [kafka-<id>]
#   KMSG_SECRETS_DIR                the broker's secrets [/etc/kafka/kmsg-secrets]
#   KAFKA_LOG_DIRS                  data folder [/var/lib/kafka/data]
#   KAFKA_HOME                      Kafka installation [/opt/kafka]
#   KMSG_LISTEN_HOST                address to bind [all interfaces]
#   KMSG_{INTERNAL,EXTERNAL,REPLICATION,CONTROLLER}_PORT
#                                   [19092, 29092, 19093, 9093]
#   KMSG_CONFIG_DIR                 where the properties are written [/tmp]
set -eu

node="${KAFKA_NODE_ID:?KAFKA_NODE_ID is not set}"
cluster_id="${CLUSTER_ID:?CLUSTER_ID is not set}"
external="${KMSG_EXTERNAL_ADVERTISED:?KMSG_EXTERNAL_ADVERTISED is not set (host:port)}"
voters="${KAFKA_CONTROLLER_QUORUM_VOTERS:-1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093}"
rf="${KAFKA_DEFAULT_REPLICATION_FACTOR:-3}"
min_isr="${KAFKA_MIN_INSYNC_REPLICAS:-2}"
host="${KMSG_NODE_HOST:-kafka-$node}"
secrets="${KMSG_SECRETS_DIR:-/etc/kafka/kmsg-secrets}"
data="${KAFKA_LOG_DIRS:-/var/lib/kafka/data}"
home="${KAFKA_HOME:-/opt/kafka}"
bind="${KMSG_LISTEN_HOST:-}"
internal_port="${KMSG_INTERNAL_PORT:-19092}"
external_port="${KMSG_EXTERNAL_PORT:-29092}"
replication_port="${KMSG_REPLICATION_PORT:-19093}"
controller_port="${KMSG_CONTROLLER_PORT:-9093}"
config_dir="${KMSG_CONFIG_DIR:-/tmp}"

for f in broker.pem ca.pem scram-users; do
  if [ ! -r "$secrets/$f" ]; then
    echo "kafka-start: cannot read $secrets/$f: run the secrets service first (kmsg cluster secrets)" >&2
    exit 1
  fi
done

props="$config_dir/kmsg-server.properties"
umask 077
cat > "$props" <<PROPERTIES
# Written by compose/secure/kafka-start.sh at every start.
process.roles=broker,controller
node.id=$node
controller.quorum.voters=$voters
controller.listener.names=CONTROLLER
listeners=INTERNAL://$bind:$internal_port,EXTERNAL://$bind:$external_port,REPLICATION://$bind:$replication_port,CONTROLLER://$bind:$controller_port
advertised.listeners=INTERNAL://$host:$internal_port,EXTERNAL://$external,REPLICATION://$host:$replication_port
listener.security.protocol.map=INTERNAL:SASL_SSL,EXTERNAL:SASL_SSL,REPLICATION:SSL,CONTROLLER:SSL
inter.broker.listener.name=REPLICATION
sasl.enabled.mechanisms=SCRAM-SHA-512
listener.name.internal.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
listener.name.external.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
listener.name.replication.ssl.client.auth=required
listener.name.controller.ssl.client.auth=required
ssl.keystore.type=PEM
ssl.keystore.location=$secrets/broker.pem
ssl.truststore.type=PEM
ssl.truststore.location=$secrets/ca.pem
ssl.endpoint.identification.algorithm=https
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
allow.everyone.if.no.acl.found=false
super.users=User:admin;User:CN=kmsg-broker
log.dirs=$data
num.partitions=1
default.replication.factor=$rf
min.insync.replicas=$min_isr
offsets.topic.replication.factor=$rf
transaction.state.log.replication.factor=$rf
transaction.state.log.min.isr=$min_isr
auto.create.topics.enable=false
group.initial.rebalance.delay.ms=0
PROPERTIES

# Client settings of the healthcheck: the REPLICATION listener with the
# broker's own certificate (kafka-broker-api-versions.sh --command-config).
cat > "$config_dir/kmsg-health.properties" <<PROPERTIES
security.protocol=SSL
ssl.keystore.type=PEM
ssl.keystore.location=$secrets/broker.pem
ssl.truststore.type=PEM
ssl.truststore.location=$secrets/ca.pem
PROPERTIES

if [ ! -f "$data/meta.properties" ]; then
  # The SCRAM users exist from the first metadata record on: no window in
  # which the cluster runs without them, and no plain password anywhere.
  set --
  while IFS= read -r credential || [ -n "$credential" ]; do
    if [ -n "$credential" ]; then
      set -- "$@" --add-scram "$credential"
    fi
  done < "$secrets/scram-users"
  "$home/bin/kafka-storage.sh" format --cluster-id="$cluster_id" --config "$props" "$@"
fi

exec "$home/bin/kafka-server-start.sh" "$props"
