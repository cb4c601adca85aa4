//! `build --timestamp`: every entry of a layer the build adds gets one time, so that the same
//! context built twice gives the same layers (and so the same image id) whenever it is built.
//! `--rewrite-timestamp` only clamps: times after the given one become it, older ones stay.
//! The layer tar is patched in place, header by header: its entries, sizes and order stay
//! exactly what the step wrote.

use std::fs::{File, OpenOptions};
use std::io::BufReader;
use std::os::unix::fs::FileExt;
use std::path::Path;

use super::error::StepError;

/// Sets the modification time (and a GNU header's access and change times, where the header
/// has them) of every entry of the tar at `path` to `seconds`; with `clamp`, only the times
/// later than `seconds`.
pub fn layer(path: &Path, seconds: u64, clamp: bool) -> Result<(), StepError> {
    let set = |time: u64| if clamp { time.min(seconds) } else { seconds };
    let fail = |e| StepError::io("set the file times of the layer", path)(e);
    let writer = OpenOptions::new().write(true).open(path).map_err(fail)?;
    let reader = BufReader::new(File::open(path).map_err(fail)?);
    let mut archive = tar::Archive::new(reader);
    // Raw: GNU long-name and PAX extension entries are headers of their own, stamped too.
    for entry in archive.entries().map_err(fail)?.raw(true) {
        let entry = entry.map_err(fail)?;
        let mut header = entry.header().clone();
        header.set_mtime(set(header.mtime().map_err(fail)?));
        if let Some(gnu) = header.as_gnu_mut() {
            if let Ok(t) = gnu.atime()
                && t != 0
            {
                gnu.set_atime(set(t));
            }
            if let Ok(t) = gnu.ctime()
                && t != 0
            {
                gnu.set_ctime(set(t));
            }
        }
        header.set_cksum();
        writer
            .write_all_at(header.as_bytes(), entry.raw_header_position())
            .map_err(fail)?;
    }
    writer.sync_all().map_err(fail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entry_gets_the_time_and_nothing_else_changes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("layer.tar");
        let mut builder = tar::Builder::new(File::create(&path).unwrap());
        let long = format!("{}/file", "d".repeat(150));
        for (name, mtime) in [("a", 7u64), (long.as_str(), 1_700_000_123)] {
            let mut h = tar::Header::new_gnu();
            h.set_mode(0o644);
            h.set_mtime(mtime);
            h.set_size(3);
            builder.append_data(&mut h, name, &b"abc"[..]).unwrap();
        }
        builder.into_inner().unwrap();
        let before = std::fs::metadata(&path).unwrap().len();

        layer(&path, 42, false).unwrap();

        assert_eq!(std::fs::metadata(&path).unwrap().len(), before);
        let mut archive = tar::Archive::new(File::open(&path).unwrap());
        let mut names = Vec::new();
        for entry in archive.entries().unwrap() {
            let mut entry = entry.unwrap();
            assert_eq!(entry.header().mtime().unwrap(), 42);
            let mut data = String::new();
            std::io::Read::read_to_string(&mut entry, &mut data).unwrap();
            assert_eq!(data, "abc");
            names.push(entry.path().unwrap().display().to_string());
        }
        assert_eq!(names, ["a".to_string(), long]);

        layer(&path, 20, true).unwrap();
        layer(&path, 99, true).unwrap();
        let mut archive = tar::Archive::new(File::open(&path).unwrap());
        for entry in archive.entries().unwrap() {
            assert_eq!(
                entry.unwrap().header().mtime().unwrap(),
                20,
                "clamped, never raised"
            );
        }
    }
}
