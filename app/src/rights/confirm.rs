//! `/rights/confirm?e=…&exp=…&sig=…`: where a co-worker's 对工 code leads.
//! Signed in, the co-worker sees the day, the site and the worker (masked),
//! and confirms with one tap; a second scan says it is already confirmed.

use crate::api::{self, ApiFailure};
use crate::auth::RequireWorker;
use crate::components::status::{ErrorView, Loading};
use crate::i18n::t;
use crate::outbox::new_key;
use leptos::prelude::*;
use leptos_router::hooks::use_location;
use shared::api_url;
use shared::query::Query;
use shared::rights::{ConfirmCode, ConfirmPreview, ConfirmReply, LockerRoute};
use shared::routes::Method;

#[component]
pub fn ConfirmDay() -> impl IntoView {
    view! {
        <main class="page">
            <h1 class="page-title">{t("工友对工", "Confirm a co-worker's day")}</h1>
            <RequireWorker>
                <Scan/>
            </RequireWorker>
        </main>
    }
}

#[component]
fn Scan() -> impl IntoView {
    let q = Query::parse(&use_location().search.get_untracked());
    let Some(code) = ConfirmCode::from_query(&q) else {
        return view! { <p class="card verdict verdict--bad" role="alert">{t("这不是有效的对工码", "This is not a valid confirmation code")}</p> }.into_any();
    };
    let input = code.input();
    let url = api_url!(LockerRoute::ConfirmPreview)
        .arg("e", input.entry_id)
        .arg("exp", input.exp)
        .arg("sig", &input.sig);
    let preview = LocalResource::new(move || {
        let url = url.clone();
        async move { api::get::<ConfirmPreview>(&url).await }
    });
    let done = RwSignal::new(None::<Result<ConfirmReply, ApiFailure>>);
    let busy = RwSignal::new(false);
    let input = StoredValue::new(input);
    let key = StoredValue::new(new_key());
    let confirm = move |_| {
        let input = input.get_value();
        let key = key.get_value();
        busy.set(true);
        leptos::task::spawn_local(async move {
            let r = api::send::<_, ConfirmReply>(
                Method::Post,
                &api_url!(LockerRoute::Confirm),
                &input,
                Some(&key),
            )
            .await;
            done.set(Some(r));
            busy.set(false);
        });
    };
    view! {
        <Suspense fallback=|| view! { <Loading/> }>
            {move || preview.get().map(|r| match r {
                Ok(p) => view! {
                    <section class="card" aria-labelledby="confirm-day">
                        <h2 id="confirm-day">{p.date.to_string()}" · "{p.project.clone()}</h2>
                        <dl class="facts">
                            <dt>{t("工地", "Site")}</dt><dd>{p.address.clone()}</dd>
                            <dt>{t("工友", "Co-worker")}</dt><dd>{p.worker.clone()}</dd>
                        </dl>
                    </section>
                    {move || match done.get() {
                        Some(Ok(_)) => view! { <p class="card verdict verdict--ok" role="status"><span class="verdict-mark" aria-hidden="true">"✓"</span><span class="verdict-text">{t("已确认,谢谢!", "Confirmed. Thank you!")}</span></p> }.into_any(),
                        Some(Err(e)) => view! { <ErrorView failure=e/> }.into_any(),
                        None if p.already => view! { <p class="card verdict verdict--ok" role="status"><span class="verdict-mark" aria-hidden="true">"✓"</span><span class="verdict-text">{t("您已经确认过这一天了。", "You already confirmed this day.")}</span></p> }.into_any(),
                        None => view! {
                            <button type="button" class="btn btn--primary btn--block btn--big" disabled=move || busy.get() on:click=confirm>{t("我确认:这天我们一起在这个工地干活", "I confirm: we worked on this site together that day")}</button>
                        }.into_any(),
                    }}
                }.into_any(),
                Err(e) => view! { <ErrorView failure=e/> }.into_any(),
            })}
        </Suspense>
    }
    .into_any()
}
