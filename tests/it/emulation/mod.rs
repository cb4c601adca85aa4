//! Root emulation (issue 14): real images work with one mapped id. Credentials (setuid,
//! setgroups, ...) and ownership (chown, the stat family) are emulated in every container,
//! files show the owners their layers record, services drop to their users, and builds record
//! the owners they set in their layers, as podman with a subuid range does.
//!
//! The images are Debian bookworm made by contrib/debian-fixtures ([`crate::common::debian`]),
//! with packages from the local apt repository ([`crate::common::apt`]), and busybox.
//! tests/it/emulated_ids.rs covers the same on busybox alone, with a probe of the raw calls.

mod build;
mod hostile;
mod interop;
mod ownership;
mod round_trips;
mod services;

use crate::common::Env;
use crate::common::apt::AptRepo;
use crate::common::env::Out;

/// `sh -c script` in a fresh container of `image` (with extra `run` flags before the image).
fn sh(env: &Env, flags: &[&str], image: &str, script: &str) -> Out {
    let mut args = vec!["run", "--rm"];
    args.extend_from_slice(flags);
    args.extend_from_slice(&[image, "sh", "-c", script]);
    env.rpod(&args)
}

/// The values of `key=value` lines a script printed, in order.
fn values<'a>(out: &'a Out, key: &str) -> Vec<&'a str> {
    let prefix = format!("{key}=");
    out.stdout
        .lines()
        .filter_map(|l| l.strip_prefix(&prefix))
        .collect()
}

/// Asserts that the script printed `key=value` lines with exactly these values.
#[track_caller]
fn assert_values(out: &Out, key: &str, expected: &[&str]) {
    assert_eq!(
        values(out, key),
        expected,
        "{key}\n--- stdout\n{}\n--- stderr\n{}",
        out.stdout,
        out.stderr
    );
}

/// A Dockerfile prologue: the Debian base, and apt pointed at the local repository (the
/// Dockerfile writes sources.list itself; rpod injects no apt configuration). `$BASE` and `$REPO`
/// are build arguments, so that podman (on the host's network) can build the same file.
const DEBIAN_FROM: &str = "ARG BASE\nFROM ${BASE}\nARG REPO\nRUN echo \"deb [trusted=yes] $REPO ./\" > /etc/apt/sources.list\n";

/// The build arguments of [`DEBIAN_FROM`] for rpod: the base by its full name and the
/// repository as a container on rpod's default network reaches it.
fn rpod_build_args(repo: &AptRepo) -> Vec<String> {
    vec![
        "--build-arg".into(),
        format!(
            "BASE={}",
            crate::common::debian::image(crate::common::debian::DEBIAN)
        ),
        "--build-arg".into(),
        format!("REPO={}", repo.url()),
    ]
}
