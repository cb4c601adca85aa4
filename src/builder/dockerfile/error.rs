//! What can go wrong reading a Dockerfile. Every parse error names the line it is about, the
//! way docker prints them: `Dockerfile:12: unknown instruction: FOO`. The wording follows
//! BuildKit's where it has some, since users search for it.

use std::fmt;

/// A Dockerfile that cannot be parsed, or an instruction whose words cannot be expanded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("Dockerfile:{line}: {kind}")]
pub struct ParseError {
    /// 1-based number of the instruction's first line (or of the offending directive).
    pub line: usize,
    pub kind: ParseErrorKind,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseErrorKind {
    #[error("file with no instructions")]
    NoInstructions,
    #[error("no FROM instruction: the file has no stage to build")]
    NoStages,
    #[error("unknown instruction: {name}{}", DidYouMean(*.suggestion))]
    UnknownInstruction {
        name: String,
        suggestion: Option<&'static str>,
    },
    #[error(
        "{0} before the first FROM: no build stage in current context (only ARG may come first)"
    )]
    BeforeFrom(&'static str),
    #[error("only one {0} parser directive can be used")]
    DuplicateDirective(String),
    #[error("invalid escape token '{0}' does not match ` or \\")]
    InvalidEscape(String),
    #[error("{0} requires at least one argument")]
    AtLeastOneArgument(&'static str),
    #[error("{0} requires exactly one argument")]
    ExactlyOneArgument(&'static str),
    #[error("{0} requires at least two arguments: no destination")]
    NoDestination(&'static str),
    #[error("FROM requires either one or three arguments")]
    FromArguments,
    #[error(
        "invalid name for build stage: {0:?}, name can't start with a number or contain symbols"
    )]
    InvalidStageName(String),
    #[error("duplicate stage name {0:?}")]
    DuplicateStageName(String),
    #[error("{instruction}: unknown flag: --{flag}")]
    UnknownFlag {
        instruction: &'static str,
        flag: String,
    },
    #[error("{instruction}: duplicate flag specified: --{flag}")]
    DuplicateFlag {
        instruction: &'static str,
        flag: &'static str,
    },
    #[error("{instruction}: missing a value on flag: --{flag}")]
    MissingFlagValue {
        instruction: &'static str,
        flag: &'static str,
    },
    #[error("{instruction}: expecting boolean value for flag --{flag}, not: {value}")]
    NotBoolean {
        instruction: &'static str,
        flag: &'static str,
        value: String,
    },
    #[error("when using JSON array syntax, arrays must be comprised of strings only")]
    NotStringArray,
    #[error("{0} requires the arguments to be in JSON form")]
    NotJson(&'static str),
    #[error("{0} must have two arguments")]
    MissingValue(&'static str),
    #[error("{instruction}: can't find = in {word:?}: must be of the form name=value")]
    MissingEquals {
        instruction: &'static str,
        word: String,
    },
    #[error("{0} names can not be blank")]
    BlankName(&'static str),
    #[error("VOLUME specified can not be an empty string")]
    EmptyVolume,
    #[error("HEALTHCHECK NONE takes no arguments or flags")]
    HealthcheckNoneArguments,
    #[error("missing command after HEALTHCHECK CMD")]
    HealthcheckMissingCommand,
    #[error("unknown type {0:?} in HEALTHCHECK (try CMD)")]
    HealthcheckType(String),
    #[error("HEALTHCHECK: invalid duration for --{flag}: {value:?}")]
    Duration { flag: &'static str, value: String },
    #[error("HEALTHCHECK: --{flag} cannot be less than 1ms: {value:?}")]
    DurationTooShort { flag: &'static str, value: String },
    #[error("HEALTHCHECK: invalid --retries: {0:?}: expected a number from 0 to 2147483647")]
    Retries(String),
    #[error("chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed")]
    OnbuildChain,
    #[error("{0} isn't allowed as an ONBUILD trigger")]
    OnbuildTrigger(&'static str),
    #[error("unterminated heredoc: no line {0:?} ends it")]
    UnterminatedHeredoc(String),
    #[error("{0} cannot accept a heredoc as a destination")]
    HeredocDestination(&'static str),
    #[error("cannot expand {word:?}: {cause}")]
    Expand { word: String, cause: ExpandError },
    #[error("EXPOSE: invalid port {0:?}: expected PORT[-PORT][/tcp|/udp|/sctp]")]
    InvalidPort(String),
}

struct DidYouMean(Option<&'static str>);

impl fmt::Display for DidYouMean {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(word) => write!(f, " (did you mean {word}?)"),
            None => Ok(()),
        }
    }
}

/// A word that the shell-like substitution rules reject, e.g. `${A` or `'unclosed`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExpandError {
    #[error("syntax error: missing '}}'")]
    MissingBrace,
    #[error("syntax error: bad substitution")]
    BadSubstitution,
    #[error("unsupported modifier ({0}) in substitution")]
    UnsupportedModifier(String),
    #[error("unexpected end of statement while looking for matching {0}")]
    Unterminated(&'static str),
    #[error("substitutions nested more than {0} deep")]
    TooDeep(usize),
    /// `${NAME?message}` or `${NAME:?message}` with the variable unset (or empty).
    #[error("{name}: {message}")]
    Required { name: String, message: String },
}

/// Something docker accepts but warns about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub line: usize,
    pub kind: WarningKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WarningKind {
    /// A blank line inside a continued instruction; docker says a future release will reject it.
    EmptyContinuationLine,
    MaintainerDeprecated,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self.kind {
            WarningKind::EmptyContinuationLine => {
                "empty continuation line inside an instruction: remove it, it will become an error"
            }
            WarningKind::MaintainerDeprecated => {
                "MAINTAINER is deprecated: use LABEL org.opencontainers.image.authors=..."
            }
        };
        write!(f, "Dockerfile:{}: {text}", self.line)
    }
}
