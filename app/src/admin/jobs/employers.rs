//! `/admin/employers`: the employers of the chosen subtree — the verification
//! queue first (待工会核实), or those verified or suspended — each with its
//! credit code, contact and area, and the staff's actions on it.

use super::employer_card::EmployerCard;
use super::filter::{with_all, StatusChips};
use crate::admin::pages::{pages, PagedList};
use crate::admin::scope::use_scope;
use crate::i18n::t;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use shared::api_url;
use shared::jobs::{Employer, EmployerList, EmployerStatus, JobsRoute};
use shared::membership::JoinArea;

const PAGE: u32 = 50;

#[component]
pub fn Employers() -> impl IntoView {
    let scope = use_scope();
    // `?status=verified` after registering one; the queue otherwise.
    let asked = use_query_map()
        .with_untracked(|q| q.get("status"))
        .filter(|s| s.is_empty() || EmployerStatus::parse(s).is_some());
    let status = RwSignal::new(asked.unwrap_or_else(|| EmployerStatus::Pending.code().to_string()));
    let search = RwSignal::new(String::new());
    // Region codes in words ("合肥市 瑶海区"), from the same list workers choose from.
    let areas = LocalResource::new(crate::employer::fields::areas);
    let area_names = Signal::derive(move || {
        areas
            .get()
            .and_then(Result::ok)
            .map(|a| a.areas)
            .unwrap_or_default()
    });
    let pages = pages(
        move || {
            let (s, text) = (status.get(), search.get());
            scope
                .scoped(api_url!(JobsRoute::AdminEmployers))
                .arg("limit", PAGE)
                .arg_text("status", &s)
                .arg_text("q", &text)
        },
        |mut l: EmployerList| {
            // Waiting ones first when all are shown; newest first within each.
            l.employers
                .sort_by_key(|e| EmployerStatus::ALL.iter().position(|s| *s == e.status));
            (l.employers, l.meta)
        },
    );
    let rows = pages.rows;
    let changed = Callback::new(move |e: Employer| {
        rows.update(|r| {
            r.iter_mut()
                .filter(|x| x.id == e.id)
                .for_each(|x| *x = e.clone())
        })
    });
    view! {
        <main class="page">
            <h1 class="page-title">{t("用工企业", "Employers")}</h1>
            <p class="muted">{t("企业经工会核实后,岗位才对工友公开。请对照营业执照核对名称和统一社会信用代码。", "Workers see an employer's jobs only once the union has verified it. Check the name and credit code against the business licence.")}</p>
            <div class="actions toolbar">
                <A href="/admin/employers/new" attr:class="btn btn--secondary">{t("登记现场核实的企业", "Register an employer checked in person")}</A>
                <a href=move || String::from(scope.scoped(api_url!(JobsRoute::AdminEmployersExport)).arg_text("status", &status.get())) class="btn btn--secondary" download="employers.csv">{t("导出表格", "Export CSV")}</a>
            </div>
            <div class="field">
                <label for="employer-search">{t("按名称或统一社会信用代码查找", "Find by name or credit code")}</label>
                <input id="employer-search" type="search" prop:value=move || search.get() on:change=move |ev| search.set(event_target_value(&ev))/>
            </div>
            <StatusChips label=t("按状态查看", "By status") value=status choices=with_all(EmployerStatus::ALL, EmployerStatus::code, EmployerStatus::label)/>
            <PagedList pages=pages empty=t("没有这样的企业。", "No such employers.")>
                <ul class="rows" aria-label=t("企业", "Employers")>
                    <For each=move || rows.get() key=|e| (e.id, e.status, e.flags.len(), e.open_flags()) children=move |e| view! {
                        <li><EmployerCard employer=e areas=area_names on_changed=changed/></li>
                    }/>
                </ul>
            </PagedList>
        </main>
    }
}

/// "合肥市 瑶海区" for 340102, or the code itself when the list lacks it.
pub fn area_name(areas: &[JoinArea], code: &str) -> String {
    areas
        .iter()
        .find(|a| a.region_code == code)
        .map(|a| format!("{} ({code})", a.name))
        .unwrap_or_else(|| code.to_string())
}
