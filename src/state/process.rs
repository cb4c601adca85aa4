//! A process identified by pid *and* start time, so that a recycled pid is never mistaken for
//! the process that was recorded.

use std::fs;
use std::io::Read;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProcessStamp {
    pub pid: i32,
    /// Field 22 of /proc/PID/stat: clock ticks after boot when the process started.
    pub start_time: u64,
}

/// What /proc says about a pid right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Liveness {
    Alive,
    /// Exited but not reaped: not every init reaps orphans (this project's CI machine does not).
    Zombie,
    Gone,
}

fn read_stat(pid: i32) -> Option<(char, u64)> {
    // One read(2): the kernel makes the whole line (well under a page) at the first, so no
    // size query and no read to find its end (`ps` reads one per running container).
    let mut buf = [0u8; 4096];
    let len = fs::File::open(format!("/proc/{pid}/stat"))
        .ok()?
        .read(&mut buf)
        .ok()?;
    let stat = &buf[..len];
    // The command name is in parentheses and may itself contain spaces, ')' or bytes that
    // are not UTF-8; what follows it is ASCII.
    let after_comm = stat.get(stat.iter().rposition(|b| *b == b')')? + 2..)?;
    let after_comm = std::str::from_utf8(after_comm).ok()?.trim_end();
    let mut fields = after_comm.split(' ');
    let state = fields.next()?.chars().next()?;
    // after_comm starts at field 3 (state); start time is field 22.
    let start_time = fields.nth(18)?.parse().ok()?;
    Some((state, start_time))
}

impl ProcessStamp {
    pub fn of(pid: i32) -> Option<ProcessStamp> {
        let (_, start_time) = read_stat(pid)?;
        Some(ProcessStamp { pid, start_time })
    }

    pub fn current() -> ProcessStamp {
        ProcessStamp::of(std::process::id() as i32).expect("/proc/self/stat is readable on Linux")
    }

    pub fn liveness(&self) -> Liveness {
        match read_stat(self.pid) {
            Some((_, start)) if start != self.start_time => Liveness::Gone,
            Some(('Z' | 'X', _)) => Liveness::Zombie,
            Some(_) => Liveness::Alive,
            None => Liveness::Gone,
        }
    }

    pub fn is_alive(&self) -> bool {
        self.liveness() == Liveness::Alive
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_process_is_alive_and_a_changed_start_time_is_not() {
        let me = ProcessStamp::current();
        assert!(me.is_alive());
        let recycled = ProcessStamp {
            start_time: me.start_time + 1,
            ..me
        };
        assert_eq!(recycled.liveness(), Liveness::Gone);
    }

    #[test]
    fn exited_child_is_a_zombie_until_reaped() {
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let stamp = ProcessStamp::of(child.id() as i32).unwrap();
        for _ in 0..200 {
            if stamp.liveness() == Liveness::Zombie {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        assert_eq!(stamp.liveness(), Liveness::Zombie);
        child.wait().unwrap();
        assert_eq!(stamp.liveness(), Liveness::Gone);
    }
}
