//! What an image's layers record, read from `rpod save`: what another engine sees after a
//! push, whatever a container shows inside.

use super::Env;

/// Mode, uid and gid that the saved image's layers record for `path` (the topmost layer that
/// has it).
pub fn recorded_in_layers(env: &Env, image: &str, path: &str) -> (u32, u64, u64) {
    let archive = env.path("work/saved.tar").display().to_string();
    env.rpod(&["save", "-o", &archive, image]).success();
    let bytes = std::fs::read(&archive).unwrap();
    let mut found = None;
    for entry in tar::Archive::new(bytes.as_slice()).entries().unwrap() {
        let mut entry = entry.unwrap();
        let mut layer = Vec::new();
        std::io::Read::read_to_end(&mut entry, &mut layer).unwrap();
        let mut inner_archive = tar::Archive::new(layer.as_slice());
        let Ok(entries) = inner_archive.entries() else {
            continue;
        };
        for inner in entries.flatten() {
            if inner.path().is_ok_and(|p| p.to_string_lossy() == path) {
                let h = inner.header();
                found = Some((h.mode().unwrap(), h.uid().unwrap(), h.gid().unwrap()));
            }
        }
    }
    found.unwrap_or_else(|| panic!("{path} is in no layer of {image}"))
}
