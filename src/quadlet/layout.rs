//! The shape every generated unit shares: the file's own sections passed on to systemd, its
//! quadlet section kept as `X-…` (systemd ignores it, readers see the source), where it came
//! from, and the service keys rpod sets before the file's own `[Service]` keys.

use std::path::Path;

use super::unit_file::{Section, UnitFile};

pub fn unit(file: &UnitFile, group: &str, path: &Path, service: Vec<(&str, String)>) -> UnitFile {
    let mut out = UnitFile::default();
    out.sections.push(Section {
        name: "Unit".into(),
        entries: vec![("SourcePath".into(), path.display().to_string())],
    });
    let mut own_service = Vec::new();
    for section in &file.sections {
        match section.name.as_str() {
            "Unit" => out.sections[0].entries.extend(section.entries.clone()),
            "Service" => own_service.extend(section.entries.clone()),
            name if name == group => out.sections.push(Section {
                name: format!("X-{group}"),
                entries: section.entries.clone(),
            }),
            _ => out.sections.push(section.clone()),
        }
    }
    let mut entries: Vec<(String, String)> = service
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
    entries.extend(own_service);
    // [Service] before [Install], as systemd's own units read.
    let at = out
        .sections
        .iter()
        .position(|s| s.name == "Install")
        .unwrap_or(out.sections.len());
    out.sections.insert(
        at,
        Section {
            name: "Service".into(),
            entries,
        },
    );
    out
}

/// Adds `Requires=` and `After=` on the units of the resources a container uses.
pub fn depend(unit: &mut UnitFile, services: &[String]) {
    let section = unit.section_mut("Unit");
    for service in services {
        section.push("Requires", service.clone());
        section.push("After", service.clone());
    }
}
