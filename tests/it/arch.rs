//! Keeps the layers of DESIGN.md honest: no upward (or sideways) imports, tokio only in the
//! image module, unsafe only in layer 1 and always with a SAFETY comment, small files.

use std::fs;
use std::path::{Path, PathBuf};

const LAYERS: &[(&str, u8)] = &[
    ("ids", 0),
    ("config", 0),
    ("state", 0),
    ("format", 0),
    ("runtime", 1),
    ("storage", 1),
    ("cgroup", 1),
    ("network", 1),
    ("image", 2),
    ("volume", 2),
    ("monitor", 2),
    ("container", 3),
    ("builder", 4),
    ("cli", 5),
    ("error", 5),
];
const MAX_LINES: usize = 800;
/// Files written by a generator, exempt from the size limit.
const GENERATED: &[&str] = &["src/runtime/seccomp/syscalls.rs"];

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn module_of(root: &Path, file: &Path) -> Option<&'static str> {
    let rel = file.strip_prefix(root.join("src")).ok()?;
    let first = rel.components().next()?.as_os_str().to_str()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    LAYERS.iter().find(|(m, _)| *m == name).map(|(m, _)| *m)
}

fn layer(module: &str) -> u8 {
    LAYERS
        .iter()
        .find(|(m, _)| *m == module)
        .map(|(_, l)| *l)
        .unwrap()
}

/// The code of a file without its `#[cfg(test)]` module and comments.
fn code_lines(text: &str) -> Vec<(usize, &str)> {
    let end = text.find("#[cfg(test)]\nmod tests").unwrap_or(text.len());
    text[..end]
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim_start().starts_with("//"))
        .map(|(i, l)| (i + 1, l))
        .collect()
}

#[test]
fn modules_respect_their_layers() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    sources(&root.join("src"), &mut files);
    let mut problems = Vec::new();
    for file in &files {
        let Some(module) = module_of(root, file) else {
            continue;
        };
        let text = fs::read_to_string(file).unwrap();
        let rel = file.strip_prefix(root).unwrap().display().to_string();
        for (n, line) in code_lines(&text) {
            for (other, other_layer) in LAYERS {
                if *other == module {
                    continue;
                }
                let uses = line.contains(&format!("crate::{other}::"))
                    || line.contains(&format!("crate::{other};"))
                    || line.contains(&format!("crate::{other}}}"))
                    || line.contains(&format!("crate::{other},"));
                // cli and error are one layer that works together: cli returns error's type.
                let partners = layer(module) == 5 && *other_layer == 5;
                if uses && *other_layer >= layer(module) && !partners {
                    problems.push(format!("{rel}:{n}: layer {} module {module} imports layer {other_layer} module {other}", layer(module)));
                }
            }
            if line.contains("tokio") && module != "image" {
                problems.push(format!("{rel}:{n}: tokio outside the image module"));
            }
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

#[test]
fn unsafe_only_in_layer_one_and_always_explained() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    sources(&root.join("src"), &mut files);
    let mut problems = Vec::new();
    for file in &files {
        let text = fs::read_to_string(file).unwrap();
        let rel = file.strip_prefix(root).unwrap().display().to_string();
        let module = module_of(root, file).unwrap_or("main");
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            if !code.contains("unsafe {")
                && !code.contains("unsafe fn")
                && !code.contains("unsafe impl")
            {
                continue;
            }
            if !matches!(module, "runtime" | "storage" | "cgroup" | "network") {
                problems.push(format!("{rel}:{}: unsafe outside layer 1", i + 1));
            }
            let explained = lines[i.saturating_sub(4)..=i]
                .iter()
                .any(|l| l.contains("SAFETY:"));
            if !explained {
                problems.push(format!(
                    "{rel}:{}: unsafe without a // SAFETY: comment",
                    i + 1
                ));
            }
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

#[test]
fn no_file_grows_past_the_limit() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    sources(&root.join("src"), &mut files);
    sources(&root.join("tests"), &mut files);
    let too_long: Vec<String> = files
        .iter()
        .filter(|f| !GENERATED.iter().any(|g| f.ends_with(g)))
        .filter_map(|f| {
            let n = fs::read_to_string(f).unwrap().lines().count();
            (n > MAX_LINES)
                .then(|| format!("{}: {n} lines", f.strip_prefix(root).unwrap().display()))
        })
        .collect();
    assert!(too_long.is_empty(), "split these files: {too_long:?}");
}
