//! `rpod images` / `rpod image ls`.

use clap::Args;
use serde_json::{Value, json};

use crate::cli::context::Context;
use crate::cli::{GlobalFlags, out, style};
use crate::error::Error;
use crate::format::{self, Column, units};
use crate::image::lists;
use crate::image::reference::Parsed;
use crate::image::store::ImageRecord;

/// List images in local storage
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod images [options] [REPOSITORY]")]
pub struct ImagesArgs {
    /// Show all images (default hides intermediate images)
    #[arg(short, long)]
    pub all: bool,
    /// Show only image IDs
    #[arg(short, long)]
    pub quiet: bool,
    /// Show digests
    #[arg(long)]
    pub digests: bool,
    /// Do not truncate output
    #[arg(long)]
    pub no_trunc: bool,
    /// Show the names each image had, the latest first (kept when a name moved to another
    /// image or was untagged)
    #[arg(long)]
    pub history: bool,
    /// Filter output based on conditions given (dangling=BOOL, reference=NAME,
    /// label=KEY[=VALUE], manifest=BOOL)
    #[arg(short, long, value_name = "FILTER")]
    pub filter: Vec<String>,
    /// Pretty-print images using a Go template, or json; `{{.Store}}` is the data directory
    /// holding the image (the user's own or an additional image store), `{{.ReadOnly}}` true
    /// for an additional store's
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Do not print the header row
    #[arg(short, long)]
    pub noheading: bool,
    /// Sort by created (newest first, the default), id, repository (then tag), size or tag
    #[arg(long, value_name = "FIELD", default_value = "created", value_parser = ["created", "id", "repository", "size", "tag"])]
    pub sort: String,
    /// Show only images of this repository
    #[arg(value_name = "REPOSITORY")]
    pub repository: Option<String>,
}

enum Filter {
    Dangling(bool),
    Reference(String),
    Label(String, Option<String>),
    /// Manifest lists only, or images only.
    Manifest(bool),
}

fn parse_filter(s: &str) -> Result<Filter, Error> {
    let bad = || {
        Error::Usage(format!(
            "invalid filter {s:?}: expected dangling=BOOL, reference=NAME, label=KEY[=VALUE] or manifest=BOOL"
        ))
    };
    let (key, value) = s.split_once('=').ok_or_else(bad)?;
    match key {
        "dangling" => value.parse().map(Filter::Dangling).map_err(|_| bad()),
        "manifest" => value.parse().map(Filter::Manifest).map_err(|_| bad()),
        "reference" => Ok(Filter::Reference(value.to_string())),
        "label" => Ok(match value.split_once('=') {
            Some((k, v)) => Filter::Label(k.to_string(), Some(v.to_string())),
            None => Filter::Label(value.to_string(), None),
        }),
        _ => Err(bad()),
    }
}

/// Whether `name` (registry/repo:tag) matches what the user typed: a full or short repository,
/// with or without tag, with `*` wildcards in the last component as docker allows.
fn reference_matches(pattern: &str, name: &str) -> bool {
    let (repo, tag) = name
        .rsplit_once(':')
        .filter(|(_, t)| !t.contains('/'))
        .unwrap_or((name, ""));
    let (pat_repo, pat_tag) = match pattern.rsplit_once(':').filter(|(_, t)| !t.contains('/')) {
        Some((r, t)) => (r, Some(t)),
        None => (pattern, None),
    };
    let repo_ok = glob(pat_repo, repo)
        || repo.ends_with(&format!("/{pat_repo}")) && !pat_repo.contains('*')
        || repo
            .rsplit('/')
            .next()
            .is_some_and(|last| glob(pat_repo, last));
    repo_ok && pat_tag.is_none_or(|t| glob(t, tag))
}

/// `*` as any run of characters, the only wildcard podman's name filters take.
pub fn glob(pattern: &str, text: &str) -> bool {
    match pattern.split_once('*') {
        None => pattern == text,
        Some((head, rest)) => {
            text.starts_with(head)
                && (0..=text.len() - head.len()).any(|i| {
                    text.is_char_boundary(head.len() + i) && glob(rest, &text[head.len() + i..])
                })
        }
    }
}

pub fn run(args: ImagesArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let filters = args
        .filter
        .iter()
        .map(|f| parse_filter(f))
        .collect::<Result<Vec<_>, _>>()?;
    if let Some(repo) = &args.repository {
        Parsed::parse(repo)?;
    }
    let index = store.index()?;
    // Manifest lists are listed among the images, as podman lists them.
    let lists: Vec<ImageRecord> = lists::read(&store)?
        .lists
        .iter()
        .map(|l| lists::as_image(&store, l))
        .collect();
    let is_list = |image: &ImageRecord| lists.iter().any(|l| l.id == image.id);
    let mut images: Vec<&ImageRecord> = index
        .images
        .iter()
        .filter(|image| args.all || !index.is_intermediate(image))
        .chain(&lists)
        .collect();
    images.sort_by(|a, b| b.created.cmp(&a.created));
    let labels_of = |image: &ImageRecord| -> Result<Value, Error> {
        if is_list(image) {
            return Ok(Value::Null);
        }
        let config = store.read_blob(&image.config_digest())?;
        let config: Value = serde_json::from_slice(&config).unwrap_or(Value::Null);
        Ok(config["config"]["Labels"].clone())
    };
    let mut rows = Vec::new();
    let mut ids = Vec::new();
    for &image in &images {
        let mut keep = true;
        for f in &filters {
            keep &= match f {
                Filter::Dangling(d) => index.is_dangling(image) == *d,
                Filter::Manifest(m) => is_list(image) == *m,
                Filter::Reference(p) => image.names.iter().any(|n| reference_matches(p, n)),
                Filter::Label(k, v) => {
                    let labels = labels_of(image)?;
                    match (&labels[k.as_str()], v) {
                        (Value::String(have), Some(want)) => have == want,
                        (Value::String(_), None) => true,
                        _ => false,
                    }
                }
            };
        }
        if let Some(repo) = &args.repository {
            keep &= image.names.iter().any(|n| reference_matches(repo, n));
        }
        if !keep {
            continue;
        }
        ids.push(image.id.clone());
        let shown = image_rows(image, &args, store.data_dir_of(image));
        rows.extend(shown.into_iter().map(|row| (image.size, row)));
    }
    sort(&mut rows, &args.sort);
    let rows: Vec<Value> = rows.into_iter().map(|(_, row)| row).collect();
    if args.quiet {
        ids.dedup();
        let text: String = ids
            .iter()
            .map(|id| match args.no_trunc {
                true => format!("sha256:{id}\n"),
                false => format!("{}\n", id.short()),
            })
            .collect();
        return out(&text).map(|()| 0);
    }
    if args.format.as_deref() == Some("json") {
        let docs: Vec<Value> = images
            .iter()
            .filter(|i| ids.contains(&i.id))
            .map(|i| {
                let labels = labels_of(i).unwrap_or(Value::Null);
                json_image(i, labels, index.is_dangling(i), store.data_dir_of(i))
            })
            .collect();
        return out(&format!("{}\n", format::json_pretty(&docs))).map(|()| 0);
    }
    let mut columns = vec![
        Column::new("Repository", "REPOSITORY"),
        Column::new("Tag", "TAG"),
    ];
    if args.digests {
        columns.push(Column::new("Digest", "DIGEST"));
    }
    columns.extend([
        Column::new("ID", "IMAGE ID"),
        Column::new("CreatedSince", "CREATED"),
        Column::new("Size", "SIZE"),
    ]);
    if args.history {
        columns.push(Column::new("History", "HISTORY"));
    }
    out(&format::render_list(
        args.format.as_deref(),
        &rows,
        &columns,
        args.noheading,
    )?)?;
    Ok(0)
}

/// `--sort`, podman's orders: the rows (each with its image's size) come newest first.
fn sort(rows: &mut [(u64, Value)], by: &str) {
    let text = |row: &Value, field: &str| row[field].as_str().unwrap_or("").to_string();
    match by {
        "id" => rows.sort_by_key(|(_, r)| text(r, "ID")),
        "repository" => rows.sort_by_key(|(_, r)| (text(r, "Repository"), text(r, "Tag"))),
        "size" => rows.sort_by_key(|(size, _)| *size),
        "tag" => rows.sort_by_key(|(_, r)| text(r, "Tag")),
        _ => {}
    }
}

/// The table's rows of `image`, found in the data directory `from`.
fn image_rows(image: &ImageRecord, args: &ImagesArgs, from: &std::path::Path) -> Vec<Value> {
    let id = if args.no_trunc {
        format!("sha256:{}", image.id)
    } else {
        image.id.short().to_string()
    };
    let since = units::ago(image.created.as_deref());
    let digest = image
        .repo_digests
        .first()
        .and_then(|d| d.rsplit_once('@'))
        .map_or("<none>".to_string(), |(_, d)| d.to_string());
    image
        .repo_tags()
        .into_iter()
        .map(|(repository, tag)| {
            json!({
                "ID": id,
                "Repository": repository,
                "Tag": tag,
                "Digest": digest,
                "CreatedSince": since,
                "CreatedAt": image.created.clone().unwrap_or_default(),
                "Size": units::human_size(image.size),
                "History": history_text(image),
                "ReadOnly": image.read_only_store.is_some(),
                "IsReadOnly": image.read_only_store.is_some(),
                // rpod's: which store, of the user's and the additional ones, holds the image.
                "Store": from.display().to_string(),
            })
        })
        .collect()
}

/// The HISTORY column: the names the image had, the latest first.
fn history_text(image: &ImageRecord) -> String {
    match image.names_history.is_empty() {
        true => "<none>".into(),
        false => image.names_history.join(", "),
    }
}

/// podman's `images --format json` entry, and the data directory `from` that holds the image.
fn json_image(image: &ImageRecord, labels: Value, dangling: bool, from: &std::path::Path) -> Value {
    let created = image
        .created
        .as_deref()
        .and_then(|c| c.parse::<jiff::Timestamp>().ok())
        .map_or(0, |t| t.as_second());
    json!({
        "Id": image.id.as_str(),
        "RepoTags": image.names,
        "RepoDigests": image.repo_digests,
        "Names": image.names,
        "History": image.names_history,
        "Digest": image.manifest.to_string(),
        "Size": image.size,
        "Created": created,
        "CreatedAt": image.created.clone().unwrap_or_default(),
        "Labels": labels,
        "Dangling": dangling,
        // podman's field: the image comes from an additional (read-only) image store.
        "ReadOnly": image.read_only_store.is_some(),
        // rpod's: which one (or the user's own store).
        "Store": from.display().to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_filter_matches_full_short_and_wildcards() {
        let name = "docker.io/library/busybox:latest";
        assert!(reference_matches("busybox", name));
        assert!(reference_matches("busybox:latest", name));
        assert!(reference_matches("library/busybox", name));
        assert!(reference_matches("docker.io/library/busybox", name));
        assert!(reference_matches("busy*", name));
        assert!(reference_matches("busybox:lat*", name));
        assert!(!reference_matches("busybox:1", name));
        assert!(!reference_matches("box", name));
        assert!(reference_matches("127.0.0.1:5000/x", "127.0.0.1:5000/x:1"));
    }
}
