//! The WebDriver plumbing every engine shares: the driver process (its whole process group killed
//! on drop), the session with generous cold-start timeouts, and the page's `fetch()`.

use std::io::Read;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::wd::TimeoutConfiguration;
use fantoccini::{Client, ClientBuilder};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{Value, json};

use crate::port::wait_until_listening;

/// A cold start reads hundreds of MB of binaries from disk; read them once, so the launch finds
/// them in the page cache instead of missing the driver's start-up deadline.
pub fn warm_page_cache(paths: &[&str]) {
    let mut buf = vec![0u8; 1 << 20];
    for path in paths {
        if let Ok(mut file) = std::fs::File::open(path) {
            while matches!(file.read(&mut buf), Ok(n) if n > 0) {}
        }
    }
}

/// Fails, naming what is missing and the command that installs it, unless every path exists.
pub fn require(engine: &str, paths: &[&str], install: &str) -> Result<(), String> {
    let missing: Vec<&str> = paths
        .iter()
        .copied()
        .filter(|path| !Path::new(path).exists())
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    Err(format!(
        "the browser suite runs every scenario in {engine} too; missing {}.\n\
         Install it: {install}\n\
         (scripts/test installs every engine when it runs as root.)",
        missing.join(" and ")
    ))
}

/// A process started in its own process group (with everything it starts: the browser and its
/// helpers), killed as a group on drop, so a failing or panicking run leaves nothing behind.
/// `scratch` (a profile directory) is removed with it.
pub struct Group {
    child: Child,
    scratch: Option<PathBuf>,
}

impl Group {
    pub fn spawn(command: &mut Command, scratch: Option<PathBuf>) -> Result<Group, String> {
        let program = command.get_program().to_string_lossy().into_owned();
        let child = command
            .stdin(Stdio::null())
            .process_group(0)
            .spawn()
            .map_err(|e| format!("cannot start {program}: {e}"))?;
        Ok(Group { child, scratch })
    }

    pub fn child(&mut self) -> &mut Child {
        &mut self.child
    }
}

impl Drop for Group {
    fn drop(&mut self) {
        let group = format!("-{}", self.child.id());
        let _ = Command::new("kill")
            .args(["-KILL", "--", &group])
            .stderr(Stdio::null())
            .status();
        let _ = self.child.wait();
        if let Some(scratch) = &self.scratch {
            let _ = std::fs::remove_dir_all(scratch);
        }
    }
}

/// A fresh scratch directory (browser profile) for this process and port.
pub fn scratch_dir(engine: &str, port: u16) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("cors-actix-{engine}-{}-{port}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// A WebDriver session and the processes behind it (dropped after the session, in field order).
pub struct Browser {
    pub client: Client,
    _processes: Vec<Group>,
}

impl Browser {
    /// Waits for the driver started in `processes` (the last one) to listen on `port`, then opens
    /// a session with `caps`. A cold browser can miss its driver's start-up deadline once; the
    /// second try finds it warm.
    pub async fn connect(
        driver: &str,
        port: u16,
        caps: serde_json::Map<String, Value>,
        processes: Vec<Group>,
    ) -> Result<Browser, String> {
        wait_until_listening(driver, port)?;
        let url = format!("http://127.0.0.1:{port}");
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
                    return Ok(Browser {
                        client,
                        _processes: processes,
                    });
                }
                Err(e) => last = e.to_string(),
            }
        }
        Err(format!("{driver} could not start its browser: {last}"))
    }

    /// Ends the session (the browser quits); dropping the processes then kills what is left.
    pub async fn close(self) {
        let _ = self.client.clone().close().await;
    }
}

/// What the page's `fetch()` ended with.
#[derive(Debug)]
pub struct FetchResult {
    /// `Some(error text)`: the browser blocked it (fetch rejected with a network error).
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
