//! The result's manifest annotations (podman 5's `--annotation`, `--unsetannotation`,
//! `--inherit-annotations`, `--created-annotation`). They live in the manifest, not the config,
//! so the result keeps its id (its config's digest) and gets a manifest of its own.

use std::collections::BTreeMap;

use super::Builder;
use super::error::{BuildError, StepError};
use super::stage::StageState;
use crate::image::commit::{config_of, manifest_of};
use crate::image::store::ImageRecord;

/// The OCI annotation podman 5 writes with the build's time.
pub const CREATED_ANNOTATION: &str = "org.opencontainers.image.created";

/// `--annotation`, `--unsetannotation`, `--inherit-annotations=false`,
/// `--created-annotation=false`; the default is podman's: inherited, and the created time.
#[derive(Debug, Default, Clone)]
pub struct AnnotationOptions {
    pub set: BTreeMap<String, String>,
    pub unset: Vec<String>,
    pub drop_inherited: bool,
    pub no_created: bool,
}

impl AnnotationOptions {
    /// What the result's manifest says, given the base image's annotations.
    fn result(
        &self,
        inherited: BTreeMap<String, String>,
        created: jiff::Timestamp,
    ) -> BTreeMap<String, String> {
        let mut out = match self.drop_inherited {
            true => BTreeMap::new(),
            false => inherited,
        };
        for key in &self.unset {
            out.remove(key);
        }
        match self.no_created {
            true => out.remove(CREATED_ANNOTATION),
            false => out.insert(CREATED_ANNOTATION.into(), created.to_string()),
        };
        out.extend(self.set.clone());
        out
    }
}

impl Builder<'_> {
    /// Gives `image` (the result) the annotations the options ask for. `base` is the image
    /// the target stage started from.
    pub(super) fn annotate(
        &mut self,
        image: ImageRecord,
        base: Option<&ImageRecord>,
    ) -> Result<ImageRecord, BuildError> {
        let fail = |e: StepError| BuildError::Annotations(Box::new(e));
        let store = self.engine.store;
        let more = &self.opts.more;
        let inherited = match base {
            Some(base) => manifest_of(store, base)
                .map_err(|e| fail(e.into()))?
                .map(|m| m.annotations)
                .unwrap_or_default(),
            None => BTreeMap::new(),
        };
        let wanted = more
            .annotations
            .result(inherited, more.created.unwrap_or_else(jiff::Timestamp::now));
        let mut image = image;
        let Some(mut manifest) = manifest_of(store, &image).map_err(|e| fail(e.into()))? else {
            return Ok(image);
        };
        if manifest.annotations == wanted {
            return Ok(image);
        }
        if base.is_some_and(|b| b.id == image.id) {
            // The stage made nothing: the base's own record must keep its manifest (it is
            // what the registry has), so the result becomes an image of its own.
            let mut state = StageState {
                index: self.file.stages.len(),
                config: config_of(store, &image).map_err(|e| fail(e.into()))?,
                image: Some(image),
                args: BTreeMap::new(),
                cmd_set: true,
            };
            let config = state.config.clone();
            self.commit(
                &mut state,
                "/bin/sh -c #(nop) ANNOTATIONS".into(),
                |_, _| Ok((config, None)),
            )
            .map_err(fail)?;
            image = state.image.expect("the commit made an image");
        }
        manifest.annotations = wanted;
        let bytes = serde_json::to_vec(&manifest).expect("a manifest serialises");
        let digest = store.put_blob(&bytes)?;
        Ok(store.set_manifest(&image.id, &digest)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(items: &[(&str, &str)]) -> BTreeMap<String, String> {
        items
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn inherited_unset_created_and_given_annotations_combine() {
        let base = pairs(&[("a", "1"), ("b", "2"), (CREATED_ANNOTATION, "old")]);
        let epoch = jiff::Timestamp::UNIX_EPOCH;
        let opts = AnnotationOptions {
            set: pairs(&[("b", "mine"), ("c", "3")]),
            unset: vec!["a".into()],
            ..Default::default()
        };
        assert_eq!(
            opts.result(base.clone(), epoch),
            pairs(&[
                ("b", "mine"),
                ("c", "3"),
                (CREATED_ANNOTATION, "1970-01-01T00:00:00Z")
            ])
        );
        let bare = AnnotationOptions {
            drop_inherited: true,
            no_created: true,
            ..Default::default()
        };
        assert!(bare.result(base.clone(), epoch).is_empty());
        // Inherited, but without the base's created time.
        let no_created = AnnotationOptions {
            no_created: true,
            ..Default::default()
        };
        assert_eq!(
            no_created.result(base, epoch),
            pairs(&[("a", "1"), ("b", "2")])
        );
    }
}
