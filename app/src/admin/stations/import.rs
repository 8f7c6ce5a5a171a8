//! Spreadsheet import: the file is read and checked on this computer first (every
//! bad cell is listed with its line), then the good rows are sent in batches of
//! 50 with a progress bar. Each batch is all-or-nothing on the server and carries
//! its own Idempotency-Key, so a retried batch is never imported twice.

use crate::admin::scope::use_scope;
use crate::api;
use crate::i18n::{t, use_lang};
use crate::outbox::new_key;
use leptos::prelude::*;
use shared::api_url;
use shared::routes::Method;
use shared::stations::{
    parse, ImportResult, ImportRow, Parsed, StationImport, StationsRoute, COLUMNS, IMPORT_BATCH,
};
use wasm_bindgen::JsCast;

#[derive(Clone, PartialEq)]
enum Progress {
    Idle,
    Running { done: usize, total: usize },
    Finished { imported: usize, skipped: usize },
    Stopped { imported: usize, message: String },
}

#[component]
pub fn Import() -> impl IntoView {
    let scope = use_scope();
    let lang = use_lang();
    let parsed = RwSignal::new(None::<Parsed>);
    let progress = RwSignal::new(Progress::Idle);

    let on_file = move |ev: leptos::ev::Event| {
        let Some(union) = scope.union.get_untracked() else {
            return;
        };
        let input: web_sys::HtmlInputElement = ev.target().unwrap().unchecked_into();
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        progress.set(Progress::Idle);
        leptos::task::spawn_local(async move {
            if let Ok(text) = wasm_bindgen_futures::JsFuture::from(file.text()).await {
                parsed.set(Some(parse(&text.as_string().unwrap_or_default(), union.id)));
            }
        });
    };

    let run = move |_| {
        let (Some(p), Some(union)) = (parsed.get_untracked(), scope.union.get_untracked()) else {
            return;
        };
        let rows: Vec<ImportRow> = p.rows.clone();
        let skipped = p
            .errors
            .iter()
            .map(|e| e.line)
            .collect::<std::collections::BTreeSet<_>>()
            .len();
        leptos::task::spawn_local(async move {
            let total = rows.len();
            let mut imported = 0;
            for batch in rows.chunks(IMPORT_BATCH) {
                progress.set(Progress::Running {
                    done: imported,
                    total,
                });
                let body = StationImport {
                    union_id: union.id,
                    rows: batch.to_vec(),
                };
                let key = new_key();
                // One retry with the same key if the network drops mid-batch.
                let url = api_url!(StationsRoute::Import);
                let mut result =
                    api::send::<_, ImportResult>(Method::Post, &url, &body, Some(&key)).await;
                if matches!(result, Err(api::ApiFailure::Offline)) {
                    result =
                        api::send::<_, ImportResult>(Method::Post, &url, &body, Some(&key)).await;
                }
                match result {
                    Ok(r) => imported += r.imported as usize,
                    Err(e) => {
                        let l = lang.get_untracked();
                        let detail = match &e {
                            api::ApiFailure::Api { error, .. } => error
                                .fields
                                .iter()
                                .map(|(f, w)| format!("{f}: {w}"))
                                .collect::<Vec<_>>()
                                .join("; "),
                            _ => String::new(),
                        };
                        progress.set(Progress::Stopped {
                            imported,
                            message: format!("{} {detail}", e.message(l)),
                        });
                        return;
                    }
                }
            }
            progress.set(Progress::Finished { imported, skipped });
        });
    };

    view! {
        <main class="page">
            <h1 class="page-title">{t("批量导入驿站", "Import stations")}</h1>
            <section class="card">
                <p>{t("导入到:", "Into: ")}<strong>{move || scope.union.get().map(|u| u.name).unwrap_or_else(|| t("请先在上方选择工会", "choose a union above first")().to_string())}</strong></p>
                <p class="muted">{t("表格(CSV,UTF-8)的第一行是列名:", "A CSV (UTF-8) whose first row names the columns: ")}{move || column_list(lang.get())}</p>
                <p class="muted">{t("坐标系填 WGS84 或 GCJ02;设施用 | 分开;开放时间如“每天 08:00-20:00”。可以先导出一份看看格式。", "Datum is WGS84 or GCJ02; amenities separated by |; hours like \"daily 08:00-20:00\". Export first to see the format.")}</p>
                <div class="field">
                    <label for="import-file">{t("选择表格文件", "Choose the CSV file")}</label>
                    <input id="import-file" type="file" accept=".csv,text/csv" on:change=on_file disabled=move || scope.union.get().is_none()/>
                </div>
            </section>
            {move || parsed.get().map(|p| {
                let ok = p.rows.len();
                view! {
                    <section class="card" aria-labelledby="check-title">
                        <h2 id="check-title">{t("检查结果", "Check")}</h2>
                        <p>{t("可以导入 ", "Ready to import: ")}<strong>{ok}</strong>{t(" 行", " rows")}
                            {(!p.errors.is_empty()).then(|| view! { ";"{t("有错误 ", "with errors: ")}<strong>{p.errors.len()}</strong>{t(" 处(这些行不会导入)", " (those rows are skipped)")} })}
                        </p>
                        {(!p.errors.is_empty()).then(|| view! {
                            <ul class="rows import-errors">
                                {p.errors.into_iter().map(|e| view! {
                                    <li class="row">{t("第", "Line ")}{e.line}{t("行 ", " ")}<code>{e.field.clone()}</code>" "{move || e.why.get(lang.get()).to_string()}</li>
                                }).collect_view()}
                            </ul>
                        })}
                        <button type="button" class="btn btn--primary" disabled=move || ok == 0 || matches!(progress.get(), Progress::Running { .. }) on:click=run>
                            {t("导入这些行", "Import these rows")}" ("{ok}")"
                        </button>
                    </section>
                }
            })}
            {move || match progress.get() {
                Progress::Idle => ().into_any(),
                Progress::Running { done, total } => view! {
                    <section class="card" role="status">
                        <label for="import-progress">{t("正在导入…", "Importing…")}" "{done}"/"{total}</label>
                        <progress id="import-progress" max=total value=done></progress>
                    </section>
                }.into_any(),
                Progress::Finished { imported, skipped } => view! {
                    <p class="notice" role="status">{t("导入完成:", "Done: ")}{imported}{t(" 行已导入", " rows imported")}
                        {(skipped > 0).then(|| view! { ","{skipped}{t(" 行因为有错误没有导入", " rows skipped because of errors")} })}</p>
                }.into_any(),
                Progress::Stopped { imported, message } => view! {
                    <p class="form-error" role="alert">{t("导入停止:", "Import stopped: ")}{message}" — "{t("已导入 ", "imported so far: ")}{imported}{t(" 行", " rows")}</p>
                }.into_any(),
            }}
        </main>
    }
}

/// The columns in the reader's language, the optional ones marked:
/// `名称、…、电话(可选)` or `name, …, phone (optional)`.
fn column_list(lang: shared::Lang) -> String {
    let en = lang == shared::Lang::En;
    COLUMNS
        .iter()
        .map(|&(_, zh, name, required)| match (en, required) {
            (false, true) => zh.to_string(),
            (false, false) => format!("{zh}(可选)"),
            (true, true) => name.to_string(),
            (true, false) => format!("{name} (optional)"),
        })
        .collect::<Vec<_>>()
        .join(if en { ", " } else { "、" })
}
