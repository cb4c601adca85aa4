//! The last steps before a container's process runs, shared by the container init and
//! `exec`: the terminal, the PATH lookup, ids, capabilities, no_new_privs, seccomp, execve.
#![allow(unsafe_code)]

use std::ffi::CString;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, FromRawFd, IntoRawFd, OwnedFd, RawFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use nix::unistd::{Gid, Uid, execve, setresgid, setresuid};

use super::spec::{ProcessSpec, Security};
use super::sync::InitFailure;
use super::{caps, seccomp};

pub fn fail(stage: impl Into<String>, errno: i32) -> InitFailure {
    InitFailure {
        stage: stage.into(),
        errno,
        exec: false,
    }
}

pub fn nix_fail(stage: impl Into<String>) -> impl FnOnce(nix::Error) -> InitFailure {
    let stage = stage.into();
    move |e| fail(stage, e as i32)
}

/// docker's codes for a process that could not be started: 127 not found, 126 not runnable.
pub fn exec_exit_code(errno: i32) -> i32 {
    if errno == libc::ENOENT { 127 } else { 126 }
}

pub fn exit_now(code: i32) -> ! {
    // SAFETY: _exit ends the process without running the parent's atexit handlers or
    // destructors, which belong to the monitor this process was cloned from.
    unsafe { libc::_exit(code) }
}

pub fn dup2_stdio(stdin: &OwnedFd, stdout: &OwnedFd, stderr: &OwnedFd) -> nix::Result<()> {
    nix::unistd::dup2_stdin(stdin)?;
    nix::unistd::dup2_stdout(stdout)?;
    nix::unistd::dup2_stderr(stderr)
}

pub fn errno() -> i32 {
    std::io::Error::last_os_error()
        .raw_os_error()
        .unwrap_or(libc::EIO)
}

pub fn io_errno(e: &std::io::Error) -> i32 {
    e.raw_os_error().unwrap_or(libc::EIO)
}

/// A new terminal from the devpts of this mount namespace (the container's): master and peer.
pub fn open_pty() -> Result<(OwnedFd, OwnedFd), InitFailure> {
    use nix::fcntl::OFlag;
    let master = nix::pty::posix_openpt(OFlag::O_RDWR | OFlag::O_NOCTTY | OFlag::O_CLOEXEC)
        .map_err(nix_fail("open /dev/ptmx"))?;
    nix::pty::unlockpt(&master).map_err(nix_fail("unlock the terminal"))?;
    // SAFETY: the PtyMaster gives up its descriptor, which it alone owned.
    let master = unsafe { OwnedFd::from_raw_fd(master.into_raw_fd()) };
    // Inherited across the exec as the process's terminal: not close-on-exec.
    let peer = peer_of(master.as_fd(), 0).map_err(|e| fail("open the terminal", io_errno(&e)))?;
    Ok((master, peer))
}

/// A new descriptor of the terminal side of `master`'s pseudo-terminal, close-on-exec, found
/// through the master itself (no path, so no devpts mount is needed to name it).
pub fn terminal_peer(master: BorrowedFd<'_>) -> std::io::Result<OwnedFd> {
    peer_of(master, libc::O_CLOEXEC)
}

fn peer_of(master: BorrowedFd<'_>, flags: libc::c_int) -> std::io::Result<OwnedFd> {
    // SAFETY: TIOCGPTPEER takes its flags by value and returns a new descriptor or -1; the
    // master is a live descriptor for the call's duration.
    let peer = unsafe {
        libc::ioctl(
            master.as_raw_fd(),
            libc::TIOCGPTPEER,
            libc::O_RDWR | libc::O_NOCTTY | flags,
        )
    };
    if peer < 0 {
        return Err(std::io::Error::last_os_error());
    }
    // SAFETY: the descriptor was just returned to us alone.
    Ok(unsafe { OwnedFd::from_raw_fd(peer) })
}

/// Makes `peer` the calling session's controlling terminal and its standard streams.
pub fn make_controlling(peer: &OwnedFd) -> Result<(), InitFailure> {
    // SAFETY: TIOCSCTTY with argument 0 makes the terminal ours; it takes no pointer.
    if unsafe { libc::ioctl(peer.as_raw_fd(), libc::TIOCSCTTY, 0) } < 0 {
        return Err(fail("make the terminal controlling", errno()));
    }
    dup2_stdio(peer, peer, peer).map_err(nix_fail("set up the terminal"))
}

/// A terminal for the container's process: ours as controlling terminal and standard
/// streams, and the container's /dev/console (as the OCI runtime spec has it: systemd as
/// init writes its boot there); its master for the monitor.
pub fn open_terminal() -> Result<OwnedFd, InitFailure> {
    let (master, peer) = open_pty()?;
    bind_console(&peer)?;
    make_controlling(&peer)?;
    Ok(master)
}

fn bind_console(peer: &OwnedFd) -> Result<(), InitFailure> {
    let console = Path::new("/dev/console");
    std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(false)
        .open(console)
        .map_err(|e| fail("create /dev/console", io_errno(&e)))?;
    let source = format!("/proc/self/fd/{}", peer.as_raw_fd());
    nix::mount::mount(
        Some(source.as_str()),
        console,
        None::<&str>,
        nix::mount::MsFlags::MS_BIND,
        None::<&str>,
    )
    .map_err(nix_fail("bind the terminal on /dev/console"))
}

/// The container's PATH lookup, done by the init because only it sees the container's files.
pub fn find_executable(arg0: &str, env: &[String]) -> Result<PathBuf, i32> {
    if arg0.contains('/') {
        return Ok(PathBuf::from(arg0));
    }
    let path = env
        .iter()
        .find_map(|e| e.strip_prefix("PATH="))
        .unwrap_or("/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    let mut denied = false;
    for dir in path.split(':').filter(|d| !d.is_empty()) {
        let candidate = Path::new(dir).join(arg0);
        match nix::unistd::access(&candidate, nix::unistd::AccessFlags::X_OK) {
            Ok(()) if candidate.is_file() => return Ok(candidate),
            Ok(()) => {}
            Err(nix::Error::EACCES) => denied = true,
            Err(_) => {}
        }
    }
    Err(if denied { libc::EACCES } else { libc::ENOENT })
}

fn cstrings<'a>(items: impl Iterator<Item = &'a [u8]>) -> Vec<CString> {
    items.filter_map(|b| CString::new(b).ok()).collect()
}

/// Closes (or, with `CLOSE_RANGE_CLOEXEC`, marks close-on-exec) every descriptor from
/// `first` up.
pub fn close_fds_from(first: u32, flags: u32) -> Result<(), InitFailure> {
    super::fds::close_from(first, flags).map_err(nix_fail("close inherited descriptors"))
}

/// Closes every descriptor from 3 up but those in `keep`.
pub fn close_fds_except(keep: &[RawFd]) -> Result<(), InitFailure> {
    super::fds::close_all_but(keep).map_err(nix_fail("close inherited descriptors"))
}

/// The unprivileged end: ids, capabilities, no_new_privs, seccomp (and the root emulation's
/// filter, whose listener goes to the supervisor over `to_supervisor`), execve.
pub fn exec_process(
    process: &ProcessSpec,
    sec: &Security,
    exe: &Path,
    to_supervisor: Option<&OwnedFd>,
) -> Result<std::convert::Infallible, InitFailure> {
    // Whatever the caller of rpod left open without close-on-exec (a shell's `exec 7< ~`,
    // say) must not reach the container's process: /proc/self/fd/7 would be a directory
    // outside its root (runc's CVE-2024-21626). Only the standard streams pass.
    // `--preserve-fds`, `--preserve-fd`: those the user handed over on purpose, and only those.
    close_fds_from(3, libc::CLOSE_RANGE_CLOEXEC)?;
    super::fds::set_inherited(&process.attrs.preserve_fds, true)
        .map_err(nix_fail("pass --preserve-fds"))?;
    super::process_attrs::apply(&process.attrs)?;
    let (uid, gid) = (process.uid, process.gid);
    // The bounding set must shrink while we still hold CAP_SETPCAP, before the uid changes.
    if Uid::current().as_raw() != uid || Gid::current().as_raw() != gid {
        setresgid(Gid::from_raw(gid), Gid::from_raw(gid), Gid::from_raw(gid))
            .map_err(nix_fail(format!("set gid {gid}")))?;
        nix::sys::prctl::set_keepcaps(true).map_err(nix_fail("keep capabilities"))?;
        setresuid(Uid::from_raw(uid), Uid::from_raw(uid), Uid::from_raw(uid))
            .map_err(nix_fail(format!("set uid {uid}")))?;
    }
    // Capabilities go with the identity the process has: the emulated one when emulated.
    let apparent_uid = sec.emulation.as_ref().map_or(uid, |e| e.identity.uid);
    let keep: &[u32] = if apparent_uid == 0 {
        &sec.capabilities
    } else {
        &[]
    };
    if apparent_uid != 0 && uid == 0 {
        // Really root but emulating a user: no execve may hand root's capabilities back.
        no_root_privileges()?;
    }
    // Read now: under the root emulation's filter the open and its fstat would be two more
    // round trips to the supervisor on the way to every container's first instruction.
    let last_cap = caps::last_cap();
    let program = match &sec.seccomp {
        Some(bytes) => Some(
            seccomp::Program::from_bytes(bytes)
                .map_err(|_| fail("load the seccomp filter", libc::EINVAL))?,
        ),
        None => None,
    };
    let install = |program: &Option<seccomp::Program>| -> Result<(), InitFailure> {
        if let Some(p) = program {
            seccomp::install(p)
                .map_err(|e| fail(format!("install the seccomp filter: {e}"), libc::EINVAL))?;
        }
        if let Some(emulation) = &sec.emulation {
            let to =
                to_supervisor.ok_or_else(|| fail("reach the root emulation", libc::ENOTCONN))?;
            super::emulation::install(emulation, to)
                .map_err(|e| fail(format!("install the root emulation: {e}"), libc::EINVAL))?;
        }
        Ok(())
    };
    // As runc orders it: without no_new_privs the filter needs CAP_SYS_ADMIN, so it goes in
    // before the capabilities are dropped; with it, after.
    if sec.no_new_privileges {
        caps::apply(keep, last_cap).map_err(|e| fail("drop capabilities", io_errno(&e)))?;
        nix::sys::prctl::set_no_new_privs().map_err(nix_fail("set no_new_privs"))?;
        install(&program)?;
    } else {
        install(&program)?;
        caps::bound(keep, last_cap).map_err(|e| fail("drop capabilities", io_errno(&e)))?;
        // Under root emulation the filter is in, and the capset would be a round trip on the
        // way to every container's first instruction that changes nothing: the supervisor
        // answers it without the kernel running it, setting only the emulated sets, to what
        // it gives a listener's first process anyway (the same capabilities, held only by an
        // emulated root); the kernel's own sets are what execve makes of the bounding set
        // just reduced (issue 14).
        if sec.emulation.is_none() {
            caps::set_sets(keep).map_err(|e| fail("drop capabilities", io_errno(&e)))?;
        }
    }
    let path = CString::new(exe.as_os_str().as_bytes()).map_err(|_| fail("exec", libc::EINVAL))?;
    let args = cstrings(process.args.iter().map(|a| a.as_bytes()));
    let env = cstrings(process.env.iter().map(|e| e.as_bytes()));
    let errno = match execve(&path, &args, &env) {
        Ok(never) => match never {},
        Err(e) => e as i32,
    };
    Err(InitFailure {
        stage: format!("exec {}", exe.display()),
        errno,
        exec: true,
    })
}

/// SECBIT_NOROOT, locked: being uid 0 grants no capabilities at execve.
fn no_root_privileges() -> Result<(), InitFailure> {
    const SECBIT_NOROOT: libc::c_ulong = 1 << 0;
    const SECBIT_NOROOT_LOCKED: libc::c_ulong = 1 << 1;
    // SAFETY: PR_SET_SECUREBITS takes its flags by value, no pointers.
    let rc = unsafe {
        libc::prctl(
            libc::PR_SET_SECUREBITS,
            SECBIT_NOROOT | SECBIT_NOROOT_LOCKED,
            0,
            0,
            0,
        )
    };
    if rc != 0 {
        return Err(fail("set securebits", errno()));
    }
    Ok(())
}
