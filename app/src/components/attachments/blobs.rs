//! Files waiting on the phone, in IndexedDB: localStorage (the outbox's
//! store) holds only text and a few megabytes, a photo is a `Blob`. Each
//! record is `{ blob, meta }` under its Idempotency-Key, so a file is sent
//! with the same key however often the signal drops, and the server keeps it
//! once. Plain web-sys: a wrapper crate would cost more wasm than these lines.

use serde::{de::DeserializeOwned, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, IdbDatabase, IdbObjectStore, IdbRequest, IdbTransactionMode};

const DB: &str = "gongyou-files";
const STORE: &str = "uploads";

/// One waiting (or uploaded, not yet submitted) file.
pub struct Record<M> {
    pub key: String,
    pub blob: Blob,
    pub meta: M,
}

/// The result of an IndexedDB request, once it has one.
async fn done(req: &IdbRequest) -> Result<JsValue, JsValue> {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let answered = req.clone();
        let ok = Closure::once_into_js(move |_: web_sys::Event| {
            let _ = resolve.call1(&JsValue::NULL, &answered.result().unwrap_or_default());
        });
        let failed = Closure::once_into_js(move |_: web_sys::Event| {
            let _ = reject.call0(&JsValue::NULL);
        });
        req.set_onsuccess(Some(ok.unchecked_ref()));
        req.set_onerror(Some(failed.unchecked_ref()));
    });
    JsFuture::from(promise).await
}

async fn open() -> Result<IdbDatabase, JsValue> {
    let factory = web_sys::window()
        .ok_or(JsValue::NULL)?
        .indexed_db()?
        .ok_or(JsValue::NULL)?;
    let req = factory.open_with_u32(DB, 1)?;
    let upgrading = req.clone();
    let upgrade = Closure::once_into_js(move |_: web_sys::Event| {
        if let Some(db) = upgrading
            .result()
            .ok()
            .and_then(|r| r.dyn_into::<IdbDatabase>().ok())
        {
            if !db.object_store_names().contains(STORE) {
                let _ = db.create_object_store(STORE);
            }
        }
    });
    req.set_onupgradeneeded(Some(upgrade.unchecked_ref()));
    done(&req).await?.dyn_into::<IdbDatabase>()
}

async fn store(mode: IdbTransactionMode) -> Result<IdbObjectStore, JsValue> {
    open()
        .await?
        .transaction_with_str_and_mode(STORE, mode)?
        .object_store(STORE)
}

/// Keeps `blob` with `meta` under `key` (replacing what was there).
pub async fn put<M: Serialize>(key: &str, blob: &Blob, meta: &M) -> Result<(), JsValue> {
    let record = js_sys::Object::new();
    js_sys::Reflect::set(&record, &"blob".into(), blob)?;
    let meta = serde_json::to_string(meta).map_err(|_| JsValue::NULL)?;
    js_sys::Reflect::set(&record, &"meta".into(), &meta.into())?;
    let req = store(IdbTransactionMode::Readwrite)
        .await?
        .put_with_key(&record, &key.into())?;
    done(&req).await.map(|_| ())
}

/// Every record whose meta reads as `M`, with its key.
pub async fn all<M: DeserializeOwned>() -> Result<Vec<Record<M>>, JsValue> {
    let s = store(IdbTransactionMode::Readonly).await?;
    let keys = done(&s.get_all_keys()?).await?;
    let values = done(&s.get_all()?).await?;
    let (keys, values) = (js_sys::Array::from(&keys), js_sys::Array::from(&values));
    let mut out = Vec::new();
    for (key, value) in keys.iter().zip(values.iter()) {
        let blob = js_sys::Reflect::get(&value, &"blob".into())?.dyn_into::<Blob>();
        let meta = js_sys::Reflect::get(&value, &"meta".into())?
            .as_string()
            .and_then(|m| serde_json::from_str(&m).ok());
        if let (Some(key), Ok(blob), Some(meta)) = (key.as_string(), blob, meta) {
            out.push(Record { key, blob, meta });
        }
    }
    Ok(out)
}

pub async fn remove(key: &str) -> Result<(), JsValue> {
    let req = store(IdbTransactionMode::Readwrite)
        .await?
        .delete(&key.into())?;
    done(&req).await.map(|_| ())
}
