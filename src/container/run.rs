//! `run` and `create` from a [`RunPlan`]: the host checked, the image pulled as `--pull` says,
//! the container created and, for `run`, started and (unless detached) attached until it ends.

use super::attach::{Ending, Sinks};
use super::base::Base;
use super::plan::RunPlan;
use super::plan::attach::AttachPlan;
use super::plan::image::ImagePlan;
use super::record::ContainerRecord;
use super::{ContainerError, Engine, create, pod_use, remove, start, status};
use crate::image::progress::Progress;
use crate::image::pull::{PullError, PullOptions};
use crate::image::pull_policy;
use crate::image::remove as image_remove;
use crate::image::squash_file;
use crate::image::store::ImageRecord;

/// How `run` ended.
#[derive(Debug, PartialEq, Eq)]
pub enum RunOutcome {
    /// `-d`: the container runs; its id.
    Detached(String),
    /// The attached container exited with this code, or the user detached (0).
    Exited(i32),
}

/// Where an attached `run` relays the container's output, and how pulls show progress.
pub struct RunIo<'p, 's> {
    pub progress: &'p dyn Progress,
    pub sinks: Sinks<'s>,
    /// `-a`, `--sig-proxy`, `--detach-keys`.
    pub attach: &'p AttachPlan,
}

/// `create`: checks the host, pulls the image if the plan says so, and creates the container.
pub fn create_container(
    engine: &Engine,
    plan: &RunPlan,
    progress: &dyn Progress,
) -> Result<ContainerRecord, ContainerError> {
    let plan = &pod_use::with_pod(engine, plan)?;
    create::preflight(engine, plan)?;
    let record = match (&plan.image.squash, &plan.image.root_dir) {
        (Some(file), _) => {
            let squash = squash_file::open(file)?;
            create::create(engine, plan, Base::Squash(&squash))?
        }
        (None, Some(dir)) => create::create(engine, plan, Base::Dir(dir))?,
        (None, None) => {
            let image = image_for(engine, &plan.image, progress)?;
            create::create(engine, plan, Base::Stored(&image))?
        }
    };
    if let Some(path) = &plan.cidfile {
        let written = crate::state::atomic::write(path, record.id.as_str().as_bytes())
            .map_err(ContainerError::io("write container id file", path));
        if let Err(e) = written {
            let _ = remove::remove(engine, record.id.as_str(), true, true);
            return Err(e);
        }
    }
    Ok(record)
}

/// `run`: creates the container, starts it and, unless `detach`, relays its streams until it
/// exits. A `--rm` container that could not start is removed.
pub fn run(
    engine: &Engine,
    plan: &RunPlan,
    detach: bool,
    io: RunIo<'_, '_>,
) -> Result<RunOutcome, ContainerError> {
    if plan.rmi && plan.image.squash.is_some() {
        return Err(ContainerError::invalid(
            "--rmi",
            "true",
            "the container runs from a squashfs file, not an image of the store",
        ));
    }
    if plan.rmi && detach {
        return Err(ContainerError::invalid(
            "--rmi",
            "true",
            "a detached container outlives this command, which removes the image: \
             run it in the foreground, or remove the image later",
        ));
    }
    let record = create_container(engine, plan, io.progress)?;
    let id = record.id.as_str();
    let not_started = |e: ContainerError| {
        if record.run.auto_remove {
            let _ = remove::remove(engine, id, true, true);
        }
        e
    };
    if detach {
        start::start_passing(engine, id, &plan.preserve_fds).map_err(not_started)?;
        return Ok(RunOutcome::Detached(id.to_string()));
    }
    let attached =
        match start::start_attached_passing(engine, id, io.attach.stdin, &plan.preserve_fds) {
            Ok(attached) => attached.with(io.attach)?,
            // The container started, but this command lost its streams.
            Err(e @ ContainerError::Attach(_)) => return Err(e),
            Err(e) => return Err(not_started(e)),
        };
    let paths = attached.paths.clone();
    let ending = attached.relay(io.sinks)?;
    if plan.rmi && matches!(ending, Ending::Exited(_)) {
        remove_image(engine, &record)?;
    }
    Ok(RunOutcome::Exited(match ending {
        Ending::Exited(code) => code,
        Ending::Detached => 0,
        Ending::Lost => match status::of(&paths) {
            status::Status::Exited(e) => e.exit_code,
            _ => 125,
        },
    }))
}

/// `--rmi`: the container's image, once the container is gone, unless another uses it
/// (podman's rule: that is not an error, the image stays).
fn remove_image(engine: &Engine, record: &ContainerRecord) -> Result<(), ContainerError> {
    let users = super::system::image_users(engine)?;
    let user_of = |id: &crate::ids::ImageId| users.get(id).cloned();
    let registries = &engine.config.registries;
    match image_remove::remove(
        engine.store,
        record.image.as_str(),
        true,
        registries,
        &user_of,
    ) {
        Ok(_) => Ok(()),
        Err(image_remove::RemoveError::InUse { container, .. }) => {
            tracing::info!("--rmi: image kept, container {container} uses it");
            Ok(())
        }
        Err(e) => Err(ContainerError::invalid(
            "--rmi",
            record.image.to_string(),
            e.to_string(),
        )),
    }
}

/// The image the plan names, pulled as `--pull` says.
pub(super) fn image_for(
    engine: &Engine,
    plan: &ImagePlan,
    progress: &dyn Progress,
) -> Result<ImageRecord, ContainerError> {
    let defaults = &engine.registry;
    let registry = crate::image::registry::RegistryOptions {
        tls_verify: plan.tls_verify,
        creds: plan.creds.clone(),
        auth_files: match &plan.authfile {
            Some(file) => vec![file.clone()],
            None => defaults.auth_files.clone(),
        },
        ..defaults.clone()
    }
    .with_cert_dir(plan.cert_dir.clone())
    .with_retry(plan.retry)
    .with_decryption(plan.decryption.clone());
    let opts = PullOptions {
        platform: plan.platform.clone(),
        registry: &registry,
        registries: &engine.config.registries,
    };
    // An image the store lacks (`--pull never`) stays a store error: the API answers it 404.
    pull_policy::fetch(engine.store, &plan.reference, plan.pull, &opts, progress).map_err(|e| {
        match e {
            PullError::Store(e) => ContainerError::Store(e),
            e => e.into(),
        }
    })
}
