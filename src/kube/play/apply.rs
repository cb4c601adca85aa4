//! Making the pods of a manifest (`kube play`) and removing them (`kube down`), with the
//! engine calls of `pod create`, `create --pod`, `start` and `pod rm`.

use std::time::Duration;

use super::PlayOptions;
use super::build::{self, BuildRequest};
use super::manifest::Manifest;
use super::recipe::{self, Recipe};
use crate::container::wait::{self, Condition};
use crate::container::{ContainerError, Engine, pod, run, start, volumes};
use crate::image::progress;
use crate::kube::KubeError;

/// What `kube play` made: each pod's id with its containers' ids, and the claims' volumes.
#[derive(Debug, Default)]
pub struct Played {
    pub pods: Vec<(String, Vec<String>)>,
    pub volumes: Vec<String>,
}

/// Plays `manifest`: every pod's plan is built before the first image is built or pod made;
/// the builds' progress goes to `progress`.
pub fn play(
    engine: &Engine,
    manifest: &Manifest,
    opts: &PlayOptions,
    builds: &BuildRequest,
    progress: &mut dyn std::io::Write,
) -> Result<Played, KubeError> {
    for (flag, given) in [("--ip", &opts.ips), ("--mac-address", &opts.macs)] {
        if given.len() > manifest.pods.len() {
            return Err(KubeError::PerPod {
                flag,
                given: given.len(),
                pods: manifest.pods.len(),
            });
        }
    }
    let recipes = manifest
        .pods
        .iter()
        .enumerate()
        .map(|(i, doc)| recipe::recipe(doc, i, manifest, opts, engine.config, &engine.root))
        .collect::<Result<Vec<_>, _>>()?;
    let planned = build::planned(manifest, builds)?;
    build::build(engine, &planned, builds, progress)?;
    let mut played = Played::default();
    for claim in &manifest.claims {
        engine
            .volumes
            .get_or_create(claim)
            .map_err(ContainerError::from)?;
        played.volumes.push(claim.clone());
    }
    for recipe in recipes {
        played.pods.push(make_pod(engine, recipe, opts)?);
    }
    Ok(played)
}

/// One pod: made whole, or, on an error, removed again.
fn make_pod(
    engine: &Engine,
    mut recipe: Recipe,
    opts: &PlayOptions,
) -> Result<(String, Vec<String>), KubeError> {
    if opts.replace {
        for member in recipe.init.iter_mut().chain(recipe.apps.iter_mut()) {
            member.plan.replace = true;
        }
    }
    let pod = pod::create(
        engine,
        recipe.pod.clone(),
        Some(recipe.infra.clone()),
        opts.replace,
        None,
    )?;
    let made = fill(engine, &recipe, opts);
    if made.is_err() {
        let _ = pod::remove(engine, &pod.id, true, Some(0), None);
        let _ = std::fs::remove_dir_all(&recipe.dir);
    }
    Ok((pod.id, made?))
}

/// The pod's files, its containers, and (unless `--start=false`) its init containers run to
/// completion, then the others started.
fn fill(engine: &Engine, recipe: &Recipe, opts: &PlayOptions) -> Result<Vec<String>, KubeError> {
    let io = ContainerError::io;
    if recipe.dir.exists() {
        std::fs::remove_dir_all(&recipe.dir).map_err(io("clear kube directory", &recipe.dir))?;
    }
    for dir in &recipe.dirs {
        std::fs::create_dir_all(dir).map_err(io("create directory", dir))?;
    }
    for file in &recipe.host_files {
        if !file.exists() {
            std::fs::write(file, b"").map_err(io("create file", file))?;
        }
    }
    for (path, content) in &recipe.files {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io("create directory", parent))?;
        }
        std::fs::write(path, content).map_err(io("write file", path))?;
    }
    let pulls = progress::for_terminal(opts.quiet);
    let mut records = Vec::new();
    for member in recipe.init.iter().chain(&recipe.apps) {
        records.push(run::create_container(engine, &member.plan, pulls.as_ref())?);
    }
    let ids: Vec<String> = records.iter().map(|r| r.id.to_string()).collect();
    match records.first() {
        Some(first) if opts.start => {
            pod::as_member(engine, first, || start_all(engine, recipe, &ids))??;
        }
        _ => {}
    }
    Ok(ids)
}

/// The init containers one by one, each to a clean exit, then the others.
fn start_all(engine: &Engine, recipe: &Recipe, ids: &[String]) -> Result<(), KubeError> {
    for (member, id) in recipe.init.iter().zip(ids) {
        start::start(engine, id)?;
        let code = wait::wait(engine, id, &[Condition::Exited], Duration::from_millis(100))?;
        if code != 0 {
            return Err(KubeError::InitFailed {
                container: member.name.clone(),
                code,
            });
        }
    }
    for id in &ids[recipe.init.len()..] {
        start::start(engine, id)?;
    }
    Ok(())
}

/// What `kube down` removed.
#[derive(Debug, Default)]
pub struct Downed {
    pub pods: Vec<String>,
    pub volumes: Vec<String>,
    /// The YAML's pods that did not exist.
    pub missing: Vec<String>,
}

/// Removes the pods `manifest` makes (their containers with them, running or not) and their
/// own files; with `force` also the named volumes its claims and pods use.
pub fn down(engine: &Engine, manifest: &Manifest, force: bool) -> Result<Downed, KubeError> {
    let mut downed = Downed::default();
    for doc in &manifest.pods {
        match pod::remove(engine, &doc.name, true, None, None) {
            Ok(id) => downed.pods.push(id),
            Err(ContainerError::Pods(crate::pods::PodsError::NotFound(_))) => {
                downed.missing.push(doc.name.clone())
            }
            Err(e) => return Err(e.into()),
        }
        let dir = recipe::pod_dir(&engine.root, &doc.name);
        if dir.exists() {
            std::fs::remove_dir_all(&dir)
                .map_err(ContainerError::io("remove kube directory", &dir))?;
        }
    }
    if force {
        let mut names = manifest.claims.clone();
        for doc in &manifest.pods {
            for v in &doc.spec.volumes {
                let named = v
                    .persistent_volume_claim
                    .as_ref()
                    .map(|c| c.claim_name.clone())
                    .or_else(|| {
                        v.host_path
                            .as_ref()
                            .filter(|h| !h.path.contains('/'))
                            .map(|h| h.path.clone())
                    });
                names.extend(named);
            }
        }
        names.sort();
        names.dedup();
        for name in names {
            match volumes::remove(engine, &name) {
                Ok(()) => downed.volumes.push(name),
                Err(ContainerError::Volume(crate::volume::VolumeError::NotFound(_))) => {}
                Err(e) => return Err(e.into()),
            }
        }
    }
    Ok(downed)
}
