//! The rpod command line a unit runs, built from a quadlet file's keys: every flag is checked
//! against rpod's own command line, so a key rpod cannot honour fails its file when the units
//! are generated, not when systemd starts them.

use std::path::Path;

use super::KnowsFlag;
use super::error::QuadletError;
use super::unit_file::Section;
use super::words;
use crate::container::systemd_unit::quote_word;

/// How a key of a quadlet section becomes words of the command.
pub enum Map {
    /// The last value, as the flag's value.
    One(&'static str),
    /// Every value, each as the flag's value.
    Each(&'static str),
    /// Every word of every value, each as the flag's value (`Label=a=1 b=2`).
    Words(&'static str),
    /// A boolean: the flag when true.
    Switch(&'static str),
    /// A boolean, given to the flag as `--flag=true|false`.
    Bool(&'static str),
    /// The last value, given to the flag as `PREFIX` + value (`--security-opt seccomp=…`).
    Prefixed(&'static str, &'static str),
    /// The last value in the flag's own word (`--pull=never`), for flags whose value is
    /// optional.
    Joined(&'static str),
}

/// Refuses the first key of `section` that `table` maps to no flag and `own` (the keys the
/// generator reads itself) does not name: podman's quadlet fails such a file too.
pub fn check_keys(
    path: &Path,
    section: &Section,
    table: &[(&str, Map)],
    own: &[&str],
) -> Result<(), QuadletError> {
    let unknown = section
        .entries
        .iter()
        .find(|(key, _)| !table.iter().any(|(k, _)| k == key) && !own.contains(&key.as_str()));
    match unknown {
        Some((key, _)) => Err(QuadletError::UnsupportedKey {
            path: path.to_path_buf(),
            group: section.name.clone(),
            key: key.clone(),
        }),
        None => Ok(()),
    }
}

pub struct Command<'a> {
    path: &'a Path,
    knows: KnowsFlag<'a>,
    verb: &'static [&'static str],
    words: Vec<String>,
}

impl<'a> Command<'a> {
    /// `rpod [GlobalArgs] VERB…`.
    pub fn new(
        path: &'a Path,
        knows: KnowsFlag<'a>,
        global: Option<&str>,
        verb: &'static [&'static str],
    ) -> Result<Command<'a>, QuadletError> {
        let mut words = match global {
            Some(value) => words::split(value)
                .map_err(|why| QuadletError::invalid(path, "GlobalArgs", value, why))?,
            None => Vec::new(),
        };
        words.extend(verb.iter().map(|w| w.to_string()));
        Ok(Command {
            path,
            knows,
            verb,
            words,
        })
    }

    /// `flag value`, when rpod has the flag.
    pub fn flag(&mut self, key: &str, flag: &str, value: &str) -> Result<(), QuadletError> {
        self.check(key, flag)?;
        self.words.push(flag.to_string());
        self.words.push(value.to_string());
        Ok(())
    }

    pub fn switch(&mut self, key: &str, flag: &str) -> Result<(), QuadletError> {
        self.check(key, flag)?;
        self.words.push(flag.to_string());
        Ok(())
    }

    /// A word the unit decides (an image, a name, the container's command).
    pub fn word(&mut self, word: impl Into<String>) {
        self.words.push(word.into());
    }

    /// The words of `PodmanArgs=` values, passed as they are.
    pub fn extra(&mut self, values: &[&str]) -> Result<(), QuadletError> {
        for value in values {
            let words = words::split(value)
                .map_err(|why| QuadletError::invalid(self.path, "PodmanArgs", value, why))?;
            self.words.extend(words);
        }
        Ok(())
    }

    /// Applies `map` to the values of `key`.
    pub fn apply(&mut self, key: &str, map: &Map, values: &[&str]) -> Result<(), QuadletError> {
        let Some(last) = values.last().copied() else {
            return Ok(());
        };
        let boolean = |value: &str| {
            words::boolean(value).map_err(|why| QuadletError::invalid(self.path, key, value, why))
        };
        match *map {
            Map::One(flag) => self.flag(key, flag, last),
            Map::Each(flag) => values.iter().try_for_each(|v| self.flag(key, flag, v)),
            Map::Words(flag) => {
                for value in values {
                    let words = words::split(value)
                        .map_err(|why| QuadletError::invalid(self.path, key, value, why))?;
                    for word in words {
                        self.flag(key, flag, &word)?;
                    }
                }
                Ok(())
            }
            Map::Switch(flag) => match boolean(last)? {
                true => self.switch(key, flag),
                false => Ok(()),
            },
            Map::Bool(flag) => {
                let on = boolean(last)?;
                self.check(key, flag)?;
                self.words.push(format!("{flag}={on}"));
                Ok(())
            }
            Map::Prefixed(flag, prefix) => self.flag(key, flag, &format!("{prefix}{last}")),
            Map::Joined(flag) => {
                self.check(key, flag)?;
                self.words.push(format!("{flag}={last}"));
                Ok(())
            }
        }
    }

    fn check(&self, key: &str, flag: &str) -> Result<(), QuadletError> {
        if (self.knows)(self.verb, flag) {
            return Ok(());
        }
        Err(QuadletError::NoFlag {
            path: self.path.to_path_buf(),
            key: key.to_string(),
            verb: self.verb.join(" "),
            flag: flag.to_string(),
        })
    }

    /// The command line for `ExecStart=`: systemd's specifiers (`%h`, `%N`) in the file's
    /// values stay specifiers, as they do with podman's quadlet.
    pub fn render(&self, rpod: &str) -> String {
        let mut line = quote_word(rpod, false);
        for word in &self.words {
            line.push(' ');
            line.push_str(&quote_word(word, true));
        }
        line
    }
}
