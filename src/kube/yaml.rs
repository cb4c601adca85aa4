//! YAML for Kubernetes. serde_yaml_ng writes YAML 1.2, where `yes`, `on` or `1_000` are
//! plain strings; Kubernetes reads YAML 1.1 (as do PyYAML and kubectl), where they are a bool
//! and a number. Such scalars are quoted here so that every string stays a string.

use serde::Serialize;

pub fn to_string<T: Serialize>(value: &T) -> Result<String, serde_yaml_ng::Error> {
    let text = serde_yaml_ng::to_string(value)?;
    let mut out = String::new();
    // The indentation of the line that opened a block scalar (`key: |-`): its text, the
    // lines indented deeper, is content and stays as it is.
    let mut block: Option<usize> = None;
    for line in text.lines() {
        let indent = line.len() - line.trim_start().len();
        if block.is_some_and(|parent| indent > parent || line.trim().is_empty()) {
            out.push_str(line);
        } else {
            block = opens_block(line).then_some(indent);
            out.push_str(&quote_line(line));
        }
        out.push('\n');
    }
    Ok(out)
}

/// `key: |-`, `- |`, `key: >+` …: a block scalar's header.
fn opens_block(line: &str) -> bool {
    let last = line.trim_end().rsplit([' ', '\t']).next().unwrap_or("");
    let indicator = last
        .trim_end_matches(['-', '+'])
        .trim_end_matches(char::is_numeric);
    (indicator == "|" || indicator == ">") && line.trim_start() != last
}

/// Quotes the plain scalar a block-style line holds (`key: value`, `- value`, or a `key:`).
fn quote_line(line: &str) -> String {
    let body = line.trim_start();
    let indent = &line[..line.len() - body.len()];
    let (dash, rest) = match body.strip_prefix("- ") {
        Some(rest) => ("- ", rest),
        None => ("", body),
    };
    let quoted = match rest.split_once(": ") {
        Some((key, value)) => format!("{}: {}", quote(key), quote(value)),
        None => match rest.strip_suffix(':') {
            Some(key) => format!("{}:", quote(key)),
            None => quote(rest),
        },
    };
    format!("{indent}{dash}{quoted}")
}

fn quote(scalar: &str) -> String {
    if is_yaml11_only(scalar) {
        format!("'{scalar}'")
    } else {
        scalar.to_string()
    }
}

/// A plain scalar that YAML 1.1 reads as a bool or a number while YAML 1.2 reads a string.
fn is_yaml11_only(s: &str) -> bool {
    // true and false (any case) are YAML 1.2 bools too: serde_yaml_ng quotes those strings,
    // and a real bool must stay plain.
    const BOOLS: [&str; 6] = ["y", "yes", "n", "no", "on", "off"];
    let lower = s.to_ascii_lowercase();
    let is_bool_word = BOOLS.contains(&lower.as_str())
        && (s == lower || s == s.to_ascii_uppercase() || s[1..] == lower[1..]);
    let digits = s.strip_prefix(['-', '+']).unwrap_or(s);
    let underscored = digits.contains('_')
        && digits.starts_with(|c: char| c.is_ascii_digit())
        && digits
            .chars()
            .all(|c| c.is_ascii_digit() || c == '_' || c == '.');
    let sexagesimal = digits.contains(':')
        && digits.starts_with(|c: char| c.is_ascii_digit())
        && digits.split(':').all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_digit() || c == '_' || c == '.')
        });
    !s.starts_with(['\'', '"']) && (is_bool_word || underscored || sexagesimal)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_1_1_bools_and_numbers_stay_strings() {
        #[derive(Serialize)]
        struct T {
            labels: std::collections::BTreeMap<String, String>,
            args: Vec<String>,
            flag: bool,
        }
        let t = T {
            labels: [
                ("on", "yes"),
                ("a", "Off"),
                ("b", "1_000"),
                ("c", "1:20"),
                ("d", "web"),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
            args: vec!["y".into(), "true".into(), "-p".into(), "80".into()],
            flag: true,
        };
        let text = to_string(&t).unwrap();
        assert_eq!(
            text,
            "labels:\n  a: 'Off'\n  b: '1_000'\n  c: '1:20'\n  d: web\n  'on': 'yes'\nargs:\n- 'y'\n- 'true'\n- -p\n- '80'\nflag: true\n"
        );
    }

    #[test]
    fn block_scalars_keep_their_text() {
        let env = vec![("SCRIPT".to_string(), "on\nyes\n- off".to_string())];
        let text = to_string(
            &env.into_iter()
                .collect::<std::collections::BTreeMap<_, _>>(),
        )
        .unwrap();
        let back: std::collections::BTreeMap<String, String> =
            serde_yaml_ng::from_str(&text).unwrap();
        assert_eq!(back["SCRIPT"], "on\nyes\n- off", "{text}");
        assert!(text.contains("\n  on\n  yes\n"), "{text}");
    }

    #[test]
    fn plain_words_are_left_alone() {
        for s in [
            "web",
            "yesterday",
            "nO-such",
            "http://x:80",
            "10.0.0.1",
            "-f",
            "key:",
        ] {
            assert!(!is_yaml11_only(s), "{s}");
        }
    }
}
