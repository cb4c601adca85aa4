//! OCI hook files (oci-hooks(5)): the `*.json` files of the hook directories, read when a
//! container starts, and the hooks whose `when` its configuration meets, by stage, for its
//! monitor to run.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use regex::Regex;
use serde::Deserialize;

use super::ContainerError;
use crate::runtime::hooks::{Hook, Hooks, Stage};

/// podman's directories when neither `--hooks-dir` nor rpod.toml names any, lowest
/// precedence first.
pub const DEFAULT_DIRS: [&str; 2] = [
    "/usr/share/containers/oci/hooks.d",
    "/etc/containers/oci/hooks.d",
];

/// What the conditions of a hook file look at.
pub struct Facts<'a> {
    pub annotations: &'a BTreeMap<String, String>,
    /// The container's `process.args[0]`.
    pub command: &'a str,
    /// The user asked for host directories to be bound (`-v /dir:…`, `--mount type=bind`).
    pub has_bind_mounts: bool,
}

/// The hooks of `dirs` (later directories mask same-named files of earlier ones) that apply to
/// the container `facts` describes. A file that cannot be used is an error naming it.
pub fn select(dirs: &[PathBuf], facts: &Facts) -> Result<Hooks, ContainerError> {
    let mut hooks = Vec::new();
    for file in files(dirs)? {
        let parsed = read(&file).map_err(|reason| ContainerError::Hook {
            path: file.clone(),
            reason,
        })?;
        if parsed.when.matches(facts) {
            hooks.extend(parsed.stages.iter().map(|s| (*s, parsed.hook.clone())));
        }
    }
    // Stable: each stage keeps the files' order.
    hooks.sort_by_key(|(stage, _)| *stage);
    Ok(Hooks(hooks))
}

/// The hook files in the order oci-hooks(5) injects them: by name, lower-cased.
fn files(dirs: &[PathBuf]) -> Result<Vec<PathBuf>, ContainerError> {
    let mut by_name = BTreeMap::new();
    for dir in dirs {
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(ContainerError::io("read the hooks directory", dir)(e)),
        };
        for entry in entries {
            let entry = entry.map_err(ContainerError::io("read the hooks directory", dir))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.ends_with(".json") {
                by_name.insert(name, entry.path());
            }
        }
    }
    let mut files: Vec<(String, PathBuf)> = by_name.into_iter().collect();
    files.sort_by_key(|(name, _)| name.to_lowercase());
    Ok(files.into_iter().map(|(_, path)| path).collect())
}

/// One file's hook, its stages and its conditions.
struct HookFile {
    hook: Hook,
    stages: Vec<Stage>,
    when: When,
}

/// A `when`: all its conditions must match (1.0.0), or any of them (0.1.0's fields, with no
/// condition meaning always).
struct When {
    all: bool,
    always: Option<bool>,
    /// Key and value patterns, each to be met by one annotation.
    annotations: Vec<(Regex, Regex)>,
    commands: Vec<Regex>,
    has_bind_mounts: Option<bool>,
}

impl When {
    fn matches(&self, facts: &Facts) -> bool {
        let mut conditions = Vec::new();
        if let Some(always) = self.always {
            conditions.push(always);
        }
        if !self.annotations.is_empty() {
            conditions.push(self.annotations.iter().all(|(key, value)| {
                facts
                    .annotations
                    .iter()
                    .any(|(k, v)| key.is_match(k) && value.is_match(v))
            }));
        }
        if !self.commands.is_empty() {
            conditions.push(self.commands.iter().any(|c| c.is_match(facts.command)));
        }
        if let Some(binds) = self.has_bind_mounts {
            conditions.push(binds && facts.has_bind_mounts);
        }
        match self.all {
            true => conditions.iter().all(|c| *c),
            false => conditions.is_empty() || conditions.iter().any(|c| *c),
        }
    }
}

#[derive(Deserialize)]
struct VersionOnly {
    version: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Current {
    hook: CurrentHook,
    when: CurrentWhen,
    stages: Vec<String>,
}

#[derive(Deserialize)]
struct CurrentHook {
    path: Option<PathBuf>,
    #[serde(default)]
    args: Vec<String>,
    #[serde(default)]
    env: Vec<String>,
    timeout: Option<i64>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CurrentWhen {
    always: Option<bool>,
    #[serde(default)]
    annotations: BTreeMap<String, String>,
    #[serde(default)]
    commands: Vec<String>,
    has_bind_mounts: Option<bool>,
}

/// The deprecated schema podman still reads; its singular names are synonyms.
#[derive(Deserialize)]
#[serde(rename_all = "lowercase")]
struct Old {
    hook: PathBuf,
    #[serde(default)]
    arguments: Vec<String>,
    stages: Option<Vec<String>>,
    stage: Option<Vec<String>>,
    cmds: Option<Vec<String>>,
    cmd: Option<Vec<String>>,
    annotations: Option<Vec<String>>,
    annotation: Option<Vec<String>>,
    hasbindmounts: Option<bool>,
}

/// podman's reasons, after its "parsing hook PATH: ".
fn read(path: &Path) -> Result<HookFile, String> {
    let text = std::fs::read(path).map_err(|e| e.to_string().to_lowercase())?;
    let version: VersionOnly =
        serde_json::from_slice(&text).map_err(|e| format!("version check: {e}"))?;
    let version = version.version.unwrap_or_else(|| "0.1.0".into());
    let parsed = match version.as_str() {
        "1.0.0" => serde_json::from_slice(&text)
            .map_err(|e| e.to_string())
            .and_then(current),
        "0.1.0" => serde_json::from_slice(&text)
            .map_err(|e| e.to_string())
            .and_then(old),
        other => return Err(format!("unrecognized hook version: {other:?}")),
    };
    let parsed = parsed.map_err(|e| format!("{version}: {e}"))?;
    if !parsed.hook.path.is_absolute() {
        return Err(format!(
            "{version}: hook.path {:?} is not absolute",
            parsed.hook.path
        ));
    }
    std::fs::metadata(&parsed.hook.path).map_err(|e| {
        format!(
            "{version}: stat {}: {}",
            parsed.hook.path.display(),
            e.to_string().to_lowercase()
        )
    })?;
    Ok(parsed)
}

fn current(file: Current) -> Result<HookFile, String> {
    let path = file
        .hook
        .path
        .ok_or("missing required property: hook.path")?;
    let timeout = match file.hook.timeout {
        None => None,
        Some(t) if t > 0 => Some(u32::try_from(t).map_err(|_| format!("timeout {t} is too long"))?),
        Some(t) => return Err(format!("timeout {t}: it must be greater than zero")),
    };
    let w = file.when;
    if w.always.is_none()
        && w.annotations.is_empty()
        && w.commands.is_empty()
        && w.has_bind_mounts.is_none()
    {
        return Err(
            "when: at least one of always, annotations, commands, hasBindMounts is required".into(),
        );
    }
    let annotations = w
        .annotations
        .iter()
        .map(|(k, v)| {
            let key = pattern(k).map_err(|e| format!("invalid annotation key {k:?}: {e}"))?;
            let value = pattern(v).map_err(|e| format!("invalid annotation value {v:?}: {e}"))?;
            Ok((key, value))
        })
        .collect::<Result<_, String>>()?;
    Ok(HookFile {
        hook: Hook {
            path,
            args: file.hook.args,
            env: file.hook.env,
            timeout,
        },
        stages: stages(&file.stages)?,
        when: When {
            all: true,
            always: w.always,
            annotations,
            commands: commands(&w.commands)?,
            has_bind_mounts: w.has_bind_mounts,
        },
    })
}

fn old(file: Old) -> Result<HookFile, String> {
    let one_of = |a: Option<Vec<String>>, b: Option<Vec<String>>, names: &str| match (a, b) {
        (Some(_), Some(_)) => Err(format!("cannot set both {names}")),
        (a, b) => Ok(a.or(b).unwrap_or_default()),
    };
    let stage_names = one_of(file.stages, file.stage, "stages and stage")?;
    let cmds = one_of(file.cmds, file.cmd, "cmds and cmd")?;
    let annotations = one_of(
        file.annotations,
        file.annotation,
        "annotations and annotation",
    )?;
    // Each 0.1.0 pattern matches a value on its own, and one met is enough: an alternation.
    for v in &annotations {
        pattern(v).map_err(|e| format!("invalid annotation {v:?}: {e}"))?;
    }
    let annotations = match annotations.is_empty() {
        true => Vec::new(),
        false => {
            let any: Vec<String> = annotations.iter().map(|v| format!("(?:{v})")).collect();
            let any_key = pattern(".*").expect("a valid pattern");
            vec![(any_key, pattern(&any.join("|"))?)]
        }
    };
    let args = std::iter::once(file.hook.to_string_lossy().into_owned())
        .chain(file.arguments)
        .collect();
    Ok(HookFile {
        hook: Hook {
            path: file.hook,
            args,
            env: Vec::new(),
            timeout: None,
        },
        stages: stages(&stage_names)?,
        when: When {
            all: false,
            always: None,
            annotations,
            commands: commands(&cmds)?,
            has_bind_mounts: file.hasbindmounts,
        },
    })
}

fn stages(names: &[String]) -> Result<Vec<Stage>, String> {
    if names.is_empty() {
        return Err("missing required property: stages".into());
    }
    names
        .iter()
        .map(|name| match (Stage::parse(name), name.as_str()) {
            (Some(stage), _) => Ok(stage),
            (None, "precreate") => Err(
                "stage \"precreate\": rpod has no OCI runtime configuration \
                 for a hook to rewrite"
                    .into(),
            ),
            (None, _) => Err(format!("unknown stage {name:?}")),
        })
        .collect()
}

fn commands(patterns: &[String]) -> Result<Vec<Regex>, String> {
    patterns
        .iter()
        .map(|c| pattern(c).map_err(|e| format!("invalid command {c:?}: {e}")))
        .collect()
}

fn pattern(p: &str) -> Result<Regex, String> {
    Regex::new(p).map_err(|e| {
        e.to_string()
            .lines()
            .last()
            .unwrap_or("")
            .trim()
            .to_string()
    })
}

#[cfg(test)]
#[path = "hooks_tests.rs"]
mod tests;
