//! Waiting for SIGINT (Ctrl-C) or SIGTERM, the two ways people and orchestrators stop kmsg.

/// Resolves at the next SIGINT or SIGTERM.
pub async fn wait_for_stop() {
    let mut term = match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
        Ok(s) => s,
        Err(_) => {
            let _ = tokio::signal::ctrl_c().await;
            return;
        }
    };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = term.recv() => {}
    }
}

/// SIGINT and SIGTERM as a stream: the listeners are installed once, when this is created, so
/// a signal that arrives between two `next()` calls is not lost (a fresh `wait_for_stop` only
/// sees signals delivered after it starts listening).
pub struct Stops {
    int: Option<tokio::signal::unix::Signal>,
    term: Option<tokio::signal::unix::Signal>,
}

impl Stops {
    pub fn new() -> Self {
        use tokio::signal::unix::{signal, SignalKind};
        Stops {
            int: signal(SignalKind::interrupt()).ok(),
            term: signal(SignalKind::terminate()).ok(),
        }
    }

    /// Resolves at the next SIGINT or SIGTERM (including one received since the last call).
    pub async fn next(&mut self) {
        async fn recv(s: &mut Option<tokio::signal::unix::Signal>) {
            match s {
                Some(s) => {
                    s.recv().await;
                }
                None => std::future::pending().await,
            }
        }
        tokio::select! {
            _ = recv(&mut self.int) => {}
            _ = recv(&mut self.term) => {}
        }
    }
}

impl Default for Stops {
    fn default() -> Self {
        Self::new()
    }
}
