//! `/rights/verify`: the whole 记工本 checked link by link on the server —
//! every entry still as it arrived, none removed, none out of order.

use crate::api;
use crate::auth::RequireWorker;
use crate::components::link::AppLink;
use crate::components::status::{ErrorView, Loading};
use crate::i18n::{t, text};
use leptos::prelude::*;
use shared::api_url;
use shared::rights::{ChainVerdict, LockerRoute};

#[component]
pub fn VerifyChain() -> impl IntoView {
    let verdict = LocalResource::new(move || async move {
        api::get::<ChainVerdict>(&api_url!(LockerRoute::Verify)).await
    });
    view! {
        <main class="page">
            <h1 class="page-title">{t("核验记工本", "Check my work log")}</h1>
            <RequireWorker>
                <p class="muted">{t("每条记录都连着前一条的存证编码(SHA-256)和工会收到的时间。改动、删除或调换任何一条,核验都会发现。", "Each record is linked to the one before by its hash (SHA-256) and the time the union received it. Changing, removing or reordering any record is found here.")}</p>
                <Suspense fallback=|| view! { <Loading/> }>
                    {move || verdict.get().map(|r| match r {
                        Ok(v) => view! {
                            <section class="card verdict" class:verdict--ok=v.ok class:verdict--bad=!v.ok role="status" data-testid="verdict">
                                <span class="verdict-mark" aria-hidden="true">{if v.ok { "✓" } else { "✗" }}</span>
                                <div>
                                    <p class="verdict-text">{if v.ok {
                                        format!("{} {} {}", t("记工本完好:", "The log is intact:")(), v.entries, t("条记录都没有被改动。", "records, none changed.")())
                                    } else {
                                        format!("{} {} {}", t("第", "Entry")(), v.first_bad_seq.unwrap_or(0), t("条记录有问题:", "has a problem:")())
                                    }}</p>
                                    {v.problem.map(|p| view! { <p>{text(p.label())}</p> })}
                                    <p class="muted hash">{t("最新存证编码:", "Latest hash: ")}{v.head_hash.clone()}</p>
                                </div>
                            </section>
                        }.into_any(),
                        Err(e) => view! { <ErrorView failure=e retry=Callback::new(move |_| verdict.refetch())/> }.into_any(),
                    })}
                </Suspense>
                <AppLink href="/rights".to_string() class="btn btn--secondary btn--block">{t("回到记工本", "Back to my work log")}</AppLink>
            </RequireWorker>
        </main>
    }
}
