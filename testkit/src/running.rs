//! An app binary (an example, a server) running on free ports, killed on drop.

use std::process::{Child, Command};

use crate::port::wait_until_listening;

/// A running binary, killed (and reaped) on drop, so a failing test leaves nothing behind.
pub struct Running(pub Child);

impl Running {
    /// Starts `command` and waits until it listens on every one of `ports`.
    pub fn start(command: &mut Command, ports: &[u16]) -> Running {
        let program = command.get_program().to_string_lossy().into_owned();
        // Owned at once, so a panic below still kills it.
        let running = Running(command.spawn().unwrap_or_else(|e| panic!("{program}: {e}")));
        for &port in ports {
            wait_until_listening(&program, port).unwrap_or_else(|e| panic!("{e}"));
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
