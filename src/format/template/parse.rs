//! Template source → nodes: the tokenizer, the action lexer and the block structure.

use super::{Arg, Node, Pipeline, TemplateError};

/// A piece of template source at an offset: literal text, or the inside of an action.
type Token = (usize, Result<String, String>);

/// Splits the source into text and action tokens, applying trim markers.
pub(super) fn tokenize(src: &str) -> Result<Vec<Token>, TemplateError> {
    let mut out: Vec<Token> = Vec::new();
    let mut rest = src;
    let mut pos = 0;
    while let Some(start) = rest.find("{{") {
        let mut text = rest[..start].to_string();
        let after = &rest[start + 2..];
        let trim_left = after.starts_with('-') && after[1..].starts_with(char::is_whitespace);
        if trim_left {
            text = text.trim_end().to_string();
        }
        if !text.is_empty() {
            out.push((pos, Ok(text)));
        }
        let body_start = if trim_left { 1 } else { 0 };
        let end = find_close(&after[body_start..]).ok_or_else(|| TemplateError::Parse {
            pos: pos + start,
            message: "unclosed action".into(),
        })?;
        let mut body = &after[body_start..body_start + end];
        let trim_right =
            body.ends_with('-') && body[..body.len() - 1].ends_with(char::is_whitespace);
        if trim_right {
            body = &body[..body.len() - 1];
        }
        out.push((pos + start, Err(body.trim().to_string())));
        let consumed = start + 2 + body_start + end + 2;
        pos += consumed;
        rest = &rest[consumed..];
        if trim_right {
            let trimmed = rest.trim_start();
            pos += rest.len() - trimmed.len();
            rest = trimmed;
        }
    }
    if !rest.is_empty() {
        out.push((pos, Ok(rest.to_string())));
    }
    Ok(out)
}

/// The offset of the `}}` closing an action, skipping quoted strings.
fn find_close(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = 0;
    while i + 1 < b.len() {
        match b[i] {
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'`' => {
                i += 1;
                while i < b.len() && b[i] != b'`' {
                    i += 1;
                }
            }
            b'}' if b[i + 1] == b'}' => return Some(i),
            _ => {}
        }
        i += 1;
    }
    None
}

struct Lexer<'a> {
    s: &'a [u8],
    i: usize,
    pos: usize,
}

impl Lexer<'_> {
    fn err(&self, message: impl Into<String>) -> TemplateError {
        TemplateError::Parse {
            pos: self.pos,
            message: message.into(),
        }
    }

    fn skip_ws(&mut self) {
        while self.i < self.s.len() && self.s[self.i].is_ascii_whitespace() {
            self.i += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn ident(&mut self) -> String {
        let start = self.i;
        while self.i < self.s.len()
            && (self.s[self.i].is_ascii_alphanumeric() || self.s[self.i] == b'_')
        {
            self.i += 1;
        }
        String::from_utf8_lossy(&self.s[start..self.i]).into_owned()
    }

    fn fields(&mut self) -> Result<Vec<String>, TemplateError> {
        let mut out = Vec::new();
        while self.peek() == Some(b'.')
            && self
                .s
                .get(self.i + 1)
                .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'_')
        {
            self.i += 1;
            out.push(self.ident());
        }
        Ok(out)
    }

    fn string(&mut self) -> Result<String, TemplateError> {
        let quote = self.s[self.i];
        self.i += 1;
        let mut out = Vec::new();
        while let Some(c) = self.peek() {
            self.i += 1;
            if c == quote {
                return String::from_utf8(out).map_err(|_| self.err("invalid UTF-8 in string"));
            }
            if c == b'\\' && quote == b'"' {
                let e = self.peek().ok_or_else(|| self.err("unterminated string"))?;
                self.i += 1;
                out.push(match e {
                    b'n' => b'\n',
                    b't' => b'\t',
                    b'r' => b'\r',
                    b'\\' => b'\\',
                    b'"' => b'"',
                    b'\'' => b'\'',
                    _ => return Err(self.err(format!("unknown escape \\{}", e as char))),
                });
            } else {
                out.push(c);
            }
        }
        Err(self.err("unterminated string"))
    }

    fn operand(&mut self) -> Result<Arg, TemplateError> {
        self.skip_ws();
        match self.peek() {
            Some(b'.') => {
                let fields = self.fields()?;
                if fields.is_empty() {
                    self.i += 1;
                }
                Ok(Arg::Dot(fields))
            }
            Some(b'$') => {
                self.i += 1;
                let name = self.ident();
                Ok(Arg::Var(name, self.fields()?))
            }
            Some(b'"') | Some(b'`') => Ok(Arg::Str(self.string()?)),
            Some(b'(') => {
                self.i += 1;
                let inner = self.pipeline(b')')?;
                if self.peek() != Some(b')') {
                    return Err(self.err("unclosed parenthesis"));
                }
                self.i += 1;
                Ok(Arg::Sub(Box::new(inner), self.fields()?))
            }
            Some(c) if c.is_ascii_digit() || c == b'-' || c == b'+' => {
                let start = self.i;
                self.i += 1;
                while self
                    .peek()
                    .is_some_and(|c| c.is_ascii_alphanumeric() || c == b'.' || c == b'_')
                {
                    self.i += 1;
                }
                let text = String::from_utf8_lossy(&self.s[start..self.i]).replace('_', "");
                text.parse()
                    .map(Arg::Num)
                    .map_err(|_| self.err(format!("bad number {text:?}")))
            }
            Some(c) if c.is_ascii_alphabetic() => {
                let word = self.ident();
                Ok(match word.as_str() {
                    "true" => Arg::Bool(true),
                    "false" => Arg::Bool(false),
                    "nil" => Arg::Nil,
                    _ => Arg::Func(word),
                })
            }
            Some(c) => Err(self.err(format!("unexpected {:?} in operand", c as char))),
            None => Err(self.err("missing operand")),
        }
    }

    /// `[$a, $b :=] cmd | cmd …` up to `stop` (or the end).
    fn pipeline(&mut self, stop: u8) -> Result<Pipeline, TemplateError> {
        let start = self.i;
        let mut decl = Vec::new();
        let save = self.i;
        self.skip_ws();
        if self.peek() == Some(b'$') {
            let mut vars = Vec::new();
            loop {
                self.skip_ws();
                if self.peek() != Some(b'$') {
                    break;
                }
                self.i += 1;
                vars.push(self.ident());
                self.skip_ws();
                if self.peek() == Some(b',') {
                    self.i += 1;
                    continue;
                }
                break;
            }
            self.skip_ws();
            if self.s[self.i..].starts_with(b":=") || self.s[self.i..].starts_with(b"=") {
                self.i += if self.s[self.i] == b':' { 2 } else { 1 };
                decl = vars;
            } else {
                self.i = save;
            }
        }
        let mut cmds = Vec::new();
        let mut cmd = Vec::new();
        loop {
            self.skip_ws();
            match self.peek() {
                None => break,
                Some(c) if c == stop => break,
                Some(b'|') => {
                    self.i += 1;
                    if cmd.is_empty() {
                        return Err(self.err("missing command before |"));
                    }
                    cmds.push(std::mem::take(&mut cmd));
                }
                Some(_) => cmd.push(self.operand()?),
            }
        }
        if cmd.is_empty() {
            return Err(self.err("missing value for command"));
        }
        cmds.push(cmd);
        Ok(Pipeline {
            decl,
            cmds,
            text: String::from_utf8_lossy(&self.s[start..self.i])
                .trim()
                .to_string(),
        })
    }
}

fn parse_pipeline(text: &str, pos: usize) -> Result<Pipeline, TemplateError> {
    let mut lx = Lexer {
        s: text.as_bytes(),
        i: 0,
        pos,
    };
    let p = lx.pipeline(0)?;
    if lx.i < lx.s.len() {
        return Err(lx.err(format!(
            "unexpected {:?}",
            text[lx.i..].chars().next().unwrap_or(' ')
        )));
    }
    Ok(p)
}

pub(super) enum Stop {
    End,
    Else(Option<(String, usize)>),
    Eof,
}

pub(super) fn parse_nodes(
    tokens: &mut std::iter::Peekable<std::vec::IntoIter<(usize, Result<String, String>)>>,
) -> Result<(Vec<Node>, Stop), TemplateError> {
    let mut nodes = Vec::new();
    while let Some((pos, tok)) = tokens.next() {
        let action = match tok {
            Ok(text) => {
                nodes.push(Node::Text(text));
                continue;
            }
            Err(action) => action,
        };
        if action.starts_with("/*") {
            continue;
        }
        let (word, rest) = action
            .split_once(char::is_whitespace)
            .unwrap_or((&action, ""));
        match word {
            "end" => return Ok((nodes, Stop::End)),
            "else" => {
                let rest = rest.trim();
                let chained = rest
                    .strip_prefix("if")
                    .filter(|r| r.starts_with(char::is_whitespace));
                return Ok((
                    nodes,
                    Stop::Else(chained.map(|c| (c.trim().to_string(), pos))),
                ));
            }
            "if" => {
                let mut branches = vec![(parse_pipeline(rest, pos)?, Vec::new())];
                let mut else_nodes = Vec::new();
                loop {
                    let (body, stop) = parse_nodes(tokens)?;
                    branches.last_mut().expect("one branch at least").1 = body;
                    match stop {
                        Stop::End => break,
                        Stop::Else(Some((cond, p))) => {
                            branches.push((parse_pipeline(&cond, p)?, Vec::new()))
                        }
                        Stop::Else(None) => {
                            let (body, stop) = parse_nodes(tokens)?;
                            else_nodes = body;
                            if !matches!(stop, Stop::End) {
                                return Err(TemplateError::Parse {
                                    pos,
                                    message: "expected {{end}} after {{else}}".into(),
                                });
                            }
                            break;
                        }
                        Stop::Eof => {
                            return Err(TemplateError::Parse {
                                pos,
                                message: "unexpected EOF: {{if}} without {{end}}".into(),
                            });
                        }
                    }
                }
                nodes.push(Node::If(branches, else_nodes));
            }
            "range" | "with" => {
                let pipe = parse_pipeline(rest, pos)?;
                let (body, stop) = parse_nodes(tokens)?;
                let else_nodes = match stop {
                    Stop::End => Vec::new(),
                    Stop::Else(None) => match parse_nodes(tokens)? {
                        (e, Stop::End) => e,
                        _ => {
                            return Err(TemplateError::Parse {
                                pos,
                                message: format!("expected {{{{end}}}} for {{{{{word}}}}}"),
                            });
                        }
                    },
                    _ => {
                        return Err(TemplateError::Parse {
                            pos,
                            message: format!("unexpected EOF: {{{{{word}}}}} without {{{{end}}}}"),
                        });
                    }
                };
                nodes.push(if word == "range" {
                    Node::Range(pipe, body, else_nodes)
                } else {
                    Node::With(pipe, body, else_nodes)
                });
            }
            _ => nodes.push(Node::Action(parse_pipeline(&action, pos)?)),
        }
    }
    Ok((nodes, Stop::Eof))
}
