//! Submissions that survive a dropped signal. A submission is written to the
//! phone first, with a fresh Idempotency-Key, then sent. If there is no network
//! it waits here and is sent again — with the same key, so the server creates
//! it exactly once — when the phone comes back online, when the app starts, and
//! every 20 seconds while anything waits. A submission made while signed in
//! is sent only while that same account is signed in on the phone: a shared
//! phone never sends one person's form under another's session.
//!
//! Only "no answer" (`ApiFailure::Offline`) and "not now" (429) keep a
//! submission waiting. Any answer from the API ends it: a refusal, and also a
//! reply this app cannot read (`ApiFailure::BadReply`) — a contract bug or an
//! old app, which sending again every 20 seconds would not mend. Forms keep
//! their draft on the phone until the server has the submission, so a refused
//! one can be fixed and sent again.

use crate::api::{self, ApiFailure};
use crate::storage;
use leptos::prelude::*;
use serde::{de::DeserializeOwned, Deserialize, Serialize};
use shared::error::{ErrorBody, ErrorCode};
use shared::routes::Method;
use std::cell::RefCell;
use std::collections::HashSet;

const PENDING: &str = "gy.outbox";
const DONE: &str = "gy.outbox.done";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pending {
    /// Sent as the Idempotency-Key.
    pub key: String,
    /// What it is, for the screens that show it ("enrolment", "station_report"…).
    pub kind: String,
    /// Stored as its text ("POST"), as earlier versions of the app stored it.
    #[serde(with = "shared::routes::method_text")]
    pub method: Method,
    pub path: String,
    /// The request body as JSON text.
    pub body: String,
    pub created_ms: f64,
    /// The account that made it (`crate::auth::current_account`), if any.
    #[serde(default)]
    pub owner: Option<String>,
}

/// The outcome of a submission that was sent from the outbox later.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Done {
    pub key: String,
    pub kind: String,
    pub ok: bool,
    /// The API's reply as JSON text: the created resource, or the error body.
    pub body: String,
}

#[derive(Clone, Copy)]
pub struct Outbox {
    pub pending: RwSignal<Vec<Pending>>,
    pub done: RwSignal<Vec<Done>>,
}

thread_local! {
    static OUTBOX: RefCell<Option<Outbox>> = const { RefCell::new(None) };
    static IN_FLIGHT: RefCell<HashSet<String>> = RefCell::new(HashSet::new());
}

pub fn provide() {
    let outbox = Outbox {
        pending: RwSignal::new(storage::get_json(PENDING).unwrap_or_default()),
        done: RwSignal::new(storage::get_json(DONE).unwrap_or_default()),
    };
    Effect::new(move |_| storage::set_json(PENDING, &outbox.pending.get()));
    Effect::new(move |_| storage::set_json(DONE, &outbox.done.get()));
    OUTBOX.with(|o| *o.borrow_mut() = Some(outbox));
    provide_context(outbox);
    let _ = window_event_listener(leptos::ev::online, move |_| {
        leptos::task::spawn_local(flush())
    });
    leptos::task::spawn_local(async move {
        loop {
            flush().await;
            gloo_timers::future::TimeoutFuture::new(20_000).await;
        }
    });
}

fn outbox() -> Outbox {
    OUTBOX.with(|o| o.borrow().expect("outbox::provide ran"))
}

pub fn use_outbox() -> Outbox {
    expect_context::<Outbox>()
}

/// A new idempotency key.
pub fn new_key() -> String {
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.random_uuid())
        .unwrap_or_else(|| format!("k{}", js_sys::Math::random().to_bits()))
}

pub enum Submitted<T> {
    /// The server answered with the created resource.
    Sent(T),
    /// No network: kept on the phone, sent automatically later.
    Queued,
    /// The server refused it, or answered in a way this app cannot read
    /// (`BadReply`). Either way the outbox no longer holds it.
    Refused(ApiFailure),
}

/// Stores, then sends. See the module docs.
pub async fn submit<B: Serialize, T: DeserializeOwned>(
    kind: &str,
    method: Method,
    path: &str,
    body: &B,
) -> Submitted<T> {
    let item = Pending {
        key: new_key(),
        kind: kind.into(),
        method,
        path: path.into(),
        body: serde_json::to_string(body).unwrap_or_default(),
        created_ms: js_sys::Date::now(),
        owner: crate::auth::current_account(),
    };
    outbox().pending.update(|p| p.push(item.clone()));
    match send(&item).await {
        Ok(text) => match serde_json::from_str::<T>(if text.is_empty() { "null" } else { &text }) {
            Ok(t) => Submitted::Sent(t),
            // The server has it, but its reply does not read as `T`.
            Err(_) => Submitted::Refused(ApiFailure::BadReply),
        },
        Err(ApiFailure::Offline) => Submitted::Queued,
        Err(e) if e.status() == Some(429) => Submitted::Queued,
        Err(e) => Submitted::Refused(e),
    }
}

/// Sends one waiting item; on any answer but "no network" or "not now" it leaves
/// the outbox (see the module docs).
async fn send(item: &Pending) -> Result<String, ApiFailure> {
    let fresh = IN_FLIGHT.with(|f| f.borrow_mut().insert(item.key.clone()));
    if !fresh {
        return Err(ApiFailure::Offline);
    }
    let result = api::send_text(item.method, &item.path, item.body.clone(), Some(&item.key)).await;
    IN_FLIGHT.with(|f| f.borrow_mut().remove(&item.key));
    let ob = outbox();
    match &result {
        // No network, or "not now" (rate limit, first attempt still running): try again later.
        Err(ApiFailure::Offline) => {}
        Err(e) if e.status() == Some(429) => {}
        _ => ob.pending.update(|p| p.retain(|x| x.key != item.key)),
    }
    result
}

/// Tries everything that waits (and belongs to whoever is signed in now), oldest
/// first; stops at the first "no network".
pub async fn flush() {
    let me = crate::auth::current_account();
    let waiting = outbox().pending.get_untracked();
    for item in waiting
        .into_iter()
        .filter(|i| i.owner.is_none() || i.owner == me)
    {
        match send(&item).await {
            Ok(body) => outbox().done.update(|d| {
                d.push(Done {
                    key: item.key.clone(),
                    kind: item.kind.clone(),
                    ok: true,
                    body,
                })
            }),
            Err(ApiFailure::Offline) => break,
            Err(e) if e.status() == Some(429) => break,
            Err(failure) => {
                let error = match failure {
                    ApiFailure::Api { error, .. } => error,
                    // Told like a refusal, in plain words, so the screen says it did not go through.
                    _ => ErrorBody {
                        code: ErrorCode::Internal,
                        message: failure.message(crate::i18n::current()),
                        fields: Default::default(),
                    },
                };
                outbox().done.update(|d| {
                    d.push(Done {
                        key: item.key.clone(),
                        kind: item.kind.clone(),
                        ok: false,
                        body: serde_json::to_string(&error).unwrap_or_default(),
                    })
                })
            }
        }
    }
}

/// Removes and returns the outcomes of one kind, for the screen that shows them.
pub fn take_done(kind: &str) -> Vec<Done> {
    let mut taken = Vec::new();
    // Only touch the signal when there is something to take: screens call this from effects that watch it.
    if !outbox()
        .done
        .with_untracked(|d| d.iter().any(|x| x.kind == kind))
    {
        return taken;
    }
    outbox().done.update(|d| {
        let (mine, rest): (Vec<_>, Vec<_>) = d.drain(..).partition(|x| x.kind == kind);
        taken = mine;
        *d = rest;
    });
    taken
}
