//! The union subtree the staff member is looking at: their own union by
//! default, or any union below it chosen with the picker. Remembered per person.

use crate::api::{self, ApiFailure};
use crate::auth::use_auth;
use crate::i18n::t;
use crate::storage;
use leptos::prelude::*;
use shared::api_url;
use shared::routes::Url;
use shared::unions::{UnionList, UnionRef, UnionsRoute};

#[derive(Clone, Copy)]
pub struct AdminScope {
    /// `None`: everything (platform admins only).
    pub union: RwSignal<Option<UnionRef>>,
}

fn key(staff_id: i64) -> String {
    format!("gy.admin.union.{staff_id}")
}

pub fn provide() -> AdminScope {
    let auth = use_auth();
    let me = auth.staff();
    let saved = me
        .as_ref()
        .and_then(|m| storage::get_json::<UnionRef>(&key(m.staff_id)));
    let scope = AdminScope {
        union: RwSignal::new(saved.or_else(|| me.and_then(|m| m.union))),
    };
    Effect::new(move |_| {
        if let (Some(m), Some(u)) = (auth.staff(), scope.union.get()) {
            storage::set_json(&key(m.staff_id), &u);
        }
    });
    provide_context(scope);
    scope
}

pub fn use_scope() -> AdminScope {
    expect_context::<AdminScope>()
}

impl AdminScope {
    /// An API list limited to the chosen subtree (`union_id=N`), or left whole
    /// for "everything".
    pub fn scoped(&self, url: Url) -> Url {
        url.arg_opt("union_id", self.id())
    }

    pub fn id(&self) -> Option<i64> {
        self.union.get().map(|u| u.id)
    }
}

/// The picker: shows the chosen union; opens a list of its children to go down,
/// a way back up to one's own union, and a name search.
#[component]
pub fn ScopePicker() -> impl IntoView {
    let scope = use_scope();
    let auth = use_auth();
    let open = RwSignal::new(false);
    let search = RwSignal::new(String::new());
    let children = LocalResource::new(move || {
        let parent = scope.union.get().map(|u| u.id);
        let q = search.get();
        let shown = open.get();
        async move {
            if !shown {
                return Ok(UnionList {
                    unions: Vec::new(),
                    meta: Default::default(),
                });
            }
            let list = api_url!(UnionsRoute::List);
            let url = match (q.trim().is_empty(), parent) {
                (false, _) => list.arg_text("q", &q).arg("limit", 30),
                (true, parent) => list.arg_opt("parent_id", parent).arg("limit", 100),
            };
            api::get::<UnionList>(&url).await
        }
    });
    let own = move || auth.staff().and_then(|s| s.union);
    let label = move || {
        scope
            .union
            .get()
            .map(|u| u.name)
            .unwrap_or_else(|| t("全部工会", "All unions")().to_string())
    };
    view! {
        <div class="picker">
            <button type="button" class="picker-button" aria-expanded=move || open.get().to_string() on:click=move |_| open.update(|o| *o = !*o)>
                <span class="muted">{t("管辖范围:", "Scope: ")}</span>{label}" ▾"
            </button>
            <Show when=move || open.get()>
                <div class="picker-panel" role="dialog" aria-label=t("选择工会", "Choose a union")>
                    <div class="field">
                        <label for="picker-search">{t("搜索工会名称", "Search union names")}</label>
                        <input id="picker-search" type="search" prop:value=move || search.get() on:input=move |ev| search.set(event_target_value(&ev))/>
                    </div>
                    {move || (scope.union.get() != own()).then(|| view! {
                        <button type="button" class="btn btn--secondary" on:click=move |_| { scope.union.set(own()); search.set(String::new()); }>
                            {t("回到本级工会", "Back to my own union")}
                        </button>
                    })}
                    <Suspense fallback=|| ()>
                        {move || children.get().map(|r: Result<UnionList, ApiFailure>| match r {
                            Ok(list) => view! {
                                <ul class="rows">
                                    {list.unions.into_iter().map(|u| {
                                        let r = UnionRef { id: u.summary.id, code: u.summary.code.clone(), name: u.summary.name.clone() };
                                        view! {
                                            <li class="row">
                                                <button type="button" class="linklike" on:click=move |_| { scope.union.set(Some(r.clone())); search.set(String::new()); }>
                                                    {u.summary.name}
                                                </button>
                                                <span class="muted">{u.children}" ›"</span>
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            }.into_any(),
                            Err(e) => view! { <crate::components::status::ErrorView failure=e/> }.into_any(),
                        })}
                    </Suspense>
                    <button type="button" class="btn btn--primary" on:click=move |_| open.set(false)>{t("完成", "Done")}</button>
                </div>
            </Show>
        </div>
    }
}
