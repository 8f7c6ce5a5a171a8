//! `/employer/register`: an employer or labour subcontractor registers. A
//! contact phone other than the signed-in account's own is proven with a code
//! texted to it. Kept on the phone as it is typed; sent through the outbox, so
//! a dropped signal neither loses it nor registers it twice.

use super::fields::{EmployerFields, EmployerFieldset};
use crate::api;
use crate::auth::{use_auth, RequireWorker};
use crate::components::form::{FormError, FormState, TextField};
use crate::draft::FormDraft;
use crate::i18n::t;
use crate::outbox::{self, Submitted};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use shared::accounts::{parse_code, AccountsRoute, OtpRequest, OTP_RESEND_SECS};
use shared::api_url;
use shared::jobs::{EmployerEnvelope, EmployerInput, JobsRoute};
use shared::phone::{mask_mobile, parse_mobile};
use shared::routes::Method;

pub const DRAFT: &str = "gy.draft.employer";
/// The outbox kind of a registration.
pub const KIND: &str = "employer";

#[component]
pub fn Register() -> impl IntoView {
    view! {
        <RequireWorker>
            <main class="page">
                <h1 class="page-title">{t("登记企业", "Register your company")}</h1>
                <p class="lead">{t("为防止虚假招工,企业要先由当地工会核实。核实前可以先发岗位,存为草稿,核实后自动发布。", "To keep out fake job ads, the local union checks each company first. You can post jobs before that: they wait as drafts and go online once the company is verified.")}</p>
                <RegisterForm/>
            </main>
        </RequireWorker>
    }
}

#[component]
fn RegisterForm() -> impl IntoView {
    let auth = use_auth();
    let navigate = use_navigate();
    let draft = FormDraft::new(DRAFT);
    let fields = EmployerFields {
        name: draft.field("name"),
        uscc: draft.field("uscc"),
        contact_name: draft.field("contact_name"),
        contact_phone: draft.field("contact_phone"),
        region_code: draft.field("region_code"),
    };
    let code = RwSignal::new(String::new());
    let form = FormState::new();
    let queued = RwSignal::new(false);
    let code_sent = RwSignal::new(false);
    let wait = RwSignal::new(0i64);
    // The account's own number was proven at sign-in; any other needs a code.
    // The app knows only the masked number, so the API's "needs a code" also opens the field.
    let own = move || auth.worker().map(|w| w.phone_masked);
    let needs_code = Memo::new(move |_| {
        let other = parse_mobile(&fields.contact_phone.get())
            .ok()
            .is_some_and(|p| Some(mask_mobile(&p)) != own());
        other || form.error("code").get().is_some()
    });

    let send_code = move |_| {
        form.clear();
        let input = OtpRequest {
            phone: fields.contact_phone.get_untracked(),
        };
        if let Err(e) = input.validate() {
            let lang = crate::i18n::current();
            form.fields.update(|f| {
                f.extend(
                    e.0.iter()
                        .map(|x| ("contact_phone".to_string(), x.why.get(lang).to_string())),
                );
            });
            return;
        }
        form.busy.set(true);
        leptos::task::spawn_local(async move {
            let sent = api::post::<_, ()>(&api_url!(AccountsRoute::OtpSend), &input).await;
            form.busy.set(false);
            match sent {
                Ok(()) => {
                    code_sent.set(true);
                    crate::components::countdown::start(wait, OTP_RESEND_SECS);
                }
                Err(e) => form.failed(&e),
            }
        });
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.clear();
        let body = EmployerInput {
            name: fields.name.get_untracked(),
            uscc: fields.uscc.get_untracked(),
            contact_name: fields.contact_name.get_untracked(),
            contact_phone: fields.contact_phone.get_untracked(),
            code: needs_code.get_untracked().then(|| code.get_untracked()),
            region_code: fields.region_code.get_untracked(),
        };
        let mut errors = body.validate().err().unwrap_or_default();
        if needs_code.get_untracked() {
            errors.check("code", parse_code(&code.get_untracked()));
        }
        if !form.check(if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }) {
            return;
        }
        form.busy.set(true);
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            let path = api_url!(JobsRoute::Register);
            let outcome =
                outbox::submit::<_, EmployerEnvelope>(KIND, Method::Post, &path, &body).await;
            form.busy.set(false);
            match outcome {
                Submitted::Sent(env) => {
                    draft.clear();
                    navigate(
                        &format!("/employer/{}", env.employer.id),
                        Default::default(),
                    );
                }
                // The draft stays until the server has it (see `Mine`).
                Submitted::Queued => queued.set(true),
                Submitted::Refused(e) => form.failed(&e),
            }
        });
    };

    let waiting = move || wait.get() > 0;
    view! {
        <Show when=move || !queued.get() fallback=|| view! {
            <section class="card" role="status">
                <h2>{t("已保存在手机上", "Saved on this phone")}</h2>
                <p>{t("现在没有网络。有信号后会自动提交,不用重填。", "There is no connection now. It is sent by itself when there is signal; nothing to type again.")}</p>
                <A href="/employer" attr:class="btn btn--secondary">{t("回到我的企业", "Back to my companies")}</A>
            </section>
        }>
            <form class="card" on:submit=submit.clone() novalidate aria-labelledby="register-title">
                <h2 id="register-title">{t("企业信息", "Company details")}</h2>
                <p class="muted">{t("填的内容会自动保存在手机上,关掉再打开也还在。", "What you type is saved on this phone, even if you close the app.")}</p>
                <FormError form=form/>
                <EmployerFieldset fields=fields form=form/>
                <Show when=move || needs_code.get()>
                    <div class="confirm">
                        <p>{t("联系电话不是您登录用的手机号,需要用短信验证码确认。", "The contact phone is not the number you signed in with: confirm it with a texted code.")}</p>
                        <button type="button" class="btn btn--secondary btn--block" on:click=send_code disabled=move || form.busy.get() || waiting()>
                            {move || if waiting() {
                                format!("{} ({}s)", t("重新获取", "Send again")(), wait.get())
                            } else if code_sent.get() {
                                t("重新获取验证码", "Send a new code")().to_string()
                            } else {
                                t("获取验证码", "Text me a code")().to_string()
                            }}
                        </button>
                        <Show when=move || code_sent.get()>
                            <p class="notice" role="status">{t("验证码已发到联系电话,请查看短信。", "Code sent to the contact phone. Check its text messages.")}</p>
                        </Show>
                        <TextField label=t("联系电话收到的验证码", "Code texted to the contact phone") name="code" value=code form=form inputmode="numeric" autocomplete="one-time-code" maxlength=6/>
                    </div>
                </Show>
                <button type="submit" class="btn btn--primary btn--block" disabled=move || form.busy.get()>{t("提交登记", "Register")}</button>
            </form>
        </Show>
    }
}
