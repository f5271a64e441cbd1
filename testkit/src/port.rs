//! Ports on 127.0.0.1 for what the tests start: servers, example binaries, WebDriver drivers.

use std::net::{TcpListener, TcpStream};
use std::time::Duration;

/// A port free on 127.0.0.1 now (the system's choice for port 0).
pub fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
    listener.local_addr().unwrap().port()
}

/// Waits until `program` listens on `port` of 127.0.0.1; fails after 30 s, naming both.
pub fn wait_until_listening(program: &str, port: u16) -> Result<(), String> {
    for _ in 0..600 {
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Err(format!("{program} never listened on port {port}"))
}
