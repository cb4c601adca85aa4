//! systemd's unit file syntax, as quadlet files use it: sections of `Key=Value` lines, kept in
//! order (a key may repeat), `#`/`;` comments, a trailing backslash continuing a line.

use std::fmt::Write as _;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub name: String,
    pub entries: Vec<(String, String)>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UnitFile {
    pub sections: Vec<Section>,
}

/// A line that is neither a section, a comment nor an assignment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub line: usize,
    pub text: String,
}

impl UnitFile {
    pub fn parse(text: &str) -> Result<UnitFile, SyntaxError> {
        let mut file = UnitFile::default();
        let mut lines = text.lines().enumerate();
        while let Some((index, first)) = lines.next() {
            let mut line = first.trim().to_string();
            // systemd joins a continued line with a space, skipping comments in between.
            while line.ends_with('\\') {
                line.pop();
                match lines.next() {
                    Some((_, next)) if is_comment(next.trim()) => {}
                    Some((_, next)) => {
                        line.push(' ');
                        line.push_str(next.trim());
                    }
                    None => break,
                }
            }
            let line = line.trim();
            if line.is_empty() || is_comment(line) {
                continue;
            }
            let error = || SyntaxError {
                line: index + 1,
                text: line.to_string(),
            };
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                file.sections.push(Section {
                    name: name.to_string(),
                    entries: Vec::new(),
                });
                continue;
            }
            let (key, value) = line.split_once('=').ok_or_else(error)?;
            let section = file.sections.last_mut().ok_or_else(error)?;
            section
                .entries
                .push((key.trim().to_string(), value.trim().to_string()));
        }
        Ok(file)
    }

    pub fn section(&self, name: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.name == name)
    }

    /// The section, made (at the end) if absent.
    pub fn section_mut(&mut self, name: &str) -> &mut Section {
        if let Some(i) = self.sections.iter().position(|s| s.name == name) {
            return &mut self.sections[i];
        }
        self.sections.push(Section {
            name: name.to_string(),
            entries: Vec::new(),
        });
        self.sections.last_mut().expect("just pushed")
    }

    /// A drop-in's settings added after the file's own, section by section: a later value
    /// overrides a single key, adds to a list, and an empty one resets the list (systemd's
    /// rules, which `Section::last` and `Section::all` read).
    pub fn merge(&mut self, drop_in: UnitFile) {
        for section in drop_in.sections {
            self.section_mut(&section.name)
                .entries
                .extend(section.entries);
        }
    }

    pub fn render(&self) -> String {
        let mut out = String::new();
        for (i, section) in self.sections.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            let _ = writeln!(out, "[{}]", section.name);
            for (key, value) in &section.entries {
                let _ = writeln!(out, "{key}={value}");
            }
        }
        out
    }
}

impl Section {
    /// Every value of `key`, in order; an empty assignment drops the ones before it, as it
    /// resets a list in systemd.
    pub fn all(&self, key: &str) -> Vec<&str> {
        let mut values = Vec::new();
        for (k, v) in &self.entries {
            if k == key {
                if v.is_empty() {
                    values.clear();
                } else {
                    values.push(v.as_str());
                }
            }
        }
        values
    }

    /// The last value of `key`: a later assignment overrides an earlier one.
    pub fn last(&self, key: &str) -> Option<&str> {
        self.entries
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.is_empty())
    }

    pub fn push(&mut self, key: &str, value: impl Into<String>) {
        self.entries.push((key.to_string(), value.into()));
    }
}

fn is_comment(line: &str) -> bool {
    line.starts_with('#') || line.starts_with(';')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_keys_continuations_and_comments() {
        let file = UnitFile::parse(
            "# a comment\n[Unit]\nDescription = web\n\n[Container]\nImage=busybox\n\
             Exec=httpd -f \\\n  -p 8080\n; another\nPublishPort=1\nPublishPort=\nPublishPort=2\n\
             PublishPort=3\n",
        )
        .unwrap();
        assert_eq!(
            file.section("Unit").unwrap().last("Description"),
            Some("web")
        );
        let container = file.section("Container").unwrap();
        assert_eq!(container.last("Exec"), Some("httpd -f  -p 8080"));
        assert_eq!(container.all("PublishPort"), ["2", "3"]);
        assert_eq!(container.last("Missing"), None);
    }

    #[test]
    fn a_line_outside_any_section_or_without_equals_is_an_error() {
        assert_eq!(
            UnitFile::parse("Image=x\n").unwrap_err(),
            SyntaxError {
                line: 1,
                text: "Image=x".into()
            }
        );
        assert_eq!(
            UnitFile::parse("[Container]\n\nbogus\n").unwrap_err().line,
            3
        );
    }

    #[test]
    fn a_drop_in_overrides_keys_extends_lists_and_adds_sections() {
        let mut file =
            UnitFile::parse("[Container]\nImage=a\nPublishPort=1\nPublishPort=2\n").unwrap();
        file.merge(
            UnitFile::parse(
                "[Container]\nImage=b\nPublishPort=\nPublishPort=3\n[Install]\nWantedBy=x\n",
            )
            .unwrap(),
        );
        let container = file.section("Container").unwrap();
        assert_eq!(container.last("Image"), Some("b"));
        assert_eq!(container.all("PublishPort"), ["3"]);
        assert_eq!(file.section("Install").unwrap().last("WantedBy"), Some("x"));
    }

    #[test]
    fn render_writes_what_parse_reads() {
        let text = "[Unit]\nDescription=x\n\n[Service]\nExecStart=a b\nRestart=always\n";
        assert_eq!(UnitFile::parse(text).unwrap().render(), text);
    }
}
