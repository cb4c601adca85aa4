//! The container's /proc as an emulated process should see it: `/proc/PID/status` with the
//! emulated ids, groups and capabilities, and `/proc/PID` owned by the process's emulated
//! effective ids (procps takes a process's user from that directory's owner).

use super::creds::Creds;

/// Whose entry a /proc path names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    /// `self` or `thread-self`: the caller.
    Caller,
    /// A pid of the container's namespace.
    Pid(i32),
}

/// What a /proc path is.
#[derive(Debug, PartialEq, Eq)]
pub enum ProcPath {
    /// `/proc/WHO` or `/proc/WHO/task/TID`: owned by the process's effective ids.
    Dir(Who),
    /// `/proc/WHO/status` or `/proc/WHO/task/TID/status`; the path to read it at in the
    /// container's /proc (its numbers), with `self` for the caller still to be replaced.
    Status(Who),
}

fn who(part: &[u8]) -> Option<Who> {
    match part {
        b"self" | b"thread-self" => Some(Who::Caller),
        n if !n.is_empty() && n.iter().all(u8::is_ascii_digit) => {
            std::str::from_utf8(n).ok()?.parse().ok().map(Who::Pid)
        }
        _ => None,
    }
}

/// Recognises the /proc paths the emulation rewrites.
pub fn parse(path: &[u8]) -> Option<ProcPath> {
    let parts: Vec<&[u8]> = path
        .split(|b| *b == b'/')
        .filter(|p| !p.is_empty() && *p != b".")
        .collect();
    if path.first() != Some(&b'/') || parts.first() != Some(&&b"proc"[..]) {
        return None;
    }
    let owner = who(parts.get(1)?)?;
    // A thread's entry is its process's for what is emulated (ids are per process here).
    let rest = match &parts[2..] {
        [b"task", tid, rest @ ..] if who(tid).is_some() => rest,
        rest => rest,
    };
    match rest {
        [] => Some(ProcPath::Dir(owner)),
        [b"status"] => Some(ProcPath::Status(owner)),
        _ => None,
    }
}

fn ids(a: u32, b: u32, c: u32, d: u32) -> String {
    format!("{a}\t{b}\t{c}\t{d}")
}

/// `status` with the Uid, Gid, Groups and capability lines of `creds`.
pub fn patch_status(text: &str, creds: &Creds) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let (key, _) = line.split_once(':').unwrap_or((line, ""));
        let replaced = match key {
            "Uid" => Some(ids(creds.ruid, creds.euid, creds.suid, creds.fsuid)),
            "Gid" => Some(ids(creds.rgid, creds.egid, creds.sgid, creds.fsgid)),
            "Groups" => Some(
                creds
                    .groups
                    .iter()
                    .map(|g| format!("{g} "))
                    .collect::<String>(),
            ),
            "CapInh" => Some(format!("{:016x}", creds.inheritable)),
            "CapPrm" => Some(format!("{:016x}", creds.permitted)),
            "CapEff" => Some(format!("{:016x}", creds.effective)),
            _ => None,
        };
        match replaced {
            Some(value) => out.push_str(&format!("{key}:\t{value}")),
            None => out.push_str(line),
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::emulation::Identity;

    #[test]
    fn proc_paths_are_recognised() {
        assert_eq!(
            parse(b"/proc/self/status"),
            Some(ProcPath::Status(Who::Caller))
        );
        assert_eq!(
            parse(b"/proc/thread-self/status"),
            Some(ProcPath::Status(Who::Caller))
        );
        assert_eq!(
            parse(b"/proc/12/task/13/status"),
            Some(ProcPath::Status(Who::Pid(12)))
        );
        assert_eq!(parse(b"/proc/12"), Some(ProcPath::Dir(Who::Pid(12))));
        assert_eq!(parse(b"//proc/12/"), Some(ProcPath::Dir(Who::Pid(12))));
        assert_eq!(parse(b"/proc/12/stat"), None);
        assert_eq!(parse(b"/proc/meminfo"), None);
        assert_eq!(parse(b"proc/12/status"), None);
        assert_eq!(parse(b"/etc/passwd"), None);
    }

    #[test]
    fn status_lines_show_the_emulated_ids() {
        let mut creds = Creds::new(&Identity {
            uid: 33,
            gid: 33,
            groups: vec![33, 4],
            capabilities: vec![0, 7],
        });
        creds.euid = 0;
        let text = "Name:\tnginx\nUmask:\t0022\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\nFDSize:\t64\nGroups:\t0 \nCapEff:\t00000000a80425fb\n";
        let patched = patch_status(text, &creds);
        assert_eq!(
            patched,
            "Name:\tnginx\nUmask:\t0022\nUid:\t33\t0\t33\t33\nGid:\t33\t33\t33\t33\nFDSize:\t64\nGroups:\t33 4 \nCapEff:\t0000000000000000\n"
        );
    }
}
