//! The shape of a local KRaft cluster, as plain data: how many nodes, which ports, the cluster
//! id, and the `server.properties` each node runs with. Pure and unit-tested; the launcher
//! (`cluster::launcher`) writes and runs what this describes.
//!
//! Every node is both broker and controller (combined mode), with a static voter set, which
//! is what a three-node laptop cluster wants: no ZooKeeper, no separate controller processes.

use std::path::{Path, PathBuf};

use base64::Engine as _;
use serde::{Deserialize, Serialize};

/// The file in the state folder that records the layout.
pub const LAYOUT_FILE: &str = "cluster.json";

/// A local cluster's layout, stored as `cluster.json` in its state folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClusterLayout {
    pub nodes: u16,
    pub base_port: u16,
    pub controller_base_port: u16,
    pub cluster_id: String,
    pub heap: String,
    /// A secure cluster (`--secure`): SASL_SSL/SCRAM-SHA-512 client listener, mutual-TLS
    /// controller listener, StandardAuthorizer with no access unless an ACL allows it.
    #[serde(default)]
    pub secure: bool,
}

/// What a secure node's `server.properties` needs besides the layout.
#[derive(Debug, Clone)]
pub struct BrokerSecurity {
    /// PEM key store: the broker's private key and certificate chain.
    pub keystore: PathBuf,
    /// PEM CA certificate the brokers trust.
    pub truststore: PathBuf,
    /// The super user's password, which brokers use to replicate over the SASL_SSL listener.
    pub admin_password: String,
    /// The principals with every right (`super.users`).
    pub super_users: Vec<String>,
}

impl ClusterLayout {
    /// A new layout; `random16` supplies the 16 random bytes of the cluster id.
    pub fn new(
        nodes: u16,
        base_port: u16,
        controller_base_port: Option<u16>,
        heap: &str,
        random16: [u8; 16],
    ) -> Result<Self, String> {
        if nodes == 0 {
            return Err("--brokers must be at least 1".into());
        }
        let controller_base_port = match controller_base_port {
            Some(p) => p,
            None => base_port
                .checked_add(1000)
                .ok_or_else(|| format!("--base-port {base_port} is too high to add 1000 for controller ports; give --controller-base-port"))?,
        };
        for (name, base) in [
            ("--base-port", base_port),
            ("--controller-base-port", controller_base_port),
        ] {
            if base == 0 || base.checked_add(nodes - 1).is_none() {
                return Err(format!("{name} {base} leaves no room for {nodes} ports"));
            }
        }
        let clients = base_port..base_port + nodes;
        let controllers = controller_base_port..controller_base_port + nodes;
        if clients.start < controllers.end && controllers.start < clients.end {
            return Err(format!(
                "client ports {}-{} and controller ports {}-{} overlap",
                clients.start,
                clients.end - 1,
                controllers.start,
                controllers.end - 1
            ));
        }
        Ok(ClusterLayout {
            nodes,
            base_port,
            controller_base_port,
            cluster_id: cluster_id_from(random16),
            heap: heap.to_string(),
            secure: false,
        })
    }

    /// Node ids, 1-based.
    pub fn node_ids(&self) -> impl Iterator<Item = u16> {
        1..=self.nodes
    }

    pub fn client_port(&self, node: u16) -> u16 {
        self.base_port + node - 1
    }

    pub fn controller_port(&self, node: u16) -> u16 {
        self.controller_base_port + node - 1
    }

    /// Every port the cluster listens on, with the node it belongs to.
    pub fn ports(&self, node: u16) -> [u16; 2] {
        [self.client_port(node), self.controller_port(node)]
    }

    /// The bootstrap list clients use.
    pub fn bootstrap(&self) -> String {
        self.node_ids()
            .map(|n| format!("127.0.0.1:{}", self.client_port(n)))
            .collect::<Vec<_>>()
            .join(",")
    }

    /// `controller.quorum.voters`: every node votes.
    pub fn voters(&self) -> String {
        self.node_ids()
            .map(|n| format!("{n}@127.0.0.1:{}", self.controller_port(n)))
            .collect::<Vec<_>>()
            .join(",")
    }

    /// Replication settings suited to the cluster size: RF 3 and min ISR 2 on three or more.
    fn replication(&self) -> (u16, u16) {
        let rf = self.nodes.min(3);
        let min_isr = if rf >= 3 { 2 } else { 1 };
        (rf, min_isr)
    }

    /// The listener lines of a node: plaintext, or (secure) SASL_SSL for clients and brokers
    /// with SCRAM-SHA-512 and mutual TLS for the controllers (KRaft controllers cannot use
    /// SCRAM: the credentials live in the metadata they serve).
    fn listener_properties(&self, node: u16, security: Option<&BrokerSecurity>) -> String {
        let port = self.client_port(node);
        let cport = self.controller_port(node);
        let Some(sec) = security else {
            return format!(
                "listeners=PLAINTEXT://127.0.0.1:{port},CONTROLLER://127.0.0.1:{cport}\n\
                 advertised.listeners=PLAINTEXT://127.0.0.1:{port}\n\
                 controller.listener.names=CONTROLLER\n\
                 inter.broker.listener.name=PLAINTEXT\n\
                 listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT\n"
            );
        };
        format!(
            "listeners=CLIENT://127.0.0.1:{port},CONTROLLER://127.0.0.1:{cport}\n\
             advertised.listeners=CLIENT://127.0.0.1:{port}\n\
             controller.listener.names=CONTROLLER\n\
             inter.broker.listener.name=CLIENT\n\
             listener.security.protocol.map=CONTROLLER:SSL,CLIENT:SASL_SSL\n\
             sasl.enabled.mechanisms=SCRAM-SHA-512\n\
             sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512\n\
             listener.name.client.sasl.enabled.mechanisms=SCRAM-SHA-512\n\
             listener.name.client.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"admin\" password=\"{pw}\";\n\
             ssl.keystore.type=PEM\n\
             ssl.keystore.location={keystore}\n\
             ssl.truststore.type=PEM\n\
             ssl.truststore.location={truststore}\n\
             ssl.endpoint.identification.algorithm=https\n\
             listener.name.controller.ssl.client.auth=required\n\
             authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer\n\
             allow.everyone.if.no.acl.found=false\n\
             super.users={supers}\n",
            pw = sec.admin_password,
            keystore = sec.keystore.display(),
            truststore = sec.truststore.display(),
            supers = sec.super_users.join(";"),
        )
    }

    /// The `server.properties` of one node whose data lives in `data_dir`; `security` is
    /// given for a secure cluster.
    pub fn server_properties(
        &self,
        node: u16,
        data_dir: &Path,
        security: Option<&BrokerSecurity>,
    ) -> String {
        let (rf, min_isr) = self.replication();
        format!(
            "# Written by `kmsg cluster up`; edits are overwritten at the next start.\n\
             process.roles=broker,controller\n\
             node.id={node}\n\
             controller.quorum.voters={voters}\n\
             {listeners}\
             log.dirs={data}\n\
             num.partitions=1\n\
             default.replication.factor={rf}\n\
             min.insync.replicas={min_isr}\n\
             offsets.topic.replication.factor={rf}\n\
             offsets.topic.num.partitions=12\n\
             transaction.state.log.replication.factor={rf}\n\
             transaction.state.log.min.isr={min_isr}\n\
             transaction.state.log.num.partitions=12\n\
             share.coordinator.state.topic.replication.factor={rf}\n\
             share.coordinator.state.topic.min.isr={min_isr}\n\
             auto.create.topics.enable=false\n\
             delete.topic.enable=true\n\
             group.initial.rebalance.delay.ms=0\n\
             # A node stopped after the quorum is gone would wait 5 minutes for a controlled\n\
             # shutdown; SIGTERM is still a clean shutdown without it.\n\
             controlled.shutdown.enable=false\n\
             # Kafka's own session: a busy laptop or CI runner can stall a node for seconds,\n\
             # and a shorter session fences it then (its partitions lose a replica, topic\n\
             # creation sees fewer brokers). A node that is gone is still fenced within 9 s.\n\
             broker.heartbeat.interval.ms=1000\n\
             broker.session.timeout.ms=9000\n\
             num.network.threads=2\n\
             num.io.threads=4\n\
             num.recovery.threads.per.data.dir=1\n\
             log.retention.hours=168\n",
            voters = self.voters(),
            listeners = self.listener_properties(node, security),
            data = data_dir.display(),
        )
    }
}

/// Kafka cluster ids are 16 bytes in URL-safe base64 without padding (22 characters).
fn cluster_id_from(bytes: [u8; 16]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// Where each node keeps its files inside the state folder.
#[derive(Debug, Clone)]
pub struct NodePaths {
    pub dir: PathBuf,
    pub data: PathBuf,
    pub properties: PathBuf,
    pub log: PathBuf,
    pub pid: PathBuf,
}

impl NodePaths {
    pub fn new(state_dir: &Path, node: u16) -> Self {
        let dir = state_dir.join(format!("node-{node}"));
        NodePaths {
            data: dir.join("data"),
            properties: dir.join("server.properties"),
            log: dir.join("server.log"),
            pid: dir.join("kafka.pid"),
            dir,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout(nodes: u16) -> ClusterLayout {
        ClusterLayout::new(nodes, 9092, None, "512m", [7; 16]).unwrap()
    }

    #[test]
    fn three_nodes_use_consecutive_ports_and_all_vote() {
        let l = layout(3);
        assert_eq!(
            l.bootstrap(),
            "127.0.0.1:9092,127.0.0.1:9093,127.0.0.1:9094"
        );
        assert_eq!(
            l.voters(),
            "1@127.0.0.1:10092,2@127.0.0.1:10093,3@127.0.0.1:10094"
        );
    }

    #[test]
    fn cluster_id_is_22_chars_of_url_safe_base64() {
        let id = layout(3).cluster_id;
        assert_eq!(id.len(), 22);
        assert!(id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
    }

    #[test]
    fn three_nodes_get_rf_3_and_min_isr_2_for_internal_topics() {
        let props = layout(3).server_properties(2, Path::new("/tmp/d"), None);
        for line in [
            "node.id=2",
            "listeners=PLAINTEXT://127.0.0.1:9093,CONTROLLER://127.0.0.1:10093",
            "offsets.topic.replication.factor=3",
            "transaction.state.log.replication.factor=3",
            "transaction.state.log.min.isr=2",
            "min.insync.replicas=2",
            "auto.create.topics.enable=false",
            "log.dirs=/tmp/d",
        ] {
            assert!(props.lines().any(|l| l == line), "missing {line}\n{props}");
        }
    }

    #[test]
    fn a_secure_node_has_sasl_ssl_for_clients_mtls_for_controllers_and_the_authorizer() {
        let sec = BrokerSecurity {
            keystore: "/s/broker.pem".into(),
            truststore: "/s/ca.pem".into(),
            admin_password: "pw".into(),
            super_users: vec!["User:admin".into(), "User:CN=kmsg-broker".into()],
        };
        let props = layout(3).server_properties(1, Path::new("/d"), Some(&sec));
        for line in [
            "listeners=CLIENT://127.0.0.1:9092,CONTROLLER://127.0.0.1:10092",
            "listener.security.protocol.map=CONTROLLER:SSL,CLIENT:SASL_SSL",
            "inter.broker.listener.name=CLIENT",
            "sasl.enabled.mechanisms=SCRAM-SHA-512",
            "listener.name.controller.ssl.client.auth=required",
            "ssl.keystore.type=PEM",
            "ssl.truststore.location=/s/ca.pem",
            "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
            "allow.everyone.if.no.acl.found=false",
            "super.users=User:admin;User:CN=kmsg-broker",
        ] {
            assert!(props.lines().any(|l| l == line), "missing {line}\n{props}");
        }
        assert!(!props.contains("PLAINTEXT"), "{props}");
    }

    #[test]
    fn a_single_node_gets_rf_1() {
        let props = layout(1).server_properties(1, Path::new("/d"), None);
        assert!(props.contains("offsets.topic.replication.factor=1\n"));
        assert!(props.contains("transaction.state.log.min.isr=1\n"));
    }

    #[test]
    fn refuses_overlapping_or_impossible_ports() {
        assert!(ClusterLayout::new(3, 9092, Some(9093), "1g", [0; 16]).is_err());
        assert!(ClusterLayout::new(3, 65535, Some(1000), "1g", [0; 16]).is_err());
        assert!(ClusterLayout::new(0, 9092, None, "1g", [0; 16]).is_err());
        assert!(ClusterLayout::new(3, 65000, None, "1g", [0; 16]).is_err());
    }
}
