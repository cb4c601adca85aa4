//! `build`'s `--sbom*` flags: a software bill of materials of the built image, made by a
//! scanner image's commands (see `builder::sbom`).

use std::path::PathBuf;

use clap::Args;

use crate::builder::MoreBuildOptions;
use crate::builder::sbom::{Sbom, SbomRequest};
use crate::error::Error;

#[derive(Debug, Args)]
pub struct SbomFlags {
    /// Make an SBOM of the image with a preset scanner: syft (or syft-cyclonedx), syft-spdx,
    /// trivy (or trivy-cyclonedx) or trivy-spdx; needs an --sbom-*output flag
    #[arg(long, value_name = "PRESET")]
    pub sbom: Option<String>,
    /// Write the SBOM into the image at this absolute path (a layer of its own)
    #[arg(long, value_name = "PATH")]
    pub sbom_image_output: Option<String>,
    /// Write the package URLs found in the SBOM, one a line, into the image at this path
    #[arg(long, value_name = "PATH")]
    pub sbom_image_purl_output: Option<String>,
    /// How several scanner commands' outputs become one SBOM: cat,
    /// merge-cyclonedx-by-component-name-and-version or
    /// merge-spdx-by-package-name-and-versioninfo (one entry per name and version)
    #[arg(long, value_name = "METHOD")]
    pub sbom_merge_strategy: Option<String>,
    /// Write the SBOM to this local file
    #[arg(long, value_name = "FILE")]
    pub sbom_output: Option<PathBuf>,
    /// Write the package URLs found in the SBOM, one a line, to this local file
    #[arg(long, value_name = "FILE")]
    pub sbom_purl_output: Option<PathBuf>,
    /// A command of the scanner image that writes an SBOM (repeatable, run in order):
    /// {ROOTFS}, {CONTEXT} and {OUTPUT} become the image's files, the build context and the
    /// file to write (without {OUTPUT}, what it prints is taken)
    #[arg(long, value_name = "COMMAND")]
    pub sbom_scanner_command: Vec<String>,
    /// The image whose commands make the SBOM (instead of the preset's)
    #[arg(long, value_name = "IMAGE")]
    pub sbom_scanner_image: Option<String>,
}

impl SbomFlags {
    /// Fills `more.sbom`: every combination is checked here, before the build starts.
    pub fn apply(&self, more: &mut MoreBuildOptions) -> Result<(), Error> {
        more.sbom = Sbom::from_flags(&SbomRequest {
            preset: self.sbom.as_deref(),
            scanner_image: self.sbom_scanner_image.as_deref(),
            commands: &self.sbom_scanner_command,
            merge: self.sbom_merge_strategy.as_deref(),
            output: self.sbom_output.as_deref(),
            purl_output: self.sbom_purl_output.as_deref(),
            image_output: self.sbom_image_output.as_deref(),
            image_purl_output: self.sbom_image_purl_output.as_deref(),
        })
        .map_err(crate::builder::BuildError::from)?;
        Ok(())
    }
}
