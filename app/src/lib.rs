//! 工友驿站 — the client. Two apps share this library: the workers' app
//! (`src/main.rs`, routes in `app.rs`) and the staff workspace (`src/bin/admin.rs`,
//! routes in `admin/app.rs`). Each capability has a folder with one file per screen.

pub mod accounts;
pub mod admin;
pub mod api;
pub mod app;
pub mod auth;
pub mod components;
pub mod draft;
pub mod easy;
pub mod employer;
pub mod i18n;
pub mod jobs;
pub mod map;
pub mod membership;
pub mod outbox;
pub mod pwa;
pub mod rights;
pub mod stations;
pub mod storage;
pub mod training;

use leptos::prelude::*;

/// Removes the boot splash and mounts `app` on the page. A panic is written
/// to the console with its message (the release build aborts without one).
pub fn start<F, N>(app: F)
where
    F: FnOnce() -> N + 'static,
    N: IntoView + 'static,
{
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("panic: {info}").into())
    }));
    // The saved text size and contrast, before the first paint.
    easy::apply_saved();
    if let Some(boot) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("boot"))
    {
        boot.remove();
    }
    leptos::mount::mount_to_body(app);
}
