//! The local apt repository (`repo/` of the Debian fixtures: the test packages and their
//! dependency closure, with Packages(.gz)) served over HTTP on 127.0.0.1, so that builds and
//! containers install packages without the outside mirror. A container reaches it through
//! rpod's default network as `host.containers.internal`; Dockerfiles write their own
//! sources.list with [`AptRepo::sources_line`] (rpod injects no apt configuration).

use std::collections::HashMap;
use std::io::{BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

use super::debian::fixtures_dir;
use super::http::RequestHead;

pub struct AptRepo {
    port: u16,
    /// Requests answered 200, by file name.
    served: Mutex<HashMap<String, usize>>,
}

impl AptRepo {
    /// The repository's server, started on first use on a free port; it lives as long as the
    /// test process.
    pub fn serve() -> &'static AptRepo {
        static REPO: OnceLock<&'static AptRepo> = OnceLock::new();
        REPO.get_or_init(|| {
            let dir = fixtures_dir().join("repo");
            let listener = TcpListener::bind("127.0.0.1:0").unwrap();
            let repo: &'static AptRepo = Box::leak(Box::new(AptRepo {
                port: listener.local_addr().unwrap().port(),
                served: Mutex::new(HashMap::new()),
            }));
            std::thread::spawn(move || {
                for stream in listener.incoming().flatten() {
                    let dir = dir.clone();
                    std::thread::spawn(move || repo.answer(stream, &dir));
                }
            });
            repo
        })
    }

    /// The URL as a container on rpod's default network reaches it.
    pub fn url(&self) -> String {
        format!("http://host.containers.internal:{}/", self.port)
    }

    /// The URL on the host (and in containers that share its network: `--network host`).
    pub fn host_url(&self) -> String {
        format!("http://127.0.0.1:{}/", self.port)
    }

    /// How many times `file` (e.g. `Packages.gz`) was served.
    pub fn served(&self, file: &str) -> usize {
        self.served.lock().unwrap().get(file).copied().unwrap_or(0)
    }

    /// HTTP/1.1 with keep-alive (apt pipelines requests on one connection): GET and HEAD of
    /// the repository's files, nothing else.
    fn answer(&self, stream: TcpStream, dir: &Path) {
        let _ = stream.set_read_timeout(Some(Duration::from_secs(60)));
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        let mut stream = stream;
        while let Some(request) = RequestHead::read(&mut reader) {
            let file = file_of(dir, &request.path);
            let method = request.method.as_str();
            let ok = match (method, &file) {
                ("GET" | "HEAD", Some(path)) => self.send(&mut stream, path, method == "HEAD"),
                _ => stream
                    .write_all(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")
                    .is_ok(),
            };
            if !ok {
                return;
            }
        }
    }

    fn send(&self, stream: &mut TcpStream, path: &Path, head_only: bool) -> bool {
        let Ok(mut file) = std::fs::File::open(path) else {
            return false;
        };
        let len = file.metadata().map(|m| m.len()).unwrap_or(0);
        let head = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: {len}\r\n\r\n"
        );
        if stream.write_all(head.as_bytes()).is_err() {
            return false;
        }
        if !head_only && std::io::copy(&mut file, stream).is_err() {
            return false;
        }
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        *self.served.lock().unwrap().entry(name).or_default() += 1;
        true
    }
}

/// The repository file a request target names: one plain file name (after `./` and
/// percent-decoding), never a path out of the directory.
fn file_of(dir: &Path, path: &str) -> Option<PathBuf> {
    let raw = path.trim_start_matches('/');
    let raw = raw.strip_prefix("./").unwrap_or(raw);
    let name = percent_encoding::percent_decode_str(raw)
        .decode_utf8()
        .ok()?;
    if name.is_empty() || name.contains('/') || name.starts_with('.') {
        return None;
    }
    let path = dir.join(&*name);
    path.is_file().then_some(path)
}
