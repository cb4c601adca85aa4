//! Linux capabilities by name, docker's default set, and dropping to a set before execve.
#![allow(unsafe_code)]

use std::io;

/// Capability names, indexed by number (linux/capability.h).
const NAMES: [&str; 41] = [
    "CHOWN",
    "DAC_OVERRIDE",
    "DAC_READ_SEARCH",
    "FOWNER",
    "FSETID",
    "KILL",
    "SETGID",
    "SETUID",
    "SETPCAP",
    "LINUX_IMMUTABLE",
    "NET_BIND_SERVICE",
    "NET_BROADCAST",
    "NET_ADMIN",
    "NET_RAW",
    "IPC_LOCK",
    "IPC_OWNER",
    "SYS_MODULE",
    "SYS_RAWIO",
    "SYS_CHROOT",
    "SYS_PTRACE",
    "SYS_PACCT",
    "SYS_ADMIN",
    "SYS_BOOT",
    "SYS_NICE",
    "SYS_RESOURCE",
    "SYS_TIME",
    "SYS_TTY_CONFIG",
    "MKNOD",
    "LEASE",
    "AUDIT_WRITE",
    "AUDIT_CONTROL",
    "SETFCAP",
    "MAC_OVERRIDE",
    "MAC_ADMIN",
    "SYSLOG",
    "WAKE_ALARM",
    "BLOCK_SUSPEND",
    "AUDIT_READ",
    "PERFMON",
    "BPF",
    "CHECKPOINT_RESTORE",
];

/// docker's default capabilities for a container's root.
pub const DEFAULT: [&str; 14] = [
    "CHOWN",
    "DAC_OVERRIDE",
    "FSETID",
    "FOWNER",
    "MKNOD",
    "NET_RAW",
    "SETGID",
    "SETUID",
    "SETFCAP",
    "SETPCAP",
    "NET_BIND_SERVICE",
    "SYS_CHROOT",
    "KILL",
    "AUDIT_WRITE",
];

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum CapError {
    #[error("unknown capability {0:?}: expected a name like NET_ADMIN or CAP_NET_ADMIN, or ALL")]
    Unknown(String),
}

/// The number of a capability name, with or without `CAP_`, any case.
pub fn number(name: &str) -> Result<u32, CapError> {
    let upper = name.to_ascii_uppercase();
    let bare = upper.strip_prefix("CAP_").unwrap_or(&upper);
    NAMES
        .iter()
        .position(|n| *n == bare)
        .map(|i| i as u32)
        .ok_or_else(|| CapError::Unknown(name.to_string()))
}

pub fn name(number: u32) -> Option<&'static str> {
    NAMES.get(number as usize).copied()
}

/// The highest capability this kernel knows (cap_last_cap).
pub fn last_cap() -> u32 {
    std::fs::read_to_string("/proc/sys/kernel/cap_last_cap")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(NAMES.len() as u32 - 1)
}

/// docker's rules: `--cap-add ALL` starts from every capability, `--cap-drop ALL` from none,
/// anything else from the defaults (every capability with --privileged); then the named
/// additions are added and the named drops removed.
pub fn resolve(privileged: bool, add: &[String], drop: &[String]) -> Result<Vec<u32>, CapError> {
    let is_all = |list: &[String]| list.iter().any(|c| c.eq_ignore_ascii_case("ALL"));
    let named = |list: &[String]| -> Result<Vec<u32>, CapError> {
        list.iter()
            .filter(|c| !c.eq_ignore_ascii_case("ALL"))
            .map(|c| number(c))
            .collect()
    };
    let all: Vec<u32> = (0..=last_cap().min(NAMES.len() as u32 - 1)).collect();
    let (adds, drops) = (named(add)?, named(drop)?);
    let mut set: Vec<u32> = if privileged || is_all(add) {
        all
    } else if is_all(drop) {
        Vec::new()
    } else {
        DEFAULT
            .iter()
            .map(|n| number(n).expect("defaults are known"))
            .collect()
    };
    for n in adds {
        if !set.contains(&n) {
            set.push(n);
        }
    }
    set.retain(|c| !drops.contains(c));
    set.sort_unstable();
    Ok(set)
}

/// Bits of a set as the two 32-bit words capset takes.
fn words(set: &[u32]) -> [u32; 2] {
    let mut w = [0u32; 2];
    for &c in set {
        w[(c / 32) as usize] |= 1 << (c % 32);
    }
    w
}

#[repr(C)]
struct CapHeader {
    version: u32,
    pid: i32,
}

#[repr(C)]
#[derive(Clone, Copy)]
struct CapData {
    effective: u32,
    permitted: u32,
    inheritable: u32,
}

const CAPABILITY_VERSION_3: u32 = 0x2008_0522;

/// Reduces the calling thread to `set`: the bounding set loses everything else, then the
/// effective and permitted sets become `set`; inheritable and ambient ones are cleared.
/// Called by the container init after every privileged setup step, with [`last_cap`] read
/// before any seccomp filter went in.
pub fn apply(set: &[u32], last_cap: u32) -> io::Result<()> {
    bound(set, last_cap)?;
    set_sets(set)
}

/// The part of [`apply`] that execve builds on: the bounding set loses everything but `set`,
/// and the ambient set is cleared.
pub fn bound(set: &[u32], last_cap: u32) -> io::Result<()> {
    for cap in 0..=last_cap {
        if !set.contains(&cap) {
            // SAFETY: PR_CAPBSET_DROP takes a capability number and no pointers.
            let rc = unsafe { libc::prctl(libc::PR_CAPBSET_DROP, cap as libc::c_ulong, 0, 0, 0) };
            if rc != 0 {
                let e = io::Error::last_os_error();
                // A capability this kernel lacks cannot be in the bounding set anyway.
                if e.raw_os_error() != Some(libc::EINVAL) {
                    return Err(e);
                }
            }
        }
    }
    // SAFETY: clearing the ambient set takes no pointers.
    unsafe {
        libc::prctl(
            libc::PR_CAP_AMBIENT,
            libc::PR_CAP_AMBIENT_CLEAR_ALL as libc::c_ulong,
            0,
            0,
            0,
        )
    };
    Ok(())
}

/// The rest of [`apply`]: the effective and permitted sets become `set`, the inheritable set
/// is cleared.
pub fn set_sets(set: &[u32]) -> io::Result<()> {
    let w = words(set);
    let mut header = CapHeader {
        version: CAPABILITY_VERSION_3,
        pid: 0,
    };
    // Inheritable stays empty, as docker has done since CVE-2022-24769.
    let data = [
        CapData {
            effective: w[0],
            permitted: w[0],
            inheritable: 0,
        },
        CapData {
            effective: w[1],
            permitted: w[1],
            inheritable: 0,
        },
    ];
    // SAFETY: header and data are properly laid out (repr(C)) v3 structures: one header and
    // two data elements, living across the call.
    let rc = unsafe {
        libc::syscall(
            libc::SYS_capset,
            &mut header as *mut CapHeader,
            data.as_ptr(),
        )
    };
    if rc != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

/// Makes `set` survive the next execve of a program run by a non-root uid, through the
/// ambient set (which needs each capability inheritable first). The monitor does this for
/// the network helper it starts: in a user namespace that maps only the container's user, a
/// `--user` container's monitor is that user, and a helper exec'd by it would otherwise
/// lose the capabilities it needs to join and configure the container's network namespace.
pub fn raise_ambient(set: &[u32]) -> io::Result<()> {
    let mut header = CapHeader {
        version: CAPABILITY_VERSION_3,
        pid: 0,
    };
    let mut data = [CapData {
        effective: 0,
        permitted: 0,
        inheritable: 0,
    }; 2];
    // SAFETY: header and data are v3 structures (repr(C)) that capget fills: one header and
    // two data elements, living across the call.
    let rc = unsafe {
        libc::syscall(
            libc::SYS_capget,
            &mut header as *mut CapHeader,
            data.as_mut_ptr(),
        )
    };
    if rc != 0 {
        return Err(io::Error::last_os_error());
    }
    let w = words(set);
    for (d, bits) in data.iter_mut().zip(w) {
        d.inheritable |= bits & d.permitted;
    }
    // SAFETY: as above; capset only reads them.
    let rc = unsafe {
        libc::syscall(
            libc::SYS_capset,
            &mut header as *mut CapHeader,
            data.as_ptr(),
        )
    };
    if rc != 0 {
        return Err(io::Error::last_os_error());
    }
    for &cap in set {
        // SAFETY: PR_CAP_AMBIENT_RAISE takes a capability number and no pointers.
        let rc = unsafe {
            libc::prctl(
                libc::PR_CAP_AMBIENT,
                libc::PR_CAP_AMBIENT_RAISE as libc::c_ulong,
                cap as libc::c_ulong,
                0,
                0,
            )
        };
        if rc != 0 {
            return Err(io::Error::last_os_error());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_parse_in_every_spelling() {
        assert_eq!(number("NET_ADMIN").unwrap(), 12);
        assert_eq!(number("cap_net_admin").unwrap(), 12);
        assert_eq!(name(21), Some("SYS_ADMIN"));
        assert!(matches!(number("NET_ADMINN"), Err(CapError::Unknown(_))));
    }

    #[test]
    fn docker_rules_for_add_and_drop() {
        let default = resolve(false, &[], &[]).unwrap();
        assert_eq!(default.len(), 14);
        let with = resolve(false, &["NET_ADMIN".into()], &["MKNOD".into()]).unwrap();
        assert!(with.contains(&12) && !with.contains(&27));
        assert!(resolve(false, &[], &["ALL".into()]).unwrap().is_empty());
        let only = resolve(false, &["CHOWN".into()], &["ALL".into()]).unwrap();
        assert_eq!(only, [0], "drop ALL then add, as docker does");
        let all_but = resolve(false, &["ALL".into()], &["SYS_ADMIN".into()]).unwrap();
        assert!(!all_but.contains(&21) && all_but.contains(&12));
        assert!(resolve(true, &[], &[]).unwrap().len() >= 38);
    }

    #[test]
    fn words_split_at_32() {
        assert_eq!(words(&[0, 31, 32, 40]), [1 | 1 << 31, 1 | 1 << 8]);
    }
}
