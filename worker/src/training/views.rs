//! Wire types put together from store rows, and the signatures of the links
//! in QR codes (session check-in, certificate verification).

use super::store::{self, CertificateRow, CourseRow};
use crate::ctx::Ctx;
use crate::error::AppResult;
use shared::geo::LatLng;
use shared::server::crypto;
use shared::training::*;
use worker::D1Database;

/// Courses with their sessions, in the order given.
pub async fn courses(
    db: &D1Database,
    rows: &[CourseRow],
    today: chrono::NaiveDate,
    from: Option<LatLng>,
) -> AppResult<Vec<Course>> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let sessions = store::sessions_of(db, &ids).await?;
    Ok(rows
        .iter()
        .map(|r| r.wire(&sessions, today, from))
        .collect())
}

pub async fn course(
    db: &D1Database,
    row: &CourseRow,
    today: chrono::NaiveDate,
) -> AppResult<Course> {
    Ok(courses(db, std::slice::from_ref(row), today, None)
        .await?
        .remove(0))
}

pub fn sign(ctx: &Ctx, payload: &[u8]) -> AppResult<[u8; SIG_LEN]> {
    Ok(crypto::hmac_sha256(&ctx.signing_key()?, payload))
}

pub fn certificate(ctx: &Ctx, row: &CertificateRow) -> AppResult<Certificate> {
    let sig = sign(ctx, &certificate_payload(&row.serial))?;
    Ok(row.wire(certificate_path(&row.serial, &sig)))
}

pub fn certificates(ctx: &Ctx, rows: &[CertificateRow]) -> AppResult<Vec<Certificate>> {
    rows.iter().map(|r| certificate(ctx, r)).collect()
}

/// The signed check-in link of a session.
pub fn check_in_link(
    ctx: &Ctx,
    course: &CourseRow,
    session: &store::SessionRow,
) -> AppResult<CheckInLink> {
    let exp = check_in_expiry(session.ends_at());
    let sig = sign(ctx, &check_in_payload(session.id, exp))?;
    Ok(CheckInLink {
        course_id: course.id,
        course_title: course.title.clone(),
        session: session.wire(),
        path: check_in_path(session.id, exp, &sig),
        opens_at: shared::time::rfc3339(check_in_opens(session.starts_at())),
        expires_at: shared::time::rfc3339(
            chrono::DateTime::from_timestamp(exp, 0).unwrap_or_default(),
        ),
    })
}
