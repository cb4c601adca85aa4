//! `rpod secret <verb>`: secrets kept for containers (`run --secret` gives them one).

use std::io::Read;
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use serde_json::{Value, json};

use super::context::Context;
use super::{GlobalFlags, each, out, style};
use crate::error::Error;
use crate::format::{self, Column};
use crate::secret::{DriverSpec, MAX_SIZE, Secret, SecretError, Secrets};

/// Manage secrets
#[derive(Debug, Args)]
#[command(help_template = style::GROUP_TEMPLATE, override_usage = "rpod secret COMMAND", subcommand_required = true, arg_required_else_help = true)]
pub struct SecretGroup {
    #[command(subcommand)]
    pub command: SecretCommand,
}

#[derive(Debug, Subcommand)]
pub enum SecretCommand {
    Create(CreateArgs),
    Exists(ExistsArgs),
    Inspect(InspectArgs),
    #[command(name = "ls", visible_alias = "list")]
    Ls(LsArgs),
    #[command(name = "rm", visible_alias = "remove")]
    Rm(RmArgs),
}

/// Create a secret from a file, standard input (-) or an environment variable
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod secret create [options] NAME FILE|-")]
pub struct CreateArgs {
    /// Secret driver: file (a file readable by you only, in rpod's data directory or the
    /// directory of the option path=DIR) or shell (your commands store, lookup and delete the
    /// value, with its ID in $SECRET_ID)
    #[arg(short, long, default_value = "file", value_name = "DRIVER")]
    pub driver: String,
    /// The driver's options, KEY=VALUE[,KEY=VALUE…]: file's path=DIR; shell's store=,
    /// lookup=, delete= (and list=) commands
    #[arg(long = "driver-opts", value_name = "OPTIONS")]
    pub driver_opts: Vec<String>,
    /// Read the value from the environment variable named by the second argument
    #[arg(long)]
    pub env: bool,
    /// Set metadata on the secret (KEY=VALUE)
    #[arg(short, long = "label", value_name = "LABEL")]
    pub label: Vec<String>,
    /// Replace the value of an existing secret of that name
    #[arg(long)]
    pub replace: bool,
    /// If a secret of that name exists, print its ID and change nothing
    #[arg(long, conflicts_with = "replace")]
    pub ignore: bool,
    #[arg(value_name = "NAME")]
    pub name: String,
    /// A file, - for standard input, or with --env a variable name
    #[arg(value_name = "FILE")]
    pub source: String,
}

/// Check if a secret exists (exit 0 if it does, 1 if not)
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod secret exists SECRET")]
pub struct ExistsArgs {
    #[arg(value_name = "SECRET")]
    pub secret: String,
}

/// Display detailed information on one or more secrets
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod secret inspect [options] SECRET [SECRET...]")]
pub struct InspectArgs {
    /// Format the output using a Go template, or json (the default)
    #[arg(short, long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Human-readable output
    #[arg(long)]
    pub pretty: bool,
    /// Include the secret's value (SecretData)
    #[arg(long)]
    pub showsecret: bool,
    #[arg(value_name = "SECRET", required = true)]
    pub secrets: Vec<String>,
}

/// List secrets
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod secret ls [options]")]
pub struct LsArgs {
    /// Filter: name=, id=, label=KEY[=VALUE]
    #[arg(short, long, value_name = "FILTER")]
    pub filter: Vec<String>,
    /// Format the output using a Go template, or json
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Do not print the header row
    #[arg(long)]
    pub noheading: bool,
    /// Print the IDs only
    #[arg(short, long)]
    pub quiet: bool,
}

/// Remove one or more secrets
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod secret rm [options] SECRET [SECRET...]")]
pub struct RmArgs {
    /// Remove every secret
    #[arg(short, long)]
    pub all: bool,
    /// A secret that does not exist is no error
    #[arg(short, long)]
    pub ignore: bool,
    #[arg(value_name = "SECRET", required_unless_present = "all")]
    pub secrets: Vec<String>,
}

pub fn run(cmd: SecretCommand, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let secrets = ctx.secrets()?;
    match cmd {
        SecretCommand::Create(a) => create(a, &ctx, &secrets),
        SecretCommand::Exists(a) => match secrets.get(&a.secret) {
            Ok(_) => Ok(0),
            Err(SecretError::NotFound(_)) => Ok(1),
            Err(e) => Err(e.into()),
        },
        SecretCommand::Inspect(a) => inspect(a, &secrets),
        SecretCommand::Ls(a) => ls(a, &secrets),
        SecretCommand::Rm(a) => rm(a, &ctx, &secrets),
    }
}

fn create(args: CreateArgs, ctx: &Context, secrets: &Secrets) -> Result<u8, Error> {
    let labels = crate::cli::flags::labels::parse(&args.label)?;
    let driver = DriverSpec::parse(&args.driver, &args.driver_opts)?;
    let value = match (args.env, args.source.as_str()) {
        (true, var) => std::env::var_os(var)
            .map(|v| v.into_encoded_bytes())
            .ok_or_else(|| Error::Usage(format!("environment variable {var} is not set")))?,
        (false, "-") => {
            let mut value = Vec::new();
            std::io::stdin()
                .lock()
                .take(MAX_SIZE as u64 + 1)
                .read_to_end(&mut value)
                .map_err(|source| Error::ReadFile {
                    path: PathBuf::from("-"),
                    source,
                })?;
            value
        }
        (false, path) => std::fs::read(path).map_err(|source| Error::ReadFile {
            path: path.into(),
            source,
        })?,
    };
    let secret = match secrets.create(&args.name, &value, (labels, driver), args.replace) {
        Err(SecretError::Exists(_)) if args.ignore => {
            out(&format!("{}\n", secrets.get(&args.name)?.id))?;
            return Ok(0);
        }
        other => other?,
    };
    ctx.event("secret", "create", &secret.id, &secret.name);
    out(&format!("{}\n", secret.id))?;
    Ok(0)
}

/// podman's inspect document; `default_dir` the file driver's when its options name none.
fn document(secret: &Secret, value: Option<Vec<u8>>, default_dir: &Path) -> Value {
    let mut doc = json!({
        "ID": secret.id,
        "CreatedAt": secret.created,
        "UpdatedAt": secret.updated,
        "Spec": {
            "Name": secret.name,
            "Driver": {
                "Name": secret.driver.name,
                "Options": secret.driver.shown_options(default_dir),
            },
            "Labels": secret.labels,
        },
    });
    if let Some(value) = value {
        doc["SecretData"] = String::from_utf8_lossy(&value).into_owned().into();
    }
    doc
}

fn inspect(args: InspectArgs, secrets: &Secrets) -> Result<u8, Error> {
    let mut docs = Vec::new();
    let default_dir = secrets.data_dir();
    let result = each(&args.secrets, |spec| {
        let secret = secrets.get(spec)?;
        let value = args
            .showsecret
            .then(|| secrets.value(&secret))
            .transpose()?;
        docs.push(document(&secret, value, &default_dir));
        Ok(())
    });
    let text = if args.pretty && args.format.is_none() {
        docs.iter()
            .map(|d| {
                format!(
                    "ID:              {}\nName:            {}\nDriver:          {}\nCreated at:      {}\nUpdated at:      {}\n",
                    d["ID"].as_str().unwrap_or_default(),
                    d["Spec"]["Name"].as_str().unwrap_or_default(),
                    d["Spec"]["Driver"]["Name"].as_str().unwrap_or_default(),
                    d["CreatedAt"].as_str().unwrap_or_default(),
                    d["UpdatedAt"].as_str().unwrap_or_default()
                )
            })
            .collect()
    } else {
        format::render_documents(args.format.as_deref(), &docs)?
    };
    out(&text)?;
    result.map(|()| 0)
}

fn matches(filter: &str, secret: &Secret) -> Result<bool, Error> {
    let bad = || {
        Error::Usage(format!(
            "invalid filter {filter:?}: expected name=, id= or label="
        ))
    };
    let (key, value) = filter.split_once('=').ok_or_else(bad)?;
    Ok(match key {
        "name" => secret.name.contains(value),
        "id" => secret.id.starts_with(value),
        "label" => match value.split_once('=') {
            Some((k, v)) => secret.labels.get(k).is_some_and(|have| have == v),
            None => secret.labels.contains_key(value),
        },
        _ => return Err(bad()),
    })
}

fn ls(args: LsArgs, secrets: &Secrets) -> Result<u8, Error> {
    let mut picked = Vec::new();
    for secret in secrets.list()? {
        let mut keep = true;
        for f in &args.filter {
            keep &= matches(f, &secret)?;
        }
        if keep {
            picked.push(secret);
        }
    }
    if args.quiet {
        return out(&picked
            .iter()
            .map(|s| format!("{}\n", s.id))
            .collect::<String>())
        .map(|()| 0);
    }
    let rows: Vec<Value> = picked
        .iter()
        .map(|s| {
            json!({
                "ID": s.id, "Name": s.name, "Driver": s.driver.name,
                "CreatedAt": s.created, "UpdatedAt": s.updated, "Labels": s.labels,
            })
        })
        .collect();
    let columns = [
        Column::new("ID", "ID"),
        Column::new("Name", "NAME"),
        Column::new("Driver", "DRIVER"),
        Column::new("CreatedAt", "CREATED"),
        Column::new("UpdatedAt", "UPDATED"),
    ];
    out(&format::render_list(
        args.format.as_deref(),
        &rows,
        &columns,
        args.noheading,
    )?)?;
    Ok(0)
}

fn rm(args: RmArgs, ctx: &Context, secrets: &Secrets) -> Result<u8, Error> {
    let targets: Vec<String> = match args.all {
        true => secrets.list()?.into_iter().map(|s| s.id).collect(),
        false => args.secrets.clone(),
    };
    each(&targets, |spec| match secrets.remove(spec) {
        Ok(secret) => {
            ctx.event("secret", "remove", &secret.id, &secret.name);
            out(&format!("{}\n", secret.id))
        }
        Err(SecretError::NotFound(_)) if args.ignore => Ok(()),
        Err(e) => Err(e.into()),
    })?;
    Ok(0)
}
