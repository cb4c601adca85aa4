use super::*;

fn dir_with(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

fn facts<'a>(
    annotations: &'a BTreeMap<String, String>,
    command: &'a str,
    binds: bool,
) -> Facts<'a> {
    Facts {
        annotations,
        command,
        has_bind_mounts: binds,
    }
}

fn v1(when: &str, stages: &str) -> String {
    format!(
        r#"{{"version":"1.0.0","hook":{{"path":"/bin/true"}},"when":{when},"stages":{stages}}}"#
    )
}

fn paths(hooks: &Hooks) -> Vec<(Stage, Vec<String>)> {
    hooks.0.iter().map(|(s, h)| (*s, h.args.clone())).collect()
}

#[test]
fn later_directories_mask_same_named_files_and_names_order_the_hooks() {
    let low = dir_with(&[
        ("b.json", &v1(r#"{"always":true}"#, r#"["poststop"]"#)),
        (
            "A.json",
            &v1(r#"{"always":true}"#, r#"["prestart","poststop"]"#),
        ),
    ]);
    let high = dir_with(&[("b.json", &v1(r#"{"always":false}"#, r#"["poststop"]"#))]);
    let none = BTreeMap::new();
    let dirs = [
        low.path().to_path_buf(),
        high.path().to_path_buf(),
        "/nonexistent".into(),
    ];
    let hooks = select(&dirs, &facts(&none, "/bin/sh", false)).unwrap();
    // b.json of the later directory never matches: only A.json's stages are left.
    assert_eq!(
        hooks.0.iter().map(|(s, _)| *s).collect::<Vec<_>>(),
        vec![Stage::Prestart, Stage::Poststop]
    );
}

#[test]
fn when_selects_by_annotations_commands_and_bind_mounts() {
    let dir = dir_with(&[
        (
            "1.json",
            &v1(r#"{"annotations":{"^dept$":"fluid"}}"#, r#"["prestart"]"#),
        ),
        (
            "2.json",
            &v1(r#"{"commands":[".*/init$"]}"#, r#"["createRuntime"]"#),
        ),
        (
            "3.json",
            &v1(r#"{"hasBindMounts":true}"#, r#"["poststart"]"#),
        ),
        (
            "4.json",
            &v1(
                r#"{"hasBindMounts":true,"commands":["^sh$"]}"#,
                r#"["poststop"]"#,
            ),
        ),
    ]);
    let dirs = [dir.path().to_path_buf()];
    let fluid = BTreeMap::from([("dept".to_string(), "fluid-dynamics".to_string())]);
    let other = BTreeMap::from([("dept".to_string(), "sales".to_string())]);
    let stages = |f: Facts| -> Vec<Stage> {
        select(&dirs, &f)
            .unwrap()
            .0
            .iter()
            .map(|(s, _)| *s)
            .collect()
    };
    assert_eq!(stages(facts(&fluid, "sh", false)), vec![Stage::Prestart]);
    assert_eq!(
        stages(facts(&other, "/sbin/init", false)),
        vec![Stage::CreateRuntime]
    );
    assert_eq!(
        stages(facts(&other, "sh", true)),
        vec![Stage::Poststart, Stage::Poststop]
    );
    assert_eq!(stages(facts(&other, "bash", true)), vec![Stage::Poststart]);
}

#[test]
fn the_old_schema_matches_any_of_its_conditions() {
    let dir = dir_with(&[(
        "old.json",
        r#"{"hook":"/bin/true","arguments":["x"],"stage":["prestart"],"cmd":["^a$"],"annotation":["gpu"]}"#,
    )]);
    let dirs = [dir.path().to_path_buf()];
    let gpu = BTreeMap::from([("k".to_string(), "a-gpu".to_string())]);
    let none = BTreeMap::new();
    let hooks = select(&dirs, &facts(&gpu, "b", false)).unwrap();
    assert_eq!(
        paths(&hooks),
        vec![(Stage::Prestart, vec!["/bin/true".into(), "x".into()])]
    );
    assert_eq!(select(&dirs, &facts(&none, "a", false)).unwrap().0.len(), 1);
    assert!(
        select(&dirs, &facts(&none, "b", false))
            .unwrap()
            .0
            .is_empty()
    );
}

#[test]
fn a_bad_file_is_named_with_what_is_wrong() {
    let none = BTreeMap::new();
    for (text, wanted) in [
        (r#"{"version":"2.0.0"}"#.to_string(), r#"unrecognized hook version: "2.0.0""#),
        (v1(r#"{"always":true}"#, r#"["prestrat"]"#), r#"1.0.0: unknown stage "prestrat""#),
        (v1(r#"{"always":true}"#, "[]"), "1.0.0: missing required property: stages"),
        (v1("{}", r#"["prestart"]"#), "1.0.0: when: at least one"),
        (v1(r#"{"commands":["("]}"#, r#"["prestart"]"#), r#"1.0.0: invalid command "(""#),
        (v1(r#"{"always":true}"#, r#"["precreate"]"#), "rpod has no OCI runtime configuration"),
        (
            r#"{"version":"1.0.0","hook":{"path":"/nonexistent/x"},"when":{"always":true},"stages":["prestart"]}"#.into(),
            "1.0.0: stat /nonexistent/x: no such file",
        ),
        (
            r#"{"version":"1.0.0","hook":{"path":"/bin/true","timeout":0},"when":{"always":true},"stages":["prestart"]}"#.into(),
            "timeout 0: it must be greater than zero",
        ),
        ("not json".into(), "version check: "),
    ] {
        let dir = dir_with(&[("bad.json", &text)]);
        let err = select(&[dir.path().to_path_buf()], &facts(&none, "sh", false))
            .unwrap_err()
            .to_string();
        let file = dir.path().join("bad.json");
        assert!(err.starts_with(&format!("parsing hook {file:?}: ")), "{err}");
        assert!(err.contains(wanted), "{text}: {err}");
    }
}
