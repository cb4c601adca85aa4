//! `rpod ps`.

use std::io::IsTerminal;

use clap::Args;

use crate::cli::context::Context;
use crate::cli::{GlobalFlags, out, style};
use crate::container::external::{self, External};
use crate::container::list::{self, Entry};
use crate::container::select::{Filter, Resolved};
use crate::container::{ContainerError, processes};
use crate::error::Error;
use crate::format::units::human_size;
use crate::format::{self, Column};

/// List containers
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod ps [options]")]
pub struct PsArgs {
    /// Show all the containers, default is only running containers
    #[arg(short, long)]
    pub all: bool,
    /// Print the numeric IDs of the containers only
    #[arg(short, long)]
    pub quiet: bool,
    /// Show the latest container created (all states)
    #[arg(short, long)]
    pub latest: bool,
    /// Show the n last created containers (all states)
    #[arg(short = 'n', long, value_name = "N")]
    pub last: Option<usize>,
    /// Display the extended information
    #[arg(long)]
    pub no_trunc: bool,
    /// Do not print the header row
    #[arg(long)]
    pub noheading: bool,
    /// Display the total file sizes: the container's own and, as virtual, with its image
    #[arg(short, long)]
    pub size: bool,
    /// Sort by command, created (default: newest first), id, image, names, runningfor, size
    /// or status
    #[arg(long, value_name = "CHOICE", default_value = "created",
          value_parser = ["command", "created", "id", "image", "names", "runningfor", "size", "status"])]
    pub sort: String,
    /// Also list external containers: the containers of builds' RUN steps, and storage in
    /// the store that no record describes (left by a crash) with the status Storage
    #[arg(long)]
    pub external: bool,
    /// Filter output based on conditions given (status, name, id, ancestor, label, label!,
    /// exited, before, since, node)
    #[arg(short, long, value_name = "FILTER")]
    pub filter: Vec<String>,
    /// List the containers of every node sharing the store too, with a NODE column (each
    /// node lists only its own by default; another node's show their node as STATUS)
    #[arg(long)]
    pub all_nodes: bool,
    /// Print the pod (ID and name) of each container
    #[arg(short, long)]
    pub pod: bool,
    /// Pretty-print containers using a Go template, or json (podman's objects)
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Show each container's PID and namespaces (inode numbers) instead of the usual columns
    #[arg(long = "namespace", visible_alias = "ns")]
    pub namespace: bool,
    /// List again every N seconds until interrupted
    #[arg(short, long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub watch: Option<u64>,
    /// Sync the containers' states with their runtime first: rpod reads each container's
    /// state from its live monitor at every listing, so it is always in sync
    #[arg(long)]
    pub sync: bool,
}

/// The columns of `--namespace`, podman's, after the ID, NAMES and PID.
const NAMESPACE_COLUMNS: [(&str, &str); 7] = [
    ("NsCgroup", "CGROUPNS"),
    ("NsIPC", "IPC"),
    ("NsMNT", "MNT"),
    ("NsNET", "NET"),
    ("NsPIDNS", "PIDNS"),
    ("NsUser", "USERNS"),
    ("NsUTS", "UTS"),
];

fn sort(entries: &mut [(Entry, Option<(u64, u64)>)], by: &str) {
    let key = |e: &Entry| -> String {
        let r = &e.record;
        match by {
            "command" => r.run.args().join(" "),
            "id" => r.id.to_string(),
            "image" => r.image_name.clone(),
            "names" => r.name.clone(),
            "status" => e.status.name().to_string(),
            _ => r.created.clone(),
        }
    };
    match by {
        "size" => entries.sort_by_key(|(_, size)| std::cmp::Reverse(size.map_or(0, |s| s.0))),
        // Newest first, as the default listing.
        "created" | "runningfor" => entries.sort_by_key(|(e, _)| std::cmp::Reverse(key(e))),
        _ => entries.sort_by_key(|(e, _)| key(e)),
    }
}

pub fn run(args: PsArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let Some(every) = args.watch else {
        return out(&listing(&args, global)?).map(|()| 0);
    };
    if args.format.as_deref().map(str::trim) == Some("json") {
        return Err(Error::Usage(
            "--watch and --format json cannot be used together".into(),
        ));
    }
    let clear = std::io::stdout().is_terminal();
    loop {
        let text = listing(&args, global)?;
        out(&format!(
            "{}{text}",
            if clear { "\x1b[2J\x1b[H" } else { "" }
        ))?;
        std::thread::sleep(std::time::Duration::from_secs(every));
    }
}

/// One listing, as text.
fn listing(args: &PsArgs, global: &GlobalFlags) -> Result<String, Error> {
    let filters = args
        .filter
        .iter()
        .map(|f| Filter::parse(f))
        .collect::<Result<Vec<_>, _>>()?;
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let engine = ctx.engine(&store)?;
    // The image index only for an `ancestor` filter: the rows name images from the records.
    let index = match filters.iter().any(|f| matches!(f, Filter::Ancestor(_))) {
        true => Some(store.index()?),
        false => None,
    };
    let image_id = |name: &str| {
        crate::image::store::find_in(index.as_ref()?, name, &ctx.config.registries)
            .ok()
            .map(|i| i.id.to_string())
    };
    let resolved = Resolved::new(&engine, filters, &image_id)?;
    let all = args.all || args.latest || args.last.is_some() || resolved.shows_stopped();
    let all_nodes = args.all_nodes || resolved.names_nodes();
    let mut listed = match all_nodes {
        true => list::entries_all(&engine)?,
        false => list::entries(&engine)?,
    };
    if args.external {
        listed.extend(list::build_entries(&engine)?);
    }
    // Another node's container may be running there: it is listed without -a too.
    let mut entries: Vec<(Entry, Option<(u64, u64)>)> = listed
        .into_iter()
        .filter(|e| (all || !e.here || e.status.is_running()) && resolved.matches(e))
        .map(|e| {
            let size = (args.size || args.sort == "size").then(|| list::sizes(&engine, &e));
            (e, size)
        })
        .collect();
    // The pods' records only when a container shown is in one.
    let pods = match entries.iter().any(|(e, _)| e.record.run.pod.is_some()) {
        true => crate::container::pod::pods(&engine)
            .list()
            .map_err(ContainerError::from)?,
        false => Vec::new(),
    };
    sort(&mut entries, "created");
    // podman's Pod and PodName fields (empty for a container in no pod).
    let pod_of = |e: &Entry, no_trunc: bool| {
        let pod = pods
            .iter()
            .find(|p| e.record.run.pod.as_ref() == Some(&p.id));
        let id = pod.map_or("", |p| if no_trunc { &p.id[..] } else { &p.id[..12] });
        (
            id.to_string(),
            pod.map_or("", |p| p.name.as_str()).to_string(),
        )
    };
    if args.latest {
        entries.truncate(1);
    }
    if let Some(n) = args.last {
        entries.truncate(n);
    }
    sort(&mut entries, &args.sort);
    // Storage without a record has no state to sort or cut by: it follows the containers.
    let externals: Vec<External> = match args.external {
        true => external::list(&engine)?
            .into_iter()
            .filter(|e| e.matches(resolved.filters()))
            .collect(),
        false => Vec::new(),
    };
    if args.quiet {
        let text: String = entries
            .iter()
            .map(|(e, _)| {
                let id = &e.record.id;
                format!(
                    "{}\n",
                    if args.no_trunc {
                        id.as_str()
                    } else {
                        id.short()
                    }
                )
            })
            .chain(externals.iter().map(|e| match args.no_trunc {
                true => format!("{}\n", e.id),
                false => format!("{}\n", &e.id[..e.id.len().min(12)]),
            }))
            .collect();
        return Ok(text);
    }
    if args.format.as_deref().map(str::trim) == Some("json") {
        let objects: Vec<_> = entries
            .iter()
            .map(|(e, size)| {
                let mut object = list::podman_json(e, *size);
                let (id, name) = pod_of(e, true);
                object["Pod"] = id.into();
                object["PodName"] = name.into();
                object
            })
            .chain(externals.iter().map(External::podman_json))
            .collect();
        return Ok(format!("{}\n", format::json_pretty(&objects)));
    }
    let rows: Vec<_> = entries
        .iter()
        .map(|(e, size)| {
            let mut row = list::row(e, args.no_trunc);
            let (pod, pod_name) = pod_of(e, args.no_trunc);
            row["Pod"] = pod.into();
            row["PodName"] = pod_name.into();
            if let Some((rw, root)) = size {
                row["Size"] = format!("{} (virtual {})", human_size(*rw), human_size(*root)).into();
            }
            if args.namespace {
                let found = e.status.running().map(|r| processes::namespaces(r.pid));
                let mut object = serde_json::Map::new();
                for (field, inode) in found.unwrap_or_default() {
                    row[format!("Ns{field}")] = inode.clone().into();
                    object.insert(field.to_string(), inode.into());
                }
                row["Namespaces"] = object.into();
            }
            row
        })
        .chain(externals.iter().map(|e| e.row(args.no_trunc)))
        .collect();
    if args.namespace {
        let mut columns = vec![
            Column::new("ID", "CONTAINER ID"),
            Column::new("Names", "NAMES"),
            Column::new("Pid", "PID"),
        ];
        columns.extend(NAMESPACE_COLUMNS.map(|(field, header)| Column::new(field, header)));
        return Ok(format::render_list(
            args.format.as_deref(),
            &rows,
            &columns,
            args.noheading,
        )?);
    }
    let mut columns = vec![
        Column::new("ID", "CONTAINER ID"),
        Column::new("Image", "IMAGE"),
        Column::new("Command", "COMMAND"),
        Column::new("RunningFor", "CREATED"),
        Column::new("Status", "STATUS"),
        Column::new("Ports", "PORTS"),
        Column::new("Names", "NAMES"),
    ];
    if args.size {
        columns.push(Column::new("Size", "SIZE"));
    }
    if all_nodes {
        columns.push(Column::new("Node", "NODE"));
    }
    if args.pod {
        columns.push(Column::new("Pod", "POD ID"));
        columns.push(Column::new("PodName", "PODNAME"));
    }
    Ok(format::render_list(
        args.format.as_deref(),
        &rows,
        &columns,
        args.noheading,
    )?)
}
