//! Real registries (Debian's docker-registry) on 127.0.0.1, one shared by every test with
//! the fixture images, and dedicated ones for tests that need their own (auth, hostile
//! content).

use std::fs;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use base64::Engine as _;

use super::http::{self, Response, free_port};

pub struct Registry {
    addr: String,
    dir: PathBuf,
    child: Option<Child>,
    auth: Option<(String, String)>,
}

#[derive(Default)]
pub struct Options {
    /// Require these credentials (htpasswd basic auth).
    pub auth: Option<(String, String)>,
    /// Serve HTTPS with a self-signed certificate for 127.0.0.1 (see [`Registry::cert`]).
    pub tls: bool,
}

fn config(dir: &std::path::Path, port: u16, opts: &Options) -> String {
    let auth = &opts.auth;
    let mut yml = format!(
        "version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n    rootdirectory: {}\n  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:{port}\n  secret: rpod-tests\n",
        dir.join("data").display()
    );
    if let Some((user, pass)) = auth {
        let out = Command::new("htpasswd")
            .args(["-Bbn", user, pass])
            .output()
            .expect("htpasswd (apache2-utils) is installed");
        fs::write(dir.join("htpasswd"), out.stdout).unwrap();
        yml.push_str(&format!(
            "auth:\n  htpasswd:\n    realm: rpod-tests\n    path: {}\n",
            dir.join("htpasswd").display()
        ));
    }
    if opts.tls {
        let (cert, key) = make_certificates(dir);
        yml = yml.replace(
            &format!("  addr: 127.0.0.1:{port}\n"),
            &format!(
                "  addr: 127.0.0.1:{port}\n  tls:\n    certificate: {}\n    key: {}\n",
                cert.display(),
                key.display()
            ),
        );
    }
    yml
}

/// A CA (ca.pem) and a server certificate for 127.0.0.1 signed by it, as a real private
/// registry has them.
fn make_certificates(dir: &std::path::Path) -> (PathBuf, PathBuf) {
    let openssl = |args: &[&str]| {
        let out = Command::new("openssl")
            .args(args)
            .current_dir(dir)
            .output()
            .expect("openssl is installed");
        assert!(
            out.status.success(),
            "openssl {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    if !dir.join("server.pem").exists() {
        openssl(&[
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=rpod test CA",
            "-keyout",
            "ca.key",
            "-out",
            "ca.pem",
        ]);
        openssl(&[
            "req",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-subj",
            "/CN=127.0.0.1",
            "-keyout",
            "server.key",
            "-out",
            "server.csr",
        ]);
        fs::write(
            dir.join("server.ext"),
            "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n",
        )
        .unwrap();
        openssl(&[
            "x509",
            "-req",
            "-in",
            "server.csr",
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-days",
            "2",
            "-extfile",
            "server.ext",
            "-out",
            "server.pem",
        ]);
    }
    (dir.join("server.pem"), dir.join("server.key"))
}

/// The shared registry's directory outlives its test run: earlier runs' go now.
fn remove_stale_dirs() {
    let Ok(entries) = fs::read_dir(std::env::temp_dir()) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let pid = name
            .strip_prefix("rpod-it-registry-")
            .and_then(|r| r.split('-').next())
            .and_then(|p| p.parse::<u32>().ok());
        if let Some(pid) = pid
            && pid != std::process::id()
            && !std::path::Path::new(&format!("/proc/{pid}")).exists()
        {
            let _ = fs::remove_dir_all(e.path());
        }
    }
}

/// Starts docker-registry; it dies with the thread that spawned it (pdeathsig).
fn spawn(opts: &Options) -> (String, PathBuf, Child) {
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let dir = std::env::temp_dir().join(format!("rpod-it-registry-{}-{n}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    remove_stale_dirs();
    fs::create_dir_all(&dir).unwrap();
    for _ in 0..10 {
        let port = free_port();
        fs::write(dir.join("config.yml"), config(&dir, port, opts)).unwrap();
        let child = Command::new("setpriv")
            .args(["--pdeathsig", "KILL", "--", "docker-registry", "serve"])
            .arg(dir.join("config.yml"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("docker-registry (Debian package docker-registry) is installed");
        let addr = format!("127.0.0.1:{port}");
        let start = Instant::now();
        let mut child = child;
        while start.elapsed() < Duration::from_secs(10) {
            if let Ok(Some(_)) = child.try_wait() {
                break;
            }
            let up = if opts.tls {
                std::net::TcpStream::connect(&addr).is_ok()
            } else {
                http::request(&addr, "GET", "/v2/", &[], b"")
                    .is_ok_and(|r| r.status == 200 || r.status == 401)
            };
            if up {
                return (addr, dir, child);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = child.kill();
        let _ = child.wait();
    }
    panic!("docker-registry did not start");
}

impl Registry {
    /// The registry every test shares, with the fixture images in it.
    pub fn shared() -> &'static Registry {
        static SHARED: OnceLock<Registry> = OnceLock::new();
        SHARED.get_or_init(|| {
            // Spawned from a thread that lives as long as the test process: the registry's
            // pdeathsig fires when that thread ends.
            let (tx, rx) = std::sync::mpsc::channel();
            std::thread::spawn(move || {
                let (addr, dir, child) = spawn(&Options::default());
                tx.send((addr, dir, child.id())).unwrap();
                let mut child = child;
                let _ = child.wait();
            });
            let (addr, dir, _) = rx.recv().unwrap();
            let reg = Registry {
                addr,
                dir,
                child: None,
                auth: None,
            };
            super::fixtures::push_all(&reg);
            reg
        })
    }

    /// A registry of the test's own, stopped when dropped.
    pub fn start(opts: Options) -> Registry {
        let (addr, dir, child) = spawn(&opts);
        Registry {
            addr,
            dir,
            child: Some(child),
            auth: opts.auth,
        }
    }

    pub fn addr(&self) -> &str {
        &self.addr
    }

    /// The CA that signed a TLS registry's certificate.
    pub fn ca(&self) -> PathBuf {
        self.dir.join("ca.pem")
    }

    fn request(&self, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Response {
        let auth = self.auth.as_ref().map(|(u, p)| {
            format!(
                "Basic {}",
                base64::engine::general_purpose::STANDARD.encode(format!("{u}:{p}"))
            )
        });
        let mut all: Vec<(&str, &str)> = headers.to_vec();
        if let Some(a) = &auth {
            all.push(("Authorization", a));
        }
        http::request(&self.addr, method, path, &all, body).unwrap()
    }

    /// Uploads a blob (monolithic upload) and returns its digest.
    pub fn push_blob(&self, repo: &str, bytes: &[u8]) -> String {
        let digest = format!(
            "sha256:{}",
            hex::encode(<sha2::Sha256 as sha2::Digest>::digest(bytes))
        );
        let started = self.request("POST", &format!("/v2/{repo}/blobs/uploads/"), &[], b"");
        assert_eq!(
            started.status,
            202,
            "start upload: {}",
            String::from_utf8_lossy(&started.body)
        );
        let location = started.header("Location").unwrap().to_string();
        let path = location
            .split_once(&self.addr)
            .map_or(location.as_str(), |(_, p)| p)
            .to_string();
        let sep = if path.contains('?') { '&' } else { '?' };
        let done = self.request(
            "PUT",
            &format!("{path}{sep}digest={digest}"),
            &[("Content-Type", "application/octet-stream")],
            bytes,
        );
        assert_eq!(
            done.status,
            201,
            "finish upload: {}",
            String::from_utf8_lossy(&done.body)
        );
        digest
    }

    pub fn push_manifest(
        &self,
        repo: &str,
        reference: &str,
        media_type: &str,
        bytes: &[u8],
    ) -> String {
        let r = self.request(
            "PUT",
            &format!("/v2/{repo}/manifests/{reference}"),
            &[("Content-Type", media_type)],
            bytes,
        );
        assert_eq!(
            r.status,
            201,
            "push manifest: {}",
            String::from_utf8_lossy(&r.body)
        );
        format!(
            "sha256:{}",
            hex::encode(<sha2::Sha256 as sha2::Digest>::digest(bytes))
        )
    }

    pub fn get_blob(&self, repo: &str, digest: &str) -> Response {
        self.request("GET", &format!("/v2/{repo}/blobs/{digest}"), &[], b"")
    }

    pub fn get_manifest(&self, repo: &str, reference: &str) -> Response {
        let accept = "application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json, application/vnd.docker.distribution.manifest.list.v2+json";
        self.request(
            "GET",
            &format!("/v2/{repo}/manifests/{reference}"),
            &[("Accept", accept)],
            b"",
        )
    }
}

impl Drop for Registry {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
        let _ = fs::remove_dir_all(&self.dir);
    }
}
