//! `/admin/members`: the members of the chosen subtree, newest numbers last,
//! with the audited reveal of an ID number.

use super::reveal::{RevealId, RevealNote};
use crate::admin::scope::use_scope;
use crate::api::{self, ApiFailure};
use crate::components::status::{ErrorView, Loading};
use crate::i18n::{t, text, use_lang};
use leptos::prelude::*;
use shared::membership::{MemberList, MemberRow, MembershipStatus};
use shared::query::encode;

const PAGE: u32 = 100;

#[component]
pub fn Members() -> impl IntoView {
    let scope = use_scope();
    let rows = RwSignal::new(Vec::<MemberRow>::new());
    let next = RwSignal::new(None::<String>);
    let first = LocalResource::new(move || {
        let q = scope.query();
        async move { api::get::<MemberList>(&format!("/api/admin/members?{q}&limit={PAGE}")).await }
    });
    Effect::new(move |_| {
        if let Some(Ok(list)) = first.get() {
            rows.set(list.members);
            next.set(list.meta.next_cursor);
        }
    });
    let more = move |_| {
        let Some(cursor) = next.get_untracked() else { return };
        let q = scope.query();
        leptos::task::spawn_local(async move {
            if let Ok(list) = api::get::<MemberList>(&format!("/api/admin/members?{q}&limit={PAGE}&cursor={cursor}")).await {
                rows.update(|r| r.extend(list.members));
                next.set(list.meta.next_cursor);
            }
        });
    };
    view! {
        <main class="page">
            <h1 class="page-title">{t("会员名册", "Members")}</h1>
            <RevealNote/>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || first.get().map(|r: Result<MemberList, ApiFailure>| match r {
                    Err(e) => view! { <ErrorView failure=e retry=Callback::new(move |_| first.refetch())/> }.into_any(),
                    Ok(_) => view! {
                        <Show when=move || !rows.with(Vec::is_empty) fallback=|| view! { <p class="card">{t("这里还没有会员。", "No members here yet.")}</p> }>
                            <div class="card">
                                <ul class="rows" aria-label=t("会员", "Members")>
                                    <For each=move || rows.get() key=|m| m.member_no.clone() children=move |m| view! { <Member row=m/> }/>
                                </ul>
                            </div>
                        </Show>
                        <Show when=move || next.get().is_some()>
                            <button type="button" class="btn btn--secondary" on:click=more>{t("加载更多", "Load more")}</button>
                        </Show>
                    }.into_any(),
                })}
            </Suspense>
        </main>
    }
}

#[component]
fn Member(row: MemberRow) -> impl IntoView {
    let lang = use_lang();
    let status = row.status;
    let path = format!("/api/admin/members/{}/reveal-id", encode(&row.member_no));
    view! {
        <li class="row row--wrap">
            <div>
                <strong>{row.name.clone()}</strong>
                <span class="tag" class:tag--off=status != MembershipStatus::Active>{move || status.label().get(lang.get()).to_string()}</span>
                <div class="muted">
                    <span class="member-no">{row.member_no.clone()}</span>" · "{row.union_name.clone()}" · "{text(row.trade.label())}
                    " · "{t("入会 ", "joined ")}{row.joined_on.to_string()}
                </div>
            </div>
            <RevealId masked=row.id_number_masked.clone() path=path owner=row.name.clone()/>
        </li>
    }
}
