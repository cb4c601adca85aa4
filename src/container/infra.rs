//! A pod's infra container: the container whose namespaces (`--share`: net, ipc, uts) the
//! pod's members join. By default its init never execs: it holds the namespaces and pauses
//! (the runtime's `pause`), so its image is one empty layer with the directories the runtime
//! mounts on, made once per store; no program of any image runs in it. `--infra-image` makes
//! it an ordinary container of that image (its entrypoint, or `--infra-command`, runs).

use super::plan::namespaces::Sharing;
use super::plan::{MoreOptions, RunOptions, RunPlan};
use super::pod_use::PodChoice;
use super::record::ContainerRecord;
use super::{ContainerError, Engine, run};
use crate::image::import::{self, ImportOptions};
use crate::image::manifest::Platform;
use crate::image::progress::Silent;
use crate::image::reference::Reference;
use crate::image::store::StoreError;
use crate::pods::Pod;

/// podman's is `localhost/podman-pause:VERSION`.
pub const IMAGE: &str = "localhost/rpod-infra:latest";

/// What `ps` shows as the infra container's command: the rpod init, pausing.
const COMMAND: &str = r#"CMD ["rpod-infra-pause"]"#;

/// The infra container of a pod as `pod create` asks for it.
#[derive(Debug, Clone, Default)]
pub struct InfraRequest {
    /// `--infra-name`; podman's default is the pod id's first 12 characters and `-infra`.
    pub name: Option<String>,
    /// `--hostname` (default: the pod's name): the pod's UTS namespace is the infra's.
    pub hostname: Option<String>,
    /// The pod's network, as `run` takes them: `--network`, `-p`, `--add-host`, `--dns`,
    /// `--dns-search`, `--dns-option`. The members share the infra's network and its
    /// /etc/hosts and resolv.conf.
    pub network: Option<String>,
    pub publish: Vec<String>,
    pub add_hosts: Vec<String>,
    pub dns: Vec<String>,
    pub dns_search: Vec<String>,
    pub dns_options: Vec<String>,
    /// `--infra-conmon-pidfile`: the infra's monitor pid, for a Type=forking unit.
    pub conmon_pidfile: Option<std::path::PathBuf>,
    /// `--infra-image`: an image whose program runs as the infra, instead of rpod's pause.
    pub image: Option<String>,
    /// `--infra-command`: that program, instead of the image's entrypoint (podman's syntax:
    /// a command, or a JSON array).
    pub command: Option<String>,
    /// The pod's other options that `run` takes too (`-v`, `--volumes-from`, `--device`,
    /// `--sysctl`, `--userns`, `--uts`, `--pid`, `--ip`, `--network-alias`, `--hosts-file`, …):
    /// the infra container's own, so that they hold for the namespaces it keeps. Members
    /// inherit its mounts (see pod_use).
    pub shared: RunOptions,
}

/// Whether an infra container of `image_name` pauses (rpod's own, empty image) rather than
/// running its image's program.
pub fn pauses(image_name: &str) -> bool {
    image_name == IMAGE
}

/// The namespace kinds a pod can share.
pub const SHAREABLE: [&str; 5] = ["net", "ipc", "uts", "pid", "cgroup"];

/// What a pod shares unless `--share` says otherwise: podman's default.
const SHARED_BY_DEFAULT: [&str; 3] = ["net", "ipc", "uts"];

/// `--share`: podman's syntax (a list, `none` or empty for nothing, `+KIND` added to the
/// default list) and wording for an unknown kind.
pub fn parse_share(given: Option<&str>) -> Result<Vec<String>, ContainerError> {
    let default: Vec<String> = SHARED_BY_DEFAULT.iter().map(|s| s.to_string()).collect();
    let Some(given) = given else {
        return Ok(default);
    };
    let (mut out, list) = match given.strip_prefix('+') {
        Some(rest) => (default, rest),
        None => (Vec::new(), given),
    };
    for kind in list.split(',').filter(|k| !k.is_empty() && *k != "none") {
        match kind {
            k if SHAREABLE.contains(&k) => {}
            _ => {
                return Err(ContainerError::invalid(
                    "--share",
                    given,
                    format!(
                        "Invalid kernel namespace to share: {kind}. Options are: cgroup, ipc, net, pid, uts or none"
                    ),
                ));
            }
        }
        if !out.iter().any(|k| k == kind) {
            out.push(kind.to_string());
        }
    }
    Ok(out)
}

/// Makes the infra image unless the store has it.
fn ensure_image(engine: &Engine) -> Result<(), ContainerError> {
    match engine.store.find(IMAGE, &engine.config.registries) {
        Ok(_) => return Ok(()),
        Err(StoreError::NotFound(_)) => {}
        Err(e) => return Err(e.into()),
    }
    let name = Reference::parse_local(IMAGE)
        .map_err(|e| ContainerError::invalid("image", IMAGE, e.to_string()))?;
    let opts = ImportOptions {
        changes: vec![COMMAND.into()],
        message: Some("rpod pod infra".into()),
        platform: Platform::host(),
    };
    import::import(engine.store, &empty_root()[..], Some(&name), &opts)
        .map_err(ContainerError::InfraImage)?;
    Ok(())
}

/// A tarball of the directories the runtime mounts on, and nothing else.
fn empty_root() -> Vec<u8> {
    let mut tar = tar::Builder::new(Vec::new());
    for dir in ["dev", "etc", "proc", "sys", "tmp", "run"] {
        let mut header = tar::Header::new_gnu();
        header.set_entry_type(tar::EntryType::Directory);
        header.set_mode(0o755);
        header.set_size(0);
        header.set_mtime(0);
        tar.append_data(&mut header, format!("{dir}/"), std::io::empty())
            .expect("writing to a Vec cannot fail");
    }
    tar.into_inner().expect("writing to a Vec cannot fail")
}

/// `--infra-command`'s refusal for rpod's own infra container.
pub fn pausing_runs_no_command(command: &str) -> ContainerError {
    ContainerError::invalid(
        "--infra-command",
        command,
        "rpod's default infra container runs no program (its image is empty and it pauses): \
         give --infra-image too, an image that has the command",
    )
}

/// `--infra-command`, podman's syntax: a program, or a JSON array of the program and its
/// arguments; the program replaces the image's entrypoint.
pub fn parse_command(given: Option<&str>) -> Result<Option<(String, Vec<String>)>, ContainerError> {
    let Some(given) = given else {
        return Ok(None);
    };
    if !given.trim_start().starts_with('[') {
        return Ok(Some((given.to_string(), Vec::new())));
    }
    let words: Vec<String> = serde_json::from_str(given).map_err(|e| {
        ContainerError::invalid(
            "--infra-command",
            given,
            format!("not a JSON array of strings: {e}"),
        )
    })?;
    match words.split_first() {
        Some((program, args)) => Ok(Some((program.clone(), args.to_vec()))),
        None => Err(ContainerError::invalid(
            "--infra-command",
            given,
            "the command is empty",
        )),
    }
}

/// The infra container's plan, checked before the pod is written. Root emulation is off in
/// it: nothing runs there that could call for it.
pub fn plan(
    engine: &Engine,
    pod_name: Option<&str>,
    request: &InfraRequest,
) -> Result<RunPlan, ContainerError> {
    if let (Some(command), None) = (&request.command, &request.image) {
        return Err(pausing_runs_no_command(command));
    }
    let (entrypoint, command) = match parse_command(request.command.as_deref())? {
        Some((program, args)) => (Some(program), args),
        None => (None, Vec::new()),
    };
    let opts = RunOptions {
        image: request.image.clone().unwrap_or_else(|| IMAGE.into()),
        command,
        // rpod's own image is made locally; another is pulled as `run` would.
        pull: request.image.is_none().then(|| "never".into()),
        entrypoint,
        name: request.name.clone(),
        // podman's pods are named after the pod unless told otherwise; the host's UTS
        // namespace keeps the host's name.
        hostname: request.hostname.clone().or(pod_name
            .filter(|_| request.shared.uts.as_deref() != Some("host"))
            .map(String::from)),
        security_opt: match request.image {
            None => vec!["root-emulation=off".into()],
            Some(_) => request.shared.security_opt.clone(),
        },
        network: request.network.clone().into_iter().collect(),
        publish: request.publish.clone(),
        add_hosts: request.add_hosts.clone(),
        dns: request.dns.clone(),
        dns_search: request.dns_search.clone(),
        dns_options: request.dns_options.clone(),
        more: MoreOptions {
            conmon_pidfile: request.conmon_pidfile.clone(),
            ..request.shared.more.clone()
        },
        ..request.shared.clone()
    };
    RunPlan::build(&opts, engine.config)
}

/// Creates the pod's infra container (not started) from its [`plan`].
pub fn create(
    engine: &Engine,
    pod: &Pod,
    plan: &RunPlan,
) -> Result<ContainerRecord, ContainerError> {
    if pauses(&plan.image.reference) {
        ensure_image(engine)?;
    }
    let mut plan = plan.clone();
    plan.name
        .get_or_insert_with(|| format!("{}-infra", &pod.id[..12]));
    if plan.namespaces.uts != Sharing::Host {
        plan.process
            .hostname
            .get_or_insert_with(|| pod.name.clone());
    }
    plan.pod = Some(PodChoice::Infra(pod.id.clone()));
    run::create_container(engine, &plan, &Silent)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn share_follows_podmans_syntax() {
        assert_eq!(parse_share(None).unwrap(), ["net", "ipc", "uts"]);
        assert_eq!(parse_share(Some("ipc")).unwrap(), ["ipc"]);
        assert!(parse_share(Some("none")).unwrap().is_empty());
        assert!(parse_share(Some("")).unwrap().is_empty());
        assert_eq!(parse_share(Some("+net")).unwrap(), ["net", "ipc", "uts"]);
        let unknown = parse_share(Some("net,bogus")).unwrap_err().to_string();
        assert!(
            unknown.contains("Invalid kernel namespace to share: bogus"),
            "{unknown}"
        );
        assert_eq!(
            parse_share(Some("+pid")).unwrap(),
            ["net", "ipc", "uts", "pid"]
        );
        assert_eq!(
            parse_share(Some("+cgroup")).unwrap(),
            ["net", "ipc", "uts", "cgroup"]
        );
        assert!(parse_share(Some("user")).is_err());
    }

    #[test]
    fn the_infra_root_holds_only_mount_points() {
        let bytes = empty_root();
        let mut archive = tar::Archive::new(&bytes[..]);
        let names: Vec<String> = archive
            .entries()
            .unwrap()
            .map(|e| e.unwrap().path().unwrap().display().to_string())
            .collect();
        assert_eq!(names, ["dev/", "etc/", "proc/", "sys/", "tmp/", "run/"]);
    }
}
