//! `rpod pod create`.

use std::collections::BTreeMap;
use std::path::PathBuf;

use clap::Args;

use crate::cli::context::Context;
use crate::cli::{GlobalFlags, out, style};
use crate::container::{ContainerError, pod};
use crate::error::Error;
use crate::pods::{ExitPolicy, PodRequest};

/// Create a new empty pod
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod pod create [options] [NAME]")]
pub struct CreateArgs {
    /// The pod's name
    #[arg(short, long, value_name = "NAME")]
    pub name: Option<String>,
    /// Create an infra container holding the pod's shared namespaces (not supported yet:
    /// give --infra=false)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true", require_equals = true)]
    pub infra: Option<bool>,
    /// Namespaces the pod's containers share (ipc, net, uts; needs an infra container)
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
    /// Options of the pod's network (need an infra container)
    #[arg(short, long, value_name = "PORT")]
    pub publish: Vec<String>,
    #[arg(long, alias = "net", value_name = "MODE")]
    pub network: Option<String>,
    #[arg(long, value_name = "HOST:IP")]
    pub add_host: Vec<String>,
    #[arg(long, value_name = "IP")]
    pub dns: Vec<String>,
    #[arg(value_name = "NAME", conflicts_with = "name")]
    pub positional_name: Option<String>,
}

/// The flags that configure the infra container's namespaces: without one they could not
/// take effect, so each is refused by name.
fn infra_only(args: &CreateArgs) -> Option<(&'static str, String)> {
    let share = args.share.as_deref().filter(|s| !s.is_empty());
    [
        ("--share", share.map(String::from)),
        ("--publish", args.publish.first().cloned()),
        ("--network", args.network.clone()),
        ("--add-host", args.add_host.first().cloned()),
        ("--dns", args.dns.first().cloned()),
        ("--hostname", args.hostname.clone()),
    ]
    .into_iter()
    .find_map(|(flag, v)| v.map(|v| (flag, v)))
}

fn request(args: &CreateArgs) -> Result<PodRequest, ContainerError> {
    if args.infra != Some(false) {
        return Err(ContainerError::invalid(
            "--infra",
            "true",
            "rpod's pods have no infra container yet (issue 17): create the pod with --infra=false",
        ));
    }
    if let Some((flag, value)) = infra_only(args) {
        return Err(ContainerError::invalid(
            flag,
            value,
            "this needs the pod's infra container, and the pod has none (--infra=false)",
        ));
    }
    let mut labels = BTreeMap::new();
    for l in &args.label {
        let (k, v) = l.split_once('=').unwrap_or((l, ""));
        labels.insert(k.to_string(), v.to_string());
    }
    let exit_policy = ExitPolicy::parse(&args.exit_policy)?;
    if exit_policy == ExitPolicy::Stop {
        return Err(ContainerError::invalid(
            "--exit-policy",
            "stop",
            "stopping a pod when its last container exits needs the infra container; only continue works yet",
        ));
    }
    Ok(PodRequest {
        name: args.name.clone().or_else(|| args.positional_name.clone()),
        labels,
        share: Vec::new(),
        exit_policy,
        create_command: std::env::args().collect(),
    })
}

pub fn run(args: CreateArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let request = request(&args)?;
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    let created = pod::create(&engine, request, args.replace, args.pod_id_file.as_deref())?;
    out(&format!("{}\n", created.id))?;
    Ok(0)
}
