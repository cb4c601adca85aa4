//! Seccomp profiles: the model, docker's JSON format (`--security-opt seccomp=FILE`), and
//! docker's default profile written as Rust data.

use serde::Deserialize;

use super::SeccompError;
use crate::runtime::caps;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Allow,
    Errno(u16),
    KillProcess,
    KillThread,
    Trap,
    Log,
    Trace(u16),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    /// `(arg & mask) == value`.
    MaskedEq(u64),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ArgCmp {
    pub index: u8,
    pub op: Op,
    pub value: u64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    pub names: Vec<String>,
    pub action: Action,
    /// All must hold.
    pub args: Vec<ArgCmp>,
    /// The rule applies only when the container has every one of these capabilities…
    pub caps: Vec<u32>,
    /// …and none of these.
    pub not_caps: Vec<u32>,
    /// And only from this kernel version on.
    pub min_kernel: Option<(u32, u32)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    pub default_action: Action,
    pub rules: Vec<Rule>,
}

fn rule(names: &[&str], action: Action) -> Rule {
    Rule {
        names: names.iter().map(|s| s.to_string()).collect(),
        action,
        args: Vec::new(),
        caps: Vec::new(),
        not_caps: Vec::new(),
        min_kernel: None,
    }
}

fn cap(name: &str) -> u32 {
    caps::number(name).expect("the default profile names known capabilities")
}

/// Everything a container may call whatever its capabilities (docker's base allow list).
const BASE: &[&str] = &[
    "accept",
    "accept4",
    "access",
    "adjtimex",
    "alarm",
    "bind",
    "brk",
    "cachestat",
    "capget",
    "capset",
    "chdir",
    "chmod",
    "chown",
    "chown32",
    "clock_adjtime",
    "clock_adjtime64",
    "clock_getres",
    "clock_getres_time64",
    "clock_gettime",
    "clock_gettime64",
    "clock_nanosleep",
    "clock_nanosleep_time64",
    "close",
    "close_range",
    "connect",
    "copy_file_range",
    "creat",
    "dup",
    "dup2",
    "dup3",
    "epoll_create",
    "epoll_create1",
    "epoll_ctl",
    "epoll_ctl_old",
    "epoll_pwait",
    "epoll_pwait2",
    "epoll_wait",
    "epoll_wait_old",
    "eventfd",
    "eventfd2",
    "execve",
    "execveat",
    "exit",
    "exit_group",
    "faccessat",
    "faccessat2",
    "fadvise64",
    "fadvise64_64",
    "fallocate",
    "fanotify_mark",
    "fchdir",
    "fchmod",
    "fchmodat",
    "fchmodat2",
    "fchown",
    "fchown32",
    "fchownat",
    "fcntl",
    "fcntl64",
    "fdatasync",
    "fgetxattr",
    "flistxattr",
    "flock",
    "fork",
    "fremovexattr",
    "fsetxattr",
    "fstat",
    "fstat64",
    "fstatat64",
    "fstatfs",
    "fstatfs64",
    "fsync",
    "ftruncate",
    "ftruncate64",
    "futex",
    "futex_requeue",
    "futex_time64",
    "futex_wait",
    "futex_waitv",
    "futex_wake",
    "futimesat",
    "getcpu",
    "getcwd",
    "getdents",
    "getdents64",
    "getegid",
    "getegid32",
    "geteuid",
    "geteuid32",
    "getgid",
    "getgid32",
    "getgroups",
    "getgroups32",
    "getitimer",
    "getpeername",
    "getpgid",
    "getpgrp",
    "getpid",
    "getppid",
    "getpriority",
    "getrandom",
    "getresgid",
    "getresgid32",
    "getresuid",
    "getresuid32",
    "getrlimit",
    "get_robust_list",
    "getrusage",
    "getsid",
    "getsockname",
    "getsockopt",
    "get_thread_area",
    "gettid",
    "gettimeofday",
    "getuid",
    "getuid32",
    "getxattr",
    "getxattrat",
    "inotify_add_watch",
    "inotify_init",
    "inotify_init1",
    "inotify_rm_watch",
    "io_cancel",
    "ioctl",
    "io_destroy",
    "io_getevents",
    "io_pgetevents",
    "io_pgetevents_time64",
    "ioprio_get",
    "ioprio_set",
    "io_setup",
    "io_submit",
    "ipc",
    "kill",
    "landlock_add_rule",
    "landlock_create_ruleset",
    "landlock_restrict_self",
    "lchown",
    "lchown32",
    "lgetxattr",
    "link",
    "linkat",
    "listen",
    "listxattr",
    "listxattrat",
    "llistxattr",
    "_llseek",
    "lremovexattr",
    "lseek",
    "lsetxattr",
    "lstat",
    "lstat64",
    "madvise",
    "map_shadow_stack",
    "membarrier",
    "memfd_create",
    "memfd_secret",
    "mincore",
    "mkdir",
    "mkdirat",
    "mknod",
    "mknodat",
    "mlock",
    "mlock2",
    "mlockall",
    "mmap",
    "mmap2",
    "mprotect",
    "mq_getsetattr",
    "mq_notify",
    "mq_open",
    "mq_timedreceive",
    "mq_timedreceive_time64",
    "mq_timedsend",
    "mq_timedsend_time64",
    "mq_unlink",
    "mremap",
    "mseal",
    "msgctl",
    "msgget",
    "msgrcv",
    "msgsnd",
    "msync",
    "munlock",
    "munlockall",
    "munmap",
    "name_to_handle_at",
    "nanosleep",
    "newfstatat",
    "_newselect",
    "open",
    "openat",
    "openat2",
    "pause",
    "pidfd_open",
    "pidfd_send_signal",
    "pipe",
    "pipe2",
    "pkey_alloc",
    "pkey_free",
    "pkey_mprotect",
    "poll",
    "ppoll",
    "ppoll_time64",
    "prctl",
    "pread64",
    "preadv",
    "preadv2",
    "prlimit64",
    "process_mrelease",
    "pselect6",
    "pselect6_time64",
    "pwrite64",
    "pwritev",
    "pwritev2",
    "read",
    "readahead",
    "readlink",
    "readlinkat",
    "readv",
    "recv",
    "recvfrom",
    "recvmmsg",
    "recvmmsg_time64",
    "recvmsg",
    "remap_file_pages",
    "removexattr",
    "removexattrat",
    "rename",
    "renameat",
    "renameat2",
    "restart_syscall",
    "rmdir",
    "rseq",
    "rt_sigaction",
    "rt_sigpending",
    "rt_sigprocmask",
    "rt_sigqueueinfo",
    "rt_sigreturn",
    "rt_sigsuspend",
    "rt_sigtimedwait",
    "rt_sigtimedwait_time64",
    "rt_tgsigqueueinfo",
    "sched_getaffinity",
    "sched_getattr",
    "sched_getparam",
    "sched_get_priority_max",
    "sched_get_priority_min",
    "sched_getscheduler",
    "sched_rr_get_interval",
    "sched_rr_get_interval_time64",
    "sched_setaffinity",
    "sched_setattr",
    "sched_setparam",
    "sched_setscheduler",
    "sched_yield",
    "seccomp",
    "select",
    "semctl",
    "semget",
    "semop",
    "semtimedop",
    "semtimedop_time64",
    "send",
    "sendfile",
    "sendfile64",
    "sendmmsg",
    "sendmsg",
    "sendto",
    "setfsgid",
    "setfsgid32",
    "setfsuid",
    "setfsuid32",
    "setgid",
    "setgid32",
    "setgroups",
    "setgroups32",
    "setitimer",
    "setpgid",
    "setpriority",
    "setregid",
    "setregid32",
    "setresgid",
    "setresgid32",
    "setresuid",
    "setresuid32",
    "setreuid",
    "setreuid32",
    "setrlimit",
    "set_robust_list",
    "setsid",
    "setsockopt",
    "set_thread_area",
    "set_tid_address",
    "setuid",
    "setuid32",
    "setxattr",
    "setxattrat",
    "shmat",
    "shmctl",
    "shmdt",
    "shmget",
    "shutdown",
    "sigaltstack",
    "signalfd",
    "signalfd4",
    "sigprocmask",
    "sigreturn",
    "socketcall",
    "socketpair",
    "splice",
    "stat",
    "stat64",
    "statfs",
    "statfs64",
    "statx",
    "symlink",
    "symlinkat",
    "sync",
    "sync_file_range",
    "syncfs",
    "sysinfo",
    "tee",
    "tgkill",
    "time",
    "timer_create",
    "timer_delete",
    "timer_getoverrun",
    "timer_gettime",
    "timer_gettime64",
    "timer_settime",
    "timer_settime64",
    "timerfd_create",
    "timerfd_gettime",
    "timerfd_gettime64",
    "timerfd_settime",
    "timerfd_settime64",
    "times",
    "tkill",
    "truncate",
    "truncate64",
    "ugetrlimit",
    "umask",
    "uname",
    "unlink",
    "unlinkat",
    "utime",
    "utimensat",
    "utimensat_time64",
    "utimes",
    "vfork",
    "vmsplice",
    "wait4",
    "waitid",
    "waitpid",
    "write",
    "writev",
    // Kernels since 4.8 confine ptrace to the caller's namespaces: docker allows them there.
    "ptrace",
    "process_vm_readv",
    "process_vm_writev",
    // Architecture-specific: unknown names are skipped on the other architecture.
    "arch_prctl",
    "modify_ldt",
    "sync_file_range2",
    "arm_fadvise64_64",
    "arm_sync_file_range",
    "set_tls",
    "cacheflush",
    "breakpoint",
];

/// Namespace-creating clone flags: NEWNS NEWCGROUP NEWUTS NEWIPC NEWUSER NEWPID NEWNET.
const CLONE_NS_FLAGS: u64 = 0x7E02_0000;
const AF_VSOCK: u64 = 40;

/// docker's default profile: deny with EPERM what is not listed; privileged operations only
/// with the capability that makes them safe.
pub fn default_profile() -> Profile {
    let mut rules = vec![rule(BASE, Action::Allow)];
    for persona in [0x0, 0x8, 0x20000, 0x20008, 0xffff_ffff] {
        let mut r = rule(&["personality"], Action::Allow);
        r.args.push(ArgCmp {
            index: 0,
            op: Op::Eq,
            value: persona,
        });
        rules.push(r);
    }
    let mut socket = rule(&["socket"], Action::Allow);
    socket.args.push(ArgCmp {
        index: 0,
        op: Op::Ne,
        value: AF_VSOCK,
    });
    rules.push(socket);
    let sys_admin = cap("SYS_ADMIN");
    let mut clone = rule(&["clone"], Action::Allow);
    clone.args.push(ArgCmp {
        index: 0,
        op: Op::MaskedEq(CLONE_NS_FLAGS),
        value: 0,
    });
    clone.not_caps.push(sys_admin);
    rules.push(clone);
    // glibc falls back to clone when clone3 says it does not exist; clone's flags can be checked.
    let mut clone3 = rule(&["clone3"], Action::Errno(libc::ENOSYS as u16));
    clone3.not_caps.push(sys_admin);
    rules.push(clone3);
    for (capability, names) in [
        (
            "SYS_ADMIN",
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
                "umount",
                "umount2",
                "unshare",
                "pivot_root",
            ][..],
        ),
        ("SYS_BOOT", &["reboot"][..]),
        ("SYS_CHROOT", &["chroot"][..]),
        (
            "SYS_MODULE",
            &["delete_module", "init_module", "finit_module"][..],
        ),
        ("SYS_PACCT", &["acct"][..]),
        (
            "SYS_PTRACE",
            &["kcmp", "pidfd_getfd", "process_madvise"][..],
        ),
        ("SYS_RAWIO", &["iopl", "ioperm"][..]),
        (
            "SYS_TIME",
            &["settimeofday", "stime", "clock_settime", "clock_settime64"][..],
        ),
        ("SYS_TTY_CONFIG", &["vhangup"][..]),
        (
            "SYS_NICE",
            &[
                "get_mempolicy",
                "mbind",
                "set_mempolicy",
                "set_mempolicy_home_node",
            ][..],
        ),
        ("SYSLOG", &["syslog"][..]),
        ("BPF", &["bpf"][..]),
        ("PERFMON", &["perf_event_open"][..]),
        ("DAC_READ_SEARCH", &["open_by_handle_at"][..]),
    ] {
        let mut r = rule(names, Action::Allow);
        r.caps.push(cap(capability));
        rules.push(r);
    }
    Profile {
        default_action: Action::Errno(libc::EPERM as u16),
        rules,
    }
}

// docker's JSON format.

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct JsonProfile {
    default_action: String,
    #[serde(default)]
    default_errno_ret: Option<u16>,
    #[serde(default)]
    syscalls: Vec<JsonRule>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct JsonRule {
    #[serde(default)]
    names: Vec<String>,
    #[serde(default)]
    name: Option<String>,
    action: String,
    #[serde(default)]
    errno_ret: Option<u16>,
    #[serde(default)]
    args: Option<Vec<JsonArg>>,
    #[serde(default)]
    includes: JsonFilter,
    #[serde(default)]
    excludes: JsonFilter,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct JsonArg {
    index: u8,
    value: u64,
    #[serde(default)]
    value_two: u64,
    op: String,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct JsonFilter {
    #[serde(default)]
    caps: Vec<String>,
    #[serde(default)]
    arches: Vec<String>,
    #[serde(default)]
    min_kernel: Option<String>,
}

fn action(name: &str, errno: Option<u16>, field: &str) -> Result<Action, SeccompError> {
    Ok(match name {
        "SCMP_ACT_ALLOW" => Action::Allow,
        "SCMP_ACT_ERRNO" => Action::Errno(errno.unwrap_or(libc::EPERM as u16)),
        "SCMP_ACT_KILL" | "SCMP_ACT_KILL_THREAD" => Action::KillThread,
        "SCMP_ACT_KILL_PROCESS" => Action::KillProcess,
        "SCMP_ACT_TRAP" => Action::Trap,
        "SCMP_ACT_LOG" => Action::Log,
        "SCMP_ACT_TRACE" => Action::Trace(errno.unwrap_or(0)),
        other => {
            return Err(SeccompError::Profile(format!(
                "{field}: unknown action {other:?}"
            )));
        }
    })
}

fn host_arch_names() -> &'static [&'static str] {
    if cfg!(target_arch = "x86_64") {
        &["amd64", "x86_64", "SCMP_ARCH_X86_64"]
    } else {
        &["arm64", "aarch64", "SCMP_ARCH_AARCH64"]
    }
}

fn kernel_version(text: &str) -> Option<(u32, u32)> {
    let mut parts = text.split(['.', '-']);
    Some((parts.next()?.parse().ok()?, parts.next()?.parse().ok()?))
}

impl Profile {
    /// Parses docker's JSON profile format.
    pub fn from_docker_json(text: &str) -> Result<Profile, SeccompError> {
        let json: JsonProfile =
            serde_json::from_str(text).map_err(|e| SeccompError::Profile(e.to_string()))?;
        let default_action = action(
            &json.default_action,
            json.default_errno_ret,
            "defaultAction",
        )?;
        let mut rules = Vec::new();
        for (i, r) in json.syscalls.into_iter().enumerate() {
            let field = format!("syscalls[{i}]");
            if !r.includes.arches.is_empty()
                && !r
                    .includes
                    .arches
                    .iter()
                    .any(|a| host_arch_names().contains(&a.as_str()))
            {
                continue;
            }
            if r.excludes
                .arches
                .iter()
                .any(|a| host_arch_names().contains(&a.as_str()))
            {
                continue;
            }
            let mut names = r.names;
            names.extend(r.name);
            let mut args = Vec::new();
            for a in r.args.unwrap_or_default() {
                if a.index > 5 {
                    return Err(SeccompError::Profile(format!(
                        "{field}: argument index {} is not 0..5",
                        a.index
                    )));
                }
                let op = match a.op.as_str() {
                    "SCMP_CMP_EQ" => Op::Eq,
                    "SCMP_CMP_NE" => Op::Ne,
                    "SCMP_CMP_LT" => Op::Lt,
                    "SCMP_CMP_LE" => Op::Le,
                    "SCMP_CMP_GT" => Op::Gt,
                    "SCMP_CMP_GE" => Op::Ge,
                    "SCMP_CMP_MASKED_EQ" => Op::MaskedEq(a.value),
                    other => {
                        return Err(SeccompError::Profile(format!(
                            "{field}: unknown op {other:?}"
                        )));
                    }
                };
                let value = if matches!(op, Op::MaskedEq(_)) {
                    a.value_two
                } else {
                    a.value
                };
                args.push(ArgCmp {
                    index: a.index,
                    op,
                    value,
                });
            }
            let caps_of = |list: &[String]| -> Result<Vec<u32>, SeccompError> {
                list.iter()
                    .map(|c| {
                        caps::number(c).map_err(|e| SeccompError::Profile(format!("{field}: {e}")))
                    })
                    .collect()
            };
            rules.push(Rule {
                names,
                action: action(&r.action, r.errno_ret, &field)?,
                args,
                caps: caps_of(&r.includes.caps)?,
                not_caps: caps_of(&r.excludes.caps)?,
                min_kernel: r.includes.min_kernel.as_deref().and_then(kernel_version),
            });
        }
        Ok(Profile {
            default_action,
            rules,
        })
    }
}
