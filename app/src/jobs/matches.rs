//! `/jobs/matches` (为我推荐): work that fits the worker's job card, best first,
//! each with its reasons in plain words (工种一致 · 3.2 km · 日薪高于期望) and the
//! union's own recommendations on top. 找活 links here with a badge counting
//! the union's invitations the worker has not seen; opening this page sees them.

use super::item::JobItem;
use crate::api::{self, ApiFailure};
use crate::auth::RequireWorker;
use crate::components::status::{ErrorView, Loading};
use crate::draft::persisted;
use crate::i18n::{t, use_lang};
use crate::stations::place::Place;
use leptos::prelude::*;
use leptos_router::components::A;
use shared::api_url;
use shared::jobs::{InvitationList, JobsRoute, MatchList, UnseenInvitations};
use shared::Lang;

#[component]
pub fn Matches() -> impl IntoView {
    view! {
        <main class="page">
            <h1 class="page-title">{t("为我推荐", "Picked for me")}</h1>
            <RequireWorker>
                <Invited/>
                <Ranked/>
            </RequireWorker>
        </main>
    }
}

#[component]
fn Ranked() -> impl IntoView {
    let lang = use_lang();
    // Distances from where the phone last was (the station finder keeps it), else the card's own position.
    let place = persisted("gy.place", None::<Place>);
    let list = LocalResource::new(move || {
        let at = place.get().map(|p| p.at);
        let url = api_url!(JobsRoute::Matches)
            .arg_opt("lat", at.map(|p| shared::geo::fixed(p.lat, 5)))
            .arg_opt("lng", at.map(|p| shared::geo::fixed(p.lng, 5)));
        async move { api::get::<MatchList>(&url).await }
    });
    view! {
        <Suspense fallback=|| view! { <Loading/> }>
            {move || list.get().map(|r: Result<MatchList, ApiFailure>| match r {
                Ok(l) if l.matches.is_empty() => view! {
                    <p class="card">{t("附近暂时没有和您工种相近的活。可以改改求职卡,或者直接搜索。", "No work near your trades right now. Change your card, or search.")}</p>
                }.into_any(),
                Ok(l) => view! {
                    <ul class="jobs" aria-label=t("推荐的活", "Matching jobs")>
                        {l.matches.into_iter().map(|m| {
                            let why = m.matched.summary();
                            view! { <JobItem job=m.job reasons=Signal::derive(move || why.get(lang.get()).to_string())/> }
                        }).collect_view()}
                    </ul>
                }.into_any(),
                Err(e) if e.status() == Some(404) => view! {
                    <section class="card">
                        <p>{t("先填一张求职卡:会什么、想要多少钱、在哪里干,系统就能给您推荐活。", "Fill in a job card first — what you do, the pay you want, where — and we will suggest work.")}</p>
                        <A href="/jobs/card" attr:class="btn btn--primary btn--block">{t("填求职卡", "Fill in my job card")}</A>
                    </section>
                }.into_any(),
                Err(e) => view! { <ErrorView failure=e retry=Callback::new(move |_| list.refetch())/> }.into_any(),
            })}
        </Suspense>
        <A href="/jobs/card" attr:class="btn btn--secondary btn--block">{t("改我的求职卡", "Change my job card")}</A>
    }
}

/// 找活's entry to this page, with the number of invitations not seen yet
/// (none shown when signed out or when there are none).
#[component]
pub fn MatchesLink() -> impl IntoView {
    let auth = crate::auth::use_auth();
    let unseen = LocalResource::new(move || {
        let worker = auth.worker().map(|w| w.user_id);
        async move {
            if worker.is_none() {
                return 0;
            }
            api::get::<UnseenInvitations>(&api_url!(JobsRoute::InvitationsUnseen))
                .await
                .map_or(0, |u| u.unseen)
        }
    });
    let lang = use_lang();
    view! {
        <A href="/jobs/matches" attr:class="btn btn--primary">
            {t("为我推荐", "Picked for me")}
            {move || unseen.get().filter(|n| *n > 0).map(|n| view! {
                " "<span class="badge badge--count" aria-hidden="true">{n}</span>
                <span class="sr-only">{move || if lang.get() == Lang::En { format!(": {n} new from your union") } else { format!(":{n} 条工会新推荐") }}</span>
            })}
        </A>
    }
}

/// Jobs union staff picked for this worker; once shown, they count as seen.
#[component]
fn Invited() -> impl IntoView {
    let list = LocalResource::new(|| async {
        let list = api::get::<InvitationList>(&api_url!(JobsRoute::Invitations)).await;
        if list.as_ref().is_ok_and(|l| !l.invitations.is_empty()) {
            // Not worth an error on screen: at worst the badge shows them again.
            let _ =
                api::post::<_, UnseenInvitations>(&api_url!(JobsRoute::InvitationsSeen), &()).await;
        }
        list
    });
    move || {
        list.get().and_then(Result::ok).filter(|l| !l.invitations.is_empty()).map(|l| {
            view! {
                <section class="card" aria-labelledby="invited-title">
                    <h2 id="invited-title">{t("工会推荐给您", "Recommended by your union")}</h2>
                    <ul class="jobs">
                        {l.invitations.into_iter().map(|i| {
                            let (name, recommends) = (i.union.name.clone(), t(" 推荐", " recommends this"));
                            view! { <JobItem job=i.job reasons=Signal::derive(move || format!("{name}{}", recommends()))/> }
                        }).collect_view()}
                    </ul>
                </section>
            }
        })
    }
}
