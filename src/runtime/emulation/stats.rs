//! Where the supervisor's time goes, for tuning (issue 14): with `RPOD_EMULATION_STATS` set to
//! a directory, each supervisor counts its notifications per calling program, system call and
//! answer, with its own CPU time for them, and writes them when it ends to
//! `DIR/emulation-PID.tsv` (`program call answer count cpu_us`). Unset, nothing is counted.

use std::collections::HashMap;
use std::os::fd::{AsRawFd, OwnedFd};
use std::time::Duration;

use super::hostproc::Proc;
use super::notify::Reply;

/// The variable that names the directory.
pub const VARIABLE: &str = "RPOD_EMULATION_STATS";

#[derive(Default)]
struct Tally {
    count: u64,
    cpu: Duration,
}

pub struct Stats {
    dir: OwnedFd,
    tallies: HashMap<(String, i64, &'static str), Tally>,
}

/// The name of a notified call.
fn call_name(nr: i64) -> String {
    let arch = super::seccomp::Arch::host();
    let notified = super::CALLS.iter().chain(super::CREATING);
    notified
        .chain(&["open", "openat", "prctl", "getsockopt"])
        .find(|name| arch.and_then(|a| a.syscall_number(name)).map(i64::from) == Some(nr))
        .map_or_else(|| nr.to_string(), |name| name.to_string())
}

/// The calling thread's CPU time so far: the serving thread's, not the other one's.
#[allow(unsafe_code)]
pub fn cpu_now() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes one timespec, which `ts` is, and keeps no pointer to it.
    if unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) } != 0 {
        return Duration::ZERO;
    }
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

impl Stats {
    /// The directory named by the variable, opened before the supervisor enters the
    /// container's mount namespace; None when it is unset or cannot be opened.
    pub fn from_env() -> Option<Stats> {
        let dir = std::env::var_os(VARIABLE)?;
        let dir = nix::fcntl::open(
            dir.as_os_str(),
            nix::fcntl::OFlag::O_PATH
                | nix::fcntl::OFlag::O_DIRECTORY
                | nix::fcntl::OFlag::O_CLOEXEC,
            nix::sys::stat::Mode::empty(),
        )
        .inspect_err(|e| tracing::warn!("{VARIABLE}: cannot open the directory: {e}"))
        .ok()?;
        Some(Stats {
            dir,
            tallies: HashMap::new(),
        })
    }

    pub fn raw(&self) -> i32 {
        self.dir.as_raw_fd()
    }

    /// One answered notification of thread `pid` that took `cpu` of the supervisor's time.
    pub fn count(&mut self, proc: &Proc, pid: i32, nr: i64, reply: Reply, cpu: Duration) {
        let program = proc
            .read(&format!("{pid}/comm"))
            .map(|c| String::from_utf8_lossy(&c).trim().to_string())
            .unwrap_or_else(|_| "?".into());
        let answer = match reply {
            Reply::Continue => "continue",
            Reply::Value(_) => "value",
            Reply::Error(_) => "error",
            Reply::Handled => "descriptor",
        };
        let tally = self.tallies.entry((program, nr, answer)).or_default();
        tally.count += 1;
        tally.cpu += cpu;
    }

    /// Writes the table (most CPU first).
    pub fn write(&self) {
        let mut rows: Vec<_> = self.tallies.iter().collect();
        rows.sort_by_key(|row| std::cmp::Reverse(row.1.cpu));
        let mut text = String::from("program\tcall\tanswer\tcount\tcpu_us\n");
        for ((program, nr, answer), t) in rows {
            let call = call_name(*nr);
            text.push_str(&format!(
                "{program}\t{call}\t{answer}\t{}\t{}\n",
                t.count,
                t.cpu.as_micros()
            ));
        }
        // Written whole then renamed: the monitor may kill the supervisor at any moment.
        let name = format!("emulation-{}.tsv", std::process::id());
        let tmp = format!("{name}.tmp");
        let file = nix::fcntl::openat(
            &self.dir,
            tmp.as_str(),
            nix::fcntl::OFlag::O_WRONLY
                | nix::fcntl::OFlag::O_CREAT
                | nix::fcntl::OFlag::O_TRUNC
                | nix::fcntl::OFlag::O_CLOEXEC,
            nix::sys::stat::Mode::from_bits_truncate(0o644),
        );
        let written = file.is_ok_and(|fd| {
            std::io::Write::write_all(&mut std::fs::File::from(fd), text.as_bytes()).is_ok()
        });
        if written {
            let _ = nix::fcntl::renameat(&self.dir, tmp.as_str(), &self.dir, name.as_str());
        }
    }
}
