//! Every instruction and form, parsed from whole files.

use std::time::Duration;

use super::super::*;

fn parse_ok(source: &str) -> Dockerfile {
    parse(source).unwrap_or_else(|e| panic!("{e}\n{source}"))
}

fn strings(words: &[&str]) -> Vec<String> {
    words.iter().map(|w| w.to_string()).collect()
}

fn kv(key: &str, value: &str) -> KeyValue {
    KeyValue {
        key: key.into(),
        value: value.into(),
    }
}

const EVERYTHING: &str = r#"# syntax=docker/dockerfile:1
# escape=\

ARG BASE=alpine:3.20
ARG TAG
FROM --platform=$BUILDPLATFORM ${BASE} AS Build
RUN --mount=type=cache,target=/root/.cache --network=none \
    echo building \
    # a comment inside the continuation
    && make
RUN ["make", "install"]
CMD ["/bin/app", "--serve"]
ENTRYPOINT /bin/app --flag
ENV A=1 B="two words" C='single $quoted'
ENV LEGACY value with  spaces
ARG VERSION=1.0 OTHER
LABEL org.opencontainers.image.title="My App" version=$VERSION
MAINTAINER Jane Doe <jane@example.com>
EXPOSE 80 443/tcp 8000-8010/udp
WORKDIR /app
USER app:staff
VOLUME ["/data", "/logs"]
VOLUME /cache /tmp/x
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=30s --timeout=3s --start-period=1m --start-interval=2s --retries=3 CMD curl -f http://localhost/ || exit 1
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
ONBUILD COPY . /src
COPY --chown=app:staff --chmod=0644 --link a.txt b.txt /dest/
ADD --checksum=sha256:abc --keep-git-dir=false https://example.com/x.tar.gz /opt/

FROM scratch
COPY --from=build /app/bin /bin
HEALTHCHECK NONE
"#;

#[test]
fn every_instruction_and_form() {
    let file = parse_ok(EVERYTHING);
    assert_eq!(
        file.directives,
        Directives {
            escape: '\\',
            syntax: Some("docker/dockerfile:1".into()),
            check: None
        }
    );
    assert_eq!(
        file.args_before_from,
        [
            Arg {
                line: 4,
                name: "BASE".into(),
                default: Some("alpine:3.20".into())
            },
            Arg {
                line: 5,
                name: "TAG".into(),
                default: None
            }
        ]
    );
    assert_eq!(file.stages.len(), 2);
    let build = &file.stages[0];
    assert_eq!(build.name.as_deref(), Some("build"));
    assert_eq!(build.base, "${BASE}");
    assert_eq!(build.platform.as_deref(), Some("$BUILDPLATFORM"));
    assert_eq!(build.line, 6);

    let expected = vec![
        Instruction::Run {
            line: 7,
            flags: RunFlags {
                mounts: strings(&["type=cache,target=/root/.cache"]),
                network: Some("none".into()),
                security: None,
            },
            command: CommandForm::Shell("echo building     && make".into()),
            heredocs: vec![],
        },
        Instruction::Run {
            line: 11,
            flags: RunFlags::default(),
            command: CommandForm::Exec(strings(&["make", "install"])),
            heredocs: vec![],
        },
        Instruction::Cmd {
            line: 12,
            command: CommandForm::Exec(strings(&["/bin/app", "--serve"])),
        },
        Instruction::Entrypoint {
            line: 13,
            command: CommandForm::Shell("/bin/app --flag".into()),
        },
        Instruction::Env {
            line: 14,
            vars: vec![
                kv("A", "1"),
                kv("B", "\"two words\""),
                kv("C", "'single $quoted'"),
            ],
        },
        Instruction::Env {
            line: 15,
            vars: vec![kv("LEGACY", "value with  spaces")],
        },
        Instruction::Arg {
            line: 16,
            args: vec![
                Arg {
                    line: 16,
                    name: "VERSION".into(),
                    default: Some("1.0".into()),
                },
                Arg {
                    line: 16,
                    name: "OTHER".into(),
                    default: None,
                },
            ],
        },
        Instruction::Label {
            line: 17,
            labels: vec![
                kv("org.opencontainers.image.title", "\"My App\""),
                kv("version", "$VERSION"),
            ],
        },
        Instruction::Maintainer {
            line: 18,
            name: "Jane Doe <jane@example.com>".into(),
        },
        Instruction::Expose {
            line: 19,
            ports: strings(&["80", "443/tcp", "8000-8010/udp"]),
        },
        Instruction::Workdir {
            line: 20,
            path: "/app".into(),
        },
        Instruction::User {
            line: 21,
            user: "app:staff".into(),
        },
        Instruction::Volume {
            line: 22,
            paths: strings(&["/data", "/logs"]),
        },
        Instruction::Volume {
            line: 23,
            paths: strings(&["/cache", "/tmp/x"]),
        },
        Instruction::StopSignal {
            line: 24,
            signal: "SIGTERM".into(),
        },
        Instruction::Healthcheck {
            line: 25,
            check: Healthcheck::Check {
                command: CommandForm::Shell("curl -f http://localhost/ || exit 1".into()),
                interval: Some(Duration::from_secs(30)),
                timeout: Some(Duration::from_secs(3)),
                start_period: Some(Duration::from_secs(60)),
                start_interval: Some(Duration::from_secs(2)),
                retries: Some(3),
            },
        },
        Instruction::Shell {
            line: 26,
            shell: strings(&["/bin/bash", "-o", "pipefail", "-c"]),
        },
        Instruction::Onbuild {
            line: 27,
            expression: "COPY . /src".into(),
            trigger: Box::new(Instruction::Copy {
                line: 27,
                spec: CopySpec {
                    sources: vec![CopySource::Path(".".into())],
                    dest: "/src".into(),
                    ..CopySpec::default()
                },
            }),
        },
        Instruction::Copy {
            line: 28,
            spec: CopySpec {
                chown: Some("app:staff".into()),
                chmod: Some("0644".into()),
                link: true,
                sources: vec![
                    CopySource::Path("a.txt".into()),
                    CopySource::Path("b.txt".into()),
                ],
                dest: "/dest/".into(),
                ..CopySpec::default()
            },
        },
        Instruction::Add {
            line: 29,
            spec: CopySpec {
                checksum: Some("sha256:abc".into()),
                sources: vec![CopySource::Path("https://example.com/x.tar.gz".into())],
                dest: "/opt/".into(),
                ..CopySpec::default()
            },
        },
    ];
    assert_eq!(build.instructions.len(), expected.len());
    for (got, want) in build.instructions.iter().zip(&expected) {
        assert_eq!(got, want, "line {}", want.line());
    }

    let final_stage = &file.stages[1];
    assert_eq!((final_stage.name.as_ref(), final_stage.line), (None, 31));
    assert_eq!(final_stage.base, "scratch");
    assert_eq!(
        final_stage.instructions,
        [
            Instruction::Copy {
                line: 32,
                spec: CopySpec {
                    from: Some("build".into()),
                    sources: vec![CopySource::Path("/app/bin".into())],
                    dest: "/bin".into(),
                    ..CopySpec::default()
                },
            },
            Instruction::Healthcheck {
                line: 33,
                check: Healthcheck::Disable
            },
        ]
    );
    assert_eq!(
        file.warnings,
        [Warning {
            line: 18,
            kind: WarningKind::MaintainerDeprecated
        }]
    );
}

#[test]
fn keywords_are_case_insensitive() {
    let file = parse_ok("from busybox As Base\nrUn echo hi\nEnv A=b\ncopy a b\n");
    let stage = &file.stages[0];
    assert_eq!(stage.name.as_deref(), Some("base"));
    let keywords: Vec<_> = stage
        .instructions
        .iter()
        .map(Instruction::keyword)
        .collect();
    assert_eq!(keywords, ["RUN", "ENV", "COPY"]);
}

#[test]
fn command_forms_and_docker_json_fallback() {
    let file = parse_ok(concat!(
        "FROM a\n",
        "CMD [ \"echo\", hi ]\n",
        "CMD echo \"$HOME\"\n",
        "ENTRYPOINT []\n",
        "RUN [\"sh\", \"-c\", \"echo $HOME\"]\n",
        "CMD [\"a\"] trailing\n",
    ));
    let commands: Vec<_> = file.stages[0]
        .instructions
        .iter()
        .map(|i| match i {
            Instruction::Cmd { command, .. }
            | Instruction::Entrypoint { command, .. }
            | Instruction::Run { command, .. } => command.clone(),
            other => panic!("unexpected {other:?}"),
        })
        .collect();
    assert_eq!(
        commands,
        [
            CommandForm::Shell("[ \"echo\", hi ]".into()),
            CommandForm::Shell("echo \"$HOME\"".into()),
            CommandForm::Exec(vec![]),
            CommandForm::Exec(strings(&["sh", "-c", "echo $HOME"])),
            CommandForm::Shell("[\"a\"] trailing".into()),
        ]
    );
}

#[test]
fn continuation_lines_with_comments_and_blank_lines() {
    let source = "FROM a\n\nRUN apt-get update && \\\n# why: fewer layers\n    apt-get install -y \\\n\n        curl \\\n    # trailing comment\n        git\nUSER nobody\n";
    let file = parse_ok(source);
    let instructions = &file.stages[0].instructions;
    assert_eq!(
        instructions[0],
        Instruction::Run {
            line: 3,
            flags: RunFlags::default(),
            command: CommandForm::Shell(
                "apt-get update &&     apt-get install -y         curl         git".into()
            ),
            heredocs: vec![],
        }
    );
    assert_eq!(instructions[1].line(), 10);
    assert_eq!(
        file.warnings,
        [Warning {
            line: 3,
            kind: WarningKind::EmptyContinuationLine
        }]
    );
}

#[test]
fn backtick_escape_directive() {
    let source = "# escape=`\nFROM mcr.microsoft.com/windows/servercore\nCOPY testfile.txt c:\\\nRUN dir c:\\ `\n    && echo done\nENV P=C:\\path\\to `\n    Q=\"x`\"y\"\n";
    let file = parse_ok(source);
    assert_eq!(file.directives.escape, '`');
    let stage = &file.stages[0];
    assert_eq!(stage.line, 2);
    let [copy, run, env] = stage.instructions.as_slice() else {
        panic!("three instructions expected: {:?}", stage.instructions);
    };
    let Instruction::Copy { spec, line: 3 } = copy else {
        panic!("{copy:?}");
    };
    assert_eq!(spec.dest, "c:\\");
    assert_eq!(
        run,
        &Instruction::Run {
            line: 4,
            flags: RunFlags::default(),
            command: CommandForm::Shell("dir c:\\     && echo done".into()),
            heredocs: vec![],
        }
    );
    let expanded = env.expand(&|_| None, '`').unwrap();
    assert_eq!(
        expanded,
        Instruction::Env {
            line: 6,
            vars: vec![kv("P", "C:\\path\\to"), kv("Q", "x\"y")],
        }
    );
}

#[test]
fn heredocs_in_run_and_copy() {
    let source = "FROM alpine
RUN <<EOF
echo \"$HOME\"
EOF
RUN <<-EOT bash
\tset -e
\t\techo hi
\tEOT
RUN python3 <<'PY' > out.txt
print(\"$not_expanded\")
PY
RUN cat <<A 2<<B
a
A
b
B
COPY <<one.txt <<\"two.txt\" /etc/
first $USER
one.txt
second $USER
two.txt
WORKDIR /after
";
    let file = parse_ok(source);
    let heredoc = |name: &str, content: &str, expand, chomp, fd| Heredoc {
        name: name.into(),
        content: content.into(),
        expand,
        chomp,
        fd,
    };
    let runs: Vec<_> = file.stages[0]
        .instructions
        .iter()
        .filter_map(|i| match i {
            Instruction::Run {
                line,
                command: CommandForm::Shell(command),
                heredocs,
                ..
            } => Some((*line, command.as_str(), heredocs.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(
        runs,
        [
            (
                2,
                "<<EOF",
                vec![heredoc("EOF", "echo \"$HOME\"\n", true, false, 0)]
            ),
            (
                5,
                "<<-EOT bash",
                vec![heredoc("EOT", "set -e\necho hi\n", true, true, 0)]
            ),
            (
                9,
                "python3 <<'PY' > out.txt",
                vec![heredoc("PY", "print(\"$not_expanded\")\n", false, false, 0)]
            ),
            (
                12,
                "cat <<A 2<<B",
                vec![
                    heredoc("A", "a\n", true, false, 0),
                    heredoc("B", "b\n", true, false, 2)
                ]
            ),
        ]
    );
    let copy = &file.stages[0].instructions[4];
    let Instruction::Copy { line: 17, spec } = copy else {
        panic!("{copy:?}");
    };
    assert_eq!(
        spec.sources,
        [
            CopySource::Heredoc(heredoc("one.txt", "first $USER\n", true, false, 0)),
            CopySource::Heredoc(heredoc("two.txt", "second $USER\n", false, false, 0)),
        ]
    );
    assert_eq!(spec.dest, "/etc/");
    assert_eq!(file.stages[0].instructions[5].line(), 22);
}

#[test]
fn onbuild_wraps_a_parsed_trigger() {
    let file = parse_ok("FROM a\nONBUILD RUN echo built\nonbuild copy --chown=1:1 . /app\n");
    let [run, copy] = file.stages[0].instructions.as_slice() else {
        panic!("{:?}", file.stages[0].instructions);
    };
    assert_eq!(
        run,
        &Instruction::Onbuild {
            line: 2,
            expression: "RUN echo built".into(),
            trigger: Box::new(Instruction::Run {
                line: 2,
                flags: RunFlags::default(),
                command: CommandForm::Shell("echo built".into()),
                heredocs: vec![],
            }),
        }
    );
    let Instruction::Onbuild {
        expression,
        trigger,
        ..
    } = copy
    else {
        panic!("{copy:?}");
    };
    assert_eq!(expression, "copy --chown=1:1 . /app");
    let Instruction::Copy { spec, .. } = trigger.as_ref() else {
        panic!("{trigger:?}");
    };
    assert_eq!(spec.chown.as_deref(), Some("1:1"));
}

#[test]
fn multi_stage_with_from_references_preserved() {
    let source = "FROM golang:1.22 AS builder
RUN go build -o /out/app
FROM builder AS Test
RUN go test
FROM alpine
COPY --from=builder /out/app /app
COPY --from=0 /etc/passwd /etc/passwd
COPY --from=docker.io/library/busybox:latest /bin/busybox /bin/
COPY --from=nowhere a b
";
    let file = parse_ok(source);
    let names: Vec<_> = file.stages.iter().map(|s| s.name.as_deref()).collect();
    assert_eq!(names, [Some("builder"), Some("test"), None]);
    assert_eq!(file.stages[1].base, "builder");
    let froms: Vec<_> = file.stages[2]
        .instructions
        .iter()
        .map(|i| match i {
            Instruction::Copy { spec, .. } => spec.from.clone().unwrap(),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        froms,
        [
            "builder",
            "0",
            "docker.io/library/busybox:latest",
            "nowhere"
        ]
    );
    assert_eq!(file.stage("BUILDER").map(|(i, _)| i), Some(0));
    assert_eq!(file.stage("test").map(|(i, _)| i), Some(1));
    assert_eq!(
        file.stage("2").map(|(i, s)| (i, s.base.as_str())),
        Some((2, "alpine"))
    );
    assert!(file.stage("nowhere").is_none());
    assert!(file.stage("3").is_none());
}

#[test]
fn args_before_from_expand_in_from() {
    let source = "ARG VERSION=3.20\nARG REGISTRY\nARG PLATFORM=linux/arm64\nFROM --platform=$PLATFORM ${REGISTRY:-docker.io}/alpine:${VERSION} AS base\nARG VERSION\nRUN echo $VERSION\n";
    let file = parse_ok(source);
    assert_eq!(file.args_before_from.len(), 3);
    let stage = &file.stages[0];
    assert_eq!(stage.base, "${REGISTRY:-docker.io}/alpine:${VERSION}");
    let defaults = |name: &str| {
        file.args_before_from
            .iter()
            .find(|arg| arg.name == name)
            .and_then(|arg| arg.default.clone())
    };
    assert_eq!(
        stage.expand_base(&defaults, '\\').unwrap(),
        ("docker.io/alpine:3.20".into(), Some("linux/arm64".into()))
    );
    let overridden = |name: &str| (name == "REGISTRY").then(|| "quay.io".to_string());
    assert_eq!(
        stage.expand_base(&overridden, '\\').unwrap().0,
        "quay.io/alpine:"
    );
    assert_eq!(
        stage.instructions[0],
        Instruction::Arg {
            line: 5,
            args: vec![Arg {
                line: 5,
                name: "VERSION".into(),
                default: None
            }]
        }
    );
}

#[test]
fn split_user_and_group() {
    assert_eq!(split_user_group("app:staff"), ("app", Some("staff")));
    assert_eq!(split_user_group("1000"), ("1000", None));
    assert_eq!(split_user_group("a:b:c"), ("a", Some("b:c")));
}
