//! `/training/{id}`: one course or competition — what it is, who runs it, the
//! fee, its sessions and how full it is — and the worker's own sign-up: sign up
//! with the real name the certificate will carry (a full course puts them on
//! the waitlist, in order), where they stand, their hours, and cancelling.

use crate::api::{self, ApiFailure};
use crate::auth::{here, use_auth};
use crate::components::form::{FormError, FormState, TextField};
use crate::components::link::AppLink;
use crate::components::status::{ErrorView, Loading};
use crate::i18n::{t, text};
use crate::outbox::new_key;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use shared::api_url;
use shared::routes::Method;
use shared::training::{
    fee_text, hours_text, Course, CourseEnvelope, Enrolment, EnrolmentEnvelope, EnrolmentStatus,
    Outcome, SignupInput, SignupWindow, TrainingRoute,
};

#[component]
pub fn CoursePage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|i| i.parse::<i64>().ok()).unwrap_or(0));
    let course = LocalResource::new(move || {
        let id = id();
        async move { api::get::<CourseEnvelope>(&api_url!(TrainingRoute::Course, COURSE_ID = id)).await }
    });
    let reload = Callback::new(move |_| course.refetch());
    view! {
        <main class="page">
            <Suspense fallback=|| view! { <Loading/> }>
                {move || course.get().map(|r: Result<CourseEnvelope, ApiFailure>| match r {
                    Ok(env) => view! { <Page course=env.course mine=env.my_enrolment reload=reload/> }.into_any(),
                    Err(e) => view! { <ErrorView failure=e retry=reload/> }.into_any(),
                })}
            </Suspense>
        </main>
    }
}

#[component]
fn Page(course: Course, mine: Option<Enrolment>, reload: Callback<()>) -> impl IntoView {
    let active = mine
        .as_ref()
        .is_some_and(|e| e.status != EnrolmentStatus::Cancelled);
    let c = course.clone();
    view! {
        <h1 class="page-title">{course.title.clone()}</h1>
        <section class="card" aria-labelledby="course-facts">
            <h2 id="course-facts" class="sr-only">{t("培训信息", "About the course")}</h2>
            <dl class="facts">
                <dt>{t("类别", "Kind")}</dt><dd>{text(course.kind.label())}</dd>
                <dt>{t("工种", "Trade")}</dt><dd>{text(course.trade.label())}" · "{text(course.level.label())}</dd>
                <dt>{t("主办", "Organiser")}</dt><dd>{course.union.name.clone()}</dd>
                <dt>{t("日期", "Dates")}</dt><dd>{super::dates(course.starts_on, course.ends_on)}</dd>
                <dt>{t("课时", "Hours")}</dt><dd>{course.hours}</dd>
                <dt>{t("费用", "Fee")}</dt><dd>{text(fee_text(course.fee_fen))}</dd>
                <dt>{t("谁能报名", "Who may join")}</dt><dd>{text(course.eligibility.label())}</dd>
                <dt>{t("报名时间", "Sign-up")}</dt><dd>{format!("{} — {}", course.signup_opens_on, course.signup_closes_on)}" · "{text(course.signup.label())}</dd>
                <dt>{t("名额", "Places")}</dt><dd data-testid="places-left">{text(super::places_text(&course))}</dd>
            </dl>
            {(!course.description.is_empty()).then(|| view! { <p>{course.description.clone()}</p> })}
        </section>
        <section class="card" aria-labelledby="sessions-title">
            <h2 id="sessions-title">{t("上课时间和地点", "Sessions")}</h2>
            <ol class="rows">
                {course.sessions.iter().map(|s| view! {
                    <li class="row row--wrap">
                        <strong>{super::session_when(s)}</strong>
                        <span>{s.place_name.clone()}</span>
                        <span class="muted">{format!("{} ", s.hours)}{t("课时", "hours")}</span>
                    </li>
                }).collect_view()}
            </ol>
        </section>
        {match mine.filter(|_| active) {
            Some(e) => view! { <Mine course=course.clone() enrolment=e reload=reload/> }.into_any(),
            None => view! { <SignUp course=c reload=reload/> }.into_any(),
        }}
    }
}

/// The sign-up form, or why there is none (sign in first, the window is shut).
#[component]
fn SignUp(course: Course, reload: Callback<()>) -> impl IntoView {
    let auth = use_auth();
    let next = here();
    if course.signup != SignupWindow::Open {
        return view! { <p class="card">{text(course.signup.label())}</p> }.into_any();
    }
    view! {
        {move || match auth.worker() {
            None => view! {
                <section class="card">
                    <p>{t("报名要先用手机号登录。", "Sign in with your mobile to sign up.")}</p>
                    <AppLink href=format!("/login?next={}", shared::query::encode(&next)) class="btn btn--primary btn--block">{t("登录后报名", "Sign in to sign up")}</AppLink>
                </section>
            }.into_any(),
            Some(me) => view! { <SignUpForm course=course.clone() name=me.display_name.unwrap_or_default() reload=reload/> }.into_any(),
        }}
    }
    .into_any()
}

#[component]
fn SignUpForm(course: Course, name: String, reload: Callback<()>) -> impl IntoView {
    let name = RwSignal::new(name);
    let form = FormState::new();
    // One key per form: pressing again after a lost reply is the same sign-up.
    let key = StoredValue::new(new_key());
    let full = course.places_left == 0;
    let id = course.id;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.clear();
        let input = SignupInput {
            name: name.get_untracked(),
        };
        if !form.check(input.validate().map(|_| ())) {
            return;
        }
        form.busy.set(true);
        leptos::task::spawn_local(async move {
            let sent = api::send::<_, EnrolmentEnvelope>(
                Method::Post,
                &api_url!(TrainingRoute::SignUp, COURSE_ID = id),
                &input,
                Some(&key.get_value()),
            )
            .await;
            form.busy.set(false);
            match sent {
                Ok(_) => reload.run(()),
                Err(e) => form.failed(&e),
            }
        });
    };
    view! {
        <form class="card" on:submit=submit novalidate aria-labelledby="signup-title">
            <h2 id="signup-title">{if full { t("报名候补", "Join the waitlist") } else { t("报名", "Sign up") }}</h2>
            {full.then(|| view! { <p class="muted">{t("名额已满。报名后排在候补名单里,有人取消就按顺序递补,递补上会发短信告诉您。", "The course is full. You join the waitlist; when someone cancels the next in line gets the place and is told by SMS.")}</p> })}
            <FormError form=form/>
            <TextField label=t("真实姓名(写在结业证书上)", "Your real name (as on the certificate)") name="name" value=name form=form autocomplete="name" maxlength=20/>
            <button type="submit" class="btn btn--primary btn--block" disabled=move || form.busy.get()>
                {if full { t("报名候补", "Join the waitlist") } else { t("确认报名", "Sign up") }}
            </button>
        </form>
    }
}

/// The worker's own sign-up: where they stand, their hours and outcome, cancelling.
#[component]
fn Mine(course: Course, enrolment: Enrolment, reload: Callback<()>) -> impl IntoView {
    let form = FormState::new();
    let key = StoredValue::new(new_key());
    let id = enrolment.id;
    let confirming = RwSignal::new(false);
    let cancel = move |_| {
        if !confirming.get_untracked() {
            confirming.set(true);
            return;
        }
        form.clear();
        form.busy.set(true);
        leptos::task::spawn_local(async move {
            let sent = api::send::<_, EnrolmentEnvelope>(
                Method::Post,
                &api_url!(TrainingRoute::Cancel, ENROLMENT_ID = id),
                &(),
                Some(&key.get_value()),
            )
            .await;
            form.busy.set(false);
            match sent {
                Ok(_) => reload.run(()),
                Err(e) => form.failed(&e),
            }
        });
    };
    let standing = super::standing(&enrolment);
    let hours = hours_text(
        enrolment.attended_hours,
        enrolment.total_hours,
        enrolment.pass_percent,
    );
    let assessed = enrolment.outcome != Outcome::Pending;
    let certified = enrolment.certificate_serial.is_some();
    let spoken = (course, enrolment.clone());
    view! {
        <section class="card" aria-labelledby="mine-title">
            <h2 id="mine-title">{t("我的报名", "My sign-up")}</h2>
            <crate::easy::ReadAloud sentences=move || shared::speech::enrolment(&spoken.0, &spoken.1, crate::components::time::today())/>
            <FormError form=form/>
            <dl class="facts">
                <dt>{t("姓名", "Name")}</dt><dd>{enrolment.name.clone()}</dd>
                <dt>{t("状态", "Status")}</dt><dd data-testid="standing">{standing}</dd>
                <dt>{t("签到", "Attendance")}</dt><dd data-testid="hours">{format!("{} · ", enrolment.attended_sessions)}{t("次", "sessions")}" · "{text(hours)}</dd>
                {assessed.then(|| view! { <dt>{t("考核", "Assessment")}</dt><dd data-testid="outcome">{text(enrolment.outcome.label())}{enrolment.rank.map(|r| format!(" · {r}"))}</dd> })}
            </dl>
            {certified.then(|| view! {
                <AppLink href="/me/certificates".to_string() class="btn btn--primary btn--block">{t("查看我的结业证书", "See my certificate")}</AppLink>
            })}
            {(!assessed).then(|| view! {
                <p class="muted">{t("到了上课地点,扫工作人员出示的签到二维码签到。", "At each session, scan the check-in QR code the staff show.")}</p>
            })}
            {(!assessed && !certified).then(|| view! {
                <Show when=move || confirming.get()>
                    <p role="alert">{t("确定要取消报名吗?名额会让给候补的人。", "Cancel your sign-up? Your place goes to the next on the waitlist.")}</p>
                </Show>
                <button type="button" class="btn btn--secondary btn--block" disabled=move || form.busy.get() on:click=cancel>
                    {move || if confirming.get() { t("确定取消", "Yes, cancel")() } else { t("取消报名", "Cancel my sign-up")() }}
                </button>
            })}
        </section>
    }
}
