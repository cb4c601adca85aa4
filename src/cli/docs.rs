//! Shell completions (bash, zsh, fish) and man pages, generated from the clap definitions so
//! that they cannot drift: a test fails when the committed copies are stale.

use std::fs;
use std::io;
use std::path::Path;

use clap_complete::Shell;

use super::command;

/// Every generated file as (path relative to the repository, content).
pub fn generate() -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    for (shell, name) in [
        (Shell::Bash, "rpod.bash"),
        (Shell::Zsh, "_rpod"),
        (Shell::Fish, "rpod.fish"),
    ] {
        let mut buf = Vec::new();
        clap_complete::generate(shell, &mut command(), "rpod", &mut buf);
        files.push((format!("completions/{name}"), buf));
    }
    let root = command();
    man_pages(&root, "rpod", "", &mut files);
    files
}

/// `name` is the page's (`rpod-network-create`), `path` the command's words after rpod
/// (`network create`): a verb may hold a dash itself (`auto-update`).
fn man_pages(cmd: &clap::Command, name: &str, path: &str, files: &mut Vec<(String, Vec<u8>)>) {
    // The examples get a section of their own below, not clap_mangen's EXTRA.
    let page = cmd
        .clone()
        .name(name.to_string())
        .bin_name(format!("rpod {path}").trim_end().to_string())
        .after_help(None::<&str>);
    let mut buf = Vec::new();
    clap_mangen::Man::new(page)
        .render(&mut buf)
        .expect("rendering to memory cannot fail");
    if let Some(examples) = super::examples::for_path(path) {
        buf.extend_from_slice(examples_section(examples).as_bytes());
    }
    files.push((format!("man/{name}.1"), buf));
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let sub_path = format!("{path} {}", sub.get_name());
        man_pages(
            sub,
            &format!("{name}-{}", sub.get_name()),
            sub_path.trim_start(),
            files,
        );
    }
}

/// The EXAMPLES section of a man page, in roff.
fn examples_section(examples: &[super::examples::Example]) -> String {
    let escape = |text: &str| {
        let text = text.replace('\\', "\\e").replace('-', "\\-");
        match text.starts_with(['.', '\'']) {
            true => format!("\\&{text}"),
            false => text,
        }
    };
    let mut roff = String::from(".SH EXAMPLES\n");
    for (what, line) in examples {
        roff.push_str(&format!(
            ".PP\n{}:\n.PP\n.RS 4\n.nf\n{}\n.fi\n.RE\n",
            escape(what),
            escape(line)
        ));
    }
    roff
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

    /// Every command a user can run, with its path below rpod.
    fn commands(cmd: &clap::Command, path: &str, out: &mut Vec<String>) {
        out.push(path.to_string());
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
            let sub_path = format!("{path} {}", sub.get_name());
            commands(sub, sub_path.trim(), out);
        }
    }

    #[test]
    fn every_command_has_examples_in_its_help_and_man_page() {
        let mut all = Vec::new();
        commands(&command(), "", &mut all);
        let missing: Vec<&String> = all
            .iter()
            .filter(|p| super::super::examples::for_path(p).is_none())
            .collect();
        assert!(missing.is_empty(), "commands without examples: {missing:?}");
        for (rel, content) in generate() {
            if rel.starts_with("man/") {
                let text = String::from_utf8(content).unwrap();
                assert!(text.contains(".SH EXAMPLES"), "{rel} has no EXAMPLES");
            }
        }
    }

    #[test]
    fn completions_and_help_list_no_internal_command() {
        for (rel, content) in generate() {
            let text = String::from_utf8_lossy(&content);
            assert!(!text.contains("__probe"), "{rel} lists an internal command");
        }
        assert!(
            command()
                .get_subcommands()
                .all(|s| !s.get_name().starts_with("__"))
        );
    }

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
