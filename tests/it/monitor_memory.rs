//! A container's monitor, and root emulation's supervisor forked from it, live as long as the
//! container, one pair per container: once it is up and quiet they give back what their
//! set-up paged in (issue 21's monitor RSS, contrib/bench's `rss`).

use std::fs;
use std::time::Duration;

use crate::common::Env;

/// A figure (kB) of a process's `smaps_rollup`.
fn rollup(pid: i32, field: &str) -> u64 {
    let text = fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).unwrap();
    text.lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or_else(|| panic!("no {field} in {text}"))
}

/// The resident kB of a process's main stack.
fn stack_rss(pid: i32) -> u64 {
    let smaps = fs::read_to_string(format!("/proc/{pid}/smaps")).unwrap();
    let mut lines = smaps.lines().skip_while(|l| !l.ends_with("[stack]"));
    lines
        .find_map(|l| l.strip_prefix("Rss:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .expect("the stack's Rss")
}

/// The children of `pid`.
fn children(pid: i32) -> Vec<i32> {
    let task = format!("/proc/{pid}/task/{pid}/children");
    fs::read_to_string(task)
        .unwrap_or_default()
        .split_whitespace()
        .filter_map(|p| p.parse().ok())
        .collect()
}

#[test]
fn an_idle_monitor_and_its_supervisor_give_back_their_set_up_pages() {
    let env = Env::with_busybox();
    let out = env.rpod(&["run", "-d", "--network", "none", "busybox", "sleep", "1000"]);
    out.success();
    let id = out.stdout.trim();
    let pid_file = env
        .path("runtime/rpod/containers")
        .join(id)
        .join("conmon.pid");
    let monitor: i32 = fs::read_to_string(pid_file)
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    // The supervisor: the monitor's child that runs the monitor's own program (a fork).
    let is_fork = |pid: i32| {
        let cmdline = fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
        cmdline.split(|&b| b == 0).nth(1) == Some(b"__monitor".as_slice())
    };
    let supervisor = children(monitor)
        .into_iter()
        .find(|&c| is_fork(c))
        .expect("root emulation's supervisor runs");
    // Half a second after the start the monitor shrinks, the supervisor at its first idle
    // sweep (a second); then both sleep until the container does something.
    std::thread::sleep(Duration::from_secs(3));
    let report = |pid| {
        format!(
            "Rss {} kB, Anonymous {} kB, stack {} kB",
            rollup(pid, "Rss"),
            rollup(pid, "Anonymous"),
            stack_rss(pid)
        )
    };
    eprintln!("idle monitor: {}", report(monitor));
    eprintln!("idle supervisor: {}", report(supervisor));
    // Measured with this profile's binary at load 11 (its relocated data alone is 744 kB of
    // anonymous pages, and each fault on its code maps up to 64 KiB around it): the monitor
    // 2.0-2.6 MB before and 1.8-3.0 MB after (several MB if it never shrinks), the supervisor
    // 5.5-7.2 MB before (it never shrank) and 2.4-3.4 MB after.
    let (monitor_rss, supervisor_rss) = (rollup(monitor, "Rss"), rollup(supervisor, "Rss"));
    assert!(monitor_rss < 3584, "idle monitor: {}", report(monitor));
    assert!(
        supervisor_rss < 4096,
        "idle supervisor: {}",
        report(supervisor)
    );
    env.rpod(&["rm", "-f", id]).success();
}
