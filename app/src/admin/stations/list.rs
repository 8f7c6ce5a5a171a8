//! Stations of the chosen subtree.

use crate::admin::pages::{pages, PagedList};
use crate::admin::scope::use_scope;
use crate::i18n::{t, use_lang};
use leptos::prelude::*;
use leptos_router::components::A;
use shared::api_url;
use shared::stations::{StationRow, StationRows, StationStatus, StationsRoute};

#[component]
pub fn Stations() -> impl IntoView {
    let scope = use_scope();
    let search = RwSignal::new(String::new());
    let pages = pages(
        move || {
            scope
                .scoped(api_url!(StationsRoute::AdminList))
                .arg("limit", 200)
                .arg_text("q", &search.get())
        },
        |l: StationRows| (l.stations, l.meta),
    );
    let rows = pages.rows;
    let export = move || String::from(scope.scoped(api_url!(StationsRoute::Export)));
    view! {
        <main class="page">
            <h1 class="page-title">{t("驿站管理", "Stations")}</h1>
            <div class="actions toolbar">
                <A href="/admin/stations/new" attr:class="btn btn--primary">{t("新建驿站", "New station")}</A>
                <A href="/admin/stations/recheck" attr:class="btn btn--secondary">{t("待核实", "To re-check")}</A>
                <A href="/admin/stations/import" attr:class="btn btn--secondary">{t("批量导入", "Import")}</A>
                <a href=export class="btn btn--secondary" download="stations.csv">{t("导出表格", "Export CSV")}</a>
            </div>
            <div class="field">
                <label for="station-search">{t("按名称查找", "Find by name")}</label>
                <input id="station-search" type="search" prop:value=move || search.get() on:input=move |ev| search.set(event_target_value(&ev))/>
            </div>
            <PagedList pages=pages empty=t("这里还没有驿站。", "No stations here yet.")>
                {move || view! { <StationTable rows=rows.get()/> }}
            </PagedList>
        </main>
    }
}

/// A list of station rows, shared by the list and the re-check queue.
#[component]
pub fn StationTable(
    rows: Vec<StationRow>,
    #[prop(optional)] verify: Option<Callback<i64>>,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <ul class="rows card">
            {rows.into_iter().map(|r| {
                let id = r.id;
                let status = r.status;
                view! {
                    <li class="row row--wrap">
                        <div>
                            <A href=format!("/admin/stations/{id}")>{r.name.clone()}</A>
                            {(status != StationStatus::Active).then(|| view! { " " <span class="tag tag--off">{move || status.label().get(lang.get()).to_string()}</span> })}
                            <div class="muted">
                                {r.union_name.clone()}" · "{r.district.clone()}" · "
                                {t("核实于 ", "verified ")}{r.last_verified_at.clone().map(|v| v.chars().take(10).collect::<String>()).unwrap_or_else(|| "—".into())}
                                " · "{t("近7天到站 ", "7-day visits ")}{r.visits_7d}
                            </div>
                        </div>
                        {(r.open_reports > 0).then(|| view! { <span class="tag tag--warn">{r.open_reports}" "{t("条问题", "open reports")}</span> })}
                        {verify.map(|v| view! {
                            <button type="button" class="btn btn--small" on:click=move |_| v.run(id)>{t("今日已核实", "Verified today")}</button>
                        })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}
