//! The showcase page, run for real in Chromium, Firefox and WebKit: each browser opens it,
//! presses "Run every case", and each row's verdict must be what the page tells the reader it is.

use std::process::{Command, Stdio};

// The browser suite's engines and WebDriver plumbing, shared rather than copied.
use cors_testkit::engines::Engine;
use cors_testkit::{Running, free_port};

/// Presses "Run every case", as a reader would, and returns each row once every row has its
/// verdict: name, verdict, status, what was read. (The button, not the page's `runAll`: Firefox
/// runs WebDriver scripts in a sandbox that does not see the page's top-level `const`s.)
const RUN_ALL: &str = r##"
const done = arguments[0];
document.getElementById("all").click();
const rows = () => [...document.querySelectorAll("#cases tr")].map((row) =>
  [...row.cells].slice(0, 4).map((cell) => cell.textContent));
const settled = () => {
  const seen = rows();
  if (seen.every(([, verdict]) => verdict === "allowed" || verdict === "blocked")) done(seen);
  else setTimeout(settled, 20);
};
settled();
"##;

#[tokio::test(flavor = "current_thread")]
async fn chromium_gives_every_case_the_verdict_the_page_explains() {
    every_case_gets_the_verdict_the_page_explains(Engine::Chromium).await;
}

#[tokio::test(flavor = "current_thread")]
async fn firefox_gives_every_case_the_verdict_the_page_explains() {
    every_case_gets_the_verdict_the_page_explains(Engine::Firefox).await;
}

#[tokio::test(flavor = "current_thread")]
async fn webkit_gives_every_case_the_verdict_the_page_explains() {
    every_case_gets_the_verdict_the_page_explains(Engine::Webkit).await;
}

async fn every_case_gets_the_verdict_the_page_explains(engine: Engine) {
    let (page_port, api_port) = (free_port(), free_port());
    let _showcase = Running::start(
        Command::new(env!("CARGO_BIN_EXE_showcase"))
            .args(["--page-port", &page_port.to_string()])
            .args(["--api-port", &api_port.to_string()])
            .stdout(Stdio::null()),
        &[page_port, api_port],
    );

    let browser = engine.launch().await.unwrap_or_else(|e| panic!("{e}"));
    let page = format!("http://127.0.0.1:{page_port}/");
    browser.client.goto(&page).await.expect("the page opens");
    let rows = browser.client.execute_async(RUN_ALL, vec![]).await;
    browser.close().await;
    let rows: Vec<Vec<String>> = serde_json::from_value(rows.expect("the cases run")).unwrap();

    let expected: [(&str, &str, &str, &[&str]); 10] = [
        ("Simple GET", "allowed", "200", &[r#"["pen","ink"]"#]),
        (
            "JSON POST (preflight)",
            "allowed",
            "201",
            &[r#"created {"name":"pen"}"#],
        ),
        ("PUT", "allowed", "200", &["replaced item 7"]),
        ("DELETE", "allowed", "204", &["(empty body)"]),
        (
            "Custom request header",
            "allowed",
            "200",
            &["searched with key demo"],
        ),
        ("Custom header not allowed", "blocked", "—", &[]),
        (
            "Credentialed call with a cookie",
            "allowed",
            "200",
            &["the cookie came along"],
        ),
        (
            "Read an exposed response header",
            "allowed",
            "200",
            &["x-request-id: req-42", "x-internal: (hidden)"],
        ),
        (
            "Route whose policy does not allow this page",
            "blocked",
            "—",
            &[],
        ),
        ("Public * route", "allowed", "200", &["public data"]),
    ];
    assert_eq!(rows.len(), expected.len(), "{rows:?}");
    for (row, (name, verdict, status, reads)) in rows.iter().zip(expected) {
        assert_eq!(
            (row[0].as_str(), row[1].as_str(), row[2].as_str()),
            (name, verdict, status),
            "{row:?}"
        );
        for read in reads {
            assert!(
                row[3].contains(read),
                "{name}: {read:?} not in {:?}",
                row[3]
            );
        }
    }
}
