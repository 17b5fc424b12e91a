//! Static assets and compression (issue 22): `/pkg` has a route of its own, the cheapest thing
//! the server does. Files are served as they were precompressed at build time
//! (`cargo leptos build --release --precompress` writes `.br` and `.gz` beside each), chosen by the request's
//! `Accept-Encoding`; a file whose name carries its content hash (cargo-leptos `hash-files`)
//! never changes and is cached for a year as immutable, any other one is revalidated
//! (`Last-Modified`). Everything else the server answers (HTML, JSON, CSV, feeds) is compressed
//! on the fly when the client accepts it, except what is already compressed or streamed.

use axum::{
    Router,
    extract::Request,
    http::{HeaderValue, header},
    middleware::Next,
    response::Response,
};
use tower_http::{
    compression::{
        CompressionLayer, CompressionLevel,
        predicate::{DefaultPredicate, NotForContentType, Predicate},
    },
    services::ServeDir,
};

/// `Cache-Control` of a file whose name carries its content hash.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// `Cache-Control` of any other asset: use it, but ask first whether it changed.
const REVALIDATE: &str = "public, no-cache";

/// The `/pkg` service over `{site_root}/pkg`.
pub fn pkg_router(site_root: &str) -> Router {
    let dir = std::path::Path::new(site_root).join("pkg");
    Router::new()
        .fallback_service(
            ServeDir::new(dir)
                .precompressed_br()
                .precompressed_gzip()
                .append_index_html_on_directories(false),
        )
        .layer(axum::middleware::from_fn(cache_headers))
}

async fn cache_headers(request: Request, next: Next) -> Response {
    let hashed = request
        .uri()
        .path()
        .rsplit('/')
        .next()
        .is_some_and(is_content_hashed);
    let mut response = next.run(request).await;
    if response.status().is_success() || response.status().as_u16() == 304 {
        let headers = response.headers_mut();
        headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static(if hashed { IMMUTABLE } else { REVALIDATE }),
        );
        // Which file was sent depends on what the client accepts.
        headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    response
}

/// Whether a file name carries a content hash, as cargo-leptos writes them (`hash-files`):
/// `name.<hash>.ext`, the hash an MD5 digest in unpadded base64url, 22 characters.
pub fn is_content_hashed(file_name: &str) -> bool {
    let mut parts = file_name.rsplit('.');
    let (Some(ext), Some(hash), Some(stem)) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    !ext.is_empty()
        && !stem.is_empty()
        && hash.len() == 22
        && hash
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// On-the-fly compression of what the server renders (brotli or gzip, at a level cheap enough
/// to do per request). Not compressed: what already is (images, video, audio, PDF, archives,
/// precompressed assets), opaque downloads (evidence files are `application/octet-stream`
/// when they could be read as a page) and tiny answers.
pub fn compression() -> CompressionLayer<impl Predicate + Clone> {
    let predicate = DefaultPredicate::new()
        .and(NotForContentType::new("video/"))
        .and(NotForContentType::new("audio/"))
        .and(NotForContentType::new("application/pdf"))
        .and(NotForContentType::new("application/zip"))
        .and(NotForContentType::new("application/gzip"))
        .and(NotForContentType::new("application/octet-stream"))
        .and(NotForContentType::new("application/wasm"));
    CompressionLayer::new()
        .br(true)
        .gzip(true)
        .quality(CompressionLevel::Precise(4))
        .compress_when(predicate)
}

#[cfg(test)]
mod tests {
    use super::is_content_hashed;

    #[test]
    fn hashed_names_are_told_from_plain_ones() {
        for hashed in [
            "tianping.2mOkG3dBKA8YQl_R-mWt9A.wasm",
            "tianping.a1b2c3d4e5f60718a1b2c3.js",
            "tianping.Zx9-kLmN0pQrStUvWxYzAb.css",
            "tianping.bg.ZxAkLmNApQrStUvWxYzAbc.wasm",
        ] {
            assert!(is_content_hashed(hashed), "{hashed}");
        }
        for plain in [
            "tianping.wasm",
            "tianping.js",
            "tianping_bg.wasm",
            "favicon.svg",
            "x.1234.js",                    // too short to be a hash
            "x.2mOkG3dBKA8YQl_R-mWt9Ab.js", // too long
            "x.2mOkG3dBKA8YQl+R/mWt9A.js",  // not base64url
            ".2mOkG3dBKA8YQl_R-mWt9A.js",   // no name
            "2mOkG3dBKA8YQl_R-mWt9A.js",    // no extension after the hash
        ] {
            assert!(!is_content_hashed(plain), "{plain}");
        }
    }
}
