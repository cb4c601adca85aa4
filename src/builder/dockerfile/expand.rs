//! Variable substitution as docker's builder does it (not a full shell): `$VAR`, `${VAR}`,
//! `${VAR:-word}`, `${VAR-word}`, `${VAR:+word}`, `${VAR+word}`, `${VAR:?msg}`, `${VAR?msg}`,
//! `${VAR#pat}`, `${VAR##pat}`, `${VAR%pat}`, `${VAR%%pat}`, with quote removal:
//!
//! - inside `'...'` nothing is special (no expansion, no escapes);
//! - inside `"..."` `$` expands, and the escape character escapes only `"`, `$` and itself;
//! - elsewhere the escape character makes the next character literal (`\$HOME` stays `$HOME`)
//!   and is removed.
//!
//! An unset variable expands to nothing. The `word` of a modifier is itself expanded, so
//! `${A:-${B:-c}}` nests, as in docker. `$1`, `$@` and the other special parameters are looked
//! up like names (and are normally unset). `${VAR/pat/rep}` and `${#VAR}` are refused.

use super::ExpandError;
use super::pattern::Pattern;

/// Looks a variable up; `None` when it is not set (different from set and empty).
pub type Vars<'a> = &'a dyn Fn(&str) -> Option<String>;

/// Expands one word as docker's builder does: substitutions (`$V`, `${V}`, `${V:-w}`, `${V-w}`,
/// `${V:+w}`, `${V+w}`, `${V:?m}`, `${V?m}`, `${V#p}`, `${V##p}`, `${V%p}`, `${V%%p}`, with
/// `w` itself expanded, so they nest), quote removal (nothing expands inside `'...'`) and
/// escapes (`\$V` is a literal `$V`). An unset variable expands to nothing. Whitespace is kept.
pub fn expand(word: &str, vars: Vars<'_>, escape: char) -> Result<String, ExpandError> {
    Ok(process(word, vars, Rules::word(escape))?.0)
}

/// Expands like [`expand`], then splits on unquoted whitespace (docker does this for EXPOSE,
/// so `EXPOSE $PORTS` with `PORTS="80 443"` exposes two ports).
pub fn expand_words(word: &str, vars: Vars<'_>, escape: char) -> Result<Vec<String>, ExpandError> {
    Ok(process(word, vars, Rules::word(escape))?.1)
}

/// Expands the body of an unquoted heredoc that COPY or ADD writes to a file: quotes are
/// ordinary characters there, `$` expands and `\` escapes.
pub fn expand_heredoc(content: &str, vars: Vars<'_>) -> Result<String, ExpandError> {
    let rules = Rules {
        quotes: false,
        ..Rules::word('\\')
    };
    Ok(process(content, vars, rules)?.0)
}

/// How one pass treats quotes, escapes and unset variables.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Rules {
    pub escape: char,
    /// Quotes group and protect (false: they are ordinary characters).
    pub quotes: bool,
    /// Keep the quote characters in the output.
    pub raw_quotes: bool,
    /// Keep the escape characters in the output.
    pub raw_escapes: bool,
    /// Leave `$VAR` as written when VAR is unset.
    pub keep_unset: bool,
}

impl Rules {
    pub(crate) fn word(escape: char) -> Rules {
        Rules {
            escape,
            quotes: true,
            raw_quotes: false,
            raw_escapes: false,
            keep_unset: false,
        }
    }
}

/// Runs the rules over `text`: returns the whole result and the result split into words.
pub(crate) fn process(
    text: &str,
    vars: Vars<'_>,
    rules: Rules,
) -> Result<(String, Vec<String>), ExpandError> {
    let mut scanner = Scanner {
        chars: text.chars().collect(),
        pos: 0,
        depth: 0,
        vars,
        rules,
    };
    let (result, words) = scanner.until(None, rules.raw_escapes)?;
    Ok((result, words.finish()))
}

/// Collects words the way the result is built: unquoted whitespace separates words, quoted
/// text and escaped characters never do.
#[derive(Default)]
struct Words {
    done: Vec<String>,
    current: String,
}

impl Words {
    fn push(&mut self, c: char) {
        if c.is_whitespace() {
            if !self.current.is_empty() {
                self.done.push(std::mem::take(&mut self.current));
            }
        } else {
            self.current.push(c);
        }
    }

    fn push_literal(&mut self, c: char) {
        self.current.push(c);
    }

    fn push_str(&mut self, text: &str) {
        text.chars().for_each(|c| self.push(c));
    }

    fn push_literal_str(&mut self, text: &str) {
        self.current.push_str(text);
    }

    fn finish(mut self) -> Vec<String> {
        if !self.current.is_empty() {
            self.done.push(self.current);
        }
        self.done
    }
}

/// How deeply `${A:-${B:-...}}` may nest: each level recurses, and a file must not be able to
/// overflow the stack (docker's Go stacks grow; ours do not).
const MAX_NESTING: usize = 64;

struct Scanner<'a> {
    chars: Vec<char>,
    pos: usize,
    /// Modifier words being read, one inside the other.
    depth: usize,
    vars: Vars<'a>,
    rules: Rules,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn next(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += 1;
        Some(c)
    }

    /// Reads up to `stop` (consumed) or the end; `stop` missing is an error.
    fn until(
        &mut self,
        stop: Option<char>,
        raw_escapes: bool,
    ) -> Result<(String, Words), ExpandError> {
        let mut result = String::new();
        let mut words = Words::default();
        while let Some(c) = self.peek() {
            if Some(c) == stop {
                self.pos += 1;
                return Ok((result, words));
            }
            match c {
                '$' => {
                    let value = self.dollar()?;
                    words.push_str(&value);
                    result.push_str(&value);
                }
                '\'' | '"' if self.rules.quotes => {
                    let quoted = if c == '\'' {
                        self.single_quoted()?
                    } else {
                        self.double_quoted()?
                    };
                    words.push_literal_str(&quoted);
                    result.push_str(&quoted);
                }
                _ => {
                    self.pos += 1;
                    if c != self.rules.escape {
                        words.push(c);
                        result.push(c);
                        continue;
                    }
                    if raw_escapes {
                        words.push_literal(c);
                        result.push(c);
                    }
                    // An escape character at the very end is dropped.
                    let Some(escaped) = self.next() else { break };
                    words.push_literal(escaped);
                    result.push(escaped);
                }
            }
        }
        match stop {
            Some(_) => Err(ExpandError::MissingBrace),
            None => Ok((result, words)),
        }
    }

    fn single_quoted(&mut self) -> Result<String, ExpandError> {
        self.pos += 1;
        let mut out = String::new();
        if self.rules.raw_quotes {
            out.push('\'');
        }
        loop {
            match self.next() {
                None => return Err(ExpandError::Unterminated("single-quote")),
                Some('\'') => {
                    if self.rules.raw_quotes {
                        out.push('\'');
                    }
                    return Ok(out);
                }
                Some(c) => out.push(c),
            }
        }
    }

    fn double_quoted(&mut self) -> Result<String, ExpandError> {
        self.pos += 1;
        let mut out = String::new();
        if self.rules.raw_quotes {
            out.push('"');
        }
        loop {
            match self.peek() {
                None => return Err(ExpandError::Unterminated("double-quote")),
                Some('"') => {
                    self.pos += 1;
                    if self.rules.raw_quotes {
                        out.push('"');
                    }
                    return Ok(out);
                }
                Some('$') => out.push_str(&self.dollar()?),
                Some(c) => {
                    self.pos += 1;
                    let escapable = |n: char| n == '"' || n == '$' || n == self.rules.escape;
                    match self.peek() {
                        Some(n) if c == self.rules.escape && escapable(n) => {
                            if self.rules.raw_escapes {
                                out.push(c);
                            }
                            self.pos += 1;
                            out.push(n);
                        }
                        _ => out.push(c),
                    }
                }
            }
        }
    }

    /// A variable name, or a run of digits, or one special parameter character.
    fn name(&mut self) -> String {
        let mut name = String::new();
        match self.peek() {
            Some(c) if c.is_ascii_digit() => {
                while let Some(d) = self.peek().filter(char::is_ascii_digit) {
                    name.push(d);
                    self.pos += 1;
                }
            }
            Some(c @ ('@' | '*' | '#' | '?' | '-' | '$' | '!')) => {
                self.pos += 1;
                name.push(c);
            }
            _ => {
                while let Some(c) = self.peek().filter(|c| c.is_alphanumeric() || *c == '_') {
                    name.push(c);
                    self.pos += 1;
                }
            }
        }
        name
    }

    fn lookup(&self, name: &str) -> Option<String> {
        (self.vars)(name)
    }

    fn dollar(&mut self) -> Result<String, ExpandError> {
        self.pos += 1;
        if self.peek() != Some('{') {
            let name = self.name();
            if name.is_empty() {
                return Ok("$".to_string());
            }
            return Ok(match self.lookup(&name) {
                Some(value) => value,
                None if self.rules.keep_unset => format!("${name}"),
                None => String::new(),
            });
        }
        self.pos += 1;
        match self.peek() {
            None => return Err(ExpandError::MissingBrace),
            Some('{' | '}' | ':') => return Err(ExpandError::BadSubstitution),
            Some(_) => {}
        }
        let name = self.name();
        match self.next() {
            None => Err(ExpandError::MissingBrace),
            Some('}') => Ok(match self.lookup(&name) {
                Some(value) => value,
                None if self.rules.keep_unset => format!("${{{name}}}"),
                None => String::new(),
            }),
            Some(':') => match self.next() {
                Some(op @ ('-' | '+' | '?')) => self.modifier(&name, op, true),
                Some(other) => Err(ExpandError::UnsupportedModifier(format!(":{other}"))),
                None => Err(ExpandError::MissingBrace),
            },
            Some(op @ ('-' | '+' | '?')) => self.modifier(&name, op, false),
            Some(op @ ('#' | '%')) => self.trim(&name, op),
            Some(other) => Err(ExpandError::UnsupportedModifier(other.to_string())),
        }
    }

    /// The word of a modifier, up to its closing `}`.
    fn modifier_word(&mut self, raw_escapes: bool) -> Result<String, ExpandError> {
        if self.depth == MAX_NESTING {
            return Err(ExpandError::TooDeep(MAX_NESTING));
        }
        self.depth += 1;
        let word = self.until(Some('}'), raw_escapes);
        self.depth -= 1;
        Ok(word?.0)
    }

    /// `-`, `+` and `?`; with `colon`, an empty value counts as unset.
    fn modifier(&mut self, name: &str, op: char, colon: bool) -> Result<String, ExpandError> {
        let word = self.modifier_word(self.rules.raw_escapes)?;
        let value = self.lookup(name);
        if value.is_none() && self.rules.keep_unset {
            let colon = if colon { ":" } else { "" };
            return Ok(format!("${{{name}{colon}{op}{word}}}"));
        }
        let missing = value.as_deref().is_none_or(|v| colon && v.is_empty());
        match (op, value) {
            ('-', Some(value)) if !missing => Ok(value),
            ('-', _) => Ok(word),
            ('+', _) if missing => Ok(String::new()),
            ('+', _) => Ok(word),
            (_, Some(value)) if !missing => Ok(value),
            (_, value) => {
                let message = match (word.is_empty(), value) {
                    (false, _) => word,
                    (true, None) => "is not allowed to be unset".to_string(),
                    (true, Some(_)) => "is not allowed to be empty".to_string(),
                };
                Err(ExpandError::Required {
                    name: name.to_string(),
                    message,
                })
            }
        }
    }

    /// `#`/`##` remove the shortest/longest matching prefix, `%`/`%%` the suffix.
    fn trim(&mut self, name: &str, op: char) -> Result<String, ExpandError> {
        let word = self.modifier_word(true)?;
        let value = self.lookup(name);
        if value.is_none() && self.rules.keep_unset {
            return Ok(format!("${{{name}{op}{word}}}"));
        }
        let (longest, pattern) = match word.strip_prefix(op) {
            Some(rest) => (true, rest),
            None => (false, word.as_str()),
        };
        let pattern = Pattern::new(pattern, self.rules.escape);
        let value: Vec<char> = value.unwrap_or_default().chars().collect();
        let cuts: Vec<usize> = if longest {
            (0..=value.len()).rev().collect()
        } else {
            (0..=value.len()).collect()
        };
        for cut in cuts {
            let kept = if op == '#' {
                pattern
                    .matches(&value[..cut])
                    .then(|| value[cut..].iter().collect())
            } else {
                let cut = value.len() - cut;
                pattern
                    .matches(&value[cut..])
                    .then(|| value[..cut].iter().collect())
            };
            if let Some(kept) = kept {
                return Ok(kept);
            }
        }
        Ok(value.into_iter().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(name: &str) -> Option<String> {
        match name {
            "A" => Some("a".into()),
            "EMPTY" => Some(String::new()),
            "SPACED" => Some("x  y".into()),
            "PATH_" => Some("/usr/local/bin".into()),
            "V" => Some("v1.2.3".into()),
            "FILE" => Some("archive.tar.gz".into()),
            _ => None,
        }
    }

    fn ex(word: &str) -> Result<String, ExpandError> {
        expand(word, &env, '\\')
    }

    fn ok(word: &str) -> String {
        ex(word).unwrap_or_else(|e| panic!("{word:?}: {e}"))
    }

    #[test]
    fn plain_and_braced_variables() {
        assert_eq!(ok("$A"), "a");
        assert_eq!(ok("${A}"), "a");
        assert_eq!(ok("x${A}y"), "xay");
        assert_eq!(ok("$A_b"), "", "A_b is one (unset) name");
        assert_eq!(ok("$A-b"), "a-b");
        assert_eq!(ok("$UNSET"), "");
        assert_eq!(ok("cost: $"), "cost: $");
        assert_eq!(ok("$/x"), "$/x");
        assert_eq!(ok("$1x"), "x", "a positional parameter is a name, unset");
    }

    #[test]
    fn default_and_alternative_with_and_without_colon() {
        assert_eq!(ok("${UNSET:-d}"), "d");
        assert_eq!(ok("${EMPTY:-d}"), "d");
        assert_eq!(ok("${A:-d}"), "a");
        assert_eq!(ok("${UNSET-d}"), "d");
        assert_eq!(ok("${EMPTY-d}"), "", "without colon, empty is set");
        assert_eq!(ok("${A:+alt}"), "alt");
        assert_eq!(ok("${EMPTY:+alt}"), "");
        assert_eq!(ok("${EMPTY+alt}"), "alt");
        assert_eq!(ok("${UNSET+alt}"), "");
        assert_eq!(ok("${UNSET:-}"), "");
    }

    #[test]
    fn modifier_words_are_expanded_and_nest_like_docker() {
        assert_eq!(ok("${UNSET:-$A}"), "a");
        assert_eq!(ok("${UNSET:-${ALSO_UNSET:-deep}}"), "deep");
        assert_eq!(ok("${A:+[${A}]}"), "[a]");
        assert_eq!(ok("${UNSET:-'x y'}"), "x y");
        assert_eq!(ok("${UNSET:-a\\}b}"), "a}b");
    }

    #[test]
    fn required_variables() {
        assert_eq!(ok("${A:?no}"), "a");
        assert_eq!(
            ex("${UNSET?}"),
            Err(ExpandError::Required {
                name: "UNSET".into(),
                message: "is not allowed to be unset".into()
            })
        );
        assert_eq!(ok("${EMPTY?}"), "");
        assert_eq!(
            ex("${EMPTY:?set it}").unwrap_err().to_string(),
            "EMPTY: set it"
        );
    }

    #[test]
    fn prefix_and_suffix_removal() {
        assert_eq!(ok("${V#v}"), "1.2.3");
        assert_eq!(ok("${FILE%.*}"), "archive.tar");
        assert_eq!(ok("${FILE%%.*}"), "archive");
        assert_eq!(ok("${FILE#*.}"), "tar.gz");
        assert_eq!(ok("${FILE##*.}"), "gz");
        assert_eq!(ok("${PATH_##*/}"), "bin");
        assert_eq!(ok("${V#[uv]}"), "1.2.3");
        assert_eq!(ok("${V#x}"), "v1.2.3");
        assert_eq!(ok("${UNSET#x}"), "");
        assert_eq!(
            ex("${V:#v}"),
            Err(ExpandError::UnsupportedModifier(":#".into()))
        );
    }

    #[test]
    fn quotes_and_escapes() {
        assert_eq!(ok("'$A'"), "$A");
        assert_eq!(ok("\"$A\""), "a");
        assert_eq!(ok("\"'$A'\""), "'a'");
        assert_eq!(ok("'\"$A\"'"), "\"$A\"");
        assert_eq!(ok("\\$A"), "$A");
        assert_eq!(ok("\"\\$A\""), "$A");
        assert_eq!(
            ok("\"a\\b\""),
            "a\\b",
            "escape is literal before other characters"
        );
        assert_eq!(ok("\"a\\\"b\""), "a\"b");
        assert_eq!(ok("a\\ b"), "a b");
        assert_eq!(ok("tail\\"), "tail");
        assert_eq!(ok("it''s"), "its");
        assert_eq!(expand("`$A", &env, '`').unwrap(), "$A");
        assert_eq!(expand("c:\\$A", &env, '`').unwrap(), "c:\\a");
    }

    #[test]
    fn syntax_errors() {
        assert_eq!(ex("${A"), Err(ExpandError::MissingBrace));
        assert_eq!(ex("${"), Err(ExpandError::MissingBrace));
        assert_eq!(ex("${A:-x"), Err(ExpandError::MissingBrace));
        assert_eq!(ex("${}"), Err(ExpandError::BadSubstitution));
        assert_eq!(ex("${:-x}"), Err(ExpandError::BadSubstitution));
        assert_eq!(
            ex("${A/x/y}"),
            Err(ExpandError::UnsupportedModifier("/".into()))
        );
        assert_eq!(ex("'open"), Err(ExpandError::Unterminated("single-quote")));
        assert_eq!(ex("\"open"), Err(ExpandError::Unterminated("double-quote")));
    }

    #[test]
    fn nesting_is_bounded() {
        let nested = |depth: usize| format!("{}x{}", "${U:-".repeat(depth), "}".repeat(depth));
        assert_eq!(ok(&nested(MAX_NESTING)), "x");
        assert_eq!(
            ex(&nested(MAX_NESTING + 1)),
            Err(ExpandError::TooDeep(MAX_NESTING))
        );
        assert_eq!(ex(&nested(100_000)), Err(ExpandError::TooDeep(MAX_NESTING)));
    }

    #[test]
    fn word_splitting_only_on_unquoted_whitespace() {
        let words = |w: &str| expand_words(w, &env, '\\').unwrap();
        assert_eq!(words("$SPACED"), ["x", "y"]);
        assert_eq!(words("\"$SPACED\""), ["x  y"]);
        assert_eq!(words("a 'b c' d\\ e"), ["a", "b c", "d e"]);
        assert_eq!(words("  "), Vec::<String>::new());
        assert_eq!(words("80/tcp ${UNSET:-443}"), ["80/tcp", "443"]);
    }

    #[test]
    fn heredoc_bodies_keep_quotes() {
        let body = "echo '$A' \"$A\" \\$A $UNSET.\n";
        assert_eq!(expand_heredoc(body, &env).unwrap(), "echo 'a' \"a\" $A .\n");
    }

    #[test]
    fn raw_rules_keep_quotes_escapes_and_unset_names() {
        let rules = Rules {
            escape: '\\',
            quotes: true,
            raw_quotes: true,
            raw_escapes: true,
            keep_unset: true,
        };
        let (whole, words) = process("a \"b c\" 'd' \\e $X ${Y:-z}", &env, rules).unwrap();
        assert_eq!(whole, "a \"b c\" 'd' \\e $X ${Y:-z}");
        assert_eq!(words, ["a", "\"b c\"", "'d'", "\\e", "$X", "${Y:-z}"]);
    }
}
