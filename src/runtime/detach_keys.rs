//! Watching a terminal's input for the detach sequence (`--detach-keys`), for every relay of a
//! terminal: `run -it`, `attach` and `start -ai` in the CLI, `exec -it` in the exec helper.
//! A sequence may be split across reads, so its start is held back until the next read says
//! whether it goes on.

/// ctrl-p ctrl-q, docker's and podman's default.
pub const DEFAULT: [u8; 2] = [0x10, 0x11];

/// What a read of the terminal gives.
#[derive(Debug, PartialEq, Eq)]
pub enum Input {
    /// Bytes for the process (maybe none, when they could start the sequence).
    Forward(Vec<u8>),
    /// The sequence was typed: the bytes before it are for the process, then detach.
    Detach(Vec<u8>),
}

/// The sequence and what is held of it across reads.
#[derive(Debug, Default)]
pub struct Watch {
    keys: Vec<u8>,
    held: Vec<u8>,
}

impl Watch {
    /// `keys` empty: nothing detaches, every byte is forwarded.
    pub fn new(keys: &[u8]) -> Watch {
        Watch {
            keys: keys.to_vec(),
            held: Vec::new(),
        }
    }

    /// Takes one read of the terminal.
    pub fn feed(&mut self, read: &[u8]) -> Input {
        let mut data = std::mem::take(&mut self.held);
        data.extend_from_slice(read);
        let keys = &self.keys;
        if keys.is_empty() {
            return Input::Forward(data);
        }
        if let Some(at) = data.windows(keys.len()).position(|w| w == keys) {
            data.truncate(at);
            return Input::Detach(data);
        }
        self.held = data.split_off(data.len() - started(&data, keys));
        Input::Forward(data)
    }
}

/// How many bytes at the end of `data` are the start of `keys` (fewer than all of them).
fn started(data: &[u8], keys: &[u8]) -> usize {
    (1..keys.len().min(data.len() + 1))
        .rev()
        .find(|&n| data.ends_with(&keys[..n]))
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_started_sequence_waits_for_the_next_read() {
        assert_eq!(started(b"ab\x10", &[0x10, 0x11]), 1);
        assert_eq!(started(b"abxy", b"xyz"), 2);
        assert_eq!(started(b"xyz", b"xyz"), 0);
        assert_eq!(started(b"", b"xyz"), 0);
        assert_eq!(started(b"ab", &[0x01]), 0);
    }

    #[test]
    fn the_sequence_detaches_across_reads_and_nothing_is_lost() {
        let mut watch = Watch::new(&DEFAULT);
        assert_eq!(watch.feed(b"ls\x10"), Input::Forward(b"ls".to_vec()));
        assert_eq!(watch.feed(b"x"), Input::Forward(b"\x10x".to_vec()));
        assert_eq!(watch.feed(b"a\x10"), Input::Forward(b"a".to_vec()));
        assert_eq!(watch.feed(b"\x11rest"), Input::Detach(Vec::new()));
        let mut off = Watch::new(&[]);
        assert_eq!(off.feed(b"\x10\x11"), Input::Forward(b"\x10\x11".to_vec()));
    }
}
