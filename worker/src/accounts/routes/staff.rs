//! Staff management inside the caller's subtree: list, create, change (role,
//! union, status, password), and the audit log of the subtree.

use crate::accounts::store::{self, StaffRow};
use crate::audit;
use crate::ctx::Ctx;
use crate::db;
use crate::error::{AppResult, OnConstraint};
use crate::principal::Staff;
use crate::reply::ok;
use crate::session::{self, SessionKind};
use crate::unions::scope::{in_scope, scope_of};
use shared::accounts::*;
use shared::api::{cursor, page_limit, ListMeta};
use shared::routes::params;
use shared::server::password;
use shared::{ApiError, FieldErrors, Text};
use worker::Response;

pub async fn list(ctx: &mut Ctx) -> AppResult<Response> {
    let q = StaffQuery::parse(ctx.query())?;
    let scope = scope_of(ctx, q.union_id).await?;
    let limit = page_limit(q.limit, 50, 200);
    let after = q
        .cursor
        .as_deref()
        .and_then(cursor::decode)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let rows = store::staff_in_scope(&ctx.db()?, &scope, after, limit + 1).await?;
    let next = (rows.len() > limit as usize)
        .then(|| cursor::encode(&rows[limit as usize - 1].id.to_string()));
    let staff = rows
        .iter()
        .take(limit as usize)
        .map(StaffRow::to_wire)
        .collect();
    ok(&StaffList {
        staff,
        meta: ListMeta {
            next_cursor: next,
            limit,
        },
    })
}

/// A union admin may grant at most their own role, and only platform admins make platform admins.
fn check_grantable(actor: &Staff, role: StaffRole) -> AppResult<()> {
    if role > actor.role
        || (role == StaffRole::PlatformAdmin && actor.role != StaffRole::PlatformAdmin)
    {
        return Err(ApiError::field(
            "role",
            Text::new(
                "您不能授予比自己更高的角色",
                "You cannot grant a role above your own",
            ),
        )
        .into());
    }
    Ok(())
}

/// One's own password is changed with the current one (`/api/me/password`),
/// never here; another's password or second factor only by staff above them.
fn check_reset(actor: &Staff, target: &StaffRow, input: &StaffUpdate) -> AppResult<()> {
    let field = if input.password.is_some() {
        "password"
    } else if input.reset_second_factor == Some(true) {
        "reset_second_factor"
    } else {
        return Ok(());
    };
    let why = if target.id == actor.id {
        Text::new(
            "自己的密码请在“我的账号”里修改,需要输入原密码",
            "Change your own password under My account, with your current password",
        )
    } else if may_reset(
        (actor.role, actor.union_path.as_deref()),
        (target.role(), target.union_path.as_deref()),
    ) {
        return Ok(());
    } else {
        Text::new(
            "只有上级才能为这个账号重置密码或身份验证器",
            "Only staff above this account can reset its password or authenticator",
        )
    };
    Err(ApiError::forbidden_field(field, why).into())
}

pub async fn create(ctx: &mut Ctx) -> AppResult<Response> {
    let input: StaffCreate = ctx.body().await?;
    let actor = ctx.staff()?.clone();
    // Authority first: a role above one's own is refused before the fields are read.
    check_grantable(&actor, input.role)?;
    input.validate()?;
    if let Some(union_id) = input.union_id {
        in_scope(ctx, union_id).await.map_err(|_| {
            ApiError::forbidden_field(
                "union_id",
                Text::new(
                    "这个工会不在您的管辖范围内",
                    "This union is outside your scope",
                ),
            )
        })?;
    }
    let db = ctx.db()?;
    let row = insert_staff(ctx, &db, &input, Some(&actor)).await?;
    ok(&StaffEnvelope {
        staff_member: row.to_wire(),
    })
}

pub async fn update(ctx: &mut Ctx) -> AppResult<Response> {
    let actor = ctx.staff()?.clone();
    let db = ctx.db()?;
    let target = store::staff_by_id(&db, ctx.id(params::STAFF_ID)?)
        .await?
        .ok_or_else(ApiError::not_found)?;
    actor.check_scope(target.scope_path())?;
    if target.role() > actor.role {
        return Err(ApiError::forbidden().into());
    }
    let input: StaffUpdate = ctx.body().await?;
    input.validate()?;
    check_reset(&actor, &target, &input)?;
    if let Some(role) = input.role {
        check_grantable(&actor, role)?;
        if target.id == actor.id && role < actor.role {
            return Err(ApiError::field(
                "role",
                Text::new("不能降低自己的角色", "You cannot lower your own role"),
            )
            .into());
        }
    }
    if let Some(union_id) = input.union_id {
        in_scope(ctx, union_id).await.map_err(|_| {
            ApiError::forbidden_field(
                "union_id",
                Text::new(
                    "这个工会不在您的管辖范围内",
                    "This union is outside your scope",
                ),
            )
        })?;
    }
    // The role and union the member would have must fit together (a platform
    // admin has none); the staff table refuses anything else.
    input.validate_for(target.role(), target.union_id)?;
    let new_hash = match &input.password {
        Some(p) => {
            let mut errors = FieldErrors::new();
            errors.check("password", password::check(p, &target.username));
            errors.finish()?;
            Some(password::hash(p))
        }
        None => None,
    };
    let now = ctx.now_text();
    let mut after = serde_json::to_value(&input)?;
    if after.get("password").is_some_and(|p| !p.is_null()) {
        after["password"] = serde_json::json!("(changed)");
    }
    let reset_second_factor = input.reset_second_factor == Some(true);
    let event = audit::Event {
        action: "staff.update",
        target_type: "staff",
        target_id: target.id.to_string(),
        union_id: target.union_id,
        union_path: target.scope_path(),
        before: Some(serde_json::to_value(target.to_wire())?),
        after: Some(after),
    };
    let mut statements = vec![
        store::update_staff(&db, target.id, &input, new_hash.as_deref(), &now)?,
        audit::statement(&db, &actor, &event, &now, &ctx.client_ip())?,
    ];
    if reset_second_factor {
        statements.extend(store::reset_second_factor(&db, target.id)?);
    }
    db::batch(&db, statements).await?;
    // A new password or second factor, a disabled account or a changed role ends their sessions.
    let access_changed = input.password.is_some()
        || reset_second_factor
        || input.status == Some(StaffStatus::Disabled)
        || input.role.is_some()
        || input.union_id.is_some();
    if access_changed && target.id != actor.id {
        session::destroy_all(&ctx.kv()?, SessionKind::Staff, target.id, ctx.now_ms()).await?;
    }
    let row = store::staff_by_id(&db, target.id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    ok(&StaffEnvelope {
        staff_member: row.to_wire(),
    })
}

/// Validates (incl. the server-only common-password check), inserts and audits a staff member.
pub async fn insert_staff(
    ctx: &Ctx,
    db: &worker::D1Database,
    input: &StaffCreate,
    creator: Option<&Staff>,
) -> AppResult<StaffRow> {
    input.validate()?;
    let username = validate_username(&input.username).unwrap_or_default();
    let display_name = validate_display_name(&input.display_name).unwrap_or_default();
    let mut errors = FieldErrors::new();
    errors.check("password", password::check(&input.password, &username));
    errors.finish()?;
    let taken = || {
        ApiError::field(
            "username",
            Text::new("这个用户名已被使用", "This username is taken"),
        )
    };
    // Asked first so a taken name costs no password hashing; the constraint decides a race.
    if store::staff_by_username(db, &username).await?.is_some() {
        return Err(taken().into());
    }
    let now = ctx.now_text();
    let hash = password::hash(&input.password);
    let id = store::next_staff_id(db).await?;
    let union_path = match input.union_id {
        Some(u) => crate::unions::store::by_id(db, u).await?.map(|u| u.path),
        None => None,
    }
    .unwrap_or_else(|| "/".to_string());
    let actor = creator.cloned().unwrap_or(Staff {
        id,
        display_name: display_name.clone(),
        role: input.role,
        union_id: None,
        union_path: None,
    });
    let event = audit::Event {
        action: if creator.is_some() {
            "staff.create"
        } else {
            "staff.bootstrap"
        },
        target_type: "staff",
        target_id: id.to_string(),
        union_id: input.union_id,
        union_path: &union_path,
        before: None,
        after: Some(serde_json::json!({
            "id": id,
            "username": username,
            "display_name": display_name,
            "role": input.role,
            "union_id": input.union_id,
        })),
    };
    db::batch(
        db,
        vec![
            store::insert_staff(
                db,
                id,
                input,
                &username,
                &display_name,
                &hash,
                creator.map(|c| c.id),
                &now,
            )?,
            audit::statement(db, &actor, &event, &now, &ctx.client_ip())?,
        ],
    )
    .await
    .on_constraint("staff.username", taken)
    // Another account took the same new id at the same moment: try again.
    .on_constraint("staff.id", || ApiError::rate_limited(1))?;
    let row = store::staff_by_id(db, id)
        .await?
        .ok_or_else(ApiError::internal)?;
    Ok(row)
}

pub async fn audit_log(ctx: &mut Ctx) -> AppResult<Response> {
    let q = AuditQuery::parse(ctx.query())?;
    let scope = scope_of(ctx, q.union_id).await?;
    let limit = page_limit(q.limit, 50, 200);
    let before = q
        .cursor
        .as_deref()
        .and_then(cursor::decode)
        .and_then(|c| c.parse().ok())
        .unwrap_or(i64::MAX);
    let mut entries = store::audit_in_scope(&ctx.db()?, &scope, before, limit + 1).await?;
    let next = (entries.len() > limit as usize)
        .then(|| cursor::encode(&entries[limit as usize - 1].id.to_string()));
    entries.truncate(limit as usize);
    ok(&AuditList {
        entries,
        meta: ListMeta {
            next_cursor: next,
            limit,
        },
    })
}
