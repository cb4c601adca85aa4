//! `rpod artifact`: files added as an OCI artifact, listed, inspected, extracted, pushed to a
//! real registry, removed, pulled back into another store and extracted again byte for byte.

use serde_json::Value;
use sha2::Digest;

use crate::common::Env;
use crate::common::registry::{Options, Registry};

fn sha256(bytes: &[u8]) -> String {
    format!("sha256:{}", hex::encode(sha2::Sha256::digest(bytes)))
}

fn inspect(env: &Env, name: &str) -> Value {
    let out = env.rpod(&["artifact", "inspect", name]);
    out.success();
    serde_json::from_str(out.trimmed()).unwrap_or_else(|e| panic!("{e}: {}", out.trimmed()))
}

/// A text file and a binary file of a few MB (more than one read and upload chunk).
fn two_files(env: &Env) -> (Vec<u8>, Vec<u8>) {
    let text = b"model: tiny\nlayers: 2\n".to_vec();
    let binary: Vec<u8> = (0..3_000_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    env.write_file("work/config.yaml", &text);
    env.write_file("work/weights.bin", &binary);
    (text, binary)
}

#[test]
fn an_artifact_goes_to_a_registry_and_comes_back_byte_for_byte() {
    let env = Env::new();
    let (text, binary) = two_files(&env);
    let name = format!("{}/artifacts/model:v1", Registry::shared().addr());
    let digest = env
        .rpod(&[
            "artifact",
            "add",
            "--type",
            "application/vnd.example.model",
            "--annotation",
            "com.example.kind=test",
            &name,
            "config.yaml",
            "weights.bin",
        ])
        .success()
        .trimmed()
        .to_string();
    assert_eq!(
        digest.len(),
        64,
        "add prints the manifest's digest: {digest}"
    );

    let doc = inspect(&env, &name);
    assert_eq!(doc["Name"], name);
    assert_eq!(doc["Digest"], format!("sha256:{digest}"));
    let manifest = &doc["Manifest"];
    assert_eq!(manifest["artifactType"], "application/vnd.example.model");
    assert_eq!(
        manifest["config"]["mediaType"],
        "application/vnd.oci.empty.v1+json"
    );
    assert!(
        manifest["annotations"]["org.opencontainers.image.created"].is_string(),
        "{manifest}"
    );
    let layers = manifest["layers"].as_array().unwrap();
    assert_eq!(layers.len(), 2, "{manifest}");
    for (layer, title, bytes, kind) in [
        (
            &layers[0],
            "config.yaml",
            &text,
            "text/plain; charset=utf-8",
        ),
        (
            &layers[1],
            "weights.bin",
            &binary,
            "application/octet-stream",
        ),
    ] {
        assert_eq!(layer["digest"], sha256(bytes), "{title}");
        assert_eq!(layer["size"], bytes.len(), "{title}");
        assert_eq!(layer["mediaType"], kind, "{title}");
        assert_eq!(
            layer["annotations"]["org.opencontainers.image.title"],
            title
        );
        assert_eq!(layer["annotations"]["com.example.kind"], "test");
    }

    let ls = env.rpod(&["artifact", "ls", "--noheading", "--no-trunc"]);
    let line = ls.success().trimmed().to_string();
    let cols: Vec<&str> = line.split_whitespace().collect();
    assert_eq!(
        cols[..3],
        [
            &format!("{}/artifacts/model", Registry::shared().addr()),
            "v1",
            &digest
        ],
        "{line}"
    );
    env.rpod(&["artifact", "ls", "--format", "{{.VirtualSize}}"])
        .success()
        .stdout_has(&(text.len() + binary.len()).to_string());

    // Removing an image collects unused blobs: the artifact's are used.
    env.rpod(&["pull", "-q", "busybox"]).success();
    env.rpod(&["rmi", "busybox"]).success();
    env.rpod(&["system", "check"]).success();

    // A directory gets every file under its title; a file path gets the one chosen.
    env.run_as_user("mkdir", &["out"]).success();
    env.rpod(&["artifact", "extract", &name, "out"]).success();
    assert_eq!(
        std::fs::read(env.path("work/out/config.yaml")).unwrap(),
        text
    );
    assert_eq!(
        std::fs::read(env.path("work/out/weights.bin")).unwrap(),
        binary
    );
    env.rpod(&[
        "artifact",
        "extract",
        "--title",
        "weights.bin",
        &digest[..12],
        "w",
    ])
    .success();
    assert_eq!(std::fs::read(env.path("work/w")).unwrap(), binary);
    env.rpod(&["artifact", "extract", &name, "single"])
        .failure()
        .stderr_has("consists of several blobs");

    let digestfile = env.path("work/pushed");
    env.rpod(&[
        "artifact",
        "push",
        "--digestfile",
        digestfile.to_str().unwrap(),
        &name,
    ])
    .success();
    assert_eq!(
        std::fs::read_to_string(&digestfile).unwrap().trim(),
        format!("sha256:{digest}")
    );
    env.rpod(&["artifact", "rm", &name])
        .success()
        .stdout_has(&digest);
    env.rpod(&["artifact", "inspect", &name])
        .failure()
        .stderr_has("artifact does not exist");
    let blobs = std::fs::read_dir(env.data().join("storage/blobs/sha256"))
        .unwrap()
        .count();
    assert_eq!(blobs, 0, "rm collects the artifact's blobs");

    // Pulled back: the same manifest, and the same bytes out of it.
    env.rpod(&["artifact", "pull", &name]).success();
    assert_eq!(inspect(&env, &name)["Digest"], format!("sha256:{digest}"));
    env.rpod(&[
        "artifact",
        "extract",
        "--digest",
        &sha256(&text),
        &name,
        "again.yaml",
    ])
    .success();
    assert_eq!(std::fs::read(env.path("work/again.yaml")).unwrap(), text);
    env.run_as_user("mkdir", &["back"]).success();
    env.rpod(&["artifact", "extract", &name, "back"]).success();
    assert_eq!(
        std::fs::read(env.path("work/back/weights.bin")).unwrap(),
        binary
    );

    env.rpod(&["artifact", "rm", "--all"]).success();
    assert_eq!(
        env.rpod(&["artifact", "ls", "--noheading"]).trimmed(),
        "",
        "rm --all leaves none"
    );
}

#[test]
fn append_and_replace_change_an_artifact_by_name() {
    let env = Env::new();
    env.write_file("work/a.txt", b"a\n");
    env.write_file("work/b.txt", b"b\n");
    let name = "localhost/notes:1";
    env.rpod(&["artifact", "add", name, "a.txt"]).success();
    env.rpod(&["artifact", "add", name, "b.txt"])
        .failure()
        .stderr_has("localhost/notes:1: artifact already exists");
    env.rpod(&["artifact", "add", "--append", name, "b.txt"])
        .success();
    env.rpod(&["artifact", "add", "--append", name, "a.txt"])
        .failure()
        .stderr_has("a.txt: file already exists in artifact");
    let titles = |env: &Env| -> Vec<String> {
        inspect(env, name)["Manifest"]["layers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l["annotations"]["org.opencontainers.image.title"].to_string())
            .collect()
    };
    assert_eq!(titles(&env), ["\"a.txt\"", "\"b.txt\""]);
    env.rpod(&["artifact", "add", "--replace", name, "b.txt"])
        .success();
    assert_eq!(titles(&env), ["\"b.txt\""]);
    // rpod inspect finds an artifact when nothing else has the name, as podman 5 does.
    for args in [&["inspect"][..], &["inspect", "--type", "artifact"]] {
        let mut args = args.to_vec();
        args.extend(["-f", "{{.Name}}", name]);
        env.rpod(&args).success().stdout_has(name);
    }
    // Pushing a local name needs a registry.
    env.rpod(&["artifact", "push", name])
        .failure()
        .stderr_has("a destination needs a registry");
}

#[test]
fn bad_artifact_input_is_refused_with_the_reason() {
    let env = Env::new();
    env.write_file("work/a.txt", b"a\n");
    env.rpod(&["artifact", "add", "localhost/x", "missing.txt"])
        .code(125)
        .stderr_has("cannot read missing.txt");
    env.rpod(&["artifact", "add", "plainname", "a.txt"])
        .code(125)
        .stderr_has("repository name must be canonical");
    let digested = format!("localhost/x@sha256:{}", "a".repeat(64));
    env.rpod(&["artifact", "add", &digested, "a.txt"])
        .code(125)
        .stderr_has("takes a tag");
    env.rpod(&["artifact", "add", "localhost/x", "."])
        .failure()
        .stderr_has("not a regular file");
    for (title, refusal) in [("a/b", "cannot contain /"), ("..", "names no file")] {
        let annotation = format!("org.opencontainers.image.title={title}");
        env.rpod(&[
            "artifact",
            "add",
            "--replace",
            "--annotation",
            &annotation,
            "localhost/t",
            "a.txt",
        ])
        .success();
        env.run_as_user("mkdir", &["-p", "dir"]).success();
        env.rpod(&["artifact", "extract", "localhost/t", "dir"])
            .code(125)
            .stderr_has(refusal);
    }
    env.rpod(&["artifact", "rm", "localhost/t"]).success();
    for verb in [&["inspect"][..], &["extract"], &["rm"], &["push"]] {
        let mut args = vec!["artifact"];
        args.extend_from_slice(verb);
        args.push("quay.io/no/such:1");
        if verb == ["extract"] {
            args.push("out");
        }
        env.rpod(&args)
            .code(125)
            .stderr_has("quay.io/no/such:1: artifact does not exist");
    }
    env.rpod(&["artifact", "rm", "--ignore", "quay.io/no/such:1"])
        .success();
    env.rpod(&[
        "artifact",
        "add",
        "--append",
        "--type",
        "t",
        "localhost/x",
        "a.txt",
    ])
    .code(125)
    .stderr_has("cannot be used with");
    let absent = format!("{}/artifacts/absent:1", Registry::shared().addr());
    env.rpod(&["artifact", "pull", &absent])
        .failure()
        .no_panic();
    assert!(
        env.rpod(&["artifact", "ls", "--noheading"])
            .trimmed()
            .is_empty(),
        "nothing was added"
    );
}

#[test]
fn push_and_pull_use_the_registrys_credentials() {
    let reg = Registry::start(Options {
        auth: Some(("arty".into(), "s3cret".into())),
        ..Options::default()
    });
    let env = Env::new();
    env.write_file("work/notes.txt", b"private notes\n");
    let name = format!("{}/private/notes:1", reg.addr());
    env.rpod(&["artifact", "add", &name, "notes.txt"]).success();
    env.rpod(&["artifact", "push", "--tls-verify=false", &name])
        .code(125)
        .stderr_has("authentication required");
    env.rpod(&[
        "artifact",
        "push",
        "--tls-verify=false",
        "--creds",
        "arty:s3cret",
        &name,
    ])
    .success();

    let other = Env::new();
    other
        .rpod(&["artifact", "pull", "--tls-verify=false", &name])
        .code(125)
        .stderr_has("authentication required");
    let authfile = other.path("work/auth.json");
    let authfile = authfile.to_str().unwrap();
    other
        .rpod_with_stdin(
            &[
                "login",
                "--tls-verify=false",
                "--authfile",
                authfile,
                "-u",
                "arty",
                "--password-stdin",
                reg.addr(),
            ],
            b"s3cret\n",
        )
        .success();
    other
        .rpod(&[
            "artifact",
            "pull",
            "--tls-verify=false",
            "--authfile",
            authfile,
            &name,
        ])
        .success();
    other
        .rpod(&["artifact", "extract", &name, "notes.out"])
        .success();
    assert_eq!(
        std::fs::read(other.path("work/notes.out")).unwrap(),
        b"private notes\n"
    );
}
