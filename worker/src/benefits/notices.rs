//! Sending the texts owed to applicants. A failure never fails the request that
//! caused the text: it is logged, the text is given back, and the hourly
//! housekeeping tries again.

use super::store;
use crate::accounts::sms::{Provider, SmsProvider};
use crate::error::AppResult;
use shared::benefits::{ApplicationStatus, StatusNotice};
use worker::D1Database;

/// Sends what is pending (of one application, or of all); returns how many went out.
pub async fn send_pending(
    db: &D1Database,
    sms: &Provider,
    application_id: Option<i64>,
    now: &str,
) -> AppResult<u32> {
    let mut sent = 0;
    for n in store::pending(db, application_id, 100).await? {
        let Some(status) = ApplicationStatus::parse(&n.status) else {
            continue;
        };
        if !store::claim(db, n.id, now).await? {
            continue;
        }
        let notice = StatusNotice {
            programme: n.programme.clone(),
            status,
            amount_fen: n.amount_fen,
            detail: n.detail.clone(),
        };
        match sms.send_benefit_status(&n.phone, &notice, now).await {
            Ok(()) => sent += 1,
            Err(e) => {
                worker::console_error!("benefit notice {} not sent: {e:?}", n.id);
                store::release(db, n.id).await?;
            }
        }
    }
    Ok(sent)
}

/// After changes that owe texts: send them now, logging instead of failing.
pub async fn send_now(ctx: &crate::ctx::Ctx, application_ids: &[i64]) {
    let result = async {
        let sms = crate::accounts::sms::provider(ctx)?;
        let db = ctx.db()?;
        let now = ctx.now_text();
        let mut sent = 0;
        for id in application_ids {
            sent += send_pending(&db, &sms, Some(*id), &now).await?;
        }
        AppResult::Ok(sent)
    }
    .await;
    if let Err(e) = result {
        worker::console_error!("benefit notices of {application_ids:?}: {e:?}");
    }
}

/// The hourly run: forget texts older than a month, send what is still pending.
pub async fn housekeeping(
    env: &worker::Env,
    db: &D1Database,
    now: chrono::DateTime<chrono::Utc>,
) -> AppResult<u32> {
    let now_text = shared::time::rfc3339(now);
    let month_ago = shared::time::rfc3339(now - chrono::Duration::days(30));
    crate::db::batch(db, vec![store::forget_old(db, &month_ago)?]).await?;
    let sms = crate::accounts::sms::provider_for(env)?;
    send_pending(db, &sms, None, &now_text).await
}
