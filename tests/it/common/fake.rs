//! A registry that serves exactly what a test tells it to, wrong digests and all.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

#[derive(Clone)]
struct Reply {
    status: u16,
    content_type: String,
    body: Vec<u8>,
}

#[derive(Clone)]
pub struct FakeRegistry {
    addr: String,
    routes: Arc<Mutex<HashMap<String, Reply>>>,
}

impl FakeRegistry {
    pub fn start() -> FakeRegistry {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap().to_string();
        let fake = FakeRegistry {
            addr,
            routes: Arc::new(Mutex::new(HashMap::new())),
        };
        fake.route("/v2/", 200, "application/json", b"{}");
        let routes = fake.routes.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let routes = routes.clone();
                std::thread::spawn(move || serve(stream, &routes));
            }
        });
        fake
    }

    pub fn addr(&self) -> &str {
        &self.addr
    }

    pub fn route(&self, path: &str, status: u16, content_type: &str, body: &[u8]) {
        self.routes.lock().unwrap().insert(
            path.to_string(),
            Reply {
                status,
                content_type: content_type.to_string(),
                body: body.to_vec(),
            },
        );
    }
}

fn serve(stream: TcpStream, routes: &Mutex<HashMap<String, Reply>>) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut stream = stream;
    loop {
        let mut request = String::new();
        if reader.read_line(&mut request).unwrap_or(0) == 0 {
            return;
        }
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).unwrap_or(0) == 0 || line.trim().is_empty() {
                break;
            }
        }
        let path = request
            .split_whitespace()
            .nth(1)
            .unwrap_or("/")
            .split('?')
            .next()
            .unwrap_or("/")
            .to_string();
        let head = request.starts_with("HEAD");
        let reply = routes.lock().unwrap().get(&path).cloned().unwrap_or(Reply {
            status: 404,
            content_type: "application/json".into(),
            body: br#"{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown"}]}"#
                .to_vec(),
        });
        let header = format!(
            "HTTP/1.1 {} X\r\nContent-Type: {}\r\nContent-Length: {}\r\nDocker-Distribution-Api-Version: registry/2.0\r\n\r\n",
            reply.status,
            reply.content_type,
            reply.body.len()
        );
        if stream.write_all(header.as_bytes()).is_err() {
            return;
        }
        if !head && stream.write_all(&reply.body).is_err() {
            return;
        }
    }
}
