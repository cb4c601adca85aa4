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
            root_emulation: parsed.root_emulation,
        })
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
    root_emulation: bool,
}

fn parse_security(opts: &[String]) -> Result<SecurityOpts, ContainerError> {
    let mut out = SecurityOpts {
        no_new_privileges: false,
        seccomp: SeccompPlan::Default,
        root_emulation: true,
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
            ("root-emulation", "on" | "true") => out.root_emulation = true,
            ("root-emulation", "off" | "false") => out.root_emulation = false,
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
        assert!(opts.root_emulation, "on unless turned off");
        let opts = parse_security(&["seccomp=/p.json".into()]).unwrap();
        assert!(
            matches!(opts.seccomp, SeccompPlan::Profile { source, .. } if source.as_path() == std::path::Path::new("/p.json"))
        );
        assert!(
            !parse_security(&["root-emulation=off".into()])
                .unwrap()
                .root_emulation
        );
        assert!(parse_security(&["root-emulation=maybe".into()]).is_err());
        assert!(parse_security(&["selinux=on".into()]).is_err());
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
