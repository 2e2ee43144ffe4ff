//! The faults themselves: the run's cluster seen as processes (pid files in its state
//! folder), signals to them, starting killed nodes again, waiting for the cluster to heal,
//! and finding which broker leads what (partitions, a group's coordinator).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::harness::{json_lines, signal, state_dir, Kmsg};

/// The run's local cluster, by its state folder.
pub struct Brokers {
    dir: PathBuf,
}

impl Brokers {
    /// The cluster `scripts/test.sh` started (panics loudly when there is none).
    pub fn get() -> Brokers {
        let dir = state_dir();
        assert!(
            dir.join("cluster.json").is_file(),
            "{} holds no cluster started by kmsg",
            dir.display()
        );
        Brokers { dir }
    }

    fn dir(&self) -> &str {
        self.dir.to_str().unwrap()
    }

    /// The pid of a running node's broker (checked to be a Kafka broker).
    pub fn pid(&self, node: i32) -> u32 {
        let file = self.dir.join(format!("node-{node}/kafka.pid"));
        let pid: u32 = std::fs::read_to_string(&file)
            .unwrap_or_else(|e| panic!("{}: {e}", file.display()))
            .trim()
            .parse()
            .unwrap();
        let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
        assert!(
            cmdline.split(|b| *b == 0).any(|a| a == b"kafka.Kafka"),
            "pid {pid} of node {node} is not a running broker"
        );
        pid
    }

    pub fn kill(&self, node: i32) {
        signal(self.pid(node), libc::SIGKILL);
    }

    pub fn hang(&self, node: i32) {
        signal(self.pid(node), libc::SIGSTOP);
    }

    pub fn resume(&self, node: i32) {
        signal(self.pid(node), libc::SIGCONT);
    }

    /// Starts the nodes that do not run (`kmsg cluster up` on the state folder), waiting
    /// until every broker is registered.
    pub fn start_missing(&self) {
        Kmsg::new(["cluster", "up", "--state-dir", self.dir(), "--wait", "120s"])
            .timeout(Duration::from_secs(150))
            .expect_code(0);
    }

    /// `kmsg cluster restart --rolling` on the cluster, as a child process.
    pub fn rolling_restart(&self) -> crate::harness::Spawned {
        Kmsg::new(["cluster", "restart", "--rolling", "--state-dir", self.dir()])
            .flag("--wait", "150s")
            .json()
            .spawn()
    }

    /// Waits until every broker is registered and no partition is under-replicated; returns
    /// how long that took.
    pub fn wait_healed(&self, limit: Duration) -> Duration {
        let start = Instant::now();
        let mut last = String::new();
        while start.elapsed() < limit {
            let out = Kmsg::new(["cluster", "status", "--state-dir", self.dir()])
                .json()
                .timeout(Duration::from_secs(60))
                .run();
            if let Some(s) = json_lines(&out.stdout).pop() {
                if s["healthy"] == true && s["under_replicated_partitions"] == 0 {
                    return start.elapsed();
                }
                last = s.to_string();
            }
            std::thread::sleep(Duration::from_millis(500));
        }
        panic!("the cluster did not heal within {limit:?}: {last}");
    }

    /// Each partition's leader, by `kmsg topics describe`.
    pub fn leaders(&self, topic: &str) -> BTreeMap<i32, i32> {
        let out = Kmsg::new(["topics", "describe", topic])
            .on_cluster()
            .expect_json(0);
        out[0][0]["partitions"]
            .as_array()
            .unwrap_or_else(|| panic!("no partitions in {:?}", out))
            .iter()
            .map(|p| {
                (
                    p["partition"].as_i64().unwrap() as i32,
                    p["leader"].as_i64().unwrap() as i32,
                )
            })
            .collect()
    }

    /// The broker that leads the most partitions of `topic` (the lowest id on a tie).
    pub fn busiest_leader(&self, topic: &str) -> i32 {
        let mut counts: BTreeMap<i32, usize> = BTreeMap::new();
        for leader in self.leaders(topic).values() {
            *counts.entry(*leader).or_default() += 1;
        }
        let max = *counts.values().max().unwrap();
        *counts.iter().find(|(_, n)| **n == max).unwrap().0
    }

    /// The broker that is `group`'s coordinator: the leader of the `__consumer_offsets`
    /// partition the group hashes to (Kafka's `abs(groupId.hashCode()) % partitions`).
    pub fn coordinator(&self, group: &str) -> i32 {
        let leaders = self.leaders("__consumer_offsets");
        let partition = offsets_partition(group, leaders.len() as i32);
        leaders[&partition]
    }
}

/// Java's `String.hashCode` of an ASCII name, made non-negative as Kafka's `Utils.abs` does
/// (the absolute value, 0 for `i32::MIN`; not a mask of the sign bit), modulo the partition
/// count.
pub fn offsets_partition(group: &str, partitions: i32) -> i32 {
    let hash = group
        .encode_utf16()
        .fold(0i32, |h, c| h.wrapping_mul(31).wrapping_add(c as i32));
    let abs = if hash == i32::MIN { 0 } else { hash.abs() };
    abs % partitions
}

/// Leaves the cluster whole when a scenario ends, even by a panic: every node resumed (a
/// SIGSTOP'd one would hang the next scenario), every killed one started again, all healed.
pub struct Restore<'a>(pub &'a Brokers);

impl Drop for Restore<'_> {
    fn drop(&mut self) {
        for node in 1..=3 {
            let file = self.0.dir.join(format!("node-{node}/kafka.pid"));
            if let Some(pid) = std::fs::read_to_string(file)
                .ok()
                .and_then(|s| s.trim().parse::<u32>().ok())
            {
                signal(pid, libc::SIGCONT);
            }
        }
        let up = Kmsg::new([
            "cluster",
            "up",
            "--state-dir",
            self.0.dir(),
            "--wait",
            "120s",
        ])
        .timeout(Duration::from_secs(150))
        .run();
        if !up.status.success() {
            eprintln!(
                "could not start the cluster's nodes again: {}",
                String::from_utf8_lossy(&up.stderr)
            );
        }
        if !std::thread::panicking() {
            self.0.wait_healed(Duration::from_secs(120));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::offsets_partition;

    #[test]
    fn group_partition_follows_java_string_hash_code() {
        // "a".hashCode() == 97; "group".hashCode() == 98629247.
        assert_eq!(offsets_partition("a", 12), 97 % 12);
        assert_eq!(offsets_partition("group", 50), 98629247 % 50);
        // A negative hash: "g-r1796312505".hashCode() == -552569355, which the broker put
        // in __consumer_offsets partition 3 of 12 (|h| % 12), not 5 (h & 0x7fffffff).
        assert_eq!(offsets_partition("g-r1796312505", 12), 3);
    }
}
