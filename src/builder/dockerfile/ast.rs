//! The typed result of parsing: stages of instructions, each carrying its line number.
//!
//! Word fields hold the text as written (quotes included) wherever docker expands them later:
//! [`Instruction::expand`] applies substitution and quote removal to exactly those fields.

use std::time::Duration;

use super::error::Warning;

/// A parsed Dockerfile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dockerfile {
    pub directives: Directives,
    /// `ARG`s before the first `FROM`: usable only in `FROM` lines (and re-declared in a stage).
    pub args_before_from: Vec<Arg>,
    pub stages: Vec<Stage>,
    pub warnings: Vec<Warning>,
}

impl Dockerfile {
    /// The stage called `name` (stage names are case-insensitive) or at index `name`, as
    /// `COPY --from` and `--target` resolve them.
    pub fn stage(&self, name: &str) -> Option<(usize, &Stage)> {
        let by_name = self.stages.iter().enumerate().find(|(_, stage)| {
            stage
                .name
                .as_deref()
                .is_some_and(|own| own.eq_ignore_ascii_case(name))
        });
        by_name.or_else(|| {
            let index: usize = name.parse().ok()?;
            self.stages.get(index).map(|stage| (index, stage))
        })
    }
}

/// Parser directives from the top of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directives {
    /// `\` unless `# escape=`` ` ``.
    pub escape: char,
    /// `# syntax=`: recorded, not acted on (rpod has one built-in frontend).
    pub syntax: Option<String>,
    /// `# check=`: recorded, not acted on (rpod has no build checks).
    pub check: Option<String>,
}

impl Default for Directives {
    fn default() -> Directives {
        Directives {
            escape: '\\',
            syntax: None,
            check: None,
        }
    }
}

/// One `FROM` and the instructions up to the next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stage {
    /// `AS name`, lower-cased as docker does.
    pub name: Option<String>,
    /// The image or stage name as written; expand it with the ARGs before the first FROM.
    pub base: String,
    /// `--platform=` as written (unexpanded).
    pub platform: Option<String>,
    pub line: usize,
    pub instructions: Vec<Instruction>,
}

/// `ARG name[=default]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arg {
    pub line: usize,
    pub name: String,
    pub default: Option<String>,
}

/// One `key=value` of ENV or LABEL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyValue {
    pub key: String,
    pub value: String,
}

/// RUN, CMD, ENTRYPOINT and HEALTHCHECK CMD take either form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CommandForm {
    /// Run through the stage's SHELL (`/bin/sh -c` by default); the shell expands variables.
    Shell(String),
    /// A JSON array of strings, executed directly.
    Exec(Vec<String>),
}

/// A `<<EOF` here-document: its body, read from the lines after the instruction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heredoc {
    /// The delimiter with quotes removed.
    pub name: String,
    /// The body, each line ending in `\n`; with `<<-` leading tabs are already stripped.
    pub content: String,
    /// False when the delimiter was quoted (`<<"EOF"`, `<<'EOF'`): the body is taken literally.
    pub expand: bool,
    /// `<<-`.
    pub chomp: bool,
    /// The `n` of `n<<EOF` (0 when absent): which descriptor of a RUN command reads the body.
    pub fd: u32,
}

/// RUN's flags, values as written: the builder decides what it supports.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RunFlags {
    /// Each `--mount=type=...,target=...`, unparsed.
    pub mounts: Vec<String>,
    pub network: Option<String>,
    pub security: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Healthcheck {
    /// `HEALTHCHECK NONE`: disable any check inherited from the base image.
    Disable,
    /// `HEALTHCHECK [flags] CMD ...`; `None` means "not given" (docker's 0: use the default).
    Check {
        command: CommandForm,
        interval: Option<Duration>,
        timeout: Option<Duration>,
        start_period: Option<Duration>,
        start_interval: Option<Duration>,
        retries: Option<u32>,
    },
}

/// A source of COPY or ADD: a path (or URL, for ADD) or an inline heredoc file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CopySource {
    Path(String),
    Heredoc(Heredoc),
}

/// The arguments of COPY and ADD. Flags that only one of them takes stay at their default
/// in the other (`from` and `parents` are COPY's; `keep_git_dir` and `checksum` are ADD's).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CopySpec {
    pub from: Option<String>,
    pub chown: Option<String>,
    pub chmod: Option<String>,
    pub link: bool,
    pub parents: bool,
    pub keep_git_dir: bool,
    pub checksum: Option<String>,
    pub excludes: Vec<String>,
    pub sources: Vec<CopySource>,
    pub dest: String,
}

/// One instruction of a stage (FROM starts a [`Stage`] instead).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Instruction {
    Run {
        line: usize,
        flags: RunFlags,
        command: CommandForm,
        /// Bodies of the heredocs named in a shell-form command, in order.
        heredocs: Vec<Heredoc>,
    },
    Cmd {
        line: usize,
        command: CommandForm,
    },
    Entrypoint {
        line: usize,
        command: CommandForm,
    },
    Env {
        line: usize,
        vars: Vec<KeyValue>,
    },
    Arg {
        line: usize,
        args: Vec<Arg>,
    },
    Label {
        line: usize,
        labels: Vec<KeyValue>,
    },
    Maintainer {
        line: usize,
        name: String,
    },
    Expose {
        line: usize,
        /// `port[-port][/proto]` words; validated when expanded.
        ports: Vec<String>,
    },
    Workdir {
        line: usize,
        path: String,
    },
    User {
        line: usize,
        /// `user[:group]`; split it with [`split_user_group`] after expansion.
        user: String,
    },
    Volume {
        line: usize,
        paths: Vec<String>,
    },
    StopSignal {
        line: usize,
        signal: String,
    },
    Healthcheck {
        line: usize,
        check: Healthcheck,
    },
    Shell {
        line: usize,
        shell: Vec<String>,
    },
    Onbuild {
        line: usize,
        /// The trigger as written after `ONBUILD`: what the image config records.
        expression: String,
        /// The same trigger, parsed (so a broken trigger fails this build, not a later one).
        trigger: Box<Instruction>,
    },
    Copy {
        line: usize,
        spec: CopySpec,
    },
    Add {
        line: usize,
        spec: CopySpec,
    },
}

impl Instruction {
    /// The line the instruction starts on.
    pub fn line(&self) -> usize {
        match self {
            Instruction::Run { line, .. }
            | Instruction::Cmd { line, .. }
            | Instruction::Entrypoint { line, .. }
            | Instruction::Env { line, .. }
            | Instruction::Arg { line, .. }
            | Instruction::Label { line, .. }
            | Instruction::Maintainer { line, .. }
            | Instruction::Expose { line, .. }
            | Instruction::Workdir { line, .. }
            | Instruction::User { line, .. }
            | Instruction::Volume { line, .. }
            | Instruction::StopSignal { line, .. }
            | Instruction::Healthcheck { line, .. }
            | Instruction::Shell { line, .. }
            | Instruction::Onbuild { line, .. }
            | Instruction::Copy { line, .. }
            | Instruction::Add { line, .. } => *line,
        }
    }

    /// The instruction's keyword, upper-case.
    pub fn keyword(&self) -> &'static str {
        match self {
            Instruction::Run { .. } => "RUN",
            Instruction::Cmd { .. } => "CMD",
            Instruction::Entrypoint { .. } => "ENTRYPOINT",
            Instruction::Env { .. } => "ENV",
            Instruction::Arg { .. } => "ARG",
            Instruction::Label { .. } => "LABEL",
            Instruction::Maintainer { .. } => "MAINTAINER",
            Instruction::Expose { .. } => "EXPOSE",
            Instruction::Workdir { .. } => "WORKDIR",
            Instruction::User { .. } => "USER",
            Instruction::Volume { .. } => "VOLUME",
            Instruction::StopSignal { .. } => "STOPSIGNAL",
            Instruction::Healthcheck { .. } => "HEALTHCHECK",
            Instruction::Shell { .. } => "SHELL",
            Instruction::Onbuild { .. } => "ONBUILD",
            Instruction::Copy { .. } => "COPY",
            Instruction::Add { .. } => "ADD",
        }
    }
}

/// Splits an expanded USER value into user and group at the first `:`.
pub fn split_user_group(spec: &str) -> (&str, Option<&str>) {
    match spec.split_once(':') {
        Some((user, group)) => (user, Some(group)),
        None => (spec, None),
    }
}
