//! The two languages of the product. Simplified Chinese is the default everywhere.

use serde::{Deserialize, Serialize};
use std::borrow::Cow;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub enum Lang {
    #[default]
    #[serde(rename = "zh-CN")]
    ZhCn,
    #[serde(rename = "en")]
    En,
}

impl Lang {
    /// BCP 47 tag, as sent in `Accept-Language` and `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::ZhCn => "zh-CN",
            Lang::En => "en",
        }
    }

    /// Picks the language from an `Accept-Language` header: English only when the
    /// caller's most preferred language is English, Chinese otherwise.
    pub fn from_accept_language(header: Option<&str>) -> Lang {
        let best = header
            .unwrap_or("")
            .split(',')
            .filter_map(|part| {
                let mut it = part.trim().split(';');
                let tag = it.next()?.trim().to_ascii_lowercase();
                let q = it
                    .find_map(|p| {
                        p.trim()
                            .strip_prefix("q=")
                            .and_then(|q| q.parse::<f32>().ok())
                    })
                    .unwrap_or(1.0);
                (!tag.is_empty()).then_some((tag, q))
            })
            .fold(None::<(String, f32)>, |best, (tag, q)| match best {
                Some((_, bq)) if bq >= q => best,
                _ => Some((tag, q)),
            });
        match best {
            Some((tag, _)) if tag == "en" || tag.starts_with("en-") => Lang::En,
            _ => Lang::ZhCn,
        }
    }
}

/// A user-facing text in both languages. Rules build these where they are
/// defined; the text is rendered in the reader's language at the edge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub zh: Cow<'static, str>,
    pub en: Cow<'static, str>,
}

impl Text {
    pub const fn new(zh: &'static str, en: &'static str) -> Text {
        Text {
            zh: Cow::Borrowed(zh),
            en: Cow::Borrowed(en),
        }
    }

    pub fn owned(zh: String, en: String) -> Text {
        Text {
            zh: Cow::Owned(zh),
            en: Cow::Owned(en),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::ZhCn => &self.zh,
            Lang::En => &self.en,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_defaults_to_chinese() {
        assert_eq!(Lang::from_accept_language(None), Lang::ZhCn);
        assert_eq!(Lang::from_accept_language(Some("")), Lang::ZhCn);
        assert_eq!(
            Lang::from_accept_language(Some("zh-CN,zh;q=0.9,en;q=0.8")),
            Lang::ZhCn
        );
        assert_eq!(Lang::from_accept_language(Some("fr")), Lang::ZhCn);
    }

    #[test]
    fn accept_language_honours_english_preference() {
        assert_eq!(Lang::from_accept_language(Some("en")), Lang::En);
        assert_eq!(Lang::from_accept_language(Some("en-US,en;q=0.9")), Lang::En);
        assert_eq!(
            Lang::from_accept_language(Some("zh;q=0.5, en-GB;q=0.8")),
            Lang::En
        );
    }

    #[test]
    fn text_renders_in_either_language() {
        let t = Text::new("你好", "Hello");
        assert_eq!(t.get(Lang::ZhCn), "你好");
        assert_eq!(t.get(Lang::En), "Hello");
    }
}
