//! What a user watching a transfer on a terminal sees: the bars move while bytes flow.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::time::Duration;

use crate::common::Env;
use crate::common::env::rpod_bin;
use crate::common::registry::Registry;

/// A proxy to `upstream` that lets through about 4 MiB/s towards it, so that an upload lasts
/// long enough to be watched.
fn slow_proxy(upstream: String) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for client in listener.incoming().flatten() {
            let Ok(server) = TcpStream::connect(&upstream) else {
                continue;
            };
            let (mut c_in, mut s_out) = (client.try_clone().unwrap(), server.try_clone().unwrap());
            std::thread::spawn(move || {
                let mut buf = [0u8; 64 << 10];
                while let Ok(n) = c_in.read(&mut buf) {
                    if n == 0 || s_out.write_all(&buf[..n]).is_err() {
                        break;
                    }
                    std::thread::sleep(Duration::from_millis(16));
                }
                let _ = s_out.shutdown(std::net::Shutdown::Write);
            });
            let (mut s_in, mut c_out) = (server, client);
            std::thread::spawn(move || {
                let _ = std::io::copy(&mut s_in, &mut c_out);
                let _ = c_out.shutdown(std::net::Shutdown::Write);
            });
        }
    });
    port
}

/// Every `DONE/TOTAL` byte count a progress bar showed.
fn counts(screen: &str) -> Vec<(String, String)> {
    let units = ["B", "KiB", "MiB", "GiB"];
    let words: Vec<&str> = screen
        .split(|c: char| c.is_whitespace() || c == '[' || c == ']')
        .collect();
    let mut found = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let Some((unit, total)) = w.split_once('/') else {
            continue;
        };
        if i == 0 || !units.contains(&unit) || total.parse::<f64>().is_err() {
            continue;
        }
        if words.get(i + 1).is_some_and(|u| units.contains(u)) {
            found.push((
                format!("{} {unit}", words[i - 1]),
                format!("{total} {}", words[i + 1]),
            ));
        }
    }
    found
}

#[test]
fn push_progress_moves_while_the_layer_uploads() {
    let env = Env::with_busybox();
    env.rpod(&[
        "run",
        "--name",
        "noisy",
        "--network",
        "none",
        "busybox",
        "sh",
        "-c",
        "head -c 8000000 /dev/urandom > /noise",
    ])
    .success();
    env.rpod(&["commit", "noisy", "noisy-image"]).success();
    let port = slow_proxy(Registry::shared().addr().to_string());
    let line = format!(
        "TERM=xterm {} push --tls-verify=false noisy-image 127.0.0.1:{port}/progress/noisy:v1",
        rpod_bin().display()
    );
    let out = env.run_as_user("script", &["-qec", &line, "/dev/null"]);
    out.success();
    let seen = counts(&out.stdout);
    let moving: Vec<_> = seen
        .iter()
        .filter(|(done, total)| done != "0 B" && done != total)
        .collect();
    assert!(
        !moving.is_empty(),
        "no bar showed bytes on their way: {seen:?}\n{}",
        out.stdout
    );
}
