//! `build`'s flags for which stages run, on what, with what input, and the shape of the
//! result: its layers squashed, its labels, the intermediate images' labels and the result's
//! manifest annotations.

use clap::Args;

use crate::builder::annotate::AnnotationOptions;
use crate::builder::{MoreBuildOptions, Squash};
use crate::cli::flags::labels;
use crate::cli::flags::more::PlatformParts;
use crate::error::Error;
use crate::image::lists::parse_annotations;

#[derive(Debug, Args)]
pub struct ShapeFlags {
    /// Squash the layers the build adds into one, on top of the base image's layers
    #[arg(long)]
    pub squash: bool,
    /// Squash all the image's layers, the base image's too, into one
    #[arg(long)]
    pub squash_all: bool,
    /// Set a label on every intermediate image, not on the result (KEY[=VALUE])
    #[arg(long = "layer-label", value_name = "KEY[=VALUE]")]
    pub layer_label: Vec<String>,
    /// Add the io.buildah.version label naming the builder (default true, false with
    /// --source-date-epoch or $SOURCE_DATE_EPOCH)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub identity_label: Option<bool>,
    /// Keep the labels of the base image or base stages (default true)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub inherit_labels: Option<bool>,
    /// Build only the stages the target needs (default true); false builds every stage up
    /// to the target
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub skip_unused_stages: Option<bool>,
    /// Stages to build at once: rpod builds one at a time, so any N is accepted and noted
    #[arg(long, value_name = "N")]
    pub jobs: Option<u32>,
    /// Pass rpod's standard input to RUN steps
    #[arg(long)]
    pub stdin: bool,
    /// Build on this image instead of the one the first FROM names
    #[arg(long, value_name = "IMAGE")]
    pub from: Option<String>,
    /// Add an annotation to the built image's manifest (KEY=VALUE; OCI images only)
    #[arg(long, value_name = "KEY=VALUE")]
    pub annotation: Vec<String>,
    /// Remove an annotation the base image's manifest has from the built image's
    #[arg(long, value_name = "KEY")]
    pub unsetannotation: Vec<String>,
    /// Keep the annotations of the base image or base stage (default true)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub inherit_annotations: Option<bool>,
    /// Annotate the image with its creation time, org.opencontainers.image.created (default
    /// true; the --timestamp or --source-date-epoch time when given)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub created_annotation: Option<bool>,
    #[command(flatten)]
    pub platform: PlatformParts,
}

fn usage(message: String) -> Error {
    Error::Usage(message)
}

impl ShapeFlags {
    /// Fills `more`'s stage, input and result-shape options; `--source-date-epoch` must be
    /// in it already (it turns the identity label's default off).
    pub fn apply(&self, more: &mut MoreBuildOptions) -> Result<(), Error> {
        more.squash = match (self.squash, self.squash_all) {
            (true, true) => {
                return Err(usage(
                    "--squash and --squash-all cannot be used together".into(),
                ));
            }
            (true, false) => Squash::New,
            (false, true) => Squash::All,
            (false, false) => Squash::No,
        };
        // podman's --layer-label KEY is an empty label.
        let pairs: Vec<String> = self
            .layer_label
            .iter()
            .map(|l| match l.contains('=') {
                true => l.clone(),
                false => format!("{l}="),
            })
            .collect();
        more.layer_labels = labels::parse(&pairs)?;
        more.identity_label = self.identity_label.unwrap_or(more.created.is_none());
        more.drop_base_labels = self.inherit_labels == Some(false);
        more.all_stages = self.skip_unused_stages == Some(false);
        if let Some(jobs) = self.jobs.filter(|j| *j != 1) {
            let limit = match jobs {
                0 => "no limit".to_string(),
                n => n.to_string(),
            };
            eprintln!(
                "[Note] --jobs {jobs} ({limit}): rpod builds the stages one after the other; \
                 the result is the same"
            );
        }
        more.annotations = AnnotationOptions {
            set: parse_annotations("--annotation", &self.annotation)?,
            unset: self.unsetannotation.clone(),
            drop_inherited: self.inherit_annotations == Some(false),
            no_created: self.created_annotation == Some(false),
        };
        more.stdin = self.stdin;
        if let Some(from) = &self.from {
            if from.is_empty() {
                return Err(usage("invalid --from \"\": expected an image".into()));
            }
            more.from = Some(from.clone());
        }
        Ok(())
    }

    pub fn any_platform_part(&self) -> bool {
        self.platform.os.is_some()
            || self.platform.arch.is_some()
            || self.platform.variant.is_some()
    }
}
