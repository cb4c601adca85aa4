//! Shell glob patterns for `${VAR#pattern}` and friends: `*`, `?`, `[abc]`, `[a-z]`,
//! `[!x]` (or `[^x]`), and the escape character making the next character literal.

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Literal(char),
    AnyOne,
    AnyRun,
    Class {
        negated: bool,
        ranges: Vec<(char, char)>,
    },
}

impl Token {
    fn accepts(&self, c: char) -> bool {
        match self {
            Token::Literal(l) => *l == c,
            Token::AnyOne => true,
            Token::AnyRun => false,
            Token::Class { negated, ranges } => {
                ranges.iter().any(|(lo, hi)| (*lo..=*hi).contains(&c)) != *negated
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern(Vec<Token>);

impl Pattern {
    pub fn new(text: &str, escape: char) -> Pattern {
        let chars: Vec<char> = text.chars().collect();
        let mut tokens = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            i += 1;
            let token = match c {
                '*' => Token::AnyRun,
                '?' => Token::AnyOne,
                '[' => match class(&chars[i..], escape) {
                    Some((token, used)) => {
                        i += used;
                        token
                    }
                    None => Token::Literal('['),
                },
                _ if c == escape && i < chars.len() => {
                    i += 1;
                    Token::Literal(chars[i - 1])
                }
                _ => Token::Literal(c),
            };
            tokens.push(token);
        }
        Pattern(tokens)
    }

    /// Whether the pattern matches all of `text`.
    pub fn matches(&self, text: &[char]) -> bool {
        let tokens = &self.0;
        let (mut t, mut c) = (0, 0);
        // Where the last `*` was and how much of the text it has swallowed so far: on a
        // mismatch it swallows one more character (linear backtracking, no recursion).
        let mut star: Option<(usize, usize)> = None;
        while c < text.len() {
            match tokens.get(t) {
                Some(Token::AnyRun) => {
                    star = Some((t, c));
                    t += 1;
                    continue;
                }
                Some(token) if token.accepts(text[c]) => {
                    t += 1;
                    c += 1;
                    continue;
                }
                _ => {}
            }
            match star {
                Some((star_t, star_c)) => {
                    t = star_t + 1;
                    c = star_c + 1;
                    star = Some((star_t, star_c + 1));
                }
                None => return false,
            }
        }
        tokens[t..].iter().all(|token| *token == Token::AnyRun)
    }
}

/// Parses a bracket expression after its `[`; returns the token and the characters used
/// (including the closing `]`), or None when there is no closing `]`.
fn class(chars: &[char], escape: char) -> Option<(Token, usize)> {
    let mut i = 0;
    let negated = matches!(chars.first(), Some('!' | '^'));
    if negated {
        i += 1;
    }
    let mut ranges = Vec::new();
    let mut first = true;
    loop {
        let mut c = *chars.get(i)?;
        i += 1;
        if c == ']' && !first {
            return Some((Token::Class { negated, ranges }, i));
        }
        first = false;
        if c == escape {
            c = *chars.get(i)?;
            i += 1;
        }
        let is_range = chars.get(i) == Some(&'-') && chars.get(i + 1).is_some_and(|n| *n != ']');
        if is_range {
            let hi = chars[i + 1];
            i += 2;
            ranges.push((c, hi));
        } else {
            ranges.push((c, c));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(pattern: &str, text: &str) -> bool {
        Pattern::new(pattern, '\\').matches(&text.chars().collect::<Vec<_>>())
    }

    #[test]
    fn wildcards() {
        assert!(m("*", ""));
        assert!(m("*", "abc"));
        assert!(m("a*c", "abbbc"));
        assert!(!m("a*c", "abcd"));
        assert!(m("?b?", "abc"));
        assert!(!m("?", ""));
        assert!(m("*.tar.*", "x.tar.gz"));
        assert!(m("**a", "bba"));
    }

    #[test]
    fn classes_and_escapes() {
        assert!(m("[abc]x", "bx"));
        assert!(m("[a-c]", "b"));
        assert!(!m("[!a-c]", "b"));
        assert!(m("[^a-c]", "d"));
        assert!(m("[]]", "]"));
        assert!(m("[a-]", "-"));
        assert!(m("[", "["), "an unclosed bracket is literal");
        assert!(m("\\*", "*"));
        assert!(!m("\\*", "x"));
        assert!(m("a\\", "a\\"), "a trailing escape is literal");
    }
}
