//! The hotlines of the domain, one tap to call: union rights (12351), legal aid
//! (12348), HR and social security (12333).

use crate::i18n::t;
use leptos::prelude::*;

const HOTLINES: [(&str, &str, &str); 3] = [
    ("12351", "工会职工维权热线", "Union workers' rights hotline"),
    ("12348", "法律援助热线", "Legal aid hotline"),
    (
        "12333",
        "人社服务热线(工资、社保)",
        "HR and social security hotline (wages, insurance)",
    ),
];

#[component]
pub fn Hotlines() -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="hotlines-title">
            <h2 id="hotlines-title">{t("遇到困难,打这些电话", "Need help? Call")}</h2>
            <ul class="hotlines">
                {HOTLINES.into_iter().map(|(number, zh, en)| view! {
                    <li>
                        <a class="hotline" href=format!("tel:{number}")>
                            <span class="hotline-number">{number}</span>
                            <span class="hotline-label">{t(zh, en)}</span>
                        </a>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}
