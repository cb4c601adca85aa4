//! The service on TCP: over TLS (a client certificate required under `--tls-client-ca`) and
//! with `--cors`, driven by the docker CLI, the Python docker SDK and curl; certificates are
//! made by openssl for each test.

use std::net::{TcpListener, TcpStream};
use std::process::Child;
use std::time::{Duration, Instant};

use super::DOCKER;
use crate::common::Env;
use crate::common::env::Out;

/// A CA, a server certificate for 127.0.0.1 and a client certificate, both signed by the CA.
const MAKE_CERTS: &str = r#"set -e
key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }
key ca-key.pem
openssl req -x509 -new -key ca-key.pem -out ca.pem -days 2 -subj /CN=rpod-test-ca
for who in server client; do
  key $who-key.pem
  openssl req -new -key $who-key.pem -out $who.csr -subj /CN=$who
done
printf 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' > server.ext
printf 'extendedKeyUsage=clientAuth\n' > client.ext
for who in server client; do
  openssl x509 -req -in $who.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial \
    -out $who.pem -days 2 -extfile $who.ext 2>/dev/null
done
"#;

/// `rpod system service --time 0 FLAGS tcp://127.0.0.1:PORT`, killed when dropped.
struct TcpService {
    child: Child,
    port: u16,
}

impl TcpService {
    fn start(env: &Env, flags: &[&str]) -> TcpService {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let uri = format!("tcp://127.0.0.1:{port}");
        let child = env
            .rpod_cmd(
                ["system", "service", "--time", "0"]
                    .iter()
                    .chain(flags)
                    .chain([&uri.as_str()]),
            )
            .spawn()
            .expect("start rpod system service");
        let mut service = TcpService { child, port };
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if let Some(exit) = service.child.try_wait().unwrap() {
                panic!("the service exited: {exit:?}");
            }
            assert!(Instant::now() < deadline, "the API port never answered");
            std::thread::sleep(Duration::from_millis(20));
        }
        service
    }

    fn host(&self) -> String {
        format!("tcp://127.0.0.1:{}", self.port)
    }
}

impl Drop for TcpService {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub(crate) fn certificates(env: &Env) {
    env.run_as_user("/bin/sh", &["-c", MAKE_CERTS]).success();
}

fn docker_tls(env: &Env, service: &TcpService, tls: &[&str], args: &[&str]) -> Out {
    let mut cmd = env.command(DOCKER);
    cmd.args(["-H", &service.host(), "--tlsverify"])
        .args(tls)
        .args(args);
    env.run_with_stdin(cmd, None)
}

fn curl(env: &Env, args: &[&str]) -> Out {
    env.run_as_user(
        "/usr/bin/curl",
        &[&["-sS", "-i", "--max-time", "20"][..], args].concat(),
    )
}

#[test]
fn api_tls_with_client_ca_answers_the_docker_cli_and_refuses_clients_without_a_certificate() {
    let env = Env::with_busybox();
    certificates(&env);
    env.rpod(&["create", "--name", "over-tls", "busybox", "true"])
        .success();
    let service = TcpService::start(
        &env,
        &[
            "--tls-cert",
            "server.pem",
            "--tls-key",
            "server-key.pem",
            "--tls-client-ca",
            "ca.pem",
        ],
    );
    let with_cert = [
        "--tlscacert",
        "ca.pem",
        "--tlscert",
        "client.pem",
        "--tlskey",
        "client-key.pem",
    ];
    docker_tls(
        &env,
        &service,
        &with_cert,
        &["ps", "-a", "--format", "{{.Names}}"],
    )
    .success()
    .stdout_has("over-tls");
    docker_tls(
        &env,
        &service,
        &with_cert,
        &["run", "--rm", "busybox", "echo", "tls-run"],
    )
    .success()
    .stdout_has("tls-run");
    // The docker CLI wants a certificate with --tlsverify only if given one: without it the
    // handshake is what refuses.
    let refused = docker_tls(&env, &service, &["--tlscacert", "ca.pem"], &["ps"]);
    refused.failure().stderr_has("certificate required");
    assert!(!refused.stdout.contains("over-tls"), "{refused:?}");
    let refused = curl(
        &env,
        &[
            "--cacert",
            "ca.pem",
            &format!("https://127.0.0.1:{}/_ping", service.port),
        ],
    );
    refused.failure().stderr_has("certificate required");
    assert!(!refused.stdout.contains("200"), "{refused:?}");
    // Plain HTTP on the TLS port gets no answer from the API either.
    let plain = curl(&env, &[&format!("http://127.0.0.1:{}/_ping", service.port)]);
    assert!(!plain.stdout.contains("200 OK"), "{plain:?}");
    curl(
        &env,
        &[
            "--cacert",
            "ca.pem",
            "--cert",
            "client.pem",
            "--key",
            "client-key.pem",
            &format!("https://127.0.0.1:{}/_ping", service.port),
        ],
    )
    .success()
    .stdout_has("200 OK");
}

const SDK_TLS: &str = r#"
import sys, docker
tls = docker.tls.TLSConfig(ca_cert="ca.pem", verify=True)
client = docker.DockerClient(base_url=sys.argv[1], tls=tls)
print("out:", client.containers.run("busybox", ["echo", "sdk-tls"], remove=True).decode().strip())
"#;

#[test]
fn api_tls_without_client_ca_serves_the_python_sdk() {
    let env = Env::with_busybox();
    certificates(&env);
    let service = TcpService::start(
        &env,
        &["--tls-cert", "server.pem", "--tls-key", "server-key.pem"],
    );
    let script = env.write_file("work/sdk_tls.py", SDK_TLS.as_bytes());
    let url = format!("https://127.0.0.1:{}", service.port);
    env.run_as_user("/usr/bin/python3", &[script.to_str().unwrap(), &url])
        .success()
        .stdout_has("out: sdk-tls");
}

#[test]
fn api_cors_sets_the_allowed_origin_on_answers_and_preflights() {
    let env = Env::new();
    let service = TcpService::start(&env, &["--cors", "http://ui.example"]);
    let ping = format!("http://127.0.0.1:{}/_ping", service.port);
    let get = curl(&env, &["-H", "Origin: http://ui.example", &ping]);
    get.success().stdout_has("200 OK");
    assert!(
        get.stdout
            .to_ascii_lowercase()
            .contains("access-control-allow-origin: http://ui.example"),
        "{get:?}"
    );
    let preflight = curl(
        &env,
        &[
            "-X",
            "OPTIONS",
            "-H",
            "Origin: http://ui.example",
            "-H",
            "Access-Control-Request-Method: POST",
            &format!("http://127.0.0.1:{}/containers/create", service.port),
        ],
    );
    let headers = preflight.stdout.to_ascii_lowercase();
    preflight.success().stdout_has("200 OK");
    assert!(
        headers.contains("access-control-allow-origin: http://ui.example"),
        "{preflight:?}"
    );
    assert!(
        headers.contains("access-control-allow-methods: *"),
        "{preflight:?}"
    );
    drop(service);
    let plain = TcpService::start(&env, &[]);
    let ping = format!("http://127.0.0.1:{}/_ping", plain.port);
    let get = curl(&env, &["-H", "Origin: http://ui.example", &ping]);
    get.success().stdout_has("200 OK");
    assert!(
        !get.stdout.to_ascii_lowercase().contains("access-control"),
        "{get:?}"
    );
}

#[test]
fn api_service_refuses_bad_tls_files_uris_and_flag_pairs() {
    let env = Env::new();
    env.write_file("work/not-a-cert.pem", b"hello\n");
    env.rpod(&[
        "system",
        "service",
        "--tls-cert",
        "not-a-cert.pem",
        "tcp://127.0.0.1:1",
    ])
    .code(125)
    .stderr_has("--tls-key");
    env.rpod(&[
        "system",
        "service",
        "--tls-cert",
        "not-a-cert.pem",
        "--tls-key",
        "not-a-cert.pem",
        "tcp://127.0.0.1:1",
    ])
    .code(125)
    .stderr_has("--tls-cert not-a-cert.pem: no PEM certificate in the file");
    env.rpod(&[
        "system",
        "service",
        "--tls-cert",
        "missing.pem",
        "--tls-key",
        "missing.pem",
        "tcp://127.0.0.1:1",
    ])
    .code(125)
    .stderr_has("--tls-cert missing.pem:");
    env.rpod(&["system", "service", "tcp://localhost"])
        .code(125)
        .stderr_has("expected unix:///PATH or tcp://HOST:PORT");
    env.rpod(&["system", "service", "--cors", "a\nb", "tcp://127.0.0.1:1"])
        .code(125)
        .stderr_has("--cors");
}

#[test]
fn api_tls_on_a_unix_socket_as_podman_documents_it() {
    let env = Env::new();
    certificates(&env);
    let socket = env.path("runtime/tls.sock");
    let uri = format!("unix://{}", socket.display());
    let flags = ["--tls-cert", "server.pem", "--tls-key", "server-key.pem"];
    let child = env
        .rpod_cmd(
            ["system", "service", "--time", "0"]
                .iter()
                .chain(&flags)
                .chain([&uri.as_str()]),
        )
        .spawn()
        .expect("start rpod system service");
    let service = super::Service { child, socket };
    service.wait_ready();
    let socket = service.socket.to_str().unwrap();
    curl(
        &env,
        &[
            "--unix-socket",
            socket,
            "--cacert",
            "ca.pem",
            "https://127.0.0.1/_ping",
        ],
    )
    .success()
    .stdout_has("200 OK");
    let plain = curl(&env, &["--unix-socket", socket, "http://d/_ping"]);
    assert!(!plain.stdout.contains("200 OK"), "{plain:?}");
}
