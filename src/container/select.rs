//! Which containers a verb acts on: those named, those whose ids `--cidfile` files hold, or
//! those `--all`, `--latest` and `--filter` pick (podman's filter keys).

use std::path::PathBuf;

use super::list::{self, Entry};
use super::status::Status;
use super::{ContainerError, Engine};
use crate::monitor::restart::RestartPolicy;

/// One `--filter KEY=VALUE`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Filter {
    Status(String),
    Name(String),
    Id(String),
    /// An image name, or the image's id once resolved.
    Ancestor(String),
    Label(String, Option<String>),
    /// `label!=KEY[=VALUE]`: containers without that label.
    NoLabel(String, Option<String>),
    Exited(i32),
    /// Created before or after (`since`) the named container.
    Before(String),
    Since(String),
    /// `restart-policy=NAME`; `unless-stopped` leaves out containers a user stopped, as a
    /// docker daemon does when it starts them again.
    RestartPolicy(String),
    /// `health=starting|healthy|unhealthy|none`.
    Health(String),
    /// `pod=NAME|ID`: the pod's id once resolved.
    Pod(String),
    /// `node=NAME`: containers of that node (#22; rpod's key). `ps` then looks at every
    /// node's containers.
    Node(String),
}

const HEALTH: [&str; 4] = ["starting", "healthy", "unhealthy", "none"];

const POLICIES: [&str; 4] = ["no", "always", "on-failure", "unless-stopped"];

const STATES: [&str; 7] = [
    "created",
    "running",
    "exited",
    "paused",
    "restarting",
    "removing",
    "dead",
];

impl Filter {
    pub fn parse(s: &str) -> Result<Filter, ContainerError> {
        let bad = |reason: &str| ContainerError::invalid("filter", s, reason);
        let (key, value) = s.split_once('=').ok_or_else(|| {
            bad("expected KEY=VALUE with status, name, id, ancestor, label, exited, before or since")
        })?;
        let label = |v: &str| match v.split_once('=') {
            Some((k, v)) => (k.to_string(), Some(v.to_string())),
            None => (v.to_string(), None),
        };
        Ok(match key {
            "status" if STATES.contains(&value) => Filter::Status(value.into()),
            "status" => return Err(bad("a status is created, running, paused or exited")),
            "name" => Filter::Name(value.into()),
            "id" => Filter::Id(value.into()),
            "ancestor" => Filter::Ancestor(value.into()),
            "label" => {
                let (k, v) = label(value);
                Filter::Label(k, v)
            }
            "label!" => {
                let (k, v) = label(value);
                Filter::NoLabel(k, v)
            }
            "exited" => Filter::Exited(
                value
                    .parse()
                    .map_err(|_| bad("exited takes an exit code"))?,
            ),
            "before" => Filter::Before(value.into()),
            "since" | "after" => Filter::Since(value.into()),
            "restart-policy" if POLICIES.contains(&value) => Filter::RestartPolicy(value.into()),
            "restart-policy" => {
                return Err(bad(
                    "a restart policy is no, always, on-failure or unless-stopped",
                ));
            }
            "health" if HEALTH.contains(&value) => Filter::Health(value.into()),
            "health" => return Err(bad("a health is starting, healthy, unhealthy or none")),
            "pod" => Filter::Pod(value.into()),
            "node" => Filter::Node(value.into()),
            _ => {
                return Err(bad(
                    "expected status, name, id, ancestor, label, label!, exited, before, since, restart-policy, health, pod or node",
                ));
            }
        })
    }

    /// Whether the filter looks at stopped containers too (a status filter does).
    fn shows_stopped(&self) -> bool {
        !matches!(
            self,
            Filter::Name(_)
                | Filter::Id(_)
                | Filter::Ancestor(_)
                | Filter::Label(..)
                | Filter::NoLabel(..)
                | Filter::Pod(_)
                | Filter::Node(_)
        )
    }
}

fn has_label(e: &Entry, key: &str, value: &Option<String>) -> bool {
    e.record
        .run
        .labels
        .get(key)
        .is_some_and(|have| value.as_ref().is_none_or(|want| want == have))
}

/// Filters with names resolved: `ancestor` to image ids, `before`/`since` to creation times.
pub struct Resolved {
    filters: Vec<Filter>,
    /// This node, the node of records from before nodes were recorded.
    here: String,
    ancestor_ids: Vec<String>,
    created: Vec<(String, String)>,
}

impl Resolved {
    /// `image_id` resolves an image name to its id (None when there is no such image).
    pub fn new(
        engine: &Engine,
        filters: Vec<Filter>,
        image_id: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Resolved, ContainerError> {
        let ancestor_ids = filters
            .iter()
            .filter_map(|f| match f {
                Filter::Ancestor(a) => image_id(a),
                _ => None,
            })
            .collect();
        let pods = super::pod::pods(engine);
        let filters = filters
            .into_iter()
            .map(|f| match f {
                Filter::Pod(p) => pods.get(&p).map(|pod| Filter::Pod(pod.id)),
                other => Ok(other),
            })
            .collect::<Result<Vec<_>, _>>()?;
        let mut created = Vec::new();
        for f in &filters {
            if let Filter::Before(c) | Filter::Since(c) = f {
                created.push((c.clone(), engine.find(c)?.0.created));
            }
        }
        Ok(Resolved {
            filters,
            here: engine.node.clone(),
            ancestor_ids,
            created,
        })
    }

    pub fn shows_stopped(&self) -> bool {
        self.filters.iter().any(Filter::shows_stopped)
    }

    /// Whether a `node` filter asks for containers of any node.
    pub fn names_nodes(&self) -> bool {
        self.filters.iter().any(|f| matches!(f, Filter::Node(_)))
    }

    fn created_of(&self, name: &str) -> &str {
        self.created
            .iter()
            .find(|(n, _)| n == name)
            .map_or("", |(_, c)| c.as_str())
    }

    pub fn filters(&self) -> &[Filter] {
        &self.filters
    }

    pub fn matches(&self, e: &Entry) -> bool {
        self.filters.iter().all(|f| self.one(f, e))
    }

    fn one(&self, f: &Filter, e: &Entry) -> bool {
        let r = &e.record;
        match f {
            Filter::Status(s) => e.status.name() == s,
            Filter::Name(n) => r.name.contains(n.as_str()),
            Filter::Id(p) => r.id.as_str().starts_with(p.as_str()),
            Filter::Ancestor(a) => {
                r.image_name == *a || self.ancestor_ids.contains(&r.image.to_string())
            }
            Filter::Label(k, v) => has_label(e, k, v),
            Filter::NoLabel(k, v) => !has_label(e, k, v),
            Filter::Exited(code) => {
                matches!(&e.status, Status::Exited(x) if x.exit_code == *code)
            }
            Filter::Before(c) => r.created.as_str() < self.created_of(c),
            Filter::Since(c) => r.created.as_str() > self.created_of(c),
            Filter::RestartPolicy(p) => {
                let stopped = matches!(&e.status, Status::Exited(x) if x.stopped_by_user);
                r.run.restart.name() == p
                    && !(stopped && r.run.restart == RestartPolicy::UnlessStopped)
            }
            Filter::Pod(id) => r.run.pod.as_ref() == Some(id),
            Filter::Node(n) => r.node.as_deref().unwrap_or(&self.here) == n,
            Filter::Health(h) => {
                super::health::of(e).map_or("none", |health| health.status.name()) == h
            }
        }
    }
}

/// `--latest` of every container verb: the id of this node's container created last, in any
/// state; with none, podman's "no such container".
pub fn latest(engine: &Engine) -> Result<String, ContainerError> {
    engine
        .list_here()?
        .into_iter()
        .filter(|(record, _)| record.run.builder.is_none())
        .max_by(|(a, _), (b, _)| a.created.cmp(&b.created))
        .map(|(record, _)| record.id.to_string())
        .ok_or(ContainerError::NoLatest)
}

/// What the command line named.
#[derive(Debug, Default)]
pub struct Selection {
    pub names: Vec<String>,
    pub cidfiles: Vec<PathBuf>,
    /// `--all`: every container in a state `wanted` accepts.
    pub all: bool,
    /// `--latest`: the container created last, whatever its state (podman's).
    pub latest: bool,
    pub filters: Vec<String>,
    /// `--ignore`: a missing --cidfile is no error.
    pub ignore: bool,
}

impl Selection {
    /// Names, `--all` and `--latest`: the verbs with no `--cidfile` or `--filter`.
    pub fn named(names: &[String], all: bool, latest: bool) -> Selection {
        Selection {
            names: names.to_vec(),
            all,
            latest,
            ..Selection::default()
        }
    }

    /// Whether `--all` or `--filter` pick containers.
    fn picks(&self) -> bool {
        self.all || !self.filters.is_empty()
    }

    /// Checks the filters before anything is done.
    pub fn parsed_filters(&self) -> Result<Vec<Filter>, ContainerError> {
        self.filters.iter().map(|f| Filter::parse(f)).collect()
    }

    /// The containers to act on, as ids or the names given; `wanted` is the state `--all`
    /// and `--filter` pick from (e.g. running ones for `stop --all`).
    pub fn targets(
        &self,
        engine: &Engine,
        wanted: &dyn Fn(&Status) -> bool,
        image_id: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Vec<String>, ContainerError> {
        let mut targets = self.names.clone();
        for file in &self.cidfiles {
            match std::fs::read_to_string(file) {
                Ok(text) => targets.push(text.trim().to_string()),
                Err(e) if self.ignore && e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(ContainerError::io("read the container id file", file)(e)),
            }
        }
        if self.latest {
            targets.push(latest(engine)?);
        }
        if !self.picks() {
            return Ok(targets);
        }
        let resolved = Resolved::new(engine, self.parsed_filters()?, image_id)?;
        let mut entries = list::entries(engine)?;
        entries.retain(|e| wanted(&e.status) && resolved.matches(e));
        targets.extend(entries.into_iter().map(|e| e.record.id.to_string()));
        Ok(targets)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_parse_as_podman_names_them() {
        assert_eq!(
            Filter::parse("status=exited").unwrap(),
            Filter::Status("exited".into())
        );
        assert_eq!(
            Filter::parse("label=a=b").unwrap(),
            Filter::Label("a".into(), Some("b".into()))
        );
        assert_eq!(
            Filter::parse("label!=a").unwrap(),
            Filter::NoLabel("a".into(), None)
        );
        assert_eq!(Filter::parse("exited=3").unwrap(), Filter::Exited(3));
        assert_eq!(
            Filter::parse("node=node-a").unwrap(),
            Filter::Node("node-a".into())
        );
        assert_eq!(
            Filter::parse("since=web").unwrap(),
            Filter::Since("web".into())
        );
        for bad in ["status=sleepy", "color=red", "exited=x", "nokey"] {
            assert!(Filter::parse(bad).is_err(), "{bad}");
        }
    }
}
