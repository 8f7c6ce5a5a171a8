//! `/services` (服务): the union's services for the worker. Today: free skills
//! courses and competitions open for sign-up, nearest first when the phone
//! knows where the worker is (the place chosen on the stations page, or the
//! position shared here), each with its places left; and, when signed in, the
//! worker's own sign-ups with where they stand.

use crate::api;
use crate::auth::use_auth;
use crate::components::link::AppLink;
use crate::components::status::{ErrorView, Loading};
use crate::draft::persisted;
use crate::i18n::{t, text, use_lang};
use crate::stations::place::{locate, Place};
use leptos::prelude::*;
use shared::api_url;
use shared::jobs::matching::distance_text;
use shared::training::{fee_text, Course, CourseList, Enrolment, EnrolmentList, TrainingRoute};

#[component]
pub fn Services() -> impl IntoView {
    let auth = use_auth();
    view! {
        <main class="page">
            <h1 class="page-title">{t("服务", "Services")}</h1>
            <section class="card" aria-labelledby="worklog-link">
                <h2 id="worklog-link">{t("记工本 · 讨薪证据", "Work log · evidence for unpaid wages")}</h2>
                <p class="muted">{t("每天记工,工会存证,没有网络也能记。", "Record each day; the union keeps it as evidence. Works offline.")}</p>
                <AppLink href="/rights".to_string() class="btn btn--secondary btn--block">{t("打开记工本", "Open my work log")}</AppLink>
            </section>
            {move || auth.worker().map(|_| view! { <MyEnrolments/> })}
            <crate::benefits::ServicesCard/>
            <Courses/>
        </main>
    }
}

#[component]
fn Courses() -> impl IntoView {
    let place = persisted("gy.place", None::<Place>);
    let problem = RwSignal::new(false);
    let list = LocalResource::new(move || {
        let url = match place.get() {
            Some(p) => api_url!(TrainingRoute::Courses)
                .arg("lat", p.at.lat)
                .arg("lng", p.at.lng),
            None => api_url!(TrainingRoute::Courses),
        };
        async move { api::get::<CourseList>(&url).await }
    });
    let near = move |_| {
        problem.set(false);
        leptos::task::spawn_local(async move {
            match locate().await {
                Ok(at) => place.set(Some(Place { at, area: None })),
                Err(_) => problem.set(true),
            }
        });
    };
    view! {
        <section aria-labelledby="courses-title">
            <h2 id="courses-title">{t("免费技能培训", "Free skills training")}</h2>
            <p class="muted">{t("工会办的培训班和技能竞赛。考核合格发结业证书,企业扫码就能核验,求职卡上也会显示。", "Courses and skills competitions run by the union. Pass and you get a certificate employers can check by its QR code; it shows on your job card too.")}</p>
            <Show when=move || place.with(Option::is_none)>
                <button type="button" class="btn btn--secondary btn--block" on:click=near>{t("📍 看离我近的", "📍 Show the nearest first")}</button>
            </Show>
            <Show when=move || problem.get()>
                <p class="field-error" role="alert">{t("定不了位:请允许使用位置,或在驿站页选择所在区县。", "No position: allow location, or choose your district on the stations page.")}</p>
            </Show>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || list.get().map(|r| match r {
                    Ok(l) if l.courses.is_empty() => view! { <p class="card">{t("附近现在没有正在报名的培训。", "No courses open for sign-up nearby right now.")}</p> }.into_any(),
                    Ok(l) => view! {
                        <ul class="courses" aria-label=t("培训班", "Courses")>
                            {l.courses.into_iter().map(|c| view! { <CourseItem course=c/> }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(e) => view! { <ErrorView failure=e retry=Callback::new(move |_| list.refetch())/> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn CourseItem(course: Course) -> impl IntoView {
    let lang = use_lang();
    let c = course.clone();
    let facts = move || {
        let l = lang.get();
        let mut parts = vec![
            c.trade.label().get(l).to_string(),
            c.level.label().get(l).to_string(),
            format!("{} {}", c.hours, t("课时", "hours")()),
            fee_text(c.fee_fen).get(l).to_string(),
        ];
        if let Some(m) = c.distance_m {
            parts.push(distance_text(m));
        }
        parts.join(" · ")
    };
    let full = course.places_left == 0;
    view! {
        <li class="course card">
            <AppLink href=format!("/training/{}", course.id) class="course-link">
                <div class="course-head">
                    <h3 class="course-title">{course.title.clone()}</h3>
                    <span class="tag">{text(course.kind.label())}</span>
                </div>
                <p class="muted">{facts}</p>
                <p>{super::dates(course.starts_on, course.ends_on)}" · "{course.union.name.clone()}</p>
                <p class="course-places" class:course-places--full=full data-testid="places-left">{text(super::places_text(&course))}</p>
            </AppLink>
        </li>
    }
}

#[component]
fn MyEnrolments() -> impl IntoView {
    let mine =
        LocalResource::new(|| api::get::<EnrolmentList>(&api_url!(TrainingRoute::MyEnrolments)));
    view! {
        <section class="card" aria-labelledby="mine-title">
            <h2 id="mine-title">{t("我报名的培训", "My courses")}</h2>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || mine.get().map(|r| match r {
                    Ok(l) if l.enrolments.is_empty() => view! { <p class="muted">{t("还没有报名。", "None yet.")}</p> }.into_any(),
                    Ok(l) => view! {
                        <ul class="rows" aria-label=t("我报名的培训", "My courses")>
                            {l.enrolments.into_iter().map(|e| view! { <EnrolmentItem enrolment=e/> }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(e) => view! { <ErrorView failure=e/> }.into_any(),
                })}
            </Suspense>
            <AppLink href="/me/certificates".to_string() class="btn btn--secondary">{t("我的证书", "My certificates")}</AppLink>
        </section>
    }
}

#[component]
fn EnrolmentItem(enrolment: Enrolment) -> impl IntoView {
    let standing = super::standing(&enrolment);
    view! {
        <li class="row">
            <AppLink href=format!("/training/{}", enrolment.course_id)>
                <strong>{enrolment.course_title.clone()}</strong>
            </AppLink>
            <span class="tag">{standing}</span>
        </li>
    }
}
