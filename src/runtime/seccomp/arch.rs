//! The architectures a filter can be built for, their syscall numbers, and the kernel version
//! a profile's `minKernel` gates are judged against.

use std::cmp::Ordering;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::SeccompError;
use super::syscall_table;

/// `EM_*` machine | `__AUDIT_ARCH_64BIT` | `__AUDIT_ARCH_LE`, as the kernel reports it in
/// `seccomp_data.arch` (linux/audit.h).
const AUDIT_ARCH_X86_64: u32 = 0xC000_003E;
const AUDIT_ARCH_AARCH64: u32 = 0xC000_00B7;

/// A native 64-bit little-endian ABI. Compat ABIs (i386 and x32 on x86_64, arm on aarch64) are
/// never allowed by our filters, so they have no variant here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Arch {
    X86_64,
    Aarch64,
}

impl Arch {
    /// The architecture this binary was built for, which is the ABI its children call with.
    pub fn host() -> Option<Arch> {
        if cfg!(target_arch = "x86_64") {
            Some(Arch::X86_64)
        } else if cfg!(target_arch = "aarch64") {
            Some(Arch::Aarch64)
        } else {
            None
        }
    }

    pub fn audit_arch(self) -> u32 {
        match self {
            Arch::X86_64 => AUDIT_ARCH_X86_64,
            Arch::Aarch64 => AUDIT_ARCH_AARCH64,
        }
    }

    pub fn from_audit_arch(value: u32) -> Option<Arch> {
        [Arch::X86_64, Arch::Aarch64]
            .into_iter()
            .find(|arch| arch.audit_arch() == value)
    }

    /// The name docker profiles use in `includes.arches` / `excludes.arches` (Go's GOARCH).
    pub fn docker_name(self) -> &'static str {
        match self {
            Arch::X86_64 => "amd64",
            Arch::Aarch64 => "arm64",
        }
    }

    /// The libseccomp name docker profiles use in `architectures` and `archMap`.
    pub fn scmp_name(self) -> &'static str {
        match self {
            Arch::X86_64 => "SCMP_ARCH_X86_64",
            Arch::Aarch64 => "SCMP_ARCH_AARCH64",
        }
    }

    /// Whether an `arches` entry of a docker profile designates this architecture; the kernel's
    /// spelling is accepted too.
    pub fn is_named(self, name: &str) -> bool {
        let kernel_name = match self {
            Arch::X86_64 => "x86_64",
            Arch::Aarch64 => "aarch64",
        };
        name == self.docker_name() || name == kernel_name
    }

    pub fn syscall_number(self, name: &str) -> Option<u32> {
        let table = self.table();
        table
            .binary_search_by(|(entry, _)| entry.cmp(&name))
            .ok()
            .map(|i| table[i].1)
    }

    /// The highest syscall number the table knows: anything above is newer than this build.
    pub fn max_known_syscall(self) -> u32 {
        self.table().iter().map(|&(_, nr)| nr).max().unwrap_or(0)
    }

    pub(super) fn table(self) -> &'static [(&'static str, u32)] {
        match self {
            Arch::X86_64 => syscall_table::X86_64,
            Arch::Aarch64 => syscall_table::AARCH64,
        }
    }
}

impl fmt::Display for Arch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Arch::X86_64 => "x86_64",
            Arch::Aarch64 => "aarch64",
        })
    }
}

/// A kernel release reduced to what docker's `minKernel` compares: major and minor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct KernelVersion {
    pub major: u32,
    pub minor: u32,
}

impl KernelVersion {
    /// Reads "6.18", "6.18.44-fc-v769" or "5" (minor 0).
    pub fn parse(text: &str) -> Option<KernelVersion> {
        let mut parts = text.splitn(3, '.');
        let major = leading_number(parts.next()?)?;
        let minor = match parts.next() {
            Some(part) => leading_number(part)?,
            None => 0,
        };
        Some(KernelVersion { major, minor })
    }

    pub fn running() -> Result<KernelVersion, SeccompError> {
        let uts = nix::sys::utsname::uname().map_err(SeccompError::Uname)?;
        let release = uts.release().to_string_lossy().into_owned();
        KernelVersion::parse(&release).ok_or(SeccompError::KernelRelease { release })
    }
}

fn leading_number(text: &str) -> Option<u32> {
    let end = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    text[..end].parse().ok()
}

impl Ord for KernelVersion {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.major, self.minor).cmp(&(other.major, other.minor))
    }
}

impl PartialOrd for KernelVersion {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for KernelVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.major, self.minor)
    }
}

/// What a filter is compiled for: the ABI it admits and the kernel that judges `minKernel`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Target {
    pub arch: Arch,
    pub kernel: KernelVersion,
}

impl Target {
    pub fn host() -> Result<Target, SeccompError> {
        let arch = Arch::host().ok_or(SeccompError::UnsupportedArch {
            arch: std::env::consts::ARCH,
        })?;
        Ok(Target {
            arch,
            kernel: KernelVersion::running()?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_sorted_by_name_for_binary_search() {
        for arch in [Arch::X86_64, Arch::Aarch64] {
            let table = arch.table();
            assert!(table.windows(2).all(|w| w[0].0 < w[1].0), "{arch}");
        }
    }

    #[test]
    fn syscall_numbers_match_the_kernel_abi() {
        assert_eq!(Arch::X86_64.syscall_number("getpid"), Some(39));
        assert_eq!(Arch::X86_64.syscall_number("reboot"), Some(169));
        assert_eq!(Arch::X86_64.syscall_number("fchmodat2"), Some(452));
        assert_eq!(Arch::Aarch64.syscall_number("getpid"), Some(172));
        assert_eq!(Arch::Aarch64.syscall_number("newfstatat"), Some(79));
        assert_eq!(Arch::Aarch64.syscall_number("clone3"), Some(435));
        assert_eq!(Arch::Aarch64.syscall_number("open"), None);
        assert_eq!(Arch::X86_64.syscall_number("no_such_call"), None);
        assert_eq!(Arch::X86_64.max_known_syscall(), 469);
    }

    #[test]
    fn host_arch_numbers_agree_with_libc() {
        let host = Arch::host().expect("tests run on x86_64 or aarch64");
        assert_eq!(host.syscall_number("getpid"), Some(libc::SYS_getpid as u32));
        assert_eq!(host.syscall_number("openat"), Some(libc::SYS_openat as u32));
        assert_eq!(host.syscall_number("clone3"), Some(libc::SYS_clone3 as u32));
    }

    #[test]
    fn kernel_versions_parse_and_order_like_docker() {
        let v = KernelVersion::parse("6.18.44-fc-v769").unwrap();
        assert_eq!(
            v,
            KernelVersion {
                major: 6,
                minor: 18
            }
        );
        assert_eq!(KernelVersion::parse("5").unwrap().minor, 0);
        assert!(KernelVersion::parse("4.8").unwrap() < KernelVersion::parse("4.10").unwrap());
        assert_eq!(KernelVersion::parse("x.1"), None);
        assert!(KernelVersion::running().is_ok());
    }
}
