//! The worker's home screen.

use crate::i18n::t;
use leptos::prelude::*;

/// Hotlines from the domain: union rights (12351), legal aid (12348), HR and social security (12333).
const HOTLINES: [(&str, &str, &str); 3] = [
    ("12351", "工会职工维权热线", "Union workers' rights hotline"),
    ("12348", "法律援助热线", "Legal aid hotline"),
    ("12333", "人社服务热线(工资、社保)", "HR and social security hotline (wages, insurance)"),
];

#[component]
pub fn Home() -> impl IntoView {
    view! {
        <main class="page">
            <h1 class="page-title">{t("工友驿站", "Gongyou")}</h1>
            <p class="lead">{t("工会为您服务:歇脚、找活、入会、帮扶、维权。", "Your union, at your service: rest, work, membership, aid and your rights.")}</p>
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
        </main>
    }
}
