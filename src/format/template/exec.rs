//! Running parsed nodes over a JSON value: fields, variables, pipelines, control flow.

use serde_json::Value;

use super::super::{funcs, gofmt};
use super::{Arg, Node, Pipeline, TemplateError, truthy};

pub(super) struct Scope {
    pub(super) vars: Vec<(String, Value)>,
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

pub(super) fn exec(
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
