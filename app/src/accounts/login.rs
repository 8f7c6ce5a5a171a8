//! Worker sign-in: mobile number → 6-digit SMS code. The number is remembered.

use crate::api;
use crate::auth::{safe_next, set_me};
use crate::components::form::{FormError, FormState, TextField};
use crate::i18n::t;
use crate::storage;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use shared::accounts::{AccountsRoute, MeEnvelope, OtpRequest, OtpVerify, OTP_RESEND_SECS};
use shared::api_url;

const PHONE_KEY: &str = "gy.phone";

#[component]
pub fn Login() -> impl IntoView {
    let phone = RwSignal::new(storage::get(PHONE_KEY).unwrap_or_default());
    let code = RwSignal::new(String::new());
    let sent = RwSignal::new(false);
    let wait = RwSignal::new(0i64);
    let form = FormState::new();
    let query = use_query_map();
    let navigate = use_navigate();
    let bundle = crate::components::link::current_bundle();

    let countdown = move || crate::components::countdown::start(wait, OTP_RESEND_SECS);

    let waiting = move || wait.get() != 0;
    let send_code = move |_| {
        form.clear();
        let input = OtpRequest {
            phone: phone.get_untracked(),
        };
        if !form.check(input.validate().map(|_| ())) {
            return;
        }
        form.busy.set(true);
        leptos::task::spawn_local(async move {
            match api::post::<_, ()>(&api_url!(AccountsRoute::OtpSend), &input).await {
                Ok(()) => {
                    storage::set(PHONE_KEY, input.phone.trim());
                    sent.set(true);
                    countdown();
                }
                Err(e) => form.failed(&e),
            }
            form.busy.set(false);
        });
    };

    let verify = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.clear();
        let input = OtpVerify {
            phone: phone.get_untracked(),
            code: code.get_untracked(),
        };
        if !form.check(input.validate().map(|_| ())) {
            return;
        }
        form.busy.set(true);
        let navigate = navigate.clone();
        let next = safe_next(query.get_untracked().get("next"), "/me");
        leptos::task::spawn_local(async move {
            match api::post::<_, MeEnvelope>(&api_url!(AccountsRoute::OtpVerify), &input).await {
                Ok(env) => {
                    set_me(Some(env.me));
                    crate::components::link::go(bundle, &navigate, &next);
                }
                Err(e) => form.failed(&e),
            }
            form.busy.set(false);
        });
    };

    view! {
        <main class="page narrow">
            <h1 class="page-title">{t("登录", "Sign in")}</h1>
            <p class="lead">{t("用手机号登录,我们会发一条短信验证码。", "Sign in with your mobile number; we will text you a code.")}</p>
            <form class="card" on:submit=verify novalidate>
                <FormError form=form/>
                <TextField label=t("手机号", "Mobile number") name="phone" value=phone form=form kind="tel" inputmode="numeric" autocomplete="tel" maxlength=20/>
                <button type="button" class="btn btn--secondary btn--block" on:click=send_code
                    disabled=move || form.busy.get() || waiting()>
                    {move || if waiting() {
                        format!("{} ({}s)", t("重新获取", "Send again")(), wait.get())
                    } else if sent.get() {
                        t("重新获取验证码", "Send a new code")().to_string()
                    } else {
                        t("获取验证码", "Text me a code")().to_string()
                    }}
                </button>
                <Show when=move || sent.get()>
                    <p class="notice" role="status">{t("验证码已发送,请查看短信。", "Code sent. Check your text messages.")}</p>
                    <TextField label=t("短信验证码", "Code from the text") name="code" value=code form=form inputmode="numeric" autocomplete="one-time-code" maxlength=6/>
                    <button type="submit" class="btn btn--primary btn--block" disabled=move || form.busy.get()>{t("登录", "Sign in")}</button>
                </Show>
            </form>
        </main>
    }
}
