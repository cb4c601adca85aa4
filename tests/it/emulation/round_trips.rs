//! What root emulation costs in round trips to its supervisor (issue 14's speed goals): every
//! notified call is a switch to the supervisor and back, whatever it answers, so a change that
//! adds one to a stat-heavy path shows here before it shows in contrib/bench.

use crate::common::Env;
use crate::common::debian::DEBIAN;

/// The notified calls `program` made, from the supervisor's counts
/// (`RPOD_EMULATION_STATS`: `program call answer count cpu_us` lines).
fn notified(stats: &std::path::Path, program: &str) -> u64 {
    let mut total = 0;
    for file in std::fs::read_dir(stats).unwrap() {
        let path = file.unwrap().path();
        // Not a `.tmp` the supervisor was killed in the middle of.
        if path.extension().is_none_or(|e| e != "tsv") {
            continue;
        }
        let text = std::fs::read_to_string(path).unwrap();
        for line in text.lines() {
            let fields: Vec<&str> = line.split('\t').collect();
            if fields.first() == Some(&program) {
                total += fields[3].parse::<u64>().unwrap();
            }
        }
    }
    total
}

/// `find -printf %u` reaches the supervisor four times a file, none of which the filter can
/// answer (it sees no memory): the file's own stat, and glibc's getpwuid for `%u`, a stat of
/// /etc/nsswitch.conf, the open of /etc/passwd (a plain read could be a /proc status file)
/// and its fstat; a directory adds its open's fstat and a second stat. Each file's own stat
/// must reach it: that is where its recorded owner comes from.
#[test]
fn a_stat_heavy_walk_costs_four_round_trips_a_file() {
    let env = Env::with_debian();
    let stats = env
        .write_file("stats/.keep", b"")
        .parent()
        .unwrap()
        .to_path_buf();
    let mut cmd = env.rpod_cmd([
        "run",
        "--rm",
        "--network",
        "none",
        DEBIAN,
        "sh",
        "-c",
        // The supervisor writes its counts each idle second, and maybe not once the
        // container is gone: the sleep lets it write them after find.
        "find /usr/share -xdev -printf '%y %u\\n' > /tmp/l; wc -l < /tmp/l; grep -c '^d' /tmp/l; sleep 2",
    ]);
    cmd.env("RPOD_EMULATION_STATS", &stats);
    let out = env.run_with_stdin(cmd, None);
    out.success();
    let counts: Vec<u64> = out.lines().iter().map(|l| l.parse().unwrap()).collect();
    let [entries, dirs] = counts[..] else {
        panic!("{}", out.stdout)
    };
    assert!(entries > 1000, "{}", out.stdout);
    let calls = notified(&stats, "find");
    // The rest: the dynamic loader's opens and fstats, locale files, find's own start.
    let most = 4 * entries + 2 * dirs + 100;
    assert!(
        (entries..=most).contains(&calls),
        "find made {calls} notified calls for {entries} entries ({dirs} directories): \
         expected at least one and at most four a file (two more a directory)"
    );
}
