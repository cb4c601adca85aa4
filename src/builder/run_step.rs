//! RUN: the step's command in a container made from the image so far, its output streamed,
//! and what it changed taken as the new layer. The container goes when the step ends,
//! whether it succeeded or not; after a step that made a layer, only once the layer is stored.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

use super::error::StepError;
use crate::container::attach::Sinks;
use crate::container::base::Base;
use crate::container::create;
use crate::container::plan::etc_files::EtcOptions;
use crate::container::plan::mounts::MountDef;
use crate::container::plan::{MoreOptions, RunOptions, RunPlan};
use crate::container::record::ContainerRecord;
use crate::container::{ContainerError, Engine, batch, filesystem, remove};
use crate::image::fs_tar::{self, ChangeSource};
use crate::image::store::ImageRecord;
use crate::state::scratch::Temp;

pub struct RunRequest<'a> {
    pub image: &'a ImageRecord,
    /// The build's options for every step's container.
    pub template: &'a RunOptions,
    /// The whole command: shell and script, or the exec form.
    pub argv: Vec<String>,
    /// `KEY=VALUE` build arguments in scope that the image's ENV does not set.
    pub env: Vec<String>,
    /// `--network` of the build, or the step's own `RUN --network`.
    pub network: Option<String>,
    /// `RUN --mount`s, as `--mount` values of the step's container.
    pub mounts: Vec<String>,
    /// Targets of mounts whose mount points are no change of the step (secrets' files).
    pub mount_points: Vec<String>,
    /// VOLUME directories whose contents the step may not change (`--compat-volumes`): its
    /// changes below them are dropped, as docker's builder drops them.
    pub discard: Vec<String>,
    /// `build --stdin`: the step reads rpod's standard input.
    pub stdin: bool,
}

/// Removes the step's container however the step ends.
pub struct Removal<'a> {
    engine: &'a Engine<'a>,
    id: String,
}

impl<'a> Removal<'a> {
    pub fn new(engine: &'a Engine<'a>, id: &str) -> Removal<'a> {
        Removal {
            engine,
            id: id.to_string(),
        }
    }
}

impl Drop for Removal<'_> {
    fn drop(&mut self) {
        let _ = remove::remove(self.engine, &self.id, true, true);
    }
}

/// What a step leaves: the layer tar of its changes (None when it changed nothing), and its
/// container, removed when this is dropped. The caller drops it once the layer is stored: on
/// a file system without a journal (ext4 `^has_journal`), the kernel skips inodes freed in the
/// last minute when it allocates new ones, one by one, so storing the layer right after
/// removing the container that holds the same files can make each of its thousands of new
/// files scan past the thousands just freed (contrib/bench: seconds of system time).
pub struct StepOutput<'a> {
    pub layer: Option<Temp>,
    pub container: Removal<'a>,
}

/// Creates a container of the build's from `image`: a RUN step's, or the SBOM scanner's.
/// Every container a build runs is made here, so that each is the build's alike: `ps` shows
/// it only with `--external`, and once a killed build is gone `system prune --build` removes
/// it (see `RunConfig::builder`). `options.command` replaces the image's ENTRYPOINT and CMD
/// alike; `mounts` are added to those `options` gives. The container is removed when the
/// returned [`Removal`] drops.
pub fn build_container<'a>(
    engine: &'a Engine<'a>,
    options: RunOptions,
    mounts: Vec<MountDef>,
    image: &ImageRecord,
) -> Result<(ContainerRecord, Removal<'a>), ContainerError> {
    let options = RunOptions {
        image: image.id.short().to_string(),
        entrypoint: Some(String::new()),
        // An interrupted build stops its containers at once, as docker's does.
        stop_timeout: Some(0),
        more: MoreOptions {
            build_step: true,
            ..options.more
        },
        ..options
    };
    let mut plan = RunPlan::build(&options, engine.config)?;
    plan.mounts.extend(mounts);
    let record = create::create(engine, &plan, Base::Stored(image))?;
    let removal = Removal::new(engine, record.id.as_str());
    Ok((record, removal))
}

/// Runs the step.
pub fn run<'a>(
    engine: &'a Engine<'a>,
    request: RunRequest<'_>,
    sinks: Sinks<'_>,
) -> Result<StepOutput<'a>, StepError> {
    // The step's `-v` mount points are no change of it either.
    let volume_targets = request
        .template
        .volumes
        .iter()
        .filter_map(|v| v.split(':').nth(1));
    let mount_points: Vec<PathBuf> = request
        .mount_points
        .iter()
        .map(String::as_str)
        .chain(volume_targets)
        .map(|t| PathBuf::from(t.trim_start_matches('/')))
        .collect();
    let options = RunOptions {
        command: request.argv,
        env: request.env,
        network: request.network.into_iter().collect(),
        mounts: request.mounts,
        interactive: request.stdin,
        // What a step writes becomes the image's: a passwd line for the image's USER would
        // too (buildah's RUN adds none either).
        etc: EtcOptions {
            passwd: Some(false),
            ..EtcOptions::default()
        },
        more: MoreOptions {
            // A VOLUME path is part of the step's file system, as in podman's builds: what
            // the step writes there is kept unless `--compat-volumes` drops it (`discard`).
            image_volume: Some("ignore".into()),
            ..request.template.more.clone()
        },
        ..request.template.clone()
    };
    let (record, container) = build_container(engine, options, Vec::new(), request.image)?;
    let code = batch::run_to_end(engine, &record, sinks, request.stdin)?;
    if code != 0 {
        return Err(StepError::RunFailed(code));
    }
    let paths = engine.paths(&record.id);
    let (root, mut changes) = filesystem::changes_except(engine, &record, &paths, &mount_points)?;
    let discard: Vec<PathBuf> = request
        .discard
        .iter()
        .map(|v| PathBuf::from(v.trim_start_matches('/')))
        .collect();
    changes.retain(|c| {
        !discard
            .iter()
            .any(|v| c.path.starts_with(v) && c.path != *v)
    });
    let Some(root) = root.filter(|_| !changes.is_empty()) else {
        return Ok(StepOutput {
            layer: None,
            container,
        });
    };
    let tar = Temp::new(engine.store.dir(), "run-layer");
    let file = File::create(tar.path()).map_err(StepError::io("create", tar.path()))?;
    let owner = filesystem::owner(&record);
    let mut out = BufWriter::new(file);
    fs_tar::write_changes(ChangeSource::Dir(&root), &changes, owner, &mut out)
        .map_err(crate::container::ContainerError::from)?;
    out.flush().map_err(StepError::io("write", tar.path()))?;
    Ok(StepOutput {
        layer: Some(tar),
        container,
    })
}
