//! How a downstream's answer is judged, as plain logic: 2xx is success; 5xx, 429, timeouts
//! and refused or broken connections are transient (retried, and counted by the breaker);
//! any other status is a permanent rejection (dead-lettered as `downstream_rejected`, never
//! retried, ignored by the breaker).

/// The result of one downstream call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CallResult {
    Success,
    Transient(String),
    Permanent(String),
}

/// What the transport reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    Status(u16),
    Timeout,
    Connect(String),
    Other(String),
}

pub fn classify(answer: &Answer) -> CallResult {
    match answer {
        Answer::Status(s) if (200..300).contains(s) => CallResult::Success,
        Answer::Status(s) if *s >= 500 || *s == 429 || *s == 408 => {
            CallResult::Transient(format!("HTTP {s}"))
        }
        Answer::Status(s) => CallResult::Permanent(format!("HTTP {s}")),
        Answer::Timeout => CallResult::Transient("timed out (--sink-timeout)".into()),
        Answer::Connect(e) => CallResult::Transient(format!("cannot connect: {e}")),
        Answer::Other(e) => CallResult::Transient(e.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_and_transport_errors_fall_in_the_right_class() {
        assert_eq!(classify(&Answer::Status(200)), CallResult::Success);
        assert_eq!(classify(&Answer::Status(204)), CallResult::Success);
        for s in [500, 502, 503, 504, 429, 408] {
            assert!(
                matches!(classify(&Answer::Status(s)), CallResult::Transient(_)),
                "{s}"
            );
        }
        for s in [400, 401, 403, 404, 409, 422, 301] {
            assert!(
                matches!(classify(&Answer::Status(s)), CallResult::Permanent(_)),
                "{s}"
            );
        }
        assert!(matches!(
            classify(&Answer::Timeout),
            CallResult::Transient(_)
        ));
        assert!(matches!(
            classify(&Answer::Connect("refused".into())),
            CallResult::Transient(_)
        ));
    }
}
