//! Keeping a long-lived process small: a monitor runs as long as its container, one per
//! container, so its resident set matters. The rpod binary is large and the kernel maps its
//! code in 64 KiB fault-around chunks as scattered functions run; once the container is up,
//! the monitor drops every clean file-backed page it holds and marks those mappings random
//! access, so that only the pages its event loop really uses come back, one at a time.
#![allow(unsafe_code)]

use std::fs;

/// A file-backed mapping with no dirty pages: dropping its pages loses nothing, the next
/// access reads them from the file again.
struct Clean {
    start: usize,
    len: usize,
}

fn clean_file_mappings() -> Vec<Clean> {
    let Ok(smaps) = fs::read_to_string("/proc/self/smaps") else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut current: Option<(Clean, bool)> = None;
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
            let eligible = path.starts_with('/') && !perms.contains('w');
            current = Some((
                Clean {
                    start,
                    len: end - start,
                },
                eligible,
            ));
        } else if matches!(first, "Private_Dirty:" | "Shared_Dirty:")
            && fields.next().is_some_and(|v| v != "0")
            && let Some((_, eligible)) = current.as_mut()
        {
            *eligible = false;
        }
    }
    if let Some((m, true)) = current {
        out.push(m);
    }
    out
}

/// Drops clean file-backed pages and turns off readahead for those mappings, and gives the
/// heap that setup used back to the system.
pub fn shrink_to_working_set() {
    // SAFETY: malloc_trim only releases free memory of the allocator; no live allocation moves.
    unsafe { libc::malloc_trim(0) };
    for m in clean_file_mappings() {
        // SAFETY: the range is a whole mapping of this process taken from /proc/self/smaps,
        // file-backed, not writable and without dirty pages: MADV_RANDOM only changes how it
        // faults in, and MADV_DONTNEED on clean file pages makes the next access read the
        // same bytes from the file again.
        unsafe {
            let addr = m.start as *mut libc::c_void;
            libc::madvise(addr, m.len, libc::MADV_RANDOM);
            libc::madvise(addr, m.len, libc::MADV_DONTNEED);
        }
    }
}
