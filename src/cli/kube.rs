//! `rpod kube generate` (and podman 4's spelling, `rpod generate kube`), `kube play` and
//! `kube down`.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::context::Context;
use super::{GlobalFlags, out, style};
use crate::error::Error;
use crate::image::auth::Credentials;
use crate::kube::{self, Kind, Request, deploy, kubeconfig, play};

/// Generate Kubernetes YAML from containers and pods, and play it as pods
#[derive(Debug, Args)]
#[command(help_template = style::GROUP_TEMPLATE, override_usage = "rpod kube COMMAND", subcommand_required = true, arg_required_else_help = true)]
pub struct KubeGroup {
    #[command(subcommand)]
    pub command: KubeCommand,
}

#[derive(Debug, Subcommand)]
pub enum KubeCommand {
    Generate(GenerateArgs),
    Play(Box<PlayArgs>),
    Down(DownArgs),
    Apply(ApplyArgs),
}

/// Deploy Kubernetes YAML, given or generated from containers, pods and volumes, to a
/// Kubernetes cluster
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod kube apply [options] [CONTAINER|POD|VOLUME...]")]
pub struct ApplyArgs {
    /// The kubeconfig naming the cluster and the credentials (default: $KUBECONFIG)
    #[arg(short, long, value_name = "FILE")]
    pub kubeconfig: Option<PathBuf>,
    /// The namespace to deploy to (default: the kubeconfig context's, else default)
    #[arg(long, value_name = "NAMESPACE")]
    pub ns: Option<String>,
    /// The cluster's CA certificates (PEM) instead of the kubeconfig's; insecure: verify none
    #[arg(long, value_name = "FILE|insecure")]
    pub ca_cert_file: Option<String>,
    /// Deploy this YAML file (- for stdin) instead of YAML generated from containers and pods
    #[arg(short, long, value_name = "FILE", conflicts_with = "targets")]
    pub file: Option<String>,
    /// Add a Service (type NodePort) for the containers' and pods' published ports
    #[arg(short, long, conflicts_with = "file")]
    pub service: bool,
    #[arg(value_name = "CONTAINER|POD|VOLUME", required_unless_present = "file")]
    pub targets: Vec<String>,
}

/// Generate Kubernetes YAML (a Pod, Deployment, DaemonSet or Job) from containers or pods, and
/// PersistentVolumeClaims from volumes
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod kube generate [options] CONTAINER|POD|VOLUME...")]
pub struct GenerateArgs {
    /// Write the YAML to this file instead of stdout (an existing file is refused)
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
    /// Add podman's reserved annotations (io.podman.annotations.*), which Kubernetes cannot
    /// use, for the settings it has no field for
    #[arg(long)]
    pub podman_only: bool,
    #[arg(value_name = "CONTAINER|POD|VOLUME", required = true)]
    pub targets: Vec<String>,
}

/// Play Kubernetes YAML (podman 4's spelling of kube play)
#[derive(Debug, Args)]
#[command(help_template = style::GROUP_TEMPLATE, override_usage = "rpod play COMMAND", subcommand_required = true, arg_required_else_help = true)]
pub struct PlayGroup {
    #[command(subcommand)]
    pub command: PlayCommand,
}

#[derive(Debug, Subcommand)]
pub enum PlayCommand {
    /// podman 4's name for `kube play`
    Kube(PlayArgs),
}

pub fn run_play(group: PlayGroup, global: &GlobalFlags) -> Result<u8, Error> {
    let PlayCommand::Kube(args) = group.command;
    play(args, global)
}

/// Create pods, containers and volumes from Kubernetes YAML (Pod, Deployment, DaemonSet, Job,
/// ConfigMap, Secret, PersistentVolumeClaim)
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod kube play [options] FILE|-")]
pub struct PlayArgs {
    /// Remove pods and containers of the same names first
    #[arg(long)]
    pub replace: bool,
    /// Start the pods once created (default true)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true", require_equals = true, default_value = "true")]
    pub start: bool,
    /// The pods' network: pasta, slirp4netns, none, host or a network's name
    #[arg(long, alias = "net", value_name = "MODE")]
    pub network: Option<String>,
    /// Publish a port on each pod ([IP:][HOSTPORT:]PORT[/PROTO]), over the YAML's hostPort
    /// for the same container port
    #[arg(long, value_name = "PORT")]
    pub publish: Vec<String>,
    /// A file of ConfigMaps the YAML's containers use (repeatable, or comma-separated)
    #[arg(long, value_name = "FILE", value_delimiter = ',')]
    pub configmap: Vec<PathBuf>,
    /// Path of the authentication file for the pulls (default: $REGISTRY_AUTH_FILE,
    /// podman's auth.json, then docker's config.json)
    #[arg(long, value_name = "PATH")]
    pub authfile: Option<PathBuf>,
    /// Trust the CA certificates (*.crt) in DIR for the registry, instead of
    /// certs.d/REGISTRY
    #[arg(long, value_name = "DIR")]
    pub cert_dir: Option<PathBuf>,
    /// Credentials (USERNAME:PASSWORD) for the registry
    #[arg(long, value_name = "USERNAME:PASSWORD", value_parser = super::context::parse_creds)]
    pub creds: Option<Credentials>,
    /// Require HTTPS and verify certificates when contacting registries
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub tls_verify: Option<bool>,
    /// Remove what the YAML made instead, as kube down does
    #[arg(long)]
    pub down: bool,
    /// Build an image from DIR/NAME/Containerfile (or Dockerfile) even when the store has
    /// it; --build=false never builds (default: build only images the store lacks)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true", require_equals = true)]
    pub build: Option<bool>,
    /// The directory DIR holding the images' build directories (default: the working
    /// directory)
    #[arg(long, value_name = "DIR")]
    pub context_dir: Option<PathBuf>,
    /// With --down: remove the YAML's named volumes (its PersistentVolumeClaims) too
    #[arg(long, requires = "down")]
    pub force: bool,
    /// Show no pull progress
    #[arg(short, long)]
    pub quiet: bool,
    /// Run in the foreground until every container has exited or rpod gets SIGINT or
    /// SIGTERM (Ctrl-C), then remove the pods, containers and volumes made
    #[arg(short, long, conflicts_with = "down")]
    pub wait: bool,
    /// Add an annotation (KEY=VALUE) to every container made
    #[arg(long, value_name = "KEY=VALUE")]
    pub annotation: Vec<String>,
    /// Every container's logging driver: k8s-file (the default; json-file is the same) or none
    #[arg(long, value_name = "DRIVER")]
    pub log_driver: Option<String>,
    /// A logging driver option for every container (path=FILE, max-size=SIZE, tag=TEMPLATE)
    #[arg(long, value_name = "NAME=VALUE")]
    pub log_opt: Vec<String>,
    /// The pods' user namespace, as pod create --userns (host or keep-id[:uid=U,gid=G])
    #[arg(long, value_name = "MODE")]
    pub userns: Option<String>,
    /// A pod's IPv4 address on its user-defined network: the first --ip is the first pod's,
    /// the second the second's
    #[arg(long, value_name = "IP")]
    pub ip: Vec<String>,
    /// A pod's MAC address on its user-defined network, one per pod as --ip
    #[arg(long, value_name = "MAC")]
    pub mac_address: Vec<String>,
    /// Leave /etc/hosts of the pods' containers alone
    #[arg(long)]
    pub no_hosts: bool,
    /// Do not create /etc/hostname in the pods' containers
    #[arg(long)]
    pub no_hostname: bool,
    /// Publish every containerPort of the YAML, on its hostPort or else on the same port
    #[arg(long)]
    pub publish_all: bool,
    /// Name the containers as in the YAML, not POD-CONTAINER
    #[arg(long)]
    pub no_pod_prefix: bool,
    /// The directory of the Localhost seccomp profiles the YAML names
    #[arg(long, value_name = "DIR", default_value = "/var/lib/kubelet/seccomp")]
    pub seccomp_profile_root: PathBuf,
    #[arg(value_name = "FILE|-")]
    pub file: String,
}

/// Remove the pods (and their containers) that kube play made from this YAML
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod kube down [options] FILE|-")]
pub struct DownArgs {
    /// Remove the YAML's named volumes (its PersistentVolumeClaims) too
    #[arg(long)]
    pub force: bool,
    #[arg(value_name = "FILE|-")]
    pub file: String,
}

pub fn run(group: KubeGroup, global: &GlobalFlags) -> Result<u8, Error> {
    match group.command {
        KubeCommand::Generate(args) => generate(args, global),
        KubeCommand::Play(args) => play(*args, global),
        KubeCommand::Down(args) => down(&args.file, args.force, global),
        KubeCommand::Apply(args) => apply(args, global),
    }
}

fn apply(args: ApplyArgs, global: &GlobalFlags) -> Result<u8, Error> {
    // KUBECONFIG may list several files, as kubectl reads it: the first is used.
    let from_env = std::env::var_os("KUBECONFIG")
        .and_then(|v| std::env::split_paths(&v).find(|p| !p.as_os_str().is_empty()));
    let path = args.kubeconfig.or(from_env).ok_or_else(|| {
        Error::Usage("no kubeconfig: give --kubeconfig FILE or set KUBECONFIG".into())
    })?;
    let ca = args.ca_cert_file.map(|f| match f.as_str() {
        "insecure" => kubeconfig::CaCert::Insecure,
        _ => kubeconfig::CaCert::File(PathBuf::from(f)),
    });
    let cluster = kubeconfig::load(&path, ca.as_ref())?;
    let source = match &args.file {
        Some(file) => deploy::Source::Yaml {
            name: file.clone(),
            text: read_yaml(file)?,
        },
        None => deploy::Source::Generate(Request::new(
            args.targets,
            Kind::Pod,
            args.service,
            None,
            false,
        )?),
    };
    let request = deploy::ApplyRequest {
        cluster,
        namespace: args.ns,
        source,
    };
    out("Deploying to cluster...\n")?;
    let applied = match &request.source {
        deploy::Source::Yaml { .. } => deploy::apply(None, &request)?,
        deploy::Source::Generate(_) => {
            let ctx = Context::load(global)?;
            let store = ctx.store()?;
            let engine = ctx.engine(&store)?;
            deploy::apply(Some(&engine), &request)?
        }
    };
    for warning in &applied.warnings {
        tracing::warn!("{warning}");
    }
    for object in &applied.created {
        tracing::info!("created {object}");
    }
    out("Successfully deployed workloads to cluster!\n")?;
    Ok(0)
}

/// The YAML of FILE, or of stdin for "-".
fn read_yaml(file: &str) -> Result<String, Error> {
    if file == "-" {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut text).map_err(|source| {
            Error::ReadFile {
                path: PathBuf::from("-"),
                source,
            }
        })?;
        return Ok(text);
    }
    std::fs::read_to_string(file).map_err(|source| Error::ReadFile {
        path: PathBuf::from(file),
        source,
    })
}

fn manifest(file: &str, configmaps: &[PathBuf]) -> Result<play::Manifest, Error> {
    let yaml = read_yaml(file)?;
    let extra = configmaps
        .iter()
        .map(|p| {
            Ok((
                p.display().to_string(),
                read_yaml(&p.display().to_string())?,
            ))
        })
        .collect::<Result<Vec<_>, Error>>()?;
    let manifest = play::parse(file, &yaml, &extra)?;
    for warning in &manifest.warnings {
        tracing::warn!("{warning}");
    }
    Ok(manifest)
}

pub fn play(args: PlayArgs, global: &GlobalFlags) -> Result<u8, Error> {
    if args.down {
        return down(&args.file, args.force, global);
    }
    if args.build == Some(false) && args.context_dir.is_some() {
        return Err(Error::Usage(
            "--context-dir names where to build from: it cannot go with --build=false".into(),
        ));
    }
    let context = match args.context_dir {
        Some(dir) => dir,
        None => std::env::current_dir().map_err(|source| Error::ReadFile {
            path: PathBuf::from("."),
            source,
        })?,
    };
    let manifest = manifest(&args.file, &args.configmap)?;
    let opts = play::PlayOptions {
        replace: args.replace,
        start: args.start,
        network: args.network,
        publish: args.publish,
        tls_verify: args.tls_verify,
        creds: args.creds,
        cert_dir: args.cert_dir,
        authfile: args.authfile,
        quiet: args.quiet,
        annotations: args.annotation,
        log_driver: args.log_driver,
        log_opts: args.log_opt,
        userns: args.userns,
        ips: args.ip,
        macs: args.mac_address,
        no_hosts: args.no_hosts,
        no_hostname: args.no_hostname,
        publish_all: args.publish_all,
        no_pod_prefix: args.no_pod_prefix,
        seccomp_profile_root: args.seccomp_profile_root,
    };
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    let builds = play::BuildRequest {
        wanted: args.build,
        context,
        registry: ctx
            .registry_options_with(
                opts.tls_verify,
                opts.creds.clone(),
                opts.authfile.as_deref(),
            )
            .with_cert_dir(opts.cert_dir.clone()),
    };
    // The builds' steps go to stderr: stdout is the ids of what was made, as podman prints them.
    if args.wait {
        let mut shown = Ok(());
        let downed = play::play_in_foreground(
            &engine,
            &manifest,
            &opts,
            &builds,
            &mut std::io::stderr(),
            &mut |played| shown = out(&played_text(played)),
        )?;
        shown?;
        out(&downed_text(&downed, true))?;
        return Ok(0);
    }
    let played = play::play(&engine, &manifest, &opts, &builds, &mut std::io::stderr())?;
    out(&played_text(&played))?;
    Ok(0)
}

/// What podman prints of a play: each pod's id and its containers', then the volumes.
fn played_text(played: &play::Played) -> String {
    let mut text = String::new();
    for (pod, containers) in &played.pods {
        text.push_str(&format!("Pod:\n{pod}\n"));
        match containers.len() {
            0 => {}
            1 => text.push_str("Container:\n"),
            _ => text.push_str("Containers:\n"),
        }
        for id in containers {
            text.push_str(&format!("{id}\n"));
        }
        text.push('\n');
    }
    for volume in &played.volumes {
        text.push_str(&format!("Volume:\n{volume}\n"));
    }
    text
}

pub fn down(file: &str, force: bool, global: &GlobalFlags) -> Result<u8, Error> {
    let manifest = manifest(file, &[])?;
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    let downed = play::down(&engine, &manifest, force)?;
    for name in &downed.missing {
        tracing::warn!("no pod {name}: nothing to remove");
    }
    out(&downed_text(&downed, force))?;
    Ok(0)
}

/// What podman prints of a kube down: the pods stopped and removed, and with `volumes` the
/// volumes removed.
fn downed_text(downed: &play::Downed, volumes: bool) -> String {
    let mut text = String::new();
    if !downed.pods.is_empty() {
        let ids: String = downed.pods.iter().map(|id| format!("{id}\n")).collect();
        text.push_str(&format!("Pods stopped:\n{ids}Pods removed:\n{ids}"));
    }
    if volumes {
        text.push_str("Volumes removed:\n");
        for v in &downed.volumes {
            text.push_str(&format!("{v}\n"));
        }
    }
    text
}

pub fn generate(args: GenerateArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let request = Request::new(
        args.targets,
        args.kind,
        args.service,
        args.replicas,
        args.podman_only,
    )?;
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    let generated = kube::generate(&engine, &request)?;
    for warning in &generated.warnings {
        tracing::warn!("{warning}");
    }
    match args.filename {
        // As podman's: an existing file is refused, never replaced.
        Some(path) => std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .and_then(|mut file| std::io::Write::write_all(&mut file, generated.yaml.as_bytes()))
            .map_err(|source| Error::WriteFile { path, source })?,
        None => out(&generated.yaml)?,
    }
    Ok(0)
}
