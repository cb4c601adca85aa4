//! The subset of Go's text/template that docker and podman scripts use with `--format`,
//! evaluated over JSON values: fields, variables, pipelines, if/else, range, with, and the
//! functions json, index, len, join, split, upper, lower, title, truncate, printf, print,
//! println, eq, ne, lt, le, gt, ge, and, or, not.

use serde_json::Value;

use super::{funcs, gofmt};

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum TemplateError {
    #[error("template: {pos}: {message}")]
    Parse { pos: usize, message: String },
    #[error("template: executing {action:?}: {message}")]
    Exec { action: String, message: String },
}

#[derive(Debug, Clone)]
enum Arg {
    /// `.A.B` (an empty chain is `.` itself).
    Dot(Vec<String>),
    /// `$x.A` (`$` is the root).
    Var(String, Vec<String>),
    Str(String),
    Num(f64),
    Bool(bool),
    Nil,
    Func(String),
    Sub(Box<Pipeline>, Vec<String>),
}

#[derive(Debug, Clone)]
struct Pipeline {
    decl: Vec<String>,
    cmds: Vec<Vec<Arg>>,
    text: String,
}

#[derive(Debug, Clone)]
enum Node {
    Text(String),
    Action(Pipeline),
    If(Vec<(Pipeline, Vec<Node>)>, Vec<Node>),
    Range(Pipeline, Vec<Node>, Vec<Node>),
    With(Pipeline, Vec<Node>, Vec<Node>),
}

#[derive(Debug, Clone)]
pub struct Template {
    nodes: Vec<Node>,
}

/// A piece of template source at an offset: literal text, or the inside of an action.
type Token = (usize, Result<String, String>);

/// Splits the source into text and action tokens, applying trim markers.
fn tokenize(src: &str) -> Result<Vec<Token>, TemplateError> {
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

enum Stop {
    End,
    Else(Option<(String, usize)>),
    Eof,
}

fn parse_nodes(
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

impl Template {
    pub fn parse(src: &str) -> Result<Template, TemplateError> {
        let mut tokens = tokenize(src)?.into_iter().peekable();
        match parse_nodes(&mut tokens)? {
            (nodes, Stop::Eof) => Ok(Template { nodes }),
            (_, Stop::End) => Err(TemplateError::Parse {
                pos: src.len(),
                message: "unexpected {{end}}".into(),
            }),
            (_, Stop::Else(_)) => Err(TemplateError::Parse {
                pos: src.len(),
                message: "unexpected {{else}}".into(),
            }),
        }
    }

    pub fn render(&self, data: &Value) -> Result<String, TemplateError> {
        let mut out = String::new();
        let mut scope = Scope {
            vars: vec![(String::new(), data.clone())],
        };
        exec(&self.nodes, data, &mut scope, &mut out)?;
        Ok(out)
    }

    /// The field names the template prints at the top level (`{{.ID}}` → "ID"), in order:
    /// what a `table` format uses for its header.
    pub fn top_fields(&self) -> Vec<String> {
        self.nodes
            .iter()
            .filter_map(|n| match n {
                Node::Action(p) => p.cmds.first().and_then(|c| match c.first() {
                    Some(Arg::Dot(f)) if !f.is_empty() => Some(f.join(".")),
                    _ => None,
                }),
                _ => None,
            })
            .collect()
    }
}

struct Scope {
    vars: Vec<(String, Value)>,
}

impl Scope {
    fn get(&self, name: &str) -> Option<&Value> {
        self.vars
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v)
    }
}

fn exec_err(p: &Pipeline, message: impl Into<String>) -> TemplateError {
    TemplateError::Exec {
        action: format!("{{{{{}}}}}", p.text),
        message: message.into(),
    }
}

pub fn truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
    }
}

fn exec(
    nodes: &[Node],
    dot: &Value,
    scope: &mut Scope,
    out: &mut String,
) -> Result<(), TemplateError> {
    for node in nodes {
        match node {
            Node::Text(t) => out.push_str(t),
            Node::Action(p) => {
                let v = eval_pipeline(p, dot, scope)?;
                if p.decl.is_empty() {
                    out.push_str(&gofmt::print(&v));
                }
            }
            Node::If(branches, else_nodes) => {
                let mut done = false;
                for (cond, body) in branches {
                    if truthy(&eval_pipeline(cond, dot, scope)?) {
                        exec(body, dot, scope, out)?;
                        done = true;
                        break;
                    }
                }
                if !done {
                    exec(else_nodes, dot, scope, out)?;
                }
            }
            Node::With(p, body, else_nodes) => {
                let v = eval_pipeline(p, dot, scope)?;
                if truthy(&v) {
                    exec(body, &v, scope, out)?;
                } else {
                    exec(else_nodes, dot, scope, out)?;
                }
            }
            Node::Range(p, body, else_nodes) => {
                let v = eval_pipeline(
                    &Pipeline {
                        decl: Vec::new(),
                        ..p.clone()
                    },
                    dot,
                    scope,
                )?;
                let items: Vec<(Value, Value)> = match &v {
                    Value::Array(a) => a
                        .iter()
                        .enumerate()
                        .map(|(i, x)| (Value::from(i), x.clone()))
                        .collect(),
                    Value::Object(o) => {
                        let mut keys: Vec<_> = o.keys().collect();
                        keys.sort();
                        keys.into_iter()
                            .map(|k| (Value::from(k.clone()), o[k].clone()))
                            .collect()
                    }
                    Value::Null => Vec::new(),
                    other => {
                        return Err(exec_err(
                            p,
                            format!("range can't iterate over {}", gofmt::print(other)),
                        ));
                    }
                };
                if items.is_empty() {
                    exec(else_nodes, dot, scope, out)?;
                }
                for (key, item) in items {
                    let depth = scope.vars.len();
                    match p.decl.as_slice() {
                        [] => {}
                        [v] => scope.vars.push((v.clone(), item.clone())),
                        [k, v, ..] => {
                            scope.vars.push((k.clone(), key));
                            scope.vars.push((v.clone(), item.clone()));
                        }
                    }
                    exec(body, &item, scope, out)?;
                    scope.vars.truncate(depth);
                }
            }
        }
    }
    Ok(())
}

fn field(p: &Pipeline, v: &Value, chain: &[String]) -> Result<Value, TemplateError> {
    let mut cur = v.clone();
    for f in chain {
        cur = match &cur {
            Value::Object(o) => match o.get(f) {
                Some(x) => x.clone(),
                None => return Err(exec_err(p, format!("can't evaluate field {f}"))),
            },
            Value::Null => Value::Null,
            other => {
                return Err(exec_err(
                    p,
                    format!(
                        "can't evaluate field {f} in type {}",
                        gofmt::type_name(other)
                    ),
                ));
            }
        };
    }
    Ok(cur)
}

fn eval_arg(p: &Pipeline, a: &Arg, dot: &Value, scope: &mut Scope) -> Result<Value, TemplateError> {
    Ok(match a {
        Arg::Dot(chain) => field(p, dot, chain)?,
        Arg::Var(name, chain) => {
            let v = scope
                .get(name)
                .ok_or_else(|| exec_err(p, format!("undefined variable ${name}")))?;
            field(p, v, chain)?
        }
        Arg::Str(s) => Value::String(s.clone()),
        Arg::Num(n) => serde_json::Number::from_f64(*n).map_or(Value::Null, |num| {
            if n.fract() == 0.0 && n.abs() < 9.0e15 {
                Value::from(*n as i64)
            } else {
                Value::Number(num)
            }
        }),
        Arg::Bool(b) => Value::Bool(*b),
        Arg::Nil => Value::Null,
        Arg::Func(name) => funcs::call(name, Vec::new()).map_err(|m| exec_err(p, m))?,
        Arg::Sub(inner, chain) => field(p, &eval_pipeline(inner, dot, scope)?, chain)?,
    })
}

fn eval_pipeline(p: &Pipeline, dot: &Value, scope: &mut Scope) -> Result<Value, TemplateError> {
    let mut prev: Option<Value> = None;
    for cmd in &p.cmds {
        let v = match &cmd[0] {
            Arg::Func(name) => {
                let mut args = Vec::with_capacity(cmd.len());
                for a in &cmd[1..] {
                    args.push(eval_arg(p, a, dot, scope)?);
                }
                args.extend(prev.take());
                funcs::call(name, args).map_err(|m| exec_err(p, m))?
            }
            first => {
                if cmd.len() > 1 || prev.is_some() {
                    return Err(exec_err(p, "can't give arguments to a non-function"));
                }
                eval_arg(p, first, dot, scope)?
            }
        };
        prev = Some(v);
    }
    let v = prev.unwrap_or(Value::Null);
    for name in &p.decl {
        scope.vars.push((name.clone(), v.clone()));
    }
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn render(t: &str, v: Value) -> String {
        Template::parse(t).unwrap().render(&v).unwrap()
    }

    #[test]
    fn fields_and_go_printing() {
        let v = json!({"A": {"B": "x"}, "N": 3, "F": 1.5, "Big": 1000000.5, "L": ["a", "b"], "M": {"z": 1, "a": 2}, "Nil": null, "T": true});
        assert_eq!(
            render("{{.A.B}} {{.N}} {{.F}} {{.T}}", v.clone()),
            "x 3 1.5 true"
        );
        assert_eq!(
            render("{{.L}} {{.M}} {{.Nil}}", v.clone()),
            "[a b] map[a:2 z:1] <no value>"
        );
        assert_eq!(render("{{json .A}}", v.clone()), r#"{"B":"x"}"#);
        assert_eq!(render("{{.A | json}}", v.clone()), r#"{"B":"x"}"#);
        assert_eq!(render("{{.Big}}", v.clone()), "1.0000005e+06");
        let err = Template::parse("{{.Missing}}")
            .unwrap()
            .render(&v)
            .unwrap_err()
            .to_string();
        assert!(err.contains("can't evaluate field Missing"), "{err}");
    }

    #[test]
    fn control_flow_and_variables() {
        let v = json!({"L": [1, 2, 3], "M": {"b": "2", "a": "1"}, "S": "running", "E": []});
        assert_eq!(render("{{range .L}}<{{.}}>{{end}}", v.clone()), "<1><2><3>");
        assert_eq!(
            render("{{range $i, $x := .L}}{{$i}}={{$x}} {{end}}", v.clone()),
            "0=1 1=2 2=3 "
        );
        assert_eq!(
            render("{{range $k, $v := .M}}{{$k}}:{{$v}},{{end}}", v.clone()),
            "a:1,b:2,"
        );
        assert_eq!(
            render("{{range .E}}x{{else}}empty{{end}}", v.clone()),
            "empty"
        );
        assert_eq!(
            render(
                r#"{{if eq .S "exited"}}E{{else if eq .S "running"}}R{{else}}?{{end}}"#,
                v.clone()
            ),
            "R"
        );
        assert_eq!(
            render(
                "{{with .M}}{{.a}}{{end}}{{with .E}}no{{else}}none{{end}}",
                v.clone()
            ),
            "1none"
        );
        assert_eq!(
            render("{{$s := .S}}{{$s}}/{{$.S}}", v.clone()),
            "running/running"
        );
        assert_eq!(render("a  {{- .S -}}  b", v.clone()), "arunningb");
        assert_eq!(render("{{/* comment */}}ok", v), "ok");
    }

    #[test]
    fn functions() {
        let v = json!({"Labels": {"com.x": "y"}, "L": ["a", "b"], "N": 5, "S": "Hello world"});
        assert_eq!(render(r#"{{index .Labels "com.x"}}"#, v.clone()), "y");
        assert_eq!(
            render(r#"{{index .L 1}} {{len .L}} {{join .L ","}}"#, v.clone()),
            "b 2 a,b"
        );
        assert_eq!(
            render(r#"{{upper .S}} {{lower .S}} {{title "a b"}}"#, v.clone()),
            "HELLO WORLD hello world A B"
        );
        assert_eq!(
            render(
                r#"{{truncate .S 5}}|{{printf "%-6s|%3d|%q" "ab" .N "x"}}"#,
                v.clone()
            ),
            r#"Hello|ab    |  5|"x""#
        );
        assert_eq!(
            render(
                r#"{{if and (gt .N 3) (lt .N 9)}}in{{end}}{{if not .Missing}}{{end}}"#,
                json!({"N": 5, "Missing": null})
            ),
            "in"
        );
        assert_eq!(
            render(r#"{{split "a:b" ":"}}{{println "x" 1}}"#, v),
            "[a b]x 1\n"
        );
    }

    #[test]
    fn parse_errors_say_where() {
        for bad in [
            "{{.A",
            "{{if .A}}x",
            "{{end}}",
            "{{.A | }}",
            r#"{{"open}}"#,
            "{{)}}",
        ] {
            assert!(Template::parse(bad).is_err(), "{bad}");
        }
        assert!(
            Template::parse("{{nosuch .A}}")
                .unwrap()
                .render(&json!({"A": 1}))
                .is_err()
        );
    }

    #[test]
    fn table_fields() {
        let t = Template::parse("{{.ID}}\t{{.Names}}").unwrap();
        assert_eq!(t.top_fields(), ["ID", "Names"]);
    }
}
