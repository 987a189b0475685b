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
    #[error("cannot write {path}: {source}")]
    Write {
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
    #[error("no article found on the page: {0}")]
    NoArticle(NoArticle),
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

/// Why a page has no article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum NoArticle {
    #[error("it shows no text")]
    NoText,
    #[error("its text is mostly links (navigation or an index of links)")]
    OnlyLinks,
    #[error("it has no running text, only short lines")]
    NoRunningText,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
