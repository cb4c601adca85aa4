//! argv → cli → one exit path.

use std::ffi::OsStr;
use std::process::ExitCode;

fn main() -> ExitCode {
    // Whatever the caller left open (a pipe on fd 3, say) must not reach the monitor, pasta or
    // any helper that outlives this command: it would keep the caller waiting.
    if let Err(e) = rpod::runtime::fds::keep_inherited_from_children() {
        eprintln!("Error: cannot mark inherited descriptors close-on-exec: {e}");
        return ExitCode::from(125);
    }
    let first = std::env::args_os().nth(1);
    // The monitor is started thousands of times and lives long: it skips argument parsing.
    if first.as_deref() == Some(OsStr::new(rpod::monitor::SUBCOMMAND)) {
        return ExitCode::from(rpod::monitor::supervise::main());
    }
    // The helpers that join or build namespaces need a process that never started a thread:
    // exec joins a container; cp joins or builds its mount namespace; the squashfs reader and
    // unshare unshare a user namespace.
    if first.as_deref() == Some(OsStr::new(rpod::container::exec::SUBCOMMAND)) {
        return with_spec(|spec| rpod::runtime::join::run(spec).clamp(0, 255) as u8);
    }
    if first.as_deref() == Some(OsStr::new(rpod::container::copy::SUBCOMMAND)) {
        return with_spec(rpod::container::copy::helper_main);
    }
    if first.as_deref() == Some(OsStr::new(rpod::container::squash_read::SUBCOMMAND)) {
        return with_spec(rpod::container::squash_read::helper_main);
    }
    if first.as_deref() == Some(OsStr::new(rpod::container::unshare::SUBCOMMAND)) {
        return with_spec(rpod::container::unshare::helper_main);
    }
    // The rootless network namespace's holder and its launcher: the holder unshares its
    // namespaces, which needs a process that never started a thread.
    if first.as_deref() == Some(OsStr::new(rpod::network::holder::SUBCOMMAND)) {
        return ExitCode::from(netns_holder());
    }
    // The helper of `network connect`/`disconnect` of a running container: it joins the
    // holder's user namespace, which needs a process that never started a thread.
    if first.as_deref() == Some(OsStr::new(rpod::network::live::SUBCOMMAND)) {
        return with_spec(|spec| match rpod::network::live::helper_main(spec) {
            Ok(()) => 0,
            Err(problem) => {
                eprintln!("{problem}");
                1
            }
        });
    }
    // `network create -o vrf=`'s probe: unshares a user namespace, which needs a process that
    // never started a thread.
    if first.as_deref() == Some(OsStr::new(rpod::network::vrf::SUBCOMMAND)) {
        return match rpod::network::vrf::probe_main() {
            Ok(()) => ExitCode::SUCCESS,
            Err(problem) => {
                eprintln!("{problem}");
                ExitCode::from(1)
            }
        };
    }
    // The storage probe's child: mounts a test overlay in a user namespace of its own.
    if first.as_deref() == Some(OsStr::new(rpod::storage::probe::PROBE_SUBCOMMAND)) {
        let Some(dir) = std::env::args_os().nth(2) else {
            return ExitCode::from(125);
        };
        return match rpod::monitor::probe::overlay_child(std::path::Path::new(&dir)) {
            Ok(()) => ExitCode::SUCCESS,
            Err(problem) => {
                eprintln!("{problem}");
                ExitCode::from(1)
            }
        };
    }
    let code = match rpod::cli::run(std::env::args_os()) {
        Ok(code) => code,
        Err(err) => rpod::error::report(&err),
    };
    ExitCode::from(code)
}

/// Runs a helper on the JSON spec its second argument holds; 125 when there is none.
fn with_spec<T: serde::de::DeserializeOwned>(helper: impl FnOnce(&T) -> u8) -> ExitCode {
    let spec = std::env::args()
        .nth(2)
        .and_then(|s| serde_json::from_str(&s).ok());
    ExitCode::from(spec.as_ref().map_or(125, helper))
}

/// `__netns-holder launch DIR`, `run DIR` or `join DIR PID`; the error goes to stderr, which
/// the launcher (for `run`) or the monitor (for `launch`) reports.
fn netns_holder() -> u8 {
    use rpod::network::holder;
    let args: Vec<_> = std::env::args_os().skip(2).collect();
    let (Some(verb), Some(dir)) = (args.first().and_then(|v| v.to_str()), args.get(1)) else {
        return 125;
    };
    // `join DIR PID`: the namespaces of the killed holder that PID is still in.
    let (dir, joined, rest) = match verb {
        "join" => match args.get(2).and_then(|p| p.to_str()?.parse::<i32>().ok()) {
            Some(pid) => (args[1].as_os_str(), Some(pid), &args[3..]),
            None => return 125,
        },
        _ => (dir.as_os_str(), None, &args[2..]),
    };
    let dir = std::path::Path::new(dir);
    // `[network] helper-dirs`, passed on by the monitor.
    let helper_dirs: Vec<std::path::PathBuf> = rest.iter().map(Into::into).collect();
    let result = match (verb, joined) {
        ("launch", None) => holder::launch(dir, &helper_dirs),
        ("run", None) => rpod::runtime::userns::enter(
            rpod::runtime::userns::IdMap::root(),
            nix::sched::CloneFlags::CLONE_NEWNET,
        )
        .map_err(|e| e.to_string())
        .and_then(|()| holder::hold(dir, &helper_dirs, false)),
        ("join", Some(pid)) => {
            let ns = |kind: &str| std::path::PathBuf::from(format!("/proc/{pid}/ns/{kind}"));
            rpod::runtime::userns::join(
                &ns("user"),
                &[(&ns("net"), nix::sched::CloneFlags::CLONE_NEWNET)],
            )
            .map_err(|e| e.to_string())
            .and_then(|()| holder::hold(dir, &helper_dirs, true))
        }
        _ => return 125,
    };
    match result {
        Ok(()) => 0,
        Err(message) => {
            eprintln!("{message}");
            1
        }
    }
}
