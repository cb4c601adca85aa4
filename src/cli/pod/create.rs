//! `rpod pod create`.

use std::collections::BTreeMap;
use std::path::PathBuf;

use clap::Args;

use crate::cli::context::Context;
use crate::cli::flags::resources::PodCgroupFlags;
use crate::cli::{GlobalFlags, out, style};
use crate::container::infra::{self, InfraRequest};
use crate::container::plan::{self, ids::IdsPlan};
use crate::container::{ContainerError, pod, pod_cgroup, pod_inherit};
use crate::error::Error;
use crate::ids::check_name;
use crate::pods::{ExitPolicy, PodRequest};

/// Create a new pod, with an infra container holding its shared namespaces
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod pod create [options] [NAME]")]
pub struct CreateArgs {
    /// The pod's name
    #[arg(short, long, value_name = "NAME")]
    pub name: Option<String>,
    /// Create an infra container holding the pod's shared namespaces (default true)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true", require_equals = true)]
    pub infra: Option<bool>,
    /// The infra container's name (default: the pod id's first 12 characters, then -infra)
    #[arg(long, value_name = "NAME")]
    pub infra_name: Option<String>,
    /// An image whose program runs as the infra container (default: rpod's own, which only
    /// holds the namespaces)
    #[arg(long, value_name = "IMAGE")]
    pub infra_image: Option<String>,
    /// The infra container's command, instead of its image's entrypoint (needs --infra-image)
    #[arg(long, value_name = "COMMAND")]
    pub infra_command: Option<String>,
    /// Namespaces the pod's containers share: net, ipc, uts (the default: all three), pid,
    /// cgroup, none, or +KIND to add to the default
    #[arg(long, value_name = "NAMESPACES")]
    pub share: Option<String>,
    /// Set a label on the pod (KEY=VALUE)
    #[arg(short, long, value_name = "KEY=VALUE")]
    pub label: Vec<String>,
    /// The hostname of the pod's containers (its UTS namespace is the infra container's)
    #[arg(long, value_name = "NAME")]
    pub hostname: Option<String>,
    /// What the pod does once its last container exits: continue (default) or stop
    #[arg(long, value_name = "POLICY", default_value = "continue")]
    pub exit_policy: String,
    /// Write the pod's id to this file
    #[arg(long, value_name = "PATH")]
    pub pod_id_file: Option<PathBuf>,
    /// Remove a pod of the same name (and its containers) first
    #[arg(long)]
    pub replace: bool,
    /// Publish a port of the pod's containers on the host ([IP:][HOSTPORT:]PORT[/PROTO])
    #[arg(short, long, value_name = "PORT")]
    pub publish: Vec<String>,
    /// The pod's network: pasta, slirp4netns, none, host or a network's name
    #[arg(long, alias = "net", value_name = "MODE")]
    pub network: Option<String>,
    /// Add a line to the /etc/hosts the pod's containers share (HOST:IP)
    #[arg(long, value_name = "HOST:IP")]
    pub add_host: Vec<String>,
    /// A DNS server for the pod's containers
    #[arg(long, value_name = "IP")]
    pub dns: Vec<String>,
    /// A DNS search domain for the pod's containers
    #[arg(long, value_name = "DOMAIN")]
    pub dns_search: Vec<String>,
    /// A resolver option for the pod's containers
    #[arg(long, value_name = "OPTION")]
    pub dns_option: Vec<String>,
    /// Write the process id of the infra container's monitor (podman's conmon) to this file
    #[arg(long, value_name = "FILE")]
    pub infra_conmon_pidfile: Option<PathBuf>,
    #[command(flatten)]
    pub options: super::options::PodOptions,
    #[command(flatten)]
    pub network_options: super::options::PodNetworkOptions,
    #[command(flatten)]
    pub cgroup: PodCgroupFlags,
    #[arg(value_name = "NAME", conflicts_with = "name")]
    pub positional_name: Option<String>,
}

/// The flags that configure the infra container: without one they could not take effect.
fn infra_only(args: &CreateArgs) -> Option<(&'static str, String)> {
    let share = args
        .share
        .as_deref()
        .filter(|s| !s.is_empty() && *s != "none");
    [
        ("--share", share.map(String::from)),
        ("--hostname", args.hostname.clone()),
        ("--infra-name", args.infra_name.clone()),
        ("--infra-image", args.infra_image.clone()),
        ("--infra-command", args.infra_command.clone()),
        ("--publish", args.publish.first().cloned()),
        ("--network", args.network.clone()),
        ("--add-host", args.add_host.first().cloned()),
        ("--dns", args.dns.first().cloned()),
        ("--dns-search", args.dns_search.first().cloned()),
        ("--dns-option", args.dns_option.first().cloned()),
        (
            "--infra-conmon-pidfile",
            args.infra_conmon_pidfile
                .as_ref()
                .map(|p| p.display().to_string()),
        ),
    ]
    .into_iter()
    .find_map(|(flag, v)| v.map(|v| (flag, v)))
    .or_else(|| args.options.infra_only(&args.network_options))
}

/// The infra container asked for, or none with `--infra=false`.
fn infra(args: &CreateArgs) -> Result<Option<InfraRequest>, ContainerError> {
    if args.infra == Some(false) {
        if let Some((flag, value)) = infra_only(args) {
            return Err(ContainerError::invalid(
                flag,
                value,
                "this needs the pod's infra container, and the pod has none (--infra=false)",
            ));
        }
        return Ok(None);
    }
    if let Some(name) = &args.infra_name {
        check_name(name)
            .map_err(|e| ContainerError::invalid("--infra-name", name, e.to_string()))?;
    }
    Ok(Some(InfraRequest {
        name: args.infra_name.clone(),
        hostname: args.hostname.clone(),
        network: args.network.clone(),
        publish: args.publish.clone(),
        add_hosts: args.add_host.clone(),
        dns: args.dns.clone(),
        dns_search: args.dns_search.clone(),
        dns_options: args.dns_option.clone(),
        conmon_pidfile: args.infra_conmon_pidfile.clone(),
        image: args.infra_image.clone(),
        command: args.infra_command.clone(),
        shared: args.options.shared(&args.network_options),
    }))
}

fn request(args: &CreateArgs) -> Result<PodRequest, Error> {
    let labels = labels(&args.options.label_file, &args.label)?;
    let exit_policy = ExitPolicy::parse(&args.exit_policy).map_err(ContainerError::from)?;
    if exit_policy == ExitPolicy::Stop && args.infra == Some(false) {
        return Err(ContainerError::invalid(
            "--exit-policy",
            "stop",
            "a pod stops with its infra container, and this pod has none (--infra=false)",
        )
        .into());
    }
    let share = match args.infra {
        Some(false) => Vec::new(),
        _ => infra::parse_share(args.share.as_deref())?,
    };
    let members = args.options.members();
    pod_inherit::check(&members, &share)?;
    // One id is mapped with or without an infra container: refused either way.
    IdsPlan::build(&args.options.shared(&args.network_options))?;
    Ok(PodRequest {
        name: args.name.clone().or_else(|| args.positional_name.clone()),
        labels,
        share,
        exit_policy,
        create_command: std::env::args().collect(),
        members,
        cgroup: pod_cgroup::build(&args.cgroup.options())?,
    })
}

/// `--label-file`'s lines, then `--label`s: a later one of a key wins.
pub(super) fn labels(
    files: &[PathBuf],
    given: &[String],
) -> Result<BTreeMap<String, String>, ContainerError> {
    Ok(plan::labels(files, given)?.into_iter().collect())
}

pub fn run(args: CreateArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let request = request(&args)?;
    let infra = infra(&args)?;
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    let created = pod::create(
        &engine,
        request,
        infra,
        args.replace,
        args.pod_id_file.as_deref(),
    )?;
    out(&format!("{}\n", created.id))?;
    Ok(0)
}
