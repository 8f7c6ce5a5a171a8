//! `/admin/membership/figures`: members joined per union per month, transfers
//! and closure moves in the chosen subtree — the table of the monthly report.

use crate::admin::pages::MonthlyReport;
use crate::i18n::{t, text};
use leptos::prelude::*;
use shared::api_url;
use shared::membership::{MembershipFigures, MembershipRoute, MonthlyFigure};

#[component]
pub fn Figures() -> impl IntoView {
    view! { <MonthlyReport title=t("会员统计", "Membership figures") path=api_url!(MembershipRoute::Figures) report=|figures| view! { <Report figures=figures/> }/> }
}

#[component]
fn Report(figures: MembershipFigures) -> impl IntoView {
    let totals = figures.totals.clone();
    let span = format!("{} — {}", figures.from, figures.to);
    view! {
        <section class="card" aria-labelledby="totals-title">
            <h2 id="totals-title">{t("合计 ", "Totals ")}{span.clone()}</h2>
            <dl class="facts">
                <dt>{t("新入会", "Joined")}</dt><dd>{totals.joined}" "{t("人", "")}</dd>
                <dt>{t("其中通过项目工会", "Of them through project unions")}</dt><dd>{totals.joined_via_project_unions}" "{t("人", "")}</dd>
                <dt>{t("转会", "Transfers")}</dt><dd>{totals.transferred}" "{t("人", "")}</dd>
                <dt>{t("项目工会关闭后兜底转入", "Moved in when a project union closed")}</dt><dd>{totals.moved_by_closure}" "{t("人", "")}</dd>
                <dt>{t("退会", "Left")}</dt><dd>{totals.left}" "{t("人", "")}</dd>
            </dl>
        </section>
        {if figures.rows.is_empty() {
            view! { <p class="card">{t("这段时间没有会员变化。", "No changes in this period.")}</p> }.into_any()
        } else {
            view! { <Table rows=figures.rows/> }.into_any()
        }}
    }
}

#[component]
fn Table(rows: Vec<MonthlyFigure>) -> impl IntoView {
    view! {
        <div class="table-scroll card" role="region" aria-labelledby="figures-caption" tabindex="0">
            <table class="figures">
                <caption id="figures-caption">{t("每月各工会会员变化(人)", "Changes per union per month (people)")}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t("月份", "Month")}</th>
                        <th scope="col">{t("工会", "Union")}</th>
                        <th scope="col">{t("新入会", "Joined")}</th>
                        <th scope="col">{t("转入", "Transferred in")}</th>
                        <th scope="col">{t("转出", "Transferred out")}</th>
                        <th scope="col">{t("兜底转入", "Moved in (closure)")}</th>
                        <th scope="col">{t("关闭转出", "Moved out (closure)")}</th>
                        <th scope="col">{t("退会", "Left")}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|r| view! {
                        <tr>
                            <td>{r.month.clone()}</td>
                            <th scope="row">{r.union_name.clone()}<span class="muted">" · "{text(r.union_kind.label())}</span></th>
                            <td>{r.joined}</td>
                            <td>{r.transferred_in}</td>
                            <td>{r.transferred_out}</td>
                            <td>{r.moved_in_by_closure}</td>
                            <td>{r.moved_out_by_closure}</td>
                            <td>{r.left}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
