//! `/rights`: 记工本. One month at a time: what each employer owes (days,
//! earned, advances, paid, owed), then the days recorded, newest first, a
//! corrected day marked. Days still waiting on the phone are counted at the top.

use super::{work_text, KIND};
use crate::api;
use crate::auth::RequireWorker;
use crate::components::link::AppLink;
use crate::components::status::{ErrorView, Loading};
use crate::components::time::today;
use crate::i18n::{t, text};
use crate::outbox::use_outbox;
use leptos::prelude::*;
use shared::api_url;
use shared::money::yuan_sign;
use shared::rights::*;

#[component]
pub fn Locker() -> impl IntoView {
    view! {
        <main class="page">
            <h1 class="page-title">{t("记工本", "My work log")}</h1>
            <RequireWorker>
                <Book/>
            </RequireWorker>
        </main>
    }
}

fn shift(month: &str, by: i32) -> String {
    let (y, m) = parse_month(month).unwrap_or((2026, 1));
    let n = y * 12 + m as i32 - 1 + by;
    format!("{:04}-{:02}", n.div_euclid(12), n.rem_euclid(12) + 1)
}

#[component]
fn Book() -> impl IntoView {
    let month = RwSignal::new(month_of(today()));
    let outbox = use_outbox();
    let waiting = Memo::new(move |_| {
        outbox
            .pending
            .with(|p| p.iter().filter(|i| i.kind == KIND).count())
    });
    // Read again whenever a waiting day has gone.
    let entries = LocalResource::new(move || {
        let url = api_url!(LockerRoute::Entries).arg("month", month.get());
        let _ = waiting.get();
        async move { api::get::<EntryList>(&url).await }
    });
    let summary = LocalResource::new(move || {
        let url = api_url!(LockerRoute::Summary).arg("month", month.get());
        let _ = waiting.get();
        async move { api::get::<LockerSummary>(&url).await }
    });
    view! {
        <p class="muted">{t("每天记下在哪干活、跟谁干、干了多少、说好多少钱、借支多少。记录一经保存不能改动,只能补一条更正;工会作为第三方按收到的时间留存,讨薪时就是证据。", "Each day, note where you worked, for whom, how much, the agreed wage and any advance. A saved day cannot be changed, only corrected by a new entry; the union keeps each one with the time it arrived, as evidence if wages go unpaid.")}</p>
        <AppLink href="/rights/new".to_string() class="btn btn--primary btn--block btn--big">{t("＋ 记一天", "+ Record a day")}</AppLink>
        {move || (waiting.get() > 0).then(|| view! {
            <p class="notice" role="status" data-testid="waiting">
                {move || format!("{} {}", waiting.get(), t("条记录在手机上等网络,有网络后自动上传。", "day(s) wait on this phone and go up when there is a signal.")())}
            </p>
        })}
        <nav class="month-nav" aria-label=t("月份", "Month")>
            <button type="button" class="btn btn--secondary" on:click=move |_| month.update(|m| *m = shift(m, -1))>{t("‹ 上个月", "‹ Previous")}</button>
            <strong data-testid="month">{move || month.get()}</strong>
            <button type="button" class="btn btn--secondary" on:click=move |_| month.update(|m| *m = shift(m, 1))>{t("下个月 ›", "Next ›")}</button>
        </nav>
        <section class="card" aria-labelledby="summary-title">
            <h2 id="summary-title">{t("这个月的工钱", "This month's wages")}</h2>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || summary.get().map(|r| match r {
                    Ok(s) if s.employers.is_empty() => view! { <p class="muted">{t("这个月还没有记录。", "Nothing recorded this month.")}</p> }.into_any(),
                    Ok(s) => view! {
                        {s.employers.into_iter().map(|e| view! {
                            <div class="locker-employer" data-testid="employer-month">
                                <h3>{e.employer_name.clone()}</h3>
                                <dl class="facts">
                                    <dt>{t("出工天数", "Days worked")}</dt><dd data-testid="days-worked">{e.days_worked}</dd>
                                    <dt>{t("应得工钱", "Earned")}</dt><dd data-testid="earned">{yuan_sign(e.earned_fen)}</dd>
                                    <dt>{t("借支", "Advances")}</dt><dd>{yuan_sign(e.advance_fen)}</dd>
                                    <dt>{t("已结", "Paid")}</dt><dd>{yuan_sign(e.paid_fen)}</dd>
                                    <dt>{t("结余", "Balance")}</dt><dd data-testid="owed"><strong>{text(owed_text(e.owed_fen))}</strong></dd>
                                </dl>
                            </div>
                        }).collect_view()}
                    }.into_any(),
                    Err(e) => view! { <ErrorView failure=e retry=Callback::new(move |_| summary.refetch())/> }.into_any(),
                })}
            </Suspense>
        </section>
        <section aria-labelledby="days-title">
            <h2 id="days-title">{t("每天的记录", "Days recorded")}</h2>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || entries.get().map(|r| match r {
                    Ok(list) => view! {
                        <ul class="locker-days">
                            {list.entries.into_iter().map(|e| {
                                let superseded = e.superseded_by.is_some();
                                let confirmed = e.confirmations.len();
                                view! {
                                    <li class="card locker-day" class:locker-day--old=superseded data-testid="day">
                                        <AppLink href=format!("/rights/entry/{}", e.id) class="locker-day-link".to_string()>
                                            <strong>{e.day.date.to_string()}</strong>" "{e.day.project.clone()}
                                            <span class="locker-day-work">{text(work_text(&e.day))}" = "{yuan_sign(e.earned_fen)}</span>
                                        </AppLink>
                                        {superseded.then(|| view! { <span class="badge">{t("已更正", "Corrected")}</span> })}
                                        {e.supersedes.map(|_| view! { <span class="badge">{t("更正记录", "Correction")}</span> })}
                                        {(confirmed > 0).then(|| view! { <span class="badge badge--ok">{format!("✓ {confirmed}")}" "{t("人对工", "confirmed")}</span> })}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(e) => view! { <ErrorView failure=e retry=Callback::new(move |_| entries.refetch())/> }.into_any(),
                })}
            </Suspense>
        </section>
        <AppLink href="/rights/verify".to_string() class="btn btn--secondary btn--block">{t("核验记工本(检查有没有被改动)", "Check the log has not been changed")}</AppLink>
    }
}
