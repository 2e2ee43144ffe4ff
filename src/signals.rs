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
