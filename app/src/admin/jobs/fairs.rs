//! `/admin/job-fairs`: the job fairs of the chosen subtree, past ones too, and
//! a form to create one (or the monthly series on the 28th).

use super::fair_form::FairForm;
use super::may_act;
use crate::admin::scope::use_scope;
use crate::api::{self, ApiFailure};
use crate::components::status::{ErrorView, Loading};
use crate::components::time::local_time;
use crate::i18n::{t, use_lang};
use leptos::prelude::*;
use shared::api_url;
use shared::jobs::{JobFair, JobFairList, JobsRoute};

#[component]
pub fn Fairs() -> impl IntoView {
    let scope = use_scope();
    let made = RwSignal::new(None::<usize>);
    let list = LocalResource::new(move || {
        let url = scope
            .scoped(api_url!(JobsRoute::Fairs))
            .arg("past", true)
            .arg("limit", 100);
        made.track();
        async move { api::get::<JobFairList>(&url).await }
    });
    let created = Callback::new(move |l: JobFairList| made.set(Some(l.job_fairs.len())));
    view! {
        <main class="page">
            <h1 class="page-title">{t("招聘会", "Job fairs")}</h1>
            {move || made.get().map(|n| view! { <p class="notice" role="status">{move || format!("{} {} {}", t("已发布", "Published")(), n, t("场招聘会", "fair(s)")())}</p> })}
            <Show when=may_act>
                {move || match scope.union.get() {
                    Some(u) => view! { <FairForm union_id=u.id union_name=u.name on_created=created/> }.into_any(),
                    None => view! { <p class="card">{t("新建招聘会前,请先在上方“管辖范围”里选择主办的工会。", "To create a fair, first choose the union running it in the scope picker above.")}</p> }.into_any(),
                }}
            </Show>
            <section aria-labelledby="fairs-title">
                <h2 id="fairs-title">{t("本范围的招聘会", "Fairs in this scope")}</h2>
                <Suspense fallback=|| view! { <Loading/> }>
                    {move || list.get().map(|r: Result<JobFairList, ApiFailure>| match r {
                        Ok(l) if l.job_fairs.is_empty() => view! { <p class="card">{t("还没有招聘会。", "No fairs yet.")}</p> }.into_any(),
                        Ok(l) => view! {
                            <ul class="rows card" aria-label=t("招聘会", "Job fairs")>
                                {l.job_fairs.into_iter().map(|f| view! { <Fair fair=f/> }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(e) => view! { <ErrorView failure=e/> }.into_any(),
                    })}
                </Suspense>
            </section>
        </main>
    }
}

#[component]
fn Fair(fair: JobFair) -> impl IntoView {
    let lang = use_lang();
    let phase = fair.phase(shared::time::from_millis(js_sys::Date::now()));
    let (starts, ends) = (fair.starts_at.clone(), fair.ends_at.clone());
    let employers = fair
        .employers
        .iter()
        .map(|e| e.name.clone())
        .collect::<Vec<_>>()
        .join("、");
    view! {
        <li class="row row--wrap">
            <div>
                <strong>{fair.name.clone()}</strong>
                {phase.map(|p| view! { <span class="tag" class:tag--off=p == shared::jobs::FairPhase::Over>{move || p.label().get(lang.get()).to_string()}</span> })}
                <div>{move || format!("{} – {}", local_time(&starts, lang.get()), local_time(&ends, lang.get()))}</div>
                <div class="muted">{fair.place.clone()}" · "{fair.union.name.clone()}</div>
                <div class="muted">
                    {move || format!("{} {} · {} {}", fair.employers.len(), t("家企业", "employers")(), fair.jobs_count, t("个在招岗位", "live jobs")())}
                    {(!employers.is_empty()).then(|| format!(":{employers}"))}
                </div>
            </div>
        </li>
    }
}
