//! Loading a compiled program into the kernel for the calling thread.
#![allow(unsafe_code)]

use nix::errno::Errno;

use super::SeccompError;
use super::arch::Arch;
use super::program::{Insn, Program};

/// Installs `program` as a seccomp filter of the calling thread (and everything it executes).
///
/// The caller sets `PR_SET_NO_NEW_PRIVS` first (nix's `prctl::set_no_new_privs`), unless it holds
/// CAP_SYS_ADMIN in its user namespace; otherwise the kernel refuses with EACCES. No thread
/// synchronisation (TSYNC) is requested: the container init is single-threaded when it calls this.
///
/// Meant to run between fork/clone and execve: it neither allocates nor takes locks.
pub fn install(program: &Program) -> Result<(), SeccompError> {
    if Arch::host() != Some(program.arch()) {
        return Err(SeccompError::ArchMismatch {
            program: program.arch(),
            host: std::env::consts::ARCH,
        });
    }
    match set_mode_filter(program.instructions()) {
        Err(Errno::ENOSYS) => prctl_set_seccomp(program.instructions()),
        result => result,
    }
    .map_err(SeccompError::Install)
}

/// Installs `program` like [`install`] and returns the filter's user-notification listener:
/// the descriptor on which its `Notify` actions wait for an answer. seccomp(2) only.
pub fn install_listening(program: &Program) -> Result<std::os::fd::OwnedFd, SeccompError> {
    if Arch::host() != Some(program.arch()) {
        return Err(SeccompError::ArchMismatch {
            program: program.arch(),
            host: std::env::consts::ARCH,
        });
    }
    let prog = fprog(program.instructions());
    // SAFETY: as in `set_mode_filter`; with NEW_LISTENER the kernel returns a new descriptor,
    // owned by us alone from here on.
    let rc = unsafe {
        libc::syscall(
            libc::SYS_seccomp,
            libc::SECCOMP_SET_MODE_FILTER,
            libc::SECCOMP_FILTER_FLAG_NEW_LISTENER as libc::c_uint,
            &prog as *const libc::sock_fprog,
        )
    };
    let fd = Errno::result(rc).map_err(SeccompError::Install)?;
    // SAFETY: the kernel just gave us this descriptor.
    Ok(unsafe { std::os::fd::FromRawFd::from_raw_fd(fd as std::os::fd::RawFd) })
}

fn fprog(insns: &[Insn]) -> libc::sock_fprog {
    libc::sock_fprog {
        // Programs hold 1..=4096 instructions: compile and from_bytes enforce it.
        len: insns.len() as u16,
        // The kernel only reads through this pointer; Insn has sock_filter's layout (checked at
        // compile time in program.rs).
        filter: insns.as_ptr().cast::<libc::sock_filter>().cast_mut(),
    }
}

fn set_mode_filter(insns: &[Insn]) -> Result<(), Errno> {
    let prog = fprog(insns);
    // SAFETY: seccomp(2) reads `prog` and the `len` instructions it points to, both alive for
    // the duration of the call; flags 0 asks for nothing that would write to our memory.
    let rc = unsafe {
        libc::syscall(
            libc::SYS_seccomp,
            libc::SECCOMP_SET_MODE_FILTER,
            0 as libc::c_uint,
            &prog as *const libc::sock_fprog,
        )
    };
    Errno::result(rc).map(drop)
}

/// For kernels before 3.17, which have no seccomp(2).
fn prctl_set_seccomp(insns: &[Insn]) -> Result<(), Errno> {
    let prog = fprog(insns);
    // SAFETY: as for seccomp(2): the kernel only reads `prog` and its instructions during the call.
    let rc = unsafe {
        libc::prctl(
            libc::PR_SET_SECCOMP,
            libc::SECCOMP_MODE_FILTER as libc::c_ulong,
            &prog as *const libc::sock_fprog,
        )
    };
    Errno::result(rc).map(drop)
}

#[cfg(test)]
mod tests {
    use std::thread;

    use super::*;
    use crate::runtime::seccomp::compile_tests::DEFAULT_CAPS;
    use crate::runtime::seccomp::{Target, compile, default_profile};

    /// LINUX_REBOOT_MAGIC1 is 0xfee1dead: any other value makes reboot(2) fail harmlessly.
    const NOT_REBOOT_MAGIC: libc::c_long = 0x1234;

    fn raw_syscall(nr: libc::c_long, args: [libc::c_long; 3]) -> Result<libc::c_long, Errno> {
        // SAFETY: only called with syscalls and arguments that touch no memory of ours (null
        // pointers, integers) and have no effect once the filter refuses them.
        let rc = unsafe { libc::syscall(nr, args[0], args[1], args[2]) };
        Errno::result(rc)
    }

    /// no_new_privs and the filter are per thread without TSYNC: a fresh thread keeps them away
    /// from the rest of the test binary.
    #[test]
    fn default_filter_refuses_denied_calls_in_the_kernel() {
        let program = compile(&default_profile(), DEFAULT_CAPS, Target::host().unwrap()).unwrap();
        thread::spawn(move || {
            nix::sys::prctl::set_no_new_privs().unwrap();
            install(&program).unwrap();

            assert_eq!(
                raw_syscall(libc::SYS_getpid, [0; 3]),
                Ok(libc::c_long::from(std::process::id() as i32))
            );
            // Unfiltered these fail differently (EINVAL as root), so EPERM is the filter's.
            assert_eq!(
                raw_syscall(libc::SYS_reboot, [NOT_REBOOT_MAGIC, 0, 0]),
                Err(Errno::EPERM)
            );
            assert_eq!(
                raw_syscall(libc::SYS_unshare, [libc::CLONE_NEWUSER.into(), 0, 0]),
                Err(Errno::EPERM)
            );
            assert_eq!(
                raw_syscall(libc::SYS_kexec_load, [0, 0, 0]),
                Err(Errno::EPERM)
            );
            assert_eq!(
                raw_syscall(
                    libc::SYS_socket,
                    [libc::AF_VSOCK.into(), libc::SOCK_STREAM.into(), 0]
                ),
                Err(Errno::EPERM)
            );
            // Unfiltered: EINVAL (a zero-sized clone_args).
            assert_eq!(raw_syscall(libc::SYS_clone3, [0, 0, 0]), Err(Errno::ENOSYS));
            assert_eq!(
                raw_syscall(libc::SYS_personality, [0xffff_ffff, 0, 0]).map(|_| ()),
                Ok(())
            );
            assert_eq!(
                raw_syscall(libc::SYS_personality, [0x1234, 0, 0]),
                Err(Errno::EPERM)
            );
        })
        .join()
        .unwrap();
        // This thread has no filter.
        assert_ne!(raw_syscall(libc::SYS_clone3, [0, 0, 0]), Err(Errno::ENOSYS));
    }

    #[test]
    fn refuses_a_program_for_another_architecture() {
        let host = Target::host().unwrap();
        let other = if host.arch == Arch::X86_64 {
            Arch::Aarch64
        } else {
            Arch::X86_64
        };
        let target = Target {
            arch: other,
            ..host
        };
        let program = compile(&default_profile(), DEFAULT_CAPS, target).unwrap();
        assert!(matches!(
            install(&program),
            Err(SeccompError::ArchMismatch { .. })
        ));
    }
}
