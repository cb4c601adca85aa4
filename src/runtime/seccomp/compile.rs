//! Profile → classic BPF.
//!
//! Shape of the program:
//! 1. `seccomp_data.arch` must be the target's native ABI, else kill the process (this is what
//!    denies i386 and arm compat syscalls); on x86_64 numbers with the x32 bit set are killed
//!    too (nr -1, which a tracer uses to skip a call, gets the "unknown syscall" action). A
//!    profile that allows by default (the root emulation's) lets other ABIs through instead:
//!    it restricts nothing, so it must not forbid what the other filters allow.
//! 2. The syscall number space is cut into intervals that share an outcome (runs of allowed
//!    numbers collapse into one interval) and a balanced binary search over the interval starts
//!    picks the outcome in ~log2(intervals) comparisons.
//! 3. An outcome is a return, or, for syscalls with argument conditions, a chain of rule checks.
//!
//! Numbers above the highest syscall the table knows get ENOSYS unless the default action allows:
//! a syscall newer than this build then looks absent, so libc falls back to an older call instead
//! of failing with the default EPERM (runc does the same).
//!
//! Code is emitted back to front: every jump goes forward, so its target already exists and its
//! distance is known. Conditional jumps reach at most 255 instructions; a farther target gets a
//! trampoline next to the jump (a copy of the target when it is a return, else an unconditional
//! jump, which has a 32-bit reach).

use std::collections::{BTreeMap, HashMap};

use super::SeccompError;
use super::arch::{Arch, Target};
use super::profile::{Action, ArgCondition, CapSet, CmpOp, Profile};
use super::program::{Insn, MAX_INSNS, Program};

pub(super) const LD_W_ABS: u16 = 0x20;
pub(super) const ALU_AND_K: u16 = 0x54;
pub(super) const JMP_JA: u16 = 0x05;
pub(super) const JMP_JEQ_K: u16 = 0x15;
pub(super) const JMP_JGT_K: u16 = 0x25;
pub(super) const JMP_JGE_K: u16 = 0x35;
pub(super) const RET_K: u16 = 0x06;

/// Offsets in `struct seccomp_data`.
const NR_OFFSET: u32 = 0;
const ARCH_OFFSET: u32 = 4;
const ARGS_OFFSET: u32 = 16;

const X32_SYSCALL_BIT: u32 = 0x4000_0000;
const SKIPPED_SYSCALL: u32 = u32::MAX;

/// Compiles `profile` for a process holding `caps` (names such as `CAP_SYS_ADMIN`) on `target`.
pub fn compile<S: AsRef<str>>(
    profile: &Profile,
    caps: &[S],
    target: Target,
) -> Result<Program, SeccompError> {
    let caps = CapSet::new(caps);
    let decisions = decide(profile, &caps, target)?;
    let beyond_known = match profile.default_action {
        Action::Allow | Action::Log => profile.default_action,
        _ => Action::Errno(libc::ENOSYS as u16),
    };
    let intervals = intervals(
        &decisions,
        profile.default_action,
        target.arch.max_known_syscall() + 1,
        beyond_known,
    );

    let mut asm = Assembler::default();
    let foreign_abi = asm.ret(match profile.default_action {
        Action::Allow => Action::Allow,
        _ => Action::KillProcess,
    });
    let default = asm.ret(profile.default_action);
    let mut checks = HashMap::new();
    for (&nr, decision) in &decisions {
        if let Decision::Conditional(rules) = decision {
            let mut next = default;
            for (conditions, action) in rules.iter().rev() {
                let decided = asm.ret(*action);
                next = rule_check(&mut asm, conditions, decided, next);
            }
            checks.insert(nr, next);
        }
    }
    let mut outcome_label = |asm: &mut Assembler, outcome: Outcome| match outcome {
        Outcome::Return(action) => asm.ret(action),
        Outcome::Check(nr) => checks[&nr],
    };
    let dispatch = search_tree(&mut asm, &intervals, &mut outcome_label);
    let native_nr = if target.arch == Arch::X86_64 {
        let skipped = asm.ret(beyond_known);
        let x32 = asm.branch(JMP_JEQ_K, SKIPPED_SYSCALL, skipped, foreign_abi);
        asm.branch(JMP_JGE_K, X32_SYSCALL_BIT, x32, dispatch)
    } else {
        dispatch
    };
    asm.continue_at(native_nr);
    let load_nr = asm.load(NR_OFFSET);
    asm.branch(JMP_JEQ_K, target.arch.audit_arch(), load_nr, foreign_abi);
    asm.load(ARCH_OFFSET);

    let insns = asm.finish();
    if insns.len() > MAX_INSNS {
        return Err(SeccompError::TooLong { len: insns.len() });
    }
    Ok(Program::new(target.arch, insns))
}

/// What one syscall number does.
enum Decision<'p> {
    Always(Action),
    /// Rules in profile order: the first whose conditions all hold decides.
    Conditional(Vec<(&'p [ArgCondition], Action)>),
}

fn decide<'p>(
    profile: &'p Profile,
    caps: &CapSet,
    target: Target,
) -> Result<BTreeMap<u32, Decision<'p>>, SeccompError> {
    let mut decisions = BTreeMap::new();
    for rule in &profile.rules {
        if let Some(bad) = rule.args.iter().find(|c| c.index > ArgCondition::MAX_INDEX) {
            return Err(SeccompError::ArgIndex {
                syscalls: rule.syscalls.join(","),
                index: bad.index,
            });
        }
        if rule.action == profile.default_action || !rule.applies(caps, target) {
            continue;
        }
        for name in &rule.syscalls {
            let Some(nr) = target.arch.syscall_number(name) else {
                tracing::debug!(syscall = %name, arch = %target.arch, "seccomp: syscall unknown to the architecture, skipped");
                continue;
            };
            let decision = decisions
                .entry(nr)
                .or_insert_with(|| Decision::Conditional(Vec::new()));
            if let Decision::Conditional(rules) = decision {
                if rule.args.is_empty() {
                    *decision = Decision::Always(rule.action);
                } else {
                    rules.push((rule.args.as_slice(), rule.action));
                }
            }
        }
    }
    Ok(decisions)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Return(Action),
    /// Run the rule checks compiled for this syscall number.
    Check(u32),
}

/// `[start, next start)` of the syscall number space; the last one runs to the end.
#[derive(Debug, Clone, Copy)]
struct Interval {
    start: u32,
    outcome: Outcome,
}

fn intervals(
    decisions: &BTreeMap<u32, Decision<'_>>,
    default: Action,
    first_unknown: u32,
    beyond_known: Action,
) -> Vec<Interval> {
    let mut out = vec![Interval {
        start: 0,
        outcome: Outcome::Return(default),
    }];
    let mut set = |start: u32, outcome: Outcome| {
        let last = out.last_mut().expect("never empty");
        if last.outcome == outcome {
            return;
        }
        if last.start == start {
            last.outcome = outcome;
            let merges = out.len() > 1 && out[out.len() - 2].outcome == outcome;
            if merges {
                out.pop();
            }
        } else {
            out.push(Interval { start, outcome });
        }
    };
    for (&nr, decision) in decisions {
        let outcome = match decision {
            Decision::Always(action) => Outcome::Return(*action),
            Decision::Conditional(_) => Outcome::Check(nr),
        };
        set(nr, outcome);
        set(nr + 1, Outcome::Return(default));
    }
    set(first_unknown, Outcome::Return(beyond_known));
    out
}

/// Balanced binary search on interval starts; the accumulator holds the syscall number.
fn search_tree(
    asm: &mut Assembler,
    intervals: &[Interval],
    outcome_label: &mut impl FnMut(&mut Assembler, Outcome) -> Label,
) -> Label {
    if let [only] = intervals {
        return outcome_label(asm, only.outcome);
    }
    let mid = intervals.len() / 2;
    let upper = search_tree(asm, &intervals[mid..], outcome_label);
    let lower = search_tree(asm, &intervals[..mid], outcome_label);
    asm.branch(JMP_JGE_K, intervals[mid].start, upper, lower)
}

/// All `conditions` hold → `pass`, else → `fail`.
fn rule_check(asm: &mut Assembler, conditions: &[ArgCondition], pass: Label, fail: Label) -> Label {
    conditions.iter().rev().fold(pass, |pass, condition| {
        arg_check(asm, condition, pass, fail)
    })
}

/// Compares the 64-bit argument as two 32-bit words (little-endian: low word first in memory).
fn arg_check(asm: &mut Assembler, condition: &ArgCondition, pass: Label, fail: Label) -> Label {
    let low_offset = ARGS_OFFSET + 8 * u32::from(condition.index);
    let words = Words {
        low_offset,
        high_offset: low_offset + 4,
    };
    let value = condition.value;
    match condition.op {
        CmpOp::Eq => words.equal(asm, value, u64::MAX, pass, fail),
        CmpOp::Ne => words.equal(asm, value, u64::MAX, fail, pass),
        CmpOp::MaskedEq(mask) => words.equal(asm, value, mask, pass, fail),
        CmpOp::Gt => words.greater(asm, value, JMP_JGT_K, pass, fail),
        CmpOp::Ge => words.greater(asm, value, JMP_JGE_K, pass, fail),
        CmpOp::Le => words.greater(asm, value, JMP_JGT_K, fail, pass),
        CmpOp::Lt => words.greater(asm, value, JMP_JGE_K, fail, pass),
    }
}

struct Words {
    low_offset: u32,
    high_offset: u32,
}

fn split(value: u64) -> (u32, u32) {
    ((value >> 32) as u32, value as u32)
}

impl Words {
    /// `arg & mask == value`, word by word.
    fn equal(&self, asm: &mut Assembler, value: u64, mask: u64, pass: Label, fail: Label) -> Label {
        let (value_high, value_low) = split(value);
        let (mask_high, mask_low) = split(mask);
        let low = word_equal(asm, self.low_offset, value_low, mask_low, pass, fail);
        word_equal(asm, self.high_offset, value_high, mask_high, low, fail)
    }

    /// `arg > value` (`low_jump` JGT) or `arg >= value` (JGE): the high words decide unless equal.
    fn greater(
        &self,
        asm: &mut Assembler,
        value: u64,
        low_jump: u16,
        pass: Label,
        fail: Label,
    ) -> Label {
        let (value_high, value_low) = split(value);
        asm.branch(low_jump, value_low, pass, fail);
        let low = asm.load(self.low_offset);
        let high_equal = asm.branch(JMP_JEQ_K, value_high, low, fail);
        asm.branch(JMP_JGT_K, value_high, pass, high_equal);
        asm.load(self.high_offset)
    }
}

/// `word & mask == value`; a zero mask makes the answer constant and costs no instruction.
fn word_equal(
    asm: &mut Assembler,
    offset: u32,
    value: u32,
    mask: u32,
    pass: Label,
    fail: Label,
) -> Label {
    if mask == 0 {
        return if value == 0 { pass } else { fail };
    }
    asm.branch(JMP_JEQ_K, value, pass, fail);
    if mask != u32::MAX {
        asm.push(ALU_AND_K, 0, 0, mask);
    }
    asm.load(offset)
}

/// An instruction's position counted from the end of the program (see [`Assembler`]).
type Label = usize;

/// Builds the program back to front, so that every jump target already has a position.
#[derive(Default)]
struct Assembler {
    reversed: Vec<Insn>,
    returns: HashMap<u32, Label>,
}

impl Assembler {
    fn push(&mut self, code: u16, jt: u8, jf: u8, k: u32) -> Label {
        self.reversed.push(Insn { code, jt, jf, k });
        self.last()
    }

    fn last(&self) -> Label {
        self.reversed.len() - 1
    }

    fn load(&mut self, offset: u32) -> Label {
        self.push(LD_W_ABS, 0, 0, offset)
    }

    /// Shared per action: many jumps land on one `ret`.
    fn ret(&mut self, action: Action) -> Label {
        let value = action.seccomp_ret();
        if let Some(&label) = self.returns.get(&value) {
            return label;
        }
        let label = self.push(RET_K, 0, 0, value);
        self.returns.insert(value, label);
        label
    }

    /// Makes `target` the next instruction to run after what is pushed next, which falls through.
    fn continue_at(&mut self, target: Label) {
        if target != self.last() {
            let distance = self.distance(target) as u32;
            self.push(JMP_JA, 0, 0, distance);
        }
    }

    /// How many instructions a jump placed next would skip to reach `target`.
    fn distance(&self, target: Label) -> usize {
        self.reversed.len() - target - 1
    }

    fn trampoline(&mut self, target: Label) -> Label {
        let insn = self.reversed[target];
        if insn.code == RET_K {
            self.push(RET_K, 0, 0, insn.k)
        } else {
            let distance = self.distance(target) as u32;
            self.push(JMP_JA, 0, 0, distance)
        }
    }

    fn branch(&mut self, code: u16, k: u32, if_true: Label, if_false: Label) -> Label {
        let (mut jt, mut jf) = (if_true, if_false);
        loop {
            if self.distance(jf) > usize::from(u8::MAX) {
                jf = self.trampoline(jf);
            } else if self.distance(jt) > usize::from(u8::MAX) {
                jt = self.trampoline(jt);
            } else {
                break;
            }
        }
        let (jt, jf) = (self.distance(jt) as u8, self.distance(jf) as u8);
        self.push(code, jt, jf, k)
    }

    fn finish(self) -> Vec<Insn> {
        let mut insns = self.reversed;
        insns.reverse();
        insns
    }
}
