//! A registry that serves exactly what a test tells it to, wrong digests and all: replies, but
//! also the ways a hostile or broken server misbehaves (redirect loops, stalls, bodies that stop
//! short or never end, errors before success). It counts what it was asked and what it sent.

use std::collections::HashMap;
use std::io::{BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::http::RequestHead;

/// What the server does with one request for a path.
#[derive(Clone)]
pub enum Act {
    Reply {
        status: u16,
        content_type: String,
        body: Vec<u8>,
    },
    /// 302 to another path (or the same one: a loop).
    Redirect(String),
    /// Reads the request and never answers.
    Stall,
    /// Announces `declared` bytes, sends `body` (fewer), then closes the connection.
    CutShort { declared: u64, body: Vec<u8> },
    /// Announces `declared` bytes, sends `body` (fewer), then goes silent with the connection open.
    StallMidBody { declared: u64, body: Vec<u8> },
    /// Answers `status`, announces `declared` bytes and sends `fill` repeated until the client
    /// hangs up.
    Endless {
        status: u16,
        declared: u64,
        content_type: String,
        fill: u8,
    },
}

impl Act {
    pub fn ok(content_type: &str, body: &[u8]) -> Act {
        Act::Reply {
            status: 200,
            content_type: content_type.to_string(),
            body: body.to_vec(),
        }
    }

    pub fn status(status: u16) -> Act {
        Act::Reply {
            status,
            content_type: "text/plain".into(),
            body: format!("status {status}").into_bytes(),
        }
    }
}

#[derive(Default)]
struct Route {
    /// Played in order; the last one answers every later request.
    acts: Vec<Act>,
    hits: usize,
    sent: u64,
    /// The Authorization header of the last request.
    authorization: Option<String>,
}

/// Docker Hub's scheme: /v2/ and every request without the token answer 401 with a challenge
/// naming the token service (`realm`), where the client gets the token.
#[derive(Clone)]
struct Bearer {
    realm: String,
    token: String,
}

#[derive(Clone)]
pub struct FakeRegistry {
    addr: String,
    routes: Arc<Mutex<HashMap<String, Route>>>,
    bearer: Arc<Mutex<Option<Bearer>>>,
}

impl FakeRegistry {
    pub fn start() -> FakeRegistry {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap().to_string();
        let fake = FakeRegistry {
            addr,
            routes: Arc::new(Mutex::new(HashMap::new())),
            bearer: Arc::new(Mutex::new(None)),
        };
        fake.route("/v2/", 200, "application/json", b"{}");
        let (routes, bearer) = (fake.routes.clone(), fake.bearer.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (routes, bearer) = (routes.clone(), bearer.clone());
                std::thread::spawn(move || serve(stream, &routes, &bearer));
            }
        });
        fake
    }

    /// From now on the API (/v2/…) wants `Bearer TOKEN`, to be had from `token_path` here.
    pub fn require_bearer(&self, token_path: &str, token: &str) {
        *self.bearer.lock().unwrap() = Some(Bearer {
            realm: format!("http://{}{token_path}", self.addr),
            token: token.to_string(),
        });
    }

    /// The Authorization header of the last request for `path`.
    pub fn authorization(&self, path: &str) -> Option<String> {
        self.routes
            .lock()
            .unwrap()
            .get(path)
            .and_then(|r| r.authorization.clone())
    }

    pub fn addr(&self) -> &str {
        &self.addr
    }

    pub fn route(&self, path: &str, status: u16, content_type: &str, body: &[u8]) {
        self.script(
            path,
            vec![Act::Reply {
                status,
                content_type: content_type.to_string(),
                body: body.to_vec(),
            }],
        );
    }

    /// What `path` answers from now on, request by request.
    pub fn script(&self, path: &str, acts: Vec<Act>) {
        assert!(!acts.is_empty());
        self.routes.lock().unwrap().insert(
            path.to_string(),
            Route {
                acts,
                ..Route::default()
            },
        );
    }

    /// How many requests `path` got.
    pub fn hits(&self, path: &str) -> usize {
        self.routes.lock().unwrap().get(path).map_or(0, |r| r.hits)
    }

    /// How many body bytes the server wrote for `path`.
    pub fn sent(&self, path: &str) -> u64 {
        self.routes.lock().unwrap().get(path).map_or(0, |r| r.sent)
    }

    fn add_sent(routes: &Mutex<HashMap<String, Route>>, path: &str, n: u64) {
        if let Some(r) = routes.lock().unwrap().get_mut(path) {
            r.sent += n;
        }
    }
}

fn not_found() -> Act {
    Act::Reply {
        status: 404,
        content_type: "application/json".into(),
        body: br#"{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown"}]}"#.to_vec(),
    }
}

fn head(status: u16, content_type: &str, len: u64, extra: &str) -> String {
    format!(
        "HTTP/1.1 {status} X\r\nContent-Type: {content_type}\r\nContent-Length: {len}\r\nDocker-Distribution-Api-Version: registry/2.0\r\n{extra}\r\n"
    )
}

/// A 200 that announces `declared` bytes and sends `body`; returns what it sent.
fn partial(stream: &mut TcpStream, declared: u64, body: &[u8]) -> u64 {
    let h = head(200, "application/octet-stream", declared, "");
    if stream.write_all(h.as_bytes()).is_err() || stream.write_all(body).is_err() {
        return 0;
    }
    let _ = stream.flush();
    body.len() as u64
}

fn serve(
    stream: TcpStream,
    routes: &Mutex<HashMap<String, Route>>,
    bearer: &Mutex<Option<Bearer>>,
) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut stream = stream;
    loop {
        let Some(request) = RequestHead::read(&mut reader) else {
            return;
        };
        let authorization = request.header("authorization").map(str::to_string);
        let path = request.path;
        let is_head = request.method == "HEAD";
        let challenge = bearer.lock().unwrap().clone().filter(|b| {
            path.starts_with("/v2/")
                && (path == "/v2/"
                    || authorization.as_deref() != Some(&format!("Bearer {}", b.token)))
        });
        if let Some(b) = challenge {
            let h = head(
                401,
                "application/json",
                0,
                &format!(
                    "WWW-Authenticate: Bearer realm=\"{}\",service=\"fake\"\r\n",
                    b.realm
                ),
            );
            if stream.write_all(h.as_bytes()).is_err() {
                return;
            }
            continue;
        }
        let act = {
            let mut routes = routes.lock().unwrap();
            match routes.get_mut(&path) {
                Some(route) => {
                    let act = route.acts[route.hits.min(route.acts.len() - 1)].clone();
                    route.hits += 1;
                    route.authorization = authorization;
                    act
                }
                None => not_found(),
            }
        };
        let body_of = |body: &[u8]| if is_head { Vec::new() } else { body.to_vec() };
        match act {
            Act::Reply {
                status,
                content_type,
                body,
            } => {
                let h = head(status, &content_type, body.len() as u64, "");
                let body = body_of(&body);
                if stream.write_all(h.as_bytes()).is_err() || stream.write_all(&body).is_err() {
                    return;
                }
                FakeRegistry::add_sent(routes, &path, body.len() as u64);
            }
            Act::Redirect(to) => {
                let h = head(302, "text/plain", 0, &format!("Location: {to}\r\n"));
                if stream.write_all(h.as_bytes()).is_err() {
                    return;
                }
            }
            Act::Stall => {
                std::thread::sleep(Duration::from_secs(600));
                return;
            }
            Act::CutShort { declared, body } => {
                let sent = partial(&mut stream, declared, &body_of(&body));
                FakeRegistry::add_sent(routes, &path, sent);
                let _ = stream.shutdown(std::net::Shutdown::Both);
                return;
            }
            Act::StallMidBody { declared, body } => {
                let sent = partial(&mut stream, declared, &body_of(&body));
                FakeRegistry::add_sent(routes, &path, sent);
                std::thread::sleep(Duration::from_secs(600));
                return;
            }
            Act::Endless {
                status,
                declared,
                content_type,
                fill,
            } => {
                let h = head(status, &content_type, declared, "");
                if stream.write_all(h.as_bytes()).is_err() {
                    return;
                }
                let chunk = vec![fill; 64 << 10];
                while !is_head && stream.write_all(&chunk).is_ok() {
                    FakeRegistry::add_sent(routes, &path, chunk.len() as u64);
                }
                return;
            }
        }
    }
}
