//! Plan, then execute: what `run` and `create` are asked for, parsed and checked once into a
//! typed [`RunPlan`] before anything is pulled, locked or written. The command line builds the
//! plain [`RunOptions`] from its flags; the API socket (issue 19) builds the same struct from a
//! create request and calls the same [`RunPlan::build`]. The builder only reads: the files a
//! flag names (`--env-file`, a seccomp profile, a bind mount's source) and what the host
//! offers (network helpers); the image's part is merged in by `create`.

pub mod attach;
pub mod cdi;
pub mod etc_files;
pub mod exec;
pub mod extra;
pub mod health;
pub mod health_extras;
pub mod ids;
pub mod image;
pub mod mounts;
pub mod namespaces;
pub mod network;
pub mod process;
pub mod resources;
pub mod secrets;
pub mod security;
pub mod sysctl;
pub mod systemd;

use std::path::PathBuf;

use super::ContainerError;
use crate::config::Config;
use crate::ids::check_name;
use crate::image::auth::Credentials;
use crate::monitor::notify::{BadMode, SdNotify};
use crate::monitor::restart::RestartPolicy;

/// What `run` and `create` are asked for, as given: docker's and podman's flags by name.
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    /// The image reference or id (with `rootfs`, the squashfs file).
    pub image: String,
    /// `--rootfs`: `image` names a squashfs image file, not an image (#22).
    pub rootfs: bool,
    /// `--pull`: missing (the default), always, never, newer.
    pub pull: Option<String>,
    pub platform: Option<String>,
    pub tls_verify: Option<bool>,
    /// `--cert-dir`: the CA files trusted for the pull.
    pub cert_dir: Option<PathBuf>,
    pub creds: Option<Credentials>,
    /// `--authfile`: the only credentials file the pull reads.
    pub authfile: Option<PathBuf>,
    /// `--retry`, `--retry-delay` (a Go duration) of the pull.
    pub retry: Option<u32>,
    pub retry_delay: Option<String>,
    /// `--decryption-key KEY[:PASSPHRASE]`: what opens the pulled image's encrypted layers.
    pub decryption_keys: Vec<String>,
    pub name: Option<String>,
    /// `--cidfile`: where the new container's id is written.
    pub cidfile: Option<PathBuf>,
    /// Arguments after the image: they replace the image's CMD.
    pub command: Vec<String>,
    /// `--entrypoint`: replaces the image's ENTRYPOINT and drops its CMD; "" clears it.
    pub entrypoint: Option<String>,
    pub env: Vec<String>,
    pub env_files: Vec<PathBuf>,
    /// `--env-host`: rpod's whole environment first.
    pub env_host: bool,
    /// `--http-proxy` (the CLI's default; not docker's API's): rpod's proxy variables, under
    /// the image's and the flags'.
    pub http_proxy: bool,
    /// `--unsetenv KEY`: drops a default or image variable.
    pub unsetenv: Vec<String>,
    /// `--unsetenv-all`: no default or image variables at all.
    pub unsetenv_all: bool,
    /// `--tz ZONE|local`.
    pub tz: Option<String>,
    pub workdir: Option<String>,
    pub user: Option<String>,
    pub userns: Option<String>,
    /// `--uidmap`, `--gidmap`, `--subuidname`, `--subgidname` as given (flag, value): each
    /// needs an id range, so each is refused.
    pub id_maps: Vec<(&'static str, String)>,
    pub hostname: Option<String>,
    pub tty: bool,
    pub interactive: bool,
    pub auto_remove: bool,
    /// `--restart no|always|on-failure[:N]|unless-stopped`.
    pub restart: Option<String>,
    /// `--sdnotify conmon|ignore` (podman's container and healthy are refused for now).
    pub sdnotify: Option<String>,
    /// The command line that made the container, for `generate systemd --new`.
    pub create_command: Vec<String>,
    pub read_only: bool,
    pub init: bool,
    pub stop_signal: Option<String>,
    pub stop_timeout: Option<u32>,
    pub labels: Vec<String>,
    pub label_files: Vec<PathBuf>,
    pub privileged: bool,
    pub cap_add: Vec<String>,
    pub cap_drop: Vec<String>,
    pub security_opt: Vec<String>,
    /// `--network`, once per value given: several are named networks joined together.
    pub network: Vec<String>,
    /// `--ipc`, `--uts`, `--pid`.
    pub ipc: Option<String>,
    pub uts: Option<String>,
    pub pid: Option<String>,
    /// `--cgroupns`: only a cgroup namespace of the container's own is taken.
    pub cgroupns: Option<String>,
    /// `--network-alias`, `--ip`, `--ip6`, `--mac-address`: for the one user-defined network.
    pub network_alias: Vec<String>,
    pub ip: Option<String>,
    pub ip6: Option<String>,
    /// `--link-local-ip`: docker's, which podman accepts and does not implement.
    pub link_local_ip: Vec<String>,
    pub mac_address: Option<String>,
    /// `-p`, `-P`, `--expose`.
    pub publish: Vec<String>,
    pub publish_all: bool,
    pub expose: Vec<String>,
    pub dns: Vec<String>,
    pub dns_search: Vec<String>,
    pub dns_options: Vec<String>,
    pub add_hosts: Vec<String>,
    /// `--hosts-file`: a host file, `none` or `image`.
    pub hosts_file: Option<String>,
    pub replace: bool,
    pub ulimits: Vec<String>,
    /// `--pod`, `--pod-id-file`, `--requires`.
    pub pod: Option<String>,
    pub pod_id_file: Option<PathBuf>,
    pub requires: Vec<String>,
    /// `create --init-ctr always|once`, as given.
    pub init_ctr: Option<String>,
    /// `create -a/--attach`: the streams a later `start -a` relays.
    pub attach: Vec<String>,
    /// `-v`, `--mount` and `--tmpfs`, as given.
    pub volumes: Vec<String>,
    pub mounts: Vec<String>,
    pub tmpfs: Vec<String>,
    /// `--secret NAME[,type=mount|env][,target=…]`.
    pub secrets: Vec<String>,
    /// Limits and cgroup options.
    pub resources: resources::ResourceOptions,
    /// `--health-*`, `--no-healthcheck`.
    pub health: health::HealthOptions,
    /// The third round's options (issue 16), as given.
    pub more: MoreOptions,
    /// `--passwd`, `--passwd-entry`, `--group-entry`, `--chrootdirs`.
    pub etc: etc_files::EtcOptions,
}

/// `run`/`create` options of podman's third round, as given.
#[derive(Debug, Clone, Default)]
pub struct MoreOptions {
    pub annotations: Vec<String>,
    pub env_merge: Vec<String>,
    pub shm_size: Option<String>,
    pub group_add: Vec<String>,
    pub no_hosts: bool,
    pub no_hostname: bool,
    pub umask: Option<String>,
    pub oom_score_adj: Option<i32>,
    pub personality: Option<String>,
    /// `--arch`, `--os`, `--variant`: parts of `--platform`.
    pub arch: Option<String>,
    pub os: Option<String>,
    pub variant: Option<String>,
    /// `--pidfile`.
    pub pidfile: Option<PathBuf>,
    /// `--conmon-pidfile`.
    pub conmon_pidfile: Option<PathBuf>,
    /// `--rmi` (run only): the image goes after the container; implies `--rm`.
    pub rmi: bool,
    /// `--read-only-tmpfs` (default true).
    pub read_only_tmpfs: Option<bool>,
    /// `--image-volume bind|tmpfs|ignore`.
    pub image_volume: Option<String>,
    /// `--volumes-from CONTAINER[:ro|rw]`.
    pub volumes_from: Vec<String>,
    pub log_driver: Option<String>,
    pub log_opts: Vec<String>,
    /// `--device HOST[:CONTAINER][:PERMISSIONS]` or a CDI device name.
    pub devices: Vec<String>,
    /// `--gpus all`.
    pub gpus: Option<String>,
    /// `--timeout SECONDS` (0 is none, as podman's default).
    pub timeout: Option<u32>,
    /// `--sysctl KEY=VALUE`.
    pub sysctls: Vec<String>,
    /// `--preserve-fds N` (run only).
    pub preserve_fds: u32,
    /// `--preserve-fd FD1[,FD2,…]`, once per flag (run only).
    pub preserve_fd: Vec<String>,
    /// `--systemd true|false|always`.
    pub systemd: Option<String>,
    /// `--shm-size-systemd SIZE`.
    pub shm_size_systemd: Option<String>,
    /// Options accepted only to be refused with the reason (flag, value).
    pub refused: Vec<(&'static str, String)>,
    /// No flag: a build's RUN step sets it. The container's writes need not survive a crash
    /// of the machine (its container goes once its layer is stored), so kernel overlay mounts
    /// its writable layer `volatile` and skips every sync, as podman's `run --rm` does (and
    /// its build's dpkg makes none); dpkg syncs each file it unpacks. The container is the
    /// build's, not the user's: see [`RunConfig::builder`](crate::container::record::RunConfig).
    pub build_step: bool,
}

/// Every flag of `run`/`create`, checked and typed; the image's own settings are merged in
/// when the container is created.
#[derive(Debug, Clone)]
pub struct RunPlan {
    pub image: image::ImagePlan,
    pub name: Option<String>,
    /// `--cidfile`: written once the container exists; it must not exist before.
    pub cidfile: Option<PathBuf>,
    /// `--replace`: a container holding the name is removed first.
    pub replace: bool,
    pub auto_remove: bool,
    /// A build's RUN step (see [`MoreOptions::build_step`]).
    pub build_step: bool,
    /// `--restart`; None when not given (a pod's default may then apply).
    pub restart: Option<RestartPolicy>,
    pub sdnotify: SdNotify,
    pub health: health::HealthPlan,
    pub create_command: Vec<String>,
    /// `-l KEY=VALUE`, in order.
    pub labels: Vec<(String, String)>,
    /// `--annotation KEY=VALUE`, in order.
    pub annotations: Vec<(String, String)>,
    /// `--pidfile`, absolute.
    pub pidfile: Option<PathBuf>,
    /// `--conmon-pidfile`, absolute.
    pub conmon_pidfile: Option<PathBuf>,
    /// `--rmi`: once the container is gone, so is its image (unless another container uses it).
    pub rmi: bool,
    /// `--image-volume`.
    pub image_volume: extra::ImageVolume,
    /// `--volumes-from`: (container, read-only override); its mounts are copied at create.
    pub volumes_from: Vec<(String, Option<bool>)>,
    /// `--log-driver`, `--log-opt`.
    pub log: crate::monitor::log::LogSpec,
    pub process: process::ProcessPlan,
    pub ids: ids::IdsPlan,
    pub security: security::SecurityPlan,
    pub network: network::NetworkPlan,
    pub namespaces: namespaces::NamespacesPlan,
    /// `--sysctl`, checked against the namespaces above.
    pub sysctls: Vec<sysctl::Sysctl>,
    /// `--passwd*`, `--group-entry`, `--chrootdirs`.
    pub etc: etc_files::EtcPlan,
    /// `run --preserve-fds`, `--preserve-fd`: descriptors of this command, each checked open,
    /// in order.
    pub preserve_fds: Vec<i32>,
    /// `-v`, `--mount` and `--tmpfs`, in that order; the image's VOLUMEs join at create.
    pub mounts: Vec<mounts::MountDef>,
    /// `--secret`: copied into the container at create.
    pub secrets: Vec<secrets::SecretUse>,
    pub resources: resources::Resources,
    /// `--pod`: the pod the container joins (resolved at create).
    pub pod: Option<super::pod_use::PodChoice>,
    /// `--requires`: containers by name or id, resolved at create.
    pub requires: Vec<String>,
    /// `--init-ctr`: an init container of the pod it joins.
    pub init_ctr: Option<super::pod_init::InitCtr>,
    /// `create -a`: the streams a later `start -a` relays.
    pub attach: Option<attach::Streams>,
}

impl RunPlan {
    /// Parses and checks every option; the first problem is the error.
    pub fn build(opts: &RunOptions, config: &Config) -> Result<RunPlan, ContainerError> {
        if let Some((flag, value)) = opts.more.refused.first() {
            return Err(ContainerError::invalid(flag, value, extra::refusal(flag)));
        }
        if let Some(name) = &opts.name {
            check_name(name).map_err(|e| ContainerError::invalid("name", name, e.to_string()))?;
        }
        let cdi = cdi_edits(opts, config)?;
        let mut plan = RunPlan {
            image: image::ImagePlan::build(opts)?,
            name: opts.name.clone(),
            cidfile: cidfile(opts.cidfile.as_deref())?,
            replace: opts.replace,
            auto_remove: opts.auto_remove || opts.more.rmi,
            build_step: opts.more.build_step,
            restart: restart(opts)?,
            sdnotify: sdnotify(opts.sdnotify.as_deref())?,
            health: health::HealthPlan::build(&opts.health)?,
            create_command: opts.create_command.clone(),
            labels: labels(&opts.label_files, &opts.labels)?,
            annotations: extra::annotations(&opts.more.annotations)?,
            pidfile: extra::pidfile("--pidfile", opts.more.pidfile.as_deref())?,
            conmon_pidfile: extra::pidfile(
                "--conmon-pidfile",
                opts.more.conmon_pidfile.as_deref(),
            )?,
            rmi: opts.more.rmi,
            image_volume: extra::image_volume(opts.more.image_volume.as_deref())?,
            volumes_from: extra::volumes_from(&opts.more.volumes_from)?,
            log: extra::log_spec(opts.more.log_driver.as_deref(), &opts.more.log_opts)?,
            ids: ids::IdsPlan::build(opts)?,
            process: process::ProcessPlan::build(opts)?,
            security: security::SecurityPlan::build(opts)?,
            network: network::NetworkPlan::build(opts, config)?,
            namespaces: namespaces::NamespacesPlan::build(opts)?,
            sysctls: Vec::new(),
            etc: etc_files::EtcPlan::build(&opts.etc)?,
            preserve_fds: extra::preserve_fds(opts.more.preserve_fds, &opts.more.preserve_fd)?,
            mounts: mounts_of(opts)?,
            secrets: opts
                .secrets
                .iter()
                .map(|s| secrets::parse(s))
                .collect::<Result<_, _>>()?,
            resources: resources::Resources::build(&opts.resources)?,
            pod: super::pod_use::parse(opts.pod.as_deref(), opts.pod_id_file.as_deref())?,
            requires: requires(&opts.requires),
            init_ctr: super::pod_init::InitCtr::parse(
                opts.init_ctr.as_deref(),
                opts.pod.is_some() || opts.pod_id_file.is_some(),
            )?,
            attach: attach::Streams::parse(&opts.attach)?,
        };
        plan.namespaces.check_network(&plan.network.mode)?;
        if let (Some(name), namespaces::Sharing::Host) = (&opts.hostname, &plan.namespaces.uts) {
            return Err(ContainerError::invalid(
                "--hostname",
                name,
                "cannot set the hostname of a container in the host's UTS namespace (--uts host)",
            ));
        }
        plan.sysctls = sysctl::build(&opts.more.sysctls, &plan.network.mode, &plan.namespaces.ipc)?;
        if let (Some(size), Some("host")) = (&opts.more.shm_size, opts.ipc.as_deref()) {
            return Err(ContainerError::invalid(
                "--shm-size",
                size,
                "with --ipc host the container uses the host's /dev/shm, which has its own size",
            ));
        }
        plan.add_cdi(cdi, "--device", &opts.more.devices.join(","))?;
        if !plan.ids.group_add.is_empty() && !plan.security.root_emulation {
            return Err(ContainerError::invalid(
                "--group-add",
                opts.more.group_add.join(","),
                "a one-id user namespace cannot set groups: it needs root emulation \
                 (--security-opt root-emulation=on)",
            ));
        }
        Ok(plan)
    }
}

impl RunPlan {
    /// CDI edits under what the plan has: a mount on a target the plan mounts already, or a
    /// group it adds already, is left out, and the variables go before the plan's own, which
    /// win. `flag` and `given` asked for them.
    pub fn add_cdi(
        &mut self,
        edits: cdi::CdiEdits,
        flag: &'static str,
        given: &str,
    ) -> Result<(), ContainerError> {
        if !edits.groups.is_empty() && !self.security.root_emulation {
            return Err(ContainerError::invalid(
                flag,
                given,
                "the CDI specification adds groups (additionalGids), which a one-id user \
                 namespace can only give with root emulation (--security-opt root-emulation=on)",
            ));
        }
        let mounts: Vec<_> = edits
            .mounts
            .into_iter()
            .filter(|m| !self.mounts.iter().any(|own| own.target == m.target))
            .collect();
        self.mounts.extend(mounts);
        self.process.env.splice(0..0, edits.env);
        for group in edits.groups {
            if !self.ids.group_add.contains(&group) {
                self.ids.group_add.push(group);
            }
        }
        Ok(())
    }
}

/// `--device`'s CDI names and `--gpus`, carried out as mounts, variables and groups.
fn cdi_edits(opts: &RunOptions, config: &Config) -> Result<cdi::CdiEdits, ContainerError> {
    let gpus = opts.more.gpus.as_deref().map(cdi::gpus).transpose()?;
    let names: Vec<&str> = opts
        .more
        .devices
        .iter()
        .map(String::as_str)
        .filter(|d| cdi::is_cdi_name(d))
        .chain(gpus.as_deref())
        .collect();
    cdi::resolve(&names, config)
}

/// `--requires a,b --requires c`: the names, each once.
fn requires(given: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for name in given
        .iter()
        .flat_map(|g| g.split(','))
        .filter(|n| !n.is_empty())
    {
        if !out.iter().any(|o| o == name) {
            out.push(name.to_string());
        }
    }
    out
}

/// `--restart`; docker refuses it with `--rm`, which removes what would be restarted.
fn restart(opts: &RunOptions) -> Result<Option<RestartPolicy>, ContainerError> {
    let Some(given) = opts.restart.as_deref() else {
        return Ok(None);
    };
    let policy: RestartPolicy =
        given
            .parse()
            .map_err(|e: crate::monitor::restart::BadPolicy| {
                ContainerError::invalid("--restart", given, e.to_string())
            })?;
    if (opts.auto_remove || opts.more.rmi) && policy != RestartPolicy::No {
        return Err(ContainerError::invalid(
            "--restart",
            given,
            "the --rm option conflicts with a restart policy other than no",
        ));
    }
    Ok(Some(policy))
}

fn sdnotify(given: Option<&str>) -> Result<SdNotify, ContainerError> {
    given.map_or(Ok(SdNotify::Ignore), |mode| {
        mode.parse()
            .map_err(|e: BadMode| ContainerError::invalid("--sdnotify", mode, e.to_string()))
    })
}

/// podman's rule: an existing id file may be another container's, so it is never overwritten.
/// Absolute, since the container's removal (by another command, or its monitor) removes it.
fn cidfile(path: Option<&std::path::Path>) -> Result<Option<PathBuf>, ContainerError> {
    let Some(path) = path else {
        return Ok(None);
    };
    let invalid =
        |why: String| ContainerError::invalid("--cidfile", path.display().to_string(), why);
    if path.exists() {
        return Err(invalid(
            "container id file exists: ensure another container is not using it or delete it"
                .into(),
        ));
    }
    std::path::absolute(path)
        .map(Some)
        .map_err(|e| invalid(e.to_string()))
}

/// `-v`, `--mount`, `--tmpfs`, then `--tz`'s zone file.
fn mounts_of(opts: &RunOptions) -> Result<Vec<mounts::MountDef>, ContainerError> {
    let mut all = mounts::from_flags(&opts.volumes, &opts.mounts, &opts.tmpfs)?;
    all.extend(opts.tz.as_deref().map(mounts::timezone).transpose()?);
    all.extend(
        opts.more
            .shm_size
            .as_deref()
            .map(extra::shm_mount)
            .transpose()?,
    );
    for device in opts.more.devices.iter().filter(|d| !cdi::is_cdi_name(d)) {
        all.extend(extra::device(device)?);
    }
    if opts.read_only && opts.more.read_only_tmpfs != Some(false) {
        let tmpfs = extra::read_only_tmpfs(&all);
        all.extend(tmpfs);
    }
    Ok(all)
}

/// `--label-file` lines (blank lines and `#` comments skipped), then `-l`, in order.
pub fn labels(
    files: &[PathBuf],
    given: &[String],
) -> Result<Vec<(String, String)>, ContainerError> {
    let mut all = Vec::new();
    for file in files {
        let text =
            std::fs::read_to_string(file).map_err(ContainerError::io("read label file", file))?;
        all.extend(
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(str::to_string),
        );
    }
    all.extend(given.iter().cloned());
    all.iter()
        .map(|l| match l.split_once('=').unwrap_or((l.as_str(), "")) {
            ("", _) => Err(ContainerError::invalid("label", l, "expected KEY=VALUE")),
            (k, v) => Ok((k.to_string(), v.to_string())),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(image: &str) -> RunOptions {
        RunOptions {
            image: image.into(),
            command: vec!["true".into()],
            network: vec!["none".into()],
            ..RunOptions::default()
        }
    }

    fn error(opts: RunOptions) -> String {
        RunPlan::build(&opts, &Config::default())
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn every_flag_group_is_checked_before_anything_runs() {
        let bad = [
            (
                RunOptions {
                    name: Some("bad name".into()),
                    ..options("x")
                },
                "invalid name",
            ),
            (
                RunOptions {
                    labels: vec!["=v".into()],
                    ..options("x")
                },
                "invalid label",
            ),
            (
                RunOptions {
                    userns: Some("bogus".into()),
                    ..options("x")
                },
                "--userns",
            ),
            (
                RunOptions {
                    stop_signal: Some("SIGNOPE".into()),
                    ..options("x")
                },
                "invalid signal",
            ),
            (
                RunOptions {
                    cap_add: vec!["CAP_NOPE".into()],
                    ..options("x")
                },
                "capability",
            ),
            (
                RunOptions {
                    security_opt: vec!["selinux=on".into()],
                    ..options("x")
                },
                "security option",
            ),
            (
                RunOptions {
                    dns: vec!["not-an-ip".into()],
                    ..options("x")
                },
                "--dns",
            ),
            (
                RunOptions {
                    tmpfs: vec!["relative".into()],
                    ..options("x")
                },
                "--tmpfs",
            ),
            (
                RunOptions {
                    resources: resources::ResourceOptions {
                        limits: resources::LimitOptions {
                            memory: Some("bogus".into()),
                            ..Default::default()
                        },
                        ..Default::default()
                    },
                    ..options("x")
                },
                "invalid --memory \"bogus\"",
            ),
            (
                RunOptions {
                    pull: Some("sometimes".into()),
                    ..options("x")
                },
                "--pull",
            ),
        ];
        for (opts, expected) in bad {
            let message = error(opts);
            assert!(message.contains(expected), "{message:?} lacks {expected:?}");
        }
    }

    #[test]
    fn a_plan_keeps_what_was_asked() {
        let opts = RunOptions {
            name: Some("web".into()),
            labels: vec!["a=1".into(), "b".into()],
            stop_signal: Some("int".into()),
            ..options("busybox")
        };
        let plan = RunPlan::build(&opts, &Config::default()).unwrap();
        assert_eq!(plan.name.as_deref(), Some("web"));
        assert_eq!(
            plan.labels,
            [("a".into(), "1".into()), ("b".into(), String::new())]
        );
        assert_eq!(
            plan.process.stop_signal,
            Some(nix::sys::signal::Signal::SIGINT.into())
        );
        assert_eq!(plan.image.reference, "busybox");
    }
}
