//! `--privileged`, `--cap-add`, `--cap-drop` and `--security-opt`, root emulation
//! (`--security-opt root-emulation=on|off`) included.

use std::fs;
use std::path::PathBuf;

use super::super::ContainerError;
use super::RunOptions;
use crate::runtime::{caps, seccomp};

#[derive(Debug, Clone, Default)]
pub struct SecurityPlan {
    pub privileged: bool,
    /// As given; checked against the capabilities this kernel knows.
    pub cap_add: Vec<String>,
    pub cap_drop: Vec<String>,
    pub no_new_privileges: bool,
    pub seccomp: SeccompPlan,
    /// `root-emulation=on|off` (on unless turned off).
    pub root_emulation: bool,
    /// Whether `root-emulation` was given: a pod's default then does not apply.
    pub root_emulation_given: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum SeccompPlan {
    #[default]
    Default,
    Unconfined,
    /// `seccomp=PROFILE.json`: the profile, read and checked; create copies it into the
    /// container's directory.
    Profile {
        source: PathBuf,
        text: String,
    },
}

impl SecurityPlan {
    pub fn build(opts: &RunOptions) -> Result<SecurityPlan, ContainerError> {
        caps::resolve(opts.privileged, &opts.cap_add, &opts.cap_drop).map_err(|e| {
            ContainerError::invalid("capability", e.to_string(), "see capabilities(7)")
        })?;
        let parsed = parse_security(&opts.security_opt)?;
        let seccomp = match parsed.seccomp {
            SeccompPlan::Profile { source, .. } => read_profile(source)?,
            other => other,
        };
        Ok(SecurityPlan {
            privileged: opts.privileged,
            cap_add: opts.cap_add.clone(),
            cap_drop: opts.cap_drop.clone(),
            no_new_privileges: parsed.no_new_privileges,
            seccomp,
            root_emulation: parsed.root_emulation.unwrap_or(true),
            root_emulation_given: parsed.root_emulation.is_some(),
        })
    }

    /// A pod's `--security-opt` (checked when the pod was made) under this container's own:
    /// what the container did not set, the pod's options decide.
    pub fn inherit(&mut self, pod: &[String]) -> Result<(), ContainerError> {
        let parsed = parse_security(pod)?;
        if self.seccomp == SeccompPlan::Default {
            self.seccomp = match parsed.seccomp {
                SeccompPlan::Profile { source, .. } => read_profile(source)?,
                other => other,
            };
        }
        self.no_new_privileges |= parsed.no_new_privileges;
        if let (false, Some(on)) = (self.root_emulation_given, parsed.root_emulation) {
            self.root_emulation = on;
        }
        Ok(())
    }
}

fn read_profile(source: PathBuf) -> Result<SeccompPlan, ContainerError> {
    let text =
        fs::read_to_string(&source).map_err(ContainerError::io("read seccomp profile", &source))?;
    seccomp::parse_docker_profile(&text).map_err(|e| {
        ContainerError::invalid(
            "seccomp profile",
            source.display().to_string(),
            e.to_string(),
        )
    })?;
    Ok(SeccompPlan::Profile { source, text })
}

/// `--security-opt` values, the seccomp profile not read yet.
#[derive(Debug)]
struct SecurityOpts {
    no_new_privileges: bool,
    seccomp: SeccompPlan,
    root_emulation: Option<bool>,
}

fn parse_security(opts: &[String]) -> Result<SecurityOpts, ContainerError> {
    let mut out = SecurityOpts {
        no_new_privileges: false,
        seccomp: SeccompPlan::Default,
        root_emulation: None,
    };
    for opt in opts {
        let (key, value) = opt.split_once(['=', ':']).unwrap_or((opt.as_str(), ""));
        match (key, value) {
            ("no-new-privileges", "" | "true") => out.no_new_privileges = true,
            ("no-new-privileges", "false") => out.no_new_privileges = false,
            ("seccomp", "unconfined") => out.seccomp = SeccompPlan::Unconfined,
            ("seccomp", path) if !path.is_empty() => {
                out.seccomp = SeccompPlan::Profile {
                    source: PathBuf::from(path),
                    text: String::new(),
                };
            }
            ("root-emulation", "on" | "true") => out.root_emulation = Some(true),
            ("root-emulation", "off" | "false") => out.root_emulation = Some(false),
            // rpod applies no SELinux label or AppArmor profile: these are already so.
            ("label", "disable") | ("apparmor", "unconfined") => {}
            ("label" | "apparmor", _) => {
                return Err(ContainerError::invalid(
                    "security option",
                    opt,
                    "rpod applies no SELinux label or AppArmor profile (loading one needs root), \
                     so only label=disable and apparmor=unconfined are accepted",
                ));
            }
            _ => {
                return Err(ContainerError::invalid(
                    "security option",
                    opt,
                    "rpod supports no-new-privileges, seccomp=unconfined, seccomp=PROFILE.json, root-emulation=on|off, label=disable, apparmor=unconfined",
                ));
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn security_options() {
        let opts =
            parse_security(&["no-new-privileges".into(), "seccomp=unconfined".into()]).unwrap();
        assert!(opts.no_new_privileges && opts.seccomp == SeccompPlan::Unconfined);
        assert_eq!(opts.root_emulation, None, "on unless turned off");
        let opts = parse_security(&["seccomp=/p.json".into()]).unwrap();
        assert!(
            matches!(opts.seccomp, SeccompPlan::Profile { source, .. } if source.as_path() == std::path::Path::new("/p.json"))
        );
        assert_eq!(
            parse_security(&["root-emulation=off".into()])
                .unwrap()
                .root_emulation,
            Some(false)
        );
        assert!(parse_security(&["root-emulation=maybe".into()]).is_err());
        assert!(parse_security(&["selinux=on".into()]).is_err());
    }

    #[test]
    fn a_pods_options_fill_in_what_the_container_left_unset() {
        let plan = |given: &[&str]| {
            SecurityPlan::build(&RunOptions {
                security_opt: given.iter().map(|s| s.to_string()).collect(),
                ..RunOptions::default()
            })
            .unwrap()
        };
        let pod = [
            "seccomp=unconfined".to_string(),
            "root-emulation=off".into(),
        ];
        let mut member = plan(&[]);
        member.inherit(&pod).unwrap();
        assert_eq!(member.seccomp, SeccompPlan::Unconfined);
        assert!(!member.root_emulation);
        let mut own = plan(&["root-emulation=on", "no-new-privileges"]);
        own.inherit(&pod).unwrap();
        assert!(own.root_emulation, "the container's own choice stays");
        assert!(own.no_new_privileges);
    }

    #[test]
    fn a_profile_is_read_and_checked_when_planned() {
        let opts = |path: &str| RunOptions {
            security_opt: vec![format!("seccomp={path}")],
            ..RunOptions::default()
        };
        let missing = SecurityPlan::build(&opts("/no/such/profile.json")).unwrap_err();
        assert!(
            missing.to_string().contains("read seccomp profile"),
            "{missing}"
        );
    }
}
