//! Who is signed in, as the app knows it. Loaded once from `GET /api/me`,
//! remembered on the phone for offline use, and reset whenever the API says 401.

use crate::api::{self, ApiFailure};
use crate::storage;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use shared::accounts::{AccountsRoute, Me, MeEnvelope, StaffMe, WorkerMe};
use shared::api_url;
use std::cell::RefCell;

const KEY: &str = "gy.me";

#[derive(Debug, Clone, PartialEq)]
pub enum AuthState {
    /// Not known yet (the first `GET /api/me` is under way).
    Loading,
    SignedOut,
    SignedIn(Me),
}

#[derive(Clone, Copy)]
pub struct Auth(pub RwSignal<AuthState>);

thread_local! {
    static SIGNAL: RefCell<Option<RwSignal<AuthState>>> = const { RefCell::new(None) };
}

pub fn provide() {
    // Start from what the phone remembers, so the app works offline at once.
    let initial = storage::get_json::<Me>(KEY)
        .map(AuthState::SignedIn)
        .unwrap_or(AuthState::Loading);
    let state = RwSignal::new(initial);
    SIGNAL.with(|s| *s.borrow_mut() = Some(state));
    provide_context(Auth(state));
    leptos::task::spawn_local(async move {
        match api::get::<MeEnvelope>(&api_url!(AccountsRoute::Me)).await {
            Ok(env) => set_me(Some(env.me)),
            // No answer, or one this app cannot read: keep what the phone knows.
            Err(ApiFailure::Offline | ApiFailure::BadReply) => {
                if state.get_untracked() == AuthState::Loading {
                    state.set(AuthState::SignedOut);
                }
            }
            Err(_) => set_me(None),
        }
    });
}

pub fn use_auth() -> Auth {
    expect_context::<Auth>()
}

/// Records a sign-in or sign-out (also called by the API client on any 401).
pub fn set_me(me: Option<Me>) {
    match &me {
        Some(m) => storage::set_json(KEY, m),
        None => storage::remove(KEY),
    }
    SIGNAL.with(|s| {
        if let Some(sig) = *s.borrow() {
            sig.set(me.map(AuthState::SignedIn).unwrap_or(AuthState::SignedOut));
        }
    });
}

/// Who is signed in on this phone, as `user:7` or `staff:3` (outside reactive code too).
pub fn current_account() -> Option<String> {
    SIGNAL.with(|s| match s.borrow().map(|sig| sig.get_untracked()) {
        Some(AuthState::SignedIn(Me::Worker(w))) => Some(format!("user:{}", w.user_id)),
        Some(AuthState::SignedIn(Me::Staff(st))) => Some(format!("staff:{}", st.staff_id)),
        _ => None,
    })
}

impl Auth {
    pub fn worker(&self) -> Option<WorkerMe> {
        match self.0.get() {
            AuthState::SignedIn(Me::Worker(w)) => Some(w),
            _ => None,
        }
    }

    pub fn staff(&self) -> Option<StaffMe> {
        match self.0.get() {
            AuthState::SignedIn(Me::Staff(s)) => Some(s),
            _ => None,
        }
    }
}

/// The current path with its query, to come back to after signing in.
pub fn here() -> String {
    let loc = use_location();
    let search = loc.search.get_untracked();
    if search.is_empty() {
        loc.pathname.get_untracked()
    } else {
        format!("{}?{}", loc.pathname.get_untracked(), search)
    }
}

/// A `next=` value is only ever a path on this site.
pub fn safe_next(next: Option<String>, default: &str) -> String {
    next.filter(|n| n.starts_with('/') && !n.starts_with("//"))
        .unwrap_or_else(|| default.to_string())
}

/// Shows `children` to a signed-in worker; sends anyone else to sign in, then back.
#[component]
pub fn RequireWorker(children: ChildrenFn) -> impl IntoView {
    guard(children, "/login", |s| {
        matches!(s, AuthState::SignedIn(Me::Worker(_)))
    })
}

/// Shows `children` to signed-in staff; sends anyone else to the staff sign-in, then back.
#[component]
pub fn RequireStaff(children: ChildrenFn) -> impl IntoView {
    guard(children, "/admin/login", |s| {
        matches!(s, AuthState::SignedIn(Me::Staff(_)))
    })
}

fn guard(children: ChildrenFn, login: &'static str, ok: fn(&AuthState) -> bool) -> impl IntoView {
    let auth = use_auth();
    let navigate = use_navigate();
    let back = here();
    let bundle = crate::components::link::current_bundle();
    Effect::new(move |_| {
        let state = auth.0.get();
        if state != AuthState::Loading && !ok(&state) {
            crate::components::link::go(
                bundle,
                &navigate,
                &format!("{login}?next={}", shared::query::encode(&back)),
            );
        }
    });
    // A memo, so a refreshed `me` (same answer) does not rebuild the page below.
    let allowed = Memo::new(move |_| ok(&auth.0.get()));
    move || {
        if allowed.get() {
            children().into_any()
        } else {
            view! { <crate::components::status::Loading/> }.into_any()
        }
    }
}
