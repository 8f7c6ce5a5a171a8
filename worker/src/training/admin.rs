//! Union staff handlers, scoped to the caller's subtree: courses and their
//! sessions, the roster and waitlist, attendance sheets and session codes,
//! assessment, certificates in one batch, and the figures. Every change is
//! audited in the batch that makes it.

use super::notices;
use super::store::{self, CourseRow, IdTable, SessionRow};
use super::views;
use crate::audit;
use crate::ctx::Ctx;
use crate::db;
use crate::error::{AppResult, OnConstraint};
use crate::idempotency;
use crate::reply::{ok, svg, typed};
use crate::unions::scope::{in_scope, scope_of};
use chrono::Datelike;
use shared::api::ListMeta;
use shared::membership::FiguresQuery;
use shared::routes::params;
use shared::training::*;
use shared::{ApiError, Text};
use worker::Response;

fn by(ctx: &Ctx) -> AppResult<String> {
    Ok(format!("staff:{}", ctx.staff()?.id))
}

async fn course_in_scope(ctx: &Ctx) -> AppResult<CourseRow> {
    let c = store::course(&ctx.db()?, ctx.id(params::COURSE_ID)?)
        .await?
        .ok_or_else(ApiError::not_found)?;
    ctx.staff()?.check_scope(&c.union_path)?;
    Ok(c)
}

async fn session_in_scope(ctx: &Ctx) -> AppResult<(SessionRow, CourseRow)> {
    let db = ctx.db()?;
    let s = store::session(&db, ctx.id(params::COURSE_SESSION_ID)?)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let c = store::course(&db, s.course_id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    ctx.staff()?.check_scope(&c.union_path)?;
    Ok((s, c))
}

async fn course_reply(ctx: &Ctx, id: i64) -> AppResult<serde_json::Value> {
    let db = ctx.db()?;
    let row = store::course(&db, id)
        .await?
        .ok_or_else(ApiError::internal)?;
    Ok(serde_json::to_value(CourseEnvelope {
        course: views::course(&db, &row, ctx.today()).await?,
        my_enrolment: None,
    })?)
}

pub async fn courses(ctx: &Ctx) -> AppResult<Response> {
    let q = AdminCoursesQuery::read(ctx.query())?;
    let scope = scope_of(ctx, q.union_id).await?;
    let db = ctx.db()?;
    let mut rows = store::courses_in_scope(
        &db,
        &scope,
        q.kind,
        q.q.as_deref(),
        (q.starts_from, q.starts_until),
        q.before_id,
        q.limit + 1,
    )
    .await?;
    let meta = ListMeta::page(&mut rows, q.limit, |r| r.id);
    ok(&CourseList {
        courses: views::courses(&db, &rows, ctx.today(), None).await?,
        meta,
    })
}

/// The stations named exist, and where the course is: the first session's
/// place with a position.
async fn derive(ctx: &Ctx, c: &ValidCourse) -> AppResult<store::Derived> {
    let ids = c.station_ids();
    let stations = store::stations(&ctx.db()?, &ids).await?;
    if stations.len() != ids.len() {
        return Err(ApiError::field(
            "sessions",
            Text::new(
                "有一次课选的驿站不存在",
                "A session names a station that does not exist",
            ),
        )
        .into());
    }
    let position = c.sessions.iter().find_map(|s| match &s.place {
        SessionPlace::Station { station_id } => stations
            .iter()
            .find(|st| st.id == *station_id)
            .map(|st| shared::geo::LatLng::new(st.lat, st.lng)),
        SessionPlace::Address { position, .. } => *position,
    });
    Ok(store::Derived { position })
}

pub async fn create_course(ctx: &mut Ctx) -> AppResult<Response> {
    let staff_id = ctx.staff()?.id;
    idempotency::once(
        ctx,
        &format!("staff:{staff_id}"),
        async move |ctx: &mut Ctx| {
            let input: CourseInput = ctx.body().await?;
            let union = in_scope(ctx, input.union_id).await.map_err(|_| {
                ApiError::forbidden_field(
                    "union_id",
                    Text::new("不在您的管辖范围内", "This is outside your scope"),
                )
            })?;
            let valid = input.validate(ctx.today())?;
            let derived = derive(ctx, &valid).await?;
            let db = ctx.db()?;
            let now = ctx.now_text();
            let id = store::next_id(&db, IdTable::Courses).await?;
            let mut statements = store::insert_course(
                &db,
                id,
                &valid,
                union.id,
                &union.path,
                &derived,
                &by(ctx)?,
                &now,
            )?;
            statements.push(audit::statement(
                &db,
                ctx.staff()?,
                &audit::Event::new(
                    "training_course.create",
                    "training_course",
                    id,
                    &union.path,
                    Some(serde_json::to_value(&valid.input)?),
                ),
                &now,
                &ctx.client_ip(),
            )?);
            db::batch(&db, statements)
                .await
                .on_constraint("training_courses.id", || ApiError::rate_limited(1))?;
            course_reply(ctx, id).await
        },
    )
    .await
}

pub async fn course(ctx: &Ctx) -> AppResult<Response> {
    let c = course_in_scope(ctx).await?;
    ok(&course_reply(ctx, c.id).await?)
}

/// An edit with the same form. The organiser and the kind stay; sessions with
/// attendance stay; places cannot drop below those taken, and added places
/// go to the waitlist at once.
pub async fn edit_course(ctx: &mut Ctx) -> AppResult<Response> {
    let course = course_in_scope(ctx).await?;
    let input: CourseInput = ctx.body().await?;
    let valid = input.validate(ctx.today())?;
    if input.union_id != course.union_id {
        return Err(ApiError::field(
            "union_id",
            Text::new("主办工会不能改", "The organising union cannot change"),
        )
        .into());
    }
    if input.kind != course.kind() {
        return Err(ApiError::field(
            "kind",
            Text::new(
                "培训班和技能竞赛不能互换",
                "A course cannot become a competition or back",
            ),
        )
        .into());
    }
    if input.places < course.enrolled.max(0) as u32 {
        return Err(ApiError::field(
            "places",
            Text::owned(
                format!("已有{}人报上,名额不能更少", course.enrolled),
                format!(
                    "{} already hold places; there cannot be fewer",
                    course.enrolled
                ),
            ),
        )
        .into());
    }
    let db = ctx.db()?;
    let existing: Vec<i64> = store::sessions_of(&db, &[course.id])
        .await?
        .iter()
        .map(|s| s.id)
        .collect();
    if valid
        .sessions
        .iter()
        .filter_map(|s| s.id)
        .any(|id| !existing.contains(&id))
    {
        return Err(ApiError::field(
            "sessions",
            Text::new(
                "有一次课不属于这个班",
                "A session is not one of this course's",
            ),
        )
        .into());
    }
    let removed: Vec<i64> = existing
        .iter()
        .copied()
        .filter(|id| !valid.sessions.iter().any(|s| s.id == Some(*id)))
        .collect();
    if !store::attended_sessions(&db, &removed).await?.is_empty() {
        return Err(ApiError::field(
            "sessions",
            Text::new(
                "已经有人签到的课不能删",
                "A session someone has attended cannot be removed",
            ),
        )
        .into());
    }
    let derived = derive(ctx, &valid).await?;
    let now = ctx.now_text();
    let mut statements = store::update_course(&db, course.id, &valid, &derived, &removed, &now)?;
    statements.push(store::promote(&db, course.id, &now)?);
    statements.push(store::promotion_notices(&db, course.id, &now)?);
    let mut entry = audit::Event::new(
        "training_course.edit",
        "training_course",
        course.id,
        &course.union_path,
        Some(serde_json::to_value(&valid.input)?),
    );
    entry.before = Some(serde_json::json!({ "places": course.places, "title": course.title }));
    statements.push(audit::statement(
        &db,
        ctx.staff()?,
        &entry,
        &now,
        &ctx.client_ip(),
    )?);
    db::batch(&db, statements).await?;
    notices::send_now(ctx, course.id).await;
    ok(&course_reply(ctx, course.id).await?)
}

/// Attended session ids of each sign-up of a course.
async fn attended_by(ctx: &Ctx, course_id: i64) -> AppResult<Vec<(i64, i64)>> {
    Ok(store::attendance_of_course(&ctx.db()?, course_id)
        .await?
        .into_iter()
        .map(|a| (a.enrolment_id, a.session_id))
        .collect())
}

pub async fn roster(ctx: &Ctx) -> AppResult<Response> {
    let course = course_in_scope(ctx).await?;
    let db = ctx.db()?;
    let rows = store::roster(&db, course.id).await?;
    let attended = attended_by(ctx, course.id).await?;
    let entry = |e: &store::EnrolmentRow| {
        e.entry(
            &course,
            attended
                .iter()
                .filter(|(en, _)| *en == e.id)
                .map(|(_, s)| *s)
                .collect(),
        )
    };
    ok(&Roster {
        course: views::course(&db, &course, ctx.today()).await?,
        enrolled: rows
            .iter()
            .filter(|e| e.status() == EnrolmentStatus::Enrolled)
            .map(entry)
            .collect(),
        waitlist: rows
            .iter()
            .filter(|e| e.status() == EnrolmentStatus::Waitlisted)
            .map(entry)
            .collect(),
        cancelled: store::cancelled_count(&db, course.id).await?,
    })
}

/// Certificates for everyone on the course who earned one and has none yet,
/// in one batch; then every certificate of the course.
pub async fn issue_certificates(ctx: &Ctx) -> AppResult<Response> {
    let course = course_in_scope(ctx).await?;
    let db = ctx.db()?;
    let kind = course.kind();
    let total = course.hours.max(0) as u32;
    let pass = course.pass_percent.clamp(0, 100) as u8;
    let enrolled: Vec<store::EnrolmentRow> = store::roster(&db, course.id)
        .await?
        .into_iter()
        .filter(|e| e.status() == EnrolmentStatus::Enrolled)
        .collect();
    let (mut already, mut not_eligible) = (0u32, 0u32);
    let mut due = Vec::new();
    for e in &enrolled {
        if e.certificate_serial.is_some() {
            already += 1;
        } else if certificate_due(
            kind,
            e.outcome(),
            hours_met(e.attended_hours(), total, pass),
        ) {
            due.push(e);
        } else {
            not_eligible += 1;
        }
    }
    if !due.is_empty() {
        let now = ctx.now_text();
        let day = ctx.today();
        let first = store::next_id(&db, IdTable::Certificates).await?;
        let by = by(ctx)?;
        let mut statements = Vec::new();
        let mut serials = Vec::new();
        for (i, e) in due.iter().enumerate() {
            let id = first + i as i64;
            let s = serial(day.year(), id);
            let name = certificate_name(kind, &course.title, e.rank());
            statements.push(store::insert_certificate(
                &db,
                id,
                &s,
                &course,
                e,
                &name,
                &day.to_string(),
                &by,
                &now,
            )?);
            serials.push(s);
        }
        statements.push(audit::statement(
            &db,
            ctx.staff()?,
            &audit::Event::new(
                "training_certificate.issue",
                "training_course",
                course.id,
                &course.union_path,
                Some(serde_json::json!({ "serials": serials })),
            ),
            &now,
            &ctx.client_ip(),
        )?);
        let busy = || {
            ApiError::conflict(Text::new(
                "另一位同事正在发这个班的证书,请稍后刷新",
                "Someone else is issuing this course's certificates; refresh in a moment",
            ))
        };
        db::batch(&db, statements)
            .await
            .on_constraint("training_certificates.id", busy)
            .on_constraint("training_certificates.serial", busy)
            .on_constraint("training_certificates.enrolment_id", busy)?;
    }
    let rows = store::certificates_of_course(&db, course.id).await?;
    ok(&IssueReply {
        issued: due.len() as u32,
        already,
        not_eligible,
        certificates: views::certificates(ctx, &rows)?,
    })
}

async fn sheet(ctx: &Ctx, session: &SessionRow, course: &CourseRow) -> AppResult<AttendanceSheet> {
    let db = ctx.db()?;
    let enrolled: Vec<store::EnrolmentRow> = store::roster(&db, course.id)
        .await?
        .into_iter()
        .filter(|e| e.status() == EnrolmentStatus::Enrolled)
        .collect();
    let marks = store::attendance_of_session(&db, session.id).await?;
    let staff_ids: Vec<i64> = marks
        .iter()
        .filter_map(|m| m.marked_by.as_deref()?.strip_prefix("staff:")?.parse().ok())
        .collect();
    let names = store::staff_names(&db, &staff_ids).await?;
    let rows: Vec<SheetRow> = enrolled
        .iter()
        .map(|e| {
            let mark = marks.iter().find(|m| m.enrolment_id == e.id);
            SheetRow {
                enrolment_id: e.id,
                name: e.name.clone(),
                present: mark.is_some(),
                method: mark.map(|m| m.method()),
                at: mark.map(|m| m.at.clone()),
                marked_by: mark.and_then(|m| {
                    let id: i64 = m
                        .marked_by
                        .as_deref()?
                        .strip_prefix("staff:")?
                        .parse()
                        .ok()?;
                    names
                        .iter()
                        .find(|(n, _)| *n == id)
                        .map(|(_, name)| name.clone())
                }),
            }
        })
        .collect();
    Ok(AttendanceSheet {
        course_id: course.id,
        course_title: course.title.clone(),
        session: session.wire(),
        present: rows.iter().filter(|r| r.present).count() as u32,
        rows,
    })
}

pub async fn attendance_sheet(ctx: &Ctx) -> AppResult<Response> {
    let (session, course) = session_in_scope(ctx).await?;
    ok(&sheet(ctx, &session, &course).await?)
}

/// A mark by hand (recorded as such, with who made it), or taking one back.
pub async fn mark_attendance(ctx: &mut Ctx) -> AppResult<Response> {
    let (session, course) = session_in_scope(ctx).await?;
    let mark: AttendanceMark = ctx.body().await?;
    let db = ctx.db()?;
    let e = store::enrolment(&db, mark.enrolment_id)
        .await?
        .filter(|e| e.course_id == course.id && e.status() == EnrolmentStatus::Enrolled)
        .ok_or_else(|| {
            ApiError::field(
                "enrolment_id",
                Text::new(
                    "这个人没有报上这个班",
                    "This person holds no place on this course",
                ),
            )
        })?;
    if e.certificate_serial.is_some() {
        return Err(ApiError::conflict(Text::new(
            "已经发了证书,签到记录不能再改",
            "A certificate has been issued; attendance can no longer change",
        ))
        .into());
    }
    let now = ctx.now_text();
    let by = by(ctx)?;
    let change = if mark.present {
        store::attend(
            &db,
            session.id,
            e.id,
            &e.union_path,
            AttendanceMethod::Staff,
            Some(&by),
            &now,
        )?
    } else {
        store::unmark(&db, session.id, e.id)?
    };
    let action = if mark.present {
        "training_attendance.mark"
    } else {
        "training_attendance.unmark"
    };
    db::batch(
        &db,
        vec![
            change,
            audit::statement(
                &db,
                ctx.staff()?,
                &audit::Event::new(
                    action,
                    "training_session",
                    session.id,
                    &course.union_path,
                    Some(serde_json::json!({ "enrolment_id": e.id })),
                ),
                &now,
                &ctx.client_ip(),
            )?,
        ],
    )
    .await?;
    ok(&sheet(ctx, &session, &course).await?)
}

pub async fn session_code(ctx: &Ctx) -> AppResult<Response> {
    let (session, course) = session_in_scope(ctx).await?;
    ok(&views::check_in_link(ctx, &course, &session)?)
}

pub async fn session_qr(ctx: &Ctx) -> AppResult<Response> {
    let (session, course) = session_in_scope(ctx).await?;
    let link = views::check_in_link(ctx, &course, &session)?;
    let origin = ctx.req.url()?.origin().ascii_serialization();
    let mut r = svg(shared::server::qr::svg(
        &format!("{origin}{}", link.path),
        480,
    ))?;
    r.headers_mut().set("cache-control", "no-store")?;
    Ok(r)
}

/// Pass or fail (a rank for a competition). Passing needs the hours met; an
/// assessment with a certificate issued stays until the certificate is withdrawn.
pub async fn assess(ctx: &mut Ctx) -> AppResult<Response> {
    let db = ctx.db()?;
    let e = store::enrolment(&db, ctx.id(params::ENROLMENT_ID)?)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let course = store::course(&db, e.course_id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    ctx.staff()?.check_scope(&course.union_path)?;
    let input: AssessmentInput = ctx.body().await?;
    if e.status() != EnrolmentStatus::Enrolled {
        return Err(ApiError::conflict(Text::new(
            "只能给报上的学员评定",
            "Only trainees holding a place can be assessed",
        ))
        .into());
    }
    if e.certificate_serial.is_some() {
        return Err(ApiError::conflict(Text::new(
            "已经发了证书;要改评定,先注销证书",
            "A certificate has been issued; withdraw it before changing the assessment",
        ))
        .into());
    }
    let assessment = input.validate(Standing {
        kind: course.kind(),
        attended_hours: e.attended_hours(),
        total_hours: course.hours.max(0) as u32,
        pass_percent: course.pass_percent.clamp(0, 100) as u8,
        attended_sessions: e.attended_sessions.max(0) as u32,
        entrants: course.enrolled.max(0) as u32,
    })?;
    let now = ctx.now_text();
    db::batch(
        &db,
        vec![
            store::assess(&db, e.id, &assessment, &by(ctx)?, &now)?,
            audit::statement(
                &db,
                ctx.staff()?,
                &audit::Event::new(
                    "training_enrolment.assess",
                    "training_enrolment",
                    e.id,
                    &course.union_path,
                    Some(serde_json::to_value(&input)?),
                ),
                &now,
                &ctx.client_ip(),
            )?,
        ],
    )
    .await?;
    let e = store::enrolment(&db, e.id)
        .await?
        .ok_or_else(ApiError::internal)?;
    let attended = attended_by(ctx, course.id)
        .await?
        .into_iter()
        .filter(|(en, _)| *en == e.id)
        .map(|(_, s)| s)
        .collect();
    ok(&RosterEntryEnvelope {
        entry: e.entry(&course, attended),
    })
}

pub async fn revoke_certificate(ctx: &mut Ctx) -> AppResult<Response> {
    let db = ctx.db()?;
    let cert = store::certificate(&db, ctx.id(params::CERTIFICATE_ID)?)
        .await?
        .ok_or_else(ApiError::not_found)?;
    ctx.staff()?.check_scope(&cert.union_path)?;
    let input: RevokeInput = ctx.body().await?;
    let reason = input.validate()?;
    if cert.revoked_at.is_some() {
        return Err(ApiError::conflict(Text::new(
            "这张证书已经注销了",
            "This certificate is already withdrawn",
        ))
        .into());
    }
    let now = ctx.now_text();
    db::batch(
        &db,
        vec![
            store::revoke(&db, cert.id, &reason, &by(ctx)?, &now)?,
            audit::statement(
                &db,
                ctx.staff()?,
                &audit::Event::new(
                    "training_certificate.revoke",
                    "training_certificate",
                    cert.id,
                    &cert.union_path,
                    Some(serde_json::json!({ "serial": cert.serial, "reason": reason })),
                ),
                &now,
                &ctx.client_ip(),
            )?,
        ],
    )
    .await?;
    let row = store::certificate(&db, cert.id)
        .await?
        .ok_or_else(ApiError::internal)?;
    ok(&CertificateEnvelope {
        certificate: views::certificate(ctx, &row)?,
    })
}

async fn training_figures(ctx: &Ctx) -> AppResult<TrainingFigures> {
    let q = FiguresQuery::read(ctx.query())?;
    let range = q.range(ctx.today())?;
    let scope = scope_of(ctx, q.union_id).await?;
    let scope_name = match q.union_id.or(ctx.staff()?.union_id) {
        Some(id) => in_scope(ctx, id).await?.name,
        None => "全部工会".to_string(),
    };
    // Month edges are Asia/Shanghai midnights; events are stored in UTC.
    let utc = |d: chrono::NaiveDate| shared::time::rfc3339(shanghai_instant(d, 0));
    let (months, people, courses) = store::monthly(
        &ctx.db()?,
        &scope,
        &utc(range.start),
        &utc(range.end),
        &range.start.to_string(),
        &range.end.to_string(),
    )
    .await?;
    Ok(TrainingFigures::new(
        range, scope_name, months, people, courses,
    ))
}

pub async fn figures(ctx: &Ctx) -> AppResult<Response> {
    ok(&training_figures(ctx).await?)
}

pub async fn figures_csv(ctx: &Ctx) -> AppResult<Response> {
    let f = training_figures(ctx).await?;
    typed(
        shared::server::spreadsheet::csv_bytes(&f.csv_rows()),
        "text/csv; charset=utf-8",
        Some(&format!("training-figures-{}-{}.csv", f.from, f.to)),
    )
}
