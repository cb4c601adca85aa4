//! `--cgroup-conf KEY=VALUE` (podman's): a value for one interface file of the container's
//! cgroup that no docker flag covers (`memory.high`, `pids.max`, `cpu.idle`, …). The key is
//! checked here, before anything is written: a plain `CONTROLLER.FILE` name of a controller
//! rpod enables for its leaves, or one of the core files that only bound the cgroup. The core
//! files that move processes, hand controllers down, freeze or kill are refused by name: they
//! would take the container out of rpod's hands or break the delegation its leaf lives in.

use serde::{Deserialize, Serialize};

use super::leaf::CONTROLLERS;
/// The core (`cgroup.*`) files a container may set: they bound its own subtree only.
const CORE_ALLOWED: [&str; 2] = ["cgroup.max.depth", "cgroup.max.descendants"];
/// The flag, for messages.
pub const FLAG: &str = "--cgroup-conf";

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfError {
    #[error("expected KEY=VALUE, like memory.high=1073741824")]
    NoValue,
    #[error("the key must be a file name of the cgroup, CONTROLLER.FILE like memory.high")]
    NotAFileName,
    #[error("the value is empty")]
    EmptyValue,
    #[error("the value must be one line")]
    MultiLine,
    #[error("{0} moves processes between cgroups: rpod places the container's processes itself")]
    MovesProcesses(String),
    #[error(
        "{0} changes how the cgroup hands controllers down, which would break the delegation rpod's cgroups live in"
    )]
    Delegation(String),
    #[error("{key} is what `rpod {verb}` does")]
    Verb { key: String, verb: &'static str },
    #[error("of the core cgroup files only cgroup.max.depth and cgroup.max.descendants can be set")]
    Core,
    #[error(
        "rpod enables the cpu, cpuset, io, memory and pids controllers for its containers; {0:?} is not one of them"
    )]
    Controller(String),
    #[error("{0} is given twice")]
    Twice(String),
}

/// One checked `--cgroup-conf` setting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConfSetting {
    /// The file's name in the container's cgroup, e.g. `memory.high`.
    pub key: String,
    pub value: String,
}

impl ConfSetting {
    /// `KEY=VALUE`; the value is written as given (the kernel parses it).
    pub fn parse(text: &str) -> Result<ConfSetting, ConfError> {
        let (key, value) = text.split_once('=').ok_or(ConfError::NoValue)?;
        check_key(key)?;
        if value.is_empty() {
            return Err(ConfError::EmptyValue);
        }
        if value.contains(['\n', '\0']) {
            return Err(ConfError::MultiLine);
        }
        Ok(ConfSetting {
            key: key.to_string(),
            value: value.to_string(),
        })
    }

    /// Every setting given, each key once.
    pub fn parse_all(texts: &[String]) -> Result<Vec<ConfSetting>, (String, ConfError)> {
        let mut out: Vec<ConfSetting> = Vec::new();
        for text in texts {
            let setting = ConfSetting::parse(text).map_err(|e| (text.clone(), e))?;
            if out.iter().any(|s| s.key == setting.key) {
                return Err((text.clone(), ConfError::Twice(setting.key)));
            }
            out.push(setting);
        }
        Ok(out)
    }

    /// The controller the file belongs to; None for a core file, which every cgroup has.
    pub fn controller(&self) -> Option<&'static str> {
        let prefix = self.key.split('.').next()?;
        CONTROLLERS.iter().copied().find(|c| *c == prefix)
    }

    /// How messages name it: `--cgroup-conf memory.high`.
    pub fn flag(&self) -> String {
        format!("{FLAG} {}", self.key)
    }
}

fn check_key(key: &str) -> Result<(), ConfError> {
    let plain = key
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
    let parts: Vec<&str> = key.split('.').collect();
    // Also rules out "", ".", ".." and any path: no '/' gets this far.
    if !plain || parts.len() < 2 || parts.iter().any(|p| p.is_empty()) {
        return Err(ConfError::NotAFileName);
    }
    match parts[0] {
        "cgroup" => match key {
            "cgroup.procs" | "cgroup.threads" => Err(ConfError::MovesProcesses(key.into())),
            "cgroup.subtree_control" | "cgroup.type" => Err(ConfError::Delegation(key.into())),
            "cgroup.freeze" => Err(ConfError::Verb {
                key: key.into(),
                verb: "pause",
            }),
            "cgroup.kill" => Err(ConfError::Verb {
                key: key.into(),
                verb: "kill",
            }),
            _ if CORE_ALLOWED.contains(&key) => Ok(()),
            _ => Err(ConfError::Core),
        },
        c if CONTROLLERS.contains(&c) => Ok(()),
        c => Err(ConfError::Controller(c.into())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_plain_files_of_rpods_controllers() {
        let s = ConfSetting::parse("memory.high=1073741824").unwrap();
        assert_eq!(
            (s.key.as_str(), s.value.as_str()),
            ("memory.high", "1073741824")
        );
        assert_eq!(s.controller(), Some("memory"));
        // The value keeps its own '=' and spaces (io.max's syntax).
        let io = ConfSetting::parse("io.max=8:0 rbps=1048576").unwrap();
        assert_eq!(io.value, "8:0 rbps=1048576");
        let core = ConfSetting::parse("cgroup.max.descendants=3").unwrap();
        assert_eq!(core.controller(), None);
        for bad in [
            "memory.high",
            "=1",
            "memory/../high=1",
            "../memory.high=1",
            "memory=1",
        ] {
            assert!(ConfSetting::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(
            ConfSetting::parse("..=1").unwrap_err(),
            ConfError::NotAFileName
        );
        assert_eq!(
            ConfSetting::parse("memory.high=").unwrap_err(),
            ConfError::EmptyValue
        );
        assert_eq!(
            ConfSetting::parse("pids.max=1\n2").unwrap_err(),
            ConfError::MultiLine
        );
    }

    #[test]
    fn files_that_move_processes_or_break_delegation_are_refused_by_name() {
        let message = |text: &str| ConfSetting::parse(text).unwrap_err().to_string();
        assert!(message("cgroup.procs=1").starts_with("cgroup.procs moves processes"));
        assert!(message("cgroup.threads=1").starts_with("cgroup.threads moves processes"));
        assert!(message("cgroup.subtree_control=+memory").contains("delegation"));
        assert!(message("cgroup.type=threaded").starts_with("cgroup.type changes"));
        assert_eq!(
            message("cgroup.freeze=1"),
            "cgroup.freeze is what `rpod pause` does"
        );
        assert_eq!(
            message("cgroup.kill=1"),
            "cgroup.kill is what `rpod kill` does"
        );
        assert!(message("cgroup.pressure=0").contains("only cgroup.max.depth"));
        assert!(message("hugetlb.2MB.max=0").contains("\"hugetlb\" is not one of them"));
    }

    #[test]
    fn a_key_given_twice_is_refused() {
        let texts = vec!["pids.max=5".to_string(), "pids.max=6".to_string()];
        let (text, err) = ConfSetting::parse_all(&texts).unwrap_err();
        assert_eq!(text, "pids.max=6");
        assert_eq!(err, ConfError::Twice("pids.max".into()));
    }
}
