//! The real-browser conformance suite: every scenario is a `fetch()` made by headless Chromium
//! from a page on `http://127.0.0.1:<port>` to our actix app on `http://localhost:<port>`, a
//! different origin. Each scenario asserts what the browser allowed and let the page read, and,
//! from the server's own log, whether a preflight was sent and whether the handler ran.
//!
//! Needs Debian's `chromium` and `chromium-driver`; fails (never skips) when they are missing.
//! Run alone with `cargo test -p cors-tests --test browser`; one scenario by name filter.

mod app;
mod chromium;
mod scenarios;

use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use libtest_mimic::{Arguments, Failed, Trial};

use app::Servers;
use chromium::Browser;

/// The servers and the browser, started by the first scenario that runs.
struct Env {
    servers: Servers,
    browser: Browser,
}

impl Env {
    async fn start() -> Result<Env, String> {
        let servers = Servers::start().map_err(|e| format!("cannot start the app: {e}"))?;
        let browser = Browser::launch().await?;
        // The session cookie lives on the same-site API origin; set it by visiting it, then open
        // the page.
        let login = format!("{}/login", servers.same_site_api_origin);
        let page = format!("{}/", servers.page_origin);
        for url in [&login, &page] {
            browser
                .client
                .goto(url)
                .await
                .map_err(|e| format!("cannot open {url}: {e}"))?;
        }
        Ok(Env { servers, browser })
    }
}

struct Suite {
    rt: tokio::runtime::Runtime,
    env: Mutex<Option<Result<Env, String>>>,
}

impl Suite {
    fn run(&self, scenario: &scenarios::Scenario) -> Result<(), Failed> {
        let mut env = self.env.lock().unwrap_or_else(|e| e.into_inner());
        let env = env.get_or_insert_with(|| self.rt.block_on(Env::start()));
        let env = env.as_ref().map_err(|e| Failed::from(e.as_str()))?;
        self.rt
            .block_on(scenario.run(&env.browser.client, &env.servers))
            .map_err(Failed::from)
    }

    fn finish(&self) {
        let env = self.env.lock().unwrap_or_else(|e| e.into_inner()).take();
        if let Some(Ok(env)) = env {
            self.rt.block_on(env.browser.close());
            env.servers.stop();
        }
    }
}

fn main() -> ExitCode {
    let mut args = Arguments::from_args();
    // One browser page: the scenarios run one after another.
    args.test_threads = Some(1);
    if !args.list
        && let Err(message) = chromium::check_installed()
    {
        eprintln!("error: {message}");
        return ExitCode::FAILURE;
    }
    let suite = Arc::new(Suite {
        rt: tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("tokio runtime"),
        env: Mutex::new(None),
    });
    let trials = scenarios::all()
        .into_iter()
        .map(|scenario| {
            let suite = suite.clone();
            Trial::test(scenario.name, move || suite.run(&scenario))
        })
        .collect();
    let started = Instant::now();
    let conclusion = libtest_mimic::run(&args, trials);
    suite.finish();
    if !args.list {
        eprintln!(
            "browser suite: {} scenarios run in {:.1} s",
            conclusion.num_passed + conclusion.num_failed,
            started.elapsed().as_secs_f64()
        );
    }
    conclusion.exit_code()
}
