//! `/me/certificates` (under 我的): the worker's certificates as they print —
//! serial, name, course, dates and hours, organiser and issue date, and the QR
//! code an employer scans to see it is valid. Each also sits on the job card.

use crate::api::{self, ApiFailure};
use crate::auth::RequireWorker;
use crate::components::link::AppLink;
use crate::components::status::{ErrorView, Loading};
use crate::i18n::{t, text};
use leptos::prelude::*;
use shared::api_url;
use shared::training::{Certificate, CertificateList, TrainingRoute};

#[component]
pub fn Certificates() -> impl IntoView {
    view! {
        <main class="page">
            <h1 class="page-title no-print">{t("我的证书", "My certificates")}</h1>
            <RequireWorker>
                <List/>
            </RequireWorker>
        </main>
    }
}

#[component]
fn List() -> impl IntoView {
    let list = LocalResource::new(|| {
        api::get::<CertificateList>(&api_url!(TrainingRoute::MyCertificates))
    });
    let print = move |_| {
        let _ = window().print();
    };
    view! {
        <Suspense fallback=|| view! { <Loading/> }>
            {move || list.get().map(|r: Result<CertificateList, ApiFailure>| match r {
                Ok(l) if l.certificates.is_empty() => view! {
                    <section class="card">
                        <p>{t("还没有证书。参加工会的免费培训,考核合格就能拿到结业证书。", "No certificates yet. Take a free union course and pass to get one.")}</p>
                        <AppLink href="/services".to_string() class="btn btn--primary">{t("看看培训班", "See the courses")}</AppLink>
                    </section>
                }.into_any(),
                Ok(l) => view! {
                    <p class="muted no-print">{t("证书已经加到您的求职卡上,找活时会用来匹配。企业扫证书上的二维码就能核验。", "Your certificates are on your job card and count in matching. Employers scan the QR code to check them.")}</p>
                    <button type="button" class="btn btn--secondary no-print" on:click=print>{t("打印", "Print")}</button>
                    {l.certificates.into_iter().map(|c| view! { <Sheet certificate=c/> }).collect_view()}
                }.into_any(),
                Err(e) => view! { <ErrorView failure=e retry=Callback::new(move |_| list.refetch())/> }.into_any(),
            })}
        </Suspense>
    }
}

/// One certificate, laid out to print on its own page.
#[component]
fn Sheet(certificate: Certificate) -> impl IntoView {
    let c = certificate;
    let qr = String::from(api_url!(
        TrainingRoute::CertificateQr,
        CERTIFICATE_ID = c.id
    ));
    let label = format!("{}:{}", c.name, c.serial);
    view! {
        <article class="card certificate" aria-label=label>
            <h2 class="certificate-name">{c.name.clone()}</h2>
            <p class="certificate-holder">{c.holder_name.clone()}</p>
            <dl class="facts">
                <dt>{t("证书编号", "Serial number")}</dt><dd data-testid="serial">{c.serial.clone()}</dd>
                <dt>{t("培训项目", "Course")}</dt><dd>{c.course_title.clone()}" · "{text(c.trade.label())}" · "{text(c.level.label())}</dd>
                <dt>{t("培训日期", "Dates")}</dt><dd>{super::dates(c.starts_on, c.ends_on)}</dd>
                <dt>{t("课时", "Hours")}</dt><dd>{c.hours}</dd>
                {c.rank.map(|r| view! { <dt>{t("名次", "Rank")}</dt><dd>{r}</dd> })}
                <dt>{t("颁发单位", "Issued by")}</dt><dd>{c.organiser.clone()}</dd>
                <dt>{t("颁发日期", "Issued on")}</dt><dd>{c.issued_on.to_string()}</dd>
            </dl>
            <img class="certificate-qr" src=qr alt=t("证书核验二维码", "QR code to check this certificate") width="160" height="160"/>
            <p class="muted">{t("扫码核验证书真伪", "Scan to check that it is genuine")}</p>
            <a class="no-print" href=c.verify_path.clone() data-testid="verify-link">{t("打开核验页", "Open the check page")}</a>
        </article>
    }
}
