//! How an attached `run` (and `attach`) wires this command to the container: `-a/--attach`,
//! `--sig-proxy`, `--detach-keys`, checked before anything is created.

use serde::{Deserialize, Serialize};

use super::super::ContainerError;
use super::super::attach::DETACH_KEYS;

/// `-a/--attach`'s streams; `create` keeps them for a later `start -a` (docker's
/// `AttachStdin`, `AttachStdout`, `AttachStderr`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Streams {
    pub stdin: bool,
    pub stdout: bool,
    pub stderr: bool,
}

impl Streams {
    /// The `-a` values; None when none is given (every stream, stdin only with `-i`).
    pub fn parse(given: &[String]) -> Result<Option<Streams>, ContainerError> {
        if given.is_empty() {
            return Ok(None);
        }
        let mut streams = Streams {
            stdin: false,
            stdout: false,
            stderr: false,
        };
        for stream in given {
            match stream.to_ascii_lowercase().as_str() {
                "stdin" => streams.stdin = true,
                "stdout" => streams.stdout = true,
                "stderr" => streams.stderr = true,
                _ => {
                    return Err(ContainerError::invalid(
                        "--attach",
                        stream.as_str(),
                        "invalid stream: use stdin, stdout or stderr",
                    ));
                }
            }
        }
        Ok(Some(streams))
    }
}

/// docker's and podman's default detach sequence, ctrl-p ctrl-q.
pub const DEFAULT_DETACH_KEYS: &str = "ctrl-p,ctrl-q";

/// What an attached command relays, and how it treats signals and keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachPlan {
    pub stdin: bool,
    pub stdout: bool,
    pub stderr: bool,
    /// Signals to rpod stop the container (true), or just end rpod (false).
    pub sig_proxy: bool,
    /// The bytes that detach from a terminal; empty: nothing detaches.
    pub detach_keys: Vec<u8>,
}

impl Default for AttachPlan {
    fn default() -> AttachPlan {
        AttachPlan {
            stdin: true,
            stdout: true,
            stderr: true,
            sig_proxy: true,
            detach_keys: DETACH_KEYS.to_vec(),
        }
    }
}

impl AttachPlan {
    /// `streams`: the `-a` values (none: all three, stdin only with `-i`, as podman);
    /// `detach`: `-d` was given; `tty`: `-t` was given.
    pub fn build(
        streams: &[String],
        sig_proxy: Option<bool>,
        detach_keys: Option<&str>,
        detach: bool,
        tty: bool,
    ) -> Result<AttachPlan, ContainerError> {
        let mut plan = AttachPlan::default();
        if let Some(given) = Streams::parse(streams)? {
            if detach {
                return Err(ContainerError::invalid(
                    "--attach",
                    streams.join(","),
                    "-d runs the container in the background: it cannot also be attached",
                ));
            }
            plan.only(given);
        }
        if let Some(proxy) = sig_proxy {
            if detach && proxy {
                return Err(ContainerError::invalid(
                    "--sig-proxy",
                    "true",
                    "a detached container has no attached rpod to proxy signals: \
                     use rpod kill to signal it",
                ));
            }
            plan.sig_proxy = proxy;
        }
        if let Some(keys) = detach_keys {
            plan.detach_keys = parse_detach_keys(keys)?;
            if !plan.detach_keys.is_empty() && (detach || !tty) {
                return Err(ContainerError::invalid(
                    "--detach-keys",
                    keys,
                    "rpod reads detach keys only from the terminal of an attached -t container \
                     (it keeps no keys for a later attach); --detach-keys \"\" is accepted",
                ));
            }
        }
        Ok(plan)
    }
}

impl AttachPlan {
    /// Relays only `streams`.
    pub fn only(&mut self, streams: Streams) {
        self.stdin = streams.stdin;
        self.stdout = streams.stdout;
        self.stderr = streams.stderr;
    }
}

/// docker's key list: comma-separated single characters or `ctrl-X` (X one of a-z, @, [, \\,
/// ], ^, _); an empty list turns detaching off.
pub fn parse_detach_keys(keys: &str) -> Result<Vec<u8>, ContainerError> {
    if keys.is_empty() {
        return Ok(Vec::new());
    }
    keys.split(',')
        .map(|key| key_byte(key).ok_or_else(|| bad_key(keys, key)))
        .collect()
}

fn key_byte(key: &str) -> Option<u8> {
    let key = key.trim();
    if let Some(c) = key.strip_prefix("ctrl-") {
        let &[c] = c.as_bytes() else { return None };
        return match c.to_ascii_lowercase() {
            c @ b'a'..=b'z' => Some(c - b'a' + 1),
            b'@' => Some(0),
            c @ (b'[' | b'\\' | b']' | b'^' | b'_') => Some(c - b'@'),
            _ => None,
        };
    }
    match key.as_bytes() {
        &[c] if c.is_ascii_graphic() => Some(c),
        _ => None,
    }
}

fn bad_key(keys: &str, key: &str) -> ContainerError {
    ContainerError::invalid(
        "--detach-keys",
        keys,
        format!(
            "invalid key {key:?}: use single characters or ctrl-X (X one of a-z, @, [, \\, ], ^, \
             _), separated by commas"
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detach_keys_parse_as_docker_spells_them() {
        assert_eq!(
            parse_detach_keys(DEFAULT_DETACH_KEYS).unwrap(),
            [0x10, 0x11]
        );
        assert_eq!(parse_detach_keys("ctrl-a,x").unwrap(), [0x01, b'x']);
        assert_eq!(
            parse_detach_keys("ctrl-@,ctrl-[,ctrl-_").unwrap(),
            [0, 0x1b, 0x1f]
        );
        assert_eq!(parse_detach_keys("").unwrap(), Vec::<u8>::new());
        for bad in ["ctrl-1", "ctrl-", "ab", "ctrl-a,,x", "ctrl-ab"] {
            let e = parse_detach_keys(bad).unwrap_err().to_string();
            assert!(e.contains("--detach-keys"), "{bad}: {e}");
        }
    }

    #[test]
    fn attach_streams_and_their_conflicts() {
        let s = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let plan = AttachPlan::build(&s(&["stderr"]), None, None, false, false).unwrap();
        assert!(!plan.stdin && !plan.stdout && plan.stderr);
        assert!(AttachPlan::build(&s(&["stdio"]), None, None, false, false).is_err());
        assert!(AttachPlan::build(&s(&["stdout"]), None, None, true, false).is_err());
        assert!(AttachPlan::build(&[], Some(true), None, true, false).is_err());
        assert!(
            !AttachPlan::build(&[], Some(false), None, false, false)
                .unwrap()
                .sig_proxy
        );
        assert!(AttachPlan::build(&[], None, Some("ctrl-a"), false, false).is_err());
        assert!(AttachPlan::build(&[], None, Some("ctrl-a"), false, true).is_ok());
        assert!(AttachPlan::build(&[], None, Some(""), true, false).is_ok());
    }
}
