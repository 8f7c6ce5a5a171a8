//! `/admin/employers/new`: an employer that staff checked in person (at a job
//! fair, with its licence in hand) is registered and verified at once by the
//! union chosen in the scope picker.

use crate::admin::scope::use_scope;
use crate::api;
use crate::components::form::{FormError, FormState};
use crate::draft::FormDraft;
use crate::employer::fields::{EmployerFields, EmployerFieldset};
use crate::i18n::t;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use shared::api_url;
use shared::jobs::{EmployerEnvelope, EmployerInput, JobsRoute, StaffEmployerInput};

const DRAFT: &str = "gy.draft.admin.employer";

#[component]
pub fn NewEmployer() -> impl IntoView {
    let scope = use_scope();
    view! {
        <main class="page">
            <h1 class="page-title">{t("登记现场核实的企业", "Register an employer checked in person")}</h1>
            {move || match scope.union.get() {
                Some(u) => view! { <Form union_id=u.id union_name=u.name/> }.into_any(),
                None => view! { <p class="card">{t("请先在上方“管辖范围”里选择为企业作保的工会。", "First choose the vouching union in the scope picker above.")}</p> }.into_any(),
            }}
        </main>
    }
}

#[component]
fn Form(union_id: i64, union_name: String) -> impl IntoView {
    let navigate = use_navigate();
    let draft = FormDraft::new(DRAFT);
    let fields = EmployerFields {
        name: draft.field("name"),
        uscc: draft.field("uscc"),
        contact_name: draft.field("contact_name"),
        contact_phone: draft.field("contact_phone"),
        region_code: draft.field("region_code"),
    };
    let form = FormState::new();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.clear();
        let employer = EmployerInput {
            name: fields.name.get_untracked(),
            uscc: fields.uscc.get_untracked(),
            contact_name: fields.contact_name.get_untracked(),
            contact_phone: fields.contact_phone.get_untracked(),
            code: None,
            region_code: fields.region_code.get_untracked(),
        };
        if !form.check(employer.validate().map(|_| ())) {
            return;
        }
        form.busy.set(true);
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            let sent = api::post::<_, EmployerEnvelope>(
                &api_url!(JobsRoute::AdminCreateEmployer),
                &StaffEmployerInput { union_id, employer },
            )
            .await;
            form.busy.set(false);
            match sent {
                Ok(_) => {
                    draft.clear();
                    navigate("/admin/employers?status=verified", Default::default());
                }
                Err(e) => form.failed(&e),
            }
        });
    };
    view! {
        <form class="card" on:submit=submit novalidate aria-labelledby="new-employer-title">
            <h2 id="new-employer-title">{t("企业信息", "Employer details")}</h2>
            <p class="muted">{t("由", "Vouched for by ")}{union_name}{t("作保,登记后立即为“工会已核实”。请先看过营业执照原件。", "; verified as soon as it is registered. See the original business licence first.")}</p>
            <FormError form=form/>
            <EmployerFieldset fields=fields form=form/>
            <button type="submit" class="btn btn--primary btn--block" disabled=move || form.busy.get()>{t("登记并核实", "Register and verify")}</button>
        </form>
    }
}
