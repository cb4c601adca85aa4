//! OCI hooks (the runtime specification's POSIX-platform hooks): programs run at the stages of
//! a container's life with the container's state as JSON on their stdin. The monitor runs
//! them; which hooks a container gets is decided from the hook files at start
//! (`container::hooks`).
#![allow(unsafe_code)]

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{Read, Seek, Write};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

/// The lifecycle stages of the runtime specification, in the order a container meets them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Stage {
    Prestart,
    CreateRuntime,
    CreateContainer,
    StartContainer,
    Poststart,
    Poststop,
}

impl Stage {
    pub const ALL: [Stage; 6] = [
        Stage::Prestart,
        Stage::CreateRuntime,
        Stage::CreateContainer,
        Stage::StartContainer,
        Stage::Poststart,
        Stage::Poststop,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Stage::Prestart => "prestart",
            Stage::CreateRuntime => "createRuntime",
            Stage::CreateContainer => "createContainer",
            Stage::StartContainer => "startContainer",
            Stage::Poststart => "poststart",
            Stage::Poststop => "poststop",
        }
    }

    pub fn parse(name: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|s| s.name() == name)
    }

    /// The stages the specification runs in the container's namespaces; the others run in
    /// the runtime's (the monitor's).
    fn in_container(self) -> bool {
        matches!(self, Stage::CreateContainer | Stage::StartContainer)
    }

    /// The container's status its state reports at this stage.
    pub fn status(self) -> &'static str {
        match self {
            Stage::Prestart | Stage::CreateRuntime | Stage::CreateContainer => "creating",
            Stage::StartContainer => "created",
            Stage::Poststart => "running",
            Stage::Poststop => "stopped",
        }
    }

    /// Whether a failure stops the start: the specification makes the hooks before the
    /// container's process fatal and the later ones warnings.
    pub fn is_fatal(self) -> bool {
        !matches!(self, Stage::Poststart | Stage::Poststop)
    }
}

/// One hook as the runtime specification has it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hook {
    pub path: PathBuf,
    /// argv, its first word included (execv's semantics); empty: the path alone.
    #[serde(default)]
    pub args: Vec<String>,
    /// The whole environment (`NAME=VALUE`): the monitor's is not passed on.
    #[serde(default)]
    pub env: Vec<String>,
    /// Seconds before the hook is killed; None: it may take as long as it takes.
    #[serde(default)]
    pub timeout: Option<u32>,
}

/// A container's hooks by stage, each stage's in the order of their files.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hooks(pub Vec<(Stage, Hook)>);

impl Hooks {
    pub fn of(&self, stage: Stage) -> impl Iterator<Item = &Hook> {
        self.0
            .iter()
            .filter(move |(s, _)| *s == stage)
            .map(|(_, h)| h)
    }
}

/// The container's state as the runtime specification's `state` operation reports it.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct State<'a> {
    pub oci_version: &'static str,
    pub id: &'a str,
    pub status: &'static str,
    pub pid: i32,
    pub bundle: &'a Path,
    pub annotations: &'a BTreeMap<String, String>,
}

/// Why a hook failed, in crun's words where it has them.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[error("error executing {stage} hook `{path}` ({how}){stderr}")]
pub struct HookFailure {
    pub stage: String,
    pub path: PathBuf,
    pub how: String,
    /// The end of what the hook wrote on stderr, after ": ", or nothing.
    pub stderr: String,
}

/// What a hook may write on stderr that its failure repeats.
const STDERR_KEPT: usize = 400;
/// How often an unfinished hook with a timeout is looked at.
const POLL: Duration = Duration::from_millis(2);

/// Runs `hook` for `stage` with `state` on its stdin; `init` is the container's init, whose
/// namespaces the container's stages enter.
pub fn run(stage: Stage, hook: &Hook, state: &State, init: i32) -> Result<(), HookFailure> {
    let failure = |how: String, stderr: String| HookFailure {
        stage: stage.name().into(),
        path: hook.path.clone(),
        how,
        stderr,
    };
    let os = |e: std::io::Error| failure(e.to_string().to_lowercase(), String::new());
    let namespaces = match stage.in_container() {
        true => container_namespaces(init).map_err(os)?,
        false => Vec::new(),
    };
    let mut errors = tempfile::tempfile().map_err(os)?;
    let mut command = Command::new(&hook.path);
    if let Some((first, rest)) = hook.args.split_first() {
        command.arg0(first).args(rest);
    }
    command
        .env_clear()
        .envs(hook.env.iter().filter_map(|e| e.split_once('=')))
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(errors.try_clone().map_err(os)?);
    // SAFETY: the monitor is single-threaded; between fork and exec the child makes only
    // system calls (sigprocmask, setpgid, setns, chdir) on values made before the fork.
    unsafe {
        command.pre_exec(move || {
            // The monitor blocks the signals it reads from its signalfd: a hook starts as any
            // program does.
            nix::sys::signal::sigprocmask(
                nix::sys::signal::SigmaskHow::SIG_SETMASK,
                Some(&nix::sys::signal::SigSet::empty()),
                None,
            )?;
            // Its own group: a timeout kills what it started too.
            nix::unistd::setpgid(nix::unistd::Pid::from_raw(0), nix::unistd::Pid::from_raw(0))?;
            for (file, kind) in &namespaces {
                nix::sched::setns(file, *kind)?;
            }
            if !namespaces.is_empty() {
                nix::unistd::chdir("/")?;
            }
            Ok(())
        });
    }
    let mut child = command.spawn().map_err(os)?;
    feed(&mut child, state);
    let limit = hook.timeout.map(|s| Duration::from_secs(s.into()));
    let status = match wait(&mut child, limit).map_err(os)? {
        Some(status) => status,
        None => {
            let secs = hook.timeout.unwrap_or_default();
            return Err(failure(format!("timed out after {secs} s"), String::new()));
        }
    };
    if status.success() {
        return Ok(());
    }
    let how = match status.code() {
        Some(code) => format!("exit code: {code}"),
        None => format!("killed by signal {}", status_signal(status)),
    };
    Err(failure(how, tail(&mut errors)))
}

/// The container's namespaces a hook joins, the mount namespace last: what it opens after
/// that resolves in the container's root.
fn container_namespaces(init: i32) -> std::io::Result<Vec<(File, nix::sched::CloneFlags)>> {
    use nix::sched::CloneFlags;
    [
        ("ipc", CloneFlags::CLONE_NEWIPC),
        ("uts", CloneFlags::CLONE_NEWUTS),
        ("net", CloneFlags::CLONE_NEWNET),
        ("mnt", CloneFlags::CLONE_NEWNS),
    ]
    .into_iter()
    .map(|(name, kind)| Ok((File::open(format!("/proc/{init}/ns/{name}"))?, kind)))
    .collect()
}

/// Writes the state without blocking on a hook that does not read it (a few hundred bytes
/// fit the pipe); the hook gets end-of-file after it.
fn feed(child: &mut Child, state: &State) {
    let Some(mut stdin) = child.stdin.take() else {
        return;
    };
    let _ = nix::fcntl::fcntl(
        &stdin,
        nix::fcntl::FcntlArg::F_SETFL(nix::fcntl::OFlag::O_NONBLOCK),
    );
    let bytes = serde_json::to_vec(state).expect("a hook state serialises");
    let _ = stdin.write_all(&bytes);
}

/// The hook's end, or None once it overran `limit` (it and its process group are killed, and
/// it is reaped).
fn wait(child: &mut Child, limit: Option<Duration>) -> std::io::Result<Option<ExitStatus>> {
    let Some(limit) = limit else {
        return child.wait().map(Some);
    };
    let deadline = Instant::now() + limit;
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(Some(status));
        }
        if Instant::now() >= deadline {
            let group = nix::unistd::Pid::from_raw(child.id() as i32);
            let _ = nix::sys::signal::killpg(group, nix::sys::signal::Signal::SIGKILL);
            child.wait()?;
            return Ok(None);
        }
        std::thread::sleep(POLL);
    }
}

fn status_signal(status: ExitStatus) -> i32 {
    std::os::unix::process::ExitStatusExt::signal(&status).unwrap_or_default()
}

/// The last line the hook wrote on stderr, shortened, after ": ".
fn tail(errors: &mut File) -> String {
    let mut text = String::new();
    let _ = errors.rewind();
    let _ = errors.read_to_string(&mut text);
    let last = text.trim_end().lines().last().unwrap_or("").trim();
    match last.char_indices().nth(STDERR_KEPT) {
        Some((cut, _)) => format!(": {}…", &last[..cut]),
        None if last.is_empty() => String::new(),
        None => format!(": {last}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state<'a>(annotations: &'a BTreeMap<String, String>) -> State<'a> {
        State {
            oci_version: "1.0.2",
            id: "abc",
            status: "creating",
            pid: std::process::id() as i32,
            bundle: Path::new("/tmp"),
            annotations,
        }
    }

    fn sh(script: &str, timeout: Option<u32>) -> Hook {
        Hook {
            path: "/bin/sh".into(),
            args: vec!["sh".into(), "-c".into(), script.into()],
            env: vec!["GREETING=hi".into()],
            timeout,
        }
    }

    #[test]
    fn a_hook_reads_the_state_and_gets_only_its_environment() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let script = format!(
            "cat > {0}; echo \" $GREETING ${{HOME:-none}}\" >> {0}",
            out.display()
        );
        let annotations = BTreeMap::from([("a".to_string(), "b".to_string())]);
        run(Stage::Prestart, &sh(&script, None), &state(&annotations), 0).unwrap();
        let got = std::fs::read_to_string(out).unwrap();
        assert!(
            got.starts_with(r#"{"ociVersion":"1.0.2","id":"abc","status":"creating""#),
            "{got}"
        );
        assert!(got.contains(r#""annotations":{"a":"b"}"#), "{got}");
        assert!(got.ends_with(" hi none\n"), "{got}");
    }

    #[test]
    fn a_failure_names_the_hook_its_exit_code_and_its_last_words() {
        let none = BTreeMap::new();
        let err = run(
            Stage::Prestart,
            &sh("echo first >&2; echo no GPU >&2; exit 3", None),
            &state(&none),
            0,
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "error executing prestart hook `/bin/sh` (exit code: 3): no GPU"
        );
        let missing = Hook {
            path: "/nonexistent/hook".into(),
            ..sh("", None)
        };
        let err = run(Stage::Poststop, &missing, &state(&none), 0).unwrap_err();
        assert!(
            err.to_string()
                .contains("`/nonexistent/hook` (no such file"),
            "{err}"
        );
    }

    #[test]
    fn a_hook_past_its_timeout_is_killed() {
        let none = BTreeMap::new();
        let began = Instant::now();
        let err = run(Stage::Poststart, &sh("sleep 30", Some(1)), &state(&none), 0).unwrap_err();
        assert!(began.elapsed() < Duration::from_secs(5));
        assert!(err.to_string().contains("(timed out after 1 s)"), "{err}");
    }
}
