//! One function per instruction: from the rest of the line (after keyword and flags) to the
//! typed instruction, with the argument checks docker makes at parse time.

use super::ast::{Arg, CommandForm, CopySource, CopySpec, Heredoc, KeyValue, RunFlags, Stage};
use super::error::ParseErrorKind;
use super::flags::{Flags, Kind};
use super::heredoc;
use super::words::{JsonForm, first_word, json_array, plain_words, quoted_words};

type Result<T> = std::result::Result<T, ParseErrorKind>;

/// One logical line, split for the instruction parsers.
#[derive(Debug)]
pub(crate) struct Request<'a> {
    pub line: usize,
    /// The leading `--flag[=value]` words.
    pub flags: Vec<String>,
    /// What follows the flags, trimmed.
    pub rest: &'a str,
    pub heredocs: Vec<Heredoc>,
    pub escape: char,
}

impl Request<'_> {
    /// For instructions that take no flags: any flag is an unknown one.
    pub(crate) fn no_flags(&self, keyword: &'static str) -> Result<()> {
        Flags::parse(keyword, &self.flags, &[]).map(drop)
    }

    /// The whole rest as the one argument (WORKDIR, USER, STOPSIGNAL, MAINTAINER).
    pub(crate) fn single(&self, keyword: &'static str) -> Result<String> {
        self.no_flags(keyword)?;
        if self.rest.is_empty() {
            return Err(ParseErrorKind::ExactlyOneArgument(keyword));
        }
        Ok(self.rest.to_string())
    }
}

pub(crate) fn from(req: &Request<'_>) -> Result<Stage> {
    let flags = Flags::parse("FROM", &req.flags, &[("platform", Kind::Text)])?;
    let args = plain_words(req.rest);
    let name = match args.as_slice() {
        [_] => None,
        [_, keyword, name] if keyword.eq_ignore_ascii_case("as") => {
            let lower = name.to_lowercase();
            let mut chars = lower.chars();
            let valid = chars.next().is_some_and(|c| c.is_ascii_lowercase())
                && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-_.".contains(c));
            if !valid {
                return Err(ParseErrorKind::InvalidStageName(name.clone()));
            }
            Some(lower)
        }
        _ => return Err(ParseErrorKind::FromArguments),
    };
    Ok(Stage {
        name,
        base: args[0].clone(),
        platform: flags.text("platform"),
        line: req.line,
        instructions: Vec::new(),
    })
}

/// Exec form when the rest is a JSON array of strings; an invalid JSON array is shell form,
/// as in docker (`CMD [ "a" b ]` runs `/bin/sh -c '[ "a" b ]'`).
pub(crate) fn command_form(keyword: &'static str, rest: &str) -> Result<CommandForm> {
    if rest.is_empty() {
        return Err(ParseErrorKind::AtLeastOneArgument(keyword));
    }
    match json_array(rest) {
        JsonForm::Strings(args) => Ok(CommandForm::Exec(args)),
        JsonForm::NotStrings => Err(ParseErrorKind::NotStringArray),
        JsonForm::NotJson => Ok(CommandForm::Shell(rest.to_string())),
    }
}

pub(crate) fn run_flags(req: &Request<'_>) -> Result<RunFlags> {
    let flags = Flags::parse(
        "RUN",
        &req.flags,
        &[
            ("mount", Kind::List),
            ("network", Kind::Text),
            ("security", Kind::Text),
        ],
    )?;
    Ok(RunFlags {
        mounts: flags.list("mount"),
        network: flags.text("network"),
        security: flags.text("security"),
    })
}

/// CMD and ENTRYPOINT.
pub(crate) fn command(req: &Request<'_>, keyword: &'static str) -> Result<CommandForm> {
    req.no_flags(keyword)?;
    command_form(keyword, req.rest)
}

/// ENV and LABEL: `key=value ...`, or the legacy `key value with spaces`, chosen by whether
/// the first word has a `=`. Values keep their quotes until expansion.
pub(crate) fn key_values(req: &Request<'_>, keyword: &'static str) -> Result<Vec<KeyValue>> {
    req.no_flags(keyword)?;
    let words = quoted_words(req.rest, req.escape);
    let Some(first) = words.first() else {
        return Err(ParseErrorKind::AtLeastOneArgument(keyword));
    };
    if !first.contains('=') {
        let (key, value) = first_word(req.rest);
        if value.is_empty() {
            return Err(ParseErrorKind::MissingValue(keyword));
        }
        return Ok(vec![KeyValue {
            key: key.to_string(),
            value: value.to_string(),
        }]);
    }
    words
        .into_iter()
        .map(|word| match word.split_once('=') {
            None => Err(ParseErrorKind::MissingEquals {
                instruction: keyword,
                word,
            }),
            Some(("", _)) => Err(ParseErrorKind::BlankName(keyword)),
            Some((key, value)) => Ok(KeyValue {
                key: key.to_string(),
                value: value.to_string(),
            }),
        })
        .collect()
}

pub(crate) fn args(req: &Request<'_>) -> Result<Vec<Arg>> {
    req.no_flags("ARG")?;
    let words = quoted_words(req.rest, req.escape);
    if words.is_empty() {
        return Err(ParseErrorKind::AtLeastOneArgument("ARG"));
    }
    words
        .into_iter()
        .map(|word| {
            let (name, default) = match word.split_once('=') {
                Some((name, default)) => (name.to_string(), Some(default.to_string())),
                None => (word, None),
            };
            if name.is_empty() {
                return Err(ParseErrorKind::BlankName("ARG"));
            }
            Ok(Arg {
                line: req.line,
                name,
                default,
            })
        })
        .collect()
}

pub(crate) fn expose(req: &Request<'_>) -> Result<Vec<String>> {
    req.no_flags("EXPOSE")?;
    let ports = plain_words(req.rest);
    if ports.is_empty() {
        return Err(ParseErrorKind::AtLeastOneArgument("EXPOSE"));
    }
    Ok(ports)
}

/// A JSON array of strings, or else plain words (VOLUME, COPY, ADD).
fn json_or_words(rest: &str) -> Result<Vec<String>> {
    match json_array(rest) {
        JsonForm::Strings(words) => Ok(words),
        JsonForm::NotStrings => Err(ParseErrorKind::NotStringArray),
        JsonForm::NotJson => Ok(plain_words(rest)),
    }
}

pub(crate) fn volume(req: &Request<'_>) -> Result<Vec<String>> {
    req.no_flags("VOLUME")?;
    let paths = json_or_words(req.rest)?;
    if paths.is_empty() {
        return Err(ParseErrorKind::AtLeastOneArgument("VOLUME"));
    }
    if paths.iter().any(|path| path.trim().is_empty()) {
        return Err(ParseErrorKind::EmptyVolume);
    }
    Ok(paths)
}

/// SHELL takes only the JSON form.
pub(crate) fn shell(req: &Request<'_>) -> Result<Vec<String>> {
    req.no_flags("SHELL")?;
    match json_array(req.rest) {
        JsonForm::Strings(shell) if !shell.is_empty() => Ok(shell),
        JsonForm::Strings(_) => Err(ParseErrorKind::AtLeastOneArgument("SHELL")),
        JsonForm::NotStrings => Err(ParseErrorKind::NotStringArray),
        JsonForm::NotJson if req.rest.is_empty() => {
            Err(ParseErrorKind::AtLeastOneArgument("SHELL"))
        }
        JsonForm::NotJson => Err(ParseErrorKind::NotJson("SHELL")),
    }
}

const COPY_FLAGS: &[(&str, Kind)] = &[
    ("from", Kind::Text),
    ("chown", Kind::Text),
    ("chmod", Kind::Text),
    ("link", Kind::Bool),
    ("parents", Kind::Bool),
    ("exclude", Kind::List),
];

const ADD_FLAGS: &[(&str, Kind)] = &[
    ("chown", Kind::Text),
    ("chmod", Kind::Text),
    ("link", Kind::Bool),
    ("keep-git-dir", Kind::Bool),
    ("checksum", Kind::Text),
    ("exclude", Kind::List),
];

/// COPY and ADD: `[flags] src... dest`, or the JSON form; a `<<EOF` source is the heredoc's
/// body, written to a file named after it.
pub(crate) fn copy(req: Request<'_>, keyword: &'static str) -> Result<CopySpec> {
    let accepted = if keyword == "COPY" {
        COPY_FLAGS
    } else {
        ADD_FLAGS
    };
    let flags = Flags::parse(keyword, &req.flags, accepted)?;
    let mut args = json_or_words(req.rest)?;
    let dest = match args.pop() {
        Some(dest) if !args.is_empty() => dest,
        _ => return Err(ParseErrorKind::NoDestination(keyword)),
    };
    if heredoc::marker(&dest).is_some() {
        return Err(ParseErrorKind::HeredocDestination(keyword));
    }
    // Bodies come in the order their markers appear on the line, which is the sources' order.
    let mut bodies = req.heredocs.into_iter().peekable();
    let sources = args
        .into_iter()
        .map(|source| {
            let marker = heredoc::marker(&source);
            match bodies.next_if(|body| marker.is_some_and(|m| m.name == body.name)) {
                Some(body) => CopySource::Heredoc(body),
                None => CopySource::Path(source),
            }
        })
        .collect();
    Ok(CopySpec {
        from: flags.text("from"),
        chown: flags.text("chown"),
        chmod: flags.text("chmod"),
        link: flags.bool("link"),
        parents: flags.bool("parents"),
        keep_git_dir: flags.bool("keep-git-dir"),
        checksum: flags.text("checksum"),
        excludes: flags.list("exclude"),
        sources,
        dest,
    })
}
