//! `rpod build`: turning a Dockerfile and a context into an image.
//!
//! `dockerfile` is the pure front end (text in, typed stages out, no I/O), so the builder that
//! reads the context and runs steps can be tested apart from it and the parser can be fuzzed.
//!
//! Each step makes an image of its own (unnamed, with the image before it as parent): a
//! config-only step a new config, RUN the changes of a container made from the image so far,
//! COPY and ADD a layer written straight from their sources. Each such image carries a build
//! key — the hash of its parent and the step (with the content of COPY sources and the build
//! arguments a RUN sees) — and a later build that would make the same key takes the image
//! instead: the build cache is the image store itself, shared by concurrent builds under its
//! lock, kept by `images -a`, and freed with the image it led to (`rmi`, `image prune`).

pub mod annotate;
pub mod context;
pub mod cpp;
pub mod dockerfile;
pub mod error;
pub mod output;
pub mod remote_cache;
pub mod sbom;
pub mod secrets;
pub mod ssh;

mod config_step;
mod copy;
mod copy_layer;
mod describe;
mod finish;
mod ignore;
mod run_step;
mod sbom_scan;
mod stage;
mod stamp;
mod tree;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Write;
use std::path::PathBuf;

pub use context::{ContextSource, DockerfileSource};
pub use error::{BuildError, StepError};

use crate::container::Engine;
use crate::container::create;
use crate::container::plan::{RunOptions, RunPlan};
use crate::ids::ImageId;
use crate::image::manifest::Platform;
use crate::image::progress;
use crate::image::pull::{self, PullOptions};
use crate::image::registry::RegistryOptions;
use crate::image::store::{ImageRecord, StoreError};
use dockerfile::{Dockerfile, Instruction};

/// `--pull`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PullPolicy {
    /// Pull a base image only when it is not in the store.
    Missing,
    Always,
    Never,
}

pub struct BuildOptions {
    pub context: ContextSource,
    pub dockerfile: Option<DockerfileSource>,
    /// Names for the result, as stored (`localhost/app:latest`).
    pub tags: Vec<String>,
    pub build_args: BTreeMap<String, String>,
    pub target: Option<String>,
    pub no_cache: bool,
    pub pull: PullPolicy,
    /// `--label`: set on the result.
    pub labels: Vec<(String, String)>,
    /// `--network` for RUN steps.
    pub network: Option<String>,
    /// `--platform`: only the host's is built.
    pub platform: Option<Platform>,
    pub quiet: bool,
    pub registry: RegistryOptions,
    pub more: MoreBuildOptions,
}

/// podman's options beyond the classic builder's (secrets, the RUN steps' container options,
/// edits of the result, where it goes); the docker API and `kube play` leave them default.
#[derive(Debug, Default)]
pub struct MoreBuildOptions {
    /// `--secret`: values `RUN --mount=type=secret` reads.
    pub secrets: Vec<secrets::BuildSecret>,
    /// `--ssh`: agents' sockets by id, for `RUN --mount=type=ssh`.
    pub ssh: BTreeMap<String, PathBuf>,
    /// What every RUN step's container starts from: `--add-host`, `-v`, `--cap-add`, limits
    /// and the rest of `run`'s options that `build` takes.
    pub run: RunOptions,
    /// `--env KEY=VALUE`, set on the result.
    pub env: Vec<(String, String)>,
    /// `--unsetenv`, `--unsetlabel`: removed from the result (inherited or not).
    pub unset_env: Vec<String>,
    pub unset_labels: Vec<String>,
    /// `--ignorefile`: the ignore file instead of the context's.
    pub ignore_file: Option<PathBuf>,
    /// `--layers=false`: steps are neither taken from the build cache nor kept as cache.
    pub no_layers: bool,
    /// `--source-date-epoch` or `--timestamp`: every new image's creation time (and, for
    /// `--source-date-epoch`, the `SOURCE_DATE_EPOCH` build argument).
    pub created: Option<jiff::Timestamp>,
    /// `--timestamp`: every entry of the layers the build adds gets `created` as its time.
    pub stamp_files: bool,
    /// `--rewrite-timestamp` (with `--source-date-epoch`): entries of the layers the build
    /// adds that are newer than `created` get `created` as their time.
    pub clamp_files: bool,
    /// `--compat-volumes`: what RUN steps change below a VOLUME directory is discarded.
    pub compat_volumes: bool,
    /// `--os-version`: the result's `os.version`.
    pub os_version: Option<String>,
    /// `--os-feature`: added to the result's `os.features`, or removed with a trailing `-`.
    pub os_features: Vec<String>,
    /// `--cpp-flag` (after `$BUILDAH_CPPFLAGS`): flags of cpp(1) for a `*.in` Containerfile.
    /// None (the Docker API): such a file is read as it is, as docker reads it.
    pub cpp_flags: Option<Vec<String>>,
    /// `--logfile`: where RUN steps' standard error goes instead of rpod's.
    pub log: Option<std::fs::File>,
    /// `--omit-history`: the result has no history.
    pub omit_history: bool,
    /// `--build-context NAME=DIR`: directories `COPY --from=NAME` reads.
    pub contexts: BTreeMap<String, PathBuf>,
    /// `--output`: where the result's file tree is written too.
    pub output: Option<output::Output>,
    /// `--squash`, `--squash-all`: the result's layers made one.
    pub squash: Squash,
    /// `--layer-label`: set on every intermediate image (each step's).
    pub layer_labels: Vec<(String, String)>,
    /// `--identity-label`: the result gets podman's `io.buildah.version` label.
    pub identity_label: bool,
    /// `--inherit-labels=false`: the base image's labels are dropped from the result.
    pub drop_base_labels: bool,
    /// `--skip-unused-stages=false`: every stage is built, not only those the target needs.
    pub all_stages: bool,
    /// `--from`: the image the first FROM names instead of its own.
    pub from: Option<String>,
    /// `--stdin`: RUN steps read rpod's standard input.
    pub stdin: bool,
    /// `--cache-from`, `--cache-to`, `--cache-ttl`.
    pub remote_cache: remote_cache::RemoteCache,
    /// The result's manifest annotations.
    pub annotations: annotate::AnnotationOptions,
    /// `--sbom` and its parts: the result scanned, its SBOM written out or added to it.
    pub sbom: Option<sbom::Sbom>,
}

/// `--squash` and `--squash-all`.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub enum Squash {
    #[default]
    No,
    /// The layers the build added become one, on top of the base image's.
    New,
    /// All layers, the base image's too, become one.
    All,
}

pub struct Built {
    pub id: ImageId,
}

/// The ARGs BuildKit predefines for the platform: FROM lines may use them undeclared, a stage
/// after `ARG NAME`.
fn platform_args(platform: &Platform) -> BTreeMap<String, String> {
    let variant = platform.variant.clone().unwrap_or_default();
    let full = match &platform.variant {
        Some(v) => format!("{}/{}/{v}", platform.os, platform.architecture),
        None => format!("{}/{}", platform.os, platform.architecture),
    };
    let mut args = BTreeMap::new();
    for side in ["TARGET", "BUILD"] {
        args.insert(format!("{side}PLATFORM"), full.clone());
        args.insert(format!("{side}OS"), platform.os.clone());
        args.insert(format!("{side}ARCH"), platform.architecture.clone());
        args.insert(format!("{side}VARIANT"), variant.clone());
    }
    args
}

/// The build in progress: what every stage shares.
pub(crate) struct Builder<'a> {
    engine: &'a Engine<'a>,
    opts: &'a BuildOptions,
    file: &'a Dockerfile,
    context: tree::Tree,
    /// The build context's directory, which SBOM scanners read.
    context_root: PathBuf,
    /// ARGs declared before the first FROM, with their values.
    globals: BTreeMap<String, Option<String>>,
    predefined: BTreeMap<String, String>,
    /// Build arguments some ARG declared.
    consumed: BTreeSet<String>,
    /// The image each built stage ended with.
    stages: Vec<Option<ImageRecord>>,
    /// The image each built stage started from (None for scratch), for `--squash`.
    stage_bases: Vec<Option<ImageRecord>>,
    /// Whether steps make intermediate images (they get `--layer-label`s), not the result.
    intermediate: bool,
    /// Images already resolved (and pulled) in this build, by name.
    images: HashMap<String, ImageRecord>,
    /// `--secret` values by id.
    secrets: BTreeMap<String, Vec<u8>>,
    out: &'a mut dyn Write,
}

impl Builder<'_> {
    fn say(&mut self, line: &str) {
        // Progress only: a closed stdout must not stop the build.
        let _ = writeln!(self.out, "{line}");
        let _ = self.out.flush();
    }

    /// The image stage `index` starts from: `--from` replaces the first stage's.
    fn base_name(&self, index: usize, expanded: String) -> String {
        match &self.opts.more.from {
            Some(from) if index == 0 => from.clone(),
            _ => expanded,
        }
    }

    fn global(&self, name: &str) -> Option<String> {
        match self.globals.get(name) {
            Some(value) => value.clone(),
            None => self.predefined.get(name).cloned(),
        }
    }

    /// An image a FROM or `COPY --from` names, from the store or pulled as `--pull` says.
    fn image(&mut self, name: &str) -> Result<ImageRecord, StepError> {
        if let Some(found) = self.images.get(name) {
            return Ok(found.clone());
        }
        let store = self.engine.store;
        let registries = &self.engine.config.registries;
        let local = store.find(name, registries);
        let pull = match self.opts.pull {
            PullPolicy::Always => true,
            PullPolicy::Never => false,
            PullPolicy::Missing => matches!(local, Err(StoreError::NotFound(_))),
        };
        let image = if pull {
            let opts = PullOptions {
                platform: self.opts.platform.clone().unwrap_or_else(Platform::host),
                registry: &self.opts.registry,
                registries,
            };
            let reporter = progress::for_terminal(self.opts.quiet);
            let pulled = pull::pull(store, name, &opts, reporter.as_ref())?;
            store.find(pulled.id.as_str(), registries)?
        } else {
            local?
        };
        self.images.insert(name.to_string(), image.clone());
        Ok(image)
    }
}

/// The stages the target needs: its base if that is a stage, the stages its `COPY --from`
/// name, and theirs. A `--from` with a variable in it may name any earlier stage.
fn needed_stages(
    file: &Dockerfile,
    target: usize,
    base_of: &dyn Fn(usize) -> String,
) -> BTreeSet<usize> {
    let mut needed = BTreeSet::new();
    let mut todo = vec![target];
    while let Some(index) = todo.pop() {
        if !needed.insert(index) {
            continue;
        }
        let earlier = |name: &str| file.stage(name).map(|(i, _)| i).filter(|i| *i < index);
        todo.extend(earlier(&base_of(index)));
        for instruction in &file.stages[index].instructions {
            let Instruction::Copy { spec, .. } = instruction else {
                continue;
            };
            match spec.from.as_deref() {
                Some(from) if from.contains('$') => todo.extend(0..index),
                Some(from) => todo.extend(earlier(from)),
                None => {}
            }
        }
    }
    needed
}

fn check_platform(wanted: &Platform) -> Result<(), BuildError> {
    let host = Platform::host();
    if wanted.os != host.os || wanted.architecture != host.architecture {
        return Err(BuildError::Platform {
            wanted: format!("{}/{}", wanted.os, wanted.architecture),
            host: format!("{}/{}", host.os, host.architecture),
        });
    }
    Ok(())
}

/// Builds the image. Step lines and RUN output go to `out`; the result is stored, named
/// with the tags.
pub fn build(
    engine: &Engine<'_>,
    opts: &BuildOptions,
    out: &mut dyn Write,
) -> Result<Built, BuildError> {
    if let Some(platform) = &opts.platform {
        check_platform(platform)?;
    }
    // A bad --network (or other option of the RUN steps) is reported before anything is
    // pulled or run.
    let step = RunOptions {
        network: opts.network.clone().into_iter().collect(),
        ..opts.more.run.clone()
    };
    RunPlan::build(&step, engine.config)
        .and_then(|plan| create::preflight(engine, &plan))
        .map_err(|e| BuildError::Network(Box::new(e)))?;
    let context =
        context::Context::open(&opts.context, opts.dockerfile.as_ref(), engine.store.dir())?;
    let text = match (context.dockerfile_path.extension(), &opts.more.cpp_flags) {
        (Some(ext), Some(flags)) if ext == "in" => {
            cpp::preprocess(&context.dockerfile, &context.dockerfile_path, flags)?
        }
        _ => context.dockerfile.clone(),
    };
    let file = dockerfile::parse(&text)?;
    for warning in &file.warnings {
        tracing::warn!("{warning}");
    }
    let target = match &opts.target {
        Some(name) => file
            .stage(name)
            .map(|(i, _)| i)
            .ok_or_else(|| BuildError::UnknownTarget(name.clone()))?,
        None => file.stages.len() - 1,
    };
    let mut builder = Builder {
        engine,
        opts,
        file: &file,
        context: context.tree(opts.more.ignore_file.as_deref())?,
        context_root: context.root.clone(),
        globals: BTreeMap::new(),
        predefined: platform_args(&Platform::host())
            .into_iter()
            .chain(
                opts.more
                    .created
                    // podman predefines it for --source-date-epoch only.
                    .filter(|_| !opts.more.stamp_files)
                    .map(|t| ("SOURCE_DATE_EPOCH".to_string(), t.as_second().to_string())),
            )
            .collect(),
        consumed: BTreeSet::new(),
        stages: vec![None; file.stages.len()],
        stage_bases: vec![None; file.stages.len()],
        intermediate: true,
        images: HashMap::new(),
        secrets: secrets::read_all(&opts.more.secrets)?,
        out,
    };
    for arg in &file.args_before_from {
        let value = match opts.build_args.get(&arg.name) {
            Some(v) => {
                builder.consumed.insert(arg.name.clone());
                Some(v.clone())
            }
            None => arg
                .default
                .as_deref()
                .map(|d| dockerfile::expand(d, &|n| builder.global(n), file.directives.escape))
                .transpose()
                .map_err(|cause| dockerfile::ParseError {
                    line: arg.line,
                    kind: dockerfile::ParseErrorKind::Expand {
                        word: arg.default.clone().unwrap_or_default(),
                        cause,
                    },
                })?,
        };
        builder.globals.insert(arg.name.clone(), value);
    }
    if let Some(sbom) = &opts.more.sbom {
        builder.scanner_image(sbom)?;
    }
    let mut bases = Vec::new();
    for (index, stage) in file.stages.iter().enumerate() {
        let (base, _) = stage.expand_base(&|n| builder.global(n), file.directives.escape)?;
        bases.push(builder.base_name(index, base));
    }
    // `--skip-unused-stages=false`: every stage up to the target, as buildah builds them.
    let stages = match opts.more.all_stages {
        true => (0..=target).collect(),
        false => needed_stages(&file, target, &|i| bases[i].clone()),
    };
    for index in stages {
        let image = builder.stage(index)?;
        builder.stages[index] = Some(image);
    }
    let image = builder.stages[target]
        .clone()
        .expect("the target was built");
    let base = builder.stage_bases[target].clone();
    let image = builder.finish(image, base.as_ref())?;
    let image = builder.annotate(image, base.as_ref())?;
    let unused: Vec<&String> = opts
        .build_args
        .keys()
        .filter(|k| !builder.consumed.contains(*k) && !builder.predefined.contains_key(*k))
        .collect();
    if !unused.is_empty() {
        eprintln!("[Warning] one or more build args were not consumed: {unused:?}");
    }
    match opts.tags.first() {
        Some(tag) => builder.say(&format!("COMMIT {tag}")),
        None => builder.say("COMMIT"),
    }
    engine.store.name_image(&image.id, &opts.tags)?;
    builder.say(&format!("--> {}", image.id.short()));
    for tag in &opts.tags {
        builder.say(&format!("Successfully tagged {tag}"));
    }
    if let Some(output) = &opts.more.output {
        output::write(engine.store, &image, output)?;
    }
    Ok(Built { id: image.id })
}
