//! `POST /build` (docker's classic builder, as `docker build` with DOCKER_BUILDKIT=0 and the
//! docker CLI 20.10 send it): the request body is the context as a tar archive, the build is
//! the one `rpod build` makes, and its step lines come back as docker's JSON progress
//! (`{"stream": …}`, then `{"aux": {"ID": …}}`; a failure as `errorDetail`). A parameter rpod
//! cannot honour is a 400 naming it before anything is built.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::PathBuf;

use serde_json::{Value, json};
use tokio::sync::mpsc;

use super::reply::{self, Failure, Reply};
use super::route::Call;
use crate::builder::{
    self, BuildOptions, ContextSource, DockerfileSource, MoreBuildOptions, PullPolicy,
};
use crate::image::manifest::Platform;
use crate::image::reference::Reference;
use crate::state::scratch;

/// Parameters the docker CLI always sends, which mean nothing to rpod's builder at their
/// defaults; set to anything else they are refused.
const DEFAULT_ONLY: [&str; 17] = [
    "cachefrom",
    "cgroupparent",
    "cpuperiod",
    "cpuquota",
    "cpusetcpus",
    "cpusetmems",
    "cpushares",
    "memory",
    "memswap",
    "shmsize",
    "ulimits",
    "extrahosts",
    "squash",
    "isolation",
    "outputs",
    "remote",
    "session",
];

/// The build as asked, checked before the context is unpacked.
struct Plan {
    tags: Vec<String>,
    dockerfile: Option<PathBuf>,
    build_args: BTreeMap<String, String>,
    labels: Vec<(String, String)>,
    target: Option<String>,
    no_cache: bool,
    pull: PullPolicy,
    quiet: bool,
    network: Option<String>,
    platform: Option<Platform>,
}

fn is_default(value: &str) -> bool {
    matches!(value, "" | "0" | "null" | "[]" | "{}" | "false" | "False")
}

fn truthy(value: &str) -> bool {
    matches!(value, "1" | "true" | "True")
}

/// `buildargs` and `labels`: a JSON object of strings (a null value: not set).
fn json_map(key: &str, text: &str) -> Result<BTreeMap<String, String>, Failure> {
    if text.is_empty() || text == "null" {
        return Ok(BTreeMap::new());
    }
    let map: BTreeMap<String, Option<String>> = serde_json::from_str(text)
        .map_err(|e| Failure::bad(format!("{key}: expected a JSON object of strings: {e}")))?;
    Ok(map
        .into_iter()
        .filter_map(|(k, v)| v.map(|v| (k, v)))
        .collect())
}

impl Plan {
    fn parse(call: &Call) -> Result<Plan, Failure> {
        let mut plan = Plan {
            tags: Vec::new(),
            dockerfile: None,
            build_args: BTreeMap::new(),
            labels: Vec::new(),
            target: None,
            no_cache: false,
            pull: PullPolicy::Missing,
            quiet: false,
            network: None,
            platform: None,
        };
        for (key, value) in &call.pairs {
            let value = value.as_str();
            match key.as_str() {
                "t" => {
                    let bad = |why: String| Failure::bad(format!("t {value:?}: {why}"));
                    let reference =
                        Reference::parse_local(value).map_err(|e| bad(e.to_string()))?;
                    let name = reference
                        .tagged_name()
                        .ok_or_else(|| bad("a build tag cannot be a digest reference".into()))?;
                    plan.tags.push(name);
                }
                "dockerfile" if !value.is_empty() => plan.dockerfile = Some(value.into()),
                "buildargs" => plan.build_args = json_map(key, value)?,
                "labels" => plan.labels = json_map(key, value)?.into_iter().collect(),
                "target" if !value.is_empty() => plan.target = Some(value.to_string()),
                "nocache" => plan.no_cache = truthy(value),
                "pull" if truthy(value) => plan.pull = PullPolicy::Always,
                "q" => plan.quiet = truthy(value),
                "networkmode" if !matches!(value, "" | "default") => {
                    plan.network = Some(value.to_string());
                }
                "platform" if !value.is_empty() => {
                    plan.platform =
                        Some(Platform::parse(value).map_err(|e| Failure::bad(e.to_string()))?);
                }
                // rpod always removes the intermediate containers, whether a step failed or not.
                "rm" | "forcerm" | "dockerfile" | "target" | "pull" | "networkmode"
                | "platform" => {}
                "version" if matches!(value, "" | "1") => {}
                "version" => {
                    return Err(Failure::bad(format!(
                        "version {value:?}: rpod builds with the classic builder's API only \
                         (BuildKit sessions are not served): build with DOCKER_BUILDKIT=0"
                    )));
                }
                other if DEFAULT_ONLY.contains(&other) && is_default(value) => {}
                other => {
                    return Err(Failure::bad(format!(
                        "{other}={value:?}: not supported by rpod's builder"
                    )));
                }
            }
        }
        Ok(plan)
    }
}

/// The builder's step lines as docker's `{"stream": …}` messages.
struct Lines {
    tx: mpsc::UnboundedSender<Value>,
}

impl Write for Lines {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let text = String::from_utf8_lossy(buf).into_owned();
        let _ = self.tx.send(json!({ "stream": text }));
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

pub async fn build(mut call: Call) -> Result<Reply, Failure> {
    let plan = Plan::parse(&call)?;
    let mut body = call.body_stream();
    let (tx, rx) = mpsc::unbounded_channel::<Value>();
    let building = call.engine(move |o| {
        let send = |line: Value| {
            let _ = tx.send(line);
        };
        let engine = o.engine()?;
        // The context goes to disk as it arrives, never whole into memory; the builder
        // unpacks it from there.
        let spool = scratch::Temp::new(o.store.dir(), "build-context");
        let io_failure = |e: std::io::Error| {
            Failure::bad(format!(
                "reading the build context from the request body: {e}"
            ))
        };
        let mut file = std::fs::File::create(spool.path()).map_err(io_failure)?;
        std::io::copy(&mut body, &mut file).map_err(io_failure)?;
        drop(file);
        let opts = BuildOptions {
            context: ContextSource::Archive(spool.path().to_path_buf()),
            dockerfile: plan.dockerfile.map(DockerfileSource::Path),
            tags: plan.tags,
            build_args: plan.build_args,
            target: plan.target,
            no_cache: plan.no_cache,
            pull: plan.pull,
            labels: plan.labels,
            network: plan.network,
            platform: plan.platform,
            quiet: plan.quiet,
            registry: engine.registry.clone(),
            // docker's classic builder drops what RUN steps write below a VOLUME.
            more: MoreBuildOptions {
                compat_volumes: true,
                ..Default::default()
            },
        };
        let (mut lines, mut sink) = (Lines { tx: tx.clone() }, io::sink());
        let progress: &mut dyn Write = if opts.quiet { &mut sink } else { &mut lines };
        let built = match builder::build(&engine, &opts, progress) {
            Ok(built) => built,
            Err(e) => {
                let message = e.to_string();
                send(json!({ "errorDetail": { "message": message }, "error": message }));
                return Ok(());
            }
        };
        let id = built.id.to_string();
        let runroot = &o.paths.runroot;
        for tag in &opts.tags {
            crate::container::events::record(runroot, "image", "tag", &id, tag);
        }
        let first = opts.tags.first().map_or("", String::as_str);
        crate::container::events::record(runroot, "image", "build", &id, first);
        send(json!({ "aux": { "ID": format!("sha256:{id}") } }));
        if opts.quiet {
            send(json!({ "stream": format!("sha256:{id}\n") }));
            return Ok(());
        }
        // The builder said "Successfully tagged"; docker's last line names the image.
        send(json!({ "stream": format!("Successfully built {}\n", built.id.short()) }));
        Ok(())
    });
    Ok(reply::json_lines(rx, building))
}
