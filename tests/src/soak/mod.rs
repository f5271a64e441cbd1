//! The soak: a mixed load of preflight, actual, no-`Origin` and hostile requests over loopback
//! against the soak server (`src/bin/soak_server.rs`, the app of [`crate::routes`]), checking
//! every response's status and `Access-Control-Allow-Origin`, the server's stderr for panics,
//! and its resident memory (`VmRSS`) after warm-up.
//!
//! Long form: `scripts/soak.sh [seconds]` (release build). Short form: `tests/soak.rs`, bounded
//! by a request count, inside `cargo test --workspace`.

mod client;
mod mix;
mod server;

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use client::{PHASE_ENDS, Tally, client};
pub use mix::{Case, mix};
use server::Server;

/// How long the load runs.
#[derive(Clone, Copy, Debug)]
pub enum Bound {
    /// This many requests in all (the test).
    Requests(u64),
    /// This long (the script).
    Duration(Duration),
}

/// What a soak run measured.
#[derive(Debug)]
pub struct Report {
    /// Requests answered as expected.
    pub ok: u64,
    /// Requests answered wrongly, or not at all.
    pub errors: u64,
    /// The first few errors, described.
    pub first_errors: Vec<String>,
    /// Lines of the server's stderr that report a panic.
    pub panics: Vec<String>,
    /// Whether the server was still running at the end.
    pub server_alive: bool,
    /// `VmRSS` (KiB) after warm-up: the highest of the readings at 10%, 20% and 30% of the run,
    /// each taken with every client paused, its connection open and no request in flight.
    pub rss_warm_kib: u64,
    /// `VmRSS` (KiB) at the end, paused the same way.
    pub rss_end_kib: u64,
    /// Highest `VmRSS` (KiB) sampled under load after warm-up (in-flight 64 KiB requests
    /// included; reported, not judged).
    pub rss_max_kib: u64,
    /// Wall time of the run (reported, never asserted).
    pub elapsed: Duration,
}

impl Report {
    /// Everything that is wrong with the run; empty when it passed: no errors, no panics, the
    /// server alive, resident memory at the end within 5% of its value after warm-up (both read
    /// with the load paused, so requests in flight do not decide).
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        if self.errors > 0 {
            problems.push(format!(
                "{} errors, first: {:?}",
                self.errors, self.first_errors
            ));
        }
        if !self.panics.is_empty() {
            problems.push(format!("server panicked: {:?}", self.panics));
        }
        if !self.server_alive {
            problems.push("the server died".into());
        }
        if self.rss_warm_kib == 0 || self.rss_end_kib * 100 > self.rss_warm_kib * 105 {
            problems.push(format!(
                "resident memory went from {} KiB after warm-up to {} KiB at the end",
                self.rss_warm_kib, self.rss_end_kib
            ));
        }
        problems
    }
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let total = self.ok + self.errors;
        let secs = self.elapsed.as_secs_f64();
        write!(
            f,
            "requests={total} errors={} panics={} seconds={secs:.1} rate={:.0}/s \
             rss_warm={}KiB rss_end={}KiB rss_max={}KiB server_alive={}",
            self.errors,
            self.panics.len(),
            total as f64 / secs.max(f64::EPSILON),
            self.rss_warm_kib,
            self.rss_end_kib,
            self.rss_max_kib,
            self.server_alive
        )
    }
}

/// Starts `server_binary`, runs `connections` clients until `bound` (by requests or by time), and
/// reports. Resident memory is read with every client paused at the [`PHASE_ENDS`], and sampled
/// every 50 ms under load after the first pause.
pub fn run(server_binary: &str, connections: usize, bound: Bound) -> std::io::Result<Report> {
    let server = Server::start(server_binary)?;
    let cases = Arc::new(mix());
    let tally = Arc::new(Tally::new(bound));
    let clients: Vec<_> = (0..connections)
        .map(|c| {
            let (cases, tally, addr) = (cases.clone(), tally.clone(), server.addr);
            let start = c * cases.len() / connections.max(1);
            std::thread::spawn(move || client(addr, &cases, start, &tally))
        })
        .collect();
    let mut paused_rss = Vec::new();
    let mut rss_max = 0;
    while paused_rss.len() < PHASE_ENDS.len() {
        std::thread::sleep(Duration::from_millis(50));
        let parked = tally.parked.load(Ordering::Acquire);
        let running = clients.iter().filter(|c| !c.is_finished()).count();
        if parked < running {
            if !paused_rss.is_empty() {
                rss_max = rss_max.max(server.rss_kib());
            }
            continue;
        }
        // Every client waits between requests: let the server finish its writes, then read.
        std::thread::sleep(Duration::from_millis(200));
        paused_rss.push(server.rss_kib());
        tally.parked.store(0, Ordering::Release);
        tally.phase.fetch_add(1, Ordering::AcqRel);
    }
    for client in clients {
        client.join().expect("client thread");
    }
    let elapsed = tally.started.elapsed();
    let mut server = server;
    let server_alive = server.child.try_wait()?.is_none();
    // Let the stderr watcher see what the server printed last.
    std::thread::sleep(Duration::from_millis(100));
    let panics = server.panics.lock().expect("panic list").clone();
    let first_errors = tally.first_errors.lock().expect("error list").clone();
    Ok(Report {
        ok: tally.ok.load(Ordering::Relaxed),
        errors: tally.errors.load(Ordering::Relaxed),
        first_errors,
        panics,
        server_alive,
        rss_warm_kib: paused_rss[..3].iter().copied().max().unwrap_or(0),
        rss_end_kib: paused_rss[3],
        rss_max_kib: rss_max,
        elapsed,
    })
}
