//! `rpod container runlabel`: run the command an image carries in a label (`RUN`, `INSTALL`).

use clap::Args;

use crate::cli::context::Context;
use crate::cli::image::pull::SourceFlags;
use crate::cli::{GlobalFlags, out, style};
use crate::container::ContainerError;
use crate::error::Error;
use crate::image::manifest::ImageConfig;
use crate::image::progress;
use crate::image::pull::{self, PullOptions};
use crate::image::store::{StoreError, find_in};

/// Run the command in a label of an image (IMAGE and NAME in it become the image and the
/// container name; a leading podman or docker becomes rpod)
#[derive(Debug, Args)]
#[command(help_template = style::COMMAND_TEMPLATE, override_usage = "rpod container runlabel [options] LABEL IMAGE [ARG...]")]
pub struct RunlabelArgs {
    /// Print the command instead of running it
    #[arg(long)]
    pub display: bool,
    /// The container name NAME stands for (default: the image's base name)
    #[arg(short, long, value_name = "NAME")]
    pub name: Option<String>,
    /// Pull quietly
    #[arg(short, long)]
    pub quiet: bool,
    /// Remove a container of that name first
    #[arg(long)]
    pub replace: bool,
    /// Path of the authentication file for the pull
    #[arg(long, value_name = "PATH")]
    pub authfile: Option<std::path::PathBuf>,
    #[command(flatten)]
    pub source: SourceFlags,
    #[arg(value_name = "LABEL")]
    pub label: String,
    /// The image, then arguments appended to the label's command
    #[arg(
        value_name = "IMAGE [ARG...]",
        required = true,
        trailing_var_arg = true
    )]
    pub argv: Vec<String>,
}

/// The label's command with IMAGE and NAME (bare, `$X` or `${X}`) substituted and a leading
/// podman or docker replaced by `exe`.
fn command_line(label: &str, image: &str, name: &str, exe: &str) -> Option<Vec<String>> {
    let mut words = shlex::split(label)?;
    for word in &mut words {
        for (key, value) in [("IMAGE", image), ("NAME", name)] {
            *word = word
                .replace(&format!("${{{key}}}"), value)
                .replace(&format!("${key}"), value);
            if word == key {
                *word = value.to_string();
            }
            if let Some(rest) = word.strip_prefix(&format!("{key}=")) {
                *word = format!("{key}={}", if rest == key { value } else { rest });
            }
        }
    }
    if let Some(first) = words.first_mut()
        && matches!(first.rsplit('/').next(), Some("podman" | "docker"))
    {
        *first = exe.to_string();
    }
    Some(words)
}

/// The repository's last component, without tag: the default container name.
fn base_name(image: &str) -> String {
    let last = image.rsplit('/').next().unwrap_or(image);
    last.split([':', '@']).next().unwrap_or(last).to_string()
}

pub fn run(args: RunlabelArgs, global: &GlobalFlags) -> Result<u8, Error> {
    let image_name = &args.argv[0];
    let ctx = Context::load(global)?;
    let store = ctx.store()?;
    let image = match find_in(&store.index()?, image_name, &ctx.config.registries) {
        Ok(image) => image.clone(),
        Err(StoreError::NotFound(_)) => {
            let registry = args.source.registry(&ctx, args.authfile.as_deref())?;
            let opts = PullOptions {
                platform: args.source.platform()?,
                registry: &registry,
                registries: &ctx.config.registries,
            };
            let reporter = progress::for_terminal(args.quiet);
            let pulled = pull::pull(&store, image_name, &opts, reporter.as_ref())?;
            store.find(pulled.id.as_str(), &ctx.config.registries)?
        }
        Err(e) => return Err(e.into()),
    };
    let config = ImageConfig::parse(
        &store.read_blob(&image.config_digest())?,
        &image.config_digest(),
    )
    .map_err(|e| ContainerError::invalid("image", image_name, e.to_string()))?;
    let label = config
        .config
        .labels
        .as_ref()
        .and_then(|l| l.get(&args.label))
        .ok_or_else(|| {
            Error::Usage(format!(
                "cannot find the value of label: {} in image: {image_name}",
                args.label
            ))
        })?;
    let name = args.name.clone().unwrap_or_else(|| base_name(image_name));
    let exe = std::env::current_exe().map_or("rpod".into(), |p| p.display().to_string());
    let mut words = command_line(label, image_name, &name, &exe).ok_or_else(|| {
        Error::Usage(format!(
            "label {} holds unbalanced quotes: {label}",
            args.label
        ))
    })?;
    if words.first() == Some(&exe) {
        // The rpod the label runs uses this one's store.
        words.splice(1..1, global.store_words());
    }
    words.extend(args.argv[1..].iter().cloned());
    if args.display {
        out(&format!("command: {}\n", words.join(" ")))?;
        return Ok(0);
    }
    if args.replace {
        let engine = ctx.engine(&store)?;
        match crate::container::remove::remove(&engine, &name, true, false) {
            Ok(_) | Err(ContainerError::NotFound(_)) => {}
            Err(e) => return Err(e.into()),
        }
    }
    let status = std::process::Command::new(&words[0])
        .args(&words[1..])
        .env("IMAGE", image_name)
        .env("NAME", &name)
        .status()
        .map_err(|source| Error::Invoke {
            program: words[0].clone(),
            source,
        })?;
    Ok(status.code().map_or(125, |c| c.clamp(0, 255) as u8))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_and_name_are_substituted_and_podman_becomes_rpod() {
        let words = command_line(
            "podman run --name NAME -e IMAGE=IMAGE ${IMAGE} echo \"$NAME ok\"",
            "busybox",
            "box",
            "/bin/rpod",
        )
        .unwrap();
        assert_eq!(
            words,
            [
                "/bin/rpod",
                "run",
                "--name",
                "box",
                "-e",
                "IMAGE=busybox",
                "busybox",
                "echo",
                "box ok"
            ]
        );
        assert_eq!(base_name("registry:5000/team/app:1.0"), "app");
        assert!(command_line("echo 'open", "i", "n", "e").is_none());
    }
}
