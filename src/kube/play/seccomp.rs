//! A played container's seccomp profile: its `securityContext.seccompProfile`, else its pod's,
//! else the annotations Kubernetes read before that field (still written by tools):
//! `container.seccomp.security.alpha.kubernetes.io/CONTAINER`, then
//! `seccomp.security.alpha.kubernetes.io/pod`. A `Localhost` profile (`localhost/PATH`) is a
//! file under `--seccomp-profile-root`, as the kubelet keeps them.

use std::path::{Component, Path};

use super::manifest::PodDoc;
use super::read::{Container, SeccompProfile};

/// The `--security-opt` the container's profile asks for, if any; `root` is
/// `--seccomp-profile-root`. The profile file is read (and checked) when the plan is built,
/// before anything is made.
pub fn security_opt(doc: &PodDoc, c: &Container, root: &Path) -> Result<Option<String>, String> {
    let own = c
        .security_context
        .as_ref()
        .and_then(|s| s.seccomp_profile.as_ref());
    let pod = doc
        .spec
        .security_context
        .as_ref()
        .and_then(|s| s.seccomp_profile.as_ref());
    let wanted = match own.or(pod) {
        Some(profile) => from_field(profile)?,
        None => {
            let container_key =
                format!("container.seccomp.security.alpha.kubernetes.io/{}", c.name);
            let pod_key = "seccomp.security.alpha.kubernetes.io/pod";
            match doc
                .annotations
                .get_key_value(&container_key)
                .or_else(|| doc.annotations.get_key_value(pod_key))
            {
                Some((key, value)) => from_annotation(value).map_err(|e| format!("{key}: {e}"))?,
                None => Wanted::Default,
            }
        }
    };
    match wanted {
        Wanted::Default => Ok(None),
        Wanted::Unconfined => Ok(Some("seccomp=unconfined".into())),
        Wanted::Localhost(relative) => {
            let path = Path::new(&relative);
            let inside = path
                .components()
                .all(|part| matches!(part, Component::Normal(_) | Component::CurDir));
            if relative.is_empty() || !inside {
                return Err(format!(
                    "seccomp profile {relative:?}: must be a path under --seccomp-profile-root ({})",
                    root.display()
                ));
            }
            Ok(Some(format!("seccomp={}", root.join(path).display())))
        }
    }
}

enum Wanted {
    Default,
    Unconfined,
    Localhost(String),
}

fn from_field(profile: &SeccompProfile) -> Result<Wanted, String> {
    match profile.kind.as_str() {
        "RuntimeDefault" => Ok(Wanted::Default),
        "Unconfined" => Ok(Wanted::Unconfined),
        "Localhost" => match &profile.localhost_profile {
            Some(path) => Ok(Wanted::Localhost(path.clone())),
            None => {
                Err("securityContext.seccompProfile: type Localhost needs localhostProfile".into())
            }
        },
        other => Err(format!(
            "securityContext.seccompProfile.type: {other:?}: expected Localhost, RuntimeDefault or Unconfined"
        )),
    }
}

fn from_annotation(value: &str) -> Result<Wanted, String> {
    match value {
        "runtime/default" | "docker/default" => Ok(Wanted::Default),
        "unconfined" => Ok(Wanted::Unconfined),
        _ => match value.strip_prefix("localhost/") {
            Some(path) => Ok(Wanted::Localhost(path.into())),
            None => Err(format!(
                "{value:?}: expected localhost/PATH, runtime/default or unconfined"
            )),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(yaml_annotations: &[(&str, &str)]) -> PodDoc {
        PodDoc {
            name: "p".into(),
            kind: "Pod".into(),
            labels: Default::default(),
            annotations: yaml_annotations
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            spec: Default::default(),
        }
    }

    #[test]
    fn profiles_come_from_the_field_then_the_annotations_and_stay_under_the_root() {
        let root = Path::new("/prof");
        let mut c = Container {
            name: "web".into(),
            ..Container::default()
        };
        let pod = doc(&[(
            "seccomp.security.alpha.kubernetes.io/pod",
            "localhost/p.json",
        )]);
        assert_eq!(
            security_opt(&pod, &c, root).unwrap().as_deref(),
            Some("seccomp=/prof/p.json")
        );
        let ctr = doc(&[
            (
                "seccomp.security.alpha.kubernetes.io/pod",
                "localhost/p.json",
            ),
            (
                "container.seccomp.security.alpha.kubernetes.io/web",
                "unconfined",
            ),
        ]);
        assert_eq!(
            security_opt(&ctr, &c, root).unwrap().as_deref(),
            Some("seccomp=unconfined")
        );
        c.security_context = Some(super::super::read::Security {
            seccomp_profile: Some(SeccompProfile {
                kind: "Localhost".into(),
                localhost_profile: Some("sub/deny.json".into()),
            }),
            ..Default::default()
        });
        assert_eq!(
            security_opt(&ctr, &c, root).unwrap().as_deref(),
            Some("seccomp=/prof/sub/deny.json")
        );
        for escape in ["../etc/x.json", "/etc/x.json"] {
            c.security_context.as_mut().unwrap().seccomp_profile = Some(SeccompProfile {
                kind: "Localhost".into(),
                localhost_profile: Some(escape.into()),
            });
            assert!(security_opt(&ctr, &c, root).is_err(), "{escape}");
        }
        assert_eq!(
            security_opt(&doc(&[]), &Container::default(), root).unwrap(),
            None
        );
    }
}
