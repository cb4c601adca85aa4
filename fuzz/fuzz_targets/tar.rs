//! Feeds arbitrary bytes to the layer extractor, as a pull or load would: it extracts or
//! refuses, never panics, and never writes outside the layer directory. The layer sits four
//! directories deep in a tree of sentinels; after each input, every directory on the way up
//! must hold exactly what it held before, and the sentinels their content.
//!
//! Run it as an unprivileged user (contrib/fuzz-smoke does): a regression that escapes must not
//! be able to touch the host as root.
#![no_main]

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use rpod::image::unpack::unpack;
use rpod::state::scratch::remove_any;

const DEPTH: usize = 4;
const SENTINEL: &[u8] = b"untouched";

/// `outer/l1/l2/l3/layer`: each level holds the next one and a file `sentinel`.
fn levels() -> &'static [PathBuf] {
    static LEVELS: OnceLock<Vec<PathBuf>> = OnceLock::new();
    LEVELS.get_or_init(|| {
        let outer = std::env::temp_dir().join(format!("rpod-fuzz-tar-{}", std::process::id()));
        let _ = remove_any(&outer);
        let mut dirs = vec![outer];
        for i in 1..DEPTH {
            let next = dirs[i - 1].join(format!("l{i}"));
            dirs.push(next);
        }
        for dir in &dirs {
            fs::create_dir_all(dir).unwrap();
            fs::write(dir.join("sentinel"), SENTINEL).unwrap();
        }
        dirs
    })
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fuzz_target!(|data: &[u8]| {
    let levels = levels();
    let innermost = levels.last().unwrap();
    let layer = innermost.join("layer");
    let diff = layer.join("diff");
    fs::create_dir_all(&diff).unwrap();
    let _ = unpack(data, &diff, std::io::sink(), Some(&layer.join("shadow")));
    for (i, dir) in levels.iter().enumerate() {
        let expected: Vec<String> = match levels.get(i + 1) {
            Some(next) => vec![
                next.file_name().unwrap().to_string_lossy().into_owned(),
                "sentinel".into(),
            ],
            None => vec!["layer".into(), "sentinel".into()],
        };
        assert_eq!(
            names(dir),
            expected,
            "something was written into {}",
            dir.display()
        );
        assert_eq!(
            fs::read(dir.join("sentinel")).unwrap(),
            SENTINEL,
            "{} changed",
            dir.display()
        );
    }
    let inside = names(&layer);
    assert!(
        inside.iter().all(|n| n == "diff" || n == "shadow"),
        "something was written next to the layer's tree: {inside:?}"
    );
    remove_any(&layer).unwrap();
});
