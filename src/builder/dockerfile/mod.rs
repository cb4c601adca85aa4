//! The Dockerfile front end of `rpod build`: text in, typed stages out. No I/O: the builder
//! reads the file and the context and runs the steps.
//!
//! Semantics follow docker's (BuildKit's) reading of the Dockerfile reference:
//!
//! - Lines: parser directives at the top (`escape`, `syntax` and `check`, the last two
//!   recorded and otherwise ignored), comments, continuation lines (comment and blank lines in
//!   between are skipped; blank ones produce a [`Warning`]), heredoc bodies.
//! - [`parse()`]: one [`Instruction`] per logical line, keywords case-insensitive, each with the
//!   number of its first line; `FROM` starts a [`Stage`]; only `ARG` may come before the first
//!   `FROM`. Checks made here: unknown instructions (with a "did you mean"), missing
//!   arguments, unknown/duplicate/valueless flags, non-string JSON arrays, SHELL without
//!   JSON, bad stage names and duplicate ones, ONBUILD chains and FROM/MAINTAINER triggers,
//!   unterminated heredocs, HEALTHCHECK durations and retries. Not checked here: whether a
//!   `--from` stage or image exists (the builder decides), RUN `--mount` syntax (kept raw).
//! - [`expand()`]: docker's variable substitution on one word, and [`Instruction::expand`],
//!   which applies it to exactly the fields docker expands (its documentation lists them).
//!
//! Deliberately stricter than docker: RUN, CMD and ENTRYPOINT need an argument; an ONBUILD
//! trigger is checked as a full instruction at once; HEALTHCHECK NONE refuses flags; EXPOSE
//! takes only `port[-port][/proto]` (not publish syntax).

mod ast;
mod error;
mod expand;
mod flags;
mod healthcheck;
mod heredoc;
mod instructions;
mod lexer;
mod parser;
mod pattern;
mod substitute;
mod words;

pub use ast::{
    Arg, CommandForm, CopySource, CopySpec, Directives, Dockerfile, Healthcheck, Heredoc,
    Instruction, KeyValue, RunFlags, Stage, split_user_group,
};
pub use error::{ExpandError, ParseError, ParseErrorKind, Warning, WarningKind};
pub use expand::{Vars, expand, expand_heredoc, expand_words};
pub use parser::parse;
pub use pattern::Pattern;
pub use substitute::{ExposedPort, Protocol};

#[cfg(test)]
mod tests;
