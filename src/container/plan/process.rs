//! The container's process as the flags give it: command, environment, working directory,
//! terminal, stop signal and timeout, ulimits. Health checks and restart policies (issue 18)
//! join this plan; the monitor carries them out.

use std::fs;
use std::path::PathBuf;

use crate::runtime::signal::SignalNumber;

use super::super::ContainerError;
use super::RunOptions;

#[derive(Debug, Clone, Default)]
pub struct ProcessPlan {
    /// Arguments after the image: they replace the image's CMD.
    pub command: Vec<String>,
    /// `--entrypoint`, split as docker does: "" clears the image's, a value replaces it (and
    /// drops the image's CMD).
    pub entrypoint: Option<Vec<String>>,
    /// `--env-host`'s, `--env-file` entries, then `-e` entries, in order, each `KEY=VALUE`.
    pub env: Vec<String>,
    /// `--http-proxy`'s variables from rpod's environment: the image's and the flags' win.
    pub proxy_env: Vec<String>,
    /// Default and image variables to drop (`--unsetenv`); all of them with `--unsetenv-all`.
    pub unsetenv: Vec<String>,
    pub unsetenv_all: bool,
    pub workdir: Option<String>,
    pub hostname: Option<String>,
    pub tty: bool,
    pub interactive: bool,
    pub read_only: bool,
    /// `--init`: a small reaper as PID 1.
    pub init: bool,
    pub stop_signal: Option<SignalNumber>,
    pub stop_timeout: Option<u32>,
    /// `--timeout`: seconds a run may last before the monitor kills it.
    pub timeout: Option<u32>,
    /// (RLIMIT number, soft, hard).
    pub ulimits: Vec<(i32, u64, u64)>,
    /// `--env-merge KEY=TEMPLATE`: `${KEY}` in TEMPLATE is the image's value.
    pub env_merge: Vec<(String, String)>,
    /// `--umask`, `--oom-score-adj`, `--personality`.
    pub attrs: crate::runtime::spec::ProcessAttrs,
    /// `--systemd`: decided at create, when the command is known.
    pub systemd: super::systemd::SystemdMode,
    /// `--shm-size-systemd` in bytes; None for the kernel's default (half the memory).
    pub systemd_tmpfs_size: Option<u64>,
}

impl ProcessPlan {
    pub fn build(opts: &RunOptions) -> Result<ProcessPlan, ContainerError> {
        let mut env = Vec::new();
        if opts.env_host {
            env.extend(std::env::vars().map(|(k, v)| format!("{k}={v}")));
        }
        for key in &opts.unsetenv {
            if key.is_empty() || key.contains('=') {
                return Err(ContainerError::invalid(
                    "--unsetenv",
                    key,
                    "expected a variable name",
                ));
            }
        }
        for file in &opts.env_files {
            env.extend(read_env_file(file)?);
        }
        for flag in &opts.env {
            env.extend(env_from_flag(flag)?);
        }
        let entrypoint = opts.entrypoint.as_ref().map(|e| match e.as_str() {
            "" => Vec::new(),
            e => vec![e.to_string()],
        });
        Ok(ProcessPlan {
            command: opts.command.clone(),
            entrypoint,
            env,
            proxy_env: match opts.http_proxy {
                true => proxy_env(std::env::vars()),
                false => Vec::new(),
            },
            unsetenv: opts.unsetenv.clone(),
            unsetenv_all: opts.unsetenv_all,
            workdir: opts.workdir.clone(),
            hostname: opts.hostname.clone(),
            tty: opts.tty,
            interactive: opts.interactive,
            read_only: opts.read_only,
            init: opts.init,
            stop_signal: opts.stop_signal.as_deref().map(parse_signal).transpose()?,
            stop_timeout: opts.stop_timeout,
            timeout: opts.more.timeout,
            ulimits: opts
                .ulimits
                .iter()
                .map(|u| parse_ulimit(u))
                .collect::<Result<_, _>>()?,
            env_merge: super::extra::env_merge(&opts.more.env_merge)?,
            attrs: super::extra::process_attrs(
                opts.more.umask.as_deref(),
                opts.more.oom_score_adj,
                opts.more.personality.as_deref(),
            )?,
            systemd: super::systemd::SystemdMode::parse(opts.more.systemd.as_deref())?,
            systemd_tmpfs_size: super::systemd::tmpfs_size(opts.more.shm_size_systemd.as_deref())?,
        })
    }
}

/// A signal by name (`SIGTERM`, `TERM`, `RTMIN+3`) or number.
pub fn parse_signal(s: &str) -> Result<SignalNumber, ContainerError> {
    SignalNumber::parse(s).ok_or_else(|| {
        ContainerError::invalid(
            "signal",
            s,
            "expected a name like SIGTERM, TERM or RTMIN+3, or a number",
        )
    })
}

pub fn env_key(entry: &str) -> &str {
    entry.split_once('=').map_or(entry, |(k, _)| k)
}

pub fn set_env(env: &mut Vec<String>, entry: String) {
    let key = env_key(&entry).to_string();
    env.retain(|e| env_key(e) != key);
    env.push(entry);
}

/// The variables podman's `--http-proxy` passes, in both cases.
const PROXY_VARIABLES: [&str; 8] = [
    "http_proxy",
    "https_proxy",
    "ftp_proxy",
    "no_proxy",
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "FTP_PROXY",
    "NO_PROXY",
];

/// The proxy variables among `vars`, as `KEY=VALUE`.
fn proxy_env(vars: impl Iterator<Item = (String, String)>) -> Vec<String> {
    vars.filter(|(k, _)| PROXY_VARIABLES.contains(&k.as_str()))
        .map(|(k, v)| format!("{k}={v}"))
        .collect()
}

/// `-e KEY=VALUE`, or `-e KEY` taking KEY from rpod's own environment (skipped when unset).
pub fn env_from_flag(flag: &str) -> Result<Option<String>, ContainerError> {
    if flag.is_empty() || flag.starts_with('=') {
        return Err(ContainerError::invalid(
            "environment variable",
            flag,
            "expected KEY=VALUE or KEY",
        ));
    }
    Ok(match flag.split_once('=') {
        Some(_) => Some(flag.to_string()),
        None => std::env::var(flag).ok().map(|v| format!("{flag}={v}")),
    })
}

pub fn read_env_file(path: &PathBuf) -> Result<Vec<String>, ContainerError> {
    let text = fs::read_to_string(path).map_err(ContainerError::io("read env file", path))?;
    let mut out = Vec::new();
    for line in text.lines() {
        let line = line.trim_start();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        out.extend(env_from_flag(line)?);
    }
    Ok(out)
}

/// The limits `--ulimit` names, as docker names them.
const ULIMITS: [(&str, libc::__rlimit_resource_t); 15] = [
    ("core", libc::RLIMIT_CORE),
    ("cpu", libc::RLIMIT_CPU),
    ("data", libc::RLIMIT_DATA),
    ("fsize", libc::RLIMIT_FSIZE),
    ("locks", libc::RLIMIT_LOCKS),
    ("memlock", libc::RLIMIT_MEMLOCK),
    ("msgqueue", libc::RLIMIT_MSGQUEUE),
    ("nice", libc::RLIMIT_NICE),
    ("nofile", libc::RLIMIT_NOFILE),
    ("nproc", libc::RLIMIT_NPROC),
    ("rss", libc::RLIMIT_RSS),
    ("rtprio", libc::RLIMIT_RTPRIO),
    ("rttime", libc::RLIMIT_RTTIME),
    ("sigpending", libc::RLIMIT_SIGPENDING),
    ("stack", libc::RLIMIT_STACK),
];

/// The `--ulimit` name of `resource`.
pub fn ulimit_name(resource: i32) -> Option<&'static str> {
    ULIMITS
        .iter()
        .find(|(_, r)| *r as i32 == resource)
        .map(|(name, _)| *name)
}

/// The kernel's name of `resource` (`RLIMIT_NOFILE`), as podman's inspect and specgen say it.
pub fn rlimit_name(resource: i32) -> Option<String> {
    ulimit_name(resource).map(|name| format!("RLIMIT_{}", name.to_uppercase()))
}

/// A limit as `--ulimit` takes it back (`nofile=1024:2048`, `-1` for unlimited).
pub fn ulimit_arg(&(resource, soft, hard): &(i32, u64, u64)) -> Option<String> {
    let value = |v: u64| match v {
        libc::RLIM_INFINITY => "-1".to_string(),
        _ => v.to_string(),
    };
    Some(format!(
        "{}={}:{}",
        ulimit_name(resource)?,
        value(soft),
        value(hard)
    ))
}

pub fn parse_ulimit(s: &str) -> Result<(i32, u64, u64), ContainerError> {
    let invalid = |reason: &str| ContainerError::invalid("ulimit", s, reason);
    let (name, values) = s
        .split_once('=')
        .ok_or_else(|| invalid("expected NAME=SOFT[:HARD]"))?;
    let resource = ULIMITS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, r)| *r as i32)
        .ok_or_else(|| invalid("unknown limit name"))?;
    let value = |v: &str| -> Result<u64, ContainerError> {
        match v {
            "unlimited" | "-1" => Ok(libc::RLIM_INFINITY),
            _ => v
                .parse()
                .map_err(|_| invalid("values must be numbers or unlimited")),
        }
    };
    let (soft, hard) = match values.split_once(':') {
        Some((s, h)) => (value(s)?, value(h)?),
        None => (value(values)?, value(values)?),
    };
    if soft > hard {
        return Err(invalid("the soft limit exceeds the hard limit"));
    }
    Ok((resource, soft, hard))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signals_by_name_short_name_and_number() {
        assert_eq!(parse_signal("SIGTERM").unwrap().name(), "SIGTERM");
        assert_eq!(parse_signal("int").unwrap().name(), "SIGINT");
        assert_eq!(parse_signal("9").unwrap().name(), "SIGKILL");
        assert_eq!(parse_signal("RTMIN+3").unwrap().name(), "SIGRTMIN+3");
        assert!(parse_signal("SIGNOPE").is_err());
        assert!(parse_signal("99").is_err());
    }

    #[test]
    fn a_limit_written_back_reads_the_same() {
        for arg in ["nofile=1000:2000", "core=0:-1", "stack=8388608:8388608"] {
            let limit = parse_ulimit(arg).unwrap();
            assert_eq!(ulimit_arg(&limit).as_deref(), Some(arg));
        }
        assert_eq!(ulimit_arg(&(-7, 1, 1)), None);
        assert_eq!(
            rlimit_name(libc::RLIMIT_NOFILE as i32).as_deref(),
            Some("RLIMIT_NOFILE")
        );
    }

    #[test]
    fn ulimits_follow_docker_syntax() {
        assert_eq!(
            parse_ulimit("nofile=1024:2048").unwrap(),
            (libc::RLIMIT_NOFILE as i32, 1024, 2048)
        );
        assert_eq!(
            parse_ulimit("core=unlimited").unwrap().1,
            libc::RLIM_INFINITY
        );
        assert!(parse_ulimit("nofile=10:5").is_err());
        assert!(parse_ulimit("bogus=1").is_err());
        assert!(parse_ulimit("nofile").is_err());
    }

    #[test]
    fn proxy_variables_only() {
        let vars = [
            ("HTTPS_PROXY", "http://p:3128"),
            ("HOME", "/root"),
            ("no_proxy", "lo"),
        ]
        .map(|(k, v)| (k.to_string(), v.to_string()));
        assert_eq!(
            proxy_env(vars.into_iter()),
            ["HTTPS_PROXY=http://p:3128", "no_proxy=lo"]
        );
    }

    #[test]
    fn env_rules() {
        let mut env = vec!["A=1".to_string(), "B=2".to_string()];
        set_env(&mut env, "A=3".into());
        assert_eq!(env, ["B=2", "A=3"]);
        assert!(env_from_flag("=x").is_err());
        assert_eq!(env_from_flag("X=y").unwrap().as_deref(), Some("X=y"));
        assert_eq!(env_from_flag("RPOD_SURELY_UNSET_VARIABLE").unwrap(), None);
    }
}
