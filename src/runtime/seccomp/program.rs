//! A compiled filter: classic BPF instructions for one architecture, and their on-disk form so
//! that a caller can cache compiled programs.

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::arch::{Arch, Target};
use super::profile::{CapSet, Profile};

/// The kernel's limit on a classic BPF program (BPF_MAXINSNS).
pub const MAX_INSNS: usize = libc::BPF_MAXINSNS as usize;

/// One classic BPF instruction, laid out exactly as the kernel's `struct sock_filter`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(C)]
pub struct Insn {
    pub code: u16,
    pub jt: u8,
    pub jf: u8,
    pub k: u32,
}

const _: () = {
    assert!(size_of::<Insn>() == size_of::<libc::sock_filter>());
    assert!(align_of::<Insn>() == align_of::<libc::sock_filter>());
};

const INSN_BYTES: usize = 8;
const MAGIC: &[u8; 8] = b"rpodbpf\x01";
const HEADER_BYTES: usize = MAGIC.len() + 4 + 4;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Program {
    arch: Arch,
    insns: Vec<Insn>,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DecodeError {
    #[error("not an rpod seccomp program (bad magic)")]
    BadMagic,
    #[error("unknown audit architecture {0:#x}")]
    UnknownArch(u32),
    #[error("{count} instructions is not between 1 and {MAX_INSNS}")]
    Count { count: usize },
    #[error("expected {expected} bytes, found {found}")]
    Length { expected: usize, found: usize },
}

impl Program {
    pub(super) fn new(arch: Arch, insns: Vec<Insn>) -> Program {
        Program { arch, insns }
    }

    pub fn arch(&self) -> Arch {
        self.arch
    }

    pub fn instructions(&self) -> &[Insn] {
        &self.insns
    }

    /// Magic, audit arch (u32 LE), instruction count (u32 LE), then per instruction code (u16
    /// LE), jt, jf, k (u32 LE).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(HEADER_BYTES + self.insns.len() * INSN_BYTES);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&self.arch.audit_arch().to_le_bytes());
        out.extend_from_slice(&(self.insns.len() as u32).to_le_bytes());
        for insn in &self.insns {
            out.extend_from_slice(&insn.code.to_le_bytes());
            out.push(insn.jt);
            out.push(insn.jf);
            out.extend_from_slice(&insn.k.to_le_bytes());
        }
        out
    }

    /// Reads what [`to_bytes`](Program::to_bytes) wrote; the kernel verifies the code itself
    /// when the program is installed.
    pub fn from_bytes(bytes: &[u8]) -> Result<Program, DecodeError> {
        if bytes.len() < HEADER_BYTES || &bytes[..MAGIC.len()] != MAGIC {
            return Err(DecodeError::BadMagic);
        }
        let word = |at: usize| {
            u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
        };
        let audit = word(MAGIC.len());
        let arch = Arch::from_audit_arch(audit).ok_or(DecodeError::UnknownArch(audit))?;
        let count = word(MAGIC.len() + 4) as usize;
        if count == 0 || count > MAX_INSNS {
            return Err(DecodeError::Count { count });
        }
        let expected = HEADER_BYTES + count * INSN_BYTES;
        if bytes.len() != expected {
            return Err(DecodeError::Length {
                expected,
                found: bytes.len(),
            });
        }
        let insns = bytes[HEADER_BYTES..]
            .chunks_exact(INSN_BYTES)
            .map(|c| Insn {
                code: u16::from_le_bytes([c[0], c[1]]),
                jt: c[2],
                jf: c[3],
                k: u32::from_le_bytes([c[4], c[5], c[6], c[7]]),
            })
            .collect();
        Ok(Program { arch, insns })
    }
}

/// Bumped whenever the compiler's output for the same input changes.
const COMPILER_REVISION: u32 = 2;

/// A file-name-safe key (64 hex) for a cached program: every input of [`compile`] plus the rpod
/// version, so an upgrade never reuses a stale program.
///
/// [`compile`]: super::compile
pub fn cache_key<S: AsRef<str>>(profile: &Profile, caps: &[S], target: Target) -> String {
    #[derive(Serialize)]
    struct Key<'a> {
        rpod: &'static str,
        compiler: u32,
        profile: &'a Profile,
        caps: &'a [String],
        target: Target,
    }
    let caps = CapSet::new(caps);
    let key = Key {
        rpod: env!("CARGO_PKG_VERSION"),
        compiler: COMPILER_REVISION,
        profile,
        caps: caps.names(),
        target,
    };
    let encoded = serde_json::to_vec(&key).expect("the cache key is plain data");
    hex::encode(Sha256::digest(&encoded))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::seccomp::arch::KernelVersion;
    use crate::runtime::seccomp::profile::{Action, Rule};

    fn sample() -> Program {
        Program::new(
            Arch::Aarch64,
            vec![
                Insn {
                    code: 0x20,
                    jt: 0,
                    jf: 0,
                    k: 4,
                },
                Insn {
                    code: 0x15,
                    jt: 1,
                    jf: 0,
                    k: 0xC000_00B7,
                },
                Insn {
                    code: 0x06,
                    jt: 0,
                    jf: 0,
                    k: 0x7fff_0000,
                },
            ],
        )
    }

    #[test]
    fn bytes_round_trip() {
        let program = sample();
        let bytes = program.to_bytes();
        assert_eq!(bytes.len(), HEADER_BYTES + 3 * INSN_BYTES);
        assert_eq!(Program::from_bytes(&bytes), Ok(program));
    }

    #[test]
    fn damaged_bytes_are_rejected() {
        let bytes = sample().to_bytes();
        assert_eq!(Program::from_bytes(b"nonsense"), Err(DecodeError::BadMagic));
        assert_eq!(
            Program::from_bytes(&bytes[..bytes.len() - 1]),
            Err(DecodeError::Length {
                expected: bytes.len(),
                found: bytes.len() - 1
            })
        );
        let mut wrong_arch = bytes.clone();
        wrong_arch[8..12].copy_from_slice(&0x4000_0003u32.to_le_bytes());
        assert_eq!(
            Program::from_bytes(&wrong_arch),
            Err(DecodeError::UnknownArch(0x4000_0003))
        );
        let mut empty = bytes;
        empty[12..16].copy_from_slice(&0u32.to_le_bytes());
        assert_eq!(
            Program::from_bytes(&empty),
            Err(DecodeError::Count { count: 0 })
        );
    }

    #[test]
    fn cache_key_depends_on_every_input() {
        let target = Target {
            arch: Arch::X86_64,
            kernel: KernelVersion { major: 6, minor: 1 },
        };
        let profile = Profile {
            default_action: Action::Errno(1),
            rules: vec![Rule::new(&["read"], Action::Allow)],
        };
        let base = cache_key(&profile, &["CAP_CHOWN"], target);
        assert_eq!(base.len(), 64);
        assert_eq!(base, cache_key(&profile, &["chown", "CAP_CHOWN"], target));
        assert_ne!(base, cache_key(&profile, &["CAP_SYS_ADMIN"], target));
        let other_arch = Target {
            arch: Arch::Aarch64,
            ..target
        };
        assert_ne!(base, cache_key(&profile, &["CAP_CHOWN"], other_arch));
        let mut other_profile = profile.clone();
        other_profile.default_action = Action::Errno(38);
        assert_ne!(base, cache_key(&other_profile, &["CAP_CHOWN"], target));
    }
}
