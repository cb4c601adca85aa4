//! The MPI pattern on one node (issue 22): ranks in separate containers run with
//! `--userns keep-id --network host --ipc host` and the working directory bound, as the
//! README documents, and meet where MPI libraries meet: a unix socket in the shared directory,
//! System V shared memory, and POSIX shared memory in /dev/shm.

use crate::common::Env;
use crate::common::debian::DEBIAN;
use crate::common::env::user;

/// Rank 0: publishes a System V segment and a /dev/shm file, then answers one line on a unix
/// socket in the working directory.
const RANK0: &str = r#"
use IO::Socket::UNIX;
my ($key, $shm) = @ARGV;
my $id = shmget($key, 64, 01000 | 0600) // die "shmget: $!";
shmwrite($id, "sysv from rank 0", 0, 64) or die "shmwrite: $!";
open(my $f, '>', "/dev/shm/$shm") or die "/dev/shm: $!";
print $f "posix from rank 0\n";
close $f;
my $server = IO::Socket::UNIX->new(Local => 'rank0.sock', Listen => 1) or die "listen: $!";
my $peer = $server->accept or die "accept: $!";
my $line = <$peer>;
print $peer "ack: $line";
close $peer;
"#;

/// Rank 1: reads both segments, talks on the socket, and removes what rank 0 made.
const RANK1: &str = r#"
use IO::Socket::UNIX;
my ($key, $shm) = @ARGV;
my $peer;
for (1 .. 100) {
    $peer = IO::Socket::UNIX->new(Peer => 'rank0.sock') and last;
    select(undef, undef, undef, 0.1);
}
die "connect: $!" unless $peer;
my $id = shmget($key, 64, 0) // die "shmget: $!";
my $text;
shmread($id, $text, 0, 64) or die "shmread: $!";
$text =~ s/\0+$//;
print "$text\n";
shmctl($id, 0, 0);
open(my $f, '<', "/dev/shm/$shm") or die "/dev/shm: $!";
print scalar <$f>;
unlink "/dev/shm/$shm";
print $peer "hello from rank 1\n";
print scalar <$peer>;
print "uid ", $<, "\n";
"#;

#[test]
fn ranks_in_separate_containers_share_a_socket_and_shared_memory() {
    let env = Env::with_debian();
    let work = env.path("work");
    let bind = format!("{0}:{0}", work.display());
    let key = (0x5250_0000 | (std::process::id() & 0xffff)).to_string();
    let shm = format!("rpod-mpi-{}", std::process::id());
    let rank = |detach: bool, script: &str| {
        let mut args = vec!["run"];
        args.push(if detach { "-d" } else { "--rm" });
        args.extend([
            "--userns",
            "keep-id",
            "--network",
            "host",
            "--ipc",
            "host",
            "-v",
            &bind,
            "-w",
        ]);
        args.extend([
            work.to_str().unwrap(),
            DEBIAN,
            "perl",
            "-e",
            script,
            &key,
            &shm,
        ]);
        env.rpod(&args)
    };
    let rank0 = rank(true, RANK0);
    rank0.success();
    let rank0 = rank0.trimmed().to_string();
    let posix = std::path::PathBuf::from(format!("/dev/shm/{shm}"));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while !posix.exists() {
        assert!(
            std::time::Instant::now() < deadline,
            "rank 0 made no {posix:?}"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    // A container with its own IPC namespace has a /dev/shm of its own.
    env.rpod(&[
        "run",
        "--rm",
        DEBIAN,
        "test",
        "!",
        "-e",
        posix.to_str().unwrap(),
    ])
    .success();
    let out = rank(false, RANK1);
    out.success();
    let (uid, _) = user();
    assert_eq!(
        out.trimmed(),
        format!(
            "sysv from rank 0\nposix from rank 0\nack: hello from rank 1\nuid {}",
            uid
        )
    );
    env.rpod(&["wait", &rank0]).success().stdout_has("0");
    assert!(!posix.exists());
    env.rpod(&["rm", &rank0]).success();
}
