//! Handlers of the union tree: parse, authorise (scope), call the store, shape.

use super::scope::in_scope;
use super::store::{self, UnionRow};
use crate::audit;
use crate::ctx::Ctx;
use crate::db;
use crate::error::{AppResult, OnConstraint};
use crate::reply::ok;
use shared::accounts::StaffRole;
use shared::api::{cursor, page_limit, ListMeta};
use shared::routes::params;
use shared::server::crypto;
use shared::unions::*;
use shared::{ApiError, Text};
use worker::Response;

pub async fn handle(route: UnionsRoute, ctx: &mut Ctx) -> AppResult<Response> {
    match route {
        UnionsRoute::ByJoinCode => by_join_code(ctx).await,
        UnionsRoute::List => list(ctx).await,
        UnionsRoute::Get => get(ctx).await,
        UnionsRoute::Create => create(ctx).await,
        UnionsRoute::Update => update(ctx).await,
    }
}

async fn by_join_code(ctx: &Ctx) -> AppResult<Response> {
    let db = ctx.db()?;
    let row = store::by_join_code(&db, ctx.param(params::JOIN_CODE))
        .await?
        .ok_or_else(ApiError::not_found)?;
    ok(&PublicUnionEnvelope {
        union: store::public_view(&db, row).await?,
    })
}

async fn list(ctx: &Ctx) -> AppResult<Response> {
    let q = UnionQuery::parse(ctx.query())?;
    let staff = ctx.staff()?;
    let db = ctx.db()?;
    let limit = page_limit(q.limit, 50, 200);
    let after = q.cursor.as_deref().and_then(cursor::decode).and_then(|c| {
        let (name, id) = c.rsplit_once('|')?;
        Some((name.to_string(), id.parse().ok()?))
    });
    let rows = match (&q.q, q.parent_id) {
        (Some(text), _) => store::search(&db, &staff.scope(), text, after, limit + 1).await?,
        (None, Some(parent)) => {
            in_scope(ctx, parent).await?;
            store::children(&db, Some(parent), after, limit + 1).await?
        }
        // Default: the caller's own union (or the provinces, for platform admins).
        (None, None) => match staff.union_id {
            Some(own) if after.is_none() => store::by_id(&db, own).await?.into_iter().collect(),
            Some(_) => Vec::new(),
            None => store::children(&db, None, after, limit + 1).await?,
        },
    };
    let next = (rows.len() > limit as usize).then(|| {
        let last = &rows[limit as usize - 1];
        cursor::encode(&format!("{}|{}", last.name, last.id))
    });
    let unions = rows
        .into_iter()
        .take(limit as usize)
        .map(UnionRow::into_wire)
        .collect();
    ok(&UnionList {
        unions,
        meta: ListMeta {
            next_cursor: next,
            limit,
        },
    })
}

async fn get(ctx: &Ctx) -> AppResult<Response> {
    let row = in_scope(ctx, ctx.id(params::UNION_ID)?).await?;
    ok(&UnionEnvelope {
        union: row.into_wire(),
    })
}

/// Join codes avoid look-alike characters (no 0/O, 1/I/L) so a poster can be typed in.
fn new_join_code() -> String {
    const ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    crypto::random_bytes::<8>()
        .iter()
        .map(|b| ALPHABET[*b as usize % ALPHABET.len()] as char)
        .collect()
}

async fn create(ctx: &mut Ctx) -> AppResult<Response> {
    let input: UnionCreate = ctx.body().await?;
    input.validate()?;
    let parent = in_scope(ctx, input.parent_id).await.map_err(|_| {
        ApiError::forbidden_field(
            "parent_id",
            Text::new(
                "上级工会不在您的管辖范围内",
                "The parent union is outside your scope",
            ),
        )
    })?;
    if !parent.level().may_contain(input.level) {
        return Err(ApiError::field(
            "level",
            Text::new(
                "这一级工会不能建在所选上级工会下面",
                "A union of this level cannot sit under the chosen parent",
            ),
        )
        .into());
    }
    if let Some(r) = &input.region_code {
        check_region_within(r, parent.region_code.as_deref())
            .map_err(|why| ApiError::field("region_code", why))?;
    }
    if let Some(fallback) = input.fallback_union_id {
        let f = in_scope(ctx, fallback).await.map_err(|_| {
            ApiError::forbidden_field(
                "fallback_union_id",
                Text::new(
                    "兜底工会不在您的管辖范围内",
                    "The fallback union is outside your scope",
                ),
            )
        })?;
        if f.kind() != UnionKind::Joint {
            return Err(ApiError::field(
                "fallback_union_id",
                Text::new(
                    "兜底工会应为区域或行业联合工会",
                    "The fallback must be a regional or industry joint union",
                ),
            )
            .into());
        }
    }
    let db = ctx.db()?;
    let code = validate_code(&input.code).unwrap_or_default();
    if store::by_code(&db, &code).await?.is_some() {
        return Err(ApiError::field(
            "code",
            Text::new("这个编码已被使用", "This code is already taken"),
        )
        .into());
    }
    let name = validate_name(&input.name).unwrap_or_default();
    let now = ctx.now_text();
    let id = store::next_id(&db).await?;
    let path = store::child_path(&parent, id);
    let mut logged = serde_json::to_value(&input)?;
    logged["id"] = id.into();
    logged["path"] = path.clone().into();
    let event = audit::Event {
        action: "union.create",
        target_type: "union",
        target_id: id.to_string(),
        union_id: Some(id),
        union_path: &path,
        before: None,
        after: Some(logged),
    };
    let staff = ctx.staff()?;
    db::batch(
        &db,
        vec![
            store::insert(
                &db,
                id,
                &parent,
                &input,
                &code,
                &name,
                &new_join_code(),
                &now,
            )?,
            audit::statement(&db, staff, &event, &now, &ctx.client_ip())?,
        ],
    )
    .await
    .on_constraint("unions.code", || {
        ApiError::field(
            "code",
            Text::new("这个编码已被使用", "This code is already taken"),
        )
    })
    // Another union took the same new id at the same moment: the phone tries again.
    .on_constraint("unions.id", || ApiError::rate_limited(1))?;
    let created = store::by_id(&db, id)
        .await?
        .ok_or_else(ApiError::internal)?;
    ok(&UnionEnvelope {
        union: created.into_wire(),
    })
}

/// A new region code: set only by an admin above the union, and inside the
/// parent's area.
async fn check_region_change(ctx: &Ctx, union: &UnionRow, code: &str) -> AppResult<()> {
    let staff = ctx.staff()?;
    if !may_change_region(staff.role, staff.union_path.as_deref(), &union.path) {
        return Err(ApiError::forbidden_field(
            "region_code",
            Text::new(
                "行政区划代码只能由上级工会的管理员修改",
                "Only an admin of a union above this one may change its division code",
            ),
        )
        .into());
    }
    let parent = match union.parent_id {
        Some(id) => store::by_id(&ctx.db()?, id).await?,
        None => None,
    };
    check_region_within(code, parent.as_ref().and_then(|p| p.region_code.as_deref()))
        .map_err(|why| ApiError::field("region_code", why).into())
}

async fn update(ctx: &mut Ctx) -> AppResult<Response> {
    let id = ctx.id(params::UNION_ID)?;
    let before = in_scope(ctx, id).await?;
    ctx.staff()?.require(StaffRole::UnionAdmin)?;
    let input: UnionUpdate = ctx.body().await?;
    input.validate_for(&before.summary())?;
    if let Some(r) = input.region_code.as_deref().map(str::trim) {
        if Some(r) != before.region_code.as_deref() {
            check_region_change(ctx, &before, r).await?;
        }
    }
    if let Some(fallback) = input.fallback_union_id {
        let f = in_scope(ctx, fallback).await.map_err(|_| {
            ApiError::forbidden_field(
                "fallback_union_id",
                Text::new(
                    "兜底工会不在您的管辖范围内",
                    "The fallback union is outside your scope",
                ),
            )
        })?;
        if f.kind() != UnionKind::Joint || f.status() != UnionStatus::Open {
            return Err(ApiError::field(
                "fallback_union_id",
                Text::new(
                    "兜底工会应为另一个正常的区域或行业联合工会",
                    "The fallback must be another open regional or industry joint union",
                ),
            )
            .into());
        }
    }
    let db = ctx.db()?;
    let now = ctx.now_text();
    let after_preview = serde_json::to_value(&input)?;
    let event = audit::Event {
        action: "union.update",
        target_type: "union",
        target_id: id.to_string(),
        union_id: Some(id),
        union_path: &before.path,
        before: Some(serde_json::to_value(before.clone().into_wire())?),
        after: Some(after_preview),
    };
    let staff = ctx.staff()?;
    db::batch(
        &db,
        vec![
            store::update(&db, id, &input, &now)?,
            audit::statement(&db, staff, &event, &now, &ctx.client_ip())?,
        ],
    )
    .await?;
    let row = store::by_id(&db, id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    ok(&UnionEnvelope {
        union: row.into_wire(),
    })
}
