//! The Docker API socket (`rpod system service`) driven by real clients: Debian's `docker`
//! CLI (its daemon never runs) and the Python docker SDK, installed by contrib/api-clients.

mod archives;
mod build;
mod clients;
mod compose;
mod concurrency;
mod container_more;
mod copy;
mod exec;
mod images;
mod networks;
mod push;
mod service;
mod stdin;
mod testcontainers;
pub(crate) mod tls;
mod volumes;

use std::io::{Read, Write};
use std::os::unix::net::UnixStream;
use std::path::PathBuf;
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use crate::common::Env;
use crate::common::env::{Out, wait_output};

/// Debian's docker CLI (not whatever else is on PATH).
const DOCKER: &str = "/usr/bin/docker";

/// A running `rpod system service` for an environment, killed when dropped.
pub struct Service {
    pub child: Child,
    pub socket: PathBuf,
}

impl Service {
    pub fn start(env: &Env, time: &str) -> Service {
        Service::start_at(env, time, "runtime/api.sock")
    }

    /// A service on its own socket `rel` (under the environment), beside any other.
    pub fn start_at(env: &Env, time: &str, rel: &str) -> Service {
        let socket = env.path(rel);
        let uri = format!("unix://{}", socket.display());
        let child = env
            .rpod_cmd(["system", "service", "--time", time, &uri])
            .spawn()
            .expect("start rpod system service");
        let service = Service { child, socket };
        service.wait_ready();
        service
    }

    fn wait_ready(&self) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while UnixStream::connect(&self.socket).is_err() {
            assert!(Instant::now() < deadline, "the API socket never answered");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn host(&self) -> String {
        format!("unix://{}", self.socket.display())
    }

    /// One raw HTTP/1.1 request; the status line and the body.
    pub fn request(&self, method: &str, path: &str, body: &str) -> (u16, String) {
        let mut s = UnixStream::connect(&self.socket).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        write!(
            s,
            "{method} {path} HTTP/1.1\r\nHost: d\r\nContent-Type: application/json\r\n\
             Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
        .unwrap();
        let mut reply = String::new();
        s.read_to_string(&mut reply).unwrap();
        let status = reply[9..12].parse().unwrap();
        let body = reply
            .split_once("\r\n\r\n")
            .map_or("", |(_, b)| b)
            .to_string();
        (status, body)
    }
}

impl Drop for Service {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `docker ARGS` against the service, as the test user.
pub fn docker(env: &Env, service: &Service, args: &[&str]) -> Out {
    let mut cmd: Command = env.command(DOCKER);
    cmd.env("DOCKER_HOST", service.host()).args(args);
    let line = format!("docker {args:?}");
    cmd.stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    wait_output(cmd.spawn().expect("run docker"), &line)
}

/// `docker ARGS` with `input` on its stdin.
pub fn docker_with_stdin(env: &Env, service: &Service, args: &[&str], input: &[u8]) -> Out {
    let mut cmd: Command = env.command(DOCKER);
    cmd.env("DOCKER_HOST", service.host()).args(args);
    env.run_with_stdin(cmd, Some(input))
}
