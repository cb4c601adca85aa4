//! `rpod commit`.

use clap::Args;

use crate::cli::context::Context;
use crate::cli::{GlobalFlags, out, style};
use crate::container::filesystem::{self, Commit};
use crate::error::Error;
use crate::image::id_file;
use crate::image::reference::Reference;

/// Create a new image from a container's changes
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod commit [options] CONTAINER [IMAGE]")]
pub struct CommitArgs {
    /// Apply a Dockerfile instruction to the image's config (CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, USER, VOLUME, WORKDIR, STOPSIGNAL)
    #[arg(short, long = "change", value_name = "INSTRUCTION")]
    pub change: Vec<String>,
    /// Commit message, kept in the image's history
    #[arg(short, long, value_name = "MESSAGE")]
    pub message: Option<String>,
    /// Author of the image
    #[arg(short, long, value_name = "AUTHOR")]
    pub author: Option<String>,
    /// Print only the image id
    #[arg(short, long)]
    pub quiet: bool,
    /// Pause a running container while its changes are read
    #[arg(short, long)]
    pub pause: bool,
    /// Make the image's layers one
    #[arg(short, long)]
    pub squash: bool,
    /// Make the container's volumes and bind mounts (-v, --mount) volumes of the image
    #[arg(long)]
    pub include_volumes: bool,
    /// A JSON file of container config fields (docker's schema 2 names: Env, Cmd, Labels,
    /// ...) to lay over the image's
    #[arg(long, value_name = "FILE")]
    pub config: Option<std::path::PathBuf>,
    /// The image format: oci (the only one rpod writes)
    #[arg(short, long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Write the image id to this file
    #[arg(long, value_name = "FILE")]
    pub iidfile: Option<std::path::PathBuf>,
    #[arg(value_name = "CONTAINER")]
    pub container: String,
    /// Name for the new image
    #[arg(value_name = "IMAGE")]
    pub image: Option<String>,
}

pub fn run(args: CommitArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let name = args
        .image
        .as_deref()
        .map(Reference::parse_local)
        .transpose()?;
    match args.format.as_deref() {
        None | Some("oci") => {}
        Some(other) => {
            return Err(Error::Usage(format!(
                "unsupported --format {other:?}: rpod writes OCI images only (--format oci)"
            )));
        }
    }
    let config = args.config.as_deref().map(read_config).transpose()?;
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    let id = filesystem::commit(
        &engine,
        &args.container,
        name.as_ref(),
        Commit {
            changes: args.change,
            message: args.message,
            author: args.author,
            pause: args.pause,
            include_volumes: args.include_volumes,
            config,
            squash: args.squash,
        },
    )?;
    if let Some(path) = &args.iidfile {
        id_file::write(path, &format!("sha256:{id}"))?;
    }
    out(&format!("sha256:{id}\n"))?;
    Ok(0)
}

/// `--config FILE`: a JSON object of config fields.
fn read_config(
    path: &std::path::Path,
) -> Result<serde_json::Map<String, serde_json::Value>, Error> {
    let bad =
        |reason: String| Error::Usage(format!("invalid --config {}: {reason}", path.display()));
    let text = std::fs::read(path).map_err(|e| bad(e.to_string()))?;
    match serde_json::from_slice(&text).map_err(|e| bad(e.to_string()))? {
        serde_json::Value::Object(fields) => Ok(fields),
        _ => Err(bad("expected a JSON object of config fields".into())),
    }
}
