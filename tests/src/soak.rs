//! The soak: a mixed load of preflight, actual, no-`Origin` and hostile requests over loopback
//! against the soak server (`src/bin/soak_server.rs`, the app of [`crate::routes`]), checking
//! every response's status and `Access-Control-Allow-Origin`, the server's stderr for panics,
//! and its resident memory (`VmRSS`) after warm-up.
//!
//! Long form: `scripts/soak.sh [seconds]` (release build). Short form: `tests/soak.rs`, bounded
//! by a request count, inside `cargo test --workspace`.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, ChildStderr, Command, Stdio};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::routes::APP;

/// One request of the mix and what its response must be.
pub struct Case {
    /// What the request is.
    pub name: &'static str,
    /// The raw HTTP/1.1 request.
    pub request: Vec<u8>,
    /// The status the server must answer.
    pub status: u16,
    /// The single `Access-Control-Allow-Origin` the response must carry, or `None` for none.
    pub allow_origin: Option<&'static str>,
}

fn request(method: &str, path: &str, headers: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = format!("{method} {path} HTTP/1.1\r\nhost: 127.0.0.1\r\n").into_bytes();
    for (name, value) in headers {
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(b": ");
        out.extend_from_slice(value);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"content-length: 0\r\n\r\n");
    out
}

fn case(
    name: &'static str,
    status: u16,
    allow_origin: Option<&'static str>,
    method: &str,
    path: &str,
    headers: &[(&str, &[u8])],
) -> Case {
    Case {
        name,
        request: request(method, path, headers),
        status,
        allow_origin,
    }
}

/// The mix, in the order each connection cycles through it (from a different starting point).
pub fn mix() -> Vec<Case> {
    const O: &str = "origin";
    const ACRM: &str = "access-control-request-method";
    const ACRH: &str = "access-control-request-headers";
    let app = APP.as_bytes();
    let evil = &b"https://evil.example"[..];
    let huge_origin = crate::routes::huge_origin();
    let long_list = "a,".repeat(32 * 1024);
    let mut comma_lines: Vec<(&str, &[u8])> = vec![(O, app), (ACRM, b"PUT")];
    comma_lines.extend(std::iter::repeat_n((ACRH, &b","[..]), 80));
    vec![
        case(
            "preflight",
            204,
            Some(APP),
            "OPTIONS",
            "/items",
            &[(O, app), (ACRM, b"POST"), (ACRH, b"content-type")],
        ),
        case(
            "preflight, any header",
            204,
            Some(APP),
            "OPTIONS",
            "/echo",
            &[(O, app), (ACRM, b"PUT"), (ACRH, b"x-a, x-b")],
        ),
        case(
            "preflight, refused origin",
            403,
            None,
            "OPTIONS",
            "/items",
            &[(O, evil), (ACRM, b"GET")],
        ),
        case(
            "actual",
            200,
            Some("https://eu.example.org"),
            "GET",
            "/items",
            &[(O, b"https://eu.example.org")],
        ),
        case(
            "actual, refused origin",
            200,
            None,
            "POST",
            "/items",
            &[(O, evil)],
        ),
        case(
            "actual, any origin",
            200,
            Some("*"),
            "GET",
            "/public",
            &[(O, evil)],
        ),
        case(
            "actual, null",
            200,
            Some("null"),
            "GET",
            "/sandboxed",
            &[(O, b"null")],
        ),
        case("no Origin", 200, None, "GET", "/items", &[]),
        case(
            "no Origin, any origin",
            200,
            Some("*"),
            "GET",
            "/public",
            &[],
        ),
        case(
            "hostile: 64 KiB list",
            403,
            None,
            "OPTIONS",
            "/echo",
            &[(O, app), (ACRM, b"PUT"), (ACRH, long_list.as_bytes())],
        ),
        case(
            "hostile: 80 comma lines",
            403,
            None,
            "OPTIONS",
            "/echo",
            &comma_lines,
        ),
        case(
            "hostile: 64 KiB origin",
            200,
            None,
            "GET",
            "/items",
            &[(O, huge_origin.as_bytes())],
        ),
        case(
            "hostile: two Origin lines",
            200,
            None,
            "GET",
            "/items",
            &[(O, app), (O, app)],
        ),
        case(
            "hostile: two Origin lines, preflight",
            403,
            None,
            "OPTIONS",
            "/items",
            &[(O, app), (O, app), (ACRM, b"GET")],
        ),
        case(
            "hostile: non-ASCII origin",
            200,
            None,
            "GET",
            "/items",
            &[(O, b"https://b\xfc.example.org")],
        ),
        case(
            "hostile: userinfo",
            200,
            None,
            "GET",
            "/items",
            &[(O, b"https://app.example@evil.example")],
        ),
        case(
            "hostile: upper-case scheme",
            403,
            None,
            "OPTIONS",
            "/items",
            &[(O, b"HTTPS://app.example"), (ACRM, b"GET")],
        ),
        case(
            "hostile: IPv6 look-alike",
            200,
            None,
            "GET",
            "/items",
            &[(O, b"http://[0:0:0:0:0:0:0:1]:8080")],
        ),
        case(
            "hostile: non-ASCII list",
            403,
            None,
            "OPTIONS",
            "/echo",
            &[(O, app), (ACRM, b"PUT"), (ACRH, b"x-\xe4")],
        ),
        // Refused by actix's HTTP parser before any middleware: `400`, connection closed.
        case(
            "hostile: control byte",
            400,
            None,
            "GET",
            "/items",
            &[(O, b"https://app\x01.example")],
        ),
    ]
}

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

/// A soak server process, killed when dropped.
struct Server {
    child: Child,
    addr: SocketAddr,
    panics: Arc<Mutex<Vec<String>>>,
}

impl Server {
    fn start(binary: &str) -> std::io::Result<Server> {
        let mut child = Command::new(binary)
            .arg("127.0.0.1:0")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()?;
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("piped stdout")).read_line(&mut line)?;
        let addr = line
            .trim()
            .strip_prefix("listening on ")
            .and_then(|a| a.parse().ok())
            .ok_or_else(|| std::io::Error::other(format!("server said {line:?}")))?;
        let panics = Arc::new(Mutex::new(Vec::new()));
        watch_stderr(child.stderr.take().expect("piped stderr"), panics.clone());
        Ok(Server {
            child,
            addr,
            panics,
        })
    }

    fn rss_kib(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()));
        status
            .ok()
            .and_then(|s| {
                s.lines()
                    .find_map(|l| l.strip_prefix("VmRSS:"))
                    .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            })
            .unwrap_or(0)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Keeps the lines of `stderr` that report a panic.
fn watch_stderr(stderr: ChildStderr, panics: Arc<Mutex<Vec<String>>>) {
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if line.contains("panicked") {
                panics.lock().expect("panic list").push(line);
            }
        }
    });
}

/// Where each phase of the run ends, as a fraction of it: the pauses at 10%, 20% and 30% read
/// the resident memory after warm-up (the highest of the three: where the allocator's arenas
/// settled), the last one at the end.
const PHASE_ENDS: [f64; 4] = [0.1, 0.2, 0.3, 1.0];

/// Shared counters of the client threads, and the pause between phases.
struct Tally {
    ok: AtomicU64,
    errors: AtomicU64,
    first_errors: Mutex<Vec<String>>,
    bound: Bound,
    started: Instant,
    /// The phase clients may run in; the orchestrator advances it after each pause.
    phase: AtomicUsize,
    /// Clients waiting at the end of the current phase.
    parked: AtomicUsize,
}

impl Tally {
    fn new(bound: Bound) -> Tally {
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
fn client(addr: SocketAddr, cases: &[Case], start: usize, tally: &Tally) {
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
