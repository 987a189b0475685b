//! The private-network rule. Pages are written by strangers, and zhprint runs next to
//! cloud metadata endpoints, admin consoles on loopback and intranet services; a page
//! must not make it read those into an archive. So a request that a page causes (its
//! images, and any redirect, the given URL's included) may connect to a loopback,
//! private, link-local, shared (carrier-grade NAT), unspecified, multicast or reserved
//! address only when the page itself came from such an address (an intranet archive
//! keeps working) or the user allows it (`--allow-private-network`). Browsers hold
//! pages to the same rule (Private Network Access).
//!
//! The rule sits in the client's resolver, which every connection goes through, at
//! every redirect hop and retry: the address checked is the one connected to, after
//! DNS. A name that resolves to 127.0.0.1, a rebinding between two lookups, numeric
//! hosts (`http://2130706433/`) and IPv4 inside IPv6 (`::ffff:127.0.0.1`) are all
//! caught. Through a proxy the proxy resolves names, so only the proxy's own address
//! is seen here, and it is the user's to choose.

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::sync::{Arc, OnceLock};

use ureq::config::Config;
use ureq::http::Uri;
use ureq::unversioned::resolver::{DefaultResolver, ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::NextTimeout;

/// What kind of non-public address an address is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Private {
    Loopback,
    /// RFC 1918 and IPv6 unique local (fc00::/7, and the old site-local fec0::/10).
    Private,
    LinkLocal,
    /// Carrier-grade NAT, 100.64.0.0/10.
    SharedNat,
    Unspecified,
    Multicast,
    /// Never a public host: 0.0.0.0/8, 240.0.0.0/4, broadcast, and the ranges
    /// reserved for documentation and benchmarks.
    Reserved,
}

impl Private {
    fn describe(self) -> &'static str {
        match self {
            Private::Loopback => "a loopback address",
            Private::Private => "a private address",
            Private::LinkLocal => "a link-local address",
            Private::SharedNat => "a carrier-grade NAT address",
            Private::Unspecified => "the unspecified address",
            Private::Multicast => "a multicast address",
            Private::Reserved => "a reserved address",
        }
    }
}

/// Tells public addresses (`None`) from the others.
pub type Classifier = fn(IpAddr) -> Option<Private>;

/// The real classifier.
pub fn classify(ip: IpAddr) -> Option<Private> {
    match ip {
        IpAddr::V4(v4) => classify_v4(v4),
        IpAddr::V6(v6) => classify_v6(v6),
    }
}

fn classify_v4(ip: Ipv4Addr) -> Option<Private> {
    let [a, b, c, _] = ip.octets();
    match (a, b, c) {
        (0, 0, 0) if ip.is_unspecified() => Some(Private::Unspecified),
        (0, _, _) => Some(Private::Reserved),
        (127, _, _) => Some(Private::Loopback),
        (10, _, _) | (172, 16..=31, _) | (192, 168, _) => Some(Private::Private),
        (169, 254, _) => Some(Private::LinkLocal),
        (100, 64..=127, _) => Some(Private::SharedNat),
        (224..=239, _, _) => Some(Private::Multicast),
        (240..=255, _, _) => Some(Private::Reserved),
        // IETF protocol assignments, documentation (TEST-NET-1/2/3), benchmarking.
        (192, 0, 0) | (192, 0, 2) | (198, 51, 100) | (203, 0, 113) | (198, 18..=19, _) => {
            Some(Private::Reserved)
        }
        _ => None,
    }
}

fn classify_v6(ip: Ipv6Addr) -> Option<Private> {
    // IPv4 carried in IPv6 reaches the IPv4 host: mapped (::ffff:a.b.c.d), the old
    // compatible form (::a.b.c.d) and the NAT64 prefix (64:ff9b::/96).
    let s = ip.segments();
    if let Some(v4) = ip.to_ipv4_mapped() {
        return classify_v4(v4);
    }
    if ip.is_unspecified() {
        return Some(Private::Unspecified);
    }
    if ip.is_loopback() {
        return Some(Private::Loopback);
    }
    if s[..6] == [0; 6] || s[..6] == [0x64, 0xff9b, 0, 0, 0, 0] {
        let [a, b] = s[6].to_be_bytes();
        let [c, d] = s[7].to_be_bytes();
        return classify_v4(Ipv4Addr::new(a, b, c, d));
    }
    match s[0] {
        0xfc00..=0xfdff | 0xfec0..=0xfeff => Some(Private::Private),
        0xfe80..=0xfebf => Some(Private::LinkLocal),
        0xff00..=0xffff => Some(Private::Multicast),
        // Documentation (2001:db8::/32).
        0x2001 if s[1] == 0x0db8 => Some(Private::Reserved),
        _ => None,
    }
}

/// Which addresses a page's requests may connect to.
#[derive(Debug, Clone, Copy)]
pub struct NetworkRule {
    /// Private addresses too: the user allows it, or the page came from one.
    pub allow_private: bool,
    pub classify: Classifier,
}

impl NetworkRule {
    /// The rule with the real classifier.
    pub fn new(allow_private: bool) -> NetworkRule {
        NetworkRule {
            allow_private,
            classify,
        }
    }

    /// The same classifier, with private addresses allowed.
    pub fn allowing_private(self) -> NetworkRule {
        NetworkRule {
            allow_private: true,
            ..self
        }
    }
}

/// A refused connection: where to, and why.
#[derive(Debug)]
pub struct Refused {
    ip: IpAddr,
    kind: Private,
}

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "refused to connect to {} ({}): a page from the public network may not reach \
             the private network (--allow-private-network allows it)",
            self.ip,
            self.kind.describe()
        )
    }
}

impl std::error::Error for Refused {}

/// The resolver every fetch goes through: the system's, with the rule applied to the
/// addresses it returns.
#[derive(Debug)]
pub(super) struct GuardedResolver {
    rule: NetworkRule,
    /// For a page's own fetch: set by the first lookup (the given URL's host, the
    /// user's choice, so never refused) to whether the page came from the private
    /// network, which then decides every later hop.
    page_origin: Option<Arc<OnceLock<bool>>>,
}

impl GuardedResolver {
    /// For requests a page causes (its images): the rule as it is.
    pub(super) fn for_page_requests(rule: NetworkRule) -> GuardedResolver {
        GuardedResolver {
            rule,
            page_origin: None,
        }
    }

    /// For fetching a page: its first lookup is the user's, later ones (redirects)
    /// the page's. The returned cell tells afterwards whether it came from the
    /// private network.
    pub(super) fn for_page(rule: NetworkRule) -> (GuardedResolver, Arc<OnceLock<bool>>) {
        let origin = Arc::new(OnceLock::new());
        let resolver = GuardedResolver {
            rule,
            page_origin: Some(Arc::clone(&origin)),
        };
        (resolver, origin)
    }
}

impl Resolver for GuardedResolver {
    fn resolve(
        &self,
        uri: &Uri,
        config: &Config,
        timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        let resolver = DefaultResolver::default();
        let addrs = resolver.resolve(uri, config, timeout)?;
        if is_proxy(uri, config) {
            return Ok(addrs);
        }
        let classify = self.rule.classify;
        let all_private = addrs.iter().all(|a| classify(a.ip()).is_some());
        let from_private = self
            .page_origin
            .as_ref()
            .is_some_and(|origin| *origin.get_or_init(|| all_private));
        if self.rule.allow_private || from_private {
            return Ok(addrs);
        }
        // A name with public and private addresses keeps its public ones.
        let mut kept = resolver.empty();
        let mut refused = None;
        for addr in addrs.iter() {
            match classify(addr.ip()) {
                None => kept.push(*addr),
                Some(kind) => {
                    refused = refused.or(Some(Refused {
                        ip: addr.ip(),
                        kind,
                    }))
                }
            }
        }
        match refused {
            Some(refused) if kept.is_empty() => Err(ureq::Error::Other(Box::new(refused))),
            _ => Ok(kept),
        }
    }
}

/// Whether `uri` is the configured proxy's: the user's choice, wherever it is.
fn is_proxy(uri: &Uri, config: &Config) -> bool {
    config.proxy().is_some_and(|proxy| {
        let theirs = proxy.uri();
        theirs.host() == uri.host() && theirs.port_u16() == uri.port_u16()
    })
}

/// The refusal inside a fetch error, if the rule caused it.
pub(super) fn refusal(error: &ureq::Error) -> Option<String> {
    match error {
        ureq::Error::Other(inner) => inner.downcast_ref::<Refused>().map(Refused::to_string),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(addr: &str) -> Option<Private> {
        classify(addr.parse().expect("address"))
    }

    #[test]
    fn every_non_public_range_is_named() {
        let cases = [
            ("127.0.0.1", Some(Private::Loopback)),
            ("127.255.0.9", Some(Private::Loopback)),
            ("10.1.2.3", Some(Private::Private)),
            ("172.16.0.1", Some(Private::Private)),
            ("172.31.255.255", Some(Private::Private)),
            ("192.168.1.1", Some(Private::Private)),
            ("169.254.169.254", Some(Private::LinkLocal)),
            ("100.64.0.1", Some(Private::SharedNat)),
            ("100.127.255.254", Some(Private::SharedNat)),
            ("0.0.0.0", Some(Private::Unspecified)),
            ("0.1.2.3", Some(Private::Reserved)),
            ("224.0.0.1", Some(Private::Multicast)),
            ("255.255.255.255", Some(Private::Reserved)),
            ("::1", Some(Private::Loopback)),
            ("::", Some(Private::Unspecified)),
            ("fd12:3456::1", Some(Private::Private)),
            ("fc00::1", Some(Private::Private)),
            ("fe80::1", Some(Private::LinkLocal)),
            ("ff02::1", Some(Private::Multicast)),
            // IPv4 inside IPv6 is judged as the IPv4 host it reaches.
            ("::ffff:127.0.0.1", Some(Private::Loopback)),
            ("::ffff:169.254.169.254", Some(Private::LinkLocal)),
            ("::127.0.0.1", Some(Private::Loopback)),
            ("64:ff9b::10.0.0.1", Some(Private::Private)),
        ];
        for (addr, want) in cases {
            assert_eq!(kind(addr), want, "{addr}");
        }
    }

    #[test]
    fn public_addresses_pass() {
        for addr in [
            "8.8.8.8",
            "172.32.0.1",
            "172.15.255.255",
            "100.63.255.255",
            "100.128.0.1",
            "192.169.0.1",
            "223.255.255.255",
            "2001:4860:4860::8888",
            "2400:cb00::1",
            "::ffff:8.8.8.8",
        ] {
            assert_eq!(kind(addr), None, "{addr}");
        }
    }

    #[test]
    fn numeric_hosts_are_read_as_the_addresses_they_are() {
        // The URL parser turns every numeric spelling into the address the resolver
        // then sees.
        for spelled in [
            "http://2130706433/",
            "http://0x7f000001/",
            "http://0177.0.0.1/",
            "http://127.1/",
            "http://[::ffff:7f00:1]/",
        ] {
            let url = url::Url::parse(spelled).expect("url");
            let ip: IpAddr = match url.host() {
                Some(url::Host::Ipv4(v4)) => v4.into(),
                Some(url::Host::Ipv6(v6)) => v6.into(),
                other => panic!("{spelled}: {other:?}"),
            };
            assert_eq!(classify(ip), Some(Private::Loopback), "{spelled}");
        }
    }
}
