//! `--systemd=true|false|always`: podman's systemd mode, for images that run systemd as their
//! init. The mode is decided at create, once the image's command is known; the monitor's
//! spec carries it out at each start (`monitor_spec::systemd_mounts`).

use serde::{Deserialize, Serialize};

use super::super::ContainerError;

/// The option as given; `True` (podman's default) turns the mode on for an init command only.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SystemdMode {
    #[default]
    True,
    False,
    Always,
}

/// The commands podman takes for an init with `--systemd=true`; any path whose base name is
/// `systemd` counts too.
const INIT_COMMANDS: [&str; 3] = ["/sbin/init", "/usr/sbin/init", "/usr/local/sbin/init"];

/// Where systemd wants a tmpfs of its own: the runtime directories it fills at boot, /tmp
/// (cleaned at each boot) and the journal (kept in memory, not in the container's layer).
pub const TMPFS: [&str; 4] = ["/run", "/run/lock", "/tmp", "/var/log/journal"];

/// `--shm-size-systemd`: podman's sizes; 0 leaves the kernel's default (half the memory).
pub fn tmpfs_size(given: Option<&str>) -> Result<Option<u64>, ContainerError> {
    let Some(given) = given else {
        return Ok(None);
    };
    let bytes = super::resources::parse_size("--shm-size-systemd", given)?;
    Ok((bytes > 0).then_some(bytes))
}

impl SystemdMode {
    pub fn parse(given: Option<&str>) -> Result<SystemdMode, ContainerError> {
        match given {
            None | Some("true") => Ok(SystemdMode::True),
            Some("false") => Ok(SystemdMode::False),
            Some("always") => Ok(SystemdMode::Always),
            Some(other) => Err(ContainerError::invalid(
                "--systemd",
                other,
                "expected true, false or always",
            )),
        }
    }

    /// The name inspect shows (podman's `Config.Systemd`).
    pub fn name(self) -> &'static str {
        match self {
            SystemdMode::True => "true",
            SystemdMode::False => "false",
            SystemdMode::Always => "always",
        }
    }

    /// Whether a container running `argv` (entrypoint then command) runs in systemd mode:
    /// podman's rule, which also looks past a `/bin/sh -c` that a build put in front.
    pub fn applies(self, argv: &[String]) -> bool {
        match self {
            SystemdMode::Always => true,
            SystemdMode::False => false,
            SystemdMode::True => {
                let command = match argv {
                    [sh, c, rest @ ..] if sh == "/bin/sh" && c == "-c" && !rest.is_empty() => rest,
                    _ => argv,
                };
                command.first().is_some_and(|first| {
                    let path = std::path::Path::new(first);
                    INIT_COMMANDS.contains(&first.as_str())
                        || path.file_name().is_some_and(|name| name == "systemd")
                })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn argv(words: &[&str]) -> Vec<String> {
        words.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn true_means_an_init_command_only() {
        let on = |words: &[&str]| SystemdMode::True.applies(&argv(words));
        assert!(on(&["/sbin/init"]));
        assert!(on(&["/usr/sbin/init", "--log-level=debug"]));
        assert!(on(&["/usr/local/sbin/init"]));
        assert!(on(&["/usr/lib/systemd/systemd"]));
        assert!(on(&["systemd"]));
        assert!(on(&["/bin/sh", "-c", "/sbin/init"]));
        assert!(!on(&["sh"]));
        assert!(!on(&["/bin/init"]));
        assert!(!on(&["/usr/bin/systemd-analyze"]));
        assert!(!on(&[]));
        assert!(SystemdMode::Always.applies(&argv(&["sh"])));
        assert!(!SystemdMode::False.applies(&argv(&["/sbin/init"])));
    }

    #[test]
    fn values_are_podmans() {
        assert_eq!(SystemdMode::parse(None).unwrap(), SystemdMode::True);
        assert_eq!(SystemdMode::parse(Some("always")).unwrap().name(), "always");
        assert_eq!(SystemdMode::parse(Some("false")).unwrap().name(), "false");
        let e = SystemdMode::parse(Some("bogus")).unwrap_err().to_string();
        assert!(e.contains("bogus"), "{e}");
    }
}
