//! The result after the target's last step: the build's own edits of its config (`--label`,
//! `--unsetlabel`, `--env`, `--unsetenv`, `--inherit-labels`, `--identity-label`,
//! `--os-version`, `--os-feature`), no `--layer-label`s, no history with `--omit-history`,
//! its SBOM made with `--sbom`, and its layers squashed with `--squash` or `--squash-all`.

use std::collections::BTreeMap;

use super::error::{BuildError, StepError};
use super::stage::{StageState, without_layer_labels};
use serde_json::Value;

use super::{Builder, MoreBuildOptions, Squash};
use crate::image::commit::{self, Step, config_of};
use crate::image::flatten;
use crate::image::manifest::ImageConfig;
use crate::image::store::ImageRecord;

/// podman's label naming the builder that made an image.
pub const IDENTITY_LABEL: &str = "io.buildah.version";

impl Builder<'_> {
    /// `base` is the image the target stage started from (None: scratch).
    pub(super) fn finish(
        &mut self,
        image: ImageRecord,
        base: Option<&ImageRecord>,
    ) -> Result<ImageRecord, BuildError> {
        self.intermediate = false;
        let (opts, more) = (self.opts, &self.opts.more);
        let fail = |e: StepError| BuildError::Labels(Box::new(e));
        let store = self.engine.store;
        let mut state = StageState {
            index: self.file.stages.len(),
            config: config_of(store, &image).map_err(|e| fail(e.into()))?,
            image: Some(image),
            args: BTreeMap::new(),
            cmd_set: true,
        };
        let mut config = without_layer_labels(state.config.clone(), Some(&more.layer_labels));
        let mut edits = Vec::new();
        // The last step's image has them; the result must not.
        for (key, _) in &more.layer_labels {
            edits.push(format!("UNSETLABEL {key}"));
        }
        let labels = config.config.labels.get_or_insert_default();
        if more.drop_base_labels
            && let Some(base) = base
        {
            let inherited = config_of(store, base).map_err(|e| fail(e.into()))?;
            for (key, value) in inherited.config.labels.unwrap_or_default() {
                if labels.get(&key) == Some(&value) {
                    labels.remove(&key);
                    edits.push(format!("UNSETLABEL {key}"));
                }
            }
        }
        for key in &more.unset_labels {
            labels.remove(key);
            edits.push(format!("UNSETLABEL {key}"));
        }
        if more.identity_label {
            let version = env!("CARGO_PKG_VERSION");
            labels.insert(IDENTITY_LABEL.into(), version.into());
            edits.push(format!("LABEL {IDENTITY_LABEL}={version}"));
        }
        for (key, value) in &opts.labels {
            labels.insert(key.clone(), value.clone());
            edits.push(format!("LABEL {key}={value}"));
        }
        if labels.is_empty() {
            config.config.labels = None;
        }
        let env = config.config.env.get_or_insert_default();
        for key in &more.unset_env {
            env.retain(|entry| entry.split('=').next() != Some(key));
            edits.push(format!("UNSETENV {key}"));
        }
        for (key, value) in &more.env {
            env.retain(|entry| entry.split('=').next() != Some(key));
            env.push(format!("{key}={value}"));
            edits.push(format!("ENV {key}={value}"));
        }
        platform_edits(&mut config, more, &mut edits);
        if !edits.is_empty() {
            let created_by = format!("/bin/sh -c #(nop) {}", edits.join(" "));
            self.commit(&mut state, created_by, |_, _| Ok((config, None)))
                .map_err(fail)?;
        }
        // Scanned as the result is, before its history is dropped and its layers
        // squashed: an SBOM layer is squashed with the others.
        if let Some(sbom) = &more.sbom {
            self.sbom(sbom, &mut state)?;
        }
        let mut image = state.image.expect("the stage had an image");
        if more.omit_history {
            let step = Step {
                layer_tar: None,
                config: state.config,
                created_by: String::new(),
                author: None,
                comment: None,
                names: Vec::new(),
                build_key: None,
                created: more.created,
                omit_history: true,
            };
            image = commit::derive(store, Some(&image), step).map_err(|e| fail(e.into()))?;
        }
        let squash_base = match more.squash {
            Squash::No => return Ok(image),
            Squash::New => base,
            Squash::All => None,
        };
        flatten::squash(store, squash_base, &image, more.created)
            .map_err(|e| BuildError::Squash(Box::new(e.into())))
    }
}

/// `--os-version` and `--os-feature` (`FEATURE-` removes an inherited one): fields of the
/// config's platform, kept from the base as the other fields are.
fn platform_edits(config: &mut ImageConfig, more: &MoreBuildOptions, edits: &mut Vec<String>) {
    if let Some(version) = &more.os_version {
        config
            .other
            .insert("os.version".into(), Value::String(version.clone()));
        edits.push(format!("--os-version={version}"));
    }
    if more.os_features.is_empty() {
        return;
    }
    let mut features: Vec<String> = match config.other.get("os.features") {
        Some(Value::Array(list)) => list
            .iter()
            .filter_map(|f| f.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    };
    for feature in &more.os_features {
        match feature.strip_suffix('-') {
            Some(gone) => features.retain(|f| f != gone),
            None if !features.contains(feature) => features.push(feature.clone()),
            None => {}
        }
        edits.push(format!("--os-feature={feature}"));
    }
    match features.is_empty() {
        true => config.other.remove("os.features"),
        false => config.other.insert(
            "os.features".into(),
            Value::Array(features.into_iter().map(Value::String).collect()),
        ),
    };
}
