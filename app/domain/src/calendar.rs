//! Working days (工作日) and calendar-day arithmetic for statutory periods.
//!
//! APL Art. 85: the "2/3/5/7 days" of the Administrative Penalty Law are working days,
//! excluding statutory holidays; every other period is counted in calendar days, months or
//! years (DOMAIN.md §0, "Counting days").
//!
//! Invariants:
//! - A working day is a Monday–Friday not listed as a day off (`off`), or any date listed as a
//!   make-up working day (调休上班, `work`). Every date has an answer; where it comes from is
//!   [`WorkCalendar::year_basis`]:
//!   1. **Published data wins.** A year with the State Council General Office's arrangement
//!      (放假安排通知) uses exactly that data ([`WorkCalendar::covers_year`]).
//!   2. **Statutory fallback.** A year from [`STATUTORY_FIRST_YEAR`] to
//!      [`STATUTORY_LAST_YEAR`] without published data uses [`statutory_year`]: the days off of
//!      《全国年节及纪念日放假办法》 as amended by the State Council on 2024-11-10 (in force
//!      2025-01-01). Art. 2: 元旦 1 day (1 January); 春节 4 days (农历除夕, 正月初一 to 初三);
//!      清明节 1 day (the day of the 清明 solar term); 劳动节 2 days (1–2 May); 端午节 1 day
//!      (农历五月初五); 中秋节 1 day (农历八月十五); 国庆节 3 days (1–3 October), 13 days in
//!      all. Art. 6: a holiday falling on a Saturday or Sunday is given on a working day
//!      (补假); the regulation does not say which, so the fallback takes the first
//!      Monday–Friday after it that is not already off, as the published notices do for one-day
//!      holidays (2025-06-02 for 端午 on Saturday 31 May, 2026-04-06 for 清明 on Sunday 5
//!      April). Two holidays on the same day (中秋 on 1–3 October: 2028, 2031, 2039)
//!      are treated the same way, following the notices' practice of merging them into one
//!      longer break **[U: the regulation is silent]**. So a fallback year always has exactly
//!      13 Monday–Friday days off. There are no make-up working days (调休, Art. 7): those
//!      exist only in the published arrangement, so weekends stay days off.
//!   3. **Lunar dates** (除夕, 清明, 端午, 中秋) come from a table for [`LUNAR_TABLE_FIRST_YEAR`]
//!      to [`LUNAR_TABLE_LAST_YEAR`] (no lunar-calendar dependency). After the table only the
//!      solar-date holidays apply (1 January, 1–2 May, 1–3 October: 6 days), and the
//!      deadlines of those years are rougher still.
//!   4. **Weekday rule.** Years before 2025 (other versions of the regulation) or after 9999
//!      (the data format's four-digit years) without published data: Monday to Friday.
//! - [`WorkCalendar::missing_official_years`] tells administrators, from 1 November, that next
//!   year's arrangement should be loaded ([`WorkCalendar::merge_json`]); a loaded year replaces
//!   the fallback at once.
//! - Counting starts on the day after the start date (民法典 Art. 201: the start day is not
//!   counted): [`WorkCalendar::add_working_days`]`(x, n)` is the last day of "within n working
//!   days of x".
//! - Holiday data is checked when loaded: dates are `YYYY-MM-DD`, listed once, and lie in the
//!   year they are filed under, no date is both off and a make-up working day, and make-up
//!   working days fall on a Saturday or Sunday. A year from 2025 must also honour every Art. 2
//!   holiday the fallback knows: none may be a make-up working day, and those on a
//!   Monday–Friday must be days off, so an empty or truncated upload cannot silently replace
//!   the fallback with something worse.
//! - Nothing panics on any input: results saturate at `NaiveDate::MIN` / `NaiveDate::MAX`,
//!   which lie far outside any real deadline.
//! - No clock and no file is read at run time: the default data (`data/holidays-cn.json`) is
//!   compiled in, and [`WorkCalendar::from_json`] loads newer data without a code change.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Bound;
use std::sync::OnceLock;

use chrono::{Datelike, Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The holiday data of the People's Republic of China compiled into the binary: the State
/// Council General Office notices for 2025 and 2026.
pub const CHINA_HOLIDAYS_JSON: &str = include_str!("../data/holidays-cn.json");

/// The first year of 《全国年节及纪念日放假办法》 as amended on 2024-11-10 (in force
/// 2025-01-01), and so the first year of the statutory fallback ([`statutory_year`]).
pub const STATUTORY_FIRST_YEAR: i32 = 2025;

/// The last year of the statutory fallback: the data format files years under four digits.
pub const STATUTORY_LAST_YEAR: i32 = 9999;

/// The first year of the compiled-in table of lunar holiday dates.
pub const LUNAR_TABLE_FIRST_YEAR: i32 = 2025;

/// The last year of the compiled-in table of lunar holiday dates. Later years fall back to the
/// solar-date holidays only (1 January, 1–2 May, 1–3 October).
pub const LUNAR_TABLE_LAST_YEAR: i32 = 2040;

/// The Gregorian dates (month, day) of the holidays of Art. 2 that move with the Chinese
/// calendar, one row per year from [`LUNAR_TABLE_FIRST_YEAR`] to [`LUNAR_TABLE_LAST_YEAR`].
///
/// Sources: the lunar dates follow the national standard 《农历的编算和颁行》 (GB/T
/// 33661-2017, Beijing time; the leap month of 2033 comes after 中秋, on 8 September), computed with
/// the `lunardate` tables and checked against independently computed new moons (PyEphem, UTC+8;
/// the closest call is 初一 2027, new moon 2027-02-06 23:56); 清明 is the day the Sun reaches
/// ecliptic longitude 15° in Beijing time (PyEphem). Spot checks against published lists: 春节
/// 2025–2030 (factmonster), 中秋 2026–2031, 2033, 2034 (days-to.com), 清明 2027 = 5 April. The
/// published 2025 and 2026 arrangements contain every date of their rows (a unit test checks
/// this).
struct LunarRow {
    year: i32,
    /// 农历除夕, the first of the four days of 春节.
    chuxi: (u32, u32),
    /// 清明 (a solar term, listed here because it is not a fixed Gregorian date either).
    qingming: (u32, u32),
    /// 端午节, 农历五月初五.
    duanwu: (u32, u32),
    /// 中秋节, 农历八月十五.
    zhongqiu: (u32, u32),
}

const fn row(
    year: i32,
    chuxi: (u32, u32),
    qingming: (u32, u32),
    duanwu: (u32, u32),
    zhongqiu: (u32, u32),
) -> LunarRow {
    LunarRow {
        year,
        chuxi,
        qingming,
        duanwu,
        zhongqiu,
    }
}

#[rustfmt::skip]
const LUNAR_TABLE: [LunarRow; 16] = [
    //   year  除夕     清明     端午     中秋
    row(2025, (1, 28), (4, 4), (5, 31), (10, 6)),
    row(2026, (2, 16), (4, 5), (6, 19), (9, 25)),
    row(2027, (2, 5),  (4, 5), (6, 9),  (9, 15)),
    row(2028, (1, 25), (4, 4), (5, 28), (10, 3)),
    row(2029, (2, 12), (4, 4), (6, 16), (9, 22)),
    row(2030, (2, 2),  (4, 5), (6, 5),  (9, 12)),
    row(2031, (1, 22), (4, 5), (6, 24), (10, 1)),
    row(2032, (2, 10), (4, 4), (6, 12), (9, 19)),
    row(2033, (1, 30), (4, 4), (6, 1),  (9, 8)),
    row(2034, (2, 18), (4, 5), (6, 20), (9, 27)),
    row(2035, (2, 7),  (4, 5), (6, 10), (9, 16)),
    row(2036, (1, 27), (4, 4), (5, 30), (10, 4)),
    row(2037, (2, 14), (4, 4), (6, 18), (9, 24)),
    row(2038, (2, 3),  (4, 5), (6, 7),  (9, 13)),
    row(2039, (1, 23), (4, 5), (5, 27), (10, 2)),
    row(2040, (2, 11), (4, 4), (6, 14), (9, 20)),
];

/// Where the working days of a year come from (see the module documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum YearBasis {
    /// The State Council's published arrangement, make-up working days included.
    Published,
    /// The fixed holidays of the regulation, lunar ones included, without make-up working days.
    Statutory,
    /// The solar-date holidays of the regulation only: the year is after the lunar table.
    StatutorySolarOnly,
    /// Monday to Friday: a year before 2025 or after 9999 without published data.
    WeekdaysOnly,
}

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
    /// A date is listed twice in the same list.
    #[error("{path}: {date} is listed twice")]
    Duplicate {
        /// Where, e.g. `2026.off[3]`.
        path: String,
        /// The date listed twice.
        date: NaiveDate,
    },
    /// A holiday of 《全国年节及纪念日放假办法》 Art. 2 falls on a Monday–Friday but the loaded
    /// data does not list it as a day off.
    #[error(
        "{date} is a national holiday (全国年节及纪念日放假办法 Art. 2) but not listed as a day off"
    )]
    HolidayNotOff {
        /// The holiday.
        date: NaiveDate,
    },
    /// A holiday of 《全国年节及纪念日放假办法》 Art. 2 is listed as a make-up working day.
    #[error(
        "{date} is a national holiday (全国年节及纪念日放假办法 Art. 2) and cannot be a make-up working day"
    )]
    HolidayWorked {
        /// The holiday.
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
/// days off and make-up working days, and for other years from 2025 the fixed holidays of the
/// regulation ([`statutory_year`]).
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

    /// A calendar without published data: every year from 2025 uses the statutory fallback
    /// ([`statutory_year`]), other years the weekday rule.
    pub fn statutory_only() -> Self {
        Self {
            about: None,
            years: BTreeMap::new(),
        }
    }

    /// Loads holiday data in the format of `data/holidays-cn.json`:
    /// `{"about": "…", "2026": {"off": ["2026-01-01", …], "work": ["2026-01-04", …]}, …}`.
    /// `about` is optional; every year needs both lists (possibly empty). The checks are those
    /// of the module documentation.
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

    /// Whether `year` has published holiday data. Without it the statutory fallback or the
    /// weekday rule applies ([`WorkCalendar::year_basis`]): callers may want to say that a
    /// deadline in that year is provisional.
    pub fn covers_year(&self, year: i32) -> bool {
        self.years.contains_key(&year)
    }

    /// The published days off and make-up working days of `year`, if it has data.
    pub fn holidays(&self, year: i32) -> Option<&HolidayYear> {
        self.years.get(&year)
    }

    /// Where the working days of `year` come from: published data wins over the statutory
    /// fallback, which wins over the weekday rule.
    pub fn year_basis(&self, year: i32) -> YearBasis {
        if self.covers_year(year) {
            YearBasis::Published
        } else if !(STATUTORY_FIRST_YEAR..=STATUTORY_LAST_YEAR).contains(&year) {
            YearBasis::WeekdaysOnly
        } else if year <= LUNAR_TABLE_LAST_YEAR {
            YearBasis::Statutory
        } else {
            YearBasis::StatutorySolarOnly
        }
    }

    /// The exceptions to the weekday rule that apply in `year`: the published data if there is
    /// any, otherwise the statutory fallback ([`statutory_year`]); `None` under the weekday rule.
    pub fn exceptions(&self, year: i32) -> Option<Cow<'_, HolidayYear>> {
        if let Some(h) = self.years.get(&year) {
            return Some(Cow::Borrowed(h));
        }
        if let Some(h) = lunar_fallbacks().get(&year) {
            return Some(Cow::Borrowed(h));
        }
        statutory_year(year).map(Cow::Owned)
    }

    /// The years an administrator should load the State Council's arrangement for, as of
    /// `today`: the current year if it has no published data, and from 1 November the next
    /// year if it has none (the notice for the next year has come out between late October and
    /// December: 2024-11-12 for 2025, 2025-11-04 for 2026). Empty when nothing is missing.
    pub fn missing_official_years(&self, today: NaiveDate) -> Vec<i32> {
        let year = today.year();
        let mut missing = Vec::new();
        if !self.covers_year(year) {
            missing.push(year);
        }
        if today.month() >= NEXT_YEAR_WARNING_MONTH
            && let Some(next) = year.checked_add(1)
            && NaiveDate::from_ymd_opt(next, 1, 1).is_some()
            && !self.covers_year(next)
        {
            missing.push(next);
        }
        missing
    }

    /// Adds or replaces the published data of `year`, after the checks of the module
    /// documentation (dates in `year`, no date both off and worked, make-up working days on
    /// weekends, every Art. 2 holiday off). Returns the data it replaced, if any. On an error
    /// the calendar is unchanged.
    pub fn load_year(
        &mut self,
        year: i32,
        data: HolidayYear,
    ) -> Result<Option<HolidayYear>, CalendarError> {
        check_loaded_year(year, &data)?;
        Ok(self.years.insert(year, data))
    }

    /// Merges holiday data in the format of [`WorkCalendar::from_json`] (one year or several)
    /// into this calendar: each year it lists replaces that year's data, other years stay.
    /// All or nothing: the whole text is checked, as by [`WorkCalendar::from_json`], before
    /// any year is stored. The text's `about`, if any, is added as a new line to the calendar's. Returns
    /// the years merged, in order. Persist the result with [`WorkCalendar::to_json`].
    pub fn merge_json(&mut self, json: &str) -> Result<Vec<i32>, CalendarError> {
        let loaded = Self::from_json(json)?;
        if let Some(about) = loaded.about {
            self.about = Some(match self.about.take() {
                Some(old) => format!("{old}\n{about}"),
                None => about,
            });
        }
        let years = loaded.years.keys().copied().collect();
        self.years.extend(loaded.years);
        Ok(years)
    }

    /// Whether `date` is a working day.
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        match self.exceptions(date.year()) {
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
        for year in from.year()..=to.year() {
            let Some(h) = self.exceptions(year) else {
                continue;
            };
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

    /// Whether any day off or make-up working day (published or fallback) lies in
    /// `[first, last]`.
    fn has_exception_in(&self, first: NaiveDate, last: NaiveDate) -> bool {
        (first.year()..=last.year()).any(|year| {
            self.exceptions(year).is_some_and(|h| {
                h.off.range(first..=last).next().is_some()
                    || h.work.range(first..=last).next().is_some()
            })
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
            let data = parse_holiday_year(year, &key, entry)?;
            check_statutory(year, &data)?;
            years.insert(year, data);
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
            if !dates.insert(date) {
                return Err(CalendarError::Duplicate { path, date });
            }
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

/// From this month on, [`WorkCalendar::missing_official_years`] asks for next year's data.
const NEXT_YEAR_WARNING_MONTH: u32 = 11;

/// The checks on data loaded into a running calendar, on top of those of the JSON format.
fn check_loaded_year(year: i32, data: &HolidayYear) -> Result<(), CalendarError> {
    if !(0..=9999).contains(&year) {
        return Err(CalendarError::BadYear {
            key: year.to_string(),
        });
    }
    for (name, list) in [("off", &data.off), ("work", &data.work)] {
        if let Some(date) = list.iter().find(|d| d.year() != year) {
            return Err(CalendarError::WrongYear {
                path: format!("{year:04}.{name}"),
                date: *date,
                year,
            });
        }
    }
    if let Some(date) = data.work.iter().find(|d| is_weekday(**d)) {
        return Err(CalendarError::WeekdayMakeUp {
            path: format!("{year:04}.work"),
            date: *date,
        });
    }
    if let Some(date) = data.off.intersection(&data.work).next() {
        return Err(CalendarError::Conflict { date: *date });
    }
    check_statutory(year, data)
}

/// Published data must honour 《全国年节及纪念日放假办法》 Art. 2 as far as the fallback knows
/// it: no holiday is a make-up working day, and every holiday on a Monday–Friday is a day off.
fn check_statutory(year: i32, data: &HolidayYear) -> Result<(), CalendarError> {
    let holidays = statutory_holidays(year);
    if let Some(date) = holidays.iter().find(|d| data.work.contains(d)) {
        return Err(CalendarError::HolidayWorked { date: *date });
    }
    if let Some(date) = holidays
        .iter()
        .find(|d| is_weekday(**d) && !data.off.contains(d))
    {
        return Err(CalendarError::HolidayNotOff { date: *date });
    }
    Ok(())
}

/// The holidays of 《全国年节及纪念日放假办法》 Art. 2 (as amended on 2024-11-10) in `year`, in
/// order, one entry per holiday day: a date on which two holidays fall appears twice. The lunar
/// holidays only within the lunar table; nothing outside
/// [`STATUTORY_FIRST_YEAR`]..=[`STATUTORY_LAST_YEAR`].
fn statutory_holidays(year: i32) -> Vec<NaiveDate> {
    if !(STATUTORY_FIRST_YEAR..=STATUTORY_LAST_YEAR).contains(&year) {
        return Vec::new();
    }
    let ymd = |(month, day): (u32, u32)| NaiveDate::from_ymd_opt(year, month, day);
    // 元旦; 劳动节 1–2 May; 国庆节 1–3 October.
    let mut days: Vec<NaiveDate> = [(1, 1), (5, 1), (5, 2), (10, 1), (10, 2), (10, 3)]
        .into_iter()
        .filter_map(ymd)
        .collect();
    if let Some(row) = LUNAR_TABLE.iter().find(|row| row.year == year) {
        // 春节: 除夕 and 正月初一 to 初三.
        if let Some(chuxi) = ymd(row.chuxi) {
            days.extend(chuxi.iter_days().take(4));
        }
        days.extend(
            [row.qingming, row.duanwu, row.zhongqiu]
                .into_iter()
                .filter_map(ymd),
        );
    }
    days.sort_unstable();
    days
}

/// The statutory fallback for `year`: the days off of 《全国年节及纪念日放假办法》 as amended on
/// 2024-11-10, used for a year without published data (see the module documentation). Art. 2
/// gives the holidays; Art. 6 gives a holiday on a Saturday or Sunday on a working day, here
/// the first Monday–Friday after it not already off (likewise a holiday on the day of another).
/// No make-up working days (调休, Art. 7: only the published arrangement has them). `None`
/// outside [`STATUTORY_FIRST_YEAR`]..=[`STATUTORY_LAST_YEAR`]; after
/// [`LUNAR_TABLE_LAST_YEAR`] only the solar-date holidays.
pub fn statutory_year(year: i32) -> Option<HolidayYear> {
    let holidays = statutory_holidays(year);
    if holidays.is_empty() {
        return None;
    }
    let mut off = BTreeSet::new();
    let mut owed = Vec::new();
    for day in holidays {
        if !off.insert(day) || !is_weekday(day) {
            owed.push(day);
        }
    }
    for day in owed {
        let mut substitute = day;
        while !is_weekday(substitute) || off.contains(&substitute) {
            match substitute.succ_opt() {
                Some(next) => substitute = next,
                None => break,
            }
        }
        off.insert(substitute);
    }
    Some(HolidayYear {
        off,
        work: BTreeSet::new(),
    })
}

/// The statutory fallbacks of the lunar-table years, computed once: they are consulted for
/// every working day counted in a year without published data.
fn lunar_fallbacks() -> &'static BTreeMap<i32, HolidayYear> {
    static FALLBACKS: OnceLock<BTreeMap<i32, HolidayYear>> = OnceLock::new();
    FALLBACKS.get_or_init(|| {
        (LUNAR_TABLE_FIRST_YEAR..=LUNAR_TABLE_LAST_YEAR)
            .filter_map(|year| statutory_year(year).map(|h| (year, h)))
            .collect()
    })
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
        let h = cal.exceptions(date.year());
        if h.as_ref().is_some_and(|h| h.work.contains(&date)) {
            return true;
        }
        if h.as_ref().is_some_and(|h| h.off.contains(&date)) {
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
        // days. 2027 has no published data: the fallback's 13 weekdays off, no make-up days.
        let cal = china();
        let table = [
            ("2024-12-31", "2025-12-31", 248),
            ("2025-12-31", "2026-12-31", 248),
            ("2026-12-31", "2027-12-31", 248),
        ];
        for (from, to, expected) in table {
            assert_eq!(
                cal.working_days_between(d(from), d(to)),
                expected,
                "{from}..{to}"
            );
            assert_eq!(
                WorkCalendar::statutory_only().working_days_between(d(from), d(to)),
                261 - 13,
                "{from}..{to} from the regulation alone"
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
            // 2027 has no published data: the fixed holidays of the regulation apply.
            ("2027-01-01", false),
            ("2027-01-02", false),
            ("2027-01-04", true),
            ("2027-02-06", false),
            ("2027-02-08", false),
            ("2027-02-11", true),
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
            // From 2026 into 2027, which has no published data: New Year's Day 2027 is off.
            ("2026-12-30", 1, "2026-12-31"),
            ("2026-12-30", 2, "2027-01-04"),
            ("2026-12-30", 3, "2027-01-05"),
            ("2027-02-05", 5, "2027-02-17"), // 2027 Spring Festival from the lunar table
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
            ("2027-01-04", 2, "2026-12-30"),
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
            ("2026-12-25", "2027-01-08", 9), // into 2027: 1 January is off
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
        assert_eq!(empty, WorkCalendar::statutory_only());
        assert_eq!(empty.to_json(), "{}");
    }

    #[test]
    fn updated_data_for_a_new_year_is_used_without_a_code_change() {
        // A hypothetical 2027 notice: the weekday holidays of the regulation off, and Sunday
        // 3 January worked.
        let json = r#"{"2027": {"off": ["2027-01-01", "2027-02-05", "2027-02-08", "2027-04-05",
            "2027-06-09", "2027-09-15", "2027-10-01"], "work": ["2027-01-03"]}}"#;
        let cal = WorkCalendar::from_json(json).expect("valid");
        assert!(cal.covers_year(2027));
        assert!(cal.about().is_none());
        assert!(!cal.is_working_day(d("2027-01-01")));
        assert!(cal.is_working_day(d("2027-01-03")));
        assert_eq!(cal.add_working_days(d("2026-12-31"), 1), d("2027-01-03"));
        // Without 2026 data, 2026 falls back to the regulation: New Year's Day is off, but
        // Friday 2 January (off in the published arrangement) is a working day.
        assert!(!cal.is_working_day(d("2026-01-01")));
        assert!(cal.is_working_day(d("2026-01-02")));
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

    #[test]
    fn the_lunar_table_runs_from_2025_to_2040_without_gaps_and_with_plausible_dates() {
        let years: Vec<i32> = LUNAR_TABLE.iter().map(|row| row.year).collect();
        let expected: Vec<i32> = (LUNAR_TABLE_FIRST_YEAR..=LUNAR_TABLE_LAST_YEAR).collect();
        assert_eq!(years, expected);
        let date = |year, (m, d)| NaiveDate::from_ymd_opt(year, m, d).expect("valid date");
        for row in &LUNAR_TABLE {
            let y = row.year;
            let chuxi = date(y, row.chuxi);
            // 春节 falls between 21 January and 20 February; 除夕 is the day before.
            assert!(
                date(y, (1, 20)) <= chuxi && chuxi <= date(y, (2, 19)),
                "{y} 除夕"
            );
            assert!(matches!(row.qingming, (4, 4) | (4, 5)), "{y} 清明");
            let duanwu = date(y, row.duanwu);
            assert!(
                date(y, (5, 26)) <= duanwu && duanwu <= date(y, (6, 25)),
                "{y} 端午"
            );
            let zhongqiu = date(y, row.zhongqiu);
            assert!(
                date(y, (9, 7)) <= zhongqiu && zhongqiu <= date(y, (10, 8)),
                "{y} 中秋"
            );
            // 端午 is 4 lunar months and 5 days after 除夕 (5 months with a leap month between,
            // e.g. 闰三月 2031), 中秋 3 months and 10 days after 端午 (or 4 with a leap month).
            let months = |a: NaiveDate, b: NaiveDate| (b - a).num_days() as f64 / 29.53;
            let m = months(chuxi, duanwu);
            assert!(
                (3.9..=5.3).contains(&m),
                "{y}: {m} months from 除夕 to 端午"
            );
            let m = months(duanwu, zhongqiu);
            assert!(
                (3.3..=4.4).contains(&m),
                "{y}: {m} months from 端午 to 中秋"
            );
        }
    }

    #[test]
    fn the_published_2025_and_2026_arrangements_give_every_holiday_of_the_regulation() {
        let cal = china();
        for year in [2025, 2026] {
            let published = cal.holidays(year).expect("published");
            let holidays = statutory_holidays(year);
            assert_eq!(holidays.len(), 13, "{year}");
            for day in holidays {
                assert!(published.off.contains(&day), "{day} is off in {year}");
            }
        }
    }

    #[test]
    fn a_year_without_published_data_follows_the_fixed_holidays_of_the_regulation() {
        let cal = china();
        let table = [
            ("2026-12-31", true),
            ("2027-01-01", false), // 元旦, Friday
            ("2027-01-04", true),
            ("2027-02-04", true),
            ("2027-02-05", false), // 除夕, Friday
            ("2027-02-06", false), // 初一, Saturday
            ("2027-02-07", false), // 初二, Sunday
            ("2027-02-08", false), // 初三, Monday
            ("2027-02-11", true),
            ("2027-04-02", true),
            ("2027-04-05", false), // 清明, Monday
            ("2027-04-06", true),
            ("2027-05-05", true),
            ("2027-06-08", true),
            ("2027-06-09", false), // 端午, Wednesday
            ("2027-06-10", true),
            ("2027-09-14", true),
            ("2027-09-15", false), // 中秋, Wednesday
            ("2027-09-16", true),
            ("2027-09-30", true),
            ("2027-10-01", false), // 国庆, Friday
            ("2027-10-06", true),
            ("2028-01-25", false), // 除夕 2028, Tuesday
            ("2028-01-28", false), // 初三, Friday
            ("2028-01-31", true),
            ("2028-04-04", false), // 清明, Tuesday
            ("2028-05-01", false),
            ("2028-05-02", false),
            ("2028-05-03", true),
        ];
        for (date, working) in table {
            assert_eq!(cal.is_working_day(d(date)), working, "{date}");
        }
        assert_eq!(cal.year_basis(2027), YearBasis::Statutory);
        assert_eq!(cal.year_basis(2040), YearBasis::Statutory);
    }

    #[test]
    fn a_holiday_on_a_saturday_or_sunday_is_given_on_the_next_free_weekday() {
        // Art. 6 (补假); the weekdays already off are skipped.
        let table = [
            ("2027-02-09", "2027-02-06"), // 初一 on Saturday; Monday 8 is 初三, already off
            ("2027-02-10", "2027-02-07"),
            ("2027-05-03", "2027-05-01"),
            ("2027-05-04", "2027-05-02"),
            ("2027-10-04", "2027-10-02"),
            ("2027-10-05", "2027-10-03"),
            ("2028-01-03", "2028-01-01"),
            ("2028-05-29", "2028-05-28"), // 端午 on Sunday
            ("2031-01-27", "2031-01-25"), // 初三 on Saturday
            ("2031-04-07", "2031-04-05"), // 清明 on Saturday
        ];
        let cal = china();
        for (substitute, holiday) in table {
            let holiday = d(holiday);
            assert!(!is_weekday(holiday), "{holiday} is a weekend day");
            assert!(!cal.is_working_day(d(substitute)), "{substitute}");
        }
        // The first weekday after the substitutes works again.
        for date in [
            "2027-02-11",
            "2027-05-05",
            "2027-10-06",
            "2028-01-04",
            "2028-05-30",
        ] {
            assert!(cal.is_working_day(d(date)), "{date}");
        }
    }

    #[test]
    fn mid_autumn_on_a_national_day_holiday_adds_a_day_off() {
        let cal = china();
        // 2028: 中秋 on Tuesday 3 October; Sunday 1 October gives Wednesday 4, the shared day
        // Thursday 5. 2031: 中秋 on Wednesday 1 October gives Monday 6.
        let table = [
            ("2028-10-02", false),
            ("2028-10-03", false),
            ("2028-10-04", false),
            ("2028-10-05", false),
            ("2028-10-06", true),
            ("2031-10-03", false),
            ("2031-10-06", false),
            ("2031-10-07", true),
        ];
        for (date, working) in table {
            assert_eq!(cal.is_working_day(d(date)), working, "{date}");
        }
    }

    #[test]
    fn the_fallback_keeps_weekends_off_and_invents_no_make_up_working_days() {
        let cal = WorkCalendar::statutory_only();
        for year in STATUTORY_FIRST_YEAR..=2060 {
            let h = statutory_year(year).expect("fallback year");
            assert!(h.work.is_empty(), "{year}");
            assert!(h.off.iter().all(|day| day.year() == year), "{year}");
        }
        // The Saturdays and Sundays a published notice might have worked stay off.
        for date in [
            "2027-01-31",
            "2027-02-13",
            "2027-02-14",
            "2027-04-25",
            "2027-09-26",
        ] {
            assert!(!cal.is_working_day(d(date)), "{date}");
        }
    }

    #[test]
    fn every_fallback_year_has_thirteen_weekday_holidays_in_the_table_and_six_after_it() {
        let cal = WorkCalendar::statutory_only();
        for year in STATUTORY_FIRST_YEAR..=2060 {
            let from = NaiveDate::from_ymd_opt(year - 1, 12, 31).expect("date");
            let to = NaiveDate::from_ymd_opt(year, 12, 31).expect("date");
            let weekdays = (weekdays_through(to) - weekdays_through(from)) as u32;
            let holidays = if year <= LUNAR_TABLE_LAST_YEAR { 13 } else { 6 };
            assert_eq!(
                cal.working_days_between(from, to),
                weekdays - holidays,
                "{year}"
            );
        }
    }

    #[test]
    fn published_data_wins_over_the_fallback() {
        let published = china();
        let fallback = WorkCalendar::statutory_only();
        let table = [
            // (date, published, fallback)
            ("2026-01-02", false, true), // off by the 2026 notice, a plain Friday by statute
            ("2026-01-04", true, false), // make-up Sunday of the notice
            ("2026-02-14", true, false), // make-up Saturday of the notice
            ("2026-02-16", false, false), // 除夕 either way
            ("2026-02-20", false, true), // 初四: only the notice gives it
            ("2026-02-24", true, true),
            ("2025-10-08", false, true),  // National Day week 2025
            ("2025-10-06", false, false), // 中秋 2025
        ];
        for (date, by_notice, by_statute) in table {
            assert_eq!(
                published.is_working_day(d(date)),
                by_notice,
                "{date} published"
            );
            assert_eq!(
                fallback.is_working_day(d(date)),
                by_statute,
                "{date} fallback"
            );
        }
        assert_eq!(published.year_basis(2026), YearBasis::Published);
        assert_eq!(fallback.year_basis(2026), YearBasis::Statutory);
        assert!(matches!(published.exceptions(2026), Some(Cow::Borrowed(h)) if h.work.len() == 6));
    }

    #[test]
    fn beyond_the_lunar_table_only_the_solar_date_holidays_apply() {
        let cal = china();
        assert_eq!(cal.year_basis(2041), YearBasis::StatutorySolarOnly);
        let table = [
            ("2040-02-10", true),  // the day before 除夕 2040
            ("2040-02-13", false), // 初二 2040, still in the table
            ("2041-01-01", false), // 元旦, Tuesday
            ("2041-01-02", true),
            ("2041-01-31", true), // 除夕 2041: not in the table, a working day
            ("2041-02-01", true), // 春节 2041
            ("2041-04-04", true), // 清明 2041
            ("2041-05-01", false),
            ("2041-05-02", false),
            ("2041-05-03", true),
            ("2041-10-01", false),
            ("2041-10-03", false),
            ("2041-10-04", true),
            ("2100-10-01", false), // Friday
            ("2100-10-04", false), // Monday, for Sunday 3 October
            ("9999-01-01", false), // Friday
        ];
        for (date, working) in table {
            assert_eq!(cal.is_working_day(d(date)), working, "{date}");
        }
        assert_eq!(cal.add_working_days(d("2040-12-31"), 1), d("2041-01-02"));
    }

    #[test]
    fn years_before_2025_and_after_9999_follow_the_weekday_rule() {
        let cal = WorkCalendar::statutory_only();
        assert_eq!(cal.year_basis(2024), YearBasis::WeekdaysOnly);
        assert_eq!(cal.year_basis(10_000), YearBasis::WeekdaysOnly);
        assert!(statutory_year(2024).is_none());
        assert!(statutory_year(10_000).is_none());
        assert!(cal.exceptions(2024).is_none());
        assert!(cal.is_working_day(d("2024-10-01")));
        let new_year_10000 = NaiveDate::from_ymd_opt(10_000, 1, 1).expect("in range");
        for day in new_year_10000.iter_days().take(14) {
            assert_eq!(cal.is_working_day(day), is_weekday(day), "{day}");
        }
    }

    #[test]
    fn administrators_are_warned_from_1_november_when_next_years_data_is_missing() {
        let cal = china();
        let table: [(&str, &[i32]); 9] = [
            ("2025-10-31", &[]),
            ("2025-11-01", &[]), // 2026 is published
            ("2026-01-15", &[]),
            ("2026-10-31", &[]),
            ("2026-11-01", &[2027]),
            ("2026-12-31", &[2027]),
            ("2027-01-01", &[2027]), // the current year is missing all year
            ("2027-10-31", &[2027]),
            ("2027-11-01", &[2027, 2028]),
        ];
        for (today, expected) in table {
            assert_eq!(cal.missing_official_years(d(today)), expected, "{today}");
        }
        assert_eq!(
            cal.missing_official_years(NaiveDate::MAX),
            vec![NaiveDate::MAX.year()]
        );
    }

    /// A complete hypothetical 2027 arrangement in the style of the notices.
    const NOTICE_2027: &str = r#"{"about": "2027: hypothetical notice for the tests",
        "2027": {"off": ["2027-01-01", "2027-01-02", "2027-01-03",
                         "2027-02-05", "2027-02-06", "2027-02-07", "2027-02-08", "2027-02-09",
                         "2027-02-10", "2027-02-11", "2027-02-12",
                         "2027-04-03", "2027-04-04", "2027-04-05",
                         "2027-05-01", "2027-05-02", "2027-05-03", "2027-05-04", "2027-05-05",
                         "2027-06-09", "2027-09-15",
                         "2027-10-01", "2027-10-02", "2027-10-03", "2027-10-04", "2027-10-05",
                         "2027-10-06", "2027-10-07"],
                 "work": ["2027-02-20", "2027-04-25", "2027-10-09"]}}"#;

    #[test]
    fn a_loaded_year_replaces_the_fallback_at_once() {
        let mut cal = china();
        assert!(cal.is_working_day(d("2027-02-12")));
        assert!(!cal.is_working_day(d("2027-02-20")));
        assert_eq!(cal.merge_json(NOTICE_2027), Ok(vec![2027]));
        assert_eq!(cal.year_basis(2027), YearBasis::Published);
        assert!(!cal.is_working_day(d("2027-02-12")));
        assert!(cal.is_working_day(d("2027-02-20")));
        assert!(cal.holidays(2026).is_some(), "other years stay");
        assert_eq!(
            cal.missing_official_years(d("2026-11-01")),
            Vec::<i32>::new()
        );
        let about = cal.about().expect("about");
        assert!(about.contains("State Council") && about.ends_with("for the tests"));
        // The merged calendar persists and reloads.
        assert_eq!(WorkCalendar::from_json(&cal.to_json()), Ok(cal.clone()));
        // Loading again replaces the year and returns the old data.
        let mut replacement = cal.holidays(2027).cloned().expect("2027");
        replacement.work.clear();
        let old = cal.load_year(2027, replacement.clone()).expect("valid");
        assert_eq!(old.map(|h| h.work.len()), Some(3));
        assert_eq!(cal.holidays(2027), Some(&replacement));
    }

    #[test]
    fn loading_rejects_misfiled_conflicting_and_incomplete_years_and_changes_nothing() {
        use CalendarError::*;
        let year = |off: &[&str], work: &[&str]| HolidayYear {
            off: off.iter().map(|s| d(s)).collect(),
            work: work.iter().map(|s| d(s)).collect(),
        };
        let full: Vec<&str> = vec![
            "2027-01-01",
            "2027-02-05",
            "2027-02-08",
            "2027-04-05",
            "2027-06-09",
            "2027-09-15",
            "2027-10-01",
        ];
        let with = |extra: &'static str| {
            let mut off = full.clone();
            off.push(extra);
            off
        };
        let table: [(i32, HolidayYear, CalendarError); 7] = [
            (
                2027,
                year(&with("2026-12-31"), &[]),
                WrongYear {
                    path: "2027.off".to_owned(),
                    date: d("2026-12-31"),
                    year: 2027,
                },
            ),
            (
                2027,
                year(&full, &["2028-01-08"]),
                WrongYear {
                    path: "2027.work".to_owned(),
                    date: d("2028-01-08"),
                    year: 2027,
                },
            ),
            (
                2027,
                year(&full, &["2027-02-12"]),
                WeekdayMakeUp {
                    path: "2027.work".to_owned(),
                    date: d("2027-02-12"),
                },
            ),
            (
                2027,
                year(&with("2027-02-13"), &["2027-02-13"]),
                Conflict {
                    date: d("2027-02-13"),
                },
            ),
            (
                2027,
                year(&[], &[]),
                HolidayNotOff {
                    date: d("2027-01-01"),
                },
            ),
            (
                2027,
                year(&full, &["2027-02-06"]),
                HolidayWorked {
                    date: d("2027-02-06"),
                },
            ),
            (
                10_000,
                year(&[], &[]),
                BadYear {
                    key: "10000".to_owned(),
                },
            ),
        ];
        for (y, data, expected) in table {
            let mut cal = china();
            assert_eq!(cal.load_year(y, data), Err(expected.clone()), "{expected}");
            assert_eq!(cal, china(), "{expected}: unchanged");
        }
        // The JSON path: duplicates, and one bad year spoils the whole text.
        let mut cal = china();
        let json_table = [
            (
                r#"{"2027": {"off": ["2027-01-01", "2027-01-01"], "work": []}}"#,
                Duplicate {
                    path: "2027.off[1]".to_owned(),
                    date: d("2027-01-01"),
                },
            ),
            (
                r#"{"2027": {"off": ["2027-01-01"], "work": []}}"#,
                HolidayNotOff {
                    date: d("2027-02-05"),
                },
            ),
            (
                r#"{"2024": {"off": [], "work": []}, "2028": {"off": [], "work": []}}"#,
                HolidayNotOff {
                    date: d("2028-01-25"),
                },
            ),
        ];
        for (json, expected) in json_table {
            assert_eq!(cal.merge_json(json), Err(expected), "{json}");
            assert_eq!(cal, china(), "{json}: unchanged");
        }
        assert_eq!(
            HolidayNotOff {
                date: d("2027-02-05")
            }
            .to_string(),
            "2027-02-05 is a national holiday (全国年节及纪念日放假办法 Art. 2) but not listed as a day off"
        );
    }
}
