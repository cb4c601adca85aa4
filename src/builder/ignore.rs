//! `.dockerignore` / `.containerignore`: which paths of the build context COPY and ADD do not
//! see. Docker's rules (moby's patternmatcher): one pattern a line, `#` starts a comment line,
//! surrounding whitespace is trimmed, `!` makes an exception, patterns are cleaned like paths
//! and a leading `/` is dropped. `*`, `?` and `[...]` match within one path component, `**`
//! any number of components. A pattern that matches a directory excludes what is under it;
//! the last pattern that matches a path decides.

use std::path::{Component, Path};

use super::dockerfile::Pattern;

enum Part {
    /// `**`: any number of components, none included.
    AnyDepth,
    Glob(Pattern),
}

struct Rule {
    parts: Vec<Part>,
    exception: bool,
}

/// The parsed ignore file; empty when the context has none.
#[derive(Default)]
pub struct Ignore {
    rules: Vec<Rule>,
}

/// Cleans a pattern as Go's `filepath.Clean` would: no empty, `.` or trailing components,
/// `..` folded where it can be.
fn clean(pattern: &str) -> Vec<&str> {
    let mut parts: Vec<&str> = Vec::new();
    for part in pattern.split('/') {
        match part {
            "" | "." => {}
            ".." if parts.last().is_some_and(|p| *p != "..") => {
                parts.pop();
            }
            _ => parts.push(part),
        }
    }
    parts
}

fn matches(parts: &[Part], path: &[String]) -> bool {
    match parts.split_first() {
        None => path.is_empty(),
        Some((Part::AnyDepth, rest)) => (0..=path.len()).any(|skip| matches(rest, &path[skip..])),
        Some((Part::Glob(glob), rest)) => path.split_first().is_some_and(|(first, tail)| {
            glob.matches(&first.chars().collect::<Vec<_>>()) && matches(rest, tail)
        }),
    }
}

impl Ignore {
    pub fn parse(text: &str) -> Ignore {
        let rules = text
            .lines()
            .filter(|line| !line.starts_with('#'))
            .filter_map(|line| {
                let line = line.trim();
                let (exception, pattern) = match line.strip_prefix('!') {
                    Some(rest) => (true, rest.trim()),
                    None => (false, line),
                };
                let parts: Vec<Part> = clean(pattern)
                    .into_iter()
                    .map(|part| match part {
                        "**" => Part::AnyDepth,
                        glob => Part::Glob(Pattern::new(glob, '\\')),
                    })
                    .collect();
                (!parts.is_empty()).then_some(Rule { parts, exception })
            })
            .collect();
        Ignore { rules }
    }

    /// Whether `rel` (relative to the context root) is left out of the context.
    pub fn excludes(&self, rel: &Path) -> bool {
        if self.rules.is_empty() {
            return false;
        }
        let path: Vec<String> = rel
            .components()
            .filter_map(|c| match c {
                Component::Normal(name) => Some(name.to_string_lossy().into_owned()),
                _ => None,
            })
            .collect();
        if path.is_empty() {
            return false;
        }
        let mut excluded = false;
        for rule in &self.rules {
            // The path itself, or one of the directories it is in.
            let hit = (1..=path.len()).any(|depth| matches(&rule.parts, &path[..depth]));
            if hit {
                excluded = !rule.exception;
            }
        }
        excluded
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ignore(text: &str) -> Ignore {
        Ignore::parse(text)
    }

    fn out(i: &Ignore, path: &str) -> bool {
        i.excludes(Path::new(path))
    }

    #[test]
    fn plain_names_globs_and_directories() {
        let i = ignore("# comment\n  *.log  \nbuild/\n/secret\n\n");
        assert!(out(&i, "a.log"));
        assert!(!out(&i, "sub/a.log"), "* stays within one component");
        assert!(out(&i, "build"));
        assert!(
            out(&i, "build/deep/x.o"),
            "a directory excludes what is under it"
        );
        assert!(out(&i, "secret"));
        assert!(!out(&i, "src/secret"));
        assert!(!out(&i, "main.c"));
        assert!(!out(&i, "# comment"));
    }

    #[test]
    fn double_star_spans_any_depth() {
        let i = ignore("**/*.tmp\ndocs/**/draft*");
        assert!(out(&i, "x.tmp"));
        assert!(out(&i, "a/b/c/x.tmp"));
        assert!(out(&i, "docs/draft1"));
        assert!(out(&i, "docs/a/b/draft.md"));
        assert!(!out(&i, "docs/a/final.md"));
    }

    #[test]
    fn the_last_matching_rule_wins() {
        let i = ignore("*.md\n!README.md\nREADME*.md");
        assert!(out(&i, "CHANGES.md"));
        assert!(out(&i, "README.md"), "README*.md comes after the exception");
        let i = ignore("data\n!data/keep.txt");
        assert!(out(&i, "data/other"));
        assert!(!out(&i, "data/keep.txt"));
        let i = ignore("*\n!src\n");
        assert!(!out(&i, "src/main.rs"));
        assert!(out(&i, "target"));
    }

    #[test]
    fn patterns_are_cleaned_like_paths() {
        let i = ignore("./a/../b//c/\n[ab]?.txt\nesc\\*");
        assert!(out(&i, "b/c"));
        assert!(out(&i, "a1.txt"));
        assert!(!out(&i, "c1.txt"));
        assert!(out(&i, "esc*"));
        assert!(!out(&i, "escx"));
        assert!(!ignore("").excludes(Path::new("anything")));
    }
}
