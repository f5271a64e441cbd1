//! Debian's Firefox ESR, headless, driven through geckodriver (from crates.io, pinned and
//! installed into `target/tools` by `scripts/install-browsers`), with a fresh profile per run.

use std::process::{Command, Stdio};

use serde_json::json;

use crate::port::free_port;

use super::webdriver::{Browser, Group, require, scratch_dir, warm_page_cache};

pub const FIREFOX: &str = "/usr/bin/firefox-esr";
const LIBXUL: &str = "/usr/lib/firefox-esr/libxul.so";
const INSTALL: &str = "scripts/install-browsers (as root; it runs apt-get install -y firefox-esr \
                       and cargo install --locked geckodriver at the pinned version)";

/// `$GECKODRIVER`, else where `scripts/install-browsers` puts it.
pub fn geckodriver() -> String {
    std::env::var("GECKODRIVER").unwrap_or_else(|_| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../target/tools/bin/geckodriver"
        )
        .to_owned()
    })
}

/// What `fetch()` rejects with when CORS blocks a response: Gecko's `MSG_FETCH_FAILED`
/// (`dom/bindings/Errors.msg`), the same text as for any network failure.
pub const BLOCKED: &str = "TypeError: NetworkError when attempting to fetch resource.";

pub fn check_installed() -> Result<(), String> {
    require("Firefox", &[FIREFOX, &geckodriver()], INSTALL)
}

pub async fn launch() -> Result<Browser, String> {
    check_installed()?;
    let geckodriver = geckodriver();
    warm_page_cache(&[LIBXUL, &geckodriver]);
    let port = free_port();
    let profiles = scratch_dir("firefox", port);
    std::fs::create_dir_all(&profiles).map_err(|e| format!("cannot create {profiles:?}: {e}"))?;
    let driver = Group::spawn(
        Command::new(&geckodriver)
            .args(["--port", &port.to_string()])
            .args(["--websocket-port", &free_port().to_string()])
            .arg("--profile-root")
            .arg(&profiles)
            .args(["--log", "fatal"])
            .stdout(Stdio::null())
            .stderr(Stdio::null()),
        Some(profiles),
    )?;
    let mut caps = serde_json::Map::new();
    caps.insert(
        "moz:firefoxOptions".into(),
        json!({
            "binary": FIREFOX,
            "args": ["-headless"],
            // No network here but loopback: no update, telemetry or captive-portal checks.
            "prefs": {
                "network.captive-portal-service.enabled": false,
                "network.connectivity-service.enabled": false,
                "app.update.enabled": false,
                "datareporting.policy.dataSubmissionEnabled": false,
                "toolkit.telemetry.enabled": false,
            },
        }),
    );
    Browser::connect("geckodriver", port, caps, vec![driver]).await
}
