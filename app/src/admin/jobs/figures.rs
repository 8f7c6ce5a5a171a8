//! `/admin/jobs/figures`: the jobs figures of the chosen subtree month by
//! month — jobs posted, places offered, applications, matches (撮合: hires)
//! and employers verified — with totals, for the monthly report.

use crate::admin::scope::use_scope;
use crate::api::{self, ApiFailure};
use crate::components::form::{FormError, FormState, TextField};
use crate::components::status::{ErrorView, Loading};
use crate::components::time::today;
use crate::i18n::t;
use leptos::prelude::*;
use shared::jobs::JobsFigures;
use shared::membership::FiguresQuery;

#[component]
pub fn Figures() -> impl IntoView {
    let scope = use_scope();
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let form = FormState::new();
    // The range asked for; empty means the last 12 months.
    let asked = RwSignal::new((String::new(), String::new()));
    let figures = LocalResource::new(move || {
        let q = scope.query();
        let (f, to) = asked.get();
        async move {
            let mut url = format!("/api/admin/job-figures?{q}");
            for (k, v) in [("from", f), ("to", to)] {
                if !v.is_empty() {
                    url.push_str(&format!("&{k}={v}"));
                }
            }
            api::get::<JobsFigures>(&url).await
        }
    });
    let show = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.clear();
        let opt = |s: RwSignal<String>| Some(s.get_untracked().trim().to_string()).filter(|s| !s.is_empty());
        let q = FiguresQuery { union_id: None, from: opt(from), to: opt(to) };
        if form.check(q.range(today()).map(|_| ())) {
            asked.set((q.from.unwrap_or_default(), q.to.unwrap_or_default()));
        }
    };
    view! {
        <main class="page">
            <h1 class="page-title">{t("招工统计", "Jobs figures")}</h1>
            <form class="card figures-range" on:submit=show novalidate>
                <FormError form=form/>
                <TextField label=t("从哪个月", "From month") name="from" value=from form=form kind="month" hint=t("例如 2025-01;不填就是最近12个月", "e.g. 2025-01; empty = the last 12 months")/>
                <TextField label=t("到哪个月", "To month") name="to" value=to form=form kind="month" hint=t("不填就是本月", "empty = this month")/>
                <button type="submit" class="btn btn--primary">{t("查看", "Show")}</button>
            </form>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || figures.get().map(|r: Result<JobsFigures, ApiFailure>| match r {
                    Ok(f) => view! { <Table figures=f/> }.into_any(),
                    Err(e) => view! { <ErrorView failure=e/> }.into_any(),
                })}
            </Suspense>
        </main>
    }
}

#[component]
fn Table(figures: JobsFigures) -> impl IntoView {
    let totals = figures.totals.clone();
    view! {
        <section class="card" aria-labelledby="now-title">
            <h2 id="now-title">{t("现在", "Now")}</h2>
            <dl class="facts">
                <dt>{t("招工中的岗位", "Jobs hiring")}</dt><dd>{totals.live_jobs}</dd>
                <dt>{t("工会已核实的企业", "Verified employers")}</dt><dd>{totals.verified_employers}</dd>
            </dl>
        </section>
        <div class="table-scroll card" role="region" aria-labelledby="job-figures-caption" tabindex="0">
            <table class="figures">
                <caption id="job-figures-caption">{t("每月招工情况 ", "Jobs per month ")}{format!("{} — {}", figures.from, figures.to)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t("月份", "Month")}</th>
                        <th scope="col">{t("发布岗位", "Jobs posted")}</th>
                        <th scope="col">{t("招工人数", "Places offered")}</th>
                        <th scope="col">{t("申请", "Applications")}</th>
                        <th scope="col">{t("撮合(录用)", "Matches (hires)")}</th>
                        <th scope="col">{t("核实企业", "Employers verified")}</th>
                    </tr>
                </thead>
                <tbody>
                    {figures.months.into_iter().map(|m| view! {
                        <tr>
                            <th scope="row">{m.month.clone()}</th>
                            <td>{m.jobs_posted}</td>
                            <td>{m.places_offered}</td>
                            <td>{m.applications}</td>
                            <td>{m.matches}</td>
                            <td>{m.employers_verified}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
                <tfoot>
                    <tr>
                        <th scope="row">{t("合计", "Total")}</th>
                        <td>{totals.jobs_posted}</td>
                        <td>{totals.places_offered}</td>
                        <td>{totals.applications}</td>
                        <td data-total="matches">{totals.matches}</td>
                        <td>{totals.employers_verified}</td>
                    </tr>
                </tfoot>
            </table>
        </div>
    }
}
