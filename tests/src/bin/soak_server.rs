//! The soak server: the app of `cors_tests::routes` on a real actix server. Prints
//! `listening on ADDR` once bound. Usage: `soak_server [ADDR] [WORKERS]` (default
//! `127.0.0.1:0`, 2 workers).

use actix_web::{App, HttpServer};
use cors_tests::routes::configure;

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let addr = args.next().unwrap_or_else(|| "127.0.0.1:0".into());
    let workers = args.next().and_then(|w| w.parse().ok()).unwrap_or(2);
    let server = HttpServer::new(|| App::new().configure(configure))
        .workers(workers)
        .bind(addr)?;
    println!("listening on {}", server.addrs()[0]);
    server.run().await
}
