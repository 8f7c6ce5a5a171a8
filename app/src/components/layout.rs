//! The worker-side frame: a slim header, connection and update banners, the
//! page, and a bottom navigation within reach of one thumb.

use crate::components::link::AppLink;
use crate::i18n::t;
use crate::pwa::use_pwa;
use leptos::prelude::*;
use leptos_router::components::{Outlet, A};

/// What a worker-side bundle's `App` provides before its routes: which bundle
/// it is, the language, the PWA state, who is signed in and the outbox.
pub fn provide_worker_app(bundle: &'static str) {
    provide_context(crate::components::link::CurrentBundle(bundle));
    crate::i18n::provide();
    crate::pwa::provide();
    crate::auth::provide();
    crate::outbox::provide();
}

#[component]
pub fn WorkerLayout() -> impl IntoView {
    crate::easy::provide();
    view! {
        <div class="shell">
            <header class="topbar">
                <A href="/" attr:class="brand">{t("工友驿站", "Gongyou")}</A>
                <crate::easy::TextSizeButton/>
            </header>
            <Banners/>
            <div class="content">
                <crate::easy::FirstLaunchPrompt/>
                <Outlet/>
            </div>
            <BottomNav/>
        </div>
    }
}

#[component]
fn Banners() -> impl IntoView {
    let pwa = use_pwa();
    let outbox = crate::outbox::use_outbox();
    view! {
        <Show when=move || !pwa.online.get()>
            <div class="banner banner--offline" role="status">
                {t("当前没有网络,显示的是手机里保存的内容", "You are offline: showing what is saved on this phone")}
            </div>
        </Show>
        <Show when=move || !outbox.pending.with(Vec::is_empty)>
            <div class="banner banner--offline" role="status">
                {move || format!("{} {}", outbox.pending.with(Vec::len), t("份提交在等网络,恢复后会自动发送", "submission(s) waiting for the network; they will be sent automatically")())}
            </div>
        </Show>
        <Show when=move || pwa.update_ready.get()>
            <div class="banner banner--update" role="status">
                <span>{t("有新版本可用", "A new version is ready")}</span>
                <button class="btn btn--small" on:click=move |_| pwa.apply_update()>{t("立即更新", "Update now")}</button>
            </div>
        </Show>
    }
}

/// One entry of the bottom navigation (possibly into another bundle).
#[component]
fn NavItem(
    href: &'static str,
    icon: &'static str,
    label: impl Fn() -> &'static str + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <AppLink href=href.to_string() class="nav-item" exact=href == "/">
            <span class="nav-icon" aria-hidden="true">{icon}</span>
            <span class="nav-label">{label}</span>
        </AppLink>
    }
}

#[component]
fn BottomNav() -> impl IntoView {
    view! {
        <nav class="bottomnav" aria-label=t("主导航", "Main")>
            <NavItem href="/" icon="📍" label=t("驿站", "Stations")/>
            <NavItem href="/jobs" icon="🔨" label=t("找活", "Jobs")/>
            <NavItem href="/membership" icon="🪪" label=t("会员", "Member")/>
            <NavItem href="/services" icon="🧰" label=t("服务", "Services")/>
            <NavItem href="/me" icon="☺" label=t("我的", "Me")/>
        </nav>
    }
}
