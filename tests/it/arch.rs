//! Keeps the layers of ARCHITECTURE.md honest, reading its layer table: no upward (or
//! sideways) imports, each module importing only what its row allows, tokio only in the
//! image module, unsafe only in layer 1 and always with a SAFETY comment, small files.

use std::fs;
use std::path::{Path, PathBuf};

const MAX_LINES: usize = 800;
/// Files written by a generator, exempt from the size limit.
const GENERATED: &[&str] = &["src/runtime/seccomp/syscalls.rs"];

/// What a module may import, from its row's "may import" column.
#[derive(Debug)]
enum Allowed {
    /// `—`: std and crates only.
    Nothing,
    /// `lower`: every module of a lower layer.
    Lower,
    /// Exactly these modules (`image`) and submodules (`storage::union`).
    Only(Vec<String>),
}

#[derive(Debug)]
struct Module {
    name: String,
    layer: u8,
    allowed: Allowed,
}

/// The rows `| layer | module | may import | owns |` of ARCHITECTURE.md's layer table.
fn layer_table(root: &Path) -> Vec<Module> {
    let text = fs::read_to_string(root.join("ARCHITECTURE.md")).expect("ARCHITECTURE.md");
    text.lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            let layer = cells.get(1)?.parse::<u8>().ok()?;
            let name = *cells.get(2)?;
            if name.is_empty() || !name.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
                return None;
            }
            let allowed = match *cells.get(3)? {
                "—" => Allowed::Nothing,
                "lower" => Allowed::Lower,
                list => Allowed::Only(list.split(", ").map(String::from).collect()),
            };
            Some(Module {
                name: name.to_string(),
                layer,
                allowed,
            })
        })
        .collect()
}

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

/// The top-level module a source file belongs to (None for main.rs and lib.rs).
fn module_of<'t>(table: &'t [Module], root: &Path, file: &Path) -> Option<&'t Module> {
    let rel = file.strip_prefix(root.join("src")).ok()?;
    let first = rel.components().next()?.as_os_str().to_str()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    table.iter().find(|m| m.name == name)
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

/// Every `crate::MODULE` or `crate::MODULE::SUB` a line names: (module, submodule).
fn imports(line: &str) -> Vec<(String, Option<String>)> {
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    line.match_indices("crate::")
        .filter_map(|(at, _)| {
            let rest = &line[at + "crate::".len()..];
            let module = ident(rest);
            if module.is_empty() {
                return None;
            }
            let sub = rest[module.len()..]
                .strip_prefix("::")
                .map(ident)
                .filter(|s| !s.is_empty() && s.chars().next().is_some_and(|c| c.is_lowercase()));
            Some((module, sub))
        })
        .collect()
}

fn allows(module: &Module, other: &Module, sub: Option<&str>) -> bool {
    // cli and error are one layer that works together: cli returns error's type.
    if module.layer == 6 && other.layer == 6 {
        return true;
    }
    if other.layer >= module.layer {
        return false;
    }
    match &module.allowed {
        Allowed::Nothing => false,
        Allowed::Lower => true,
        Allowed::Only(list) => list
            .iter()
            .any(|a| a == &other.name || sub.is_some_and(|s| *a == format!("{}::{s}", other.name))),
    }
}

#[test]
fn the_layer_table_names_every_module() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let table = layer_table(root);
    let lib = fs::read_to_string(root.join("src/lib.rs")).unwrap();
    let declared: Vec<&str> = lib
        .lines()
        .filter_map(|l| l.strip_prefix("pub mod ")?.strip_suffix(';'))
        .collect();
    let missing: Vec<&&str> = declared
        .iter()
        .filter(|d| !table.iter().any(|m| m.name == **d))
        .collect();
    assert!(
        missing.is_empty(),
        "ARCHITECTURE.md's layer table lacks {missing:?}"
    );
    assert_eq!(table.len(), declared.len(), "{table:#?}");
}

#[test]
fn modules_import_only_what_their_row_allows() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let table = layer_table(root);
    let mut files = Vec::new();
    sources(&root.join("src"), &mut files);
    let mut problems = Vec::new();
    for file in &files {
        let Some(module) = module_of(&table, root, file) else {
            continue;
        };
        let text = fs::read_to_string(file).unwrap();
        let rel = file.strip_prefix(root).unwrap().display().to_string();
        for (n, line) in code_lines(&text) {
            for (other, sub) in imports(line) {
                let Some(other) = table.iter().find(|m| m.name == other) else {
                    continue;
                };
                if other.name != module.name && !allows(module, other, sub.as_deref()) {
                    let what = match &sub {
                        Some(s) => format!("{}::{s}", other.name),
                        None => other.name.clone(),
                    };
                    problems.push(format!(
                        "{rel}:{n}: layer {} module {} imports {what} (layer {})",
                        module.layer, module.name, other.layer
                    ));
                }
            }
            if line.contains("tokio") && !["image", "api"].contains(&module.name.as_str()) {
                problems.push(format!(
                    "{rel}:{n}: tokio outside the image and api modules"
                ));
            }
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

#[test]
fn unsafe_only_in_layer_one_and_always_explained() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let table = layer_table(root);
    let mut files = Vec::new();
    sources(&root.join("src"), &mut files);
    let mut problems = Vec::new();
    for file in &files {
        let text = fs::read_to_string(file).unwrap();
        let rel = file.strip_prefix(root).unwrap().display().to_string();
        let module = module_of(&table, root, file).map_or("main", |m| m.name.as_str());
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            if !code.contains("unsafe {")
                && !code.contains("unsafe fn")
                && !code.contains("unsafe impl")
            {
                continue;
            }
            if !table.iter().any(|m| m.layer == 1 && m.name == module) {
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
