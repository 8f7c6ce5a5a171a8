//! `/admin/unions/:id/close`: closing a union — usually a project union whose
//! project has ended. Its members move in one batch to the fallback union
//! (兜底) chosen here, with new member numbers there; their history keeps both.
//! Union admins only.

use crate::admin::scope::use_scope;
use crate::api::{self, ApiFailure};
use crate::auth::use_auth;
use crate::components::choice::{Choice, RadioCards};
use crate::components::form::{FormError, FormState};
use crate::components::status::{ErrorView, Loading};
use crate::components::time::today;
use crate::i18n::{t, text, use_lang};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};
use shared::accounts::StaffRole;
use shared::api_url;
use shared::membership::{
    check_closure, CloseProjectInput, ClosureReply, MemberList, MembershipRoute, MembershipStatus,
};
use shared::unions::{
    Union, UnionEnvelope, UnionKind, UnionList, UnionRef, UnionSummary, UnionsRoute,
};
use shared::{FieldErrors, Text};

/// The union to close, where its members could go, and how many there are.
#[derive(Clone)]
struct Closing {
    union: Union,
    /// Open unions that take members: the designated fallback first, then its siblings.
    candidates: Vec<UnionSummary>,
    /// Active members now, and whether there are more than one page counted.
    members: (usize, bool),
}

async fn load(id: String) -> Result<Closing, ApiFailure> {
    let union = api::get::<UnionEnvelope>(&api_url!(UnionsRoute::Get, UNION_ID = id))
        .await?
        .union;
    let s = &union.summary;
    let mut candidates = Vec::new();
    if let Some(f) = s.fallback_union_id {
        // Outside one's scope it cannot be chosen anyway.
        if let Ok(e) = api::get::<UnionEnvelope>(&api_url!(UnionsRoute::Get, UNION_ID = f)).await {
            candidates.push(e.union.summary);
        }
    }
    if let Some(p) = s.parent_id {
        let url = api_url!(UnionsRoute::List)
            .arg("parent_id", p)
            .arg("limit", 200);
        if let Ok(list) = api::get::<UnionList>(&url).await {
            let mut siblings: Vec<UnionSummary> =
                list.unions.into_iter().map(|u| u.summary).collect();
            // Joint unions are the usual fallback (兜底): list them first.
            siblings.sort_by_key(|u| u.kind != UnionKind::Joint);
            candidates.extend(siblings);
        }
    }
    let url = api_url!(MembershipRoute::Members)
        .arg("union_id", s.id)
        .arg("limit", 200);
    let members = api::get::<MemberList>(&url).await?;
    let active = members
        .members
        .iter()
        .filter(|m| m.status == MembershipStatus::Active && m.union_id == s.id)
        .count();
    Ok(Closing {
        candidates: usable(candidates, s),
        members: (active, members.meta.next_cursor.is_some()),
        union,
    })
}

/// Distinct unions that could take the members of `closing` today.
fn usable(list: Vec<UnionSummary>, closing: &UnionSummary) -> Vec<UnionSummary> {
    let day = today();
    let mut out: Vec<UnionSummary> = Vec::new();
    for u in list {
        if u.id != closing.id && u.accepts_members(day).is_ok() && !out.iter().any(|o| o.id == u.id)
        {
            out.push(u);
        }
    }
    out
}

#[component]
pub fn CloseUnion() -> impl IntoView {
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
            <h1 class="page-title">{t("关闭工会", "Close a union")}</h1>
            <Show when=is_admin fallback=|| view! { <p class="card">{t("只有工会管理员可以关闭工会。", "Only union admins can close a union.")}</p> }>
                <Suspense fallback=|| view! { <Loading/> }>
                    {move || data.get().map(|r| match r {
                        Ok(c) => view! { <CloseForm closing=c/> }.into_any(),
                        Err(e) => view! { <ErrorView failure=e retry=Callback::new(move |_| data.refetch())/> }.into_any(),
                    })}
                </Suspense>
            </Show>
        </main>
    }
}

#[component]
fn CloseForm(closing: Closing) -> impl IntoView {
    let lang = use_lang();
    let s = closing.union.summary.clone();
    // A federation, or a union already closed: nothing to choose (errors without a field).
    let blocked = match check_closure(&s, None, today()) {
        Err(e) if e.fields.is_empty() => Some(e.message),
        _ => None,
    };
    if let Some(why) = blocked {
        return view! {
            <section class="card">
                <h2>{s.name.clone()}</h2>
                <p role="status">{text(why)}</p>
                <A href="/admin/unions" attr:class="btn btn--secondary">{t("回到工会列表", "Back to the unions")}</A>
            </section>
        }
        .into_any();
    }
    let form = FormState::new();
    let designated = s
        .fallback_union_id
        .filter(|f| closing.candidates.iter().any(|c| c.id == *f));
    let choice = RwSignal::new(designated.map(|d| d.to_string()).unwrap_or_default());
    let found = RwSignal::new(Vec::<UnionSummary>::new());
    let confirming = RwSignal::new(false);
    // Another choice is asked about afresh.
    Effect::new(move |_| {
        choice.track();
        confirming.set(false);
    });
    let done = RwSignal::new(None::<ClosureReply>);
    let base = closing.candidates.clone();
    let all = Memo::new(move |_| {
        let mut list = base.clone();
        list.extend(found.get());
        list
    });
    let closing_summary = s.clone();
    let chosen = move || all.with(|l| l.iter().find(|u| u.id.to_string() == choice.get()).cloned());
    let ask = move |_| {
        form.clear();
        match check_closure(&closing_summary, chosen().as_ref(), today()) {
            Ok(()) => confirming.set(true),
            Err(e) if !e.fields.is_empty() => {
                form.check(Err(FieldErrors(e.fields)));
            }
            Err(e) => form
                .general
                .set(Some(e.message.get(lang.get_untracked()).to_string())),
        }
    };
    let union_id = s.id;
    let close = move |_| {
        let input = CloseProjectInput {
            fallback_union_id: choice.get_untracked().parse().ok(),
        };
        form.busy.set(true);
        leptos::task::spawn_local(async move {
            match api::post::<_, ClosureReply>(
                &api_url!(MembershipRoute::CloseUnion, UNION_ID = union_id),
                &input,
            )
            .await
            {
                Ok(reply) => done.set(Some(reply)),
                Err(e) => {
                    confirming.set(false);
                    form.failed(&e);
                }
            }
            form.busy.set(false);
        });
    };
    let (count, more) = closing.members;
    let count_text = move || {
        if more {
            format!("{count}+")
        } else {
            count.to_string()
        }
    };
    let name = s.name.clone();
    let kind = text(s.kind.label());
    let ends = s.project_ends_on;
    view! {
        <section class="card" aria-labelledby="closing-title">
            <h2 id="closing-title">{name.clone()}</h2>
            <p class="muted">{kind}{ends.map(|d| format!(" · {}{d}", t("预计完工 ", "project ends ")()))}</p>
            <p>{t("现有会员 ", "Members now: ")}<strong>{count_text}</strong>{t(" 人。关闭后这个工会不再接收会员,会员一次全部转到下面选的兜底工会,拿到新的会员编号,原来的会籍记录都保留。", ". Once closed it takes no members; all of them move at once to the fallback union chosen below, with new member numbers there, and their history is kept.")}</p>
        </section>
        {move || match done.get() {
            Some(reply) => view! { <Closed reply=reply/> }.into_any(),
            None => {
                let (ask, name, s) = (ask.clone(), name.clone(), s.clone());
                view! {
                    <section class="card" aria-labelledby="fallback-title">
                        <h2 id="fallback-title">{t("会员转去哪个工会", "Where the members go")}</h2>
                        <FormError form=form/>
                        {move || {
                            let choices: Vec<Choice> = all.get().into_iter().map(|u| {
                                let mut hint = u.kind.label();
                                if Some(u.id) == designated {
                                    hint = Text::owned(format!("{} · 原定的兜底工会", hint.zh), format!("{} · the designated fallback", hint.en));
                                }
                                Choice::new(u.id.to_string(), Text::owned(u.name.clone(), u.name)).with_hint(hint)
                            }).collect();
                            if choices.is_empty() {
                                view! { <p>{t("附近没有能接收会员的工会,请用下面的搜索找一个。", "No union nearby can take the members; search for one below.")}</p> }.into_any()
                            } else {
                                view! { <RadioCards legend=t("兜底工会", "Fallback union") name="fallback_union_id" value=choice form=form choices=choices/> }.into_any()
                            }
                        }}
                        {move || (form.error("fallback_union_id").get().is_some() && all.with(Vec::is_empty)).then(|| view! {
                            <p class="field-error" role="alert">{form.error("fallback_union_id").get()}</p>
                        })}
                        <Search closing=s.clone() found=found/>
                        <Show when=move || !confirming.get()>
                            <button type="button" class="btn btn--danger btn--block" on:click=ask.clone()>{t("关闭这个工会…", "Close this union…")}</button>
                        </Show>
                        <Show when=move || confirming.get()>
                            <div class="confirm" role="alertdialog" aria-labelledby="confirm-title" aria-describedby="confirm-text">
                                <h3 id="confirm-title">{t("确定关闭 ", "Close ")}{name.clone()}{t(" 吗?", "?")}</h3>
                                <p id="confirm-text">
                                    {count_text}{t(" 名会员会转到 ", " members will move to ")}<strong>{move || chosen().map(|u| u.name)}</strong>
                                    {t("。关闭后不能重新打开。", ". A closed union cannot be reopened.")}
                                </p>
                                <button type="button" class="btn btn--danger btn--block" disabled=move || form.busy.get() on:click=close>{t("确定关闭", "Yes, close it")}</button>
                                <button type="button" class="btn btn--secondary btn--block" on:click=move |_| confirming.set(false)>{t("先不关", "Not now")}</button>
                            </div>
                        </Show>
                    </section>
                }.into_any()
            }
        }}
    }
    .into_any()
}

/// Finding a fallback union by name when the usual ones do not fit.
#[component]
fn Search(closing: UnionSummary, found: RwSignal<Vec<UnionSummary>>) -> impl IntoView {
    let lang = use_lang();
    let q = RwSignal::new(String::new());
    let note = RwSignal::new(None::<String>);
    let search = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = q.get_untracked().trim().to_string();
        if text.is_empty() {
            return;
        }
        let closing = closing.clone();
        leptos::task::spawn_local(async move {
            let url = api_url!(UnionsRoute::List).arg("q", &text).arg("limit", 30);
            match api::get::<UnionList>(&url).await {
                Ok(list) => {
                    let hits = usable(
                        list.unions.into_iter().map(|u| u.summary).collect(),
                        &closing,
                    );
                    note.set(hits.is_empty().then(|| {
                        t(
                            "没有找到能接收会员的工会",
                            "No union found that takes members",
                        )()
                        .to_string()
                    }));
                    found.set(hits);
                }
                Err(e) => note.set(Some(e.message(lang.get_untracked()))),
            }
        });
    };
    view! {
        <form class="inline-form search-union" on:submit=search>
            <label for="fallback-search">{t("按名称找别的工会", "Find another union by name")}</label>
            <input id="fallback-search" type="search" prop:value=move || q.get() on:input=move |ev| q.set(event_target_value(&ev))/>
            <button type="submit" class="btn btn--secondary">{t("搜索", "Search")}</button>
            {move || note.get().map(|n| view! { <p class="muted" role="status">{n}</p> })}
        </form>
    }
}

/// What the closure did, and where to see the members now.
#[component]
fn Closed(reply: ClosureReply) -> impl IntoView {
    let scope = use_scope();
    let navigate = use_navigate();
    let to = reply.fallback_union.clone();
    let see = move |_| {
        scope.union.set(Some(UnionRef {
            id: to.id,
            code: to.code.clone(),
            name: to.name.clone(),
        }));
        navigate("/admin/members", Default::default());
    };
    view! {
        <section class="card notice" role="status">
            <h2>{t("已关闭 ", "Closed ")}{reply.union.name.clone()}</h2>
            <p>
                <strong>{reply.moved}</strong>{t(" 名会员已转到 ", " members moved to ")}<strong>{reply.fallback_union.name.clone()}</strong>
                {t(",拿到了新的会员编号,原来的会籍记录都保留。", ", with new member numbers; their history is kept.")}
            </p>
            <button type="button" class="btn btn--secondary" on:click=see>{t("查看转入后的会员名册", "See the members there")}</button>
        </section>
    }
}
