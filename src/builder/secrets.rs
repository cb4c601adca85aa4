//! `--secret id=ID[,src=…][,env=VAR][,type=file|env]` and `RUN --mount=type=secret`: a value a
//! RUN step reads from a file bound over a path of its container, read-only. The file lives
//! in the store's scratch space for the step only; the mount point is no change of the step's
//! layer, and the step's history shows the mount's options, never the value.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::error::{BuildError, StepError};

/// Where a `--secret`'s value comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecretSource {
    File(PathBuf),
    Env(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildSecret {
    pub id: String,
    pub source: SecretSource,
}

fn invalid(value: &str, reason: impl Into<String>) -> BuildError {
    BuildError::Secret {
        value: value.to_string(),
        reason: reason.into(),
    }
}

/// One `--secret` value, as podman reads it: the value comes from `src` (or, without it, from
/// `env`, then the id itself), a variable for `type=env` or an `env=`, a file for
/// `type=file`, and without a type the variable when it is set, else the file.
pub fn parse(value: &str) -> Result<BuildSecret, BuildError> {
    let (mut id, mut src, mut env, mut kind) = (None, None, None, None);
    for field in value.split(',') {
        match field.split_once('=') {
            Some(("id", v)) if !v.is_empty() => id = Some(v),
            Some(("src" | "source", v)) if !v.is_empty() => src = Some(v),
            Some(("env", v)) if !v.is_empty() => env = Some(v),
            Some(("type", v @ ("file" | "env"))) => kind = Some(v),
            Some(("type", v)) => {
                return Err(invalid(value, format!("type={v}: expected file or env")));
            }
            _ => {
                return Err(invalid(
                    value,
                    format!("unknown or empty option {field:?} (use id=, src=, env= or type=)"),
                ));
            }
        }
    }
    let id = id.ok_or_else(|| invalid(value, "id= is required"))?;
    let name = src.or(env).unwrap_or(id);
    let source = match kind {
        Some("env") => SecretSource::Env(name.to_string()),
        Some(_) => SecretSource::File(name.into()),
        None if env.is_some() && src.is_none() => SecretSource::Env(name.to_string()),
        None if std::env::var_os(name).is_some() => SecretSource::Env(name.to_string()),
        None => SecretSource::File(name.into()),
    };
    Ok(BuildSecret {
        id: id.to_string(),
        source,
    })
}

/// Every secret's value, read before the build starts: a missing file or variable fails the
/// build before anything ran.
pub fn read_all(secrets: &[BuildSecret]) -> Result<BTreeMap<String, Vec<u8>>, BuildError> {
    let mut values = BTreeMap::new();
    for secret in secrets {
        let value = match &secret.source {
            SecretSource::File(path) => {
                std::fs::read(path).map_err(|e| BuildError::SecretValue {
                    id: secret.id.clone(),
                    reason: format!("cannot read {}: {e}", path.display()),
                })?
            }
            SecretSource::Env(var) => std::env::var_os(var)
                .ok_or_else(|| BuildError::SecretValue {
                    id: secret.id.clone(),
                    reason: format!("the environment variable {var} is not set"),
                })?
                .into_encoded_bytes(),
        };
        values.insert(secret.id.clone(), value);
    }
    Ok(values)
}

/// A `RUN --mount=type=secret,…`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecretMount {
    pub id: String,
    /// Where the file goes; None for an `env=` secret that is not also a file.
    pub target: Option<String>,
    /// `env=VAR`: the value also as this variable of the step.
    pub env: Option<String>,
    /// `required=true`: fail when the build has no such secret (else the step runs without).
    pub required: bool,
    pub mode: u32,
}

pub fn parse_mount(spec: &str) -> Result<SecretMount, StepError> {
    let bad = |why: String| StepError::Unsupported {
        flag: format!("RUN --mount={spec} ({why})"),
    };
    let (mut id, mut target, mut env, mut required, mut mode) = (None, None, None, false, 0o400);
    for field in spec.split(',') {
        let (key, value) = field.split_once('=').unwrap_or((field, "true"));
        match key {
            "type" => {}
            "id" => id = Some(value.to_string()),
            "target" | "dst" | "destination" => target = Some(value.to_string()),
            "env" => env = Some(value.to_string()),
            "required" => {
                required = value
                    .parse()
                    .map_err(|_| bad(format!("required={value}: expected true or false")))?;
            }
            "mode" => {
                mode = u32::from_str_radix(value, 8)
                    .ok()
                    .filter(|m| *m <= 0o777)
                    .ok_or_else(|| bad(format!("mode={value}: expected an octal mode")))?;
            }
            // rpod maps one id: every file of the step is its root's.
            "uid" | "gid" if value == "0" => {}
            "uid" | "gid" => {
                return Err(bad(format!(
                    "{field}: a secret's file is root's (rpod maps one id)"
                )));
            }
            _ => return Err(bad(format!("unknown option {key:?}"))),
        }
    }
    let target = target.filter(|t| !t.is_empty());
    if let Some(t) = &target
        && !t.starts_with('/')
    {
        return Err(bad(format!("target {t:?} is not an absolute path")));
    }
    let id = id
        .filter(|i| !i.is_empty())
        .or_else(|| {
            target
                .as_deref()
                .and_then(|t| t.rsplit('/').next())
                .map(str::to_string)
        })
        .ok_or_else(|| bad("id= or target= is required".into()))?;
    let target = match (&target, &env) {
        (Some(_), _) => target,
        (None, Some(_)) => None,
        (None, None) => Some(format!("/run/secrets/{id}")),
    };
    Ok(SecretMount {
        id,
        target,
        env,
        required,
        mode,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn podman_spellings() {
        let file = |p: &str| SecretSource::File(p.into());
        let env = |v: &str| SecretSource::Env(v.into());
        for (value, id, source) in [
            ("id=a,src=/tmp/a", "a", file("/tmp/a")),
            ("id=a,src=.a,type=file", "a", file(".a")),
            ("id=a,env=TOKEN", "a", env("TOKEN")),
            ("id=a,src=TOKEN,type=env", "a", env("TOKEN")),
            (
                "id=rpod-unset-secret-var",
                "rpod-unset-secret-var",
                file("rpod-unset-secret-var"),
            ),
        ] {
            let parsed = parse(value).unwrap();
            assert_eq!((parsed.id.as_str(), parsed.source), (id, source), "{value}");
        }
        for bad in [
            "src=/x",
            "id=a,type=ssh",
            "id=a,bogus=1",
            "id=",
            "id=a,src=",
        ] {
            let err = parse(bad).unwrap_err().to_string();
            assert!(err.contains(bad), "{err}");
        }
    }

    #[test]
    fn mounts() {
        let m = parse_mount("type=secret,id=tok").unwrap();
        assert_eq!(m.target.as_deref(), Some("/run/secrets/tok"));
        assert!(!m.required && m.mode == 0o400 && m.env.is_none());
        let m = parse_mount("type=secret,target=/etc/pw,required").unwrap();
        assert_eq!((m.id.as_str(), m.required), ("pw", true));
        let m = parse_mount("type=secret,id=t,env=TOKEN").unwrap();
        assert_eq!((m.target, m.env.as_deref()), (None, Some("TOKEN")));
        for bad in [
            "type=secret",
            "type=secret,id=a,target=rel",
            "type=secret,id=a,uid=5",
            "type=secret,id=a,mode=9",
            "type=secret,id=a,x=1",
        ] {
            assert!(parse_mount(bad).is_err(), "{bad}");
        }
    }
}
