//! The compiler judged by its programs' verdicts, computed by the BPF interpreter and compared
//! with the profile semantics evaluated directly.

use std::time::Instant;

use super::bpf_interpreter::{SeccompData, run};
use super::*;

/// The capabilities docker and podman grant by default.
pub(super) const DEFAULT_CAPS: &[&str] = &[
    "CAP_CHOWN",
    "CAP_DAC_OVERRIDE",
    "CAP_FOWNER",
    "CAP_FSETID",
    "CAP_KILL",
    "CAP_NET_BIND_SERVICE",
    "CAP_SETFCAP",
    "CAP_SETGID",
    "CAP_SETPCAP",
    "CAP_SETUID",
    "CAP_SYS_CHROOT",
    "CAP_MKNOD",
    "CAP_NET_RAW",
    "CAP_AUDIT_WRITE",
];

const ALLOW: u32 = libc::SECCOMP_RET_ALLOW;
const KILL_PROCESS: u32 = libc::SECCOMP_RET_KILL_PROCESS;
const EPERM: u32 = libc::SECCOMP_RET_ERRNO | libc::EPERM as u32;
const ENOSYS: u32 = libc::SECCOMP_RET_ERRNO | libc::ENOSYS as u32;

const ARCHES: [Arch; 2] = [Arch::X86_64, Arch::Aarch64];

fn target(arch: Arch) -> Target {
    Target {
        arch,
        kernel: KernelVersion {
            major: 6,
            minor: 18,
        },
    }
}

/// Runs a program compiled for `arch` on one call.
struct Filter {
    arch: Arch,
    program: Program,
}

impl Filter {
    fn new(profile: &Profile, caps: &[&str], arch: Arch) -> Filter {
        Filter {
            arch,
            program: compile(profile, caps, target(arch)).unwrap(),
        }
    }

    fn default_profile(caps: &[&str], arch: Arch) -> Filter {
        Filter::new(&default_profile(), caps, arch)
    }

    fn nr(&self, name: &str) -> u32 {
        self.arch
            .syscall_number(name)
            .unwrap_or_else(|| panic!("{name} on {}", self.arch))
    }

    fn verdict(&self, name: &str, args: &[u64]) -> u32 {
        self.verdict_nr(self.nr(name), args)
    }

    fn verdict_nr(&self, nr: u32, args: &[u64]) -> u32 {
        let mut all = [0u64; 6];
        all[..args.len()].copy_from_slice(args);
        let data = SeccompData::new(self.arch.audit_arch(), nr, all);
        run(self.program.instructions(), &data).0
    }
}

/// The rules of `profile` that can decide syscall `nr`, in profile order.
fn rules_for<'p>(profile: &'p Profile, caps: &CapSet, target: Target, nr: u32) -> Vec<&'p Rule> {
    profile
        .rules
        .iter()
        .filter(|r| r.action != profile.default_action && r.applies(caps, target))
        .filter(|r| {
            r.syscalls
                .iter()
                .any(|s| target.arch.syscall_number(s) == Some(nr))
        })
        .collect()
}

/// The profile semantics (see profile.rs and compile.rs) evaluated without BPF; `rules` come
/// from [`rules_for`] for `data.nr`.
fn expected(profile: &Profile, rules: &[&Rule], target: Target, data: &SeccompData) -> u32 {
    let beyond_known = match profile.default_action {
        Action::Allow | Action::Log => profile.default_action,
        _ => Action::Errno(libc::ENOSYS as u16),
    };
    // Other ABIs are killed, unless the profile allows by default: it then restricts nothing.
    let foreign_abi = match profile.default_action {
        Action::Allow => Action::Allow.seccomp_ret(),
        _ => KILL_PROCESS,
    };
    if data.arch != target.arch.audit_arch() {
        return foreign_abi;
    }
    if target.arch == Arch::X86_64 && data.nr >= 0x4000_0000 {
        return if data.nr == u32::MAX {
            beyond_known.seccomp_ret()
        } else {
            foreign_abi
        };
    }
    if data.nr > target.arch.max_known_syscall() {
        return beyond_known.seccomp_ret();
    }
    let decided = rules
        .iter()
        .find(|r| r.args.is_empty())
        .or_else(|| {
            rules.iter().find(|r| {
                r.args
                    .iter()
                    .all(|c| c.holds(data.args[usize::from(c.index)]))
            })
        })
        .map_or(profile.default_action, |r| r.action);
    decided.seccomp_ret()
}

/// Argument values around every constant of the profile, plus 64-bit edge cases.
fn probe_values(profile: &Profile) -> Vec<u64> {
    let mut values = vec![0, 1, 0xffff_ffff, 1 << 32, u64::MAX, 0x8000_0000_0000_0000];
    for condition in profile.rules.iter().flat_map(|r| &r.args) {
        let v = condition.value;
        values.extend([
            v,
            v.wrapping_sub(1),
            v.wrapping_add(1),
            v ^ (1 << 40),
            v | (1 << 63),
        ]);
        if let CmpOp::MaskedEq(mask) = condition.op {
            values.extend([mask, mask | v, !mask, v | (mask & mask.wrapping_neg())]);
        }
    }
    values.sort();
    values.dedup();
    values
}

fn assert_matches_semantics(profile: &Profile, caps: &[&str], arch: Arch) {
    let filter = Filter::new(profile, caps, arch);
    let values = probe_values(profile);
    let max = arch.max_known_syscall();
    let numbers = (0..=max + 3).chain([0x4000_0000, 0x4000_0001, u32::MAX, 0x7fff_ffff]);
    let cap_set = CapSet::new(caps);
    for nr in numbers {
        let rules = rules_for(profile, &cap_set, target(arch), nr);
        for (i, &value) in values.iter().enumerate() {
            let other = values[(i * 7 + 3) % values.len()];
            let data = SeccompData::new(arch.audit_arch(), nr, [value, other, value, 0, 0, value]);
            let (got, _) = run(filter.program.instructions(), &data);
            let want = expected(profile, &rules, target(arch), &data);
            assert_eq!(
                got, want,
                "{arch} nr {nr} args {:x?}: got {got:#x}, want {want:#x}",
                data.args
            );
        }
    }
}

#[test]
fn default_profile_matches_its_semantics_on_every_syscall() {
    for arch in ARCHES {
        assert_matches_semantics(&default_profile(), DEFAULT_CAPS, arch);
        assert_matches_semantics(
            &default_profile(),
            &["CAP_SYS_ADMIN", "CAP_SYS_PTRACE"],
            arch,
        );
        assert_matches_semantics(&default_profile(), &[] as &[&str], arch);
    }
}

#[test]
fn every_unconditionally_allowed_syscall_is_allowed() {
    let caps = CapSet::new(DEFAULT_CAPS);
    for arch in ARCHES {
        let filter = Filter::default_profile(DEFAULT_CAPS, arch);
        let mut allowed = 0;
        for rule in default_profile().rules {
            if rule.action != Action::Allow
                || !rule.args.is_empty()
                || !rule.applies(&caps, target(arch))
            {
                continue;
            }
            for name in &rule.syscalls {
                if let Some(nr) = arch.syscall_number(name) {
                    assert_eq!(filter.verdict_nr(nr, &[]), ALLOW, "{arch} {name}");
                    allowed += 1;
                }
            }
        }
        assert!(allowed > 250, "{arch}: only {allowed} allowed");
    }
}

#[test]
fn default_profile_denies_what_docker_denies() {
    for arch in ARCHES {
        let filter = Filter::default_profile(DEFAULT_CAPS, arch);
        for name in [
            "reboot",
            "kexec_load",
            "mount",
            "umount2",
            "unshare",
            "setns",
            "add_key",
            "keyctl",
            "request_key",
            "bpf",
            "init_module",
            "swapon",
            "pivot_root",
            "io_uring_setup",
            "perf_event_open",
            "ptrace_never_exists_but_skipped",
        ] {
            if let Some(nr) = arch.syscall_number(name) {
                assert_eq!(filter.verdict_nr(nr, &[]), EPERM, "{arch} {name}");
            }
        }
        assert_eq!(
            filter.verdict("unshare", &[libc::CLONE_NEWUSER as u64]),
            EPERM
        );
        assert_eq!(filter.verdict("clone3", &[]), ENOSYS, "{arch} clone3");
        assert_eq!(
            filter.verdict("chroot", &[]),
            ALLOW,
            "CAP_SYS_CHROOT is a default cap"
        );
        assert_eq!(filter.verdict("ptrace", &[]), ALLOW, "kernel >= 4.8");
    }
}

#[test]
fn capabilities_open_their_syscall_groups() {
    for arch in ARCHES {
        let admin = Filter::default_profile(&["CAP_SYS_ADMIN"], arch);
        assert_eq!(admin.verdict("mount", &[]), ALLOW);
        assert_eq!(
            admin.verdict("unshare", &[libc::CLONE_NEWUSER as u64]),
            ALLOW
        );
        assert_eq!(admin.verdict("clone3", &[]), ALLOW);
        assert_eq!(admin.verdict("clone", &[libc::CLONE_NEWUSER as u64]), ALLOW);
        assert_eq!(admin.verdict("reboot", &[]), EPERM);
        let boot = Filter::default_profile(&["SYS_BOOT"], arch);
        assert_eq!(boot.verdict("reboot", &[]), ALLOW);
        assert_eq!(boot.verdict("chroot", &[]), EPERM);
    }
}

#[test]
fn argument_conditions_of_the_default_profile() {
    for arch in ARCHES {
        let filter = Filter::default_profile(DEFAULT_CAPS, arch);
        for allowed in [0, 8, 0x2_0000, 0x2_0008, 0xffff_ffff] {
            assert_eq!(
                filter.verdict("personality", &[allowed]),
                ALLOW,
                "{allowed:#x}"
            );
        }
        for denied in [0x1234, 0x1_0000_0000, 0xffff_ffff_ffff_ffff, 0x4_0000] {
            assert_eq!(
                filter.verdict("personality", &[denied]),
                EPERM,
                "{denied:#x}"
            );
        }
        let thread_flags = (libc::CLONE_VM | libc::CLONE_THREAD | libc::CLONE_SIGHAND) as u64;
        assert_eq!(filter.verdict("clone", &[thread_flags]), ALLOW);
        assert_eq!(filter.verdict("clone", &[libc::SIGCHLD as u64]), ALLOW);
        for namespace in [
            libc::CLONE_NEWUSER,
            libc::CLONE_NEWNS,
            libc::CLONE_NEWPID,
            libc::CLONE_NEWNET,
            libc::CLONE_NEWCGROUP,
        ] {
            let flags = (namespace | libc::SIGCHLD) as u64;
            assert_eq!(filter.verdict("clone", &[flags]), EPERM, "{namespace:#x}");
        }
        for family in [
            libc::AF_UNIX,
            libc::AF_INET,
            libc::AF_INET6,
            libc::AF_NETLINK,
            39,
            41,
            45,
        ] {
            assert_eq!(
                filter.verdict("socket", &[family as u64]),
                ALLOW,
                "family {family}"
            );
        }
        for family in [libc::AF_ALG, libc::AF_VSOCK] {
            assert_eq!(
                filter.verdict("socket", &[family as u64]),
                EPERM,
                "family {family}"
            );
        }
    }
}

#[test]
fn foreign_abis_are_killed() {
    const AUDIT_ARCH_I386: u32 = 0x4000_0003;
    const AUDIT_ARCH_ARM: u32 = 0x4000_0028;
    for arch in ARCHES {
        let filter = Filter::default_profile(DEFAULT_CAPS, arch);
        let getpid = filter.nr("getpid");
        for foreign in [
            AUDIT_ARCH_I386,
            AUDIT_ARCH_ARM,
            Arch::X86_64.audit_arch(),
            Arch::Aarch64.audit_arch(),
        ] {
            if foreign == arch.audit_arch() {
                continue;
            }
            let data = SeccompData::new(foreign, getpid, [0; 6]);
            assert_eq!(run(filter.program.instructions(), &data).0, KILL_PROCESS);
        }
    }
    let x86 = Filter::default_profile(DEFAULT_CAPS, Arch::X86_64);
    let x32_read = 0x4000_0000 | x86.nr("read");
    assert_eq!(x86.verdict_nr(x32_read, &[]), KILL_PROCESS);
    assert_eq!(
        x86.verdict_nr(u32::MAX, &[]),
        ENOSYS,
        "nr -1 is what a tracer uses to skip"
    );
}

#[test]
fn syscalls_newer_than_the_table_look_absent() {
    for arch in ARCHES {
        let filter = Filter::default_profile(DEFAULT_CAPS, arch);
        let newer = arch.max_known_syscall() + 1;
        assert_eq!(filter.verdict_nr(newer, &[]), ENOSYS);
        assert_eq!(filter.verdict_nr(newer + 1000, &[]), ENOSYS);
        assert_eq!(filter.verdict("fchmodat2", &[]), ALLOW);
    }
    let allow_all = Profile {
        default_action: Action::Allow,
        rules: vec![Rule::new(&["reboot"], Action::Errno(1))],
    };
    let filter = Filter::new(&allow_all, &[], Arch::X86_64);
    assert_eq!(
        filter.verdict_nr(Arch::X86_64.max_known_syscall() + 1, &[]),
        ALLOW
    );
    assert_eq!(filter.verdict("reboot", &[]), EPERM);
}

/// Every operator against a value whose two 32-bit halves both matter.
#[test]
fn comparisons_use_both_halves_of_64_bit_arguments() {
    let value = 0x0000_0001_8000_0000u64;
    let ops = [
        CmpOp::Eq,
        CmpOp::Ne,
        CmpOp::Lt,
        CmpOp::Le,
        CmpOp::Gt,
        CmpOp::Ge,
        CmpOp::MaskedEq(0xffff_0000_ffff_0000),
    ];
    let syscalls = ["read", "write", "close", "fstat", "lseek", "dup", "getpid"];
    let rules = ops
        .iter()
        .zip(syscalls)
        .enumerate()
        .map(|(i, (&op, name))| Rule {
            args: vec![ArgCondition {
                index: (i % 6) as u8,
                op,
                value,
            }],
            ..Rule::new(&[name], Action::Allow)
        })
        .collect();
    let profile = Profile {
        default_action: Action::Errno(1),
        rules,
    };
    for arch in ARCHES {
        assert_matches_semantics(&profile, &[], arch);
        let filter = Filter::new(&profile, &[], arch);
        let at = |i: usize, v: u64| {
            let mut args = [0u64; 6];
            args[i % 6] = v;
            args
        };
        for probe in [
            value - 1,
            value,
            value + 1,
            0x8000_0000,
            0x2_0000_0000,
            0x1_0000_0000,
        ] {
            for (i, (op, name)) in ops.iter().zip(syscalls).enumerate() {
                let want = ArgCondition {
                    index: 0,
                    op: *op,
                    value,
                }
                .holds(probe);
                let got = filter.verdict(name, &at(i, probe)) == ALLOW;
                assert_eq!(got, want, "{arch} {op:?} {probe:#x}");
            }
        }
    }
}

#[test]
fn far_targets_go_through_trampolines() {
    // 150 syscalls with two conditions each: rule code far beyond a conditional jump's reach.
    let names: Vec<&str> = Arch::X86_64
        .table()
        .iter()
        .map(|(n, _)| *n)
        .take(150)
        .collect();
    let mut rules: Vec<Rule> = names
        .iter()
        .enumerate()
        .map(|(i, name)| Rule {
            args: vec![
                ArgCondition {
                    index: 1,
                    op: CmpOp::Ge,
                    value: i as u64,
                },
                ArgCondition {
                    index: 2,
                    op: CmpOp::Ne,
                    value: 7,
                },
            ],
            ..Rule::new(&[name], Action::Errno(i as u16 + 2))
        })
        .collect();
    rules.push(Rule::new(&names[..40], Action::Trace(9)));
    let profile = Profile {
        default_action: Action::Allow,
        rules,
    };
    let program = compile(&profile, &[] as &[&str], target(Arch::X86_64)).unwrap();
    assert!(program.instructions().len() > 1000);
    assert_matches_semantics(&profile, &[], Arch::X86_64);
}

#[test]
fn rule_order_follows_libseccomp() {
    let mut errno_if_zero = Rule::new(&["read"], Action::Errno(5));
    errno_if_zero.args = vec![ArgCondition {
        index: 0,
        op: CmpOp::Eq,
        value: 0,
    }];
    let mut trap_if_zero = errno_if_zero.clone();
    trap_if_zero.action = Action::Trap;
    let profile = Profile {
        default_action: Action::Errno(1),
        rules: vec![
            errno_if_zero.clone(),
            trap_if_zero,
            Rule::new(&["write"], Action::Errno(1)),
            errno_if_zero.clone(),
            Rule::new(&["read"], Action::Allow),
            Rule::new(&["read"], Action::KillThread),
        ],
    };
    let filter = Filter::new(&profile, &[], Arch::X86_64);
    assert_eq!(
        filter.verdict("read", &[0]),
        ALLOW,
        "an unconditional rule wins"
    );
    let profile = Profile {
        rules: profile.rules[..2].to_vec(),
        ..profile
    };
    let filter = Filter::new(&profile, &[], Arch::X86_64);
    assert_eq!(
        filter.verdict("read", &[0]),
        libc::SECCOMP_RET_ERRNO | 5,
        "first match wins"
    );
    assert_eq!(filter.verdict("read", &[1]), libc::SECCOMP_RET_ERRNO | 1);
}

#[test]
fn oversized_programs_are_refused() {
    let names: Vec<&str> = Arch::X86_64.table().iter().map(|(n, _)| *n).collect();
    let rules = names
        .iter()
        .map(|name| Rule {
            args: (0..6)
                .map(|index| ArgCondition {
                    index,
                    op: CmpOp::Gt,
                    value: 1 << 33,
                })
                .collect(),
            ..Rule::new(&[name], Action::Allow)
        })
        .collect();
    let profile = Profile {
        default_action: Action::Errno(1),
        rules,
    };
    match compile(&profile, &[] as &[&str], target(Arch::X86_64)) {
        Err(SeccompError::TooLong { len }) => assert!(len > MAX_INSNS),
        other => panic!("expected TooLong, got {other:?}"),
    }
}

#[test]
fn bad_argument_index_is_refused() {
    let mut rule = Rule::new(&["read"], Action::Allow);
    rule.args = vec![ArgCondition {
        index: 6,
        op: CmpOp::Eq,
        value: 0,
    }];
    let profile = Profile {
        default_action: Action::Errno(1),
        rules: vec![rule],
    };
    let err = compile(&profile, &[] as &[&str], target(Arch::X86_64)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "cannot compile seccomp profile: syscalls read: argument index 6 is not 0-5"
    );
}

#[test]
fn compiled_docker_json_profile_behaves() {
    let json = r#"{
        "defaultAction": "SCMP_ACT_ERRNO",
        "syscalls": [
            {"names": ["getpid", "exit_group", "not_a_syscall"], "action": "SCMP_ACT_ALLOW"},
            {"names": ["kill"], "action": "SCMP_ACT_ALLOW",
             "args": [{"index": 1, "value": 15, "op": "SCMP_CMP_EQ"},
                      {"index": 1, "value": 9, "op": "SCMP_CMP_EQ"}]},
            {"names": ["mount"], "action": "SCMP_ACT_ALLOW", "includes": {"caps": ["CAP_SYS_ADMIN"]}}
        ]
    }"#;
    let profile = parse_docker_profile(json).unwrap();
    for arch in ARCHES {
        let filter = Filter::new(&profile, &[], arch);
        assert_eq!(filter.verdict("getpid", &[]), ALLOW);
        assert_eq!(filter.verdict("kill", &[1, 15]), ALLOW);
        assert_eq!(filter.verdict("kill", &[1, 9]), ALLOW);
        assert_eq!(filter.verdict("kill", &[1, 2]), EPERM);
        assert_eq!(filter.verdict("mount", &[]), EPERM);
        let admin = Filter::new(&profile, &["CAP_SYS_ADMIN"], arch);
        assert_eq!(admin.verdict("mount", &[]), ALLOW);
    }
}

#[test]
fn program_round_trips_through_bytes() {
    let program = compile(&default_profile(), DEFAULT_CAPS, target(Arch::Aarch64)).unwrap();
    assert_eq!(Program::from_bytes(&program.to_bytes()).unwrap(), program);
}

/// Reports (does not assert) size, compile time and the cost of common calls.
#[test]
fn report_default_profile_size_and_compile_time() {
    let profile = default_profile();
    for arch in ARCHES {
        let rounds = 200;
        let start = Instant::now();
        for _ in 0..rounds {
            compile(&profile, DEFAULT_CAPS, target(arch)).unwrap();
        }
        let per_compile = start.elapsed() / rounds;
        let filter = Filter::default_profile(DEFAULT_CAPS, arch);
        let steps = |name: &str, args: [u64; 6]| {
            let data = SeccompData::new(arch.audit_arch(), filter.nr(name), args);
            run(filter.program.instructions(), &data).1
        };
        println!(
            "seccomp default profile on {arch}: {} instructions, compiled in {per_compile:?}; \
             instructions run: read {}, futex {}, socket(AF_INET) {}, personality(0xffffffff) {}",
            filter.program.instructions().len(),
            steps("read", [0; 6]),
            steps("futex", [0; 6]),
            steps("socket", [2, 0, 0, 0, 0, 0]),
            steps("personality", [0xffff_ffff, 0, 0, 0, 0, 0]),
        );
    }
}
