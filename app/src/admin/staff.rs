//! Staff accounts in the chosen subtree: list, create, disable, reset password.

use super::scope::use_scope;
use crate::api::{self, ApiFailure};
use crate::auth::use_auth;
use crate::components::form::{FormError, FormState, TextField};
use crate::components::status::{ErrorView, Loading};
use crate::i18n::{t, text, use_lang};
use leptos::prelude::*;
use shared::accounts::{
    AccountsRoute, StaffCreate, StaffEnvelope, StaffList, StaffMember, StaffRole, StaffStatus,
    StaffUpdate,
};
use shared::api_url;
use shared::routes::Method;

#[component]
pub fn StaffPage() -> impl IntoView {
    let scope = use_scope();
    let list = LocalResource::new(move || {
        let url = scope
            .scoped(api_url!(AccountsRoute::StaffList))
            .arg("limit", 200);
        async move { api::get::<StaffList>(&url).await }
    });
    let refresh = Callback::new(move |_| list.refetch());
    view! {
        <main class="page">
            <h1 class="page-title">{t("人员管理", "Staff")}</h1>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || list.get().map(|r: Result<StaffList, ApiFailure>| match r {
                    Ok(l) if l.staff.is_empty() => view! {
                        <p class="card">{t("这个工会还没有工作人员账号。", "This union has no staff accounts yet.")}</p>
                    }.into_any(),
                    Ok(l) => view! {
                        <ul class="rows card">
                            {l.staff.into_iter().map(|m| view! { <StaffRow member=m refresh=refresh/> }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(e) => view! { <ErrorView failure=e/> }.into_any(),
                })}
            </Suspense>
            <CreateStaff on_created=refresh/>
        </main>
    }
}

#[component]
fn StaffRow(member: StaffMember, refresh: Callback<()>) -> impl IntoView {
    let role = text(member.role.label());
    let active = member.status == StaffStatus::Active;
    let id = member.id;
    let message = RwSignal::new(None::<String>);
    let lang = use_lang();
    let patch = move |update: StaffUpdate| {
        leptos::task::spawn_local(async move {
            match api::send::<_, StaffEnvelope>(
                Method::Patch,
                &api_url!(AccountsRoute::StaffUpdate, STAFF_ID = id),
                &update,
                None,
            )
            .await
            {
                Ok(_) => {
                    refresh.try_run(());
                }
                Err(e) => message.set(Some(e.message(lang.get_untracked()))),
            }
        });
    };
    let new_password = RwSignal::new(String::new());
    let resetting = RwSignal::new(false);
    view! {
        <li class="row row--wrap">
            <div>
                <strong>{member.display_name.clone()}</strong>" "<span class="muted">{member.username.clone()}</span>
                <div class="muted">{role}" · "{member.union.map(|u| u.name).unwrap_or_default()}
                    {(!active).then(|| view! { " · " <span class="tag tag--off">{t("已停用", "Disabled")}</span> })}
                    {member.second_factor.then(|| view! { " · " <span class="tag">{t("已绑定身份验证器", "Authenticator set up")}</span> })}
                </div>
                {move || message.get().map(|m| view! { <div class="field-error" role="alert">{m}</div> })}
            </div>
            <div class="actions">
                <button type="button" class="btn btn--secondary" on:click=move |_| patch(StaffUpdate {
                    status: Some(if active { StaffStatus::Disabled } else { StaffStatus::Active }), ..Default::default()
                })>{if active { t("停用", "Disable")() } else { t("启用", "Enable")() }}</button>
                <button type="button" class="btn btn--secondary" on:click=move |_| resetting.update(|r| *r = !*r)>{t("重置密码", "Reset password")}</button>
                {member.second_factor.then(|| view! {
                    <button type="button" class="btn btn--secondary" on:click=move |_| patch(StaffUpdate { reset_second_factor: Some(true), ..Default::default() })>
                        {t("重置身份验证器", "Reset authenticator")}
                    </button>
                })}
            </div>
            <Show when=move || resetting.get()>
                <div class="inline-form">
                    <label for=format!("pw-{id}")>{t("新密码(至少8个字符)", "New password (8+ characters)")}</label>
                    <input id=format!("pw-{id}") type="password" autocomplete="new-password" prop:value=move || new_password.get() on:input=move |ev| new_password.set(event_target_value(&ev))/>
                    <button type="button" class="btn btn--primary" on:click=move |_| {
                        patch(StaffUpdate { password: Some(new_password.get_untracked()), ..Default::default() });
                        resetting.set(false);
                    }>{t("确定", "Set")}</button>
                </div>
            </Show>
        </li>
    }
}

#[component]
fn CreateStaff(on_created: Callback<()>) -> impl IntoView {
    let scope = use_scope();
    let auth = use_auth();
    let lang = use_lang();
    let username = RwSignal::new(String::new());
    let display_name = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let role = RwSignal::new(StaffRole::Staff);
    let form = FormState::new();
    let done = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.clear();
        done.set(None);
        let input = StaffCreate {
            username: username.get_untracked(),
            display_name: display_name.get_untracked(),
            role: role.get_untracked(),
            union_id: scope.id(),
            password: password.get_untracked(),
        };
        if !form.check(input.validate()) {
            return;
        }
        leptos::task::spawn_local(async move {
            match api::post::<_, StaffEnvelope>(&api_url!(AccountsRoute::StaffCreate), &input).await
            {
                Ok(env) => {
                    done.set(Some(env.staff_member.display_name));
                    username.set(String::new());
                    display_name.set(String::new());
                    password.set(String::new());
                    on_created.try_run(());
                }
                Err(e) => form.failed(&e),
            }
        });
    };
    // Only roles up to one's own, and never platform admin from here.
    let grantable = move || {
        let mine = auth.staff().map(|s| s.role).unwrap_or(StaffRole::Viewer);
        [StaffRole::Viewer, StaffRole::Staff, StaffRole::UnionAdmin]
            .into_iter()
            .filter(move |r| *r <= mine)
    };
    view! {
        <form class="card" on:submit=submit novalidate aria-labelledby="new-staff-title">
            <h2 id="new-staff-title">{t("新建工作人员账号", "New staff account")}</h2>
            <p class="muted">{t("账号属于当前选择的工会:", "The account belongs to the chosen union: ")}{move || scope.union.get().map(|u| u.name)}</p>
            <FormError form=form/>
            {move || done.get().map(|n| view! { <p class="notice" role="status">{t("已建立:", "Created: ")}{n}</p> })}
            <TextField label=t("用户名", "Username") name="username" value=username form=form autocomplete="off" maxlength=32 hint=t("小写字母、数字或 . _ -", "lowercase letters, digits or . _ -")/>
            <TextField label=t("姓名", "Name") name="display_name" value=display_name form=form maxlength=30/>
            <div class="field">
                <label for="field-role">{t("角色", "Role")}</label>
                <select id="field-role" on:change=move |ev| role.set(StaffRole::parse(&event_target_value(&ev)).unwrap_or(StaffRole::Staff))>
                    {move || grantable().map(|r| {
                        let label = r.label().get(lang.get()).to_string();
                        view! { <option value=r.code() selected=move || role.get() == r>{label}</option> }
                    }).collect_view()}
                </select>
            </div>
            <TextField label=t("初始密码", "First password") name="password" value=password form=form kind="password" autocomplete="new-password" maxlength=128
                hint=t("至少8个字符,可以是一句好记的话;不要用常见密码", "At least 8 characters, a memorable phrase is fine; no common passwords")/>
            <button type="submit" class="btn btn--primary" disabled=move || scope.id().is_none()>{t("建立账号", "Create account")}</button>
        </form>
    }
}
