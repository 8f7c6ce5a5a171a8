//! Sending the texts owed to trainees. A failure never fails the request that
//! caused the text: it is logged, the text is given back, and the hourly
//! housekeeping tries again.

use super::store;
use crate::accounts::sms::{Provider, SmsProvider};
use crate::error::AppResult;
use shared::training::{when_text, NoticeFacts, NoticeKind};
use worker::D1Database;

/// Sends what is pending (of one course, or of all); returns how many went out.
pub async fn send_pending(
    db: &D1Database,
    sms: &Provider,
    course_id: Option<i64>,
    now: &str,
) -> AppResult<u32> {
    let mut sent = 0;
    for n in store::pending(db, course_id, now, 100).await? {
        let Some(kind) = NoticeKind::parse(&n.kind) else {
            continue;
        };
        if !store::claim(db, n.id, now).await? {
            continue;
        }
        let facts = NoticeFacts {
            course: n.title.clone(),
            when: match (&n.date, &n.starts_clock) {
                (Some(d), Some(c)) => when_text(d.parse().unwrap_or_default(), c),
                _ => String::new(),
            },
            place: n.place.clone().unwrap_or_default(),
        };
        match sms.send_notice(&n.phone, kind, &facts, now).await {
            Ok(()) => sent += 1,
            Err(e) => {
                worker::console_error!("training notice {} not sent: {e:?}", n.id);
                store::release(db, n.id).await?;
            }
        }
    }
    Ok(sent)
}

/// After a change that owes texts: send them now, logging instead of failing.
pub async fn send_now(ctx: &crate::ctx::Ctx, course_id: i64) {
    let result = async {
        let sms = crate::accounts::sms::provider(ctx)?;
        send_pending(&ctx.db()?, &sms, Some(course_id), &ctx.now_text()).await
    }
    .await;
    if let Err(e) = result {
        worker::console_error!("training notices of course {course_id}: {e:?}");
    }
}

/// The hourly run: write the reminders of sessions starting within a day, then
/// send everything pending (reminders, and promotions whose first send failed).
pub async fn housekeeping(
    env: &worker::Env,
    db: &D1Database,
    now: chrono::DateTime<chrono::Utc>,
) -> AppResult<u32> {
    let now_text = shared::time::rfc3339(now);
    let until = shared::time::rfc3339(
        now + chrono::Duration::hours(shared::training::REMINDER_HOURS_BEFORE),
    );
    let month_ago = shared::time::rfc3339(now - chrono::Duration::days(30));
    crate::db::batch(
        db,
        vec![
            store::forget_old(db, &month_ago)?,
            store::reminders_due(db, &now_text, &until)?,
        ],
    )
    .await?;
    let sms = crate::accounts::sms::provider_for(env)?;
    send_pending(db, &sms, None, &now_text).await
}
