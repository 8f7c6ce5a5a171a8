//! `/admin/membership/figures`: members joined per union per month, transfers
//! and closure moves in the chosen subtree — the table of the monthly report.

use crate::admin::scope::use_scope;
use crate::api::{self, ApiFailure};
use crate::components::form::{FormError, FormState, TextField};
use crate::components::status::{ErrorView, Loading};
use crate::components::time::today;
use crate::i18n::{t, text};
use leptos::prelude::*;
use shared::membership::{FiguresQuery, MembershipFigures, MonthlyFigure};

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
            let mut url = format!("/api/admin/membership/figures?{q}");
            for (k, v) in [("from", f), ("to", to)] {
                if !v.is_empty() {
                    url.push_str(&format!("&{k}={v}"));
                }
            }
            api::get::<MembershipFigures>(&url).await
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
            <h1 class="page-title">{t("会员统计", "Membership figures")}</h1>
            <form class="card figures-range" on:submit=show novalidate>
                <FormError form=form/>
                <TextField label=t("从哪个月", "From month") name="from" value=from form=form kind="month" hint=t("例如 2025-01;不填就是最近12个月", "e.g. 2025-01; empty = the last 12 months")/>
                <TextField label=t("到哪个月", "To month") name="to" value=to form=form kind="month" hint=t("不填就是本月", "empty = this month")/>
                <button type="submit" class="btn btn--primary">{t("查看", "Show")}</button>
            </form>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || figures.get().map(|r: Result<MembershipFigures, ApiFailure>| match r {
                    Ok(f) => view! { <Report figures=f/> }.into_any(),
                    Err(e) => view! { <ErrorView failure=e/> }.into_any(),
                })}
            </Suspense>
        </main>
    }
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
