//! Names as Kubernetes accepts them: RFC 1123 labels for objects, volumes and ports, and its
//! rules for label keys and values.

/// A name of lowercase letters, digits and '-', starting and ending alphanumeric, at most
/// `max` characters: `my_app.v2` becomes `my-app-v2`.
pub fn dns_label(text: &str, max: usize) -> String {
    let mapped: String = text
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let mut out = String::new();
    for c in mapped.chars() {
        if c == '-' && (out.is_empty() || out.ends_with('-')) {
            continue;
        }
        out.push(c);
    }
    out.truncate(max);
    let trimmed = out.trim_end_matches('-').to_string();
    if trimmed.is_empty() {
        "x".into()
    } else {
        trimmed
    }
}

/// Whether `key: value` is a valid Kubernetes label; others go to annotations.
pub fn is_label(key: &str, value: &str) -> bool {
    let (prefix, name) = match key.rsplit_once('/') {
        Some((p, n)) => (Some(p), n),
        None => (None, key),
    };
    prefix.is_none_or(|p| p.len() <= 253 && p.split('.').all(|l| is_label_segment(l, 63)))
        && is_name_segment(name)
        && (value.is_empty() || is_name_segment(value))
}

/// A DNS label inside a prefix: lowercase alphanumerics and '-'.
fn is_label_segment(s: &str, max: usize) -> bool {
    !s.is_empty()
        && s.len() <= max
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

/// A label name or value: 63 characters, alphanumerics with '-', '_' or '.' inside.
fn is_name_segment(s: &str) -> bool {
    let alnum = |c: char| c.is_ascii_alphanumeric();
    !s.is_empty()
        && s.len() <= 63
        && s.chars().all(|c| alnum(c) || "-_.".contains(c))
        && s.starts_with(alnum)
        && s.ends_with(alnum)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_become_rfc1123_labels() {
        assert_eq!(dns_label("my_App.v2", 63), "my-app-v2");
        assert_eq!(dns_label("/srv/data/", 63), "srv-data");
        assert_eq!(dns_label("___", 63), "x");
        assert_eq!(dns_label(&"a".repeat(80), 63).len(), 63);
        assert_eq!(dns_label("ab-cd", 3), "ab");
    }

    #[test]
    fn labels_follow_kubernetes_rules() {
        assert!(is_label("app", "web"));
        assert!(is_label("example.com/tier", "front_end.1"));
        assert!(is_label("app", ""));
        assert!(!is_label("app", "has space"));
        assert!(!is_label("Example.com/x", "y"));
        assert!(!is_label("app", &"v".repeat(64)));
        assert!(!is_label("-app", "x"));
    }
}
