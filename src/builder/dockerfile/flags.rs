//! Builder flags (`--from=stage`, `--link`, `--mount=...`) checked against what each
//! instruction accepts, with docker's rules: a boolean flag may be bare or `=true`/`=false`,
//! a string flag needs `=value`, only list flags may repeat.

use super::error::ParseErrorKind;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Bool,
    Text,
    List,
}

#[derive(Debug, Default)]
pub(crate) struct Flags {
    values: Vec<(&'static str, String)>,
}

impl Flags {
    /// Checks `raw` (each word starting with `--`) against `accepted`.
    pub(crate) fn parse(
        instruction: &'static str,
        raw: &[String],
        accepted: &[(&'static str, Kind)],
    ) -> Result<Flags, ParseErrorKind> {
        let mut flags = Flags::default();
        for word in raw {
            let body = word.strip_prefix("--").unwrap_or(word);
            let (name, value) = match body.split_once('=') {
                Some((name, value)) => (name, Some(value)),
                None => (body, None),
            };
            let Some(&(name, kind)) = accepted.iter().find(|(known, _)| *known == name) else {
                return Err(ParseErrorKind::UnknownFlag {
                    instruction,
                    flag: name.to_string(),
                });
            };
            if kind != Kind::List && flags.values.iter().any(|(seen, _)| *seen == name) {
                return Err(ParseErrorKind::DuplicateFlag {
                    instruction,
                    flag: name,
                });
            }
            let value = match (kind, value) {
                (Kind::Bool, None) => "true".to_string(),
                (Kind::Bool, Some(v)) if v.eq_ignore_ascii_case("true") => "true".to_string(),
                (Kind::Bool, Some(v)) if v.eq_ignore_ascii_case("false") => "false".to_string(),
                (Kind::Bool, Some("")) | (_, None) => {
                    return Err(ParseErrorKind::MissingFlagValue {
                        instruction,
                        flag: name,
                    });
                }
                (Kind::Bool, Some(v)) => {
                    return Err(ParseErrorKind::NotBoolean {
                        instruction,
                        flag: name,
                        value: v.to_string(),
                    });
                }
                (_, Some(v)) => v.to_string(),
            };
            flags.values.push((name, value));
        }
        Ok(flags)
    }

    /// A string flag's value; `--flag=` (empty) counts as not given.
    pub(crate) fn text(&self, name: &str) -> Option<String> {
        self.values
            .iter()
            .find(|(seen, value)| *seen == name && !value.is_empty())
            .map(|(_, value)| value.clone())
    }

    pub(crate) fn bool(&self, name: &str) -> bool {
        self.values
            .iter()
            .any(|(seen, value)| *seen == name && value == "true")
    }

    pub(crate) fn list(&self, name: &str) -> Vec<String> {
        self.values
            .iter()
            .filter(|(seen, _)| *seen == name)
            .map(|(_, value)| value.clone())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const COPY: &[(&str, Kind)] = &[
        ("from", Kind::Text),
        ("link", Kind::Bool),
        ("exclude", Kind::List),
    ];

    fn parse(raw: &[&str]) -> Result<Flags, ParseErrorKind> {
        let raw: Vec<String> = raw.iter().map(|s| s.to_string()).collect();
        Flags::parse("COPY", &raw, COPY)
    }

    #[test]
    fn values_of_each_kind() {
        let flags = parse(&["--from=build", "--link", "--exclude=a", "--exclude=b"]).unwrap();
        assert_eq!(flags.text("from").as_deref(), Some("build"));
        assert!(flags.bool("link"));
        assert_eq!(flags.list("exclude"), ["a", "b"]);
        assert!(!parse(&["--link=FALSE"]).unwrap().bool("link"));
        assert_eq!(parse(&["--from="]).unwrap().text("from"), None);
    }

    #[test]
    fn errors() {
        assert_eq!(
            parse(&["--chmod=1"]).unwrap_err().to_string(),
            "COPY: unknown flag: --chmod"
        );
        assert_eq!(
            parse(&["--from=a", "--from=b"]).unwrap_err().to_string(),
            "COPY: duplicate flag specified: --from"
        );
        assert_eq!(
            parse(&["--from"]).unwrap_err().to_string(),
            "COPY: missing a value on flag: --from"
        );
        assert_eq!(
            parse(&["--link="]).unwrap_err().to_string(),
            "COPY: missing a value on flag: --link"
        );
        assert_eq!(
            parse(&["--link=maybe"]).unwrap_err().to_string(),
            "COPY: expecting boolean value for flag --link, not: maybe"
        );
    }
}
