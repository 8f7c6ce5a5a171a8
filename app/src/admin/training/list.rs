//! `/admin/training`: the courses and competitions of the chosen subtree,
//! newest first, each leading to its page; creating one; the figures.

use super::may_act;
use crate::admin::jobs::filter::{with_all, StatusChips};
use crate::admin::pages::{pages, PagedList};
use crate::admin::scope::use_scope;
use crate::i18n::{t, text};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use shared::api_url;
use shared::training::{fee_text, Course, CourseKind, CourseList, TrainingRoute};

const PAGE: u32 = 50;

#[component]
pub fn Courses() -> impl IntoView {
    let scope = use_scope();
    let kind = RwSignal::new(String::new());
    // From 概览's "this week" count: `?starts_from=&starts_until=`.
    let query = use_query_map();
    let starts = move |name: &str| query.with(|q| q.get(name).unwrap_or_default());
    let pages = pages(
        move || {
            scope
                .scoped(api_url!(TrainingRoute::AdminCourses))
                .arg("limit", PAGE)
                .arg_text("kind", &kind.get())
                .arg_text("starts_from", &starts("starts_from"))
                .arg_text("starts_until", &starts("starts_until"))
        },
        |l: CourseList| (l.courses, l.meta),
    );
    let rows = pages.rows;
    view! {
        <main class="page">
            <h1 class="page-title">{t("技能培训", "Skills training")}</h1>
            <div class="actions toolbar">
                <Show when=may_act>
                    <A href="/admin/training/new" attr:class="btn btn--primary">{t("新建培训班或竞赛", "New course or competition")}</A>
                </Show>
                <A href="/admin/training/figures" attr:class="btn btn--secondary">{t("培训统计", "Training figures")}</A>
            </div>
            {move || {
                let (from, until) = (starts("starts_from"), starts("starts_until"));
                (!from.is_empty() || !until.is_empty()).then(|| view! {
                    <p class="notice" role="status">
                        {t("只看开课日期在 ", "Only courses starting ")}{from}" — "{until}{t(" 之间的", "")}" "
                        <A href="/admin/training">{t("看全部", "See all")}</A>
                    </p>
                })
            }}
            <StatusChips label=t("按类别查看", "By kind") value=kind choices=with_all(CourseKind::ALL, CourseKind::code, CourseKind::label)/>
            <PagedList pages=pages empty=t("还没有培训班。", "No courses yet.")>
                <ul class="rows card" aria-label=t("培训班", "Courses")>
                    <For each=move || rows.get() key=|c| c.id children=move |c| view! { <CourseItem course=c/> }/>
                </ul>
            </PagedList>
        </main>
    }
}

#[component]
fn CourseItem(course: Course) -> impl IntoView {
    let href = format!("/admin/training/{}", course.id);
    let full = course.places_left == 0;
    view! {
        <li class="row row--wrap">
            <div>
                <A href=href><strong>{course.title.clone()}</strong></A>
                <span class="tag">{text(course.kind.label())}</span>
                <span class="tag" class:tag--off=move || course.signup != shared::training::SignupWindow::Open>{text(course.signup.label())}</span>
                <div>{text(course.trade.label())}" · "{text(course.level.label())}" · "{course.hours}{t(" 课时", " hours")}" · "{text(fee_text(course.fee_fen))}</div>
                <div class="muted">{format!("{} — {}", course.starts_on, course.ends_on)}" · "{course.union.name.clone()}</div>
                <div class="muted" data-places=course.places_left>
                    {move || format!("{} {}/{}", t("已报", "Enrolled")(), course.enrolled, course.places)}
                    {move || if full { format!(" · {} {}", t("候补", "waitlist")(), course.waitlisted) } else { format!(" · {} {}", t("剩余名额", "places left")(), course.places_left) }}
                </div>
            </div>
        </li>
    }
}
