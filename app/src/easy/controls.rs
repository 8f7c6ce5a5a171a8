//! Where the worker chooses: A+ in the header, a one-time question on first
//! launch, and the 字号 / 对比度 / 朗读 card on 我的.

use super::{use_easy, Contrast, TextSize};
use crate::i18n::{t, text, use_lang};
use crate::storage;
use leptos::prelude::*;

const ASKED_KEY: &str = "gy.text_asked";

/// A+ in the header: one tap to the next size up (after the largest, back to standard).
#[component]
pub fn TextSizeButton() -> impl IntoView {
    let easy = use_easy();
    let lang = use_lang();
    let what = t("字号:", "Text size: ");
    let name = move || format!("A+ {}{}", what(), easy.text.get().label().get(lang.get()));
    view! {
        <button type="button" class="btn btn--ghost text-size" aria-label=name on:click=move |_| {
            storage::set(ASKED_KEY, "1");
            easy.set_text(easy.text.get_untracked().next())
        }>"A+"</button>
    }
}

/// Three buttons, one per size, the chosen one pressed.
#[component]
fn SizeChoice(#[prop(into)] labelled_by: String) -> impl IntoView {
    let easy = use_easy();
    view! {
        <div class="segmented" role="group" aria-labelledby=labelled_by>
            {TextSize::ALL.into_iter().map(|size| view! {
                <button
                    type="button"
                    class="seg"
                    class:seg--on=move || easy.text.get() == size
                    aria-pressed=move || (easy.text.get() == size).to_string()
                    on:click=move |_| {
                        storage::set(ASKED_KEY, "1");
                        easy.set_text(size)
                    }
                >{text(size.label())}</button>
            }).collect_view()}
        </div>
    }
}

/// Asked once, on the first launch: the text size, until 好了.
#[component]
pub fn FirstLaunchPrompt() -> impl IntoView {
    let open = RwSignal::new(storage::get(ASKED_KEY).is_none());
    view! {
        <Show when=move || open.get()>
            <section class="card easy-prompt" aria-labelledby="easy-prompt-title">
                <h2 id="easy-prompt-title">{t("字看得清吗?", "Can you read the text easily?")}</h2>
                <p>{t("选一个合适的字号。以后可以按右上角的 A+,或在“我的”里改。", "Choose a text size. You can change it later with A+ at the top, or under Me.")}</p>
                <SizeChoice labelled_by="easy-prompt-title"/>
                <button type="button" class="btn btn--primary btn--block easy-prompt-done" on:click=move |_| {
                    storage::set(ASKED_KEY, "1");
                    open.set(false);
                }>{t("好了", "Done")}</button>
            </section>
        </Show>
    }
}

/// 我的: text size, contrast, and whether this phone can read aloud.
#[component]
pub fn EasySettings() -> impl IntoView {
    let easy = use_easy();
    let lang = use_lang();
    let zh = super::speak::can_speak(shared::Lang::ZhCn);
    let en = super::speak::can_speak(shared::Lang::En);
    let can = move || match lang.get() {
        shared::Lang::ZhCn => zh.get(),
        shared::Lang::En => en.get(),
    };
    view! {
        <section class="card" aria-labelledby="easy-title">
            <h2 id="easy-title">{t("看得清、听得见", "Easy to read and hear")}</h2>
            <h3 id="text-size-title">{t("字号", "Text size")}</h3>
            <SizeChoice labelled_by="text-size-title"/>
            <h3 id="contrast-title">{t("对比度", "Contrast")}</h3>
            <div class="segmented" role="group" aria-labelledby="contrast-title">
                {Contrast::ALL.into_iter().map(|c| view! {
                    <button
                        type="button"
                        class="seg"
                        class:seg--on=move || easy.contrast.get() == c
                        aria-pressed=move || (easy.contrast.get() == c).to_string()
                        on:click=move |_| easy.set_contrast(c)
                    >{text(c.label())}</button>
                }).collect_view()}
            </div>
            <p class="muted">{t("高对比:黑字白底,边框更粗。跟随手机:手机设了“增强对比度”就用高对比。", "High contrast: black on white, with thicker borders. As the phone: high contrast when the phone asks for more contrast.")}</p>
            <h3>{t("朗读", "Read aloud")}</h3>
            <p data-testid="speech-note">{move || if can() {
                t("这部手机能朗读:在驿站、招工和申请进度的页面上,按 🔊 朗读 听一遍,按 🐢 慢一点 放慢。有 🎤 的地方可以说话代替打字。", "This phone can read aloud: on station, job and status pages tap 🔊 Read aloud; 🐢 Slower slows it down. Where you see 🎤 you can speak instead of typing.")()
            } else {
                t("这部手机没有中文语音,所以页面上没有 🔊 朗读 按钮。可以在手机的“设置 → 辅助功能 → 文字转语音”里下载中文语音,再重新打开工友驿站。", "This phone has no English voice, so pages show no 🔊 Read aloud button. You can add one in the phone's settings (Accessibility → Text-to-speech), then open Gongyou again.")()
            }}</p>
        </section>
    }
}
