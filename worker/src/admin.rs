//! The staff workspace is a separate app bundle in `dist/admin/`. Its files are
//! served as they are; any other path under /admin (a deep link such as
//! /admin/staff) gets its shell, so the workers' app never carries staff code.

use worker::{Env, Request, Response, Result};

pub async fn serve(req: Request, env: Env) -> Result<Response> {
    let assets = env.assets("ASSETS")?;
    let path = req.path();
    let is_file = path.rsplit('/').next().is_some_and(|last| last.contains('.'));
    if is_file {
        let resp = assets.fetch_request(req).await?;
        // The assets' SPA fallback answers a missing file with the workers' page.
        let html = resp.headers().get("content-type")?.unwrap_or_default().starts_with("text/html");
        if html && !path.ends_with(".html") {
            return Response::error("Not found", 404);
        }
        return Ok(resp);
    }
    let mut url = req.url()?;
    url.set_path("/admin/");
    url.set_query(None);
    let shell = assets.fetch(url.to_string(), None).await?;
    // Never cache the shell: it names this build's hashed files.
    let mut resp = Response::from_body(shell.body().clone())?.with_status(200);
    resp.headers_mut().set("content-type", "text/html; charset=utf-8")?;
    resp.headers_mut().set("cache-control", "no-cache")?;
    resp.headers_mut().set("x-content-type-options", "nosniff")?;
    Ok(resp)
}
