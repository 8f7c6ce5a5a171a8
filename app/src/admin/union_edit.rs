//! `/admin/unions/:id/edit`: correcting a union — name, address, division code
//! (an admin above it only, within the parent's area) — and for a project
//! union its dates and the fallback union (兜底) its members move to when it
//! closes, so both can be set well ahead of closing. Union admins only; the
//! server checks every rule again.

use crate::api::{self, ApiFailure};
use crate::auth::use_auth;
use crate::components::form::{FormError, FormState, TextField};
use crate::components::status::{ErrorView, Loading};
use crate::i18n::{t, text};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use shared::accounts::StaffRole;
use shared::api_url;
use shared::routes::Method;
use shared::unions::{
    Union, UnionEnvelope, UnionKind, UnionList, UnionStatus, UnionSummary, UnionUpdate, UnionsRoute,
};

/// The union, and the joint unions that could be its fallback: its siblings
/// (the usual 兜底 of a project) and the one already chosen.
#[derive(Clone)]
struct Editing {
    union: Union,
    fallbacks: Vec<UnionSummary>,
}

async fn load(id: String) -> Result<Editing, ApiFailure> {
    let union = api::get::<UnionEnvelope>(&api_url!(UnionsRoute::Get, UNION_ID = id))
        .await?
        .union;
    let s = &union.summary;
    let mut fallbacks = Vec::new();
    if s.kind == UnionKind::Project {
        if let Some(f) = s.fallback_union_id {
            if let Ok(e) =
                api::get::<UnionEnvelope>(&api_url!(UnionsRoute::Get, UNION_ID = f)).await
            {
                fallbacks.push(e.union.summary);
            }
        }
        if let Some(p) = s.parent_id {
            let url = api_url!(UnionsRoute::List)
                .arg("parent_id", p)
                .arg("limit", 200);
            let siblings = api::get::<UnionList>(&url).await?;
            for u in siblings.unions {
                let u = u.summary;
                let fits = u.kind == UnionKind::Joint && u.status == UnionStatus::Open;
                if fits && !fallbacks.iter().any(|f| f.id == u.id) {
                    fallbacks.push(u);
                }
            }
        }
    }
    Ok(Editing { union, fallbacks })
}

#[component]
pub fn EditUnion() -> impl IntoView {
    let params = use_params_map();
    let auth = use_auth();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let data = LocalResource::new(move || load(id()));
    let is_admin = move || {
        auth.staff()
            .is_some_and(|s| s.role >= StaffRole::UnionAdmin)
    };
    view! {
        <main class="page">
            <h1 class="page-title">{t("修改工会信息", "Edit a union")}</h1>
            <Show when=is_admin fallback=|| view! { <p class="card">{t("只有工会管理员可以修改工会信息。", "Only union admins can edit a union.")}</p> }>
                <Suspense fallback=|| view! { <Loading/> }>
                    {move || data.get().map(|r| match r {
                        Ok(e) => view! { <EditForm editing=e/> }.into_any(),
                        Err(e) => view! { <ErrorView failure=e retry=Callback::new(move |_| data.refetch())/> }.into_any(),
                    })}
                </Suspense>
            </Show>
        </main>
    }
}

#[component]
fn EditForm(editing: Editing) -> impl IntoView {
    let s = editing.union.summary.clone();
    let project = s.kind == UnionKind::Project;
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let name = RwSignal::new(s.name.clone());
    let address = RwSignal::new(s.address.clone().unwrap_or_default());
    let region = RwSignal::new(s.region_code.clone().unwrap_or_default());
    let starts = RwSignal::new(date(s.project_starts_on));
    let ends = RwSignal::new(date(s.project_ends_on));
    let fallback = RwSignal::new(
        s.fallback_union_id
            .map(|f| f.to_string())
            .unwrap_or_default(),
    );
    let form = FormState::new();
    let saved = RwSignal::new(None::<Union>);
    let original = s.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.clear();
        saved.set(None);
        let o = &original;
        // Only what changed is sent: an unchanged division code needs no admin above.
        let changed = |now: String, before: Option<&str>| {
            let now = now.trim().to_string();
            (now != before.unwrap_or_default() && !now.is_empty()).then_some(now)
        };
        let day = |raw: RwSignal<String>, before: Option<chrono::NaiveDate>| {
            let raw = raw.get_untracked();
            let d = raw.trim().parse::<chrono::NaiveDate>().ok();
            d.filter(|d| Some(*d) != before)
        };
        let input = UnionUpdate {
            name: changed(name.get_untracked(), Some(&o.name)),
            address: changed(address.get_untracked(), o.address.as_deref()),
            region_code: changed(region.get_untracked(), o.region_code.as_deref()),
            project_starts_on: project.then(|| day(starts, o.project_starts_on)).flatten(),
            project_ends_on: project.then(|| day(ends, o.project_ends_on)).flatten(),
            fallback_union_id: fallback
                .get_untracked()
                .parse()
                .ok()
                .filter(|f| Some(*f) != o.fallback_union_id),
            trades: None,
        };
        if input.is_empty() {
            form.general.set(Some(
                t("没有要保存的修改", "Nothing has changed")().to_string(),
            ));
            return;
        }
        if !form.check(input.validate_for(o)) {
            return;
        }
        let id = o.id;
        form.busy.set(true);
        leptos::task::spawn_local(async move {
            let sent = api::send::<_, UnionEnvelope>(
                Method::Patch,
                &api_url!(UnionsRoute::Update, UNION_ID = id),
                &input,
                None,
            )
            .await;
            form.busy.set(false);
            match sent {
                Ok(env) => saved.set(Some(env.union)),
                Err(e) => form.failed(&e),
            }
        });
    };
    let fallbacks = editing.fallbacks.clone();
    let id = s.id;
    view! {
        <form class="card" on:submit=submit novalidate aria-labelledby="edit-union-title">
            <h2 id="edit-union-title">{s.name.clone()}</h2>
            <p class="muted">{text(s.kind.label())}" · "{s.code.clone()}</p>
            <FormError form=form/>
            {move || saved.get().map(|u| view! {
                <p class="notice" role="status">{t("已保存:", "Saved: ")}{u.summary.name}</p>
            })}
            <TextField label=t("名称", "Name") name="name" value=name form=form maxlength=60/>
            <TextField label=t("地址", "Address") name="address" value=address form=form maxlength=100/>
            <TextField label=t("行政区划代码(6位)", "Division code (6 digits)") name="region_code" value=region form=form inputmode="numeric" maxlength=6
                hint=t("只能由上级工会的管理员修改,且在上级工会的地区之内", "Only an admin of a union above may change it, within the parent's area")/>
            {project.then(|| view! {
                <TextField label=t("开工日期", "Project start") name="project_starts_on" value=starts form=form kind="date"/>
                <TextField label=t("预计完工日期", "Expected end") name="project_ends_on" value=ends form=form kind="date"/>
                <div class="field">
                    <label for="field-fallback_union_id">{t("兜底工会(项目结束后会员转入)", "Fallback union (members move there when the project ends)")}</label>
                    <select id="field-fallback_union_id" name="fallback_union_id"
                        aria-invalid=move || form.error("fallback_union_id").get().is_some().to_string()
                        aria-describedby="field-fallback_union_id-error"
                        on:change=move |ev| fallback.set(event_target_value(&ev))>
                        <option value="" selected=fallback.get_untracked().is_empty()>{t("(未选)", "(none chosen)")}</option>
                        {fallbacks.clone().into_iter().map(|u| {
                            let v = u.id.to_string();
                            let selected = fallback.get_untracked() == v;
                            view! { <option value=v selected=selected>{u.name}</option> }
                        }).collect_view()}
                    </select>
                    {move || form.error("fallback_union_id").get().map(|e| view! { <span id="field-fallback_union_id-error" class="field-error" role="alert">{e}</span> })}
                    {fallbacks.is_empty().then(|| view! { <p class="field-hint">{t("同一上级下还没有区域或行业联合工会。", "No regional or industry joint union sits beside it yet.")}</p> })}
                </div>
            })}
            <button type="submit" class="btn btn--primary" disabled=move || form.busy.get()>{t("保存", "Save")}</button>
            {project.then(|| view! {
                <A href=format!("/admin/unions/{id}/close") attr:class="btn btn--secondary">{t("去关闭这个工会", "Go to closing it")}</A>
            })}
        </form>
    }
}
