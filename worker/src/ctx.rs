//! The request context every handler receives: the request and its parsed
//! parts, the caller (`principal`, filled in by `auth`), the clock in
//! Asia/Shanghai, and the bindings. Handlers parse with it, authorise, call
//! their store and shape the reply (`reply`).

use crate::error::{AppError, AppResult};
use crate::principal::{Principal, Staff};
use crate::session::Session;
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use futures_util::StreamExt;
use serde::de::DeserializeOwned;
use shared::limits::{overlong_strings, BodySchema};
use shared::query::Query;
use shared::routes::{Param, Route};
use shared::{ApiError, Lang, Text};
use worker::{Env, Request};

pub struct Ctx {
    pub req: Request,
    pub env: Env,
    pub route: &'static Route,
    pub lang: Lang,
    pub now: DateTime<Utc>,
    /// The signed-in person, resolved from the session cookie by the router.
    pub principal: Option<Principal>,
    /// Staff who gave the right password and still owe the second factor; they
    /// are no principal: only `Access::SecondFactor` routes let them in.
    pub second_factor_due: Option<Staff>,
    pub session: Option<Session>,
    params: Vec<(&'static str, String)>,
    query: Query,
    body: Option<Vec<u8>>,
}

impl Ctx {
    pub fn new(
        req: Request,
        env: Env,
        route: &'static Route,
        params: Vec<(&'static str, String)>,
    ) -> Ctx {
        let lang = Lang::from_accept_language(
            req.headers()
                .get("accept-language")
                .ok()
                .flatten()
                .as_deref(),
        );
        let query = req
            .url()
            .ok()
            .and_then(|u| u.query().map(Query::parse))
            .unwrap_or_default();
        Ctx {
            req,
            env,
            route,
            lang,
            now: shared::time::from_millis(js_sys::Date::now()),
            principal: None,
            second_factor_due: None,
            session: None,
            params,
            query,
            body: None,
        }
    }

    pub fn now_ms(&self) -> f64 {
        self.now.timestamp_millis() as f64
    }

    /// `now` as stored in D1 and sent on the wire.
    pub fn now_text(&self) -> String {
        shared::time::rfc3339(self.now)
    }

    /// "Now" as a wall clock in Asia/Shanghai.
    pub fn local_now(&self) -> NaiveDateTime {
        shared::time::local(self.now)
    }

    /// Today's date in Asia/Shanghai (`.to_string()` is the stored `YYYY-MM-DD`).
    pub fn today(&self) -> NaiveDate {
        shared::time::local_date(self.now)
    }

    /// The signed-in worker's user id (the route's gate already required one).
    pub fn worker_id(&self) -> AppResult<i64> {
        match &self.principal {
            Some(Principal::Worker { user_id }) => Ok(*user_id),
            Some(_) => Err(ApiError::forbidden().into()),
            None => Err(ApiError::unauthenticated().into()),
        }
    }

    /// The signed-in staff member (the route's gate already required one).
    pub fn staff(&self) -> AppResult<&Staff> {
        match &self.principal {
            Some(Principal::Staff(s)) => Ok(s),
            Some(_) => Err(ApiError::forbidden().into()),
            None => Err(ApiError::unauthenticated().into()),
        }
    }

    pub fn current_session(&self) -> AppResult<&Session> {
        self.session
            .as_ref()
            .ok_or_else(|| AppError::Api(ApiError::unauthenticated()))
    }

    /// A path parameter as text.
    pub fn param(&self, param: Param) -> &str {
        self.params
            .iter()
            .find(|(n, _)| *n == param.name())
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    }

    /// A numeric id path parameter; anything else is simply not found.
    pub fn id(&self, param: Param) -> AppResult<i64> {
        self.param(param)
            .parse::<i64>()
            .ok()
            .filter(|id| *id > 0)
            .ok_or_else(|| ApiError::not_found().into())
    }

    pub fn query(&self) -> &Query {
        &self.query
    }

    pub fn header(&self, name: &str) -> Option<String> {
        self.req.headers().get(name).ok().flatten()
    }

    /// The caller's address, for rate limits and the audit log.
    pub fn client_ip(&self) -> String {
        self.header("cf-connecting-ip")
            .unwrap_or_else(|| "127.0.0.1".into())
    }

    /// The raw body's bytes, read once, and never past the route's
    /// `body_limit`: a declared length over it is refused unread, a stream
    /// stops at it (413).
    pub async fn body_bytes(&mut self) -> AppResult<&[u8]> {
        if self.body.is_none() {
            let limit = self.route.body_limit;
            let declared = self
                .header("content-length")
                .and_then(|n| n.trim().parse::<u64>().ok());
            if declared.is_some_and(|n| n > u64::from(limit)) {
                return Err(ApiError::too_large(limit).into());
            }
            self.body = Some(read_at_most(&mut self.req, limit).await?);
        }
        Ok(self.body.as_deref().unwrap_or(&[]))
    }

    /// The raw body as text (JSON bodies); not UTF-8 is a 400.
    pub async fn body_text(&mut self) -> AppResult<&str> {
        std::str::from_utf8(self.body_bytes().await?).map_err(|_| bad_body())
    }

    /// The JSON body. Malformed JSON is a 400; a string over its field's maximum
    /// (`shared::limits`) or a wrong type in a field is a 422 naming it.
    pub async fn body<T: DeserializeOwned>(&mut self) -> AppResult<T> {
        let schema = self.route.body;
        let text = self.body_text().await?;
        if let Some(schema) = schema {
            if let Ok(value) = serde_json::from_str::<serde_json::Value>(text) {
                let overlong = overlong_strings(&BodySchema::of(schema), &value);
                if !overlong.is_empty() {
                    return Err(ApiError::validation(overlong).into());
                }
            }
        }
        parse_json(text)
    }

    pub fn db(&self) -> AppResult<worker::D1Database> {
        Ok(self.env.d1("DB")?)
    }

    pub fn kv(&self) -> AppResult<worker::kv::KvStore> {
        Ok(self.env.kv("KV")?)
    }

    /// The keys that seal ID numbers (ID_KEY_V*, ID_KEY_CURRENT) and make their
    /// blind index (ID_HMAC_KEY_V*, ID_HMAC_KEY_CURRENT; ID_HMAC_KEY is v1).
    pub fn keyring(&self) -> AppResult<shared::server::sealed::Keyring> {
        keyring(&self.env)
    }

    /// The key that signs links (member-card verification, OTP hashes).
    pub fn signing_key(&self) -> AppResult<Vec<u8>> {
        self.secret("SIGNING_KEY")
            .map(String::into_bytes)
            .ok_or_else(|| AppError::Internal("SIGNING_KEY is not set".into()))
    }

    /// A Worker secret or var; absent or empty is `None`.
    pub fn secret(&self, name: &str) -> Option<String> {
        secret(&self.env, name)
    }
}

/// A Worker secret or var; absent or empty is `None`.
pub fn secret(env: &worker::Env, name: &str) -> Option<String> {
    env.secret(name)
        .map(|s| s.to_string())
        .or_else(|_| env.var(name).map(|v| v.to_string()))
        .ok()
        .filter(|s| !s.is_empty())
}

/// The ID-number keyring from the Worker's secrets (also for the housekeeping).
pub fn keyring(env: &worker::Env) -> AppResult<shared::server::sealed::Keyring> {
    shared::server::sealed::Keyring::from_secrets(|name| secret(env, name))
        .map_err(|e| AppError::Internal(e.to_string()))
}

/// The body's bytes, or a 413 as soon as they pass `limit`.
async fn read_at_most(req: &mut Request, limit: u32) -> AppResult<Vec<u8>> {
    let mut out = Vec::new();
    let Ok(mut stream) = req.stream() else {
        return Ok(out); // no body at all
    };
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|_| bad_body())?;
        if out.len() + chunk.len() > limit as usize {
            return Err(ApiError::too_large(limit).into());
        }
        out.extend_from_slice(&chunk);
    }
    Ok(out)
}

fn bad_body() -> AppError {
    ApiError::bad_request(Text::new(
        "请求内容不是有效的 JSON",
        "The request body is not valid JSON",
    ))
    .into()
}

pub fn parse_json<T: DeserializeOwned>(text: &str) -> AppResult<T> {
    let de = &mut serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let inner = e.inner();
        if inner.is_syntax() || inner.is_eof() || text.trim().is_empty() {
            return bad_body();
        }
        let path = e.path().to_string();
        let field = if path == "." {
            "body".to_string()
        } else {
            path
        };
        let why = if inner.to_string().starts_with("missing field") {
            shared::error::why::required()
        } else {
            Text::new("格式不正确", "Has the wrong format")
        };
        // serde names the missing field only in its message: `missing field `phone``.
        let field = inner
            .to_string()
            .strip_prefix("missing field `")
            .and_then(|s| s.split('`').next())
            .map(|name| {
                if field == "body" {
                    name.to_string()
                } else {
                    format!("{field}.{name}")
                }
            })
            .unwrap_or(field);
        ApiError::field(&field, why).into()
    })
}
