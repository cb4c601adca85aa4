//! For the helper tests: an unprivileged user, a network namespace it owns (as the monitor's
//! container would be), a way into it, and checks on what runs and listens.

use std::env;
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener};
use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use nix::unistd::{AccessFlags, User, access, geteuid};

use super::helper;

/// The unprivileged account the tests run helpers as when the test process is root.
pub const TEST_USER: &str = "rpodtest";
/// Set in the child process that runs a test's body as TEST_USER; holds the test's name.
const INNER_ENV: &str = "RPOD_NETWORK_TEST_AS_USER";

const TUN: &str = "/dev/net/tun";

const WAIT: Duration = Duration::from_secs(10);

/// Why this machine cannot run a helper test, if it cannot.
pub fn helper_unavailable(binary: &str) -> Option<String> {
    if helper::find(binary).is_none() {
        return Some(format!("{binary} is not installed"));
    }
    let usable = if geteuid().is_root() {
        // The helper will run as TEST_USER, who is neither owner nor group of the device.
        fs::metadata(TUN).is_ok_and(|m| m.permissions().mode() & 0o006 == 0o006)
    } else {
        access(TUN, AccessFlags::R_OK | AccessFlags::W_OK).is_ok()
    };
    (!usable)
        .then(|| format!("{TUN} is not readable and writable by the test user (chmod 0666 {TUN})"))
}

/// Runs `body` as an unprivileged user: here when this process already is one (or is the
/// child that runs the body), else, as root, by running this same test again in a child
/// process as TEST_USER. `test` is the test's path without the crate name.
pub fn as_unprivileged(test: &str, body: impl FnOnce()) {
    if !geteuid().is_root() || is_inner(test) {
        body();
        return;
    }
    run_child(test, &[]);
}

/// Runs `body` as the monitor runs: root in a user and mount namespace of its own that maps
/// one unprivileged id, in a child process started through unshare(1).
pub fn in_user_namespace(test: &str, body: impl FnOnce()) {
    if is_inner(test) {
        body();
        return;
    }
    run_child(
        test,
        &["unshare", "--user", "--map-root-user", "--mount", "--"],
    );
}

/// Runs this test binary again for `test` alone, behind `wrapper`, as TEST_USER if we are
/// root; the child runs the body because INNER_ENV names the test.
fn run_child(test: &str, wrapper: &[&str]) {
    let exe = env::current_exe().unwrap();
    let mut command = match wrapper.split_first() {
        Some((program, args)) => {
            let mut c = Command::new(program);
            c.args(args).arg(&exe);
            c
        }
        None => Command::new(&exe),
    };
    command
        .args([test, "--exact", "--nocapture", "--test-threads=1"])
        .env(INNER_ENV, test)
        .current_dir("/");
    if geteuid().is_root() {
        let Ok(Some(user)) = User::from_name(TEST_USER) else {
            println!("skipped: running as root and there is no user {TEST_USER} to run helpers as");
            return;
        };
        command.uid(user.uid.as_raw()).gid(user.gid.as_raw());
    }
    let output = command.output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success() && stdout.contains("1 passed"),
        "{test} in a child process: {}\n{stdout}\n{stderr}",
        output.status
    );
    print!("{stdout}");
}

/// A private directory, removed on drop.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new(tag: &str) -> TempDir {
        static COUNT: AtomicUsize = AtomicUsize::new(0);
        let path = env::temp_dir().join(format!(
            "rpod-net-{tag}-{}-{}",
            std::process::id(),
            COUNT.fetch_add(1, Ordering::Relaxed)
        ));
        fs::DirBuilder::new().mode(0o700).create(&path).unwrap();
        TempDir(path)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// A network namespace held by a sleeping process: what the container init is to the helper.
pub struct Netns {
    holder: Child,
    /// Whether the namespace has a user namespace of its own, owned by the caller.
    own_userns: bool,
}

impl Netns {
    /// In a user namespace of its own, as the container is to a helper run by its owner.
    pub fn new() -> Netns {
        Netns::spawn_holder(true)
    }

    /// In the caller's user namespace, as the container is to a helper run by the monitor.
    pub fn sharing_userns() -> Netns {
        Netns::spawn_holder(false)
    }

    fn spawn_holder(own_userns: bool) -> Netns {
        let userns: &[&str] = if own_userns {
            &["--user", "--map-root-user"]
        } else {
            &[]
        };
        let holder = Command::new("unshare")
            .args(userns)
            .args(["--net", "sleep", "600"])
            .stdin(Stdio::null())
            .spawn()
            .unwrap();
        let netns = Netns { holder, own_userns };
        let ours = fs::read_link("/proc/self/ns/net").unwrap();
        wait_for("the namespace holder to unshare", || {
            fs::read_link(format!("/proc/{}/ns/net", netns.pid())).is_ok_and(|ns| ns != ours)
        });
        netns
    }

    pub fn pid(&self) -> i32 {
        self.holder.id() as i32
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new("nsenter");
        cmd.args(["--target", &self.pid().to_string()]);
        if self.own_userns {
            cmd.args(["--user", "--preserve-credentials"]);
        }
        cmd.args(["--net", "--"]).args(args);
        cmd
    }

    /// Runs a command inside, feeding it `input`, and returns its output.
    pub fn run(&self, args: &[&str], input: &str) -> Output {
        let mut child = self
            .command(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    }

    /// Starts a command inside with piped stdin and stdout.
    pub fn spawn(&self, args: &[&str]) -> Child {
        self.command(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    }

    /// Waits until something inside listens on TCP `port`.
    pub fn wait_listening(&self, port: u16) {
        let wanted = format!(":{port:04X} ");
        wait_for("a listener inside the namespace", || {
            ["tcp", "tcp6"].iter().any(|table| {
                fs::read_to_string(format!("/proc/{}/net/{table}", self.pid()))
                    .unwrap_or_default()
                    .lines()
                    .skip(1)
                    .any(|line| {
                        let fields: Vec<&str> = line.split_whitespace().collect();
                        // local_address, then remote, then st: 0A is LISTEN.
                        fields.len() > 3
                            && format!("{} ", fields[1]).ends_with(&wanted)
                            && fields[3] == "0A"
                    })
            })
        });
    }
}

impl Drop for Netns {
    fn drop(&mut self) {
        let _ = self.holder.kill();
        let _ = self.holder.wait();
    }
}

pub fn wait_for(what: &str, mut ready: impl FnMut() -> bool) {
    let deadline = Instant::now() + WAIT;
    while !ready() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        thread::sleep(Duration::from_millis(10));
    }
}

/// A server on the host's 127.0.0.1 that answers one line with `pong:<line>` and closes.
pub fn loopback_server() -> (SocketAddr, thread::JoinHandle<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let handle = thread::spawn(move || {
        let (stream, _) = listener.accept().unwrap();
        stream.set_read_timeout(Some(WAIT)).unwrap();
        let mut line = String::new();
        BufReader::new(&stream).read_line(&mut line).unwrap();
        (&stream)
            .write_all(format!("pong:{}\n", line.trim()).as_bytes())
            .unwrap();
    });
    (addr, handle)
}

/// Connects to a published port on the host's 127.0.0.1, sends a line and returns the first
/// line the container's side sends back.
pub fn exchange(port: u16, line: &str) -> String {
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(WAIT)).unwrap();
    stream.write_all(line.as_bytes()).unwrap();
    let mut reply = String::new();
    let _ = BufReader::new(stream).read_line(&mut reply);
    reply
}

/// Processes whose command line mentions `needle` (a test's private run directory): finds
/// a helper however it was started, without touching anyone else's.
pub fn processes_mentioning(needle: &Path) -> Vec<u32> {
    let needle = needle.to_string_lossy().into_owned();
    fs::read_dir("/proc")
        .unwrap()
        .filter_map(|entry| entry.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| {
            fs::read(format!("/proc/{pid}/cmdline"))
                .is_ok_and(|cmdline| String::from_utf8_lossy(&cmdline).contains(&needle))
        })
        .collect()
}

/// Whether this process is the child that runs `test`'s body as TEST_USER.
pub fn is_inner(test: &str) -> bool {
    env::var(INNER_ENV).as_deref() == Ok(test)
}

/// Inside the namespace: the helper's address on its interface and a default route via its
/// gateway.
pub fn assert_configured(netns: &Netns, info: &super::NetworkInfo) {
    let addr = netns.run(
        &["ip", "-4", "-o", "addr", "show", "dev", &info.interface],
        "",
    );
    let addr = String::from_utf8_lossy(&addr.stdout);
    let want = format!("inet {}/{}", info.address, info.prefix_len);
    assert!(addr.contains(&want), "no {want} in: {addr}");
    let route = netns.run(&["ip", "-4", "route", "show", "default"], "");
    let route = String::from_utf8_lossy(&route.stdout);
    let want = format!("default via {} dev {}", info.gateway, info.interface);
    assert!(route.contains(&want), "no {want} in: {route}");
}

/// From inside the namespace, a server on the host's 127.0.0.1 answers at `host_address`.
/// The client keeps its sending side open until the answer is in: pasta 2023_03_09 loses the
/// host's FIN on a connection the container has half-closed (`echo x | nc` would hang).
pub fn assert_reaches_host_loopback(netns: &Netns, host_address: std::net::IpAddr) {
    let (server, handle) = loopback_server();
    let mut client = netns.spawn(&[
        "busybox",
        "nc",
        "-w",
        "5",
        &host_address.to_string(),
        &server.port().to_string(),
    ]);
    let mut stdin = client.stdin.take().unwrap();
    stdin.write_all(b"ping\n").unwrap();
    let reply = read_line_within(client.stdout.take().unwrap(), WAIT);
    drop(stdin);
    if reply.is_none() {
        let _ = client.kill();
    }
    client.wait().unwrap();
    assert_eq!(reply.as_deref(), Some("pong:ping\n"));
    handle.join().unwrap();
}

/// The first line from `from`, or None if none comes within `limit`.
fn read_line_within(from: impl Read + Send + 'static, limit: Duration) -> Option<String> {
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        let mut line = String::new();
        let _ = BufReader::new(from).read_line(&mut line);
        let _ = tx.send(line);
    });
    rx.recv_timeout(limit).ok()
}

/// A server on port 80 inside the namespace answers on the host's 127.0.0.1:`host_port`,
/// both ways.
pub fn assert_published(netns: &Netns, host_port: u16) {
    let mut server = netns.spawn(&["busybox", "nc", "-l", "-p", "80"]);
    let mut stdin = server.stdin.take().unwrap();
    stdin.write_all(b"from-container\n").unwrap();
    netns.wait_listening(80);
    let reply = exchange(host_port, "from-host\n");
    drop(stdin);
    wait_for("the server inside to see the connection close", || {
        server.try_wait().unwrap().is_some()
    });
    let mut received = String::new();
    server
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut received)
        .unwrap();
    assert_eq!(reply, "from-container\n");
    assert_eq!(received, "from-host\n");
}

/// After stop(): the helper's pid is gone from /proc and nothing mentions its run directory.
pub fn assert_gone(pid: u32, run_dir: &Path) {
    assert!(
        !Path::new(&format!("/proc/{pid}")).exists(),
        "helper {pid} is still there"
    );
    assert_eq!(processes_mentioning(run_dir), Vec::<u32>::new());
}

/// A pid that no process has any more.
pub fn dead_pid() -> i32 {
    let mut child = Command::new("true").spawn().unwrap();
    child.wait().unwrap();
    child.id() as i32
}

/// A bind mount of a namespace's /proc/PID/ns/net, as the monitor makes one in its own mount
/// namespace; unmounted on drop.
pub struct BoundNetns(PathBuf);

impl BoundNetns {
    pub fn new(netns: &Netns, dir: &Path) -> BoundNetns {
        use nix::mount::{MsFlags, mount};
        let path = dir.join("netns");
        fs::File::create(&path).unwrap();
        let source = format!("/proc/{}/ns/net", netns.pid());
        mount(
            Some(source.as_str()),
            &path,
            None::<&str>,
            MsFlags::MS_BIND,
            None::<&str>,
        )
        .unwrap();
        BoundNetns(path)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for BoundNetns {
    fn drop(&mut self) {
        let _ = nix::mount::umount(&self.0);
    }
}
