//! Sending the texts owed to claimants. A failure never fails the request that
//! caused the text: it is logged, the text is given back, and the hourly
//! housekeeping tries again.

use super::store;
use crate::accounts::sms::{Provider, SmsProvider};
use crate::error::AppResult;
use shared::rights::cases::{CaseNotice, CaseStatus};
use worker::D1Database;

pub async fn send_pending(
    db: &D1Database,
    sms: &Provider,
    case_id: Option<i64>,
    now: &str,
) -> AppResult<u32> {
    let mut sent = 0;
    for n in store::pending_notices(db, case_id, 100).await? {
        let Some(status) = CaseStatus::parse(&n.status) else {
            continue;
        };
        if !store::claim_notice(db, n.id, now).await? {
            continue;
        }
        let notice = CaseNotice {
            union: n.union_name.clone(),
            status,
        };
        match sms.send_case_status(&n.phone, &notice, now).await {
            Ok(()) => sent += 1,
            Err(e) => {
                worker::console_error!("case notice {} not sent: {e:?}", n.id);
                store::release_notice(db, n.id).await?;
            }
        }
    }
    Ok(sent)
}

/// After a change: send its texts now, logging instead of failing.
pub async fn send_now(ctx: &crate::ctx::Ctx, case_id: i64) {
    let result = async {
        let sms = crate::accounts::sms::provider(ctx)?;
        send_pending(&ctx.db()?, &sms, Some(case_id), &ctx.now_text()).await
    }
    .await;
    if let Err(e) = result {
        worker::console_error!("case notices of {case_id}: {e:?}");
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
    crate::db::batch(db, vec![store::forget_old_notices(db, &month_ago)?]).await?;
    let sms = crate::accounts::sms::provider_for(env)?;
    send_pending(db, &sms, None, &now_text).await
}
