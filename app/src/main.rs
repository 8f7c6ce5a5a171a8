//! 工友驿站 — the client-side app. `app.rs` holds the router; each capability
//! has a folder with one file per screen.

mod accounts;
mod admin;
mod api;
mod app;
mod auth;
mod components;
mod draft;
mod home;
mod i18n;
mod outbox;
mod pwa;
mod storage;

fn main() {
    if let Some(boot) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("boot")) {
        boot.remove();
    }
    leptos::mount::mount_to_body(app::App);
}
