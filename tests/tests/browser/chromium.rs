//! Debian's headless Chromium driven through Debian's chromedriver (kept in lockstep with it),
//! with a fresh profile per run and the whole process group killed at the end.

use std::io::Read;
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::wd::TimeoutConfiguration;
use fantoccini::{Client, ClientBuilder};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{Value, json};

pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// The real binary behind Debian's `/usr/bin/chromium` launcher script.
const CHROMIUM_BINARY: &str = "/usr/lib/chromium/chromium";
pub const INSTALL: &str = "apt-get install -y chromium chromium-driver";

/// Fails with the command that fixes it when the browser or its driver is not installed.
pub fn check_installed() -> Result<(), String> {
    let missing: Vec<&str> = [CHROMIUM, CHROMEDRIVER]
        .into_iter()
        .filter(|path| !Path::new(path).exists())
        .collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "the browser suite needs Debian's Chromium and ChromeDriver; missing {}.\n\
             Install them (as root): apt-get update && {INSTALL}\n\
             or run scripts/test, which does that when it can.",
            missing.join(" and ")
        ))
    }
}

/// A cold start reads ~300 MB of binary from disk; read it once so the launch finds it cached.
fn warm_page_cache() {
    for path in [CHROMIUM_BINARY, CHROMEDRIVER] {
        if let Ok(mut file) = std::fs::File::open(path) {
            let mut buf = vec![0u8; 1 << 20];
            while matches!(file.read(&mut buf), Ok(n) if n > 0) {}
        }
    }
}

fn free_port() -> std::io::Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// chromedriver and everything it starts, in one process group; killed as a group on drop,
/// so a failing or panicking run leaves no Chromium behind.
struct Driver {
    child: Child,
    profile: PathBuf,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let group = format!("-{}", self.child.id());
        let _ = Command::new("kill")
            .args(["-KILL", "--", &group])
            .stderr(Stdio::null())
            .status();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

/// A WebDriver session on a fresh profile (Chromium caches preflights per profile).
pub struct Browser {
    pub client: Client,
    _driver: Driver,
}

impl Browser {
    pub async fn launch() -> Result<Browser, String> {
        warm_page_cache();
        let port = free_port().map_err(|e| format!("no free port: {e}"))?;
        let child = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            // Its own process group: Chromium and its helpers are killed with it at the end.
            .process_group(0)
            .spawn()
            .map_err(|e| format!("cannot start {CHROMEDRIVER}: {e}"))?;
        let driver = Driver {
            child,
            profile: std::env::temp_dir()
                .join(format!("cors-actix-browser-{}-{port}", std::process::id())),
        };
        wait_until_listening(port)?;
        let client = new_session(port, &driver.profile).await?;
        Ok(Browser {
            client,
            _driver: driver,
        })
    }

    /// Ends the session (Chromium quits); dropping the driver then kills what is left.
    pub async fn close(self) {
        let _ = self.client.clone().close().await;
    }
}

async fn new_session(port: u16, profile: &Path) -> Result<Client, String> {
    let _ = std::fs::remove_dir_all(profile);
    let args = json!([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        format!("--user-data-dir={}", profile.display()),
    ]);
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        json!({ "binary": CHROMIUM, "args": args }),
    );
    let url = format!("http://127.0.0.1:{port}");
    // A cold Chromium can miss chromedriver's start-up deadline once; a second try finds it warm.
    let mut last = String::new();
    for _ in 0..2 {
        match ClientBuilder::new(HttpConnector::new())
            .capabilities(caps.clone())
            .connect(&url)
            .await
        {
            Ok(client) => {
                client
                    .update_timeouts(TimeoutConfiguration::new(
                        Some(Duration::from_secs(30)),
                        Some(Duration::from_secs(60)),
                        Some(Duration::ZERO),
                    ))
                    .await
                    .map_err(|e| format!("cannot set timeouts: {e}"))?;
                return Ok(client);
            }
            Err(e) => last = e.to_string(),
        }
    }
    Err(format!("chromedriver could not start Chromium: {last}"))
}

fn wait_until_listening(port: u16) -> Result<(), String> {
    for _ in 0..600 {
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Err(format!("chromedriver never listened on port {port}"))
}

/// What the page's `fetch()` ended with.
#[derive(Debug)]
pub struct FetchResult {
    /// `None`: the browser blocked it (fetch rejected with a network error); the error text.
    pub blocked: Option<String>,
    pub status: u16,
    pub headers: serde_json::Map<String, Value>,
    pub body: String,
}

/// Runs one `fetch()` in the current page and reports what the page could see.
const FETCH: &str = r#"
const [url, init, read, done] = arguments;
fetch(url, init).then(
  async (res) => {
    const headers = {};
    for (const name of read) headers[name] = res.headers.get(name);
    done({ allowed: true, status: res.status, headers, body: await res.text() });
  },
  (err) => done({ allowed: false, error: String(err) }),
);
"#;

pub async fn fetch(
    client: &Client,
    url: &str,
    init: Value,
    read: &[&str],
) -> Result<FetchResult, String> {
    let out = client
        .execute_async(FETCH, vec![json!(url), init, json!(read)])
        .await
        .map_err(|e| format!("script failed: {e}"))?;
    let allowed = out["allowed"].as_bool().unwrap_or(false);
    Ok(FetchResult {
        blocked: (!allowed).then(|| out["error"].as_str().unwrap_or("").to_owned()),
        status: out["status"].as_u64().unwrap_or(0) as u16,
        headers: out["headers"].as_object().cloned().unwrap_or_default(),
        body: out["body"].as_str().unwrap_or("").to_owned(),
    })
}
