//! The flags that pick containers and pods besides their names: `--latest`, `--cidfile`,
//! `--filter`.

use std::path::PathBuf;

use clap::Args;

use crate::container::select::Selection;
use crate::container::{ContainerError, Engine};

#[derive(Debug, Clone, Args)]
pub struct SelectFlags {
    /// Act on the container created last
    #[arg(short, long)]
    pub latest: bool,
    /// Act on the container whose ID this file holds (as run/create --cidfile write it)
    #[arg(long, value_name = "FILE")]
    pub cidfile: Vec<PathBuf>,
    /// Act on the containers this filter picks (status, name, id, ancestor, label, label!,
    /// exited, before, since)
    #[arg(long, value_name = "FILTER")]
    pub filter: Vec<String>,
}

impl SelectFlags {
    pub fn selection(&self, names: &[String], all: bool, ignore: bool) -> Selection {
        Selection {
            names: names.to_vec(),
            cidfiles: self.cidfile.clone(),
            all,
            latest: self.latest,
            filters: self.filter.clone(),
            ignore,
        }
    }
}

/// `--latest` of the verbs that take one container.
#[derive(Debug, Clone, Args)]
pub struct LatestContainer {
    /// Act on the container created last instead of a named one
    #[arg(short, long)]
    pub latest: bool,
}

impl LatestContainer {
    /// The container named, or with `--latest` the one created last.
    pub fn resolve(&self, engine: &Engine, named: Option<&str>) -> Result<String, ContainerError> {
        match named {
            Some(name) if !self.latest => Ok(name.to_string()),
            _ => crate::container::select::latest(engine),
        }
    }

    /// The containers named, and with `--latest` the one created last.
    pub fn with(&self, engine: &Engine, named: &[String]) -> Result<Vec<String>, ContainerError> {
        let mut all = named.to_vec();
        if self.latest {
            all.push(crate::container::select::latest(engine)?);
        }
        Ok(all)
    }
}

/// The one container a verb acts on: named, or with `--latest` the one created last.
#[derive(Debug, Clone, Args)]
pub struct OneContainer {
    /// Act on the container created last instead of a named one
    #[arg(short, long)]
    pub latest: bool,
    #[arg(
        value_name = "CONTAINER",
        required_unless_present = "latest",
        conflicts_with = "latest"
    )]
    pub container: Option<String>,
}

impl OneContainer {
    pub fn resolve(&self, engine: &Engine) -> Result<String, ContainerError> {
        match &self.container {
            Some(name) => Ok(name.clone()),
            None => crate::container::select::latest(engine),
        }
    }
}

/// The one pod a verb acts on: named, or with `--latest` the one created last.
#[derive(Debug, Clone, Args)]
pub struct OnePod {
    /// Act on the pod created last instead of a named one
    #[arg(short, long)]
    pub latest: bool,
    #[arg(
        value_name = "POD",
        required_unless_present = "latest",
        conflicts_with = "latest"
    )]
    pub pod: Option<String>,
}

impl OnePod {
    pub fn resolve(&self, engine: &Engine) -> Result<String, ContainerError> {
        match &self.pod {
            Some(name) => Ok(name.clone()),
            None => Ok(crate::container::pod::pods(engine).latest()?),
        }
    }
}

/// `--latest` of the pod verbs.
#[derive(Debug, Clone, Args)]
pub struct LatestPod {
    /// Act on the pod created last instead of named ones
    #[arg(short, long)]
    pub latest: bool,
}

impl LatestPod {
    /// The pods named, and with `--latest` the one created last.
    pub fn resolve(
        &self,
        engine: &Engine,
        named: &[String],
    ) -> Result<Vec<String>, ContainerError> {
        let mut pods = named.to_vec();
        if self.latest {
            pods.push(crate::container::pod::pods(engine).latest()?);
        }
        Ok(pods)
    }
}
