//! `/join`: no QR code at hand. The worker names their site, or picks an area,
//! and gets the unions to join, best first, each with its reason.

use crate::api::{self, ApiFailure};
use crate::components::choice::{trade_choices, Choice, SelectField};
use crate::components::form::{FormError, FormState, TextField};
use crate::components::status::{ErrorView, Loading};
use crate::i18n::t;
use leptos::prelude::*;
use leptos_router::components::A;
use shared::api_url;
use shared::membership::suggest::SITE_MAX;
use shared::membership::{JoinAreas, MembershipRoute, SuggestQuery, UnionSuggestions};

#[component]
pub fn Find() -> impl IntoView {
    let site = RwSignal::new(String::new());
    let area = RwSignal::new(String::new());
    let trade = RwSignal::new(String::new());
    let form = FormState::new();
    let found = RwSignal::new(None::<Result<UnionSuggestions, ApiFailure>>);
    let areas = LocalResource::new(|| api::get::<JoinAreas>(&api_url!(MembershipRoute::Areas)));
    let search = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.clear();
        let q = SuggestQuery {
            site: Some(site.get_untracked()).filter(|s| !s.trim().is_empty()),
            region_code: Some(area.get_untracked()).filter(|s| !s.is_empty()),
            trade: crate::components::choice::from_code(&trade.get_untracked()),
        };
        if !form.check(q.validate().map(|_| ())) {
            return;
        }
        let url = api_url!(MembershipRoute::Suggestions)
            .arg_opt("site", q.site.as_deref().map(str::trim))
            .arg_opt("region_code", q.region_code)
            .arg_opt("trade", q.trade.map(|t| t.code()));
        form.busy.set(true);
        leptos::task::spawn_local(async move {
            let r = api::get::<UnionSuggestions>(&url).await;
            if let Err(e) = &r {
                form.failed(e);
            }
            found.set(Some(r));
            form.busy.set(false);
        });
    };
    view! {
        <main class="page">
            <h1 class="page-title">{t("找一个工会加入", "Find a union to join")}</h1>
            <form class="card" on:submit=search novalidate>
                <p>{t("说出您干活的工地或项目,或者选您所在的地区。", "Name the site or project you work on, or choose your area.")}</p>
                <FormError form=form/>
                <TextField label=t("工地或项目名称", "Site or project name") name="site" value=site form=form maxlength=SITE_MAX as u32
                    hint=t("例如:站塘路安置房", "For example: 站塘路安置房")/>
                <Suspense fallback=|| view! { <Loading/> }>
                    {move || areas.get().map(|r| match r {
                        Ok(list) => {
                            let choices = list.areas.into_iter().map(|a| Choice::new(a.region_code, shared::Text::owned(a.name.clone(), a.name))).collect();
                            view! { <SelectField label=t("所在地区", "Your area") name="region_code" value=area form=form choices=choices placeholder=t("请选择地区", "Choose an area")/> }.into_any()
                        }
                        Err(e) => view! { <ErrorView failure=e retry=Callback::new(move |_| areas.refetch())/> }.into_any(),
                    })}
                </Suspense>
                <SelectField label=t("工种(可以不选)", "Trade (optional)") name="trade" value=trade form=form choices=trade_choices() placeholder=t("不限", "Any")/>
                <button type="submit" class="btn btn--primary btn--block" disabled=move || form.busy.get()>{t("找工会", "Find unions")}</button>
            </form>
            {move || found.get().and_then(Result::ok).map(|s| if s.suggestions.is_empty() {
                view! { <p class="card">{t("没有找到合适的工会。可以打工会服务热线 12351 问一问。", "No union found. You can ask the union hotline, 12351.")}</p> }.into_any()
            } else {
                view! {
                    <ul class="rows" aria-label=t("可以加入的工会", "Unions you can join")>
                        {s.suggestions.into_iter().map(|x| view! {
                            <li class="card">
                                <h2>{x.union.name.clone()}</h2>
                                <p class="muted">{x.reason}</p>
                                {x.union.address.clone().map(|a| view! { <p>"📍 "{a}</p> })}
                                <A href=format!("/join/{}", x.union.join_code) attr:class="btn btn--primary btn--block">{t("加入这个工会", "Join this union")}</A>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            })}
        </main>
    }
}
