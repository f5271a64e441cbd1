//! WebKit, the engine behind Safari, as Debian ships it for Linux: WebKitGTK's MiniBrowser in
//! automation mode, driven through `WebKitWebDriver` (package `webkit2gtk-driver`). MiniBrowser
//! has no headless mode, so it gets its own `Xvfb` display, started here and killed with it.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use serde_json::json;

use crate::port::free_port;

use super::webdriver::{Browser, Group, require, warm_page_cache};

pub const WEBKIT_DRIVER: &str = "/usr/bin/WebKitWebDriver";
pub const XVFB: &str = "/usr/bin/Xvfb";
const INSTALL: &str = "apt-get update && apt-get install -y webkit2gtk-driver xvfb";

/// MiniBrowser and the engine's libraries, under the multiarch directory of this machine.
fn webkit_file(name: &str) -> String {
    format!("/usr/lib/{}-linux-gnu/{name}", std::env::consts::ARCH)
}

pub fn minibrowser() -> String {
    webkit_file("webkit2gtk-4.1/MiniBrowser")
}

/// What `fetch()` rejects with when CORS blocks a response: the sanitized description of the
/// load's error (`Source/WebCore/platform/network/ResourceErrorBase.cpp`), so a page cannot tell
/// a CORS failure from a network failure.
pub const BLOCKED: &str = "TypeError: Load failed";

pub fn check_installed() -> Result<(), String> {
    require("WebKit", &[WEBKIT_DRIVER, &minibrowser(), XVFB], INSTALL)
}

pub async fn launch() -> Result<Browser, String> {
    check_installed()?;
    warm_page_cache(&[
        &webkit_file("libwebkit2gtk-4.1.so.0"),
        &webkit_file("libjavascriptcoregtk-4.1.so.0"),
        WEBKIT_DRIVER,
    ]);
    let (xvfb, display) = start_xvfb()?;
    let port = free_port();
    let driver = Group::spawn(
        Command::new(WEBKIT_DRIVER)
            .arg(format!("--port={port}"))
            .env("DISPLAY", &display)
            .stdout(Stdio::null())
            .stderr(Stdio::null()),
        None,
    )?;
    let mut caps = serde_json::Map::new();
    caps.insert(
        "webkitgtk:browserOptions".into(),
        json!({ "binary": minibrowser(), "args": ["--automation"] }),
    );
    // The driver (and MiniBrowser) go first, then the display they draw on.
    Browser::connect("WebKitWebDriver", port, caps, vec![driver, xvfb]).await
}

/// An `Xvfb` on the first free display, which it picks and reports itself (`-displayfd`), so
/// concurrent runs never race for a display number.
fn start_xvfb() -> Result<(Group, String), String> {
    let mut xvfb = Group::spawn(
        Command::new(XVFB)
            .args([
                "-displayfd",
                "1",
                "-screen",
                "0",
                "1280x800x24",
                "-nolisten",
                "tcp",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null()),
        None,
    )?;
    let stdout = xvfb.child().stdout.take().expect("piped stdout");
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .map_err(|e| format!("cannot read Xvfb's display: {e}"))?;
    match line.trim() {
        "" => Err("Xvfb exited without a display".to_owned()),
        number => Ok((xvfb, format!(":{number}"))),
    }
}
