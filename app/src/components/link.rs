//! Links that work across bundles: inside the bundle the router navigates
//! without a reload; into another bundle it is a full page load (`rel=external`).

use leptos::prelude::*;
use leptos_router::components::A;

/// The bundle this app is (set by each bundle's `App`).
#[derive(Clone, Copy)]
pub struct CurrentBundle(pub &'static str);

/// The bundle this app is (call while rendering; keep the value for async code).
pub fn current_bundle() -> &'static str {
    use_context::<CurrentBundle>()
        .map(|b| b.0)
        .unwrap_or(shared::bundles::HOME)
}

/// Whether `href` is handled by this very bundle.
pub fn is_local(href: &str) -> bool {
    shared::bundles::owner(href) == current_bundle()
}

/// Goes to `href` from the bundle `here`: without a reload inside it, with a
/// page load into another bundle.
pub fn go(here: &str, navigate: &impl Fn(&str, leptos_router::NavigateOptions), href: &str) {
    if shared::bundles::owner(href) == here {
        navigate(href, Default::default());
    } else {
        let _ = window().location().assign(href);
    }
}

#[component]
pub fn AppLink(
    href: String,
    #[prop(optional, into)] class: Option<String>,
    #[prop(optional)] exact: bool,
    children: Children,
) -> impl IntoView {
    if is_local(&href) {
        view! { <A href=href attr:class=class exact=exact>{children()}</A> }.into_any()
    } else {
        view! { <a href=href class=class rel="external">{children()}</a> }.into_any()
    }
}
