//! `Instruction::expand`: exactly the fields docker expands, and nothing else.

use super::super::*;

fn vars(name: &str) -> Option<String> {
    let value = match name {
        "HOME" => "/root",
        "DIR" => "/srv/app",
        "U" => "app",
        "G" => "staff",
        "SIG" => "SIGQUIT",
        "PORTS" => "80 443/udp",
        "STAGE" => "builder",
        "MODE" => "0755",
        "SUM" => "sha256:123",
        "CACHE" => "/cache",
        "EMPTY" => "",
        _ => return None,
    };
    Some(value.to_string())
}

/// The instructions of a one-stage file, each expanded.
fn expanded(body: &str) -> Vec<Instruction> {
    let file = parse(&format!("FROM a\n{body}\n")).unwrap_or_else(|e| panic!("{e}"));
    file.stages[0]
        .instructions
        .iter()
        .map(|i| i.expand(&vars, '\\').unwrap_or_else(|e| panic!("{e}")))
        .collect()
}

fn one(body: &str) -> Instruction {
    let mut all = expanded(body);
    assert_eq!(all.len(), 1, "{all:?}");
    all.remove(0)
}

fn kv(key: &str, value: &str) -> KeyValue {
    KeyValue {
        key: key.into(),
        value: value.into(),
    }
}

#[test]
fn env_label_and_arg_expand_keys_and_values() {
    assert_eq!(
        one("ENV A=$HOME/x B=\"two $U\" C='$HOME' D=\\$HOME E=${UNSET:-dflt} ${U}_KEY=1"),
        Instruction::Env {
            line: 2,
            vars: vec![
                kv("A", "/root/x"),
                kv("B", "two app"),
                kv("C", "$HOME"),
                kv("D", "$HOME"),
                kv("E", "dflt"),
                kv("app_KEY", "1"),
            ],
        }
    );
    assert_eq!(
        one("ENV PATH $HOME/bin:\"$DIR\" done"),
        Instruction::Env {
            line: 2,
            vars: vec![kv("PATH", "/root/bin:/srv/app done")],
        }
    );
    assert_eq!(
        one("LABEL \"maintainer\"=\"$U <a@b>\" dir=${DIR:+set}"),
        Instruction::Label {
            line: 2,
            labels: vec![kv("maintainer", "app <a@b>"), kv("dir", "set")],
        }
    );
    assert_eq!(
        one("ARG A=$HOME B"),
        Instruction::Arg {
            line: 2,
            args: vec![
                Arg {
                    line: 2,
                    name: "A".into(),
                    default: Some("/root".into())
                },
                Arg {
                    line: 2,
                    name: "B".into(),
                    default: None
                },
            ],
        }
    );
}

#[test]
fn single_word_instructions() {
    assert_eq!(
        expanded(
            "WORKDIR ${DIR}/src\nUSER $U:$G\nSTOPSIGNAL $SIG\nVOLUME [\"$HOME/data\", \"/x\"]"
        ),
        [
            Instruction::Workdir {
                line: 2,
                path: "/srv/app/src".into()
            },
            Instruction::User {
                line: 3,
                user: "app:staff".into()
            },
            Instruction::StopSignal {
                line: 4,
                signal: "SIGQUIT".into()
            },
            Instruction::Volume {
                line: 5,
                paths: vec!["/root/data".into(), "/x".into()]
            },
        ]
    );
}

#[test]
fn expose_splits_expanded_words_and_checks_ports() {
    assert_eq!(
        one("EXPOSE $PORTS 8080 \"9000-9001/tcp\""),
        Instruction::Expose {
            line: 2,
            ports: vec![
                "80".into(),
                "443/udp".into(),
                "8080".into(),
                "9000-9001/tcp".into()
            ],
        }
    );
    let file = parse("FROM a\nEXPOSE $HOME").unwrap();
    let err = file.stages[0].instructions[0]
        .expand(&vars, '\\')
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "Dockerfile:2: EXPOSE: invalid port \"/root\": expected PORT[-PORT][/tcp|/udp|/sctp]"
    );
}

#[test]
fn copy_and_add_expand_paths_and_flags() {
    assert_eq!(
        one("COPY --from=$STAGE --chown=$U:$G --chmod=$MODE --link $DIR/bin '$HOME' /opt/$U/"),
        Instruction::Copy {
            line: 2,
            spec: CopySpec {
                from: Some("builder".into()),
                chown: Some("app:staff".into()),
                chmod: Some("0755".into()),
                link: true,
                sources: vec![
                    CopySource::Path("/srv/app/bin".into()),
                    CopySource::Path("$HOME".into()),
                ],
                dest: "/opt/app/".into(),
                ..CopySpec::default()
            },
        }
    );
    assert_eq!(
        one("ADD --checksum=$SUM --chown=$U [\"$HOME/my file\", \"${DIR}\"]"),
        Instruction::Add {
            line: 2,
            spec: CopySpec {
                chown: Some("app".into()),
                checksum: Some("sha256:123".into()),
                sources: vec![CopySource::Path("/root/my file".into())],
                dest: "/srv/app".into(),
                ..CopySpec::default()
            },
        }
    );
}

#[test]
fn copy_heredoc_bodies_expand_unless_the_delimiter_is_quoted() {
    let copy = one("COPY <<a.sh <<'b.sh' /dst/\necho \"$HOME\" '$U' \\$G\na.sh\necho $HOME\nb.sh");
    let Instruction::Copy { spec, .. } = copy else {
        panic!("{copy:?}");
    };
    let bodies: Vec<_> = spec
        .sources
        .iter()
        .map(|s| match s {
            CopySource::Heredoc(h) => h.content.as_str(),
            CopySource::Path(p) => panic!("path {p}"),
        })
        .collect();
    assert_eq!(bodies, ["echo \"/root\" 'app' $G\n", "echo $HOME\n"]);
}

#[test]
fn run_expands_only_mounts() {
    let run =
        one("RUN --mount=type=cache,target=$CACHE --network=$NET echo $HOME <<EOF\n$HOME\nEOF");
    assert_eq!(
        run,
        Instruction::Run {
            line: 2,
            flags: RunFlags {
                mounts: vec!["type=cache,target=/cache".into()],
                network: Some("$NET".into()),
                security: None,
            },
            command: CommandForm::Shell("echo $HOME <<EOF".into()),
            heredocs: vec![Heredoc {
                name: "EOF".into(),
                content: "$HOME\n".into(),
                expand: true,
                chomp: false,
                fd: 0,
            }],
        }
    );
}

#[test]
fn instructions_docker_leaves_alone() {
    let source = concat!(
        "FROM a\n",
        "CMD echo $HOME\n",
        "ENTRYPOINT [\"$HOME\"]\n",
        "HEALTHCHECK CMD test -d $HOME\n",
        "SHELL [\"$HOME\"]\n",
        "MAINTAINER $U\n",
        "ONBUILD WORKDIR $HOME\n",
    );
    let file = parse(source).unwrap();
    for instruction in &file.stages[0].instructions {
        assert_eq!(
            &instruction.expand(&vars, '\\').unwrap(),
            instruction,
            "{instruction:?}"
        );
    }
}

#[test]
fn expansion_errors_name_the_instruction_line() {
    let file =
        parse("FROM a\nRUN x\n\nWORKDIR ${DIR\nCOPY \"a b\" /c\nENV A=\"${EMPTY:?must be set}\"")
            .unwrap();
    let errors: Vec<_> = file.stages[0].instructions[1..]
        .iter()
        .map(|i| i.expand(&vars, '\\').unwrap_err().to_string())
        .collect();
    assert_eq!(
        errors,
        [
            "Dockerfile:4: cannot expand \"${DIR\": syntax error: missing '}'",
            "Dockerfile:5: cannot expand \"\\\"a\": unexpected end of statement while looking for matching double-quote",
            "Dockerfile:6: cannot expand \"\\\"${EMPTY:?must be set}\\\"\": EMPTY: must be set",
        ]
    );
}

#[test]
fn backtick_escape_keeps_backslashes() {
    let file = parse("# escape=`\nFROM a\nWORKDIR C:\\Users\\$U\nENV P=`$HOME\n").unwrap();
    let escape = file.directives.escape;
    let got: Vec<_> = file.stages[0]
        .instructions
        .iter()
        .map(|i| i.expand(&vars, escape).unwrap())
        .collect();
    assert_eq!(
        got,
        [
            Instruction::Workdir {
                line: 3,
                path: "C:\\Users\\app".into()
            },
            Instruction::Env {
                line: 4,
                vars: vec![kv("P", "$HOME")]
            },
        ]
    );
}
