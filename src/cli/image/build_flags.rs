//! `build`'s flags for the container of every RUN step, as `run` spells them and parses them
//! (`RunPlan::build`), and podman's edits of the built image's config.

use std::path::PathBuf;

use clap::Args;

use crate::builder::{MoreBuildOptions, output};
use crate::error::Error;

use crate::cli::flags::resources::LimitFlags;
use crate::container::plan::RunOptions;
use crate::container::plan::resources::ResourceOptions;

#[derive(Debug, Args)]
pub struct StepFlags {
    /// Add a line to /etc/hosts of RUN steps (NAME:IP or NAME:host-gateway)
    #[arg(long = "add-host", value_name = "HOST:IP")]
    pub add_host: Vec<String>,
    /// Set a DNS server for RUN steps
    #[arg(long, value_name = "IP")]
    pub dns: Vec<String>,
    /// Set a resolv.conf option for RUN steps (e.g. ndots:2)
    #[arg(long = "dns-option", value_name = "OPTION")]
    pub dns_option: Vec<String>,
    /// Set a DNS search domain for RUN steps ('.' for none)
    #[arg(long = "dns-search", value_name = "DOMAIN")]
    pub dns_search: Vec<String>,
    /// Leave the image's /etc/hosts alone in RUN steps (no --add-host entries)
    #[arg(long)]
    pub no_hosts: bool,
    /// Leave the image's /etc/hostname alone in RUN steps
    #[arg(long)]
    pub no_hostname: bool,
    /// Bind mount or volume for RUN steps only (SOURCE:TARGET[:ro]); not part of the image
    #[arg(short, long = "volume", value_name = "VOLUME")]
    pub volume: Vec<String>,
    /// Add Linux capabilities to RUN steps
    #[arg(long = "cap-add", value_name = "CAP")]
    pub cap_add: Vec<String>,
    /// Drop Linux capabilities from RUN steps
    #[arg(long = "cap-drop", value_name = "CAP")]
    pub cap_drop: Vec<String>,
    /// Security options of RUN steps, as run's --security-opt
    #[arg(long = "security-opt", value_name = "OPTION")]
    pub security_opt: Vec<String>,
    /// Resource limits of RUN steps (NAME=SOFT[:HARD], e.g. nofile=1024:2048)
    #[arg(long = "ulimit", value_name = "ULIMIT")]
    pub ulimit: Vec<String>,
    /// Size of /dev/shm in RUN steps (default 64m)
    #[arg(long, value_name = "SIZE")]
    pub shm_size: Option<String>,
    /// Parent cgroup of RUN steps (absolute from the cgroup2 root, or relative to rpod's own)
    #[arg(long, value_name = "PATH")]
    pub cgroup_parent: Option<String>,
    /// Add a supplementary group to RUN steps (a gid or a group of the image)
    #[arg(long = "group-add", value_name = "GROUP")]
    pub group_add: Vec<String>,
    /// Add a host device to RUN steps (HOST[:CONTAINER][:PERMISSIONS]) or a CDI device
    #[arg(long, value_name = "DEVICE")]
    pub device: Vec<String>,
    /// Cgroup namespace of RUN steps: private (container, the only one rpod gives them)
    #[arg(long, value_name = "MODE")]
    pub cgroupns: Option<String>,
    /// IPC namespace of RUN steps: private (container) or host
    #[arg(long, value_name = "MODE")]
    pub ipc: Option<String>,
    /// PID namespace of RUN steps: private (container), as run's --pid
    #[arg(long, value_name = "MODE")]
    pub pid: Option<String>,
    /// UTS namespace of RUN steps: private (container) or host
    #[arg(long, value_name = "MODE")]
    pub uts: Option<String>,
    /// User namespace of RUN steps, as run's --userns (container: the default)
    #[arg(long, value_name = "MODE")]
    pub userns: Option<String>,
    /// A directory of OCI hook files for RUN steps' containers, instead of the global
    /// --hooks-dir (repeatable; later ones take precedence)
    #[arg(long, value_name = "PATH")]
    pub hooks_dir: Vec<PathBuf>,
    #[command(flatten)]
    pub limits: LimitFlags,
}

/// buildah spells a namespace of the step's own `container`; `run` spells it `private`.
fn namespace(value: &Option<String>) -> Option<String> {
    value
        .as_deref()
        .map(|v| if v == "container" { "private" } else { v }.to_string())
}

impl StepFlags {
    /// The options every RUN step's container starts from.
    pub fn options(&self) -> Result<RunOptions, Error> {
        match self.cgroupns.as_deref() {
            None | Some("private" | "container") => {}
            Some(other) => {
                return Err(usage(format!(
                    "unsupported --cgroupns {other:?}: RUN steps always get a cgroup namespace \
                     of their own (private)"
                )));
            }
        }
        let mut options = RunOptions {
            ipc: namespace(&self.ipc),
            pid: namespace(&self.pid),
            uts: namespace(&self.uts),
            userns: self.userns.clone().filter(|u| u != "container"),
            add_hosts: self.add_host.clone(),
            dns: self.dns.clone(),
            dns_options: self.dns_option.clone(),
            dns_search: self.dns_search.clone(),
            volumes: self.volume.clone(),
            cap_add: self.cap_add.clone(),
            cap_drop: self.cap_drop.clone(),
            security_opt: self.security_opt.clone(),
            ulimits: self.ulimit.clone(),
            resources: ResourceOptions {
                limits: self.limits.options(),
                cgroups: None,
                cgroup_parent: self.cgroup_parent.clone(),
                cgroup_conf: Vec::new(),
            },
            ..RunOptions::default()
        };
        options.more.no_hosts = self.no_hosts;
        options.more.no_hostname = self.no_hostname;
        options.more.shm_size = self.shm_size.clone();
        options.more.group_add = self.group_add.clone();
        options.more.devices = self.device.clone();
        Ok(options)
    }
}

/// What the result is built from and how it is kept: argument files, the ignore file, edits of
/// its config, the cache and its times.
#[derive(Debug, Args)]
pub struct ResultFlags {
    /// Read build arguments from this file (ARG=VALUE lines; # comments); --build-arg wins
    #[arg(long = "build-arg-file", value_name = "PATH")]
    pub build_arg_file: Vec<PathBuf>,
    /// Set a variable in the built image (KEY=VALUE, or KEY to take it from the environment)
    #[arg(long, value_name = "KEY[=VALUE]")]
    pub env: Vec<String>,
    /// Remove a variable from the built image, inherited or not
    #[arg(long, value_name = "KEY")]
    pub unsetenv: Vec<String>,
    /// Remove a label from the built image, inherited or not
    #[arg(long, value_name = "KEY")]
    pub unsetlabel: Vec<String>,
    /// The ignore file to use instead of the context's .containerignore or .dockerignore
    #[arg(long, value_name = "PATH")]
    pub ignorefile: Option<PathBuf>,
    /// Use and keep the build cache of intermediate images (default true); false neither
    /// reuses nor keeps any step
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub layers: Option<bool>,
    /// Remove each RUN step's container when it ends (the only way rpod builds; false is refused)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub rm: Option<bool>,
    /// Remove each RUN step's container even when the build fails (always; false is refused)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub force_rm: Option<bool>,
    /// The image format: oci (the only one rpod writes)
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// The created time of the image and its history, in seconds since the epoch (default:
    /// $SOURCE_DATE_EPOCH, else now); also the SOURCE_DATE_EPOCH build argument
    #[arg(long, value_name = "SECONDS")]
    pub source_date_epoch: Option<i64>,
    /// The created time of the image and its history, and the time of every file in the
    /// layers the build adds, in seconds since the epoch: reproducible builds
    #[arg(long, value_name = "SECONDS")]
    pub timestamp: Option<i64>,
    /// Leave the built image without history
    #[arg(long)]
    pub omit_history: bool,
    /// A further build context, for COPY --from=NAME: NAME=DIR (directories only)
    #[arg(long = "build-context", value_name = "NAME=DIR")]
    pub build_context: Vec<String>,
    /// Also write the built image's files: DIR, type=local,dest=DIR, or type=tar,dest=FILE
    /// (- for standard output, which then carries nothing else); device nodes are left out
    #[arg(short, long, value_name = "DEST")]
    pub output: Option<String>,
}

fn usage(message: String) -> Error {
    Error::Usage(message)
}

/// `KEY=VALUE`, or `KEY` with its value from rpod's environment.
fn env_pair(value: &str) -> Result<(String, String), Error> {
    let (key, value) = match value.split_once('=') {
        Some((key, value)) => (key, value.to_string()),
        None => (
            value,
            std::env::var(value).map_err(|_| {
                usage(format!(
                    "invalid --env {value:?}: no value given and {value} is not set in the environment"
                ))
            })?,
        ),
    };
    if key.is_empty() || key.contains(char::is_whitespace) {
        return Err(usage(format!(
            "invalid --env {key:?}: expected KEY=VALUE or KEY"
        )));
    }
    Ok((key.to_string(), value))
}

impl ResultFlags {
    /// The `--build-arg-file` lines, in order (the command line's --build-arg come after).
    pub fn build_arg_lines(&self) -> Result<Vec<String>, Error> {
        let mut lines = Vec::new();
        for path in &self.build_arg_file {
            let text = std::fs::read_to_string(path).map_err(|e| {
                usage(format!(
                    "cannot read --build-arg-file {}: {e}",
                    path.display()
                ))
            })?;
            for line in text.lines().map(str::trim) {
                if line.is_empty() || line.starts_with('#') {
                    continue;
                }
                if !line.contains('=') {
                    return Err(usage(format!(
                        "invalid line {line:?} in --build-arg-file {}: expected ARG=VALUE",
                        path.display()
                    )));
                }
                lines.push(line.to_string());
            }
        }
        Ok(lines)
    }

    /// Fills the config edits, cache and time options of `more`.
    pub fn apply(&self, more: &mut MoreBuildOptions) -> Result<(), Error> {
        for (flag, value) in [("--rm", self.rm), ("--force-rm", self.force_rm)] {
            if value == Some(false) {
                return Err(usage(format!(
                    "{flag}=false is not supported: rpod removes each RUN step's container when the \
                     step ends, whether it succeeded or not"
                )));
            }
        }
        match self.format.as_deref() {
            None | Some("oci") => {}
            Some(other) => {
                return Err(usage(format!(
                    "unsupported --format {other:?}: rpod writes OCI images only (--format oci)"
                )));
            }
        }
        let epoch = match self.source_date_epoch {
            Some(seconds) => Some(seconds.to_string()),
            None => std::env::var("SOURCE_DATE_EPOCH")
                .ok()
                .filter(|v| !v.is_empty()),
        };
        let (flag, text) = match (self.timestamp, epoch) {
            (Some(_), Some(_)) => {
                // podman's wording; $SOURCE_DATE_EPOCH counts as the flag there too.
                return Err(usage(
                    "--timestamp and --source-date-epoch (or $SOURCE_DATE_EPOCH) cannot be used \
                     together: timestamp and source-date-epoch would be ambiguous if allowed \
                     together"
                        .into(),
                ));
            }
            (Some(seconds), None) => ("--timestamp", Some(seconds.to_string())),
            (None, epoch) => ("--source-date-epoch", epoch),
        };
        more.created = text
            .map(|text| {
                text.parse::<i64>()
                    .ok()
                    .filter(|s| *s >= 0)
                    .and_then(|s| jiff::Timestamp::from_second(s).ok())
                    .ok_or_else(|| {
                        usage(format!(
                            "invalid {flag} {text:?}: expected seconds since 1970"
                        ))
                    })
            })
            .transpose()?;
        more.stamp_files = self.timestamp.is_some();
        more.env = self
            .env
            .iter()
            .map(|e| env_pair(e))
            .collect::<Result<_, _>>()?;
        more.unset_env = self.unsetenv.clone();
        more.unset_labels = self.unsetlabel.clone();
        more.ignore_file = self.ignorefile.clone();
        more.no_layers = self.layers == Some(false);
        more.omit_history = self.omit_history;
        more.contexts = self
            .build_context
            .iter()
            .map(|c| crate::builder::context::parse_named(c))
            .collect::<Result<_, _>>()?;
        more.output = self.output.as_deref().map(output::parse).transpose()?;
        Ok(())
    }
}
