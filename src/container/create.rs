//! `create`: a [`RunPlan`] and its image become a container record, with every docker rule for
//! merging the two applied once (entrypoint and command, environment, user, stop signal, ports,
//! volumes). The record is written under the store lock, where the name is taken.

use std::collections::BTreeMap;

use super::base::Base;
use super::plan::RunPlan;
use super::plan::extra::{self, GroupAdd};
use super::plan::mounts;
use super::plan::namespaces::Sharing;
use super::plan::network::check_publishable;
use super::plan::process::{env_key, set_env};
use super::plan::security::SeccompPlan;
use super::record::{ContainerRecord, RunConfig, SeccompChoice};
use super::sharing;
use super::{ContainerError, Engine, install, pod_use, secret_use, user};
use crate::ids::ContainerId;
use crate::image::manifest::ContainerConfig;
use crate::network::etc_render::{DnsOptions, HostsBase};
use crate::network::{NetworkError, NetworkMode, PortMapping, ports};
use crate::state::process::ProcessStamp;

pub const DEFAULT_PATH: &str = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
const DEFAULT_STOP_TIMEOUT: u32 = 10;
pub const SECCOMP_PROFILE: &str = "seccomp.json";

/// What the plan needs of this host and of other containers, checked before the image is
/// pulled: the cgroup controllers its limits need, the container whose network it shares,
/// and that its `-p` host ports are free.
pub fn preflight(engine: &Engine, plan: &RunPlan) -> Result<(), ContainerError> {
    plan.resources.check()?;
    super::pod_init::preflight(engine, plan)?;
    secret_use::check(engine, plan)?;
    network_mode(engine, &plan.network.mode, None)?;
    sharing::resolve(engine, "--ipc", &plan.namespaces.ipc)?;
    sharing::resolve(engine, "--uts", &plan.namespaces.uts)?;
    sharing::resolve(engine, "--cgroupns", &plan.namespaces.cgroup)?;
    sharing::resolve(engine, "--pid", &plan.namespaces.pid)?;
    ports::allocate(&plan.network.publish).map_err(NetworkError::from)?;
    Ok(())
}

/// Creates the container record for `image` (already in the store, or a squashfs file).
pub fn create(
    engine: &Engine,
    plan: &RunPlan,
    image: Base<'_>,
) -> Result<ContainerRecord, ContainerError> {
    let image_name = &plan.image.reference;
    let image_config = image.config(engine, image_name)?;
    let id = ContainerId::random();
    let mut run = run_config(engine, plan, image, &image_config.config, &id)?;
    run.requires = pod_use::requires(engine, plan)?;
    // Held until the record is installed.
    let joined = pod_use::join(engine, plan)?;
    run.pod = joined.as_ref().map(|j| j.id.clone());
    run.infra = matches!(plan.pod, Some(pod_use::PodChoice::Infra(_)));
    let mut files = secret_use::apply(engine, plan, &id, &mut run)?;
    let mut record = ContainerRecord {
        id,
        name: String::new(),
        created: jiff::Timestamp::now().to_string(),
        image: image.id(),
        image_name: image_name.clone(),
        layers: image.layers(),
        driver: engine.driver,
        run,
        squash: image.squash_file(),
        root_dir: image.root_dir(),
        node: engine.recorded_node(),
    };
    record.driver = engine.container_driver(&record);
    if let SeccompPlan::Profile { text, .. } = &plan.security.seccomp {
        files.push((SECCOMP_PROFILE.into(), text.clone().into_bytes()));
    }
    let created = install::install(engine, record, plan.name.as_deref(), plan.replace, &files)?;
    drop(joined);
    engine.event("create", &created);
    Ok(created)
}

/// The plan merged with the image's config.
fn run_config(
    engine: &Engine,
    plan: &RunPlan,
    image: Base<'_>,
    ic: &ContainerConfig,
    id: &ContainerId,
) -> Result<RunConfig, ContainerError> {
    let process = &plan.process;
    // The host's UTS namespace comes with the host's name, which /etc/hostname then says too.
    let hostname = match (&process.hostname, &plan.namespaces.uts) {
        (Some(name), _) => name.clone(),
        (None, Sharing::Host) => nix::unistd::gethostname()
            .map(|h| h.to_string_lossy().into_owned())
            .unwrap_or_else(|_| id.short().to_string()),
        (None, _) => id.short().to_string(),
    };
    let (entrypoint, cmd) = command(plan, ic)?;
    let network = network_mode(engine, &plan.network.mode, Some(id))?;
    let image_volumes: Vec<String> = ic
        .volumes
        .as_ref()
        .map(|v| v.keys().cloned().collect())
        .unwrap_or_default();
    let security = &plan.security;
    let working_dir = process
        .workdir
        .clone()
        .or_else(|| ic.working_dir.clone())
        .filter(|w| !w.is_empty())
        .unwrap_or_else(|| "/".into());
    let mounts = mounts::with_image_volumes(
        with_volumes_from(engine, plan)?,
        &image_volumes,
        plan.image_volume,
    )?;
    let host_users = super::passwd::host_user_lines(&plan.etc, &working_dir, &mounts);
    let (user, resolved) = identity(engine, plan, image, ic, &host_users)?;
    let user_entries = super::passwd::entries(
        &plan.etc,
        &super::passwd::Who {
            given: &user,
            resolved: &resolved,
            working_dir: &working_dir,
            keep_id: plan.ids.keep_id,
            mounts: &mounts,
        },
    );
    let systemd_on = process
        .systemd
        .applies(&[&entrypoint[..], &cmd[..]].concat());
    if systemd_on && plan.namespaces.cgroup != super::plan::namespaces::Sharing::Private {
        return Err(ContainerError::invalid(
            "--cgroupns",
            cgroupns_mode(&plan.namespaces.cgroup),
            "systemd mode mounts the container's own cgroup tree, which needs a cgroup \
             namespace of its own: use --cgroupns private, or --systemd=false",
        ));
    }
    let mut env = environment(plan, ic, &hostname, &resolved.home);
    if !systemd_on && let Some(size) = process.systemd_tmpfs_size {
        tracing::warn!(
            "--shm-size-systemd {size} has no effect: the container does not run in systemd \
             mode (its command is not an init; --systemd=always forces the mode)"
        );
    }
    // podman's: systemd takes it for the machine id when /etc/machine-id is empty.
    if systemd_on && !env.iter().any(|e| env_key(e) == "container_uuid") {
        env.push(format!("container_uuid={}", &id.as_str()[..32]));
    }
    Ok(RunConfig {
        entrypoint,
        cmd,
        env,
        working_dir,
        user,
        uid: resolved.uid,
        gid: resolved.gid,
        keep_id: plan.ids.keep_id,
        own_userns: plan.ids.own_userns,
        hostname,
        labels: labels(plan, ic),
        stop_signal: stop_signal(plan, ic, systemd_on)?,
        stop_timeout: process.stop_timeout.unwrap_or(DEFAULT_STOP_TIMEOUT),
        timeout: process.timeout,
        tty: process.tty,
        interactive: process.interactive,
        auto_remove: plan.auto_remove,
        volatile: plan.build_step,
        builder: plan.build_step.then(ProcessStamp::current),
        restart: plan.restart.unwrap_or_default(),
        sdnotify: plan.sdnotify,
        healthcheck: healthcheck(plan, ic)?,
        create_command: plan.create_command.clone(),
        pod: None,
        infra: false,
        init_ctr: plan.init_ctr,
        attach: plan.attach,
        requires: Vec::new(),
        read_only: process.read_only,
        init: process.init,
        privileged: security.privileged,
        cap_add: security.cap_add.clone(),
        cap_drop: security.cap_drop.clone(),
        no_new_privileges: security.no_new_privileges,
        seccomp: match &security.seccomp {
            SeccompPlan::Default => SeccompChoice::Default,
            SeccompPlan::Unconfined => SeccompChoice::Unconfined,
            SeccompPlan::Profile { .. } => {
                SeccompChoice::Profile(engine.paths(id).dir.join(SECCOMP_PROFILE))
            }
        },
        root_emulation: security.root_emulation,
        groups: resolved.groups.clone(),
        ports: published_ports(plan, ic, &network)?,
        network,
        ipc: sharing::resolve(engine, "--ipc", &plan.namespaces.ipc)?,
        uts: sharing::resolve(engine, "--uts", &plan.namespaces.uts)?,
        cgroupns: sharing::resolve(engine, "--cgroupns", &plan.namespaces.cgroup)?,
        pid: sharing::resolve(engine, "--pid", &plan.namespaces.pid)?,
        dns: dns_options(engine, plan, image)?,
        ulimits: process.ulimits.clone(),
        mounts,
        resources: plan.resources.clone(),
        annotations: plan.annotations.iter().cloned().collect(),
        no_hosts: plan.network.no_hosts,
        no_hostname: plan.network.no_hostname,
        pidfile: plan.pidfile.clone(),
        conmon_pidfile: plan.conmon_pidfile.clone(),
        cidfile: plan.cidfile.clone(),
        log: plan.log.clone(),
        attrs: process.attrs.clone(),
        sysctls: plan.sysctls.clone(),
        no_passwd: !plan.etc.passwd,
        user_entries,
        chroot_dirs: plan.etc.chroot_dirs.clone(),
        systemd: process.systemd,
        systemd_on,
        systemd_tmpfs_size: process.systemd_tmpfs_size,
    })
}

/// The command line's mounts, then those of each `--volumes-from` container on paths still
/// free. A borrowed anonymous volume stays the other container's: this one's `--rm` or
/// `rm -v` leaves it.
fn with_volumes_from(
    engine: &Engine,
    plan: &RunPlan,
) -> Result<Vec<mounts::MountDef>, ContainerError> {
    borrow_mounts(engine, plan.mounts.clone(), &plan.volumes_from)
}

/// `own` mounts, then those of each `(container, read-only override)` on paths still free.
pub(super) fn borrow_mounts(
    engine: &Engine,
    own: Vec<mounts::MountDef>,
    from: &[(String, Option<bool>)],
) -> Result<Vec<mounts::MountDef>, ContainerError> {
    let mut all = own;
    for (name, readonly) in from {
        let (other, _) = engine
            .find(name)
            .map_err(|e| ContainerError::invalid("--volumes-from", name, e.to_string()))?;
        for mut m in other.run.mounts {
            if matches!(m.kind, mounts::MountKind::Tmpfs { .. })
                || all.iter().any(|o| o.target == m.target)
            {
                continue;
            }
            if let mounts::MountKind::Volume { anonymous, .. } = &mut m.kind {
                *anonymous = false;
            }
            m.readonly = readonly.unwrap_or(m.readonly);
            all.push(m);
        }
    }
    Ok(all)
}

/// docker's rule: `--entrypoint` replaces the image's ENTRYPOINT and drops its CMD; arguments
/// after the image replace its CMD.
fn command(
    plan: &RunPlan,
    ic: &ContainerConfig,
) -> Result<(Vec<String>, Vec<String>), ContainerError> {
    let given = &plan.process.command;
    let (entrypoint, cmd) = match &plan.process.entrypoint {
        Some(e) => (e.clone(), given.clone()),
        None => (
            ic.entrypoint.clone().unwrap_or_default(),
            if given.is_empty() {
                ic.cmd.clone().unwrap_or_default()
            } else {
                given.clone()
            },
        ),
    };
    if entrypoint.is_empty() && cmd.is_empty() {
        return Err(ContainerError::NoCommand);
    }
    Ok((entrypoint, cmd))
}

/// The user as given (`-u` or the image's USER) and what it resolves to in the image, or in
/// `--hostuser`'s lines after the image's (which the init appends where the image lacks them).
fn identity(
    engine: &Engine,
    plan: &RunPlan,
    image: Base<'_>,
    ic: &ContainerConfig,
    host_users: &[(u32, String)],
) -> Result<(String, user::ResolvedUser), ContainerError> {
    let given = plan
        .ids
        .user
        .clone()
        .or_else(|| ic.user.clone())
        .unwrap_or_default();
    let files = image.user_files(engine)?;
    let passwd = match (files.passwd, host_users.is_empty()) {
        (passwd, true) => passwd,
        (passwd, false) => Some(host_users.iter().fold(
            passwd.unwrap_or_default(),
            |mut text, (_, line)| {
                text.push('\n');
                text.push_str(line);
                text
            },
        )),
    };
    let mut resolved = user::resolve_with(passwd, files.group.clone(), &given)?;
    for group in &plan.ids.group_add {
        let gid = match group {
            GroupAdd::Gid(gid) => *gid,
            GroupAdd::Name(name) => {
                user::group_id(files.group.as_deref(), name).ok_or_else(|| {
                    ContainerError::invalid(
                        "--group-add",
                        name,
                        "no such group in the image's /etc/group",
                    )
                })?
            }
        };
        if !resolved.groups.contains(&gid) {
            resolved.groups.push(gid);
        }
    }
    if plan.ids.keep_id {
        let (uid, gid) = (
            nix::unistd::getuid().as_raw(),
            nix::unistd::getgid().as_raw(),
        );
        if plan.ids.user.is_some() && resolved.uid != uid {
            return Err(ContainerError::User {
                user: given,
                reason: format!("--userns=keep-id maps only your own uid {uid}"),
            });
        }
        resolved.uid = uid;
        resolved.gid = gid;
    }
    Ok((given, resolved))
}

/// The plan's name server and hosts options, with `--hosts-file image` read from the image.
fn dns_options(
    engine: &Engine,
    plan: &RunPlan,
    image: Base<'_>,
) -> Result<DnsOptions, ContainerError> {
    let mut dns = plan.network.dns.clone();
    if dns.hosts_base == HostsBase::Image {
        dns.hosts_base = HostsBase::Text(image.etc_hosts(engine)?.unwrap_or_default());
    }
    Ok(dns)
}

/// `--http-proxy`'s variables, the image's environment over them, rpod's own entries (less
/// those `--unsetenv` drops), then the flags' in order.
fn environment(plan: &RunPlan, ic: &ContainerConfig, hostname: &str, home: &str) -> Vec<String> {
    let mut env = plan.process.proxy_env.clone();
    for entry in ic.env.iter().flatten() {
        set_env(&mut env, entry.clone());
    }
    if !env.iter().any(|e| env_key(e) == "PATH") {
        env.insert(0, DEFAULT_PATH.to_string());
    }
    set_env(&mut env, format!("HOSTNAME={hostname}"));
    set_env(&mut env, "container=rpod".into());
    if plan.process.tty {
        set_env(&mut env, "TERM=xterm".into());
    }
    if !env.iter().any(|e| env_key(e) == "HOME") {
        env.push(format!("HOME={home}"));
    }
    let process = &plan.process;
    env.retain(|e| !process.unsetenv_all && !process.unsetenv.iter().any(|k| k == env_key(e)));
    for (key, template) in &process.env_merge {
        let image = env
            .iter()
            .find(|e| env_key(e) == key)
            .and_then(|e| e.split_once('=').map(|(_, v)| v.to_string()));
        let value = extra::merged_value(key, template, image.as_deref());
        set_env(&mut env, format!("{key}={value}"));
    }
    for entry in &plan.process.env {
        set_env(&mut env, entry.clone());
    }
    env
}

/// The command line's check over the image's; `--sdnotify=healthy` needs one.
fn healthcheck(
    plan: &RunPlan,
    ic: &ContainerConfig,
) -> Result<Option<crate::monitor::health::HealthConfig>, ContainerError> {
    let mut check = plan.health.merge(ic.healthcheck.as_ref())?;
    if let Some(check) = &mut check {
        let destination = std::mem::take(&mut check.log.destination);
        check.log.destination = super::plan::health_extras::existing(destination)?;
    }
    if check.is_none() && plan.sdnotify == crate::monitor::notify::SdNotify::Healthy {
        return Err(ContainerError::invalid(
            "--sdnotify",
            "healthy",
            "READY=1 waits for a healthy check, and the container has none: add --health-cmd",
        ));
    }
    Ok(check)
}

fn labels(plan: &RunPlan, ic: &ContainerConfig) -> BTreeMap<String, String> {
    let mut labels = ic.labels.clone().unwrap_or_default();
    labels.extend(plan.labels.iter().cloned());
    labels
}

/// `--stop-signal`, else systemd's halt in systemd mode (podman's order: over the image's),
/// else the image's, else SIGTERM.
fn stop_signal(
    plan: &RunPlan,
    ic: &ContainerConfig,
    systemd_on: bool,
) -> Result<String, ContainerError> {
    let signal = match (plan.process.stop_signal, &ic.stop_signal) {
        (Some(signal), _) => signal,
        (None, _) if systemd_on => crate::runtime::signal::SignalNumber::systemd_halt(),
        (None, Some(image)) => super::plan::process::parse_signal(image)?,
        (None, None) => crate::runtime::signal::SignalNumber::SIGTERM,
    };
    Ok(signal.name())
}

/// The `--network` mode, with `container:NAME` resolved to the container's id now, as docker
/// does: a later container of the same name is another container. User-defined networks get
/// the container's addresses leased (for the container `id`; only checked without one).
fn network_mode(
    engine: &Engine,
    mode: &NetworkMode,
    id: Option<&ContainerId>,
) -> Result<NetworkMode, ContainerError> {
    Ok(match mode {
        NetworkMode::Bridge(attachments) => match id {
            Some(id) => super::network_use::resolve(engine, id, attachments)?,
            None => {
                super::network_use::check(engine, attachments)?;
                mode.clone()
            }
        },
        NetworkMode::Container(name) => {
            // `run` fails with 125 on a bad flag, whatever the flag names.
            let (record, _) = engine.find(name).map_err(|e| {
                ContainerError::invalid("--network", format!("container:{name}"), e.to_string())
            })?;
            NetworkMode::Container(record.id.to_string())
        }
        other => other.clone(),
    })
}

/// `-p`, and `-P` for the image's EXPOSEd ports and `--expose`, with host ports chosen and
/// checked free now so that a conflict is reported before anything starts.
fn published_ports(
    plan: &RunPlan,
    ic: &ContainerConfig,
    network: &NetworkMode,
) -> Result<Vec<PortMapping>, ContainerError> {
    let mut requests = plan.network.publish.clone();
    if plan.network.publish_all {
        let exposed: Vec<String> = ic
            .exposed_ports
            .iter()
            .flat_map(|m| m.keys().cloned())
            .chain(plan.network.expose.iter().cloned())
            .collect();
        requests.extend(ports::publish_all(&exposed).map_err(NetworkError::from)?);
    }
    if requests.is_empty() {
        return Ok(Vec::new());
    }
    check_publishable(network, &plan.network.publish_given)?;
    if let NetworkMode::Bridge(attachments) = network
        && let Some(first) = attachments.first()
        && first.link.as_ref().is_some_and(|l| l.v4.is_none())
    {
        return Err(ContainerError::invalid(
            "--publish",
            plan.network.publish_given.join(","),
            format!(
                "network {} assigns no addresses (--ipam-driver none): a published port leads \
                 to the container's address on its first network",
                first.network
            ),
        ));
    }
    let mappings = ports::allocate(&requests).map_err(NetworkError::from)?;
    if let NetworkMode::Bridge(_) = network {
        crate::network::forward::check(&mappings).map_err(NetworkError::from)?;
    }
    Ok(mappings)
}

/// How inspect and errors name a `--cgroupns` choice (docker's `HostConfig.CgroupnsMode`).
pub fn cgroupns_mode(sharing: &super::plan::namespaces::Sharing) -> String {
    use super::plan::namespaces::Sharing;
    match sharing {
        Sharing::Private => "private".into(),
        Sharing::Host => "host".into(),
        Sharing::Container(id) => format!("container:{id}"),
    }
}
