//! The client is split into bundles, one per area, so a phone downloads only
//! the screens its owner uses. The home bundle (the station finder, station
//! pages, check-in) owns
//! every path not listed here. The Worker serves each bundle's shell for its
//! prefixes (worker/src/shells.rs), the app links across bundles with full page
//! loads, and the service worker caches a bundle on first use.

/// (path prefix, bundle name). A bundle's files live under `/<name>/`.
pub const BUNDLES: &[(&str, &str)] = &[
    ("/admin", "admin"),
    ("/login", "account"),
    ("/me", "account"),
    ("/join", "account"),
    ("/membership", "account"),
    ("/verify", "account"),
    ("/services", "account"),
    ("/training", "account"),
    ("/rights", "account"),
    ("/map", "map"),
    ("/jobs", "jobs"),
    ("/employer", "employer"),
];

pub const HOME: &str = "home";

/// The bundle that owns `path`.
pub fn owner(path: &str) -> &'static str {
    BUNDLES
        .iter()
        .find(|(prefix, _)| {
            path == *prefix
                || path
                    .strip_prefix(prefix)
                    .is_some_and(|rest| rest.starts_with('/') || rest.starts_with('?'))
        })
        .map(|(_, name)| *name)
        .unwrap_or(HOME)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_own_their_subpaths_only() {
        assert_eq!(owner("/admin"), "admin");
        assert_eq!(owner("/admin/staff"), "admin");
        assert_eq!(owner("/admin?x=1"), "admin");
        assert_eq!(owner("/administer"), HOME);
        assert_eq!(owner("/"), HOME);
        assert_eq!(owner("/stations/42"), HOME);
        assert_eq!(owner("/login?next=%2Fme"), "account");
        assert_eq!(owner("/me"), "account");
        assert_eq!(owner("/training/check-in?s=1"), "account");
        assert_eq!(owner("/services"), "account");
        assert_eq!(owner("/map?lat=1"), "map");
        assert_eq!(owner("/jobs/42"), "jobs");
        assert_eq!(owner("/employer/3/jobs/new"), "employer");
        assert_eq!(owner("/employers"), HOME);
    }

    /// wrangler.toml must send every bundle prefix to the Worker first, and the
    /// service worker must know the worker-side bundles.
    #[test]
    fn wrangler_and_service_worker_agree() {
        let wrangler = include_str!("../../worker/wrangler.toml");
        let sw = include_str!("../../public/sw.js");
        for (prefix, name) in BUNDLES {
            assert!(
                wrangler.contains(&format!("\"{prefix}\""))
                    && wrangler.contains(&format!("\"{prefix}/*\"")),
                "wrangler.toml run_worker_first lacks {prefix}"
            );
            if *name != "admin" {
                assert!(
                    sw.contains(&format!("\"{prefix}\": \"{name}\"")),
                    "public/sw.js BUNDLES lacks {prefix}"
                );
            }
        }
    }
}
