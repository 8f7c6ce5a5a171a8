//! `/admin/job-fairs`: the job fairs of the chosen subtree, past ones too, and
//! a form to create one (or the monthly series on the 28th).

use super::fair_form::FairForm;
use super::may_act;
use crate::admin::scope::use_scope;
use crate::api::{self, ApiFailure};
use crate::components::form::{FormError, FormState, TextArea, TextField};
use crate::components::status::{ErrorView, Loading};
use crate::components::time::local_time;
use crate::i18n::{t, use_lang};
use leptos::prelude::*;
use shared::api_url;
use shared::jobs::{
    shanghai_time, FairCancelInput, FairPhase, JobFair, JobFairEnvelope, JobFairInput, JobFairList,
    JobsRoute,
};
use shared::routes::Method;

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
    let changed = Callback::new(move |_| list.refetch());
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
                                {l.job_fairs.into_iter().map(|f| view! { <Fair fair=f changed=changed/> }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(e) => view! { <ErrorView failure=e/> }.into_any(),
                    })}
                </Suspense>
            </section>
        </main>
    }
}

/// One fair; staff may edit it or cancel it with a reason while it is ahead or on.
#[component]
fn Fair(fair: JobFair, changed: Callback<()>) -> impl IntoView {
    let lang = use_lang();
    let phase = fair.phase(shared::time::from_millis(js_sys::Date::now()));
    let (starts, ends) = (fair.starts_at.clone(), fair.ends_at.clone());
    let employers = fair
        .employers
        .iter()
        .map(|e| e.name.clone())
        .collect::<Vec<_>>()
        .join("、");
    let open = matches!(phase, Some(FairPhase::Upcoming | FairPhase::Ongoing)) && may_act();
    let editing = RwSignal::new(false);
    let cancelling = RwSignal::new(false);
    let (employer_count, jobs_count) = (fair.employers.len(), fair.jobs_count);
    let name = fair.name.clone();
    let fair_id = fair.id;
    view! {
        <li class="row row--wrap">
            <div>
                <strong>{fair.name.clone()}</strong>
                {phase.map(|p| view! { <span class="tag" class:tag--off=matches!(p, FairPhase::Over | FairPhase::Cancelled)>{move || p.label().get(lang.get()).to_string()}</span> })}
                <div>{move || format!("{} – {}", local_time(&starts, lang.get()), local_time(&ends, lang.get()))}</div>
                <div class="muted">{fair.place.clone()}" · "{fair.union.name.clone()}</div>
                <div class="muted">
                    {move || format!("{} {} · {} {}", employer_count, t("家企业", "employers")(), jobs_count, t("个在招岗位", "live jobs")())}
                    {(!employers.is_empty()).then(|| format!(":{employers}"))}
                </div>
                {fair.cancel_reason.clone().map(|r| view! { <div>{t("取消原因:", "Why cancelled: ")}{r}</div> })}
            </div>
            {open.then(|| view! {
                <div class="actions">
                    <button type="button" class="btn btn--secondary" aria-expanded=move || editing.get().to_string()
                        aria-label=format!("{name}{}", t(" 修改", ": edit")())
                        on:click=move |_| { editing.update(|e| *e = !*e); cancelling.set(false); }>{t("修改", "Edit")}</button>
                    <button type="button" class="btn btn--danger" aria-expanded=move || cancelling.get().to_string()
                        aria-label=format!("{name}{}", t(" 取消招聘会", ": cancel the fair")())
                        on:click=move |_| { cancelling.update(|c| *c = !*c); editing.set(false); }>{t("取消招聘会", "Cancel the fair")}</button>
                </div>
            })}
            {move || editing.get().then(|| view! { <EditFair fair=fair.clone() changed=changed/> })}
            {move || cancelling.get().then(|| view! { <CancelFair id=fair_id changed=changed/> })}
        </li>
    }
}

/// The fair's name, place, date and times; its employers stay as they are.
#[component]
fn EditFair(fair: JobFair, changed: Callback<()>) -> impl IntoView {
    let starts_local = shared::time::parse_rfc3339_z(&fair.starts_at).map(shared::time::local);
    let ends_local = shared::time::parse_rfc3339_z(&fair.ends_at).map(shared::time::local);
    let name = RwSignal::new(fair.name.clone());
    let place = RwSignal::new(fair.place.clone());
    let date = RwSignal::new(
        starts_local
            .map(|l| l.date().to_string())
            .unwrap_or_default(),
    );
    let clock = |l: Option<chrono::NaiveDateTime>| {
        l.map(|l| l.format("%H:%M").to_string()).unwrap_or_default()
    };
    let starts = RwSignal::new(clock(starts_local));
    let ends = RwSignal::new(clock(ends_local));
    let form = FormState::new();
    let id = fair.id;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.clear();
        let day = date
            .get_untracked()
            .trim()
            .parse::<chrono::NaiveDate>()
            .ok();
        let at = |raw: String| {
            let (h, m) = raw.trim().split_once(':')?;
            shanghai_time(day?, h.parse().ok()?, m.get(..2)?.parse().ok()?)
        };
        let input = JobFairInput {
            name: name.get_untracked(),
            place: place.get_untracked(),
            lat: fair.lat,
            lng: fair.lng,
            starts_at: at(starts.get_untracked()).unwrap_or_default(),
            ends_at: at(ends.get_untracked()).unwrap_or_default(),
            union_id: fair.union.id,
            employer_ids: fair.employers.iter().map(|e| e.id).collect(),
            repeat_monthly: 0,
        };
        let now = shared::time::from_millis(js_sys::Date::now());
        if !form.check(input.validate_edit(&fair, now).map(|_| ())) {
            return;
        }
        form.busy.set(true);
        leptos::task::spawn_local(async move {
            let sent = api::send::<_, JobFairEnvelope>(
                Method::Put,
                &api_url!(JobsRoute::EditFair, FAIR_ID = id),
                &input,
                None,
            )
            .await;
            form.busy.set(false);
            match sent {
                Ok(_) => changed.run(()),
                Err(e) => form.failed(&e),
            }
        });
    };
    let field = move |n: &str| format!("fair-{id}-{n}");
    view! {
        <form class="inline-form" on:submit=submit novalidate aria-label=t("修改招聘会", "Edit the fair")>
            <FormError form=form/>
            <TextField label=t("名称", "Name") name="name" id=field("name") value=name form=form maxlength=40/>
            <TextField label=t("地点", "Place") name="place" id=field("place") value=place form=form maxlength=100/>
            <TextField label=t("日期", "Date") name="date" id=field("date") value=date form=form kind="date"/>
            <TextField label=t("开始时间", "Starts at") name="starts_at" id=field("starts") value=starts form=form kind="time"/>
            <TextField label=t("结束时间", "Ends at") name="ends_at" id=field("ends") value=ends form=form kind="time"/>
            <button type="submit" class="btn btn--primary" disabled=move || form.busy.get()>{t("保存修改", "Save changes")}</button>
        </form>
    }
}

/// Cancelling with the reason workers will read.
#[component]
fn CancelFair(id: i64, changed: Callback<()>) -> impl IntoView {
    let reason = RwSignal::new(String::new());
    let form = FormState::new();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.clear();
        let input = FairCancelInput {
            reason: reason.get_untracked(),
        };
        form.busy.set(true);
        leptos::task::spawn_local(async move {
            let sent = api::post::<_, JobFairEnvelope>(
                &api_url!(JobsRoute::CancelFair, FAIR_ID = id),
                &input,
            )
            .await;
            form.busy.set(false);
            match sent {
                Ok(_) => changed.run(()),
                Err(e) => form.failed(&e),
            }
        });
    };
    view! {
        <form class="inline-form" on:submit=submit novalidate aria-label=t("取消招聘会", "Cancel the fair")>
            <FormError form=form/>
            <TextArea label=t("取消原因(工友会看到)", "Why (workers will see this)") name="reason" id=format!("fair-{id}-reason") value=reason form=form maxlength=200/>
            <button type="submit" class="btn btn--danger" disabled=move || form.busy.get()>{t("确定取消", "Yes, cancel it")}</button>
        </form>
    }
}
