//! `/jobs`: find work. Words (木工, 电焊, 保洁…), a trade, near me, 日结, gigs
//! one can start today, and the order; results page on with "more". What was
//! last asked is kept on the phone.

use super::item::JobItem;
use crate::api::{self, ApiFailure};
use crate::components::choice::{from_code, trade_choices, SelectField};
use crate::components::form::{FormError, FormState, TextField};
use crate::components::status::ErrorView;
use crate::draft::persisted;
use crate::i18n::t;
use crate::stations::place::{locate, Place};
use leptos::prelude::*;
use leptos_router::components::A;
use serde::{Deserialize, Serialize};
use shared::api_url;
use shared::jobs::{JobList, JobSearch, JobSort, JobSummary, JobsRoute, Settlement};
use shared::query::Query;
use shared::routes::Url;
use shared::trades::Trade;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
struct Asked {
    q: String,
    /// A trade code, or "".
    trade: String,
    near: bool,
    daily: bool,
    today: bool,
    highest_wage: bool,
}

impl Asked {
    /// The search's address, checked by the shared rule before it is sent.
    fn url(&self, at: Option<shared::geo::LatLng>) -> Url {
        let near = at.filter(|_| self.near);
        api_url!(JobsRoute::Search)
            .arg_text("q", &self.q)
            .arg_opt("trade", from_code::<Trade>(&self.trade).map(|t| t.code()))
            .arg_opt("lat", near.map(|p| format!("{:.5}", p.lat)))
            .arg_opt("lng", near.map(|p| format!("{:.5}", p.lng)))
            .arg_opt("settlement", self.daily.then(|| Settlement::Daily.code()))
            .arg_opt("starts_today", self.today.then_some(true))
            .arg_opt(
                "sort",
                self.highest_wage.then(|| JobSort::HighestWage.code()),
            )
    }
}

#[component]
pub fn Search() -> impl IntoView {
    let asked = persisted("gy.jobs.asked", Asked::default());
    let place = persisted("gy.place", None::<Place>);
    let q = RwSignal::new(asked.get_untracked().q);
    let trade = RwSignal::new(asked.get_untracked().trade);
    let form = FormState::new();
    let jobs = RwSignal::new(Vec::<JobSummary>::new());
    let next = RwSignal::new(None::<String>);
    let failure = RwSignal::new(None::<ApiFailure>);
    let loading = RwSignal::new(false);

    let fetch = move |more: bool| {
        let a = asked.get_untracked();
        let url = a
            .url(place.get_untracked().map(|p| p.at))
            .arg_opt("cursor", next.get_untracked().filter(|_| more));
        // The shared rule first: a 1-character word gets its reason on the phone.
        if !form.check(JobSearch::parse(&Query::parse(url.query())).map(|_| ())) {
            return;
        }
        loading.set(true);
        leptos::task::spawn_local(async move {
            match api::get::<JobList>(&url).await {
                Ok(list) => {
                    failure.set(None);
                    next.set(list.meta.next_cursor);
                    jobs.update(|j| {
                        if more {
                            j.extend(list.jobs)
                        } else {
                            *j = list.jobs
                        }
                    });
                }
                Err(e) => {
                    form.failed(&e);
                    failure.set(Some(e));
                }
            }
            loading.set(false);
        });
    };
    fetch(false);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.clear();
        asked.update(|a| {
            a.q = q.get_untracked();
            a.trade = trade.get_untracked();
        });
        fetch(false);
    };
    // A chip toggles one filter and searches again.
    let toggle = move |f: fn(&mut Asked)| {
        asked.update(f);
        fetch(false);
    };
    let near = move |_| {
        if asked.get_untracked().near || place.get_untracked().is_some() {
            toggle(|a| a.near = !a.near);
            return;
        }
        leptos::task::spawn_local(async move {
            match locate().await {
                Ok(at) => {
                    place.set(Some(Place { at, area: None }));
                    toggle(|a| a.near = true);
                }
                Err(_) => form.general.set(Some(t("定不了位:请允许使用位置,或在驿站页选择所在区县。", "No position: allow location, or choose your district on the stations page.")().into())),
            }
        });
    };
    let chip =
        move |on: fn(&Asked) -> bool| move || if on(&asked.get()) { "true" } else { "false" };

    view! {
        <main class="page">
            <h1 class="page-title">{t("找活干", "Find work")}</h1>
            <nav class="quick-links" aria-label=t("找活", "Jobs")>
                <A href="/jobs/card" attr:class="btn btn--secondary">{t("我的求职卡", "My job card")}</A>
                <A href="/jobs/applications" attr:class="btn btn--secondary">{t("我的申请", "My applications")}</A>
                <A href="/jobs/fairs" attr:class="btn btn--secondary">{t("招聘会", "Job fairs")}</A>
                <A href="/employer" attr:class="btn btn--secondary">{t("我要招人", "I am hiring")}</A>
            </nav>
            <form class="card search-form" role="search" on:submit=submit novalidate>
                <FormError form=form/>
                <TextField label=t("想找什么活?", "What work are you looking for?") name="q" value=q form=form kind="search" hint=t("例如:木工、电焊、保洁、日结", "For example: 木工, 电焊, 保洁, 日结")/>
                <SelectField label=t("工种", "Trade") name="trade" value=trade form=form choices=trade_choices() placeholder=t("不限工种", "Any trade")/>
                <div class="chips" role="group" aria-label=t("筛选", "Filters")>
                    <button type="button" class="chip" aria-pressed=chip(|a| a.near) on:click=near>{t("📍 离我近", "📍 Near me")}</button>
                    <button type="button" class="chip" aria-pressed=chip(|a| a.daily) on:click=move |_| toggle(|a| a.daily = !a.daily)>{t("日结", "Paid daily")}</button>
                    <button type="button" class="chip" aria-pressed=chip(|a| a.today) on:click=move |_| toggle(|a| a.today = !a.today)>{t("今天就能干", "Start today")}</button>
                    <button type="button" class="chip" aria-pressed=chip(|a| a.highest_wage) on:click=move |_| toggle(|a| a.highest_wage = !a.highest_wage)>{t("工资高的在前", "Best paid first")}</button>
                </div>
                <button type="submit" class="btn btn--primary btn--block" disabled=move || loading.get()>{t("搜索", "Search")}</button>
            </form>
            <section aria-labelledby="results-title" aria-busy=move || loading.get().to_string()>
                <h2 id="results-title" class="sr-only">{t("搜索结果", "Results")}</h2>
                {move || failure.get().filter(|_| jobs.with(Vec::is_empty)).map(|e| view! { <ErrorView failure=e retry=Callback::new(move |_| fetch(false))/> })}
                <Show when=move || !loading.get() && failure.get().is_none() && jobs.with(Vec::is_empty)>
                    <p class="card">{t("没有找到合适的活。换个词试试,或者去掉一些筛选。", "Nothing found. Try another word, or fewer filters.")}</p>
                </Show>
                <ul class="jobs" aria-label=t("招工信息", "Jobs")>
                    <For each=move || jobs.get() key=|j| j.id let:job>
                        <JobItem job=job/>
                    </For>
                </ul>
                <Show when=move || next.get().is_some()>
                    <button type="button" class="btn btn--secondary btn--block" disabled=move || loading.get() on:click=move |_| fetch(true)>{t("加载更多", "More")}</button>
                </Show>
                <Show when=move || loading.get()>
                    <crate::components::status::Loading/>
                </Show>
            </section>
        </main>
    }
}
