//! 会员 (`/membership`): the member card, applications and their progress, the
//! history timeline, and what is still waiting on the phone to be sent.

use super::card::CardView;
use super::{consent, enrol, leave, transfer};
use crate::api::{self, ApiFailure};
use crate::auth::RequireWorker;
use crate::components::status::{ErrorView, Loading};
use crate::components::time::when;
use crate::i18n::{t, text, use_lang};
use crate::outbox::{self, use_outbox};
use leptos::prelude::*;
use leptos_router::components::A;
use shared::api_url;
use shared::error::ErrorBody;
use shared::membership::{
    ApplicationList, ApplicationReply, ApplicationStatus, ApplicationView, MemberHistory,
    MembershipRoute, MembershipStatus,
};
use shared::Text;

#[component]
pub fn Mine() -> impl IntoView {
    view! {
        <main class="page">
            <h1 class="page-title">{t("工会会员", "Union membership")}</h1>
            <RequireWorker>
                <Outcomes/>
                <Waiting/>
                <CardView/>
                <Progress/>
            </RequireWorker>
        </main>
    }
}

/// Submissions the outbox sent while the worker was away: the draft is
/// forgotten once the server has it; a refusal is shown with its reason.
#[component]
fn Outcomes() -> impl IntoView {
    let outbox = use_outbox();
    let shown = RwSignal::new(Vec::<(bool, Text, String)>::new());
    Effect::new(move |_| {
        outbox.done.track();
        for kind in [enrol::KIND, transfer::KIND, leave::KIND, consent::KIND] {
            for d in outbox::take_done(kind) {
                shown.update(|s| s.push(outcome(&d)));
            }
        }
    });
    move || {
        shown.get().into_iter().map(|(ok, what, line)| if ok {
            view! { <p class="notice" role="status">{text(what)}{line}</p> }.into_any()
        } else {
            view! { <p class="form-error" role="alert">{t("没有被接受:", "Not accepted: ")}{text(what)}{line}</p> }.into_any()
        }).collect_view()
    }
}

/// What a submission sent while the worker was away came to, as one line.
fn outcome(d: &outbox::Done) -> (bool, Text, String) {
    let kind = d.kind.as_str();
    let what = match kind {
        enrol::KIND | transfer::KIND if d.ok => {
            Text::new("申请已经送到:", "Your application reached ")
        }
        enrol::KIND | transfer::KIND => Text::new("入会或转会申请 ", "application "),
        leave::KIND if d.ok => Text::new(
            "退会申请已经送到",
            "Your request to leave reached the union",
        ),
        leave::KIND => Text::new("退会申请 ", "request to leave "),
        _ if d.ok => Text::new("已撤回同意", "Your consent is withdrawn"),
        _ => Text::new("撤回同意 ", "consent withdrawal "),
    };
    if !d.ok {
        let why = serde_json::from_str::<ErrorBody>(&d.body)
            .map(|e| e.message)
            .unwrap_or_default();
        return (false, what, why);
    }
    let line = match kind {
        enrol::KIND | transfer::KIND => {
            crate::draft::clear(if kind == enrol::KIND {
                enrol::DRAFT
            } else {
                transfer::DRAFT
            });
            serde_json::from_str::<ApplicationReply>(&d.body)
                .map(|r| r.application.union.name)
                .unwrap_or_default()
        }
        leave::KIND => {
            crate::draft::clear(leave::DRAFT);
            String::new()
        }
        _ => String::new(),
    };
    (true, what, line)
}

#[component]
fn Waiting() -> impl IntoView {
    let outbox = use_outbox();
    let count = move || {
        outbox.pending.with(|p| {
            p.iter()
                .filter(|x| {
                    [enrol::KIND, transfer::KIND, leave::KIND, consent::KIND]
                        .contains(&x.kind.as_str())
                })
                .count()
        })
    };
    view! {
        <Show when=move || count() != 0>
            <p class="notice" role="status">{t("有申请保存在手机上,等有网络自动发送。", "A request is saved on this phone and will be sent when there is a connection.")}</p>
        </Show>
    }
}

#[component]
fn Progress() -> impl IntoView {
    let lang = use_lang();
    let data = LocalResource::new(|| async {
        let history = api::get::<MemberHistory>(&api_url!(MembershipRoute::Mine)).await?;
        let applications =
            api::get::<ApplicationList>(&api_url!(MembershipRoute::MyApplications)).await?;
        Ok::<_, ApiFailure>((history, applications))
    });
    let reload = Callback::new(move |_| data.refetch());
    view! {
        <Suspense fallback=|| view! { <Loading/> }>
            {move || data.get().map(|r| match r {
                Ok((history, applications)) => {
                    let member = history.memberships.iter().any(|m| m.status == MembershipStatus::Active);
                    let leaving_on = history.memberships.iter().find_map(|m| m.leaving_on);
                    view! {
                        {(!member).then(|| view! { <NotYet/> })}
                        {leaving_on.map(|on| view! {
                            <p class="notice" role="status">{t("您已经申请退会,生效日期:", "You have asked to leave, from ")}{on.to_string()}</p>
                        })}
                        {(!applications.applications.is_empty()).then(|| {
                            let spoken = applications.applications.clone();
                            view! {
                            <section class="card" aria-labelledby="apps-title">
                                <h2 id="apps-title">{t("我的申请", "My applications")}</h2>
                                <crate::easy::ReadAloud sentences=move || shared::speech::applications(&spoken, crate::components::time::today())/>
                                <ul class="rows">
                                    {applications.applications.into_iter().map(|a| view! { <Application app=a reload=reload/> }).collect_view()}
                                </ul>
                            </section>
                        }})}
                        {(!history.timeline.is_empty()).then(|| view! {
                            <section class="card" aria-labelledby="history-title">
                                <h2 id="history-title">{t("会籍记录", "Membership history")}</h2>
                                <ol class="timeline">
                                    {history.timeline.into_iter().map(|e| {
                                        let line = e.describe();
                                        view! { <li><span class="muted">{move || when(e.at, lang.get())}</span>" "{move || line.get(lang.get()).to_string()}</li> }
                                    }).collect_view()}
                                </ol>
                                {member.then(|| view! {
                                    <p class="muted">{t("换了工作?在新工地扫工会的入会二维码,就能申请转会。", "Changed jobs? Scan the union QR code at your new site to ask for a transfer.")}</p>
                                })}
                            </section>
                        })}
                    }.into_any()
                }
                Err(e) => view! { <ErrorView failure=e retry=reload/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn NotYet() -> impl IntoView {
    view! {
        <section class="card">
            <h2>{t("还不是会员?", "Not a member yet?")}</h2>
            <p>{t("在工地、驿站或工会看到入会二维码,用手机扫一下就能申请。没有二维码,也可以按地区找一个工会。", "Scan the union's join QR code at your site, a station or a union office. No QR code? Find a union by area.")}</p>
            <A href="/join" attr:class="btn btn--primary btn--block">{t("找一个工会加入", "Find a union to join")}</A>
        </section>
    }
}

#[component]
fn Application(app: ApplicationView, reload: Callback<()>) -> impl IntoView {
    let lang = use_lang();
    let failure = RwSignal::new(None::<String>);
    let id = app.id;
    let withdraw = move |_| {
        leptos::task::spawn_local(async move {
            match api::post::<_, ApplicationReply>(
                &api_url!(MembershipRoute::Withdraw, APPLICATION_ID = id),
                &(),
            )
            .await
            {
                Ok(_) => {
                    reload.try_run(());
                }
                Err(e) => failure.set(Some(e.message(lang.get_untracked()))),
            }
        });
    };
    let (status, kind) = (app.status, app.kind);
    view! {
        <li class="row row--wrap">
            <div>
                <strong>{app.union.name.clone()}</strong>" "
                <span class="tag" class:tag--off=status != ApplicationStatus::Pending && status != ApplicationStatus::Approved>
                    {move || status.label().get(lang.get()).to_string()}
                </span>
                <div class="muted">{move || kind.label().get(lang.get()).to_string()}" · "{move || when(app.submitted_at, lang.get())}</div>
                {app.rejection_reason.clone().map(|r| view! { <p>{t("原因:", "Reason: ")}{r}</p> })}
                {move || failure.get().map(|m| view! { <p class="form-error" role="alert">{m}</p> })}
            </div>
            {(status == ApplicationStatus::Pending).then(|| view! {
                <button type="button" class="btn btn--secondary" on:click=withdraw>{t("撤回申请", "Withdraw")}</button>
            })}
        </li>
    }
}
