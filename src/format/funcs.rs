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
    let want = |n: usize| {
        if args.len() == n {
            Ok(())
        } else {
            Err(format!(
                "wrong number of args for {name}: want {n} got {}",
                args.len()
            ))
        }
    };
    let text = |v: &Value| gofmt::print(v);
    Ok(match name {
        "json" => {
            want(1)?;
            Value::String(serde_json::to_string(&args[0]).unwrap_or_default())
        }
        "len" => {
            want(1)?;
            Value::from(match &args[0] {
                Value::Array(a) => a.len(),
                Value::Object(o) => o.len(),
                Value::String(s) => s.len(),
                Value::Null => 0,
                other => return Err(format!("len of {}", gofmt::type_name(other))),
            })
        }
        "index" => {
            let (first, keys) = args
                .split_first()
                .ok_or_else(|| "index needs a value".to_string())?;
            let mut cur = first.clone();
            for k in keys {
                cur = match (&cur, k) {
                    (Value::Object(o), Value::String(s)) => {
                        o.get(s).cloned().unwrap_or(Value::Null)
                    }
                    (Value::Array(a), Value::Number(n)) => a
                        .get(n.as_u64().unwrap_or(u64::MAX) as usize)
                        .cloned()
                        .ok_or_else(|| format!("index out of range: {n}"))?,
                    (Value::Null, _) => Value::Null,
                    _ => return Err("cannot index that value with that key".to_string()),
                };
            }
            cur
        }
        "join" => {
            want(2)?;
            let items: Vec<String> = match &args[0] {
                Value::Array(a) => a.iter().map(text).collect(),
                Value::Null => Vec::new(),
                other => vec![text(other)],
            };
            Value::String(items.join(&text(&args[1])))
        }
        "split" => {
            want(2)?;
            Value::Array(
                text(&args[0])
                    .split(&text(&args[1]))
                    .map(|s| Value::String(s.to_string()))
                    .collect(),
            )
        }
        "upper" => {
            want(1)?;
            Value::String(text(&args[0]).to_uppercase())
        }
        "lower" => {
            want(1)?;
            Value::String(text(&args[0]).to_lowercase())
        }
        "title" => {
            want(1)?;
            Value::String(
                text(&args[0])
                    .split(' ')
                    .map(|w| {
                        let mut c = w.chars();
                        c.next()
                            .map(|f| f.to_uppercase().chain(c).collect())
                            .unwrap_or_default()
                    })
                    .collect::<Vec<String>>()
                    .join(" "),
            )
        }
        "truncate" => {
            want(2)?;
            let n = args[1]
                .as_u64()
                .ok_or_else(|| "truncate needs a length".to_string())? as usize;
            Value::String(text(&args[0]).chars().take(n).collect())
        }
        "printf" => {
            let (format, rest) = args
                .split_first()
                .ok_or_else(|| "printf needs a format".to_string())?;
            Value::String(gofmt::sprintf(&text(format), rest))
        }
        "print" => Value::String(gofmt::sprint(&args)),
        "println" => Value::String(args.iter().map(text).collect::<Vec<_>>().join(" ") + "\n"),
        "eq" => {
            let (first, rest) = args
                .split_first()
                .ok_or_else(|| "eq needs arguments".to_string())?;
            Value::Bool(rest.iter().any(|r| gofmt::equal(first, r)))
        }
        "ne" => {
            want(2)?;
            Value::Bool(!gofmt::equal(&args[0], &args[1]))
        }
        "lt" | "le" | "gt" | "ge" => {
            want(2)?;
            let ord = compare(&args[0], &args[1])?;
            Value::Bool(match name {
                "lt" => ord.is_lt(),
                "le" => ord.is_le(),
                "gt" => ord.is_gt(),
                _ => ord.is_ge(),
            })
        }
        "and" => args
            .iter()
            .find(|a| !truthy(a))
            .or(args.last())
            .cloned()
            .unwrap_or(Value::Null),
        "or" => args
            .iter()
            .find(|a| truthy(a))
            .or(args.last())
            .cloned()
            .unwrap_or(Value::Null),
        "not" => {
            want(1)?;
            Value::Bool(!truthy(&args[0]))
        }
        other => return Err(format!("function {other:?} not defined")),
    })
}
