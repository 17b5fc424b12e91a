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

/// China Standard Time (UTC+8, no daylight saving): how instants are shown to users.
pub fn china_time(at: chrono::DateTime<chrono::Utc>) -> chrono::DateTime<chrono::FixedOffset> {
    // `east_opt` fails only beyond ±24 h, so the fallback (UTC) is never taken.
    chrono::FixedOffset::east_opt(8 * 3600)
        .map_or_else(|| at.fixed_offset(), |cst| at.with_timezone(&cst))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instants_are_shown_in_china_standard_time() {
        let at = chrono::DateTime::parse_from_rfc3339("2026-11-26T18:30:00Z")
            .expect("instant")
            .with_timezone(&chrono::Utc);
        assert_eq!(china_time(at).to_rfc3339(), "2026-11-27T02:30:00+08:00");
    }

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
