//! The profile model: what the compiler reads, whether it came from docker JSON or from
//! [`default_profile`](super::default_profile).
//!
//! How rules combine for one syscall (libseccomp's behaviour, which docker inherits):
//! - a rule whose action is the default action is dropped (runc does the same);
//! - the first applicable rule without argument conditions decides the syscall outright, and
//!   conditional rules for that syscall are then ignored;
//! - otherwise conditional rules are tried in profile order: the first whose conditions all hold
//!   decides; when none holds, the default action applies.

use serde::Serialize;

use super::arch::{KernelVersion, Target};

/// What the kernel does with a syscall.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Action {
    Allow,
    /// Fail the syscall with this errno without running it.
    Errno(u16),
    KillProcess,
    KillThread,
    /// Send SIGSYS.
    Trap,
    /// Allow, and log to the audit log.
    Log,
    /// Notify a ptrace tracer, passing this value as the event message.
    Trace(u16),
    /// Suspend the caller and ask the filter's listener (seccomp user notification): the root
    /// emulation's supervisor answers for the kernel.
    Notify,
}

impl Action {
    /// The `SECCOMP_RET_*` value the filter returns.
    pub fn seccomp_ret(self) -> u32 {
        match self {
            Action::Allow => libc::SECCOMP_RET_ALLOW,
            Action::Errno(errno) => libc::SECCOMP_RET_ERRNO | u32::from(errno),
            Action::KillProcess => libc::SECCOMP_RET_KILL_PROCESS,
            Action::KillThread => libc::SECCOMP_RET_KILL_THREAD,
            Action::Trap => libc::SECCOMP_RET_TRAP,
            Action::Log => libc::SECCOMP_RET_LOG,
            Action::Trace(data) => libc::SECCOMP_RET_TRACE | u32::from(data),
            Action::Notify => libc::SECCOMP_RET_USER_NOTIF,
        }
    }
}

/// How a syscall argument (the full 64-bit register) is compared with a value, unsigned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    /// `arg & mask == value`.
    MaskedEq(u64),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct ArgCondition {
    /// 0..=5: the syscall argument position.
    pub index: u8,
    pub op: CmpOp,
    pub value: u64,
}

impl ArgCondition {
    pub const MAX_INDEX: u8 = 5;

    pub fn holds(&self, arg: u64) -> bool {
        match self.op {
            CmpOp::Eq => arg == self.value,
            CmpOp::Ne => arg != self.value,
            CmpOp::Lt => arg < self.value,
            CmpOp::Le => arg <= self.value,
            CmpOp::Gt => arg > self.value,
            CmpOp::Ge => arg >= self.value,
            CmpOp::MaskedEq(mask) => arg & mask == self.value,
        }
    }
}

/// Docker's `includes` / `excludes`: when a rule is part of the filter at all.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize)]
pub struct Selector {
    /// Capability names (`CAP_SYS_ADMIN`).
    pub caps: Vec<String>,
    /// Docker architecture names (`amd64`, `arm64`).
    pub arches: Vec<String>,
    pub min_kernel: Option<KernelVersion>,
}

impl Selector {
    pub fn is_empty(&self) -> bool {
        self.caps.is_empty() && self.arches.is_empty() && self.min_kernel.is_none()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Rule {
    /// Names unknown to the target architecture are skipped, as docker does.
    pub syscalls: Vec<String>,
    pub action: Action,
    /// All must hold (AND).
    pub args: Vec<ArgCondition>,
    /// Every part must match: all caps held, the arch listed, the kernel at least this.
    pub includes: Selector,
    /// Any part matching disables the rule: a cap held, the arch listed, the kernel at least this.
    pub excludes: Selector,
}

impl Rule {
    /// An unconditional rule that applies everywhere.
    pub fn new(syscalls: &[&str], action: Action) -> Rule {
        Rule {
            syscalls: syscalls.iter().map(|s| s.to_string()).collect(),
            action,
            args: Vec::new(),
            includes: Selector::default(),
            excludes: Selector::default(),
        }
    }

    pub fn applies(&self, caps: &CapSet, target: Target) -> bool {
        let arch_listed = |sel: &Selector| sel.arches.iter().any(|a| target.arch.is_named(a));
        let excluded = (!self.excludes.arches.is_empty() && arch_listed(&self.excludes))
            || self.excludes.caps.iter().any(|c| caps.contains(c))
            || self.excludes.min_kernel.is_some_and(|k| target.kernel >= k);
        let included = (self.includes.arches.is_empty() || arch_listed(&self.includes))
            && self.includes.caps.iter().all(|c| caps.contains(c))
            && self.includes.min_kernel.is_none_or(|k| target.kernel >= k);
        !excluded && included
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Profile {
    pub default_action: Action,
    pub rules: Vec<Rule>,
}

/// The capabilities the container process will hold, normalised to `CAP_*` upper case.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CapSet {
    names: Vec<String>,
}

impl CapSet {
    /// Accepts `CAP_SYS_ADMIN`, `SYS_ADMIN` or `sys_admin`.
    pub fn new<S: AsRef<str>>(caps: &[S]) -> CapSet {
        let mut names: Vec<String> = caps.iter().map(|c| normalise_cap(c.as_ref())).collect();
        names.sort();
        names.dedup();
        CapSet { names }
    }

    pub fn contains(&self, cap: &str) -> bool {
        self.names.binary_search(&normalise_cap(cap)).is_ok()
    }

    /// Sorted, deduplicated, normalised.
    pub fn names(&self) -> &[String] {
        &self.names
    }
}

fn normalise_cap(name: &str) -> String {
    let upper = name.trim().to_ascii_uppercase();
    if upper.starts_with("CAP_") {
        upper
    } else {
        format!("CAP_{upper}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::seccomp::arch::Arch;

    fn target(arch: Arch, major: u32, minor: u32) -> Target {
        Target {
            arch,
            kernel: KernelVersion { major, minor },
        }
    }

    #[test]
    fn capability_names_are_normalised() {
        let caps = CapSet::new(&["sys_admin", "CAP_CHOWN", "CHOWN"]);
        assert_eq!(caps.names(), ["CAP_CHOWN", "CAP_SYS_ADMIN"]);
        assert!(caps.contains("CAP_SYS_ADMIN"));
        assert!(caps.contains("sys_admin"));
        assert!(!caps.contains("CAP_SYS_BOOT"));
    }

    #[test]
    fn selectors_follow_docker_includes_and_excludes() {
        let host = target(Arch::X86_64, 6, 1);
        let none = CapSet::default();
        let admin = CapSet::new(&["CAP_SYS_ADMIN"]);

        let mut rule = Rule::new(&["mount"], Action::Allow);
        rule.includes.caps = vec!["CAP_SYS_ADMIN".into()];
        assert!(!rule.applies(&none, host));
        assert!(rule.applies(&admin, host));

        let mut rule = Rule::new(&["clone3"], Action::Errno(38));
        rule.excludes.caps = vec!["CAP_SYS_ADMIN".into()];
        assert!(rule.applies(&none, host));
        assert!(!rule.applies(&admin, host));

        let mut rule = Rule::new(&["arch_prctl"], Action::Allow);
        rule.includes.arches = vec!["amd64".into(), "x32".into()];
        assert!(rule.applies(&none, host));
        assert!(!rule.applies(&none, target(Arch::Aarch64, 6, 1)));

        let mut rule = Rule::new(&["ptrace"], Action::Allow);
        rule.includes.min_kernel = Some(KernelVersion { major: 4, minor: 8 });
        assert!(rule.applies(&none, host));
        assert!(!rule.applies(&none, target(Arch::X86_64, 4, 4)));
        rule.excludes.min_kernel = Some(KernelVersion { major: 6, minor: 0 });
        assert!(!rule.applies(&none, host));
        assert!(rule.applies(&none, target(Arch::X86_64, 5, 10)));
    }

    #[test]
    fn conditions_compare_unsigned_64_bit() {
        let cond = |op, value| ArgCondition {
            index: 0,
            op,
            value,
        };
        assert!(cond(CmpOp::Gt, 40).holds(u64::MAX));
        assert!(cond(CmpOp::Lt, 1 << 32).holds(0xffff_ffff));
        assert!(!cond(CmpOp::Eq, 0xffff_ffff).holds(0x1_ffff_ffff));
        assert!(cond(CmpOp::MaskedEq(0x7E02_0000), 0).holds(0x0001_1111));
        assert!(!cond(CmpOp::MaskedEq(0x7E02_0000), 0).holds(0x1000_0000));
    }
}
