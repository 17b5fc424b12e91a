//! What a document must state and the case does not have yet (issue 22 item 6). Where a fact
//! is missing, [`super::compose`] writes a visible placeholder rather than inventing text; a
//! preview shows it, and a document holding one is never issued or published: a court would
//! read 「当事人：（未登记）」 or 「（未载明适用的法律依据）」 as a decision that does not state what
//! the law requires it to (《行政处罚法》第五十九条).

use crate::i18n::Lang;

use super::model::{Block, DocumentModel};

/// A fact missing from a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Gap {
    /// No party is registered on the case.
    Party,
    /// No participant of a collective discussion is recorded.
    Participants,
    /// No officer is assigned.
    Officers,
    /// The legal basis applied is not stated.
    LegalBasis,
    /// No kind of penalty is stated.
    PenaltyKinds,
    /// The ground for not imposing a penalty is not stated.
    NoPenaltyGround,
}

impl Gap {
    /// Every gap.
    pub const ALL: [Gap; 6] = [
        Gap::Party,
        Gap::Participants,
        Gap::Officers,
        Gap::LegalBasis,
        Gap::PenaltyKinds,
        Gap::NoPenaltyGround,
    ];

    /// The placeholder `compose` writes in its place (no marker contains another).
    pub fn marker(self) -> &'static str {
        match self {
            Gap::Party => "（未登记）",
            Gap::Participants => "（参加人员未登记）",
            Gap::Officers => "（未指派）",
            Gap::LegalBasis => "（未载明适用的法律依据）",
            Gap::PenaltyKinds => "（未载明处罚种类）",
            Gap::NoPenaltyGround => "（不予处罚的情形未载明）",
        }
    }

    /// Name for people.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Gap::Party => lang.pick("当事人", "the party"),
            Gap::Participants => lang.pick("集体讨论的参加人员", "who took part in the discussion"),
            Gap::Officers => lang.pick("承办执法人员", "the officers in charge"),
            Gap::LegalBasis => lang.pick("适用的法律依据", "the legal basis applied"),
            Gap::PenaltyKinds => lang.pick("处罚种类", "the kind of penalty"),
            Gap::NoPenaltyGround => lang.pick("不予处罚的情形", "the ground for no penalty"),
        }
    }
}

/// The placeholders left in a document, in [`Gap::ALL`] order: empty when it may be issued.
pub fn gaps(model: &DocumentModel) -> Vec<Gap> {
    let mut texts: Vec<&str> = vec![model.title.as_str()];
    for block in &model.blocks {
        match block {
            Block::Paragraph(t) | Block::Plain(t) | Block::Heading(t) | Block::Right(t) => {
                texts.push(t);
            }
            Block::Table { rows, .. } => texts.extend(rows.iter().flatten().map(String::as_str)),
            Block::Gap(_) => {}
        }
    }
    Gap::ALL
        .into_iter()
        .filter(|g| texts.iter().any(|t| t.contains(g.marker())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_marker_contains_another_so_each_gap_is_told_apart() {
        for a in Gap::ALL {
            for b in Gap::ALL {
                if a != b {
                    assert!(!a.marker().contains(b.marker()), "{a:?} contains {b:?}");
                }
            }
        }
    }
}
