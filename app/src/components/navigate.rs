//! "Navigate" buttons for a place: 高德 and 百度 in their own coordinate
//! systems, and the phone's map app (`geo:`, WGS-84).

use crate::i18n::t;
use leptos::prelude::*;
use shared::geo::LatLng;
use shared::stations::nav_links;

#[component]
pub fn NavButtons(at: LatLng, name: String) -> impl IntoView {
    let links = nav_links(at, &name);
    view! {
        <div class="nav-links">
            <a class="btn btn--primary" href=links.amap target="_blank" rel="noopener">{t("高德导航", "Navigate: Amap")}</a>
            <a class="btn btn--secondary" href=links.baidu target="_blank" rel="noopener">{t("百度导航", "Navigate: Baidu")}</a>
            <a class="btn btn--secondary" href=links.geo>{t("手机地图", "Phone's map")}</a>
        </div>
    }
}
