//! The bearer-token scheme of the distribution spec (Docker Hub's): the registry's 401 names a
//! token service in its `WWW-Authenticate: Bearer realm="…",service="…"` challenge, and the
//! service answers `{"token": "…"}` (or `access_token`). Parsing only; registry.rs asks.

use std::collections::BTreeMap;

/// What a bearer challenge asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Challenge {
    pub realm: String,
    pub service: Option<String>,
}

/// The challenge in a `WWW-Authenticate` value, when it is a bearer one with a realm.
pub fn parse_challenge(header: &str) -> Option<Challenge> {
    let (scheme, rest) = header.trim().split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("bearer") {
        return None;
    }
    let mut params = BTreeMap::new();
    let mut rest = rest.trim_start();
    while !rest.is_empty() {
        let (key, after) = rest.split_once('=')?;
        let (value, after) = match after.strip_prefix('"') {
            // Quoted values may hold commas (a scope of "pull,push").
            Some(quoted) => {
                let end = quoted.find('"')?;
                (&quoted[..end], &quoted[end + 1..])
            }
            None => after.split_once(',').unwrap_or((after, "")),
        };
        params.insert(key.trim().to_ascii_lowercase(), value.to_string());
        rest = after.trim_start().trim_start_matches(',').trim_start();
    }
    Some(Challenge {
        realm: params.remove("realm").filter(|r| !r.is_empty())?,
        service: params.remove("service"),
    })
}

/// The token in a token service's answer.
pub fn parse_token(body: &[u8]) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct Answer {
        token: Option<String>,
        access_token: Option<String>,
    }
    let answer: Answer = serde_json::from_slice(body).ok()?;
    answer
        .token
        .or(answer.access_token)
        .filter(|t| !t.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn challenges_as_registries_send_them() {
        assert_eq!(
            parse_challenge(
                r#"Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/busybox:pull,push""#
            ),
            Some(Challenge {
                realm: "https://auth.docker.io/token".into(),
                service: Some("registry.docker.io".into()),
            })
        );
        assert_eq!(
            parse_challenge("bearer realm=http://x/t"),
            Some(Challenge {
                realm: "http://x/t".into(),
                service: None
            })
        );
        for not_bearer in [
            r#"Basic realm="registry""#,
            "Bearer",
            r#"Bearer service="x""#,
            r#"Bearer realm="unterminated"#,
            "",
        ] {
            assert_eq!(parse_challenge(not_bearer), None, "{not_bearer}");
        }
    }

    #[test]
    fn tokens_under_either_name() {
        assert_eq!(parse_token(br#"{"token":"a"}"#).as_deref(), Some("a"));
        assert_eq!(
            parse_token(br#"{"access_token":"b","expires_in":60}"#).as_deref(),
            Some("b")
        );
        assert_eq!(parse_token(br#"{"token":""}"#), None);
        assert_eq!(parse_token(b"not json"), None);
    }
}
