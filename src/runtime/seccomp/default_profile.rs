//! The profile containers get when no `--security-opt seccomp=` is given: docker's default
//! profile semantics (moby `profiles/seccomp/default.json`), restated as Rust data for the
//! architectures rpod supports (names that exist only on 32-bit or other ABIs are left out).
//!
//! Everything not listed fails with EPERM. Notable decisions taken from docker:
//! - namespaces, mounts, kernel keyring, BPF, perf, module loading, reboot, swap, clock setting
//!   and ptrace-like calls are denied unless the matching capability is granted;
//! - `clone` may not create namespaces without CAP_SYS_ADMIN, and `clone3` (whose flags live in
//!   memory a filter cannot read) fails with ENOSYS so that libc falls back to `clone`;
//! - `personality` only accepts the values programs use to query or set Linux/32-bit behaviour;
//! - `socket` refuses AF_ALG (38) and AF_VSOCK (40);
//! - io_uring is denied (docker dropped it from the default in 2023);
//! - keyring calls (`add_key`, `keyctl`, `request_key`) are denied: keys are not namespaced.

use super::profile::{Action, ArgCondition, CmpOp, Profile, Rule, Selector};

const EPERM: u16 = libc::EPERM as u16;
const ENOSYS: u16 = libc::ENOSYS as u16;

/// Namespace flags of clone(2): CLONE_NEWNS, NEWCGROUP, NEWUTS, NEWIPC, NEWUSER, NEWPID, NEWNET.
const CLONE_NAMESPACE_FLAGS: u64 = 0x7E02_0000;

/// personality(2) values: PER_LINUX, PER_LINUX32, UNAME26, UNAME26|PER_LINUX32, and the
/// 0xffffffff query.
const PERSONALITIES: [u64; 5] = [0x0, 0x8, 0x2_0000, 0x2_0008, 0xffff_ffff];

const AF_ALG: u64 = 38;
const AF_NFC: u64 = 39;
const AF_VSOCK: u64 = 40;

#[rustfmt::skip]
const FILES: &[&str] = &[
    "access", "chdir", "chmod", "chown", "close", "close_range", "copy_file_range", "creat",
    "dup", "dup2", "dup3", "faccessat", "faccessat2", "fadvise64", "fallocate", "fchdir",
    "fchmod", "fchmodat", "fchmodat2", "fchown", "fchownat", "fcntl", "fdatasync", "flock",
    "fstat", "fstatfs", "fsync", "ftruncate", "futimesat", "getcwd", "getdents", "getdents64",
    "ioctl", "lchown", "link", "linkat", "lseek", "lstat", "mkdir", "mkdirat", "mknod",
    "mknodat", "name_to_handle_at", "newfstatat", "open", "openat", "openat2", "pipe", "pipe2",
    "pread64", "preadv", "preadv2", "pwrite64", "pwritev", "pwritev2", "read", "readahead",
    "readlink", "readlinkat", "readv", "rename", "renameat", "renameat2", "rmdir", "sendfile",
    "splice", "stat", "statfs", "statx", "symlink", "symlinkat", "sync", "sync_file_range",
    "syncfs", "tee", "truncate", "umask", "unlink", "unlinkat", "utime", "utimensat", "utimes",
    "vmsplice", "write", "writev", "cachestat", "statmount", "listmount",
];

#[rustfmt::skip]
const XATTRS: &[&str] = &[
    "fgetxattr", "flistxattr", "fremovexattr", "fsetxattr", "getxattr", "getxattrat",
    "lgetxattr", "listxattr", "listxattrat", "llistxattr", "lremovexattr", "lsetxattr",
    "removexattr", "removexattrat", "setxattr", "setxattrat",
];

#[rustfmt::skip]
const EVENTS_AND_AIO: &[&str] = &[
    "epoll_create", "epoll_create1", "epoll_ctl", "epoll_ctl_old", "epoll_pwait", "epoll_pwait2",
    "epoll_wait", "epoll_wait_old", "eventfd", "eventfd2", "fanotify_mark", "inotify_add_watch",
    "inotify_init", "inotify_init1", "inotify_rm_watch", "io_cancel", "io_destroy",
    "io_getevents", "io_pgetevents", "io_setup", "io_submit", "poll", "ppoll", "pselect6",
    "select", "signalfd", "signalfd4", "timerfd_create", "timerfd_gettime", "timerfd_settime",
];

#[rustfmt::skip]
const MEMORY: &[&str] = &[
    "brk", "madvise", "map_shadow_stack", "membarrier", "memfd_create", "memfd_secret",
    "mincore", "mlock", "mlock2", "mlockall", "mmap", "mprotect", "mremap", "mseal", "msync",
    "munlock", "munlockall", "munmap", "pkey_alloc", "pkey_free", "pkey_mprotect",
    "remap_file_pages",
];

#[rustfmt::skip]
const PROCESSES: &[&str] = &[
    "capget", "capset", "execve", "execveat", "exit", "exit_group", "fork", "futex",
    "futex_requeue", "futex_wait", "futex_waitv", "futex_wake", "get_robust_list",
    "get_thread_area", "getcpu", "getpgid", "getpgrp", "getpid", "getppid", "getpriority",
    "getrandom", "getrlimit", "getrusage", "getsid", "gettid", "ioprio_get", "ioprio_set",
    "kill", "landlock_add_rule", "landlock_create_ruleset", "landlock_restrict_self",
    "pidfd_open", "pidfd_send_signal", "prctl", "prlimit64", "process_mrelease",
    "restart_syscall", "rseq", "seccomp", "set_robust_list", "set_thread_area",
    "set_tid_address", "setpgid", "setpriority", "setrlimit", "setsid", "sysinfo", "tgkill",
    "tkill", "uname", "uretprobe", "vfork", "wait4", "waitid",
];

#[rustfmt::skip]
const SIGNALS: &[&str] = &[
    "alarm", "pause", "rt_sigaction", "rt_sigpending", "rt_sigprocmask", "rt_sigqueueinfo",
    "rt_sigreturn", "rt_sigsuspend", "rt_sigtimedwait", "rt_tgsigqueueinfo", "sigaltstack",
];

#[rustfmt::skip]
/// Reading clocks; `adjtimex`/`clock_adjtime` only change anything with CAP_SYS_TIME, which the
/// kernel checks itself.
const TIME: &[&str] = &[
    "adjtimex", "clock_adjtime", "clock_getres", "clock_gettime", "clock_nanosleep",
    "getitimer", "gettimeofday", "nanosleep", "setitimer", "time", "timer_create",
    "timer_delete", "timer_getoverrun", "timer_gettime", "timer_settime", "times",
];

#[rustfmt::skip]
const SCHEDULING: &[&str] = &[
    "sched_get_priority_max", "sched_get_priority_min", "sched_getaffinity", "sched_getattr",
    "sched_getparam", "sched_getscheduler", "sched_rr_get_interval", "sched_setaffinity",
    "sched_setattr", "sched_setparam", "sched_setscheduler", "sched_yield",
];

#[rustfmt::skip]
const CREDENTIALS: &[&str] = &[
    "getegid", "geteuid", "getgid", "getgroups", "getresgid", "getresuid", "getuid", "setfsgid",
    "setfsuid", "setgid", "setgroups", "setregid", "setresgid", "setresuid", "setreuid", "setuid",
];

#[rustfmt::skip]
const SYSV_AND_POSIX_IPC: &[&str] = &[
    "mq_getsetattr", "mq_notify", "mq_open", "mq_timedreceive", "mq_timedsend", "mq_unlink",
    "msgctl", "msgget", "msgrcv", "msgsnd", "semctl", "semget", "semop", "semtimedop", "shmat",
    "shmctl", "shmdt", "shmget",
];

#[rustfmt::skip]
/// Everything on sockets but creating one (see `socket_rules`).
const SOCKETS: &[&str] = &[
    "accept", "accept4", "bind", "connect", "getpeername", "getsockname", "getsockopt",
    "listen", "recvfrom", "recvmmsg", "recvmsg", "sendmmsg", "sendmsg", "sendto", "setsockopt",
    "shutdown", "socketpair",
];

/// Syscalls allowed only when the container holds a capability, as in docker.
const BY_CAPABILITY: &[(&str, &[&str])] = &[
    ("CAP_DAC_READ_SEARCH", &["open_by_handle_at"]),
    (
        "CAP_SYS_ADMIN",
        &[
            "bpf",
            "clone",
            "clone3",
            "fanotify_init",
            "fsconfig",
            "fsmount",
            "fsopen",
            "fspick",
            "lookup_dcookie",
            "lsm_get_self_attr",
            "lsm_list_modules",
            "lsm_set_self_attr",
            "mount",
            "mount_setattr",
            "move_mount",
            "open_tree",
            "perf_event_open",
            "quotactl",
            "quotactl_fd",
            "setdomainname",
            "sethostname",
            "setns",
            "syslog",
            "umount2",
            "unshare",
        ],
    ),
    ("CAP_SYS_BOOT", &["reboot"]),
    ("CAP_SYS_CHROOT", &["chroot"]),
    (
        "CAP_SYS_MODULE",
        &["delete_module", "init_module", "finit_module"],
    ),
    ("CAP_SYS_PACCT", &["acct"]),
    (
        "CAP_SYS_PTRACE",
        &[
            "kcmp",
            "pidfd_getfd",
            "process_madvise",
            "process_vm_readv",
            "process_vm_writev",
            "ptrace",
        ],
    ),
    ("CAP_SYS_RAWIO", &["iopl", "ioperm"]),
    ("CAP_SYS_TIME", &["settimeofday", "clock_settime"]),
    ("CAP_SYS_TTY_CONFIG", &["vhangup"]),
    (
        "CAP_SYS_NICE",
        &[
            "get_mempolicy",
            "mbind",
            "set_mempolicy",
            "set_mempolicy_home_node",
        ],
    ),
    ("CAP_SYSLOG", &["syslog"]),
    ("CAP_BPF", &["bpf"]),
    ("CAP_PERFMON", &["perf_event_open"]),
];

/// Docker's default seccomp profile (see the module documentation).
pub fn default_profile() -> Profile {
    let mut rules = Vec::new();
    for group in [
        FILES,
        XATTRS,
        EVENTS_AND_AIO,
        MEMORY,
        PROCESSES,
        SIGNALS,
        TIME,
        SCHEDULING,
        CREDENTIALS,
        SYSV_AND_POSIX_IPC,
        SOCKETS,
    ] {
        rules.push(Rule::new(group, Action::Allow));
    }
    // Since 4.8 seccomp runs after ptrace, so a tracer can no longer rewrite a call past it.
    rules.push(Rule {
        includes: Selector {
            min_kernel: Some(super::KernelVersion { major: 4, minor: 8 }),
            ..Selector::default()
        },
        ..Rule::new(
            &["process_vm_readv", "process_vm_writev", "ptrace"],
            Action::Allow,
        )
    });
    rules.extend(socket_rules());
    rules.extend(PERSONALITIES.map(|value| arg_rule("personality", CmpOp::Eq, value)));
    rules.push(for_arches(&["arch_prctl", "modify_ldt"], &["amd64"]));
    rules.extend(namespace_rules());
    for (cap, syscalls) in BY_CAPABILITY {
        rules.push(Rule {
            includes: Selector {
                caps: vec![cap.to_string()],
                ..Selector::default()
            },
            ..Rule::new(syscalls, Action::Allow)
        });
    }
    Profile {
        default_action: Action::Errno(EPERM),
        rules,
    }
}

/// Any address family but AF_ALG and AF_VSOCK.
fn socket_rules() -> [Rule; 3] {
    [
        arg_rule("socket", CmpOp::Lt, AF_ALG),
        arg_rule("socket", CmpOp::Eq, AF_NFC),
        arg_rule("socket", CmpOp::Gt, AF_VSOCK),
    ]
}

/// Without CAP_SYS_ADMIN: clone without namespace flags, clone3 reported as missing.
fn namespace_rules() -> [Rule; 2] {
    let without_admin = Selector {
        caps: vec!["CAP_SYS_ADMIN".to_string()],
        ..Selector::default()
    };
    let clone = Rule {
        args: vec![ArgCondition {
            index: 0,
            op: CmpOp::MaskedEq(CLONE_NAMESPACE_FLAGS),
            value: 0,
        }],
        excludes: without_admin.clone(),
        ..Rule::new(&["clone"], Action::Allow)
    };
    let clone3 = Rule {
        excludes: without_admin,
        ..Rule::new(&["clone3"], Action::Errno(ENOSYS))
    };
    [clone, clone3]
}

fn arg_rule(syscall: &str, op: CmpOp, value: u64) -> Rule {
    Rule {
        args: vec![ArgCondition {
            index: 0,
            op,
            value,
        }],
        ..Rule::new(&[syscall], Action::Allow)
    }
}

fn for_arches(syscalls: &[&str], arches: &[&str]) -> Rule {
    Rule {
        includes: Selector {
            arches: arches.iter().map(|a| a.to_string()).collect(),
            ..Selector::default()
        },
        ..Rule::new(syscalls, Action::Allow)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::seccomp::Arch;

    #[test]
    fn every_name_exists_on_a_supported_architecture() {
        for rule in default_profile().rules {
            for name in &rule.syscalls {
                assert!(
                    [Arch::X86_64, Arch::Aarch64]
                        .iter()
                        .any(|arch| arch.syscall_number(name).is_some()),
                    "{name} is a typo or belongs to an unsupported ABI"
                );
            }
        }
    }

    #[test]
    fn allow_groups_do_not_overlap() {
        let mut seen = std::collections::HashSet::new();
        for name in [
            FILES,
            XATTRS,
            EVENTS_AND_AIO,
            MEMORY,
            PROCESSES,
            SIGNALS,
            TIME,
            SCHEDULING,
            CREDENTIALS,
            SYSV_AND_POSIX_IPC,
            SOCKETS,
        ]
        .concat()
        {
            assert!(seen.insert(name), "{name} listed twice");
        }
    }
}
