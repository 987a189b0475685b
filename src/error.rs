//! The library's error type: one line, naming the reason; the caller names the input.

use thiserror::Error;

#[derive(Debug, Error)]
pub enum Error {
    #[error("cannot read {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot fetch {url}: {reason}")]
    Fetch { url: String, reason: String },
    #[error("unsupported input: {0}")]
    Unsupported(String),
    #[error("the input is empty")]
    Empty,
    #[error("not an HTML page: {0}")]
    NotHtml(String),
    #[error("no article found on the page")]
    NoArticle,
    #[error("invalid UTF-8 at byte {offset}")]
    InvalidUtf8 { offset: usize },
    #[error("invalid configuration in {path}: {reason}")]
    Config { path: String, reason: String },
    #[error("{format} rendering failed: {reason}")]
    Render {
        format: &'static str,
        reason: String,
    },
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
