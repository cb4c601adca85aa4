//! Docker's seccomp profile JSON (`--security-opt seccomp=FILE`) → [`Profile`].
//!
//! Read as docker (with runc) reads it:
//! - `defaultErrnoRet` is the errno of an ERRNO default action; a rule's ERRNO or TRACE action
//!   without `errnoRet` uses EPERM;
//! - `name` or `names` (not both); names unknown to the architecture are skipped at compile time;
//! - `args` are ANDed, except when two of them test the same argument: then each becomes a rule
//!   of its own (ORed), as runc does;
//! - `SCMP_CMP_MASKED_EQ` tests `arg & value == valueTwo`;
//! - `architectures` / `archMap` are checked for known names only: the filter always admits the
//!   native ABI and no sub-architecture (see the module documentation of `seccomp`).
//!
//! Unknown actions, operators, architectures and malformed kernel versions are errors naming the
//! offending field; unknown fields are ignored (`comment`, `listenerPath`, …).

use std::path::Path;

use serde::Deserialize;

use super::SeccompError;
use super::arch::KernelVersion;
use super::profile::{Action, ArgCondition, CmpOp, Profile, Rule, Selector};

const EPERM: u16 = libc::EPERM as u16;
/// The kernel's MAX_ERRNO: larger values would not read as errors in user space.
const MAX_ERRNO: u64 = 4095;

const KNOWN_ARCHES: &[&str] = &[
    "SCMP_ARCH_X86",
    "SCMP_ARCH_X86_64",
    "SCMP_ARCH_X32",
    "SCMP_ARCH_ARM",
    "SCMP_ARCH_AARCH64",
    "SCMP_ARCH_LOONGARCH64",
    "SCMP_ARCH_M68K",
    "SCMP_ARCH_MIPS",
    "SCMP_ARCH_MIPS64",
    "SCMP_ARCH_MIPS64N32",
    "SCMP_ARCH_MIPSEL",
    "SCMP_ARCH_MIPSEL64",
    "SCMP_ARCH_MIPSEL64N32",
    "SCMP_ARCH_PARISC",
    "SCMP_ARCH_PARISC64",
    "SCMP_ARCH_PPC",
    "SCMP_ARCH_PPC64",
    "SCMP_ARCH_PPC64LE",
    "SCMP_ARCH_RISCV64",
    "SCMP_ARCH_S390",
    "SCMP_ARCH_S390X",
    "SCMP_ARCH_SH",
    "SCMP_ARCH_SHEB",
];

#[derive(Debug, thiserror::Error)]
pub enum ProfileError {
    #[error("malformed json: {0}")]
    Json(#[from] serde_json::Error),
    #[error("{field}: unknown action {value:?}")]
    UnknownAction { field: String, value: String },
    #[error("{field}: action {value} is not supported by rpod")]
    UnsupportedAction { field: String, value: String },
    #[error("{field}: unknown operator {value:?}")]
    UnknownOp { field: String, value: String },
    #[error("{field}: argument index {index} is not 0-5")]
    ArgIndex { field: String, index: u64 },
    #[error("{field}: errno {value} is not 0-{MAX_ERRNO}")]
    Errno { field: String, value: u64 },
    #[error("{field}: unknown architecture {value:?}")]
    UnknownArch { field: String, value: String },
    #[error("{field}: kernel version {value:?} is not MAJOR.MINOR")]
    KernelVersion { field: String, value: String },
    #[error("{field}: use either name or names, not both")]
    NameAndNames { field: String },
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct DockerProfile {
    default_action: String,
    default_errno_ret: Option<u64>,
    architectures: Option<Vec<String>>,
    arch_map: Option<Vec<ArchMapEntry>>,
    syscalls: Option<Vec<DockerSyscall>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ArchMapEntry {
    architecture: String,
    sub_architectures: Option<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct DockerSyscall {
    name: Option<String>,
    names: Option<Vec<String>>,
    action: String,
    errno_ret: Option<u64>,
    args: Option<Vec<DockerArg>>,
    includes: Option<DockerSelector>,
    excludes: Option<DockerSelector>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct DockerArg {
    index: u64,
    value: u64,
    #[serde(default)]
    value_two: u64,
    op: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct DockerSelector {
    caps: Option<Vec<String>>,
    arches: Option<Vec<String>>,
    min_kernel: Option<String>,
}

pub fn load_docker_profile(path: &Path) -> Result<Profile, SeccompError> {
    let text = std::fs::read_to_string(path).map_err(|source| SeccompError::ReadProfile {
        path: path.to_path_buf(),
        source,
    })?;
    parse_docker_profile(&text).map_err(|source| SeccompError::InvalidProfile {
        path: path.to_path_buf(),
        source,
    })
}

pub fn parse_docker_profile(json: &str) -> Result<Profile, ProfileError> {
    let docker: DockerProfile = serde_json::from_str(json)?;
    check_arches(&docker)?;
    let default_errno = errno("defaultErrnoRet", docker.default_errno_ret)?.unwrap_or(EPERM);
    let default_action = action("defaultAction", &docker.default_action, default_errno)?;
    let mut rules = Vec::new();
    for (i, syscall) in docker.syscalls.iter().flatten().enumerate() {
        rules.extend(rules_of(&format!("syscalls[{i}]"), syscall)?);
    }
    Ok(Profile {
        default_action,
        rules,
    })
}

fn check_arches(docker: &DockerProfile) -> Result<(), ProfileError> {
    let known = |field: String, value: &String| {
        if KNOWN_ARCHES.contains(&value.as_str()) {
            Ok(())
        } else {
            Err(ProfileError::UnknownArch {
                field,
                value: value.clone(),
            })
        }
    };
    for (i, arch) in docker.architectures.iter().flatten().enumerate() {
        known(format!("architectures[{i}]"), arch)?;
    }
    for (i, entry) in docker.arch_map.iter().flatten().enumerate() {
        known(format!("archMap[{i}].architecture"), &entry.architecture)?;
        for (j, sub) in entry.sub_architectures.iter().flatten().enumerate() {
            known(format!("archMap[{i}].subArchitectures[{j}]"), sub)?;
        }
    }
    Ok(())
}

fn rules_of(field: &str, syscall: &DockerSyscall) -> Result<Vec<Rule>, ProfileError> {
    let syscalls = match (&syscall.name, &syscall.names) {
        (Some(_), Some(names)) if !names.is_empty() => {
            return Err(ProfileError::NameAndNames {
                field: field.to_string(),
            });
        }
        (Some(name), _) => vec![name.clone()],
        (None, names) => names.clone().unwrap_or_default(),
    };
    let rule_errno = errno(&format!("{field}.errnoRet"), syscall.errno_ret)?.unwrap_or(EPERM);
    let action = action(&format!("{field}.action"), &syscall.action, rule_errno)?;
    let includes = selector(&format!("{field}.includes"), syscall.includes.as_ref())?;
    let excludes = selector(&format!("{field}.excludes"), syscall.excludes.as_ref())?;
    let args = syscall
        .args
        .iter()
        .flatten()
        .enumerate()
        .map(|(j, arg)| condition(&format!("{field}.args[{j}]"), arg))
        .collect::<Result<Vec<_>, _>>()?;
    let rule = |args: Vec<ArgCondition>| Rule {
        syscalls: syscalls.clone(),
        action,
        args,
        includes: includes.clone(),
        excludes: excludes.clone(),
    };
    let repeats_an_index = args
        .iter()
        .enumerate()
        .any(|(j, a)| args[..j].iter().any(|b| b.index == a.index));
    Ok(if repeats_an_index {
        args.into_iter().map(|a| rule(vec![a])).collect()
    } else {
        vec![rule(args)]
    })
}

fn errno(field: &str, value: Option<u64>) -> Result<Option<u16>, ProfileError> {
    match value {
        None => Ok(None),
        Some(value) if value <= MAX_ERRNO => Ok(Some(value as u16)),
        Some(value) => Err(ProfileError::Errno {
            field: field.to_string(),
            value,
        }),
    }
}

fn action(field: &str, name: &str, errno: u16) -> Result<Action, ProfileError> {
    Ok(match name {
        "SCMP_ACT_ALLOW" => Action::Allow,
        "SCMP_ACT_ERRNO" => Action::Errno(errno),
        "SCMP_ACT_KILL" | "SCMP_ACT_KILL_THREAD" => Action::KillThread,
        "SCMP_ACT_KILL_PROCESS" => Action::KillProcess,
        "SCMP_ACT_TRAP" => Action::Trap,
        "SCMP_ACT_LOG" => Action::Log,
        "SCMP_ACT_TRACE" => Action::Trace(errno),
        "SCMP_ACT_NOTIFY" => {
            return Err(ProfileError::UnsupportedAction {
                field: field.to_string(),
                value: name.to_string(),
            });
        }
        _ => {
            return Err(ProfileError::UnknownAction {
                field: field.to_string(),
                value: name.to_string(),
            });
        }
    })
}

fn condition(field: &str, arg: &DockerArg) -> Result<ArgCondition, ProfileError> {
    if arg.index > u64::from(ArgCondition::MAX_INDEX) {
        return Err(ProfileError::ArgIndex {
            field: format!("{field}.index"),
            index: arg.index,
        });
    }
    let (op, value) = match arg.op.as_str() {
        "SCMP_CMP_EQ" => (CmpOp::Eq, arg.value),
        "SCMP_CMP_NE" => (CmpOp::Ne, arg.value),
        "SCMP_CMP_LT" => (CmpOp::Lt, arg.value),
        "SCMP_CMP_LE" => (CmpOp::Le, arg.value),
        "SCMP_CMP_GT" => (CmpOp::Gt, arg.value),
        "SCMP_CMP_GE" => (CmpOp::Ge, arg.value),
        "SCMP_CMP_MASKED_EQ" => (CmpOp::MaskedEq(arg.value), arg.value_two),
        other => {
            return Err(ProfileError::UnknownOp {
                field: format!("{field}.op"),
                value: other.to_string(),
            });
        }
    };
    Ok(ArgCondition {
        index: arg.index as u8,
        op,
        value,
    })
}

fn selector(field: &str, docker: Option<&DockerSelector>) -> Result<Selector, ProfileError> {
    let Some(docker) = docker else {
        return Ok(Selector::default());
    };
    let min_kernel = match &docker.min_kernel {
        None => None,
        Some(text) => {
            Some(
                KernelVersion::parse(text).ok_or_else(|| ProfileError::KernelVersion {
                    field: format!("{field}.minKernel"),
                    value: text.clone(),
                })?,
            )
        }
    };
    Ok(Selector {
        caps: docker.caps.clone().unwrap_or_default(),
        arches: docker.arches.clone().unwrap_or_default(),
        min_kernel,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: &str = r#"{
        "defaultAction": "SCMP_ACT_ERRNO",
        "defaultErrnoRet": 38,
        "archMap": [
            {"architecture": "SCMP_ARCH_X86_64", "subArchitectures": ["SCMP_ARCH_X86", "SCMP_ARCH_X32"]},
            {"architecture": "SCMP_ARCH_AARCH64", "subArchitectures": null}
        ],
        "syscalls": [
            {"names": ["read", "write", "no_such_call"], "action": "SCMP_ACT_ALLOW"},
            {"name": "kill", "action": "SCMP_ACT_ERRNO", "comment": "no errnoRet: EPERM"},
            {"names": ["personality"], "action": "SCMP_ACT_ALLOW",
             "args": [{"index": 0, "value": 8, "op": "SCMP_CMP_EQ"}]},
            {"names": ["clone"], "action": "SCMP_ACT_ALLOW",
             "args": [{"index": 0, "value": 2114060288, "valueTwo": 0, "op": "SCMP_CMP_MASKED_EQ"}],
             "excludes": {"caps": ["CAP_SYS_ADMIN"]}},
            {"names": ["mount"], "action": "SCMP_ACT_ALLOW",
             "includes": {"caps": ["CAP_SYS_ADMIN"], "arches": ["amd64"], "minKernel": "4.8"}},
            {"names": ["socket"], "action": "SCMP_ACT_ALLOW",
             "args": [{"index": 0, "value": 1, "op": "SCMP_CMP_EQ"},
                      {"index": 0, "value": 2, "op": "SCMP_CMP_EQ"}]},
            {"names": ["exit"], "action": "SCMP_ACT_KILL_PROCESS", "args": null, "includes": {}}
        ]
    }"#;

    #[test]
    fn docker_profile_is_read_as_docker_reads_it() {
        let profile = parse_docker_profile(SMALL).unwrap();
        assert_eq!(profile.default_action, Action::Errno(38));
        let rules = &profile.rules;
        assert_eq!(rules[0].syscalls, ["read", "write", "no_such_call"]);
        assert_eq!(rules[0].action, Action::Allow);
        assert_eq!(rules[1].syscalls, ["kill"]);
        assert_eq!(rules[1].action, Action::Errno(1));
        assert_eq!(
            rules[2].args,
            [ArgCondition {
                index: 0,
                op: CmpOp::Eq,
                value: 8
            }]
        );
        assert_eq!(rules[3].args[0].op, CmpOp::MaskedEq(0x7E02_0000));
        assert_eq!(rules[3].args[0].value, 0);
        assert_eq!(rules[3].excludes.caps, ["CAP_SYS_ADMIN"]);
        assert_eq!(rules[4].includes.arches, ["amd64"]);
        assert_eq!(
            rules[4].includes.min_kernel,
            Some(KernelVersion { major: 4, minor: 8 })
        );
        // Two conditions on argument 0: runc turns them into two rules, i.e. family 1 OR 2.
        assert_eq!(rules[5].args[0].value, 1);
        assert_eq!(rules[6].args[0].value, 2);
        assert_eq!(rules[6].syscalls, ["socket"]);
        assert_eq!(rules[7].action, Action::KillProcess);
        assert!(rules[7].args.is_empty() && rules[7].includes.is_empty());
        assert_eq!(rules.len(), 8);
    }

    fn error_of(json: &str) -> String {
        parse_docker_profile(json).unwrap_err().to_string()
    }

    #[test]
    fn malformed_profiles_name_the_field() {
        assert_eq!(
            error_of(r#"{"defaultAction": "SCMP_ACT_EXPLODE"}"#),
            r#"defaultAction: unknown action "SCMP_ACT_EXPLODE""#
        );
        assert_eq!(
            error_of(
                r#"{"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [
                    {"names": ["read"], "action": "SCMP_ACT_ERRNO"},
                    {"names": ["open"], "action": "SCMP_ACT_ERRNO",
                     "args": [{"index": 1, "value": 0, "op": "SCMP_CMP_SIMILAR"}]}]}"#
            ),
            r#"syscalls[1].args[0].op: unknown operator "SCMP_CMP_SIMILAR""#
        );
        assert_eq!(
            error_of(
                r#"{"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["open"],
                    "action": "SCMP_ACT_ERRNO", "args": [{"index": 6, "value": 0, "op": "SCMP_CMP_EQ"}]}]}"#
            ),
            "syscalls[0].args[0].index: argument index 6 is not 0-5"
        );
        assert_eq!(
            error_of(r#"{"defaultAction": "SCMP_ACT_ALLOW", "architectures": ["SCMP_ARCH_Z80"]}"#),
            r#"architectures[0]: unknown architecture "SCMP_ARCH_Z80""#
        );
        assert_eq!(
            error_of(
                r#"{"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["ptrace"],
                    "action": "SCMP_ACT_ALLOW", "includes": {"minKernel": "four"}}]}"#
            ),
            r#"syscalls[0].includes.minKernel: kernel version "four" is not MAJOR.MINOR"#
        );
        assert_eq!(
            error_of(
                r#"{"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"name": "a", "names": ["b"],
                    "action": "SCMP_ACT_ALLOW"}]}"#
            ),
            "syscalls[0]: use either name or names, not both"
        );
        assert_eq!(
            error_of(r#"{"defaultAction": "SCMP_ACT_NOTIFY"}"#),
            "defaultAction: action SCMP_ACT_NOTIFY is not supported by rpod"
        );
        assert!(
            error_of(r#"{"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [}"#)
                .starts_with("malformed json: ")
        );
        assert!(error_of(r#"{"syscalls": []}"#).contains("defaultAction"));
    }

    #[test]
    fn loading_a_file_reports_the_path() {
        let dir = std::env::temp_dir().join(format!("rpod-seccomp-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let good = dir.join("good.json");
        std::fs::write(&good, SMALL).unwrap();
        assert_eq!(load_docker_profile(&good).unwrap().rules.len(), 8);
        let bad = dir.join("bad.json");
        std::fs::write(&bad, r#"{"defaultAction": 1}"#).unwrap();
        let message = load_docker_profile(&bad).unwrap_err().to_string();
        assert!(
            message.starts_with(&format!(
                "invalid seccomp profile: {}: malformed json",
                bad.display()
            )),
            "{message}"
        );
        let missing = dir.join("missing.json");
        let message = load_docker_profile(&missing).unwrap_err().to_string();
        assert!(
            message.starts_with("cannot read seccomp profile: "),
            "{message}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
