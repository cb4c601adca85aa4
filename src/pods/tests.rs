use super::*;

fn request(name: &str) -> PodRequest {
    PodRequest {
        name: Some(name.into()),
        ..PodRequest::default()
    }
}

#[test]
fn a_pod_is_found_by_name_and_id_prefix_and_names_stay_unique() {
    let dir = tempfile::tempdir().unwrap();
    let pods = Pods::open(dir.path());
    let web = pods.create(request("web")).unwrap();
    assert_eq!(pods.get("web").unwrap(), web);
    assert_eq!(pods.get(&web.id[..8]).unwrap(), web);
    assert!(matches!(
        pods.create(request("web")),
        Err(PodsError::Exists(_))
    ));
    assert!(matches!(
        pods.create(request("-bad")),
        Err(PodsError::Name(_))
    ));
    pods.remove(&web).unwrap();
    assert!(matches!(pods.get("web"), Err(PodsError::NotFound(_))));
    assert!(pods.list().unwrap().is_empty());
}

#[test]
fn an_unnamed_pod_is_named_after_its_id() {
    let dir = tempfile::tempdir().unwrap();
    let pod = Pods::open(dir.path())
        .create(PodRequest::default())
        .unwrap();
    assert_eq!(pod.name, format!("pod-{}", &pod.id[..12]));
}

#[test]
fn the_infra_container_is_recorded_and_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let pods = Pods::open(dir.path());
    let pod = pods.create(request("web")).unwrap();
    assert_eq!(pod.infra_id, None);
    let with = pods.set_infra(&pod, "abc123").unwrap();
    assert_eq!(with.infra_id.as_deref(), Some("abc123"));
    assert_eq!(pods.get("web").unwrap(), with);
}
