//! 我的账号 for staff: signed-in devices and changing one's own password.

use crate::accounts::Sessions;
use crate::api;
use crate::components::form::{FormError, FormState, TextField};
use crate::i18n::t;
use leptos::prelude::*;
use shared::accounts::{AccountsRoute, PasswordChange};
use shared::api_url;

#[component]
pub fn Account() -> impl IntoView {
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let form = FormState::new();
    let done = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.clear();
        done.set(false);
        let input = PasswordChange {
            current_password: current.get_untracked(),
            new_password: new.get_untracked(),
        };
        if !form.check(input.validate()) {
            return;
        }
        leptos::task::spawn_local(async move {
            match api::post::<_, ()>(&api_url!(AccountsRoute::PasswordChange), &input).await {
                Ok(()) => {
                    done.set(true);
                    current.set(String::new());
                    new.set(String::new());
                }
                Err(e) => form.failed(&e),
            }
        });
    };
    view! {
        <main class="page">
            <h1 class="page-title">{t("我的账号", "My account")}</h1>
            <Sessions/>
            <form class="card" on:submit=submit novalidate aria-labelledby="pw-title">
                <h2 id="pw-title">{t("修改密码", "Change password")}</h2>
                <FormError form=form/>
                {move || done.get().then(|| view! { <p class="notice" role="status">{t("密码已修改,其他设备需要重新登录。", "Password changed; other devices must sign in again.")}</p> })}
                <TextField label=t("原密码", "Current password") name="current_password" value=current form=form kind="password" autocomplete="current-password" maxlength=128/>
                <TextField label=t("新密码", "New password") name="new_password" value=new form=form kind="password" autocomplete="new-password" maxlength=128
                    hint=t("至少8个字符,可以是一句好记的话", "At least 8 characters; a memorable phrase works well")/>
                <button type="submit" class="btn btn--primary">{t("修改密码", "Change password")}</button>
            </form>
        </main>
    }
}
