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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip() {
        for k in [AgencyKind::Enforcement, AgencyKind::Supervision] {
            assert_eq!(AgencyKind::parse(k.as_str()), Some(k));
            assert!(k.label(Lang::En).is_ascii());
        }
        assert_eq!(AgencyKind::parse("court"), None);
    }
}
