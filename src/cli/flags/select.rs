//! The flags that pick containers besides their names: `--latest`, `--cidfile`, `--filter`.

use std::path::PathBuf;

use clap::Args;

use crate::container::select::Selection;

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
