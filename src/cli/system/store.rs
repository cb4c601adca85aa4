//! `rpod system df`, `system prune` and `system reset`.

use std::time::Duration;

use clap::Args;

use crate::cli::context::Context;
use crate::cli::image::prune::{confirm, remove_external};
use crate::cli::{GlobalFlags, out, style};
use crate::container::system;
use crate::error::Error;
use crate::format::units::{self, human_size};
use crate::format::{self, Column};
use crate::image::check::CheckScope;

/// Show how much disk images, containers and volumes use
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod system df [options]")]
pub struct DfArgs {
    /// Go template (fields: Type, Total, Active, Size, Reclaimable), or json
    #[arg(long, value_name = "FORMAT", conflicts_with = "verbose")]
    pub format: Option<String>,
    /// Show each image, container and volume and what it uses
    #[arg(short, long)]
    pub verbose: bool,
}

/// Remove stopped containers, dangling images and (with --volumes) unused anonymous volumes
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod system prune [options]")]
pub struct PruneArgs {
    /// Remove every image no container uses, not only dangling ones
    #[arg(short, long)]
    pub all: bool,
    /// Remove anonymous volumes no container uses too
    #[arg(long)]
    pub volumes: bool,
    /// Do not prompt for confirmation
    #[arg(short, long)]
    pub force: bool,
    /// Remove only the containers, images and volumes these pick: label=KEY[=VALUE],
    /// label!=KEY[=VALUE], until=TIME (created before)
    #[arg(long, value_name = "FILTER")]
    pub filter: Vec<String>,
    /// Remove only the storage of containers rpod has no record of (left by a crash; rpod
    /// system check lists them), each named on stderr; nothing else is pruned
    #[arg(long)]
    pub external: bool,
    /// Remove the containers of builds' RUN steps that killed builds left (those of builds
    /// still running stay)
    #[arg(long)]
    pub build: bool,
}

/// Remove every container, image and volume, and rpod's data and runtime directories
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod system reset [options]")]
pub struct ResetArgs {
    /// Do not prompt for confirmation
    #[arg(short, long)]
    pub force: bool,
}

pub fn df(args: DfArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    if args.verbose {
        return out(&verbose(&system::df_detail(&engine)?)?).map(|()| 0);
    }
    let rows: Vec<serde_json::Value> = system::df(&engine)?
        .iter()
        .map(|u| {
            let percent = (100 * u.reclaimable).checked_div(u.size).unwrap_or(0);
            serde_json::json!({
                "Type": u.kind,
                "Total": u.total,
                "Active": u.active,
                "Size": human_size(u.size),
                "Reclaimable": format!("{} ({percent}%)", human_size(u.reclaimable)),
                "RawSize": u.size,
                "RawReclaimable": u.reclaimable,
            })
        })
        .collect();
    if args.format.as_deref() == Some("json") {
        return out(&format!("{}\n", format::json_pretty(&rows))).map(|()| 0);
    }
    let columns = [
        Column::new("Type", "TYPE"),
        Column::new("Total", "TOTAL"),
        Column::new("Active", "ACTIVE"),
        Column::new("Size", "SIZE"),
        Column::new("Reclaimable", "RECLAIMABLE"),
    ];
    out(&format::render_rows(
        args.format.as_deref(),
        &rows,
        &columns,
    )?)?;
    Ok(0)
}

/// podman's three tables of `system df -v`.
fn verbose(detail: &system::Detail) -> Result<String, Error> {
    let images: Vec<serde_json::Value> = detail
        .images
        .iter()
        .map(|i| {
            serde_json::json!({
                "Repository": i.repository,
                "Tag": i.tag,
                "ID": i.id.short(),
                "Created": units::ago(i.created.as_deref()),
                "Size": human_size(i.size),
                "Shared": human_size(i.shared),
                "Unique": human_size(i.size - i.shared),
                "Containers": i.containers,
            })
        })
        .collect();
    let containers: Vec<serde_json::Value> = detail
        .containers
        .iter()
        .map(|c| {
            let r = &c.entry.record;
            serde_json::json!({
                "ID": r.id.short(),
                "Image": r.image.short(),
                "Command": r.run.args().join(" "),
                "Volumes": c.volumes,
                "Size": human_size(c.size),
                "Created": units::ago(Some(&r.created)),
                "Status": c.entry.status.name(),
                "Names": r.name,
            })
        })
        .collect();
    let volumes: Vec<serde_json::Value> = detail
        .volumes
        .iter()
        .map(|v| serde_json::json!({"Name": v.name, "Links": v.links, "Size": human_size(v.size)}))
        .collect();
    let tables = [
        (
            "Images space usage:",
            images,
            vec![
                Column::new("Repository", "REPOSITORY"),
                Column::new("Tag", "TAG"),
                Column::new("ID", "IMAGE ID"),
                Column::new("Created", "CREATED"),
                Column::new("Size", "SIZE"),
                Column::new("Shared", "SHARED SIZE"),
                Column::new("Unique", "UNIQUE SIZE"),
                Column::new("Containers", "CONTAINERS"),
            ],
        ),
        (
            "Containers space usage:",
            containers,
            vec![
                Column::new("ID", "CONTAINER ID"),
                Column::new("Image", "IMAGE"),
                Column::new("Command", "COMMAND"),
                Column::new("Volumes", "LOCAL VOLUMES"),
                Column::new("Size", "SIZE"),
                Column::new("Created", "CREATED"),
                Column::new("Status", "STATUS"),
                Column::new("Names", "NAMES"),
            ],
        ),
        (
            "Local Volumes space usage:",
            volumes,
            vec![
                Column::new("Name", "VOLUME NAME"),
                Column::new("Links", "LINKS"),
                Column::new("Size", "SIZE"),
            ],
        ),
    ];
    let mut text = String::new();
    for (i, (title, rows, columns)) in tables.iter().enumerate() {
        if i > 0 {
            text.push('\n');
        }
        text.push_str(&format!("{title}\n\n"));
        text.push_str(&format::render_rows(None, rows, columns)?);
    }
    Ok(text)
}

pub fn prune(args: PruneArgs, global: &GlobalFlags) -> Result<u8, Error> {
    if args.external && (args.all || args.volumes || args.build || !args.filter.is_empty()) {
        return Err(Error::Usage(
            "--external cannot be combined with --all, --volumes, --build or --filter: it \
             removes only the storage crashed containers left"
                .into(),
        ));
    }
    let filters = crate::container::prune_filter::PruneFilters::parse(&args.filter)?;
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    if args.external {
        return prune_external(&engine, args.force);
    }
    if !args.force {
        let images = if args.all {
            "all images without at least one container associated to them"
        } else {
            "all dangling images"
        };
        let volumes = if args.volumes {
            "\n  - all anonymous volumes not used by at least one container"
        } else {
            ""
        };
        let builds = if args.build {
            "\n  - all build containers of builds no longer running"
        } else {
            ""
        };
        let question = format!(
            "WARNING! This command removes:\n  - all stopped containers{volumes}{builds}\n  - {images}\n\nAre you sure you want to continue?"
        );
        if !confirm(&question)? {
            return Ok(0);
        }
    }
    let pruned = system::prune(&engine, (args.all, args.volumes, args.build), &filters)?;
    let mut text = String::new();
    let mut section = |title: &str, items: Vec<String>| {
        if !items.is_empty() {
            text.push_str(&format!("Deleted {title}\n{}\n", items.join("\n")));
        }
    };
    section("Containers", pruned.containers);
    section("Volumes", pruned.volumes);
    section(
        "Images",
        pruned.images.iter().map(|i| i.to_string()).collect(),
    );
    text.push_str(&format!(
        "Total reclaimed space: {}\n",
        human_size(pruned.reclaimed)
    ));
    out(&text)?;
    Ok(0)
}

/// `system prune --external`, podman's way to clear what unclean shutdowns left, and nothing
/// more.
fn prune_external(engine: &crate::container::Engine, force: bool) -> Result<u8, Error> {
    if !force
        && !confirm(
            "WARNING! This command removes the storage of containers rpod has no record of. Are you sure you want to continue?",
        )?
    {
        return Ok(0);
    }
    remove_external(engine)?;
    Ok(0)
}

pub fn reset(args: ResetArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    if !args.force
        && !confirm(
            "WARNING! This will remove all containers, images and volumes, and rpod's data and runtime directories. Are you sure you want to continue?",
        )?
    {
        return Ok(0);
    }
    system::reset(&engine)?;
    Ok(0)
}

/// Check the store for what a crash or a killed command left, and repair it with --repair
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod system check [options]")]
pub struct CheckArgs {
    /// Remove damaged images and container directories, and collect unused layers
    #[arg(short, long)]
    pub repair: bool,
    /// With --repair, also remove the containers of damaged images
    #[arg(short, long)]
    pub force: bool,
    /// Unused layers older than this (a Go duration) are what a cancelled pull left
    #[arg(short, long, value_name = "DURATION", default_value = "24h", value_parser = max_age)]
    pub max: Duration,
    /// Skip reading every layer's files back against its digest
    #[arg(short, long)]
    pub quick: bool,
}

/// `--max` as a user would write it again.
fn age_text(age: Duration) -> String {
    match age.as_secs() {
        s if s % 3600 == 0 && s > 0 => format!("{}h", s / 3600),
        s if s % 60 == 0 && s > 0 => format!("{}m", s / 60),
        s => format!("{s}s"),
    }
}

fn max_age(text: &str) -> Result<Duration, String> {
    if text == "0" {
        return Ok(Duration::ZERO);
    }
    units::parse_go_duration(text)
        .ok_or_else(|| format!("invalid duration {text:?}: want a Go duration such as 1h or 30m"))
}

pub fn check(args: CheckArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    let options = system::CheckOptions {
        scope: CheckScope {
            quick: args.quick,
            unreferenced_age: args.max,
        },
        repair: args.repair,
        force: args.force,
    };
    let report = system::check(&engine, options)?;
    let mut text = String::new();
    for d in &report.store.damaged {
        let names = if d.names.is_empty() {
            String::new()
        } else {
            format!(" ({})", d.names.join(", "))
        };
        text.push_str(&format!(
            "damaged image {}{names}: {}\n",
            d.image.short(),
            d.problem
        ));
    }
    for name in &report.broken_containers {
        text.push_str(&format!(
            "damaged container directory {name}: no readable record\n"
        ));
    }
    for name in &report.orphaned_containers {
        text.push_str(&format!(
            "container {name}: its image's layers are gone; remove it with rpod rm {name}\n"
        ));
    }
    for name in &report.names.unclaimed {
        text.push_str(&format!(
            "container name {name}: missing from the name index, so another container could take it\n"
        ));
    }
    for name in &report.names.stale {
        text.push_str(&format!(
            "container name {name}: claimed in the name index by a container that is gone or renamed (free for a new container)\n"
        ));
    }
    let age = age_text(args.max);
    if report.store.unreferenced > 0 {
        text.push_str(&format!(
            "{} unused layers older than {age} (left by a cancelled pull or a killed command)\n",
            report.store.unreferenced
        ));
    }
    if report.store.unreferenced_recent > 0 {
        text.push_str(&format!(
            "{} unused layers newer than {age} (perhaps a pull in progress: a repair keeps them)\n",
            report.store.unreferenced_recent
        ));
    }
    if args.repair {
        for id in &report.store.removed_images {
            text.push_str(&format!("removed image {}\n", id.short()));
        }
        for name in &report.broken_containers {
            text.push_str(&format!("removed container directory {name}\n"));
        }
        for name in &report.removed_containers {
            text.push_str(&format!("removed container {name} of a damaged image\n"));
        }
        for name in &report.names.unclaimed {
            text.push_str(&format!("claimed container name {name}\n"));
        }
        for name in &report.names.stale {
            text.push_str(&format!("released container name {name}\n"));
        }
        if report.store.collected_layers > 0 {
            text.push_str(&format!(
                "collected {} layers\n",
                report.store.collected_layers
            ));
        }
    }
    let left = report.problems_left(args.repair);
    if text.is_empty() {
        text.push_str("No errors found\n");
    } else if left && !args.repair {
        text.push_str("run rpod system check --repair to repair\n");
    }
    out(&text)?;
    Ok(u8::from(left))
}

/// Migrate containers to a new version of rpod (there is nothing to migrate)
#[derive(Debug, Args)]
#[command(
    help_template = style::COMMAND_TEMPLATE,
    override_usage = "rpod system migrate [--migrate-db] [--new-runtime RUNTIME]"
)]
pub struct MigrateArgs {
    /// Migrate podman's BoltDB database to SQLite (rpod keeps no database: nothing to do)
    #[arg(long)]
    pub migrate_db: bool,
    /// Move every container to another OCI runtime (refused: rpod is its own runtime)
    #[arg(long, value_name = "RUNTIME")]
    pub new_runtime: Option<String>,
}

/// `system migrate`: there is never anything to migrate, and no other runtime to move to.
pub fn migrate(args: MigrateArgs) -> Result<u8, Error> {
    if let Some(runtime) = args.new_runtime {
        return Err(Error::Usage(format!(
            "--new-runtime {runtime:?}: rpod runs every container with its own runtime, there \
             is no OCI runtime to move containers to"
        )));
    }
    if args.migrate_db {
        return nothing_to_do(
            "rpod keeps no database to migrate (BoltDB or SQLite): its records are one file per \
             container, pod, volume and image",
        );
    }
    nothing_to_do(
        "rpod's records need no migration between versions: each rpod reads what the last one \
         wrote",
    )
}

/// Reassign container lock numbers (rpod has none)
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod system renumber")]
pub struct RenumberArgs {}

/// podman's maintenance verbs that rpod's design makes unnecessary: done, with the reason.
pub fn nothing_to_do(why: &str) -> Result<u8, Error> {
    eprintln!("Nothing to do: {why}.");
    Ok(0)
}
