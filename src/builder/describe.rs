//! An expanded instruction as one line of text: what `STEP n/m:` prints, what the image's
//! history records, and (with what the line does not show) what the build cache compares.

use super::dockerfile::{CommandForm, CopySource, CopySpec, Healthcheck, Instruction, KeyValue};

fn json(words: &[String]) -> String {
    serde_json::to_string(words).expect("strings serialise")
}

fn command(form: &CommandForm) -> String {
    match form {
        CommandForm::Shell(text) => text.clone(),
        CommandForm::Exec(words) => json(words),
    }
}

/// `key=value`, quoted when the value has spaces or quotes (as docker's history shows ENV).
fn pairs(pairs: &[KeyValue]) -> String {
    pairs
        .iter()
        .map(|p| {
            if p.value.is_empty() || p.value.contains([' ', '\t', '"', '\'', '\\']) {
                format!("{}={:?}", p.key, p.value)
            } else {
                format!("{}={}", p.key, p.value)
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn copy(spec: &CopySpec) -> String {
    let mut words = Vec::new();
    let flags = [
        ("from", &spec.from),
        ("chown", &spec.chown),
        ("chmod", &spec.chmod),
        ("checksum", &spec.checksum),
    ];
    for (name, value) in flags {
        if let Some(value) = value {
            words.push(format!("--{name}={value}"));
        }
    }
    if spec.link {
        words.push("--link".into());
    }
    if spec.parents {
        words.push("--parents".into());
    }
    words.extend(spec.excludes.iter().map(|e| format!("--exclude={e}")));
    for source in &spec.sources {
        words.push(match source {
            CopySource::Path(path) => path.clone(),
            CopySource::Heredoc(doc) => format!("<<{}", doc.name),
        });
    }
    words.push(spec.dest.clone());
    words.join(" ")
}

fn duration_flag(name: &str, value: Option<std::time::Duration>) -> Option<String> {
    value.map(|d| format!("--{name}={}s", d.as_secs_f64()))
}

fn healthcheck(check: &Healthcheck) -> String {
    match check {
        Healthcheck::Disable => "NONE".into(),
        Healthcheck::Check {
            command: cmd,
            interval,
            timeout,
            start_period,
            start_interval,
            retries,
        } => {
            let mut words: Vec<String> = [
                duration_flag("interval", *interval),
                duration_flag("timeout", *timeout),
                duration_flag("start-period", *start_period),
                duration_flag("start-interval", *start_interval),
                retries.map(|r| format!("--retries={r}")),
            ]
            .into_iter()
            .flatten()
            .collect();
            words.push(format!("CMD {}", command(cmd)));
            words.join(" ")
        }
    }
}

/// `RUN echo hi`, `COPY --chown=app a.txt /dest/`, `ENV A=1 B="two words"`.
pub fn describe(instruction: &Instruction) -> String {
    let rest = match instruction {
        Instruction::Run {
            flags,
            command: form,
            ..
        } => {
            let mut words: Vec<String> = flags
                .mounts
                .iter()
                .map(|m| format!("--mount={m}"))
                .collect();
            words.extend(flags.network.iter().map(|n| format!("--network={n}")));
            words.extend(flags.security.iter().map(|s| format!("--security={s}")));
            words.push(command(form));
            words.join(" ")
        }
        Instruction::Cmd { command: form, .. } | Instruction::Entrypoint { command: form, .. } => {
            command(form)
        }
        Instruction::Env { vars, .. } => pairs(vars),
        Instruction::Label { labels, .. } => pairs(labels),
        Instruction::Arg { args, .. } => args
            .iter()
            .map(|a| match &a.default {
                Some(d) => format!("{}={d}", a.name),
                None => a.name.clone(),
            })
            .collect::<Vec<_>>()
            .join(" "),
        Instruction::Maintainer { name, .. } => name.clone(),
        Instruction::Expose { ports, .. } => ports.join(" "),
        Instruction::Workdir { path: text, .. }
        | Instruction::User { user: text, .. }
        | Instruction::StopSignal { signal: text, .. } => text.clone(),
        Instruction::Volume { paths, .. } => json(paths),
        Instruction::Healthcheck { check, .. } => healthcheck(check),
        Instruction::Shell { shell, .. } => json(shell),
        Instruction::Onbuild { expression, .. } => expression.clone(),
        Instruction::Copy { spec, .. } | Instruction::Add { spec, .. } => copy(spec),
    };
    format!("{} {rest}", instruction.keyword())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builder::dockerfile::parse;

    fn described(source: &str) -> Vec<String> {
        let file = parse(&format!("FROM scratch\n{source}")).unwrap();
        file.stages[0]
            .instructions
            .iter()
            .map(|i| describe(&i.expand(&|_| None, '\\').unwrap()))
            .collect()
    }

    #[test]
    fn one_line_per_instruction() {
        let lines = described(
            "RUN --network=none echo hi\n\
             CMD [\"sh\", \"-c\", \"x\"]\n\
             ENV A=1 B=\"two words\"\n\
             VOLUME /data /logs\n\
             COPY --chown=app --chmod=644 a b /dest/\n\
             COPY <<EOF /f\nhello\nEOF\n\
             HEALTHCHECK --interval=5s --retries=2 CMD true\n\
             ARG V=1 W\n",
        );
        assert_eq!(
            lines,
            [
                "RUN --network=none echo hi",
                r#"CMD ["sh","-c","x"]"#,
                r#"ENV A=1 B="two words""#,
                r#"VOLUME ["/data","/logs"]"#,
                "COPY --chown=app --chmod=644 a b /dest/",
                "COPY <<EOF /f",
                "HEALTHCHECK --interval=5s --retries=2 CMD true",
                "ARG V=1 W",
            ]
        );
    }
}
