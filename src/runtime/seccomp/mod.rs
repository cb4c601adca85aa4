//! Seccomp filters compiled in Rust (no libseccomp): docker's default profile or a docker
//! JSON profile, narrowed to the container's capabilities and this kernel, compiled to classic
//! BPF once and cached by the caller, installed by the container init just before execve.
#![allow(unsafe_code)]

use std::collections::BTreeMap;

mod bpf;
mod profile;
mod syscalls;

pub use profile::{Action, ArgCmp, Op, Profile, Rule, default_profile};

#[derive(Debug, thiserror::Error)]
pub enum SeccompError {
    #[error("invalid seccomp profile: {0}")]
    Profile(String),
    #[error("the seccomp program would have {0} instructions, more than the kernel accepts")]
    TooLong(usize),
    #[error("invalid compiled seccomp program")]
    Corrupt,
    #[error("cannot install the seccomp filter: {0}")]
    Install(std::io::Error),
}

/// A compiled filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Program {
    insns: Vec<bpf::Insn>,
}

fn kernel_version() -> (u32, u32) {
    let release = nix::sys::utsname::uname()
        .map(|u| u.release().to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut parts = release.split(['.', '-']).map(|p| p.parse().unwrap_or(0));
    (parts.next().unwrap_or(0), parts.next().unwrap_or(0))
}

pub fn syscall_number(name: &str) -> Option<u32> {
    syscalls::TABLE
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, nr)| *nr)
}

/// Compiles `profile` for a container holding `capabilities` on this kernel.
pub fn compile(profile: &Profile, capabilities: &[u32]) -> Result<Program, SeccompError> {
    let kernel = kernel_version();
    let mut by_nr: BTreeMap<u32, Vec<(Vec<ArgCmp>, Action)>> = BTreeMap::new();
    for rule in &profile.rules {
        let applies = rule.caps.iter().all(|c| capabilities.contains(c))
            && !rule.not_caps.iter().any(|c| capabilities.contains(c))
            && rule.min_kernel.is_none_or(|min| kernel >= min);
        if !applies {
            continue;
        }
        for name in &rule.names {
            // docker's rule: a name this architecture does not have is skipped.
            if let Some(nr) = syscall_number(name) {
                by_nr
                    .entry(nr)
                    .or_default()
                    .push((rule.args.clone(), rule.action));
            }
        }
    }
    Ok(Program {
        insns: bpf::compile(&by_nr, profile)?,
    })
}

/// The on-disk cache key of a compiled program: same profile, capabilities, kernel, rpod.
pub fn cache_key(profile_text: Option<&str>, capabilities: &[u32]) -> String {
    let (major, minor) = kernel_version();
    let mut h = crate::ids::Hasher::default();
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    h.update(
        format!(
            "{}|{major}.{minor}|{capabilities:?}|",
            std::env::consts::ARCH
        )
        .as_bytes(),
    );
    h.update(profile_text.unwrap_or("default").as_bytes());
    h.finish().hex().to_string()
}

impl Program {
    pub fn len(&self) -> usize {
        self.insns.len()
    }

    pub fn is_empty(&self) -> bool {
        self.insns.is_empty()
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.insns.len() * 8);
        for i in &self.insns {
            out.extend_from_slice(&i.code.to_le_bytes());
            out.push(i.jt);
            out.push(i.jf);
            out.extend_from_slice(&i.k.to_le_bytes());
        }
        out
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Program, SeccompError> {
        if bytes.is_empty() || bytes.len() % 8 != 0 || bytes.len() / 8 > 4096 {
            return Err(SeccompError::Corrupt);
        }
        let insns = bytes
            .chunks_exact(8)
            .map(|c| bpf::Insn {
                code: u16::from_le_bytes([c[0], c[1]]),
                jt: c[2],
                jf: c[3],
                k: u32::from_le_bytes([c[4], c[5], c[6], c[7]]),
            })
            .collect();
        Ok(Program { insns })
    }
}

/// Installs the filter on the calling thread (and what it execs). The caller has set
/// no_new_privs or holds CAP_SYS_ADMIN in its user namespace, as the kernel requires.
pub fn install(program: &Program) -> Result<(), SeccompError> {
    let filters: Vec<libc::sock_filter> = program
        .insns
        .iter()
        .map(|i| libc::sock_filter {
            code: i.code,
            jt: i.jt,
            jf: i.jf,
            k: i.k,
        })
        .collect();
    let fprog = libc::sock_fprog {
        len: filters.len() as u16,
        filter: filters.as_ptr() as *mut libc::sock_filter,
    };
    // SAFETY: PR_SET_SECCOMP reads the sock_fprog and the filter array it points to, both
    // alive across the call; the kernel copies the program.
    let rc = unsafe {
        libc::prctl(
            libc::PR_SET_SECCOMP,
            libc::SECCOMP_MODE_FILTER as libc::c_ulong,
            &fprog as *const libc::sock_fprog as libc::c_ulong,
            0,
            0,
        )
    };
    if rc != 0 {
        return Err(SeccompError::Install(std::io::Error::last_os_error()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::caps;

    fn default_caps() -> Vec<u32> {
        caps::resolve(false, &[], &[]).unwrap()
    }

    fn decide(p: &Program, name: &str, args: [u64; 6]) -> u32 {
        bpf::run(
            &p.insns,
            bpf::AUDIT_ARCH,
            syscall_number(name).unwrap(),
            args,
        )
    }

    const ALLOW: u32 = 0x7fff_0000;
    const EPERM: u32 = 0x0005_0000 | libc::EPERM as u32;

    #[test]
    fn default_profile_allows_the_base_and_denies_the_dangerous() {
        let started = std::time::Instant::now();
        let p = compile(&default_profile(), &default_caps()).unwrap();
        eprintln!(
            "default profile: {} instructions, compiled in {:?}",
            p.len(),
            started.elapsed()
        );
        for name in [
            "read",
            "write",
            "openat",
            "execve",
            "exit_group",
            "futex",
            "clock_gettime",
            "chroot",
        ] {
            assert_eq!(decide(&p, name, [0; 6]), ALLOW, "{name}");
        }
        for name in [
            "reboot",
            "kexec_load",
            "mount",
            "umount2",
            "add_key",
            "keyctl",
            "unshare",
            "setns",
            "init_module",
            "bpf",
        ] {
            assert_eq!(decide(&p, name, [0; 6]), EPERM, "{name}");
        }
        assert_eq!(decide(&p, "personality", [0, 0, 0, 0, 0, 0]), ALLOW);
        assert_eq!(
            decide(&p, "personality", [0xffff_ffff, 0, 0, 0, 0, 0]),
            ALLOW
        );
        assert_eq!(decide(&p, "personality", [0x1234, 0, 0, 0, 0, 0]), EPERM);
        assert_eq!(decide(&p, "socket", [2, 1, 0, 0, 0, 0]), ALLOW);
        assert_eq!(decide(&p, "socket", [40, 1, 0, 0, 0, 0]), EPERM);
        assert_eq!(decide(&p, "clone", [0x11, 0, 0, 0, 0, 0]), ALLOW);
        assert_eq!(
            decide(&p, "clone", [0x1000_0000 | 0x11, 0, 0, 0, 0, 0]),
            EPERM,
            "CLONE_NEWUSER"
        );
        assert_eq!(
            decide(&p, "clone3", [0; 6]),
            0x0005_0000 | libc::ENOSYS as u32
        );
        let x32 = bpf::run(&p.insns, bpf::AUDIT_ARCH, 0x4000_0000, [0; 6]);
        assert_eq!(x32, EPERM);
        assert_eq!(
            bpf::run(&p.insns, 0x4000_0003, 0, [0; 6]),
            0x8000_0000,
            "another arch is killed"
        );
        // Every syscall number decides without running off the program.
        for nr in 0..500 {
            bpf::run(&p.insns, bpf::AUDIT_ARCH, nr, [0; 6]);
        }
    }

    #[test]
    fn capabilities_open_their_groups() {
        let mut with_admin = default_caps();
        with_admin.push(caps::number("SYS_ADMIN").unwrap());
        let p = compile(&default_profile(), &with_admin).unwrap();
        assert_eq!(decide(&p, "mount", [0; 6]), ALLOW);
        assert_eq!(decide(&p, "clone", [0x1000_0000, 0, 0, 0, 0, 0]), ALLOW);
        assert_eq!(decide(&p, "clone3", [0; 6]), ALLOW);
    }

    #[test]
    fn comparisons_on_64_bit_arguments() {
        let cmp = |op, value| Profile {
            default_action: Action::Errno(1),
            rules: vec![Rule {
                names: vec!["read".into()],
                action: Action::Allow,
                args: vec![ArgCmp {
                    index: 2,
                    op,
                    value,
                }],
                caps: vec![],
                not_caps: vec![],
                min_kernel: None,
            }],
        };
        let big = 0x1_0000_0005u64;
        for (op, value, arg, allowed) in [
            (Op::Gt, big, big + 1, true),
            (Op::Gt, big, big, false),
            (Op::Gt, big, 0x2_0000_0000, true),
            (Op::Ge, big, big, true),
            (Op::Lt, big, big - 1, true),
            (Op::Lt, big, 0x0_ffff_ffff, true),
            (Op::Lt, big, big, false),
            (Op::Le, big, big, true),
            (Op::Le, big, 0x2_0000_0000, false),
            (Op::Ne, big, big, false),
            (Op::Ne, big, 5, true),
            (Op::MaskedEq(0xff), 0x05, 0x1205, true),
            (Op::MaskedEq(0xff), 0x05, 0x1206, false),
        ] {
            let p = compile(&cmp(op, value), &[]).unwrap();
            let got = decide(&p, "read", [0, 0, arg, 0, 0, 0]) == ALLOW;
            assert_eq!(got, allowed, "{op:?} {value:#x} on {arg:#x}");
        }
    }

    #[test]
    fn docker_json_profiles() {
        let json = r#"{
            "defaultAction": "SCMP_ACT_ERRNO", "defaultErrnoRet": 1,
            "syscalls": [
                {"names": ["read", "write", "no_such_call"], "action": "SCMP_ACT_ALLOW"},
                {"names": ["mkdir"], "action": "SCMP_ACT_ERRNO", "errnoRet": 13},
                {"names": ["mount"], "action": "SCMP_ACT_ALLOW", "includes": {"caps": ["CAP_SYS_ADMIN"]}},
                {"names": ["socket"], "action": "SCMP_ACT_ALLOW", "args": [{"index": 0, "value": 2, "op": "SCMP_CMP_EQ"}]}
            ]}"#;
        let profile = Profile::from_docker_json(json).unwrap();
        let p = compile(&profile, &default_caps()).unwrap();
        assert_eq!(decide(&p, "read", [0; 6]), ALLOW);
        assert_eq!(decide(&p, "mkdir", [0; 6]), 0x0005_0000 | 13);
        assert_eq!(decide(&p, "mount", [0; 6]), 0x0005_0001);
        assert_eq!(decide(&p, "socket", [2, 0, 0, 0, 0, 0]), ALLOW);
        assert_eq!(decide(&p, "socket", [10, 0, 0, 0, 0, 0]), 0x0005_0001);
        for bad in [
            r#"{"defaultAction": "SCMP_ACT_NOPE"}"#,
            r#"{"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["read"], "action": "SCMP_ACT_ALLOW", "args": [{"index": 0, "value": 1, "op": "SCMP_CMP_SOMETIMES"}]}]}"#,
            r#"{"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["read"], "action": "SCMP_ACT_ALLOW", "args": [{"index": 9, "value": 1, "op": "SCMP_CMP_EQ"}]}]}"#,
            "not json",
        ] {
            assert!(Profile::from_docker_json(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn serialised_programs_round_trip() {
        let p = compile(&default_profile(), &default_caps()).unwrap();
        assert_eq!(Program::from_bytes(&p.to_bytes()).unwrap(), p);
        assert!(Program::from_bytes(&[1, 2, 3]).is_err());
    }

    #[test]
    fn the_kernel_enforces_the_compiled_filter() {
        let p = compile(&default_profile(), &default_caps()).unwrap();
        // Filters and no_new_privs belong to the thread that sets them.
        let outcome = std::thread::spawn(move || {
            nix::sys::prctl::set_no_new_privs().unwrap();
            install(&p).unwrap();
            // SAFETY: a syscall with no pointer arguments; the filter denies it before it runs.
            let denied = unsafe { libc::syscall(libc::SYS_keyctl, 0, 0, 0, 0, 0) };
            let errno = std::io::Error::last_os_error().raw_os_error();
            (
                denied,
                errno,
                std::process::id() > 0,
                nix::unistd::getpid().as_raw() > 0,
            )
        })
        .join()
        .unwrap();
        assert_eq!((outcome.0, outcome.1), (-1, Some(libc::EPERM)));
        assert!(outcome.2 && outcome.3, "allowed calls still work");
    }
}
