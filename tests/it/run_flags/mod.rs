//! Every option `rpod run` and `rpod create` accept, read from their `--help`, has a check
//! here that proves it takes effect in a real container, or that rpod refuses it (or warns)
//! with the documented reason: no option is accepted and then silently ignored.

mod attached;
mod cdi;
mod fourth;
mod globals;
mod image;
mod isolation;
mod more;
mod process;
mod service;
mod third;

use std::collections::BTreeSet;

use crate::common::Env;
use crate::common::env::Out;

/// A check: runs containers with the option and asserts what it changed.
type Check = fn(&Env);

/// The long options each check proves.
const CHECKS: &[(&[&str], Check)] = &[
    // Global options, accepted by every verb.
    (&["root"], image::root),
    (&["runroot"], image::runroot),
    (&["log-level"], image::log_level),
    (&["storage-driver"], image::storage_driver),
    (&["help"], image::help),
    (&["out"], globals::out),
    (&["volumepath"], globals::volumepath),
    (&["network-config-dir"], globals::network_config_dir),
    (&["config"], globals::config),
    (&["cdi-spec-dir"], globals::cdi_spec_dir),
    (&["events-backend"], globals::events_backend),
    (&["hooks-dir"], crate::hooks::hooks_dir),
    // Where the image comes from.
    (&["pull"], image::pull),
    (&["quiet"], image::quiet),
    (&["platform"], image::platform),
    (&["tls-verify"], image::tls_verify),
    (&["creds"], image::creds),
    (&["cert-dir"], image::cert_dir),
    (&["authfile"], image::authfile),
    (&["retry", "retry-delay"], image::retry),
    (&["disable-content-trust"], image::disable_content_trust),
    (&["decryption-key"], image::decryption_key),
    (&["rootfs"], crate::squash_run::rootfs),
    // The process.
    (&["detach"], process::detach),
    (&["name"], process::name),
    (&["interactive"], process::interactive),
    (&["tty"], process::tty),
    (&["rm"], process::rm),
    (&["env"], process::env_var),
    (&["env-file"], process::env_file),
    (&["workdir"], process::workdir),
    (&["user"], process::user),
    (&["entrypoint"], process::entrypoint),
    (&["hostname"], process::hostname),
    (&["init"], process::init),
    (&["stop-signal"], process::stop_signal),
    (&["stop-timeout"], process::stop_timeout),
    (&["label"], process::label),
    (&["replace"], process::replace),
    (&["ulimit"], process::ulimit),
    (&["secret"], more::secret),
    (&["env-host"], more::env_host),
    (&["http-proxy"], more::http_proxy),
    (&["unsetenv", "unsetenv-all"], more::unsetenv),
    (&["tz"], more::tz),
    (&["label-file"], more::label_file),
    (&["cidfile"], more::cidfile),
    (&["timeout"], more::timeout),
    (&["annotation"], third::annotation),
    (&["env-merge"], third::env_merge),
    (&["group-add"], third::group_add),
    (&["umask"], third::umask),
    (&["oom-score-adj"], third::oom_score_adj),
    (&["personality"], third::personality),
    (&["arch", "os", "variant"], third::platform_parts),
    (&["no-hosts"], third::no_hosts),
    (&["shm-size"], third::shm_size),
    (&["pidfile", "conmon-pidfile"], third::pidfile),
    (&["rmi"], third::rmi),
    (&["read-only-tmpfs"], third::read_only_tmpfs),
    (&["image-volume"], third::image_volume),
    (&["seccomp-policy"], third::seccomp_policy),
    (&["volumes-from"], third::volumes_from),
    (&["log-driver"], third::log_driver),
    (&["log-opt"], third::log_opt),
    (&["device"], third::device),
    (&["gpus"], cdi::devices),
    (&["sysctl"], fourth::sysctl),
    (&["cgroupns"], fourth::cgroupns),
    (&["preserve-fds"], fourth::preserve_fds),
    (&["preserve-fd"], crate::passwd::preserve_fd),
    (
        &["passwd", "passwd-entry", "group-entry"],
        crate::passwd::passwd,
    ),
    (&["chrootdirs"], crate::passwd::chrootdirs),
    (&["hostuser"], crate::passwd::hostuser),
    (&["no-hostname"], fourth::no_hostname),
    // How an attached run is wired to this command (run only).
    (&["attach"], attached::attach),
    (&["sig-proxy"], attached::sig_proxy),
    (&["detach-keys"], attached::detach_keys),
    (&["restart"], service::restart),
    (&["sdnotify"], service::sdnotify),
    (&["systemd", "shm-size-systemd"], crate::systemd_mode::check),
    (
        &[
            "health-cmd",
            "health-interval",
            "health-timeout",
            "health-retries",
            "health-start-period",
            "health-start-interval",
            "health-on-failure",
            "no-healthcheck",
        ],
        service::health,
    ),
    (
        &[
            "health-startup-cmd",
            "health-startup-interval",
            "health-startup-retries",
            "health-startup-success",
            "health-startup-timeout",
        ],
        crate::health_startup::startup,
    ),
    (
        &[
            "health-log-destination",
            "health-max-log-count",
            "health-max-log-size",
        ],
        crate::health_startup::log,
    ),
    // Confinement, network, file systems, limits.
    (&["read-only"], isolation::read_only),
    (&["privileged"], isolation::privileged),
    (&["cap-add"], isolation::cap_add),
    (&["cap-drop"], isolation::cap_drop),
    (&["security-opt"], isolation::security_opt),
    (&["userns"], isolation::userns),
    (&["network"], isolation::network),
    (&["ipc", "uts", "pid"], crate::sharing::check),
    (&["pod", "pod-id-file", "requires"], crate::pods::check),
    (&["init-ctr"], crate::pod_init::check),
    (
        &["network-alias", "ip", "mac-address"],
        isolation::network_names,
    ),
    (&["ip6", "link-local-ip"], crate::networks_ipv6::check),
    (&["publish"], isolation::publish),
    (&["publish-all", "expose"], isolation::publish_all),
    (&["dns", "dns-search", "dns-option"], isolation::dns),
    (&["add-host"], isolation::add_host),
    (&["hosts-file"], fourth::hosts_file),
    (&["volume"], isolation::volume),
    (&["mount"], isolation::mount),
    (&["tmpfs"], isolation::tmpfs),
    (
        &[
            "memory",
            "memory-swap",
            "memory-reservation",
            "cpus",
            "cpu-shares",
            "cpu-weight",
            "cpuset-cpus",
            "pids-limit",
            "cpu-quota",
            "cpu-period",
            "cpuset-mems",
            "cgroup-conf",
        ],
        isolation::limits,
    ),
    (
        &[
            "device-read-bps",
            "device-write-bps",
            "device-read-iops",
            "device-write-iops",
        ],
        isolation::device_rates,
    ),
    (&["cgroup-parent"], isolation::cgroup_parent),
    (&["cgroups"], isolation::cgroups),
];

/// The long options `rpod WORDS... --help` lists; None when rpod has no such command.
pub fn long_options_of(env: &Env, words: &[&str]) -> Option<BTreeSet<String>> {
    let mut args = words.to_vec();
    args.push("--help");
    let help = env.rpod(&args);
    // An unknown command is a usage error (125), not help.
    if help.code != 0 || !help.stdout.contains("Usage:") {
        return None;
    }
    let options = help
        .stdout
        .lines()
        .filter_map(|l| {
            let l = l.trim_start();
            let l = l
                .strip_prefix('-')
                .filter(|r| !r.starts_with('-'))
                .map_or(l, |r| r.split_once(", ").map_or(l, |(_, rest)| rest));
            let name = l.strip_prefix("--")?;
            let end = name.find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'));
            Some(name[..end.unwrap_or(name.len())].to_string())
        })
        .collect();
    Some(options)
}

/// The long options a verb's help lists.
fn long_options(env: &Env, verb: &str) -> BTreeSet<String> {
    long_options_of(env, &[verb]).unwrap_or_else(|| panic!("rpod has no {verb}"))
}

#[test]
fn every_run_and_create_option_has_an_effect_or_a_documented_refusal() {
    let env = Env::with_busybox();
    let checked: BTreeSet<&str> = CHECKS
        .iter()
        .flat_map(|(names, _)| names.iter().copied())
        .collect();
    let mut listed = BTreeSet::new();
    for verb in ["run", "create"] {
        let options = long_options(&env, verb);
        assert!(options.len() > 40, "{verb} --help lists {options:?}");
        for option in &options {
            assert!(
                checked.contains(option.as_str()),
                "{verb} accepts --{option}, which no check proves"
            );
        }
        listed.extend(options);
    }
    for name in &checked {
        assert!(
            listed.contains(*name),
            "--{name} is checked but not accepted"
        );
    }
    for (names, check) in CHECKS {
        eprintln!("checking --{}", names.join(", --"));
        check(&env);
    }
    eprintln!("{} options of run and create checked", listed.len());
}

/// `rpod run --rm --network none FLAGS busybox CMD...`
fn run(env: &Env, flags: &[&str], cmd: &[&str]) -> Out {
    let mut args = vec!["run", "--rm", "--network", "none"];
    args.extend_from_slice(flags);
    args.push("busybox");
    args.extend_from_slice(cmd);
    env.rpod(&args)
}

/// What `sh -c SCRIPT` prints in a container run with `flags`.
fn sh(env: &Env, flags: &[&str], script: &str) -> String {
    let out = run(env, flags, &["sh", "-c", script]);
    out.success();
    out.trimmed().to_string()
}
