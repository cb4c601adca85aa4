//! One stage, step by step: its base (an image, an earlier stage or scratch), the base's
//! ONBUILD triggers, then each instruction, every image-making step looked up in the build
//! cache first.

use std::collections::BTreeMap;
use std::io;
use std::path::PathBuf;

use super::copy::{self, CopyRequest, Input};
use super::dockerfile::{
    self, Arg, CommandForm, CopySource, CopySpec, Heredoc, Instruction, RunFlags,
};
use super::error::{BuildError, StepError};
use super::ignore::Ignore;
use super::run_step::{self, RunRequest};
use super::secrets;
use super::ssh;
use super::stamp;
use super::tree::Tree;
use super::{Builder, check_platform, config_step, describe::describe};
use crate::container::attach::Sinks;
use crate::container::user;
use crate::ids::Digest;
use crate::image::commit::{self, Step, config_of, empty_config};
use crate::image::download;
use crate::image::fs_tar::Owner;
use crate::image::manifest::{ImageConfig, Platform};
use crate::image::store::ImageRecord;
use crate::state::scratch::Temp;

/// Where a stage is, between steps.
pub(super) struct StageState {
    pub(super) index: usize,
    /// None while a `FROM scratch` stage has made nothing.
    pub(super) image: Option<ImageRecord>,
    pub(super) config: ImageConfig,
    /// ARGs the stage declared, with their values (None: declared, no value).
    pub(super) args: BTreeMap<String, Option<String>>,
    /// Whether the stage set CMD itself (an ENTRYPOINT then keeps it).
    pub(super) cmd_set: bool,
}

/// The VOLUME directories of `config`, inherited or not (`--compat-volumes`).
fn volumes(config: &ImageConfig) -> Vec<String> {
    config
        .config
        .volumes
        .iter()
        .flat_map(|v| v.keys().cloned())
        .collect()
}

fn env_value(config: &ImageConfig, name: &str) -> Option<String> {
    config.config.env.as_ref()?.iter().rev().find_map(|entry| {
        let (key, value) = entry.split_once('=')?;
        (key == name).then(|| value.to_string())
    })
}

impl StageState {
    /// A variable as the stage's instructions see it: ENV first, then ARG (docker: ENV
    /// always wins over an ARG of the same name).
    fn var(&self, name: &str) -> Option<String> {
        env_value(&self.config, name).or_else(|| self.args.get(name).cloned().flatten())
    }

    fn workdir(&self) -> String {
        self.config.config.working_dir.clone().unwrap_or_default()
    }

    /// The image so far, bottom layer first.
    pub(super) fn layer_dirs(&self, store: &crate::image::store::Store) -> Vec<PathBuf> {
        self.image
            .iter()
            .flat_map(|i| i.layers.iter().map(|l| store.layer_diff(l)))
            .collect()
    }
}

/// A step's config without the `--layer-label`s its image got (an inherited label of the same
/// name and value goes too: its image cannot tell them apart).
pub(super) fn without_layer_labels(
    mut config: ImageConfig,
    layer_labels: Option<&[(String, String)]>,
) -> ImageConfig {
    if let Some(labels) = config.config.labels.as_mut() {
        for (key, value) in layer_labels.unwrap_or_default() {
            if labels.get(key) == Some(value) {
                labels.remove(key);
            }
        }
        if labels.is_empty() {
            config.config.labels = None;
        }
    }
    config
}

/// The cache identity of a step: its parent image and what it does.
fn build_key(parent: Option<&ImageRecord>, created_by: &str) -> Digest {
    let parent = parent.map_or("scratch", |p| p.id.as_str());
    Digest::of(format!("rpod build step v1\n{parent}\n{created_by}").as_bytes())
}

/// Whether a shell-form RUN is nothing but one heredoc (`RUN <<EOF`): BuildKit then runs the
/// heredoc's body as the script.
fn only_heredoc(command: &str, doc: &Heredoc) -> bool {
    let rest = command.trim().strip_prefix("<<").unwrap_or_default();
    let rest = rest.strip_prefix('-').unwrap_or(rest);
    rest.trim_matches(['"', '\'']) == doc.name
}

/// A shell-form RUN's script: the command line, then each heredoc's body and delimiter, as
/// the shell reads here-documents.
fn script(command: &str, heredocs: &[Heredoc]) -> String {
    match heredocs {
        [] => command.to_string(),
        [doc] if only_heredoc(command, doc) => doc.content.clone(),
        docs => {
            let mut text = format!("{command}\n");
            for doc in docs {
                text.push_str(&doc.content);
                text.push_str(&doc.name);
                text.push('\n');
            }
            text
        }
    }
}

/// A `RUN --mount=` as the step's container mounts it: `type=cache` as a named volume that
/// persists between builds (one per `id`, which defaults to the target, as BuildKit keeps
/// them), `type=tmpfs` as a tmpfs.
fn run_mount(spec: &str) -> Result<String, StepError> {
    let unsupported = |what: &str| StepError::Unsupported {
        flag: format!("RUN --mount={what}"),
    };
    let (mut kind, mut target, mut id, mut size) = ("bind", None, None, None);
    for field in spec.split(',') {
        let (key, value) = field.split_once('=').unwrap_or((field, ""));
        match key {
            "type" => kind = value,
            "target" | "dst" | "destination" => target = Some(value),
            "id" => id = Some(value),
            "size" => size = Some(value),
            // Cache sharing modes and ownership: one user owns every file here.
            "sharing" | "mode" | "uid" | "gid" => {}
            _ => return Err(unsupported(spec)),
        }
    }
    let target = target
        .filter(|t| !t.is_empty())
        .ok_or_else(|| unsupported(spec))?;
    match kind {
        "cache" => {
            let id = id.unwrap_or(target);
            let digest = Digest::of(id.as_bytes());
            Ok(format!(
                "type=volume,source={}{},target={target}",
                crate::volume::BUILD_CACHE_PREFIX,
                &digest.hex()[..16]
            ))
        }
        "tmpfs" => Ok(match size {
            Some(size) => format!("type=tmpfs,target={target},tmpfs-size={size}"),
            None => format!("type=tmpfs,target={target}"),
        }),
        other => Err(unsupported(&format!(
            "type={other} (rpod supports type=cache, type=tmpfs and type=secret)"
        ))),
    }
}

/// A secret's value as the file a RUN step's mount binds, in the store's scratch space
/// (never in a layer); it goes when the guard does.
fn secret_file(dir: &std::path::Path, value: &[u8], mode: u32) -> Result<Temp, StepError> {
    use std::io::Write;
    use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
    let file = Temp::new(dir, "build-secret");
    let path = file.path();
    let mut out = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .map_err(StepError::io("create", path))?;
    out.write_all(value).map_err(StepError::io("write", path))?;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
        .map_err(StepError::io("set the mode of", path))?;
    Ok(file)
}

/// `--chmod=0644`.
fn parse_mode(text: &str) -> Result<u32, StepError> {
    u32::from_str_radix(text, 8)
        .ok()
        .filter(|m| *m <= 0o7777)
        .ok_or_else(|| StepError::Chmod(text.to_string()))
}

/// A trigger from the base image's ONBUILD list, parsed as the instruction it is.
fn parse_trigger(trigger: &str) -> Result<Instruction, StepError> {
    let file = dockerfile::parse(&format!("FROM scratch\n{trigger}")).map_err(|cause| {
        StepError::Trigger {
            trigger: trigger.to_string(),
            cause,
        }
    })?;
    Ok(file.stages[0].instructions[0].clone())
}

impl Builder<'_> {
    /// Builds stage `index` and returns its last image.
    pub(super) fn stage(&mut self, index: usize) -> Result<ImageRecord, BuildError> {
        let stage = &self.file.stages[index];
        let escape = self.file.directives.escape;
        let total = stage.instructions.len() + 1;
        let count = self.file.stages.len();
        let prefix = match count {
            1 => String::new(),
            _ => format!("[{}/{count}] ", index + 1),
        };
        let (base, platform) = stage.expand_base(&|n| self.global(n), escape)?;
        let base = self.base_name(index, base);
        let from = match &stage.name {
            Some(name) => format!("FROM {base} AS {name}"),
            None => format!("FROM {base}"),
        };
        self.say(&format!("{prefix}STEP 1/{total}: {from}"));
        let fail = |step: &str, line: usize| {
            let step = step.to_string();
            move |cause: StepError| BuildError::Step {
                step,
                line,
                cause: Box::new(cause),
            }
        };
        if let Some(platform) = platform {
            let parsed = Platform::parse(&platform).map_err(|e| BuildError::Step {
                step: from.clone(),
                line: stage.line,
                cause: Box::new(StepError::Pull(e.into())),
            })?;
            check_platform(&parsed)?;
        }
        let mut state = self.base(&base, index).map_err(fail(&from, stage.line))?;
        self.stage_bases[index] = state.image.clone();
        for trigger in state.config.config.on_build.take().unwrap_or_default() {
            self.say(&format!("--> ONBUILD {trigger}"));
            let instruction = parse_trigger(&trigger).map_err(fail(&from, stage.line))?;
            let expanded = instruction.expand(&|n| state.var(n), escape)?;
            self.step(&mut state, &expanded)
                .map_err(fail(&format!("ONBUILD {trigger}"), stage.line))?;
        }
        for (k, instruction) in stage.instructions.iter().enumerate() {
            let expanded = instruction.expand(&|n| state.var(n), escape)?;
            let text = describe(&expanded);
            self.say(&format!("{prefix}STEP {}/{total}: {text}", k + 2));
            self.step(&mut state, &expanded)
                .map_err(fail(&text, instruction.line()))?;
        }
        if state.image.is_none() {
            // A scratch stage that made nothing is the empty image.
            self.commit(
                &mut state,
                "/bin/sh -c #(nop) FROM scratch".into(),
                |_, s| Ok((s.config.clone(), None)),
            )
            .map_err(fail(&from, stage.line))?;
        }
        Ok(state.image.expect("the stage made its image"))
    }

    fn base(&mut self, base: &str, index: usize) -> Result<StageState, StepError> {
        let image = if base.eq_ignore_ascii_case("scratch") {
            None
        } else if self.opts.more.contexts.contains_key(base) && self.file.stage(base).is_none() {
            return Err(StepError::FromContext(base.to_string()));
        } else if let Some((i, _)) = self.file.stage(base).filter(|(i, _)| *i < index) {
            let built = self.stages[i].clone();
            Some(built.ok_or_else(|| StepError::LaterStage(base.to_string()))?)
        } else {
            Some(self.image(base)?)
        };
        let config = match &image {
            Some(image) => config_of(self.engine.store, image)?,
            None => empty_config(),
        };
        Ok(StageState {
            index,
            image,
            config,
            args: BTreeMap::new(),
            cmd_set: false,
        })
    }

    fn step(&mut self, state: &mut StageState, instruction: &Instruction) -> Result<(), StepError> {
        match instruction {
            Instruction::Arg { args, .. } => {
                self.declare(state, args);
                Ok(())
            }
            Instruction::Run {
                flags,
                command,
                heredocs,
                ..
            } => self.run(state, flags, command, heredocs),
            Instruction::Copy { spec, .. } => self.copy(state, spec, false),
            Instruction::Add { spec, .. } => self.copy(state, spec, true),
            other => {
                let mut config = state.config.clone();
                config_step::apply(&mut config, other, &mut state.cmd_set)?;
                let created_by = format!("/bin/sh -c #(nop) {}", describe(other));
                self.commit(state, created_by, |_, _| Ok((config, None)))
            }
        }
    }

    fn declare(&mut self, state: &mut StageState, args: &[Arg]) {
        for arg in args {
            let value = match self.opts.build_args.get(&arg.name) {
                Some(value) => {
                    self.consumed.insert(arg.name.clone());
                    Some(value.clone())
                }
                None if arg.default.is_some() => arg.default.clone(),
                None => self.global(&arg.name),
            };
            state.args.insert(arg.name.clone(), value);
        }
    }

    /// Takes the step's image from the build cache, or makes it: `make` returns the new
    /// config and the layer tar, if the step has one.
    pub(super) fn commit(
        &mut self,
        state: &mut StageState,
        created_by: String,
        make: impl FnOnce(&mut Self, &StageState) -> Result<(ImageConfig, Option<Temp>), StepError>,
    ) -> Result<(), StepError> {
        let store = self.engine.store;
        let more = &self.opts.more;
        let mut identity = created_by.clone();
        if let Some(created) = more.created {
            identity.push_str(&format!("\ncreated {created}"));
        }
        // A --source-date-epoch step's layer keeps its files' times: it is not this one.
        if more.stamp_files {
            identity.push_str("\nfile times stamped");
        } else if more.clamp_files && more.created.is_some() {
            identity.push_str("\nfile times clamped");
        }
        if more.compat_volumes && !volumes(&state.config).is_empty() {
            identity.push_str("\ncompat volumes");
        }
        let layer_labels = self.intermediate.then_some(&more.layer_labels[..]);
        for (key, value) in layer_labels.unwrap_or_default() {
            identity.push_str(&format!("\nlayer-label {key}={value}"));
        }
        let key = build_key(state.image.as_ref(), &identity);
        let cache = &more.remote_cache;
        if !self.opts.no_cache && !more.no_layers {
            let local = store.index()?.by_build_key(&key).cloned();
            let hit = match local.filter(|hit| cache.fresh(hit)) {
                Some(hit) => {
                    self.say(&format!("--> Using cache {}", hit.id));
                    Some(hit)
                }
                None => self.remote_hit(state.image.as_ref(), &key)?,
            };
            if let Some(hit) = hit {
                self.say(&format!("--> {}", hit.id.short()));
                self.push_to_cache(&hit, &key)?;
                state.config = without_layer_labels(config_of(store, &hit)?, layer_labels);
                state.image = Some(hit);
                return Ok(());
            }
        }
        let (config, layer) = make(self, state)?;
        if let (Some(tar), Some(created)) = (&layer, more.created)
            && (more.stamp_files || more.clamp_files)
        {
            let clamp = !more.stamp_files;
            stamp::layer(tar.path(), created.as_second().max(0) as u64, clamp)?;
        }
        // `--layer-label`s are the intermediate images' only, not what later steps inherit.
        let mut labelled = config.clone();
        if let Some(labels) = layer_labels.filter(|l| !l.is_empty()) {
            let set = labelled.config.labels.get_or_insert_default();
            set.extend(labels.iter().cloned());
        }
        let step = Step {
            layer_tar: layer.as_ref().map(Temp::path),
            config: labelled,
            created_by,
            author: None,
            comment: None,
            names: Vec::new(),
            // `--layers=false`: no step is kept as cache for later builds.
            build_key: (!self.opts.more.no_layers).then(|| key.clone()),
            created: self.opts.more.created,
            omit_history: false,
        };
        let record = commit::derive(store, state.image.as_ref(), step)?;
        self.say(&format!("--> {}", record.id.short()));
        if !more.no_layers {
            self.push_to_cache(&record, &key)?;
        }
        state.config = without_layer_labels(config_of(store, &record)?, layer_labels);
        state.image = Some(record);
        Ok(())
    }

    fn run(
        &mut self,
        state: &mut StageState,
        flags: &RunFlags,
        command: &CommandForm,
        heredocs: &[Heredoc],
    ) -> Result<(), StepError> {
        let (mut mounts, mut secret_mounts, mut ssh_mounts) = (Vec::new(), Vec::new(), Vec::new());
        for spec in &flags.mounts {
            if spec.split(',').any(|field| field == "type=secret") {
                secret_mounts.push(secrets::parse_mount(spec)?);
            } else if spec.split(',').any(|field| field == "type=ssh") {
                ssh_mounts.push(ssh::parse_mount(spec, ssh_mounts.len())?);
            } else {
                mounts.push(run_mount(spec)?);
            }
        }
        if flags.security.as_deref().is_some_and(|s| s != "sandbox") {
            return Err(StepError::Unsupported {
                flag: "RUN --security=insecure".into(),
            });
        }
        let network = match flags.network.as_deref() {
            None | Some("default") => self.opts.network.clone(),
            Some(mode) => Some(mode.to_string()),
        };
        let argv = match command {
            CommandForm::Shell(text) => {
                let mut argv = config_step::shell(&state.config);
                argv.push(script(text, heredocs));
                argv
            }
            CommandForm::Exec(words) => words.clone(),
        };
        let mut env: Vec<String> = state
            .args
            .iter()
            .filter(|(name, _)| env_value(&state.config, name).is_none())
            .filter_map(|(name, value)| Some(format!("{name}={}", value.as_ref()?)))
            .collect();
        let mut created_by = match env.len() {
            0 => argv.join(" "),
            n => format!("|{n} {} {}", env.join(" "), argv.join(" ")),
        };
        for mount in &flags.mounts {
            created_by = format!("--mount={mount} {created_by}");
        }
        // The step's container outlives the commit: see `run_step::StepOutput`.
        let mut container = None;
        let kept = &mut container;
        self.commit(state, created_by, move |builder, state| {
            let image = state.image.as_ref().ok_or(StepError::RunOnScratch)?;
            let mut mount_points = Vec::new();
            let mut files = Vec::new();
            for (mount, var, target) in ssh::bind(&ssh_mounts, &builder.opts.more.ssh)? {
                mounts.push(mount);
                env.push(var);
                mount_points.push(target);
            }
            for secret in &secret_mounts {
                let Some(value) = builder.secrets.get(&secret.id) else {
                    if secret.required {
                        return Err(StepError::NoSecret(secret.id.clone()));
                    }
                    continue;
                };
                if let Some(var) = &secret.env {
                    let text = std::str::from_utf8(value)
                        .map_err(|_| StepError::SecretNotText(secret.id.clone()))?;
                    env.push(format!("{var}={text}"));
                }
                if let Some(target) = &secret.target {
                    let file = secret_file(builder.engine.store.dir(), value, secret.mode)?;
                    mounts.push(format!(
                        "type=bind,source={},target={target},readonly",
                        file.path().display()
                    ));
                    mount_points.push(target.clone());
                    files.push(file);
                }
            }
            let request = RunRequest {
                image,
                template: &builder.opts.more.run,
                argv,
                env,
                network,
                mounts,
                mount_points,
                discard: match builder.opts.more.compat_volumes {
                    true => volumes(&state.config),
                    false => Vec::new(),
                },
                stdin: builder.opts.more.stdin,
            };
            let (mut sink, mut stderr) = (io::sink(), io::stderr());
            let mut log = builder.opts.more.log.as_ref();
            let sinks = Sinks {
                stdout: &mut *builder.out,
                stderr: match (builder.opts.quiet, &mut log) {
                    (true, _) => &mut sink,
                    (false, Some(log)) => log,
                    (false, None) => &mut stderr,
                },
            };
            let step = run_step::run(builder.engine, request, sinks)?;
            drop(files);
            *kept = Some(step.container);
            Ok((state.config.clone(), step.layer))
        })?;
        drop(container);
        Ok(())
    }

    /// The files `--from` names: an earlier stage's or an image's.
    fn source_tree(&mut self, name: &str, index: usize) -> Result<Tree, StepError> {
        let store = self.engine.store;
        if let Some(dir) = self.opts.more.contexts.get(name)
            && self.file.stage(name).is_none()
        {
            return Ok(Tree::context(dir, Ignore::default()));
        }
        let image = match self.file.stage(name) {
            Some((i, _)) if i >= index => return Err(StepError::LaterStage(name.to_string())),
            Some((i, _)) => self.stages[i]
                .clone()
                .ok_or_else(|| StepError::LaterStage(name.to_string()))?,
            None => self.image(name).map_err(|e| StepError::NoStage {
                name: name.to_string(),
                cause: e.to_string(),
            })?,
        };
        Ok(Tree::layers(
            image
                .layers
                .iter()
                .rev()
                .map(|l| store.layer_diff(l))
                .collect(),
        ))
    }

    /// `--chown`'s owner, named in the image being built: a user without a group gets the
    /// group with its own id, as docker does.
    fn owner(&self, state: &StageState, spec: Option<&str>) -> Result<Owner, StepError> {
        let Some(spec) = spec else {
            return Ok(Owner { uid: 0, gid: 0 });
        };
        let resolved = user::resolve(&state.layer_dirs(self.engine.store), spec)?;
        let gid = if spec.contains(':') {
            resolved.gid
        } else {
            resolved.uid
        };
        Ok(Owner {
            uid: resolved.uid,
            gid,
        })
    }

    fn copy(
        &mut self,
        state: &mut StageState,
        spec: &CopySpec,
        add: bool,
    ) -> Result<(), StepError> {
        if spec.parents {
            return Err(StepError::Unsupported {
                flag: "COPY --parents".into(),
            });
        }
        if !spec.excludes.is_empty() {
            return Err(StepError::Unsupported {
                flag: "--exclude".into(),
            });
        }
        let store = self.engine.store;
        let owner = self.owner(state, spec.chown.as_deref())?;
        let mode = spec.chmod.as_deref().map(parse_mode).transpose()?;
        let mut downloads = Vec::new();
        let mut inputs = Vec::new();
        for source in &spec.sources {
            inputs.push(match source {
                CopySource::Path(url) if add && download::is_url(url) => {
                    let file = Temp::new(store.dir(), "add-url");
                    self.fetch(url, &file, spec.checksum.as_deref())?;
                    let input = Input::File {
                        name: download::file_name(url),
                        path: file.path().to_path_buf(),
                        mode: 0o600,
                    };
                    downloads.push(file);
                    input
                }
                CopySource::Path(path) => Input::Path(path.clone()),
                CopySource::Heredoc(doc) => Input::Bytes {
                    name: doc.name.clone(),
                    bytes: doc.content.clone().into_bytes(),
                },
            });
        }
        let from_stage;
        let from = match &spec.from {
            Some(name) => {
                from_stage = self.source_tree(name, state.index)?;
                &from_stage
            }
            None => &self.context,
        };
        let image = Tree::layers(state.layer_dirs(store).into_iter().rev().collect());
        let workdir = state.workdir();
        let request = CopyRequest {
            inputs,
            dest: &spec.dest,
            workdir: &workdir,
            from,
            from_context: spec.from.is_none(),
            image: &image,
            owner,
            mode,
            unpack_archives: add,
            now: jiff::Timestamp::now().as_second(),
        };
        let plan = copy::plan(&request)?;
        let digest = plan.digest()?;
        let keyword = if add { "ADD" } else { "COPY" };
        let created_by = format!("/bin/sh -c #(nop) {keyword} {digest} in {}", spec.dest);
        self.commit(state, created_by, move |_, state| {
            let tar = Temp::new(store.dir(), "copy-layer");
            let file =
                std::fs::File::create(tar.path()).map_err(StepError::io("create", tar.path()))?;
            let mut out = io::BufWriter::new(file);
            plan.write_tar(&mut out)?;
            io::Write::flush(&mut out).map_err(StepError::io("write", tar.path()))?;
            drop(downloads);
            Ok((state.config.clone(), Some(tar)))
        })
    }

    /// ADD's URL source into `file`, checked against `--checksum` when given.
    fn fetch(&self, url: &str, file: &Temp, checksum: Option<&str>) -> Result<(), StepError> {
        let fail = |cause: String| StepError::Fetch {
            url: url.to_string(),
            cause,
        };
        let stall = std::time::Duration::from_secs(self.engine.config.registries.timeout);
        download::download(url, file.path(), stall).map_err(|e| fail(e.to_string()))?;
        if let Some(want) = checksum {
            let bytes = std::fs::read(file.path()).map_err(StepError::io("read", file.path()))?;
            let got = Digest::of(&bytes).to_string();
            if got != want {
                return Err(fail(format!(
                    "its content has checksum {got}, expected {want}"
                )));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(name: &str, content: &str) -> Heredoc {
        Heredoc {
            name: name.into(),
            content: content.into(),
            expand: true,
            chomp: false,
            fd: 0,
        }
    }

    #[test]
    fn heredoc_scripts() {
        assert_eq!(script("echo hi", &[]), "echo hi");
        let body = doc("EOF", "echo one\necho two\n");
        assert_eq!(
            script("<<EOF", std::slice::from_ref(&body)),
            "echo one\necho two\n"
        );
        assert_eq!(
            script("<<-'EOF'", std::slice::from_ref(&body)),
            "echo one\necho two\n"
        );
        assert_eq!(
            script("cat <<EOF > /f", &[body]),
            "cat <<EOF > /f\necho one\necho two\nEOF\n"
        );
    }

    #[test]
    fn modes_and_keys() {
        assert_eq!(parse_mode("0644").unwrap(), 0o644);
        assert_eq!(parse_mode("4755").unwrap(), 0o4755);
        assert!(parse_mode("rwx").is_err() && parse_mode("17777").is_err());
        assert_ne!(build_key(None, "RUN a"), build_key(None, "RUN b"));
        let cache = run_mount("type=cache,target=/root/.cache,sharing=locked").unwrap();
        assert!(cache.starts_with("type=volume,source=rpod-build-cache-"));
        assert!(cache.ends_with(",target=/root/.cache"));
        assert_eq!(
            run_mount("type=cache,id=x,target=/a").unwrap()[..40],
            run_mount("type=cache,id=x,target=/b").unwrap()[..40]
        );
        assert_eq!(
            run_mount("type=tmpfs,target=/t").unwrap(),
            "type=tmpfs,target=/t"
        );
        for bad in [
            "type=bind,target=/x",
            "type=secret,id=s",
            "type=cache",
            "type=cache,target=/x,bogus=1",
        ] {
            assert!(run_mount(bad).is_err(), "{bad}");
        }
    }
}
