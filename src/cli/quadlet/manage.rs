//! `rpod quadlet install|list|print|rm`: the user's quadlet files, in the first directory of
//! the user's search path (`$XDG_CONFIG_HOME/containers/systemd`).

use std::path::PathBuf;

use serde_json::{Value, json};

use super::{InstallArgs, ListArgs, PrintArgs, RmArgs};
use crate::cli::out;
use crate::config::{PathOverrides, Paths};
use crate::error::Error;
use crate::format::{self, Column};
use crate::quadlet::installed::{self, Installed};
use crate::quadlet::{QuadletError, search_dirs, systemd};

fn dirs() -> Result<Vec<PathBuf>, Error> {
    let paths = Paths::resolve(&PathOverrides::default())?;
    Ok(search_dirs(
        true,
        &paths.config_home,
        nix::unistd::getuid().as_raw(),
    ))
}

/// Where `install` writes and what `rm` may remove: the user's own directory.
fn install_dir(dirs: &[PathBuf]) -> PathBuf {
    dirs[0].clone()
}

/// A reload the user asked for; without a reachable manager there is nothing to reload, and
/// that is said.
fn reload(wanted: bool) {
    if wanted && let Err(e) = systemd::reload() {
        eprintln!("rpod: systemd not reloaded: {e}");
    }
}

pub fn install(args: InstallArgs) -> Result<u8, Error> {
    let dirs = dirs()?;
    let plan = installed::plan_install(&install_dir(&dirs), &args.paths)?;
    installed::install(&install_dir(&dirs), &plan, args.replace)?;
    reload(args.reload_systemd);
    out(&plan
        .iter()
        .map(|(path, _)| format!("{}\n", path.display()))
        .collect::<String>())?;
    Ok(0)
}

pub fn list(args: ListArgs) -> Result<u8, Error> {
    let all = installed::list(&dirs()?);
    let units: Vec<String> = all.iter().map(|q| q.unit.clone()).collect();
    let states = systemd::states(&units);
    let mut rows = Vec::new();
    for (q, status) in all.iter().zip(states) {
        let row = json!({
            "Name": q.name, "UnitName": q.unit, "Path": q.path.display().to_string(),
            "Status": status, "App": q.app.clone().unwrap_or_default(),
        });
        if keep(&row, &args.filter)? {
            rows.push(row);
        }
    }
    let columns = [
        Column::new("Name", "NAME"),
        Column::new("UnitName", "UNIT NAME"),
        Column::new("Path", "PATH ON DISK"),
        Column::new("Status", "STATUS"),
        Column::new("App", "APPLICATION"),
    ];
    out(&format::render_list(
        args.format.as_deref(),
        &rows,
        &columns,
        args.noheading,
    )?)?;
    Ok(0)
}

fn keep(row: &Value, filters: &[String]) -> Result<bool, Error> {
    for filter in filters {
        let (key, wanted) = filter.split_once('=').ok_or_else(|| {
            Error::Usage(format!("invalid filter {filter:?}: expected KEY=VALUE"))
        })?;
        let field = match key {
            "name" => "Name",
            "status" => "Status",
            "app" => "App",
            _ => {
                return Err(Error::Usage(format!(
                    "invalid filter {key:?}: name, status or app"
                )));
            }
        };
        let value = row[field].as_str().unwrap_or_default();
        let matched = match key {
            "name" => crate::cli::image::images::glob(wanted, value),
            _ => value == wanted,
        };
        if !matched {
            return Ok(false);
        }
    }
    Ok(true)
}

pub fn print(args: PrintArgs) -> Result<u8, Error> {
    let found = installed::list(&dirs()?)
        .into_iter()
        .find(|q| q.name == args.name)
        .ok_or_else(|| QuadletError::NotInstalled(args.name.clone()))?;
    let text = std::fs::read_to_string(&found.path).map_err(|source| QuadletError::Read {
        path: found.path.clone(),
        source,
    })?;
    out(&text)?;
    Ok(0)
}

pub fn rm(args: RmArgs) -> Result<u8, Error> {
    if args.all != args.names.is_empty() {
        return Err(Error::Usage(
            "rpod quadlet rm takes NAMEs or --all, not both".into(),
        ));
    }
    let dirs = dirs()?;
    let dir = install_dir(&dirs);
    let own = installed::list(std::slice::from_ref(&dir));
    // What goes, all checked before anything is removed.
    let mut picked: Vec<&Installed> = Vec::new();
    if args.all {
        picked.extend(own.iter());
    }
    for name in &args.names {
        match own.iter().find(|q| q.name == *name) {
            Some(q) => picked.push(q),
            None if args.ignore => {}
            None => return Err(QuadletError::NotInstalled(name.clone()).into()),
        }
    }
    // A file of an application takes its application's others with it.
    let mut going: Vec<&Installed> = Vec::new();
    for q in picked {
        for member in own
            .iter()
            .filter(|o| o.path == q.path || (q.app.is_some() && o.app == q.app))
        {
            if !going.iter().any(|g| g.path == member.path) {
                going.push(member);
            }
        }
    }
    for q in &going {
        if systemd::is_running(&q.unit) {
            if !args.force {
                return Err(QuadletError::Running {
                    name: q.name.clone(),
                    unit: q.unit.clone(),
                }
                .into());
            }
            systemd::stop(&q.unit)?;
        }
    }
    let mut removed = Vec::new();
    let mut apps_gone = Vec::new();
    for q in &going {
        if q.app.is_some() && apps_gone.contains(&q.app) {
            continue;
        }
        removed.extend(installed::remove(&dir, q)?);
        apps_gone.push(q.app.clone());
    }
    reload(args.reload_systemd);
    out(&removed.iter().map(|n| format!("{n}\n")).collect::<String>())?;
    Ok(0)
}
