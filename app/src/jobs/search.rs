//! `/jobs`: find work. Words (木工, 电焊, 保洁…), a trade, near me, the lowest
//! daily wage, how far, 日结, gigs one can start today, and the order; results
//! page on with "more". What was last asked is kept on the phone, and the wage
//! and distance also in the address (`?min_wage_yuan=300&radius_km=10`), so a
//! reload or a shared link keeps them.

use super::item::JobItem;
use crate::api::{self, ApiFailure};
use crate::components::choice::{from_code, trade_choices, SelectField};
use crate::components::form::{FormError, FormState, TextField};
use crate::components::status::ErrorView;
use crate::draft::persisted;
use crate::i18n::{t, use_lang};
use crate::stations::place::{locate, Place};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use serde::{Deserialize, Serialize};
use shared::api_url;
use shared::jobs::{
    JobList, JobSearch, JobSort, JobSummary, JobsRoute, Settlement, RADIUS_CHOICES_KM,
    WAGE_FLOOR_CHOICES_YUAN,
};
use shared::money::FEN_PER_YUAN;
use shared::query::Query;
use shared::routes::Url;
use shared::trades::Trade;
use shared::Lang;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
struct Asked {
    q: String,
    /// A trade code, or "".
    trade: String,
    near: bool,
    daily: bool,
    today: bool,
    highest_wage: bool,
    /// Yuan per day, one of `WAGE_FLOOR_CHOICES_YUAN`; 0: any wage.
    min_wage_yuan: u32,
    /// One of `RADIUS_CHOICES_KM`; 0: any distance.
    radius_km: u32,
}

impl Asked {
    /// The search's address, checked by the shared rule before it is sent.
    fn url(&self, at: Option<shared::geo::LatLng>) -> Url {
        let near = at.filter(|_| self.near || self.radius_km > 0);
        let min_wage =
            (self.min_wage_yuan > 0).then(|| i64::from(self.min_wage_yuan) * FEN_PER_YUAN);
        api_url!(JobsRoute::Search)
            .arg_text("q", &self.q)
            .arg_opt("trade", from_code::<Trade>(&self.trade).map(|t| t.code()))
            .arg_opt("lat", near.map(|p| shared::geo::fixed(p.lat, 5)))
            .arg_opt("lng", near.map(|p| shared::geo::fixed(p.lng, 5)))
            .arg_opt(
                "radius_km",
                near.and((self.radius_km > 0).then_some(self.radius_km)),
            )
            .arg_opt("min_wage", min_wage)
            .arg_opt("settlement", self.daily.then(|| Settlement::Daily.code()))
            .arg_opt("starts_today", self.today.then_some(true))
            .arg_opt(
                "sort",
                self.highest_wage.then(|| JobSort::HighestWage.code()),
            )
    }

    /// Takes the wage and distance from the page's address, when it names valid ones.
    fn take_address(&mut self, query: &leptos_router::params::ParamsMap) {
        let pick = |name: &str, choices: &[u32]| {
            query
                .get(name)
                .and_then(|v| v.parse::<u32>().ok())
                .filter(|v| choices.contains(v))
        };
        if let Some(y) = pick(WAGE_PARAM, &WAGE_FLOOR_CHOICES_YUAN) {
            self.min_wage_yuan = y;
        }
        if let Some(km) = pick(RADIUS_PARAM, &RADIUS_CHOICES_KM) {
            self.radius_km = km;
        }
    }

    /// The page's own address for this search (what a reload comes back to).
    fn address(&self) -> String {
        let mut args = Vec::new();
        if self.min_wage_yuan > 0 {
            args.push(format!("{WAGE_PARAM}={}", self.min_wage_yuan));
        }
        if self.radius_km > 0 {
            args.push(format!("{RADIUS_PARAM}={}", self.radius_km));
        }
        if args.is_empty() {
            "/jobs".into()
        } else {
            format!("/jobs?{}", args.join("&"))
        }
    }
}

const WAGE_PARAM: &str = "min_wage_yuan";
const RADIUS_PARAM: &str = "radius_km";

#[component]
pub fn Search() -> impl IntoView {
    let asked = persisted("gy.jobs.asked", Asked::default());
    asked.update(|a| a.take_address(&use_query_map().get_untracked()));
    let navigate = use_navigate();
    // The address follows the search, without a new history entry per chip.
    Effect::new(move |_| {
        let href = asked.with(Asked::address);
        navigate(
            &href,
            NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        );
    });
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
    // Runs `then` once the phone knows where the worker is (the place chosen on
    // the stations page, or the position, asked for the first time here).
    let with_place = move |then: Box<dyn FnOnce()>| {
        if place.get_untracked().is_some() {
            then();
            return;
        }
        leptos::task::spawn_local(async move {
            match locate().await {
                Ok(at) => {
                    place.set(Some(Place { at, area: None }));
                    then();
                }
                Err(_) => form.general.set(Some(t("定不了位:请允许使用位置,或在驿站页选择所在区县。", "No position: allow location, or choose your district on the stations page.")().into())),
            }
        });
    };
    let near = move |_| {
        if asked.get_untracked().near {
            toggle(|a| a.near = false);
        } else {
            with_place(Box::new(move || toggle(|a| a.near = true)));
        }
    };
    let choose_radius = move |km: u32| {
        let set = move || {
            asked.update(|a| a.radius_km = km);
            fetch(false);
        };
        if km == 0 {
            set();
        } else {
            with_place(Box::new(set));
        }
    };
    let choose_wage = move |yuan: u32| {
        asked.update(|a| a.min_wage_yuan = yuan);
        fetch(false);
    };
    let lang = use_lang();
    let chip =
        move |on: fn(&Asked) -> bool| move || if on(&asked.get()) { "true" } else { "false" };

    view! {
        <main class="page">
            <h1 class="page-title">{t("找活干", "Find work")}</h1>
            <nav class="quick-links" aria-label=t("找活", "Jobs")>
                <super::matches::MatchesLink/>
                <A href="/jobs/card" attr:class="btn btn--secondary">{t("我的求职卡", "My job card")}</A>
                <A href="/jobs/applications" attr:class="btn btn--secondary">{t("我的申请", "My applications")}</A>
                <A href="/jobs/fairs" attr:class="btn btn--secondary">{t("招聘会", "Job fairs")}</A>
                <A href="/employer" attr:class="btn btn--secondary">{t("我要招人", "I am hiring")}</A>
            </nav>
            <form class="card search-form" role="search" on:submit=submit novalidate>
                <FormError form=form/>
                <TextField label=t("想找什么活?", "What work are you looking for?") name="q" value=q form=form kind="search" voice=true hint=t("例如:木工、电焊、保洁、日结", "For example: 木工, 电焊, 保洁, 日结")/>
                <SelectField label=t("工种", "Trade") name="trade" value=trade form=form choices=trade_choices() placeholder=t("不限工种", "Any trade")/>
                <div class="chips" role="group" aria-label=t("筛选", "Filters")>
                    <button type="button" class="chip" aria-pressed=chip(|a| a.near) on:click=near>{t("📍 离我近", "📍 Near me")}</button>
                    <button type="button" class="chip" aria-pressed=chip(|a| a.daily) on:click=move |_| toggle(|a| a.daily = !a.daily)>{t("日结", "Paid daily")}</button>
                    <button type="button" class="chip" aria-pressed=chip(|a| a.today) on:click=move |_| toggle(|a| a.today = !a.today)>{t("今天就能干", "Start today")}</button>
                    <button type="button" class="chip" aria-pressed=chip(|a| a.highest_wage) on:click=move |_| toggle(|a| a.highest_wage = !a.highest_wage)>{t("工资高的在前", "Best paid first")}</button>
                </div>
                <p id="wage-title" class="chips-title">{t("日薪最低", "Lowest daily wage")}</p>
                <div class="chips" role="group" aria-labelledby="wage-title">
                    {WAGE_FLOOR_CHOICES_YUAN.into_iter().map(|y| view! {
                        <button type="button" class="chip" aria-pressed=move || (asked.with(|a| a.min_wage_yuan) == y).to_string() on:click=move |_| choose_wage(y)>
                            {move || wage_label(y, lang.get())}
                        </button>
                    }).collect_view()}
                </div>
                <p id="radius-title" class="chips-title">{t("离我多远", "How far from me")}</p>
                <div class="chips" role="group" aria-labelledby="radius-title">
                    {RADIUS_CHOICES_KM.into_iter().map(|km| view! {
                        <button type="button" class="chip" aria-pressed=move || (asked.with(|a| a.radius_km) == km).to_string() on:click=move |_| choose_radius(km)>
                            {move || radius_label(km, lang.get())}
                        </button>
                    }).collect_view()}
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

/// 不限 / 200元+ …: money on screen in yuan (the API takes fen).
fn wage_label(yuan: u32, lang: Lang) -> String {
    match (yuan, lang) {
        (0, Lang::En) => "Any wage".into(),
        (0, _) => "不限".into(),
        (y, Lang::En) => format!("¥{y}+ a day"),
        (y, _) => format!("{y}元+"),
    }
}

fn radius_label(km: u32, lang: Lang) -> String {
    match (km, lang) {
        (0, Lang::En) => "Any distance".into(),
        (0, _) => "不限".into(),
        (k, Lang::En) => format!("Within {k} km"),
        (k, _) => format!("{k}公里内"),
    }
}
