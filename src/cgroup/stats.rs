//! What a leaf's processes use, from the cgroup's own accounting files.

use std::fs;
use std::path::Path;

use super::leaf::Leaf;

/// One reading; a figure is None where its controller is not enabled for the leaf.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CgroupStats {
    /// memory.current less the inactive file cache, as docker counts usage.
    pub memory_bytes: Option<u64>,
    /// memory.max; None when unlimited.
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
        memory_limit: read(dir, "memory.max").and_then(|m| number(&m)),
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
}
