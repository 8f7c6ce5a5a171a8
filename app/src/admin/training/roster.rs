//! The roster of a course: who holds a place (attendance, 课时达标率, the
//! assessment and its buttons), the waitlist in the order it is served, and
//! certificates for the whole course in one batch.

use super::may_act;
use crate::api::{self, ApiFailure};
use crate::components::status::{ErrorView, Loading};
use crate::i18n::{t, text, use_lang};
use leptos::prelude::*;
use shared::api_url;
use shared::training::*;

#[component]
pub fn RosterCard(course_id: i64) -> impl IntoView {
    let reload = RwSignal::new(0u32);
    let roster = LocalResource::new(move || {
        reload.track();
        async move { api::get::<Roster>(&api_url!(TrainingRoute::Roster, COURSE_ID = course_id)).await }
    });
    let refresh = Callback::new(move |_| reload.update(|n| *n += 1));
    // Kept here, outside the list that is redrawn after each change.
    let issued = RwSignal::new(None::<Result<IssueReply, String>>);
    view! {
        <Suspense fallback=|| view! { <Loading/> }>
            {move || roster.get().map(|r: Result<Roster, ApiFailure>| match r {
                Ok(r) => view! { <RosterView roster=r refresh=refresh issued=issued/> }.into_any(),
                Err(e) => view! { <ErrorView failure=e/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn RosterView(
    roster: Roster,
    refresh: Callback<()>,
    issued: RwSignal<Option<Result<IssueReply, String>>>,
) -> impl IntoView {
    let course = roster.course.clone();
    let sessions = course.sessions.len();
    let competition = course.kind == CourseKind::Competition;
    let waitlist = roster.waitlist.clone();
    let (enrolled, places, waiting, cancelled) = (
        roster.enrolled.len(),
        course.places,
        roster.waitlist.len(),
        roster.cancelled,
    );
    view! {
        <section class="card" aria-labelledby="roster-title">
            <h2 id="roster-title">{t("学员名单", "Roster")}</h2>
            <p class="muted">
                {move || format!("{} {enrolled}/{places} · {} {waiting} · {} {cancelled}", t("已报上", "Enrolled")(), t("候补", "Waitlist")(), t("已取消", "Cancelled")())}
            </p>
            {if roster.enrolled.is_empty() {
                view! { <p>{t("还没有人报名。", "Nobody has signed up yet.")}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll" role="region" aria-labelledby="roster-caption" tabindex="0">
                        <table class="figures roster">
                            <caption id="roster-caption">{t("报上的学员", "Trainees holding a place")}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{t("姓名", "Name")}</th>
                                    <th scope="col">{t("手机", "Mobile")}</th>
                                    <th scope="col">{t("出勤", "Attended")}</th>
                                    <th scope="col">{t("课时达标率", "Hours attended")}</th>
                                    <th scope="col">{t("评定", "Assessment")}</th>
                                    <th scope="col">{t("证书", "Certificate")}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {roster.enrolled.iter().cloned().map(|e| view! { <Trainee entry=e sessions=sessions competition=competition refresh=refresh/> }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
            <Show when=may_act>
                <IssueButton course_id=course.id refresh=refresh result=issued/>
            </Show>
        </section>
        <section class="card" aria-labelledby="waitlist-title">
            <h2 id="waitlist-title">{t("候补名单", "Waitlist")}</h2>
            <p class="muted">{t("有人取消或增加名额时,排在最前的自动转正,并收到短信。", "When a place frees or places are added, the first in line is promoted and texted.")}</p>
            {if waitlist.is_empty() {
                view! { <p>{t("没有人候补。", "Nobody is waiting.")}</p> }.into_any()
            } else {
                view! {
                    <ol class="rows" aria-label=t("候补名单", "Waitlist")>
                        {waitlist.into_iter().map(|e| view! {
                            <li class="row"><span>{move || format!("{} {}", t("第", "No. ")(), e.waitlist_position.unwrap_or(0))}{t(" 位", "")}" · "<strong>{e.name.clone()}</strong></span><span class="muted">{e.phone.clone()}</span></li>
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn Trainee(
    entry: RosterEntry,
    sessions: usize,
    competition: bool,
    refresh: Callback<()>,
) -> impl IntoView {
    let lang = use_lang();
    let id = entry.enrolment_id;
    let error = RwSignal::new(None::<String>);
    let rank = RwSignal::new(entry.rank.map(|r| r.to_string()).unwrap_or_default());
    let send = move |input: AssessmentInput| {
        error.set(None);
        leptos::task::spawn_local(async move {
            match api::post::<_, RosterEntryEnvelope>(
                &api_url!(TrainingRoute::Assess, ENROLMENT_ID = id),
                &input,
            )
            .await
            {
                Ok(_) => {
                    refresh.try_run(());
                }
                Err(e) => {
                    let why = e
                        .field("outcome")
                        .or_else(|| e.field("rank"))
                        .unwrap_or_else(|| e.message(lang.get_untracked()));
                    error.set(Some(why));
                }
            }
        });
    };
    let outcome = entry.outcome;
    let certified = entry.certificate_serial.clone();
    let locked = certified.is_some();
    let name = entry.name.clone();
    let rank_id = format!("rank-{id}");
    view! {
        <tr data-enrolment=id>
            <th scope="row">{entry.name.clone()}</th>
            <td>{entry.phone.clone()}</td>
            <td>{format!("{}/{sessions}", entry.attended.len())}</td>
            <td>
                {format!("{}%", entry.percent)}
                {if entry.hours_met { view! { <span class="tag">{t("达标", "met")}</span> }.into_any() } else { view! { <span class="tag tag--warn">{t("未达标", "below")}</span> }.into_any() }}
            </td>
            <td>
                <span class="tag" class:tag--off=outcome == Outcome::Pending>{text(outcome.label())}{entry.rank.map(|r| format!(" {r}"))}</span>
                <Show when=move || may_act() && !locked>
                    {if competition {
                        let name = name.clone();
                        view! {
                            <label for=rank_id.clone() class="sr-only">{move || format!("{}{}", name, t("的名次", " — rank")())}</label>
                            <input id=rank_id.clone() class="rank-input" type="number" inputmode="numeric" min="1" prop:value=move || rank.get() on:input=move |ev| rank.set(event_target_value(&ev))/>
                            <button type="button" class="btn btn--secondary" on:click=move |_| send(AssessmentInput { outcome: Outcome::Placed, rank: rank.get_untracked().trim().parse().ok(), note: None })>{t("定名次", "Set rank")}</button>
                        }.into_any()
                    } else {
                        let (n1, n2) = (name.clone(), name.clone());
                        view! {
                            <button type="button" class="btn btn--secondary" aria-label=move || format!("{}{}", n1, t(":合格", ": passed")()) on:click=move |_| send(AssessmentInput { outcome: Outcome::Passed, rank: None, note: None })>{t("合格", "Pass")}</button>
                            <button type="button" class="btn btn--secondary" aria-label=move || format!("{}{}", n2, t(":不合格", ": failed")()) on:click=move |_| send(AssessmentInput { outcome: Outcome::Failed, rank: None, note: None })>{t("不合格", "Fail")}</button>
                        }.into_any()
                    }}
                </Show>
                {move || error.get().map(|e| view! { <span class="field-error" role="alert">{e}</span> })}
            </td>
            <td>{certified.clone().unwrap_or_else(|| "—".into())}</td>
        </tr>
    }
}

#[component]
fn IssueButton(
    course_id: i64,
    refresh: Callback<()>,
    result: RwSignal<Option<Result<IssueReply, String>>>,
) -> impl IntoView {
    let lang = use_lang();
    let busy = RwSignal::new(false);
    let issue = move |_| {
        busy.set(true);
        leptos::task::spawn_local(async move {
            let r = api::post::<_, IssueReply>(
                &api_url!(TrainingRoute::IssueCertificates, COURSE_ID = course_id),
                &(),
            )
            .await;
            busy.set(false);
            result.set(Some(r.map_err(|e| e.message(lang.get_untracked()))));
            refresh.try_run(());
        });
    };
    view! {
        <div class="issue">
            <button type="button" class="btn btn--primary" disabled=move || busy.get() on:click=issue>{t("为全班发结业证书", "Issue certificates for the whole course")}</button>
            <p class="field-hint">{t("考核合格且课时达标的学员(竞赛:有名次的)每人一本;已发过的不重复发。", "One each for those passed with the hours met (competitions: those placed); none twice.")}</p>
            {move || result.get().map(|r| match r {
                Ok(reply) => view! {
                    <p class="notice" role="status">
                        {move || format!("{} {} {} · {} {} · {} {}", t("本次发证", "Issued now:")(), reply.issued, t("本", "")(), t("已有证书", "already held:")(), reply.already, t("未达到发证条件", "not eligible:")(), reply.not_eligible)}
                    </p>
                    <ul class="rows" aria-label=t("本班证书", "Certificates of this course")>
                        {reply.certificates.iter().map(|c| view! {
                            <li class="row"><span><strong>{c.holder_name.clone()}</strong>" · "{c.name.clone()}</span><code>{c.serial.clone()}</code></li>
                        }).collect_view()}
                    </ul>
                }.into_any(),
                Err(message) => view! { <p class="form-error" role="alert">{message}</p> }.into_any(),
            })}
        </div>
    }
}
