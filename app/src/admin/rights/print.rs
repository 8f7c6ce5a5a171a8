//! `/admin/rights/cases/{id}/print`: the 投诉书 on A4 — the parties, each
//! worker's claim, the facts, and a numbered evidence index giving each
//! item's source and what it proves (证据规定 Art. 19).

use crate::api;
use crate::components::status::{ErrorView, Loading};
use crate::i18n::t;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use shared::api_url;
use shared::money::yuan;
use shared::rights::cases::*;

#[component]
pub fn PrintComplaint() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0));
    let case = LocalResource::new(move || {
        let id = id();
        async move { api::get::<CaseEnvelope>(&api_url!(CasesRoute::AdminCase, CASE_ID = id)).await }
    });
    view! {
        <Suspense fallback=|| view! { <Loading/> }>
            {move || case.get().map(|r| match r {
                Ok(e) => view! { <Document case=e.case/> }.into_any(),
                Err(e) => view! { <ErrorView failure=e/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn Document(case: CaseView) -> impl IntoView {
    let total: i64 = case.claimants.iter().map(|k| k.amount_claimed_fen).sum();
    let mut n = 0;
    let evidence: Vec<(u32, String, String, String)> = case
        .claimants
        .iter()
        .flat_map(|k| k.evidence.iter().map(move |e| (k.name.clone(), e.clone())))
        .map(|(name, e)| {
            n += 1;
            let kind = if e.content_type == "application/pdf" {
                "PDF文件"
            } else {
                "照片"
            };
            (
                n,
                format!(
                    "{kind}({})",
                    e.created_at.chars().take(10).collect::<String>()
                ),
                format!("{name}提供,工友驿站存证"),
                "工作天数、用工关系及欠薪事实".to_string(),
            )
        })
        .collect();
    view! {
        <article class="a4 complaint" lang="zh-CN">
            <h1>"欠薪投诉书"</h1>
            <h2>"投诉人"</h2>
            <table class="table">
                <thead><tr><th>"序号"</th><th>"姓名"</th><th>"联系电话"</th><th>"工作天数"</th><th>"请求支付工资"</th></tr></thead>
                <tbody>
                    {case.claimants.iter().enumerate().map(|(i, k)| view! {
                        <tr><td>{i + 1}</td><td>{k.name.clone()}{k.representative.then_some("(代表)")}</td><td>{k.phone.clone()}</td><td>{k.days}</td><td>{yuan(k.amount_claimed_fen)}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
            <p>"合计:"{case.claimants.len()}"人,"{yuan(total)}</p>
            <h2>"被投诉人"</h2>
            <p>{case.employer.name.clone()}{case.employer.phone.clone().map(|p| format!(",电话{p}"))}</p>
            {case.main_contractor.clone().map(|m| view! { <p>"总承包单位:"{m}</p> })}
            <h2>"事实与理由"</h2>
            <p>{format!("投诉人于{}至{}在{}({})务工,", case.period_from, case.period_to, case.site_name, case.site_address)}"被投诉人至今未支付上述工资。"{case.facts.clone()}</p>
            <p>"依据《保障农民工工资支付条例》,请求责令被投诉人支付拖欠的工资。"</p>
            <h2>"证据目录"</h2>
            <table class="table">
                <thead><tr><th>"编号"</th><th>"证据"</th><th>"来源"</th><th>"证明内容"</th></tr></thead>
                <tbody>
                    {evidence.into_iter().map(|(n, what, from, proves)| view! { <tr><td>{n}</td><td>{what}</td><td>{from}</td><td>{proves}</td></tr> }).collect_view()}
                </tbody>
            </table>
            <p class="signature">"受理工会:"{case.union.name.clone()}"    投诉日期:"{case.created_at.chars().take(10).collect::<String>()}</p>
            <button class="btn btn--primary no-print" onclick="window.print()">{t("打印", "Print")}</button>
        </article>
    }
}
