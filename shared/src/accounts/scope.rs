//! A staff member's scope: one union and everything below it. Unions carry a
//! materialized path of ids (`/1/2/3/`); a subtree is the half-open string
//! range [path, path with its last '/' replaced by '0'), since '0' is the byte
//! after '/'. That range is what every scoped SQL query binds.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scope {
    /// `None` for platform admins: every union.
    root: Option<String>,
}

impl Scope {
    pub fn everything() -> Scope {
        Scope { root: None }
    }

    pub fn under(path: &str) -> Scope {
        Scope {
            root: Some(path.to_string()),
        }
    }

    pub fn root(&self) -> Option<&str> {
        self.root.as_deref()
    }

    pub fn contains(&self, path: &str) -> bool {
        match &self.root {
            None => true,
            Some(root) => path.starts_with(root.as_str()),
        }
    }

    /// `[lo, hi)` bounds for `path >= lo AND path < hi`.
    pub fn bounds(&self) -> (String, String) {
        match &self.root {
            None => ("/".into(), "0".into()),
            Some(root) => subtree_bounds(root),
        }
    }

    /// The narrower of this scope and the subtree at `path`, if they overlap.
    pub fn narrow_to(&self, path: &str) -> Option<Scope> {
        if self.contains(path) {
            Some(Scope::under(path))
        } else if self
            .root
            .as_deref()
            .is_some_and(|root| root.starts_with(path))
        {
            Some(self.clone())
        } else {
            None
        }
    }
}

pub fn subtree_bounds(path: &str) -> (String, String) {
    let mut hi = path.trim_end_matches('/').to_string();
    hi.push('0');
    (path.to_string(), hi)
}

/// The path of a new child union.
pub fn child_path(parent: Option<&str>, id: i64) -> String {
    format!("{}{id}/", parent.unwrap_or("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn in_bounds(scope: &Scope, path: &str) -> bool {
        let (lo, hi) = scope.bounds();
        path >= lo.as_str() && path < hi.as_str()
    }

    #[test]
    fn bounds_cover_exactly_the_subtree() {
        let s = Scope::under("/1/2/");
        for (path, inside) in [
            ("/1/2/", true),
            ("/1/2/3/", true),
            ("/1/2/30/4/", true),
            ("/1/20/", false),
            ("/1/21/", false),
            ("/1/", false),
            ("/2/", false),
            ("/1/3/", false),
        ] {
            assert_eq!(in_bounds(&s, path), inside, "{path}");
            assert_eq!(s.contains(path), inside, "{path}");
        }
    }

    #[test]
    fn everything_contains_all_paths() {
        let all = Scope::everything();
        assert!(in_bounds(&all, "/1/"));
        assert!(in_bounds(&all, "/999/12/"));
        assert!(all.contains("/5/"));
    }

    #[test]
    fn narrowing_picks_the_inner_subtree() {
        let s = Scope::under("/1/2/");
        assert_eq!(s.narrow_to("/1/2/3/"), Some(Scope::under("/1/2/3/")));
        assert_eq!(s.narrow_to("/1/"), Some(s.clone()));
        assert_eq!(s.narrow_to("/7/"), None);
        assert_eq!(
            Scope::everything().narrow_to("/7/"),
            Some(Scope::under("/7/"))
        );
    }

    #[test]
    fn child_paths_extend_the_parent() {
        assert_eq!(child_path(None, 12), "/12/");
        assert_eq!(child_path(Some("/1/2/"), 9), "/1/2/9/");
    }
}
