//! `rpod search`.

use clap::Args;
use serde_json::{Value, json};

use crate::cli::context::{Context, parse_creds};
use crate::cli::{GlobalFlags, out, style};
use crate::error::Error;
use crate::format::{self, Column};
use crate::image::auth::Credentials;
use crate::image::search::{self, SearchFilter, SearchRequest};

/// Search registries for images
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod search [options] TERM")]
pub struct SearchArgs {
    /// Results per registry
    #[arg(long, value_name = "N", default_value_t = 25)]
    pub limit: usize,
    /// List the tags of the image TERM names (REGISTRY/REPOSITORY) instead
    #[arg(long)]
    pub list_tags: bool,
    /// Filter results (stars=N, is-official=BOOL, is-automated=BOOL)
    #[arg(short, long, value_name = "FILTER")]
    pub filter: Vec<String>,
    /// Pretty-print results using a Go template (.Index .Name .Description .Stars .Official
    /// .Automated .Tag), or json
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Also show the STARS, OFFICIAL and AUTOMATED columns, as docker does
    #[arg(long)]
    pub compatible: bool,
    /// Do not truncate descriptions (accepted for podman's scripts: the registries' lists
    /// rpod reads describe nothing, so nothing is cut)
    #[arg(long)]
    pub no_trunc: bool,
    /// Path of the authentication file (default: $REGISTRY_AUTH_FILE, podman's auth.json,
    /// then docker's config.json)
    #[arg(long, value_name = "PATH")]
    pub authfile: Option<std::path::PathBuf>,
    /// Require HTTPS and verify certificates when contacting registries
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub tls_verify: Option<bool>,
    /// Credentials (USERNAME:PASSWORD) for the registry
    #[arg(long, value_name = "USERNAME:PASSWORD", value_parser = parse_creds)]
    pub creds: Option<Credentials>,
    /// Trust the CA certificates (*.crt) in DIR for the registry, instead of
    /// certs.d/REGISTRY
    #[arg(long, value_name = "DIR")]
    pub cert_dir: Option<std::path::PathBuf>,
    /// REGISTRY/TERM, REGISTRY/ for all its images, or a term for every unqualified-search
    /// registry
    #[arg(value_name = "TERM")]
    pub term: String,
}

pub fn run(args: SearchArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let filters = args
        .filter
        .iter()
        .map(|f| SearchFilter::parse(f))
        .collect::<Result<Vec<_>, _>>()?;
    let ctx = Context::load(global)?;
    let request = SearchRequest::new(
        &args.term,
        args.list_tags,
        args.limit,
        filters,
        &ctx.config.registries,
    )?;
    let registry = ctx
        .registry_options_with(args.tls_verify, args.creds, args.authfile.as_deref())
        .with_cert_dir(args.cert_dir);
    let hits = search::search(&request, &registry)?;
    let rows: Vec<Value> = hits
        .iter()
        .map(|hit| {
            json!({
                "Index": hit.index,
                "Name": hit.name,
                // Only Docker Hub's own search describes images; a v2 registry's list does not.
                "Description": "",
                "Stars": 0,
                "Official": "",
                "Automated": "",
                "Tag": hit.tag.clone().unwrap_or_default(),
            })
        })
        .collect();
    let mut columns = vec![Column::new("Name", "NAME")];
    if args.list_tags {
        columns.push(Column::new("Tag", "TAG"));
    } else {
        columns.push(Column::new("Description", "DESCRIPTION"));
        if args.compatible {
            columns.extend([
                Column::new("Stars", "STARS"),
                Column::new("Official", "OFFICIAL"),
                Column::new("Automated", "AUTOMATED"),
            ]);
        }
    }
    out(&format::render_rows(
        args.format.as_deref(),
        &rows,
        &columns,
    )?)?;
    Ok(0)
}
