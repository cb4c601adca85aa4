//! Splitting one logical line the ways docker does: keyword and rest, leading `--flags`,
//! whitespace-separated words, quote-aware words that keep their quotes, JSON arrays.

/// What docker separates instruction words with (a logical line holds no newline).
fn is_separator(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\x0b' | '\x0c' | '\r')
}

/// The keyword (as written) and the rest of the line, both trimmed.
pub(crate) fn split_keyword(line: &str) -> (&str, &str) {
    let line = line.trim();
    match line.find(is_separator) {
        Some(at) => (&line[..at], line[at..].trim_start_matches(is_separator)),
        None => (line, ""),
    }
}

/// Splits off the leading `--name[=value]` words, with quotes and `\` escapes removed (always
/// `\`: the escape directive does not apply to flags). A lone `--` ends the flags.
pub(crate) fn extract_flags(rest: &str) -> (Vec<String>, &str) {
    let mut flags = Vec::new();
    let mut chars = rest.char_indices().peekable();
    loop {
        while chars.next_if(|(_, c)| c.is_whitespace()).is_some() {}
        let Some(&(start, _)) = chars.peek() else {
            return (flags, "");
        };
        if !rest[start..].starts_with("--") {
            return (flags, &rest[start..]);
        }
        let mut word = String::new();
        let mut quote = None;
        let mut end = rest.len();
        while let Some((at, c)) = chars.next() {
            match quote {
                None if c.is_whitespace() => {
                    end = at;
                    break;
                }
                None if c == '\'' || c == '"' => quote = Some(c),
                Some(q) if c == q => quote = None,
                _ if c == '\\' => word.extend(chars.next().map(|(_, n)| n)),
                _ => word.push(c),
            }
        }
        if word == "--" {
            return (flags, rest[end..].trim_start());
        }
        flags.push(word);
    }
}

/// Words separated by spaces and tabs, nothing else special (FROM, EXPOSE, COPY, ADD, VOLUME).
pub(crate) fn plain_words(rest: &str) -> Vec<String> {
    rest.split(is_separator)
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// The first plain word and the rest after it (ENV's and LABEL's legacy `KEY value...` form).
pub(crate) fn first_word(rest: &str) -> (&str, &str) {
    match rest.find(is_separator) {
        Some(at) => (&rest[..at], rest[at..].trim_start_matches(is_separator)),
        None => (rest, ""),
    }
}

/// Words where quotes and the escape character group characters but stay in the word (ENV,
/// LABEL, ARG): expansion removes them later.
pub(crate) fn quoted_words(rest: &str, escape: char) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quote: Option<char> = None;
    let mut chars = rest.chars();
    while let Some(c) = chars.next() {
        if quote.is_none() && c.is_whitespace() {
            if !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
            continue;
        }
        match quote {
            None if c == '\'' || c == '"' => quote = Some(c),
            Some(q) if c == q => quote = None,
            _ => {}
        }
        // Inside single quotes nothing is escaped; an escape character at the end is dropped.
        if c == escape && quote != Some('\'') {
            if let Some(next) = chars.next() {
                word.push(c);
                word.push(next);
            }
            continue;
        }
        word.push(c);
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// How the rest of a line reads as JSON.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum JsonForm {
    Strings(Vec<String>),
    /// Valid JSON array with an element that is not a string: an error in docker.
    NotStrings,
    /// Not a JSON array: docker falls back to the shell (or plain-word) form.
    NotJson,
}

pub(crate) fn json_array(rest: &str) -> JsonForm {
    let text = rest.trim_start();
    if !text.starts_with('[') {
        return JsonForm::NotJson;
    }
    let Ok(values) = serde_json::from_str::<Vec<serde_json::Value>>(text) else {
        return JsonForm::NotJson;
    };
    let strings: Option<Vec<String>> = values
        .into_iter()
        .map(|v| match v {
            serde_json::Value::String(s) => Some(s),
            _ => None,
        })
        .collect();
    strings.map_or(JsonForm::NotStrings, JsonForm::Strings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keyword_and_rest() {
        assert_eq!(split_keyword("  run   echo  hi  "), ("run", "echo  hi"));
        assert_eq!(split_keyword("CMD"), ("CMD", ""));
        assert_eq!(split_keyword("USER\tbob"), ("USER", "bob"));
    }

    #[test]
    fn flags_come_first_and_lose_their_quotes() {
        let (flags, rest) = extract_flags("--from=build --chown=\"a b\" --link src dst");
        assert_eq!(flags, ["--from=build", "--chown=a b", "--link"]);
        assert_eq!(rest, "src dst");
        assert_eq!(extract_flags("--a -- --b c"), (vec!["--a".into()], "--b c"));
        assert_eq!(extract_flags("--a=x\\ y"), (vec!["--a=x y".into()], ""));
        assert_eq!(extract_flags("-x"), (vec![], "-x"));
        assert_eq!(extract_flags(""), (vec![], ""));
    }

    #[test]
    fn quoted_words_keep_quotes_and_escapes() {
        assert_eq!(
            quoted_words("a=\"b c\" d='e f' g=h\\ i", '\\'),
            ["a=\"b c\"", "d='e f'", "g=h\\ i"]
        );
        assert_eq!(quoted_words("a='x\\' b", '\\'), ["a='x\\'", "b"]);
        assert_eq!(quoted_words("a=`\" b", '`'), ["a=`\"", "b"]);
        assert_eq!(quoted_words("   ", '\\'), Vec::<String>::new());
    }

    #[test]
    fn json_forms() {
        assert_eq!(
            json_array(" [\"a\", \"b c\"]"),
            JsonForm::Strings(vec!["a".into(), "b c".into()])
        );
        assert_eq!(json_array("[]"), JsonForm::Strings(vec![]));
        assert_eq!(json_array("[\"a\", 1]"), JsonForm::NotStrings);
        assert_eq!(json_array("[\"a\""), JsonForm::NotJson);
        assert_eq!(json_array("['a']"), JsonForm::NotJson);
        assert_eq!(json_array("[\"a\"] extra"), JsonForm::NotJson);
        assert_eq!(json_array("echo [x]"), JsonForm::NotJson);
    }
}
