//! The Worker's one error type. Caller mistakes are `Api` errors with a message
//! in the caller's language; a write a UNIQUE constraint refused is `Unique`
//! until a handler says what it means (`on_constraint`); everything else is
//! `Internal`, logged and never shown. This module uses nothing else of the
//! crate: it is mapped to HTTP in one place, `reply::error`.

use shared::ApiError;

#[derive(Debug)]
pub enum AppError {
    Api(ApiError),
    /// A UNIQUE or PRIMARY KEY constraint refused a write. `columns` names the
    /// constraint the way SQLite does in "UNIQUE constraint failed: staff.username":
    /// `table.column`, several joined by ", " (`job_applications.job_id, job_applications.user_id`).
    /// Unless a handler maps it, it is a 500 like `Internal`.
    Unique {
        columns: String,
        detail: String,
    },
    /// A named CHECK constraint refused a write ("CHECK constraint failed:
    /// benefit_budget_kept"); like `Unique`, a 500 unless a handler maps it.
    Check {
        name: String,
        detail: String,
    },
    Internal(String),
}

pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    /// True when this is a violation of the unique constraint on exactly `columns`.
    pub fn is_unique(&self, columns: &str) -> bool {
        matches!(self, AppError::Unique { columns: c, .. } if c == columns)
    }

    /// True when this is a violation of the unique constraint on `name` (its
    /// columns) or of the CHECK constraint called `name`.
    pub fn is_constraint(&self, name: &str) -> bool {
        self.is_unique(name) || matches!(self, AppError::Check { name: n, .. } if n == name)
    }

    /// The error to show: `Api` as it is; the rest logged and shown as a plain 500.
    pub fn into_api(self) -> ApiError {
        match self {
            AppError::Api(e) => e,
            AppError::Unique { detail, .. } => {
                worker::console_error!("unexpected unique violation: {detail}");
                ApiError::internal()
            }
            AppError::Check { detail, .. } => {
                worker::console_error!("unexpected check violation: {detail}");
                ApiError::internal()
            }
            AppError::Internal(detail) => {
                worker::console_error!("internal error: {detail}");
                ApiError::internal()
            }
        }
    }
}

/// Tells the caller what a clash with a named unique constraint means, in the
/// style of realworld-axum-sqlx's `on_constraint`:
///
/// ```ignore
/// db::batch(&db, statements).await.on_constraint("staff.username", || {
///     ApiError::field("username", Text::new("这个用户名已被使用", "This username is taken"))
/// })?;
/// ```
///
/// `columns` is the constraint as SQLite names it (see `AppError::Unique`), or
/// the name of a CHECK constraint (`AppError::Check`);
/// `refusal` is the 409 (`ApiError::conflict`) or 422 (`ApiError::field`) that
/// names the field, with its message in both languages. Any other error passes.
pub trait OnConstraint<T> {
    fn on_constraint(self, columns: &str, refusal: impl FnOnce() -> ApiError) -> AppResult<T>;
}

impl<T> OnConstraint<T> for AppResult<T> {
    fn on_constraint(self, columns: &str, refusal: impl FnOnce() -> ApiError) -> AppResult<T> {
        match self {
            Err(e) if e.is_constraint(columns) => Err(AppError::Api(refusal())),
            other => other,
        }
    }
}

impl From<ApiError> for AppError {
    fn from(e: ApiError) -> Self {
        AppError::Api(e)
    }
}

impl From<shared::FieldErrors> for AppError {
    fn from(e: shared::FieldErrors) -> Self {
        AppError::Api(e.into())
    }
}

impl From<worker::Error> for AppError {
    fn from(e: worker::Error) -> Self {
        AppError::Internal(e.to_string())
    }
}

impl From<worker::kv::KvError> for AppError {
    fn from(e: worker::kv::KvError) -> Self {
        AppError::Internal(format!("kv: {e}"))
    }
}

impl From<serde_json::Error> for AppError {
    fn from(e: serde_json::Error) -> Self {
        AppError::Internal(format!("json: {e}"))
    }
}
