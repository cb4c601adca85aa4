//! podman for interop tests, run the way podman is meant to run rootless: as the user
//! `rpodpodman`, who has a /etc/subuid and /etc/subgid range (contrib/podman-user makes it,
//! with runc, cgroupfs and file events in its containers.conf). Each [`Podman`] has its own
//! storage and runtime directories, removed with everything podman started in them on drop.

use std::ffi::OsStr;
use std::fs;
use std::os::unix::fs::{PermissionsExt, chown};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

use super::env::{Out, wait_output};

const PODMAN_USER: &str = "rpodpodman";

/// (uid, gid, home) of the podman user.
fn podman_user() -> Result<(u32, u32, PathBuf), String> {
    let passwd = fs::read_to_string("/etc/passwd").unwrap();
    let (uid, gid, home) = passwd
        .lines()
        .map(|l| l.split(':').collect::<Vec<_>>())
        .find(|f| f.len() > 5 && f[0] == PODMAN_USER)
        .map(|f| {
            (
                f[2].parse().unwrap(),
                f[3].parse().unwrap(),
                PathBuf::from(f[5]),
            )
        })
        .ok_or(format!(
            "no user {PODMAN_USER}: run contrib/podman-user (contrib/test does) as root"
        ))?;
    let ranges = fs::read_to_string("/etc/subuid").unwrap_or_default();
    if !ranges
        .lines()
        .any(|l| l.starts_with(&format!("{PODMAN_USER}:")))
    {
        return Err(format!(
            "{PODMAN_USER} has no /etc/subuid range: run contrib/podman-user as root"
        ));
    }
    Ok((uid, gid, home))
}

pub struct Podman {
    base: PathBuf,
    uid: u32,
    gid: u32,
    home: PathBuf,
}

static COUNTER: AtomicUsize = AtomicUsize::new(0);

impl Podman {
    /// A podman of the test's own, or `None` (with the reason printed) where this process cannot
    /// run podman as another user: only root can, and CI runs the tests as root.
    pub fn new() -> Option<Podman> {
        if !nix::unistd::getuid().is_root() {
            eprintln!(
                "SKIP podman interop: only root can run podman as {PODMAN_USER} (contrib/test runs the tests as root)"
            );
            return None;
        }
        let (uid, gid, home) = podman_user().unwrap_or_else(|e| panic!("{e}"));
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let base = std::env::temp_dir().join(format!("rpod-it-podman-{}-{n}", std::process::id()));
        let _ = fs::remove_dir_all(&base);
        let podman = Podman {
            base,
            uid,
            gid,
            home,
        };
        for (dir, mode) in [
            ("", 0o755),
            ("data", 0o700),
            ("runtime", 0o700),
            ("work", 0o755),
        ] {
            podman.make_dir(&podman.base.join(dir), mode);
        }
        Some(podman)
    }

    fn make_dir(&self, path: &Path, mode: u32) {
        fs::create_dir_all(path).unwrap();
        fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
        chown(path, Some(self.uid), Some(self.gid)).unwrap();
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.base.join(rel)
    }

    /// Writes a file (and its directories) the podman user owns.
    pub fn write_file(&self, rel: &str, content: &[u8]) -> PathBuf {
        let path = self.base.join(rel);
        self.make_dir(path.parent().unwrap(), 0o755);
        fs::write(&path, content).unwrap();
        chown(&path, Some(self.uid), Some(self.gid)).unwrap();
        path
    }

    /// Any program as the podman user, with this podman's directories.
    pub fn command(&self, program: impl AsRef<OsStr>) -> Command {
        let mut cmd = Command::new(program);
        cmd.env_clear()
            .env("PATH", "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin")
            .env("HOME", &self.home)
            .env("XDG_DATA_HOME", self.base.join("data"))
            .env("XDG_RUNTIME_DIR", self.base.join("runtime"))
            .env("LANG", "C.UTF-8")
            .current_dir(self.base.join("work"))
            .stdin(Stdio::null())
            .uid(self.uid)
            .gid(self.gid);
        cmd
    }

    pub fn podman(&self, args: &[&str]) -> Out {
        let mut cmd = self.command("podman");
        cmd.args(args).stdout(Stdio::piped()).stderr(Stdio::piped());
        let line = format!("{cmd:?}");
        let child = cmd
            .spawn()
            .unwrap_or_else(|e| panic!("cannot run {line}: {e} (contrib/test installs podman)"));
        wait_output(child, &line)
    }
}

impl Podman {
    /// `podman build -q -t tag` of a context of `dockerfile` and `files`, with `args`; base
    /// images come from the (plain HTTP) test registry.
    pub fn build(
        &self,
        tag: &str,
        dockerfile: &str,
        files: &[(&str, &[u8])],
        args: &[&str],
    ) -> Out {
        self.write_file(&format!("{tag}/Dockerfile"), dockerfile.as_bytes());
        for (name, content) in files {
            self.write_file(&format!("{tag}/{name}"), content);
        }
        let ctx = self.path(tag).display().to_string();
        let mut cmd = vec!["build", "-q", "--tls-verify=false", "-t", tag];
        cmd.extend_from_slice(args);
        cmd.push(&ctx);
        self.podman(&cmd)
    }
}

impl Drop for Podman {
    fn drop(&mut self) {
        let _ = self.podman(&["rm", "-af", "-t", "0"]);
        // The pause process holding podman's user namespace (and its mounts) for this runtime
        // directory: ours, and nothing else uses it.
        let pid_file = self.base.join("runtime/libpod/tmp/pause.pid");
        if let Some(pid) = fs::read_to_string(pid_file)
            .ok()
            .and_then(|p| p.trim().parse::<i32>().ok())
        {
            let _ = nix::sys::signal::kill(
                nix::unistd::Pid::from_raw(pid),
                nix::sys::signal::Signal::SIGKILL,
            );
        }
        let _ = fs::remove_dir_all(&self.base);
    }
}
