//! The staff workspace frame: title, scope picker, who is signed in, and tabs.

use super::scope::{self, ScopePicker};
use crate::accounts::SignOutButton;
use crate::auth::{use_auth, RequireStaff};
use crate::components::language::LanguageToggle;
use crate::i18n::t;
use leptos::prelude::*;
use leptos_router::components::{Outlet, A};
use shared::accounts::StaffRole;

#[component]
pub fn AdminLayout() -> impl IntoView {
    view! {
        <RequireStaff>
            <AdminFrame/>
        </RequireStaff>
    }
}

#[component]
fn AdminFrame() -> impl IntoView {
    scope::provide();
    let auth = use_auth();
    let is_admin = move || {
        auth.staff()
            .is_some_and(|s| s.role >= StaffRole::UnionAdmin)
    };
    let may_review = move || auth.staff().is_some_and(|s| s.role >= StaffRole::Staff);
    view! {
        <div class="admin-shell">
            <header class="topbar topbar--admin">
                <A href="/admin" attr:class="brand">{t("工会工作台", "Staff workspace")}</A>
                <A href="/admin/account" attr:class="who">{move || auth.staff().map(|s| s.display_name)}</A>
                <LanguageToggle/>
                <SignOutButton/>
            </header>
            <ScopePicker/>
            <nav class="tabs" aria-label=t("工作台导航", "Workspace")>
                <A href="/admin" exact=true>{t("概览", "Overview")}</A>
                <A href="/admin/unions">{t("工会", "Unions")}</A>
                <Show when=may_review>
                    <A href="/admin/applications">{t("入会审核", "Applications")}</A>
                </Show>
                <A href="/admin/members">{t("会员", "Members")}</A>
                <A href="/admin/membership/figures">{t("会员统计", "Figures")}</A>
                <A href="/admin/stations">{t("驿站", "Stations")}</A>
                <A href="/admin/employers">{t("用工企业", "Employers")}</A>
                <A href="/admin/jobs">{t("招工", "Jobs")}</A>
                <Show when=may_review>
                    <A href="/admin/job-reports">{t("招工举报", "Job reports")}</A>
                </Show>
                <A href="/admin/job-fairs">{t("招聘会", "Job fairs")}</A>
                <A href="/admin/training">{t("培训", "Training")}</A>
                <A href="/admin/benefits">{t("帮扶", "Aid")}</A>
                <A href="/admin/rights">{t("欠薪维权", "Wage cases")}</A>
                <Show when=is_admin>
                    <A href="/admin/staff">{t("人员", "Staff")}</A>
                    <A href="/admin/audit">{t("操作日志", "Audit log")}</A>
                </Show>
            </nav>
            <div class="admin-content">
                <Outlet/>
            </div>
        </div>
    }
}
