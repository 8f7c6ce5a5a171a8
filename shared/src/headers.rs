//! The security headers of every response: the pages and files served straight
//! from the assets (through `public/_headers`, which a test here keeps equal to
//! [`SECURITY_HEADERS`]) and everything the Worker answers (`worker/src/lib.rs`).

/// The Content-Security-Policy. Scripts only from this origin (Trunk's inline
/// loader is moved into a file by `scripts/external-loader.mjs`), wasm compiled
/// by the browser (`'wasm-unsafe-eval'`), styles from this origin and in
/// `style` attributes (Leptos and Leaflet set them), images also from the map
/// tile servers (any HTTPS host: the tile URL is a deployment setting), and no
/// framing, plugins or `<base>`.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; \
script-src 'self' 'wasm-unsafe-eval'; \
style-src 'self' 'unsafe-inline'; \
img-src 'self' data: blob: https:; \
font-src 'self'; \
connect-src 'self'; \
manifest-src 'self'; \
worker-src 'self'; \
object-src 'none'; \
base-uri 'self'; \
form-action 'self'; \
frame-ancestors 'none'";

/// Geolocation only for this origin (nearby stations and jobs), and the
/// microphone too (🎤: speaking instead of typing, where the browser offers
/// speech recognition; the browser asks the worker first); the camera and the
/// rest for nobody — QR codes are scanned by the phone's own camera app or
/// WeChat, never inside the app.
pub const PERMISSIONS_POLICY: &str =
    "geolocation=(self), camera=(), microphone=(self), payment=(), usb=()";

/// Every header and its value, in the order `public/_headers` lists them.
pub const SECURITY_HEADERS: &[(&str, &str)] = &[
    ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
    (
        "Strict-Transport-Security",
        "max-age=31536000; includeSubDomains",
    ),
    ("Permissions-Policy", PERMISSIONS_POLICY),
    ("X-Frame-Options", "DENY"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
];

/// The text of `public/_headers` (Cloudflare's format): every path gets them.
pub fn headers_file() -> String {
    let mut out = String::from(
        "# Generated from shared/src/headers.rs (SECURITY_HEADERS); a shared test\n\
         # fails when the two differ. Applies to everything served from the assets.\n/*\n",
    );
    for (name, value) in SECURITY_HEADERS {
        out.push_str(&format!("  {name}: {value}\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_file_equals_the_shared_list() {
        let file = include_str!("../../public/_headers");
        assert_eq!(
            file,
            headers_file(),
            "public/_headers differs from SECURITY_HEADERS; write it as:\n{}",
            headers_file()
        );
    }

    #[test]
    fn the_policy_has_what_issue_12_asks() {
        for part in [
            "script-src 'self' 'wasm-unsafe-eval'",
            "object-src 'none'",
            "base-uri 'self'",
            "frame-ancestors 'none'",
        ] {
            assert!(CONTENT_SECURITY_POLICY.contains(part), "{part}");
        }
        assert!(!CONTENT_SECURITY_POLICY.contains("script-src 'self' 'unsafe-inline'"));
        assert!(PERMISSIONS_POLICY.starts_with("geolocation=(self)"));
        // One line per header value: `_headers` cannot continue a value.
        assert!(SECURITY_HEADERS.iter().all(|(_, v)| !v.contains('\n')));
    }
}
