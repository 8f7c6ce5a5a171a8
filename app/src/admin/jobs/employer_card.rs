//! One employer in the staff list: its record, and the staff's actions —
//! verify, suspend (with a note), reinstate; raise a flag with a reason and a
//! note; clear a flag (it stays on the record as cleared).

use super::employers::area_name;
use super::may_act;
use crate::api;
use crate::components::choice::{code_of, from_code, Choice, SelectField};
use crate::components::form::{FormError, FormState, TextField};
use crate::components::time::local_time;
use crate::i18n::{t, use_lang};
use leptos::prelude::*;
use shared::api_url;
use shared::jobs::{
    Employer, EmployerEnvelope, EmployerFlag, EmployerFlagInput, EmployerStatus,
    EmployerStatusChange, JobsRoute, ReportReason,
};
use shared::membership::JoinArea;

#[component]
pub fn EmployerCard(
    employer: Employer,
    areas: Signal<Vec<JoinArea>>,
    on_changed: Callback<Employer>,
) -> impl IntoView {
    let lang = use_lang();
    let id = employer.id;
    let title_id = format!("employer-{id}");
    let labelled_by = title_id.clone();
    let status = employer.status;
    let region = employer.region_code.clone();
    let phone = employer.contact_phone.clone().unwrap_or_default();
    view! {
        <article class="card employer" aria-labelledby=labelled_by>
            <div class="review-head">
                <h2 id=title_id>{employer.name.clone()}</h2>
                <span class="tag" class:tag--warn=status == EmployerStatus::Pending class:tag--off=status == EmployerStatus::Suspended>
                    {move || status.label().get(lang.get()).to_string()}
                </span>
                {(employer.open_flags() > 0).then(|| view! { <span class="tag tag--warn">{employer.open_flags()}" "{t("个问题标记", "open flag(s)")}</span> })}
            </div>
            <dl class="facts">
                <dt>{t("统一社会信用代码", "Credit code")}</dt><dd><code>{employer.uscc.clone()}</code></dd>
                <dt>{t("联系人", "Contact")}</dt>
                <dd>{employer.contact_name.clone()}" "<a href=format!("tel:{phone}") class="phone-link">{phone.clone()}</a></dd>
                <dt>{t("招工地区", "Hires in")}</dt><dd>{move || area_name(&areas.get(), &region)}</dd>
                <dt>{t("负责核实的工会", "Union in charge")}</dt><dd>{employer.union.name.clone()}</dd>
                {employer.verified_by.clone().map(|u| view! {
                    <dt>{t("核实", "Verified")}</dt>
                    <dd>{u.name}{employer.verified_at.clone().map(|at| format!(" · {}", local_time(&at, lang.get_untracked())))}</dd>
                })}
                <dt>{t("登记时间", "Registered")}</dt><dd>{move || local_time(&employer.created_at, lang.get())}</dd>
                <dt>{t("已发布岗位 · 已录用", "Jobs posted · hired")}</dt><dd>{employer.jobs_posted}" · "{employer.hires}</dd>
            </dl>
            <Flags id=id flags=employer.flags.clone() on_changed=on_changed/>
            <Show when=may_act>
                <StatusActions id=id status=status on_changed=on_changed/>
                <RaiseFlag id=id on_changed=on_changed/>
            </Show>
        </article>
    }
}

#[component]
fn StatusActions(id: i64, status: EmployerStatus, on_changed: Callback<Employer>) -> impl IntoView {
    let note = RwSignal::new(String::new());
    let form = FormState::new();
    let change = move |next: EmployerStatus| {
        form.clear();
        let n = note.get_untracked();
        let body = EmployerStatusChange {
            status: next,
            note: Some(n).filter(|n| !n.trim().is_empty()),
        };
        if !form.check(body.validate(status)) {
            return;
        }
        form.busy.set(true);
        leptos::task::spawn_local(async move {
            let sent = api::post::<_, EmployerEnvelope>(
                &api_url!(JobsRoute::SetEmployerStatus, EMPLOYER_ID = id),
                &body,
            )
            .await;
            form.busy.set(false);
            match sent {
                Ok(env) => {
                    on_changed.try_run(env.employer);
                }
                Err(e) => form.failed(&e),
            }
        });
    };
    let button = move |next: EmployerStatus,
                       zh: &'static str,
                       en: &'static str,
                       class: &'static str| {
        status.can_become(next).then(|| view! {
            <button type="button" class=class disabled=move || form.busy.get() on:click=move |_| change(next)>{t(zh, en)}</button>
        })
    };
    let hint = match status {
        EmployerStatus::Pending => t(
            "核实通过后,企业等待中的草稿岗位会自动发布。不通过请写明原因。",
            "Once verified, the employer's waiting drafts go online. If you refuse, say why.",
        ),
        EmployerStatus::Verified => t(
            "暂停后企业的岗位不再对工友显示,请写明原因。",
            "Once suspended, its jobs are hidden from workers; say why.",
        ),
        EmployerStatus::Suspended => t(
            "恢复后企业可以重新发布岗位。",
            "Once reinstated, it may post jobs again.",
        ),
    };
    view! {
        <div class="confirm">
            <FormError form=form/>
            <TextField label=t("备注(暂停时必填)", "Note (required to suspend)") name="note" value=note form=form maxlength=200 hint=hint id=format!("employer-{id}-note")/>
            <div class="actions">
                {button(EmployerStatus::Verified, if status == EmployerStatus::Suspended { "恢复" } else { "核实通过" }, if status == EmployerStatus::Suspended { "Reinstate" } else { "Verify" }, "btn btn--primary")}
                {button(EmployerStatus::Suspended, if status == EmployerStatus::Pending { "不通过(暂停)" } else { "暂停" }, if status == EmployerStatus::Pending { "Refuse (suspend)" } else { "Suspend" }, "btn btn--danger")}
            </div>
        </div>
    }
}

#[component]
fn Flags(id: i64, flags: Vec<EmployerFlag>, on_changed: Callback<Employer>) -> impl IntoView {
    let lang = use_lang();
    let failure = RwSignal::new(None::<String>);
    let clear = move |flag_id: i64| {
        leptos::task::spawn_local(async move {
            match api::post::<_, EmployerEnvelope>(
                &api_url!(JobsRoute::ClearFlag, EMPLOYER_ID = id, FLAG_ID = flag_id),
                &(),
            )
            .await
            {
                Ok(env) => {
                    on_changed.try_run(env.employer);
                }
                Err(e) => failure.set(Some(e.message(lang.get_untracked()))),
            }
        });
    };
    (!flags.is_empty()).then(|| view! {
        <h3>{t("问题标记", "Flags")}</h3>
        {move || failure.get().map(|m| view! { <p class="form-error" role="alert">{m}</p> })}
        <ul class="rows">
            {flags.into_iter().map(|f| {
                let cleared = f.cleared_at.is_some();
                let fid = f.id;
                view! {
                    <li class="row row--wrap">
                        <div>
                            <strong>{move || f.reason.label().get(lang.get()).to_string()}</strong>
                            {cleared.then(|| view! { <span class="tag tag--off">{t("已清除", "Cleared")}</span> })}
                            <div>{f.note.clone().unwrap_or_default()}</div>
                            <div class="muted">{f.raised_by.name.clone()}" · "{local_time(&f.raised_at, lang.get_untracked())}</div>
                        </div>
                        <Show when=move || !cleared && may_act()>
                            <button type="button" class="btn btn--secondary" on:click=move |_| clear(fid)>{t("清除标记", "Clear")}</button>
                        </Show>
                    </li>
                }
            }).collect_view()}
        </ul>
    })
}

#[component]
fn RaiseFlag(id: i64, on_changed: Callback<Employer>) -> impl IntoView {
    let open = RwSignal::new(false);
    let reason = RwSignal::new(code_of(&ReportReason::FakeJob));
    let note = RwSignal::new(String::new());
    let form = FormState::new();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.clear();
        let Some(r) = from_code::<ReportReason>(&reason.get_untracked()) else {
            form.fields.update(|f| {
                f.insert(
                    "reason".into(),
                    shared::error::why::not_a_choice()
                        .get(crate::i18n::current())
                        .to_string(),
                );
            });
            return;
        };
        let body = EmployerFlagInput {
            reason: r,
            job_id: None,
            note: note.get_untracked(),
        };
        if !form.check(body.validate().map(|_| ())) {
            return;
        }
        form.busy.set(true);
        leptos::task::spawn_local(async move {
            let sent = api::post::<_, EmployerEnvelope>(
                &api_url!(JobsRoute::RaiseFlag, EMPLOYER_ID = id),
                &body,
            )
            .await;
            form.busy.set(false);
            match sent {
                Ok(env) => {
                    on_changed.try_run(env.employer);
                }
                Err(e) => form.failed(&e),
            }
        });
    };
    let reasons: Vec<Choice> = ReportReason::ALL
        .iter()
        .map(|r| Choice::new(code_of(r), r.label()))
        .collect();
    view! {
        <Show when=move || open.get() fallback=move || view! {
            <button type="button" class="btn btn--secondary" on:click=move |_| open.set(true)>{t("标记问题…", "Raise a flag…")}</button>
        }>
            <form class="confirm" on:submit=submit novalidate>
                <FormError form=form/>
                <SelectField label=t("什么问题", "What is wrong") name="reason" value=reason form=form choices=reasons.clone() placeholder=t("请选择", "Choose") id=format!("employer-{id}-reason")/>
                <TextField label=t("核查情况(会显示在企业档案上)", "What you found (shown on the employer's record)") name="note" value=note form=form maxlength=200 id=format!("employer-{id}-flag-note")/>
                <div class="actions">
                    <button type="submit" class="btn btn--danger" disabled=move || form.busy.get()>{t("标记", "Raise the flag")}</button>
                    <button type="button" class="btn btn--secondary" on:click=move |_| { open.set(false); form.clear(); }>{t("取消", "Cancel")}</button>
                </div>
            </form>
        </Show>
    }
}
