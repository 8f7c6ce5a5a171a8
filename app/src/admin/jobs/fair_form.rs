//! Creating a job fair for a union of the subtree: name, place, the Shanghai
//! date and times (sent as RFC 3339 UTC), the verified employers taking part,
//! and for the monthly fair "每月28日重复 N 个月".

use crate::api::{self, ApiFailure};
use crate::components::form::{FormError, FormState, TextField};
use crate::components::status::{ErrorView, Loading};
use crate::draft::FormDraft;
use crate::i18n::t;
use leptos::prelude::*;
use shared::api_url;
use shared::error::why;
use shared::jobs::{
    shanghai_time, EmployerList, EmployerStatus, JobFairInput, JobFairList, JobsRoute,
    MAX_REPEAT_MONTHS, MONTHLY_FAIR_DAY,
};
use shared::{FieldErrors, Text};

const DRAFT: &str = "gy.draft.admin.fair";

/// `"09:30"` → (9, 30).
fn clock(raw: &str) -> Option<(u32, u32)> {
    let (h, m) = raw.trim().split_once(':')?;
    let (h, m) = (h.parse().ok()?, m.get(..2)?.parse().ok()?);
    (h < 24 && m < 60).then_some((h, m))
}

#[component]
pub fn FairForm(
    union_id: i64,
    union_name: String,
    on_created: Callback<JobFairList>,
) -> impl IntoView {
    let draft = FormDraft::new(DRAFT);
    let name = draft.field("name");
    let place = draft.field("place");
    let date = draft.field("date");
    let starts = draft.field_or("starts_at", "09:00".into());
    let ends = draft.field_or("ends_at", "12:00".into());
    let repeat = draft.field_or("repeat_monthly", "0".into());
    // Employer ids, comma-separated.
    let chosen = draft.field("employer_ids");
    let form = FormState::new();
    let employers = LocalResource::new(move || async move {
        let url = api_url!(JobsRoute::AdminEmployers)
            .arg("union_id", union_id)
            .arg("status", EmployerStatus::Verified.code())
            .arg("limit", 100);
        api::get::<EmployerList>(&url).await
    });
    let ids = move || {
        chosen.with(|c| {
            c.split(',')
                .filter_map(|s| s.parse::<i64>().ok())
                .collect::<Vec<_>>()
        })
    };
    let toggle = move |id: i64| {
        let mut list = ids();
        if list.contains(&id) {
            list.retain(|x| *x != id);
        } else {
            list.push(id);
        }
        chosen.set(
            list.iter()
                .map(i64::to_string)
                .collect::<Vec<_>>()
                .join(","),
        );
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.clear();
        let mut errors = FieldErrors::new();
        let day = errors.check(
            "date",
            date.get_untracked()
                .trim()
                .parse::<chrono::NaiveDate>()
                .map_err(|_| why::bad_date()),
        );
        let bad_clock = || Text::new("时间应为 时:分,例如 09:00", "Use a time like 09:00");
        let s = errors.check(
            "starts_at",
            clock(&starts.get_untracked()).ok_or_else(bad_clock),
        );
        let e = errors.check(
            "ends_at",
            clock(&ends.get_untracked()).ok_or_else(bad_clock),
        );
        let months = errors.check(
            "repeat_monthly",
            repeat
                .get_untracked()
                .trim()
                .parse::<u8>()
                .map_err(|_| why::out_of_range(0, MAX_REPEAT_MONTHS)),
        );
        let at = |d: Option<chrono::NaiveDate>, c: Option<(u32, u32)>| {
            d.zip(c)
                .and_then(|(d, (h, m))| shanghai_time(d, h, m))
                .unwrap_or_default()
        };
        let input = JobFairInput {
            name: name.get_untracked(),
            place: place.get_untracked(),
            lat: None,
            lng: None,
            starts_at: at(day, s),
            ends_at: at(day, e),
            union_id,
            employer_ids: ids(),
            repeat_monthly: months.unwrap_or(0),
        };
        if let Err(rules) = input.validate(shared::time::from_millis(js_sys::Date::now())) {
            for r in rules.0 {
                errors.add(r.field, r.why);
            }
        }
        if !form.check(if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }) {
            return;
        }
        form.busy.set(true);
        leptos::task::spawn_local(async move {
            let sent = api::post::<_, JobFairList>(&api_url!(JobsRoute::CreateFair), &input).await;
            form.busy.set(false);
            match sent {
                Ok(list) => {
                    draft.clear();
                    on_created.try_run(list);
                }
                Err(e) => form.failed(&e),
            }
        });
    };
    let employer_error = form.error("employer_ids");
    view! {
        <form class="card" on:submit=submit novalidate aria-labelledby="fair-form-title">
            <h2 id="fair-form-title">{t("新建招聘会", "New job fair")}</h2>
            <p class="muted">{t("主办:", "Run by: ")}{union_name}</p>
            <FormError form=form/>
            <TextField label=t("名称", "Name") name="name" value=name form=form maxlength=40 hint=t("例如:2025年春风行动专场招聘会", "For example: 2025年春风行动专场招聘会")/>
            <TextField label=t("地点", "Place") name="place" value=place form=form maxlength=100 hint=t("场馆和地址,例如:瑶海区零工市场(站塘路)", "Venue and address")/>
            <TextField label=t("日期", "Date") name="date" value=date form=form kind="date"/>
            <div class="field-pair">
                <TextField label=t("开始时间", "Starts at") name="starts_at" value=starts form=form kind="time"/>
                <TextField label=t("结束时间", "Ends at") name="ends_at" value=ends form=form kind="time"/>
            </div>
            <TextField label=t("每月28日重复几个月", "Repeat on the 28th for how many more months") name="repeat_monthly" value=repeat form=form kind="number" inputmode="numeric"
                hint=t("每月28日的招聘会:第一场要在28号,0 表示只办这一场,最多11个月", "For the monthly fair: the first must be on the 28th; 0 means just this one; at most 11")/>
            <fieldset class="field employer-boxes" aria-invalid=move || employer_error.get().is_some().to_string()>
                <legend class="label">{t("参加的企业(工会已核实)", "Employers taking part (verified)")}</legend>
                <Suspense fallback=|| view! { <Loading/> }>
                    {move || employers.get().map(|r: Result<EmployerList, ApiFailure>| match r {
                        Ok(l) if l.employers.is_empty() => view! { <p class="muted">{t("还没有已核实的企业,可以先不选。", "No verified employers yet; you may leave this empty.")}</p> }.into_any(),
                        Ok(l) => l.employers.into_iter().map(|e| {
                            let id = e.id;
                            view! {
                                <label class="check">
                                    <input type="checkbox" prop:checked=move || ids().contains(&id) on:change=move |_| toggle(id)/>
                                    {e.name.clone()}
                                </label>
                            }
                        }).collect_view().into_any(),
                        Err(e) => view! { <ErrorView failure=e/> }.into_any(),
                    })}
                </Suspense>
                {move || employer_error.get().map(|e| view! { <span class="field-error" role="alert">{e}</span> })}
            </fieldset>
            <p class="field-hint">{move || format!("{}{}{}", t("本月的", "This month's fair on the ")(), MONTHLY_FAIR_DAY, t("日招聘会:日期选28号,再填重复月数。", "th: choose the 28th, then the months to repeat.")())}</p>
            <button type="submit" class="btn btn--primary btn--block" disabled=move || form.busy.get()>{t("发布招聘会", "Publish the fair")}</button>
        </form>
    }
}
