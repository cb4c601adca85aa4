//! `rpod artifact <verb>`: OCI artifacts, files kept in the store under a registry name and
//! pushed and pulled like images (podman 5's `artifact`).

use std::path::PathBuf;

use clap::{Args, Subcommand};
use serde_json::{Value, json};

use super::context::Context;
use super::{GlobalFlags, out, style};
use crate::error::Error;
use crate::format::{self, Column, units};
use crate::image::artifact::{self, AddOptions, Artifact, Pick};
use crate::image::lists;

pub mod remote;

/// Manage OCI artifacts
#[derive(Debug, Args)]
#[command(help_template = style::GROUP_TEMPLATE, override_usage = "rpod artifact COMMAND", subcommand_required = true, arg_required_else_help = true)]
pub struct ArtifactGroup {
    #[command(subcommand)]
    pub command: ArtifactCommand,
}

#[derive(Debug, Subcommand)]
pub enum ArtifactCommand {
    Add(AddArgs),
    Extract(ExtractArgs),
    Inspect(InspectArgs),
    #[command(visible_alias = "list")]
    Ls(LsArgs),
    Pull(remote::PullArgs),
    Push(remote::PushArgs),
    Rm(RmArgs),
}

pub fn run(cmd: ArtifactCommand, global: &GlobalFlags) -> Result<u8, Error> {
    match cmd {
        ArtifactCommand::Add(a) => add(a, global),
        ArtifactCommand::Extract(a) => extract(a, global),
        ArtifactCommand::Inspect(a) => inspect(a, global),
        ArtifactCommand::Ls(a) => ls(a, global),
        ArtifactCommand::Pull(a) => remote::pull(a, global),
        ArtifactCommand::Push(a) => remote::push(a, global),
        ArtifactCommand::Rm(a) => rm(a, global),
    }
}

/// Add an OCI artifact to the local store from files
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod artifact add [options] NAME FILE [FILE...]")]
pub struct AddArgs {
    /// Set an annotation on each file's layer (KEY=VALUE);
    /// org.opencontainers.image.title names the file
    #[arg(long, value_name = "KEY=VALUE")]
    pub annotation: Vec<String>,
    /// Add the files to the existing artifact of that name
    #[arg(short, long, conflicts_with_all = ["artifact_type", "replace"])]
    pub append: bool,
    /// Media type of the files, instead of the one guessed from their content
    #[arg(long, value_name = "MEDIATYPE")]
    pub file_type: Option<String>,
    /// Replace an artifact of that name
    #[arg(long)]
    pub replace: bool,
    /// The artifact's type (the manifest's artifactType)
    #[arg(long = "type", value_name = "TYPE")]
    pub artifact_type: Option<String>,
    /// Name of the artifact: REGISTRY/REPOSITORY[:TAG]
    #[arg(value_name = "NAME")]
    pub name: String,
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
}

fn add(args: AddArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let name = artifact::parse_name(&args.name)?;
    let opts = AddOptions {
        artifact_type: args.artifact_type,
        annotations: lists::parse_annotations("--annotation", &args.annotation)?,
        file_type: args.file_type,
        append: args.append,
        replace: args.replace,
    };
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let digest = artifact::add(&store, &name, &args.files, &opts)?;
    out(&format!("{}\n", digest.hex()))?;
    Ok(0)
}

/// Copy an OCI artifact's files to a file or directory
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod artifact extract [options] ARTIFACT TARGET")]
pub struct ExtractArgs {
    /// Only the file with this digest
    #[arg(long, value_name = "DIGEST", conflicts_with = "title")]
    pub digest: Option<String>,
    /// Only the file with this title (org.opencontainers.image.title)
    #[arg(long, value_name = "TITLE")]
    pub title: Option<String>,
    #[arg(value_name = "ARTIFACT")]
    pub artifact: String,
    /// A directory to copy every file into, or the path for the one file
    #[arg(value_name = "TARGET")]
    pub target: PathBuf,
}

fn extract(args: ExtractArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let found = artifact::get(&store, &args.artifact)?;
    let pick = Pick {
        digest: args.digest,
        title: args.title,
    };
    artifact::extract(&store, &found, &args.target, &pick)?;
    Ok(0)
}

/// Display an OCI artifact's manifest, name and digest
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod artifact inspect [options] ARTIFACT")]
pub struct InspectArgs {
    /// Format the output with a Go template (.Name, .Digest, .Manifest, .TotalSizeBytes)
    #[arg(short, long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// The artifact's name, or its digest or a unique prefix of it
    #[arg(value_name = "ARTIFACT")]
    pub artifact: String,
}

fn inspect(args: InspectArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let found = artifact::get(&store, &args.artifact)?;
    let doc = inspect_doc(&found);
    let text = match args.format.as_deref() {
        None | Some("") | Some("json") => format!("{}\n", format::json_pretty(&doc)),
        Some(template) => {
            let mut doc = doc;
            doc["TotalSizeBytes"] = json!(found.total_size());
            format::render_documents(Some(template), &[doc])?
        }
    };
    out(&text)?;
    Ok(0)
}

/// podman's document of an artifact: the manifest as stored, the name and the digest.
pub fn inspect_doc(found: &Artifact) -> Value {
    let manifest: Value = serde_json::from_slice(&found.raw).unwrap_or(Value::Null);
    json!({
        "Manifest": manifest,
        "Name": found.name,
        "Digest": found.digest.to_string(),
    })
}

/// List the OCI artifacts of the local store
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod artifact ls [options]")]
pub struct LsArgs {
    /// Format the output with a Go template (.Repository, .Tag, .Digest, .Created,
    /// .CreatedAt, .Size, .VirtualSize), or json
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Show the whole digest
    #[arg(long)]
    pub no_trunc: bool,
    /// Do not print the header row
    #[arg(short, long)]
    pub noheading: bool,
}

fn row(found: &Artifact, no_trunc: bool) -> Value {
    let (repository, tag) = match artifact::parse_name(&found.name) {
        Ok(r) => (r.name(), r.tag.unwrap_or_else(|| "<none>".into())),
        Err(_) => (found.name.clone(), "<none>".into()),
    };
    let digest = match no_trunc {
        true => found.digest.hex(),
        false => found.digest.short(),
    };
    let created = found.created();
    let since = created.map_or("N/A".to_string(), |c| {
        let age = jiff::Timestamp::now().duration_since(c).unsigned_abs();
        format!("{} ago", units::human_duration(age))
    });
    json!({
        "Repository": repository,
        "Tag": tag,
        "Digest": digest,
        "Created": since,
        "CreatedAt": created.map_or(String::new(), |c| c.to_string()),
        "Size": units::human_size(found.total_size()),
        "VirtualSize": found.total_size().to_string(),
    })
}

fn ls(args: LsArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let rows: Vec<Value> = artifact::list(&store)?
        .iter()
        .map(|a| row(a, args.no_trunc))
        .collect();
    let columns = [
        Column::new("Repository", "REPOSITORY"),
        Column::new("Tag", "TAG"),
        Column::new("Digest", "DIGEST"),
        Column::new("Created", "CREATED"),
        Column::new("Size", "SIZE"),
    ];
    out(&format::render_list(
        args.format.as_deref(),
        &rows,
        &columns,
        args.noheading,
    )?)?;
    Ok(0)
}

/// Remove OCI artifacts from the local store
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod artifact rm [options] ARTIFACT [ARTIFACT...]")]
pub struct RmArgs {
    /// Remove every artifact
    #[arg(short, long, conflicts_with = "artifacts")]
    pub all: bool,
    /// Do not fail for an artifact that does not exist
    #[arg(short, long)]
    pub ignore: bool,
    /// Names, or digests or unique prefixes of them
    #[arg(value_name = "ARTIFACT", required_unless_present = "all")]
    pub artifacts: Vec<String>,
}

fn rm(args: RmArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let removed = artifact::remove(&store, &args.artifacts, args.ignore)?;
    out(&removed
        .iter()
        .map(|d| format!("{}\n", d.hex()))
        .collect::<String>())?;
    Ok(0)
}
