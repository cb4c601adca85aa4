//! `--security-opt`.

use std::path::PathBuf;

use super::super::ContainerError;
use super::super::record::SeccompChoice;

pub fn parse_security(
    opts: &[String],
    dir: &std::path::Path,
) -> Result<(bool, SeccompChoice, Option<PathBuf>), ContainerError> {
    let mut no_new_privs = false;
    let mut seccomp = SeccompChoice::Default;
    let mut profile_source = None;
    for opt in opts {
        let (key, value) = opt.split_once(['=', ':']).unwrap_or((opt.as_str(), ""));
        match (key, value) {
            ("no-new-privileges", "" | "true") => no_new_privs = true,
            ("no-new-privileges", "false") => no_new_privs = false,
            ("seccomp", "unconfined") => seccomp = SeccompChoice::Unconfined,
            ("seccomp", path) if !path.is_empty() => {
                profile_source = Some(PathBuf::from(path));
                seccomp = SeccompChoice::Profile(dir.join("seccomp.json"));
            }
            // There is no SELinux or AppArmor confinement to turn off in a rootless container.
            ("label", "disable") | ("apparmor", "unconfined") => {}
            _ => {
                return Err(ContainerError::invalid(
                    "security option",
                    opt,
                    "rpod supports no-new-privileges, seccomp=unconfined, seccomp=PROFILE.json, label=disable",
                ));
            }
        }
    }
    Ok((no_new_privs, seccomp, profile_source))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn security_options() {
        let dir = std::path::Path::new("/c");
        let (nnp, sc, _) = parse_security(
            &["no-new-privileges".into(), "seccomp=unconfined".into()],
            dir,
        )
        .unwrap();
        assert!(nnp && sc == SeccompChoice::Unconfined);
        let (_, sc, src) = parse_security(&["seccomp=/p.json".into()], dir).unwrap();
        assert_eq!(sc, SeccompChoice::Profile("/c/seccomp.json".into()));
        assert_eq!(src.unwrap(), PathBuf::from("/p.json"));
        assert!(parse_security(&["selinux=on".into()], dir).is_err());
    }
}
