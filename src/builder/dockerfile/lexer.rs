//! From text to logical lines: parser directives, comments, line continuations and heredoc
//! bodies, as docker reads them.
//!
//! - Directives (`# escape=...`, `# syntax=...`, `# check=...`) count only at the very top: the
//!   first line that is not one (a comment, a blank line, an instruction, an unknown
//!   directive) ends them. Each may appear once.
//! - A `#` after optional whitespace at the start of a line makes a comment, also inside a
//!   continued instruction, where comment lines and blank lines are skipped.
//! - The escape character at the end of a line (trailing spaces and tabs allowed) continues
//!   the instruction on the next line; the pieces are joined as they are.
//! - RUN, COPY and ADD lines (not in JSON form) naming `<<DELIM` heredocs are followed by their
//!   bodies, one after the other, each ended by a line that is exactly DELIM (after leading
//!   tabs, with `<<-`).

use super::ast::{Directives, Heredoc};
use super::error::{ParseError, ParseErrorKind, Warning, WarningKind};
use super::heredoc;
use super::words::{self, JsonForm};

/// One instruction's text with continuations joined, and its heredoc bodies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LogicalLine {
    /// 1-based number of its first line.
    pub line: usize,
    pub text: String,
    pub heredocs: Vec<Heredoc>,
}

#[derive(Debug)]
pub(crate) struct Lexed {
    pub directives: Directives,
    pub lines: Vec<LogicalLine>,
    pub warnings: Vec<Warning>,
}

fn is_comment(line: &str) -> bool {
    line.trim_start().starts_with('#')
}

/// `# key = value` with a known key; `None` for anything else (which ends the directives).
fn directive(line: &str) -> Option<(String, String)> {
    let body = line.trim_start().strip_prefix('#')?;
    let (key, value) = body.split_once('=')?;
    let key = key.trim_matches([' ', '\t']);
    let value = value.trim_matches([' ', '\t']);
    let mut key_chars = key.chars();
    let well_formed = key_chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && key_chars.all(|c| c.is_ascii_alphanumeric())
        && !value.is_empty();
    let key = key.to_ascii_lowercase();
    (well_formed && matches!(key.as_str(), "escape" | "syntax" | "check"))
        .then(|| (key, value.to_string()))
}

fn directives(lines: &[&str]) -> Result<Directives, ParseError> {
    let mut found = Directives::default();
    let mut seen: Vec<String> = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        let Some((key, value)) = directive(line) else {
            break;
        };
        let error = |kind| ParseError {
            line: index + 1,
            kind,
        };
        if seen.contains(&key) {
            return Err(error(ParseErrorKind::DuplicateDirective(key)));
        }
        match key.as_str() {
            "escape" => {
                found.escape = match value.as_str() {
                    "\\" => '\\',
                    "`" => '`',
                    _ => return Err(error(ParseErrorKind::InvalidEscape(value))),
                }
            }
            "syntax" => found.syntax = Some(value),
            _ => found.check = Some(value),
        }
        seen.push(key);
    }
    Ok(found)
}

/// Removes a trailing escape character (and the spaces and tabs after it); true if it was
/// there, meaning the instruction continues on the next line.
fn strip_continuation(line: &str, escape: char) -> (&str, bool) {
    match line.trim_end_matches([' ', '\t']).strip_suffix(escape) {
        Some(kept) => (kept, true),
        None => (line, false),
    }
}

/// Whether docker looks for heredocs on this line: RUN, COPY and ADD, unless in JSON form.
fn takes_heredocs(text: &str) -> bool {
    let (keyword, rest) = words::split_keyword(text);
    let keyword = keyword.to_ascii_lowercase();
    if !matches!(keyword.as_str(), "run" | "copy" | "add") || !text.contains("<<") {
        return false;
    }
    let (_, rest) = words::extract_flags(rest);
    !matches!(words::json_array(rest), JsonForm::Strings(_))
}

pub(crate) fn lex(source: &str) -> Result<Lexed, ParseError> {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let lines: Vec<&str> = source.lines().collect();
    let directives = directives(&lines)?;
    let escape = directives.escape;
    let mut logical = Vec::new();
    let mut warnings = Vec::new();
    let mut next = 0;
    while next < lines.len() {
        let start = next + 1;
        let first = lines[next].trim_start();
        next += 1;
        if is_comment(first) {
            continue;
        }
        let (text, mut continues) = strip_continuation(first, escape);
        if text.is_empty() && !continues {
            continue;
        }
        let mut text = text.to_string();
        let mut blank_continuation = false;
        while continues && next < lines.len() {
            let line = lines[next];
            next += 1;
            if is_comment(line) {
                continue;
            }
            if line.trim_start().is_empty() {
                blank_continuation = true;
                continue;
            }
            let (piece, more) = strip_continuation(line, escape);
            text.push_str(piece);
            continues = more;
        }
        if blank_continuation {
            warnings.push(Warning {
                line: start,
                kind: WarningKind::EmptyContinuationLine,
            });
        }
        let mut heredocs = Vec::new();
        if takes_heredocs(&text) {
            for marker in heredoc::markers(&text) {
                let mut content = String::new();
                let mut terminated = false;
                while next < lines.len() {
                    let line = lines[next];
                    next += 1;
                    let candidate = if marker.chomp {
                        line.trim_start_matches('\t')
                    } else {
                        line
                    };
                    if candidate == marker.name {
                        terminated = true;
                        break;
                    }
                    content.push_str(line);
                    content.push('\n');
                }
                if !terminated {
                    return Err(ParseError {
                        line: start,
                        kind: ParseErrorKind::UnterminatedHeredoc(marker.name),
                    });
                }
                if marker.chomp {
                    content = heredoc::chomp(&content);
                }
                heredocs.push(Heredoc {
                    name: marker.name,
                    content,
                    expand: marker.expand,
                    chomp: marker.chomp,
                    fd: marker.fd,
                });
            }
        }
        logical.push(LogicalLine {
            line: start,
            text,
            heredocs,
        });
    }
    Ok(Lexed {
        directives,
        lines: logical,
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(source: &str) -> Vec<(usize, String)> {
        lex(source)
            .unwrap()
            .lines
            .into_iter()
            .map(|l| (l.line, l.text))
            .collect()
    }

    #[test]
    fn comments_blank_lines_and_line_numbers() {
        let source = "# comment\n\nFROM a\n   # indented comment\nRUN x # not a comment\n";
        assert_eq!(
            texts(source),
            [(3, "FROM a".into()), (5, "RUN x # not a comment".into())]
        );
    }

    #[test]
    fn continuations_skip_comments_and_blank_lines() {
        let source = "FROM a\nRUN a \\\n  # inside\n\n  b \\  \n  c\nRUN d\n";
        let lexed = lex(source).unwrap();
        let got: Vec<_> = lexed
            .lines
            .iter()
            .map(|l| (l.line, l.text.as_str()))
            .collect();
        assert_eq!(got, [(1, "FROM a"), (2, "RUN a   b   c"), (7, "RUN d")]);
        assert_eq!(
            lexed.warnings,
            [Warning {
                line: 2,
                kind: WarningKind::EmptyContinuationLine
            }]
        );
    }

    #[test]
    fn continuation_at_end_of_file_and_crlf() {
        assert_eq!(
            texts("FROM a\r\nRUN b \\\r\n"),
            [(1, "FROM a".into()), (2, "RUN b ".into())]
        );
        assert_eq!(texts("\u{feff}FROM a"), [(1, "FROM a".into())]);
    }

    #[test]
    fn directives_only_at_the_top() {
        let lexed =
            lex("# syntax=docker/dockerfile:1\n#Escape = `\n# check=skip=all\nFROM a\n").unwrap();
        assert_eq!(lexed.directives.escape, '`');
        assert_eq!(
            lexed.directives.syntax.as_deref(),
            Some("docker/dockerfile:1")
        );
        assert_eq!(lexed.directives.check.as_deref(), Some("skip=all"));
        let after_comment = lex("# hello\n# escape=`\nFROM a\n").unwrap();
        assert_eq!(after_comment.directives.escape, '\\');
        let after_unknown = lex("# unknown=1\n# escape=`\nFROM a\n").unwrap();
        assert_eq!(after_unknown.directives.escape, '\\');
        let after_blank = lex("\n# escape=`\nFROM a\n").unwrap();
        assert_eq!(after_blank.directives.escape, '\\');
    }

    #[test]
    fn directive_errors_name_their_line() {
        let duplicate = lex("# escape=\\\n# escape=`\nFROM a").unwrap_err();
        assert_eq!(duplicate.line, 2);
        assert_eq!(
            duplicate.to_string(),
            "Dockerfile:2: only one escape parser directive can be used"
        );
        let invalid = lex("# escape=x\nFROM a").unwrap_err();
        assert_eq!(
            invalid.to_string(),
            "Dockerfile:1: invalid escape token 'x' does not match ` or \\"
        );
    }

    #[test]
    fn backtick_escape_continues_lines_and_leaves_backslash_alone() {
        let source = "# escape=`\nFROM a\nRUN dir c:\\ `\n  && echo hi\n";
        assert_eq!(
            texts(source),
            [
                (2, "FROM a".into()),
                (3, "RUN dir c:\\   && echo hi".into())
            ]
        );
    }

    #[test]
    fn heredoc_bodies_follow_their_line() {
        let source = "FROM a\nRUN <<EOF\necho $HOME\n# kept\n\nEOF\nCOPY <<-'ONE' <<TWO /dst/\n\t\tx\n\tONE\ny\nTWO\nRUN z\n";
        let lexed = lex(source).unwrap();
        let lines = &lexed.lines;
        assert_eq!(lines.len(), 4);
        assert_eq!(lines[1].line, 2);
        assert_eq!(lines[1].heredocs[0].content, "echo $HOME\n# kept\n\n");
        assert!(lines[1].heredocs[0].expand);
        assert_eq!(lines[2].line, 7);
        let [one, two] = lines[2].heredocs.as_slice() else {
            panic!("two heredocs expected: {:?}", lines[2]);
        };
        assert_eq!((one.name.as_str(), one.content.as_str()), ("ONE", "x\n"));
        assert!(one.chomp && !one.expand);
        assert_eq!((two.name.as_str(), two.content.as_str()), ("TWO", "y\n"));
        assert_eq!((lines[3].line, lines[3].text.as_str()), (12, "RUN z"));
    }

    #[test]
    fn no_heredocs_in_json_form_or_other_instructions() {
        let lexed =
            lex("FROM a\nRUN [\"cat\", \"<<EOF\"]\nLABEL x=<<EOF\nCMD cat <<EOF\n").unwrap();
        assert_eq!(lexed.lines.len(), 4);
        assert!(lexed.lines.iter().all(|l| l.heredocs.is_empty()));
    }

    #[test]
    fn unterminated_heredoc_names_the_instruction_line() {
        let err = lex("FROM a\n\nRUN <<EOF\necho\nEOF \n").unwrap_err();
        assert_eq!(err.line, 3);
        assert_eq!(err.kind, ParseErrorKind::UnterminatedHeredoc("EOF".into()));
    }
}
