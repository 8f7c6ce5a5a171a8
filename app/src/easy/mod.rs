//! Easy mode (适老化), in every worker bundle: the text size (standard, large,
//! extra large) and the contrast, saved on the phone and set on `<html>` before
//! the app first draws (`apply_saved`, from `start`); reading a page aloud
//! (`speak`); speaking instead of typing (`listen`). The CSS does the rest
//! (`style/main.css`, "Easy mode").

mod controls;
pub mod listen;
pub mod speak;

pub use controls::{EasySettings, FirstLaunchPrompt, TextSizeButton};
pub use listen::MicButton;
pub use speak::ReadAloud;

use crate::storage;
use leptos::prelude::*;

const TEXT_KEY: &str = "gy.text";
const CONTRAST_KEY: &str = "gy.contrast";

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum TextSize {
    Standard,
    /// 125%.
    Large,
    /// 150%.
    ExtraLarge,
}

impl TextSize {
    pub const ALL: [TextSize; 3] = [TextSize::Standard, TextSize::Large, TextSize::ExtraLarge];

    /// The value of `<html data-text>` and of the phone's setting.
    fn code(self) -> Option<&'static str> {
        match self {
            TextSize::Standard => None,
            TextSize::Large => Some("l"),
            TextSize::ExtraLarge => Some("xl"),
        }
    }

    fn parse(s: Option<&str>) -> TextSize {
        match s {
            Some("l") => TextSize::Large,
            Some("xl") => TextSize::ExtraLarge,
            _ => TextSize::Standard,
        }
    }

    /// The next size up, round to standard: what A+ does.
    pub fn next(self) -> TextSize {
        match self {
            TextSize::Standard => TextSize::Large,
            TextSize::Large => TextSize::ExtraLarge,
            TextSize::ExtraLarge => TextSize::Standard,
        }
    }

    pub fn label(self) -> shared::Text {
        match self {
            TextSize::Standard => shared::Text::new("标准", "Standard"),
            TextSize::Large => shared::Text::new("大字", "Large"),
            TextSize::ExtraLarge => shared::Text::new("特大字", "Extra large"),
        }
    }
}

/// High contrast: following the phone (`prefers-contrast: more`), or chosen.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Contrast {
    FollowPhone,
    Standard,
    High,
}

impl Contrast {
    pub const ALL: [Contrast; 3] = [Contrast::FollowPhone, Contrast::Standard, Contrast::High];

    fn code(self) -> Option<&'static str> {
        match self {
            Contrast::FollowPhone => None,
            Contrast::Standard => Some("normal"),
            Contrast::High => Some("more"),
        }
    }

    fn parse(s: Option<&str>) -> Contrast {
        match s {
            Some("normal") => Contrast::Standard,
            Some("more") => Contrast::High,
            _ => Contrast::FollowPhone,
        }
    }

    pub fn label(self) -> shared::Text {
        match self {
            Contrast::FollowPhone => shared::Text::new("跟随手机", "As the phone"),
            Contrast::Standard => shared::Text::new("标准", "Standard"),
            Contrast::High => shared::Text::new("高对比", "High contrast"),
        }
    }
}

/// Sets `<html data-attr>` to `value`, or removes it.
fn set_html(attr: &str, value: Option<&str>) {
    if let Some(html) = document().document_element() {
        let _ = match value {
            Some(v) => html.set_attribute(attr, v),
            None => html.remove_attribute(attr),
        };
    }
}

/// Puts the saved text size and contrast on `<html>`, before anything is drawn.
pub fn apply_saved() {
    set_html("data-text", storage::get(TEXT_KEY).as_deref());
    set_html("data-contrast", storage::get(CONTRAST_KEY).as_deref());
}

/// The easy-mode settings of this phone.
#[derive(Clone, Copy)]
pub struct Easy {
    pub text: RwSignal<TextSize>,
    pub contrast: RwSignal<Contrast>,
}

impl Easy {
    pub fn set_text(&self, size: TextSize) {
        self.text.set(size);
        match size.code() {
            Some(c) => storage::set(TEXT_KEY, c),
            None => storage::remove(TEXT_KEY),
        }
        set_html("data-text", size.code());
    }

    pub fn set_contrast(&self, c: Contrast) {
        self.contrast.set(c);
        match c.code() {
            Some(v) => storage::set(CONTRAST_KEY, v),
            None => storage::remove(CONTRAST_KEY),
        }
        set_html("data-contrast", c.code());
    }
}

/// Called by the worker layout: the settings as signals, and whether this
/// phone can speak.
pub fn provide() {
    provide_context(Easy {
        text: RwSignal::new(TextSize::parse(storage::get(TEXT_KEY).as_deref())),
        contrast: RwSignal::new(Contrast::parse(storage::get(CONTRAST_KEY).as_deref())),
    });
    speak::provide();
}

pub fn use_easy() -> Easy {
    expect_context::<Easy>()
}
