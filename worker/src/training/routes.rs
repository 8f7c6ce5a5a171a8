//! Training handlers for anyone and for workers, and the dispatch of every
//! training route. Parse → authorise → store → reply.

use super::store::{self, CourseRow, EnrolmentRow};
use super::views;
use super::{admin, notices};
use crate::ctx::Ctx;
use crate::db;
use crate::error::AppResult;
use crate::idempotency;
use crate::principal::Principal;
use crate::reply::{ok, svg};
use shared::accounts::Scope;
use shared::api::ListMeta;
use shared::routes::params;
use shared::server::crypto;
use shared::training::*;
use shared::{ApiError, ErrorCode, Text};
use worker::Response;

pub async fn handle(route: TrainingRoute, ctx: &mut Ctx) -> AppResult<Response> {
    match route {
        TrainingRoute::Courses => courses(ctx).await,
        TrainingRoute::Course => course(ctx).await,
        TrainingRoute::VerifyCertificate => verify_certificate(ctx).await,
        TrainingRoute::SignUp => sign_up(ctx).await,
        TrainingRoute::MyEnrolments => my_enrolments(ctx).await,
        TrainingRoute::Cancel => cancel(ctx).await,
        TrainingRoute::CheckIn => check_in(ctx).await,
        TrainingRoute::MyCertificates => my_certificates(ctx).await,
        TrainingRoute::CertificateQr => certificate_qr(ctx).await,
        TrainingRoute::AdminCourses => admin::courses(ctx).await,
        TrainingRoute::CreateCourse => admin::create_course(ctx).await,
        TrainingRoute::AdminCourse => admin::course(ctx).await,
        TrainingRoute::EditCourse => admin::edit_course(ctx).await,
        TrainingRoute::Roster => admin::roster(ctx).await,
        TrainingRoute::IssueCertificates => admin::issue_certificates(ctx).await,
        TrainingRoute::AttendanceSheet => admin::attendance_sheet(ctx).await,
        TrainingRoute::MarkAttendance => admin::mark_attendance(ctx).await,
        TrainingRoute::SessionCode => admin::session_code(ctx).await,
        TrainingRoute::SessionQr => admin::session_qr(ctx).await,
        TrainingRoute::Assess => admin::assess(ctx).await,
        TrainingRoute::RevokeCertificate => admin::revoke_certificate(ctx).await,
        TrainingRoute::Figures => admin::figures(ctx).await,
        TrainingRoute::FiguresCsv => admin::figures_csv(ctx).await,
    }
}

/// Courses open for sign-up: within the radius of a given position (nearest
/// first, then those without a position), or all, soonest first.
async fn courses(ctx: &Ctx) -> AppResult<Response> {
    const LIMIT: u32 = 50;
    let q = CoursesQuery::read(ctx.query())?;
    let db = ctx.db()?;
    let within =
        q.at.map(|p| shared::geo::bbox(p, f64::from(q.radius_km) * 1000.0));
    let rows = store::open_courses(
        &db,
        &ctx.today().to_string(),
        within,
        q.trade.map(|t| t.code()),
        q.kind.map(|k| k.code()),
        LIMIT * 2,
    )
    .await?;
    let mut courses = views::courses(&db, &rows, ctx.today(), q.at).await?;
    let radius_m = q.radius_km * 1000;
    courses.retain(|c| c.distance_m.is_none_or(|m| m <= radius_m));
    courses.sort_by_key(|c| (c.distance_m.unwrap_or(u32::MAX), c.starts_on, c.id));
    courses.truncate(LIMIT as usize);
    ok(&CourseList {
        courses,
        meta: ListMeta {
            next_cursor: None,
            limit: LIMIT,
        },
    })
}

async fn course(ctx: &Ctx) -> AppResult<Response> {
    let db = ctx.db()?;
    let row = store::course(&db, ctx.id(params::COURSE_ID)?)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let my_enrolment = match &ctx.principal {
        Some(Principal::Worker { user_id }) => store::enrolment_for(&db, row.id, *user_id)
            .await?
            .map(|e| e.wire(&row)),
        _ => None,
    };
    ok(&CourseEnvelope {
        course: views::course(&db, &row, ctx.today()).await?,
        my_enrolment,
    })
}

/// A scanned certificate: the signature first (a forged or altered link
/// learns nothing), then the record.
async fn verify_certificate(ctx: &Ctx) -> AppResult<Response> {
    let Some(link) = CertificateLink::from_query(ctx.query()) else {
        return ok(&CertificateCheck::decide(false, None));
    };
    let expected = views::sign(ctx, &link.payload())?;
    let signature_ok = crypto::ct_eq(&expected, &link.sig);
    let found = if signature_ok {
        store::certificate(&ctx.db()?, link.id)
            .await?
            .filter(|c| c.serial == link.serial)
            .map(|c| -> AppResult<_> {
                let cert = views::certificate(ctx, &c)?;
                Ok((PublicCertificate::from(&cert), c.revoked_at.is_some()))
            })
            .transpose()?
    } else {
        None
    };
    ok(&CertificateCheck::decide(signature_ok, found))
}

fn conflict(why: Text) -> ApiError {
    ApiError::conflict(why)
}

async fn my_view(ctx: &Ctx, id: i64) -> AppResult<serde_json::Value> {
    let db = ctx.db()?;
    let e = store::enrolment(&db, id)
        .await?
        .ok_or_else(ApiError::internal)?;
    let course = store::course(&db, e.course_id)
        .await?
        .ok_or_else(ApiError::internal)?;
    Ok(serde_json::to_value(EnrolmentEnvelope {
        enrolment: e.wire(&course),
    })?)
}

/// Whether the worker is an active member of the course's union or a union below it.
async fn is_member_for(ctx: &Ctx, course: &CourseRow, user_id: i64) -> AppResult<bool> {
    Ok(crate::membership::store::active_member(&ctx.db()?, user_id)
        .await?
        .is_some_and(|m| Scope::under(&course.union_path).contains(&m.union_path)))
}

/// A place while there is one, else the end of the waitlist; a replay (same
/// key) returns the first answer, and signing up again while signed up
/// returns the sign-up as it is.
async fn sign_up(ctx: &mut Ctx) -> AppResult<Response> {
    let user_id = ctx.worker_id()?;
    let course_id = ctx.id(params::COURSE_ID)?;
    idempotency::once(
        ctx,
        &format!("user:{user_id}"),
        async move |ctx: &mut Ctx| {
            let db = ctx.db()?;
            let course = store::course(&db, course_id)
                .await?
                .ok_or_else(ApiError::not_found)?;
            let input: SignupInput = ctx.body().await?;
            let name = input.validate()?;
            if let Some(e) = store::enrolment_for(&db, course.id, user_id).await? {
                if e.status() != EnrolmentStatus::Cancelled {
                    return my_view(ctx, e.id).await;
                }
            }
            let member = course.eligibility() == Eligibility::Open
                || is_member_for(ctx, &course, user_id).await?;
            check_can_sign_up(
                course.opens_on(),
                course.closes_on(),
                ctx.today(),
                course.eligibility(),
                member,
            )
            .map_err(|why| {
                if member {
                    conflict(why)
                } else {
                    ApiError::with_message(ErrorCode::Forbidden, why)
                }
            })?;
            let now = ctx.now_text();
            db::batch(
                &db,
                vec![store::sign_up(
                    &db,
                    course.id,
                    user_id,
                    &course.union_path,
                    &name,
                    &now,
                )?],
            )
            .await?;
            let e = store::enrolment_for(&db, course.id, user_id)
                .await?
                .ok_or_else(ApiError::internal)?;
            my_view(ctx, e.id).await
        },
    )
    .await
}

async fn my_enrolments(ctx: &Ctx) -> AppResult<Response> {
    const LIMIT: u32 = 100;
    let db = ctx.db()?;
    let rows = store::enrolments_of(&db, ctx.worker_id()?, LIMIT).await?;
    let mut enrolments = Vec::with_capacity(rows.len());
    for e in &rows {
        if let Some(course) = store::course(&db, e.course_id).await? {
            enrolments.push(e.wire(&course));
        }
    }
    ok(&EnrolmentList {
        enrolments,
        meta: ListMeta {
            next_cursor: None,
            limit: LIMIT,
        },
    })
}

async fn own_enrolment(ctx: &Ctx, user_id: i64) -> AppResult<EnrolmentRow> {
    store::enrolment(&ctx.db()?, ctx.id(params::ENROLMENT_ID)?)
        .await?
        .filter(|e| e.user_id == user_id)
        .ok_or_else(|| ApiError::not_found().into())
}

/// Cancelling frees the place; in the same batch the first on the waitlist
/// takes it (if there is one and a place is really free), and their text is
/// written, then sent. Cancelling what is already cancelled changes nothing.
async fn cancel(ctx: &mut Ctx) -> AppResult<Response> {
    let user_id = ctx.worker_id()?;
    let e = own_enrolment(ctx, user_id).await?;
    idempotency::once(
        ctx,
        &format!("user:{user_id}"),
        async move |ctx: &mut Ctx| {
            let db = ctx.db()?;
            let course = store::course(&db, e.course_id)
                .await?
                .ok_or_else(ApiError::internal)?;
            check_can_cancel(
                e.status(),
                e.outcome() != Outcome::Pending,
                course.ends_on(),
                ctx.today(),
            )
            .map_err(conflict)?;
            if e.status() != EnrolmentStatus::Cancelled {
                let now = ctx.now_text();
                db::batch(
                    &db,
                    vec![
                        store::cancel(&db, e.id, &now)?,
                        store::promote(&db, course.id, &now)?,
                        store::promotion_notices(&db, course.id, &now)?,
                    ],
                )
                .await?;
                notices::send_now(ctx, course.id).await;
            }
            my_view(ctx, e.id).await
        },
    )
    .await
}

fn check_in_failure(f: CheckInFailure) -> ApiError {
    match f {
        CheckInFailure::Invalid => ApiError::field("sig", f.label()),
        CheckInFailure::NotEnrolled => ApiError::with_message(ErrorCode::Forbidden, f.label()),
        CheckInFailure::Expired | CheckInFailure::NotYet => ApiError::conflict(f.label()),
    }
}

/// A scanned session code: the signature first, then the window and the
/// place; counted once (a second scan says so and changes nothing).
async fn check_in(ctx: &mut Ctx) -> AppResult<Response> {
    let user_id = ctx.worker_id()?;
    idempotency::once(
        ctx,
        &format!("user:{user_id}"),
        async move |ctx: &mut Ctx| {
            let input: CheckInInput = ctx.body().await?;
            let code = CheckInCode::read(&input)
                .ok_or_else(|| check_in_failure(CheckInFailure::Invalid))?;
            let expected = views::sign(ctx, &code.payload())?;
            let signature_ok = crypto::ct_eq(&expected, &code.sig);
            let db = ctx.db()?;
            let session = if signature_ok {
                store::session(&db, code.session_id).await?
            } else {
                None
            };
            let enrolment = match &session {
                Some(s) => store::enrolment_for(&db, s.course_id, user_id)
                    .await?
                    .filter(|e| e.status() == EnrolmentStatus::Enrolled),
                None => None,
            };
            judge_check_in(
                signature_ok,
                code.exp,
                ctx.now,
                session.as_ref().map(|s| s.starts_at()),
                enrolment.is_some(),
            )
            .map_err(check_in_failure)?;
            let (Some(session), Some(e)) = (session, enrolment) else {
                return Err(ApiError::internal().into());
            };
            let now = ctx.now_text();
            let added = db::batch(
                &db,
                vec![store::attend(
                    &db,
                    session.id,
                    e.id,
                    &e.union_path,
                    AttendanceMethod::Qr,
                    None,
                    &now,
                )?],
            )
            .await?[0]
                .changes;
            let record = store::attendance_one(&db, session.id, e.id)
                .await?
                .ok_or_else(ApiError::internal)?;
            let course = store::course(&db, session.course_id)
                .await?
                .ok_or_else(ApiError::internal)?;
            Ok(serde_json::to_value(CheckInReply {
                course_id: course.id,
                course_title: course.title.clone(),
                session: session.wire(),
                method: record.method(),
                at: record.at,
                already: added == 0,
            })?)
        },
    )
    .await
}

async fn my_certificates(ctx: &Ctx) -> AppResult<Response> {
    let rows = store::certificates_of(&ctx.db()?, ctx.worker_id()?).await?;
    let certificates = views::certificates(ctx, &rows)?;
    ok(&CertificateList {
        meta: ListMeta {
            next_cursor: None,
            limit: certificates.len() as u32,
        },
        certificates,
    })
}

async fn certificate_qr(ctx: &Ctx) -> AppResult<Response> {
    let user_id = ctx.worker_id()?;
    let row = store::certificate(&ctx.db()?, ctx.id(params::CERTIFICATE_ID)?)
        .await?
        .filter(|c| c.user_id == user_id && c.revoked_at.is_none())
        .ok_or_else(ApiError::not_found)?;
    let cert = views::certificate(ctx, &row)?;
    let origin = ctx.req.url()?.origin().ascii_serialization();
    svg(shared::server::qr::svg(
        &format!("{origin}{}", cert.verify_path),
        320,
    ))
}
