//! The circuit breaker around the downstream (Resilience4j's states and names): `closed`
//! lets calls through and counts consecutive transient failures; at `threshold` it opens;
//! `open` permits nothing until `open_for` has passed, then moves to `half_open` by itself
//! (a paused consumer makes no calls, so only time can move it); `half_open` lets `probes`
//! trial calls through: a success closes it, a failure re-opens it.
//!
//! Plain code with the time passed in, so every transition is unit-tested without sleeping.
//! Callers log and count the returned `Transition`s.

use std::time::{Duration, Instant};

/// The breaker's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum BreakerState {
    Closed,
    Open,
    HalfOpen,
}

impl BreakerState {
    pub const ALL: [BreakerState; 3] = [
        BreakerState::Closed,
        BreakerState::Open,
        BreakerState::HalfOpen,
    ];

    /// Every change of state the breaker makes, as (from, to).
    pub const TRANSITIONS: [(BreakerState, BreakerState); 4] = [
        (BreakerState::Closed, BreakerState::Open),
        (BreakerState::Open, BreakerState::HalfOpen),
        (BreakerState::HalfOpen, BreakerState::Closed),
        (BreakerState::HalfOpen, BreakerState::Open),
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            BreakerState::Closed => "closed",
            BreakerState::Open => "open",
            BreakerState::HalfOpen => "half_open",
        }
    }
}

/// A change of state, with why it happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transition {
    pub from: BreakerState,
    pub to: BreakerState,
    pub reason: String,
}

/// Breaker settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BreakerConfig {
    /// Consecutive transient failures that open the breaker.
    pub threshold: u32,
    /// How long it stays open before letting probes through.
    pub open_for: Duration,
    /// Trial calls allowed in half-open.
    pub probes: u32,
}

/// Whether a call may go ahead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permit {
    Allowed,
    /// Open: no call until the given instant.
    NotPermitted {
        until: Instant,
    },
}

/// The state machine.
#[derive(Debug, Clone)]
pub struct Breaker {
    config: BreakerConfig,
    state: BreakerState,
    consecutive_failures: u32,
    opened_at: Option<Instant>,
    probes_started: u32,
}

impl Breaker {
    pub fn new(config: BreakerConfig) -> Result<Self, String> {
        if config.threshold == 0 {
            return Err("--breaker-threshold must be at least 1".into());
        }
        if config.open_for.is_zero() {
            return Err("--breaker-timeout must be above 0".into());
        }
        if config.probes == 0 {
            return Err("--breaker-probes must be at least 1".into());
        }
        Ok(Breaker {
            config,
            state: BreakerState::Closed,
            consecutive_failures: 0,
            opened_at: None,
            probes_started: 0,
        })
    }

    pub fn state(&self) -> BreakerState {
        self.state
    }

    fn move_to(&mut self, to: BreakerState, reason: String, now: Instant) -> Transition {
        let from = self.state;
        self.state = to;
        match to {
            BreakerState::Open => self.opened_at = Some(now),
            BreakerState::HalfOpen => self.probes_started = 0,
            BreakerState::Closed => {
                self.opened_at = None;
                self.consecutive_failures = 0;
            }
        }
        Transition { from, to, reason }
    }

    /// Moves open → half-open when the open time has passed. Call it before asking for a
    /// permit and while waiting in open.
    pub fn tick(&mut self, now: Instant) -> Option<Transition> {
        match (self.state, self.opened_at) {
            (BreakerState::Open, Some(at)) if now.duration_since(at) >= self.config.open_for => {
                Some(self.move_to(
                    BreakerState::HalfOpen,
                    format!(
                        "open for {}: letting {} probe call(s) through",
                        humantime::format_duration(self.config.open_for),
                        self.config.probes
                    ),
                    now,
                ))
            }
            _ => None,
        }
    }

    /// Asks to make one call. In half-open, each permit is one of the probes.
    pub fn try_acquire(&mut self, now: Instant) -> (Permit, Option<Transition>) {
        let transition = self.tick(now);
        let permit = match self.state {
            BreakerState::Closed => Permit::Allowed,
            BreakerState::HalfOpen if self.probes_started < self.config.probes => {
                self.probes_started += 1;
                Permit::Allowed
            }
            BreakerState::HalfOpen => Permit::NotPermitted {
                until: now + Duration::from_millis(50),
            },
            BreakerState::Open => Permit::NotPermitted {
                until: self.opened_at.unwrap_or(now) + self.config.open_for,
            },
        };
        (permit, transition)
    }

    /// A call succeeded.
    pub fn on_success(&mut self, now: Instant) -> Option<Transition> {
        self.consecutive_failures = 0;
        match self.state {
            BreakerState::HalfOpen => {
                Some(self.move_to(BreakerState::Closed, "probe call succeeded".into(), now))
            }
            _ => None,
        }
    }

    /// A call ended in a way that says nothing about the downstream's health (a permanent
    /// rejection): in half-open the probe permit is given back, so the next call probes.
    pub fn on_ignored(&mut self) {
        if self.state == BreakerState::HalfOpen {
            self.probes_started = self.probes_started.saturating_sub(1);
        }
    }

    /// A call failed transiently (5xx, timeout, refused, injected fault).
    pub fn on_failure(&mut self, now: Instant, reason: &str) -> Option<Transition> {
        match self.state {
            BreakerState::Closed => {
                self.consecutive_failures += 1;
                (self.consecutive_failures >= self.config.threshold).then(|| {
                    let n = self.consecutive_failures;
                    self.move_to(
                        BreakerState::Open,
                        format!("{n} consecutive failures (last: {reason})"),
                        now,
                    )
                })
            }
            BreakerState::HalfOpen => Some(self.move_to(
                BreakerState::Open,
                format!("probe call failed: {reason}"),
                now,
            )),
            BreakerState::Open => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn breaker(threshold: u32, probes: u32) -> Breaker {
        Breaker::new(BreakerConfig {
            threshold,
            open_for: Duration::from_secs(30),
            probes,
        })
        .unwrap()
    }

    #[test]
    fn every_transition_the_breaker_makes_is_listed_and_every_listed_one_happens() {
        use rand::{Rng, SeedableRng};
        let mut rng = rand::rngs::StdRng::seed_from_u64(11);
        let mut now = Instant::now();
        let mut b = breaker(2, 1);
        let mut seen = std::collections::BTreeSet::new();
        for _ in 0..5_000 {
            now += Duration::from_secs(rng.random_range(0..20));
            let t = match rng.random_range(0..4) {
                0 => b.tick(now),
                1 => b.try_acquire(now).1,
                2 => b.on_success(now),
                _ => b.on_failure(now, "x"),
            };
            if let Some(t) = t {
                assert!(
                    BreakerState::TRANSITIONS.contains(&(t.from, t.to)),
                    "unlisted {t:?}"
                );
                seen.insert((t.from.as_str(), t.to.as_str()));
            }
        }
        assert_eq!(seen.len(), BreakerState::TRANSITIONS.len(), "{seen:?}");
    }

    #[test]
    fn opens_after_exactly_the_threshold_of_consecutive_failures() {
        let t0 = Instant::now();
        let mut b = breaker(5, 1);
        for _ in 0..4 {
            assert_eq!(b.on_failure(t0, "500"), None);
        }
        let t = b.on_failure(t0, "500").expect("fifth failure opens");
        assert_eq!((t.from, t.to), (BreakerState::Closed, BreakerState::Open));
        assert!(
            t.reason.contains("5 consecutive failures (last: 500)"),
            "{}",
            t.reason
        );
    }

    #[test]
    fn a_success_resets_the_count() {
        let t0 = Instant::now();
        let mut b = breaker(3, 1);
        b.on_failure(t0, "x");
        b.on_failure(t0, "x");
        b.on_success(t0);
        b.on_failure(t0, "x");
        b.on_failure(t0, "x");
        assert_eq!(b.state(), BreakerState::Closed);
    }

    #[test]
    fn open_permits_nothing_until_the_timeout_then_half_opens_by_itself() {
        let t0 = Instant::now();
        let mut b = breaker(1, 1);
        b.on_failure(t0, "x");
        let (permit, _) = b.try_acquire(t0 + Duration::from_secs(10));
        assert_eq!(
            permit,
            Permit::NotPermitted {
                until: t0 + Duration::from_secs(30)
            }
        );
        assert_eq!(b.tick(t0 + Duration::from_secs(29)), None);
        let t = b
            .tick(t0 + Duration::from_secs(30))
            .expect("half-open after 30 s");
        assert_eq!((t.from, t.to), (BreakerState::Open, BreakerState::HalfOpen));
    }

    #[test]
    fn half_open_allows_exactly_the_probes_and_a_good_probe_closes() {
        let t0 = Instant::now();
        let mut b = breaker(1, 2);
        b.on_failure(t0, "x");
        let later = t0 + Duration::from_secs(31);
        assert_eq!(b.try_acquire(later).0, Permit::Allowed);
        assert_eq!(b.state(), BreakerState::HalfOpen);
        assert_eq!(b.try_acquire(later).0, Permit::Allowed);
        assert!(matches!(
            b.try_acquire(later).0,
            Permit::NotPermitted { .. }
        ));
        let t = b.on_success(later).expect("closes");
        assert_eq!(
            (t.from, t.to),
            (BreakerState::HalfOpen, BreakerState::Closed)
        );
        assert_eq!(b.try_acquire(later).0, Permit::Allowed);
    }

    #[test]
    fn an_ignored_probe_gives_its_permit_back() {
        let t0 = Instant::now();
        let mut b = breaker(1, 1);
        b.on_failure(t0, "x");
        let later = t0 + Duration::from_secs(31);
        assert_eq!(b.try_acquire(later).0, Permit::Allowed);
        b.on_ignored();
        assert_eq!(
            b.try_acquire(later).0,
            Permit::Allowed,
            "stuck in half-open"
        );
    }

    #[test]
    fn a_failed_probe_reopens_for_a_full_timeout() {
        let t0 = Instant::now();
        let mut b = breaker(1, 1);
        b.on_failure(t0, "x");
        let probe_at = t0 + Duration::from_secs(30);
        assert_eq!(b.try_acquire(probe_at).0, Permit::Allowed);
        let t = b.on_failure(probe_at, "timeout").expect("re-opens");
        assert_eq!((t.from, t.to), (BreakerState::HalfOpen, BreakerState::Open));
        assert!(t.reason.contains("probe call failed: timeout"));
        assert_eq!(
            b.try_acquire(probe_at + Duration::from_secs(29)).0,
            Permit::NotPermitted {
                until: probe_at + Duration::from_secs(30)
            }
        );
    }

    #[test]
    fn zero_settings_are_refused() {
        let ok = BreakerConfig {
            threshold: 1,
            open_for: Duration::from_secs(1),
            probes: 1,
        };
        assert!(Breaker::new(BreakerConfig { threshold: 0, ..ok }).is_err());
        assert!(Breaker::new(BreakerConfig {
            open_for: Duration::ZERO,
            ..ok
        })
        .is_err());
        assert!(Breaker::new(BreakerConfig { probes: 0, ..ok }).is_err());
    }
}
