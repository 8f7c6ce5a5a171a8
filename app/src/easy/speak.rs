//! 朗读: a page's main facts read aloud through the phone's own speech engine
//! (`speechSynthesis`), one utterance per sentence, in the reader's language.
//! The sentences come from the page's data (`shared::speech`). Without a voice
//! for that language the button is not shown (我的 says why).

use crate::i18n::{t, use_lang};
use crate::storage;
use js_sys::Reflect;
use leptos::prelude::*;
use shared::{Lang, Text};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{SpeechSynthesis, SpeechSynthesisUtterance};

const SLOW_KEY: &str = "gy.speech_slow";

#[derive(Clone, Copy)]
struct Speech {
    /// The languages of the phone's voices (`zh-cn`, `en-us`…), lower case.
    voices: RwSignal<Vec<String>>,
    speaking: RwSignal<bool>,
    slow: RwSignal<bool>,
}

fn synth() -> Option<SpeechSynthesis> {
    let s = Reflect::get(&window(), &JsValue::from_str("speechSynthesis")).ok()?;
    (!s.is_undefined() && !s.is_null()).then(|| s.unchecked_into())
}

/// The voices' languages, as the engine lists them now (often none until it
/// fires `voiceschanged`).
fn voice_langs(s: &SpeechSynthesis) -> Vec<String> {
    s.get_voices()
        .iter()
        .filter_map(|v| {
            Reflect::get(&v, &JsValue::from_str("lang"))
                .ok()?
                .as_string()
        })
        .map(|l| l.replace('_', "-").to_ascii_lowercase())
        .collect()
}

fn prefix(lang: Lang) -> &'static str {
    match lang {
        Lang::ZhCn => "zh",
        Lang::En => "en",
    }
}

pub(super) fn provide() {
    let speech = Speech {
        voices: RwSignal::new(Vec::new()),
        speaking: RwSignal::new(false),
        slow: RwSignal::new(storage::get(SLOW_KEY).is_some()),
    };
    if let Some(s) = synth() {
        speech.voices.set(voice_langs(&s));
        let voices = speech.voices;
        let changed = Closure::<dyn FnMut()>::new(move || {
            if let Some(s) = synth() {
                voices.try_set(voice_langs(&s));
            }
        });
        s.set_onvoiceschanged(Some(changed.as_ref().unchecked_ref()));
        changed.forget();
    }
    provide_context(speech);
}

fn use_speech() -> Speech {
    expect_context::<Speech>()
}

/// Can this phone read aloud in `lang`?
pub fn can_speak(lang: Lang) -> Signal<bool> {
    let speech = use_speech();
    Signal::derive(move || {
        speech
            .voices
            .with(|v| v.iter().any(|l| l.starts_with(prefix(lang))))
    })
}

/// Speaks `sentences` in `lang`, after stopping whatever was being read.
fn say(speech: Speech, sentences: &[Text], lang: Lang) {
    let Some(s) = synth() else { return };
    s.cancel();
    // The best voice for the language: zh-CN itself before other Chinese.
    let want = match lang {
        Lang::ZhCn => "zh-cn",
        Lang::En => "en",
    };
    let voices = s.get_voices();
    let voice = voices
        .iter()
        .find(|v| {
            Reflect::get(v, &JsValue::from_str("lang"))
                .ok()
                .and_then(|l| l.as_string())
                .is_some_and(|l| l.replace('_', "-").to_ascii_lowercase().starts_with(want))
        })
        .or_else(|| {
            voices.iter().find(|v| {
                Reflect::get(v, &JsValue::from_str("lang"))
                    .ok()
                    .and_then(|l| l.as_string())
                    .is_some_and(|l| l.to_ascii_lowercase().starts_with(prefix(lang)))
            })
        });
    let rate = if speech.slow.get_untracked() {
        0.7
    } else {
        1.0
    };
    let last = sentences.len().saturating_sub(1);
    speech.speaking.set(!sentences.is_empty());
    for (i, text) in sentences.iter().enumerate() {
        let Ok(u) = SpeechSynthesisUtterance::new_with_text(text.get(lang)) else {
            continue;
        };
        u.set_lang(match lang {
            Lang::ZhCn => "zh-CN",
            Lang::En => "en-US",
        });
        u.set_rate(rate);
        if let Some(v) = &voice {
            // Through Reflect: a setter that refuses the value throws, and the
            // language alone still picks a voice.
            let _ = Reflect::set(&u, &JsValue::from_str("voice"), v);
        }
        if i == last {
            let speaking = speech.speaking;
            let done = Closure::once_into_js(move || {
                speaking.try_set(false);
            });
            u.set_onend(Some(done.unchecked_ref()));
        }
        s.speak(&u);
    }
}

fn stop(speech: Speech) {
    if let Some(s) = synth() {
        s.cancel();
    }
    speech.speaking.set(false);
}

/// 🔊 朗读, with 停止 while it reads and 慢一点 (remembered on the phone).
/// `sentences` builds what to say from the page's data when tapped.
#[component]
pub fn ReadAloud(
    /// The page's facts as sentences (`shared::speech`).
    sentences: impl Fn() -> Vec<Text> + Send + Sync + 'static,
) -> impl IntoView {
    let speech = use_speech();
    let lang = use_lang();
    let sentences = StoredValue::new(sentences);
    let usable = move || {
        let l = lang.get();
        speech
            .voices
            .with(|v| v.iter().any(|x| x.starts_with(prefix(l))))
    };
    let play = move || {
        let said = sentences.with_value(|f| f());
        say(speech, &said, lang.get_untracked());
    };
    let slower = move |_| {
        let slow = !speech.slow.get_untracked();
        speech.slow.set(slow);
        if slow {
            storage::set(SLOW_KEY, "1");
        } else {
            storage::remove(SLOW_KEY);
        }
        if speech.speaking.get_untracked() {
            play();
        }
    };
    on_cleanup(move || {
        if speech.speaking.get_untracked() {
            stop(speech);
        }
    });
    view! {
        <Show when=usable>
            <div class="read-aloud" role="group" aria-label=t("朗读", "Read aloud")>
                <button type="button" class="btn btn--secondary" on:click=move |_| play()>
                    <span aria-hidden="true">"🔊 "</span>{t("朗读", "Read aloud")}
                </button>
                <Show when=move || speech.speaking.get()>
                    <button type="button" class="btn btn--secondary" on:click=move |_| stop(speech)>
                        <span aria-hidden="true">"⏹ "</span>{t("停止", "Stop")}
                    </button>
                </Show>
                <button type="button" class="btn btn--secondary" aria-pressed=move || speech.slow.get().to_string() on:click=slower>
                    <span aria-hidden="true">"🐢 "</span>{t("慢一点", "Slower")}
                </button>
            </div>
        </Show>
    }
}
