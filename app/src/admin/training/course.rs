//! `/admin/training/:id`: one course for staff — its facts and sessions (each
//! with its attendance sheet and check-in QR code), the roster and waitlist
//! with assessment, and certificates for the whole course in one batch.
//! `/admin/training/new` and `/admin/training/:id/edit`: the course form.

use super::form::CourseForm;
use super::roster::RosterCard;
use super::{may_act, session_when};
use crate::admin::scope::use_scope;
use crate::api::{self, ApiFailure};
use crate::components::status::{ErrorView, Loading};
use crate::i18n::{t, text};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};
use shared::api_url;
use shared::training::{
    fee_text, national_contest_reward, Course, CourseEnvelope, CourseKind, TrainingRoute,
};

fn course_id() -> impl Fn() -> String + Copy {
    let params = use_params_map();
    move || params.with(|p| p.get("id").unwrap_or_default())
}

#[component]
pub fn NewCourse() -> impl IntoView {
    let scope = use_scope();
    let navigate = use_navigate();
    let saved = Callback::new(move |c: Course| {
        navigate(&format!("/admin/training/{}", c.id), Default::default())
    });
    view! {
        <main class="page">
            <A href="/admin/training" attr:class="linklike">{t("‹ 全部培训班", "‹ All courses")}</A>
            {move || match scope.union.get() {
                Some(u) => view! { <CourseForm union_id=u.id union_name=u.name course=None on_saved=saved/> }.into_any(),
                None => view! { <p class="card">{t("新建培训班前,请先在上方“管辖范围”里选择主办的工会。", "To create a course, first choose the union running it in the scope picker above.")}</p> }.into_any(),
            }}
        </main>
    }
}

#[component]
pub fn EditCourse() -> impl IntoView {
    let id = course_id();
    let course = LocalResource::new(move || {
        let id = id();
        async move {
            api::get::<CourseEnvelope>(&api_url!(TrainingRoute::AdminCourse, COURSE_ID = id)).await
        }
    });
    let navigate = use_navigate();
    let saved = Callback::new(move |c: Course| {
        navigate(&format!("/admin/training/{}", c.id), Default::default())
    });
    view! {
        <main class="page">
            <A href=move || format!("/admin/training/{}", id()) attr:class="linklike">{t("‹ 回到培训班", "‹ Back to the course")}</A>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || course.get().map(|r: Result<CourseEnvelope, ApiFailure>| match r {
                    Ok(env) => {
                        let c = env.course;
                        view! { <CourseForm union_id=c.union.id union_name=c.union.name.clone() course=Some(c) on_saved=saved/> }.into_any()
                    }
                    Err(e) => view! { <ErrorView failure=e/> }.into_any(),
                })}
            </Suspense>
        </main>
    }
}

#[component]
pub fn CoursePage() -> impl IntoView {
    let id = course_id();
    let reload = RwSignal::new(0u32);
    let course = LocalResource::new(move || {
        reload.track();
        let id = id();
        async move {
            api::get::<CourseEnvelope>(&api_url!(TrainingRoute::AdminCourse, COURSE_ID = id)).await
        }
    });
    view! {
        <main class="page">
            <A href="/admin/training" attr:class="linklike">{t("‹ 全部培训班", "‹ All courses")}</A>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || course.get().map(|r: Result<CourseEnvelope, ApiFailure>| match r {
                    Ok(env) => view! { <Desk course=env.course/> }.into_any(),
                    Err(e) => view! { <ErrorView failure=e/> }.into_any(),
                })}
            </Suspense>
        </main>
    }
}

#[component]
fn Desk(course: Course) -> impl IntoView {
    let id = course.id;
    let competition = course.kind == CourseKind::Competition;
    view! {
        <h1 class="page-title">{course.title.clone()}</h1>
        <p class="lead">{text(course.kind.label())}" · "{text(course.trade.label())}" · "{text(course.level.label())}</p>
        <section class="card" aria-labelledby="facts-title">
            <h2 id="facts-title">{t("基本情况", "Facts")}</h2>
            <dl class="facts">
                <dt>{t("主办", "Run by")}</dt><dd>{course.union.name.clone()}</dd>
                <dt>{t("日期", "Dates")}</dt><dd>{format!("{} — {}", course.starts_on, course.ends_on)}</dd>
                <dt>{t("课时", "Hours")}</dt><dd>{course.hours}</dd>
                <dt>{t("名额", "Places")}</dt><dd data-testid="places">{format!("{}/{}", course.enrolled, course.places)}{move || if course.waitlisted > 0 { format!(" · {} {}", t("候补", "waitlist")(), course.waitlisted) } else { String::new() }}</dd>
                <dt>{t("报名", "Sign-up")}</dt><dd>{format!("{} — {} ", course.signup_opens_on, course.signup_closes_on)}{text(course.signup.label())}</dd>
                <dt>{t("谁可以报名", "Who may sign up")}</dt><dd>{text(course.eligibility.label())}</dd>
                <dt>{t("费用", "Fee")}</dt><dd>{text(fee_text(course.fee_fen))}</dd>
                {(!competition).then(|| view! { <dt>{t("课时达标率", "Hours needed")}</dt><dd>{format!("{}%", course.pass_percent)}</dd> })}
                {(!course.description.is_empty()).then(|| view! { <dt>{t("介绍", "About")}</dt><dd>{course.description.clone()}</dd> })}
            </dl>
            <Show when=may_act>
                <A href=format!("/admin/training/{id}/edit") attr:class="btn btn--secondary">{t("修改培训班", "Edit the course")}</A>
            </Show>
        </section>
        {competition.then(|| view! {
            <p class="card muted">
                {t("名次由工作人员评定。全国职工职业技能大赛的奖励供参考:", "Ranks are recorded by staff. For reference, in the national workers' skills contest: ")}
                {text(national_contest_reward(1).unwrap_or_else(|| shared::Text::new("", "")))}{t("(前5名);", " (places 1–5); ")}
                {text(national_contest_reward(6).unwrap_or_else(|| shared::Text::new("", "")))}{t("(第6–20名)。", " (places 6–20).")}
            </p>
        })}
        <section class="card" aria-labelledby="sessions-title">
            <h2 id="sessions-title">{if competition { t("比赛日", "Event") } else { t("课程安排", "Sessions") }}</h2>
            <ul class="rows" aria-label=t("课程安排", "Sessions")>
                {course.sessions.iter().map(|s| {
                    let sid = s.id;
                    view! {
                        <li class="row row--wrap">
                            <div>
                                <strong>{session_when(s)}</strong>" · "{s.hours}{t(" 课时", " hours")}
                                <div class="muted">{s.place_name.clone()}</div>
                            </div>
                            <div class="actions">
                                <A href=format!("/admin/training/sessions/{sid}") attr:class="btn btn--secondary">{t("签到表", "Attendance sheet")}</A>
                                <Show when=may_act>
                                    <A href=format!("/admin/training/sessions/{sid}/qr") attr:class="btn btn--secondary">{t("签到二维码", "Check-in QR code")}</A>
                                </Show>
                            </div>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
        <RosterCard course_id=id/>
    }
}
