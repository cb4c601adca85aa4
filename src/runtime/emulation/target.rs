//! The memory of a process waiting in an emulated call: every pointer it passed is hostile (null,
//! unmapped, in the kernel's half, or a string running into an unmapped page) and every failure
//! becomes the errno the kernel itself would give, never a crash of the supervisor.
#![allow(unsafe_code)]

use std::ffi::CString;

/// The longest path the kernel accepts, its terminating NUL included.
pub const PATH_MAX: usize = libc::PATH_MAX as usize;
const PAGE: usize = 4096;
const FIRST_READ: usize = 256;

/// Reads what fits of `buf` from `addr` in process `pid`; short at an unmapped page.
fn read_some(pid: i32, addr: u64, buf: &mut [u8]) -> Result<usize, i32> {
    let local = libc::iovec {
        iov_base: buf.as_mut_ptr().cast(),
        iov_len: buf.len(),
    };
    let remote = libc::iovec {
        iov_base: addr as usize as *mut libc::c_void,
        iov_len: buf.len(),
    };
    // SAFETY: the local iovec covers `buf`, which we own and which outlives the call; the
    // remote one is only an address in the other process, checked by the kernel.
    let n = unsafe { libc::process_vm_readv(pid, &local, 1, &remote, 1, 0) };
    if n < 0 {
        return Err(std::io::Error::last_os_error()
            .raw_os_error()
            .unwrap_or(libc::EFAULT));
    }
    Ok(n as usize)
}

/// Exactly `len` bytes from `addr`, else EFAULT (ESRCH if the process is gone).
pub fn read(pid: i32, addr: u64, len: usize) -> Result<Vec<u8>, i32> {
    let mut buf = vec![0u8; len];
    if len == 0 {
        return Ok(buf);
    }
    match read_some(pid, addr, &mut buf)? {
        n if n == len => Ok(buf),
        _ => Err(libc::EFAULT),
    }
}

/// A NUL-terminated string of at most `max` bytes with its NUL: EFAULT when it runs into
/// memory that is not there, ENAMETOOLONG when it has no end within `max`.
pub fn read_cstring(pid: i32, addr: u64, max: usize) -> Result<CString, i32> {
    if addr == 0 {
        return Err(libc::EFAULT);
    }
    // Read straight into the string: only what is asked for is zeroed first, not a page
    // per call (a stat-heavy program sends tens of thousands of paths).
    let mut out = Vec::with_capacity(FIRST_READ);
    let mut at = addr;
    // Most paths are short: the first read asks for little.
    let mut chunk_max = FIRST_READ;
    while out.len() < max {
        // Page by page: a read that starts on a mapped page and crosses into an unmapped one
        // fails as a whole, so it never asks for more than the rest of one page.
        let to_page_end = PAGE - (at as usize % PAGE);
        let want = to_page_end.min(max - out.len()).min(chunk_max);
        chunk_max = PAGE;
        let start = out.len();
        out.resize(start + want, 0);
        let n = read_some(pid, at, &mut out[start..])?;
        out.truncate(start + n);
        if n == 0 {
            return Err(libc::EFAULT);
        }
        if let Some(end) = out[start..].iter().position(|&b| b == 0) {
            out.truncate(start + end);
            return CString::new(out).map_err(|_| libc::EFAULT);
        }
        at = at.checked_add(n as u64).ok_or(libc::EFAULT)?;
    }
    Err(libc::ENAMETOOLONG)
}

/// Whether the memory at `addr` starts with `prefix` (false where it cannot be read).
pub fn starts_with(pid: i32, addr: u64, prefix: &[u8]) -> bool {
    read(pid, addr, prefix.len()).is_ok_and(|b| b == prefix)
}

/// Writes all of `bytes` at `addr`, else EFAULT.
pub fn write(pid: i32, addr: u64, bytes: &[u8]) -> Result<(), i32> {
    if bytes.is_empty() {
        return Ok(());
    }
    let local = libc::iovec {
        iov_base: bytes.as_ptr() as *mut libc::c_void,
        iov_len: bytes.len(),
    };
    let remote = libc::iovec {
        iov_base: addr as usize as *mut libc::c_void,
        iov_len: bytes.len(),
    };
    // SAFETY: the kernel only reads the local buffer, which `bytes` keeps alive; the remote
    // address is checked by the kernel against the other process's mappings.
    let n = unsafe { libc::process_vm_writev(pid, &local, 1, &remote, 1, 0) };
    if n < 0 || n as usize != bytes.len() {
        return Err(libc::EFAULT);
    }
    Ok(())
}

/// The bytes of a plain-data value, as the kernel lays it out for the caller.
pub fn bytes_of<T: Copy>(value: &T) -> &[u8] {
    // SAFETY: T is Copy plain data (stat, statx, u32 arrays); viewing its bytes reads no
    // uninitialised padding because every value we pass was zeroed or filled by the kernel.
    unsafe { std::slice::from_raw_parts((value as *const T).cast::<u8>(), size_of::<T>()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn me() -> i32 {
        std::process::id() as i32
    }

    #[test]
    fn strings_end_at_their_nul_and_bad_pointers_are_efault() {
        let s = c"/etc/passwd";
        let got = read_cstring(me(), s.as_ptr() as u64, PATH_MAX).unwrap();
        assert_eq!(got.as_c_str(), s);
        assert_eq!(read_cstring(me(), 0, PATH_MAX), Err(libc::EFAULT));
        assert_eq!(read_cstring(me(), 8, PATH_MAX), Err(libc::EFAULT));
        assert_eq!(
            read_cstring(me(), 0xffff_8000_0000_0000, PATH_MAX),
            Err(libc::EFAULT)
        );
        let mut medium = vec![b'm'; 300];
        medium.push(0);
        let got = read_cstring(me(), medium.as_ptr() as u64, PATH_MAX).unwrap();
        assert_eq!(
            got.as_bytes(),
            &medium[..300],
            "read in more than one piece"
        );
        let long = vec![b'a'; 5000];
        assert_eq!(
            read_cstring(me(), long.as_ptr() as u64, PATH_MAX),
            Err(libc::ENAMETOOLONG)
        );
    }

    #[test]
    fn a_string_running_into_an_unmapped_page_is_efault() {
        // Two pages, the second unmapped: the string fills the first without a NUL.
        // SAFETY: a private anonymous mapping we own; unmapping its second half is ours to do.
        let base = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                2 * PAGE,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
                -1,
                0,
            )
        };
        assert_ne!(base, libc::MAP_FAILED);
        // SAFETY: the first page is mapped and writable; the second is ours to unmap.
        unsafe {
            std::ptr::write_bytes(base.cast::<u8>(), b'x', PAGE);
            libc::munmap(base.cast::<u8>().add(PAGE).cast(), PAGE);
        }
        let tail = base as u64 + PAGE as u64 - 10;
        assert_eq!(read_cstring(me(), tail, PATH_MAX), Err(libc::EFAULT));
        // SAFETY: unmapping the first page we mapped above.
        unsafe { libc::munmap(base, PAGE) };
    }

    #[test]
    fn writes_land_and_bad_addresses_are_efault() {
        let mut target = [0u32; 3];
        write(me(), target.as_mut_ptr() as u64, bytes_of(&[7u32, 8, 9])).unwrap();
        assert_eq!(target, [7, 8, 9]);
        assert_eq!(write(me(), 16, b"x"), Err(libc::EFAULT));
        assert_eq!(read(me(), 16, 4), Err(libc::EFAULT));
    }
}
