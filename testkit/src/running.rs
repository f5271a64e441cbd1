//! What the example tests share: an example binary running on free ports, killed on drop.

use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command};
use std::time::Duration;

pub fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
    listener.local_addr().unwrap().port()
}

/// An example binary, killed (and reaped) on drop, so a failing test leaves nothing behind.
pub struct Running(pub Child);

impl Running {
    /// Starts `command` and waits until it listens on every one of `ports`.
    pub fn start(command: &mut Command, ports: &[u16]) -> Running {
        let program = command.get_program().to_string_lossy().into_owned();
        // Owned at once, so a panic below still kills it.
        let running = Running(command.spawn().unwrap_or_else(|e| panic!("{program}: {e}")));
        for &port in ports {
            wait_for(&program, port);
        }
        running
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn wait_for(program: &str, port: u16) {
    for _ in 0..600 {
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("{program} never listened on port {port}");
}
