//! `kube apply` (issue 16) against a stand-in for a Kubernetes API server: an HTTPS server in
//! the test on 127.0.0.1 (certificates made by openssl) that checks each request's method,
//! path, credentials and body, and answers as the API server does: 201 with the object, 401
//! or 409 AlreadyExists with a Status whose message says why.

use std::collections::HashSet;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use base64::Engine as _;
use serde_json::{Value, json};
use tokio_rustls::rustls::pki_types::pem::PemObject;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer};
use tokio_rustls::rustls::server::WebPkiClientVerifier;
use tokio_rustls::rustls::{RootCertStore, ServerConfig, ServerConnection, StreamOwned, crypto};

use crate::api::tls::certificates;
use crate::common::Env;

/// One request the server got.
#[derive(Debug, Clone)]
struct Seen {
    method: String,
    path: String,
    authorization: Option<String>,
    body: Value,
}

/// The stand-in API server; its thread serves until the test process ends.
struct FakeCluster {
    port: u16,
    seen: Arc<Mutex<Vec<Seen>>>,
}

/// How the server knows its client.
enum Wants {
    Token(&'static str),
    /// A client certificate signed by the test's CA.
    ClientCert,
}

impl FakeCluster {
    fn start(dir: &Path, wants: Wants) -> FakeCluster {
        let provider = Arc::new(crypto::aws_lc_rs::default_provider());
        let pems = |file: &str| {
            CertificateDer::pem_file_iter(dir.join(file))
                .unwrap()
                .collect::<Result<Vec<_>, _>>()
                .unwrap()
        };
        let key = PrivateKeyDer::from_pem_file(dir.join("server-key.pem")).unwrap();
        let builder = ServerConfig::builder_with_provider(provider.clone())
            .with_safe_default_protocol_versions()
            .unwrap();
        let (builder, token) = match wants {
            Wants::Token(token) => (builder.with_no_client_auth(), Some(token)),
            Wants::ClientCert => {
                let mut roots = RootCertStore::empty();
                for cert in pems("ca.pem") {
                    roots.add(cert).unwrap();
                }
                let verifier = WebPkiClientVerifier::builder_with_provider(roots.into(), provider)
                    .build()
                    .unwrap();
                (builder.with_client_cert_verifier(verifier), None)
            }
        };
        let config = Arc::new(builder.with_single_cert(pems("server.pem"), key).unwrap());
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let record = seen.clone();
        std::thread::spawn(move || {
            let mut made = HashSet::new();
            for tcp in listener.incoming() {
                let Ok(tcp) = tcp else { continue };
                tcp.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
                let mut tls = StreamOwned::new(ServerConnection::new(config.clone()).unwrap(), tcp);
                // A client that refused the handshake reports it itself.
                let Some(request) = read_request(&mut tls) else {
                    continue;
                };
                let (status, body) = answer(&request, token, &mut made);
                record.lock().unwrap().push(request);
                let _ = write!(
                    tls,
                    "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
                tls.conn.send_close_notify();
                let _ = tls.flush();
            }
        });
        FakeCluster { port, seen }
    }

    fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

fn read_request(tls: &mut StreamOwned<ServerConnection, std::net::TcpStream>) -> Option<Seen> {
    let mut reader = BufReader::new(tls);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut words = line.split_whitespace();
    let (method, path) = (words.next()?.to_string(), words.next()?.to_string());
    let (mut length, mut authorization) = (0, None);
    loop {
        let mut header = String::new();
        reader.read_line(&mut header).ok()?;
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        let (name, value) = header.split_once(':')?;
        match name.to_ascii_lowercase().as_str() {
            "content-length" => length = value.trim().parse().ok()?,
            "authorization" => authorization = Some(value.trim().to_string()),
            _ => {}
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    Some(Seen {
        method,
        path,
        authorization,
        body: serde_json::from_slice(&body).unwrap_or(Value::Null),
    })
}

/// The API server's answer: 401 without the token, 409 for a name already made, else 201 with
/// the object.
fn answer(r: &Seen, token: Option<&str>, made: &mut HashSet<String>) -> (String, String) {
    let status = |code: u16, reason: &str, message: String| {
        json!({"kind": "Status", "apiVersion": "v1", "status": "Failure",
               "message": message, "reason": reason, "code": code})
        .to_string()
    };
    if let Some(token) = token
        && r.authorization.as_deref() != Some(&format!("Bearer {token}"))
    {
        return (
            "401 Unauthorized".into(),
            status(401, "Unauthorized", "Unauthorized".into()),
        );
    }
    let name = r.body["metadata"]["name"].as_str().unwrap_or_default();
    let plural = r.path.rsplit('/').next().unwrap_or_default();
    if r.method != "POST" || name.is_empty() {
        return (
            "400 Bad Request".into(),
            status(400, "BadRequest", "not a create".into()),
        );
    }
    if !made.insert(format!("{}/{name}", r.path)) {
        return (
            "409 Conflict".into(),
            status(
                409,
                "AlreadyExists",
                format!("{plural} \"{name}\" already exists"),
            ),
        );
    }
    ("201 Created".into(), r.body.to_string())
}

/// A kubeconfig for the server: `ca` embeds the test CA, `user` is the user's entry.
fn kubeconfig(env: &Env, cluster: &FakeCluster, ca: bool, user: &str) -> String {
    let mut entry = format!("    server: https://127.0.0.1:{}\n", cluster.port);
    if ca {
        let pem = std::fs::read(env.path("work/ca.pem")).unwrap();
        let data = base64::engine::general_purpose::STANDARD.encode(pem);
        entry.push_str(&format!("    certificate-authority-data: {data}\n"));
    }
    let text = format!(
        "apiVersion: v1\nkind: Config\nclusters:\n- name: test\n  cluster:\n{entry}contexts:\n- name: test\n  context:\n    cluster: test\n    user: me\ncurrent-context: test\nusers:\n- name: me\n  user:\n{user}"
    );
    let path = env.write_file("work/kubeconfig", text.as_bytes());
    path.display().to_string()
}

#[test]
fn apply_posts_the_generated_claim_service_and_pod_with_the_bearer_token() {
    let env = Env::with_busybox();
    certificates(&env);
    env.rpod(&[
        "create",
        "--name",
        "web",
        "-p",
        "8080:80",
        "-e",
        "GREETING=hi",
        "busybox",
        "httpd",
        "-f",
    ])
    .success();
    env.rpod(&["volume", "create", "cache"]).success();
    let cluster = FakeCluster::start(&env.path("work"), Wants::Token("s3cret"));
    let config = kubeconfig(&env, &cluster, true, "    token: s3cret\n");
    let out = env.rpod(&[
        "kube",
        "apply",
        "--kubeconfig",
        &config,
        "--ns",
        "team",
        "--service",
        "web",
        "cache",
    ]);
    out.success()
        .stdout_has("Deploying to cluster...")
        .stdout_has("Successfully deployed workloads to cluster!");
    let seen = cluster.seen();
    let paths: Vec<(&str, &str)> = seen
        .iter()
        .map(|s| (s.method.as_str(), s.path.as_str()))
        .collect();
    assert_eq!(
        paths,
        [
            ("POST", "/api/v1/namespaces/team/persistentvolumeclaims"),
            ("POST", "/api/v1/namespaces/team/services"),
            ("POST", "/api/v1/namespaces/team/pods")
        ]
    );
    for request in &seen {
        assert_eq!(request.authorization.as_deref(), Some("Bearer s3cret"));
    }
    let claim = &seen[0].body;
    assert_eq!(claim["kind"], "PersistentVolumeClaim");
    assert_eq!(claim["metadata"]["name"], "cache");
    assert_eq!(claim["spec"]["resources"]["requests"]["storage"], "1Gi");
    let pod = &seen[2].body;
    assert_eq!(pod["kind"], "Pod");
    assert_eq!(pod["metadata"]["name"], "web-pod");
    let container = &pod["spec"]["containers"][0];
    assert!(
        container["image"]
            .as_str()
            .unwrap()
            .ends_with("busybox:latest"),
        "{pod}"
    );
    assert_eq!(container["args"], json!(["httpd", "-f"]));
    assert_eq!(
        container["env"],
        json!([{"name": "GREETING", "value": "hi"}])
    );
    assert_eq!(container["ports"][0]["hostPort"], 8080);
    assert_eq!(seen[1].body["spec"]["ports"][0]["port"], 80);

    // A token the server does not know: its 401 and message, exit 125.
    let wrong = kubeconfig(&env, &cluster, true, "    token: guess\n");
    env.rpod(&["kube", "apply", "--kubeconfig", &wrong, "web"])
        .code(125)
        .stderr_has("Pod web-pod: the cluster answered 401: Unauthorized");
}

#[test]
fn apply_of_a_file_uses_the_client_certificate_and_reports_already_exists() {
    let env = Env::with_busybox();
    certificates(&env);
    let cluster = FakeCluster::start(&env.path("work"), Wants::ClientCert);
    let yaml = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: hello\nspec:\n  containers:\n  - name: c\n    image: busybox\n    command: [\"true\"]\n";
    let file = env.write_file("work/pod.yaml", yaml.as_bytes());
    let file = file.to_str().unwrap();
    // Without the CA the server's certificate is not trusted; --ca-cert-file gives it.
    let config = kubeconfig(
        &env,
        &cluster,
        false,
        "    client-certificate: client.pem\n    client-key: client-key.pem\n",
    );
    env.rpod(&["kube", "apply", "--kubeconfig", &config, "-f", file])
        .code(125)
        .stderr_has("cannot reach the cluster at https://127.0.0.1:");
    assert!(cluster.seen().is_empty());
    env.rpod(&[
        "kube",
        "apply",
        "--kubeconfig",
        &config,
        "--ca-cert-file",
        "ca.pem",
        "-f",
        file,
    ])
    .success();
    let seen = cluster.seen();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].path, "/api/v1/namespaces/default/pods");
    assert_eq!(seen[0].authorization, None);
    assert_eq!(
        seen[0].body["spec"]["containers"][0]["command"],
        json!(["true"])
    );
    // The same pod again: the server's AlreadyExists, in its words.
    env.rpod(&[
        "kube",
        "apply",
        "--kubeconfig",
        &config,
        "--ca-cert-file",
        "ca.pem",
        "-f",
        file,
    ])
    .code(125)
    .stderr_has("Pod hello: the cluster answered 409: pods \"hello\" already exists");
}
