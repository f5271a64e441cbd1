//! Debian's headless Chromium driven through Debian's chromedriver (kept in lockstep with it),
//! with a fresh profile per run.

use std::process::{Command, Stdio};

use serde_json::json;

use crate::port::free_port;

use super::webdriver::{Browser, Group, require, scratch_dir, warm_page_cache};

pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// The real binary behind Debian's `/usr/bin/chromium` launcher script.
const CHROMIUM_BINARY: &str = "/usr/lib/chromium/chromium";
const INSTALL: &str = "apt-get update && apt-get install -y chromium chromium-driver";

/// What `fetch()` rejects with when CORS blocks a response, as for any network failure: Blink's
/// `third_party/blink/renderer/core/fetch/fetch_manager.cc`.
pub const BLOCKED: &str = "TypeError: Failed to fetch";

pub fn check_installed() -> Result<(), String> {
    require("Chromium", &[CHROMIUM, CHROMEDRIVER], INSTALL)
}

/// A WebDriver session on a fresh profile (Chromium caches preflights per profile).
pub async fn launch() -> Result<Browser, String> {
    check_installed()?;
    warm_page_cache(&[CHROMIUM_BINARY, CHROMEDRIVER]);
    let port = free_port();
    let profile = scratch_dir("chromium", port);
    let driver = Group::spawn(
        Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null()),
        Some(profile.clone()),
    )?;
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
    Browser::connect("chromedriver", port, caps, vec![driver]).await
}
