//! Every parse error, with the line it names.

use super::super::*;

/// The error for `source`, as docker-style text.
fn error(source: &str) -> String {
    match parse(source) {
        Ok(file) => panic!("expected an error for {source:?}, got {file:?}"),
        Err(e) => e.to_string(),
    }
}

/// The error for `body` placed on line 3 of a file (after `FROM a` and a blank line).
fn error_on_line_3(body: &str) -> String {
    let message = error(&format!("FROM a\n\n{body}\n"));
    message
        .strip_prefix("Dockerfile:3: ")
        .unwrap_or_else(|| panic!("{body:?}: line 3 expected, got {message:?}"))
        .to_string()
}

#[test]
fn unknown_instruction_with_suggestion() {
    assert_eq!(
        error("FROM a\nFOO bar"),
        "Dockerfile:2: unknown instruction: FOO"
    );
    assert_eq!(
        error("FROM a\nRUN x\nrunn y"),
        "Dockerfile:3: unknown instruction: runn (did you mean RUN?)"
    );
    assert_eq!(
        error("FORM alpine"),
        "Dockerfile:1: unknown instruction: FORM (did you mean FROM?)"
    );
    assert_eq!(
        error("FROM a\nCOPYY a b"),
        "Dockerfile:2: unknown instruction: COPYY (did you mean COPY?)"
    );
}

#[test]
fn missing_arguments() {
    let cases = [
        ("WORKDIR", "WORKDIR requires exactly one argument"),
        ("USER", "USER requires exactly one argument"),
        ("STOPSIGNAL", "STOPSIGNAL requires exactly one argument"),
        ("MAINTAINER", "MAINTAINER requires exactly one argument"),
        ("ENV", "ENV requires at least one argument"),
        ("LABEL", "LABEL requires at least one argument"),
        ("ARG", "ARG requires at least one argument"),
        ("EXPOSE", "EXPOSE requires at least one argument"),
        ("VOLUME", "VOLUME requires at least one argument"),
        ("VOLUME []", "VOLUME requires at least one argument"),
        ("RUN", "RUN requires at least one argument"),
        ("CMD", "CMD requires at least one argument"),
        ("ENTRYPOINT", "ENTRYPOINT requires at least one argument"),
        ("SHELL", "SHELL requires at least one argument"),
        ("SHELL []", "SHELL requires at least one argument"),
        ("ONBUILD", "ONBUILD requires at least one argument"),
        ("HEALTHCHECK", "HEALTHCHECK requires at least one argument"),
        (
            "COPY a",
            "COPY requires at least two arguments: no destination",
        ),
        (
            "ADD [\"a\"]",
            "ADD requires at least two arguments: no destination",
        ),
        (
            "COPY --from=x",
            "COPY requires at least two arguments: no destination",
        ),
        ("FROM", "FROM requires either one or three arguments"),
        ("FROM a b", "FROM requires either one or three arguments"),
        ("FROM a TO b", "FROM requires either one or three arguments"),
        ("ENV A", "ENV must have two arguments"),
        ("LABEL a", "LABEL must have two arguments"),
    ];
    for (body, message) in cases {
        assert_eq!(error_on_line_3(body), message, "{body:?}");
    }
}

#[test]
fn malformed_key_values() {
    assert_eq!(
        error_on_line_3("ENV A=1 B"),
        "ENV: can't find = in \"B\": must be of the form name=value"
    );
    assert_eq!(error_on_line_3("ENV =1"), "ENV names can not be blank");
    assert_eq!(
        error_on_line_3("LABEL a=b =c"),
        "LABEL names can not be blank"
    );
    assert_eq!(error_on_line_3("ARG =x"), "ARG names can not be blank");
}

#[test]
fn bad_flags() {
    let cases = [
        ("COPY --frm=x a b", "COPY: unknown flag: --frm"),
        ("ADD --from=x a b", "ADD: unknown flag: --from"),
        ("WORKDIR --x /a", "WORKDIR: unknown flag: --x"),
        ("CMD --help", "CMD: unknown flag: --help"),
        ("COPY --from a b", "COPY: missing a value on flag: --from"),
        (
            "RUN --network=a --network=b x",
            "RUN: duplicate flag specified: --network",
        ),
        (
            "COPY --link=maybe a b",
            "COPY: expecting boolean value for flag --link, not: maybe",
        ),
        ("ONBUILD --x RUN y", "ONBUILD: unknown flag: --x"),
    ];
    for (body, message) in cases {
        assert_eq!(error_on_line_3(body), message, "{body:?}");
    }
    assert_eq!(
        error("FROM --plat=x a"),
        "Dockerfile:1: FROM: unknown flag: --plat"
    );
}

#[test]
fn json_errors() {
    assert_eq!(
        error_on_line_3("SHELL /bin/bash -c"),
        "SHELL requires the arguments to be in JSON form"
    );
    assert_eq!(
        error_on_line_3("SHELL [\"/bin/sh\", \"-c\""),
        "SHELL requires the arguments to be in JSON form"
    );
    let not_strings = "when using JSON array syntax, arrays must be comprised of strings only";
    for body in [
        "CMD [\"a\", 1]",
        "RUN [null]",
        "ENTRYPOINT [[\"x\"]]",
        "SHELL [true]",
        "VOLUME [1]",
        "COPY [\"a\", {}]",
    ] {
        assert_eq!(error_on_line_3(body), not_strings, "{body:?}");
    }
    assert_eq!(
        error_on_line_3("VOLUME [\"/a\", \" \"]"),
        "VOLUME specified can not be an empty string"
    );
}

#[test]
fn heredoc_errors() {
    assert_eq!(
        error("FROM a\n\nRUN <<EOF\necho hi\n"),
        "Dockerfile:3: unterminated heredoc: no line \"EOF\" ends it"
    );
    assert_eq!(
        error("FROM a\nRUN <<ONE <<TWO\n1\nONE\n2\n"),
        "Dockerfile:2: unterminated heredoc: no line \"TWO\" ends it"
    );
    assert_eq!(
        error("FROM a\nRUN <<EOF\n  EOF\n"),
        "Dockerfile:2: unterminated heredoc: no line \"EOF\" ends it",
        "only <<- allows indentation, and only with tabs"
    );
    assert_eq!(
        error("FROM a\nCOPY a <<EOF\nx\nEOF\n"),
        "Dockerfile:2: COPY cannot accept a heredoc as a destination"
    );
}

#[test]
fn instruction_before_first_from() {
    assert_eq!(
        error("ARG A\n# comment\nRUN x\nFROM a"),
        "Dockerfile:3: RUN before the first FROM: no build stage in current context (only ARG may come first)"
    );
    assert_eq!(
        error("ENV A=b\nFROM a"),
        "Dockerfile:1: ENV before the first FROM: no build stage in current context (only ARG may come first)"
    );
}

#[test]
fn empty_files_and_files_without_from() {
    assert_eq!(error(""), "Dockerfile:1: file with no instructions");
    assert_eq!(
        error("# only a comment\n\n   \n"),
        "Dockerfile:1: file with no instructions"
    );
    assert_eq!(
        error("# escape=`\n"),
        "Dockerfile:1: file with no instructions"
    );
    assert_eq!(
        error("\nARG A\nARG B=1\n"),
        "Dockerfile:2: no FROM instruction: the file has no stage to build"
    );
}

#[test]
fn stage_names() {
    assert_eq!(
        error("FROM a AS x\nRUN y\nFROM b AS X"),
        "Dockerfile:3: duplicate stage name \"x\""
    );
    assert_eq!(
        error("FROM a AS 1st"),
        "Dockerfile:1: invalid name for build stage: \"1st\", name can't start with a number or contain symbols"
    );
    assert_eq!(
        error("FROM a AS b/c"),
        "Dockerfile:1: invalid name for build stage: \"b/c\", name can't start with a number or contain symbols"
    );
    assert!(parse("FROM a AS my-stage_1.0\nFROM b AS other").is_ok());
}

#[test]
fn onbuild_errors() {
    assert_eq!(
        error_on_line_3("ONBUILD ONBUILD RUN x"),
        "chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed"
    );
    assert_eq!(
        error_on_line_3("ONBUILD from a"),
        "FROM isn't allowed as an ONBUILD trigger"
    );
    assert_eq!(
        error_on_line_3("ONBUILD MAINTAINER me"),
        "MAINTAINER isn't allowed as an ONBUILD trigger"
    );
    assert_eq!(
        error_on_line_3("ONBUILD BOGUS x"),
        "unknown instruction: BOGUS"
    );
    assert_eq!(
        error_on_line_3("ONBUILD COPY a"),
        "COPY requires at least two arguments: no destination"
    );
}

#[test]
fn healthcheck_errors() {
    let cases = [
        (
            "HEALTHCHECK NONE x",
            "HEALTHCHECK NONE takes no arguments or flags",
        ),
        (
            "HEALTHCHECK --interval=1s NONE",
            "HEALTHCHECK NONE takes no arguments or flags",
        ),
        ("HEALTHCHECK CMD", "missing command after HEALTHCHECK CMD"),
        (
            "HEALTHCHECK CMD []",
            "missing command after HEALTHCHECK CMD",
        ),
        (
            "HEALTHCHECK RUN x",
            "unknown type \"RUN\" in HEALTHCHECK (try CMD)",
        ),
        (
            "HEALTHCHECK --interval=5 CMD x",
            "HEALTHCHECK: invalid duration for --interval: \"5\"",
        ),
        (
            "HEALTHCHECK --timeout=10us CMD x",
            "HEALTHCHECK: --timeout cannot be less than 1ms: \"10us\"",
        ),
        (
            "HEALTHCHECK --start-period=-1s CMD x",
            "HEALTHCHECK: --start-period cannot be less than 1ms: \"-1s\"",
        ),
        (
            "HEALTHCHECK --retries=-1 CMD x",
            "HEALTHCHECK: invalid --retries: \"-1\": expected a number from 0 to 2147483647",
        ),
        (
            "HEALTHCHECK --retries=many CMD x",
            "HEALTHCHECK: invalid --retries: \"many\": expected a number from 0 to 2147483647",
        ),
        (
            "HEALTHCHECK --retry=1 CMD x",
            "HEALTHCHECK: unknown flag: --retry",
        ),
    ];
    for (body, message) in cases {
        assert_eq!(error_on_line_3(body), message, "{body:?}");
    }
}

#[test]
fn errors_inside_continued_instructions_name_the_first_line() {
    assert_eq!(
        error("FROM a\nRUN \\\n  --bad \\\n  x"),
        "Dockerfile:2: RUN: unknown flag: --bad"
    );
    let err = parse("FROM a\n# c\n\nCOPY \\\n a").unwrap_err();
    assert_eq!(
        (err.line, err.kind),
        (4, ParseErrorKind::NoDestination("COPY"))
    );
}
