//! `/training/check-in?s=…&exp=…&sig=…`: where a session's QR code leads. A
//! signed-in trainee is checked in as soon as the page opens (counted once per
//! session; a second scan says so); anyone else signs in first and comes back.

use crate::api::{self, ApiFailure};
use crate::auth::RequireWorker;
use crate::components::link::AppLink;
use crate::components::status::{ErrorView, Loading};
use crate::i18n::{t, text};
use crate::outbox::new_key;
use leptos::prelude::*;
use leptos_router::hooks::use_location;
use shared::api_url;
use shared::query::Query;
use shared::routes::Method;
use shared::training::{CheckInInput, CheckInReply, TrainingRoute};

#[component]
pub fn CheckIn() -> impl IntoView {
    view! {
        <main class="page">
            <h1 class="page-title">{t("培训签到", "Training check-in")}</h1>
            <RequireWorker>
                <Scan/>
            </RequireWorker>
        </main>
    }
}

#[component]
fn Scan() -> impl IntoView {
    // The code's own query, sent as it came: the Worker judges it.
    let q = Query::parse(&use_location().search.get_untracked());
    let number = |name: &str| q.str(name).and_then(|v| v.parse::<i64>().ok());
    let input = match (number("s"), number("exp"), q.str("sig")) {
        (Some(session_id), Some(exp), Some(sig)) => Some(CheckInInput {
            session_id,
            exp,
            sig: sig.chars().take(64).collect(),
        }),
        _ => None,
    };
    let Some(input) = input else {
        return view! { <p class="card verdict verdict--bad" role="alert">{t("这不是有效的签到码", "This is not a valid check-in code")}</p> }.into_any();
    };
    let key = new_key();
    let result = LocalResource::new(move || {
        let input = input.clone();
        let key = key.clone();
        async move {
            api::send::<_, CheckInReply>(
                Method::Post,
                &api_url!(TrainingRoute::CheckIn),
                &input,
                Some(&key),
            )
            .await
        }
    });
    view! {
        <Suspense fallback=|| view! { <Loading/> }>
            {move || result.get().map(|r: Result<CheckInReply, ApiFailure>| match r {
                Ok(c) => view! {
                    <section class="card verdict verdict--ok" role="status">
                        <span class="verdict-mark" aria-hidden="true">"✓"</span>
                        <div>
                            <p class="verdict-text">{if c.already { t("这节课已经签过到了", "Already checked in for this session") } else { t("签到成功", "Checked in") }}</p>
                            <p>{c.course_title.clone()}</p>
                            <p>{super::session_when(&c.session)}" · "{c.session.place_name.clone()}</p>
                            <p class="muted">{text(c.method.label())}</p>
                        </div>
                    </section>
                    <AppLink href=format!("/training/{}", c.course_id) class="btn btn--secondary btn--block">{t("查看我的课时", "See my hours")}</AppLink>
                }.into_any(),
                Err(e) => view! { <ErrorView failure=e retry=Callback::new(move |_| result.refetch())/> }.into_any(),
            })}
        </Suspense>
    }
    .into_any()
}
