//! The supervisor's life: one event loop over the listeners of a container's processes, the
//! sockets that bring new listeners (the init's through the monitor's channel, `exec`'s through
//! a socket in the container's runtime directory) and the pidfds of the processes it tracks.

use std::collections::HashMap;
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::os::unix::net::UnixListener;

use nix::sys::epoll::{Epoll, EpollCreateFlags, EpollEvent, EpollFlags, EpollTimeout};

use super::handlers::{Call, Supervisor};
use super::notify::Listener;
use super::{Identity, Register};
use crate::runtime::sync;

const CONTROL: u64 = 0;
const SOCKET: u64 = 1;
/// Token kinds in the high bits, a number in the low 32.
const CONNECTION: u64 = 1 << 32;
const LISTENER: u64 = 2 << 32;
const PIDFD: u64 = 3 << 32;
const KIND: u64 = !0xffff_ffff;

pub struct Loop {
    epoll: Epoll,
    control: OwnedFd,
    socket: UnixListener,
    connections: HashMap<u32, OwnedFd>,
    listeners: HashMap<u32, (Listener, Identity)>,
    next: u32,
    /// The listener of the container's own process tree: when it hangs up, the container has
    /// ended and the supervisor with it.
    init_listener: Option<u32>,
    supervisor: Supervisor,
}

fn watch(epoll: &Epoll, fd: BorrowedFd<'_>, token: u64) -> nix::Result<()> {
    epoll.add(fd, EpollEvent::new(EpollFlags::EPOLLIN, token))
}

impl Loop {
    pub fn new(
        control: OwnedFd,
        socket: UnixListener,
        supervisor: Supervisor,
    ) -> nix::Result<Loop> {
        let epoll = Epoll::new(EpollCreateFlags::EPOLL_CLOEXEC)?;
        watch(&epoll, control.as_fd(), CONTROL)?;
        watch(&epoll, socket.as_fd(), SOCKET)?;
        socket
            .set_nonblocking(true)
            .map_err(|e| nix::Error::from_raw(e.raw_os_error().unwrap_or(libc::EIO)))?;
        Ok(Loop {
            epoll,
            control,
            socket,
            connections: HashMap::new(),
            listeners: HashMap::new(),
            next: 0,
            init_listener: None,
            supervisor,
        })
    }

    /// Serves until the container's processes are gone.
    pub fn run(&mut self) {
        let mut events = vec![EpollEvent::empty(); 64];
        loop {
            let n = match self.epoll.wait(&mut events, EpollTimeout::NONE) {
                Ok(n) => n,
                Err(nix::Error::EINTR) => continue,
                Err(_) => return,
            };
            // Exits first: a pid they free must not keep a dead process's identity.
            let (exits, others): (Vec<_>, Vec<_>) = events[..n]
                .iter()
                .map(|e| (e.data(), e.events()))
                .partition(|(token, _)| token & KIND == PIDFD);
            for (token, _) in exits {
                self.supervisor.table.forget((token & 0xffff_ffff) as i32);
            }
            for (token, flags) in others {
                if !self.dispatch(token, flags) {
                    return;
                }
            }
            // The table owns each pidfd until the exit it reports makes the table forget the
            // entry; epoll drops a closed descriptor by itself.
            for tgid in self.supervisor.table.take_new() {
                if let Some(fd) = self.supervisor.table.pidfd(tgid) {
                    let _ = watch(&self.epoll, fd, PIDFD | tgid as u64);
                }
            }
        }
    }

    /// Returns false when the supervisor's work is over.
    fn dispatch(&mut self, token: u64, flags: EpollFlags) -> bool {
        let hangup = flags.intersects(EpollFlags::EPOLLHUP | EpollFlags::EPOLLERR);
        match token & KIND {
            0 if token == CONTROL => {
                match sync::recv::<Register>(&self.control) {
                    Ok(Some((register, Some(fd)))) => {
                        let id = self.add_listener(fd, register.identity);
                        self.init_listener.get_or_insert(id);
                    }
                    Ok(Some(_)) => {}
                    Ok(None) | Err(_) => {
                        let _ = self.epoll.delete(self.control.as_fd());
                        // The init ended before it had a listener: nothing will ever come.
                        return self.init_listener.is_some();
                    }
                }
            }
            0 => self.accept(),
            CONNECTION => self.registration((token & 0xffff_ffff) as u32),
            LISTENER => {
                let id = (token & 0xffff_ffff) as u32;
                if flags.contains(EpollFlags::EPOLLIN) {
                    self.serve_one(id);
                } else if hangup {
                    if let Some((listener, _)) = self.listeners.remove(&id) {
                        let _ = self.epoll.delete(listener.as_fd());
                    }
                    if self.init_listener == Some(id) {
                        return false;
                    }
                }
            }
            _ => {}
        }
        true
    }

    fn add_listener(&mut self, fd: OwnedFd, identity: Identity) -> u32 {
        self.next += 1;
        let id = self.next;
        let listener = Listener::new(fd);
        if watch(&self.epoll, listener.as_fd(), LISTENER | u64::from(id)).is_ok() {
            self.listeners.insert(id, (listener, identity));
        }
        id
    }

    fn accept(&mut self) {
        while let Ok((stream, _)) = self.socket.accept() {
            self.next += 1;
            let id = self.next;
            let fd = OwnedFd::from(stream);
            if watch(&self.epoll, fd.as_fd(), CONNECTION | u64::from(id)).is_ok() {
                self.connections.insert(id, fd);
            }
        }
    }

    /// An `exec` helper's one message: its listener and identity. The connection ends there.
    fn registration(&mut self, id: u32) {
        let Some(conn) = self.connections.remove(&id) else {
            return;
        };
        let _ = self.epoll.delete(conn.as_fd());
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
        let call = Call {
            req,
            listener,
            default: identity,
        };
        let reply = self.supervisor.handle(&call);
        let _ = listener.send(req.id, reply);
    }
}
