//! `/admin/unions/:id/poster`: a union's printable join poster. Its QR code
//! opens /join/{join_code}, where a worker signs in and fills in the form.

use crate::api::{self, ApiFailure};
use crate::components::status::{ErrorView, Loading};
use crate::components::time::today;
use crate::i18n::{t, text};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use shared::api_url;
use shared::membership::MembershipRoute;
use shared::unions::{UnionEnvelope, UnionsRoute};

#[component]
pub fn JoinPoster() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let union = LocalResource::new(move || {
        let id = id();
        async move { api::get::<UnionEnvelope>(&api_url!(UnionsRoute::Get, UNION_ID = id)).await }
    });
    view! {
        <main class="page poster">
            <Suspense fallback=|| view! { <Loading/> }>
                {move || union.get().map(|r: Result<UnionEnvelope, ApiFailure>| match r {
                    Ok(env) => {
                        let u = env.union.summary;
                        match u.accepts_members(today()) {
                            Err(why) => view! {
                                <h1 class="page-title">{u.name.clone()}</h1>
                                <p class="form-error" role="status">{text(why)}{t(" 这个工会的入会海报不能再用了。", " Its join poster is no longer in use.")}</p>
                                <A href="/admin/unions" attr:class="btn btn--secondary">{t("回到工会列表", "Back to the unions")}</A>
                            }.into_any(),
                            Ok(()) => {
                                let origin = window().location().origin().unwrap_or_default();
                                view! {
                                    <div class="poster-sheet">
                                        <p class="poster-union">{t("工会大门常打开", "The union's door is open")}</p>
                                        <h1 class="poster-name">{u.name.clone()}</h1>
                                        <img class="poster-qr" src=String::from(api_url!(MembershipRoute::JoinPoster, UNION_ID = u.id)) alt=t("入会二维码", "Join QR code") width="320" height="320"/>
                                        <p class="poster-call">{t("工友们,扫码加入工会", "Workers: scan to join the union")}</p>
                                        <p>{t("手机号登录,填一张登记表,工会审核后发电子会员证。", "Sign in with your mobile, fill in one form; after review you get a digital member card.")}</p>
                                        <p class="poster-help">
                                            {t("用手机相机或微信扫一扫", "Use your phone camera or WeChat to scan")}" · "
                                            {t("扫不了可以打开 ", "Or open ")}<span class="poster-url">{format!("{origin}/join/{}", u.join_code)}</span>
                                            " · "{t("工会服务热线 12351", "Union hotline 12351")}
                                        </p>
                                    </div>
                                    <button type="button" class="btn btn--primary no-print" on:click=move |_| { let _ = window().print(); }>{t("打印海报", "Print poster")}</button>
                                }.into_any()
                            }
                        }
                    }
                    Err(e) => view! { <ErrorView failure=e/> }.into_any(),
                })}
            </Suspense>
        </main>
    }
}
