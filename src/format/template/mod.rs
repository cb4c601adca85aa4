//! The subset of Go's text/template that docker and podman scripts use with `--format`,
//! evaluated over JSON values: fields, variables, pipelines, if/else, range, with, and the
//! functions json, index, len, join, split, upper, lower, title, truncate, printf, print,
//! println, eq, ne, lt, le, gt, ge, and, or, not.

use serde_json::Value;

mod exec;
mod parse;
#[cfg(test)]
mod tests;

use exec::{Scope, exec};
use parse::{Stop, parse_nodes, tokenize};

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

/// Go's truth: false, 0, nil and empty values are false.
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
