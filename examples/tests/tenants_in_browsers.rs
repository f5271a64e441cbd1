//! The `tenants` app in Chromium, Firefox and WebKit: a tenant's page is refused, the admin adds
//! the tenant with the admin page's own form, and the same page is admitted at once, no restart.
//!
//! The app serves both pages: the admin page on `http://127.0.0.1:<port>` (the app's own origin),
//! and, as the tenant's front end, the same page under `http://localhost:<port>`, another origin.

use std::process::{Command, Stdio};

// The browser suite's engines and WebDriver plumbing, shared rather than copied.
use cors_testkit::engines::Engine;
use cors_testkit::engines::webdriver::{self, FetchResult};
use cors_testkit::{Running, free_port};
use fantoccini::{Client, Locator};
use serde_json::json;

#[tokio::test(flavor = "current_thread")]
async fn chromium_admits_a_tenant_added_through_the_admin_form() {
    a_tenant_added_through_the_admin_form_is_admitted(Engine::Chromium).await;
}

#[tokio::test(flavor = "current_thread")]
async fn firefox_admits_a_tenant_added_through_the_admin_form() {
    a_tenant_added_through_the_admin_form_is_admitted(Engine::Firefox).await;
}

#[tokio::test(flavor = "current_thread")]
async fn webkit_admits_a_tenant_added_through_the_admin_form() {
    a_tenant_added_through_the_admin_form_is_admitted(Engine::Webkit).await;
}

/// A JSON POST to the API from the page open in `client`: preflighted.
async fn create_project(client: &Client, api: &str) -> Result<FetchResult, String> {
    let init = json!({
        "method": "POST",
        "mode": "cors",
        "headers": { "content-type": "application/json" },
        "body": r#"{"name":"launch"}"#,
    });
    webdriver::fetch(client, &format!("{api}/api/projects"), init, &[]).await
}

async fn a_tenant_added_through_the_admin_form_is_admitted(engine: Engine) {
    let port = free_port();
    let _app = Running::start(
        Command::new(env!("CARGO_BIN_EXE_tenants"))
            .env("TENANTS_PORT", port.to_string())
            .env_remove("TENANTS_DB")
            .stdout(Stdio::null()),
        &[port],
    );
    let api = format!("http://127.0.0.1:{port}");
    let tenant = format!("http://localhost:{port}");
    let browser = engine.launch().await.unwrap_or_else(|e| panic!("{e}"));
    let outcome = async {
        let client = &browser.client;
        let open = |url: String| async move {
            client
                .goto(&url)
                .await
                .map_err(|e| format!("cannot open {url}: {e}"))
        };

        open(format!("{tenant}/admin")).await?;
        let before = create_project(client, &api).await?;

        // The admin, on the app's own origin, fills in the form and presses Add.
        open(format!("{api}/admin")).await?;
        let fill = |name: &'static str, value: String| async move {
            let input = Locator::Css(name);
            client.find(input).await?.send_keys(&value).await
        };
        let added = async {
            fill("input[name=name]", "Localhost".to_owned()).await?;
            fill("input[name=origin]", tenant.clone()).await?;
            client
                .find(Locator::Css("form button"))
                .await?
                .click()
                .await?;
            // Redirected back to the list, which now shows the tenant.
            let row = format!("//td[text()='{tenant}']");
            client.wait().for_element(Locator::XPath(&row)).await
        };
        added.await.map_err(|e| format!("the admin form: {e}"))?;

        open(format!("{tenant}/admin")).await?;
        let after = create_project(client, &api).await?;
        Ok::<_, String>((before, after))
    }
    .await;
    browser.close().await;
    let (before, after) = outcome.unwrap_or_else(|e| panic!("{}: {e}", engine.name()));

    assert_eq!(
        before.blocked.as_deref(),
        Some(engine.blocked_error()),
        "{}: a page not yet a tenant's: {before:?}",
        engine.name()
    );
    assert_eq!(
        (after.blocked, after.status, after.body.as_str()),
        (None, 201, r#"created {"name":"launch"}"#),
        "{}: the tenant's page once added",
        engine.name()
    );
}
