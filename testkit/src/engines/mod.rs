//! The three browser engines the suites run in, each behind the same WebDriver client
//! (`webdriver.rs`): Chromium, Firefox (Gecko) and WebKit.

pub mod chromium;
pub mod firefox;
pub mod webdriver;
pub mod webkit;

use webdriver::Browser;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Chromium,
    Firefox,
    Webkit,
}

impl Engine {
    pub const ALL: [Engine; 3] = [Engine::Chromium, Engine::Firefox, Engine::Webkit];

    /// The prefix of its tests' names: `firefox::credentials_get_with_cookie_allowed`.
    pub fn name(self) -> &'static str {
        match self {
            Engine::Chromium => "chromium",
            Engine::Firefox => "firefox",
            Engine::Webkit => "webkit",
        }
    }

    /// Starts the browser on a fresh profile; fails with the install command when it is missing.
    pub async fn launch(self) -> Result<Browser, String> {
        match self {
            Engine::Chromium => chromium::launch().await,
            Engine::Firefox => firefox::launch().await,
            Engine::Webkit => webkit::launch().await,
        }
    }

    /// The text `fetch()` rejects with when the browser blocks a response.
    pub fn blocked_error(self) -> &'static str {
        match self {
            Engine::Chromium => chromium::BLOCKED,
            Engine::Firefox => firefox::BLOCKED,
            Engine::Webkit => webkit::BLOCKED,
        }
    }
}
