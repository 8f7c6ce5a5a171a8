//! One status change of a case, as the statements of one D1 batch: the new
//! state (only from the version it was read at), the history row (whose
//! (case, version) key fails a second writer), the per-worker agreement or
//! recovery rows, a text to every claimant, and the audit entry of a staff
//! action. Either all of it happens or none. The clock columns are worked
//! out afresh after it.

use super::notices;
use super::store::{self, constraints, CaseRow, NewState};
use super::views;
use crate::audit;
use crate::ctx::Ctx;
use crate::db;
use crate::error::{AppResult, OnConstraint};
use crate::principal::Staff;
use shared::rights::cases::*;
use shared::{ApiError, Text};
use worker::D1PreparedStatement;

pub fn changed_meanwhile() -> ApiError {
    ApiError::conflict(Text::new(
        "这个案件刚被别人处理过,请刷新后再看",
        "Someone else just changed this case; reload it",
    ))
}

pub struct Change {
    pub action: CaseAction,
    pub state: NewState,
    pub note: Option<String>,
}

impl Change {
    /// The move `action` makes from the case's status, or 409.
    pub fn new(row: &CaseRow, action: CaseAction) -> AppResult<Change> {
        let from = row.status();
        let to = next_status(from, action)
            .ok_or_else(|| ApiError::conflict(not_allowed(from, action)))?;
        let mut state = NewState::of(row);
        state.status = to;
        if to != CaseStatus::NeedsInfo {
            state.missing.clear();
        }
        Ok(Change {
            action,
            state,
            note: None,
        })
    }

    /// Runs the change with `extra` statements (agreements, recoveries) in one batch.
    pub async fn commit(
        &self,
        ctx: &Ctx,
        row: &CaseRow,
        staff: Option<&Staff>,
        extra: Vec<D1PreparedStatement>,
    ) -> AppResult<()> {
        let db = ctx.db()?;
        let now = ctx.now_text();
        let next = row.version + 1;
        let mut out = vec![store::update_state(
            &db,
            row.id,
            row.version,
            &self.state,
            &now,
        )?];
        out.extend(extra);
        out.push(store::insert_event(
            &db,
            row.id,
            next,
            Some(self.action),
            self.state.status,
            self.note.as_deref(),
            staff.is_some(),
            staff.map_or(row.filer_user_id, |s| s.id),
            &now,
        )?);
        if self.state.status != row.status() {
            out.push(store::insert_notices(
                &db,
                row.id,
                next,
                self.state.status,
                &now,
            )?);
        }
        if let Some(staff) = staff {
            out.push(audit::statement(
                &db,
                staff,
                &audit::Event::new(
                    &format!("rights_case.{}", self.action.code()),
                    "rights_case",
                    row.id,
                    &row.union_path,
                    Some(serde_json::json!({
                        "status": self.state.status.code(),
                        "note": self.note,
                    })),
                )
                .in_union(row.union_id),
                &now,
                &ctx.client_ip(),
            )?);
        }
        db::batch(&db, out)
            .await
            .on_constraint(constraints::VERSION, changed_meanwhile)?;
        refresh_clock(ctx, row.id).await?;
        notices::send_now(ctx, row.id).await;
        Ok(())
    }
}

/// Works out the case's earliest clock again and keeps it on the row.
pub async fn refresh_clock(ctx: &Ctx, id: i64) -> AppResult<()> {
    let db = ctx.db()?;
    let Some(row) = store::case(&db, id).await? else {
        return Ok(());
    };
    let claimants = store::claimants(&db, &[id]).await?;
    let cal = store::calendar(&db).await?;
    let all: Vec<&store::ClaimantRow> = claimants.iter().collect();
    let clocks = views::case_clocks(&row, &all, &cal, ctx.today());
    let (due, warn) = views::next_clock(&clocks);
    db::batch(&db, vec![store::set_clock(&db, id, due, warn)?]).await?;
    Ok(())
}
