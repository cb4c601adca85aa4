//! The supervisor's life: one event loop over the listeners of `exec`'d processes and the
//! sockets that bring new listeners (the init's through the monitor's channel, `exec`'s through
//! a socket in the container's runtime directory), and one thread that serves the container's
//! own process tree, which makes nearly every call.

use std::collections::HashMap;
use std::os::fd::{AsFd, OwnedFd};
use std::os::unix::net::UnixListener;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use nix::poll::{PollFd, PollFlags, PollTimeout, poll};

use super::handlers::{Call, Supervisor};
use super::notify::Listener;
use super::stats::{self, Stats};
use super::{Identity, Register};
use crate::runtime::sync;

/// How often entries of exited processes are dropped: long before the kernel could hand their
/// pids to new processes, which takes a wrap of the whole pid space.
const SWEEP: Duration = Duration::from_secs(1);

#[derive(Clone, Copy)]
enum Source {
    Control,
    Socket,
    Connection(u32),
    Listener(u32),
    /// The pipe the init listener's thread holds open while it serves.
    InitServed,
}

/// What the loop and the init listener's thread both use, one call at a time.
struct Shared {
    supervisor: Supervisor,
    stats: Option<Stats>,
    /// The container's runtime directory on the host, where identities are published.
    run_dir: OwnedFd,
}

fn lock(shared: &Mutex<Shared>) -> MutexGuard<'_, Shared> {
    // A panic while serving leaves nothing half-changed that a later call could not live with.
    shared
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

pub struct Loop {
    control: Option<OwnedFd>,
    socket: UnixListener,
    connections: HashMap<u32, OwnedFd>,
    /// The listeners of `exec`'d processes (and the init's, where its thread could not start).
    listeners: HashMap<u32, (Listener, Identity)>,
    next: u32,
    /// The listener of the container's own process tree, when the loop serves it itself:
    /// when it hangs up, the container has ended and the supervisor with it.
    init_listener: Option<u32>,
    /// The read end of the pipe whose write end the init listener's thread holds: it hangs
    /// up when that listener has, which ends the supervisor the same way.
    init_served: Option<OwnedFd>,
    shared: Arc<Mutex<Shared>>,
    /// Work since the last idle sweep paged in code and stack an idle supervisor does not
    /// need: the first sweep that finds nothing to do drops them
    /// (`memory::shrink_to_working_set`), so a quiet container's supervisor stays small.
    worked: Arc<AtomicBool>,
}

impl Loop {
    pub fn new(
        control: OwnedFd,
        socket: UnixListener,
        run_dir: OwnedFd,
        supervisor: Supervisor,
        stats: Option<Stats>,
    ) -> std::io::Result<Loop> {
        socket.set_nonblocking(true)?;
        Ok(Loop {
            control: Some(control),
            socket,
            connections: HashMap::new(),
            listeners: HashMap::new(),
            next: 0,
            init_listener: None,
            init_served: None,
            shared: Arc::new(Mutex::new(Shared {
                supervisor,
                stats,
                run_dir,
            })),
            worked: Arc::new(AtomicBool::new(true)),
        })
    }

    /// Serves until the container's processes are gone. poll(2), not epoll: the listeners'
    /// synchronous wake-up reaches a poll waiter on the caller's CPU, an epoll one it does not.
    pub fn run(&mut self) {
        let mut swept = Instant::now();
        let mut shrink = false;
        loop {
            let sources = self.sources();
            let mut fds: Vec<PollFd> = sources
                .iter()
                .map(|(_, fd)| PollFd::new(*fd, PollFlags::POLLIN))
                .collect();
            let timeout = PollTimeout::try_from(SWEEP).unwrap_or(PollTimeout::MAX);
            // Right before the wait, so that what pages back in first is only the call.
            if std::mem::take(&mut shrink) {
                let shared = lock(&self.shared);
                let proc = shared.supervisor.owners.proc().dir();
                crate::runtime::memory::shrink_to_working_set(Some(proc));
            }
            match poll(&mut fds, timeout) {
                Ok(_) => {}
                Err(nix::Error::EINTR) => continue,
                Err(_) => return,
            }
            let ready: Vec<(Source, PollFlags)> = sources
                .iter()
                .zip(&fds)
                .filter_map(|((source, _), fd)| Some((*source, fd.revents()?)))
                .filter(|(_, r)| !r.is_empty())
                .collect();
            drop(fds);
            // The init listener's thread may have worked while this loop waited.
            shrink = ready.is_empty() && self.worked.swap(false, Ordering::Relaxed);
            if !ready.is_empty() {
                self.worked.store(true, Ordering::Relaxed);
            }
            for (source, revents) in ready {
                if !self.dispatch(source, revents) {
                    return;
                }
            }
            if swept.elapsed() >= SWEEP {
                let mut shared = lock(&self.shared);
                shared.supervisor.table.sweep();
                shared.supervisor.anchors.sweep();
                // The monitor kills the supervisor when the container ends, maybe first.
                shared.write_stats();
                swept = Instant::now();
            }
        }
    }

    /// Writes what was counted, when counting was asked for.
    pub fn write_stats(&self) {
        lock(&self.shared).write_stats();
    }

    fn sources(&self) -> Vec<(Source, std::os::fd::BorrowedFd<'_>)> {
        let mut out = Vec::with_capacity(2 + self.connections.len() + self.listeners.len());
        if let Some(control) = &self.control {
            out.push((Source::Control, control.as_fd()));
        }
        out.push((Source::Socket, self.socket.as_fd()));
        if let Some(served) = &self.init_served {
            out.push((Source::InitServed, served.as_fd()));
        }
        out.extend(
            self.connections
                .iter()
                .map(|(id, fd)| (Source::Connection(*id), fd.as_fd())),
        );
        out.extend(
            self.listeners
                .iter()
                .map(|(id, (l, _))| (Source::Listener(*id), l.as_fd())),
        );
        out
    }

    /// Returns false when the supervisor's work is over.
    fn dispatch(&mut self, source: Source, revents: PollFlags) -> bool {
        match source {
            Source::Control => {
                let Some(control) = &self.control else {
                    return true;
                };
                match sync::recv::<Register>(control) {
                    Ok(Some((register, Some(fd)))) => self.add_init_listener(fd, register.identity),
                    Ok(Some(_)) => {}
                    Ok(None) | Err(_) => {
                        self.control = None;
                        // The init ended before it had a listener: nothing will ever come.
                        return self.init_listener.is_some() || self.init_served.is_some();
                    }
                }
            }
            // The init listener's thread ended: the container's process tree is gone.
            Source::InitServed => return false,
            Source::Socket => self.accept(),
            Source::Connection(id) => self.registration(id),
            Source::Listener(id) => {
                if revents.contains(PollFlags::POLLIN) {
                    self.serve_one(id);
                } else if revents.intersects(PollFlags::POLLHUP | PollFlags::POLLERR) {
                    self.listeners.remove(&id);
                    if self.init_listener == Some(id) {
                        return false;
                    }
                }
            }
        }
        true
    }

    /// The first listener, the container's own process tree's: served by a thread of its own
    /// that waits in the receive itself (see `serve_init`), or by this loop if no thread can
    /// start.
    fn add_init_listener(&mut self, fd: OwnedFd, identity: Identity) {
        if self.init_listener.is_some() || self.init_served.is_some() {
            self.add_listener(fd, identity);
            return;
        }
        let listener = Listener::new(fd);
        let started = nix::unistd::pipe2(nix::fcntl::OFlag::O_CLOEXEC).and_then(|(read, write)| {
            let shared = Arc::clone(&self.shared);
            let worked = Arc::clone(&self.worked);
            let listener = listener.try_clone().map_err(|_| nix::Error::EMFILE)?;
            let identity = identity.clone();
            std::thread::Builder::new()
                .name("init-listener".into())
                .spawn(move || serve_init(&listener, &identity, &shared, &worked, write))
                .map_err(|_| nix::Error::EAGAIN)?;
            Ok(read)
        });
        match started {
            Ok(read) => self.init_served = Some(read),
            Err(_) => {
                self.next += 1;
                self.listeners.insert(self.next, (listener, identity));
                self.init_listener = Some(self.next);
            }
        }
    }

    fn add_listener(&mut self, fd: OwnedFd, identity: Identity) -> u32 {
        self.next += 1;
        self.listeners
            .insert(self.next, (Listener::new(fd), identity));
        self.next
    }

    fn accept(&mut self) {
        while let Ok((stream, _)) = self.socket.accept() {
            self.next += 1;
            self.connections.insert(self.next, OwnedFd::from(stream));
        }
    }

    /// An `exec` helper's one message: its listener and identity. The connection ends there.
    fn registration(&mut self, id: u32) {
        let Some(conn) = self.connections.remove(&id) else {
            return;
        };
        if let Ok(Some((register, Some(fd)))) = sync::recv::<Register>(&conn) {
            self.add_listener(fd, register.identity);
        }
    }

    fn serve_one(&mut self, id: u32) {
        let Some((listener, identity)) = self.listeners.get(&id) else {
            return;
        };
        let Ok(Some(req)) = listener.recv() else {
            return;
        };
        lock(&self.shared).serve(listener, identity, req);
    }
}

/// The init listener's thread. It waits in SECCOMP_IOCTL_NOTIF_RECV itself instead of in
/// poll(2) over every source: one system call a round trip fewer, and no wait queue set up
/// and taken down on each descriptor, for the listener that carries nearly every call (the
/// kernel's synchronous wake-up reaches a waiting receiver on the caller's CPU as it does a
/// poller). `served` is dropped on return, which tells the loop.
fn serve_init(
    listener: &Listener,
    identity: &Identity,
    shared: &Mutex<Shared>,
    worked: &AtomicBool,
    served: OwnedFd,
) {
    loop {
        match listener.recv() {
            Ok(Some(req)) => {
                lock(shared).serve(listener, identity, req);
                worked.store(true, Ordering::Relaxed);
            }
            // The caller died between its wake-up and the receive, or a signal came; or the
            // filter has no process left, which ends the wait at once, every time.
            Ok(None) if !listener.hung_up() => {}
            Ok(None) | Err(_) => break,
        }
    }
    drop(served);
}

impl Shared {
    /// Answers one call, counts it when asked to, and publishes identities it changed.
    fn serve(&mut self, listener: &Listener, identity: &Identity, req: super::notify::Request) {
        let call = Call {
            req,
            listener,
            default: identity,
        };
        let started = self.stats.as_ref().map(|_| stats::cpu_now());
        let reply = self.supervisor.handle(&call);
        let _ = listener.send(req.id, reply);
        if let (Some(stats), Some(started)) = (&mut self.stats, started) {
            let cpu = stats::cpu_now().saturating_sub(started);
            stats.count(self.supervisor.owners.proc(), req.pid, req.nr, reply, cpu);
        }
        if std::mem::take(&mut self.supervisor.identities_changed) {
            self.publish();
        }
    }

    fn write_stats(&self) {
        if let Some(stats) = &self.stats {
            stats.write();
        }
    }

    /// Writes every tracked process's effective uid for `top` (a temporary file renamed into
    /// place: readers see the old list or the new one).
    fn publish(&self) {
        use std::io::Write;
        let mut text = String::new();
        for (pid, creds) in self.supervisor.table.processes() {
            text.push_str(&format!("{pid} {}\n", creds.euid));
        }
        let tmp = format!("{}.tmp", super::IDENTITIES);
        let written = nix::fcntl::openat(
            &self.run_dir,
            tmp.as_str(),
            nix::fcntl::OFlag::O_WRONLY
                | nix::fcntl::OFlag::O_CREAT
                | nix::fcntl::OFlag::O_TRUNC
                | nix::fcntl::OFlag::O_CLOEXEC,
            nix::sys::stat::Mode::from_bits_truncate(0o600),
        )
        .map(std::fs::File::from)
        .and_then(|mut f| {
            f.write_all(text.as_bytes())
                .map_err(|e| nix::Error::from_raw(e.raw_os_error().unwrap_or(libc::EIO)))
        });
        if written.is_ok() {
            let _ = nix::fcntl::renameat(
                &self.run_dir,
                tmp.as_str(),
                &self.run_dir,
                super::IDENTITIES,
            );
        }
    }
}
