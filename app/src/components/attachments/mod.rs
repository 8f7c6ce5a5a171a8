//! The file picker of forms that carry documents: receipts and discharge
//! summaries (benefits), wage slips and site photos (rights). Photos are made
//! small on the phone (about 300 KB) before they leave it, PDFs go as they
//! are; a file over 5 MB or of another kind is refused with the shared rule's
//! words. Every file is kept in IndexedDB until the server has it, and sent
//! with the same Idempotency-Key when the signal returns, so it is stored once.
//!
//! A form places `<FilePicker scope="benefits.hardship" files=files waiting=waiting label=… />`,
//! sends `files`' ids with its body once `waiting` is 0, and calls [`forget`]
//! with its scope when the server has the form. Its bundle links
//! `style/attachments.css`.
//!
//! | file | holds |
//! |---|---|
//! | `compress.rs` | the canvas: reading a file's first bytes, shrinking a photo |
//! | `blobs.rs` | the files waiting on the phone (IndexedDB) |

mod blobs;
mod compress;

use crate::api::{self, ApiFailure};
use crate::components::form::FieldFrame;
use crate::i18n::{t, use_lang};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use shared::api_url;
use shared::attachments::*;
use shared::routes::Method;
use shared::{Lang, Text};
use wasm_bindgen::JsCast;
use web_sys::{Blob, HtmlInputElement, Url};

/// Done uploads older than this are sent again (the server forgets unlinked
/// files after a day).
const FRESH_MS: f64 = 20.0 * 3600.0 * 1000.0;

/// What is kept beside a file in IndexedDB.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Meta {
    scope: String,
    /// `crate::auth::current_account()` when picked: a shared phone never
    /// shows or sends one person's files under another's session.
    owner: Option<String>,
    name: String,
    content_type: String,
    size: f64,
    created_ms: f64,
    /// The server's answer, once it has the file.
    uploaded: Option<AttachmentView>,
}

#[derive(Debug, Clone, PartialEq)]
enum State {
    Preparing,
    Waiting,
    Uploading,
    Done(AttachmentView),
    Refused(Text),
}

#[derive(Debug, Clone, PartialEq)]
struct Item {
    /// The Idempotency-Key, and the IndexedDB key.
    key: String,
    name: String,
    content_type: String,
    size: f64,
    /// An object URL of the photo on the phone, for its thumbnail.
    preview: Option<String>,
    state: State,
}

impl Item {
    fn counts(&self) -> bool {
        !matches!(self.state, State::Refused(_))
    }
}

/// A labelled picker: take a photo, or choose photos and PDFs; the chosen
/// files with a thumbnail (or "PDF"), their size, whether they are sent, and
/// a button to remove each.
#[component]
pub fn FilePicker(
    /// Which form these files are for ("benefits.hardship"): files still on
    /// the phone come back to the same form after the app was closed.
    scope: &'static str,
    /// The files the server has; the form sends their ids.
    files: RwSignal<Vec<AttachmentView>>,
    /// How many files are still on their way (the form waits for none).
    #[prop(optional)]
    waiting: Option<RwSignal<usize>>,
    /// Visible label.
    #[prop(into)]
    label: Signal<&'static str>,
    #[prop(optional, into)] hint: Option<Signal<&'static str>>,
    /// The reason the form's API refused the files (field `attachments`), if any.
    #[prop(optional, into)]
    error: Option<Signal<Option<String>>>,
) -> impl IntoView {
    let items: RwSignal<Vec<Item>> = RwSignal::new(Vec::new());
    let lang = use_lang();
    Effect::new(move |_| {
        let list = items.get();
        files.set(
            list.iter()
                .filter_map(|i| match &i.state {
                    State::Done(v) => Some(v.clone()),
                    _ => None,
                })
                .collect(),
        );
        if let Some(w) = waiting {
            w.set(
                list.iter()
                    .filter(|i| {
                        matches!(
                            i.state,
                            State::Preparing | State::Waiting | State::Uploading
                        )
                    })
                    .count(),
            );
        }
    });
    leptos::task::spawn_local(restore(scope, items));
    let online = window_event_listener(leptos::ev::online, move |_| {
        leptos::task::spawn_local(flush(items))
    });
    on_cleanup(move || online.remove());
    if let Ok(handle) = set_interval_with_handle(
        move || {
            let any = items.with_untracked(|l| l.iter().any(|i| i.state == State::Waiting));
            if any {
                leptos::task::spawn_local(flush(items));
            }
        },
        std::time::Duration::from_secs(20),
    ) {
        on_cleanup(move || handle.clear());
    }

    let picked = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
        else {
            return;
        };
        let chosen: Vec<web_sys::File> = input
            .files()
            .map(|list| (0..list.length()).filter_map(|i| list.get(i)).collect())
            .unwrap_or_default();
        input.set_value("");
        leptos::task::spawn_local(async move {
            for file in chosen {
                add(scope, items, file).await;
            }
            flush(items).await;
        });
    };
    let id = format!("files-{}", scope.replace('.', "-"));
    let error = error.unwrap_or_else(|| Signal::derive(|| None));
    view! {
        <FieldFrame label=label id=format!("{id}-choose") hint=hint error=error>
            <div class="attach-buttons">
                <label class="btn btn--secondary attach-pick">
                    {t("拍照", "Take a photo")}
                    <input class="sr-only" type="file" accept="image/*" capture="environment" on:change=picked />
                </label>
                <label class="btn btn--secondary attach-pick">
                    {t("选择照片或PDF", "Choose photos or PDFs")}
                    <input id=format!("{id}-choose") class="sr-only" type="file" multiple
                        accept="image/jpeg,image/png,application/pdf" on:change=picked />
                </label>
            </div>
            <span class="field-hint">
                {t("照片会自动压缩;每个文件最多 5 MB,最多 10 个", "Photos are made smaller automatically; at most 5 MB each, 10 files")}
            </span>
            <ul class="attach-list" aria-live="polite">
                {move || items.get().into_iter().map(|item| row(item, items, lang.get())).collect_view()}
            </ul>
        </FieldFrame>
    }
}

fn row(item: Item, items: RwSignal<Vec<Item>>, lang: Lang) -> impl IntoView {
    let status = match &item.state {
        State::Preparing => Text::new("正在处理…", "Preparing…"),
        State::Waiting => Text::new(
            "等待网络,恢复后自动上传",
            "Waiting for signal; sent automatically",
        ),
        State::Uploading => Text::new("正在上传…", "Uploading…"),
        State::Done(_) => Text::new("已上传", "Uploaded"),
        State::Refused(why) => why.clone(),
    };
    let refused = matches!(item.state, State::Refused(_));
    let thumb = match &item.preview {
        Some(url) => view! { <img class="attach-thumb" src=url.clone() alt="" /> }.into_any(),
        None => {
            view! { <span class="attach-thumb attach-thumb--pdf" aria-hidden="true">"PDF"</span> }
                .into_any()
        }
    };
    let key = item.key.clone();
    let remove_label = match lang {
        Lang::ZhCn => format!("删除 {}", item.name),
        Lang::En => format!("Remove {}", item.name),
    };
    view! {
        <li class="attach-item" class:attach-item--refused=refused>
            {thumb}
            <span class="attach-name">
                <span>{item.name.clone()}</span>
                <span class="attach-size">{size_label(item.size as u64)}</span>
                <span class="attach-status" role=refused.then_some("alert")>{status.get(lang).to_string()}</span>
            </span>
            <button type="button" class="btn btn--secondary attach-remove" aria-label=remove_label
                on:click=move |_| leptos::task::spawn_local(remove(items, key.clone()))>
                {match lang { Lang::ZhCn => "删除", Lang::En => "Remove" }}
            </button>
        </li>
    }
}

fn preview_of(blob: &Blob, content_type: &str) -> Option<String> {
    FileKind::from_content_type(content_type)
        .filter(|k| k.is_image())
        .and_then(|_| Url::create_object_url_with_blob(blob).ok())
}

fn set_state(items: RwSignal<Vec<Item>>, key: &str, state: State) {
    items.update(|l| {
        if let Some(i) = l.iter_mut().find(|i| i.key == key) {
            i.state = state;
        }
    });
}

/// Checks, shrinks and keeps one chosen file, then lists it as waiting.
async fn add(scope: &'static str, items: RwSignal<Vec<Item>>, file: web_sys::File) {
    let key = crate::outbox::new_key();
    let mut item = Item {
        key: key.clone(),
        name: file.name(),
        content_type: String::new(),
        size: file.size(),
        preview: None,
        state: State::Preparing,
    };
    let taken = items.with_untracked(|l| l.iter().filter(|i| i.counts()).count());
    let head = compress::head(&file, FileKind::SNIFF_BYTES)
        .await
        .unwrap_or_default();
    let checked = check_count(taken, 1).and_then(|()| check_picked(file.size() as u64, &head));
    let kind = match checked {
        Ok(kind) => kind,
        Err(why) => {
            item.state = State::Refused(why.message());
            items.update(|l| l.push(item));
            return;
        }
    };
    items.update(|l| l.push(item.clone()));
    let blob: Blob = if kind.is_image() {
        match compress::photo(&file).await {
            Ok(b) => b,
            Err(_) => {
                let why = Text::new(
                    "这张照片无法读取,请换一张",
                    "This photo cannot be read; choose another",
                );
                set_state(items, &key, State::Refused(why));
                return;
            }
        }
    } else {
        file.clone().into()
    };
    let content_type = match blob.type_() {
        t if t.is_empty() => kind.content_type().to_string(),
        t => t,
    };
    let meta = Meta {
        scope: scope.to_string(),
        owner: crate::auth::current_account(),
        name: item.name.clone(),
        content_type: content_type.clone(),
        size: blob.size(),
        created_ms: js_sys::Date::now(),
        uploaded: None,
    };
    // Kept on the phone first; without IndexedDB (private mode) it is still
    // sent now, only not again after the app is closed.
    let _ = blobs::put(&key, &blob, &meta).await;
    let preview = preview_of(&blob, &content_type);
    items.update(|l| {
        if let Some(i) = l.iter_mut().find(|i| i.key == key) {
            i.content_type = content_type;
            i.size = blob.size();
            i.preview = preview;
            i.state = State::Waiting;
        }
    });
}

/// Brings back this form's files that are still on the phone.
async fn restore(scope: &'static str, items: RwSignal<Vec<Item>>) {
    let Ok(records) = blobs::all::<Meta>().await else {
        return;
    };
    let me = crate::auth::current_account();
    let now = js_sys::Date::now();
    let mut restored = Vec::new();
    for r in records
        .into_iter()
        .filter(|r| r.meta.scope == scope && r.meta.owner == me)
    {
        let mut key = r.key.clone();
        let state = match &r.meta.uploaded {
            Some(v) if now - r.meta.created_ms < FRESH_MS => State::Done(v.clone()),
            Some(_) => {
                // Sent too long ago: the server may have let it go. Again, under a new key.
                key = crate::outbox::new_key();
                let meta = Meta {
                    uploaded: None,
                    created_ms: now,
                    ..r.meta.clone()
                };
                if blobs::put(&key, &r.blob, &meta).await.is_ok() {
                    let _ = blobs::remove(&r.key).await;
                }
                State::Waiting
            }
            None => State::Waiting,
        };
        restored.push(Item {
            key,
            name: r.meta.name.clone(),
            preview: preview_of(&r.blob, &r.meta.content_type),
            content_type: r.meta.content_type.clone(),
            size: r.meta.size,
            state,
        });
    }
    if restored.is_empty() {
        return;
    }
    items.update(|l| {
        for item in restored {
            if !l.iter().any(|i| i.key == item.key) {
                l.push(item);
            }
        }
    });
    flush(items).await;
}

/// Sends every waiting file, oldest first; stops at the first "no signal".
async fn flush(items: RwSignal<Vec<Item>>) {
    let waiting: Vec<String> = items.with_untracked(|l| {
        l.iter()
            .filter(|i| i.state == State::Waiting)
            .map(|i| i.key.clone())
            .collect()
    });
    if waiting.is_empty() {
        return;
    }
    let Ok(records) = blobs::all::<Meta>().await else {
        return;
    };
    for key in waiting {
        let Some(record) = records.iter().find(|r| r.key == key) else {
            continue;
        };
        // Claimed here, so a second flush (online event, timer) skips it.
        let claimed = items.try_update(|l| {
            l.iter_mut()
                .find(|i| i.key == key && i.state == State::Waiting)
                .map(|i| i.state = State::Uploading)
                .is_some()
        });
        if claimed != Some(true) {
            continue;
        }
        let url = api_url!(AttachmentsRoute::Upload);
        match api::send_file::<AttachmentEnvelope>(&url, &record.blob, &key).await {
            Ok(reply) => {
                let meta = Meta {
                    uploaded: Some(reply.attachment.clone()),
                    ..record.meta.clone()
                };
                let _ = blobs::put(&key, &record.blob, &meta).await;
                set_state(items, &key, State::Done(reply.attachment));
            }
            Err(failure) if failure == ApiFailure::Offline || failure.status() == Some(429) => {
                set_state(items, &key, State::Waiting);
                break;
            }
            Err(failure) => {
                let _ = blobs::remove(&key).await;
                let why = match &failure {
                    ApiFailure::Api { error, .. } => {
                        let text = error.fields.get("file").unwrap_or(&error.message).clone();
                        Text::owned(text.clone(), text)
                    }
                    other => {
                        let lang = crate::i18n::current();
                        let text = other.message(lang);
                        Text::owned(text.clone(), text)
                    }
                };
                set_state(items, &key, State::Refused(why));
            }
        }
    }
}

/// Removes a file from the form, the phone and — if sent and not yet part
/// of a record — the server.
async fn remove(items: RwSignal<Vec<Item>>, key: String) {
    let Some(item) = items.with_untracked(|l| l.iter().find(|i| i.key == key).cloned()) else {
        return;
    };
    items.update(|l| l.retain(|i| i.key != key));
    if let Some(url) = &item.preview {
        let _ = Url::revoke_object_url(url);
    }
    let _ = blobs::remove(&key).await;
    if let State::Done(view) = item.state {
        // Best effort: an unlinked file the server keeps is gone within a day anyway.
        let url = api_url!(AttachmentsRoute::Delete, ATTACHMENT_ID = view.id);
        let _ = api::send::<(), ()>(Method::Delete, &url, &(), None).await;
    }
}

/// Forgets a form's files on the phone, once the server has the form.
pub async fn forget(scope: &str) {
    if let Ok(records) = blobs::all::<Meta>().await {
        for r in records.iter().filter(|r| r.meta.scope == scope) {
            let _ = blobs::remove(&r.key).await;
        }
    }
}
