//! Redaction of natural persons' private data for publication (APL Art. 48, 50; DOMAIN §1a).
//!
//! Invariants of [`redact`]:
//! - every known private value (a natural person's name, ID number, phone, address, bank
//!   account) is replaced wherever it appears, also inside free text such as the facts;
//! - whatever looks like a resident ID number (17 digits and a digit or X), a mainland mobile
//!   number (11 digits from 13–19) or a bank account (16–19 digits) is masked even when nobody
//!   listed it;
//! - a name keeps its surname: 张三 → 张某, 欧阳小明 → 欧阳某某 (two-character surnames from a
//!   short list);
//! - organisations' names and credit codes are public and left alone.

use serde::{Deserialize, Serialize};

/// The private data known for a document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrivateData {
    /// Natural persons' full names (the party, witnesses, family).
    pub names: Vec<String>,
    /// Resident ID numbers.
    pub id_numbers: Vec<String>,
    /// Phone numbers.
    pub phones: Vec<String>,
    /// Home addresses.
    pub addresses: Vec<String>,
    /// Bank accounts.
    pub bank_accounts: Vec<String>,
}

/// What replaces an ID number.
pub const ID_MASK: &str = "[身份证号已隐去]";
/// What replaces a home address.
pub const ADDRESS_MASK: &str = "[住址已隐去]";
/// What replaces a bank account.
pub const ACCOUNT_MASK: &str = "[银行账号已隐去]";

const COMPOUND_SURNAMES: &[&str] = &[
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "长孙", "宇文",
    "司徒", "夏侯", "轩辕", "端木", "独孤", "南宫", "西门", "呼延",
];

/// A name reduced to its surname: 张三 → 张某, 张三丰 → 张某某.
pub fn mask_name(name: &str) -> String {
    let name = name.trim();
    let surname = COMPOUND_SURNAMES
        .iter()
        .find(|s| name.starts_with(*s) && name.chars().count() > 2)
        .map(|s| (*s).to_owned())
        .unwrap_or_else(|| name.chars().take(1).collect());
    let rest = name
        .chars()
        .count()
        .saturating_sub(surname.chars().count())
        .max(1);
    format!("{surname}{}", "某".repeat(rest.min(2)))
}

/// A phone number with its middle four digits hidden: 13800138000 → 138****8000.
pub fn mask_phone(phone: &str) -> String {
    let digits: Vec<char> = phone.chars().filter(char::is_ascii_digit).collect();
    if digits.len() < 7 {
        return "*".repeat(digits.len().max(4));
    }
    let head: String = digits[..3].iter().collect();
    let tail: String = digits[digits.len() - 4..].iter().collect();
    format!("{head}****{tail}")
}

/// The text with every private value hidden.
pub fn redact(text: &str, private: &PrivateData) -> String {
    let mut replacements: Vec<(String, String)> = Vec::new();
    let mut add = |value: &str, mask: String| {
        let value = value.trim();
        if value.chars().count() >= 2 {
            replacements.push((value.to_owned(), mask));
        }
    };
    for v in &private.id_numbers {
        add(v, ID_MASK.to_owned());
    }
    for v in &private.bank_accounts {
        add(v, ACCOUNT_MASK.to_owned());
    }
    for v in &private.addresses {
        add(v, ADDRESS_MASK.to_owned());
    }
    for v in &private.phones {
        add(v, mask_phone(v));
    }
    for v in &private.names {
        add(v, mask_name(v));
    }
    // Longest first, so a name inside an address or a longer name is not half replaced.
    replacements.sort_by_key(|r| std::cmp::Reverse(r.0.chars().count()));
    let mut out = text.to_owned();
    for (value, mask) in &replacements {
        out = out.replace(value.as_str(), mask);
    }
    mask_digit_runs(&out)
}

/// Masks ID numbers, mobile numbers and account numbers found by their shape.
fn mask_digit_runs(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
        // An ID number may end in X.
        let mut run: String = chars[start..i].iter().collect();
        if run.len() == 17 && i < chars.len() && matches!(chars[i], 'X' | 'x') {
            run.push(chars[i]);
            i += 1;
        }
        let preceded_by_digitish =
            start > 0 && (chars[start - 1] == '.' || chars[start - 1] == ',');
        let masked = match run.len() {
            18 => Some(ID_MASK.to_owned()),
            11 if run.starts_with('1')
                && matches!(run.as_bytes()[1], b'3'..=b'9')
                && !preceded_by_digitish =>
            {
                Some(mask_phone(&run))
            }
            16 | 17 | 19 => Some(ACCOUNT_MASK.to_owned()),
            15 => Some(ID_MASK.to_owned()),
            _ => None,
        };
        out.push_str(masked.as_deref().unwrap_or(&run));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn private() -> PrivateData {
        PrivateData {
            names: vec!["张三".into(), "欧阳小明".into()],
            id_numbers: vec!["330106199001011234".into()],
            phones: vec!["13800138000".into()],
            addresses: vec!["临江市滨江路88号3幢201室".into()],
            bank_accounts: vec!["6222020200112233445".into()],
        }
    }

    #[test]
    fn names_keep_only_the_surname() {
        for (name, masked) in [
            ("张三", "张某"),
            ("张三丰", "张某某"),
            ("欧阳小明", "欧阳某某"),
            ("欧阳", "欧某"),
            ("李", "李某"),
        ] {
            assert_eq!(mask_name(name), masked, "{name}");
        }
    }

    #[test]
    fn phones_keep_head_and_tail() {
        assert_eq!(mask_phone("13800138000"), "138****8000");
        assert_eq!(mask_phone("0571-87654321"), "057****4321");
        assert_eq!(mask_phone("12"), "****");
    }

    #[test]
    fn known_private_values_are_hidden_inside_free_text() {
        let cases = [
            (
                "当事人张三（身份证号330106199001011234）住临江市滨江路88号3幢201室。",
                "当事人张某（身份证号[身份证号已隐去]）住[住址已隐去]。",
            ),
            (
                "联系电话13800138000，欧阳小明在场。",
                "联系电话138****8000，欧阳某某在场。",
            ),
            (
                "罚款汇入6222020200112233445。",
                "罚款汇入[银行账号已隐去]。",
            ),
            ("张三丰不在名单上，张三在。", "张某丰不在名单上，张某在。"),
        ];
        for (text, want) in cases {
            assert_eq!(redact(text, &private()), want, "{text}");
        }
    }

    #[test]
    fn unlisted_numbers_are_masked_by_their_shape() {
        let none = PrivateData::default();
        let cases = [
            (
                "证人身份证号11010519491231002X。",
                "证人身份证号[身份证号已隐去]。",
            ),
            ("旧式证号110105491231002。", "旧式证号[身份证号已隐去]。"),
            ("手机19912345678联系", "手机199****5678联系"),
            ("账户6222 0202", "账户6222 0202"),
            ("卡号6222020200112233", "卡号[银行账号已隐去]"),
        ];
        for (text, want) in cases {
            assert_eq!(redact(text, &none), want, "{text}");
        }
    }

    #[test]
    fn amounts_dates_codes_and_organisations_are_left_alone() {
        let none = PrivateData::default();
        for text in [
            "罚款人民币12,000.00元。",
            "2026年3月5日",
            "统一社会信用代码91330106MA2B3C4D5E",
            "临江市某某餐饮有限公司",
            "案号SCJG-2026-00012",
            "货值10000000000元",
        ] {
            assert_eq!(redact(text, &none), text);
        }
    }

    #[test]
    fn an_empty_or_one_character_value_is_not_a_pattern() {
        let p = PrivateData {
            names: vec![String::new(), "王".into()],
            ..PrivateData::default()
        };
        assert_eq!(redact("王府井大街", &p), "王府井大街");
    }
}
