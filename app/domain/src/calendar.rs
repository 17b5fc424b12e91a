//! Working days (工作日) and calendar-day arithmetic for statutory periods.
//!
//! APL Art. 85: the "2/3/5/7 days" of the Administrative Penalty Law are working days,
//! excluding statutory holidays; every other period is counted in calendar days, months or
//! years (DOMAIN.md §0, "Counting days").
//!
//! Invariants:
//! - A working day is a Monday–Friday not listed as a day off (`off`), or any date listed as a
//!   make-up working day (调休上班, `work`). A year without data follows the weekday rule alone,
//!   so every date has an answer; [`WorkCalendar::covers_year`] tells callers when the answer
//!   rests on the weekday rule only (e.g. 2027, whose State Council notice is not yet in the
//!   data).
//! - Counting starts on the day after the start date (民法典 Art. 201: the start day is not
//!   counted): [`WorkCalendar::add_working_days`]`(x, n)` is the last day of "within n working
//!   days of x".
//! - Holiday data is checked when loaded: dates are `YYYY-MM-DD` and lie in the year they are
//!   filed under, no date is both off and a make-up working day, and make-up working days fall
//!   on a Saturday or Sunday.
//! - Nothing panics on any input: results saturate at `NaiveDate::MIN` / `NaiveDate::MAX`,
//!   which lie far outside any real deadline.
//! - No clock and no file is read at run time: the default data (`data/holidays-cn.json`) is
//!   compiled in, and [`WorkCalendar::from_json`] loads newer data without a code change.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Bound;

use chrono::{Datelike, Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The holiday data of the People's Republic of China compiled into the binary: the State
/// Council General Office notices for 2025 and 2026.
pub const CHINA_HOLIDAYS_JSON: &str = include_str!("../data/holidays-cn.json");

/// Why holiday data was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    /// The text is not JSON at all.
    #[error("the holiday data is not valid JSON: {0}")]
    Json(String),
    /// A value has the wrong type, or a key is missing or unexpected.
    #[error("{path}: expected {expected}")]
    Shape {
        /// Where, e.g. `2026.off` or `2026.off[3]`.
        path: String,
        /// What was expected there.
        expected: &'static str,
    },
    /// A top-level key is neither a four-digit year nor `about`.
    #[error("{key:?} is neither a four-digit year (e.g. \"2026\") nor \"about\"")]
    BadYear {
        /// The offending key.
        key: String,
    },
    /// A list entry is not a valid date written as `YYYY-MM-DD`.
    #[error("{path}: {value:?} is not a valid date (YYYY-MM-DD)")]
    BadDate {
        /// Where, e.g. `2026.off[3]`.
        path: String,
        /// The text found.
        value: String,
    },
    /// A date is filed under another year.
    #[error("{path}: {date} is not in {year}")]
    WrongYear {
        /// Where, e.g. `2026.off[3]`.
        path: String,
        /// The date found.
        date: NaiveDate,
        /// The year it is filed under.
        year: i32,
    },
    /// A date is listed both as a day off and as a make-up working day.
    #[error("{date} is listed both as a day off and as a make-up working day")]
    Conflict {
        /// The date listed twice.
        date: NaiveDate,
    },
    /// A make-up working day falls on a Monday–Friday, which is a working day anyway: almost
    /// certainly a typing error for another date.
    #[error("{path}: {date} is a weekday; make-up working days fall on a Saturday or Sunday")]
    WeekdayMakeUp {
        /// Where, e.g. `2026.work[1]`.
        path: String,
        /// The date found.
        date: NaiveDate,
    },
}

/// One year's exceptions to the weekday rule.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HolidayYear {
    /// Days off (放假): weekdays of a holiday, and the weekend days inside it.
    pub off: BTreeSet<NaiveDate>,
    /// Make-up working days (调休上班): Saturdays or Sundays that are working days.
    pub work: BTreeSet<NaiveDate>,
}

/// A working-day calendar: the weekday rule plus, for the years it has data for, the official
/// days off and make-up working days.
///
/// (De)serialises as the JSON format of `data/holidays-cn.json`, and deserialising runs the same
/// checks as [`WorkCalendar::from_json`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Value", into = "Value")]
pub struct WorkCalendar {
    about: Option<String>,
    years: BTreeMap<i32, HolidayYear>,
}

impl WorkCalendar {
    /// The calendar of the People's Republic of China from the compiled-in data
    /// ([`CHINA_HOLIDAYS_JSON`]). Parsing takes microseconds; keep the result rather than
    /// calling this per request.
    ///
    /// # Panics
    ///
    /// Never in practice: the compiled-in data is fixed at build time and the test
    /// `the_embedded_china_data_loads_with_its_known_counts` proves it loads.
    pub fn china() -> Self {
        // The one panic path of this module, on data fixed at compile time and checked by a
        // test; returning a `Result` here would push an impossible error onto every caller.
        Self::from_json(CHINA_HOLIDAYS_JSON)
            .expect("the compiled-in holiday data is valid (checked by a unit test)")
    }

    /// A calendar without holiday data: Monday to Friday are the working days.
    pub fn weekdays_only() -> Self {
        Self {
            about: None,
            years: BTreeMap::new(),
        }
    }

    /// Loads holiday data in the format of `data/holidays-cn.json`:
    /// `{"about": "…", "2026": {"off": ["2026-01-01", …], "work": ["2026-01-04", …]}, …}`.
    /// `about` is optional; every year needs both lists (possibly empty).
    pub fn from_json(json: &str) -> Result<Self, CalendarError> {
        let value: Value =
            serde_json::from_str(json).map_err(|e| CalendarError::Json(e.to_string()))?;
        Self::try_from(value)
    }

    /// The data in the format [`WorkCalendar::from_json`] reads, pretty-printed.
    pub fn to_json(&self) -> String {
        format!("{:#}", Value::from(self.clone()))
    }

    /// The data's description of its sources, if it has one.
    pub fn about(&self) -> Option<&str> {
        self.about.as_deref()
    }

    /// The years that have holiday data, in order.
    pub fn years(&self) -> impl Iterator<Item = i32> + '_ {
        self.years.keys().copied()
    }

    /// Whether `year` has holiday data. Without it, only the weekday rule applies: callers may
    /// want to warn that a deadline in that year is provisional.
    pub fn covers_year(&self, year: i32) -> bool {
        self.years.contains_key(&year)
    }

    /// The days off and make-up working days of `year`, if it has data.
    pub fn holidays(&self, year: i32) -> Option<&HolidayYear> {
        self.years.get(&year)
    }

    /// Whether `date` is a working day.
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        match self.years.get(&date.year()) {
            Some(h) if h.off.contains(&date) => false,
            Some(h) if h.work.contains(&date) => true,
            _ => is_weekday(date),
        }
    }

    /// The `n`-th working day after `start`; `start` itself is not counted, whether or not it
    /// is a working day. This is the last day of "within `n` working days of `start`".
    /// `n = 0` gives `start`.
    pub fn add_working_days(&self, start: NaiveDate, n: u32) -> NaiveDate {
        self.step_working_days(start, n, true)
    }

    /// The `n`-th working day before `start`; `start` itself is not counted. `n = 0` gives
    /// `start`.
    pub fn sub_working_days(&self, start: NaiveDate, n: u32) -> NaiveDate {
        self.step_working_days(start, n, false)
    }

    /// The number of working days in `(from, to]`: after `from`, up to and including `to`.
    /// Zero when `to` is not after `from`.
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> u32 {
        if to <= from {
            return 0;
        }
        let mut count = weekdays_through(to) - weekdays_through(from);
        let span = (Bound::Excluded(from), Bound::Included(to));
        for h in self.years.range(from.year()..=to.year()).map(|(_, h)| h) {
            count -= h.off.range(span).filter(|d| is_weekday(**d)).count() as i64;
            count += h.work.range(span).filter(|d| !is_weekday(**d)).count() as i64;
        }
        u32::try_from(count.max(0)).unwrap_or(u32::MAX)
    }

    /// `date` itself if it is a working day, otherwise the first working day after it.
    pub fn roll_forward(&self, date: NaiveDate) -> NaiveDate {
        let mut day = date;
        while !self.is_working_day(day) {
            match day.succ_opt() {
                Some(next) => day = next,
                None => return day,
            }
        }
        day
    }

    fn step_working_days(&self, start: NaiveDate, n: u32, forward: bool) -> NaiveDate {
        let limit = if forward {
            NaiveDate::MAX
        } else {
            NaiveDate::MIN
        };
        let mut day = start;
        let mut left = n;
        while left > 0 {
            // Fast path: any seven consecutive days without a listed exception hold exactly five
            // working days. Only taken while more than five remain, so the target lies beyond.
            if left > 5 {
                let (first, last) = if forward {
                    (add_days(day, 1), add_days(day, 7))
                } else {
                    (add_days(day, -7), add_days(day, -1))
                };
                // The length check fails only where the range saturated at its ends.
                if (last - first).num_days() == 6 && !self.has_exception_in(first, last) {
                    day = if forward { last } else { first };
                    left -= 5;
                    continue;
                }
            }
            let next = if forward {
                day.succ_opt()
            } else {
                day.pred_opt()
            };
            match next {
                Some(next) => day = next,
                None => return limit,
            }
            if self.is_working_day(day) {
                left -= 1;
            }
        }
        day
    }

    /// Whether any listed day off or make-up working day lies in `[first, last]`.
    fn has_exception_in(&self, first: NaiveDate, last: NaiveDate) -> bool {
        self.years.range(first.year()..=last.year()).any(|(_, h)| {
            h.off.range(first..=last).next().is_some()
                || h.work.range(first..=last).next().is_some()
        })
    }
}

impl TryFrom<Value> for WorkCalendar {
    type Error = CalendarError;

    fn try_from(value: Value) -> Result<Self, CalendarError> {
        let Value::Object(map) = value else {
            return Err(CalendarError::Shape {
                path: "top level".to_owned(),
                expected: "an object keyed by year",
            });
        };
        let mut about = None;
        let mut years = BTreeMap::new();
        for (key, entry) in map {
            if key == "about" {
                let Value::String(text) = entry else {
                    return Err(CalendarError::Shape {
                        path: key,
                        expected: "a string",
                    });
                };
                about = Some(text);
                continue;
            }
            let year = parse_year(&key)?;
            years.insert(year, parse_holiday_year(year, &key, entry)?);
        }
        Ok(Self { about, years })
    }
}

impl From<WorkCalendar> for Value {
    fn from(calendar: WorkCalendar) -> Value {
        let mut map = Map::new();
        if let Some(about) = calendar.about {
            map.insert("about".to_owned(), Value::String(about));
        }
        let list = |dates: &BTreeSet<NaiveDate>| {
            Value::Array(
                dates
                    .iter()
                    .map(|d| Value::String(d.format("%Y-%m-%d").to_string()))
                    .collect(),
            )
        };
        for (year, h) in &calendar.years {
            let mut entry = Map::new();
            entry.insert("off".to_owned(), list(&h.off));
            entry.insert("work".to_owned(), list(&h.work));
            map.insert(format!("{year:04}"), Value::Object(entry));
        }
        Value::Object(map)
    }
}

fn parse_year(key: &str) -> Result<i32, CalendarError> {
    let bad = || CalendarError::BadYear {
        key: key.to_owned(),
    };
    if key.len() != 4 || !key.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    key.parse().map_err(|_| bad())
}

fn parse_holiday_year(year: i32, key: &str, entry: Value) -> Result<HolidayYear, CalendarError> {
    let Value::Object(mut lists) = entry else {
        return Err(CalendarError::Shape {
            path: key.to_owned(),
            expected: "an object with the lists \"off\" and \"work\"",
        });
    };
    if let Some(extra) = lists.keys().find(|k| *k != "off" && *k != "work") {
        return Err(CalendarError::Shape {
            path: format!("{key}.{extra}"),
            expected: "only the lists \"off\" and \"work\"",
        });
    }
    let mut parse_list = |name: &str| -> Result<BTreeSet<NaiveDate>, CalendarError> {
        let path = format!("{key}.{name}");
        let Some(Value::Array(items)) = lists.remove(name) else {
            return Err(CalendarError::Shape {
                path,
                expected: "an array of dates",
            });
        };
        let mut dates = BTreeSet::new();
        for (i, item) in items.into_iter().enumerate() {
            let path = format!("{path}[{i}]");
            let Value::String(text) = item else {
                return Err(CalendarError::Shape {
                    path,
                    expected: "a date string (YYYY-MM-DD)",
                });
            };
            let Some(date) = parse_date(&text) else {
                return Err(CalendarError::BadDate { path, value: text });
            };
            if date.year() != year {
                return Err(CalendarError::WrongYear { path, date, year });
            }
            if name == "work" && is_weekday(date) {
                return Err(CalendarError::WeekdayMakeUp { path, date });
            }
            dates.insert(date);
        }
        Ok(dates)
    };
    let off = parse_list("off")?;
    let work = parse_list("work")?;
    if let Some(date) = off.intersection(&work).next() {
        return Err(CalendarError::Conflict { date: *date });
    }
    Ok(HolidayYear { off, work })
}

/// Parses exactly `YYYY-MM-DD` (chrono alone would also accept `2026-2-3`).
fn parse_date(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    let shape_ok = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        });
    if !shape_ok {
        return None;
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

fn is_weekday(date: NaiveDate) -> bool {
    date.weekday().number_from_monday() <= 5
}

/// Monday–Friday count from a fixed origin up to and including `date`; the difference of two
/// values counts the weekdays in between. Day 1 of the common era (0001-01-01) is a Monday.
fn weekdays_through(date: NaiveDate) -> i64 {
    let k = i64::from(date.num_days_from_ce());
    5 * k.div_euclid(7) + k.rem_euclid(7).min(5)
}

/// `date` plus `days` calendar days (negative goes back), saturating at the ends of the
/// representable range.
pub fn add_days(date: NaiveDate, days: i64) -> NaiveDate {
    let shifted = if days >= 0 {
        date.checked_add_days(Days::new(days.unsigned_abs()))
    } else {
        date.checked_sub_days(Days::new(days.unsigned_abs()))
    };
    match shifted {
        Some(d) => d,
        None if days >= 0 => NaiveDate::MAX,
        None => NaiveDate::MIN,
    }
}

/// `date` plus `months` calendar months. When the day does not exist in the target month, the
/// month's last day is used (民法典 Art. 202 counts a period of months to the corresponding
/// day, or the month's end): 2026-08-31 + 6 months = 2027-02-28. Saturates at
/// `NaiveDate::MAX`.
pub fn add_months(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

/// `date` plus `years` years, counted as twelve months each: 2024-02-29 + 2 years =
/// 2026-02-28. Saturates at `NaiveDate::MAX`.
pub fn add_years(date: NaiveDate, years: u32) -> NaiveDate {
    add_months(date, years.saturating_mul(12))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Weekday;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn china() -> WorkCalendar {
        WorkCalendar::china()
    }

    /// The obvious day-by-day definitions, to check the fast paths against.
    fn naive_is_working(cal: &WorkCalendar, date: NaiveDate) -> bool {
        let h = cal.holidays(date.year());
        if h.is_some_and(|h| h.work.contains(&date)) {
            return true;
        }
        if h.is_some_and(|h| h.off.contains(&date)) {
            return false;
        }
        !matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
    }

    fn naive_add(cal: &WorkCalendar, start: NaiveDate, n: u32, forward: bool) -> NaiveDate {
        let mut day = start;
        let mut left = n;
        while left > 0 {
            day = if forward {
                day.succ_opt().expect("in range")
            } else {
                day.pred_opt().expect("in range")
            };
            if naive_is_working(cal, day) {
                left -= 1;
            }
        }
        day
    }

    fn naive_between(cal: &WorkCalendar, from: NaiveDate, to: NaiveDate) -> u32 {
        from.iter_days()
            .skip(1)
            .take_while(|day| *day <= to)
            .filter(|day| naive_is_working(cal, *day))
            .count() as u32
    }

    #[test]
    fn the_anchor_weekdays_used_by_these_tests_are_right() {
        assert_eq!(d("2025-01-01").weekday(), Weekday::Wed);
        assert_eq!(d("2026-01-01").weekday(), Weekday::Thu);
        assert_eq!(d("2027-01-01").weekday(), Weekday::Fri);
        assert_eq!(d("2028-02-29").weekday(), Weekday::Tue);
        assert_eq!(d("0001-01-01").weekday(), Weekday::Mon);
    }

    #[test]
    fn the_embedded_china_data_loads_with_its_known_counts() {
        let cal = WorkCalendar::from_json(CHINA_HOLIDAYS_JSON).expect("embedded data loads");
        assert_eq!(cal, china());
        assert_eq!(cal.years().collect::<Vec<_>>(), vec![2025, 2026]);
        let h25 = cal.holidays(2025).expect("2025");
        let h26 = cal.holidays(2026).expect("2026");
        assert_eq!((h25.off.len(), h25.work.len()), (28, 5));
        assert_eq!((h26.off.len(), h26.work.len()), (33, 6));
        assert!(cal.about().is_some_and(|a| a.contains("State Council")));
        assert!(cal.covers_year(2026));
        assert!(!cal.covers_year(2027));
        assert!(cal.holidays(2027).is_none());
    }

    #[test]
    fn each_year_has_the_working_days_the_notices_imply() {
        // 2025 and 2026 each have 261 weekdays; 18 (2025) and 19 (2026) of them are off and
        // 5 (2025) and 6 (2026) weekend days are worked: 13 statutory days off, 248 working
        // days. 2027 has no data: its 261 weekdays.
        let cal = china();
        let table = [
            ("2024-12-31", "2025-12-31", 248),
            ("2025-12-31", "2026-12-31", 248),
            ("2026-12-31", "2027-12-31", 261),
        ];
        for (from, to, expected) in table {
            assert_eq!(
                cal.working_days_between(d(from), d(to)),
                expected,
                "{from}..{to}"
            );
            assert_eq!(
                WorkCalendar::weekdays_only().working_days_between(d(from), d(to)),
                261,
                "{from}..{to} without holidays"
            );
        }
    }

    #[test]
    fn holidays_make_up_saturdays_and_sundays_and_plain_days_are_classified() {
        let cal = china();
        let table = [
            // New Year 2026: Thu 1 – Sat 3 off, Sunday 4 worked.
            ("2025-12-31", true),
            ("2026-01-01", false),
            ("2026-01-02", false),
            ("2026-01-03", false),
            ("2026-01-04", true),
            ("2026-01-05", true),
            // Spring Festival 2026: Saturday 14 worked, Sun 15 – Mon 23 off, Saturday 28 worked.
            ("2026-02-13", true),
            ("2026-02-14", true),
            ("2026-02-15", false),
            ("2026-02-16", false),
            ("2026-02-20", false),
            ("2026-02-23", false),
            ("2026-02-24", true),
            ("2026-02-28", true),
            ("2026-03-07", false), // a plain Saturday
            ("2026-03-08", false), // a plain Sunday
            ("2026-03-09", true),  // a plain Monday
            // Labour Day 2026 and its make-up Saturday.
            ("2026-05-01", false),
            ("2026-05-05", false),
            ("2026-05-06", true),
            ("2026-05-09", true),
            // Mid-Autumn and National Day 2026.
            ("2026-09-20", true),
            ("2026-09-25", false),
            ("2026-09-28", true),
            ("2026-10-01", false),
            ("2026-10-07", false),
            ("2026-10-08", true),
            ("2026-10-10", true),
            // National Day 2025.
            ("2025-09-28", true),
            ("2025-10-01", false),
            ("2025-10-08", false),
            ("2025-10-09", true),
            ("2025-10-11", true),
            // Spring Festival 2025.
            ("2025-01-26", true),
            ("2025-01-28", false),
            ("2025-02-04", false),
            ("2025-02-05", true),
            ("2025-02-08", true),
            // 2027 has no data: New Year's Day is a plain Friday, weekends are off.
            ("2027-01-01", true),
            ("2027-01-02", false),
            ("2027-02-06", false),
            ("2027-02-08", true),
            // A leap day in a year without data (Tuesday).
            ("2028-02-29", true),
        ];
        for (date, working) in table {
            assert_eq!(cal.is_working_day(d(date)), working, "{date}");
        }
    }

    #[test]
    fn adding_working_days_skips_holidays_and_counts_make_up_days() {
        let cal = china();
        let table = [
            // Spring Festival 2026 from Thursday 12 February.
            ("2026-02-12", 0, "2026-02-12"),
            ("2026-02-12", 1, "2026-02-13"),
            ("2026-02-12", 2, "2026-02-14"), // make-up Saturday
            ("2026-02-12", 3, "2026-02-24"),
            ("2026-02-12", 6, "2026-02-27"),
            ("2026-02-12", 7, "2026-02-28"), // make-up Saturday
            ("2026-02-12", 8, "2026-03-02"),
            ("2026-02-13", 7, "2026-03-02"),
            ("2026-02-17", 1, "2026-02-24"), // starting inside the holiday
            ("2026-02-14", 1, "2026-02-24"), // starting on a make-up day
            // National Day 2025 from Friday 26 September.
            ("2025-09-26", 1, "2025-09-28"), // make-up Sunday
            ("2025-09-26", 3, "2025-09-30"),
            ("2025-09-26", 4, "2025-10-09"),
            ("2025-09-26", 6, "2025-10-11"), // make-up Saturday
            ("2025-09-26", 7, "2025-10-13"),
            // Mid-Autumn and National Day 2026 from Thursday 24 September.
            ("2026-09-24", 1, "2026-09-28"),
            ("2026-09-24", 3, "2026-09-30"),
            ("2026-09-24", 4, "2026-10-08"),
            ("2026-09-24", 6, "2026-10-10"), // make-up Saturday
            ("2026-09-24", 7, "2026-10-12"),
            ("2026-09-24", 20, "2026-10-29"),
            // New Year 2026.
            ("2025-12-31", 1, "2026-01-04"), // make-up Sunday
            ("2025-12-31", 2, "2026-01-05"),
            ("2025-12-30", 3, "2026-01-05"),
            // From 2026 into 2027, which has no data: New Year's Day 2027 counts.
            ("2026-12-30", 1, "2026-12-31"),
            ("2026-12-30", 2, "2027-01-01"),
            ("2026-12-30", 3, "2027-01-04"),
            ("2027-02-05", 5, "2027-02-12"), // 2027 Spring Festival unknown: plain weeks
            // Leap day.
            ("2028-02-25", 2, "2028-02-29"),
            // Plain weeks (March 2026 has no holidays).
            ("2026-03-05", 7, "2026-03-16"),
            ("2026-03-05", 15, "2026-03-26"),
        ];
        for (start, n, expected) in table {
            assert_eq!(
                cal.add_working_days(d(start), n),
                d(expected),
                "{start} + {n} working days"
            );
        }
    }

    #[test]
    fn subtracting_working_days_mirrors_adding() {
        let cal = china();
        let table = [
            ("2026-02-26", 0, "2026-02-26"),
            ("2026-02-26", 1, "2026-02-25"),
            ("2026-02-26", 2, "2026-02-24"),
            ("2026-02-26", 3, "2026-02-14"), // make-up Saturday
            ("2026-02-26", 4, "2026-02-13"),
            ("2026-02-26", 7, "2026-02-10"),
            ("2025-10-13", 1, "2025-10-11"),
            ("2025-10-13", 7, "2025-09-26"),
            ("2026-01-05", 1, "2026-01-04"),
            ("2026-01-05", 2, "2025-12-31"),
            ("2027-01-04", 2, "2026-12-31"),
            ("2026-03-16", 7, "2026-03-05"),
        ];
        for (start, n, expected) in table {
            assert_eq!(
                cal.sub_working_days(d(start), n),
                d(expected),
                "{start} - {n} working days"
            );
        }
    }

    #[test]
    fn counting_working_days_between_two_dates_excludes_the_first_and_includes_the_last() {
        let cal = china();
        let table = [
            ("2026-02-13", "2026-02-13", 0),
            ("2026-02-13", "2026-02-12", 0), // reversed
            ("2026-02-12", "2026-02-13", 1),
            ("2026-02-13", "2026-02-14", 1), // make-up Saturday
            ("2026-02-13", "2026-02-23", 1),
            ("2026-02-13", "2026-02-24", 2),
            ("2026-02-01", "2026-02-28", 16),
            ("2025-09-30", "2025-10-09", 1),
            ("2025-09-26", "2025-10-13", 7),
            ("2026-09-18", "2026-09-21", 2), // make-up Sunday 20, Monday 21
            ("2026-09-24", "2026-10-12", 7),
            ("2025-12-31", "2026-01-05", 2),
            ("2026-12-25", "2027-01-08", 10), // into 2027: weekdays only
        ];
        for (from, to, expected) in table {
            assert_eq!(
                cal.working_days_between(d(from), d(to)),
                expected,
                "({from}, {to}]"
            );
        }
    }

    #[test]
    fn working_day_arithmetic_agrees_with_day_by_day_counting_everywhere() {
        let cal = china();
        let mut start = d("2024-12-01");
        while start <= d("2027-02-15") {
            for n in 0..=30u32 {
                let due = cal.add_working_days(start, n);
                assert_eq!(due, naive_add(&cal, start, n, true), "{start} + {n}");
                assert_eq!(cal.working_days_between(start, due), n, "{start} + {n}");
                if n > 0 {
                    assert!(cal.is_working_day(due), "{start} + {n} = {due}");
                    let eve = due.pred_opt().expect("in range");
                    assert_eq!(cal.working_days_between(start, eve), n - 1, "{start} + {n}");
                }
                let back = cal.sub_working_days(start, n);
                assert_eq!(back, naive_add(&cal, start, n, false), "{start} - {n}");
            }
            start = start.succ_opt().expect("in range");
        }
    }

    #[test]
    fn long_spans_agree_with_day_by_day_counting() {
        let cal = china();
        let table = [
            ("2024-06-01", "2029-06-01"),
            ("2025-01-01", "2026-12-31"),
            ("2026-11-15", "2027-03-01"),
            ("2019-03-03", "2025-01-02"),
        ];
        for (from, to) in table {
            let n = naive_between(&cal, d(from), d(to));
            assert_eq!(cal.working_days_between(d(from), d(to)), n, "{from}..{to}");
            let due = cal.add_working_days(d(from), n);
            assert_eq!(due, naive_add(&cal, d(from), n, true), "{from} + {n}");
            assert_eq!(
                cal.sub_working_days(d(to), n),
                naive_add(&cal, d(to), n, false),
                "{to} - {n}"
            );
        }
    }

    #[test]
    fn rolling_forward_keeps_working_days_and_moves_days_off_to_the_next_working_day() {
        let cal = china();
        let table = [
            ("2026-03-17", "2026-03-17"),
            ("2026-03-21", "2026-03-23"), // Saturday
            ("2026-02-14", "2026-02-14"), // make-up Saturday
            ("2026-02-15", "2026-02-24"),
            ("2026-10-01", "2026-10-08"),
            ("2026-05-01", "2026-05-06"),
            ("2027-02-28", "2027-03-01"), // Sunday without data
        ];
        for (date, expected) in table {
            assert_eq!(cal.roll_forward(d(date)), d(expected), "{date}");
        }
    }

    #[test]
    fn arithmetic_saturates_at_the_ends_of_the_date_range_instead_of_panicking() {
        let cal = china();
        assert_eq!(cal.add_working_days(NaiveDate::MAX, 1), NaiveDate::MAX);
        assert_eq!(
            cal.add_working_days(NaiveDate::MAX, u32::MAX),
            NaiveDate::MAX
        );
        assert_eq!(cal.sub_working_days(NaiveDate::MIN, 3), NaiveDate::MIN);
        assert_eq!(add_days(NaiveDate::MAX, 1), NaiveDate::MAX);
        assert_eq!(add_days(NaiveDate::MIN, -1), NaiveDate::MIN);
        assert_eq!(add_days(d("2026-01-01"), i64::MAX), NaiveDate::MAX);
        assert_eq!(add_days(d("2026-01-01"), i64::MIN), NaiveDate::MIN);
        assert_eq!(add_months(d("2026-01-01"), u32::MAX), NaiveDate::MAX);
        assert_eq!(add_years(d("2026-01-01"), u32::MAX), NaiveDate::MAX);
        assert!(cal.working_days_between(NaiveDate::MIN, NaiveDate::MAX) > 0);
    }

    #[test]
    fn calendar_days_months_and_years_clamp_to_the_month_end() {
        let days = [
            ("2026-02-28", 1, "2026-03-01"),
            ("2028-02-28", 1, "2028-02-29"), // leap year
            ("2026-12-31", 1, "2027-01-01"),
            ("2026-03-01", -1, "2026-02-28"),
            ("2026-03-02", 15, "2026-03-17"),
            ("2026-01-05", 90, "2026-04-05"),
            ("2026-03-04", 90, "2026-06-02"),
            ("2026-03-02", 60, "2026-05-01"),
            ("2026-01-01", 0, "2026-01-01"),
        ];
        for (date, n, expected) in days {
            assert_eq!(add_days(d(date), n), d(expected), "{date} + {n} days");
        }
        let months = [
            ("2026-08-31", 6, "2027-02-28"),
            ("2027-08-31", 6, "2028-02-29"), // leap year
            ("2026-01-31", 1, "2026-02-28"),
            ("2026-03-31", 1, "2026-04-30"),
            ("2026-03-10", 6, "2026-09-10"),
            ("2026-12-15", 1, "2027-01-15"),
            ("2026-08-30", 6, "2027-02-28"),
            ("2026-05-31", 0, "2026-05-31"),
        ];
        for (date, n, expected) in months {
            assert_eq!(add_months(d(date), n), d(expected), "{date} + {n} months");
        }
        let years = [
            ("2024-02-29", 2, "2026-02-28"),
            ("2024-02-29", 4, "2028-02-29"),
            ("2024-02-29", 5, "2029-02-28"),
            ("2026-03-01", 2, "2028-03-01"),
            ("2025-10-01", 2, "2027-10-01"),
        ];
        for (date, n, expected) in years {
            assert_eq!(add_years(d(date), n), d(expected), "{date} + {n} years");
        }
    }

    #[test]
    fn the_calendar_round_trips_through_its_json_format_and_serde() {
        let cal = china();
        assert_eq!(WorkCalendar::from_json(&cal.to_json()), Ok(cal.clone()));
        let via_serde: WorkCalendar =
            serde_json::from_str(&serde_json::to_string(&cal).expect("serialise"))
                .expect("deserialise");
        assert_eq!(via_serde, cal);
        let empty = WorkCalendar::from_json("{}").expect("empty data");
        assert_eq!(empty, WorkCalendar::weekdays_only());
        assert_eq!(empty.to_json(), "{}");
    }

    #[test]
    fn updated_data_for_a_new_year_is_used_without_a_code_change() {
        // A hypothetical 2027 notice: Friday 1 January off, Sunday 3 January worked.
        let json = r#"{"2027": {"off": ["2027-01-01"], "work": ["2027-01-03"]}}"#;
        let cal = WorkCalendar::from_json(json).expect("valid");
        assert!(cal.covers_year(2027));
        assert!(cal.about().is_none());
        assert!(!cal.is_working_day(d("2027-01-01")));
        assert!(cal.is_working_day(d("2027-01-03")));
        assert_eq!(cal.add_working_days(d("2026-12-31"), 1), d("2027-01-03"));
        // Without 2026 data, 2026 is weekdays only.
        assert!(cal.is_working_day(d("2026-01-01")));
    }

    #[test]
    fn malformed_holiday_data_is_rejected_with_a_clear_error() {
        use CalendarError::*;
        let shape = |path: &str, expected: &'static str| Shape {
            path: path.to_owned(),
            expected,
        };
        let table: [(&str, CalendarError); 15] = [
            ("[]", shape("top level", "an object keyed by year")),
            (r#"{"about": 5}"#, shape("about", "a string")),
            (
                r#"{"20x6": {"off": [], "work": []}}"#,
                BadYear {
                    key: "20x6".to_owned(),
                },
            ),
            (
                r#"{"26": {"off": [], "work": []}}"#,
                BadYear {
                    key: "26".to_owned(),
                },
            ),
            (
                r#"{"2026": []}"#,
                shape("2026", "an object with the lists \"off\" and \"work\""),
            ),
            (
                r#"{"2026": {"off": []}}"#,
                shape("2026.work", "an array of dates"),
            ),
            (
                r#"{"2026": {"off": "2026-01-01", "work": []}}"#,
                shape("2026.off", "an array of dates"),
            ),
            (
                r#"{"2026": {"off": [], "work": [], "notes": []}}"#,
                shape("2026.notes", "only the lists \"off\" and \"work\""),
            ),
            (
                r#"{"2026": {"off": ["2026-01-01", 20260102], "work": []}}"#,
                shape("2026.off[1]", "a date string (YYYY-MM-DD)"),
            ),
            (
                r#"{"2026": {"off": ["2026-02-30"], "work": []}}"#,
                BadDate {
                    path: "2026.off[0]".to_owned(),
                    value: "2026-02-30".to_owned(),
                },
            ),
            (
                r#"{"2026": {"off": ["2026-2-3"], "work": []}}"#,
                BadDate {
                    path: "2026.off[0]".to_owned(),
                    value: "2026-2-3".to_owned(),
                },
            ),
            (
                r#"{"2026": {"off": [], "work": ["04/01/2026"]}}"#,
                BadDate {
                    path: "2026.work[0]".to_owned(),
                    value: "04/01/2026".to_owned(),
                },
            ),
            (
                r#"{"2026": {"off": ["2025-12-31"], "work": []}}"#,
                WrongYear {
                    path: "2026.off[0]".to_owned(),
                    date: d("2025-12-31"),
                    year: 2026,
                },
            ),
            (
                r#"{"2026": {"off": ["2026-02-14"], "work": ["2026-02-14"]}}"#,
                Conflict {
                    date: d("2026-02-14"),
                },
            ),
            (
                r#"{"2026": {"off": [], "work": ["2026-02-28", "2026-02-13"]}}"#,
                WeekdayMakeUp {
                    path: "2026.work[1]".to_owned(),
                    date: d("2026-02-13"),
                },
            ),
        ];
        for (json, expected) in table {
            assert_eq!(WorkCalendar::from_json(json), Err(expected), "{json}");
        }
        for json in ["", "not json", "{\"2026\": {\"off\": [}"] {
            assert!(
                matches!(WorkCalendar::from_json(json), Err(Json(_))),
                "{json:?}"
            );
        }
        // Deserialising through serde runs the same checks.
        assert!(serde_json::from_str::<WorkCalendar>(r#"{"2026": []}"#).is_err());
    }

    #[test]
    fn error_messages_name_the_place_and_the_problem() {
        let table = [
            (
                r#"{"2026": {"off": ["2026-02-30"], "work": []}}"#,
                "2026.off[0]: \"2026-02-30\" is not a valid date (YYYY-MM-DD)",
            ),
            (
                r#"{"2026": {"off": ["2027-01-01"], "work": []}}"#,
                "2026.off[0]: 2027-01-01 is not in 2026",
            ),
            (
                r#"{"2026": {"off": ["2026-02-14"], "work": ["2026-02-14"]}}"#,
                "2026-02-14 is listed both as a day off and as a make-up working day",
            ),
        ];
        for (json, message) in table {
            let err = WorkCalendar::from_json(json).expect_err("invalid");
            assert_eq!(err.to_string(), message);
        }
    }
}
