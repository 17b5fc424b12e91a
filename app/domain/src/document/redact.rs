//! Redaction of natural persons' private data for publication (APL Art. 48; 政府信息公开条例
//! Art. 15; DOMAIN §1a and §5: third persons' names, addresses, phones and ID numbers are masked
//! everywhere in published text).
//!
//! Invariants of [`redact`], applied in this order:
//! 1. a home address introduced by 住址, 家庭住址, 住所(地), 居住地 or 现住 (and an optional colon)
//!    is masked up to the next closing bracket or sentence punctuation outside brackets it opened
//!    itself, unless it is exactly one of [`PrivateData::public_addresses`] (an organisation's
//!    registered address); 现住 inside another word (发现住户, 出现住宿, 现住院) is no keyword;
//! 2. every listed private value (a natural person's name, ID number, phone, address, bank
//!    account) is replaced wherever it appears, longest first; the names are the party's and
//!    every other natural person's of the case (witnesses, reporters, family);
//! 3. whatever has the shape of a resident ID number, a mainland mobile or landline number or a
//!    bank account is masked even when nobody listed it: digits ASCII or full-width, whole or
//!    grouped by hyphens or spaces, landlines with an area code (also in brackets) and an
//!    extension; a number inside an amount (`.`/`,` between digits) or followed by an ASCII letter
//!    (a code) is not one, and dates, amounts, document and article numbers never have these
//!    shapes;
//! - a name keeps its surname: 张三 → 张某, 欧阳小明 → 欧阳某某 (two-character surnames from a
//!   short list); a phone keeps its first three and last four digits;
//! - organisations' names, registered addresses and credit codes are public and left alone
//!   (a credit code contains letters, or starts with 9, which no ID number's region does);
//! - masking twice changes nothing more than masking once.

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
    /// Organisations' registered addresses: public (APL Art. 48 publishes the decision with
    /// its party), so the address rule leaves them alone where a keyword introduces them.
    #[serde(default)]
    pub public_addresses: Vec<String>,
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
    let digits: Vec<char> = phone.chars().filter_map(digit).collect();
    if digits.len() < 7 {
        return "*".repeat(digits.len().max(4));
    }
    let head: String = digits[..3].iter().collect();
    let tail: String = digits[digits.len() - 4..].iter().collect();
    format!("{head}****{tail}")
}

/// The text with every private value hidden, in the order of the module's invariants: first
/// home addresses introduced by a keyword, then the values the caller listed, then whatever has
/// the shape of a private number.
pub fn redact(text: &str, private: &PrivateData) -> String {
    let out = mask_introduced_addresses(text, &private.public_addresses);
    let out = replace_known(&out, private);
    mask_numbers(&out)
}

/// Replaces every listed value, longest first, so a name inside an address or a longer name is
/// not half replaced. Values shorter than two characters are not patterns. Basis: APL Art. 48
/// with 政府信息公开条例 Art. 15; DOMAIN §1a (the party's name reduced to surname + 某) and §5
/// (every third person's name masked too).
fn replace_known(text: &str, private: &PrivateData) -> String {
    let masked = |values: &[String], mask: &dyn Fn(&str) -> String| {
        values
            .iter()
            .map(|v| v.trim())
            .filter(|v| v.chars().count() >= 2)
            .map(|v| (v.to_owned(), mask(v)))
            .collect::<Vec<_>>()
    };
    let mut replacements = masked(&private.id_numbers, &|_| ID_MASK.to_owned());
    replacements.extend(masked(&private.bank_accounts, &|_| ACCOUNT_MASK.to_owned()));
    replacements.extend(masked(&private.addresses, &|_| ADDRESS_MASK.to_owned()));
    replacements.extend(masked(&private.phones, &mask_phone));
    replacements.extend(masked(&private.names, &mask_name));
    replacements.sort_by_key(|r| std::cmp::Reverse(r.0.chars().count()));
    let mut out = text.to_owned();
    for (value, mask) in &replacements {
        out = out.replace(value.as_str(), mask);
    }
    out
}

/// The words that introduce a natural person's home address in free text, longest first.
const ADDRESS_KEYWORDS: &[&str] = &["家庭住址", "住所地", "居住地", "住址", "住所", "现住"];

/// Where an introduced address ends (outside any bracket it opened itself).
const ADDRESS_ENDS: &[char] = &['）', ')', '，', ',', '。', '；', ';', '\n'];

/// Home addresses introduced by 住址, 家庭住址, 住所(地), 居住地 or 现住, with an optional colon,
/// masked up to the next closing bracket or sentence punctuation. Basis: APL Art. 48 publishes
/// the decision, not the persons' homes; 政府信息公开条例 Art. 15 and 个人信息保护法 Art. 6
/// (no more personal information than the purpose needs); DOMAIN §1a and §5 (third persons'
/// addresses are masked everywhere in published text).
/// An organisation's registered address is public: a value equal to one of `public` stays.
fn mask_introduced_addresses(text: &str, public: &[String]) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let Some(len) = address_keyword_at(&chars, i) else {
            out.push(chars[i]);
            i += 1;
            continue;
        };
        let start = after_colon(&chars, i + len);
        let end = address_end(&chars, start);
        out.extend(&chars[i..i + len]);
        let value: String = chars[start..end].iter().collect();
        let is_public = public.iter().any(|p| p.trim() == value.trim());
        if value.trim().is_empty() || is_public {
            out.extend(&chars[i + len..end]);
        } else {
            out.extend(&chars[i + len..start]);
            out.push_str(ADDRESS_MASK);
        }
        i = end;
    }
    out
}

/// The length of the address keyword at `i`, if one is there. 现住 inside another word
/// (发现住户, 出现住宿, 现住院) introduces nothing.
fn address_keyword_at(chars: &[char], i: usize) -> Option<usize> {
    let len = ADDRESS_KEYWORDS
        .iter()
        .find(|k| {
            k.chars()
                .enumerate()
                .all(|(j, c)| chars.get(i + j) == Some(&c))
        })
        .map(|k| k.chars().count())?;
    let verb_before = i > 0 && "发出实表体呈再兑展重涌浮显".contains(chars[i - 1]);
    let hospital_after = chars.get(i + len) == Some(&'院');
    let is_xianzhu = chars[i] == '现';
    (!(is_xianzhu && (verb_before || hospital_after))).then_some(len)
}

/// The index after an optional colon and spaces.
fn after_colon(chars: &[char], mut i: usize) -> usize {
    if matches!(chars.get(i), Some('：' | ':')) {
        i += 1;
    }
    while chars
        .get(i)
        .is_some_and(|c| c.is_whitespace() && *c != '\n')
    {
        i += 1;
    }
    i
}

/// The index of the first [`ADDRESS_ENDS`] character at bracket depth 0 from `i`, or the end.
fn address_end(chars: &[char], i: usize) -> usize {
    let mut depth = 0usize;
    for (j, c) in chars.iter().enumerate().skip(i) {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' if depth > 0 => depth -= 1,
            c if ADDRESS_ENDS.contains(c) => return j,
            _ => {}
        }
    }
    chars.len()
}

/// A private number found by its shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NumberKind {
    Id,
    Mobile,
    Landline,
    Account,
}

/// Resident ID numbers, mobile and landline numbers and bank accounts masked by their shape,
/// even when nobody listed them. Basis: 个人信息保护法 Art. 28 (financial accounts are sensitive
/// personal information) and Art. 6; APL Art. 48 with 政府信息公开条例 Art. 15; DOMAIN §1a and §5
/// (third persons' phones and ID numbers are masked everywhere in published text).
/// Digits may be full-width and grouped by hyphens or spaces (see [`classify`] for the
/// groupings). A number that is part of an amount (a `.` or `,` between digits) or of a code
/// (an ASCII letter right after it, as in a unified social credit code) is not private.
fn mask_numbers(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        match private_number_at(&chars, i) {
            Some((end, mask)) => {
                out.push_str(&mask);
                i = end;
            }
            None => {
                out.push(chars[i]);
                i += 1;
            }
        }
    }
    out
}

/// An ASCII or full-width digit, as ASCII.
fn digit(c: char) -> Option<char> {
    match c {
        '0'..='9' => Some(c),
        '０'..='９' => char::from_u32(u32::from(c) - u32::from('０') + u32::from('0')),
        _ => None,
    }
}

fn is_digit_at(chars: &[char], i: usize) -> bool {
    chars.get(i).copied().and_then(digit).is_some()
}

/// What may stand between the groups of one number.
fn is_separator(c: char) -> bool {
    matches!(c, '-' | '－' | ' ' | '\u{3000}')
}

/// A number's digit groups (ASCII; an ID's final X kept) and where each group ends.
#[derive(Debug, Default)]
struct Token {
    groups: Vec<String>,
    ends: Vec<usize>,
    /// The first group is an area code in brackets: (0755), （０７５５）.
    bracketed: bool,
}

/// The private number starting at `i`, if any: where it ends and its mask. Of the groups that
/// follow, the longest run that has a private shape wins; a date before it hides nothing.
fn private_number_at(chars: &[char], i: usize) -> Option<(usize, String)> {
    let token = token_at(chars, i)?;
    (1..=token.groups.len()).rev().find_map(|k| {
        let end = token.ends[k - 1];
        if !ends_a_number(chars, end) {
            return None;
        }
        let groups = &token.groups[..k];
        let kind = classify(groups, token.bracketed)?;
        let digits = groups.concat();
        Some(match kind {
            NumberKind::Id => (end, ID_MASK.to_owned()),
            NumberKind::Account => (end, ACCOUNT_MASK.to_owned()),
            NumberKind::Mobile => (end, mask_phone(&digits)),
            NumberKind::Landline => (
                extension_end(chars, end),
                mask_phone(&without_extension(groups)),
            ),
        })
    })
}

/// Whether a number may start at `i`: a digit or an opening bracket, not inside a longer digit
/// run nor after a decimal point or thousands separator.
fn starts_a_number(chars: &[char], i: usize) -> bool {
    let opens = matches!(chars[i], '(' | '（');
    if !(opens || is_digit_at(chars, i)) || (i > 0 && is_digit_at(chars, i - 1)) {
        return false;
    }
    let in_amount = i >= 2 && matches!(chars[i - 1], '.' | ',') && is_digit_at(chars, i - 2);
    !in_amount
}

/// Whether a number may end at `end`: not followed by an ASCII letter (a code) nor by a
/// decimal point or thousands separator and a digit (an amount).
fn ends_a_number(chars: &[char], end: usize) -> bool {
    match chars.get(end) {
        Some(c) if c.is_ascii_alphabetic() => false,
        Some('.' | ',') => !is_digit_at(chars, end + 1),
        _ => true,
    }
}

/// The digit groups from `i`, each joined to the next by one separator.
fn token_at(chars: &[char], i: usize) -> Option<Token> {
    if !starts_a_number(chars, i) {
        return None;
    }
    let mut token = Token::default();
    let mut j = i;
    if let Some((area, after)) = bracketed_area(chars, i) {
        token.groups.push(area);
        token.ends.push(after);
        token.bracketed = true;
        j = after;
        if chars.get(j).copied().is_some_and(is_separator) {
            j += 1;
        }
    }
    loop {
        let (mut group, mut after) = digit_group(chars, j);
        if group.is_empty() {
            break;
        }
        let digits = token.groups.iter().map(String::len).sum::<usize>() + group.len();
        let x = digits == 17 && matches!(chars.get(after), Some('X' | 'x' | 'Ｘ' | 'ｘ'));
        if x {
            group.push('X');
            after += 1;
        }
        token.groups.push(group);
        token.ends.push(after);
        j = after;
        let joined = chars.get(j).copied().is_some_and(is_separator) && is_digit_at(chars, j + 1);
        if x || !joined {
            break;
        }
        j += 1;
    }
    let local = token.groups.len() > usize::from(token.bracketed);
    local.then_some(token)
}

/// The digits from `i`, as ASCII, and where they end.
fn digit_group(chars: &[char], i: usize) -> (String, usize) {
    let group: String = chars[i..].iter().map_while(|c| digit(*c)).collect();
    let end = i + group.len();
    (group, end)
}

/// An area code in brackets at `i`: (010), （０７５５）. Its digits and where it ends.
fn bracketed_area(chars: &[char], i: usize) -> Option<(String, usize)> {
    if !matches!(chars.get(i), Some('(' | '（')) {
        return None;
    }
    let (area, after) = digit_group(chars, i + 1);
    let closes = matches!(chars.get(after), Some(')' | '）'));
    (closes && is_area_code(&area)).then_some((area, after + 1))
}

/// A long-distance area code: 0 then a non-zero digit, 3 or 4 digits (010, 0755).
fn is_area_code(group: &str) -> bool {
    let b = group.as_bytes();
    matches!(b.len(), 3 | 4) && b[0] == b'0' && b[1] != b'0'
}

/// The shape of these digit groups (ASCII digits, an ID's final X), if it is a private one:
/// - ID number: 18 characters from a region digit 1–8, ending in a digit or X, whole or as
///   6-8-4 or 6-4-4-4; or the old 15 digits, whole;
/// - mobile: 11 digits from 13–19, whole or as 3-4-4;
/// - landline: an area code, then 7 or 8 digits (whole, or as 3-4 / 4-4), an extension of 1–6
///   digits after a hyphen; or 10–12 digits from an area code, whole;
/// - bank account: 16–19 digits, whole or in groups of four (the last one to four).
///
/// Dates (2026-12-03), amounts and document numbers have none of these shapes.
fn classify(groups: &[String], bracketed: bool) -> Option<NumberKind> {
    let lens: Vec<usize> = groups.iter().map(String::len).collect();
    let all = groups.concat();
    if bracketed {
        return is_landline(groups, &lens).then_some(NumberKind::Landline);
    }
    if is_id(&all, &lens) {
        Some(NumberKind::Id)
    } else if all.contains('X') {
        None
    } else if is_mobile(&all, &lens) {
        Some(NumberKind::Mobile)
    } else if is_landline(groups, &lens)
        || (matches!(lens[..], [10..=12]) && is_area_code(&all[..4]))
    {
        Some(NumberKind::Landline)
    } else if is_account(&all, &lens) {
        Some(NumberKind::Account)
    } else {
        None
    }
}

fn is_id(all: &str, lens: &[usize]) -> bool {
    let region = matches!(all.as_bytes()[0], b'1'..=b'8');
    let shape =
        matches!(lens, [18] | [6, 8, 4] | [6, 4, 4, 4]) || (lens == [15] && !all.contains('X'));
    region && shape
}

fn is_mobile(all: &str, lens: &[usize]) -> bool {
    let b = all.as_bytes();
    matches!(lens, [11] | [3, 4, 4]) && b[0] == b'1' && matches!(b[1], b'3'..=b'9')
}

fn is_landline(groups: &[String], lens: &[usize]) -> bool {
    is_area_code(&groups[0]) && matches!(lens[1..], [7 | 8] | [7 | 8, 1..=6] | [3 | 4, 4])
}

fn is_account(all: &str, lens: &[usize]) -> bool {
    let in_fours = lens.len() >= 4
        && lens[..lens.len() - 1].iter().all(|l| *l == 4)
        && (1..=4).contains(&lens[lens.len() - 1]);
    (16..=19).contains(&all.len()) && (lens.len() == 1 || in_fours)
}

/// A landline's area code and number, without the extension written after a hyphen.
fn without_extension(groups: &[String]) -> String {
    match groups {
        [area, local, _extension] if local.len() >= 7 => format!("{area}{local}"),
        _ => groups.concat(),
    }
}

/// Where a landline's extension written with 转 or 分机 ends (1–6 digits), else `end`.
fn extension_end(chars: &[char], end: usize) -> usize {
    let word = match (chars.get(end), chars.get(end + 1)) {
        (Some('转'), _) => 1,
        (Some('分'), Some('机')) => 2,
        _ => return end,
    };
    let (digits, after) = digit_group(chars, end + word);
    if (1..=6).contains(&digits.len()) {
        after
    } else {
        end
    }
}

/// Whether a name taken from the case's records about people (the person questioned in an
/// interview record, the clue's reporter) can be a natural person's name to mask: two to five
/// Han characters (a compound surname and up to three more), or a transliterated name with the
/// middle dot. It only drops what cannot be such a name (latin letters, digits, one character,
/// a long description); it cannot tell a name from a short place word, which is why the caller
/// passes only fields that name people.
pub fn looks_like_person_name(s: &str) -> bool {
    let s = s.trim();
    (2..=5).contains(&s.chars().count())
        && s.chars()
            .all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c) || c == '·')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn looks_like_person_name_takes_han_names_of_two_to_five_characters_only() {
        for (s, want) in [
            ("司马婉清", true),
            ("张三", true),
            (" 王某 ", true),
            ("张", false),
            ("欧阳纳兰容若", false),
            ("生产车间", true),
            ("John Smith", false),
            ("3号货架", false),
            ("", false),
        ] {
            assert_eq!(looks_like_person_name(s), want, "{s:?}");
        }
    }

    fn private() -> PrivateData {
        PrivateData {
            names: vec!["张三".into(), "欧阳小明".into()],
            id_numbers: vec!["330106199001011234".into()],
            phones: vec!["13800138000".into()],
            addresses: vec!["临江市滨江路88号3幢201室".into()],
            bank_accounts: vec!["6222020200112233445".into()],
            public_addresses: vec![],
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

    /// DOMAIN §5, 个人信息保护法 Art. 28: (text, want) for [`mask_introduced_addresses`].
    const INTRODUCED_ADDRESSES: &[(&str, &str)] = &[
        // The published incident: a witness's address inside brackets.
        (
            "证人（住址深圳市南山区科技园路8号）在场",
            "证人（住址[住址已隐去]）在场",
        ),
        ("住址：临江市滨江路1号，电话", "住址：[住址已隐去]，电话"),
        ("住址:临江市滨江路1号。", "住址:[住址已隐去]。"),
        ("家庭住址：临江市滨江路1号；", "家庭住址：[住址已隐去]；"),
        ("住所：临江市滨江路1号", "住所：[住址已隐去]"),
        ("住所地：临江市滨江路1号，", "住所地：[住址已隐去]，"),
        ("居住地临江市滨江路1号)", "居住地[住址已隐去])"),
        ("李四现住临江市滨江路1号,", "李四现住[住址已隐去],"),
        ("现住：临江市滨江路1号\n次日", "现住：[住址已隐去]\n次日"),
        // A bracket opened inside the address belongs to it.
        ("住址：临江市滨江路1号（南门）3幢，", "住址：[住址已隐去]，"),
        ("住址： 临江市滨江路1号。", "住址： [住址已隐去]。"),
        // Nothing after the keyword: nothing to hide.
        ("未提供住址。", "未提供住址。"),
        ("留在受送达人的住所，并", "留在受送达人的住所，并"),
        ("住址：。", "住址：。"),
        // 现住 inside another word is not a keyword.
        ("执法人员发现住户违规搭建。", "执法人员发现住户违规搭建。"),
        ("出现住宿登记缺失", "出现住宿登记缺失"),
        ("证人现住院治疗。", "证人现住院治疗。"),
        // Masking twice changes nothing.
        ("住址：[住址已隐去]。", "住址：[住址已隐去]。"),
    ];

    #[test]
    fn home_addresses_introduced_by_a_keyword_are_masked_to_the_closing_punctuation() {
        for (text, want) in INTRODUCED_ADDRESSES {
            assert_eq!(redact(text, &PrivateData::default()), *want, "{text}");
        }
    }

    #[test]
    fn an_organisations_registered_address_introduced_by_a_keyword_stays_public() {
        let p = PrivateData {
            public_addresses: vec!["临江市江滨路1号".into()],
            ..PrivateData::default()
        };
        for (text, want) in [
            (
                "当事人某公司（住所：临江市江滨路1号）",
                "当事人某公司（住所：临江市江滨路1号）",
            ),
            ("住所临江市江滨路1号。", "住所临江市江滨路1号。"),
            // The same building, another door: a person's address, not the registered one.
            (
                "证人住址：临江市江滨路1号3幢201室。",
                "证人住址：[住址已隐去]。",
            ),
        ] {
            assert_eq!(redact(text, &p), want, "{text}");
        }
    }

    #[test]
    fn full_width_digits_are_numbers_too() {
        for (text, want) in [
            ("手机１３８００１３８０００。", "手机138****8000。"),
            (
                "身份证号１１０１０５１９４９１２３１００２Ｘ",
                "身份证号[身份证号已隐去]",
            ),
            ("电话１３８－００１３－８０００", "电话138****8000"),
            ("（０７５５）１２３４５６７８", "075****5678"),
            ("２０２６年１２月３日", "２０２６年１２月３日"),
        ] {
            assert_eq!(redact(text, &PrivateData::default()), want, "{text}");
        }
        assert_eq!(mask_phone("１３８００１３８０００"), "138****8000");
    }

    #[test]
    fn numbers_written_with_separators_are_masked_by_their_shape() {
        for (text, want) in [
            ("手机138-0013-8000。", "手机138****8000。"),
            ("手机138 0013 8000。", "手机138****8000。"),
            ("证号110105 19491231 002X。", "证号[身份证号已隐去]。"),
            ("证号110105 1949 1231 0021", "证号[身份证号已隐去]"),
            ("卡号6222 0202 0011 2233 445", "卡号[银行账号已隐去]"),
            ("卡号6222-0202-0011-2233", "卡号[银行账号已隐去]"),
            // A date glued before a number does not hide it.
            ("2026-03-05 13800138000", "2026-03-05 138****8000"),
            ("13800138000 2026年", "138****8000 2026年"),
            // Too few groups or the wrong grouping: not a number of a person.
            ("账户6222 0202", "账户6222 0202"),
            ("138-0013", "138-0013"),
            ("热线400-123-4567", "热线400-123-4567"),
        ] {
            assert_eq!(redact(text, &PrivateData::default()), want, "{text}");
        }
    }

    #[test]
    fn landlines_are_masked_with_their_area_code_and_extension() {
        for (text, want) in [
            ("电话010-12345678。", "电话010****5678。"),
            ("电话0755-1234567，", "电话075****4567，"),
            ("电话(0755)12345678", "电话075****5678"),
            ("电话（0755）12345678", "电话075****5678"),
            ("电话（0755） 1234 5678", "电话075****5678"),
            ("电话0755-8765-4321", "电话075****4321"),
            ("电话010-12345678-801。", "电话010****5678。"),
            ("电话010-12345678转801。", "电话010****5678。"),
            ("电话010-12345678分机8。", "电话010****5678。"),
            ("电话01012345678", "电话010****5678"),
            ("电话075512345678", "电话075****5678"),
            // Not an area code: leading 00, or too short a local number.
            ("编号00-12345678", "编号00-12345678"),
            ("（0755）123号", "（0755）123号"),
            ("（2026）12345678", "（2026）12345678"),
        ] {
            assert_eq!(redact(text, &PrivateData::default()), want, "{text}");
        }
    }

    #[test]
    fn dates_amounts_document_numbers_articles_and_credit_codes_survive() {
        let none = PrivateData::default();
        for text in [
            "2026-12-03",
            "2026-12-03 2026-12-04",
            "2026年12月3日",
            "2026.12.03",
            "罚款5,000.00元",
            "罚款5000元",
            "货值13900000000.00元",
            "货值13,900,000,000元",
            "临市监罚〔2026〕12号",
            "SCJG-2026-00012",
            "《中华人民共和国食品安全法》第一百二十四条第一款第五项",
            "依据第34条第2款",
            "统一社会信用代码91330106MA2B3C4D5E",
            "统一社会信用代码9133010612345678XA",
            "统一社会信用代码91330106123456789X",
            "统一社会信用代码91330106123456789AB",
            "14:30",
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
