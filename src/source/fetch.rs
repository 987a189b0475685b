//! Fetch: an http(s) URL → the response body bytes and its `Content-Type`.

use std::time::Duration;

use ureq::ResponseExt;

use crate::{Error, Result};

/// Pages larger than this are refused rather than read into memory. Saved pages
/// with their images inlined as `data:` URIs reach tens of MB; extraction needs
/// about ten times the page in memory (measured: docs/extraction.md).
pub const MAX_BYTES: u64 = 64 * 1024 * 1024;

const USER_AGENT: &str = concat!(
    "zhprint/",
    env!("CARGO_PKG_VERSION"),
    " (+https://github.com/zhprint; print editions of web reports)"
);

/// A fetched response: body, declared content type, and the URL after redirects.
pub struct Fetched {
    pub bytes: Vec<u8>,
    pub content_type: Option<String>,
    pub url: url::Url,
}

/// GET `url` with timeouts, a User-Agent and a size cap.
pub fn fetch(url: &url::Url) -> Result<Fetched> {
    let fail = |reason: String| Error::Fetch {
        url: url.to_string(),
        reason,
    };
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_connect(Some(Duration::from_secs(10)))
        .timeout_global(Some(Duration::from_secs(60)))
        .user_agent(USER_AGENT)
        .max_redirects(10)
        .build()
        .into();
    let mut response = agent
        .get(url.as_str())
        .call()
        .map_err(|e| fail(e.to_string()))?;
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned);
    // Relative links resolve against where we ended up, not where we started.
    let final_url =
        url::Url::parse(&response.get_uri().to_string()).unwrap_or_else(|_| url.clone());
    let bytes = response
        .body_mut()
        .with_config()
        .limit(MAX_BYTES)
        .read_to_vec()
        .map_err(|e| match e {
            ureq::Error::BodyExceedsLimit(_) => fail(format!("larger than {} MB", MAX_BYTES >> 20)),
            e => fail(e.to_string()),
        })?;
    Ok(Fetched {
        bytes,
        content_type,
        url: final_url,
    })
}
