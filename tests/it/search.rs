//! `rpod search` and docker's `search` through the API, against a real registry (Debian's
//! docker-registry) that holds a few repositories: terms match names, `REGISTRY/` lists all,
//! `--list-tags` lists a repository's tags, limits and filters hold, a registry that asks for
//! a login gets the credentials.

use crate::api::{Service, docker};
use crate::common::Env;
use crate::common::fixtures::{self, Compression, ImageSpec};
use crate::common::registry::{Options, Registry};

fn filled(opts: Options) -> Registry {
    let reg = Registry::start(opts);
    let spec = ImageSpec::simple(vec![(fixtures::busybox_layer(None), Compression::Gzip)]);
    for (repo, tag) in [
        ("tools/busybox", "1"),
        ("tools/busybox", "2"),
        ("tools/busybox", "latest"),
        ("apps/web", "latest"),
        ("busyapp", "v1"),
    ] {
        fixtures::push_image(&reg, repo, tag, &spec);
    }
    reg
}

#[test]
fn search_matches_names_lists_tags_and_keeps_limits() {
    let reg = filled(Options::default());
    let env = Env::new();
    let addr = reg.addr();
    env.write_config(&format!(
        "[registries]\nunqualified-search = [\"{addr}\"]\ninsecure = [\"{addr}\"]\n"
    ));
    let names = |args: &[&str]| {
        let mut all = vec!["search", "--format", "{{.Name}}"];
        all.extend_from_slice(args);
        env.rpod(&all).success().stdout.clone()
    };
    // A term with its registry, and a bare one through unqualified-search; case is ignored.
    assert_eq!(
        names(&[&format!("{addr}/BUSY")]),
        format!("{addr}/busyapp\n{addr}/tools/busybox\n")
    );
    assert_eq!(names(&["web"]), format!("{addr}/apps/web\n"));
    assert_eq!(names(&[&format!("{addr}/")]).lines().count(), 3);
    assert_eq!(
        names(&["--limit", "1", &format!("{addr}/")])
            .lines()
            .count(),
        1
    );
    assert_eq!(names(&["nothing-like-it"]), "");
    // The default table, docker's columns, JSON.
    env.rpod(&["search", "web"])
        .success()
        .stdout_has("NAME")
        .stdout_has("DESCRIPTION")
        .stdout_has(&format!("{addr}/apps/web"));
    env.rpod(&["search", "--compatible", "web"])
        .success()
        .stdout_has("STARS")
        .stdout_has("OFFICIAL");
    let json = env
        .rpod(&["search", "--format", "json", "web"])
        .success()
        .stdout
        .clone();
    let rows: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(rows[0]["Index"], addr);
    assert_eq!(rows[0]["Stars"], 0);
    // Filters on Docker Hub's ratings: a v2 registry's images have none.
    assert_eq!(names(&["--filter", "is-official=true", "web"]), "");
    assert_eq!(
        names(&["--filter", "stars=0", "web"]),
        format!("{addr}/apps/web\n")
    );
    // Tags of one repository.
    let tags = env
        .rpod(&["search", "--list-tags", &format!("{addr}/tools/busybox")])
        .success()
        .stdout
        .clone();
    assert!(tags.starts_with("NAME"), "{tags}");
    for tag in ["1", "2", "latest"] {
        assert!(
            tags.lines().any(|l| l.ends_with(&format!(" {tag}"))),
            "{tag}: {tags}"
        );
    }
    // Bad input: one clear error each.
    env.rpod(&["search", "--list-tags", "busybox"])
        .code(125)
        .stderr_has("--list-tags needs a fully qualified image name");
    env.rpod(&["search", "--filter", "color=red", "web"])
        .code(125)
        .stderr_has("invalid filter \"color=red\"");
    env.rpod(&["search", "--limit", "0", "web"])
        .code(125)
        .stderr_has("--limit must be at least 1");
    env.rpod(&["search", "127.0.0.1:1/x"])
        .code(125)
        .stderr_has("searching 127.0.0.1:1");
}

#[test]
fn search_sends_credentials_and_docker_search_works_through_the_api() {
    let reg = filled(Options {
        auth: Some(("tester".into(), "s3cret".into())),
        ..Options::default()
    });
    let env = Env::new();
    let addr = reg.addr();
    env.write_config(&format!(
        "[registries]\nunqualified-search = [\"{addr}\"]\ninsecure = [\"{addr}\"]\n"
    ));
    env.rpod(&["search", &format!("{addr}/web")])
        .code(125)
        .stderr_has("authentication required");
    env.rpod(&["search", "--creds", "tester:s3cret", &format!("{addr}/web")])
        .success()
        .stdout_has(&format!("{addr}/apps/web"));
    env.rpod(&["login", "-u", "tester", "-p", "s3cret", addr])
        .success();
    let service = Service::start(&env, "0");
    docker(&env, &service, &["search", "web"])
        .success()
        .stdout_has("NAME")
        .stdout_has(&format!("{addr}/apps/web"));
    docker(
        &env,
        &service,
        &["search", "--limit", "1", &format!("{addr}/busy")],
    )
    .success()
    .stdout_has(&format!("{addr}/busyapp"));
}
