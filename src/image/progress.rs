//! What a transfer tells the user: progress bars on stderr when it is a terminal, nothing
//! otherwise or with `-q`; stdout carries only the result (the image id).

use std::collections::HashMap;
use std::io::IsTerminal;
use std::sync::Mutex;
use std::time::Duration;

use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::ids::Digest;

pub trait Progress: Send + Sync {
    /// A free-form step ("Trying to pull …", "Writing manifest").
    fn step(&self, message: &str);
    fn blob_start(&self, digest: &Digest, size: u64);
    fn blob_bytes(&self, digest: &Digest, n: u64);
    fn blob_done(&self, digest: &Digest, outcome: BlobOutcome);
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlobOutcome {
    Copied,
    AlreadyExists,
    Failed,
}

/// The right reporter for how rpod was started.
pub fn for_terminal(quiet: bool) -> Box<dyn Progress> {
    if !quiet && std::io::stderr().is_terminal() {
        Box::new(Bars::new())
    } else {
        Box::new(Silent)
    }
}

pub struct Silent;

impl Progress for Silent {
    fn step(&self, _: &str) {}
    fn blob_start(&self, _: &Digest, _: u64) {}
    fn blob_bytes(&self, _: &Digest, _: u64) {}
    fn blob_done(&self, _: &Digest, _: BlobOutcome) {}
}

pub struct Bars {
    multi: MultiProgress,
    bars: Mutex<HashMap<Digest, ProgressBar>>,
}

impl Bars {
    fn new() -> Bars {
        Bars {
            multi: MultiProgress::with_draw_target(ProgressDrawTarget::stderr_with_hz(10)),
            bars: Mutex::new(HashMap::new()),
        }
    }
}

impl Progress for Bars {
    fn step(&self, message: &str) {
        let _ = self.multi.println(message);
    }

    fn blob_start(&self, digest: &Digest, size: u64) {
        let bar = self.multi.add(ProgressBar::new(size));
        bar.set_style(
            ProgressStyle::with_template(
                "Copying blob {prefix} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec}",
            )
            .expect("the progress template is valid")
            .progress_chars("=> "),
        );
        bar.set_prefix(digest.short().to_string());
        bar.enable_steady_tick(Duration::from_millis(200));
        self.bars
            .lock()
            .expect("progress lock")
            .insert(digest.clone(), bar);
    }

    fn blob_bytes(&self, digest: &Digest, n: u64) {
        if let Some(bar) = self.bars.lock().expect("progress lock").get(digest) {
            bar.inc(n);
        }
    }

    fn blob_done(&self, digest: &Digest, outcome: BlobOutcome) {
        let bar = self.bars.lock().expect("progress lock").remove(digest);
        let text = match outcome {
            BlobOutcome::Copied => "done",
            BlobOutcome::AlreadyExists => "skipped: already exists",
            BlobOutcome::Failed => "failed",
        };
        match bar {
            Some(bar) => bar.finish_and_clear(),
            None if outcome == BlobOutcome::Failed => return,
            None => {}
        }
        let _ = self
            .multi
            .println(format!("Copying blob {} {text}", digest.short()));
    }
}
