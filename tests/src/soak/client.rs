//! The load: client connections cycling through the mix, pausing between phases.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use super::Bound;
use super::mix::Case;

/// Where each phase of the run ends, as a fraction of it: the pauses at 10%, 20% and 30% read
/// the resident memory after warm-up (the highest of the three: where the allocator's arenas
/// settled), the last one at the end.
pub(super) const PHASE_ENDS: [f64; 4] = [0.1, 0.2, 0.3, 1.0];

/// Shared counters of the client threads, and the pause between phases.
pub(super) struct Tally {
    pub(super) ok: AtomicU64,
    pub(super) errors: AtomicU64,
    pub(super) first_errors: Mutex<Vec<String>>,
    bound: Bound,
    pub(super) started: Instant,
    /// The phase clients may run in; the orchestrator advances it after each pause.
    pub(super) phase: AtomicUsize,
    /// Clients waiting at the end of the current phase.
    pub(super) parked: AtomicUsize,
}

impl Tally {
    pub(super) fn new(bound: Bound) -> Tally {
        Tally {
            ok: AtomicU64::new(0),
            errors: AtomicU64::new(0),
            first_errors: Mutex::new(Vec::new()),
            bound,
            started: Instant::now(),
            phase: AtomicUsize::new(0),
            parked: AtomicUsize::new(0),
        }
    }

    fn done(&self) -> u64 {
        self.ok.load(Ordering::Relaxed) + self.errors.load(Ordering::Relaxed)
    }

    /// How far through the run we are, 0.0 to 1.0 and beyond.
    fn progress(&self) -> f64 {
        match self.bound {
            Bound::Requests(n) => self.done() as f64 / n.max(1) as f64,
            Bound::Duration(d) => {
                self.started.elapsed().as_secs_f64() / d.as_secs_f64().max(f64::EPSILON)
            }
        }
    }

    /// Called by a client between requests: at the end of a phase, waits (connection open,
    /// nothing in flight) until the orchestrator has read the memory. False when the run is over.
    fn keep_going(&self) -> bool {
        let phase = self.phase.load(Ordering::Acquire);
        if phase >= PHASE_ENDS.len() {
            return false;
        }
        if self.progress() < PHASE_ENDS[phase] {
            return true;
        }
        self.parked.fetch_add(1, Ordering::AcqRel);
        while self.phase.load(Ordering::Acquire) == phase {
            std::thread::sleep(Duration::from_millis(5));
        }
        self.phase.load(Ordering::Acquire) < PHASE_ENDS.len()
    }

    fn error(&self, what: String) {
        self.errors.fetch_add(1, Ordering::Relaxed);
        let mut first = self.first_errors.lock().expect("error list");
        if first.len() < 10 {
            first.push(what);
        }
    }
}

/// A response's status, `Access-Control-Allow-Origin` lines and whether the server closes.
struct Response {
    status: u16,
    allow_origin: Vec<Vec<u8>>,
    closes: bool,
}

fn read_response(reader: &mut BufReader<TcpStream>) -> std::io::Result<Response> {
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let status = line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| std::io::Error::other(format!("status line {line:?}")))?;
    let (mut length, mut closes, mut allow_origin) = (0usize, false, Vec::new());
    loop {
        let mut raw = Vec::new();
        reader.read_until(b'\n', &mut raw)?;
        let field = raw.strip_suffix(b"\r\n").unwrap_or(&raw);
        if field.is_empty() {
            break;
        }
        let at = field.iter().position(|&b| b == b':').unwrap_or(field.len());
        let (name, value) = (&field[..at], field.get(at + 1..).unwrap_or_default());
        let value = value.trim_ascii();
        if name.eq_ignore_ascii_case(b"content-length") {
            length = std::str::from_utf8(value)
                .ok()
                .and_then(|v| v.parse().ok())
                .unwrap_or(0);
        } else if name.eq_ignore_ascii_case(b"connection") {
            closes = value.eq_ignore_ascii_case(b"close");
        } else if name.eq_ignore_ascii_case(b"access-control-allow-origin") {
            allow_origin.push(value.to_vec());
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body)?;
    Ok(Response {
        status,
        allow_origin,
        closes,
    })
}

/// One client connection cycling through the mix until told to stop.
pub(super) fn client(addr: SocketAddr, cases: &[Case], start: usize, tally: &Tally) {
    let mut connection: Option<BufReader<TcpStream>> = None;
    let mut i = start;
    while tally.keep_going() {
        let case = &cases[i % cases.len()];
        i += 1;
        let reader = match connection.as_mut() {
            Some(reader) => reader,
            None => match TcpStream::connect(addr) {
                Ok(stream) => {
                    let _ = stream.set_read_timeout(Some(Duration::from_secs(30)));
                    let _ = stream.set_nodelay(true);
                    connection.insert(BufReader::new(stream))
                }
                Err(e) => {
                    tally.error(format!("connect: {e}"));
                    continue;
                }
            },
        };
        let answered = reader
            .get_mut()
            .write_all(&case.request)
            .and_then(|()| read_response(reader));
        let response = match answered {
            Ok(response) => response,
            Err(e) => {
                tally.error(format!("{}: {e}", case.name));
                connection = None;
                continue;
            }
        };
        let expected_origin: Vec<Vec<u8>> = case
            .allow_origin
            .iter()
            .map(|o| o.as_bytes().to_vec())
            .collect();
        if response.status == case.status && response.allow_origin == expected_origin {
            tally.ok.fetch_add(1, Ordering::Relaxed);
        } else {
            tally.error(format!(
                "{}: status {} (expected {}), ACAO {:?}",
                case.name,
                response.status,
                case.status,
                response
                    .allow_origin
                    .iter()
                    .map(|o| String::from_utf8_lossy(o).into_owned())
                    .collect::<Vec<_>>()
            ));
        }
        if response.closes || response.status == 400 {
            connection = None;
        }
    }
}
