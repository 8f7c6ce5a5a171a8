//! The unions below the chosen one, and creating a new one (union admins).

use super::scope::use_scope;
use crate::admin::pages::{pages, PagedList};
use crate::api;
use crate::auth::use_auth;
use crate::components::form::{FormError, FormState, TextField};
use crate::i18n::{t, text, use_lang};
use leptos::prelude::*;
use leptos_router::components::A;
use shared::accounts::StaffRole;
use shared::api_url;
use shared::unions::{
    Union, UnionCreate, UnionEnvelope, UnionKind, UnionLevel, UnionList, UnionRef, UnionStatus,
    UnionSummary, UnionsRoute,
};

#[component]
pub fn Unions() -> impl IntoView {
    let scope = use_scope();
    let auth = use_auth();
    let pages = pages(
        move || {
            api_url!(UnionsRoute::List)
                .arg_opt("parent_id", scope.id())
                .arg("limit", 200)
        },
        |l: UnionList| (l.unions, l.meta),
    );
    let rows = pages.rows;
    let first = pages.first;
    let can_create = move || {
        auth.staff()
            .is_some_and(|s| s.role >= StaffRole::UnionAdmin)
            && scope.id().is_some()
    };
    view! {
        <main class="page">
            <h1 class="page-title">{t("下级工会", "Unions below")}</h1>
            <PagedList pages=pages empty=t("这个工会下面还没有下级工会。", "No unions below this one yet.")>
                {move || view! { <UnionRows unions=rows.get()/> }}
            </PagedList>
            <Show when=can_create>
                <CreateUnion on_created=Callback::new(move |_| first.refetch())/>
            </Show>
        </main>
    }
}

/// Rows of unions: each opens as the scope, with its actions.
#[component]
fn UnionRows(unions: Vec<Union>) -> impl IntoView {
    let scope = use_scope();
    view! {
        <ul class="rows card">
            {unions.into_iter().map(|u| {
                let r = UnionRef { id: u.summary.id, code: u.summary.code.clone(), name: u.summary.name.clone() };
                let kind = text(u.summary.kind.label());
                let closed = u.summary.status == UnionStatus::Closed;
                view! {
                    <li class="row row--wrap">
                        <div>
                            <button type="button" class="linklike" on:click=move |_| scope.union.set(Some(r.clone()))>{u.summary.name.clone()}</button>
                            {closed.then(|| view! { <span class="tag tag--off">{text(UnionStatus::Closed.label())}</span> })}
                            <div class="muted">{kind}" · "{u.summary.code.clone()}" · "{t("入会码 ", "join code ")}{u.summary.join_code.clone()}" · "{t("下级 ", "below: ")}{u.children}</div>
                        </div>
                        <UnionActions union=u.summary.clone()/>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// A union's join poster, and closing it (union admins; open, non-federation unions).
#[component]
pub fn UnionActions(union: UnionSummary) -> impl IntoView {
    let auth = use_auth();
    let is_admin = auth
        .staff()
        .is_some_and(|s| s.role >= StaffRole::UnionAdmin);
    let open = union.status == UnionStatus::Open;
    let closable = is_admin && open && union.kind != UnionKind::Federation;
    let takes_members = open && union.kind != UnionKind::Federation;
    let editable = is_admin && open;
    let id = union.id;
    let name = union.name;
    view! {
        <div class="actions">
            {editable.then(|| view! {
                <A href=format!("/admin/unions/{id}/edit") attr:class="btn btn--secondary" attr:aria-label=format!("{name}{}", t(" 修改", ": edit")())>{t("修改", "Edit")}</A>
            })}
            {takes_members.then(|| view! {
                <A href=format!("/admin/unions/{id}/poster") attr:class="btn btn--secondary" attr:aria-label=format!("{name}{}", t(" 入会海报", ": join poster")())>{t("入会海报", "Join poster")}</A>
            })}
            {closable.then(|| view! {
                <A href=format!("/admin/unions/{id}/close") attr:class="btn btn--secondary" attr:aria-label=format!("{name}{}", t(" 关闭工会", ": close")())>{t("关闭工会", "Close")}</A>
            })}
        </div>
    }
}

#[component]
fn CreateUnion(on_created: Callback<()>) -> impl IntoView {
    let scope = use_scope();
    let lang = use_lang();
    let name = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let level = RwSignal::new(UnionLevel::Grassroots);
    let kind = RwSignal::new(UnionKind::Project);
    let region = RwSignal::new(String::new());
    let starts = RwSignal::new(String::new());
    let ends = RwSignal::new(String::new());
    let address = RwSignal::new(String::new());
    let form = FormState::new();
    let done = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.clear();
        done.set(None);
        let Some(parent_id) = scope.id() else { return };
        let opt = |s: RwSignal<String>| {
            Some(s.get_untracked().trim().to_string()).filter(|s| !s.is_empty())
        };
        let date = |s: RwSignal<String>| opt(s).and_then(|d| d.parse().ok());
        let input = UnionCreate {
            parent_id,
            name: name.get_untracked(),
            code: code.get_untracked(),
            level: level.get_untracked(),
            kind: kind.get_untracked(),
            region_code: opt(region),
            project_starts_on: date(starts),
            project_ends_on: date(ends),
            fallback_union_id: None,
            trades: None,
            address: opt(address),
        };
        if !form.check(input.validate()) {
            return;
        }
        leptos::task::spawn_local(async move {
            match api::post::<_, UnionEnvelope>(&api_url!(UnionsRoute::Create), &input).await {
                Ok(env) => {
                    done.set(Some(env.union.summary.name));
                    name.set(String::new());
                    code.set(String::new());
                    on_created.try_run(());
                }
                Err(e) => form.failed(&e),
            }
        });
    };
    let select = move |label: &'static str,
                       id: &'static str,
                       options: Vec<(String, String)>,
                       on: Box<dyn Fn(String)>| {
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <select id=id on:change=move |ev| on(event_target_value(&ev))>
                    {options.into_iter().map(|(v, l)| view! { <option value=v>{l}</option> }).collect_view()}
                </select>
            </div>
        }
    };
    view! {
        <form class="card" on:submit=submit novalidate aria-labelledby="new-union-title">
            <h2 id="new-union-title">{t("新建下级工会", "New union below this one")}</h2>
            <FormError form=form/>
            {move || done.get().map(|n| view! { <p class="notice" role="status">{t("已建立:", "Created: ")}{n}</p> })}
            <TextField label=t("名称", "Name") name="name" value=name form=form maxlength=60/>
            <TextField label=t("编码", "Code") name="code" value=code form=form maxlength=24 hint=t("例如 AH-HF-YH-XM02", "e.g. AH-HF-YH-XM02")/>
            {move || {
                let l = lang.get();
                select(
                    t("级别", "Level")(), "field-level",
                    [UnionLevel::Grassroots, UnionLevel::Street, UnionLevel::District, UnionLevel::City].into_iter().map(|v| (v.code().to_string(), v.label().get(l).to_string())).collect(),
                    Box::new(move |v| level.set(UnionLevel::parse(&v).unwrap_or(UnionLevel::Grassroots))),
                )
            }}
            {move || {
                let l = lang.get();
                select(
                    t("类型", "Kind")(), "field-kind",
                    [UnionKind::Project, UnionKind::Enterprise, UnionKind::Joint, UnionKind::Federation].into_iter().map(|v| (v.code().to_string(), v.label().get(l).to_string())).collect(),
                    Box::new(move |v| kind.set(UnionKind::parse(&v).unwrap_or(UnionKind::Project))),
                )
            }}
            {move || form.error("kind").get().map(|e| view! { <p class="field-error">{e}</p> })}
            <TextField label=t("行政区划代码(6位)", "Division code (6 digits)") name="region_code" value=region form=form inputmode="numeric" maxlength=6/>
            <Show when=move || kind.get() == UnionKind::Project>
                <TextField label=t("开工日期", "Project start") name="project_starts_on" value=starts form=form kind="date"/>
                <TextField label=t("预计完工日期", "Expected end") name="project_ends_on" value=ends form=form kind="date"/>
            </Show>
            <TextField label=t("地址", "Address") name="address" value=address form=form maxlength=100/>
            <button type="submit" class="btn btn--primary">{t("建立", "Create")}</button>
        </form>
    }
}
