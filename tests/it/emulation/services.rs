//! Services that drop root for their own users, unmodified from Debian: nginx's workers as
//! www-data, postgres as postgres (and refusing root), redis started by gosu.

use std::time::{Duration, Instant};

use crate::common::Env;
use crate::common::debian::DEBIAN_APPS;
use crate::common::http::{self, free_port};

/// The page `GET /` on the host's `port` gets from the container `name`, once it answers (up
/// to 30 s); the container's log when it stopped first.
fn page(env: &Env, name: &str, port: u16) -> String {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        match http::request(&format!("127.0.0.1:{port}"), "GET", "/", &[], b"") {
            Ok(r) if r.status == 200 => return String::from_utf8_lossy(&r.body).into_owned(),
            other if Instant::now() > deadline => {
                panic!("no page from {name}: {:?}", other.map(|r| r.status))
            }
            _ => {}
        }
        let state = env.rpod(&["inspect", "-f", "{{.State.Status}}", name]);
        if state.trimmed() != "running" {
            let logs = env.rpod(&["logs", name]);
            panic!(
                "{name} is {}: {}{}",
                state.trimmed(),
                logs.stdout,
                logs.stderr
            );
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// `rpod exec` retried until it succeeds (a service still starting), up to 30 s; not when
/// rpod itself fails (125: the container stopped).
fn exec_until_ok(env: &Env, args: &[&str]) -> String {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let out = env.rpod(args);
        if out.code == 125 {
            // The container stopped: what it said is the story.
            let logs = env.rpod(&["logs", args[1]]);
            eprintln!("logs of {}:\n{}{}", args[1], logs.stdout, logs.stderr);
        }
        if out.code == 0 || out.code == 125 || Instant::now() > deadline {
            return out.success().stdout.clone();
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// Asserts that `rpod top` lists a process of `user` whose arguments start with `args`.
#[track_caller]
fn assert_runs(procs: &[(String, String)], user: &str, args: &str) {
    assert!(
        procs.iter().any(|(u, a)| u == user && a.starts_with(args)),
        "no process of {user} running {args}: {procs:?}"
    );
}

/// `su postgres -c command` by exec in the container `pg`.
fn as_postgres(env: &Env, command: &str) -> crate::common::env::Out {
    env.rpod(&["exec", "pg", "su", "postgres", "-c", command])
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
    let page = page(&env, "web", port);
    assert!(page.contains("Welcome to nginx"), "{page}");
    let procs = top(&env, "web");
    assert_runs(&procs, "root", "nginx: master process");
    assert_runs(&procs, "www-data", "nginx: worker process");
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
    as_postgres(&env, &format!("{bin}/initdb -D {data}")).success();
    env.rpod(&["exec", "pg", "stat", "-c", "%U:%G %a", data])
        .success()
        .stdout_has("postgres:postgres 700");
    env.rpod(&["exec", "pg", &format!("{bin}/postgres"), "-D", data])
        .failure()
        .stderr_has("\"root\" execution of the PostgreSQL server is not permitted.");
    as_postgres(
        &env,
        &format!("{bin}/pg_ctl -D {data} -l /tmp/pg.log -w start"),
    )
    .success();
    let one = exec_until_ok(
        &env,
        &["exec", "pg", "su", "postgres", "-c", "psql -tAc 'select 1'"],
    );
    assert_eq!(one.trim(), "1");
    as_postgres(
        &env,
        "psql -tAc 'create table t (x int); insert into t values (42); select x from t'",
    )
    .success()
    .stdout_has("42");
    let procs = top(&env, "pg");
    assert_runs(&procs, "postgres", &format!("{bin}/postgres -D {data}"));
    assert_runs(&procs, "postgres", "postgres: checkpointer");
    assert!(
        !procs
            .iter()
            .any(|(u, a)| u == "root" && a.contains("postgres:")),
        "{procs:?}"
    );
}

#[test]
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
    assert_runs(&top(&env, "redis"), "redis", "redis-server");
}
