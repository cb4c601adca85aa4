//! A classic BPF interpreter for the instructions our compiler emits, run on a synthetic
//! `struct seccomp_data`, so that tests can check a program's verdicts without a kernel.

use super::compile::{ALU_AND_K, JMP_JA, JMP_JEQ_K, JMP_JGE_K, JMP_JGT_K, LD_W_ABS, RET_K};
use super::program::Insn;

/// `struct seccomp_data` (linux/seccomp.h).
#[derive(Debug, Clone, Copy)]
pub struct SeccompData {
    pub nr: u32,
    pub arch: u32,
    pub instruction_pointer: u64,
    pub args: [u64; 6],
}

impl SeccompData {
    pub fn new(arch: u32, nr: u32, args: [u64; 6]) -> SeccompData {
        SeccompData {
            nr,
            arch,
            instruction_pointer: 0x7fff_0000_1234,
            args,
        }
    }

    /// The kernel's little-endian memory image of the struct.
    fn bytes(&self) -> [u8; 64] {
        let mut out = [0u8; 64];
        out[0..4].copy_from_slice(&self.nr.to_le_bytes());
        out[4..8].copy_from_slice(&self.arch.to_le_bytes());
        out[8..16].copy_from_slice(&self.instruction_pointer.to_le_bytes());
        for (i, arg) in self.args.iter().enumerate() {
            out[16 + 8 * i..24 + 8 * i].copy_from_slice(&arg.to_le_bytes());
        }
        out
    }
}

/// What the program returns, and how many instructions it executed.
pub fn run(program: &[Insn], data: &SeccompData) -> (u32, usize) {
    let memory = data.bytes();
    let mut accumulator = 0u32;
    let mut pc = 0usize;
    let mut executed = 0;
    loop {
        let insn = *program
            .get(pc)
            .unwrap_or_else(|| panic!("pc {pc} ran off a program of {}", program.len()));
        executed += 1;
        pc += 1;
        let jump = |taken: bool| usize::from(if taken { insn.jt } else { insn.jf });
        match insn.code {
            LD_W_ABS => {
                let at = insn.k as usize;
                assert!(
                    at % 4 == 0 && at + 4 <= memory.len(),
                    "bad load offset {at}"
                );
                accumulator = u32::from_le_bytes(memory[at..at + 4].try_into().unwrap());
            }
            ALU_AND_K => accumulator &= insn.k,
            JMP_JA => pc += insn.k as usize,
            JMP_JEQ_K => pc += jump(accumulator == insn.k),
            JMP_JGT_K => pc += jump(accumulator > insn.k),
            JMP_JGE_K => pc += jump(accumulator >= insn.k),
            RET_K => return (insn.k, executed),
            other => panic!("instruction {other:#x} at {} is not one we emit", pc - 1),
        }
    }
}
