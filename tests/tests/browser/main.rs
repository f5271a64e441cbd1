//! The real-browser conformance suite, in Chromium, Firefox and WebKit: every scenario is a
//! `fetch()` made by a browser from a page on `http://127.0.0.1:<port>` to our actix app on
//! `http://localhost:<port>`, a different origin. Each scenario asserts what the browser allowed
//! and let the page read, and, from the server's own log, whether a preflight was sent and whether
//! the handler ran.
//!
//! Each engine-scenario pair is one test (`webkit::preflight_put_allowed`). The engines run side
//! by side, one browser each, its scenarios one after another on one page; the app's servers are
//! shared. Needs Debian's `chromium chromium-driver firefox-esr webkit2gtk-driver xvfb` and
//! geckodriver (`scripts/install-browsers` installs them); fails, never skips, when one is missing.
//! Run alone with `cargo test -p cors-tests --test browser`; one engine with `-- firefox::`.
//!
//! Each scenario also runs through `cors_actix::test` (`simulator::<scenario>`, no browser
//! needed: `-- simulator::`), which must reach what each engine reaches
//! (`scenarios/simulator.rs`).

mod app;
mod scenarios;

use std::process::ExitCode;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use libtest_mimic::{Arguments, Failed, Trial};

use app::Servers;
use cors_testkit::engines;
use engines::Engine;
use engines::webdriver::Browser;
use scenarios::Scenario;

/// One engine's browser, started by its first scenario, and where its time went.
struct EngineRun {
    engine: Engine,
    /// Its own runtime: the WebDriver client's connection task lives on it.
    rt: tokio::runtime::Runtime,
    state: Mutex<EngineState>,
}

#[derive(Default)]
struct EngineState {
    browser: Option<Result<Browser, String>>,
    start: Duration,
    scenarios: Duration,
    runs: usize,
}

struct Suite {
    servers: OnceLock<Result<Servers, String>>,
    engines: Vec<EngineRun>,
}

impl Suite {
    fn servers(&self) -> Result<&Servers, Failed> {
        self.servers
            .get_or_init(|| Servers::start().map_err(|e| format!("cannot start the app: {e}")))
            .as_ref()
            .map_err(|e| Failed::from(e.as_str()))
    }

    fn run(&self, run: &EngineRun, scenario: &Scenario) -> Result<(), Failed> {
        let servers = self.servers()?;
        let mut state = run.state.lock().unwrap_or_else(|e| e.into_inner());
        let state = &mut *state;
        if state.browser.is_none() {
            let started = Instant::now();
            state.browser = Some(run.rt.block_on(open_page(run.engine, servers)));
            state.start = started.elapsed();
        }
        let browser = match &state.browser {
            Some(Ok(browser)) => browser,
            Some(Err(e)) => return Err(Failed::from(e.as_str())),
            None => unreachable!("started above"),
        };
        let started = Instant::now();
        let outcome = run
            .rt
            .block_on(scenario.run(run.engine, &browser.client, servers));
        state.scenarios += started.elapsed();
        state.runs += 1;
        outcome.map_err(Failed::from)
    }

    /// Runs `scenario` through `cors_actix::test`, modelling each engine in turn; no browser.
    fn simulate(&self, scenario: &Scenario) -> Result<(), Failed> {
        let servers = self.servers()?;
        actix_web::rt::System::new()
            .block_on(scenario.simulate(servers))
            .map_err(Failed::from)
    }

    /// Closes every browser and stops the app; reports where the time went.
    fn finish(self) {
        for run in self.engines {
            let state = run.state.into_inner().unwrap_or_else(|e| e.into_inner());
            if let Some(Ok(browser)) = state.browser {
                run.rt.block_on(browser.close());
            }
            if state.runs > 0 {
                eprintln!(
                    "browser suite: {}: {} scenarios in {:.1} s (browser start {:.1} s)",
                    run.engine.name(),
                    state.runs,
                    (state.start + state.scenarios).as_secs_f64(),
                    state.start.as_secs_f64(),
                );
            }
        }
        if let Some(Ok(servers)) = self.servers.into_inner() {
            servers.stop();
        }
    }
}

/// Starts the engine's browser, sets the session cookie on the same-site API origin and, as a
/// third party's, on the cross-site one by visiting them, then opens the page the scenarios fetch
/// from.
async fn open_page(engine: Engine, servers: &Servers) -> Result<Browser, String> {
    let browser = engine.launch().await?;
    let login = format!("{}/login", servers.same_site_api_origin);
    let third_party = format!("{}/login-third-party", servers.api_origin);
    let page = format!("{}/", servers.page_origin);
    for url in [&login, &third_party, &page] {
        browser
            .client
            .goto(url)
            .await
            .map_err(|e| format!("{}: cannot open {url}: {e}", engine.name()))?;
        // Without a stored cookie, "the third-party cookie is not sent" would prove nothing.
        if url == &third_party
            && !matches!(browser.client.get_all_cookies().await, Ok(c) if !c.is_empty())
        {
            return Err(format!(
                "{}: {url} stored no cookie on the cross-site API origin",
                engine.name()
            ));
        }
    }
    Ok(browser)
}

fn main() -> ExitCode {
    let mut args = Arguments::from_args();
    // The engines run side by side; each engine's scenarios wait for its one page. A few threads
    // more than engines keep every engine busy while one waits.
    args.test_threads.get_or_insert(2 * Engine::ALL.len());
    let suite = Arc::new(Suite {
        servers: OnceLock::new(),
        engines: Engine::ALL
            .into_iter()
            .map(|engine| EngineRun {
                engine,
                rt: tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .expect("tokio runtime"),
                state: Mutex::default(),
            })
            .collect(),
    });
    // Interleaved (each scenario in every engine, then the next), so the threads spread over the
    // engines.
    let mut trials = Vec::new();
    for scenario in scenarios::all().into_iter().map(Arc::new) {
        for index in 0..Engine::ALL.len() {
            let (suite, scenario) = (suite.clone(), scenario.clone());
            let name = format!("{}::{}", Engine::ALL[index].name(), scenario.name);
            trials.push(Trial::test(name, move || {
                suite.run(&suite.engines[index], &scenario)
            }));
        }
    }
    // Each scenario through the simulator, against every engine's expectations; the ones it
    // cannot model in part say why (`scenarios::NOT_MODELLED`).
    let all = scenarios::all();
    for (name, _) in scenarios::NOT_MODELLED {
        assert!(
            all.iter().any(|s| s.name == name),
            "NOT_MODELLED names no scenario `{name}`"
        );
    }
    for scenario in all.into_iter().map(Arc::new) {
        let suite = suite.clone();
        let name = format!("simulator::{}", scenario.name);
        trials.push(Trial::test(name, move || suite.simulate(&scenario)));
    }
    let started = Instant::now();
    let conclusion = libtest_mimic::run(&args, trials);
    let elapsed = started.elapsed();
    Arc::into_inner(suite)
        .expect("every trial has run and let go of the suite")
        .finish();
    if !args.list {
        eprintln!(
            "browser suite: {} tests in {:.1} s",
            conclusion.num_passed + conclusion.num_failed,
            elapsed.as_secs_f64()
        );
    }
    conclusion.exit_code()
}
