//! Serving the client's bundles (see `shared::bundles`): the home bundle is served
//! by the assets binding for every path no other bundle owns; each other bundle
//! lives in `dist/<name>/`. Its files are served as they are; any other path under
//! its prefixes (a deep link such as /admin/staff) gets its shell.

use worker::{Env, Request, Response, Result};

/// The bundle that owns `path`, if it is not the home bundle.
pub fn owner(path: &str) -> Option<&'static str> {
    Some(shared::bundles::owner(path)).filter(|b| *b != shared::bundles::HOME)
}

pub async fn serve(req: Request, env: Env, dir: &str) -> Result<Response> {
    let assets = env.assets("ASSETS")?;
    let path = req.path();
    let is_file = path.starts_with(&format!("/{dir}/"))
        && path
            .rsplit('/')
            .next()
            .is_some_and(|last| last.contains('.'));
    if is_file {
        let resp = assets.fetch_request(req).await?;
        // The assets' SPA fallback answers a missing file with the home page.
        let html = resp
            .headers()
            .get("content-type")?
            .unwrap_or_default()
            .starts_with("text/html");
        if html && !path.ends_with(".html") {
            return Response::error("Not found", 404);
        }
        return Ok(resp);
    }
    let mut url = req.url()?;
    url.set_path(&format!("/{dir}/"));
    url.set_query(None);
    let shell = assets.fetch(url.to_string(), None).await?;
    // Never cached by the browser: the shell names this build's hashed files.
    let mut resp = Response::from_body(shell.body().clone())?.with_status(200);
    resp.headers_mut()
        .set("content-type", "text/html; charset=utf-8")?;
    resp.headers_mut().set("cache-control", "no-cache")?;
    Ok(resp)
}
