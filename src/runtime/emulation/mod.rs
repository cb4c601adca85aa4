//! Root emulation: with one mapped id, every process of a container is the same kernel user,
//! yet `apt-get`, `dpkg`, `useradd`, `chown`, `su` and daemons that drop their privileges
//! expect a full range of users. The container's processes run under a seccomp filter that
//! suspends the calls about identities and owners and asks a supervisor, which answers them
//! from emulated credentials (per process) and recorded owners (per file, in the user xattr
//! `user.rpod.owner`):
//!
//! - get*id/set*id/setgroups/getgroups follow the kernel's rules on the emulated ids;
//! - chown-family calls record the owner instead of failing; stat-family calls report it;
//! - execve of a set-user-ID (set-group-ID) program by its recorded owner changes the emulated
//!   effective id, as the kernel would;
//! - everything else runs untouched, with the kernel's own checks.
//!
//! The supervisor is a child of the container's monitor that has entered the container's mount
//! namespace: its root is the container's, so what a path names is what the container sees,
//! and nothing it resolves can lead out of the container (see paths.rs). Every pointer and
//! path from the container is hostile: bad memory gives the caller EFAULT, never the
//! supervisor trouble, and a caller that died mid-call is simply not answered.
//!
//! Emulation is not isolation: all these users are one kernel user, so one can still read or
//! write what another "owns".

mod anchors;
mod creds;
mod handlers;
mod hostproc;
mod notify;
mod owners;
mod paths;
mod procfs;
mod serve;
mod stats;
mod table;
mod target;

use std::os::fd::{AsFd, AsRawFd, OwnedFd};
use std::os::unix::net::UnixListener;
use std::path::{Path, PathBuf};

use nix::sched::CloneFlags;
use nix::unistd::{ForkResult, Pid};
use serde::{Deserialize, Serialize};

use super::seccomp::{self, Action, ArgCondition, CmpOp, Profile, Rule, SeccompError};
use super::sync;

/// The socket in a container's runtime directory through which `exec` hands its listener over.
pub const SOCKET: &str = "emulation.sock";
/// The file in a container's runtime directory where the supervisor publishes each tracked
/// process's emulated effective uid (`PID UID` lines, host pids), for `top`.
pub const IDENTITIES: &str = "identities";

/// What the supervisor last published: host pid → emulated effective uid. Processes not in
/// it have their nearest listed ancestor's, or the container's user.
pub fn published_identities(run_dir: &Path) -> std::collections::HashMap<i32, u32> {
    let text = std::fs::read_to_string(run_dir.join(IDENTITIES)).unwrap_or_default();
    text.lines()
        .filter_map(|l| {
            let (pid, uid) = l.split_once(' ')?;
            Some((pid.parse().ok()?, uid.parse().ok()?))
        })
        .collect()
}

/// The ids a process starts with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identity {
    pub uid: u32,
    pub gid: u32,
    /// Supplementary groups.
    pub groups: Vec<u32>,
    /// The capability numbers the process may hold: what root gets, and regains at execve.
    pub capabilities: Vec<u32>,
}

/// What a process that is to run emulated installs before execve.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Emulation {
    pub identity: Identity,
    /// The compiled filter (see [`program`]).
    pub filter: Vec<u8>,
}

/// The message that brings a listener to the supervisor (the descriptor travels with it).
#[derive(Debug, Serialize, Deserialize)]
struct Register {
    identity: Identity,
}

#[derive(Debug, thiserror::Error)]
pub enum EmulationError {
    #[error("cannot compile the root emulation's seccomp filter: {0}")]
    Filter(#[from] SeccompError),
    #[error("cannot start the root emulation's supervisor: {what}: {source}")]
    Start {
        what: &'static str,
        #[source]
        source: std::io::Error,
    },
}

fn start_error(what: &'static str) -> impl FnOnce(std::io::Error) -> EmulationError {
    move |source| EmulationError::Start { what, source }
}

/// The calls the supervisor answers. Names unknown to an architecture (aarch64 has no chown,
/// stat, lstat) are skipped by the compiler.
const CALLS: &[&str] = &[
    "getuid",
    "geteuid",
    "getgid",
    "getegid",
    "getresuid",
    "getresgid",
    "getgroups",
    "setuid",
    "setgid",
    "setreuid",
    "setregid",
    "setresuid",
    "setresgid",
    "setfsuid",
    "setfsgid",
    "setgroups",
    "capget",
    "capset",
    "chown",
    "lchown",
    "fchown",
    "fchownat",
    "stat",
    "lstat",
    "fstat",
    "newfstatat",
    "statx",
    "execve",
    "execveat",
    "exit_group",
];

/// Calls that always create a file: the supervisor records who made it when that is an
/// emulated user.
const CREATING: &[&str] = &["creat", "mkdir", "mkdirat"];

/// open and openat, with the position of their flags (x86_64's open takes them second): they
/// may create a file (O_CREAT), or read a process's /proc status, which the supervisor serves
/// with the emulated ids. Any other open (for writing, O_PATH, O_DIRECTORY, O_TMPFILE) is the
/// kernel's alone, so the filter lets it through without a round trip to the supervisor:
/// most of a package installation's opens.
const OPENING: &[(&str, u8)] = &[("open", 1), ("openat", 2)];

/// The flag conditions under which an open goes to the supervisor (any one of them).
fn opening_conditions(flags_at: u8) -> [ArgCondition; 2] {
    let creating = libc::O_CREAT as u64;
    let not_plain_read =
        (libc::O_ACCMODE | libc::O_PATH | libc::O_DIRECTORY | libc::O_CREAT) as u64;
    [
        ArgCondition {
            index: flags_at,
            op: CmpOp::MaskedEq(creating),
            value: creating,
        },
        ArgCondition {
            index: flags_at,
            op: CmpOp::MaskedEq(not_plain_read),
            value: 0,
        },
    ]
}

/// The filter, compiled for this host.
pub fn program() -> Result<seccomp::Program, EmulationError> {
    let mut rules = vec![
        Rule::new(CALLS, Action::Notify),
        Rule::new(CREATING, Action::Notify),
    ];
    for (call, flags_at) in OPENING {
        for condition in opening_conditions(*flags_at) {
            rules.push(Rule {
                args: vec![condition],
                ..Rule::new(&[call], Action::Notify)
            });
        }
    }
    // PR_GET_KEEPCAPS and PR_SET_KEEPCAPS, which the capability rules depend on.
    for option in [libc::PR_GET_KEEPCAPS, libc::PR_SET_KEEPCAPS] {
        rules.push(Rule {
            args: vec![ArgCondition {
                index: 0,
                op: CmpOp::Eq,
                value: option as u64,
            }],
            ..Rule::new(&["prctl"], Action::Notify)
        });
    }
    // SO_PEERCRED: who is at the other end of a unix socket (postgres' peer authentication).
    rules.push(Rule {
        args: vec![
            ArgCondition {
                index: 1,
                op: CmpOp::Eq,
                value: libc::SOL_SOCKET as u64,
            },
            ArgCondition {
                index: 2,
                op: CmpOp::Eq,
                value: libc::SO_PEERCRED as u64,
            },
        ],
        ..Rule::new(&["getsockopt"], Action::Notify)
    });
    let profile = Profile {
        default_action: Action::Allow,
        rules,
    };
    let target = seccomp::Target::host()?;
    Ok(seccomp::compile(&profile, &[] as &[&str], target)?)
}

/// Installs the filter in the calling thread and hands its listener to the supervisor over
/// `to_supervisor` (the init's channel, or an `exec` helper's connection). Our copy of the
/// listener is closed before returning: if the supervisor dies, emulated calls then fail
/// with ENOSYS instead of waiting forever.
pub fn install(emulation: &Emulation, to_supervisor: &OwnedFd) -> Result<(), SeccompError> {
    let program = seccomp::Program::from_bytes(&emulation.filter)?;
    let listener = seccomp::install_listening(&program)?;
    let register = Register {
        identity: emulation.identity.clone(),
    };
    sync::send(to_supervisor, &register, Some(listener.as_raw_fd())).map_err(SeccompError::Install)
}

/// An `exec` helper's connection to a running container's supervisor, made before the helper
/// enters the container's namespaces.
pub fn connect(run_dir: &Path) -> std::io::Result<OwnedFd> {
    let short = sync::ShortPath::new(run_dir, SOCKET)?;
    let socket = nix::sys::socket::socket(
        nix::sys::socket::AddressFamily::Unix,
        nix::sys::socket::SockType::SeqPacket,
        nix::sys::socket::SockFlag::SOCK_CLOEXEC,
        None,
    )?;
    let addr = nix::sys::socket::UnixAddr::new(&short.path)?;
    nix::sys::socket::connect(socket.as_raw_fd(), &addr)?;
    Ok(socket)
}

/// What the supervisor of one container needs.
pub struct SupervisorSpec {
    /// The container's init, as the monitor numbers it.
    pub init_pid: i32,
    pub run_dir: PathBuf,
    /// Who the kernel makes the owner of new files: the one mapped id.
    pub kernel_owner: crate::ids::FileOwner,
    /// The ids the init starts with (those its listener is registered with).
    pub init_identity: Identity,
}

/// The running supervisor, a child of the monitor; killed and reaped when dropped.
pub struct Supervisor {
    pid: Pid,
}

/// The channel pair between the init (which sends its listener) and the supervisor, made
/// before the init is cloned so that the init inherits its end.
pub fn channel() -> nix::Result<(OwnedFd, OwnedFd)> {
    sync::pair()
}

/// Forks the supervisor. The caller (the monitor) is single-threaded and inside the
/// container's user namespace; the init has finished its mounts.
#[allow(unsafe_code)]
pub fn start(spec: &SupervisorSpec, control: OwnedFd) -> Result<Supervisor, EmulationError> {
    // Everything that can fail is done before the fork, so that the monitor reports it.
    let socket = listen(&spec.run_dir).map_err(start_error("listen"))?;
    let proc = hostproc::Proc::open().map_err(start_error("open /proc"))?;
    let mount_ns = std::fs::File::open(format!("/proc/{}/ns/mnt", spec.init_pid))
        .map_err(start_error("open the container's mount namespace"))?;
    let table = table::Table::new(&proc, spec.init_pid).map_err(start_error("read /proc"))?;
    let run_dir = nix::fcntl::open(
        &spec.run_dir,
        nix::fcntl::OFlag::O_PATH | nix::fcntl::OFlag::O_DIRECTORY | nix::fcntl::OFlag::O_CLOEXEC,
        nix::sys::stat::Mode::empty(),
    )
    .map_err(|e| start_error("open the runtime directory")(e.into()))?;
    let stats = stats::Stats::from_env();
    // SAFETY: the monitor is single-threaded, so the child may run any code after fork.
    match unsafe { nix::unistd::fork() }.map_err(|e| start_error("fork")(e.into()))? {
        ForkResult::Parent { child } => Ok(Supervisor { pid: child }),
        ForkResult::Child => {
            let _ = nix::sys::prctl::set_pdeathsig(nix::sys::signal::Signal::SIGKILL);
            // One pidfd per tracked process: a busy container has thousands.
            use nix::sys::resource::{Resource, getrlimit, setrlimit};
            if let Ok((_, hard)) = getrlimit(Resource::RLIMIT_NOFILE) {
                let _ = setrlimit(Resource::RLIMIT_NOFILE, hard, hard);
            }
            let entered = nix::sched::setns(mount_ns.as_fd(), CloneFlags::CLONE_NEWNS);
            drop(mount_ns);
            // The monitor's descriptors (the CLI's channel, the container's pipes) are not
            // the supervisor's to hold open.
            let mut keep = vec![
                control.as_raw_fd(),
                socket.as_raw_fd(),
                proc.raw(),
                run_dir.as_raw_fd(),
            ];
            keep.extend(stats.as_ref().map(stats::Stats::raw));
            if entered.is_ok() && super::exec_process::close_fds_except(&keep).is_ok() {
                // The init's entry, made while the init waits for the CLI's go: what its
                // first notified call would make from /proc (its parent, the monitor, is
                // outside the container), off the way to its first instruction.
                let mut table = table;
                table.seed(spec.init_pid, creds::Creds::new(&spec.init_identity));
                let supervisor = handlers::Supervisor {
                    owners: owners::Owners::new(proc),
                    table,
                    anchors: anchors::Anchors::default(),
                    kernel_owner: spec.kernel_owner,
                    identities_changed: false,
                };
                if let Ok(mut l) = serve::Loop::new(control, socket, run_dir, supervisor, stats) {
                    l.run();
                    l.write_stats();
                }
            }
            super::exec_process::exit_now(0)
        }
    }
}

/// The listening socket `exec` helpers connect to: SEQPACKET, so that the one message with
/// its descriptor arrives whole.
fn listen(run_dir: &Path) -> std::io::Result<UnixListener> {
    use nix::sys::socket::{AddressFamily, Backlog, SockFlag, SockType, UnixAddr, bind, socket};
    match std::fs::remove_file(run_dir.join(SOCKET)) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    let fd = socket(
        AddressFamily::Unix,
        SockType::SeqPacket,
        SockFlag::SOCK_CLOEXEC,
        None,
    )?;
    bind(
        fd.as_raw_fd(),
        &UnixAddr::new(&sync::ShortPath::new(run_dir, SOCKET)?.path)?,
    )?;
    nix::sys::socket::listen(&fd, Backlog::new(16)?)?;
    Ok(UnixListener::from(fd))
}

impl Drop for Supervisor {
    fn drop(&mut self) {
        let _ = nix::sys::signal::kill(self.pid, nix::sys::signal::Signal::SIGKILL);
        let _ = nix::sys::wait::waitpid(self.pid, None);
    }
}

#[cfg(test)]
mod tests {
    use super::seccomp::bpf_interpreter::{SeccompData, run};

    /// What the filter does with an openat of these flags.
    fn openat(flags: i32) -> u32 {
        let program = super::program().unwrap();
        let arch = program.arch();
        let nr = arch.syscall_number("openat").unwrap();
        let data = SeccompData::new(arch.audit_arch(), nr, [0, 0, flags as u64, 0, 0, 0]);
        run(program.instructions(), &data).0 & libc::SECCOMP_RET_ACTION_FULL
    }

    #[test]
    fn only_opens_that_may_create_or_read_proc_reach_the_supervisor() {
        let notify = libc::SECCOMP_RET_USER_NOTIF;
        let allow = libc::SECCOMP_RET_ALLOW;
        assert_eq!(openat(libc::O_RDONLY), notify);
        assert_eq!(
            openat(libc::O_RDONLY | libc::O_CLOEXEC | libc::O_NOFOLLOW),
            notify
        );
        assert_eq!(
            openat(libc::O_WRONLY | libc::O_CREAT | libc::O_EXCL),
            notify
        );
        assert_eq!(openat(libc::O_RDWR | libc::O_CREAT), notify);
        assert_eq!(openat(libc::O_WRONLY), allow);
        assert_eq!(openat(libc::O_RDWR | libc::O_TRUNC), allow);
        assert_eq!(openat(libc::O_PATH | libc::O_CLOEXEC), allow);
        assert_eq!(
            openat(libc::O_RDONLY | libc::O_DIRECTORY | libc::O_CLOEXEC),
            allow
        );
        assert_eq!(openat(libc::O_RDWR | libc::O_TMPFILE), allow);
    }
}
