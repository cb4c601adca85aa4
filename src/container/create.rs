//! `create`: an image and the command line's options become a container record, with every
//! docker rule applied once (entrypoint and command, environment, user, stop signal).

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use super::mounts::{self, MountDef, MountKind};
use super::record::{ContainerRecord, Paths, RunConfig, SeccompChoice};
use super::{ContainerError, Engine, names, remove, user};
use crate::ids::{ContainerId, check_name};
use crate::image::manifest::{ContainerConfig, ImageConfig};
use crate::image::store::ImageRecord;
use crate::network::etc_files::{EtcError, ExtraHost, HostAddr};
use crate::network::etc_render::DnsOptions;
use crate::network::{NetworkError, NetworkMode, PortMapping, PortSpec, ports};
use crate::state::scratch;

/// What the command line asked for.
#[derive(Debug, Clone, Default)]
pub struct CreateOptions {
    pub name: Option<String>,
    /// Arguments after the image: they replace the image's CMD.
    pub command: Vec<String>,
    /// `--entrypoint`: replaces the image's ENTRYPOINT and drops its CMD; "" clears it.
    pub entrypoint: Option<String>,
    pub env: Vec<String>,
    pub env_files: Vec<PathBuf>,
    pub workdir: Option<String>,
    pub user: Option<String>,
    pub hostname: Option<String>,
    pub tty: bool,
    pub interactive: bool,
    pub auto_remove: bool,
    pub read_only: bool,
    pub init: bool,
    pub stop_signal: Option<String>,
    pub stop_timeout: Option<u32>,
    pub labels: Vec<String>,
    pub privileged: bool,
    pub cap_add: Vec<String>,
    pub cap_drop: Vec<String>,
    pub security_opt: Vec<String>,
    pub network: Option<String>,
    /// `-p`, `-P`, `--expose`.
    pub publish: Vec<String>,
    pub publish_all: bool,
    pub expose: Vec<String>,
    pub dns: Vec<String>,
    pub dns_search: Vec<String>,
    pub dns_options: Vec<String>,
    pub add_hosts: Vec<String>,
    pub userns: Option<String>,
    pub replace: bool,
    pub ulimits: Vec<String>,
    /// `-v`, `--mount` and `--tmpfs`, as given.
    pub volumes: Vec<String>,
    pub mounts: Vec<String>,
    pub tmpfs: Vec<String>,
    /// Limits and cgroup options.
    pub resources: super::resources::ResourceOptions,
}

const DEFAULT_PATH: &str = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
const DEFAULT_STOP_TIMEOUT: u32 = 10;
/// Why `--userns` takes what it takes: `host` is rootless podman's default, the caller as root.
const USERNS_MODES: &str = "rpod maps one id, so it supports host (the default: your uid is \
    root inside) and keep-id; auto, nomap and private need a range of ids from /etc/subuid";

/// A signal by name (`SIGTERM`, `TERM`) or number, as `SIGTERM`.
pub fn parse_signal(s: &str) -> Result<nix::sys::signal::Signal, ContainerError> {
    use nix::sys::signal::Signal;
    let invalid = || {
        ContainerError::invalid(
            "signal",
            s,
            "expected a name like SIGTERM or TERM, or a number",
        )
    };
    if let Ok(n) = s.parse::<i32>() {
        return Signal::try_from(n).map_err(|_| invalid());
    }
    let upper = s.to_ascii_uppercase();
    let name = if upper.starts_with("SIG") {
        upper
    } else {
        format!("SIG{upper}")
    };
    Signal::from_str(&name).map_err(|_| invalid())
}

fn env_key(entry: &str) -> &str {
    entry.split_once('=').map_or(entry, |(k, _)| k)
}

pub fn set_env(env: &mut Vec<String>, entry: String) {
    let key = env_key(&entry).to_string();
    env.retain(|e| env_key(e) != key);
    env.push(entry);
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

fn read_env_file(path: &PathBuf) -> Result<Vec<String>, ContainerError> {
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

fn parse_ulimit(s: &str) -> Result<(i32, u64, u64), ContainerError> {
    let invalid = |reason: &str| ContainerError::invalid("ulimit", s, reason);
    let (name, values) = s
        .split_once('=')
        .ok_or_else(|| invalid("expected NAME=SOFT[:HARD]"))?;
    let resource = match name {
        "core" => libc::RLIMIT_CORE,
        "cpu" => libc::RLIMIT_CPU,
        "data" => libc::RLIMIT_DATA,
        "fsize" => libc::RLIMIT_FSIZE,
        "locks" => libc::RLIMIT_LOCKS,
        "memlock" => libc::RLIMIT_MEMLOCK,
        "msgqueue" => libc::RLIMIT_MSGQUEUE,
        "nice" => libc::RLIMIT_NICE,
        "nofile" => libc::RLIMIT_NOFILE,
        "nproc" => libc::RLIMIT_NPROC,
        "rss" => libc::RLIMIT_RSS,
        "rtprio" => libc::RLIMIT_RTPRIO,
        "rttime" => libc::RLIMIT_RTTIME,
        "sigpending" => libc::RLIMIT_SIGPENDING,
        "stack" => libc::RLIMIT_STACK,
        _ => return Err(invalid("unknown limit name")),
    } as i32;
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

fn parse_security(
    opts: &[String],
    dir: &std::path::Path,
) -> Result<(bool, SeccompChoice, Option<PathBuf>), ContainerError> {
    let mut no_new_privs = false;
    let mut seccomp = SeccompChoice::Default;
    let mut profile_source = None;
    for opt in opts {
        let (key, value) = opt.split_once(['=', ':']).unwrap_or((opt.as_str(), ""));
        match (key, value) {
            ("no-new-privileges", "" | "true") => no_new_privs = true,
            ("no-new-privileges", "false") => no_new_privs = false,
            ("seccomp", "unconfined") => seccomp = SeccompChoice::Unconfined,
            ("seccomp", path) if !path.is_empty() => {
                profile_source = Some(PathBuf::from(path));
                seccomp = SeccompChoice::Profile(dir.join("seccomp.json"));
            }
            // rpod applies no SELinux label or AppArmor profile: these are already so.
            ("label", "disable") | ("apparmor", "unconfined") => {}
            ("label" | "apparmor", _) => {
                return Err(ContainerError::invalid(
                    "security option",
                    opt,
                    "rpod applies no SELinux label or AppArmor profile (loading one needs root), \
                     so only label=disable and apparmor=unconfined are accepted",
                ));
            }
            _ => {
                return Err(ContainerError::invalid(
                    "security option",
                    opt,
                    "rpod supports no-new-privileges, seccomp=unconfined, seccomp=PROFILE.json, label=disable, apparmor=unconfined",
                ));
            }
        }
    }
    Ok((no_new_privs, seccomp, profile_source))
}

/// Creates the container record for `image` (already in the store).
/// `-v`, `--mount` and `--tmpfs`, in that order.
fn mount_flags(opts: &CreateOptions) -> Result<Vec<MountDef>, ContainerError> {
    let volumes = opts.volumes.iter().map(|v| mounts::parse_volume_flag(v));
    let binds = opts.mounts.iter().map(|m| mounts::parse_mount_flag(m));
    let tmpfs = opts.tmpfs.iter().map(|t| mounts::parse_tmpfs_flag(t));
    volumes.chain(binds).chain(tmpfs).collect()
}

/// Checks every flag that does not depend on the image, so that a mistyped flag is reported
/// at once, before an image is pulled for nothing (docker does the same). `create` checks
/// them again, with the image, as it uses them.
pub fn check_flags(engine: &Engine, opts: &CreateOptions) -> Result<(), ContainerError> {
    if let Some(name) = &opts.name {
        check_name(name).map_err(|e| ContainerError::invalid("name", name, e.to_string()))?;
    }
    match opts.userns.as_deref() {
        None | Some("" | "host" | "keep-id") => {}
        Some(other) => {
            return Err(ContainerError::invalid("--userns", other, USERNS_MODES));
        }
    }
    for file in &opts.env_files {
        read_env_file(file)?;
    }
    for flag in &opts.env {
        env_from_flag(flag)?;
    }
    if let Some(l) = opts
        .labels
        .iter()
        .find(|l| l.starts_with('=') || l.is_empty())
    {
        return Err(ContainerError::invalid("label", l, "expected KEY=VALUE"));
    }
    if let Some(signal) = &opts.stop_signal {
        parse_signal(signal)?;
    }
    crate::runtime::caps::resolve(opts.privileged, &opts.cap_add, &opts.cap_drop)
        .map_err(|e| ContainerError::invalid("capability", e.to_string(), "see capabilities(7)"))?;
    for u in &opts.ulimits {
        parse_ulimit(u)?;
    }
    let network = network_mode(engine, opts)?;
    published_ports(opts, &ContainerConfig::default(), &network)?;
    dns_config(opts, &network)?;
    parse_security(&opts.security_opt, Path::new("/"))?;
    let mount_flags = mount_flags(opts)?;
    mounts::plan(mount_flags, &[])?;
    Ok(())
}

pub fn create(
    engine: &Engine,
    image: &ImageRecord,
    image_name: &str,
    opts: &CreateOptions,
) -> Result<ContainerRecord, ContainerError> {
    let config_bytes = engine
        .store
        .read_blob(&image.config_digest())
        .map_err(|e| ContainerError::invalid("image", image_name, e.to_string()))?;
    let image_config = ImageConfig::parse(&config_bytes, &image.config_digest())
        .map_err(|e| ContainerError::invalid("image", image_name, e.to_string()))?;
    let ic = &image_config.config;

    let id = ContainerId::random();
    let hostname = opts
        .hostname
        .clone()
        .unwrap_or_else(|| id.short().to_string());
    let (entrypoint, cmd) = match &opts.entrypoint {
        Some(e) if e.is_empty() => (Vec::new(), opts.command.clone()),
        Some(e) => (vec![e.clone()], opts.command.clone()),
        None => (
            ic.entrypoint.clone().unwrap_or_default(),
            if opts.command.is_empty() {
                ic.cmd.clone().unwrap_or_default()
            } else {
                opts.command.clone()
            },
        ),
    };
    if entrypoint.is_empty() && cmd.is_empty() {
        return Err(ContainerError::NoCommand);
    }

    let keep_id = match opts.userns.as_deref() {
        None | Some("") | Some("host") => false,
        Some("keep-id") => true,
        Some(other) => {
            return Err(ContainerError::invalid("--userns", other, USERNS_MODES));
        }
    };
    let diffs: Vec<PathBuf> = image
        .layers
        .iter()
        .map(|l| engine.store.layer_diff(l))
        .collect();
    let user_spec = opts
        .user
        .clone()
        .or_else(|| ic.user.clone())
        .unwrap_or_default();
    let mut resolved = user::resolve(&diffs, &user_spec)?;
    if keep_id {
        let (uid, gid) = (
            nix::unistd::getuid().as_raw(),
            nix::unistd::getgid().as_raw(),
        );
        if opts.user.is_some() && resolved.uid != uid {
            return Err(ContainerError::User {
                user: user_spec,
                reason: format!("--userns=keep-id maps only your own uid {uid}"),
            });
        }
        resolved.uid = uid;
        resolved.gid = gid;
    }

    let mut env = ic.env.clone().unwrap_or_default();
    if !env.iter().any(|e| env_key(e) == "PATH") {
        env.insert(0, DEFAULT_PATH.to_string());
    }
    set_env(&mut env, format!("HOSTNAME={hostname}"));
    set_env(&mut env, "container=rpod".into());
    if opts.tty {
        set_env(&mut env, "TERM=xterm".into());
    }
    if !env.iter().any(|e| env_key(e) == "HOME") {
        env.push(format!("HOME={}", resolved.home));
    }
    for file in &opts.env_files {
        for e in read_env_file(file)? {
            set_env(&mut env, e);
        }
    }
    for flag in &opts.env {
        if let Some(e) = env_from_flag(flag)? {
            set_env(&mut env, e);
        }
    }

    let mut labels: BTreeMap<String, String> = ic.labels.clone().unwrap_or_default();
    for l in &opts.labels {
        let (k, v) = l.split_once('=').unwrap_or((l.as_str(), ""));
        if k.is_empty() {
            return Err(ContainerError::invalid("label", l, "expected KEY=VALUE"));
        }
        labels.insert(k.to_string(), v.to_string());
    }
    let stop_signal = opts
        .stop_signal
        .clone()
        .or_else(|| ic.stop_signal.clone())
        .unwrap_or_else(|| "SIGTERM".into());
    let stop_signal = parse_signal(&stop_signal)?.as_str().to_string();
    crate::runtime::caps::resolve(opts.privileged, &opts.cap_add, &opts.cap_drop)
        .map_err(|e| ContainerError::invalid("capability", e.to_string(), "see capabilities(7)"))?;
    let ulimits = opts
        .ulimits
        .iter()
        .map(|u| parse_ulimit(u))
        .collect::<Result<Vec<_>, _>>()?;
    let network = network_mode(engine, opts)?;
    let ports = published_ports(opts, ic, &network)?;
    let dns = dns_config(opts, &network)?;
    let paths = engine.paths(&id);
    let (no_new_privileges, seccomp, profile_source) =
        parse_security(&opts.security_opt, &paths.dir)?;
    let mount_flags = mount_flags(opts)?;
    let image_volumes: Vec<String> = ic
        .volumes
        .as_ref()
        .map(|v| v.keys().cloned().collect())
        .unwrap_or_default();
    let planned_mounts = mounts::plan(mount_flags, &image_volumes)?;

    let record = ContainerRecord {
        id: id.clone(),
        name: String::new(),
        created: jiff::Timestamp::now().to_string(),
        image: image.id.clone(),
        image_name: image_name.to_string(),
        layers: image.layers.clone(),
        driver: engine.driver,
        run: RunConfig {
            entrypoint,
            cmd,
            env,
            working_dir: opts
                .workdir
                .clone()
                .or_else(|| ic.working_dir.clone())
                .filter(|w| !w.is_empty())
                .unwrap_or_else(|| "/".into()),
            user: user_spec,
            uid: resolved.uid,
            gid: resolved.gid,
            keep_id,
            hostname,
            labels,
            stop_signal,
            stop_timeout: opts.stop_timeout.unwrap_or(DEFAULT_STOP_TIMEOUT),
            tty: opts.tty,
            interactive: opts.interactive,
            auto_remove: opts.auto_remove,
            read_only: opts.read_only,
            init: opts.init,
            privileged: opts.privileged,
            cap_add: opts.cap_add.clone(),
            cap_drop: opts.cap_drop.clone(),
            no_new_privileges,
            seccomp,
            network,
            ports,
            dns,
            ulimits,
            mounts: planned_mounts,
            resources: super::resources::Resources::parse(&opts.resources)?,
        },
    };
    if let Some(name) = &opts.name {
        check_name(name).map_err(|e| ContainerError::invalid("name", name, e.to_string()))?;
    }
    let created = install(engine, record, &paths, opts, profile_source)?;
    engine.event("create", &created);
    Ok(created)
}

/// The `--network` mode, with `container:NAME` resolved to the container's id now, as docker
/// does: a later container of the same name is another container.
fn network_mode(engine: &Engine, opts: &CreateOptions) -> Result<NetworkMode, ContainerError> {
    let mode = NetworkMode::resolve(
        opts.network.as_deref(),
        engine.config.network.default.as_deref(),
    )
    .map_err(NetworkError::from)?;
    Ok(match mode {
        NetworkMode::Container(name) => {
            // `run` fails with 125 on a bad flag, whatever the flag names.
            let (record, _) = engine.find(&name).map_err(|e| {
                ContainerError::invalid("--network", format!("container:{name}"), e.to_string())
            })?;
            NetworkMode::Container(record.id.to_string())
        }
        other => other,
    })
}

/// `-p`, and `-P` for the image's EXPOSEd ports and `--expose`, with host ports chosen and
/// checked free now so that a conflict is reported before anything starts.
fn published_ports(
    opts: &CreateOptions,
    ic: &ContainerConfig,
    network: &NetworkMode,
) -> Result<Vec<PortMapping>, ContainerError> {
    let mut specs = opts
        .publish
        .iter()
        .map(|p| PortSpec::parse(p))
        .collect::<Result<Vec<_>, _>>()
        .map_err(NetworkError::from)?;
    if opts.publish_all {
        let exposed: Vec<String> = ic
            .exposed_ports
            .iter()
            .flat_map(|m| m.keys().cloned())
            .chain(opts.expose.iter().cloned())
            .collect();
        specs.extend(ports::publish_all(&exposed).map_err(NetworkError::from)?);
    }
    if specs.is_empty() {
        return Ok(Vec::new());
    }
    if network.helper_binary().is_none() {
        return Err(ContainerError::invalid(
            "--publish",
            opts.publish.join(" "),
            format!(
                "ports are published only with pasta or slirp4netns, not with --network {network}"
            ),
        ));
    }
    Ok(ports::allocate(&specs).map_err(NetworkError::from)?)
}

/// docker refuses what a shared network (`container:`) would silently ignore, and a
/// host-gateway that the mode has no address for.
fn dns_config(opts: &CreateOptions, network: &NetworkMode) -> Result<DnsOptions, ContainerError> {
    if let NetworkMode::Container(_) = network {
        let given = [
            ("--dns", opts.dns.is_empty()),
            ("--dns-search", opts.dns_search.is_empty()),
            ("--dns-option", opts.dns_options.is_empty()),
            ("--add-host", opts.add_hosts.is_empty()),
        ];
        if let Some((flag, _)) = given.iter().find(|(_, empty)| !empty) {
            return Err(ContainerError::invalid(
                "--network",
                network.to_string(),
                format!(
                    "{flag} conflicts with it: the container uses the other container's /etc/hosts and /etc/resolv.conf"
                ),
            ));
        }
    }
    let servers = opts
        .dns
        .iter()
        .map(|d| {
            d.parse()
                .map_err(|_| ContainerError::invalid("--dns", d, "expected an IP address"))
        })
        .collect::<Result<_, _>>()?;
    let add_hosts = opts
        .add_hosts
        .iter()
        .map(|h| ExtraHost::parse(h))
        .collect::<Result<Vec<ExtraHost>, _>>()
        .map_err(NetworkError::from)?;
    let no_host_address = matches!(network, NetworkMode::None);
    if let Some(h) = add_hosts
        .iter()
        .find(|h| no_host_address && h.addr == HostAddr::HostGateway)
    {
        return Err(NetworkError::from(EtcError::NoHostGateway {
            name: h.name.clone(),
        })
        .into());
    }
    Ok(DnsOptions {
        servers,
        search: opts.dns_search.clone(),
        options: opts.dns_options.clone(),
        add_hosts,
    })
}

/// Named volumes are created when missing (docker's `-v name:/path`), anonymous ones get a
/// fresh random name; the record keeps the names.
fn create_volumes(
    engine: &Engine,
    planned: Vec<MountDef>,
) -> Result<Vec<MountDef>, ContainerError> {
    let mut out = Vec::with_capacity(planned.len());
    for mut m in planned {
        match &mut m.kind {
            MountKind::Volume {
                name,
                anonymous: true,
            } => match engine.volumes.create(None, BTreeMap::new()) {
                Ok(v) => *name = v.name,
                Err(e) => {
                    remove_volumes(engine, &mounts::anonymous_volumes(&out));
                    return Err(e.into());
                }
            },
            MountKind::Volume { name, .. } => {
                if let Err(e) = engine.volumes.get_or_create(name) {
                    remove_volumes(engine, &mounts::anonymous_volumes(&out));
                    return Err(e.into());
                }
            }
            _ => {}
        }
        out.push(m);
    }
    Ok(out)
}

fn remove_volumes(engine: &Engine, names: &[String]) {
    for name in names {
        let _ = engine.volumes.remove(name);
    }
}

/// Writes the record into place under the lock, where the name is checked and taken.
/// With `--replace` a container holding the name is removed first.
fn install(
    engine: &Engine,
    mut record: ContainerRecord,
    paths: &Paths,
    opts: &CreateOptions,
    profile_source: Option<PathBuf>,
) -> Result<ContainerRecord, ContainerError> {
    let containers = engine.containers_dir();
    fs::create_dir_all(&containers).map_err(ContainerError::io("create", &containers))?;
    let tmp = scratch::temp_path(&containers, "create");
    fs::create_dir(&tmp).map_err(ContainerError::io("create", &tmp))?;
    let tmp_paths = Paths {
        dir: tmp.clone(),
        ..paths.clone()
    };
    let result = (|| {
        if let Some(src) = &profile_source {
            let text =
                fs::read_to_string(src).map_err(ContainerError::io("read seccomp profile", src))?;
            crate::runtime::seccomp::parse_docker_profile(&text).map_err(|e| {
                ContainerError::invalid("seccomp profile", src.display().to_string(), e.to_string())
            })?;
            fs::write(tmp.join("seccomp.json"), text)
                .map_err(ContainerError::io("copy seccomp profile", &tmp))?;
        }
        let mut replaced = false;
        loop {
            let guard = engine.lock()?;
            let existing = engine.list()?;
            let holder = opts
                .name
                .as_ref()
                .and_then(|n| existing.iter().find(|(r, _)| &r.name == n))
                .map(|(r, _)| r.id.clone());
            match (holder, &opts.name) {
                (Some(holder), Some(_)) if opts.replace && !replaced => {
                    drop(guard);
                    remove::remove(engine, holder.as_str(), true, false)?;
                    replaced = true;
                }
                (Some(holder), Some(name)) => {
                    return Err(ContainerError::NameInUse {
                        name: name.clone(),
                        holder: holder.short().to_string(),
                    });
                }
                _ => {
                    record.name = match &opts.name {
                        Some(name) => name.clone(),
                        None => names::generate(&|n| existing.iter().any(|(r, _)| r.name == n)),
                    };
                    // Under the lock: `volume rm` cannot take a volume this container is
                    // about to use.
                    record.run.mounts =
                        create_volumes(engine, std::mem::take(&mut record.run.mounts))?;
                    let written = record
                        .write(&tmp_paths)
                        .map_err(ContainerError::io("write", &tmp))
                        .and_then(|()| {
                            fs::rename(&tmp, &paths.dir)
                                .map_err(ContainerError::io("create", &paths.dir))
                        });
                    if let Err(e) = written {
                        remove_volumes(engine, &mounts::anonymous_volumes(&record.run.mounts));
                        return Err(e);
                    }
                    return Ok(record.clone());
                }
            }
        }
    })();
    if result.is_err() {
        let _ = scratch::remove_any(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signals_by_name_short_name_and_number() {
        assert_eq!(parse_signal("SIGTERM").unwrap().as_str(), "SIGTERM");
        assert_eq!(parse_signal("int").unwrap().as_str(), "SIGINT");
        assert_eq!(parse_signal("9").unwrap().as_str(), "SIGKILL");
        assert!(parse_signal("SIGNOPE").is_err());
        assert!(parse_signal("99").is_err());
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
    fn env_rules() {
        let mut env = vec!["A=1".to_string(), "B=2".to_string()];
        set_env(&mut env, "A=3".into());
        assert_eq!(env, ["B=2", "A=3"]);
        assert!(env_from_flag("=x").is_err());
        assert_eq!(env_from_flag("X=y").unwrap().as_deref(), Some("X=y"));
        assert_eq!(env_from_flag("RPOD_SURELY_UNSET_VARIABLE").unwrap(), None);
    }

    #[test]
    fn security_options() {
        let dir = std::path::Path::new("/c");
        let (nnp, sc, _) = parse_security(
            &["no-new-privileges".into(), "seccomp=unconfined".into()],
            dir,
        )
        .unwrap();
        assert!(nnp && sc == SeccompChoice::Unconfined);
        let (_, sc, src) = parse_security(&["seccomp=/p.json".into()], dir).unwrap();
        assert_eq!(sc, SeccompChoice::Profile("/c/seccomp.json".into()));
        assert_eq!(src.unwrap(), PathBuf::from("/p.json"));
        assert!(parse_security(&["selinux=on".into()], dir).is_err());
    }
}
