//! `/join/{code}`: where a QR poster on a site or at a station leads. Shows
//! which union it is; a signed-in worker then gets the enrolment form — or,
//! already a member elsewhere, the transfer form — or where they stand.

use super::enrol::{EnrolForm, Sent};
use super::transfer::TransferForm;
use crate::api::{self, ApiFailure};
use crate::auth::{use_auth, AuthState};
use crate::components::status::{ErrorView, Loading};
use crate::components::time::today;
use crate::i18n::{t, text, use_lang};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use shared::api_url;
use shared::membership::{
    ApplicationList, ApplicationStatus, ApplicationView, MemberHistory, MembershipRoute,
    MembershipStatus, MembershipView,
};
use shared::unions::{PublicUnion, PublicUnionEnvelope, UnionSummary, UnionsRoute};

#[component]
pub fn Join() -> impl IntoView {
    let params = use_params_map();
    let code = move || params.with(|p| p.get("code").unwrap_or_default());
    let union = LocalResource::new(move || {
        let c = code();
        async move {
            api::get::<PublicUnionEnvelope>(&api_url!(UnionsRoute::ByJoinCode, JOIN_CODE = c)).await
        }
    });
    view! {
        <main class="page">
            <Suspense fallback=|| view! { <Loading/> }>
                {move || union.get().map(|r| match r {
                    Ok(env) => view! { <UnionHeader union=env.union.clone()/> <Enrol union=env.union.summary/> }.into_any(),
                    Err(e) if e.status() == Some(404) => view! {
                        <h1 class="page-title">{t("没有找到这个工会", "Union not found")}</h1>
                        <p>{t("二维码可能印错了或已经作废。可以按地区找一个工会加入。", "The QR code may be wrong or withdrawn. You can find a union by area instead.")}</p>
                        <A href="/join" attr:class="btn btn--primary btn--block">{t("按地区找工会", "Find a union by area")}</A>
                    }.into_any(),
                    Err(e) => view! { <ErrorView failure=e retry=Callback::new(move |_| union.refetch())/> }.into_any(),
                })}
            </Suspense>
        </main>
    }
}

#[component]
fn UnionHeader(union: PublicUnion) -> impl IntoView {
    let chain = union
        .parents
        .iter()
        .map(|p| p.name.clone())
        .collect::<Vec<_>>()
        .join(" › ");
    let u = union.summary;
    view! {
        <h1 class="page-title">{t("加入 ", "Join ")}{u.name.clone()}</h1>
        <p class="muted">{chain}</p>
        {u.address.clone().map(|a| view! { <p>"📍 "{a}</p> })}
    }
}

/// Where a signed-in worker stands with this union.
#[derive(Clone)]
enum Standing {
    Member(MembershipView),
    Pending(ApplicationView),
    MemberElsewhere(MembershipView),
    Free,
}

fn standing(union_id: i64, history: &MemberHistory, applications: &ApplicationList) -> Standing {
    let active = history
        .memberships
        .iter()
        .find(|m| m.status == MembershipStatus::Active);
    if let Some(m) = active.filter(|m| m.union.id == union_id) {
        return Standing::Member(m.clone());
    }
    if let Some(a) = applications
        .applications
        .iter()
        .find(|a| a.union.id == union_id && a.status == ApplicationStatus::Pending)
    {
        return Standing::Pending(a.clone());
    }
    match active {
        Some(m) => Standing::MemberElsewhere(m.clone()),
        None => Standing::Free,
    }
}

#[component]
fn Enrol(union: UnionSummary) -> impl IntoView {
    let auth = use_auth();
    let here = crate::auth::here();
    let closed = union.accepts_members(today()).err();
    move || {
        match (auth.0.get(), closed.clone()) {
        (_, Some(why)) => view! { <p class="form-error" role="status">{text(why)}</p> }.into_any(),
        (AuthState::SignedIn(shared::accounts::Me::Worker(_)), None) => view! { <SignedIn union=union.clone()/> }.into_any(),
        (AuthState::Loading, None) => view! { <Loading/> }.into_any(),
        (_, None) => view! {
            <section class="card">
                <p>{t("入会要实名登记。先用手机号登录,再填一张登记表,几分钟就好。", "Joining needs your real name. Sign in with your mobile, then fill in one form: a few minutes.")}</p>
                <A href=format!("/login?next={}", shared::query::encode(&here)) attr:class="btn btn--primary btn--block">{t("手机号登录后填写", "Sign in to fill it in")}</A>
            </section>
        }.into_any(),
    }
    }
}

#[component]
fn SignedIn(union: UnionSummary) -> impl IntoView {
    let union_id = union.id;
    let lang = use_lang();
    let sent = RwSignal::new(None::<Sent>);
    let state = LocalResource::new(move || async move {
        let history = api::get::<MemberHistory>(&api_url!(MembershipRoute::Mine)).await?;
        let applications =
            api::get::<ApplicationList>(&api_url!(MembershipRoute::MyApplications)).await?;
        Ok::<_, ApiFailure>(standing(union_id, &history, &applications))
    });
    let on_sent = Callback::new(move |s: Sent| sent.set(Some(s)));
    move || {
        match sent.get() {
        Some(Sent::Delivered(a)) => view! {
            <section class="card" role="status">
                <h2>{t("申请已提交", "Application sent")}</h2>
                <p>{move || a.status.label().get(lang.get()).to_string()}" · "{a.union.name.clone()}</p>
                <p>{t("工会审核后会在“会员”页告诉您结果。", "The union will review it; the result appears on the Membership page.")}</p>
                <A href="/membership" attr:class="btn btn--primary btn--block">{t("查看进度", "See its progress")}</A>
            </section>
        }.into_any(),
        Some(Sent::Waiting) => view! {
            <section class="card" role="status">
                <h2>{t("已保存在手机上", "Saved on this phone")}</h2>
                <p>{t("现在没有网络。有网络时会自动发送,不会重复提交。", "There is no connection now. It will be sent automatically when there is, and only once.")}</p>
                <A href="/membership" attr:class="btn btn--secondary btn--block">{t("查看进度", "See its progress")}</A>
            </section>
        }.into_any(),
        None => {
            let union = union.clone();
            view! {
                <Suspense fallback=|| view! { <Loading/> }>
                    {move || state.get().map(|r| match r {
                        Ok(Standing::Member(m)) => view! {
                            <section class="card" role="status">
                                <p>{t("您已经是这个工会的会员,会员编号 ", "You are already a member here, number ")}<strong>{m.member_no}</strong></p>
                                <A href="/membership" attr:class="btn btn--primary btn--block">{t("打开会员证", "Open my member card")}</A>
                            </section>
                        }.into_any(),
                        Ok(Standing::Pending(a)) => view! {
                            <section class="card" role="status">
                                <p>{t("您的申请正在等工会审核,提交于 ", "Your application is waiting for review, sent on ")}{crate::components::time::when(a.submitted_at, lang.get_untracked())}</p>
                                <A href="/membership" attr:class="btn btn--secondary btn--block">{t("查看进度", "See its progress")}</A>
                            </section>
                        }.into_any(),
                        Ok(Standing::MemberElsewhere(m)) => view! { <TransferForm current=m target=union.clone() on_sent=on_sent/> }.into_any(),
                        Ok(Standing::Free) => view! { <EnrolForm union_id=union_id on_sent=on_sent/> }.into_any(),
                        Err(e) => view! { <ErrorView failure=e retry=Callback::new(move |_| state.refetch())/> }.into_any(),
                    })}
                </Suspense>
            }.into_any()
        }
    }
    }
}
