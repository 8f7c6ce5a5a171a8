//! Hourly housekeeping (the `scheduled` event; cron in wrangler.toml): forget
//! what is no longer needed, so tables stay small and nothing is kept longer
//! than its purpose requires.

use crate::db;
use crate::error::AppResult;
use crate::params;
use worker::Env;

pub async fn run(env: &Env, now: chrono::DateTime<chrono::Utc>) -> AppResult<()> {
    let db = env.d1("DB")?;
    let now_text = shared::time::rfc3339(now);
    let day_ago = shared::time::rfc3339(now - chrono::Duration::days(1));
    // Replays of a submission are only needed while a phone may still retry it.
    db::run(
        &db,
        "DELETE FROM idempotency_keys WHERE created_at < ?",
        params![day_ago],
    )
    .await?;
    // Expired SMS codes, and rate-limit buckets that are full again (one that
    // is still refilling keeps its window: a daily cap stays a daily cap).
    db::run(
        &db,
        "DELETE FROM otp_challenges WHERE expires_at < ?",
        params![now_text],
    )
    .await?;
    db::run(
        &db,
        "DELETE FROM rate_limits WHERE full_ms < ?",
        params![now.timestamp_millis()],
    )
    .await?;
    // Check-ins are kept two days to refuse a second within the hour; daily counts stay.
    let two_days_ago = shared::time::local(now - chrono::Duration::days(2))
        .format("%Y-%m-%dT%H")
        .to_string();
    crate::stations::store::forget_old_visits(&db, &two_days_ago).await?;
    // Jobs past their valid-until date leave the lists (queries already skip them).
    crate::jobs::store::expire_jobs(&db, &shared::time::local_date(now).to_string(), &now_text)
        .await?;
    // Members whose chosen leaving day has come (reads already treat them as ended).
    crate::membership::store::end_due_departures(&db, &shared::time::local_date(now).to_string())
        .await?;
    // What the consent statement says is deleted after a while, is.
    use shared::membership::consent::{CLOSED_APPLICATION_KEEP_DAYS, DELETE_AFTER_LEAVING_DAYS};
    let closed_before = now - chrono::Duration::days(CLOSED_APPLICATION_KEEP_DAYS as i64);
    let ended_before =
        shared::time::local_date(now) - chrono::Duration::days(DELETE_AFTER_LEAVING_DAYS as i64);
    crate::membership::store::purge_expired_registrations(
        &db,
        &shared::time::rfc3339(closed_before),
        &ended_before.to_string(),
    )
    .await?;
    // ID numbers under an old key or blind-index version move to the current
    // ones, a bounded batch a run.
    let ring = crate::ctx::keyring(env)?;
    let rotated = crate::membership::rotation::rotate(&db, &ring).await?;
    if rotated != Default::default() {
        worker::console_log!("key rotation: {rotated:?}");
    }
    // Staff TOTP secrets are sealed with the same keys.
    let secrets = crate::accounts::rotation::rotate(&db, &ring).await?;
    if secrets > 0 {
        worker::console_log!("key rotation: {secrets} second-factor secrets");
    }
    // Attached files, sealed with the same keys.
    let files = crate::attachments::rotate(env, &db, &ring).await?;
    if files > 0 {
        worker::console_log!("key rotation: {files} attachments");
    }
    // Uploads no record took within a day, with their files.
    let expired = crate::attachments::housekeeping(env, &db, now).await?;
    if expired > 0 {
        worker::console_log!("attachments: {expired} unlinked uploads removed");
    }
    // Training texts: the reminder of each session starting within a day (sent
    // once), and any text whose first send failed.
    crate::training::notices::housekeeping(env, &db, now).await?;
    // Benefits texts whose first send failed.
    crate::benefits::notices::housekeeping(env, &db, now).await?;
    crate::rights::cases::notices::housekeeping(env, &db, now).await?;
    Ok(())
}
