//! One test's rpod: its own XDG directories, run as the unprivileged test user when the test
//! process is root (CI is), so that every rpod call is rootless as in real use.

use std::ffi::OsString;
use std::fs;
use std::io::{Read, Write};
use std::os::unix::fs::{PermissionsExt, chown};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use super::registry::Registry;

const TEST_USER: &str = "rpodtest";
/// A second unprivileged user, for what two users share (a read-only image store).
const SECOND_USER: &str = "rpodtest2";
/// Guards against a hang, not a measure of speed: an apt build on a loaded 2-core machine takes
/// minutes.
const TIMEOUT: Duration = Duration::from_secs(300);

/// The uid and gid rpod runs as: the test user when we are root, else ourselves.
pub fn user() -> (u32, u32) {
    static USER: OnceLock<(u32, u32)> = OnceLock::new();
    *USER.get_or_init(|| {
        if !nix::unistd::getuid().is_root() {
            return (nix::unistd::getuid().as_raw(), nix::unistd::getgid().as_raw());
        }
        account(TEST_USER).unwrap_or_else(|| panic!("the tests run rpod as the user {TEST_USER}: create it with `useradd -m {TEST_USER}` (contrib/test does this)"))
    })
}

/// The uid and gid of a second user, other than [`user`]'s: only root can run rpod as two
/// users, so none otherwise (the reason given).
pub fn second_user() -> Result<(u32, u32), String> {
    if !nix::unistd::getuid().is_root() {
        return Err(
            "running rpod as a second user needs root (contrib/test runs the tests as root)".into(),
        );
    }
    let second = account(SECOND_USER).unwrap_or_else(|| panic!("the tests run rpod as a second user {SECOND_USER}: create it with `useradd -m {SECOND_USER}` (contrib/test does this)"));
    assert_ne!(second.0, user().0, "{SECOND_USER} has {TEST_USER}'s uid");
    Ok(second)
}

fn account(name: &str) -> Option<(u32, u32)> {
    let passwd = fs::read_to_string("/etc/passwd").unwrap();
    passwd.lines().find_map(|l| {
        let f: Vec<&str> = l.split(':').collect();
        (f[0] == name).then(|| (f[2].parse().unwrap(), f[3].parse().unwrap()))
    })
}

/// The rpod binary, copied where the test user can run it whatever the checkout's
/// permissions (a home directory of mode 0700, say).
pub fn rpod_bin() -> PathBuf {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        let built = PathBuf::from(env!("CARGO_BIN_EXE_rpod"));
        let dir = std::env::temp_dir().join(format!("rpod-it-bin-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).unwrap();
        let copy = dir.join("rpod");
        fs::copy(&built, &copy).unwrap();
        fs::set_permissions(&copy, fs::Permissions::from_mode(0o755)).unwrap();
        // Copies of earlier runs whose process is gone.
        if let Ok(entries) = fs::read_dir(std::env::temp_dir()) {
            for e in entries.flatten() {
                let name = e.file_name().to_string_lossy().into_owned();
                if let Some(pid) = name
                    .strip_prefix("rpod-it-bin-")
                    .and_then(|p| p.parse::<u32>().ok())
                    && pid != std::process::id()
                    && !Path::new(&format!("/proc/{pid}")).exists()
                {
                    let _ = fs::remove_dir_all(e.path());
                }
            }
        }
        copy
    })
    .clone()
}

/// What a command did.
#[derive(Debug)]
pub struct Out {
    pub cmd: String,
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Out {
    fn explain(&self) -> String {
        format!(
            "command: {}\nexit code: {}\n--- stdout\n{}\n--- stderr\n{}",
            self.cmd, self.code, self.stdout, self.stderr
        )
    }

    #[track_caller]
    pub fn success(&self) -> &Self {
        assert_eq!(self.code, 0, "expected success\n{}", self.explain());
        self
    }

    #[track_caller]
    pub fn code(&self, code: i32) -> &Self {
        assert_eq!(self.code, code, "unexpected exit code\n{}", self.explain());
        self
    }

    #[track_caller]
    pub fn failure(&self) -> &Self {
        assert_ne!(self.code, 0, "expected failure\n{}", self.explain());
        self
    }

    #[track_caller]
    pub fn stdout_has(&self, s: &str) -> &Self {
        assert!(
            self.stdout.contains(s),
            "stdout lacks {s:?}\n{}",
            self.explain()
        );
        self
    }

    #[track_caller]
    pub fn stderr_has(&self, s: &str) -> &Self {
        assert!(
            self.stderr.contains(s),
            "stderr lacks {s:?}\n{}",
            self.explain()
        );
        self
    }

    #[track_caller]
    pub fn no_panic(&self) -> &Self {
        assert!(
            !self.stderr.contains("panicked at") && !self.stderr.contains("RUST_BACKTRACE"),
            "rpod panicked\n{}",
            self.explain()
        );
        self
    }

    pub fn lines(&self) -> Vec<&str> {
        self.stdout.lines().collect()
    }

    pub fn trimmed(&self) -> &str {
        self.stdout.trim()
    }
}

/// An isolated rpod environment; removed (with everything rpod made in it) on drop.
pub struct Env {
    pub base: PathBuf,
    /// Who runs rpod here and owns the directories: [`user`], or [`second_user`].
    pub owner: (u32, u32),
}

static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// Makes `path` and every missing directory above it, each owned by the user (one left to
/// root would keep the user from writing beside the file, as rpod writes policy.json beside
/// registries.d).
fn make_dir(path: &Path, mode: u32, (uid, gid): (u32, u32)) {
    let missing: Vec<&Path> = path.ancestors().take_while(|p| !p.exists()).collect();
    fs::create_dir_all(path).unwrap();
    for dir in missing.iter().skip(1) {
        chown(*dir, Some(uid), Some(gid)).unwrap();
    }
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
    chown(path, Some(uid), Some(gid)).unwrap();
}

impl Env {
    /// A fresh environment whose rpod finds the test registry for unqualified names, so that
    /// `rpod pull busybox` works as it would against Docker Hub.
    pub fn new() -> Env {
        let env = Env::bare();
        let reg = Registry::shared();
        env.write_config(&format!(
            "[registries]\nunqualified-search = [\"{0}\"]\ninsecure = [\"{0}\"]\n",
            reg.addr()
        ));
        env
    }

    /// [`Env::new`] with busybox already pulled: where most tests start.
    pub fn with_busybox() -> Env {
        let env = Env::new();
        env.rpod(&["pull", "-q", "busybox"]).success();
        env
    }

    /// A fresh environment with no configuration.
    pub fn bare() -> Env {
        Env::bare_of(user())
    }

    /// [`Env::bare`] for the user `owner`.
    pub fn bare_of(owner: (u32, u32)) -> Env {
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let base = std::env::temp_dir().join(format!("rpod-it-{}-{n}", std::process::id()));
        let _ = fs::remove_dir_all(&base);
        make_dir(&base, 0o755, owner);
        for (dir, mode) in [
            ("home", 0o755),
            ("data", 0o700),
            ("config", 0o700),
            ("runtime", 0o700),
            ("work", 0o755),
        ] {
            make_dir(&base.join(dir), mode, owner);
        }
        Env { base, owner }
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.base.join(rel)
    }

    /// The rpod data directory (`$XDG_DATA_HOME/rpod`).
    pub fn data(&self) -> PathBuf {
        self.base.join("data/rpod")
    }

    pub fn write_config(&self, toml: &str) {
        let dir = self.base.join("config/rpod");
        make_dir(&dir, 0o700, self.owner);
        let path = dir.join("rpod.toml");
        fs::write(&path, toml).unwrap();
        let (uid, gid) = self.owner;
        chown(&path, Some(uid), Some(gid)).unwrap();
    }

    /// Writes a file the test user owns.
    pub fn write_file(&self, rel: &str, content: &[u8]) -> PathBuf {
        let path = self.base.join(rel);
        if let Some(parent) = path.parent() {
            make_dir(parent, 0o755, self.owner);
        }
        fs::write(&path, content).unwrap();
        let (uid, gid) = self.owner;
        chown(&path, Some(uid), Some(gid)).unwrap();
        path
    }

    /// Any program, as the test user with this environment.
    pub fn command(&self, program: impl AsRef<std::ffi::OsStr>) -> Command {
        let mut cmd = Command::new(program);
        cmd.env_clear()
            .env("PATH", "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin")
            .env("HOME", self.base.join("home"))
            .env("XDG_DATA_HOME", self.base.join("data"))
            .env("XDG_CONFIG_HOME", self.base.join("config"))
            .env("XDG_RUNTIME_DIR", self.base.join("runtime"))
            .env("LANG", "C.UTF-8")
            .current_dir(self.base.join("work"))
            .stdin(Stdio::null());
        if nix::unistd::getuid().is_root() {
            let (uid, gid) = self.owner;
            cmd.uid(uid).gid(gid);
        }
        cmd
    }

    /// rpod with `args`, not yet started.
    pub fn rpod_cmd<I, S>(&self, args: I) -> Command
    where
        I: IntoIterator<Item = S>,
        S: Into<OsString>,
    {
        let mut cmd = self.command(rpod_bin());
        cmd.args(args.into_iter().map(Into::into));
        cmd
    }

    pub fn rpod(&self, args: &[&str]) -> Out {
        self.run_with_stdin(self.rpod_cmd(args), None)
    }

    pub fn rpod_with_stdin(&self, args: &[&str], input: &[u8]) -> Out {
        self.run_with_stdin(self.rpod_cmd(args), Some(input))
    }

    /// Runs any program as the test user.
    pub fn run_as_user(&self, program: &str, args: &[&str]) -> Out {
        let mut cmd = self.command(program);
        cmd.args(args);
        self.run_with_stdin(cmd, None)
    }

    pub fn run_with_stdin(&self, mut cmd: Command, input: Option<&[u8]>) -> Out {
        let line = format!("{:?}", cmd);
        if input.is_some() {
            cmd.stdin(Stdio::piped());
        }
        cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
        let mut child = cmd
            .spawn()
            .unwrap_or_else(|e| panic!("cannot run {line}: {e}"));
        if let Some(data) = input {
            let mut stdin = child.stdin.take().unwrap();
            let data = data.to_vec();
            std::thread::spawn(move || {
                let _ = stdin.write_all(&data);
            });
        }
        wait_output(child, &line)
    }
}

/// Waits for a child with the harness's timeout, collecting its output.
pub fn wait_output(mut child: Child, line: &str) -> Out {
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out_reader = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = stdout.read_to_end(&mut s);
        s
    });
    let err_reader = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = stderr.read_to_end(&mut s);
        s
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > TIMEOUT {
            let _ = child.kill();
            panic!("timed out after {TIMEOUT:?}: {line}");
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    Out {
        cmd: line.to_string(),
        code: status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out_reader.join().unwrap()).into_owned(),
        stderr: String::from_utf8_lossy(&err_reader.join().unwrap()).into_owned(),
    }
}

impl Drop for Env {
    fn drop(&mut self) {
        // Containers still running belong to this test: their monitors go with it.
        let marker = self.base.join("runtime/rpod/containers");
        if let Ok(entries) = fs::read_dir(&marker) {
            for entry in entries.flatten() {
                if let Ok(text) = fs::read_to_string(entry.path().join("monitor.json"))
                    && let Ok(v) = serde_json::from_str::<serde_json::Value>(&text)
                    && let Some(pid) = v["monitor"]["pid"].as_i64()
                {
                    let _ = nix::sys::signal::kill(
                        nix::unistd::Pid::from_raw(pid as i32),
                        nix::sys::signal::Signal::SIGKILL,
                    );
                }
            }
        }
        if nix::unistd::getuid().is_root() {
            let _ = fs::remove_dir_all(&self.base);
        } else {
            let _ = Command::new("chmod")
                .args(["-R", "u+rwx"])
                .arg(&self.base)
                .status();
            let _ = fs::remove_dir_all(&self.base);
        }
    }
}
