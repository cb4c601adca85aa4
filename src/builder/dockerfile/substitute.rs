//! Expanding the words of an instruction that docker's builder expands, and EXPOSE's
//! port syntax.

use std::fmt;

use super::ast::{CopySource, CopySpec, Instruction, Stage};
use super::error::{ParseError, ParseErrorKind};
use super::expand::{Vars, expand, expand_heredoc, expand_words};

impl Instruction {
    /// This instruction with the words docker expands substituted and unquoted; an error names
    /// the instruction's line. An EXPOSE port that is invalid once expanded is an error here.
    ///
    /// What is expanded, from the Dockerfile reference ("Environment replacement") and
    /// BuildKit's behaviour:
    ///
    /// | instruction | expanded |
    /// |---|---|
    /// | ENV, LABEL | keys and values |
    /// | ARG | names and defaults |
    /// | COPY | sources, destination, `--from`, `--chown`, `--chmod`; unquoted heredoc bodies |
    /// | ADD | sources, destination, `--chown`, `--chmod`, `--checksum`; heredocs as COPY |
    /// | EXPOSE | each word, then split on whitespace (`EXPOSE $PORTS` may give several) |
    /// | WORKDIR, USER, STOPSIGNAL | the argument |
    /// | VOLUME | each path |
    /// | RUN | the `--mount` values only: the command is left to the shell |
    /// | CMD, ENTRYPOINT, HEALTHCHECK, SHELL, MAINTAINER | nothing |
    /// | ONBUILD | nothing: the trigger is expanded when it runs, in the child build |
    ///
    /// FROM is expanded with [`Stage::expand_base`], with only the ARGs before the first FROM.
    /// `vars` is the environment in force *before* the instruction (the stage's ENV plus the
    /// ARGs in scope): docker expands `ENV A=1 B=$A` with the old A.
    pub fn expand(&self, vars: Vars<'_>, escape: char) -> Result<Instruction, ParseError> {
        let line = self.line();
        let fail = |word: &str, cause| ParseError {
            line,
            kind: ParseErrorKind::Expand {
                word: word.to_string(),
                cause,
            },
        };
        let word = |w: &str| expand(w, vars, escape).map_err(|cause| fail(w, cause));
        let each = |words: &mut Vec<String>| -> Result<(), ParseError> {
            for w in words.iter_mut() {
                *w = word(w)?;
            }
            Ok(())
        };
        let mut expanded = self.clone();
        match &mut expanded {
            Instruction::Env { vars: pairs, .. } | Instruction::Label { labels: pairs, .. } => {
                for pair in pairs {
                    pair.key = word(&pair.key)?;
                    pair.value = word(&pair.value)?;
                }
            }
            Instruction::Arg { args, .. } => {
                for arg in args {
                    arg.name = word(&arg.name)?;
                    arg.default = arg.default.as_deref().map(word).transpose()?;
                }
            }
            Instruction::Expose { ports, .. } => {
                let mut split = Vec::new();
                for port in ports.iter() {
                    for one in expand_words(port, vars, escape).map_err(|c| fail(port, c))? {
                        if ExposedPort::parse(&one).is_none() {
                            return Err(ParseError {
                                line,
                                kind: ParseErrorKind::InvalidPort(one),
                            });
                        }
                        split.push(one);
                    }
                }
                *ports = split;
            }
            Instruction::Workdir { path: text, .. }
            | Instruction::User { user: text, .. }
            | Instruction::StopSignal { signal: text, .. } => *text = word(text)?,
            Instruction::Volume { paths, .. } => each(paths)?,
            Instruction::Run { flags, .. } => each(&mut flags.mounts)?,
            Instruction::Copy { spec, .. } | Instruction::Add { spec, .. } => {
                expand_copy(spec, &word, &|name: &str, content: &str| {
                    expand_heredoc(content, vars).map_err(|cause| fail(&format!("<<{name}"), cause))
                })?;
            }
            Instruction::Cmd { .. }
            | Instruction::Entrypoint { .. }
            | Instruction::Maintainer { .. }
            | Instruction::Healthcheck { .. }
            | Instruction::Shell { .. }
            | Instruction::Onbuild { .. } => {}
        }
        Ok(expanded)
    }
}

type Expander<'a> = &'a dyn Fn(&str) -> Result<String, ParseError>;

fn expand_copy(
    spec: &mut CopySpec,
    word: Expander<'_>,
    heredoc: &dyn Fn(&str, &str) -> Result<String, ParseError>,
) -> Result<(), ParseError> {
    for flag in [
        &mut spec.from,
        &mut spec.chown,
        &mut spec.chmod,
        &mut spec.checksum,
    ] {
        *flag = flag.as_deref().map(word).transpose()?;
    }
    for source in &mut spec.sources {
        match source {
            CopySource::Path(path) => *path = word(path)?,
            CopySource::Heredoc(body) if body.expand => {
                body.content = heredoc(&body.name, &body.content)?;
            }
            CopySource::Heredoc(_) => {}
        }
    }
    spec.dest = word(&spec.dest)?;
    Ok(())
}

impl Stage {
    /// The base image and platform with `vars` (the ARGs declared before the first FROM, with
    /// build-arg overrides) substituted, as docker expands FROM lines.
    pub fn expand_base(
        &self,
        vars: Vars<'_>,
        escape: char,
    ) -> Result<(String, Option<String>), ParseError> {
        let word = |w: &str| {
            expand(w, vars, escape).map_err(|cause| ParseError {
                line: self.line,
                kind: ParseErrorKind::Expand {
                    word: w.to_string(),
                    cause,
                },
            })
        };
        let platform = self.platform.as_deref().map(word).transpose()?;
        Ok((word(&self.base)?, platform))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Protocol {
    Tcp,
    Udp,
    Sctp,
}

/// An EXPOSE word: `port`, or `first-last`, with `/tcp` (the default), `/udp` or `/sctp`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ExposedPort {
    pub first: u16,
    pub last: u16,
    pub protocol: Protocol,
}

impl ExposedPort {
    pub fn parse(spec: &str) -> Option<ExposedPort> {
        let (ports, protocol) = match spec.split_once('/') {
            None => (spec, Protocol::Tcp),
            Some((ports, "")) => (ports, Protocol::Tcp),
            Some((ports, protocol)) => (
                ports,
                match protocol.to_ascii_lowercase().as_str() {
                    "tcp" => Protocol::Tcp,
                    "udp" => Protocol::Udp,
                    "sctp" => Protocol::Sctp,
                    _ => return None,
                },
            ),
        };
        let number = |s: &str| {
            s.bytes()
                .all(|b| b.is_ascii_digit())
                .then(|| s.parse::<u16>().ok())
                .flatten()
        };
        let (first, last) = match ports.split_once('-') {
            Some((first, last)) => (number(first)?, number(last)?),
            None => (number(ports)?, number(ports)?),
        };
        (first <= last).then_some(ExposedPort {
            first,
            last,
            protocol,
        })
    }
}

impl fmt::Display for ExposedPort {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let protocol = match self.protocol {
            Protocol::Tcp => "tcp",
            Protocol::Udp => "udp",
            Protocol::Sctp => "sctp",
        };
        if self.first == self.last {
            write!(f, "{}/{protocol}", self.first)
        } else {
            write!(f, "{}-{}/{protocol}", self.first, self.last)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn port_specs() {
        let tcp80 = ExposedPort {
            first: 80,
            last: 80,
            protocol: Protocol::Tcp,
        };
        assert_eq!(ExposedPort::parse("80"), Some(tcp80));
        assert_eq!(ExposedPort::parse("80/tcp"), Some(tcp80));
        assert_eq!(ExposedPort::parse("80/"), Some(tcp80));
        let range = ExposedPort::parse("8000-8010/UDP").unwrap();
        assert_eq!(
            (range.first, range.last, range.protocol),
            (8000, 8010, Protocol::Udp)
        );
        assert_eq!(range.to_string(), "8000-8010/udp");
        assert_eq!(
            ExposedPort::parse("53/sctp").unwrap().to_string(),
            "53/sctp"
        );
        for bad in [
            "", "http", "80/icmp", "70000", "90-80", "+80", "80:80", "-80", "8-",
        ] {
            assert_eq!(ExposedPort::parse(bad), None, "{bad:?}");
        }
    }
}
