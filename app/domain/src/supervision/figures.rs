//! Enforcement statistics for the supervision side (DOMAIN.md §3 "Indicators"): the counts the
//! database adds up, and the pure arithmetic on them — rates, averages, the month range a
//! request asks for, the scale of a chart, and CSV cells.
//!
//! Invariants: a rate is `None` (shown as "—"), never a division by zero; figures are never
//! ordered by fine amounts (国办发〔2022〕27号 forbids ranking agencies or officers by fines), so
//! rows keep the order of their names; a CSV cell that a spreadsheet would run as a formula is
//! defused.

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::{
    i18n::Lang,
    validate::{Field, Rule, ValidationError},
};

/// What the rows of a statistics table stand for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    /// One row per agency.
    Agency,
    /// One row per officer (a case counts for each officer assigned to it).
    Officer,
    /// One row per enforcement matter (the discretion standard applied).
    Matter,
    /// One row per month the case was received.
    Month,
}

impl Dimension {
    /// Every dimension, in display order.
    pub const ALL: [Dimension; 4] = [
        Dimension::Agency,
        Dimension::Officer,
        Dimension::Matter,
        Dimension::Month,
    ];

    /// Machine name.
    pub fn as_str(self) -> &'static str {
        match self {
            Dimension::Agency => "agency",
            Dimension::Officer => "officer",
            Dimension::Matter => "matter",
            Dimension::Month => "month",
        }
    }

    /// Parses the machine name; empty means by agency.
    pub fn parse(s: &str) -> Result<Self, ValidationError> {
        let s = s.trim();
        if s.is_empty() {
            return Ok(Dimension::Agency);
        }
        Self::ALL
            .into_iter()
            .find(|d| d.as_str() == s)
            .ok_or(ValidationError::new(Field::Dimension, Rule::OneOf))
    }

    /// Name for people.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Dimension::Agency => lang.pick("按执法机关", "By agency"),
            Dimension::Officer => lang.pick("按执法人员", "By officer"),
            Dimension::Matter => lang.pick("按执法事项", "By enforcement matter"),
            Dimension::Month => lang.pick("按月份", "By month"),
        }
    }
}

/// The counts of one row, as the database adds them up over the cases received in the period.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct Counts {
    /// Cases received (opened).
    pub opened: i64,
    /// Of those, closed.
    pub closed: i64,
    /// Decided with a penalty.
    pub penalties: i64,
    /// Decided without a penalty.
    pub no_penalties: i64,
    /// Fines decided, in fen.
    pub fines_fen: i64,
    /// Sum of the days from receipt to closing, over the closed cases.
    pub handling_days: i64,
    /// Legal reviews approved (with or without opinions).
    pub reviews_passed: i64,
    /// Legal reviews returned.
    pub reviews_returned: i64,
    /// Hearings held.
    pub hearings: i64,
    /// Complaints about the agency received in the period (agency and month rows only).
    pub complaints: i64,
    /// Cases with a deadline binding the agency missed (past due and running, or met late).
    pub overdue: i64,
}

impl Counts {
    /// Adds another row's counts (for totals).
    pub fn add(&mut self, o: &Counts) {
        self.opened += o.opened;
        self.closed += o.closed;
        self.penalties += o.penalties;
        self.no_penalties += o.no_penalties;
        self.fines_fen += o.fines_fen;
        self.handling_days += o.handling_days;
        self.reviews_passed += o.reviews_passed;
        self.reviews_returned += o.reviews_returned;
        self.hearings += o.hearings;
        self.complaints += o.complaints;
        self.overdue += o.overdue;
    }

    /// Average days from receipt to closing, one decimal.
    pub fn average_handling_days(&self) -> Option<f64> {
        ratio(self.handling_days, self.closed).map(|r| (r * 10.0).round() / 10.0)
    }

    /// Share of legal reviews approved, in percent with one decimal.
    pub fn review_pass_rate(&self) -> Option<f64> {
        percent(
            self.reviews_passed,
            self.reviews_passed + self.reviews_returned,
        )
    }

    /// Share of the cases opened with a missed deadline, in percent with one decimal.
    pub fn overdue_rate(&self) -> Option<f64> {
        percent(self.overdue, self.opened)
    }
}

fn ratio(n: i64, d: i64) -> Option<f64> {
    #[allow(clippy::cast_precision_loss)]
    (d > 0).then(|| n as f64 / d as f64)
}

/// `n / d` in percent with one decimal; `None` when `d` is zero.
pub fn percent(n: i64, d: i64) -> Option<f64> {
    ratio(n, d).map(|r| (r * 1000.0).round() / 10.0)
}

/// A rate or average for people: one decimal, "—" when there is none.
pub fn show(value: Option<f64>, suffix: &str) -> String {
    value.map_or_else(|| "—".to_owned(), |v| format!("{v:.1}{suffix}"))
}

/// The period of a statistics request: whole months, `from` to `to` inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    /// First day of the first month.
    pub start: NaiveDate,
    /// First day after the last month.
    pub end: NaiveDate,
}

/// The longest period one request may cover, in months.
pub const MAX_MONTHS: u32 = 120;

fn month(field_value: &str) -> Result<NaiveDate, ValidationError> {
    let s = field_value.trim();
    let bad = || ValidationError::new(Field::Month, Rule::Date);
    if s.len() != 7 || s.as_bytes()[4] != b'-' {
        return Err(bad());
    }
    NaiveDate::parse_from_str(&format!("{s}-01"), "%Y-%m-%d").map_err(|_| bad())
}

impl Period {
    /// The period `from`..=`to` (`YYYY-MM`); empty `from` means twelve months back from `to`,
    /// empty `to` the month of `today`.
    pub fn parse(from: &str, to: &str, today: NaiveDate) -> Result<Self, ValidationError> {
        let last = if to.trim().is_empty() {
            today.with_day(1).unwrap_or(today)
        } else {
            month(to)?
        };
        let first = if from.trim().is_empty() {
            last - Months::new(11)
        } else {
            month(from)?
        };
        if first > last {
            return Err(ValidationError::new(Field::Month, Rule::DateOrder));
        }
        let period = Self {
            start: first,
            end: last + Months::new(1),
        };
        if period.months().len() > MAX_MONTHS as usize {
            return Err(ValidationError::new(
                Field::Month,
                Rule::Length {
                    min: 1,
                    max: MAX_MONTHS as usize,
                },
            ));
        }
        Ok(period)
    }

    /// Every month of the period, `YYYY-MM`, in order.
    pub fn months(&self) -> Vec<String> {
        let mut out = Vec::new();
        let mut m = self.start;
        while m < self.end && out.len() <= MAX_MONTHS as usize {
            out.push(m.format("%Y-%m").to_string());
            m = m + Months::new(1);
        }
        out
    }

    /// The first and last month, `YYYY-MM`.
    pub fn bounds(&self) -> (String, String) {
        let last = self.end - Months::new(1);
        (
            self.start.format("%Y-%m").to_string(),
            last.format("%Y-%m").to_string(),
        )
    }
}

/// The top of a chart's axis for values up to `max`: 1, 2 or 5 times a power of ten, at
/// least `max` and at least 1.
pub fn nice_ceiling(max: i64) -> i64 {
    let max = max.max(1);
    let mut step = 1i64;
    loop {
        for m in [1, 2, 5] {
            if let Some(v) = step.checked_mul(m)
                && v >= max
            {
                return v;
            }
        }
        match step.checked_mul(10) {
            Some(s) => step = s,
            None => return i64::MAX,
        }
    }
}

/// One CSV cell: quoted when it holds a comma, quote or line break; a leading `=`, `+`, `-`,
/// `@`, tab or carriage return is prefixed with `'` so that a spreadsheet shows it as text
/// instead of running it.
pub fn csv_cell(value: &str) -> String {
    let defused = match value.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') if value.parse::<f64>().is_err() => {
            format!("'{value}")
        }
        _ => value.to_owned(),
    };
    if defused.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", defused.replace('"', "\"\""))
    } else {
        defused
    }
}

/// One CSV line (CRLF-terminated, as RFC 4180 says).
pub fn csv_line<'a>(cells: impl IntoIterator<Item = &'a str>) -> String {
    let mut line = cells
        .into_iter()
        .map(csv_cell)
        .collect::<Vec<_>>()
        .join(",");
    line.push_str("\r\n");
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn rates_and_averages_never_divide_by_zero() {
        let empty = Counts::default();
        assert_eq!(empty.average_handling_days(), None);
        assert_eq!(empty.review_pass_rate(), None);
        assert_eq!(empty.overdue_rate(), None);
        let c = Counts {
            opened: 3,
            closed: 2,
            handling_days: 45,
            reviews_passed: 2,
            reviews_returned: 1,
            overdue: 1,
            ..Counts::default()
        };
        assert_eq!(c.average_handling_days(), Some(22.5));
        assert_eq!(c.review_pass_rate(), Some(66.7));
        assert_eq!(c.overdue_rate(), Some(33.3));
        assert_eq!(show(c.overdue_rate(), "%"), "33.3%");
        assert_eq!(show(None, "%"), "—");
    }

    #[test]
    fn totals_add_every_count() {
        let one = Counts {
            opened: 1,
            closed: 2,
            penalties: 3,
            no_penalties: 4,
            fines_fen: 5,
            handling_days: 6,
            reviews_passed: 7,
            reviews_returned: 8,
            hearings: 9,
            complaints: 10,
            overdue: 11,
        };
        let mut total = Counts::default();
        total.add(&one);
        total.add(&one);
        assert_eq!(
            total,
            Counts {
                opened: 2,
                closed: 4,
                penalties: 6,
                no_penalties: 8,
                fines_fen: 10,
                handling_days: 12,
                reviews_passed: 14,
                reviews_returned: 16,
                hearings: 18,
                complaints: 20,
                overdue: 22,
            }
        );
    }

    #[test]
    fn periods_default_to_the_last_twelve_months_and_check_their_bounds() {
        let today = d("2026-12-01");
        let p = Period::parse("", "", today).expect("default");
        assert_eq!((p.start, p.end), (d("2026-01-01"), d("2027-01-01")));
        assert_eq!(p.months().len(), 12);
        assert_eq!(p.bounds(), ("2026-01".to_owned(), "2026-12".to_owned()));
        let one = Period::parse("2026-02", "2026-02", today).expect("one month");
        assert_eq!(one.months(), vec!["2026-02".to_owned()]);
        assert_eq!(one.end, d("2026-03-01"));
        let bad = |f, t, rule| {
            assert_eq!(
                Period::parse(f, t, today),
                Err(ValidationError::new(Field::Month, rule)),
                "{f} {t}"
            );
        };
        bad("2026-13", "", Rule::Date);
        bad("2026-1", "", Rule::Date);
        bad("x'; DROP", "", Rule::Date);
        bad("2026-05", "2026-04", Rule::DateOrder);
        bad(
            "2000-01",
            "2026-12",
            Rule::Length {
                min: 1,
                max: MAX_MONTHS as usize,
            },
        );
        assert!(Period::parse("2017-01", "2026-12", today).is_ok());
    }

    #[test]
    fn dimensions_parse_and_default_to_agency() {
        for dim in Dimension::ALL {
            assert_eq!(Dimension::parse(dim.as_str()), Ok(dim));
        }
        assert_eq!(Dimension::parse(""), Ok(Dimension::Agency));
        assert_eq!(
            Dimension::parse("fine"),
            Err(ValidationError::new(Field::Dimension, Rule::OneOf))
        );
    }

    #[test]
    fn chart_ceilings_are_round_and_cover_the_maximum() {
        for (max, top) in [
            (0, 1),
            (1, 1),
            (2, 2),
            (3, 5),
            (6, 10),
            (11, 20),
            (21, 50),
            (99, 100),
            (101, 200),
            (1_000_001, 2_000_000),
        ] {
            assert_eq!(nice_ceiling(max), top, "{max}");
        }
        assert!(nice_ceiling(i64::MAX) >= i64::MAX / 2);
    }

    #[test]
    fn csv_cells_are_quoted_and_formulas_defused() {
        assert_eq!(csv_cell("杭州市市场监督管理局"), "杭州市市场监督管理局");
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_cell("-12.5"), "-12.5");
        assert_eq!(csv_cell("+cmd"), "'+cmd");
        assert_eq!(csv_line(["a", "b,c", ""]), "a,\"b,c\",\r\n");
    }
}
