//! `/jobs/applications`: every job the worker applied to, where each stands
//! (已申请 → 已联系 → 已录用 / 未录用), and taking back an open one.

use super::item::JobItem;
use crate::api::{self, ApiFailure};
use crate::auth::RequireWorker;
use crate::components::status::{ErrorView, Loading};
use crate::components::time::local_time;
use crate::i18n::{t, use_lang};
use leptos::prelude::*;
use shared::api_url;
use shared::jobs::{
    Application, ApplicationEnvelope, ApplicationList, ApplicationStatus, JobsRoute, Party,
};

#[component]
pub fn Applications() -> impl IntoView {
    view! {
        <main class="page">
            <h1 class="page-title">{t("我的申请", "My applications")}</h1>
            <RequireWorker>
                <List/>
            </RequireWorker>
        </main>
    }
}

#[component]
fn List() -> impl IntoView {
    let list =
        LocalResource::new(|| api::get::<ApplicationList>(&api_url!(JobsRoute::MyApplications)));
    let reload = Callback::new(move |_| list.refetch());
    view! {
        <Suspense fallback=|| view! { <Loading/> }>
            {move || list.get().map(|r: Result<ApplicationList, ApiFailure>| match r {
                Ok(l) if l.applications.is_empty() => view! {
                    <p class="card">{t("还没有申请过工作。找到合适的活,点“申请这份工作”就行。", "No applications yet. Find a job and tap “Apply”.")}</p>
                }.into_any(),
                Ok(l) => view! {
                    <ul class="jobs" aria-label=t("我申请的工作", "Jobs I applied to")>
                        {l.applications.into_iter().map(|a| view! { <Row app=a reload=reload/> }).collect_view()}
                    </ul>
                }.into_any(),
                Err(e) => view! { <ErrorView failure=e retry=reload/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn Row(app: Application, reload: Callback<()>) -> impl IntoView {
    let lang = use_lang();
    let failure = RwSignal::new(None::<String>);
    let (id, status) = (app.id, app.status);
    let withdraw = move |_| {
        leptos::task::spawn_local(async move {
            match api::post::<_, ApplicationEnvelope>(
                &api_url!(JobsRoute::Withdraw, JOB_APPLICATION_ID = id),
                &(),
            )
            .await
            {
                Ok(_) => {
                    reload.try_run(());
                }
                Err(e) => failure.set(Some(e.message(lang.get_untracked()))),
            }
        });
    };
    let applied = app.applied_at.clone();
    let line = Signal::derive(move || {
        format!(
            "{} · {}{}",
            status.label().get(lang.get()),
            t("申请于 ", "applied ")(),
            local_time(&applied, lang.get())
        )
    });
    view! {
        <JobItem job=app.job reasons=line>
            {status.can_become(ApplicationStatus::Withdrawn, Party::Worker).then(|| view! {
                <button type="button" class="btn btn--secondary btn--small" on:click=withdraw>{t("撤回申请", "Withdraw")}</button>
            })}
            {move || failure.get().map(|m| view! { <p class="form-error" role="alert">{m}</p> })}
        </JobItem>
    }
}
