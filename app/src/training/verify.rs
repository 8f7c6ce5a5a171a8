//! `/verify/certificate?c=…&sig=…`: where a certificate's QR code leads. Anyone
//! — an employer, without an account — sees whether it is valid, with the name
//! masked, the course and the date, and nothing more personal.

use crate::api;
use crate::components::status::{ErrorView, Loading};
use crate::i18n::{t, text};
use leptos::prelude::*;
use leptos_router::hooks::use_location;
use shared::api_url;
use shared::query::Query;
use shared::training::{CertificateCheck, TrainingRoute};

#[component]
pub fn VerifyCertificate() -> impl IntoView {
    // The link's own query (c, sig), passed on for the check.
    let link = Query::parse(&use_location().search.get_untracked());
    let url = ["c", "sig"]
        .into_iter()
        .fold(api_url!(TrainingRoute::VerifyCertificate), |url, name| {
            url.arg_opt(name, link.str(name))
        });
    let result = LocalResource::new(move || {
        let url = url.clone();
        async move { api::get::<CertificateCheck>(&url).await }
    });
    view! {
        <main class="page">
            <h1 class="page-title">{t("结业证书核验", "Certificate check")}</h1>
            <Suspense fallback=|| view! { <Loading/> }>
                {move || result.get().map(|r| match r {
                    Ok(v) => view! {
                        <section class="card verdict" class:verdict--ok=v.valid class:verdict--bad=!v.valid role="status">
                            <span class="verdict-mark" aria-hidden="true">{if v.valid { "✓" } else { "✗" }}</span>
                            <p class="verdict-text">{text(v.message())}</p>
                        </section>
                        {v.certificate.map(|c| view! {
                            <section class="card" aria-labelledby="cert-facts">
                                <h2 id="cert-facts">{c.name.clone()}</h2>
                                <dl class="facts">
                                    <dt>{t("持证人", "Holder")}</dt><dd data-testid="holder">{c.holder.clone()}</dd>
                                    <dt>{t("证书编号", "Serial number")}</dt><dd>{c.serial.clone()}</dd>
                                    <dt>{t("培训项目", "Course")}</dt><dd>{c.course_title.clone()}" · "{text(c.trade.label())}" · "{text(c.level.label())}</dd>
                                    <dt>{t("培训日期", "Dates")}</dt><dd>{super::dates(c.starts_on, c.ends_on)}</dd>
                                    <dt>{t("课时", "Hours")}</dt><dd>{c.hours}</dd>
                                    {c.rank.map(|r| view! { <dt>{t("名次", "Rank")}</dt><dd>{r}</dd> })}
                                    <dt>{t("颁发单位", "Issued by")}</dt><dd>{c.organiser.clone()}</dd>
                                    <dt>{t("颁发日期", "Issued on")}</dt><dd>{c.issued_on.to_string()}</dd>
                                </dl>
                            </section>
                        })}
                    }.into_any(),
                    Err(e) => view! { <ErrorView failure=e/> }.into_any(),
                })}
            </Suspense>
        </main>
    }
}
