//! `/services/benefits/mine`: the worker's applications, newest first, each
//! with its status, what it means, the next step and who handles it in plain
//! words (`Application::step`), read aloud with 🔊; what waits on the phone
//! to be sent; and what the outbox sent meanwhile. An application that needs
//! documents says which, takes their photos, and "已补交" sends them with the
//! same application.

use crate::api;
use crate::auth::RequireWorker;
use crate::components::attachments::{forget, FilePicker};
use crate::components::link::AppLink;
use crate::components::status::{ErrorView, Loading};
use crate::i18n::{t, text};
use crate::outbox::{self, use_outbox, Submitted};
use leptos::prelude::*;
use shared::api_url;
use shared::attachments::AttachmentView;
use shared::benefits::{
    Application, ApplicationEnvelope, ApplicationList, ApplicationStatus, BenefitsRoute,
    DocumentsAdded,
};
use shared::error::ErrorBody;
use shared::routes::Method;
use shared::Text;

#[component]
pub fn MyApplications() -> impl IntoView {
    view! {
        <main class="page">
            <AppLink href="/services/benefits".to_string() class="linklike">{t("‹ 帮扶项目", "‹ Programmes")}</AppLink>
            <h1 class="page-title">{t("我的帮扶申请", "My aid applications")}</h1>
            <RequireWorker>
                <Mine/>
            </RequireWorker>
        </main>
    }
}

/// The spoken summary of one application.
fn sentences(a: &Application) -> Vec<Text> {
    let step = a.step();
    vec![
        Text::owned(
            format!("{},{}。", a.programme_name, a.status.label().zh),
            format!("{}: {}.", a.programme_name, a.status.label().en),
        ),
        step.words,
        Text::owned(
            format!("下一步:{}", step.next.zh),
            format!("Next: {}", step.next.en),
        ),
        Text::owned(
            format!("由{}办理。", step.who.zh),
            format!("Handled by: {}.", step.who.en),
        ),
    ]
}

#[component]
fn Mine() -> impl IntoView {
    let outbox = use_outbox();
    let list = LocalResource::new(|| {
        api::get::<ApplicationList>(&api_url!(BenefitsRoute::MyApplications))
    });
    let notes = RwSignal::new(Vec::<(bool, String)>::new());
    // What the outbox sent while the worker was elsewhere: the draft and photos go once the server has it.
    Effect::new(move |_| {
        outbox.done.track();
        let done = outbox::take_done(super::KIND);
        if done.is_empty() {
            return;
        }
        for d in done {
            if d.ok {
                if let Ok(env) = serde_json::from_str::<ApplicationEnvelope>(&d.body) {
                    crate::draft::clear(&super::draft_key(env.application.programme_id));
                    let scope = super::files_scope(env.application.kind);
                    leptos::task::spawn_local(forget(scope));
                    notes.update(|n| n.push((true, env.application.programme_name)));
                }
            } else {
                let why = serde_json::from_str::<ErrorBody>(&d.body)
                    .map(|e| e.message)
                    .unwrap_or_default();
                notes.update(|n| n.push((false, why)));
            }
        }
        list.refetch();
    });
    let waiting = move || {
        outbox
            .pending
            .with(|p| p.iter().filter(|x| x.kind == super::KIND).count())
    };
    view! {
        {move || notes.get().into_iter().map(|(ok, line)| if ok {
            view! { <p class="notice" role="status">{t("申请已经送到:", "Your application reached the union: ")}{line}</p> }.into_any()
        } else {
            view! { <p class="form-error" role="alert">{t("申请没有被接受:", "An application was not accepted: ")}{line}</p> }.into_any()
        }).collect_view()}
        <Show when=move || waiting() != 0>
            <p class="notice" role="status" data-testid="benefits-waiting">{t("有申请保存在手机上,等有网络自动发送。", "An application is saved on this phone and will be sent when there is a connection.")}</p>
        </Show>
        <Suspense fallback=|| view! { <Loading/> }>
            {move || list.get().map(|r| match r {
                Ok(l) if l.applications.is_empty() => view! {
                    <p class="card">{t("还没有申请。", "No applications yet.")}</p>
                }.into_any(),
                Ok(l) => view! {
                    <ul class="courses" aria-label=t("我的帮扶申请", "My aid applications")>
                        {l.applications.into_iter().map(|a| view! { <Item application=a reload=Callback::new(move |_| list.refetch())/> }).collect_view()}
                    </ul>
                }.into_any(),
                Err(e) => view! { <ErrorView failure=e retry=Callback::new(move |_| list.refetch())/> }.into_any(),
            })}
        </Suspense>
    }
}

/// The file picker's scope of documents added to an application.
const MORE: &str = "benefits.more";

#[component]
fn Item(application: Application, reload: Callback<()>) -> impl IntoView {
    let a = application;
    let step = a.step();
    let spoken = StoredValue::new(sentences(&a));
    let id = a.id;
    let needs = a.status == ApplicationStatus::NeedsDocuments;
    let failed = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let files = RwSignal::new(Vec::<AttachmentView>::new());
    let uploading = RwSignal::new(0usize);
    let supplied = move |_| {
        if uploading.get_untracked() > 0 {
            failed.set(Some(
                t(
                    "照片还没上传完,上传完就能提交。",
                    "The photos are still uploading; send once they are up.",
                )()
                .into(),
            ));
            return;
        }
        let body = DocumentsAdded {
            attachments: files.get_untracked().into_iter().map(|f| f.id).collect(),
        };
        busy.set(true);
        failed.set(None);
        leptos::task::spawn_local(async move {
            let path = api_url!(
                BenefitsRoute::DocumentsSupplied,
                BENEFIT_APPLICATION_ID = id
            );
            let sent = outbox::submit::<_, ApplicationEnvelope>(
                "benefit_documents",
                Method::Post,
                &path,
                &body,
            )
            .await;
            busy.set(false);
            match sent {
                Submitted::Sent(_) => {
                    forget(MORE).await;
                    reload.run(())
                }
                Submitted::Queued => failed.set(Some(
                    t(
                        "没有网络,已保存,有网络时自动发送。",
                        "No connection: saved, and sent when the signal returns.",
                    )()
                    .into(),
                )),
                Submitted::Refused(e) => failed.set(Some(e.message(crate::i18n::current()))),
            }
        });
    };
    view! {
        <li class="course card" data-application=id>
            <div class="course-head">
                <h2 class="course-title">{a.programme_name.clone()}</h2>
                <span class="tag" data-testid="status">{text(a.status.label())}</span>
            </div>
            <p data-testid="words"><strong>{text(step.words)}</strong></p>
            <dl class="facts">
                <dt>{t("下一步", "Next step")}</dt><dd>{text(step.next)}</dd>
                <dt>{t("办理人", "Handled by")}</dt><dd>{text(step.who)}</dd>
                <dt>{t("提交时间", "Sent")}</dt><dd>{crate::components::time::local_time(&a.submitted_at, crate::i18n::current())}</dd>
            </dl>
            <crate::easy::ReadAloud sentences=move || spoken.get_value()/>
            {needs.then(|| view! {
                <FilePicker scope=MORE files=files waiting=uploading label=t("补交材料的照片或PDF", "Photos or PDFs of the documents asked for")/>
                <p class="field-hint">{t("拍好照片后点“已补交”;不用拍照的材料交给工会后也点这里。", "Once the photos are up, tap “Documents added”; for papers given to the union by hand, tap it too.")}</p>
                <button type="button" class="btn btn--primary btn--block" disabled=move || busy.get() on:click=supplied>{t("已补交", "Documents added")}</button>
            })}
            {move || failed.get().map(|m| view! { <p class="form-error" role="alert">{m}</p> })}
        </li>
    }
}
