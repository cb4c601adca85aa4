//! `rpod image trust set|show`: edit and list the signature policy (policy.json) that every
//! pull is checked against.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use crate::cli::context::Context;
use crate::cli::{GlobalFlags, out, style};
use crate::error::Error;
use crate::format::table::Table;
use crate::image::trust::policy::{TrustEdit, TrustType};
use crate::image::trust::{TrustFiles, show};

/// Manage container image trust policy
#[derive(Debug, Args)]
#[command(help_template = style::GROUP_TEMPLATE, override_usage = "rpod image trust set|show [options] REGISTRY[/REPOSITORY]", subcommand_required = true, arg_required_else_help = true)]
pub struct TrustGroup {
    #[command(subcommand)]
    pub command: TrustCommand,
}

#[derive(Debug, Subcommand)]
pub enum TrustCommand {
    Set(SetArgs),
    Show(ShowArgs),
}

/// Set default trust policy or a new trust policy for a registry
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod image trust set [options] REGISTRY[/REPOSITORY]|default")]
pub struct SetArgs {
    /// Trust type: accept, reject, signedBy or sigstoreSigned
    #[arg(short = 't', long = "type", value_name = "TYPE", default_value = "signedBy", value_parser = TrustType::parse)]
    pub kind: TrustType,
    /// A public key file (a GPG keyring for signedBy, a PEM public key for sigstoreSigned)
    /// whose signatures are required; repeat to require signatures by several keys
    #[arg(short = 'f', long = "pubkeysfile", value_name = "FILE")]
    pub pubkeys: Vec<PathBuf>,
    /// The policy file to edit (default: $XDG_CONFIG_HOME/containers/policy.json)
    #[arg(long, value_name = "PATH")]
    pub signature_policy: Option<PathBuf>,
    /// The scope: REGISTRY[/REPOSITORY], or default
    #[arg(value_name = "REGISTRY[/REPOSITORY]")]
    pub scope: String,
}

/// Display trust policy for the system
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod image trust show [options] [REGISTRY[/REPOSITORY]]")]
pub struct ShowArgs {
    /// Output as JSON
    #[arg(short, long)]
    pub json: bool,
    /// Output the policy file as it is
    #[arg(long)]
    pub raw: bool,
    /// Do not print column headings
    #[arg(short, long)]
    pub noheading: bool,
    /// The policy file to show (default: the one pulls use)
    #[arg(long, value_name = "PATH")]
    pub signature_policy: Option<PathBuf>,
    /// Show only this scope
    #[arg(value_name = "REGISTRY[/REPOSITORY]")]
    pub scope: Option<String>,
}

pub fn run(group: TrustGroup, global: &GlobalFlags) -> Result<u8, Error> {
    match group.command {
        TrustCommand::Set(a) => set(a, global),
        TrustCommand::Show(a) => show_policy(a, global),
    }
}

fn set(args: SetArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let pubkeys = args
        .pubkeys
        .iter()
        .map(|p| std::path::absolute(p).unwrap_or_else(|_| p.clone()))
        .collect();
    let edit = TrustEdit::new(&args.scope, args.kind, pubkeys).map_err(Error::Usage)?;
    let ctx = Context::load(global)?;
    edit.set(
        &TrustFiles::of(&ctx.paths),
        args.signature_policy.as_deref(),
    )?;
    Ok(0)
}

fn show_policy(args: ShowArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let files = TrustFiles::of(&ctx.paths);
    let shown = show::show(&files, args.signature_policy.as_deref())?;
    if shown.path.is_none() {
        eprintln!(
            "no policy file ({} or {}): every image is accepted",
            files.policies[0].display(),
            files.policies[1].display()
        );
    }
    if args.raw {
        out(&String::from_utf8_lossy(&shown.raw))?;
        return Ok(0);
    }
    let rows: Vec<&show::Row> = shown
        .rows
        .iter()
        .filter(|r| args.scope.as_ref().is_none_or(|s| &r.repo_name == s))
        .collect();
    if args.json {
        let mut text = serde_json::to_string_pretty(&rows).expect("rows serialise");
        text.push('\n');
        out(&text)?;
        return Ok(0);
    }
    let mut table = if args.noheading {
        Table::headless()
    } else {
        Table::new(
            ["TRANSPORT", "NAME", "TYPE", "ID", "STORE"]
                .map(String::from)
                .to_vec(),
        )
    };
    for r in rows {
        table.row(vec![
            r.transport.clone(),
            r.repo_name.clone(),
            r.kind.clone(),
            r.gpg_id.clone(),
            r.sigstore.clone(),
        ]);
    }
    out(&table.render())?;
    Ok(0)
}
