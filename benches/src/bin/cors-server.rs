//! One app over loopback with a single worker, for `load.sh`.
//!
//! ```text
//! cors-server <no-cors|actix-cors|attribute|wrap|wrap-mixed|floor> <port>
//! ```

use std::process::ExitCode;

use actix_web::HttpServer;
use cors_benches::{AppKind, with_app};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(app), Some(port)) = (
        args.first().and_then(|a| AppKind::parse(a)),
        args.get(1).and_then(|p| p.parse::<u16>().ok()),
    ) else {
        eprintln!("usage: cors-server <no-cors|actix-cors|attribute|wrap|wrap-mixed|floor> <port>");
        return ExitCode::FAILURE;
    };
    let served = actix_web::rt::System::new().block_on(async move {
        with_app!(app, |make| {
            HttpServer::new(make)
                .workers(1)
                .bind(("127.0.0.1", port))?
                .run()
                .await
        })
    });
    match served {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("cors-server: {error}");
            ExitCode::FAILURE
        }
    }
}
