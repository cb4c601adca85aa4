//! Keeping a long-lived process small: a monitor runs as long as its container, one per
//! container, so its resident set matters. The rpod binary is large and its code runs from
//! scattered places; each page fault on a file mapping maps the whole 64 KiB fault-around
//! window of pages the page cache holds (MADV_RANDOM does not change that). So a long-lived
//! process drops every clean file-backed page it holds, and the stack its set-up reached below
//! where it now runs, right before it waits: what it touches after that until it blocks is a
//! few windows, and what comes back later is what its wake-ups really run.
#![allow(unsafe_code)]

use std::fs;
use std::io::Read;
use std::os::fd::BorrowedFd;

/// One of this process's own /proc files: from `proc`, a /proc the caller holds, when its
/// own root is not the host's (root emulation's supervisor lives in the container's mount
/// namespace, where /proc is the container's to forge).
fn read_self(proc: Option<BorrowedFd>, name: &str) -> Option<String> {
    let Some(proc) = proc else {
        return fs::read_to_string(format!("/proc/self/{name}")).ok();
    };
    let fd = nix::fcntl::openat(
        proc,
        format!("self/{name}").as_str(),
        nix::fcntl::OFlag::O_RDONLY | nix::fcntl::OFlag::O_CLOEXEC,
        nix::sys::stat::Mode::empty(),
    )
    .ok()?;
    let mut text = String::new();
    fs::File::from(fd).read_to_string(&mut text).ok()?;
    Some(text)
}

/// A range of this process's mappings.
struct Mapping {
    start: usize,
    len: usize,
}

/// From one read of smaps: the read-only file-backed mappings with no anonymous pages
/// (dropping their pages loses nothing, the next access reads them from the file again), and
/// the main thread's stack. Not "no dirty pages": a binary written less than half a minute
/// ago (an install, contrib/bench's copy) has dirty page-cache pages, which stay in the cache
/// when this process lets go of them; only a copy-on-write page (relocated data) is its own.
fn mappings(proc: Option<BorrowedFd>) -> (Vec<Mapping>, Option<Mapping>) {
    let Some(smaps) = read_self(proc, "smaps") else {
        return (Vec::new(), None);
    };
    let mut out = Vec::new();
    let mut stack = None;
    let mut current: Option<(Mapping, bool)> = None;
    for line in smaps.lines() {
        let mut fields = line.split_whitespace();
        let first = fields.next().unwrap_or("");
        if let Some((start, end)) = first.split_once('-')
            && let (Ok(start), Ok(end)) = (
                usize::from_str_radix(start, 16),
                usize::from_str_radix(end, 16),
            )
        {
            if let Some((m, true)) = current.take() {
                out.push(m);
            }
            let perms = fields.next().unwrap_or("");
            let path = fields.nth(3).unwrap_or("");
            let len = end - start;
            if path == "[stack]" {
                stack = Some(Mapping { start, len });
            }
            let eligible = path.starts_with('/') && !perms.contains('w');
            current = Some((Mapping { start, len }, eligible));
        } else if first == "Anonymous:"
            && fields.next().is_some_and(|v| v != "0")
            && let Some((_, eligible)) = current.as_mut()
        {
            *eligible = false;
        }
    }
    if let Some((m, true)) = current {
        out.push(m);
    }
    (out, stack)
}

/// Below the frame that calls this, at least this much stays: the frames of the calls made
/// from here (madvise's own) and the red zone live there.
const STACK_KEPT_BELOW: usize = 64 << 10;

/// Drops the pages of the main thread's stack below the caller's frame: set-up (the spec's
/// parsing, the init's clone, large frames) reached deeper than the event loop will, and those
/// pages would otherwise stay resident for the container's life.
#[inline(never)]
fn drop_stack_below_caller(stack: &Mapping) {
    let here = 0u8;
    let here = std::hint::black_box(&here) as *const u8 as usize;
    // The stack grows down from the mapping's end: what is below `here` is no live frame's.
    // SAFETY: sysconf only reads a constant of the system.
    let page = usize::try_from(unsafe { libc::sysconf(libc::_SC_PAGESIZE) }).unwrap_or(4096);
    let top = here.saturating_sub(STACK_KEPT_BELOW) & !(page - 1);
    if !(stack.start..stack.start + stack.len).contains(&here) || top <= stack.start {
        return;
    }
    // No live frame is below this one's (madvise's call needs far less than
    // STACK_KEPT_BELOW), no other thread runs on this stack, and a frame pushed there later
    // expects nothing of memory it has not written.
    // SAFETY: [stack.start, top) is this thread's own stack, below every live frame; its
    // pages read as zero when touched again.
    unsafe {
        libc::madvise(
            stack.start as *mut libc::c_void,
            top - stack.start,
            libc::MADV_DONTNEED,
        );
    }
}

/// Drops clean file-backed pages and the stack below the caller, and gives the heap that
/// set-up used back to the system. Called right before a long wait: what runs between this and
/// the wait pages its code back in, 64 KiB at a time, so everything that reads or allocates
/// comes before the file pages go. `proc`: where to read this process's mappings from when
/// /proc is not the host's.
pub fn shrink_to_working_set(proc: Option<BorrowedFd>) {
    let (files, stack) = mappings(proc);
    // On the stack, so that nothing is freed (and no allocator code paged in) after the
    // pages go; a process has far fewer read-only file mappings than this.
    let mut dropped = [(0, 0); 64];
    for (slot, m) in dropped.iter_mut().zip(&files) {
        *slot = (m.start, m.len);
    }
    drop(files);
    // SAFETY: malloc_trim only releases free memory of the allocator; no live allocation moves.
    unsafe { libc::malloc_trim(0) };
    if let Some(stack) = &stack {
        drop_stack_below_caller(stack);
    }
    for &(start, len) in dropped.iter().filter(|(_, len)| *len > 0) {
        // SAFETY: the range is a whole mapping of this process taken from /proc/self/smaps,
        // file-backed, not writable and without anonymous pages: MADV_RANDOM only changes how it
        // reads ahead, and MADV_DONTNEED on its page-cache pages (no copy of ours among them)
        // makes the next access map the same bytes of the file again.
        unsafe {
            let addr = start as *mut libc::c_void;
            libc::madvise(addr, len, libc::MADV_RANDOM);
            libc::madvise(addr, len, libc::MADV_DONTNEED);
        }
    }
}
