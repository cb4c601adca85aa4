//! Finding `<<EOF` markers in an instruction line, as docker does: the line is split into
//! shell words, and a word of the form `[n]<<[-]DELIM` names a heredoc whose body follows.

use super::expand::{Rules, process};

/// A heredoc named on an instruction line, before its body is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Marker {
    pub name: String,
    pub expand: bool,
    pub chomp: bool,
    pub fd: u32,
}

fn unset(_: &str) -> Option<String> {
    None
}

/// Every heredoc marker of `line`, in order. Docker looks for them with `\` as the escape
/// character whatever the escape directive says.
pub(crate) fn markers(line: &str) -> Vec<Marker> {
    let rules = Rules {
        raw_quotes: true,
        raw_escapes: true,
        ..Rules::word('\\')
    };
    match process(line, &unset, rules) {
        Ok((_, words)) => words.iter().filter_map(|w| marker(w)).collect(),
        Err(_) => Vec::new(),
    }
}

/// Reads `[n]<<[-]DELIM` (DELIM without `<`). A delimiter with any quoting (`"EOF"`, `'EOF'`,
/// `E"O"F`) turns expansion of the body off.
pub(crate) fn marker(word: &str) -> Option<Marker> {
    let digits = word.len() - word.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let rest = word[digits..].strip_prefix("<<")?;
    let (chomp, rest) = match rest.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, rest),
    };
    if rest.is_empty() || rest.contains('<') {
        return None;
    }
    let keep_unset = Rules {
        keep_unset: true,
        ..Rules::word('\\')
    };
    let plain = process(rest, &unset, keep_unset).ok()?.1;
    let raw = process(
        rest,
        &unset,
        Rules {
            raw_quotes: true,
            ..keep_unset
        },
    )
    .ok()?
    .1;
    let [name] = plain.as_slice() else {
        return None;
    };
    let [raw_name] = raw.as_slice() else {
        return None;
    };
    let quotes = |s: &str| s.chars().filter(|c| matches!(c, '\'' | '"')).count();
    Some(Marker {
        name: name.clone(),
        expand: quotes(name) == quotes(raw_name),
        chomp,
        // An absurd descriptor number means what docker makes of it: 0.
        fd: word[..digits].parse().unwrap_or(0),
    })
}

/// Strips the leading tabs of every line (`<<-`).
pub(crate) fn chomp(content: &str) -> String {
    content
        .split_inclusive('\n')
        .map(|line| line.trim_start_matches('\t'))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(line: &str) -> Vec<(String, bool, bool, u32)> {
        markers(line)
            .into_iter()
            .map(|m| (m.name, m.expand, m.chomp, m.fd))
            .collect()
    }

    #[test]
    fn finds_markers_as_shell_words() {
        assert_eq!(names("RUN <<EOF"), [("EOF".into(), true, false, 0)]);
        assert_eq!(names("RUN cat <<-END > f"), [("END".into(), true, true, 0)]);
        assert_eq!(
            names("RUN <<A cat - 3<<'B'"),
            [("A".into(), true, false, 0), ("B".into(), false, false, 3)]
        );
        assert_eq!(names("COPY <<\"X\" /x"), [("X".into(), false, false, 0)]);
        assert_eq!(
            names("COPY <<E\"O\"F /x"),
            [("EOF".into(), false, false, 0)]
        );
    }

    #[test]
    fn ignores_lookalikes() {
        assert!(names("RUN echo '<<EOF'").is_empty());
        assert!(names("RUN echo \"a <<EOF\"").is_empty());
        assert!(names("RUN cat<<EOF").is_empty());
        assert!(names("RUN echo << EOF").is_empty());
        assert!(names("RUN echo <<<word").is_empty());
        assert!(names("RUN echo \\<<EOF").is_empty());
        assert!(names("RUN echo 'unterminated <<EOF").is_empty());
    }

    #[test]
    fn chomp_strips_only_leading_tabs() {
        assert_eq!(chomp("\t\ta\n \tb\n\tc\td\n"), "a\n \tb\nc\td\n");
    }
}
