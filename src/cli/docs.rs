//! Shell completions (bash, zsh, fish) and man pages, generated from the clap definitions so
//! that they cannot drift: a test fails when the committed copies are stale.

use std::fs;
use std::io;
use std::path::Path;

use clap::CommandFactory;
use clap_complete::Shell;

use super::Cli;

/// Every generated file as (path relative to the repository, content).
pub fn generate() -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    for (shell, name) in [
        (Shell::Bash, "rpod.bash"),
        (Shell::Zsh, "_rpod"),
        (Shell::Fish, "rpod.fish"),
    ] {
        let mut buf = Vec::new();
        clap_complete::generate(shell, &mut Cli::command(), "rpod", &mut buf);
        files.push((format!("completions/{name}"), buf));
    }
    let root = Cli::command();
    man_pages(&root, "rpod", &mut files);
    files
}

fn man_pages(cmd: &clap::Command, name: &str, files: &mut Vec<(String, Vec<u8>)>) {
    let page = cmd
        .clone()
        .name(name.to_string())
        .bin_name(name.replace('-', " "));
    let mut buf = Vec::new();
    clap_mangen::Man::new(page)
        .render(&mut buf)
        .expect("rendering to memory cannot fail");
    files.push((format!("man/{name}.1"), buf));
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        man_pages(sub, &format!("{name}-{}", sub.get_name()), files);
    }
}

/// Writes every generated file under `repo`, removing stale pages of commands that went away.
pub fn write(repo: &Path) -> io::Result<()> {
    let files = generate();
    for dir in ["completions", "man"] {
        let dir = repo.join(dir);
        if dir.exists() {
            for entry in fs::read_dir(&dir)? {
                let entry = entry?;
                let rel = format!(
                    "{}/{}",
                    dir.file_name().unwrap_or_default().to_string_lossy(),
                    entry.file_name().to_string_lossy()
                );
                if !files.iter().any(|(p, _)| *p == rel) {
                    fs::remove_file(entry.path())?;
                }
            }
        }
    }
    for (rel, content) in files {
        let path = repo.join(&rel);
        fs::create_dir_all(path.parent().expect("generated files live in a directory"))?;
        fs::write(path, content)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regenerate with: RPOD_UPDATE_DOCS=1 cargo test --lib docs
    #[test]
    fn committed_completions_and_man_pages_are_fresh() {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        if std::env::var_os("RPOD_UPDATE_DOCS").is_some() {
            write(repo).unwrap();
        }
        let mut stale = Vec::new();
        for (rel, content) in generate() {
            if fs::read(repo.join(&rel)).ok().as_deref() != Some(content.as_slice()) {
                stale.push(rel);
            }
        }
        for dir in ["completions", "man"] {
            for entry in fs::read_dir(repo.join(dir)).unwrap() {
                let rel = format!("{dir}/{}", entry.unwrap().file_name().to_string_lossy());
                if !generate().iter().any(|(p, _)| *p == rel) {
                    stale.push(rel);
                }
            }
        }
        assert!(
            stale.is_empty(),
            "stale generated files (run RPOD_UPDATE_DOCS=1 cargo test --lib docs): {stale:?}"
        );
    }
}
