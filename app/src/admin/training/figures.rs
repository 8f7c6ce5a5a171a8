//! `/admin/training/figures`: the training figures of the chosen subtree
//! month by month — enrolled, attended (人次), completed, certified, and of
//! the certified those hired within 90 days — with totals and a CSV export.

use crate::admin::pages::MonthlyReport;
use crate::admin::scope::use_scope;
use crate::i18n::t;
use leptos::prelude::*;
use shared::api_url;
use shared::training::{TrainingFigures, TrainingRoute};

#[component]
pub fn Figures() -> impl IntoView {
    view! { <MonthlyReport title=t("培训统计", "Training figures") path=api_url!(TrainingRoute::Figures) report=|figures| view! { <Table figures=figures/> }/> }
}

#[component]
fn Table(figures: TrainingFigures) -> impl IntoView {
    let scope = use_scope();
    let totals = figures.totals.clone();
    let export = String::from(
        scope
            .scoped(api_url!(TrainingRoute::FiguresCsv))
            .arg("from", &figures.from)
            .arg("to", &figures.to),
    );
    view! {
        <section class="card" aria-labelledby="training-totals">
            <h2 id="training-totals">{t("合计 ", "Totals ")}{format!("{} — {}", figures.from, figures.to)}</h2>
            <dl class="facts">
                <dt>{t("开班", "Courses starting")}</dt><dd>{totals.courses}</dd>
                <dt>{t("获证人数", "People certified")}</dt><dd data-total="people_certified">{totals.people_certified}" "{t("人", "")}</dd>
            </dl>
            <a href=export class="btn btn--secondary" download="training-figures.csv">{t("导出表格", "Export CSV")}</a>
        </section>
        <div class="table-scroll card" role="region" aria-labelledby="training-figures-caption" tabindex="0">
            <table class="figures">
                <caption id="training-figures-caption">{t("每月培训情况 ", "Training per month ")}{figures.scope.clone()}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t("月份", "Month")}</th>
                        <th scope="col">{t("报名(人次)", "Enrolled")}</th>
                        <th scope="col">{t("出勤(人次)", "Attended")}</th>
                        <th scope="col">{t("结业", "Completed")}</th>
                        <th scope="col">{t("发证", "Certified")}</th>
                        <th scope="col">{t("发证后90天内就业", "Hired within 90 days")}</th>
                    </tr>
                </thead>
                <tbody>
                    {figures.months.into_iter().map(|m| view! {
                        <tr>
                            <th scope="row">{m.month.clone()}</th>
                            <td>{m.enrolled}</td>
                            <td>{m.attended}</td>
                            <td>{m.completed}</td>
                            <td>{m.certified}</td>
                            <td>{m.hired_within_90_days}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
                <tfoot>
                    <tr>
                        <th scope="row">{t("合计", "Total")}</th>
                        <td>{totals.enrolled}</td>
                        <td>{totals.attended}</td>
                        <td>{totals.completed}</td>
                        <td data-total="certified">{totals.certified}</td>
                        <td>{totals.hired_within_90_days}</td>
                    </tr>
                </tfoot>
            </table>
        </div>
    }
}
