//! Logical lines to stages: dispatch on the keyword (case-insensitive), ONBUILD's inner
//! instruction, the ARGs before the first FROM, and the checks that span instructions.

use super::ast::{Dockerfile, Heredoc, Instruction, Stage};
use super::error::{ParseError, ParseErrorKind, Warning, WarningKind};
use super::healthcheck::healthcheck;
use super::instructions::{self as parse, Request};
use super::lexer::lex;
use super::words::{extract_flags, split_keyword};

const KEYWORDS: &[&str] = &[
    "ADD",
    "ARG",
    "CMD",
    "COPY",
    "ENTRYPOINT",
    "ENV",
    "EXPOSE",
    "FROM",
    "HEALTHCHECK",
    "LABEL",
    "MAINTAINER",
    "ONBUILD",
    "RUN",
    "SHELL",
    "STOPSIGNAL",
    "USER",
    "VOLUME",
    "WORKDIR",
];

/// Parses a whole Dockerfile. Pure: the caller reads the file.
pub fn parse(source: &str) -> Result<Dockerfile, ParseError> {
    let lexed = lex(source)?;
    let escape = lexed.directives.escape;
    let mut warnings = lexed.warnings;
    let Some(first_line) = lexed.lines.first().map(|l| l.line) else {
        return Err(ParseError {
            line: 1,
            kind: ParseErrorKind::NoInstructions,
        });
    };
    let mut args_before_from = Vec::new();
    let mut stages: Vec<Stage> = Vec::new();
    for logical in lexed.lines {
        let line = logical.line;
        let error = |kind| ParseError { line, kind };
        match parse_line(line, &logical.text, logical.heredocs, escape)? {
            Parsed::From(stage) => {
                let duplicate = stage
                    .name
                    .as_ref()
                    .filter(|name| stages.iter().any(|s| s.name.as_ref() == Some(*name)));
                if let Some(name) = duplicate {
                    return Err(error(ParseErrorKind::DuplicateStageName(name.clone())));
                }
                stages.push(stage);
            }
            Parsed::Instruction(instruction) => {
                if let Instruction::Maintainer { .. } = instruction {
                    warnings.push(Warning {
                        line,
                        kind: WarningKind::MaintainerDeprecated,
                    });
                }
                match (stages.last_mut(), instruction) {
                    (Some(stage), instruction) => stage.instructions.push(instruction),
                    (None, Instruction::Arg { args, .. }) => args_before_from.extend(args),
                    (None, other) => {
                        return Err(error(ParseErrorKind::BeforeFrom(other.keyword())));
                    }
                }
            }
        }
    }
    if stages.is_empty() {
        return Err(ParseError {
            line: first_line,
            kind: ParseErrorKind::NoStages,
        });
    }
    Ok(Dockerfile {
        directives: lexed.directives,
        args_before_from,
        stages,
        warnings,
    })
}

enum Parsed {
    From(Stage),
    Instruction(Instruction),
}

fn parse_line(
    line: usize,
    text: &str,
    heredocs: Vec<Heredoc>,
    escape: char,
) -> Result<Parsed, ParseError> {
    let (keyword, rest) = split_keyword(text);
    let (flags, rest) = extract_flags(rest);
    let req = Request {
        line,
        flags,
        rest,
        heredocs,
        escape,
    };
    dispatch(keyword, req).map_err(|kind| ParseError { line, kind })
}

fn dispatch(keyword: &str, req: Request<'_>) -> Result<Parsed, ParseErrorKind> {
    let line = req.line;
    let instruction = match keyword.to_ascii_lowercase().as_str() {
        "from" => return parse::from(&req).map(Parsed::From),
        "run" => Instruction::Run {
            line,
            flags: parse::run_flags(&req)?,
            command: parse::command_form("RUN", req.rest)?,
            heredocs: req.heredocs,
        },
        "cmd" => Instruction::Cmd {
            line,
            command: parse::command(&req, "CMD")?,
        },
        "entrypoint" => Instruction::Entrypoint {
            line,
            command: parse::command(&req, "ENTRYPOINT")?,
        },
        "env" => Instruction::Env {
            line,
            vars: parse::key_values(&req, "ENV")?,
        },
        "label" => Instruction::Label {
            line,
            labels: parse::key_values(&req, "LABEL")?,
        },
        "arg" => Instruction::Arg {
            line,
            args: parse::args(&req)?,
        },
        "maintainer" => Instruction::Maintainer {
            line,
            name: req.single("MAINTAINER")?,
        },
        "expose" => Instruction::Expose {
            line,
            ports: parse::expose(&req)?,
        },
        "workdir" => Instruction::Workdir {
            line,
            path: req.single("WORKDIR")?,
        },
        "user" => Instruction::User {
            line,
            user: req.single("USER")?,
        },
        "stopsignal" => Instruction::StopSignal {
            line,
            signal: req.single("STOPSIGNAL")?,
        },
        "volume" => Instruction::Volume {
            line,
            paths: parse::volume(&req)?,
        },
        "shell" => Instruction::Shell {
            line,
            shell: parse::shell(&req)?,
        },
        "healthcheck" => Instruction::Healthcheck {
            line,
            check: healthcheck(&req)?,
        },
        "onbuild" => onbuild(req)?,
        "copy" => Instruction::Copy {
            line,
            spec: parse::copy(req, "COPY")?,
        },
        "add" => Instruction::Add {
            line,
            spec: parse::copy(req, "ADD")?,
        },
        _ => {
            return Err(ParseErrorKind::UnknownInstruction {
                name: keyword.to_string(),
                suggestion: suggestion(keyword),
            });
        }
    };
    Ok(Parsed::Instruction(instruction))
}

/// `ONBUILD INSTRUCTION ...`: the trigger is parsed now (its errors are this file's errors)
/// and kept as text for the image config. Heredocs are not read for triggers, as in docker.
fn onbuild(req: Request<'_>) -> Result<Instruction, ParseErrorKind> {
    req.no_flags("ONBUILD")?;
    if req.rest.is_empty() {
        return Err(ParseErrorKind::AtLeastOneArgument("ONBUILD"));
    }
    let (inner, _) = split_keyword(req.rest);
    match inner.to_ascii_uppercase().as_str() {
        "ONBUILD" => return Err(ParseErrorKind::OnbuildChain),
        "FROM" => return Err(ParseErrorKind::OnbuildTrigger("FROM")),
        "MAINTAINER" => return Err(ParseErrorKind::OnbuildTrigger("MAINTAINER")),
        _ => {}
    }
    let (flags, rest) = extract_flags(split_keyword(req.rest).1);
    let inner_req = Request {
        line: req.line,
        flags,
        rest,
        heredocs: Vec::new(),
        escape: req.escape,
    };
    match dispatch(inner, inner_req)? {
        Parsed::Instruction(trigger) => Ok(Instruction::Onbuild {
            line: req.line,
            expression: req.rest.to_string(),
            trigger: Box::new(trigger),
        }),
        Parsed::From(_) => Err(ParseErrorKind::OnbuildTrigger("FROM")),
    }
}

/// The keyword a mistyped one most likely meant: close enough that it is not a guess (one
/// edit for short words, a third of the length for longer ones; a swap counts as one edit).
fn suggestion(word: &str) -> Option<&'static str> {
    let word: Vec<char> = word.to_ascii_uppercase().chars().collect();
    let allowed = (word.len() / 3).max(1);
    KEYWORDS
        .iter()
        .map(|k| (edit_distance(&word, &k.chars().collect::<Vec<_>>()), *k))
        .filter(|(distance, _)| *distance <= allowed)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, k)| k)
}

/// Levenshtein distance with adjacent transpositions (optimal string alignment).
fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut rows = vec![vec![0; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let substitution = rows[i - 1][j - 1] + usize::from(a[i - 1] != b[j - 1]);
            let mut best = substitution.min(rows[i - 1][j] + 1).min(rows[i][j - 1] + 1);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = best;
        }
    }
    rows[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_only_for_near_misses() {
        assert_eq!(suggestion("FORM"), Some("FROM"));
        assert_eq!(suggestion("runn"), Some("RUN"));
        assert_eq!(suggestion("ENTRYPONT"), Some("ENTRYPOINT"));
        assert_eq!(suggestion("HEALTCHECK"), Some("HEALTHCHECK"));
        assert_eq!(suggestion("FOO"), None);
        assert_eq!(suggestion("X"), None);
        assert_eq!(suggestion("WORKDIRECTORY"), None);
    }
}
