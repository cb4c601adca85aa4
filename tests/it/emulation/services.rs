//! Services that drop root for their own users, unmodified from Debian: nginx's workers as
//! www-data, postgres as postgres (and refusing root), redis started by gosu.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::time::{Duration, Instant};

use crate::common::Env;
use crate::common::debian::DEBIAN_APPS;

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The first answer to `GET /` on the host's port, waiting up to 30 s for one.
fn http_get(port: u16) -> String {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let attempt = TcpStream::connect(("127.0.0.1", port)).and_then(|mut s| {
            s.set_read_timeout(Some(Duration::from_secs(5)))?;
            s.write_all(b"GET / HTTP/1.0\r\nHost: localhost\r\n\r\n")?;
            let mut reply = String::new();
            s.read_to_string(&mut reply)?;
            Ok(reply)
        });
        match attempt {
            Ok(reply) if reply.starts_with("HTTP/1.1 200") => return reply,
            _ if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(200)),
            other => panic!("no answer from nginx on 127.0.0.1:{port}: {other:?}"),
        }
    }
}

/// `rpod exec` retried until it succeeds (a service still starting), up to 30 s.
fn exec_until_ok(env: &Env, args: &[&str]) -> String {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let out = env.rpod(args);
        if out.code == 0 || Instant::now() > deadline {
            return out.success().stdout.clone();
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// (user, args) of every process `rpod top` lists.
fn top(env: &Env, name: &str) -> Vec<(String, String)> {
    let out = env.rpod(&["top", name, "user", "args"]);
    out.success()
        .lines()
        .iter()
        .skip(1)
        .filter_map(|l| {
            let (user, args) = l.trim().split_once(char::is_whitespace)?;
            Some((user.to_string(), args.trim().to_string()))
        })
        .collect()
}

#[test]
#[ignore = "needs root emulation (issue 14)"]
fn nginx_answers_on_a_published_port_with_www_data_workers() {
    let env = Env::with_debian_apps();
    let port = free_port();
    let publish = format!("{port}:80");
    env.rpod(&[
        "run",
        "-d",
        "--name",
        "web",
        "-p",
        &publish,
        DEBIAN_APPS,
        "nginx",
        "-g",
        "daemon off;",
    ])
    .success();
    let reply = http_get(port);
    assert!(reply.contains("Welcome to nginx"), "{reply}");
    let procs = top(&env, "web");
    assert!(
        procs
            .iter()
            .any(|(u, a)| u == "root" && a.starts_with("nginx: master process")),
        "{procs:?}"
    );
    assert!(
        procs
            .iter()
            .any(|(u, a)| u == "www-data" && a.starts_with("nginx: worker process")),
        "{procs:?}"
    );
    // Where nginx says that a worker could not drop root (`setgid(33) failed`).
    let errors = env.rpod(&["exec", "web", "cat", "/var/log/nginx/error.log"]);
    assert!(
        !errors.success().stdout.contains("failed"),
        "{}",
        errors.stdout
    );
    env.rpod(&[
        "exec",
        "web",
        "stat",
        "-c",
        "%U:%G %n",
        "/var/log/nginx/access.log",
        "/var/lib/nginx",
    ])
    .success()
    .stdout_has("www-data:adm /var/log/nginx/access.log\nroot:root /var/lib/nginx\n");
}

#[test]
#[ignore = "needs root emulation (issue 14)"]
fn postgres_initdb_server_and_psql_as_postgres_never_as_root() {
    let env = Env::with_debian_apps();
    env.rpod(&[
        "run",
        "-d",
        "--name",
        "pg",
        DEBIAN_APPS,
        "sleep",
        "infinity",
    ])
    .success();
    let bin = "/usr/lib/postgresql/15/bin";
    let data = "/var/lib/postgresql/data";
    env.rpod(&["exec", "pg", &format!("{bin}/initdb"), "-D", "/tmp/as-root"])
        .failure()
        .stderr_has("cannot be run as root");
    env.rpod(&[
        "exec",
        "pg",
        "su",
        "postgres",
        "-c",
        &format!("{bin}/initdb -D {data}"),
    ])
    .success();
    env.rpod(&["exec", "pg", "stat", "-c", "%U:%G %a", data])
        .success()
        .stdout_has("postgres:postgres 700");
    env.rpod(&["exec", "pg", &format!("{bin}/postgres"), "-D", data])
        .failure()
        .stderr_has("\"root\" execution of the PostgreSQL server is not permitted.");
    env.rpod(&[
        "exec",
        "pg",
        "su",
        "postgres",
        "-c",
        &format!("{bin}/pg_ctl -D {data} -l /tmp/pg.log -w start"),
    ])
    .success();
    let one = exec_until_ok(
        &env,
        &["exec", "pg", "su", "postgres", "-c", "psql -tAc 'select 1'"],
    );
    assert_eq!(one.trim(), "1");
    env.rpod(&[
        "exec",
        "pg",
        "su",
        "postgres",
        "-c",
        "psql -tAc 'create table t (x int); insert into t values (42); select x from t'",
    ])
    .success()
    .stdout_has("42");
    let procs = top(&env, "pg");
    assert!(
        procs
            .iter()
            .any(|(u, a)| u == "postgres" && a.contains(&format!("{bin}/postgres -D {data}"))),
        "{procs:?}"
    );
    assert!(
        !procs
            .iter()
            .any(|(u, a)| u == "root" && a.contains("postgres:")),
        "{procs:?}"
    );
}

#[test]
#[ignore = "needs root emulation (issue 14)"]
fn redis_started_by_gosu_answers_as_redis() {
    let env = Env::with_debian_apps();
    env.rpod(&[
        "run",
        "-d",
        "--name",
        "redis",
        "--workdir",
        "/var/lib/redis",
        DEBIAN_APPS,
        "gosu",
        "redis",
        "redis-server",
        "--protected-mode",
        "no",
    ])
    .success();
    let pong = exec_until_ok(&env, &["exec", "redis", "redis-cli", "ping"]);
    assert_eq!(pong.trim(), "PONG");
    env.rpod(&["exec", "redis", "redis-cli", "set", "k", "kept"])
        .success();
    env.rpod(&["exec", "redis", "redis-cli", "save"])
        .success()
        .stdout_has("OK");
    env.rpod(&[
        "exec",
        "redis",
        "stat",
        "-c",
        "%U:%G",
        "/var/lib/redis/dump.rdb",
    ])
    .success()
    .stdout_has("redis:redis");
    env.rpod(&["exec", "redis", "ps", "-o", "user=", "-C", "redis-server"])
        .success()
        .stdout_has("redis\n");
    let procs = top(&env, "redis");
    assert!(
        procs
            .iter()
            .any(|(u, a)| u == "redis" && a.starts_with("redis-server")),
        "{procs:?}"
    );
}
