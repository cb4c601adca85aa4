//! How Go's fmt prints values, so that templates print what docker's would: integers without
//! a decimal point, floats in Go's shortest form, lists as `[a b]`, maps as `map[k:v]`.

use serde_json::Value;

/// Go's `%v` of a float64: shortest digits, exponent form from 1e21 down to 1e-4 excluded.
pub fn float(f: f64) -> String {
    if f.is_nan() {
        return "NaN".into();
    }
    if f.is_infinite() {
        return if f > 0.0 {
            "+Inf".into()
        } else {
            "-Inf".into()
        };
    }
    if f == 0.0 {
        return "0".into();
    }
    let sci = format!("{f:e}");
    let (mantissa, exp) = sci.split_once('e').expect("{:e} has an exponent");
    let exp: i32 = exp.parse().expect("{:e} exponent is a number");
    if !(-4..6).contains(&exp) {
        let sign = if exp < 0 { '-' } else { '+' };
        return format!("{mantissa}e{sign}{:02}", exp.abs());
    }
    let s = format!("{f}");
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

pub fn print(v: &Value) -> String {
    match v {
        Value::Null => "<no value>".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => i.to_string(),
            (_, Some(u)) => u.to_string(),
            _ => float(n.as_f64().unwrap_or(0.0)),
        },
        Value::String(s) => s.clone(),
        Value::Array(a) => format!("[{}]", a.iter().map(nested).collect::<Vec<_>>().join(" ")),
        Value::Object(o) => {
            let mut keys: Vec<&String> = o.keys().collect();
            keys.sort();
            let items: Vec<String> = keys
                .iter()
                .map(|k| format!("{k}:{}", nested(&o[*k])))
                .collect();
            format!("map[{}]", items.join(" "))
        }
    }
}

/// Inside a list or map Go prints a nil interface as `<nil>`.
fn nested(v: &Value) -> String {
    match v {
        Value::Null => "<nil>".into(),
        other => print(other),
    }
}

pub fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "<nil>",
        Value::Bool(_) => "bool",
        Value::Number(_) => "float64",
        Value::String(_) => "string",
        Value::Array(_) => "[]interface {}",
        Value::Object(_) => "map[string]interface {}",
    }
}

pub fn equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        _ => a == b,
    }
}

/// Go's fmt.Sprint: operands printed back to back, with a space between two non-strings.
pub fn sprint(args: &[Value]) -> String {
    let mut out = String::new();
    for (i, a) in args.iter().enumerate() {
        if i > 0 && !a.is_string() && !args[i - 1].is_string() {
            out.push(' ');
        }
        out.push_str(&print(a));
    }
    out
}

fn pad(s: String, width: Option<usize>, left: bool, zero: bool) -> String {
    let Some(w) = width else { return s };
    let len = s.chars().count();
    if len >= w {
        return s;
    }
    let fill = w - len;
    if left {
        s + &" ".repeat(fill)
    } else if zero {
        match s.strip_prefix('-') {
            Some(rest) => format!("-{}{rest}", "0".repeat(fill)),
            None => "0".repeat(fill) + &s,
        }
    } else {
        " ".repeat(fill) + &s
    }
}

/// Go's fmt.Sprintf for the verbs templates use: %s %v %d %q %t %f %x %X %%.
pub fn sprintf(format: &str, args: &[Value]) -> String {
    let mut out = String::new();
    let mut chars = format.chars().peekable();
    let mut next = args.iter();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let (mut left, mut zero, mut plus) = (false, false, false);
        while let Some(&f) = chars.peek() {
            match f {
                '-' => left = true,
                '0' => zero = true,
                '+' => plus = true,
                ' ' | '#' => {}
                _ => break,
            }
            chars.next();
        }
        let mut width = String::new();
        while let Some(&d) = chars.peek().filter(|d| d.is_ascii_digit()) {
            width.push(d);
            chars.next();
        }
        let mut precision = None;
        if chars.peek() == Some(&'.') {
            chars.next();
            let mut p = String::new();
            while let Some(&d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                p.push(d);
                chars.next();
            }
            precision = Some(p.parse().unwrap_or(0));
        }
        let width = width.parse().ok();
        let Some(verb) = chars.next() else {
            out.push_str("%!(NOVERB)");
            break;
        };
        if verb == '%' {
            out.push('%');
            continue;
        }
        let Some(arg) = next.next() else {
            out.push_str(&format!("%!{verb}(MISSING)"));
            continue;
        };
        let number = arg.as_f64();
        let text = match verb {
            's' | 'v' => {
                let s = print(arg);
                match precision {
                    Some(p) if verb == 's' => s.chars().take(p).collect(),
                    _ => s,
                }
            }
            'd' => match (arg.as_i64(), number) {
                (Some(i), _) => {
                    if plus && i >= 0 {
                        format!("+{i}")
                    } else {
                        i.to_string()
                    }
                }
                (None, Some(f)) => format!("%!d(float64={})", float(f)),
                _ => format!("%!d({}={})", type_name(arg), print(arg)),
            },
            'f' => match number {
                Some(f) => format!("{f:.*}", precision.unwrap_or(6)),
                None => format!("%!f({}={})", type_name(arg), print(arg)),
            },
            'q' => format!("{:?}", print(arg)),
            't' => match arg {
                Value::Bool(b) => b.to_string(),
                other => format!("%!t({}={})", type_name(other), print(other)),
            },
            'x' | 'X' => {
                let hex = match arg.as_i64() {
                    Some(i) => format!("{i:x}"),
                    None => print(arg).bytes().map(|b| format!("{b:02x}")).collect(),
                };
                if verb == 'X' { hex.to_uppercase() } else { hex }
            }
            other => format!("%!{other}({}={})", type_name(arg), print(arg)),
        };
        out.push_str(&pad(text, width, left, zero && !left));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn floats_print_like_go() {
        assert_eq!(float(1.5), "1.5");
        assert_eq!(float(123456.0), "123456");
        assert_eq!(float(1e6), "1e+06");
        assert_eq!(float(0.0001), "0.0001");
        assert_eq!(float(0.00001), "1e-05");
        assert_eq!(float(-2.25), "-2.25");
    }

    #[test]
    fn sprintf_verbs_and_widths() {
        assert_eq!(
            sprintf(
                "%s|%5s|%-5s|%d|%03d|%.2f|%q|%t|%x|%%",
                &[
                    json!("a"),
                    json!("b"),
                    json!("c"),
                    json!(7),
                    json!(7),
                    json!(1.005),
                    json!("q"),
                    json!(true),
                    json!(255)
                ]
            ),
            r#"a|    b|c    |7|007|1.00|"q"|true|ff|%"#
        );
        assert_eq!(sprintf("%s %s", &[json!(1)]), "1 %!s(MISSING)");
        assert_eq!(sprint(&[json!(1), json!(2), json!("a"), json!(3)]), "1 2a3");
    }
}
