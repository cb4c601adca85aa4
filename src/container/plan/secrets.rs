//! `--secret NAME[,type=mount|env][,target=…]`: podman's secret use, parsed here; the value is
//! read at create, which copies it into the container's directory (a mount) or its
//! environment (an env secret), so that removing the secret later leaves the container intact.

use super::super::ContainerError;

/// Where a secret's default mount goes, as podman and docker put it.
pub const MOUNT_DIR: &str = "/run/secrets";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecretTarget {
    /// A read-only file at this absolute path.
    File(String),
    /// An environment variable of this name.
    Env(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecretUse {
    /// The secret's name or id, as given.
    pub secret: String,
    pub target: SecretTarget,
}

fn invalid(value: &str, reason: impl Into<String>) -> ContainerError {
    ContainerError::invalid("--secret", value, reason)
}

/// One `--secret` value.
pub fn parse(value: &str) -> Result<SecretUse, ContainerError> {
    let mut parts = value.split(',');
    let secret = parts.next().unwrap_or_default();
    if secret.is_empty() || secret.contains('=') {
        return Err(invalid(value, "expected NAME[,type=mount|env][,target=…]"));
    }
    let (mut env, mut target) = (false, None);
    for part in parts {
        match part.split_once('=') {
            Some(("type", "mount")) => env = false,
            Some(("type", "env")) => env = true,
            Some(("target", t)) if !t.is_empty() => target = Some(t.to_string()),
            Some(("uid" | "gid" | "mode", _)) => {
                return Err(invalid(
                    value,
                    format!(
                        "{part}: the file is the container's root's, mode 0444 (rpod maps one id)"
                    ),
                ));
            }
            _ => {
                return Err(invalid(
                    value,
                    format!("unknown option {part:?} (use type= or target=)"),
                ));
            }
        }
    }
    let target = match (env, target) {
        (true, t) => SecretTarget::Env(t.unwrap_or_else(|| secret.to_string())),
        (false, Some(t)) if t.starts_with('/') => SecretTarget::File(t),
        (false, Some(t)) if !t.contains('/') && t != ".." && t != "." => {
            SecretTarget::File(format!("{MOUNT_DIR}/{t}"))
        }
        (false, Some(t)) => {
            return Err(invalid(
                value,
                format!("target {t:?}: an absolute path or a file name"),
            ));
        }
        (false, None) => SecretTarget::File(format!("{MOUNT_DIR}/{secret}")),
    };
    if let SecretTarget::Env(name) = &target
        && (name.is_empty() || name.contains('='))
    {
        return Err(invalid(
            value,
            "the variable name must not be empty or hold '='",
        ));
    }
    Ok(SecretUse {
        secret: secret.to_string(),
        target,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn podman_spellings() {
        let file = |s: &str| SecretTarget::File(s.to_string());
        let env = |s: &str| SecretTarget::Env(s.to_string());
        for (value, target) in [
            ("db", file("/run/secrets/db")),
            ("db,type=mount,target=pw", file("/run/secrets/pw")),
            ("db,target=/etc/pw", file("/etc/pw")),
            ("db,type=env", env("db")),
            ("db,type=env,target=DB_PASS", env("DB_PASS")),
        ] {
            assert_eq!(parse(value).unwrap().target, target, "{value}");
        }
        for bad in [
            "",
            "type=env",
            "db,type=nfs",
            "db,target=a/b",
            "db,uid=5",
            "db,x",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }
}
