//! `/admin/members`: the members of the chosen subtree, newest numbers last,
//! with the audited reveal of an ID number.

use super::reveal::{RevealId, RevealNote};
use crate::admin::pages::{pages, PagedList};
use crate::admin::scope::use_scope;
use crate::i18n::{t, text, use_lang};
use leptos::prelude::*;
use shared::api_url;
use shared::membership::{MemberList, MemberRow, MembershipRoute, MembershipStatus};

const PAGE: u32 = 100;

#[component]
pub fn Members() -> impl IntoView {
    let scope = use_scope();
    let pages = pages(
        move || {
            scope
                .scoped(api_url!(MembershipRoute::Members))
                .arg("limit", PAGE)
        },
        |l: MemberList| (l.members, l.meta),
    );
    let rows = pages.rows;
    view! {
        <main class="page">
            <h1 class="page-title">{t("会员名册", "Members")}</h1>
            <div class="actions toolbar">
                <a href=move || String::from(scope.scoped(api_url!(MembershipRoute::MembersExport))) class="btn btn--secondary" download="members.csv">{t("导出全部会员(表格)", "Export all members (CSV)")}</a>
            </div>
            <RevealNote/>
            <PagedList pages=pages empty=t("这里还没有会员。", "No members here yet.")>
                <div class="card">
                    <ul class="rows" aria-label=t("会员", "Members")>
                        <For each=move || rows.get() key=|m| m.member_no.clone() children=move |m| view! { <Member row=m/> }/>
                    </ul>
                </div>
            </PagedList>
        </main>
    }
}

#[component]
fn Member(row: MemberRow) -> impl IntoView {
    let lang = use_lang();
    let status = row.status;
    let path = api_url!(MembershipRoute::RevealMember, MEMBER_NO = row.member_no);
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
