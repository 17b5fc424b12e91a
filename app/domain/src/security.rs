//! Pure rules of the platform's defences: where a redirect may go, how long a login waits after
//! failures, how a client address is bucketed for rate limits, and which state-changing
//! requests come from another site. The web layer applies them; nothing here reads a clock.

use std::net::IpAddr;

/// `next` if it is a path on this site, else `None`.
///
/// Browsers read `//host`, `/\host` and `/<tab>/host` as another host, and some strip control
/// characters and whitespace before parsing. So a local path is exactly: one `/`, then neither
/// `/` nor `\`, and no control character or backslash anywhere (percent-encoded or not: a
/// `%5C` or `%09` is decoded by some servers and proxies before the browser sees it).
pub fn safe_local_path(next: &str) -> Option<&str> {
    let rest = next.strip_prefix('/')?;
    if rest.starts_with('/') || rest.starts_with('\\') {
        return None;
    }
    if next
        .chars()
        .any(|c| c.is_control() || c == '\\' || c.is_whitespace())
    {
        return None;
    }
    let lower = next.to_ascii_lowercase();
    // Encoded backslash, control characters (%00–%1F, %7F) and an encoded leading slash.
    let encoded_bad = lower.contains("%5c")
        || lower.contains("%7f")
        || lower.starts_with("/%2f")
        || (0..0x20).any(|b| lower.contains(&format!("%{b:02x}")));
    if encoded_bad {
        return None;
    }
    Some(next)
}

/// Growing delays after failed sign-ins: the first `free` failures cost nothing; from then on
/// each further attempt waits `base_secs · 2^(failures − free)`, at most `max_secs`. A real user
/// who mistypes a few times is not stopped; a guesser is slowed to a crawl; nobody is locked
/// out for long by someone else's guesses (the wait never exceeds `max_secs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backoff {
    /// Failures allowed before any wait.
    pub free: u32,
    /// The first wait, in seconds.
    pub base_secs: i64,
    /// The longest wait, in seconds.
    pub max_secs: i64,
}

impl Backoff {
    /// Per account: 10 free failures, then 1 s, 2 s, 4 s … up to 15 minutes. (An attempt
    /// counts from the moment it is checked, so the free ones also let a few sign-ins of one
    /// account run at once.)
    pub const ACCOUNT: Self = Self {
        free: 10,
        base_secs: 1,
        max_secs: 15 * 60,
    };
    /// Per client address: 20 free failures (an office behind one address), then 1 s, 2 s …
    /// up to 15 minutes.
    pub const CLIENT: Self = Self {
        free: 20,
        base_secs: 1,
        max_secs: 15 * 60,
    };

    /// Seconds to wait after the `failures`-th consecutive failure before the next attempt.
    pub fn delay_secs(&self, failures: u32) -> i64 {
        if failures < self.free {
            return 0;
        }
        let exponent = (failures - self.free).min(40);
        self.base_secs
            .saturating_mul(1_i64 << exponent)
            .min(self.max_secs)
    }
}

/// The bucket a client address is counted in: an IPv4 address itself, an IPv6 address by its
/// /64 prefix (one subscriber gets a whole /64 and can rotate within it at will). An IPv4
/// address mapped into IPv6 counts as the IPv4 address.
pub fn client_bucket(address: IpAddr) -> String {
    match address {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return v4.to_string();
            }
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
    }
}

/// The client address of a request: the TCP peer, unless the peer is a trusted proxy; then the
/// right-most address of `X-Forwarded-For` that is not itself a trusted proxy (everything left of
/// it was written by the client and proves nothing).
pub fn client_address(
    peer: Option<IpAddr>,
    forwarded_for: Option<&str>,
    trusted_proxies: &[IpAddr],
) -> Option<IpAddr> {
    let peer = peer?;
    if !trusted_proxies.contains(&peer) {
        return Some(peer);
    }
    let Some(header) = forwarded_for else {
        return Some(peer);
    };
    for hop in header.rsplit(',') {
        let Ok(address) = hop.trim().parse::<IpAddr>() else {
            // A malformed hop: nothing left of it can be trusted; the proxy is the client.
            return Some(peer);
        };
        if !trusted_proxies.contains(&address) {
            return Some(address);
        }
    }
    Some(peer)
}

/// Whether a request changes state (anything but GET, HEAD, OPTIONS and TRACE).
pub fn changes_state(method: &str) -> bool {
    !matches!(
        method.to_ascii_uppercase().as_str(),
        "GET" | "HEAD" | "OPTIONS" | "TRACE"
    )
}

/// Whether a state-changing request comes from another site and must be refused (CSRF).
///
/// `origin` is the `Origin` header, `fetch_site` the `Sec-Fetch-Site` header, `host` the
/// request's `Host` and `public_origin` the configured public URL's origin (scheme://host).
/// A browser sends at least one of the two headers with every cross-site write; clients that
/// send neither (curl, the hotline's integration) carry a bearer token, not a cookie, and are let
/// through. `Origin: null` (a sandboxed or privacy-redirected request) is refused.
pub fn cross_site(
    origin: Option<&str>,
    fetch_site: Option<&str>,
    host: Option<&str>,
    public_origin: Option<&str>,
) -> bool {
    if let Some(site) = fetch_site {
        let site = site.trim().to_ascii_lowercase();
        if site != "same-origin" && site != "none" {
            return true;
        }
    }
    let Some(origin) = origin else {
        return false;
    };
    let origin = origin.trim().trim_end_matches('/').to_ascii_lowercase();
    if public_origin
        .map(|p| p.trim().trim_end_matches('/').to_ascii_lowercase())
        .is_some_and(|p| p == origin)
    {
        return false;
    }
    let origin_host = origin
        .strip_prefix("https://")
        .or_else(|| origin.strip_prefix("http://"));
    match (origin_host, host) {
        (Some(o), Some(h)) => o != h.trim().to_ascii_lowercase(),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_redirect_stays_on_this_site() {
        for good in [
            "/",
            "/work",
            "/cases/7?tab=docs",
            "/portal/decisions#x",
            "/a/b%20c",
        ] {
            assert_eq!(safe_local_path(good), Some(good), "{good}");
        }
        for bad in [
            "",
            "work",
            "https://evil.example",
            "//evil.example",
            "/\\evil.example",
            "/%5Cevil.example",
            "/%5cevil.example",
            "/\tevil.example",
            "/\t/evil.example",
            "/%09/evil.example",
            "/ /evil.example",
            "/x\r\nSet-Cookie: a=b",
            "/x%0d%0aSet-Cookie:a=b",
            "/%2f%2fevil.example",
            "/%2Fevil.example",
            "/a\\b",
            "/\u{7f}x",
        ] {
            assert_eq!(safe_local_path(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn the_first_failures_are_free_then_waits_double_up_to_the_cap() {
        let b = Backoff::ACCOUNT;
        assert_eq!(b.delay_secs(0), 0);
        assert_eq!(b.delay_secs(9), 0);
        assert_eq!(b.delay_secs(10), 1);
        assert_eq!(b.delay_secs(11), 2);
        assert_eq!(b.delay_secs(12), 4);
        assert_eq!(b.delay_secs(19), 512);
        assert_eq!(b.delay_secs(20), 900);
        assert_eq!(b.delay_secs(1_000), 900);
        assert_eq!(b.delay_secs(u32::MAX), 900);
        let c = Backoff::CLIENT;
        assert_eq!(c.delay_secs(19), 0);
        assert_eq!(c.delay_secs(20), 1);
    }

    #[test]
    fn ipv6_counts_by_its_64_prefix_and_mapped_ipv4_as_ipv4() {
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:ffff:1:2:3".parse().unwrap();
        let c: IpAddr = "2001:db8:1:3::1".parse().unwrap();
        assert_eq!(client_bucket(a), client_bucket(b));
        assert_ne!(client_bucket(a), client_bucket(c));
        assert_eq!(client_bucket(a), "2001:db8:1:2::/64");
        let mapped: IpAddr = "::ffff:203.0.113.7".parse().unwrap();
        assert_eq!(client_bucket(mapped), "203.0.113.7");
        assert_eq!(client_bucket("203.0.113.7".parse().unwrap()), "203.0.113.7");
        assert_ne!(
            client_bucket("203.0.113.7".parse().unwrap()),
            client_bucket("203.0.113.8".parse().unwrap())
        );
    }

    #[test]
    fn forwarded_headers_count_only_from_trusted_proxies() {
        let proxy: IpAddr = "10.0.0.2".parse().unwrap();
        let client: IpAddr = "203.0.113.7".parse().unwrap();
        let peer_direct: IpAddr = "198.51.100.9".parse().unwrap();
        // Untrusted peer: its header is ignored.
        assert_eq!(
            client_address(Some(peer_direct), Some("1.2.3.4"), &[proxy]),
            Some(peer_direct)
        );
        // Trusted proxy: the right-most untrusted hop; the client's own forgery is left of it.
        assert_eq!(
            client_address(Some(proxy), Some("1.2.3.4, 203.0.113.7"), &[proxy]),
            Some(client)
        );
        assert_eq!(
            client_address(Some(proxy), Some("203.0.113.7, 10.0.0.2"), &[proxy]),
            Some(client)
        );
        assert_eq!(client_address(Some(proxy), None, &[proxy]), Some(proxy));
        assert_eq!(
            client_address(Some(proxy), Some("garbage"), &[proxy]),
            Some(proxy)
        );
        assert_eq!(client_address(None, Some("1.2.3.4"), &[proxy]), None);
        // No proxies configured: the header never counts.
        assert_eq!(
            client_address(Some(peer_direct), Some("1.2.3.4"), &[]),
            Some(peer_direct)
        );
    }

    #[test]
    fn writes_from_another_site_are_cross_site() {
        let host = Some("tianping.example.gov.cn");
        let public = Some("https://tianping.example.gov.cn");
        assert!(!cross_site(None, None, host, public), "curl with a token");
        assert!(!cross_site(
            Some("https://tianping.example.gov.cn"),
            Some("same-origin"),
            host,
            public
        ));
        assert!(!cross_site(
            Some("http://127.0.0.1:3000"),
            None,
            Some("127.0.0.1:3000"),
            public
        ));
        assert!(
            !cross_site(None, Some("none"), host, public),
            "typed in the address bar"
        );
        assert!(cross_site(Some("http://evil.example"), None, host, public));
        assert!(cross_site(Some("null"), None, host, public));
        assert!(cross_site(None, Some("cross-site"), host, public));
        assert!(
            cross_site(None, Some("same-site"), host, public),
            "a sibling subdomain"
        );
        assert!(cross_site(
            Some("https://tianping.example.gov.cn.evil.example"),
            None,
            host,
            public
        ));
        assert!(cross_site(
            Some("http://127.0.0.1:3001"),
            None,
            Some("127.0.0.1:3000"),
            None
        ));
    }

    #[test]
    fn only_reads_are_safe_methods() {
        for m in ["GET", "head", "OPTIONS", "TRACE"] {
            assert!(!changes_state(m), "{m}");
        }
        for m in ["POST", "PUT", "PATCH", "DELETE", "post"] {
            assert!(changes_state(m), "{m}");
        }
    }
}
