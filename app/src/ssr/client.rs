//! Who a request comes from, as the rate limits and the sign-in guard count it: the client's
//! address (the TCP peer, or what a configured trusted proxy says in `X-Forwarded-For`), put
//! in its bucket (an IPv6 address by its /64) and hashed with a key of this deployment, so that
//! neither memory nor the database holds an address, and a stored key cannot be reversed by
//! hashing the 2³² IPv4 addresses.

use std::net::SocketAddr;

use sha2::{Digest, Sha256};
use tianping_domain::security;

use super::AppState;

/// A client's key: 32 hex digits of a keyed hash of its address bucket.
pub fn client_id(
    state: &AppState,
    extensions: &http::Extensions,
    headers: &http::HeaderMap,
) -> String {
    let peer = extensions
        .get::<axum::extract::ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip());
    let forwarded = headers.get("x-forwarded-for").and_then(|v| v.to_str().ok());
    let bucket = security::client_address(peer, forwarded, &state.settings.trusted_proxies)
        .map_or_else(|| "unknown".to_owned(), security::client_bucket);
    keyed(&state.client_key, &bucket)
}

/// The client of the current server-function call.
pub fn current_client(state: &AppState) -> String {
    match leptos::prelude::use_context::<http::request::Parts>() {
        Some(parts) => client_id(state, &parts.extensions, &parts.headers),
        None => keyed(&state.client_key, "unknown"),
    }
}

fn keyed(key: &[u8; 32], bucket: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(key);
    hasher.update(b"tianping/client/");
    hasher.update(bucket.as_bytes());
    hex::encode(&hasher.finalize()[..16])
}

#[cfg(test)]
mod tests {
    use super::keyed;

    #[test]
    fn the_key_hides_the_address_and_depends_on_the_deployment() {
        let a = keyed(&[1; 32], "203.0.113.7");
        assert_eq!(a.len(), 32);
        assert!(!a.contains("203"));
        assert_eq!(a, keyed(&[1; 32], "203.0.113.7"));
        assert_ne!(
            a,
            keyed(&[2; 32], "203.0.113.7"),
            "another deployment, another key"
        );
        assert_ne!(a, keyed(&[1; 32], "203.0.113.8"));
    }
}
