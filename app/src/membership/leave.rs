//! 退会 (`/membership/leave`): a member leaves with a reason, today or on a
//! later day. The form is kept on the phone as it is filled in and sent
//! through the outbox; the timeline on `/membership` then shows it.

use crate::api::{self, ApiFailure};
use crate::auth::RequireWorker;
use crate::components::choice::{code_of, from_code, Choice, RadioCards};
use crate::components::form::{FormError, FormState, TextField};
use crate::components::status::{ErrorView, Loading};
use crate::components::time::today;
use crate::draft::FormDraft;
use crate::i18n::t;
use crate::outbox::{self, Submitted};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use shared::api_url;
use shared::membership::leave::{latest_leave_day, LEAVE_NOTE_MAX};
use shared::membership::{
    LeaveReason, LeaveRequest, MemberHistory, MembershipRoute, MembershipStatus, MembershipView,
};
use shared::routes::Method;

pub const DRAFT: &str = "gy.draft.leave";
/// The outbox kind of a leaving request.
pub const KIND: &str = "leave";

#[component]
pub fn Leave() -> impl IntoView {
    view! {
        <main class="page">
            <h1 class="page-title">{t("退会", "Leave the union")}</h1>
            <RequireWorker>
                <LeaveBody/>
            </RequireWorker>
        </main>
    }
}

#[component]
fn LeaveBody() -> impl IntoView {
    let data = LocalResource::new(|| api::get::<MemberHistory>(&api_url!(MembershipRoute::Mine)));
    view! {
        <Suspense fallback=|| view! { <Loading/> }>
            {move || data.get().map(|r: Result<MemberHistory, ApiFailure>| match r {
                Ok(h) => match h.memberships.into_iter().find(|m| m.status == MembershipStatus::Active) {
                    None => view! {
                        <section class="card">
                            <p>{t("您现在不是工会会员,不用退会。", "You are not a union member now, so there is nothing to leave.")}</p>
                            <A href="/membership" attr:class="btn btn--secondary btn--block">{t("查看会籍记录", "See my membership history")}</A>
                        </section>
                    }.into_any(),
                    Some(MembershipView { leaving_on: Some(on), .. }) => view! {
                        <section class="card">
                            <p role="status">{t("您已经申请退会,生效日期:", "You have asked to leave, from ")}<strong>{on.to_string()}</strong></p>
                            <A href="/membership" attr:class="btn btn--secondary btn--block">{t("查看会籍记录", "See my membership history")}</A>
                        </section>
                    }.into_any(),
                    Some(m) => view! { <LeaveForm membership=m/> }.into_any(),
                },
                Err(e) => view! { <ErrorView failure=e retry=Callback::new(move |_| data.refetch())/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn LeaveForm(membership: MembershipView) -> impl IntoView {
    let draft = FormDraft::new(DRAFT);
    let reason = draft.field("reason");
    let note = draft.field("note");
    let effective_on = draft.field_or("effective_on", today().to_string());
    let form = FormState::new();
    let waiting = RwSignal::new(false);
    let navigate = use_navigate();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.clear();
        let body = LeaveRequest {
            reason: from_code(&reason.get_untracked()),
            note: note.get_untracked(),
            effective_on: effective_on.get_untracked().parse().ok(),
        };
        if !form.check(body.validate(today()).map(|_| ())) {
            return;
        }
        form.busy.set(true);
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            let outcome = outbox::submit::<_, MemberHistory>(
                KIND,
                Method::Post,
                &api_url!(MembershipRoute::Leave),
                &body,
            )
            .await;
            form.busy.set(false);
            match outcome {
                Submitted::Sent(_) => {
                    draft.clear();
                    super::card::forget();
                    navigate("/membership", Default::default());
                }
                // The draft stays until the server has it (see `Mine`).
                Submitted::Queued => waiting.set(true),
                Submitted::Refused(e) => form.failed(&e),
            }
        });
    };
    let reasons = LeaveReason::CHOOSABLE
        .iter()
        .map(|r| Choice::new(code_of(r), r.label()))
        .collect();
    let last_day = latest_leave_day(today()).to_string();
    view! {
        <form class="card" on:submit=submit novalidate>
            <p>
                {t("您现在是 ", "You are a member of ")}<strong>{membership.union.name.clone()}</strong>
                {t(" 的会员,会员编号 ", ", member number ")}{membership.member_no.clone()}{t("。", ".")}
            </p>
            <p class="muted">{t("退会日期到了以后,会员证就不能再用了。30天内删除您的身份证号和登记信息,只留下不带姓名的统计数字。", "From the leaving date on, your member card is no longer valid. Within 30 days your ID number and registration details are deleted; only figures without names are kept.")}</p>
            <FormError form=form/>
            <RadioCards legend=t("为什么退会", "Why are you leaving") name="reason" value=reason form=form choices=reasons/>
            <TextField label=t("退会日期", "Leaving date") name="effective_on" value=effective_on form=form kind="date"
                hint=t("今天,或者90天以内的某一天", "Today, or a day within the next 90 days")/>
            <p class="muted">{t("最晚:", "Latest: ")}{last_day}</p>
            <TextField label=t("想对工会说的话(可以不填)", "Anything to tell the union (optional)") name="note" value=note form=form maxlength=LEAVE_NOTE_MAX as u32/>
            <Show when=move || waiting.get()>
                <p class="notice" role="status">{t("已保存在手机上,有网络时自动发送。", "Saved on this phone; it will be sent when there is a connection.")}</p>
            </Show>
            <button type="submit" class="btn btn--danger btn--block" disabled=move || form.busy.get()>{t("确认退会", "Leave the union")}</button>
            <A href="/me" attr:class="btn btn--secondary btn--block">{t("不退了", "Stay a member")}</A>
        </form>
    }
}

/// On 我的: leaving the union and withdrawing consent, each on its own page.
#[component]
pub fn EndingLinks() -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="ending-title">
            <h2 id="ending-title">{t("退会和撤回同意", "Leaving and your consent")}</h2>
            <p class="muted">{t("入会时您同意了工会处理您的身份证号等信息。您可以随时退会,或者撤回这个同意。", "When you joined you agreed that the union processes your ID number and other information. You can leave the union or withdraw that consent at any time.")}</p>
            <A href="/membership/leave" attr:class="btn btn--secondary btn--block">{t("退会", "Leave the union")}</A>
            <A href="/membership/consent" attr:class="btn btn--secondary btn--block">{t("撤回同意", "Withdraw my consent")}</A>
        </section>
    }
}
