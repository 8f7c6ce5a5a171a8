//! The fields of an employer's registration, shared by the employer's own form
//! and the one union staff fill in for an employer checked in person: company
//! name, 统一社会信用代码 (checked as it is typed), contact, and the area, whose
//! union verifies the employer.

use crate::api::{self, ApiFailure};
use crate::components::choice::{Choice, SelectField};
use crate::components::form::{FormState, TextField};
use crate::i18n::{t, use_lang};
use leptos::prelude::*;
use shared::api_url;
use shared::membership::{JoinAreas, MembershipRoute};
use shared::uscc::Uscc;
use shared::Text;

/// The text of each field.
#[derive(Clone, Copy)]
pub struct EmployerFields {
    pub name: RwSignal<String>,
    pub uscc: RwSignal<String>,
    pub contact_name: RwSignal<String>,
    pub contact_phone: RwSignal<String>,
    pub region_code: RwSignal<String>,
}

/// The areas with a union on the platform, for the area choice.
pub async fn areas() -> Result<JoinAreas, ApiFailure> {
    api::get::<JoinAreas>(&api_url!(MembershipRoute::Areas)).await
}

/// The inputs, labelled and wired to `form`.
#[component]
pub fn EmployerFieldset(fields: EmployerFields, form: FormState) -> impl IntoView {
    let lang = use_lang();
    let areas = LocalResource::new(areas);
    // As soon as 18 characters are typed, say whether the code is right.
    let uscc_check = move || {
        let typed = fields.uscc.get();
        (shared::uscc::normalize(&typed).chars().count() == 18).then(|| match Uscc::parse(&typed) {
            Ok(u) => {
                let kind = u
                    .registrant_kind()
                    .map(|k| k.get(lang.get()).to_string())
                    .unwrap_or_default();
                Ok(format!(
                    "{} {kind}",
                    t("✓ 代码有效", "✓ The code is valid")()
                ))
            }
            Err(why) => Err(why.get(lang.get()).to_string()),
        })
    };
    view! {
        <TextField label=t("企业名称(和营业执照上一样)", "Company name (as on the business licence)") name="name" value=fields.name form=form maxlength=60/>
        <TextField label=t("统一社会信用代码", "Unified social credit code") name="uscc" value=fields.uscc form=form autocomplete="off" maxlength=24
            hint=t("营业执照上的18位代码,由数字和大写字母组成", "The 18 characters on the business licence: digits and capital letters")/>
        {move || uscc_check().map(|r| match r {
            Ok(m) => view! { <p class="field-ok" role="status">{m}</p> }.into_any(),
            Err(m) => view! { <p class="field-error" role="status">{m}</p> }.into_any(),
        })}
        <TextField label=t("联系人", "Contact person") name="contact_name" value=fields.contact_name form=form maxlength=20 hint=t("例如:陈经理", "For example: 陈经理")/>
        <TextField label=t("联系电话", "Contact phone") name="contact_phone" value=fields.contact_phone form=form kind="tel" inputmode="numeric" autocomplete="tel" maxlength=20/>
        <Suspense fallback=|| view! { <crate::components::status::Loading/> }>
            {move || areas.get().map(|r| match r {
                Ok(list) => {
                    let choices = list.areas.into_iter().map(|a| Choice::new(a.region_code.clone(), Text::owned(a.name.clone(), a.name))).collect();
                    view! {
                        <SelectField label=t("在哪里招工", "Where you hire") name="region_code" value=fields.region_code form=form choices=choices placeholder=t("请选择城市或区县", "Choose a city or district")/>
                        <p class="field-hint">{t("由这个地区的工会核实企业", "The union of this area verifies the company")}</p>
                    }.into_any()
                }
                Err(e) => view! { <crate::components::status::ErrorView failure=e retry=Callback::new(move |_| areas.refetch())/> }.into_any(),
            })}
        </Suspense>
    }
}
