//! Annual enforcement data (年度行政执法数据, DOMAIN.md §1a "Annual statistics"): what each
//! agency publishes about a calendar year — cases by procedure, decisions by outcome and by
//! penalty type, fines and confiscations, hearings, legal reviews, and how reconsideration and
//! litigation ended — and the arithmetic on it (correction rates, the report's due date, the
//! CSV).
//!
//! Invariants: a year is a whole calendar year, never later than the current one; a rate is
//! `None` without a denominator; the rows keep the order of the agencies' names (figures are
//! never a ranking by fines, 国办发〔2022〕27号); a year's report is due on 31 January of the
//! next year.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::{
    i18n::Lang,
    money::format_yuan,
    supervision::figures::{csv_line, percent, show},
    validate::{Field, Rule, ValidationError},
};

/// The figures of one agency (or the total) for one year.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct AnnualCounts {
    /// Cases received in the year.
    pub cases: i64,
    /// Of those, under the ordinary procedure.
    pub ordinary: i64,
    /// Of those, decided on the spot (summary procedure).
    pub summary: i64,
    /// Decisions made in the year with a penalty.
    pub penalties: i64,
    /// Decisions made in the year without a penalty.
    pub no_penalties: i64,
    /// Cases transferred (to the judicial authorities or another agency) in the year.
    pub transfers: i64,
    /// Penalty decisions that are a warning only (no fine, confiscation or other measure).
    pub warnings: i64,
    /// Penalty decisions with a fine.
    pub fines: i64,
    /// Penalty decisions with a confiscation.
    pub confiscations: i64,
    /// Penalty decisions with an order to suspend, a closure, a restriction of practice, a
    /// demotion or a revoked licence.
    pub other_measures: i64,
    /// Fines decided, in fen.
    pub fine_fen: i64,
    /// Confiscated value decided, in fen.
    pub confiscation_fen: i64,
    /// Hearings held in the year.
    pub hearings: i64,
    /// Legal reviews submitted in the year and passed.
    pub reviews_passed: i64,
    /// Legal reviews submitted in the year and returned.
    pub reviews_returned: i64,
    /// Reconsiderations applied for in the year.
    pub reconsiderations: i64,
    /// Reconsideration results given in the year that upheld the decision.
    pub reconsiderations_upheld: i64,
    /// Reconsideration results given in the year that corrected the agency.
    pub reconsiderations_corrected: i64,
    /// Suits filed in the year.
    pub suits: i64,
    /// Court results given in the year that upheld the decision.
    pub suits_upheld: i64,
    /// Court results given in the year that corrected the agency.
    pub suits_corrected: i64,
    /// Complaints about the agency received in the year.
    pub complaints: i64,
}

impl AnnualCounts {
    /// Adds another row (for the total).
    pub fn add(&mut self, o: &AnnualCounts) {
        let pairs: [(&mut i64, i64); 22] = [
            (&mut self.cases, o.cases),
            (&mut self.ordinary, o.ordinary),
            (&mut self.summary, o.summary),
            (&mut self.penalties, o.penalties),
            (&mut self.no_penalties, o.no_penalties),
            (&mut self.transfers, o.transfers),
            (&mut self.warnings, o.warnings),
            (&mut self.fines, o.fines),
            (&mut self.confiscations, o.confiscations),
            (&mut self.other_measures, o.other_measures),
            (&mut self.fine_fen, o.fine_fen),
            (&mut self.confiscation_fen, o.confiscation_fen),
            (&mut self.hearings, o.hearings),
            (&mut self.reviews_passed, o.reviews_passed),
            (&mut self.reviews_returned, o.reviews_returned),
            (&mut self.reconsiderations, o.reconsiderations),
            (&mut self.reconsiderations_upheld, o.reconsiderations_upheld),
            (
                &mut self.reconsiderations_corrected,
                o.reconsiderations_corrected,
            ),
            (&mut self.suits, o.suits),
            (&mut self.suits_upheld, o.suits_upheld),
            (&mut self.suits_corrected, o.suits_corrected),
            (&mut self.complaints, o.complaints),
        ];
        for (a, b) in pairs {
            *a += b;
        }
    }

    /// The share of reconsideration and court results in the year that corrected the agency
    /// (纠错率), in percent.
    pub fn correction_rate(&self) -> Option<f64> {
        let corrected = self.reconsiderations_corrected + self.suits_corrected;
        let ruled = corrected + self.reconsiderations_upheld + self.suits_upheld;
        percent(corrected, ruled)
    }

    /// The share of legal reviews passed, in percent.
    pub fn review_pass_rate(&self) -> Option<f64> {
        percent(
            self.reviews_passed,
            self.reviews_passed + self.reviews_returned,
        )
    }
}

/// The earliest year the platform reports on.
pub const FIRST_YEAR: i32 = 2000;

/// The year asked for: empty means the previous calendar year (the one being reported by 31
/// January); otherwise four digits, from [`FIRST_YEAR`] to this year.
pub fn parse_year(input: &str, today: NaiveDate) -> Result<i32, ValidationError> {
    let s = input.trim();
    if s.is_empty() {
        return Ok(today.year() - 1);
    }
    let year: i32 = s
        .parse()
        .ok()
        .filter(|_| s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()))
        .ok_or(ValidationError::new(Field::Year, Rule::Date))?;
    if year > today.year() {
        return Err(ValidationError::new(Field::Year, Rule::NotInFuture));
    }
    if year < FIRST_YEAR {
        return Err(ValidationError::new(Field::Year, Rule::OneOf));
    }
    Ok(year)
}

/// The first day of `year` and of the year after (the half-open range of its days).
pub fn year_bounds(year: i32) -> (NaiveDate, NaiveDate) {
    (
        NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN),
        NaiveDate::from_ymd_opt(year + 1, 1, 1).unwrap_or(NaiveDate::MAX),
    )
}

/// The day a year's report is due: 31 January of the next year.
pub fn report_due(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year + 1, 1, 31).unwrap_or(NaiveDate::MAX)
}

/// Whether the year is still running on `today` (its figures are provisional).
pub fn provisional(year: i32, today: NaiveDate) -> bool {
    year >= today.year()
}

/// The CSV header, in the given language.
pub fn csv_header(lang: Lang) -> String {
    csv_line([
        lang.pick("执法机关", "Agency"),
        lang.pick("年度", "Year"),
        lang.pick("受理案件", "Cases"),
        lang.pick("普通程序", "Ordinary procedure"),
        lang.pick("简易程序", "Summary procedure"),
        lang.pick("作出处罚决定", "Penalty decisions"),
        lang.pick("不予处罚", "No penalty"),
        lang.pick("移送", "Transfers"),
        lang.pick("警告", "Warnings"),
        lang.pick("罚款", "Fines"),
        lang.pick("没收", "Confiscations"),
        lang.pick(
            "责令停产停业、吊销许可等",
            "Suspensions, revocations and similar",
        ),
        lang.pick("罚款金额（元）", "Fines (yuan)"),
        lang.pick("没收金额（元）", "Confiscated (yuan)"),
        lang.pick("听证", "Hearings"),
        lang.pick("法制审核通过", "Reviews passed"),
        lang.pick("法制审核退回", "Reviews returned"),
        lang.pick("行政复议申请", "Reconsiderations"),
        lang.pick("复议维持", "Reconsideration: upheld"),
        lang.pick("复议纠错", "Reconsideration: corrected"),
        lang.pick("行政诉讼", "Suits"),
        lang.pick("诉讼维持", "Suits: upheld"),
        lang.pick("诉讼纠错", "Suits: corrected"),
        lang.pick("纠错率", "Correction rate"),
        lang.pick("投诉举报", "Complaints"),
    ])
}

/// Fen as plain yuan for spreadsheets: `1234.50`.
fn plain_yuan(fen: i64) -> String {
    format_yuan(fen).replace(',', "")
}

/// One CSV row.
pub fn csv_row(label: &str, year: i32, c: &AnnualCounts) -> String {
    let numbers = [
        c.cases,
        c.ordinary,
        c.summary,
        c.penalties,
        c.no_penalties,
        c.transfers,
        c.warnings,
        c.fines,
        c.confiscations,
        c.other_measures,
    ];
    let mut cells: Vec<String> = vec![label.to_owned(), year.to_string()];
    cells.extend(numbers.iter().map(i64::to_string));
    cells.push(plain_yuan(c.fine_fen));
    cells.push(plain_yuan(c.confiscation_fen));
    cells.extend(
        [
            c.hearings,
            c.reviews_passed,
            c.reviews_returned,
            c.reconsiderations,
            c.reconsiderations_upheld,
            c.reconsiderations_corrected,
            c.suits,
            c.suits_upheld,
            c.suits_corrected,
        ]
        .iter()
        .map(i64::to_string),
    );
    cells.push(show(c.correction_rate(), "%").replace('—', ""));
    cells.push(c.complaints.to_string());
    csv_line(cells.iter().map(String::as_str))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn an_empty_year_is_the_previous_one_being_reported() {
        assert_eq!(parse_year("", d("2026-12-01")), Ok(2025));
        assert_eq!(parse_year(" ", d("2027-01-15")), Ok(2026));
    }

    #[test]
    fn a_year_is_four_digits_not_in_the_future_nor_before_the_first() {
        let today = d("2026-12-01");
        assert_eq!(parse_year("2026", today), Ok(2026));
        assert_eq!(parse_year(" 2000 ", today), Ok(2000));
        for (input, rule) in [
            ("2027", Rule::NotInFuture),
            ("1999", Rule::OneOf),
            ("26", Rule::Date),
            ("+2026", Rule::Date),
            ("２０２６", Rule::Date),
            ("2026-01", Rule::Date),
            ("'; DROP TABLE cases; --", Rule::Date),
        ] {
            assert_eq!(
                parse_year(input, today),
                Err(ValidationError::new(Field::Year, rule)),
                "{input}"
            );
        }
    }

    #[test]
    fn a_year_is_a_half_open_range_of_its_days_due_on_the_next_31_january() {
        assert_eq!(year_bounds(2025), (d("2025-01-01"), d("2026-01-01")));
        assert_eq!(report_due(2025), d("2026-01-31"));
        assert!(provisional(2026, d("2026-12-01")));
        assert!(!provisional(2025, d("2026-01-01")));
    }

    #[test]
    fn the_correction_rate_counts_corrections_among_rulings_and_has_none_without_rulings() {
        let none = AnnualCounts::default();
        assert_eq!(none.correction_rate(), None);
        assert_eq!(none.review_pass_rate(), None);
        let c = AnnualCounts {
            reconsiderations_upheld: 3,
            reconsiderations_corrected: 1,
            suits_upheld: 0,
            suits_corrected: 1,
            reviews_passed: 9,
            reviews_returned: 1,
            ..AnnualCounts::default()
        };
        assert_eq!(c.correction_rate(), Some(40.0));
        assert_eq!(c.review_pass_rate(), Some(90.0));
    }

    #[test]
    fn adding_rows_adds_every_figure() {
        let one = AnnualCounts {
            cases: 1,
            ordinary: 2,
            summary: 3,
            penalties: 4,
            no_penalties: 5,
            transfers: 6,
            warnings: 7,
            fines: 8,
            confiscations: 9,
            other_measures: 10,
            fine_fen: 11,
            confiscation_fen: 12,
            hearings: 13,
            reviews_passed: 14,
            reviews_returned: 15,
            reconsiderations: 16,
            reconsiderations_upheld: 17,
            reconsiderations_corrected: 18,
            suits: 19,
            suits_upheld: 20,
            suits_corrected: 21,
            complaints: 22,
        };
        let mut total = one;
        total.add(&one);
        let json = serde_json::to_value(total).unwrap();
        let original = serde_json::to_value(one).unwrap();
        for (k, v) in json.as_object().unwrap() {
            assert_eq!(
                v.as_i64().unwrap(),
                2 * original[k].as_i64().unwrap(),
                "{k}"
            );
        }
    }

    #[test]
    fn the_csv_has_one_cell_per_header_and_plain_amounts() {
        let header = csv_header(Lang::Zh);
        let c = AnnualCounts {
            cases: 2,
            fine_fen: 12_345_678,
            reconsiderations_upheld: 1,
            ..AnnualCounts::default()
        };
        let row = csv_row("临江市市场监督管理局", 2025, &c);
        assert_eq!(header.split(',').count(), row.split(',').count());
        assert!(row.starts_with("临江市市场监督管理局,2025,2,"));
        assert!(row.contains(",123456.78,"), "{row}");
        assert!(row.contains(",0.0%,"), "{row}");
        assert!(row.ends_with("\r\n"));
        assert!(csv_header(Lang::En).starts_with("Agency,Year,Cases"));
        // A name a spreadsheet would run is defused.
        assert!(csv_row("=cmd", 2025, &c).starts_with("'=cmd,"));
    }
}
