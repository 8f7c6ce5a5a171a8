//! The workers whose job cards match a job, best first, with the reasons in
//! plain words (工种一致 · 3.2 km · 日薪高于期望); staff tick some and notify
//! them in the app.

use crate::api::{self, ApiFailure};
use crate::components::status::{ErrorView, Loading};
use crate::i18n::{t, use_lang};
use leptos::prelude::*;
use shared::api_url;
use shared::jobs::matching::Candidate;
use shared::jobs::{CandidateList, InvitationInput, InvitationReply, JobsRoute};
use shared::money::wage_text;
use std::collections::BTreeSet;

#[component]
pub fn Candidates(job_id: i64) -> impl IntoView {
    let lang = use_lang();
    let list = LocalResource::new(move || async move {
        api::get::<CandidateList>(&api_url!(JobsRoute::Candidates, JOB_ID = job_id)).await
    });
    let ticked = RwSignal::new(BTreeSet::<i64>::new());
    let outcome = RwSignal::new(None::<Result<InvitationReply, String>>);
    let busy = RwSignal::new(false);
    let notify = move |_| {
        let body = InvitationInput {
            card_ids: ticked.get_untracked().into_iter().collect(),
        };
        if let Err(e) = body.validate() {
            outcome.set(Some(Err(e
                .0
                .first()
                .map(|f| f.why.get(lang.get_untracked()).to_string())
                .unwrap_or_default())));
            return;
        }
        busy.set(true);
        leptos::task::spawn_local(async move {
            let sent = api::post::<_, InvitationReply>(
                &api_url!(JobsRoute::Invite, JOB_ID = job_id),
                &body,
            )
            .await;
            busy.set(false);
            match sent {
                Ok(reply) => {
                    ticked.set(BTreeSet::new());
                    outcome.set(Some(Ok(reply)));
                }
                Err(e) => outcome.set(Some(Err(e.message(lang.get_untracked())))),
            }
        });
    };
    view! {
        <section class="card" aria-labelledby="candidates-title">
            <h2 id="candidates-title">{t("可以推荐的工友", "Workers to recommend")}</h2>
            <p class="muted">{t("按求职卡匹配,最合适的在前。勾选后点“通知”,工友会在“工会推荐”里看到这个岗位。", "Matched by job card, best first. Tick some and tap Notify: they see the job under the union's recommendations.")}</p>
            {move || outcome.get().map(|o| match o {
                Ok(r) => view! { <p class="notice" role="status">{move || format!("{} {} {}", t("已通知", "Notified")(), r.invited, t("人", "")())}
                    {(r.already > 0).then(|| format!(" · {} {}", r.already, t("人之前已通知过", "had been notified before")()))}</p> }.into_any(),
                Err(m) => view! { <p class="form-error" role="alert">{m}</p> }.into_any(),
            })}
            <Suspense fallback=|| view! { <Loading/> }>
                {move || list.get().map(|r: Result<CandidateList, ApiFailure>| match r {
                    Err(e) => view! { <ErrorView failure=e retry=Callback::new(move |_| list.refetch())/> }.into_any(),
                    Ok(l) if l.candidates.is_empty() => view! { <p>{t("暂时没有求职卡匹配这个岗位的工友。", "No worker's job card matches this job yet.")}</p> }.into_any(),
                    Ok(l) => view! {
                        <ul class="rows" aria-label=t("匹配的工友", "Matching workers")>
                            {l.candidates.into_iter().map(|c| view! { <CandidateRow candidate=c ticked=ticked/> }).collect_view()}
                        </ul>
                        <button type="button" class="btn btn--primary" disabled=move || busy.get() || ticked.with(BTreeSet::is_empty) on:click=notify>
                            {move || format!("{}({})", t("通知选中的工友", "Notify the ticked workers")(), ticked.with(BTreeSet::len))}
                        </button>
                    }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn CandidateRow(candidate: Candidate, ticked: RwSignal<BTreeSet<i64>>) -> impl IntoView {
    let lang = use_lang();
    let id = candidate.card_id;
    let name = candidate
        .display_name
        .clone()
        .unwrap_or_else(|| t("工友", "Worker")().to_string());
    let c = candidate.clone();
    let trades = move || {
        let l = lang.get();
        c.trades
            .iter()
            .map(|x| {
                if l == shared::Lang::En {
                    format!("{} {} yrs", x.trade.label().en, x.years)
                } else {
                    format!("{}{}年", x.trade.label().zh, x.years)
                }
            })
            .collect::<Vec<_>>()
            .join("、")
    };
    let m = candidate.matched.clone();
    let reasons = move || m.summary().get(lang.get()).to_string();
    let expected = wage_text(
        candidate.expected_wage_fen,
        candidate.expected_wage_fen,
        candidate.expected_wage_unit,
    );
    let certificates = candidate.certificates.join("、");
    view! {
        <li class="row row--wrap">
            <label class="check candidate">
                <input type="checkbox" prop:checked=move || ticked.with(|s| s.contains(&id))
                    on:change=move |ev| { let on = event_target_checked(&ev); ticked.update(|s| { if on { s.insert(id); } else { s.remove(&id); } }); }/>
                <span>
                    <strong>{name}</strong>" "<span class="tag">{candidate.matched.score}{t("分", " pts")}</span>
                    <span class="job-reasons">{reasons}</span>
                    <span class="muted">{trades}</span>
                    {(!certificates.is_empty()).then(|| view! { <span class="muted">{t("证书:", "Certificates: ")}{certificates.clone()}</span> })}
                    <span class="muted">{t("期望 ", "Expects ")}{move || expected.get(lang.get()).to_string()}" · "{t("到岗 ", "available ")}{candidate.available_from.to_string()}</span>
                </span>
            </label>
        </li>
    }
}
