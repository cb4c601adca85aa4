//! The functions templates may call: docker's and Go's built-ins that `--format` uses.

use serde_json::Value;

use super::gofmt;
use super::template::truthy;

fn compare(a: &Value, b: &Value) -> Result<std::cmp::Ordering, String> {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => Ok(x
            .as_f64()
            .partial_cmp(&y.as_f64())
            .unwrap_or(std::cmp::Ordering::Equal)),
        (Value::String(x), Value::String(y)) => Ok(x.cmp(y)),
        _ => Err("incompatible types for comparison".to_string()),
    }
}

/// Calls the template function `name`; the error says what went wrong.
pub fn call(name: &str, args: Vec<Value>) -> Result<Value, String> {
    match name {
        "json" | "len" | "index" => values(name, &args),
        "join" | "split" | "upper" | "lower" | "title" | "truncate" => strings(name, &args),
        "printf" | "print" | "println" => printing(name, &args),
        "eq" | "ne" | "lt" | "le" | "gt" | "ge" => comparisons(name, &args),
        "and" | "or" | "not" => logic(name, &args),
        other => Err(format!("function {other:?} not defined")),
    }
}

fn want(name: &str, args: &[Value], n: usize) -> Result<(), String> {
    if args.len() == n {
        Ok(())
    } else {
        Err(format!(
            "wrong number of args for {name}: want {n} got {}",
            args.len()
        ))
    }
}

fn text(v: &Value) -> String {
    gofmt::print(v)
}

/// json, len, index.
fn values(name: &str, args: &[Value]) -> Result<Value, String> {
    Ok(match name {
        "json" => {
            want(name, args, 1)?;
            Value::String(serde_json::to_string(&args[0]).unwrap_or_default())
        }
        "len" => {
            want(name, args, 1)?;
            Value::from(match &args[0] {
                Value::Array(a) => a.len(),
                Value::Object(o) => o.len(),
                Value::String(s) => s.len(),
                Value::Null => 0,
                other => return Err(format!("len of {}", gofmt::type_name(other))),
            })
        }
        _ => index(args)?,
    })
}

fn index(args: &[Value]) -> Result<Value, String> {
    let (first, keys) = args
        .split_first()
        .ok_or_else(|| "index needs a value".to_string())?;
    let mut cur = first.clone();
    for k in keys {
        cur = match (&cur, k) {
            (Value::Object(o), Value::String(s)) => o.get(s).cloned().unwrap_or(Value::Null),
            (Value::Array(a), Value::Number(n)) => a
                .get(n.as_u64().unwrap_or(u64::MAX) as usize)
                .cloned()
                .ok_or_else(|| format!("index out of range: {n}"))?,
            (Value::Null, _) => Value::Null,
            _ => return Err("cannot index that value with that key".to_string()),
        };
    }
    Ok(cur)
}

/// join, split, upper, lower, title, truncate.
fn strings(name: &str, args: &[Value]) -> Result<Value, String> {
    let two = matches!(name, "join" | "split" | "truncate");
    want(name, args, if two { 2 } else { 1 })?;
    let subject = text(&args[0]);
    Ok(match name {
        "join" => {
            let items: Vec<String> = match &args[0] {
                Value::Array(a) => a.iter().map(text).collect(),
                Value::Null => Vec::new(),
                other => vec![text(other)],
            };
            Value::String(items.join(&text(&args[1])))
        }
        "split" => Value::Array(
            subject
                .split(&text(&args[1]))
                .map(|s| Value::String(s.to_string()))
                .collect(),
        ),
        "upper" => Value::String(subject.to_uppercase()),
        "lower" => Value::String(subject.to_lowercase()),
        "title" => Value::String(
            subject
                .split(' ')
                .map(|w| {
                    let mut c = w.chars();
                    c.next()
                        .map(|f| f.to_uppercase().chain(c).collect())
                        .unwrap_or_default()
                })
                .collect::<Vec<String>>()
                .join(" "),
        ),
        _ => {
            let n = args[1]
                .as_u64()
                .ok_or_else(|| "truncate needs a length".to_string())? as usize;
            Value::String(subject.chars().take(n).collect())
        }
    })
}

/// printf, print, println.
fn printing(name: &str, args: &[Value]) -> Result<Value, String> {
    Ok(Value::String(match name {
        "printf" => {
            let (format, rest) = args
                .split_first()
                .ok_or_else(|| "printf needs a format".to_string())?;
            gofmt::sprintf(&text(format), rest)
        }
        "print" => gofmt::sprint(args),
        _ => args.iter().map(text).collect::<Vec<_>>().join(" ") + "\n",
    }))
}

/// eq, ne, lt, le, gt, ge.
fn comparisons(name: &str, args: &[Value]) -> Result<Value, String> {
    if name == "eq" {
        let (first, rest) = args
            .split_first()
            .ok_or_else(|| "eq needs arguments".to_string())?;
        return Ok(Value::Bool(rest.iter().any(|r| gofmt::equal(first, r))));
    }
    want(name, args, 2)?;
    if name == "ne" {
        return Ok(Value::Bool(!gofmt::equal(&args[0], &args[1])));
    }
    let ord = compare(&args[0], &args[1])?;
    Ok(Value::Bool(match name {
        "lt" => ord.is_lt(),
        "le" => ord.is_le(),
        "gt" => ord.is_gt(),
        _ => ord.is_ge(),
    }))
}

/// and, or (Go's: the first deciding argument, else the last), not.
fn logic(name: &str, args: &[Value]) -> Result<Value, String> {
    let deciding = |wanted: bool| {
        args.iter()
            .find(|a| truthy(a) == wanted)
            .or(args.last())
            .cloned()
            .unwrap_or(Value::Null)
    };
    Ok(match name {
        "and" => deciding(false),
        "or" => deciding(true),
        _ => {
            want(name, args, 1)?;
            Value::Bool(!truthy(&args[0]))
        }
    })
}
