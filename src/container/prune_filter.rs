//! The `--filter`s of the prune verbs (container, image, volume, network and system prune):
//! podman's `until=`, `label=` and `label!=`, checked before anything is removed.

use std::collections::BTreeMap;

use super::ContainerError;
use crate::image::store::{ImageRecord, Store};

#[derive(Debug, Clone, PartialEq, Eq)]
enum Filter {
    /// Created before this time.
    Until(jiff::Timestamp),
    Label(String, Option<String>),
    /// `label!=KEY[=VALUE]`: without that label.
    NoLabel(String, Option<String>),
}

/// The filters given; none picks everything the prune would take anyway.
#[derive(Debug, Clone, Default)]
pub struct PruneFilters(Vec<Filter>);

impl PruneFilters {
    pub fn parse(given: &[String]) -> Result<PruneFilters, ContainerError> {
        let now = jiff::Timestamp::now();
        let filters = given
            .iter()
            .map(|text| {
                let bad = |reason: &str| ContainerError::invalid("filter", text, reason);
                let label = |v: &str| match v.split_once('=') {
                    Some((k, v)) => (k.to_string(), Some(v.to_string())),
                    None => (v.to_string(), None),
                };
                Ok(match text.split_once('=') {
                    Some(("until", t)) => Filter::Until(
                        crate::format::units::parse_time(t, now)
                            .map_err(|_| bad("until takes a time or a duration such as 1h"))?,
                    ),
                    Some(("label", v)) => {
                        let (k, v) = label(v);
                        Filter::Label(k, v)
                    }
                    Some(("label!", v)) => {
                        let (k, v) = label(v);
                        Filter::NoLabel(k, v)
                    }
                    _ => return Err(bad("expected until=, label= or label!=")),
                })
            })
            .collect::<Result<_, _>>()?;
        Ok(PruneFilters(filters))
    }

    /// Whether something created at `created` (RFC 3339; unknown passes `until`) with
    /// `labels` is picked by every filter.
    pub fn matches(&self, created: Option<&str>, labels: &BTreeMap<String, String>) -> bool {
        let has = |k: &String, v: &Option<String>| {
            labels
                .get(k)
                .is_some_and(|have| v.as_ref().is_none_or(|want| want == have))
        };
        self.0.iter().all(|f| match f {
            Filter::Until(t) => created
                .and_then(|c| c.parse::<jiff::Timestamp>().ok())
                .is_none_or(|c| c < *t),
            Filter::Label(k, v) => has(k, v),
            Filter::NoLabel(k, v) => !has(k, v),
        })
    }

    /// [`matches`](Self::matches) for an image: its labels are its config's.
    pub fn matches_image(&self, store: &Store, image: &ImageRecord) -> bool {
        if self.0.is_empty() {
            return true;
        }
        let labels = store
            .read_blob(&image.config_digest())
            .ok()
            .and_then(|blob| serde_json::from_slice::<serde_json::Value>(&blob).ok())
            .and_then(|config| serde_json::from_value(config["config"]["Labels"].clone()).ok())
            .unwrap_or_default();
        self.matches(image.created.as_deref(), &labels)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_pick_by_label_and_time() {
        let labels = BTreeMap::from([("tier".to_string(), "web".to_string())]);
        let old = Some("2020-01-01T00:00:00Z");
        let picked = |f: &[&str], created| {
            let given: Vec<String> = f.iter().map(|s| s.to_string()).collect();
            PruneFilters::parse(&given)
                .unwrap()
                .matches(created, &labels)
        };
        assert!(picked(&["label=tier"], old));
        assert!(picked(&["label=tier=web"], old));
        assert!(!picked(&["label=tier=db"], old));
        assert!(!picked(&["label!=tier"], old));
        assert!(picked(&["label!=tier=db"], old));
        assert!(picked(&["until=2021-01-01T00:00:00Z"], old));
        assert!(!picked(&["until=2019-01-01T00:00:00Z"], old));
        assert!(!picked(
            &["until=1h"],
            Some(&jiff::Timestamp::now().to_string())
        ));
        for bad in ["color=red", "until=soon", "nokey"] {
            assert!(PruneFilters::parse(&[bad.to_string()]).is_err(), "{bad}");
        }
    }
}
