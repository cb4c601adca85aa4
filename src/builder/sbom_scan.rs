//! The SBOM scan of `builder::sbom`: the built image's tree written out, each scanner command
//! run in a container of the scanner image as a RUN step's command runs, the outputs merged
//! and written where the flags say, the in-image ones as a layer of their own.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

use super::Builder;
use super::copy::{self, CopyRequest, Input};
use super::copy_layer::Plan;
use super::error::StepError;
use super::output::{self, Output};
use super::run_step;
use super::sbom::{CONTEXT_AT, OUTPUT_AT, ROOTFS_AT, Sbom, SbomError, ScanCommand, merge, purls};
use super::stage::StageState;
use super::tree::Tree;
use crate::container::attach::Sinks;
use crate::container::batch;
use crate::container::plan::RunOptions;
use crate::container::plan::mounts::{MountDef, MountKind};
use crate::image::fs_tar::Owner;
use crate::state::scratch::Temp;

/// A bind mount of the scanner's container, typed: a host path may hold any character.
fn bind(source: &Path, target: &str, readonly: bool) -> MountDef {
    MountDef {
        kind: MountKind::Bind {
            source: source.to_path_buf(),
        },
        target: target.to_string(),
        readonly,
    }
}

impl Builder<'_> {
    /// The scanner image, from the store or pulled as `--pull` says: before the build
    /// starts, so that a missing one fails it at once.
    pub(super) fn scanner_image(&mut self, sbom: &Sbom) -> Result<(), SbomError> {
        self.image(&sbom.scanner_image)
            .map(drop)
            .map_err(|e| SbomError::ScannerImage {
                image: sbom.scanner_image.clone(),
                cause: e.to_string(),
            })
    }

    /// Scans the image `state` holds, writes the SBOM and package URLs where `sbom` says,
    /// and, for `--sbom-image-output` and `--sbom-image-purl-output`, commits them as a
    /// layer of their own.
    pub(super) fn sbom(&mut self, sbom: &Sbom, state: &mut StageState) -> Result<(), SbomError> {
        let store = self.engine.store;
        let image = state.image.clone().expect("the target has an image");
        let rootfs = Temp::new(store.dir(), "sbom-rootfs");
        output::write(store, &image, &Output::Dir(rootfs.path().to_path_buf()))
            .map_err(|e| SbomError::Rootfs(e.to_string()))?;
        let outdir = Temp::new(store.dir(), "sbom-output");
        fs::create_dir(outdir.path()).map_err(SbomError::io("create", outdir.path()))?;
        // A scanner image whose USER is not root must be able to write its output too.
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(outdir.path(), fs::Permissions::from_mode(0o777))
                .map_err(SbomError::io("set the mode of", outdir.path()))?;
        }
        let context = fs::canonicalize(&self.context_root)
            .map_err(SbomError::io("open the build context", &self.context_root))?;
        let mounts = [
            bind(rootfs.path(), ROOTFS_AT, true),
            bind(&context, CONTEXT_AT, true),
            bind(outdir.path(), OUTPUT_AT, false),
        ];
        let mut outputs = Vec::new();
        for (n, command) in sbom.commands.iter().enumerate() {
            let name = format!("sbom-{}", n + 1);
            self.say(&format!("SBOM {}: {}", sbom.scanner_image, command.text));
            let file = outdir.path().join(&name);
            self.scan(
                sbom,
                command,
                &format!("{OUTPUT_AT}/{name}"),
                &file,
                &mounts,
            )?;
            let bytes = match fs::read(&file) {
                Ok(bytes) if !bytes.is_empty() => bytes,
                Ok(_) => Vec::new(),
                Err(e) if e.kind() == io::ErrorKind::NotFound => Vec::new(),
                Err(e) => return Err(SbomError::io("read", &file)(e)),
            };
            if bytes.is_empty() {
                return Err(SbomError::NothingWritten {
                    command: command.text.clone(),
                });
            }
            outputs.push((command, bytes));
        }
        drop(rootfs);
        let merged = merge(sbom.merge, &outputs)?;
        let wants_purls = sbom.purl_output.is_some() || sbom.image_purl_output.is_some();
        let purl_list = wants_purls.then(|| purls(&merged)).transpose()?;
        if let Some(path) = &sbom.output {
            fs::write(path, &merged).map_err(SbomError::io("write the SBOM to", path))?;
        }
        if let (Some(path), Some(list)) = (&sbom.purl_output, &purl_list) {
            fs::write(path, list).map_err(SbomError::io("write the package URLs to", path))?;
        }
        let mut files = Vec::new();
        if let Some(path) = &sbom.image_output {
            files.push((path.as_str(), merged));
        }
        if let (Some(path), Some(list)) = (&sbom.image_purl_output, purl_list) {
            files.push((path.as_str(), list));
        }
        if !files.is_empty() {
            self.sbom_layer(state, files)
                .map_err(|e| SbomError::Layer(Box::new(e)))?;
        }
        Ok(())
    }

    /// Runs one scanner command to its end; without `{OUTPUT}` in it, what it prints goes to
    /// `file`.
    fn scan(
        &mut self,
        sbom: &Sbom,
        command: &ScanCommand,
        output_at: &str,
        file: &Path,
        mounts: &[MountDef],
    ) -> Result<(), SbomError> {
        let fail = |cause: StepError| SbomError::Scan {
            command: command.text.clone(),
            cause: Box::new(cause),
        };
        let scanner = self.image(&sbom.scanner_image).map_err(fail)?;
        let options = RunOptions {
            command: command.argv(output_at),
            network: self.opts.network.clone().into_iter().collect(),
            ..RunOptions::default()
        };
        // The scanner's container is the build's, as a RUN step's is.
        let (record, _container) =
            run_step::build_container(self.engine, options, mounts.to_vec(), &scanner)
                .map_err(|e| fail(StepError::Container(e)))?;
        let mut printed = match command.writes_output() {
            true => None,
            false => Some(fs::File::create(file).map_err(SbomError::io("create", file))?),
        };
        let (mut no_out, mut no_err, mut stderr) = (io::sink(), io::sink(), io::stderr());
        let quiet = self.opts.quiet;
        let mut log = self.opts.more.log.as_ref();
        let sinks = Sinks {
            stdout: match (&mut printed, quiet) {
                (Some(file), _) => file,
                (None, true) => &mut no_out,
                (None, false) => &mut *self.out,
            },
            stderr: match (quiet, &mut log) {
                (true, _) => &mut no_err,
                (false, Some(log)) => log,
                (false, None) => &mut stderr,
            },
        };
        let code = batch::run_to_end(self.engine, &record, sinks, false)
            .map_err(|e| fail(StepError::Container(e)))?;
        drop(printed);
        if code != 0 {
            return Err(SbomError::ScanFailed {
                command: command.text.clone(),
                code,
            });
        }
        Ok(())
    }

    /// The SBOM files as a layer on the image `state` holds, root's and readable by all, as
    /// COPY writes a file.
    fn sbom_layer(
        &mut self,
        state: &mut StageState,
        files: Vec<(&str, Vec<u8>)>,
    ) -> Result<(), StepError> {
        let store = self.engine.store;
        let image = Tree::layers(state.layer_dirs(store).into_iter().rev().collect());
        let now = self
            .opts
            .more
            .created
            .unwrap_or_else(jiff::Timestamp::now)
            .as_second();
        let mut layer: Option<Plan> = None;
        let mut paths = Vec::new();
        for (path, bytes) in files {
            let name = Path::new(path)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let request = CopyRequest {
                inputs: vec![Input::Bytes { name, bytes }],
                dest: path,
                workdir: "/",
                from: &self.context,
                from_context: true,
                image: &image,
                owner: Owner { uid: 0, gid: 0 },
                mode: None,
                unpack_archives: false,
                now,
            };
            let plan = copy::plan(&request)?;
            match &mut layer {
                None => layer = Some(plan),
                Some(layer) => {
                    for item in plan.items {
                        if !layer.items.iter().any(|i| i.dest == item.dest) {
                            layer.items.push(item);
                        }
                    }
                }
            }
            paths.push(path);
        }
        let plan = layer.expect("at least one SBOM file");
        let digest = plan.digest()?;
        let created_by = format!("/bin/sh -c #(nop) SBOM {digest} in {}", paths.join(" "));
        self.commit(state, created_by, move |_, state| {
            let tar = Temp::new(store.dir(), "sbom-layer");
            let file = fs::File::create(tar.path()).map_err(StepError::io("create", tar.path()))?;
            let mut out = io::BufWriter::new(file);
            plan.write_tar(&mut out)?;
            out.flush().map_err(StepError::io("write", tar.path()))?;
            Ok((state.config.clone(), Some(tar)))
        })
    }
}
