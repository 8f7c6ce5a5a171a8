//! `/admin/benefit-applications/:id`: one application for staff — who applied
//! (phone shown to staff only), the programme's own facts, the hardship
//! self-check the server ran, the photos and scans inline, the history — and
//! the moves its status allows (`next_status`): start the review, ask for
//! documents, approve an amount within the rule or refuse with a reason,
//! confirm a scholarship after 公示, record the payment.

use super::choices;
use crate::admin::training::may_act;
use crate::api::{self, ApiFailure};
use crate::components::choice::SelectField;
use crate::components::form::{FormError, FormState, TextArea, TextField};
use crate::components::status::{ErrorView, Loading};
use crate::components::time::{local_time, today};
use crate::i18n::{t, text, use_lang};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use serde::Serialize;
use shared::api_url;
use shared::benefits::*;
use shared::money::{amount, parse_yuan, yuan_sign};
use shared::routes::{Method, Url};
use shared::FieldErrors;

#[component]
pub fn ApplicationPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let data = LocalResource::new(move || {
        let id = id();
        async move {
            api::get::<ApplicationEnvelope>(&api_url!(
                BenefitsRoute::AdminApplication,
                BENEFIT_APPLICATION_ID = id
            ))
            .await
        }
    });
    view! {
        <main class="page">
            <A href="/admin/benefit-applications" attr:class="linklike">{t("‹ 帮扶申请审核", "‹ Aid applications")}</A>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || data.get().map(|r: Result<ApplicationEnvelope, ApiFailure>| match r {
                    Ok(env) => view! { <Desk env=env on_changed=Callback::new(move |_| data.refetch())/> }.into_any(),
                    Err(e) => view! { <ErrorView failure=e/> }.into_any(),
                })}
            </Suspense>
        </main>
    }
}

fn facts_view(f: &ApplicationFacts) -> AnyView {
    match f.clone() {
        ApplicationFacts::Hardship { household, income_fen, fixed_costs_fen, accident, hardship_costs_fen, cause, bank_account_masked, note } => view! {
            <dt>{t("家庭人口", "Household")}</dt><dd>{household}</dd>
            <dt>{t("家庭年收入", "Yearly income")}</dt><dd>{yuan_sign(income_fen)}</dd>
            <dt>{t("刚性支出", "Fixed costs")}</dt><dd>{yuan_sign(fixed_costs_fen)}</dd>
            <dt>{t("因病因意外支出", "Costs of illness or accident")}</dt><dd>{yuan_sign(hardship_costs_fen)}{accident.then(|| t("(有意外致残或去世)", " (an accident caused disability or death)"))}</dd>
            <dt>{t("困难原因", "Cause")}</dt><dd>{text(cause.label())}</dd>
            <dt>{t("收款银行卡", "Bank card")}</dt><dd>{bank_account_masked}</dd>
            <dt>{t("情况说明", "Note")}</dt><dd>{note}</dd>
        }.into_any(),
        ApplicationFacts::Medical { hospital, hospital_level, admitted_on, discharged_on, total_cost_fen, insurance_paid_fen, self_paid_fen } => view! {
            <dt>{t("医院", "Hospital")}</dt><dd>{hospital}" · "{text(hospital_level.label())}</dd>
            <dt>{t("住院", "Stay")}</dt><dd>{format!("{admitted_on} — {discharged_on}")}</dd>
            <dt>{t("总费用", "Total cost")}</dt><dd>{yuan_sign(total_cost_fen)}</dd>
            <dt>{t("医保支付", "Insurance paid")}</dt><dd>{yuan_sign(insurance_paid_fen)}</dd>
            <dt>{t("个人自付", "Self-paid")}</dt><dd>{yuan_sign(self_paid_fen)}</dd>
        }.into_any(),
        ApplicationFacts::Scholarship { child_name, child_id_masked, school, stage } => view! {
            <dt>{t("孩子", "Child")}</dt><dd>{child_name}" · "{child_id_masked}</dd>
            <dt>{t("学校", "School")}</dt><dd>{school}" · "{text(stage.label())}</dd>
        }.into_any(),
        ApplicationFacts::Seasonal { campaign, station_id } => view! {
            <dt>{t("活动", "Campaign")}</dt><dd>{text(campaign.label())}{station_id.map(|s| format!(" · #{s}"))}</dd>
        }.into_any(),
        ApplicationFacts::HealthCheck { note } | ApplicationFacts::Other { note } => view! {
            <dt>{t("说明", "Note")}</dt><dd>{note}</dd>
        }.into_any(),
    }
}

#[component]
fn Desk(env: ApplicationEnvelope, on_changed: Callback<()>) -> impl IntoView {
    let a = env.application;
    let lang = use_lang();
    let id = a.id;
    let can =
        move |action: StatusAction| next_status(a.status, action, a.kind).is_some() && may_act();
    let step = a.step();
    view! {
        <h1 class="page-title">{a.name.clone()}</h1>
        <p class="lead">{a.programme_name.clone()}" · "<span data-testid="status">{text(a.status.label())}</span></p>
        <p>{text(step.words)}</p>
        <section class="card" aria-labelledby="who-title">
            <h2 id="who-title">{t("申请人", "Applicant")}</h2>
            <dl class="facts">
                <dt>{t("姓名", "Name")}</dt><dd>{a.name.clone()}</dd>
                <dt>{t("身份证号", "ID number")}</dt><dd>{a.id_number_masked.clone()}</dd>
                <dt>{t("手机", "Phone")}</dt><dd>{a.phone.clone().unwrap_or_default()}</dd>
                <dt>{t("会员", "Member")}</dt><dd>{a.member_union.clone().unwrap_or_else(|| t("非会员(本地区新就业形态劳动者)", "Not a member (gig worker of the area)")().to_string())}</dd>
                {facts_view(&a.facts)}
                {a.self_check.clone().map(|c| view! {
                    <dt>{t("困难自测", "Self-check")}</dt>
                    <dd>{text(c.category.label())}" · "{t("每人每月 ", "per person a month ")}{yuan_sign(c.monthly_per_person_fen)}" · "{t("低保 ", "minimum standard ")}{yuan_sign(c.dibao_fen)}</dd>
                })}
                {a.amount_fen.map(|f| view! { <dt>{t("批准金额", "Approved")}</dt><dd>{yuan_sign(f)}</dd> })}
                {a.paid_fen.map(|f| view! { <dt>{t("已发放", "Paid")}</dt><dd>{yuan_sign(f)}{a.paid_on.map(|d| format!(" · {d}"))}{a.payment_method.map(|m| text(m.label())())}</dd> })}
                {a.reason.clone().map(|r| view! { <dt>{t("不批准的原因", "Reason refused")}</dt><dd>{r}</dd> })}
            </dl>
        </section>
        <section class="card" aria-labelledby="docs-title">
            <h2 id="docs-title">{t("材料", "Documents")}</h2>
            {if a.attachments.is_empty() {
                view! { <p class="muted">{t("没有上传材料。", "No documents uploaded.")}</p> }.into_any()
            } else {
                view! {
                    <ul class="attach-list" aria-label=t("材料", "Documents")>
                        {a.attachments.iter().enumerate().map(|(i, f)| {
                            let href = String::from(api_url!(shared::attachments::AttachmentsRoute::Get, ATTACHMENT_ID = f.id.clone()));
                            let image = f.content_type.starts_with("image/");
                            let label = format!("{} {}", t("材料", "Document")(), i + 1);
                            view! {
                                <li class="attach-item">
                                    {image.then(|| view! { <img class="attach-thumb" src=href.clone() alt=label.clone()/> })}
                                    <a href=href.clone() target="_blank" rel="noopener">{label.clone()}" · "{f.content_type.clone()}</a>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        <Show when=move || can(StatusAction::StartReview)>
            <Simple label=t("开始审核", "Start the review") url=api_url!(BenefitsRoute::StartReview, BENEFIT_APPLICATION_ID = id) on_changed=on_changed/>
        </Show>
        <Show when=move || can(StatusAction::ConfirmNotice)>
            <Simple label=t("公示期满,确认批准", "Confirm after the notice") url=api_url!(BenefitsRoute::ConfirmNotice, BENEFIT_APPLICATION_ID = id) on_changed=on_changed/>
        </Show>
        <Show when=move || can(StatusAction::Approve)>
            <DecideCard id=id suggested=a.amount_fen on_changed=on_changed/>
        </Show>
        <Show when=move || can(StatusAction::RequestDocuments)>
            <RequestCard id=id on_changed=on_changed/>
        </Show>
        <Show when=move || can(StatusAction::Reject) && !can(StatusAction::Approve)>
            <RejectCard id=id on_changed=on_changed/>
        </Show>
        <Show when=move || can(StatusAction::Pay)>
            <PayCard id=id on_changed=on_changed/>
        </Show>
        <section class="card" aria-labelledby="history-title">
            <h2 id="history-title">{t("经过", "History")}</h2>
            <ol class="rows">
                {env.history.into_iter().map(|e| {
                    let at = e.at.clone();
                    view! {
                        <li class="row row--wrap">
                            <div>
                                <strong>{text(e.status.label())}</strong>
                                {e.action.map(|x| view! { " · "{text(x.label())} })}
                                {e.amount_fen.map(|f| format!(" · {}", yuan_sign(f)))}
                                {(!e.documents.is_empty()).then(|| format!(" · {}", e.documents.join("、")))}
                                {e.note.clone().map(|n| format!(" · {n}"))}
                                <div class="muted">{move || local_time(&at, lang.get())}</div>
                            </div>
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
    }
}

/// Sends one action; the page reloads on success, else the form shows why.
fn act<B: Serialize + 'static>(form: FormState, url: Url, body: B, on_changed: Callback<()>) {
    form.busy.set(true);
    leptos::task::spawn_local(async move {
        let key = crate::outbox::new_key();
        let r = api::send::<_, ApplicationEnvelope>(Method::Post, &url, &body, Some(&key)).await;
        form.busy.set(false);
        match r {
            Ok(_) => on_changed.run(()),
            Err(e) => form.failed(&e),
        }
    });
}

fn shown(form: FormState, errors: FieldErrors) -> bool {
    form.check(if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    })
}

#[component]
fn Simple(
    label: impl Fn() -> &'static str + Copy + Send + Sync + 'static,
    url: Url,
    on_changed: Callback<()>,
) -> impl IntoView {
    let form = FormState::new();
    let url = StoredValue::new(url);
    view! {
        <section class="card">
            <FormError form=form/>
            <button type="button" class="btn btn--primary btn--block" disabled=move || form.busy.get()
                on:click=move |_| act(form, url.get_value(), (), on_changed)>{label}</button>
        </section>
    }
}

#[component]
fn DecideCard(id: i64, suggested: Option<i64>, on_changed: Callback<()>) -> impl IntoView {
    let form = FormState::new();
    let amount_yuan = RwSignal::new(suggested.map(amount).unwrap_or_default());
    let reason = RwSignal::new(String::new());
    let url = api_url!(BenefitsRoute::Decide, BENEFIT_APPLICATION_ID = id);
    let url2 = url.clone();
    let approve = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.clear();
        let mut errors = FieldErrors::new();
        // Left empty, a fixed programme's amount.
        let raw = amount_yuan.get_untracked();
        let fen = if raw.trim().is_empty() {
            None
        } else {
            errors.check("amount_fen", parse_yuan(&raw))
        };
        if shown(form, errors) {
            act(
                form,
                url.clone(),
                DecisionInput {
                    decision: DecisionKind::Approve,
                    amount_fen: fen,
                    reason: String::new(),
                },
                on_changed,
            );
        }
    };
    let reject = move |_| {
        form.clear();
        let mut errors = FieldErrors::new();
        let r = reason.get_untracked();
        if r.trim().chars().count() < 2 {
            errors.add(
                "reason",
                shared::Text::new("请写明不批准的原因", "Give the reason for refusing"),
            );
        }
        if shown(form, errors) {
            act(
                form,
                url2.clone(),
                DecisionInput {
                    decision: DecisionKind::Reject,
                    amount_fen: None,
                    reason: r,
                },
                on_changed,
            );
        }
    };
    view! {
        <form class="card" on:submit=approve novalidate aria-labelledby="decide-title">
            <h2 id="decide-title">{t("审批", "Decision")}</h2>
            <FormError form=form/>
            <TextField label=t("批准金额(元)", "Amount to approve (yuan)") name="amount_fen" value=amount_yuan form=form inputmode="decimal" hint=t("固定金额的项目可以不填", "Leave empty for a fixed-amount programme")/>
            <button type="submit" class="btn btn--primary btn--block" disabled=move || form.busy.get()>{t("批准", "Approve")}</button>
            <TextArea label=t("不批准的原因(申请人会看到)", "Reason for refusing (the applicant reads it)") name="reason" value=reason form=form maxlength=MAX_REASON as u32/>
            <button type="button" class="btn btn--secondary btn--block" disabled=move || form.busy.get() on:click=reject>{t("不批准", "Refuse")}</button>
        </form>
    }
}

#[component]
fn RejectCard(id: i64, on_changed: Callback<()>) -> impl IntoView {
    let form = FormState::new();
    let reason = RwSignal::new(String::new());
    let url = api_url!(BenefitsRoute::Decide, BENEFIT_APPLICATION_ID = id);
    let reject = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.clear();
        let input = DecisionInput {
            decision: DecisionKind::Reject,
            amount_fen: None,
            reason: reason.get_untracked(),
        };
        let rule = AmountRule {
            kind: AmountKind::UpTo,
            amount_fen: 1,
        };
        if form.check(input.validate(rule).map(|_| ())) {
            act(form, url.clone(), input, on_changed);
        }
    };
    view! {
        <form class="card" on:submit=reject novalidate aria-labelledby="reject-title">
            <h2 id="reject-title">{t("不批准", "Refuse")}</h2>
            <FormError form=form/>
            <TextArea label=t("不批准的原因(申请人会看到)", "Reason for refusing (the applicant reads it)") name="reason" value=reason form=form maxlength=MAX_REASON as u32/>
            <button type="submit" class="btn btn--secondary btn--block" disabled=move || form.busy.get()>{t("不批准", "Refuse")}</button>
        </form>
    }
}

#[component]
fn RequestCard(id: i64, on_changed: Callback<()>) -> impl IntoView {
    let form = FormState::new();
    let documents = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let url = api_url!(BenefitsRoute::RequestDocuments, BENEFIT_APPLICATION_ID = id);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.clear();
        let input = DocumentsRequest {
            documents: documents
                .get_untracked()
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(String::from)
                .collect(),
            note: note.get_untracked(),
        };
        if form.check(input.validate().map(|_| ())) {
            act(form, url.clone(), input, on_changed);
        }
    };
    view! {
        <form class="card" on:submit=submit novalidate aria-labelledby="request-title">
            <h2 id="request-title">{t("要求补材料", "Ask for documents")}</h2>
            <FormError form=form/>
            <TextArea label=t("还缺哪些材料(一行一项)", "Documents missing (one a line)") name="documents" value=documents form=form rows=3/>
            <TextField label=t("说明(可不填)", "Note (optional)") name="note" value=note form=form maxlength=MAX_REASON as u32/>
            <button type="submit" class="btn btn--secondary btn--block" disabled=move || form.busy.get()>{t("发给申请人", "Send to the applicant")}</button>
        </form>
    }
}

#[component]
fn PayCard(id: i64, on_changed: Callback<()>) -> impl IntoView {
    let form = FormState::new();
    let paid_on = RwSignal::new(today().to_string());
    let method = RwSignal::new(PaymentMethod::BankTransfer.code().to_string());
    let reference = RwSignal::new(String::new());
    let url = api_url!(BenefitsRoute::RecordPayment, BENEFIT_APPLICATION_ID = id);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.clear();
        let mut errors = FieldErrors::new();
        let on = paid_on.get_untracked().parse::<chrono::NaiveDate>();
        if on.is_err() {
            errors.add("paid_on", shared::error::why::required());
        }
        let m = PaymentMethod::parse(&method.get_untracked());
        if m.is_none() {
            errors.add("method", shared::error::why::not_a_choice());
        }
        if !shown(form, errors) {
            return;
        }
        let input = PaymentInput {
            amount_fen: None,
            paid_on: on.unwrap_or_default(),
            method: m.unwrap_or(PaymentMethod::BankTransfer),
            reference: reference.get_untracked(),
        };
        act(form, url.clone(), input, on_changed);
    };
    view! {
        <form class="card" on:submit=submit novalidate aria-labelledby="pay-title">
            <h2 id="pay-title">{t("记录发放", "Record the payment")}</h2>
            <FormError form=form/>
            <TextField label=t("发放日期", "Paid on") name="paid_on" value=paid_on form=form kind="date"/>
            <SelectField label=t("发放方式", "Method") name="method" value=method form=form choices=choices(PaymentMethod::ALL, PaymentMethod::code, PaymentMethod::label) placeholder=t("请选择", "Choose")/>
            <TextField label=t("凭证号(可不填)", "Reference (optional)") name="reference" value=reference form=form maxlength=40/>
            <button type="submit" class="btn btn--primary btn--block" disabled=move || form.busy.get()>{t("记录发放", "Record the payment")}</button>
        </form>
    }
}
