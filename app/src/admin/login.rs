//! Staff sign-in: the password, then — for staff who can reveal ID numbers —
//! the second factor (`second_factor.rs`): the authenticator's code, or setting
//! one up the first time.

use super::second_factor::{CodeStep, EnrolStep};
use crate::api;
use crate::auth::{safe_next, set_me};
use crate::components::form::{FormError, FormState, TextField};
use crate::components::language::LanguageToggle;
use crate::i18n::t;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use shared::accounts::{AccountsRoute, Me, MeEnvelope, SecondFactorStep, StaffLogin};
use shared::api_url;

#[component]
pub fn Login() -> impl IntoView {
    let step = RwSignal::new(None::<SecondFactorStep>);
    let query = use_query_map();
    let navigate = use_navigate();
    let bundle = crate::components::link::current_bundle();
    // Signed in at last: `next` may be another bundle's page (a scanned member card's check).
    let done = Callback::new(move |me: Me| {
        set_me(Some(me));
        let next = safe_next(query.get_untracked().get("next"), "/admin");
        crate::components::link::go(bundle, &navigate, &next);
    });
    view! {
        <div class="admin-shell">
            <header class="topbar topbar--admin">
                <span class="brand">{t("工会工作台", "Staff workspace")}</span>
                <LanguageToggle/>
            </header>
            <main class="page narrow">
                {move || match step.get() {
                    None => view! { <PasswordStep step=step done=done/> }.into_any(),
                    Some(SecondFactorStep::Code) => view! { <CodeStep done=done/> }.into_any(),
                    Some(SecondFactorStep::Enrol) => view! { <EnrolStep done=done/> }.into_any(),
                }}
            </main>
        </div>
    }
}

#[component]
fn PasswordStep(step: RwSignal<Option<SecondFactorStep>>, done: Callback<Me>) -> impl IntoView {
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let form = FormState::new();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.clear();
        let input = StaffLogin {
            username: username.get_untracked(),
            password: password.get_untracked(),
        };
        if !form.check(input.validate()) {
            return;
        }
        form.busy.set(true);
        leptos::task::spawn_local(async move {
            match api::post::<_, MeEnvelope>(&api_url!(AccountsRoute::StaffLogin), &input).await {
                Ok(MeEnvelope {
                    second_factor: Some(due),
                    ..
                }) => step.set(Some(due.step)),
                Ok(env) => done.run(env.me),
                Err(e) => form.failed(&e),
            }
            form.busy.set(false);
        });
    };
    view! {
        <h1 class="page-title">{t("工会干事登录", "Union staff sign-in")}</h1>
        <form class="card" on:submit=submit novalidate>
            <FormError form=form/>
            <TextField label=t("用户名", "Username") name="username" value=username form=form autocomplete="username" maxlength=32/>
            <TextField label=t("密码", "Password") name="password" value=password form=form kind="password" autocomplete="current-password" maxlength=128/>
            <button type="submit" class="btn btn--primary btn--block" disabled=move || form.busy.get()>{t("登录", "Sign in")}</button>
        </form>
    }
}
