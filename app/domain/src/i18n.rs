//! Interface languages. Simplified Chinese is the default; English is the second language.

use serde::{Deserialize, Serialize};

/// A user-interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Lang {
    /// Simplified Chinese (zh-CN), the default.
    #[default]
    Zh,
    /// English.
    En,
}

impl Lang {
    /// The BCP 47 tag used in `<html lang>` and in the `lang` cookie.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// Parses a tag or cookie value; anything unknown falls back to Chinese.
    pub fn from_tag(tag: &str) -> Lang {
        if tag.trim().to_ascii_lowercase().starts_with("en") {
            Lang::En
        } else {
            Lang::Zh
        }
    }

    /// Picks the Chinese or the English text.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_tags_fall_back_to_chinese() {
        assert_eq!(Lang::from_tag("fr"), Lang::Zh);
        assert_eq!(Lang::from_tag(""), Lang::Zh);
        assert_eq!(Lang::from_tag("en-GB"), Lang::En);
        assert_eq!(Lang::from_tag("zh-CN"), Lang::Zh);
    }

    #[test]
    fn tags_round_trip() {
        for lang in [Lang::Zh, Lang::En] {
            assert_eq!(Lang::from_tag(lang.tag()), lang);
        }
    }
}
