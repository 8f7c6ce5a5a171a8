//! `/admin/training/sessions/:id`: a session's attendance sheet — every
//! trainee holding a place, present or not, how it was taken (scanned the
//! code, or marked by staff and by whom) — with marking by hand.

use super::{may_act, session_when};
use crate::api::{self, ApiFailure};
use crate::components::status::{ErrorView, Loading};
use crate::components::time::local_time;
use crate::i18n::{t, text, use_lang};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use shared::api_url;
use shared::training::{AttendanceMark, AttendanceSheet, SheetRow, TrainingRoute};

#[component]
pub fn AttendancePage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let reload = RwSignal::new(0u32);
    let sheet = LocalResource::new(move || {
        reload.track();
        let id = id();
        async move {
            api::get::<AttendanceSheet>(&api_url!(
                TrainingRoute::AttendanceSheet,
                COURSE_SESSION_ID = id
            ))
            .await
        }
    });
    let changed = Callback::new(move |_: AttendanceSheet| reload.update(|n| *n += 1));
    view! {
        <main class="page">
            <Suspense fallback=|| view! { <Loading/> }>
                {move || sheet.get().map(|r: Result<AttendanceSheet, ApiFailure>| match r {
                    Ok(s) => view! { <Sheet sheet=s on_changed=changed/> }.into_any(),
                    Err(e) => view! { <ErrorView failure=e/> }.into_any(),
                })}
            </Suspense>
        </main>
    }
}

#[component]
fn Sheet(sheet: AttendanceSheet, on_changed: Callback<AttendanceSheet>) -> impl IntoView {
    let session_id = sheet.session.id;
    let (present, total) = (sheet.present, sheet.rows.len());
    view! {
        <A href=format!("/admin/training/{}", sheet.course_id) attr:class="linklike">{t("‹ 回到培训班", "‹ Back to the course")}</A>
        <h1 class="page-title">{t("签到表:", "Attendance: ")}{sheet.course_title.clone()}</h1>
        <p class="lead">{session_when(&sheet.session)}" · "{sheet.session.place_name.clone()}</p>
        <p data-testid="present">{move || format!("{} {present}/{total}", t("已到", "Present")())}</p>
        <Show when=may_act>
            <A href=format!("/admin/training/sessions/{session_id}/qr") attr:class="btn btn--secondary">{t("打开签到二维码", "Open the check-in QR code")}</A>
        </Show>
        {if sheet.rows.is_empty() {
            view! { <p class="card">{t("还没有报上的学员。", "Nobody holds a place yet.")}</p> }.into_any()
        } else {
            view! {
                <div class="table-scroll card" role="region" aria-labelledby="sheet-caption" tabindex="0">
                    <table class="figures">
                        <caption id="sheet-caption">{t("学员签到情况", "Who came")}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{t("姓名", "Name")}</th>
                                <th scope="col">{t("签到", "Present")}</th>
                                <th scope="col">{t("方式", "How")}</th>
                                <th scope="col">{t("时间", "When")}</th>
                                <th scope="col">{t("操作", "Action")}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {sheet.rows.into_iter().map(|r| view! { <Line row=r session_id=session_id on_changed=on_changed/> }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }}
    }
}

#[component]
fn Line(row: SheetRow, session_id: i64, on_changed: Callback<AttendanceSheet>) -> impl IntoView {
    let lang = use_lang();
    let error = RwSignal::new(None::<String>);
    let present = row.present;
    let enrolment_id = row.enrolment_id;
    let mark = move |_| {
        error.set(None);
        leptos::task::spawn_local(async move {
            let body = AttendanceMark {
                enrolment_id,
                present: !present,
            };
            match api::post::<_, AttendanceSheet>(
                &api_url!(
                    TrainingRoute::MarkAttendance,
                    COURSE_SESSION_ID = session_id
                ),
                &body,
            )
            .await
            {
                Ok(s) => {
                    on_changed.try_run(s);
                }
                Err(e) => error.set(Some(e.message(lang.get_untracked()))),
            }
        });
    };
    let how = row.method.map(|m| m.label());
    let name = row.name.clone();
    view! {
        <tr data-enrolment=enrolment_id>
            <th scope="row">{row.name.clone()}</th>
            <td>{if present { t("已到", "Present") } else { t("未到", "Absent") }}</td>
            <td>{how.map(text)}{row.marked_by.clone().map(|b| format!("({b})"))}</td>
            <td>{move || row.at.as_deref().map(|a| local_time(a, lang.get())).unwrap_or_default()}</td>
            <td>
                <Show when=may_act>
                    <button type="button" class="btn btn--secondary" aria-label={
                        let name = name.clone();
                        move || format!("{}{}", name, if present { t(":撤销签到", ": take the mark back")() } else { t(":登记到场", ": mark present")() })
                    } on:click=mark>
                        {if present { t("撤销", "Undo") } else { t("登记到场", "Mark present") }}
                    </button>
                </Show>
                {move || error.get().map(|e| view! { <span class="field-error" role="alert">{e}</span> })}
            </td>
        </tr>
    }
}
