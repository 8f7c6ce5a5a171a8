//! The member card (会员证): name, union, number and a QR code that union
//! staff scan to check it. Kept on the phone so it shows without a signal.

use crate::api::{self, ApiFailure};
use crate::components::time::when;
use crate::i18n::{t, use_lang};
use crate::storage;
use leptos::prelude::*;
use shared::api_url;
use shared::membership::{MemberCard, MemberCardReply, MembershipRoute};

const CARD: &str = "gy.card";
const QR: &str = "gy.card.qr";

#[derive(Clone)]
enum Loaded {
    Loading,
    /// The card and its QR code (an SVG document from our own API).
    Card(MemberCard, String),
    NotMember,
    Failed(ApiFailure),
}

async fn fetch() -> Result<(MemberCard, String), ApiFailure> {
    let card = api::get::<MemberCardReply>(&api_url!(MembershipRoute::Card))
        .await?
        .card;
    let qr = api::get_text(&api_url!(MembershipRoute::CardQr)).await?;
    storage::set_json(CARD, &card);
    storage::set(QR, &qr);
    Ok((card, qr))
}

/// Forgets the card kept on the phone (it ended, or the account signed out).
pub fn forget() {
    storage::remove(CARD);
    storage::remove(QR);
}

#[component]
pub fn CardView() -> impl IntoView {
    let lang = use_lang();
    let loaded = RwSignal::new(
        match (storage::get_json::<MemberCard>(CARD), storage::get(QR)) {
            (Some(c), Some(q)) => Loaded::Card(c, q),
            _ => Loaded::Loading,
        },
    );
    leptos::task::spawn_local(async move {
        match fetch().await {
            Ok((c, q)) => loaded.set(Loaded::Card(c, q)),
            Err(ApiFailure::Offline) if matches!(loaded.get_untracked(), Loaded::Card(..)) => {}
            Err(e) if e.status() == Some(404) => {
                forget();
                loaded.set(Loaded::NotMember);
            }
            Err(e) => loaded.set(Loaded::Failed(e)),
        }
    });
    move || {
        match loaded.get() {
        Loaded::Loading => view! { <crate::components::status::Loading/> }.into_any(),
        Loaded::NotMember => ().into_any(),
        Loaded::Failed(e) => view! { <crate::components::status::ErrorView failure=e/> }.into_any(),
        Loaded::Card(card, qr) => view! {
            <section class="member-card" aria-labelledby="card-title">
                <p class="member-card-union">{card.union_name.clone()}</p>
                <h2 id="card-title" class="member-card-title">{t("工会会员证", "Union member card")}</h2>
                <dl class="member-card-facts">
                    <dt>{t("姓名", "Name")}</dt><dd>{card.name.clone()}</dd>
                    <dt>{t("会员编号", "Member number")}</dt><dd class="member-no">{card.member_no.clone()}</dd>
                    <dt>{t("入会日期", "Joined")}</dt><dd>{card.joined_on.to_string()}</dd>
                </dl>
                <div class="member-card-qr" role="img" aria-label=t("会员证二维码", "Member card QR code") inner_html=qr></div>
                <p class="muted">
                    {t("请工会工作人员扫码核验。二维码有效到 ", "Union staff scan this to check it. The code is valid until ")}
                    {move || when(card.verify_expires_at, lang.get())}
                    {t(",联网打开会自动更新。", "; it renews whenever you open this page online.")}
                </p>
            </section>
        }.into_any(),
    }
    }
}
