//! `from_config` refuses to start on a bad configuration and lists every problem at once.

use std::process::Command;

fn run(env: &[(&str, &str)]) -> (Option<i32>, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_from_config"));
    cmd.env_remove("CORS_ORIGINS")
        .env_remove("CORS_CREDENTIALS")
        .env_remove("CORS_MAX_AGE");
    for (name, value) in env {
        cmd.env(name, value);
    }
    let out = cmd.output().expect("from_config runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// What `CORS_ORIGINS="https://app.example/, *" CORS_CREDENTIALS=true CORS_MAX_AGE=90000` is
/// refused with, at startup and by a reload alike.
const BAD_POLICY_PROBLEMS: [&str; 5] = [
    "invalid CORS policy (4 problems)",
    "origin `https://app.example/` has a path; write `https://app.example`",
    "`\"*\"` in `origins` cannot be combined with other entries",
    "cannot be used with `credentials = true`",
    "`max_age = 90000` is above 86400 seconds",
];

#[test]
fn every_problem_of_a_bad_policy_is_listed_and_startup_stops() {
    let (code, stderr) = run(&[
        ("CORS_ORIGINS", "https://app.example/, *"),
        ("CORS_CREDENTIALS", "true"),
        ("CORS_MAX_AGE", "90000"),
    ]);
    assert_eq!(code, Some(2), "{stderr}");
    for problem in BAD_POLICY_PROBLEMS {
        assert!(
            stderr.contains(problem),
            "missing {problem:?} in:\n{stderr}"
        );
    }
}

#[test]
fn missing_or_unreadable_variables_stop_startup() {
    let (code, stderr) = run(&[]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("set CORS_ORIGINS"), "{stderr}");

    let (code, stderr) = run(&[
        ("CORS_ORIGINS", "https://app.example"),
        ("CORS_CREDENTIALS", "yes"),
    ]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("CORS_CREDENTIALS: `yes` is not true or false"),
        "{stderr}"
    );
}

/// The binary, serving on a free port with `env`; killed on drop, its log kept.
struct Running(cors_testkit::Running, u16);

impl Running {
    fn start(env: &[(&str, &str)]) -> Running {
        let port = cors_testkit::free_port();
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_from_config"));
        cmd.env_remove("CORS_CREDENTIALS")
            .env_remove("CORS_MAX_AGE")
            .env("CORS_PORT", port.to_string())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        for (name, value) in env {
            cmd.env(name, value);
        }
        Running(cors_testkit::Running::start(&mut cmd, &[port]), port)
    }

    /// One HTTP/1.1 exchange: the status, the headers (names lower case) and the body.
    fn send(&self, method: &str, path: &str, headers: &[(&str, &str)], body: &str) -> Answer {
        use std::io::{Read, Write};
        let mut request = format!(
            "{method} {path} HTTP/1.1\r\nhost: 127.0.0.1:{}\r\nconnection: close\r\n\
             content-length: {}\r\n",
            self.1,
            body.len()
        );
        for (name, value) in headers {
            request.push_str(&format!("{name}: {value}\r\n"));
        }
        request.push_str("\r\n");
        request.push_str(body);
        // A reset before the answer could be read (seen once, on a loaded machine) is a
        // transport hiccup, not an answer: the exchange, idempotent in these tests, is sent
        // again, at most twice.
        let mut attempts = 0;
        let raw = loop {
            let mut stream = std::net::TcpStream::connect(("127.0.0.1", self.1)).unwrap();
            stream.write_all(request.as_bytes()).unwrap();
            let mut raw = String::new();
            match stream.read_to_string(&mut raw) {
                Ok(_) => break raw,
                Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset && attempts < 2 => {
                    attempts += 1;
                }
                Err(e) => panic!("{method} {path}: {e}"),
            }
        };
        let (head, body) = raw.split_once("\r\n\r\n").expect("a whole response");
        let mut lines = head.split("\r\n");
        let status = lines.next().unwrap()[9..12].parse().unwrap();
        let headers = lines
            .filter_map(|line| line.split_once(": "))
            .map(|(name, value)| (name.to_ascii_lowercase(), value.to_owned()))
            .collect();
        Answer {
            status,
            headers,
            body: body.to_owned(),
        }
    }

    /// True when a GET from `origin` is answered with `Access-Control-Allow-Origin: <origin>`,
    /// false when with none (any other value fails the test).
    fn admits(&self, origin: &str) -> bool {
        let answer = self.send("GET", "/api/notes", &[("origin", origin)], "");
        assert_eq!(answer.status, 200);
        match answer.header("access-control-allow-origin") {
            None => false,
            Some(allowed) if allowed == origin => true,
            Some(other) => panic!("a GET from {origin} allowed {other}"),
        }
    }

    /// A same-origin form POST of the admin page.
    fn reload(&self, form: &str) -> Answer {
        let origin = format!("http://127.0.0.1:{}", self.1);
        self.send(
            "POST",
            "/admin/reload",
            &[
                ("content-type", "application/x-www-form-urlencoded"),
                ("origin", &origin),
                ("sec-fetch-site", "same-origin"),
            ],
            form,
        )
    }

    /// Stops the app and returns what it logged on stderr.
    fn stop(mut self) -> String {
        use std::io::Read;
        let child = &mut self.0.0;
        let _ = child.kill();
        let mut log = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut log)
            .unwrap();
        log
    }
}

struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Answer {
    fn header(&self, name: &str) -> Option<String> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
    }
}

#[test]
fn a_reload_puts_the_new_policy_in_force_without_a_restart() {
    let app = Running::start(&[("CORS_ORIGINS", "https://old.example")]);
    assert!(app.admits("https://old.example"));

    let answer = app.reload("CORS_ORIGINS=https%3A%2F%2Fnew.example&CORS_MAX_AGE=");
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.body, "reloaded; origins: https://new.example\n");
    assert!(!app.admits("https://old.example"));
    assert!(app.admits("https://new.example"));
}

#[test]
fn a_bad_reload_is_refused_listing_every_problem_and_the_old_policy_stays() {
    let app = Running::start(&[("CORS_ORIGINS", "https://old.example")]);
    let answer = app.reload(
        "CORS_ORIGINS=https%3A%2F%2Fapp.example%2F%2C+*&CORS_CREDENTIALS=true&CORS_MAX_AGE=90000",
    );
    assert_eq!(answer.status, 422, "{}", answer.body);
    assert!(app.admits("https://old.example"), "the old policy stays");
    assert!(!app.admits("https://app.example"));
    let log = app.stop();
    let refused = ["reload refused, the policy in force is unchanged"];
    for problem in refused.iter().chain(&BAD_POLICY_PROBLEMS) {
        assert!(
            answer.body.contains(problem),
            "missing {problem:?} in the answer:\n{}",
            answer.body
        );
        assert!(
            log.contains(problem),
            "missing {problem:?} in the log:\n{log}"
        );
    }
}

#[test]
fn a_reload_with_an_unreadable_value_is_refused_too() {
    let app = Running::start(&[("CORS_ORIGINS", "https://old.example")]);
    let answer = app.reload("CORS_ORIGINS=https%3A%2F%2Fnew.example&CORS_CREDENTIALS=yes");
    assert_eq!(answer.status, 422);
    assert!(
        answer
            .body
            .contains("CORS_CREDENTIALS: `yes` is not true or false"),
        "{}",
        answer.body
    );
    let answer = app.reload("CORS_MAX_AGE=60");
    assert_eq!(answer.status, 422);
    assert!(answer.body.contains("set CORS_ORIGINS"), "{}", answer.body);
    assert!(app.admits("https://old.example"));
}

#[test]
fn another_origin_cannot_reload_the_policy() {
    let app = Running::start(&[("CORS_ORIGINS", "https://old.example")]);
    for headers in [
        [
            ("sec-fetch-site", "cross-site"),
            ("origin", "https://evil.example"),
        ],
        [
            ("sec-fetch-site", "same-site"),
            ("origin", "https://old.example"),
        ],
    ] {
        let mut headers = headers.to_vec();
        headers.push(("content-type", "application/x-www-form-urlencoded"));
        let answer = app.send(
            "POST",
            "/admin/reload",
            &headers,
            "CORS_ORIGINS=https%3A%2F%2Fevil.example",
        );
        assert_eq!(answer.status, 403, "{}", answer.body);
    }
    // An old browser without `Sec-Fetch-Site`: its `Origin` is compared with the app's own.
    let answer = app.send(
        "POST",
        "/admin/reload",
        &[
            ("origin", "https://evil.example"),
            ("content-type", "application/x-www-form-urlencoded"),
        ],
        "CORS_ORIGINS=https%3A%2F%2Fevil.example",
    );
    assert_eq!(answer.status, 403);
    assert!(!app.admits("https://evil.example"));
    assert!(app.admits("https://old.example"));
}
