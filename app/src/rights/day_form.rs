//! `/rights/new` and `/rights/entry/:id/correct`: one day's form. What is
//! typed is kept on the phone (a reload or a closed app loses nothing); the
//! site and the boss of the last day are offered again, since most days are
//! like the one before. Sent through the outbox: with no signal the day
//! waits on the phone and goes, once, when the signal returns. A correction
//! starts from the day it corrects and is sent as a new entry naming it.

use super::KIND;
use crate::api;
use crate::auth::RequireWorker;
use crate::components::attachments::{forget, FilePicker};
use crate::components::choice::{Choice, SelectField};
use crate::components::form::{FormError, FormState, TextArea, TextField};
use crate::components::status::{ErrorView, Loading};
use crate::components::time::today;
use crate::draft::FormDraft;
use crate::i18n::t;
use crate::outbox::{self, Submitted};
use crate::storage;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};
use serde::{Deserialize, Serialize};
use shared::api_url;
use shared::attachments::AttachmentView;
use shared::error::why;
use shared::money::{amount, parse_yuan};
use shared::rights::*;
use shared::routes::Method;
use shared::FieldErrors;

/// The site and the boss of the last day sent, to start the next one from.
const LAST: &str = "gy.rights.last";
const FILES: &str = "rights.locker";

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Last {
    project: String,
    address: String,
    boss_name: String,
    boss_phone: String,
    pay_kind: String,
    rate: String,
}

#[component]
pub fn NewDay() -> impl IntoView {
    view! {
        <main class="page">
            <h1 class="page-title">{t("记一天", "Record a day")}</h1>
            <RequireWorker>
                <DayForm base=None/>
            </RequireWorker>
        </main>
    }
}

#[component]
pub fn CorrectDay() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0));
    let entry = LocalResource::new(move || {
        let url = api_url!(LockerRoute::Entry, LOCKER_ENTRY_ID = id());
        async move { api::get::<EntryEnvelope>(&url).await }
    });
    view! {
        <main class="page">
            <h1 class="page-title">{t("更正这一天", "Correct this day")}</h1>
            <RequireWorker>
                <p class="muted">{t("原来的记录会留着,标为“已更正”;汇总只算更正后的。", "The first record stays, marked corrected; the summary counts the correction.")}</p>
                <Suspense fallback=|| view! { <Loading/> }>
                    {move || entry.get().map(|r| match r {
                        Ok(e) => view! { <DayForm base=Some(e.entry)/> }.into_any(),
                        Err(e) => view! { <ErrorView failure=e/> }.into_any(),
                    })}
                </Suspense>
            </RequireWorker>
        </main>
    }
}

fn yuan_text(fen: i64) -> String {
    if fen == 0 {
        String::new()
    } else {
        amount(fen).replace(',', "")
    }
}

/// Money typed in yuan; blank is 0 when `optional`.
fn money(errors: &mut FieldErrors, field: &str, raw: &str, optional: bool) -> i64 {
    if optional && raw.trim().is_empty() {
        return 0;
    }
    match parse_yuan(raw) {
        Ok(fen) => fen,
        Err(why) => {
            errors.add(field, why);
            0
        }
    }
}

#[component]
fn DayForm(base: Option<LockerEntry>) -> impl IntoView {
    let last: Last = storage::get_json(LAST).unwrap_or_default();
    let key = match &base {
        Some(e) => format!("gy.rights.correct.{}", e.id),
        None => "gy.rights.day".to_string(),
    };
    let draft = FormDraft::new(key);
    let d = base.as_ref().map(|e| e.day.clone());
    let start = |from_base: Option<String>, from_last: &str| {
        from_base.unwrap_or_else(|| from_last.to_string())
    };
    let date = draft.field_or(
        "date",
        d.as_ref()
            .map_or(today().to_string(), |d| d.date.to_string()),
    );
    let project = draft.field_or(
        "project",
        start(d.as_ref().map(|d| d.project.clone()), &last.project),
    );
    let address = draft.field_or(
        "address",
        start(d.as_ref().map(|d| d.address.clone()), &last.address),
    );
    let boss_name = draft.field_or(
        "boss_name",
        start(d.as_ref().map(|d| d.employer_name.clone()), &last.boss_name),
    );
    let boss_phone = draft.field_or(
        "boss_phone",
        start(d.as_ref().map(|d| d.boss_phone.clone()), &last.boss_phone),
    );
    let pay_kind = draft.field_or(
        "pay_kind",
        d.as_ref().map_or_else(
            || {
                if last.pay_kind.is_empty() {
                    PayKind::Day.code().to_string()
                } else {
                    last.pay_kind.clone()
                }
            },
            |d| d.pay_kind.code().to_string(),
        ),
    );
    let quantity = draft.field_or(
        "quantity",
        d.as_ref()
            .map_or("1".to_string(), |d| quantity_text(d.quantity_x100)),
    );
    let rate = draft.field_or(
        "rate",
        start(d.as_ref().map(|d| yuan_text(d.rate_fen)), &last.rate),
    );
    let advance = draft.field_or(
        "advance",
        d.as_ref()
            .map_or(String::new(), |d| yuan_text(d.advance_fen)),
    );
    let paid = draft.field_or(
        "paid",
        d.as_ref().map_or(String::new(), |d| yuan_text(d.paid_fen)),
    );
    let note = draft.field_or("note", d.as_ref().map_or(String::new(), |d| d.note.clone()));
    let files: RwSignal<Vec<AttachmentView>> = RwSignal::new(Vec::new());
    let uploading = RwSignal::new(0usize);
    let form = FormState::new();
    let navigate = use_navigate();
    let supersedes = base.as_ref().map(|e| e.id);
    let employer_id = d.as_ref().and_then(|d| d.employer_id);
    let position = d.as_ref().and_then(|d| d.position);
    let kept_files: Vec<String> = d
        .as_ref()
        .map(|d| d.attachments.clone())
        .unwrap_or_default();

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.clear();
        let mut errors = FieldErrors::new();
        let kind = PayKind::parse(&pay_kind.get_untracked()).unwrap_or(PayKind::Day);
        let quantity_x100 = match parse_quantity(&quantity.get_untracked()) {
            Some(q) => q,
            None => {
                errors.add("quantity_x100", why::required());
                0
            }
        };
        let rate_fen = money(&mut errors, "rate_fen", &rate.get_untracked(), false);
        let advance_fen = money(&mut errors, "advance_fen", &advance.get_untracked(), true);
        let paid_fen = money(&mut errors, "paid_fen", &paid.get_untracked(), true);
        let mut attachments = kept_files.clone();
        attachments.extend(files.get_untracked().into_iter().map(|f| f.id));
        let input = EntryInput {
            date: date.get_untracked(),
            project: project.get_untracked(),
            address: address.get_untracked(),
            position,
            employer_id,
            boss_name: if employer_id.is_some() {
                String::new()
            } else {
                boss_name.get_untracked()
            },
            boss_phone: if employer_id.is_some() {
                String::new()
            } else {
                boss_phone.get_untracked()
            },
            pay_kind: kind,
            quantity_x100,
            rate_fen,
            advance_fen,
            paid_fen,
            note: note.get_untracked(),
            attachments,
            supersedes,
        };
        if let Err(mut e) = input.validate(today()) {
            for x in errors.0.drain(..) {
                e.add(x.field, x.why);
            }
            form.check(Err(e));
            return;
        }
        if !errors.is_empty() {
            form.check(Err(errors));
            return;
        }
        form.busy.set(true);
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            let path = api_url!(LockerRoute::Append);
            let outcome =
                outbox::submit::<_, EntryEnvelope>(KIND, Method::Post, &path, &input).await;
            let remember = || {
                storage::set_json(
                    LAST,
                    &Last {
                        project: input.project.clone(),
                        address: input.address.clone(),
                        boss_name: input.boss_name.clone(),
                        boss_phone: input.boss_phone.clone(),
                        pay_kind: input.pay_kind.code().to_string(),
                        rate: yuan_text(input.rate_fen),
                    },
                )
            };
            match outcome {
                Submitted::Sent(e) => {
                    remember();
                    draft.clear();
                    forget(FILES).await;
                    navigate(&format!("/rights/entry/{}", e.entry.id), Default::default());
                }
                Submitted::Queued => {
                    remember();
                    draft.clear();
                    navigate("/rights", Default::default());
                }
                Submitted::Refused(e) => form.failed(&e),
            }
            form.busy.set(false);
        });
    };
    let kinds = PayKind::ALL
        .iter()
        .map(|k| Choice::new(k.code(), k.label()))
        .collect::<Vec<_>>();
    let unit = move || {
        PayKind::parse(&pay_kind.get())
            .unwrap_or(PayKind::Day)
            .unit()
    };
    view! {
        <form class="card" on:submit=submit novalidate>
            <FormError form=form/>
            <TextField label=t("日期", "Date") name="date" value=date form=form kind="date"/>
            <TextField label=t("项目名称(工地告示牌上的)", "Project (as on the site's notice board)") name="project" value=project form=form maxlength=60/>
            <TextField label=t("工地地址", "Site address") name="address" value=address form=form maxlength=120 voice=true/>
            {employer_id.is_none().then(|| view! {
                <TextField label=t("包工头(老板)姓名", "Labour boss's name") name="boss_name" value=boss_name form=form maxlength=30/>
                <TextField label=t("包工头电话", "Labour boss's phone") name="boss_phone" value=boss_phone form=form kind="tel" inputmode="tel" autocomplete="off"/>
            })}
            <SelectField label=t("怎么算工钱", "How the day is paid") name="pay_kind" value=pay_kind form=form choices=kinds placeholder=t("请选择", "Choose")/>
            <div class="locker-pair">
                <TextField label=t("干了多少", "How much") name="quantity_x100" value=quantity form=form inputmode="decimal" hint=Signal::derive(move || if unit().zh == "天" { t("天数,半天填 0.5", "Days; half a day is 0.5")() } else if unit().zh == "小时" { t("小时数", "Hours")() } else { t("方、平米或件数", "Units")() })/>
                <TextField label=t("说好的单价(元)", "Agreed rate (yuan)") name="rate_fen" value=rate form=form inputmode="decimal"/>
            </div>
            <div class="locker-pair">
                <TextField label=t("今天借支(元,没有不填)", "Advance today (yuan, optional)") name="advance_fen" value=advance form=form inputmode="decimal"/>
                <TextField label=t("今天结了工钱(元,没有不填)", "Wages paid today (yuan, optional)") name="paid_fen" value=paid form=form inputmode="decimal"/>
            </div>
            <TextArea label=t("备注(干了什么活、谁在场)", "Note (the work, who was there)") name="note" value=note form=form maxlength=500/>
            <FilePicker scope=FILES files=files waiting=uploading label=t("照片:工地、维权告示牌、考勤本", "Photos: the site, the rights notice board, the attendance book") error=form.error("attachments")/>
            <button type="submit" class="btn btn--primary btn--block btn--big" disabled=move || { form.busy.get() || uploading.get() > 0 }>
                {move || if uploading.get() > 0 { t("照片上传中…", "Sending photos…")() } else { t("保存这一天", "Save this day")() }}
            </button>
            <p class="muted">{t("没有网络也能保存:记录先存在手机上,有网络后自动上传,只记一次。", "Works without a signal: the day is kept on this phone and sent once when there is one.")}</p>
        </form>
    }
}
