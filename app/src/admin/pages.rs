//! Shared frames of staff screens: a list read page by page ("加载更多"), and a
//! month-range report over a figures endpoint.

use crate::api::{self, ApiFailure};
use crate::components::form::{FormError, FormState, TextField};
use crate::components::status::{ErrorView, Loading};
use crate::components::time::today;
use crate::i18n::t;
use leptos::prelude::*;
use serde::de::DeserializeOwned;
use shared::api::ListMeta;
use shared::membership::FiguresQuery;
use shared::routes::Url;

/// A staff list: `first` fetches the first page again whenever a signal that
/// `url` reads changes (the scope, a filter); `more` appends the next page
/// (`url` with the reply's `cursor`). A next page that fails to load is kept
/// in `failed` (the cursor stays) so the list offers a retry instead of
/// quietly ending.
#[derive(Clone, Copy)]
pub struct Pages<T: Send + Sync + 'static> {
    pub rows: RwSignal<Vec<T>>,
    pub next: RwSignal<Option<String>>,
    pub first: LocalResource<Result<(), ApiFailure>>,
    pub more: Callback<()>,
    /// A next page is on its way.
    pub busy: RwSignal<bool>,
    /// Why the last next page did not load.
    pub failed: RwSignal<Option<ApiFailure>>,
}

/// `url()` builds the list's address; `split` takes a reply apart.
pub fn pages<L, T>(
    url: impl Fn() -> Url + Clone + Send + Sync + 'static,
    split: fn(L) -> (Vec<T>, ListMeta),
) -> Pages<T>
where
    L: DeserializeOwned + 'static,
    T: Send + Sync + 'static,
{
    let rows = RwSignal::new(Vec::new());
    let next = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let failed = RwSignal::new(None::<ApiFailure>);
    let first_url = url.clone();
    let first = LocalResource::new(move || {
        let u = first_url();
        async move {
            let (page, meta) = split(api::get::<L>(&u).await?);
            rows.set(page);
            next.set(meta.next_cursor);
            failed.set(None);
            Ok(())
        }
    });
    let more = Callback::new(move |_| {
        let Some(cursor) = next.get_untracked() else {
            return;
        };
        if busy.get_untracked() {
            return;
        }
        let u = url().arg_text("cursor", &cursor);
        busy.set(true);
        failed.set(None);
        leptos::task::spawn_local(async move {
            match api::get::<L>(&u).await {
                Ok(list) => {
                    let (page, meta) = split(list);
                    rows.update(|r| r.extend(page));
                    next.set(meta.next_cursor);
                }
                Err(e) => failed.set(Some(e)),
            }
            busy.set(false);
        });
    });
    Pages {
        rows,
        next,
        first,
        more,
        busy,
        failed,
    }
}

/// The list (or its error, or `empty` when it has no rows) and the "more" button.
#[component]
pub fn PagedList<T: Send + Sync + 'static>(
    pages: Pages<T>,
    #[prop(into)] empty: Signal<&'static str>,
    children: ChildrenFn,
) -> impl IntoView {
    let Pages {
        rows,
        next,
        first,
        more,
        busy,
        failed,
    } = pages;
    view! {
        <Suspense fallback=|| view! { <Loading/> }>
            {move || first.get().map(|r| match r {
                Err(e) => view! { <ErrorView failure=e retry=Callback::new(move |_| first.refetch())/> }.into_any(),
                Ok(()) if rows.with(Vec::is_empty) => view! { <p class="card">{empty}</p> }.into_any(),
                Ok(()) => view! {
                    {children()}
                    {move || match failed.get() {
                        // The rows so far stay; the same page is asked for again.
                        Some(e) => view! { <ErrorView failure=e retry=more/> }.into_any(),
                        None => next.get().is_some().then(|| view! {
                            <button type="button" class="btn btn--secondary" disabled=move || busy.get() on:click=move |_| more.run(())>
                                {move || if busy.get() { t("正在加载…", "Loading…")() } else { t("加载更多", "Load more")() }}
                            </button>
                        }).into_any(),
                    }}
                }.into_any(),
            })}
        </Suspense>
    }
}

/// A report page: a month range (the shared rule checks it), then `report`
/// drawn from what `path` answers for the chosen subtree.
#[component]
pub fn MonthlyReport<T, V>(
    #[prop(into)] title: Signal<&'static str>,
    path: Url,
    report: fn(T) -> V,
) -> impl IntoView
where
    T: DeserializeOwned + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let scope = crate::admin::scope::use_scope();
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let form = FormState::new();
    // The range asked for; empty means the last 12 months.
    let asked = RwSignal::new((String::new(), String::new()));
    let figures = LocalResource::new(move || {
        let (from, to) = asked.get();
        let url = scope
            .scoped(path.clone())
            .arg_text("from", &from)
            .arg_text("to", &to);
        async move { api::get::<T>(&url).await }
    });
    let show = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.clear();
        let opt = |s: RwSignal<String>| {
            Some(s.get_untracked().trim().to_string()).filter(|s| !s.is_empty())
        };
        let q = FiguresQuery {
            union_id: None,
            from: opt(from),
            to: opt(to),
        };
        if form.check(q.range(today()).map(|_| ())) {
            asked.set((q.from.unwrap_or_default(), q.to.unwrap_or_default()));
        }
    };
    view! {
        <main class="page">
            <h1 class="page-title">{title}</h1>
            <form class="card figures-range" on:submit=show novalidate>
                <FormError form=form/>
                <TextField label=t("从哪个月", "From month") name="from" value=from form=form kind="month" hint=t("例如 2025-01;不填就是最近12个月", "e.g. 2025-01; empty = the last 12 months")/>
                <TextField label=t("到哪个月", "To month") name="to" value=to form=form kind="month" hint=t("不填就是本月", "empty = this month")/>
                <button type="submit" class="btn btn--primary">{t("查看", "Show")}</button>
            </form>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || figures.get().map(|r: Result<T, ApiFailure>| match r {
                    Ok(f) => report(f).into_any(),
                    Err(e) => view! { <ErrorView failure=e/> }.into_any(),
                })}
            </Suspense>
        </main>
    }
}
