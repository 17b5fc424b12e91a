//! Amounts of money as people type them (yuan, up to two decimals) and as the platform keeps
//! them (integer fen, 分).
//!
//! Invariants: parsing never rounds: `12.345` is refused rather than turned into 12.34 or
//! 12.35; negative amounts and amounts above [`MAX_FEN`] are refused.

/// The largest amount accepted: 100 billion yuan, far above any fine, well inside `i64`.
pub const MAX_FEN: i64 = 10_000_000_000_000;

/// Why an amount was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum AmountError {
    /// Nothing was typed.
    #[error("empty amount")]
    Empty,
    /// Not a non-negative decimal number with at most two decimals.
    #[error("not an amount in yuan")]
    Malformed,
    /// Above [`MAX_FEN`].
    #[error("amount too large")]
    TooLarge,
}

/// Parses an amount in yuan (`2000`, `2000.5`, `2,000.50`, optional `元` or `¥`) into fen.
pub fn parse_yuan(input: &str) -> Result<i64, AmountError> {
    let cleaned: String = input
        .trim()
        .trim_start_matches(['¥', '￥'])
        .trim_end_matches('元')
        .trim()
        .chars()
        .filter(|c| *c != ',' && *c != '，')
        .collect();
    if cleaned.is_empty() {
        return Err(AmountError::Empty);
    }
    let (whole, frac) = match cleaned.split_once('.') {
        Some((w, f)) => (w, f),
        None => (cleaned.as_str(), ""),
    };
    if whole.is_empty()
        || !whole.chars().all(|c| c.is_ascii_digit())
        || !frac.chars().all(|c| c.is_ascii_digit())
        || frac.len() > 2
        || (cleaned.contains('.') && frac.is_empty())
    {
        return Err(AmountError::Malformed);
    }
    if whole.len() > 12 {
        return Err(AmountError::TooLarge);
    }
    let yuan: i64 = whole.parse().map_err(|_| AmountError::Malformed)?;
    let cents: i64 = match frac.len() {
        0 => 0,
        1 => frac.parse::<i64>().map_err(|_| AmountError::Malformed)? * 10,
        _ => frac.parse().map_err(|_| AmountError::Malformed)?,
    };
    let fen = yuan * 100 + cents;
    if fen > MAX_FEN {
        return Err(AmountError::TooLarge);
    }
    Ok(fen)
}

/// Formats fen as yuan with two decimals and thousands separators: `1,234.50`.
pub fn format_yuan(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    let abs = fen.unsigned_abs();
    let whole = (abs / 100).to_string();
    let mut grouped = String::with_capacity(whole.len() + whole.len() / 3);
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{sign}{grouped}.{:02}", abs % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_what_people_type() {
        assert_eq!(parse_yuan("2000"), Ok(200_000));
        assert_eq!(parse_yuan(" 2000.5 "), Ok(200_050));
        assert_eq!(parse_yuan("2,000.05元"), Ok(200_005));
        assert_eq!(parse_yuan("¥0.01"), Ok(1));
        assert_eq!(parse_yuan("0"), Ok(0));
    }

    #[test]
    fn refuses_what_is_not_an_amount() {
        assert_eq!(parse_yuan(""), Err(AmountError::Empty));
        assert_eq!(parse_yuan("  元"), Err(AmountError::Empty));
        for bad in ["-5", "12.345", "1.", ".5", "abc", "1e3", "１２", "1.2.3"] {
            assert_eq!(parse_yuan(bad), Err(AmountError::Malformed), "{bad}");
        }
        assert_eq!(parse_yuan("1000000000000"), Err(AmountError::TooLarge));
        assert_eq!(parse_yuan("100000000000"), Ok(MAX_FEN));
        assert_eq!(parse_yuan("100000000000.01"), Err(AmountError::TooLarge));
    }

    #[test]
    fn formats_with_separators() {
        assert_eq!(format_yuan(0), "0.00");
        assert_eq!(format_yuan(5), "0.05");
        assert_eq!(format_yuan(123_456_789), "1,234,567.89");
        assert_eq!(format_yuan(100_000), "1,000.00");
        assert_eq!(format_yuan(-250), "-2.50");
        for fen in [0, 1, 99, 100, 123_456, 999_999_999] {
            assert_eq!(parse_yuan(&format_yuan(fen)), Ok(fen));
        }
    }
}
