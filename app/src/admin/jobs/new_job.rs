//! `/admin/jobs/new`: staff post a job on an employer's behalf (at a job fair,
//! say) with the employers' own job form; the employer is one of the subtree's
//! verified employers, and the job goes live at once.

use crate::admin::scope::use_scope;
use crate::api::{self, ApiFailure};
use crate::components::choice::{Choice, SelectField};
use crate::components::form::FormState;
use crate::components::status::{ErrorView, Loading};
use crate::employer::acting::Acting;
use crate::employer::job_form::JobForm;
use crate::i18n::t;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use shared::api_url;
use shared::jobs::{Employer, EmployerList, EmployerStatus, Job, JobsRoute};
use shared::Text;

#[component]
pub fn NewJob() -> impl IntoView {
    let scope = use_scope();
    let search = RwSignal::new(String::new());
    let employers = LocalResource::new(move || {
        let url = scope
            .scoped(api_url!(JobsRoute::AdminEmployers))
            .arg("status", EmployerStatus::Verified.code())
            .arg("limit", 100)
            .arg_text("q", &search.get());
        async move { api::get::<EmployerList>(&url).await }
    });
    view! {
        <main class="page">
            <h1 class="page-title">{t("替企业发布岗位", "Post a job for an employer")}</h1>
            <div class="field">
                <label for="employer-search">{t("找企业(名称或统一社会信用代码)", "Find the employer (name or credit code)")}</label>
                <input id="employer-search" type="search" prop:value=move || search.get() on:change=move |ev| search.set(event_target_value(&ev))/>
            </div>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || employers.get().map(|r: Result<EmployerList, ApiFailure>| match r {
                    Ok(l) if l.employers.is_empty() => view! {
                        <p class="card">{t("这个范围里还没有工会已核实的企业。请先在“用工企业”里核实或登记企业。", "No verified employers in this scope yet. Verify or register one under Employers first.")}</p>
                    }.into_any(),
                    Ok(l) => view! { <Picker employers=l.employers/> }.into_any(),
                    Err(e) => view! { <ErrorView failure=e/> }.into_any(),
                })}
            </Suspense>
        </main>
    }
}

#[component]
fn Picker(employers: Vec<Employer>) -> impl IntoView {
    let navigate = use_navigate();
    let chosen = RwSignal::new(String::new());
    let form = FormState::new();
    let choices = employers
        .iter()
        .map(|e| {
            Choice::new(
                e.id.to_string(),
                Text::owned(e.name.clone(), e.name.clone()),
            )
        })
        .collect();
    let employer = Memo::new(move |_| {
        chosen
            .get()
            .parse::<i64>()
            .ok()
            .and_then(|id| employers.iter().find(|e| e.id == id).cloned())
    });
    let saved = Callback::new(move |job: Job| {
        navigate(
            &format!("/admin/jobs/{}", job.summary.id),
            Default::default(),
        )
    });
    view! {
        <div class="card">
            <SelectField label=t("替哪家企业发布", "For which employer") name="employer_id" value=chosen form=form choices=choices placeholder=t("请选择企业", "Choose the employer")/>
            <p class="field-hint">{t("只列出工会已核实的企业,岗位提交后立即上线。", "Only verified employers are listed; the job goes online as soon as it is posted.")}</p>
        </div>
        {move || employer.get().map(|e| {
            let contact = (e.contact_name.clone(), e.contact_phone.clone().unwrap_or_default());
            view! { <JobForm acting=Acting::Staff employer_id=e.id job=None contact=contact on_saved=saved/> }
        })}
    }
}
