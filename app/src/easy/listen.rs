//! 🎤 说话输入: speech recognition where the browser offers it (looked up at
//! run time as `SpeechRecognition` or `webkitSpeechRecognition`; no binding is
//! compiled in), adding what was said to a text field. Where there is none,
//! the button is not drawn.

use crate::i18n::{t, use_lang};
use js_sys::{Function, Reflect};
use leptos::prelude::*;
use shared::Lang;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

fn get(target: &JsValue, key: &str) -> Option<JsValue> {
    Reflect::get(target, &JsValue::from_str(key))
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

/// The browser's recognizer constructor, if it has one.
fn recognizer() -> Option<Function> {
    let w: JsValue = window().into();
    get(&w, "SpeechRecognition")
        .or_else(|| get(&w, "webkitSpeechRecognition"))
        .and_then(|c| c.dyn_into::<Function>().ok())
}

fn call(target: &JsValue, method: &str) {
    if let Some(f) = get(target, method).and_then(|f| f.dyn_into::<Function>().ok()) {
        let _ = f.call0(target);
    }
}

fn on(target: &JsValue, event: &str, f: Closure<dyn FnMut(JsValue)>) {
    let _ = Reflect::set(target, &JsValue::from_str(event), f.as_ref());
    f.forget();
}

/// What was heard: `results[0][0].transcript`.
fn heard(event: &JsValue) -> Option<String> {
    let first = get(&get(event, "results")?, "0")?;
    get(&get(&first, "0")?, "transcript")?.as_string()
}

/// A 🎤 button that adds what the worker says to `value`; nothing where the
/// browser cannot listen.
#[component]
pub fn MicButton(
    value: RwSignal<String>,
    /// The id of the field it fills.
    #[prop(into)]
    field: String,
) -> impl IntoView {
    recognizer().map(|ctor| mic(ctor, value, field))
}

fn mic(ctor: Function, value: RwSignal<String>, field: String) -> impl IntoView {
    let ctor = StoredValue::new_local(ctor);
    let lang = use_lang();
    let listening = RwSignal::new(false);
    let problem = RwSignal::new(None::<&'static str>);
    let current = StoredValue::new_local(None::<JsValue>);
    let start = move |_| {
        if listening.get_untracked() {
            current.with_value(|r| r.as_ref().map(|r| call(r, "stop")));
            return;
        }
        problem.set(None);
        let l = lang.get_untracked();
        let Ok(rec) = Reflect::construct(&ctor.get_value(), &js_sys::Array::new()) else {
            return;
        };
        let tag = match l {
            Lang::ZhCn => "zh-CN",
            Lang::En => "en-US",
        };
        let _ = Reflect::set(&rec, &JsValue::from_str("lang"), &JsValue::from_str(tag));
        let _ = Reflect::set(&rec, &JsValue::from_str("interimResults"), &JsValue::FALSE);
        on(
            &rec,
            "onresult",
            Closure::new(move |e: JsValue| {
                if let Some(words) = heard(&e) {
                    let words = words.trim().to_string();
                    value.update(|v| {
                        if !v.is_empty() && l == Lang::En && !v.ends_with(' ') {
                            v.push(' ');
                        }
                        v.push_str(&words);
                    });
                }
            }),
        );
        on(
            &rec,
            "onerror",
            Closure::new(move |e: JsValue| {
                let code = get(&e, "error")
                    .and_then(|c| c.as_string())
                    .unwrap_or_default();
                problem.try_set(Some(match code.as_str() {
                    "not-allowed" | "service-not-allowed" => "mic",
                    "network" => "network",
                    _ => "again",
                }));
                listening.try_set(false);
            }),
        );
        on(
            &rec,
            "onend",
            Closure::new(move |_: JsValue| {
                listening.try_set(false);
            }),
        );
        call(&rec, "start");
        listening.set(true);
        current.set_value(Some(rec));
    };
    view! {
        <button type="button" class="btn btn--secondary mic" aria-controls=field aria-pressed=move || listening.get().to_string() on:click=start>
            <span aria-hidden="true">"🎤 "</span>
            {move || if listening.get() { t("说完了", "Done")() } else { t("说话输入", "Speak")() }}
        </button>
        {move || problem.get().map(|p| view! {
            <span class="field-error" role="status">{match p {
                "mic" => t("没能用麦克风:请在手机设置里允许浏览器使用麦克风,或者直接打字。", "The microphone is not allowed: allow it in the phone's settings, or type instead.")(),
                "network" => t("说话输入要有网络。可以先打字。", "Speaking needs a connection. You can type instead.")(),
                _ => t("没听清,请再按一次说话,或者直接打字。", "Didn't catch that: tap again and speak, or type instead.")(),
            }}</span>
        })}
    }
}
