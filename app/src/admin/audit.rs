//! The audit log of a union's subtree, newest first. `?union_id=` picks the
//! union (default: the chosen scope); outside one's own subtree it is refused.

use super::scope::use_scope;
use crate::api::{self, ApiFailure};
use crate::components::status::{ErrorView, Loading};
use crate::components::time::local_time;
use crate::i18n::{t, use_lang};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use shared::accounts::{AccountsRoute, AuditEntry, AuditList};
use shared::api_url;

#[component]
pub fn Audit() -> impl IntoView {
    let scope = use_scope();
    let query = use_query_map();
    let lang = use_lang();
    let entries = RwSignal::new(Vec::<AuditEntry>::new());
    let next = RwSignal::new(None::<String>);
    let union_param = move || {
        query
            .get()
            .get("union_id")
            .or_else(|| scope.id().map(|i| i.to_string()))
    };
    let page = LocalResource::new(move || {
        let union = union_param();
        async move {
            let url = api_url!(AccountsRoute::AuditList)
                .arg_opt("union_id", union)
                .arg("limit", 50);
            api::get::<AuditList>(&url).await
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(list)) = page.get() {
            entries.set(list.entries);
            next.set(list.meta.next_cursor);
        }
    });
    let more = move |_| {
        let Some(cursor) = next.get_untracked() else {
            return;
        };
        let url = api_url!(AccountsRoute::AuditList)
            .arg_opt("union_id", union_param())
            .arg("limit", 50)
            .arg("cursor", cursor);
        leptos::task::spawn_local(async move {
            if let Ok(list) = api::get::<AuditList>(&url).await {
                entries.update(|e| e.extend(list.entries));
                next.set(list.meta.next_cursor);
            }
        });
    };
    view! {
        <main class="page">
            <h1 class="page-title">{t("操作日志", "Audit log")}</h1>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || page.get().map(|r: Result<AuditList, ApiFailure>| match r {
                    Err(e) => view! { <ErrorView failure=e/> }.into_any(),
                    Ok(_) => view! {
                        <ul class="rows card audit">
                            {move || entries.get().into_iter().map(|e| view! {
                                <li class="row row--wrap">
                                    <div>
                                        <strong>{e.action.clone()}</strong>" · "{e.target_type.clone()}" #"{e.target_id.clone()}
                                        <div class="muted">{local_time(&e.at, lang.get())}" · "{e.staff_name.clone()}{e.union.map(|u| format!(" · {}", u.name))}</div>
                                    </div>
                                    <details>
                                        <summary>{t("变更内容", "Changes")}</summary>
                                        <pre>{e.before.map(|b| format!("- {b}\n")).unwrap_or_default()}{e.after.map(|a| format!("+ {a}")).unwrap_or_default()}</pre>
                                    </details>
                                </li>
                            }).collect_view()}
                        </ul>
                        {move || entries.with(Vec::is_empty).then(|| view! { <p class="card">{t("还没有记录。", "Nothing recorded yet.")}</p> })}
                        <Show when=move || next.get().is_some()>
                            <button type="button" class="btn btn--secondary" on:click=more>{t("加载更多", "Load more")}</button>
                        </Show>
                    }.into_any(),
                })}
            </Suspense>
        </main>
    }
}
