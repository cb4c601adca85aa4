//! `build --sbom*`: a scanner image built here from busybox (a script that lists the packages
//! it finds in the tree it is given) scans the built image and the build context; its
//! outputs are merged, written out and added to the image. Bad combinations are refused
//! before the build starts.

use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::build_options::{build, run};
use crate::common::Env;

/// `scan.sh FORMAT DIR [OUT]`: a CycloneDX (`cdx`) or SPDX (`spdx`) document with one entry
/// per file `DIR/usr/share/pkgs/NAME` or `DIR/pkgs/NAME`, whose content is the version; to
/// OUT, or to standard output without it.
const SCANNER: &str = r#"#!/bin/sh
fmt=$1 dir=$2 out=${3:-/dev/stdout}
entries=
for f in "$dir"/usr/share/pkgs/* "$dir"/pkgs/*; do
  [ -f "$f" ] || continue
  n=$(basename "$f") v=$(cat "$f")
  case $fmt in
    cdx) e="{\"name\":\"$n\",\"version\":\"$v\",\"purl\":\"pkg:generic/$n@$v\"}" ;;
    spdx) e="{\"name\":\"$n\",\"versionInfo\":\"$v\",\"externalRefs\":[{\"referenceType\":\"purl\",\"referenceLocator\":\"pkg:generic/$n@$v\"}]}" ;;
  esac
  entries="${entries:+$entries,}$e"
done
case $fmt in
  cdx) printf '{"bomFormat":"CycloneDX","components":[%s]}\n' "$entries" > "$out" ;;
  spdx) printf '{"spdxVersion":"SPDX-2.3","packages":[%s]}\n' "$entries" > "$out" ;;
esac
"#;

/// The image's packages come from a RUN step; the context holds one of them again (same
/// version: merged away) and one of its own.
const APP: &str = "FROM busybox
RUN mkdir -p /usr/share/pkgs && echo 1.0 > /usr/share/pkgs/alpha && echo 2.1 > /usr/share/pkgs/beta
";

const PURLS: &str = "pkg:generic/alpha@1.0\npkg:generic/beta@2.1\npkg:generic/gamma@3.0\n";

/// The scanner image (`localhost/scanner`) and the app's context; returns the context.
fn setup(env: &Env) -> String {
    env.write_file("scanner/scan.sh", SCANNER.as_bytes());
    env.write_file(
        "scanner/Dockerfile",
        b"FROM busybox\nCOPY scan.sh /scan.sh\nRUN chmod +x /scan.sh\n",
    );
    let dir = env.path("scanner").display().to_string();
    build(env, &dir, &["-q", "-t", "scanner"]).success();
    env.write_file("app/Dockerfile", APP.as_bytes());
    env.write_file("app/pkgs/alpha", b"1.0\n");
    env.write_file("app/pkgs/gamma", b"3.0\n");
    env.path("app").display().to_string()
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

/// The `(name, version)` of each entry of `list`, in order.
fn entries(doc: &serde_json::Value, list: &str, version: &str) -> Vec<(String, String)> {
    doc[list]
        .as_array()
        .unwrap_or_else(|| panic!("no {list} in {doc}"))
        .iter()
        .map(|e| {
            let field = |k: &str| e[k].as_str().unwrap().to_string();
            (field("name"), field(version))
        })
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(n, v)| (n.to_string(), v.to_string()))
        .collect()
}

fn read(env: &Env, rel: &str) -> String {
    std::fs::read_to_string(env.path(rel)).unwrap()
}

/// The flags that scan with each of `commands` in `localhost/scanner`, then `more`.
fn scanning<'a>(commands: &[&'a str], more: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["--sbom-scanner-image", "localhost/scanner"];
    for command in commands {
        args.extend(["--sbom-scanner-command", command]);
    }
    args.extend_from_slice(more);
    args
}

#[test]
fn cyclonedx_sbom_of_image_and_context_is_written_and_added_to_the_image() {
    let env = Env::with_busybox();
    let ctx = setup(&env);
    let (out, purls) = (env.path("work/sbom.json"), env.path("work/purls.txt"));
    let args = scanning(
        &[
            "/scan.sh cdx {ROOTFS} {OUTPUT}",
            "/scan.sh cdx {CONTEXT} {OUTPUT}",
        ],
        &[
            "-t",
            "app",
            "--sbom-merge-strategy",
            "merge-cyclonedx-by-component-name-and-version",
            "--sbom-output",
            out.to_str().unwrap(),
            "--sbom-purl-output",
            purls.to_str().unwrap(),
            "--sbom-image-output",
            "/usr/share/sbom/sbom.json",
            "--sbom-image-purl-output",
            "/usr/share/sbom/purls",
        ],
    );
    let built = build(&env, &ctx, &args);
    built
        .success()
        .stdout_has("SBOM localhost/scanner: /scan.sh cdx {ROOTFS} {OUTPUT}");
    let sbom = read(&env, "work/sbom.json");
    let doc = json(&sbom);
    assert_eq!(doc["bomFormat"], "CycloneDX");
    assert_eq!(
        entries(&doc, "components", "version"),
        pairs(&[("alpha", "1.0"), ("beta", "2.1"), ("gamma", "3.0")]),
        "the image's packages, then the context's, alpha (in both) once"
    );
    assert_eq!(read(&env, "work/purls.txt"), PURLS);
    assert_eq!(
        run(&env, "app", "cat /usr/share/sbom/sbom.json"),
        sbom,
        "the image holds the same SBOM"
    );
    assert_eq!(run(&env, "app", "cat /usr/share/sbom/purls"), PURLS);
    assert_eq!(
        run(&env, "app", "stat -c '%a %u' /usr/share/sbom/sbom.json"),
        "644 0\n"
    );
    // The scanner's containers are gone with the build.
    let ps = env.rpod(&["ps", "-a", "-q"]);
    assert_eq!(ps.success().trimmed(), "", "containers left: {}", ps.stdout);
}

#[test]
fn spdx_and_cat_merges_and_a_scanner_that_prints_its_sbom() {
    let env = Env::with_busybox();
    let ctx = setup(&env);
    let out = env.path("work/spdx.json");
    let commands = [
        "/scan.sh spdx {ROOTFS} {OUTPUT}",
        "/scan.sh spdx {CONTEXT} {OUTPUT}",
    ];
    let args = scanning(
        &commands,
        &[
            "--sbom-merge-strategy",
            "merge-spdx-by-package-name-and-versioninfo",
            "--sbom-output",
            out.to_str().unwrap(),
        ],
    );
    build(&env, &ctx, &args).success();
    let doc = json(&read(&env, "work/spdx.json"));
    assert_eq!(doc["spdxVersion"], "SPDX-2.3");
    assert_eq!(
        entries(&doc, "packages", "versionInfo"),
        pairs(&[("alpha", "1.0"), ("beta", "2.1"), ("gamma", "3.0")])
    );

    // cat: both documents as they are, alpha in each; the package URLs are still found
    // (once each) in what it made.
    let (out, purls) = (env.path("work/cat.json"), env.path("work/cat-purls"));
    let args = scanning(
        &commands,
        &[
            "--sbom-merge-strategy",
            "cat",
            "--sbom-output",
            out.to_str().unwrap(),
            "--sbom-purl-output",
            purls.to_str().unwrap(),
        ],
    );
    build(&env, &ctx, &args).success();
    let cat = read(&env, "work/cat.json");
    let docs: Vec<serde_json::Value> = serde_json::Deserializer::from_str(&cat)
        .into_iter()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(docs.len(), 2, "{cat}");
    assert_eq!(
        entries(&docs[0], "packages", "versionInfo"),
        pairs(&[("alpha", "1.0"), ("beta", "2.1")])
    );
    assert_eq!(
        entries(&docs[1], "packages", "versionInfo"),
        pairs(&[("alpha", "1.0"), ("gamma", "3.0")])
    );
    assert_eq!(read(&env, "work/cat-purls"), PURLS);

    // Without {OUTPUT}, what the command prints is the SBOM.
    let out = env.path("work/printed.json");
    let args = scanning(
        &["/scan.sh cdx {ROOTFS}"],
        &["--sbom-output", out.to_str().unwrap()],
    );
    build(&env, &ctx, &args).success();
    let doc = json(&read(&env, "work/printed.json"));
    assert_eq!(
        entries(&doc, "components", "version"),
        pairs(&[("alpha", "1.0"), ("beta", "2.1")])
    );
}

#[test]
fn bad_sbom_options_are_refused_before_the_build() {
    let env = Env::with_busybox();
    // A step that would fail: each refusal comes before any step runs.
    env.write_file("bad/Dockerfile", b"FROM busybox\nRUN exit 3\n");
    let ctx = env.path("bad").display().to_string();
    let out = env.path("work/never.json");
    let out = out.to_str().unwrap();
    for (args, message) in [
        (
            vec!["--sbom", "grype", "--sbom-output", out],
            "unknown --sbom preset \"grype\"",
        ),
        (
            vec![
                "--sbom",
                "syft",
                "--sbom-merge-strategy",
                "zip",
                "--sbom-output",
                out,
            ],
            "unknown --sbom-merge-strategy \"zip\"",
        ),
        (
            vec!["--sbom", "syft", "--sbom-image-output", "sbom.json"],
            "invalid --sbom-image-output \"sbom.json\": a path in the image must be absolute",
        ),
        (
            vec!["--sbom-output", out],
            "--sbom-output needs an SBOM scanner",
        ),
        (
            vec!["--sbom", "trivy"],
            "--sbom needs somewhere to put the SBOM",
        ),
        (
            vec![
                "--sbom-scanner-command",
                "scan {OUTPUT}",
                "--sbom-output",
                out,
            ],
            "--sbom-scanner-command needs --sbom-scanner-image",
        ),
        (
            vec![
                "--sbom-scanner-image",
                "busybox",
                "--sbom-scanner-command",
                "a {OUTPUT}",
                "--sbom-scanner-command",
                "b {OUTPUT}",
                "--sbom-output",
                out,
            ],
            "2 --sbom-scanner-command values need --sbom-merge-strategy",
        ),
        // The presets' scanner images are on ghcr.io, out of reach here: the build stops
        // naming the image before any step runs.
        (
            vec!["--sbom", "syft", "--sbom-output", out],
            "cannot get the SBOM scanner image ghcr.io/anchore/syft",
        ),
        (
            vec!["--sbom", "trivy-spdx", "--sbom-output", out],
            "cannot get the SBOM scanner image ghcr.io/aquasecurity/trivy",
        ),
    ] {
        build(&env, &ctx, &args)
            .code(125)
            .stderr_has(message)
            .no_panic();
    }
    assert!(!env.path("work/never.json").exists());
}

#[test]
fn the_scanner_cannot_change_the_image_and_its_failure_fails_the_build() {
    let env = Env::with_busybox();
    let ctx = setup(&env);
    let out = env.path("work/sbom.json");
    // The image's tree is bound read-only: a scanner writing there fails, and so does the
    // build, naming the command and its exit code.
    let args = scanning(
        &["touch {ROOTFS}/usr/share/pkgs/zeta"],
        &["-t", "app", "--sbom-output", out.to_str().unwrap()],
    );
    build(&env, &ctx, &args).code(125).stderr_has(
        "the SBOM scanner command \"touch {ROOTFS}/usr/share/pkgs/zeta\" exited with code 1",
    );
    // A command that writes nothing is refused too.
    let args = scanning(
        &["true {OUTPUT}"],
        &["--sbom-output", out.to_str().unwrap()],
    );
    build(&env, &ctx, &args)
        .code(125)
        .stderr_has("the SBOM scanner command \"true {OUTPUT}\" wrote nothing to {OUTPUT}");
    assert!(!out.exists());
}

#[test]
fn a_scanners_container_is_the_builds_and_outlives_a_killed_build_only_until_prune() {
    let env = Env::with_busybox();
    let ctx = setup(&env);
    let out = env.path("work/never.json");
    let mut args = vec!["build", "--network", "none"];
    args.extend(scanning(
        &["sh -c 'sleep 600'"],
        &["--sbom-output", out.to_str().unwrap(), ctx.as_str()],
    ));
    let mut child = env
        .rpod_cmd(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // The scan runs: its container is listed with the build's, running the scanner command.
    let builds = || {
        let ps = [
            "ps",
            "-a",
            "--external",
            "--format",
            "{{.State}} {{.Command}}",
        ];
        env.rpod(&ps).success().stdout.clone()
    };
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let listed = builds();
        if listed
            .lines()
            .any(|l| l.starts_with("running ") && l.contains("sh -c sleep 600"))
        {
            break;
        }
        assert!(Instant::now() < deadline, "no scan is running: {listed}");
        std::thread::sleep(Duration::from_millis(200));
    }
    let ps = env.rpod(&["ps", "-a", "-q"]);
    assert_eq!(
        ps.success().trimmed(),
        "",
        "ps -a lists the scanner's container"
    );

    // Killed mid-scan, the build leaves its scanner's container behind, still the build's
    // (hidden from ps -a), until `system prune --build` removes it.
    child.kill().unwrap();
    child.wait().unwrap();
    let ps = env.rpod(&["ps", "-a", "-q"]);
    assert_eq!(
        ps.success().trimmed(),
        "",
        "ps -a lists the scanner's container"
    );
    let left = env.rpod(&["ps", "-a", "-q", "--external"]);
    assert_eq!(left.success().lines().len(), 1, "{}", left.stdout);
    env.rpod(&["system", "prune", "-f", "--build"]).success();
    let left = env.rpod(&["ps", "-a", "-q", "--external"]);
    assert_eq!(
        left.success().trimmed(),
        "",
        "containers left: {}",
        left.stdout
    );
    assert!(!out.exists());
}
