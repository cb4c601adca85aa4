//! cgroup v2: where it is, what the caller may control, and (issue 6) container leaves.

pub mod probe;
