//! Kubernetes' spellings turned into `run`'s: resource quantities and restart policies.

use serde_yaml_ng::Value;

/// A quantity (`128Mi`, `1G`, `500m`, `2`, `1e3`) as a number of units.
pub fn quantity(value: &Value) -> Result<f64, String> {
    let text = match value {
        Value::String(s) => s.trim().to_string(),
        Value::Number(n) => n.to_string(),
        other => return Err(format!("{other:?} is not a quantity")),
    };
    let bad = || format!("{text:?} is not a quantity (such as 128Mi, 1G, 500m or 2)");
    let split = text
        .find(|c: char| c.is_ascii_alphabetic() && c != 'e' && c != 'E')
        .unwrap_or(text.len());
    let (number, suffix) = text.split_at(split);
    let number: f64 = number.parse().map_err(|_| bad())?;
    let scale = match suffix {
        "" => 1.0,
        "m" => 1e-3,
        "k" => 1e3,
        "M" => 1e6,
        "G" => 1e9,
        "T" => 1e12,
        "P" => 1e15,
        "E" => 1e18,
        "Ki" => 1024.0,
        "Mi" => 1024f64.powi(2),
        "Gi" => 1024f64.powi(3),
        "Ti" => 1024f64.powi(4),
        "Pi" => 1024f64.powi(5),
        "Ei" => 1024f64.powi(6),
        _ => return Err(bad()),
    };
    if number < 0.0 || !number.is_finite() {
        return Err(bad());
    }
    Ok(number * scale)
}

/// A memory quantity as `--memory` takes it: bytes.
pub fn memory(value: &Value) -> Result<String, String> {
    Ok(format!("{}", quantity(value)?.ceil() as u64))
}

/// A cpu quantity as `--cpus` takes it: cores.
pub fn cpus(value: &Value) -> Result<String, String> {
    Ok(format!("{}", quantity(value)?))
}

/// A pod's `restartPolicy` as `--restart`.
pub fn restart(policy: &str) -> Result<&'static str, String> {
    match policy {
        "Always" => Ok("always"),
        "OnFailure" => Ok("on-failure"),
        "Never" => Ok("no"),
        other => Err(format!("{other:?}: expected Always, OnFailure or Never")),
    }
}

/// An `imagePullPolicy` as `--pull`.
pub fn pull(policy: &str) -> Result<&'static str, String> {
    match policy {
        "Always" => Ok("always"),
        "IfNotPresent" => Ok("missing"),
        "Never" => Ok("never"),
        other => Err(format!("{other:?}: expected Always, IfNotPresent or Never")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(text: &str) -> Value {
        Value::String(text.into())
    }

    #[test]
    fn quantities_read_as_kubernetes_writes_them() {
        assert_eq!(memory(&s("128Mi")).unwrap(), "134217728");
        assert_eq!(memory(&s("1G")).unwrap(), "1000000000");
        assert_eq!(
            memory(&serde_yaml_ng::from_str("1048576").unwrap()).unwrap(),
            "1048576"
        );
        assert_eq!(cpus(&s("500m")).unwrap(), "0.5");
        assert_eq!(cpus(&serde_yaml_ng::from_str("2").unwrap()).unwrap(), "2");
        assert_eq!(cpus(&s("1.5")).unwrap(), "1.5");
        assert!(memory(&s("12 apples")).is_err());
        assert!(memory(&s("-1Mi")).is_err());
    }

    #[test]
    fn policies_map_to_run_flags() {
        assert_eq!(restart("OnFailure").unwrap(), "on-failure");
        assert_eq!(restart("Never").unwrap(), "no");
        assert!(restart("Sometimes").is_err());
        assert_eq!(pull("IfNotPresent").unwrap(), "missing");
    }
}
