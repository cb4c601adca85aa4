//! The front end never panics, whatever it is fed: random bytes, random sequences of
//! Dockerfile fragments, and mutations of a valid file, from a fixed-seed xorshift generator
//! (the same inputs on every run; `fuzz/` explores further with libFuzzer).

use super::super::*;

struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const FRAGMENTS: &[&str] = &[
    "FROM",
    "from",
    "RUN",
    "CMD",
    "ENTRYPOINT",
    "ENV",
    "ARG",
    "LABEL",
    "EXPOSE",
    "WORKDIR",
    "USER",
    "VOLUME",
    "STOPSIGNAL",
    "HEALTHCHECK",
    "SHELL",
    "ONBUILD",
    "COPY",
    "ADD",
    "MAINTAINER",
    "AS",
    "NONE",
    " ",
    " ",
    " ",
    "\t",
    "\n",
    "\n",
    "\n",
    "\r\n",
    "\\\n",
    "`\n",
    "\\",
    "`",
    "#",
    "# escape=`\n",
    "# syntax=x\n",
    "<<EOF",
    "<<-EOF",
    "<<'EOF'",
    "<<\"E\"",
    "EOF",
    "\tEOF",
    "2<<A",
    "A",
    "$",
    "${",
    "}",
    "${A:-",
    "${A:+",
    "${A?",
    "${A#",
    "${A%%",
    ":",
    "=",
    "A=",
    "\"",
    "'",
    "[",
    "]",
    "[\"a\"]",
    "[\"a\", \"b\"]",
    "[1]",
    ",",
    "--from=",
    "--mount=type=cache,target=/c",
    "--link",
    "--chown=",
    "--interval=",
    "--retries=",
    "1s",
    "-1",
    "0",
    "80-90/udp",
    "/",
    "a",
    "b.txt",
    "x y",
    "é",
    "\u{feff}",
    "\u{0}",
    "--",
];

const VALID: &str = "# syntax=docker/dockerfile:1\nARG BASE=alpine\nFROM ${BASE} AS build\nRUN --mount=type=cache,target=/c <<EOF\necho $HOME\nEOF\nENV A=1 B=\"x y\"\nCOPY --from=build <<f.txt /f\n${A:-x}\nf.txt\nEXPOSE 80/tcp $P\nHEALTHCHECK --interval=5s CMD [\"true\"]\nONBUILD RUN echo\nFROM scratch\nCOPY --from=build /a /b\nUSER ${U:-1}:2\n";

fn vars(name: &str) -> Option<String> {
    match name.len() % 3 {
        0 => None,
        1 => Some(String::new()),
        _ => Some(format!("{name} ${name} \"'")),
    }
}

/// Runs everything the front end offers over `input`, checking what must hold when it parses.
fn exercise(input: &str) {
    let _ = expand(input, &vars, '\\');
    let _ = expand_words(input, &vars, '`');
    let _ = expand_heredoc(input, &vars);
    let _ = ExposedPort::parse(input);
    let Ok(file) = parse(input) else {
        return;
    };
    let lines = input.lines().count().max(1);
    let mut previous = 0;
    assert!(!file.stages.is_empty(), "{input:?}");
    for stage in &file.stages {
        assert!(stage.line > previous && stage.line <= lines, "{input:?}");
        previous = stage.line;
        let _ = stage.expand_base(&vars, file.directives.escape);
        for instruction in &stage.instructions {
            assert!(
                instruction.line() > previous && instruction.line() <= lines,
                "line {} out of order in {input:?}",
                instruction.line()
            );
            previous = instruction.line();
            let _ = instruction.expand(&vars, file.directives.escape);
        }
    }
}

#[test]
fn random_bytes() {
    let mut rng = XorShift(0x9e37_79b9_7f4a_7c15);
    for _ in 0..3000 {
        let len = rng.below(200);
        let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        exercise(&String::from_utf8_lossy(&bytes));
    }
}

#[test]
fn random_fragment_sequences() {
    let mut rng = XorShift(0x2545_f491_4f6c_dd1d);
    for _ in 0..6000 {
        let count = rng.below(40);
        let mut input = String::new();
        if rng.below(2) == 0 {
            input.push_str("FROM a\n");
        }
        for _ in 0..count {
            input.push_str(rng.pick(FRAGMENTS));
        }
        exercise(&input);
    }
}

#[test]
fn mutations_of_a_valid_file() {
    exercise(VALID);
    assert!(parse(VALID).is_ok());
    let mut rng = XorShift(0xdead_beef_cafe_f00d);
    for _ in 0..6000 {
        let mut chars: Vec<char> = VALID.chars().collect();
        for _ in 0..1 + rng.below(4) {
            let at = rng.below(chars.len() + 1);
            match rng.below(4) {
                0 if at < chars.len() => {
                    chars.remove(at);
                }
                1 => {
                    let fragment = rng.pick(FRAGMENTS);
                    chars.splice(at..at, fragment.chars());
                }
                2 if at < chars.len() => {
                    chars[at] = rng
                        .pick(&["\n", "\\", "\"", "'", "$", "{", "}", "[", "<", " "])
                        .chars()
                        .next()
                        .unwrap_or(' ');
                }
                _ => {
                    let end = (at + rng.below(20)).min(chars.len());
                    chars.drain(at..end);
                }
            }
        }
        exercise(&chars.into_iter().collect::<String>());
    }
}
