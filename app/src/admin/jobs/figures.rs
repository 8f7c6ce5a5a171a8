//! `/admin/jobs/figures`: the jobs figures of the chosen subtree month by
//! month — jobs posted, places offered, applications, matches (撮合: hires)
//! and employers verified — with totals, for the monthly report.

use crate::admin::pages::MonthlyReport;
use crate::i18n::t;
use leptos::prelude::*;
use shared::api_url;
use shared::jobs::{JobsFigures, JobsRoute};

#[component]
pub fn Figures() -> impl IntoView {
    view! { <MonthlyReport title=t("招工统计", "Jobs figures") path=api_url!(JobsRoute::Figures) report=|figures| view! { <Table figures=figures/> }/> }
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
