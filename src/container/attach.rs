//! The attached CLI: relays the terminal or pipes to the container's monitor and returns the
//! container's exit code. ^P^Q detaches; SIGINT and SIGTERM stop the container (its stop
//! signal, then SIGKILL after its timeout), so that `rpod run` works as a systemd service.

use std::io::{self, IsTerminal, Read, Write};
use std::os::fd::AsFd;
use std::os::unix::net::UnixStream;
use std::time::{Duration, Instant};

use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
use nix::sys::signal::{SigSet, SigmaskHow, Signal, kill, sigprocmask};
use nix::sys::signalfd::{SfdFlags, SignalFd};
use nix::sys::termios::{self, SetArg, Termios};
use nix::unistd::Pid;

use super::plan::attach::AttachPlan;
use super::plan::process::parse_signal;
use super::record::{ContainerRecord, Paths};
use super::status::{self, Status};
use super::{ContainerError, Engine};
use crate::monitor::attach::{Decoder, Frame};
use crate::runtime::detach_keys::{self, Input};
use crate::runtime::fds;
use crate::runtime::signal::SignalNumber;
use crate::runtime::tty;

/// A container our stream is attached to (from its first output on when we started it).
pub struct Attached {
    pub record: ContainerRecord,
    pub paths: Paths,
    stream: UnixStream,
    opts: AttachOptions,
}

impl Attached {
    /// `stdin`: forward ours, if the container keeps its stdin open (`-i`).
    pub fn new(
        record: ContainerRecord,
        paths: Paths,
        stream: UnixStream,
        pid: i32,
        stdin: bool,
    ) -> Result<Attached, ContainerError> {
        let opts = AttachOptions {
            stdin: stdin && record.run.interactive,
            tty: record.run.tty,
            pid,
            stop_signal: parse_signal(&record.run.stop_signal)?,
            stop_timeout: Duration::from_secs(record.run.stop_timeout.into()),
            sig_proxy: true,
            detach_keys: DETACH_KEYS.to_vec(),
            stdout: true,
            stderr: true,
        };
        Ok(Attached {
            record,
            paths,
            stream,
            opts,
        })
    }

    /// Applies `--sig-proxy`, `--detach-keys` and which streams `-a` attaches.
    pub fn with(mut self, plan: &AttachPlan) -> Result<Attached, ContainerError> {
        if !plan.detach_keys.is_empty() && plan.detach_keys != DETACH_KEYS && !self.opts.tty {
            return Err(ContainerError::invalid(
                "--detach-keys",
                String::from_utf8_lossy(&plan.detach_keys),
                "the container has no terminal (-t): rpod reads detach keys only from one",
            ));
        }
        self.opts.stdin &= plan.stdin;
        self.opts.stdout = plan.stdout;
        self.opts.stderr = plan.stderr;
        self.opts.sig_proxy = plan.sig_proxy;
        self.opts.detach_keys = plan.detach_keys.clone();
        Ok(self)
    }

    /// Relays until the container ends, we detach, or its monitor goes away; a stream `-a`
    /// left out is read and dropped.
    pub fn relay(self, sinks: Sinks<'_>) -> Result<Ending, ContainerError> {
        let (mut no_stdout, mut no_stderr) = (io::sink(), io::sink());
        let sinks = Sinks {
            stdout: if self.opts.stdout {
                sinks.stdout
            } else {
                &mut no_stdout
            },
            stderr: if self.opts.stderr {
                sinks.stderr
            } else {
                &mut no_stderr
            },
        };
        relay(self.stream, &self.opts, sinks).map_err(ContainerError::Attach)
    }
}

/// Connects to the attach socket of the container's monitor.
pub fn connect(paths: &Paths) -> io::Result<UnixStream> {
    crate::monitor::attach::connect(&paths.run_dir)
}

/// `attach`: a running container's streams.
pub fn attach(engine: &Engine, name_or_id: &str, stdin: bool) -> Result<Attached, ContainerError> {
    let (record, paths) = engine.find_here(name_or_id)?;
    let status = status::of(&paths);
    let Status::Running(running) = status else {
        return Err(ContainerError::NotRunning {
            action: "attach to",
            name: record.name,
            state: status.name(),
        });
    };
    let stream = connect(&paths).map_err(ContainerError::Attach)?;
    Attached::new(record, paths, stream, running.pid, stdin)
}

/// A client's input for a container that may not have started yet (docker's clients attach
/// before they start it): the monitor's attach socket once it listens, or None when the
/// container ended or was removed first, or `cancelled` says the client went.
pub fn connect_for_input(paths: &Paths, cancelled: &dyn Fn() -> bool) -> Option<UnixStream> {
    while !cancelled() {
        if let Ok(stream) = connect(paths) {
            return Some(stream);
        }
        if !paths.dir.exists() || matches!(status::of(paths), Status::Exited(_)) {
            return None;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    None
}

/// What the monitor reads as input for the container's stdin from an attach client.
pub fn stdin_frame(data: &[u8]) -> Vec<u8> {
    Frame::Stdin(data.to_vec()).encode()
}

/// What ends the container's stdin (the client's input closed).
pub fn close_stdin_frame() -> Vec<u8> {
    Frame::CloseStdin.encode()
}

/// ctrl-p ctrl-q, docker's default detach sequence.
pub const DETACH_KEYS: [u8; 2] = detach_keys::DEFAULT;

pub struct AttachOptions {
    /// Forward our stdin (`-i`).
    pub stdin: bool,
    /// The container has a terminal: put ours in raw mode and follow its size.
    pub tty: bool,
    /// Where to send the stop signal when we are asked to stop, and how.
    pub pid: i32,
    pub stop_signal: SignalNumber,
    pub stop_timeout: Duration,
    /// Our SIGINT, SIGTERM and SIGHUP stop the container (else they end just this command).
    pub sig_proxy: bool,
    /// What detaches from a terminal (empty: nothing).
    pub detach_keys: Vec<u8>,
    /// Relay the container's stdout and stderr (`-a` leaves them out).
    pub stdout: bool,
    pub stderr: bool,
}

/// Where the container's output goes: the terminal for `run` and `attach`, the build's own
/// output (or nowhere, with `build -q`) for a RUN step.
pub struct Sinks<'a> {
    pub stdout: &'a mut dyn Write,
    pub stderr: &'a mut dyn Write,
}

impl Sinks<'_> {
    /// Runs `f` with the caller's stdout (not `--out`'s file) and stderr as the sinks.
    pub fn terminal<T>(f: impl FnOnce(Sinks<'_>) -> T) -> T {
        let mut stdout: Box<dyn Write> = match fds::caller_stdout() {
            Some(file) => Box::new(file),
            None => Box::new(io::stdout()),
        };
        f(Sinks {
            stdout: &mut stdout,
            stderr: &mut io::stderr(),
        })
    }
}

/// The caller's terminal, whose size the container's follows: stdout, even under `--out`.
fn caller_terminal() -> Box<dyn AsFd> {
    match fds::caller_stdout() {
        Some(file) => Box::new(file),
        None => Box::new(io::stdout()),
    }
}

/// podman's `--out FILE`: this command's own output goes to the file, created or truncated;
/// what containers write still reaches the caller's stdout.
pub fn send_own_output_to(path: &std::path::Path) -> Result<(), ContainerError> {
    let file = std::fs::File::create(path).map_err(ContainerError::io("create", path))?;
    fds::redirect_stdout(&file)
        .map_err(|e| ContainerError::io("redirect stdout to", path)(io::Error::from(e)))
}

#[derive(Debug, PartialEq, Eq)]
pub enum Ending {
    Exited(i32),
    Detached,
    /// The monitor went away without saying how the container ended.
    Lost,
}

/// Restores the terminal when the relay ends, however it ends.
struct RawMode {
    saved: Termios,
}

impl RawMode {
    fn enter() -> Option<RawMode> {
        let stdin = io::stdin();
        let saved = termios::tcgetattr(&stdin).ok()?;
        let mut raw = saved.clone();
        termios::cfmakeraw(&mut raw);
        termios::tcsetattr(&stdin, SetArg::TCSANOW, &raw).ok()?;
        Some(RawMode { saved })
    }
}

impl Drop for RawMode {
    fn drop(&mut self) {
        let _ = termios::tcsetattr(io::stdin(), SetArg::TCSANOW, &self.saved);
    }
}

fn send(stream: &mut UnixStream, frame: Frame) -> io::Result<()> {
    stream.write_all(&frame.encode())
}

pub fn relay(mut stream: UnixStream, opts: &AttachOptions, sinks: Sinks<'_>) -> io::Result<Ending> {
    let mut signals = SigSet::empty();
    signals.add(Signal::SIGWINCH);
    // Without the proxy, these keep their default action: they end rpod, not the container.
    if opts.sig_proxy {
        for s in [Signal::SIGINT, Signal::SIGTERM, Signal::SIGHUP] {
            signals.add(s);
        }
    }
    sigprocmask(SigmaskHow::SIG_BLOCK, Some(&signals), None)?;
    let signalfd = SignalFd::with_flags(&signals, SfdFlags::SFD_NONBLOCK | SfdFlags::SFD_CLOEXEC)?;
    let terminal = opts.tty && io::stdin().is_terminal();
    let _raw = if terminal { RawMode::enter() } else { None };
    if opts.tty
        && let Some((rows, cols)) = tty::window_size(caller_terminal())
    {
        send(&mut stream, Frame::Resize { rows, cols })?;
    }
    let mut stdin_open = opts.stdin;
    let mut decoder = Decoder::default();
    let mut kill_at: Option<Instant> = None;
    let mut watch = detach_keys::Watch::new(&opts.detach_keys);
    let mut buf = vec![0u8; 64 * 1024];
    let stdin = io::stdin();
    loop {
        if let Some(at) = kill_at
            && Instant::now() >= at
        {
            let _ = kill(Pid::from_raw(opts.pid), Signal::SIGKILL);
            kill_at = None;
        }
        let timeout = match kill_at {
            Some(at) => PollTimeout::try_from(at.saturating_duration_since(Instant::now()))
                .unwrap_or(PollTimeout::MAX),
            None => PollTimeout::NONE,
        };
        let mut fds = vec![
            PollFd::new(stream.as_fd(), PollFlags::POLLIN),
            PollFd::new(signalfd.as_fd(), PollFlags::POLLIN),
        ];
        if stdin_open {
            fds.push(PollFd::new(stdin.as_fd(), PollFlags::POLLIN));
        }
        match poll(&mut fds, timeout) {
            Ok(_) | Err(nix::Error::EINTR) => {}
            Err(e) => return Err(e.into()),
        }
        let ready = |i: usize| {
            fds.get(i)
                .and_then(|f| f.revents())
                .is_some_and(|r| !r.is_empty())
        };
        let (sock_ready, sig_ready, in_ready) = (ready(0), ready(1), ready(2));
        drop(fds);
        if sig_ready {
            while let Ok(Some(info)) = signalfd.read_signal() {
                match Signal::try_from(info.ssi_signo as i32) {
                    Ok(Signal::SIGWINCH) => {
                        if let Some((rows, cols)) = tty::window_size(caller_terminal()) {
                            send(&mut stream, Frame::Resize { rows, cols })?;
                        }
                    }
                    Ok(_) if kill_at.is_none() => {
                        let _ = opts.stop_signal.send(Pid::from_raw(opts.pid));
                        kill_at = Some(Instant::now() + opts.stop_timeout);
                    }
                    _ => {}
                }
            }
        }
        if in_ready {
            let n = stdin.lock().read(&mut buf)?;
            if n == 0 {
                stdin_open = false;
                send(&mut stream, Frame::CloseStdin)?;
            } else {
                let input = match terminal {
                    true => watch.feed(&buf[..n]),
                    false => Input::Forward(buf[..n].to_vec()),
                };
                match input {
                    Input::Detach(before) => {
                        send(&mut stream, Frame::Stdin(before))?;
                        return Ok(Ending::Detached);
                    }
                    Input::Forward(data) if !data.is_empty() => {
                        send(&mut stream, Frame::Stdin(data))?;
                    }
                    Input::Forward(_) => {}
                }
            }
        }
        if sock_ready {
            let n = match stream.read(&mut buf) {
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(_) => 0,
            };
            if n == 0 {
                return Ok(Ending::Lost);
            }
            decoder.push(&buf[..n]);
            while let Some(frame) = decoder.next_frame()? {
                match frame {
                    Frame::Stdout(d) => write_flush(sinks.stdout, &d)?,
                    Frame::Stderr(d) => write_flush(sinks.stderr, &d)?,
                    Frame::Exit(code) => return Ok(Ending::Exited(code)),
                    _ => {}
                }
            }
        }
    }
}

fn write_flush(out: &mut dyn Write, data: &[u8]) -> io::Result<()> {
    out.write_all(data)?;
    out.flush()
}
