//! The line under the station list that links the open data: every station in
//! HSDS 3.0 JSON and in a CSV that Excel opens, free to re-use under CC BY 4.0.

use crate::i18n::t;
use leptos::prelude::*;
use shared::api_url;
use shared::stations::StationsRoute;

#[component]
pub fn OpenDataLinks() -> impl IntoView {
    let json = String::from(api_url!(StationsRoute::OpenDataJson));
    let csv = String::from(api_url!(StationsRoute::OpenDataCsv));
    view! {
        <p class="open-data muted">
            {t("开放数据:全部驿站可下载、自由使用(CC BY 4.0,请注明来源“工友驿站”)。", "Open data: every station, free to download and re-use (CC BY 4.0, credit “工友驿站 Gongyou”). ")}
            <a href=json download="stations.json">{t("JSON 格式(HSDS 3.0)", "JSON (HSDS 3.0)")}</a>
            " · "
            <a href=csv download="stations.csv">{t("表格 CSV", "CSV spreadsheet")}</a>
        </p>
    }
}
