//! Builds as rpodtest (no subuid range): Debian's packages install, and the owners and modes a
//! RUN step sets are what build, commit, save and export write into layer tars.

use super::{DEBIAN_FROM, rpod_build_args, sh};
use crate::common::Env;
use crate::common::apt::AptRepo;
use crate::common::debian::{self, DEBIAN};
use crate::common::layers::{self, Listing, Recorded};

/// `rpod build -t tag` of a context holding `dockerfile` (and `files`), with `args`.
fn build(env: &Env, tag: &str, dockerfile: &str, files: &[(&str, &[u8])], args: &[String]) {
    env.write_file(&format!("work/{tag}/Dockerfile"), dockerfile.as_bytes());
    for (name, content) in files {
        env.write_file(&format!("work/{tag}/{name}"), content);
    }
    let ctx = env.path(&format!("work/{tag}")).display().to_string();
    let mut cmd: Vec<&str> = vec!["build", "-t", tag];
    cmd.extend(args.iter().map(String::as_str));
    cmd.push(&ctx);
    env.rpod(&cmd).success();
}

/// What the layers of `image` record, through `rpod save`.
fn saved(env: &Env, image: &str) -> Listing {
    let archive = env.path(&format!("work/{}.tar", image.replace([':', '/'], "_")));
    env.rpod(&["save", "-o", &archive.display().to_string(), image])
        .success();
    layers::saved_view(&std::fs::read(&archive).unwrap())
}

#[test]
fn dockerfile_installing_debian_services_builds_as_a_user_without_subuids() {
    let env = Env::with_debian();
    let repo = AptRepo::serve();
    let dockerfile = format!(
        "{DEBIAN_FROM}RUN apt-get update && apt-get install -y --no-install-recommends nginx-light postgresql redis-server sudo gosu procps curl && rm -rf /var/lib/apt/lists/*\n"
    );
    build(&env, "services", &dockerfile, &[], &rpod_build_args(repo));
    // postgresql's own scripts made its cluster as postgres; the other packages' users own
    // what they made.
    let out = sh(
        &env,
        &[],
        "services",
        "pg_lsclusters -h; stat -c '%U:%G %a %n' /var/lib/postgresql/15/main /var/log/redis /var/log/nginx/access.log /usr/bin/sudo; echo $(id -u postgres):$(id -g postgres)",
    );
    out.success()
        .stdout_has("15 main 5432 down postgres /var/lib/postgresql/15/main")
        .stdout_has("postgres:postgres 700 /var/lib/postgresql/15/main\n")
        .stdout_has("redis:adm 2750 /var/log/redis\n")
        .stdout_has("www-data:adm 640 /var/log/nginx/access.log\n")
        .stdout_has("root:root 4755 /usr/bin/sudo\n");
    // Its layer records postgres' ids, whatever numbers adduser gave them.
    let postgres = out.lines().last().unwrap().to_string();
    let recorded = saved(&env, "services");
    let main = &recorded["var/lib/postgresql/15/main"];
    assert_eq!(
        format!("{}:{} {:o}", main.uid, main.gid, main.mode),
        format!("{postgres} 700")
    );
    assert_ne!(postgres, "0:0");
    assert_eq!(recorded["usr/bin/sudo"].mode, 0o4755);
}

/// A Dockerfile that makes a user, hands it files and sets special modes.
pub(super) const OWNERS_DOCKERFILE: &str = r#"ARG BASE
FROM ${BASE}
RUN useradd -m app && mkdir -p /srv/data && touch /srv/data/file && chown -R app:app /srv \
 && chmod 1777 /srv/data && install -d -m 2770 -g shadow /srv/shared \
 && install -m 4755 /bin/true /usr/local/bin/suid-true && install -m 2755 -g 42 /bin/true /usr/local/bin/sgid-true
COPY --chown=app:app copied.txt /srv/copied.txt
"#;

/// The paths [`OWNERS_DOCKERFILE`] touches, without its COPY.
const TOUCHED: &[&str] = &[
    "etc/passwd",
    "etc/group",
    "etc/shadow",
    "etc/gshadow",
    "home/app",
    "home/app/.bashrc",
    "srv",
    "srv/data",
    "srv/data/file",
    "srv/shared",
    "usr/local/bin/suid-true",
    "usr/local/bin/sgid-true",
];

/// What the listing records for the touched paths (and the COPY when `copied`).
pub(super) fn touched(listing: &Listing, copied: bool) -> Vec<(String, String)> {
    let extra = copied.then_some("srv/copied.txt");
    TOUCHED
        .iter()
        .copied()
        .chain(extra)
        .map(|p| {
            let r = listing.get(p).map_or("missing".into(), Recorded::to_string);
            (p.to_string(), r)
        })
        .collect()
}

/// What a real root with a full id range records (as podman with subuids does).
pub(super) fn expected(copied: bool) -> Vec<(String, String)> {
    let mut want = vec![
        ("etc/passwd", "f 0:0 0644"),
        ("etc/group", "f 0:0 0644"),
        ("etc/shadow", "f 0:42 0640"),
        ("etc/gshadow", "f 0:42 0640"),
        ("home/app", "d 1000:1000 0755"),
        ("home/app/.bashrc", "f 1000:1000 0644"),
        ("srv", "d 1000:1000 0755"),
        ("srv/data", "d 1000:1000 1777"),
        ("srv/data/file", "f 1000:1000 0644"),
        ("srv/shared", "d 0:42 2770"),
        ("usr/local/bin/suid-true", "f 0:0 4755"),
        ("usr/local/bin/sgid-true", "f 0:42 2755"),
    ];
    if copied {
        want.push(("srv/copied.txt", "f 1000:1000 0644"));
    }
    want.into_iter()
        .map(|(p, r)| (p.to_string(), r.to_string()))
        .collect()
}

#[test]
fn build_commit_save_and_export_write_the_owners_a_container_set() {
    let env = Env::with_debian();
    let base = format!("BASE={}", debian::image(DEBIAN));
    build(
        &env,
        "owners",
        OWNERS_DOCKERFILE,
        &[("copied.txt", b"copied\n")],
        &["--build-arg".into(), base],
    );
    assert_eq!(touched(&saved(&env, "owners"), true), expected(true));

    // The same RUN in a container, then commit (and save) and export.
    let script = OWNERS_DOCKERFILE
        .lines()
        .skip_while(|l| !l.starts_with("RUN "))
        .take_while(|l| !l.starts_with("COPY"))
        .collect::<Vec<_>>()
        .join("\n")
        .trim_start_matches("RUN ")
        .to_string();
    env.rpod(&["run", "--name", "made", DEBIAN, "sh", "-c", &script])
        .success();
    env.rpod(&["commit", "made", "committed"]).success();
    assert_eq!(touched(&saved(&env, "committed"), false), expected(false));
    let export = env.path("work/export.tar");
    env.rpod(&["export", "-o", &export.display().to_string(), "made"])
        .success();
    let exported = layers::listing(std::fs::read(&export).unwrap());
    assert_eq!(touched(&exported, false), expected(false));
}
