//! Kinds of agency.

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;

/// What an agency does on the platform.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AgencyKind {
    /// An enforcement agency (执法主体) that handles cases.
    Enforcement,
    /// A supervision body (司法局, 行政执法监督机构) that supervises a region.
    Supervision,
}

impl AgencyKind {
    /// Machine name.
    pub fn as_str(self) -> &'static str {
        match self {
            AgencyKind::Enforcement => "enforcement",
            AgencyKind::Supervision => "supervision",
        }
    }

    /// Parses the machine name.
    pub fn parse(s: &str) -> Option<Self> {
        [AgencyKind::Enforcement, AgencyKind::Supervision]
            .into_iter()
            .find(|k| k.as_str() == s)
    }

    /// Name for people.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            AgencyKind::Enforcement => lang.pick("行政执法机关", "Enforcement agency"),
            AgencyKind::Supervision => lang.pick("行政执法监督机构", "Supervision body"),
        }
    }
}

/// The reconsideration body (行政复议机关) an agency's decisions name.
///
/// 行政复议法 (2023) Art. 24 ¶1(1): a department of a local government at county level or
/// above is reviewed by that government ("{region}人民政府"). Art. 27: customs, financial,
/// foreign-exchange administrations and other vertically managed organs, tax and state
/// security organs are reviewed by the next-level department. Which applies, and the name of
/// that department, is the agency's data: `configured` (trimmed, when not blank) wins;
/// otherwise the region's government.
pub fn reconsideration_body(region_name: &str, configured: Option<&str>) -> String {
    match configured.map(str::trim).filter(|s| !s.is_empty()) {
        Some(body) => body.to_owned(),
        None => format!("{}人民政府", region_name.trim()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reconsideration_body_is_the_agencys_or_its_governments() {
        assert_eq!(reconsideration_body("临江市", None), "临江市人民政府");
        assert_eq!(reconsideration_body("临江市", Some("  ")), "临江市人民政府");
        assert_eq!(
            reconsideration_body("临江市", Some(" 国家税务总局某省税务局 ")),
            "国家税务总局某省税务局",
            "vertically managed: the next-level department (Art. 27)"
        );
    }

    #[test]
    fn kinds_round_trip() {
        for k in [AgencyKind::Enforcement, AgencyKind::Supervision] {
            assert_eq!(AgencyKind::parse(k.as_str()), Some(k));
            assert!(k.label(Lang::En).is_ascii());
        }
        assert_eq!(AgencyKind::parse("court"), None);
    }
}
