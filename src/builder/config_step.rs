//! The instructions that change only the image config (CMD, ENV, LABEL, EXPOSE, WORKDIR,
//! USER, VOLUME, STOPSIGNAL, HEALTHCHECK, SHELL, ONBUILD, MAINTAINER), applied as docker does.
//! Pure: an expanded instruction and a config in, the changed config out.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};
use std::time::Duration;

use serde_json::{Value, json};

use super::dockerfile::{CommandForm, ExposedPort, Healthcheck, Instruction};
use super::error::StepError;
use crate::container::plan::process::{parse_signal, set_env};
use crate::image::manifest::ImageConfig;

const DEFAULT_SHELL: [&str; 2] = ["/bin/sh", "-c"];

/// The stage's SHELL: what shell-form commands run through.
pub fn shell(config: &ImageConfig) -> Vec<String> {
    config
        .config
        .shell
        .clone()
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| DEFAULT_SHELL.map(String::from).to_vec())
}

/// The argv a CMD, ENTRYPOINT or RUN form stands for.
pub fn argv(config: &ImageConfig, form: &CommandForm) -> Vec<String> {
    match form {
        CommandForm::Exec(words) => words.clone(),
        CommandForm::Shell(text) => {
            let mut argv = shell(config);
            argv.push(text.clone());
            argv
        }
    }
}

/// `path` made absolute against the working directory and cleaned (`..` stops at `/`).
pub fn absolute(workdir: &str, path: &str) -> String {
    let joined = Path::new(if workdir.is_empty() { "/" } else { workdir }).join(path);
    let mut clean = PathBuf::from("/");
    for part in joined.components() {
        match part {
            Component::Normal(name) => clean.push(name),
            Component::ParentDir => {
                clean.pop();
            }
            Component::RootDir | Component::CurDir | Component::Prefix(_) => {}
        }
    }
    clean.to_string_lossy().into_owned()
}

fn nanos(d: Option<Duration>) -> Option<Value> {
    d.map(|d| json!(d.as_nanos() as u64))
}

/// docker's `Healthcheck` config object.
fn healthcheck(check: &Healthcheck) -> Value {
    let Healthcheck::Check {
        command,
        interval,
        timeout,
        start_period,
        start_interval,
        retries,
    } = check
    else {
        return json!({ "Test": ["NONE"] });
    };
    let test: Vec<String> = match command {
        CommandForm::Shell(text) => vec!["CMD-SHELL".into(), text.clone()],
        CommandForm::Exec(words) => std::iter::once("CMD".to_string())
            .chain(words.iter().cloned())
            .collect(),
    };
    let mut object = serde_json::Map::new();
    object.insert("Test".into(), json!(test));
    for (key, value) in [
        ("Interval", nanos(*interval)),
        ("Timeout", nanos(*timeout)),
        ("StartPeriod", nanos(*start_period)),
        ("StartInterval", nanos(*start_interval)),
        ("Retries", retries.map(|r| json!(r))),
    ] {
        if let Some(value) = value {
            object.insert(key.into(), value);
        }
    }
    Value::Object(object)
}

/// Applies a config-only instruction (already expanded). `cmd_set` says whether this stage
/// set CMD itself: an ENTRYPOINT clears a CMD inherited from the base image, as docker does.
/// RUN, COPY, ADD and ARG are the stage's to run and leave the config alone here.
pub fn apply(
    config: &mut ImageConfig,
    instruction: &Instruction,
    cmd_set: &mut bool,
) -> Result<(), StepError> {
    match instruction {
        Instruction::Cmd { command, .. } => {
            config.config.cmd = Some(argv(config, command));
            *cmd_set = true;
        }
        Instruction::Entrypoint { command, .. } => {
            config.config.entrypoint = Some(argv(config, command));
            if !*cmd_set {
                config.config.cmd = None;
            }
        }
        Instruction::Env { vars, .. } => {
            let env = config.config.env.get_or_insert_with(Vec::new);
            for pair in vars {
                set_env(env, format!("{}={}", pair.key, pair.value));
            }
        }
        Instruction::Label { labels, .. } => {
            let map = config.config.labels.get_or_insert_with(BTreeMap::new);
            for pair in labels {
                map.insert(pair.key.clone(), pair.value.clone());
            }
        }
        Instruction::Maintainer { name, .. } => config.author = Some(name.clone()),
        Instruction::Expose { ports, .. } => {
            let map = config
                .config
                .exposed_ports
                .get_or_insert_with(BTreeMap::new);
            for spec in ports.iter().filter_map(|p| ExposedPort::parse(p)) {
                for port in spec.first..=spec.last {
                    let one = ExposedPort {
                        first: port,
                        last: port,
                        ..spec
                    };
                    map.insert(one.to_string(), json!({}));
                }
            }
        }
        Instruction::Workdir { path, .. } => {
            let current = config.config.working_dir.clone().unwrap_or_default();
            config.config.working_dir = Some(absolute(&current, path));
        }
        Instruction::User { user, .. } => config.config.user = Some(user.clone()),
        Instruction::Volume { paths, .. } => {
            let map = config.config.volumes.get_or_insert_with(BTreeMap::new);
            for path in paths.iter().filter(|p| !p.is_empty()) {
                map.insert(path.clone(), json!({}));
            }
        }
        Instruction::StopSignal { signal, .. } => {
            parse_signal(signal).map_err(|_| StepError::StopSignal(signal.clone()))?;
            config.config.stop_signal = Some(signal.clone());
        }
        Instruction::Healthcheck { check, .. } => {
            config.config.healthcheck = Some(healthcheck(check));
        }
        Instruction::Shell { shell, .. } => config.config.shell = Some(shell.clone()),
        Instruction::Onbuild { expression, .. } => config
            .config
            .on_build
            .get_or_insert_with(Vec::new)
            .push(expression.clone()),
        Instruction::Run { .. }
        | Instruction::Copy { .. }
        | Instruction::Add { .. }
        | Instruction::Arg { .. } => {}
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builder::dockerfile::parse;
    use crate::image::commit::empty_config;

    fn applied(source: &str) -> ImageConfig {
        let file = parse(&format!("FROM scratch\n{source}")).unwrap();
        let mut config = empty_config();
        let mut cmd_set = false;
        for i in &file.stages[0].instructions {
            let i = i.expand(&|_| None, '\\').unwrap();
            apply(&mut config, &i, &mut cmd_set).unwrap();
        }
        config
    }

    #[test]
    fn each_instruction_lands_in_the_config() {
        let c = applied(
            "SHELL [\"/bin/ash\", \"-c\"]\n\
             CMD echo hi\n\
             ENV A=1 B=\"x y\"\n\
             ENV A=2\n\
             LABEL k=v\n\
             MAINTAINER me\n\
             EXPOSE 80 5000-5001/udp\n\
             WORKDIR /srv\n\
             WORKDIR app/../data\n\
             USER nobody\n\
             VOLUME /v1 /v2\n\
             STOPSIGNAL SIGINT\n\
             HEALTHCHECK --interval=2s --retries=4 CMD [\"true\"]\n\
             ONBUILD RUN make\n",
        );
        let cc = &c.config;
        assert_eq!(cc.cmd.as_deref().unwrap(), ["/bin/ash", "-c", "echo hi"]);
        assert_eq!(cc.env.as_deref().unwrap(), ["B=x y", "A=2"]);
        assert_eq!(cc.labels.as_ref().unwrap()["k"], "v");
        assert_eq!(c.author.as_deref(), Some("me"));
        let ports: Vec<_> = cc.exposed_ports.as_ref().unwrap().keys().cloned().collect();
        assert_eq!(ports, ["5000/udp", "5001/udp", "80/tcp"]);
        assert_eq!(cc.working_dir.as_deref(), Some("/srv/data"));
        assert_eq!(cc.user.as_deref(), Some("nobody"));
        assert_eq!(cc.volumes.as_ref().unwrap().len(), 2);
        assert_eq!(cc.stop_signal.as_deref(), Some("SIGINT"));
        let hc = cc.healthcheck.as_ref().unwrap();
        assert_eq!(hc["Test"], json!(["CMD", "true"]));
        assert_eq!(hc["Interval"], json!(2_000_000_000u64));
        assert_eq!(hc["Retries"], json!(4));
        assert_eq!(cc.on_build.as_deref().unwrap(), ["RUN make"]);
    }

    #[test]
    fn entrypoint_clears_an_inherited_cmd_but_not_its_own() {
        let mut config = empty_config();
        config.config.cmd = Some(vec!["inherited".into()]);
        let entry = parse("FROM scratch\nENTRYPOINT [\"/e\"]\nCMD [\"c\"]").unwrap();
        let (mut set, ins) = (false, &entry.stages[0].instructions);
        apply(&mut config, &ins[0], &mut set).unwrap();
        assert_eq!(config.config.cmd, None);
        apply(&mut config, &ins[1], &mut set).unwrap();
        assert_eq!(config.config.cmd.as_deref().unwrap(), ["c"]);
        apply(&mut config, &ins[0], &mut set).unwrap();
        assert_eq!(config.config.cmd.as_deref().unwrap(), ["c"]);
    }

    #[test]
    fn bad_stop_signals_and_paths() {
        let file = parse("FROM scratch\nSTOPSIGNAL SIGNOPE").unwrap();
        let mut config = empty_config();
        let err = apply(&mut config, &file.stages[0].instructions[0], &mut false).unwrap_err();
        assert!(err.to_string().contains("SIGNOPE"));
        assert_eq!(absolute("/a/b", "../../../c"), "/c");
        assert_eq!(absolute("", "x"), "/x");
        assert_eq!(absolute("/w", "/abs/./y/"), "/abs/y");
    }
}
