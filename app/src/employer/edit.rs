//! `/employer/:id/edit`: correcting the company's name, contact or area. The
//! credit code stays (it is the company). A new name goes back to the union for
//! verification, and the jobs leave the list until then; a new contact phone
//! other than the account's own is proven with a texted code.

use super::fields::areas;
use super::my_employer;
use crate::api;
use crate::auth::{use_auth, RequireWorker};
use crate::components::choice::{Choice, SelectField};
use crate::components::form::{FormError, FormState, TextField};
use crate::components::status::{ErrorView, Loading};
use crate::i18n::t;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};
use shared::accounts::{AccountsRoute, OtpRequest, OTP_RESEND_SECS};
use shared::api_url;
use shared::jobs::{Employer, EmployerEdit, EmployerEnvelope, EmployerStatus, JobsRoute};
use shared::phone::{mask_mobile, parse_mobile};
use shared::routes::Method;
use shared::Text;

#[component]
pub fn EditEmployer() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|s| s.parse::<i64>().ok()).unwrap_or(0));
    let employer = LocalResource::new(move || my_employer(id()));
    view! {
        <RequireWorker>
            <main class="page">
                <h1 class="page-title">{t("修改企业信息", "Edit company details")}</h1>
                <Suspense fallback=|| view! { <Loading/> }>
                    {move || employer.get().map(|r| match r {
                        Ok(e) => view! { <EditForm employer=e/> }.into_any(),
                        Err(e) => view! { <ErrorView failure=e retry=Callback::new(move |_| employer.refetch())/> }.into_any(),
                    })}
                </Suspense>
            </main>
        </RequireWorker>
    }
}

#[component]
fn EditForm(employer: Employer) -> impl IntoView {
    let auth = use_auth();
    let navigate = use_navigate();
    let name = RwSignal::new(employer.name.clone());
    let contact_name = RwSignal::new(employer.contact_name.clone());
    let contact_phone = RwSignal::new(employer.contact_phone.clone().unwrap_or_default());
    let region_code = RwSignal::new(employer.region_code.clone());
    let code = RwSignal::new(String::new());
    let form = FormState::new();
    let wait = RwSignal::new(0i64);
    let old_phone = employer.contact_phone.clone().unwrap_or_default();
    let own = move || auth.worker().map(|w| w.phone_masked);
    // A new number that is not the account's own needs the code texted to it.
    let needs_code = Memo::new(move |_| {
        let new = parse_mobile(&contact_phone.get()).ok();
        let other = new.is_some_and(|p| p != old_phone && Some(mask_mobile(&p)) != own());
        other || form.error("code").get().is_some()
    });
    let send_code = move |_| {
        let input = OtpRequest {
            phone: contact_phone.get_untracked(),
        };
        leptos::task::spawn_local(async move {
            match api::post::<_, ()>(&api_url!(AccountsRoute::OtpSend), &input).await {
                Ok(()) => crate::components::countdown::start(wait, OTP_RESEND_SECS),
                Err(e) => form.failed(&e),
            }
        });
    };
    let verified = employer.status == EmployerStatus::Verified;
    let old_name = employer.name.clone();
    let id = employer.id;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.clear();
        let body = EmployerEdit {
            name: name.get_untracked(),
            contact_name: contact_name.get_untracked(),
            contact_phone: contact_phone.get_untracked(),
            code: needs_code
                .get_untracked()
                .then(|| code.get_untracked())
                .filter(|c| !c.trim().is_empty()),
            region_code: region_code.get_untracked(),
        };
        if !form.check(body.validate().map(|_| ())) {
            return;
        }
        form.busy.set(true);
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            let sent = api::send::<_, EmployerEnvelope>(
                Method::Patch,
                &api_url!(JobsRoute::EditEmployer, EMPLOYER_ID = id),
                &body,
                None,
            )
            .await;
            form.busy.set(false);
            match sent {
                Ok(_) => navigate("/employer", Default::default()),
                Err(e) => form.failed(&e),
            }
        });
    };
    let areas = LocalResource::new(areas);
    let renaming = move || verified && name.get().trim() != old_name;
    view! {
        <form class="card" on:submit=submit novalidate aria-labelledby="edit-employer-title">
            <h2 id="edit-employer-title">{employer.name.clone()}</h2>
            <p class="muted">{t("统一社会信用代码 ", "Credit code ")}{employer.uscc.clone()}</p>
            <FormError form=form/>
            <TextField label=t("企业名称(和营业执照上一样)", "Company name (as on the business licence)") name="name" value=name form=form maxlength=60/>
            <Show when=renaming>
                <p class="notice" role="status">{t("改了名称后,要等工会重新核实;核实前岗位暂时不给工友看到。", "After a new name the union checks the company again; until then its jobs are not shown to workers.")}</p>
            </Show>
            <TextField label=t("联系人", "Contact person") name="contact_name" value=contact_name form=form maxlength=20/>
            <TextField label=t("联系电话", "Contact phone") name="contact_phone" value=contact_phone form=form kind="tel" inputmode="numeric" autocomplete="tel" maxlength=20/>
            <Show when=move || needs_code.get()>
                <div class="confirm">
                    <button type="button" class="btn btn--secondary" on:click=send_code disabled=move || wait.get() > 0>
                        {move || if wait.get() > 0 { format!("{} ({}s)", t("重新获取", "Send again")(), wait.get()) } else { t("给新号码发验证码", "Text a code to the new number")().to_string() }}
                    </button>
                    <TextField label=t("新联系电话收到的验证码", "Code texted to the new number") name="code" value=code form=form inputmode="numeric" autocomplete="one-time-code" maxlength=6/>
                </div>
            </Show>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || areas.get().map(|r| match r {
                    Ok(list) => {
                        let choices = list.areas.into_iter().map(|a| Choice::new(a.region_code.clone(), Text::owned(a.name.clone(), a.name))).collect();
                        view! { <SelectField label=t("在哪里招工", "Where you hire") name="region_code" value=region_code form=form choices=choices placeholder=t("请选择城市或区县", "Choose a city or district")/> }.into_any()
                    }
                    Err(e) => view! { <ErrorView failure=e retry=Callback::new(move |_| areas.refetch())/> }.into_any(),
                })}
            </Suspense>
            <button type="submit" class="btn btn--primary btn--block" disabled=move || form.busy.get()>{t("保存修改", "Save changes")}</button>
        </form>
    }
}
