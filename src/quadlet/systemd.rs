//! What the user's systemd manager says and does for installed quadlets, through `systemctl
//! --user`. Without a reachable manager no unit is loaded or running, and that is the answer.

use std::process::Command;

use super::error::QuadletError;

fn systemctl(args: &[&str]) -> Result<String, QuadletError> {
    let failed = |why: String| QuadletError::Systemd {
        action: args.first().copied().unwrap_or_default().to_string(),
        why,
    };
    let out = Command::new("systemctl")
        .arg("--user")
        .args(args)
        .output()
        .map_err(|e| failed(format!("cannot run systemctl: {e}")))?;
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        return Err(failed(
            stderr.lines().next().unwrap_or("").trim().to_string(),
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

pub fn reload() -> Result<(), QuadletError> {
    systemctl(&["daemon-reload"]).map(drop)
}

pub fn stop(unit: &str) -> Result<(), QuadletError> {
    systemctl(&["stop", unit]).map(drop)
}

/// podman's status column for each unit: `Not loaded`, or `ACTIVE/SUB` (`active/running`).
pub fn states(units: &[String]) -> Vec<String> {
    let not_loaded = || vec!["Not loaded".to_string(); units.len()];
    if units.is_empty() {
        return Vec::new();
    }
    let mut args = vec!["show", "-p", "LoadState,ActiveState,SubState", "--"];
    args.extend(units.iter().map(String::as_str));
    let Ok(text) = systemctl(&args) else {
        return not_loaded();
    };
    // One block of properties per unit, in the order asked, blank lines between.
    let blocks: Vec<&str> = text.trim_end().split("\n\n").collect();
    if blocks.len() != units.len() {
        return not_loaded();
    }
    blocks
        .iter()
        .map(|block| {
            let value = |key: &str| {
                block
                    .lines()
                    .find_map(|l| l.strip_prefix(key)?.strip_prefix('='))
                    .unwrap_or("")
            };
            match value("LoadState") {
                "loaded" => format!("{}/{}", value("ActiveState"), value("SubState")),
                _ => "Not loaded".to_string(),
            }
        })
        .collect()
}

/// Whether the unit runs (or is starting or stopping): what `rm` without `--force` refuses.
pub fn is_running(unit: &str) -> bool {
    states(&[unit.to_string()]).first().is_some_and(|s| {
        ["active", "activating", "deactivating", "reloading"]
            .contains(&s.split('/').next().unwrap_or(""))
    })
}
