//! The process's allocator: mimalloc, and how soon it gives freed memory back to the OS.

use libmimalloc_sys::{mi_option_set_default, mi_option_t};

/// mimalloc instead of glibc's malloc: `consume` allocates a few small buffers per message
/// (the JSON document, the delivery opaque) and frees them on another thread (delivery
/// reports), and glibc's arenas took about a quarter of its CPU (perf). With the `override`
/// feature librdkafka's allocations (a copy of every produced message, an op per consumed
/// one) go to mimalloc too: 1M messages validated and forwarded cost 4.7 CPU-s instead of
/// 7.4. `no_thp` keeps mimalloc from asking for transparent huge pages, which took the
/// member's peak RSS from ~95 MB to ~135 MB.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay`'s place in mimalloc v3's `mi_option_e` (libmimalloc-sys does not
/// name it; a unit test checks it against v3's default).
const PURGE_DELAY: mi_option_t = 15;

/// How long freed memory stays with mimalloc before it goes back to the OS, in ms.
pub const PURGE_DELAY_MS: i64 = 5;

/// Gives freed memory back after [`PURGE_DELAY_MS`] instead of mimalloc v3's 1 s (10 s for
/// whole arena ranges); `MIMALLOC_PURGE_DELAY` in the environment wins. A forwarding member
/// frees what librdkafka's threads allocated (fetched batches, produce buffers) at about
/// 250 MB/s, so whatever the delay holds back is resident: forwarding 1M login events on a
/// local 3-broker cluster, peak RSS (GNU time) was 151-163 MB with 1 s and 109-113 MB with
/// 50 ms (2026-11); with the smaller queues of `kafka::config` (2026-12-03, 2-3 alternating
/// runs each, the same wall time within the noise) 74-78 MB with 50 ms, 57-60 MB with 10 ms,
/// 57-59 MB with 5 ms and 51-56 MB with 0, for 0.1-0.2 s (5 ms) or about 0.4 s (0) more
/// system CPU per 1M messages (madvise calls and the page faults that refill the pages).
/// Called first thing in `main`, before any other thread exists.
pub fn tune() {
    // SAFETY: sets one integer option of the allocator; no memory is touched.
    unsafe { mi_option_set_default(PURGE_DELAY, PURGE_DELAY_MS as _) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn option_15_is_mimalloc_v3s_purge_delay() {
        // v3's purge delay defaults to 1000 ms, which no other option in that range has;
        // nothing in the unit tests calls `tune`. A mimalloc upgrade that moves the option
        // fails here instead of tuning something else.
        assert!(
            std::env::var_os("MIMALLOC_PURGE_DELAY").is_none(),
            "unset MIMALLOC_PURGE_DELAY for this test: it reads mimalloc's default"
        );
        // SAFETY: reads one integer option.
        assert_eq!(unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) }, 1000);
    }
}
