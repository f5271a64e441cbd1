//! Every scenario again, through `cors_actix::test` instead of a browser: the same calls,
//! admin forms and later calls, sent by `Browser`/`Fetch` through the same app
//! (`actix_web::test::init_service`), once per engine the simulator models. What the simulator
//! decides (allowed or blocked, the status, the headers and body the page reads) and what it
//! sent (each preflight's method and headers, in the server's own log; the handler runs; the
//! session cookie) must equal the scenario's expectations in that engine, the very ones the
//! engine's own run of the scenario is held to: a disagreement fails `simulator::<scenario>`.

use actix_web::test::init_service;
use cors_actix::test::{Browser, Engine as Model, Fetch};

use super::{Scenario, Step, Target};
use crate::app::{self, SESSION, Servers, simulated};
use crate::engines::Engine;

/// Scenarios, or the parts of them, the simulator does not model, and why. At most 10.
pub const NOT_MODELLED: [(&str, &str); 1] = [(
    "credentials_cross_site_third_party_cookie",
    "whether a third-party cookie goes along is the browser's cookie policy, not CORS (Chromium \
     and Firefox block it, WebKitGTK sends it): the verdict, preflights and reads are compared, \
     the cookie is not",
)];

impl Scenario {
    /// Runs the scenario through the simulator once per engine; lists every difference from
    /// that engine's expectations.
    pub async fn simulate(&self, servers: &Servers) -> Result<(), String> {
        let mut problems = Vec::new();
        for engine in Engine::ALL {
            let (expected, _) = self.in_engine(engine);
            for problem in expected.simulate_as(engine, servers).await? {
                problems.push(format!("as {}: {problem}", engine.name()));
            }
        }
        match problems.is_empty() {
            true => Ok(()),
            false => Err(format!(
                "{} {} through cors_actix::test\n  {}",
                self.method,
                self.path,
                problems.join("\n  ")
            )),
        }
    }

    async fn simulate_as(&self, engine: Engine, servers: &Servers) -> Result<Vec<String>, String> {
        let verdict = self
            .verdict
            .expect("every scenario states allowed() or blocked()");
        let app = init_service(app::app()).await;
        let mut browser = Browser::for_engine(match engine {
            Engine::Chromium => Model::Chromium,
            Engine::Firefox => Model::Firefox,
            Engine::Webkit => Model::Webkit,
        });
        let name = simulated(engine);
        let key = format!("{name}.{}", self.name);
        let origin = match self.target {
            Target::Api => &servers.api_origin,
            Target::SameSiteApi => &servers.same_site_api_origin,
            Target::Page => &servers.page_origin,
        };
        let url = format!("{origin}{}?s={key}", self.path.replace("{engine}", &name));
        let fetch = |page: &str| {
            let mut fetch = Fetch::new(page, self.method, &url);
            for (header, value) in &self.headers {
                fetch = fetch.header(header, value);
            }
            if let Some(body) = self.body {
                fetch = fetch.body(body);
            }
            if self.credentials == "include" {
                fetch = fetch.credentials();
            }
            // The browser holds the session cookie for the page's host (cookies ignore ports);
            // the cross-site API's third-party one is not modelled.
            match self.target {
                Target::SameSiteApi | Target::Page => fetch.cookie(&format!("session={SESSION}")),
                Target::Api => fetch,
            }
        };

        let mut problems = Vec::new();
        let first = Step::Call {
            from_other_page: false,
            verdict,
        };
        let steps = std::iter::repeat_n(first, self.times).chain(self.then.iter().cloned());
        let (mut call, mut preflights_sent) = (0, 0);
        for step in steps {
            let (from_other_page, want) = match step {
                Step::Admin(path, form) => {
                    let page = &servers.page_origin;
                    let admin = format!("{page}{}?s={key}", path.replace("{engine}", &name));
                    let got = Fetch::new(page, "POST", &admin)
                        .header("content-type", "application/x-www-form-urlencoded")
                        .body(form.replace("{page}", page))
                        .send(&app)
                        .await;
                    match got.status() {
                        Some(status) if status.is_success() => continue,
                        _ => return Err(format!("POST {admin} (admin form): {got}")),
                    }
                }
                Step::Call {
                    from_other_page,
                    verdict,
                } => (from_other_page, verdict),
            };
            call += 1;
            let page = match from_other_page {
                false => &servers.page_origin,
                true => &servers.other_page_origin,
            };
            let got = browser.send(&app, fetch(page)).await;
            preflights_sent += usize::from(got.preflight_sent());
            match (want, got.status()) {
                (Some(want), Some(status)) if status.as_u16() != want => {
                    problems.push(format!("call {call}: status {status} (want {want})"))
                }
                (Some(_), None) => problems.push(format!("call {call}: blocked: {got}")),
                (None, Some(status)) => problems.push(format!(
                    "call {call}: the page read status {status} (want blocked)"
                )),
                _ => {}
            }
            if got.is_allowed() {
                let body = got.body().map(|b| String::from_utf8_lossy(b).into_owned());
                problems.extend(self.read_problems(
                    call,
                    |header| got.header(header),
                    &body.unwrap_or_default(),
                ));
            }
        }
        let expected_preflights = self.preflights.as_ref().map_or(0, Vec::len);
        if preflights_sent != expected_preflights {
            problems.push(format!(
                "preflight_sent() on {preflights_sent} calls (want {expected_preflights})"
            ));
        }
        let cookies = !NOT_MODELLED.iter().any(|(name, _)| *name == self.name);
        problems.extend(self.log_problems(&key, cookies));
        Ok(problems)
    }
}
