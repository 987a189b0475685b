//! Fetch: an http(s) URL → the response body bytes and its `Content-Type`.

use std::sync::OnceLock;
use std::time::Duration;

use ureq::unversioned::transport::DefaultConnector;
use ureq::ResponseExt;

use super::network::{self, GuardedResolver, NetworkRule};
use crate::{Error, Result};

/// Saved page files larger than this are refused rather than read into memory.
/// Saved pages with their images inlined as `data:` URIs reach tens of MB;
/// extraction needs about ten times the page in memory (measured: docs/extraction.md).
pub const MAX_BYTES: u64 = 64 * 1024 * 1024;

/// How long a fetch may take, how big a response may be and whether a page's requests
/// may reach the private network, for the whole process: the command line's
/// `--timeout`, `--max-size` and `--allow-private-network` ([`set_limits`]), else
/// `ZHPRINT_FETCH_TIMEOUT` and `ZHPRINT_FETCH_MAX_MB`, else 60 s, 20 MB and no.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FetchLimits {
    /// The whole exchange, retries apart.
    pub timeout: Duration,
    /// Responses larger than this are refused: a web page is far smaller, so more is
    /// a wrong URL or a hostile server.
    pub max_bytes: u64,
    /// Requests a page causes may connect to private addresses even when the page
    /// came from the public network ([`super::network`]).
    pub allow_private_network: bool,
}

impl FetchLimits {
    /// The environment's limits, else the defaults.
    pub fn from_env() -> Self {
        let timeout = std::env::var("ZHPRINT_FETCH_TIMEOUT")
            .ok()
            .and_then(|v| parse_timeout(&v))
            .unwrap_or(Duration::from_secs(60));
        let mb = std::env::var("ZHPRINT_FETCH_MAX_MB")
            .ok()
            .and_then(|v| v.trim().parse::<u64>().ok())
            .filter(|mb| *mb > 0)
            .unwrap_or(20);
        FetchLimits {
            timeout,
            max_bytes: mb.saturating_mul(1 << 20),
            allow_private_network: false,
        }
    }
}

/// A time limit in seconds (`2`, `0.5`): positive and under 10⁹ s, which a
/// `Duration` holds (a larger one would overflow it).
pub fn parse_timeout(secs: &str) -> Option<Duration> {
    let secs = secs.trim().parse::<f64>().ok()?;
    (secs.is_finite() && secs > 0.0 && secs < 1e9).then(|| Duration::from_secs_f64(secs))
}

static LIMITS: OnceLock<FetchLimits> = OnceLock::new();

/// Sets the process's limits, before the first fetch; false when they were set
/// (or used) already.
pub fn set_limits(limits: FetchLimits) -> bool {
    LIMITS.set(limits).is_ok()
}

fn limits() -> FetchLimits {
    *LIMITS.get_or_init(FetchLimits::from_env)
}

/// The private-network rule the process starts from, before a page says where it
/// came from.
pub(super) fn network_rule() -> NetworkRule {
    NetworkRule::new(limits().allow_private_network)
}

/// The response size cap in bytes.
pub fn max_response_bytes() -> u64 {
    limits().max_bytes
}

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

/// Attempts after the first, on a timeout, a dropped connection or a 5xx answer.
const RETRIES: u32 = 3;

/// The whole exchange's time limit.
pub(super) fn timeout() -> Duration {
    limits().timeout
}

/// The client every fetch uses: connect and overall timeouts, the User-Agent,
/// at most 10 redirects (ureq follows only http and https), and `resolver`, which
/// applies the private-network rule to every connection.
pub(super) fn agent(resolver: GuardedResolver) -> ureq::Agent {
    let config = ureq::Agent::config_builder()
        .timeout_connect(Some(Duration::from_secs(10)))
        .timeout_global(Some(timeout()))
        .user_agent(USER_AGENT)
        .max_redirects(10)
        .build();
    ureq::Agent::with_parts(config, DefaultConnector::new(), resolver)
}

/// The client for the requests a page causes (its images).
pub(super) fn agent_for_page_requests(rule: NetworkRule) -> ureq::Agent {
    agent(GuardedResolver::for_page_requests(rule))
}

/// Fetch a page the user gave: its own address may be anywhere, the addresses it
/// redirects to follow the rule. The page's rule for its own requests comes back with
/// it: private addresses are allowed when it came from one.
pub(super) fn fetch_page(url: &url::Url, rule: NetworkRule) -> Result<(Fetched, NetworkRule)> {
    let (resolver, from_private) = GuardedResolver::for_page(rule);
    let fetched = fetch_with(&agent(resolver), url, max_response_bytes())?;
    let rule = if from_private.get().copied().unwrap_or(false) {
        rule.allowing_private()
    } else {
        rule
    };
    Ok((fetched, rule))
}

/// [`fetch`] with a given agent (to share its connections) and size cap in bytes.
pub(super) fn fetch_with(agent: &ureq::Agent, url: &url::Url, limit: u64) -> Result<Fetched> {
    let mut attempt = 0;
    loop {
        match fetch_once(agent, url, limit) {
            Err(e) if attempt < RETRIES && transient(&e) => {
                std::thread::sleep(Duration::from_millis(500 << attempt));
                attempt += 1;
            }
            result => {
                return result.map_err(|e| {
                    let tries = if attempt > 0 {
                        format!(" (after {} attempts)", attempt + 1)
                    } else {
                        String::new()
                    };
                    Error::Fetch {
                        url: url.to_string(),
                        reason: network::refusal(&e).unwrap_or_else(|| match e {
                            ureq::Error::BodyExceedsLimit(_) => {
                                format!("larger than {} MB", limit >> 20)
                            }
                            e => format!("{e}{tries}"),
                        }),
                    }
                });
            }
        }
    }
}

/// Worth another try: the server or the network may do better in a moment.
fn transient(e: &ureq::Error) -> bool {
    matches!(
        e,
        ureq::Error::StatusCode(500..=599)
            | ureq::Error::Timeout(_)
            | ureq::Error::Io(_)
            | ureq::Error::ConnectionFailed
    )
}

fn fetch_once(agent: &ureq::Agent, url: &url::Url, limit: u64) -> Result<Fetched, ureq::Error> {
    let mut response = agent.get(url.as_str()).call()?;
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
        .limit(limit)
        .read_to_vec()?;
    Ok(Fetched {
        bytes,
        content_type,
        url: final_url,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timeouts_parse_and_absurd_ones_are_refused() {
        assert_eq!(parse_timeout(" 2 "), Some(Duration::from_secs(2)));
        assert_eq!(parse_timeout("0.5"), Some(Duration::from_millis(500)));
        for bad in ["0", "-1", "inf", "NaN", "1e300", "soon", ""] {
            assert_eq!(parse_timeout(bad), None, "{bad}");
        }
    }
}
