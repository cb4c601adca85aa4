//! `rpod kube generate` (and podman 4's spelling, `rpod generate kube`).

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::context::Context;
use super::{GlobalFlags, out, style};
use crate::error::Error;
use crate::kube::{self, Kind, Request};

/// Generate Kubernetes YAML from containers and pods
#[derive(Debug, Args)]
#[command(help_template = style::GROUP_TEMPLATE, override_usage = "rpod kube COMMAND", subcommand_required = true, arg_required_else_help = true)]
pub struct KubeGroup {
    #[command(subcommand)]
    pub command: KubeCommand,
}

#[derive(Debug, Subcommand)]
pub enum KubeCommand {
    Generate(GenerateArgs),
}

/// Generate Kubernetes YAML (a Pod, Deployment, DaemonSet or Job) from containers or pods
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod kube generate [options] CONTAINER|POD...")]
pub struct GenerateArgs {
    /// Write the YAML to this file instead of stdout
    #[arg(short, long, value_name = "FILE")]
    pub filename: Option<PathBuf>,
    /// Add a Service (type NodePort) for the published ports
    #[arg(short, long)]
    pub service: bool,
    /// The kind to generate: pod, deployment, daemonset or job
    #[arg(short = 't', long = "type", value_name = "TYPE", default_value = "pod")]
    pub kind: Kind,
    /// The Deployment's number of replicas (with --type deployment)
    #[arg(short, long, value_name = "N")]
    pub replicas: Option<u32>,
    #[arg(value_name = "CONTAINER|POD", required = true)]
    pub targets: Vec<String>,
}

pub fn run(group: KubeGroup, global: &GlobalFlags) -> Result<u8, Error> {
    let KubeCommand::Generate(args) = group.command;
    generate(args, global)
}

pub fn generate(args: GenerateArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let request = Request::new(args.targets, args.kind, args.service, args.replicas)?;
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    let generated = kube::generate(&engine, &request)?;
    for warning in &generated.warnings {
        tracing::warn!("{warning}");
    }
    match args.filename {
        Some(path) => std::fs::write(&path, &generated.yaml)
            .map_err(|source| Error::WriteFile { path, source })?,
        None => out(&generated.yaml)?,
    }
    Ok(0)
}
