//! Source: an input (file path or http(s) URL) → bytes → decoded text.

use crate::Result;

/// A page as loaded: its decoded text, where it came from, and the charset used.
#[derive(Debug, Clone)]
pub struct Page {
    pub text: String,
    /// The page's URL, for resolving relative links; `None` for local files.
    pub url: Option<url::Url>,
    /// The encoding the bytes were decoded with (e.g. `UTF-8`, `gb18030`).
    pub charset: &'static str,
}

/// Load and decode one input: a path to a file or an http(s) URL.
pub fn load(input: &str) -> Result<Page> {
    let _ = input;
    todo!("source::load")
}
