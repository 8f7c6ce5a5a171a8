//! `/rights/join?c=…&exp=…&sig=…`: where a co-worker's invitation leads. The
//! Worker judges the signature; the co-worker adds their own days and amount.

use crate::api;
use crate::auth::RequireWorker;
use crate::components::form::{FormError, FormState, TextField};
use crate::components::status::{ErrorView, Loading};
use crate::i18n::t;
use crate::outbox::new_key;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use shared::api_url;
use shared::query::Query;
use shared::rights::cases::*;
use shared::routes::Method;

#[component]
pub fn JoinCase() -> impl IntoView {
    view! {
        <main class="page">
            <h1 class="page-title">{t("加入集体投诉", "Join a collective complaint")}</h1>
            <RequireWorker>
                <Join/>
            </RequireWorker>
        </main>
    }
}

#[component]
fn Join() -> impl IntoView {
    let q = Query::parse(&use_location().search.get_untracked());
    let num = |n: &str| q.str(n).and_then(|v| v.parse::<i64>().ok());
    let (Some(c), Some(exp), Some(sig)) = (
        num("c"),
        num("exp"),
        q.str("sig").map(|s| s.chars().take(64).collect::<String>()),
    ) else {
        return view! { <p class="card verdict verdict--bad" role="alert">{t("这不是有效的邀请", "This is not a valid invitation")}</p> }.into_any();
    };
    let preview_url = api_url!(CasesRoute::InvitePreview)
        .arg("c", c)
        .arg("exp", exp)
        .arg_text("sig", &sig)
        .to_string();
    let preview = LocalResource::new(move || api::get::<InvitePreview>(&preview_url));
    let form = FormState::new();
    let name = RwSignal::new(String::new());
    let days = RwSignal::new(String::new());
    let amount = RwSignal::new(String::new());
    let navigate = use_navigate();
    let key = new_key();
    let sig = StoredValue::new(sig);
    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.clear();
        let input = JoinInput {
            exp,
            sig: sig.get_value(),
            claim: ClaimInput {
                name: name.get_untracked(),
                days: days.get_untracked().trim().parse().unwrap_or(0),
                amount_claimed_fen: shared::money::parse_yuan(&amount.get_untracked()).unwrap_or(0),
                evidence: Vec::new(),
                still_employed: true,
                left_on: None,
            },
        };
        form.busy.set(true);
        let navigate = navigate.clone();
        let key = key.clone();
        leptos::task::spawn_local(async move {
            match api::send::<_, CaseEnvelope>(
                Method::Post,
                &api_url!(CasesRoute::Join, CASE_ID = c).to_string(),
                &input,
                Some(&key),
            )
            .await
            {
                Ok(_) => navigate(&format!("/rights/cases/{c}"), Default::default()),
                Err(e) => form.failed(&e),
            }
            form.busy.set(false);
        });
    };
    view! {
        <Suspense fallback=|| view! { <Loading/> }>
            {move || preview.get().map(|r| match r {
                Ok(p) => view! {
                    <section class="card">
                        <p><strong>{p.employer_name.clone()}</strong>" · "{p.site_name.clone()}</p>
                        <p class="muted">{format!("{} — {}", p.period_from, p.period_to)}" · "{p.union_name.clone()}</p>
                        <p>{t("已有工友", "Co-workers in it")}": "{p.claimant_count}</p>
                    </section>
                    {if p.joined {
                        view! { <p class="notice">{t("您已经在这份投诉里了", "You are already in this complaint")}</p> }.into_any()
                    } else if !p.open_to_join {
                        view! { <p class="notice">{t("工会已受理,不能再加入;请另外投诉", "The union has taken it up; file your own complaint")}</p> }.into_any()
                    } else {
                        view! {
                            <form class="card form" on:submit=send.clone() novalidate>
                                <FormError form=form/>
                                <TextField label=t("我的姓名", "My name") name="claim.name" value=name form=form/>
                                <TextField label=t("干了多少天", "Days worked") name="claim.days" inputmode="numeric" value=days form=form/>
                                <TextField label=t("欠我多少钱(元)", "Amount owed to me (yuan)") name="claim.amount_claimed_fen" inputmode="decimal" value=amount form=form/>
                                <button class="btn btn--primary btn--block" type="submit" disabled=move || form.busy.get()>{t("加入投诉", "Join the complaint")}</button>
                            </form>
                        }.into_any()
                    }}
                }.into_any(),
                Err(e) => view! { <ErrorView failure=e/> }.into_any(),
            })}
        </Suspense>
    }
    .into_any()
}
