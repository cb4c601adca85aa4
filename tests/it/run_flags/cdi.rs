//! CDI devices: `--device vendor.com/class=name` and `--gpus all` carry out a vendor's
//! specification (a device node, a bind of its libraries, variables, groups), and what a
//! rootless engine cannot do is refused with the file that asked for it.

use super::{run, sh};
use crate::common::Env;

const ACC: &str = r#"cdiVersion: "0.6.0"
kind: rpod.test/acc
containerEdits:
  mounts:
    - hostPath: LIB
      containerPath: /opt/acc
      options: [ro, rbind]
devices:
  - name: a0
    containerEdits:
      env: [ACC_VISIBLE=0]
      deviceNodes:
        - {path: /dev/acc0, hostPath: /dev/zero, permissions: rwm}
      additionalGids: [44]
  - name: a1
    containerEdits:
      env: [ACC_ONE=1]
"#;

pub const GPU: &str = r#"{"cdiVersion": "0.5.0", "kind": "nvidia.com/gpu",
 "devices": [{"name": "0", "containerEdits": {
   "env": ["NVIDIA_VISIBLE_DEVICES=0"],
   "deviceNodes": [{"path": "/dev/nvidia0", "hostPath": "/dev/null"}]}}]}"#;

const HOOKED: &str = r#"{"cdiVersion": "0.6.0", "kind": "rpod.test/hooked",
 "devices": [{"name": "h", "containerEdits": {
   "hooks": [{"hookName": "createContainer", "path": "/usr/bin/true"}]}}]}"#;

pub fn devices(env: &Env) {
    let lib = env.write_file("cdi-lib/libacc.so", b"acc library\n");
    let acc = ACC.replace("LIB", &lib.parent().unwrap().display().to_string());
    env.write_file("cdi/acc.yaml", acc.as_bytes());
    env.write_file("cdi/gpu.json", GPU.as_bytes());
    env.write_file("cdi/hooked.json", HOOKED.as_bytes());
    let config = env.path("config/rpod/rpod.toml");
    let before = std::fs::read_to_string(&config).unwrap();
    env.write_config(&format!(
        "{before}\n[devices]\ncdi-spec-dirs = [\"{}\"]\n",
        env.path("cdi").display()
    ));

    let script = "test -c /dev/acc0 && head -c 2 /dev/acc0 | od -An -tx1; echo $ACC_VISIBLE; \
                  cat /opt/acc/libacc.so; touch /opt/acc/x 2>/dev/null || echo read-only; id -G";
    let out = sh(env, &["--device", "rpod.test/acc=a0"], script);
    let lines: Vec<&str> = out.lines().map(str::trim).collect();
    assert_eq!(
        lines[..4],
        ["00 00", "0", "acc library", "read-only"],
        "{out}"
    );
    assert!(lines[4].split(' ').any(|g| g == "44"), "groups: {out}");
    // The command line's own variables win over the specification's.
    assert_eq!(
        sh(
            env,
            &["--device", "rpod.test/acc=all", "-e", "ACC_VISIBLE=9"],
            "echo $ACC_VISIBLE $ACC_ONE"
        ),
        "9 1"
    );
    assert_eq!(
        sh(
            env,
            &["--gpus", "all"],
            "test -c /dev/nvidia0 && echo $NVIDIA_VISIBLE_DEVICES"
        ),
        "0"
    );
    for (flags, error) in [
        (
            ["--device", "rpod.test/acc=nope"],
            "defines no device \"nope\"",
        ),
        (
            ["--device", "other.io/x=1"],
            "no CDI specification of kind other.io/x",
        ),
        (
            ["--device", "rpod.test/hooked=h"],
            "does not yet take a CDI specification's hooks",
        ),
        (["--device", "rpod.test/acc"], "invalid --device"),
        (["--gpus", "2"], "only \"all\" is understood"),
    ] {
        run(env, &flags, &["true"]).code(125).stderr_has(error);
    }
    // A group from the specification needs root emulation, and says so.
    run(
        env,
        &[
            "--device",
            "rpod.test/acc=a0",
            "--security-opt",
            "root-emulation=off",
        ],
        &["true"],
    )
    .code(125)
    .stderr_has("additionalGids");
    env.write_config(&before);
}
