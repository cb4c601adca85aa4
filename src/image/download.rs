//! ADD's remote sources: one HTTP(S) GET into a file, following redirects, failing on an
//! error status or a server that stalls.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use futures_util::StreamExt;

use super::pull::io_runtime;

const MAX_REDIRECTS: usize = 10;

#[derive(Debug, thiserror::Error)]
pub enum DownloadError {
    #[error("{0}")]
    Http(String),
    #[error("the server answered HTTP {0}")]
    Status(u16),
    #[error("the server sent nothing for {0} s")]
    Stalled(u64),
    #[error("cannot write {}: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// The file name a URL's path ends in (docker names the downloaded file so); `index.html`
/// style defaults are not invented: a URL without one has the name of its host.
pub fn file_name(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let rest = rest.split(['?', '#']).next().unwrap_or(rest);
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    path.rsplit('/')
        .find(|s| !s.is_empty())
        .unwrap_or(host)
        .to_string()
}

/// Whether ADD takes `source` as a URL rather than a path.
pub fn is_url(source: &str) -> bool {
    source.starts_with("http://") || source.starts_with("https://")
}

/// Downloads `url` into `dest`.
pub fn download(url: &str, dest: &Path, stall: Duration) -> Result<(), DownloadError> {
    let runtime = io_runtime().map_err(|e| DownloadError::Http(e.to_string()))?;
    runtime.block_on(async {
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::limited(MAX_REDIRECTS))
            .read_timeout(stall)
            .connect_timeout(stall)
            .build()
            .map_err(|e| DownloadError::Http(e.to_string()))?;
        let response = client
            .get(url)
            .send()
            .await
            .map_err(|e| classify(e, stall))?;
        if !response.status().is_success() {
            return Err(DownloadError::Status(response.status().as_u16()));
        }
        let write_err = |source| DownloadError::Write {
            path: dest.to_path_buf(),
            source,
        };
        let mut file = std::fs::File::create(dest).map_err(write_err)?;
        let mut body = response.bytes_stream();
        while let Some(chunk) = body.next().await {
            let chunk = chunk.map_err(|e| classify(e, stall))?;
            file.write_all(&chunk).map_err(write_err)?;
        }
        file.sync_all().map_err(write_err)
    })
}

fn classify(e: reqwest::Error, stall: Duration) -> DownloadError {
    if e.is_timeout() {
        DownloadError::Stalled(stall.as_secs())
    } else {
        // reqwest's own message is "error sending request"; its source says why.
        let mut message = e.to_string();
        let mut source = std::error::Error::source(&e);
        while let Some(cause) = source {
            message = format!("{message}: {cause}");
            source = cause.source();
        }
        DownloadError::Http(message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_come_from_the_path() {
        assert_eq!(file_name("http://h:1/a/b/tool.tar.gz?x=1"), "tool.tar.gz");
        assert_eq!(file_name("https://h/dir/"), "dir");
        assert_eq!(file_name("https://example.com"), "example.com");
        assert!(is_url("https://x/y") && !is_url("file.txt") && !is_url("ftp://x"));
    }
}
