//! `/verify/member?m=…&exp=…&sig=…`: where a member card's QR code leads. Union
//! staff who scan it see whether it is a valid member of which union, and
//! nothing more; anyone else is asked to sign in as staff.

use crate::api;
use crate::auth::RequireStaff;
use crate::components::status::{ErrorView, Loading};
use crate::i18n::{t, text};
use leptos::prelude::*;
use leptos_router::hooks::use_location;
use shared::api_url;
use shared::membership::{MembershipRoute, VerifyResult};
use shared::query::Query;

#[component]
pub fn Verify() -> impl IntoView {
    view! {
        <main class="page">
            <h1 class="page-title">{t("会员证核验", "Member card check")}</h1>
            <RequireStaff>
                <Verdict/>
            </RequireStaff>
        </main>
    }
}

#[component]
fn Verdict() -> impl IntoView {
    // The card link's own query (m, exp, sig), passed on for the check.
    let link = Query::parse(&use_location().search.get_untracked());
    let url = ["m", "exp", "sig"]
        .into_iter()
        .fold(api_url!(MembershipRoute::Verify), |url, name| {
            url.arg_opt(name, link.str(name))
        });
    let result = LocalResource::new(move || {
        let url = url.clone();
        async move { api::get::<VerifyResult>(&url).await }
    });
    view! {
        <Suspense fallback=|| view! { <Loading/> }>
            {move || result.get().map(|r| match r {
                Ok(v) => view! {
                    <section class="card verdict" class:verdict--ok=v.valid class:verdict--bad=!v.valid role="status">
                        <span class="verdict-mark" aria-hidden="true">{if v.valid { "✓" } else { "✗" }}</span>
                        <p class="verdict-text">{text(v.message())}</p>
                    </section>
                }.into_any(),
                Err(e) => view! { <ErrorView failure=e/> }.into_any(),
            })}
        </Suspense>
    }
}
