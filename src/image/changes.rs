//! Dockerfile-style config changes (`import -c`, `commit -c`): `CMD ["sh"]`, `ENV A=b`, …

use std::collections::BTreeMap;

use super::manifest::ContainerConfig;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ChangeError {
    #[error("invalid change {change:?}: {reason}")]
    Invalid { change: String, reason: String },
}

fn invalid(change: &str, reason: impl Into<String>) -> ChangeError {
    ChangeError::Invalid {
        change: change.to_string(),
        reason: reason.into(),
    }
}

/// `["a", "b"]` as a JSON array, else the shell form `/bin/sh -c "…"`.
fn command(value: &str) -> Vec<String> {
    match serde_json::from_str::<Vec<String>>(value) {
        Ok(exec) => exec,
        Err(_) => vec!["/bin/sh".into(), "-c".into(), value.to_string()],
    }
}

/// `A=1 B="x y"` or the legacy `A value with spaces`.
fn pairs(change: &str, value: &str) -> Result<Vec<(String, String)>, ChangeError> {
    if !value.contains('=') {
        let (k, v) = value
            .split_once(char::is_whitespace)
            .ok_or_else(|| invalid(change, "expected KEY=VALUE"))?;
        return Ok(vec![(k.to_string(), v.trim().to_string())]);
    }
    let mut out = Vec::new();
    let mut rest = value.trim();
    while !rest.is_empty() {
        let (key, after) = rest
            .split_once('=')
            .ok_or_else(|| invalid(change, "expected KEY=VALUE"))?;
        let (val, next) = if let Some(quoted) = after.strip_prefix('"') {
            let end = quoted
                .find('"')
                .ok_or_else(|| invalid(change, "unterminated quote"))?;
            (quoted[..end].to_string(), &quoted[end + 1..])
        } else {
            match after.split_once(char::is_whitespace) {
                Some((v, n)) => (v.to_string(), n),
                None => (after.to_string(), ""),
            }
        };
        if key.is_empty() || key.contains(char::is_whitespace) {
            return Err(invalid(change, format!("invalid key {key:?}")));
        }
        out.push((key.to_string(), val));
        rest = next.trim_start();
    }
    Ok(out)
}

fn set_env(config: &mut ContainerConfig, key: &str, value: &str) {
    let env = config.env.get_or_insert_with(Vec::new);
    env.retain(|e| e.split_once('=').map_or(e.as_str(), |(k, _)| k) != key);
    env.push(format!("{key}={value}"));
}

/// Applies one change to `config`.
pub fn apply(config: &mut ContainerConfig, change: &str) -> Result<(), ChangeError> {
    let (instruction, value) = change
        .trim()
        .split_once(char::is_whitespace)
        .map(|(i, v)| (i, v.trim()))
        .ok_or_else(|| invalid(change, "expected INSTRUCTION VALUE"))?;
    match instruction.to_ascii_uppercase().as_str() {
        "CMD" => config.cmd = Some(command(value)),
        "ENTRYPOINT" => config.entrypoint = Some(command(value)),
        "ENV" => {
            for (k, v) in pairs(change, value)? {
                set_env(config, &k, &v);
            }
        }
        "LABEL" => {
            let labels = config.labels.get_or_insert_with(BTreeMap::new);
            for (k, v) in pairs(change, value)? {
                labels.insert(k, v);
            }
        }
        "EXPOSE" => {
            let ports = config.exposed_ports.get_or_insert_with(BTreeMap::new);
            for port in value.split_whitespace() {
                let key = if port.contains('/') {
                    port.to_string()
                } else {
                    format!("{port}/tcp")
                };
                ports.insert(key, serde_json::json!({}));
            }
        }
        "VOLUME" => {
            let volumes = config.volumes.get_or_insert_with(BTreeMap::new);
            let paths = serde_json::from_str::<Vec<String>>(value)
                .unwrap_or_else(|_| value.split_whitespace().map(str::to_string).collect());
            for path in paths {
                volumes.insert(path, serde_json::json!({}));
            }
        }
        "USER" => config.user = Some(value.to_string()),
        "WORKDIR" => config.working_dir = Some(value.to_string()),
        "STOPSIGNAL" => config.stop_signal = Some(value.to_string()),
        "ONBUILD" => config
            .on_build
            .get_or_insert_with(Vec::new)
            .push(value.to_string()),
        other => {
            return Err(invalid(
                change,
                format!(
                    "{other} cannot be changed; use CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, ONBUILD, STOPSIGNAL, USER, VOLUME or WORKDIR"
                ),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn applies_each_instruction() {
        let mut c = ContainerConfig::default();
        for change in [
            r#"CMD ["sh", "-c", "echo hi"]"#,
            "ENTRYPOINT /init --x",
            r#"ENV A=1 B="two words""#,
            "ENV C legacy form",
            "ENV A=3",
            "LABEL org.x=y",
            "EXPOSE 80 53/udp",
            "VOLUME /data",
            "USER app",
            "workdir /srv",
            "STOPSIGNAL SIGINT",
        ] {
            apply(&mut c, change).unwrap();
        }
        assert_eq!(c.cmd.unwrap(), ["sh", "-c", "echo hi"]);
        assert_eq!(c.entrypoint.unwrap(), ["/bin/sh", "-c", "/init --x"]);
        assert_eq!(c.env.unwrap(), ["B=two words", "C=legacy form", "A=3"]);
        assert_eq!(c.labels.unwrap()["org.x"], "y");
        assert!(c.exposed_ports.unwrap().contains_key("53/udp"));
        assert!(c.volumes.unwrap().contains_key("/data"));
        assert_eq!(c.working_dir.as_deref(), Some("/srv"));
    }

    #[test]
    fn refuses_unknown_or_malformed_changes() {
        let mut c = ContainerConfig::default();
        assert!(
            apply(&mut c, "RUN make")
                .unwrap_err()
                .to_string()
                .contains("RUN cannot be changed")
        );
        assert!(apply(&mut c, "CMD").is_err());
        assert!(apply(&mut c, r#"ENV A="open"#).is_err());
    }
}
