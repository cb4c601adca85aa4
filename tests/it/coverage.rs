//! How much of podman's command line rpod has: every command and long option of podman 5
//! (contrib/podman-reference, made from podman's documentation) looked up in `rpod … --help`.
//! What rpod leaves out on purpose is listed, with the reason, in the README's table "podman
//! commands and options rpod leaves out"; the rest is what is still to do. The figures go to
//! stdout and to target/podman-coverage.txt, which CI prints.

use std::collections::{BTreeMap, BTreeSet};

use crate::common::Env;
use crate::run_flags::long_options_of;

const REFERENCE: &str = include_str!("../../contrib/podman-reference/podman-5.8.2.txt");
const README: &str = include_str!("../../README.md");
const LEFT_OUT: &str = "### podman commands and options rpod leaves out";

/// podman's commands (by path; "" holds the global options) and their long options.
fn reference() -> BTreeMap<String, BTreeSet<String>> {
    REFERENCE
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| {
            let (path, options) = l.split_once('\t').unwrap();
            let options = options.split_whitespace().map(str::to_string).collect();
            (path.to_string(), options)
        })
        .collect()
}

/// The README's left-out items: `path` (a command and all below it) or `path --option`.
fn left_out() -> Vec<(String, Option<String>)> {
    let section = README
        .split_once(LEFT_OUT)
        .map(|(_, rest)| rest.split("\n#").next().unwrap())
        .unwrap_or_else(|| panic!("README.md has no section {LEFT_OUT:?}"));
    let mut items = Vec::new();
    for row in section.lines().filter(|l| l.starts_with("| `")) {
        let first = row.split(" | ").next().unwrap();
        for item in first.split('`').skip(1).step_by(2) {
            let item = item.trim_start_matches("podman ");
            if let Some(global) = item.strip_prefix("--") {
                items.push((String::new(), Some(global.to_string())));
                continue;
            }
            items.push(match item.split_once(" --") {
                Some((path, option)) => (path.to_string(), Some(option.to_string())),
                None => (item.to_string(), None),
            });
        }
    }
    items
}

fn is_left_out(items: &[(String, Option<String>)], path: &str, option: Option<&str>) -> bool {
    items.iter().any(|(p, o)| match (o, option) {
        (None, _) => path == p || path.starts_with(&format!("{p} ")),
        (Some(o), Some(option)) => (p == path || p == "*") && o == option,
        (Some(_), None) => false,
    })
}

struct Tally {
    have: usize,
    left_out: usize,
    total: usize,
    missing: Vec<String>,
}

impl Tally {
    fn new() -> Tally {
        Tally {
            have: 0,
            left_out: 0,
            total: 0,
            missing: Vec::new(),
        }
    }

    fn count(&mut self, have: bool, left_out: bool, name: String) {
        self.total += 1;
        if have {
            self.have += 1;
        } else if left_out {
            self.left_out += 1;
        } else {
            self.missing.push(name);
        }
    }

    fn line(&self, what: &str) -> String {
        let fits = self.total - self.left_out;
        format!(
            "{what}: {}/{} of what fits rootless ({:.0} %), {} left out on purpose, {} in podman",
            self.have,
            fits,
            100.0 * self.have as f64 / fits.max(1) as f64,
            self.left_out,
            self.total
        )
    }
}

/// Whether the command's help says rpod refuses it (its one line begins "… (refused").
fn refuses(env: &Env, words: &[&str]) -> bool {
    let mut args = words.to_vec();
    args.push("--help");
    env.rpod(&args)
        .stdout
        .lines()
        .next()
        .is_some_and(|about| about.contains("(refused"))
}

#[test]
fn coverage_of_podmans_commands_and_options() {
    let env = Env::bare();
    let reference = reference();
    let items = left_out();
    let mut commands = Tally::new();
    let mut options = Tally::new();
    for (path, podman_options) in &reference {
        let words: Vec<&str> = path.split_whitespace().collect();
        let ours = long_options_of(&env, &words);
        let left = is_left_out(&items, path, None);
        // A command rpod has only to refuse with the reason (checkpoint, restore) is left out
        // all the same; its help says so.
        let refused = ours.is_some() && left && refuses(&env, &words);
        let present = ours.is_some() && !refused;
        if !path.is_empty() {
            commands.count(present, left, path.clone());
            assert!(
                !(present && left),
                "README says rpod leaves out `{path}`, which it has"
            );
        }
        let ours = ours.filter(|_| !refused).unwrap_or_default();
        for option in podman_options {
            let have = ours.contains(option);
            let left = left || is_left_out(&items, path, Some(option));
            options.count(have, left, format!("{path} --{option}"));
            assert!(
                !(have && is_left_out(&items, path, Some(option))),
                "README says rpod leaves out `{path} --{option}`, which it has"
            );
        }
    }
    for (path, option) in &items {
        let known = match option {
            None => reference.contains_key(path),
            Some(o) if path == "*" => reference.values().any(|opts| opts.contains(o)),
            Some(o) => reference.get(path).is_some_and(|opts| opts.contains(o)),
        };
        assert!(
            known,
            "README leaves out `{path} {option:?}`, which podman does not have"
        );
    }
    let report = format!(
        "coverage against podman 5.8.2\n{}\n{}\nmissing commands: {}\nmissing options: {}\n",
        commands.line("commands"),
        options.line("options"),
        commands.missing.join(", "),
        options.missing.join(", ")
    );
    println!("{report}");
    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/podman-coverage.txt");
    std::fs::write(out, &report).unwrap();
}
