//! `/rights/cases/{id}`: one's case — the status with the next step in plain
//! words (🔊 read aloud), one's own claim and money, the clocks with their
//! warnings, the history, inviting co-workers (link and QR code) while the
//! complaint is open to them, and the hotlines one tap away.

use crate::api;
use crate::auth::RequireWorker;
use crate::components::hotlines::Hotlines;
use crate::components::status::{ErrorView, Loading};
use crate::i18n::{t, text};
use crate::outbox::new_key;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use shared::api_url;
use shared::money::{yuan, yuan_sign};
use shared::rights::cases::*;
use shared::rights::clocks::ClockState;
use shared::routes::Method;
use shared::Text;

#[component]
pub fn CasePage() -> impl IntoView {
    view! {
        <main class="page">
            <h1 class="page-title">{t("我的欠薪投诉", "My wage complaint")}</h1>
            <RequireWorker>
                <Case/>
            </RequireWorker>
            <Hotlines/>
        </main>
    }
}

/// What 🔊 says: the status, the next step, one's own money.
fn sentences(c: &CaseView) -> Vec<Text> {
    let step = c.step();
    let mut out = vec![step.words, step.next];
    if let Some(m) = &c.mine {
        out.push(Text::owned(
            format!(
                "您投诉的金额是{},已追回{}。",
                yuan(m.amount_claimed_fen),
                yuan(m.recovered_fen)
            ),
            format!(
                "You claimed {}; {} is recovered.",
                yuan_sign(m.amount_claimed_fen),
                yuan_sign(m.recovered_fen)
            ),
        ));
    }
    for k in c.clocks.iter().filter(|k| k.state != ClockState::Running) {
        out.push(k.warning());
    }
    out
}

#[component]
fn Case() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0));
    let case = LocalResource::new(move || {
        let id = id();
        async move { api::get::<CaseEnvelope>(&api_url!(CasesRoute::MyCase, CASE_ID = id)).await }
    });
    view! {
        <Suspense fallback=|| view! { <Loading/> }>
            {move || case.get().map(|r| match r {
                Ok(e) => view! { <Shown case=e.case refresh=Callback::new(move |_| case.refetch())/> }.into_any(),
                Err(e) => view! { <ErrorView failure=e retry=Callback::new(move |_| case.refetch())/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn Shown(case: CaseView, refresh: Callback<()>) -> impl IntoView {
    let step = case.step();
    let spoken = case.clone();
    let mine = case.mine.clone();
    let id = case.id;
    let is_filer = mine.as_ref().is_some_and(|m| m.is_filer);
    let needs_info = case.status == CaseStatus::NeedsInfo && is_filer;
    let open = case.status.open_to_join();
    let invite = RwSignal::new(None::<InviteView>);
    let show_invite = move |_| {
        leptos::task::spawn_local(async move {
            if let Ok(v) = api::get::<InviteView>(&api_url!(CasesRoute::Invite, CASE_ID = id)).await
            {
                invite.set(Some(v));
            }
        });
    };
    let key = new_key();
    let supplied = move |_| {
        let key = key.clone();
        leptos::task::spawn_local(async move {
            let _ = api::send::<_, CaseEnvelope>(
                Method::Post,
                &api_url!(CasesRoute::InfoSupplied, CASE_ID = id),
                &(),
                Some(&key),
            )
            .await;
            refresh.run(());
        });
    };
    view! {
        <section class="card" aria-labelledby="case-status">
            <h2 id="case-status">{t("现在的进度", "Where it stands")}</h2>
            <p><span class="tag" data-status=case.status.code()>{text(case.status.label())}</span></p>
            <p class="case-words">{text(step.words)}</p>
            <p><strong>{t("下一步:", "Next: ")}</strong>{text(step.next)}</p>
            <crate::easy::ReadAloud sentences=move || sentences(&spoken)/>
            {needs_info.then(|| view! { <button class="btn btn--primary" on:click=supplied.clone()>{t("已补正", "Information added")}</button> })}
        </section>
        {(!case.clocks.is_empty()).then(|| view! {
            <section class="card" aria-labelledby="case-clocks">
                <h2 id="case-clocks">{t("法定期限", "Legal deadlines")}</h2>
                <ul class="rows">
                    {case.clocks.iter().map(|k| view! {
                        <li class="row row--wrap" class:warning=k.state != ClockState::Running data-clock=k.kind.code() data-state=k.state.code()>
                            <div>{text(k.warning())}<div class="muted">{text(k.kind.then())}</div></div>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        })}
        {mine.map(|m| view! {
            <section class="card" aria-labelledby="case-mine">
                <h2 id="case-mine">{t("我的工资", "My wages")}</h2>
                <dl class="facts" data-mine=m.id>
                    <dt>{t("干活天数", "Days worked")}</dt><dd>{m.days}</dd>
                    <dt>{t("投诉金额", "Amount claimed")}</dt><dd data-claimed=m.amount_claimed_fen>{yuan(m.amount_claimed_fen)}</dd>
                    {m.agreed_fen.map(|a| view! { <dt>{t("调解协议金额", "Agreed amount")}</dt><dd data-agreed=a>{yuan(a)}{m.pay_by.map(|d| format!(" · {d}"))}</dd> })}
                    <dt>{t("已追回", "Recovered")}</dt><dd data-recovered=m.recovered_fen>{yuan(m.recovered_fen)}</dd>
                </dl>
            </section>
        })}
        <section class="card" aria-labelledby="case-facts">
            <h2 id="case-facts">{t("投诉内容", "The complaint")}</h2>
            <dl class="facts">
                <dt>{t("欠薪方", "Owed by")}</dt><dd>{case.employer.name.clone()}</dd>
                <dt>{t("工地", "Site")}</dt><dd>{case.site_name.clone()}" · "{case.site_address.clone()}</dd>
                <dt>{t("时间", "Period")}</dt><dd>{format!("{} — {}", case.period_from, case.period_to)}</dd>
                <dt>{t("负责工会", "Union handling it")}</dt><dd>{case.union.name.clone()}</dd>
                <dt>{t("投诉人数", "Workers in it")}</dt><dd>{case.claimant_count}</dd>
            </dl>
            {case.threshold.clone().map(|th| view! { <p class="muted">{text(th.says())}</p> })}
            {case.needs_representatives.then(|| view! { <p class="notice">{t("10人以上的集体投诉,需要推举3到5名代表", "With 10 or more workers, choose 3 to 5 representatives")}</p> })}
        </section>
        {open.then(|| view! {
            <section class="card" aria-labelledby="case-invite">
                <h2 id="case-invite">{t("邀请工友一起投诉", "Invite co-workers")}</h2>
                <p>{t("同一个工地被欠薪的工友,扫码或打开链接,填上自己的天数和金额", "Co-workers owed on the same site scan the code or open the link and add their own days and amount")}</p>
                <button class="btn btn--secondary" on:click=show_invite>{t("显示邀请码", "Show the invitation")}</button>
                {move || invite.get().map(|v| view! {
                    <div class="qr" inner_html=v.svg.clone()></div>
                    <p><a href=v.path.clone() data-invite=v.path.clone()>{t("邀请链接", "Invitation link")}</a></p>
                })}
            </section>
        })}
        <section class="card" aria-labelledby="case-history">
            <h2 id="case-history">{t("经过", "History")}</h2>
            <ol class="rows">
                {case.history.iter().map(|h| view! {
                    <li class="row">{text(h.status.label())}{h.note.clone().map(|n| format!(" · {n}"))}<span class="muted">" "{h.at.chars().take(10).collect::<String>()}</span></li>
                }).collect_view()}
            </ol>
        </section>
    }
}
