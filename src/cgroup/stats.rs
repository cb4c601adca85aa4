//! What a leaf's processes use, from the cgroup's own accounting files.

use std::fs;
use std::path::Path;

use super::leaf::Leaf;

/// One reading; a figure is None where its controller is not enabled for the leaf.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CgroupStats {
    /// memory.current less the inactive file cache, as docker counts usage.
    pub memory_bytes: Option<u64>,
    /// The smallest memory.max of the leaf and the cgroups above it (a pod's limit holds for
    /// its members); None when nothing limits it.
    pub memory_limit: Option<u64>,
    /// cpu.stat usage_usec (present even without the cpu controller).
    pub cpu_usec: Option<u64>,
    pub pids: Option<u64>,
    /// io.stat, summed over devices: bytes read and written.
    pub io_bytes: Option<(u64, u64)>,
}

fn read(dir: &Path, file: &str) -> Option<String> {
    fs::read_to_string(dir.join(file)).ok()
}

fn number(text: &str) -> Option<u64> {
    text.trim().parse().ok()
}

/// A value from a flat-keyed file (`key value` lines: memory.stat, cpu.stat).
pub fn keyed(text: &str, key: &str) -> Option<u64> {
    text.lines().find_map(|l| {
        let (k, v) = l.split_once(' ')?;
        (k == key).then(|| number(v)).flatten()
    })
}

/// io.stat's `MAJ:MIN rbytes=… wbytes=… …` lines, summed.
pub fn io_totals(text: &str) -> (u64, u64) {
    let mut totals = (0, 0);
    for field in text.split_whitespace() {
        match field.split_once('=') {
            Some(("rbytes", v)) => totals.0 += number(v).unwrap_or(0),
            Some(("wbytes", v)) => totals.1 += number(v).unwrap_or(0),
            _ => {}
        }
    }
    totals
}

/// The limit the kernel enforces on `dir`: every cgroup above it that has a memory.max bounds
/// it too. The walk ends at the first without one (the memory controller is not enabled there,
/// so it is not above that either).
fn memory_limit(dir: &Path) -> Option<u64> {
    dir.ancestors()
        .map_while(|d| read(d, "memory.max"))
        .filter_map(|m| number(&m))
        .min()
}

pub fn read_stats(leaf: &Leaf) -> CgroupStats {
    let dir = leaf.path();
    let memory_bytes = read(dir, "memory.current")
        .and_then(|c| number(&c))
        .map(|current| {
            let inactive = read(dir, "memory.stat")
                .and_then(|s| keyed(&s, "inactive_file"))
                .unwrap_or(0);
            current.saturating_sub(inactive)
        });
    CgroupStats {
        memory_bytes,
        memory_limit: memory_limit(dir),
        cpu_usec: read(dir, "cpu.stat").and_then(|s| keyed(&s, "usage_usec")),
        pids: read(dir, "pids.current").and_then(|p| number(&p)),
        io_bytes: read(dir, "io.stat").map(|s| io_totals(&s)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_come_from_the_leaf_files() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path();
        fs::write(p.join("memory.current"), "10485760\n").unwrap();
        fs::write(
            p.join("memory.stat"),
            "anon 8388608\nfile 2097152\ninactive_file 1048576\n",
        )
        .unwrap();
        fs::write(p.join("memory.max"), "max\n").unwrap();
        fs::write(
            p.join("cpu.stat"),
            "usage_usec 1500000\nuser_usec 1000000\n",
        )
        .unwrap();
        fs::write(p.join("pids.current"), "3\n").unwrap();
        fs::write(
            p.join("io.stat"),
            "254:0 rbytes=4096 wbytes=8192 rios=1 wios=2 dbytes=0 dios=0\n8:0 rbytes=1 wbytes=1\n",
        )
        .unwrap();
        let s = read_stats(&Leaf::at(p.to_path_buf()));
        assert_eq!(s.memory_bytes, Some(9437184));
        assert_eq!(s.memory_limit, None);
        assert_eq!(s.cpu_usec, Some(1_500_000));
        assert_eq!(s.pids, Some(3));
        assert_eq!(s.io_bytes, Some((4097, 8193)));
        fs::write(p.join("memory.max"), "33554432\n").unwrap();
        assert_eq!(
            read_stats(&Leaf::at(p.to_path_buf())).memory_limit,
            Some(33554432)
        );
        assert_eq!(
            read_stats(&Leaf::at(p.join("none"))),
            CgroupStats::default()
        );
    }

    #[test]
    fn a_limit_above_the_leaf_bounds_it() {
        let dir = tempfile::tempdir().unwrap();
        let pod = dir.path().join("pod");
        let leaf = pod.join("member");
        fs::create_dir_all(&leaf).unwrap();
        fs::write(dir.path().join("memory.max"), "max\n").unwrap();
        fs::write(pod.join("memory.max"), "33554432\n").unwrap();
        fs::write(leaf.join("memory.max"), "max\n").unwrap();
        let limit = |l: &Path| read_stats(&Leaf::at(l.to_path_buf())).memory_limit;
        assert_eq!(limit(&leaf), Some(33554432));
        fs::write(leaf.join("memory.max"), "16777216\n").unwrap();
        assert_eq!(limit(&leaf), Some(16777216));
        fs::write(leaf.join("memory.max"), "max\n").unwrap();
        fs::remove_file(pod.join("memory.max")).unwrap();
        assert_eq!(
            limit(&leaf),
            None,
            "the walk stops where memory.max is missing"
        );
    }
}
