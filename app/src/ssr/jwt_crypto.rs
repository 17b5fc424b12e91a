//! The one signature algorithm sessions use, HS256, as jsonwebtoken's crypto provider: HMAC
//! with SHA-256 from the RustCrypto crates already in the build. The crate's own `rust_crypto`
//! backend would compile RSA, elliptic curves and Ed25519 into the server for nothing (issue 20
//! item 17); with this provider every other algorithm is refused before any key is used, in
//! addition to the validation pinning HS256.

use hmac::{Hmac, KeyInit, Mac};
use jsonwebtoken::{
    Algorithm, DecodingKey, EncodingKey,
    crypto::{CryptoProvider, JwtSigner, JwtVerifier, KeyUtils},
    errors::{Error, ErrorKind},
};
use sha2::Sha256;
use signature::{Signer, Verifier};

/// Signs with HMAC-SHA-256 under a secret.
struct Hs256Signer(Vec<u8>);

/// Verifies HMAC-SHA-256 tags in constant time.
struct Hs256Verifier(Vec<u8>);

fn mac(key: &[u8]) -> Result<Hmac<Sha256>, signature::Error> {
    Hmac::<Sha256>::new_from_slice(key).map_err(signature::Error::from_source)
}

impl Signer<Vec<u8>> for Hs256Signer {
    fn try_sign(&self, msg: &[u8]) -> Result<Vec<u8>, signature::Error> {
        let mut m = mac(&self.0)?;
        m.update(msg);
        Ok(m.finalize().into_bytes().to_vec())
    }
}

impl JwtSigner for Hs256Signer {
    fn algorithm(&self) -> Algorithm {
        Algorithm::HS256
    }
}

impl Verifier<Vec<u8>> for Hs256Verifier {
    fn verify(&self, msg: &[u8], tag: &Vec<u8>) -> Result<(), signature::Error> {
        let mut m = mac(&self.0)?;
        m.update(msg);
        m.verify_slice(tag).map_err(signature::Error::from_source)
    }
}

impl JwtVerifier for Hs256Verifier {
    fn algorithm(&self) -> Algorithm {
        Algorithm::HS256
    }
}

fn signer(alg: &Algorithm, key: &EncodingKey) -> jsonwebtoken::errors::Result<Box<dyn JwtSigner>> {
    if *alg != Algorithm::HS256 {
        return Err(Error::from(ErrorKind::InvalidAlgorithm));
    }
    Ok(Box::new(Hs256Signer(key.as_bytes().to_vec())))
}

fn verifier(
    alg: &Algorithm,
    key: &DecodingKey,
) -> jsonwebtoken::errors::Result<Box<dyn JwtVerifier>> {
    if *alg != Algorithm::HS256 {
        return Err(Error::from(ErrorKind::InvalidAlgorithm));
    }
    Ok(Box::new(Hs256Verifier(key.try_get_as_bytes()?.to_vec())))
}

/// The provider: HS256 only, no JWK support (none is used).
static PROVIDER: CryptoProvider = CryptoProvider {
    signer_factory: signer,
    verifier_factory: verifier,
    key_utils: KeyUtils::new_unimplemented(),
};

/// Installs the provider for this process (idempotent; call before any token is made or read).
pub fn install() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // Only this module installs a provider, once: an error cannot happen.
        let _ = PROVIDER.install_default();
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use jsonwebtoken::{Header, Validation};

    #[derive(Debug, serde::Serialize, serde::Deserialize, PartialEq)]
    struct Claims {
        sub: i32,
    }

    #[test]
    fn hs256_round_trips_and_every_other_algorithm_is_refused() {
        install();
        let key = b"0123456789abcdef0123456789abcdef";
        let token = jsonwebtoken::encode(
            &Header::new(Algorithm::HS256),
            &Claims { sub: 7 },
            &EncodingKey::from_secret(key),
        )
        .expect("signed");
        let mut validation = Validation::new(Algorithm::HS256);
        validation.required_spec_claims.clear();
        validation.validate_exp = false;
        let decoded =
            jsonwebtoken::decode::<Claims>(&token, &DecodingKey::from_secret(key), &validation)
                .expect("verified");
        assert_eq!(decoded.claims, Claims { sub: 7 });
        // A tag under another key does not verify.
        assert!(
            jsonwebtoken::decode::<Claims>(
                &token,
                &DecodingKey::from_secret(b"another key, another key, another"),
                &validation
            )
            .is_err()
        );
        // A tampered payload does not verify.
        let mut parts: Vec<String> = token.split('.').map(str::to_owned).collect();
        let other = jsonwebtoken::encode(
            &Header::new(Algorithm::HS256),
            &Claims { sub: 8 },
            &EncodingKey::from_secret(key),
        )
        .expect("signed");
        parts[1] = other.split('.').nth(1).expect("payload").to_owned();
        assert_ne!(parts.join("."), other, "the signature is the first token's");
        let tampered = parts.join(".");
        assert!(
            jsonwebtoken::decode::<Claims>(&tampered, &DecodingKey::from_secret(key), &validation)
                .is_err()
        );
        for alg in [
            Algorithm::HS384,
            Algorithm::HS512,
            Algorithm::RS256,
            Algorithm::ES256,
        ] {
            assert!(
                jsonwebtoken::encode(
                    &Header::new(alg),
                    &Claims { sub: 1 },
                    &EncodingKey::from_secret(key)
                )
                .is_err(),
                "{alg:?}"
            );
        }
    }
}
