//! 撤回同意 (`/membership/consent`): the worker reads exactly what withdrawing
//! the enrolment consent does, ticks that they understood, and confirms. Sent
//! through the outbox, so a dropped signal neither loses nor repeats it.

use crate::auth::RequireWorker;
use crate::components::form::{FormError, FormState};
use crate::i18n::{t, use_lang};
use crate::outbox::{self, Submitted};
use leptos::prelude::*;
use leptos_router::components::A;
use shared::api_url;
use shared::membership::{
    ConsentWithdrawal, ConsentWithdrawalReply, MembershipRoute, CONSENT_WITHDRAWAL_EFFECTS,
};
use shared::routes::Method;

/// The outbox kind of a consent withdrawal.
pub const KIND: &str = "consent_withdrawal";

#[component]
pub fn WithdrawConsent() -> impl IntoView {
    view! {
        <main class="page">
            <h1 class="page-title">{t("撤回同意", "Withdraw my consent")}</h1>
            <RequireWorker>
                <ConsentBody/>
            </RequireWorker>
        </main>
    }
}

#[derive(Clone)]
enum Outcome {
    Done(ConsentWithdrawalReply),
    Waiting,
}

#[component]
fn ConsentBody() -> impl IntoView {
    let lang = use_lang();
    let understood = RwSignal::new(false);
    let form = FormState::new();
    let outcome = RwSignal::new(None::<Outcome>);
    let error = form.error("understood");
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.clear();
        let body = ConsentWithdrawal {
            understood: understood.get_untracked(),
        };
        if !form.check(body.validate()) {
            return;
        }
        form.busy.set(true);
        leptos::task::spawn_local(async move {
            let sent = outbox::submit::<_, ConsentWithdrawalReply>(
                KIND,
                Method::Post,
                &api_url!(MembershipRoute::WithdrawConsent),
                &body,
            )
            .await;
            form.busy.set(false);
            match sent {
                Submitted::Sent(reply) => {
                    super::card::forget();
                    outcome.set(Some(Outcome::Done(reply)));
                }
                Submitted::Queued => outcome.set(Some(Outcome::Waiting)),
                Submitted::Refused(e) => form.failed(&e),
            }
        });
    };
    move || {
        match outcome.get() {
        Some(Outcome::Done(reply)) => view! {
            <section class="card" role="status">
                <h2>{t("已撤回同意", "Your consent is withdrawn")}</h2>
                <p>{t("撤回的申请:", "Applications withdrawn: ")}{reply.applications_withdrawn}</p>
                {reply.membership_ended.map(|no| view! { <p>{t("会籍已结束,会员编号 ", "Your membership has ended, member number ")}{no}</p> })}
                <p>{t("您的身份证号和登记信息已删除。", "Your ID number and registration details are deleted.")}</p>
                <A href="/membership" attr:class="btn btn--primary btn--block">{t("查看申请和会籍记录", "See my applications and history")}</A>
            </section>
        }.into_any(),
        Some(Outcome::Waiting) => view! {
            <section class="card">
                <p class="notice" role="status">{t("已保存在手机上,有网络时自动发送。", "Saved on this phone; it will be sent when there is a connection.")}</p>
            </section>
        }.into_any(),
        None => view! {
            <form class="card" on:submit=submit novalidate>
                <h2 id="effects-title">{t("撤回以后会怎样", "What withdrawing does")}</h2>
                <ul aria-labelledby="effects-title">
                    {CONSENT_WITHDRAWAL_EFFECTS.iter().map(|e| view! { <li>{move || e.get(lang.get()).to_string()}</li> }).collect_view()}
                </ul>
                <FormError form=form/>
                <label class="check check--big">
                    <input type="checkbox" name="understood" prop:checked=move || understood.get() on:change=move |ev| understood.set(event_target_checked(&ev))
                        aria-invalid=move || error.get().is_some().to_string()/>
                    <span>{t("我看懂了撤回的后果", "I understand what withdrawing means")}</span>
                </label>
                {move || error.get().map(|e| view! { <span class="field-error" role="alert">{e}</span> })}
                <button type="submit" class="btn btn--danger btn--block" disabled=move || form.busy.get()>{t("确认撤回同意", "Withdraw my consent")}</button>
                <A href="/me" attr:class="btn btn--secondary btn--block">{t("不撤回了", "Keep my consent")}</A>
            </form>
        }.into_any(),
    }
    }
}
