//! Compiling a profile to a classic BPF seccomp program: check the architecture, refuse the
//! x32 ABI, then find the syscall with a binary search over its number, so that the common
//! allowed calls cost a dozen instructions, not hundreds.

use std::collections::BTreeMap;

use super::SeccompError;
use super::profile::{Action, ArgCmp, Op, Profile};

// Classic BPF opcodes (linux/bpf_common.h).
const LD_W_ABS: u16 = 0x20;
const JMP_JA: u16 = 0x05;
const JMP_JEQ_K: u16 = 0x15;
const JMP_JGT_K: u16 = 0x25;
const JMP_JGE_K: u16 = 0x35;
const ALU_AND_K: u16 = 0x54;
const RET_K: u16 = 0x06;

// seccomp_data offsets.
const NR: u32 = 0;
const ARCH: u32 = 4;
const fn arg_low(i: u8) -> u32 {
    16 + 8 * i as u32
}
const fn arg_high(i: u8) -> u32 {
    20 + 8 * i as u32
}

#[cfg(target_arch = "x86_64")]
pub const AUDIT_ARCH: u32 = 0xC000_003E;
#[cfg(target_arch = "aarch64")]
pub const AUDIT_ARCH: u32 = 0xC000_00B7;
/// x32 syscalls on x86_64 have this bit set in their number.
const X32_BIT: u32 = 0x4000_0000;
/// The kernel refuses longer programs.
const MAX_INSNS: usize = 4096;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Insn {
    pub code: u16,
    pub jt: u8,
    pub jf: u8,
    pub k: u32,
}

const fn stmt(code: u16, k: u32) -> Insn {
    Insn {
        code,
        jt: 0,
        jf: 0,
        k,
    }
}

const fn jump(code: u16, k: u32, jt: u8, jf: u8) -> Insn {
    Insn { code, jt, jf, k }
}

pub fn ret_value(a: Action) -> u32 {
    match a {
        Action::KillProcess => 0x8000_0000,
        Action::KillThread => 0,
        Action::Trap => 0x0003_0000,
        Action::Errno(e) => 0x0005_0000 | u32::from(e),
        Action::Trace(d) => 0x7ff0_0000 | u32::from(d),
        Action::Log => 0x7ffc_0000,
        Action::Allow => 0x7fff_0000,
    }
}

/// A jump target inside one rule: skip `n` instructions, or go to the rule's failure exit.
#[derive(Clone, Copy)]
enum To {
    Skip(u8),
    Fail,
}

struct Chunk {
    insns: Vec<(Insn, To, To)>,
}

impl Chunk {
    fn op(&mut self, insn: Insn) {
        self.insns.push((insn, To::Skip(0), To::Skip(0)));
    }

    fn branch(&mut self, code: u16, k: u32, jt: To, jf: To) {
        self.insns.push((jump(code, k, 0, 0), jt, jf));
    }

    /// Resolves failure jumps to just past the chunk.
    fn finish(self) -> Result<Vec<Insn>, SeccompError> {
        let len = self.insns.len();
        self.insns
            .into_iter()
            .enumerate()
            .map(|(i, (mut insn, jt, jf))| {
                let resolve = |t: To| match t {
                    To::Skip(n) => Ok(n),
                    To::Fail => u8::try_from(len - i - 1).map_err(|_| SeccompError::TooLong(len)),
                };
                insn.jt = resolve(jt)?;
                insn.jf = resolve(jf)?;
                Ok(insn)
            })
            .collect()
    }
}

/// Appends the test of one 64-bit argument; falls through when it holds.
fn condition(c: &mut Chunk, a: &ArgCmp) {
    let (hi, lo) = ((a.value >> 32) as u32, a.value as u32);
    match a.op {
        Op::Eq => {
            c.op(stmt(LD_W_ABS, arg_high(a.index)));
            c.branch(JMP_JEQ_K, hi, To::Skip(0), To::Fail);
            c.op(stmt(LD_W_ABS, arg_low(a.index)));
            c.branch(JMP_JEQ_K, lo, To::Skip(0), To::Fail);
        }
        Op::Ne => {
            c.op(stmt(LD_W_ABS, arg_high(a.index)));
            c.branch(JMP_JEQ_K, hi, To::Skip(0), To::Skip(2));
            c.op(stmt(LD_W_ABS, arg_low(a.index)));
            c.branch(JMP_JEQ_K, lo, To::Fail, To::Skip(0));
        }
        Op::MaskedEq(mask) => {
            c.op(stmt(LD_W_ABS, arg_high(a.index)));
            c.op(stmt(ALU_AND_K, (mask >> 32) as u32));
            c.branch(JMP_JEQ_K, hi, To::Skip(0), To::Fail);
            c.op(stmt(LD_W_ABS, arg_low(a.index)));
            c.op(stmt(ALU_AND_K, mask as u32));
            c.branch(JMP_JEQ_K, lo, To::Skip(0), To::Fail);
        }
        Op::Gt | Op::Ge => {
            c.op(stmt(LD_W_ABS, arg_high(a.index)));
            c.branch(JMP_JGT_K, hi, To::Skip(3), To::Skip(0));
            c.branch(JMP_JEQ_K, hi, To::Skip(0), To::Fail);
            c.op(stmt(LD_W_ABS, arg_low(a.index)));
            let code = if a.op == Op::Gt { JMP_JGT_K } else { JMP_JGE_K };
            c.branch(code, lo, To::Skip(0), To::Fail);
        }
        Op::Lt | Op::Le => {
            c.op(stmt(LD_W_ABS, arg_high(a.index)));
            c.branch(JMP_JGT_K, hi, To::Fail, To::Skip(0));
            c.branch(JMP_JEQ_K, hi, To::Skip(0), To::Skip(2));
            c.op(stmt(LD_W_ABS, arg_low(a.index)));
            let code = if a.op == Op::Lt { JMP_JGE_K } else { JMP_JGT_K };
            c.branch(code, lo, To::Fail, To::Skip(0));
        }
    }
}

/// The rules of one syscall in order: the first whose arguments match decides; none matching
/// means the default action.
fn syscall_block(rules: &[(Vec<ArgCmp>, Action)], default: u32) -> Result<Vec<Insn>, SeccompError> {
    let mut out = Vec::new();
    for (args, action) in rules {
        if args.is_empty() {
            out.push(stmt(RET_K, ret_value(*action)));
            return Ok(out);
        }
        let mut c = Chunk { insns: Vec::new() };
        for a in args {
            condition(&mut c, a);
        }
        c.op(stmt(RET_K, ret_value(*action)));
        out.extend(c.finish()?);
    }
    out.push(stmt(RET_K, default));
    Ok(out)
}

type Entries<'a> = [(u32, Vec<(Vec<ArgCmp>, Action)>)];

/// A binary search over syscall numbers; every path ends in a return.
fn tree(entries: &Entries<'_>, default: u32) -> Result<Vec<Insn>, SeccompError> {
    if entries.len() <= 3 {
        let mut out = Vec::new();
        for (nr, rules) in entries {
            let block = syscall_block(rules, default)?;
            let skip = u8::try_from(block.len()).map_err(|_| SeccompError::TooLong(block.len()))?;
            out.push(jump(JMP_JEQ_K, *nr, 0, skip));
            out.extend(block);
        }
        out.push(stmt(RET_K, default));
        return Ok(out);
    }
    let mid = entries.len() / 2;
    let left = tree(&entries[..mid], default)?;
    let right = tree(&entries[mid..], default)?;
    let mut out = Vec::with_capacity(left.len() + right.len() + 2);
    // nr >= pivot: take the `ja` over the left half; else skip the `ja` into the left half.
    out.push(jump(JMP_JGE_K, entries[mid].0, 0, 1));
    out.push(stmt(JMP_JA, left.len() as u32));
    out.extend(left);
    out.extend(right);
    Ok(out)
}

/// Compiles rules already narrowed to this container (capabilities, kernel) and resolved to
/// syscall numbers.
pub fn compile(
    by_nr: &BTreeMap<u32, Vec<(Vec<ArgCmp>, Action)>>,
    profile: &Profile,
) -> Result<Vec<Insn>, SeccompError> {
    let default = ret_value(profile.default_action);
    let mut prog = vec![
        stmt(LD_W_ABS, ARCH),
        jump(JMP_JEQ_K, AUDIT_ARCH, 1, 0),
        stmt(RET_K, ret_value(Action::KillProcess)),
        stmt(LD_W_ABS, NR),
    ];
    if cfg!(target_arch = "x86_64") {
        prog.push(jump(JMP_JGE_K, X32_BIT, 0, 1));
        prog.push(stmt(RET_K, default));
    }
    let entries: Vec<_> = by_nr
        .iter()
        .map(|(nr, rules)| (*nr, rules.clone()))
        .collect();
    prog.extend(tree(&entries, default)?);
    if prog.len() > MAX_INSNS {
        return Err(SeccompError::TooLong(prog.len()));
    }
    Ok(prog)
}

/// Runs a program on synthetic seccomp data: what the kernel would decide.
#[cfg(test)]
pub fn run(prog: &[Insn], arch: u32, nr: u32, args: [u64; 6]) -> u32 {
    let mut data = [0u8; 64];
    data[0..4].copy_from_slice(&nr.to_le_bytes());
    data[4..8].copy_from_slice(&arch.to_le_bytes());
    for (i, a) in args.iter().enumerate() {
        data[16 + 8 * i..24 + 8 * i].copy_from_slice(&a.to_le_bytes());
    }
    let mut acc = 0u32;
    let mut pc = 0usize;
    loop {
        let insn = prog[pc];
        pc += 1;
        match insn.code {
            LD_W_ABS => {
                let k = insn.k as usize;
                acc = u32::from_le_bytes(data[k..k + 4].try_into().unwrap());
            }
            ALU_AND_K => acc &= insn.k,
            JMP_JA => pc += insn.k as usize,
            JMP_JEQ_K | JMP_JGT_K | JMP_JGE_K => {
                let taken = match insn.code {
                    JMP_JEQ_K => acc == insn.k,
                    JMP_JGT_K => acc > insn.k,
                    _ => acc >= insn.k,
                };
                pc += usize::from(if taken { insn.jt } else { insn.jf });
            }
            RET_K => return insn.k,
            other => panic!("unknown opcode {other:#x}"),
        }
    }
}
