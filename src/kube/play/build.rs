//! `kube play --build`: a container's image made from a directory named after it, podman's
//! layout (`<context>/<name>/Containerfile` or `Dockerfile`, `<name>` the image's last path
//! component), before any pod is made.

use std::io::Write;
use std::path::PathBuf;

use super::manifest::Manifest;
use crate::builder::{self, BuildOptions, ContextSource, PullPolicy};
use crate::container::{ContainerError, Engine};
use crate::image::reference::Reference;
use crate::image::registry::RegistryOptions;
use crate::image::store::StoreError;
use crate::kube::KubeError;

/// `--build` and `--context-dir`, and how to reach registries for the builds' base images.
#[derive(Debug, Clone)]
pub struct BuildRequest {
    /// `--build`: `Some(true)` builds even an image the store has, `Some(false)` never builds,
    /// `None` (podman's default) builds only an image the store lacks.
    pub wanted: Option<bool>,
    /// Where the images' directories are: `--context-dir`, else the working directory.
    pub context: PathBuf,
    pub registry: RegistryOptions,
}

/// One image the YAML names that has a directory to build it from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageBuild {
    /// As the YAML writes it.
    pub image: String,
    /// As stored: `localhost/NAME:latest` for a name without registry.
    pub tag: String,
    pub dir: PathBuf,
}

/// The images of `manifest` that have a build directory under `request.context`, each once;
/// none with `--build=false`.
pub fn planned(manifest: &Manifest, request: &BuildRequest) -> Result<Vec<ImageBuild>, KubeError> {
    let mut builds: Vec<ImageBuild> = Vec::new();
    if request.wanted == Some(false) {
        return Ok(builds);
    }
    let images = manifest.pods.iter().flat_map(|doc| {
        doc.spec
            .init_containers
            .iter()
            .chain(&doc.spec.containers)
            .map(|c| c.image.as_str())
    });
    for image in images {
        if builds.iter().any(|b| b.image == image) {
            continue;
        }
        let Ok(reference) = Reference::parse_local(image) else {
            // A malformed name is the create step's error to report, with its container.
            continue;
        };
        let base = reference.repository.rsplit('/').next().unwrap_or_default();
        let dir = request.context.join(base);
        if !["Containerfile", "Dockerfile"]
            .iter()
            .any(|f| dir.join(f).is_file())
        {
            continue;
        }
        let Some(tag) = reference.tagged_name() else {
            return Err(KubeError::Invalid {
                at: format!("image {image}"),
                reason: format!(
                    "{} would build it, but a built image cannot have a digest",
                    dir.display()
                ),
            });
        };
        builds.push(ImageBuild {
            image: image.to_string(),
            tag,
            dir,
        });
    }
    Ok(builds)
}

/// Builds each planned image the store lacks (all of them with `--build`); the builds'
/// progress goes to `progress`.
pub fn build(
    engine: &Engine,
    builds: &[ImageBuild],
    request: &BuildRequest,
    progress: &mut dyn Write,
) -> Result<(), KubeError> {
    for b in builds {
        if request.wanted.is_none() {
            match engine.store.find(&b.tag, &engine.config.registries) {
                Ok(_) => continue,
                Err(StoreError::NotFound(_)) => {}
                Err(e) => return Err(ContainerError::from(e).into()),
            }
        }
        let opts = BuildOptions {
            context: ContextSource::Dir(b.dir.clone()),
            dockerfile: None,
            tags: vec![b.tag.clone()],
            build_args: Default::default(),
            target: None,
            no_cache: false,
            pull: PullPolicy::Missing,
            labels: Vec::new(),
            network: None,
            platform: None,
            quiet: false,
            registry: request.registry.clone(),
            more: Default::default(),
        };
        builder::build(engine, &opts, progress).map_err(|e| KubeError::Build {
            image: b.image.clone(),
            source: Box::new(e),
        })?;
    }
    Ok(())
}
