//! One status change of an application, as the statements of one D1 batch:
//! the budget move (if the change commits, releases or pays money), the new
//! state (only from the version it was read at), the history row (whose
//! (application, version) key fails a second writer), the text owed, and the
//! audit entry of a staff action. Either all of it happens or none.

use super::store::{self, constraints, ApplicationRow, NewState};
use crate::audit;
use crate::ctx::Ctx;
use crate::db;
use crate::error::{AppResult, OnConstraint};
use crate::principal::Staff;
use shared::benefits::*;
use shared::{ApiError, Text};
use worker::{D1Database, D1PreparedStatement};

pub struct Change {
    pub action: StatusAction,
    pub state: NewState,
    /// (committed fen, committed places, paid fen) added to the programme.
    pub budget: Option<(i64, i64, i64)>,
    /// What the history row shows: the amount, and the reason, note or reference.
    pub amount_fen: Option<i64>,
    pub note: Option<String>,
    pub documents: Vec<String>,
    /// A hardship approval: the household's file opens (since, next review).
    pub household: Option<(chrono::NaiveDate, chrono::NaiveDate)>,
}

/// Another change got there first.
pub fn changed_meanwhile() -> ApiError {
    ApiError::conflict(Text::new(
        "这份申请刚被别人处理过,请刷新后再看",
        "Someone else just changed this application; reload it",
    ))
}

/// The budget or the places ran out.
pub fn budget_spent() -> ApiError {
    ApiError::conflict(Text::new(
        "预算或名额已经用完,这一份不能再批准",
        "The budget or the places are used up; this one cannot be approved",
    ))
}

impl Change {
    /// The move `action` makes from the application's status, or 409.
    pub fn new(row: &ApplicationRow, action: StatusAction) -> AppResult<Change> {
        let from = row.status();
        let to = next_status(from, action, row.kind())
            .ok_or_else(|| ApiError::conflict(not_allowed(from, action)))?;
        let mut state = NewState::of(row);
        state.status = to;
        if to != ApplicationStatus::NeedsDocuments {
            state.documents_requested.clear();
        }
        Ok(Change {
            action,
            state,
            budget: None,
            amount_fen: None,
            note: None,
            documents: Vec::new(),
            household: None,
        })
    }

    /// What the applicant's text says after it.
    fn detail(&self) -> String {
        match self.state.status {
            ApplicationStatus::NeedsDocuments => self.state.documents_requested.join("、"),
            ApplicationStatus::Rejected => self.state.reason.clone().unwrap_or_default(),
            _ => String::new(),
        }
    }

    /// The statements of this change; `staff` acts (audited) or the applicant does.
    pub fn statements(
        &self,
        db: &D1Database,
        row: &ApplicationRow,
        staff: Option<&Staff>,
        now: &str,
        ip: &str,
    ) -> AppResult<Vec<D1PreparedStatement>> {
        let next = row.version + 1;
        let mut out = Vec::new();
        if let Some((fen, places, paid)) = self.budget {
            out.push(store::move_budget(
                db,
                row.programme_id,
                row.id,
                row.version,
                fen,
                places,
                paid,
            )?);
        }
        out.push(store::update_state(
            db,
            row.id,
            row.version,
            &self.state,
            now,
        )?);
        if let Some((since, review)) = self.household {
            out.push(store::file_household(
                db,
                row.id,
                next,
                &since.to_string(),
                &review.to_string(),
                now,
            )?);
        }
        out.push(store::insert_event(
            db,
            &store::NewEvent {
                application_id: row.id,
                version: next,
                action: Some(self.action),
                status: self.state.status,
                amount_fen: self.amount_fen,
                note: self.note.as_deref(),
                documents: &self.documents,
                by_staff: staff.is_some(),
                by_id: staff.map_or(row.user_id, |s| s.id),
            },
            now,
        )?);
        let shown = self.state.paid_fen.or(self.state.amount_fen);
        out.push(store::insert_notice(
            db,
            row.id,
            next,
            self.state.status.code(),
            shown,
            &self.detail(),
            now,
        )?);
        if let Some(staff) = staff {
            out.push(audit::statement(
                db,
                staff,
                &audit::Event::new(
                    &format!("benefit_application.{}", self.action.code()),
                    "benefit_application",
                    row.id,
                    &row.union_path,
                    Some(serde_json::json!({
                        "status": self.state.status.code(),
                        "amount_fen": self.amount_fen,
                        "note": self.note,
                    })),
                ),
                now,
                ip,
            )?);
        }
        Ok(out)
    }

    /// Runs the change in one batch; a lost race or a spent budget is a 409.
    pub async fn commit(
        &self,
        ctx: &Ctx,
        row: &ApplicationRow,
        staff: Option<&Staff>,
    ) -> AppResult<()> {
        let db = ctx.db()?;
        let statements = self.statements(&db, row, staff, &ctx.now_text(), &ctx.client_ip())?;
        run(&db, statements).await
    }
}

/// A batch of changes, with their conflicts answered plainly.
pub async fn run(db: &D1Database, statements: Vec<D1PreparedStatement>) -> AppResult<()> {
    db::batch(db, statements)
        .await
        .on_constraint(constraints::VERSION, changed_meanwhile)
        .on_constraint(constraints::BUDGET_KEPT, budget_spent)
        .map(|_| ())
}
