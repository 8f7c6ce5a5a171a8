//! Views of a case put together from store rows: a claimant sees their own
//! claim and money only; staff see every claimant. The clocks are counted
//! here from the case's dates in the stored calendar.

use super::store::{self, date, CaseRow, ClaimantRow};
use crate::ctx::Ctx;
use crate::error::AppResult;
use shared::rights::cases::*;
use shared::rights::clocks::{clocks, Clock, ClockFacts, Referral};
use shared::rights::holidays::Calendar;
use shared::ApiError;
use worker::D1Database;

/// The attachments capability name of a claimant's evidence (subject: the claimant row).
pub const EVIDENCE: &str = "rights_claim";

/// Who is looking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Viewer {
    Claimant(i64),
    Staff,
}

pub fn clock_facts(row: &CaseRow, claimants: &[&ClaimantRow]) -> ClockFacts {
    let status = row.status();
    ClockFacts {
        mediation_from: status
            .mediation_running()
            .then(|| date(&row.accepted_on))
            .flatten(),
        referral: (status == CaseStatus::Referred)
            .then(|| {
                Some(Referral {
                    to: row.referral()?,
                    on: date(&row.referred_on)?,
                    accepted_on: date(&row.referral_accepted_on),
                })
            })
            .flatten(),
        open: !status.is_final() && !matches!(status, CaseStatus::Recovered | CaseStatus::FollowUp),
        left_on: claimants.iter().map(|c| c.left_on()).collect(),
    }
}

pub fn case_clocks(
    row: &CaseRow,
    claimants: &[&ClaimantRow],
    cal: &Calendar,
    today: chrono::NaiveDate,
) -> Vec<Clock> {
    clocks(&clock_facts(row, claimants), cal, today)
}

/// The earliest clock's due day and warning day, as the case row keeps them.
pub fn next_clock(clocks: &[Clock]) -> (Option<String>, Option<String>) {
    clocks
        .iter()
        .map(|c| {
            (
                c.due_on,
                c.due_on - chrono::Duration::days(c.kind.warn_days()),
            )
        })
        .min_by_key(|(_, warn)| *warn)
        .map_or((None, None), |(due, warn)| {
            (Some(due.to_string()), Some(warn.to_string()))
        })
}

fn claim_view(
    c: &ClaimantRow,
    evidence: Vec<shared::attachments::AttachmentView>,
    staff: bool,
) -> ClaimView {
    ClaimView {
        id: c.id,
        name: c.name.clone(),
        phone: staff
            .then(|| c.phone.clone())
            .filter(|p| !p.starts_with("deleted:")),
        days: c.days as u32,
        amount_claimed_fen: c.amount_claimed_fen,
        still_employed: c.still_employed != 0,
        left_on: c.left_on(),
        is_filer: c.is_filer != 0,
        representative: c.representative != 0,
        agreed_fen: c.agreed_fen,
        pay_by: date(&c.pay_by),
        recovered_fen: c.recovered_fen,
        recovered_on: date(&c.recovered_on),
        evidence,
        joined_at: c.joined_at.clone(),
    }
}

pub fn summary(
    row: &CaseRow,
    claimants: &[ClaimantRow],
    cal: &Calendar,
    today: chrono::NaiveDate,
    viewer: Viewer,
) -> CaseSummary {
    let mine: Vec<&ClaimantRow> = claimants.iter().filter(|c| c.case_id == row.id).collect();
    let own = match viewer {
        Viewer::Claimant(u) => mine.iter().find(|c| c.user_id == u).copied(),
        Viewer::Staff => None,
    };
    let clock = case_clocks(row, &mine, cal, today).into_iter().next();
    CaseSummary {
        id: row.id,
        status: row.status(),
        union: row.union_ref(),
        employer_name: row.employer_name.clone(),
        site_name: row.site_name.clone(),
        claimant_count: row.claimant_count as u32,
        claimed_fen: own.map_or(row.claimed_fen, |c| c.amount_claimed_fen),
        recovered_fen: own.map_or(row.recovered_fen, |c| c.recovered_fen),
        clock,
        created_at: row.created_at.clone(),
    }
}

/// One case as `viewer` sees it; a claimant who is not one gets 404.
pub async fn case(ctx: &Ctx, id: i64, viewer: Viewer) -> AppResult<CaseView> {
    let db = ctx.db()?;
    let row = store::case(&db, id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    view(ctx, &db, &row, viewer).await
}

pub async fn case_json(ctx: &Ctx, id: i64, viewer: Viewer) -> AppResult<serde_json::Value> {
    Ok(serde_json::to_value(CaseEnvelope {
        case: case(ctx, id, viewer).await?,
    })?)
}

pub async fn view(
    ctx: &Ctx,
    db: &D1Database,
    row: &CaseRow,
    viewer: Viewer,
) -> AppResult<CaseView> {
    let claimants = store::claimants(db, &[row.id]).await?;
    let own = match viewer {
        Viewer::Claimant(u) => Some(
            claimants
                .iter()
                .find(|c| c.user_id == u)
                .ok_or_else(ApiError::not_found)?,
        ),
        Viewer::Staff => None,
    };
    let staff = viewer == Viewer::Staff;
    let cal = store::calendar(db).await?;
    let today = ctx.today();
    let all: Vec<&ClaimantRow> = claimants.iter().collect();
    let clocks = case_clocks(row, &all, &cal, today);
    let (from, to) = row.period();
    let months = months_of(from, to);
    let threshold = store::threshold_for(db, row.province().as_deref())
        .await?
        .map(|t| {
            check(
                &t.wire(),
                &claimants
                    .iter()
                    .map(|c| (c.amount_claimed_fen, months))
                    .collect::<Vec<_>>(),
            )
        });
    let mut claim_views = Vec::new();
    let mut mine = None;
    for c in &claimants {
        let show = staff || own.is_some_and(|o| o.id == c.id);
        if !show {
            continue;
        }
        let evidence = crate::attachments::of_subject(db, EVIDENCE, c.id).await?;
        let v = claim_view(c, evidence, staff);
        if staff {
            claim_views.push(v);
        } else {
            mine = Some(v);
        }
    }
    let sessions = store::sessions(db, row.id)
        .await?
        .into_iter()
        .map(|s| SessionView {
            held_on: s.held_on.parse().unwrap_or_default(),
            result: SessionResult::parse(&s.result).unwrap_or(SessionResult::Continued),
            note: s.note,
        })
        .collect();
    let history = store::history(db, row.id)
        .await?
        .iter()
        .map(store::EventRow::wire)
        .collect();
    Ok(CaseView {
        id: row.id,
        status: row.status(),
        union: row.union_ref(),
        employer: EmployerView {
            name: row.employer_name.clone(),
            employer_id: row.employer_id,
            phone: row.boss_phone.clone(),
        },
        site_name: row.site_name.clone(),
        site_address: row.site_address.clone(),
        main_contractor: row.main_contractor.clone(),
        period_from: from,
        period_to: to,
        facts: row.facts.clone(),
        claimant_count: row.claimant_count as u32,
        claimed_fen: own.map_or(row.claimed_fen, |c| c.amount_claimed_fen),
        recovered_fen: own.map_or(row.recovered_fen, |c| c.recovered_fen),
        missing: row.missing(),
        reason: row.reason.clone(),
        referral: row.referral(),
        referred_on: date(&row.referred_on),
        referral_accepted_on: date(&row.referral_accepted_on),
        accepted_on: date(&row.accepted_on),
        satisfaction: row.satisfaction.as_deref().and_then(Satisfaction::parse),
        settled_on_time: row.settled_on_time != 0,
        needs_representatives: needs_representatives(row.claimant_count as usize)
            && !claimants.iter().any(|c| c.representative != 0),
        clocks,
        threshold,
        mine,
        claimants: claim_views,
        sessions,
        history,
        created_at: row.created_at.clone(),
    })
}

/// The signature of a case's invitation.
pub fn invite_sig(ctx: &Ctx, case_id: i64, exp: i64) -> AppResult<String> {
    Ok(shared::server::crypto::hmac_sha256_hex(
        &ctx.signing_key()?,
        invite_payload(case_id, exp).as_bytes(),
    ))
}

/// The my-data export: every case one is a claimant of, as one sees it.
pub async fn export(ctx: &Ctx, user_id: i64) -> AppResult<Vec<CaseView>> {
    let db = ctx.db()?;
    let mut out = Vec::new();
    for row in store::cases_of_user(&db, user_id, 1000).await? {
        out.push(view(ctx, &db, &row, Viewer::Claimant(user_id)).await?);
    }
    Ok(out)
}
