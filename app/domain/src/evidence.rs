//! Evidence and records (笔录) as officers enter them (DOMAIN.md §1b, APL Art. 46): what kind,
//! who collected it, when and where.
//!
//! Invariants: every item names at least two distinct collecting officers (Art. 42; whether
//! they are qualified is judged by the case state machine), except the kinds no officer
//! collects ([`EvidenceKind::collectors_required`]: an appraisal opinion, data recorded by an
//! electronic monitoring device), which name the one officer who received and checked them;
//! audio-visual kinds need a file; a
//! record needs the person questioned or the object inspected and its text; the collection
//! time, entered in China time, is not after today.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{
    i18n::{Lang, china_time},
    validate::{self, Field, Rule, ValidationError},
};

/// What an item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceKind {
    /// 照片.
    Photo,
    /// 录音.
    Audio,
    /// 视频.
    Video,
    /// 执法记录仪等音像记录.
    AvRecord,
    /// 书证.
    Document,
    /// 物证 (no file needed).
    Physical,
    /// 询问笔录.
    InquiryRecord,
    /// 现场检查笔录.
    InspectionRecord,
    /// 勘验笔录.
    InquestRecord,
    /// 鉴定意见 (APL Art. 46 ¶1(7)), made by an appraisal body, not collected by officers.
    AppraisalOpinion,
    /// 电子技术监控设备记录 (APL Art. 41): recorded by a device, checked by officers.
    MonitoringData,
}

impl EvidenceKind {
    /// Every kind.
    pub const ALL: [EvidenceKind; 11] = [
        EvidenceKind::Photo,
        EvidenceKind::Audio,
        EvidenceKind::Video,
        EvidenceKind::AvRecord,
        EvidenceKind::Document,
        EvidenceKind::Physical,
        EvidenceKind::InquiryRecord,
        EvidenceKind::InspectionRecord,
        EvidenceKind::InquestRecord,
        EvidenceKind::AppraisalOpinion,
        EvidenceKind::MonitoringData,
    ];

    /// Machine name.
    pub fn as_str(self) -> &'static str {
        match self {
            EvidenceKind::Photo => "photo",
            EvidenceKind::Audio => "audio",
            EvidenceKind::Video => "video",
            EvidenceKind::AvRecord => "av_record",
            EvidenceKind::Document => "document",
            EvidenceKind::Physical => "physical",
            EvidenceKind::InquiryRecord => "inquiry_record",
            EvidenceKind::InspectionRecord => "inspection_record",
            EvidenceKind::InquestRecord => "inquest_record",
            EvidenceKind::AppraisalOpinion => "appraisal_opinion",
            EvidenceKind::MonitoringData => "monitoring_data",
        }
    }

    /// Parses a machine name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Name for people.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            EvidenceKind::Photo => lang.pick("照片", "Photo"),
            EvidenceKind::Audio => lang.pick("录音", "Audio"),
            EvidenceKind::Video => lang.pick("视频", "Video"),
            EvidenceKind::AvRecord => lang.pick("执法记录仪音像记录", "Body-camera recording"),
            EvidenceKind::Document => lang.pick("书证", "Document"),
            EvidenceKind::Physical => lang.pick("物证", "Physical evidence"),
            EvidenceKind::InquiryRecord => lang.pick("询问笔录", "Interview record"),
            EvidenceKind::InspectionRecord => {
                lang.pick("现场检查笔录", "On-site inspection record")
            }
            EvidenceKind::InquestRecord => lang.pick("勘验笔录", "Inquest record"),
            EvidenceKind::AppraisalOpinion => lang.pick("鉴定意见", "Appraisal opinion"),
            EvidenceKind::MonitoringData => {
                lang.pick("电子技术监控设备记录", "Electronic monitoring data")
            }
        }
    }

    /// Whether the kind is a structured record (笔录) with a text.
    pub fn is_record(self) -> bool {
        matches!(
            self,
            EvidenceKind::InquiryRecord
                | EvidenceKind::InspectionRecord
                | EvidenceKind::InquestRecord
        )
    }

    /// How many distinct certified officers must be named as its collectors.
    ///
    /// APL Art. 42 ¶1: investigation and evidence collection are done by at least two
    /// officers; so two for everything officers collect themselves. An appraisal opinion
    /// (Art. 46 ¶1(7)) is made by an appraisal body and data of an electronic monitoring
    /// device (Art. 41) are recorded by the device: no officer can have collected them with a
    /// colleague, so one officer, who received and checked them (Art. 41 ¶2: the data are
    /// checked for being accurate, clear and complete), is named.
    pub fn collectors_required(self) -> usize {
        match self {
            EvidenceKind::AppraisalOpinion | EvidenceKind::MonitoringData => 1,
            _ => 2,
        }
    }

    /// Whether the kind is audio-visual (or device data) and so needs its file.
    pub fn needs_file(self) -> bool {
        matches!(
            self,
            EvidenceKind::Photo
                | EvidenceKind::Audio
                | EvidenceKind::Video
                | EvidenceKind::AvRecord
                | EvidenceKind::MonitoringData
        )
    }
}

/// An item as a form sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RawEvidence {
    /// Kind's machine name.
    pub kind: String,
    /// Title.
    pub title: String,
    /// When collected, or when the record started: `YYYY-MM-DDTHH:MM[:SS]`, China time.
    pub collected_at: String,
    /// Where.
    pub location: String,
    /// Collecting officers' user ids (the third is optional).
    pub officers: [String; 3],
    /// Person questioned or object inspected (records).
    pub subject: String,
    /// The record's text.
    pub content: String,
    /// Capture device.
    pub device: String,
}

/// A checked item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// Kind.
    pub kind: EvidenceKind,
    /// Title.
    pub title: String,
    /// When.
    pub collected_at: DateTime<Utc>,
    /// Where.
    pub location: String,
    /// Distinct collecting officers, in the order given.
    pub collectors: Vec<i32>,
    /// Person questioned or object inspected.
    pub subject: Option<String>,
    /// The record's text.
    pub content: Option<String>,
    /// Capture device.
    pub device: Option<String>,
}

/// The officers named in a form (first, second, optional third), without duplicates. Two are
/// required (APL Art. 42).
pub fn officers(first: &str, second: &str, third: &str) -> Result<Vec<i32>, ValidationError> {
    officers_at_least(first, second, third, 2)
}

/// The officers named in a form, at least `required` of the first two filled in.
fn officers_at_least(
    first: &str,
    second: &str,
    third: &str,
    required: usize,
) -> Result<Vec<i32>, ValidationError> {
    let mut ids = Vec::new();
    for (i, s) in [first, second, third].into_iter().enumerate() {
        let s = s.trim();
        if s.is_empty() {
            if i >= required {
                continue;
            }
            return Err(ValidationError::new(Field::Officers, Rule::Required));
        }
        let id: i32 = s
            .parse()
            .map_err(|_| ValidationError::new(Field::Officers, Rule::Exists))?;
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    Ok(ids)
}

/// A China-time `YYYY-MM-DDTHH:MM[:SS]` as an instant.
pub fn china_instant(input: &str) -> Option<DateTime<Utc>> {
    let input = input.trim();
    let local = NaiveDateTime::parse_from_str(input, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(input, "%Y-%m-%dT%H:%M:%S"))
        .ok()?;
    let cst = FixedOffset::east_opt(8 * 3600)?;
    local
        .and_local_timezone(cst)
        .single()
        .map(|t| t.with_timezone(&Utc))
}

fn optional(value: &str, field: Field, max: usize) -> Result<Option<String>, ValidationError> {
    if value.trim().is_empty() {
        return Ok(None);
    }
    validate::text(field, value, 1, max).map(Some)
}

/// Checks an item, reporting every bad field at once.
pub fn parse(
    raw: &RawEvidence,
    has_file: bool,
    today: NaiveDate,
) -> Result<Evidence, Vec<ValidationError>> {
    let mut errors = Vec::new();
    let mut take =
        |r: Result<String, ValidationError>| r.map_err(|e| errors.push(e)).unwrap_or_default();
    let kind = EvidenceKind::parse(raw.kind.trim());
    let title = take(validate::text(Field::Title, &raw.title, 2, 200));
    let location = take(validate::text(Field::Location, &raw.location, 2, 200));
    let (mut subject, mut content) = (None, None);
    if kind.is_some_and(EvidenceKind::is_record) {
        subject = Some(take(validate::text(Field::Subject, &raw.subject, 1, 100)));
        content = Some(take(validate::text(
            Field::Content,
            &raw.content,
            10,
            50_000,
        )));
    }
    let device = optional(&raw.device, Field::Device, 100)
        .map_err(|e| errors.push(e))
        .unwrap_or_default();
    match kind {
        None => errors.push(ValidationError::new(
            Field::EvidenceKind,
            if raw.kind.trim().is_empty() {
                Rule::Required
            } else {
                Rule::OneOf
            },
        )),
        Some(k) if k.needs_file() && !has_file => {
            errors.push(ValidationError::new(Field::File, Rule::Required));
        }
        Some(_) => {}
    }
    let collected_at = china_instant(&raw.collected_at);
    match collected_at {
        None => errors.push(ValidationError::new(Field::CollectedAt, Rule::Date)),
        Some(t) if china_time(t).date_naive() > today => {
            errors.push(ValidationError::new(Field::CollectedAt, Rule::NotInFuture));
        }
        Some(_) => {}
    }
    let required = kind.map_or(2, EvidenceKind::collectors_required);
    let collectors = officers_at_least(
        &raw.officers[0],
        &raw.officers[1],
        &raw.officers[2],
        required,
    )
    .map_err(|e| errors.push(e))
    .unwrap_or_default();
    match (kind, collected_at) {
        (Some(kind), Some(collected_at)) if errors.is_empty() => Ok(Evidence {
            kind,
            title,
            collected_at,
            location,
            collectors,
            subject,
            content,
            device,
        }),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 26).unwrap_or_default()
    }

    fn photo() -> RawEvidence {
        RawEvidence {
            kind: "photo".into(),
            title: "现场照片".into(),
            collected_at: "2026-11-26T09:30".into(),
            location: "临江市解放路 18 号".into(),
            officers: ["3".into(), "4".into(), String::new()],
            device: "DSJ-0012".into(),
            ..RawEvidence::default()
        }
    }

    fn fields(r: Result<Evidence, Vec<ValidationError>>) -> Vec<(Field, Rule)> {
        r.err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| (e.field, e.rule))
            .collect()
    }

    #[test]
    fn a_photo_with_its_file_is_accepted_in_china_time() {
        let item = parse(&photo(), true, today()).expect("valid");
        assert_eq!(item.kind, EvidenceKind::Photo);
        assert_eq!(item.collectors, vec![3, 4]);
        assert_eq!(item.collected_at.to_rfc3339(), "2026-11-26T01:30:00+00:00");
        assert_eq!(item.device.as_deref(), Some("DSJ-0012"));
        assert_eq!(item.subject, None);
    }

    #[test]
    fn audio_visual_kinds_need_a_file_others_do_not() {
        for kind in EvidenceKind::ALL {
            let mut raw = photo();
            raw.kind = kind.as_str().into();
            raw.subject = "当事人".into();
            raw.content = "询问内容记录在案，当事人签字确认。".into();
            let r = parse(&raw, false, today());
            assert_eq!(r.is_err(), kind.needs_file(), "{kind:?}");
            assert_eq!(EvidenceKind::parse(kind.as_str()), Some(kind));
            assert!(kind.label(Lang::En).is_ascii());
        }
    }

    #[test]
    fn records_need_a_subject_and_a_text() {
        let mut raw = photo();
        raw.kind = "inquiry_record".into();
        assert_eq!(
            fields(parse(&raw, false, today())),
            vec![
                (Field::Subject, Rule::Required),
                (Field::Content, Rule::Required)
            ]
        );
        raw.subject = "王某".into();
        raw.content = "太短".into();
        assert_eq!(
            fields(parse(&raw, false, today())),
            vec![(
                Field::Content,
                Rule::Length {
                    min: 10,
                    max: 50_000
                }
            )]
        );
    }

    #[test]
    fn evidence_collectors_two_for_what_officers_collect_one_for_appraisals_and_device_data() {
        for kind in EvidenceKind::ALL {
            let want = match kind {
                EvidenceKind::AppraisalOpinion | EvidenceKind::MonitoringData => 1,
                _ => 2,
            };
            assert_eq!(kind.collectors_required(), want, "{kind:?}");
            assert_eq!(EvidenceKind::parse(kind.as_str()), Some(kind));
            let mut raw = photo();
            raw.kind = kind.as_str().into();
            raw.subject = "张三".into();
            raw.content = "询问内容不少于十个字的笔录正文。".into();
            raw.officers = ["3".into(), String::new(), String::new()];
            let one = parse(&raw, true, today());
            if want == 1 {
                assert_eq!(
                    one.expect("one officer is enough").collectors,
                    vec![3],
                    "{kind:?}"
                );
            } else {
                assert_eq!(
                    fields(one),
                    vec![(Field::Officers, Rule::Required)],
                    "{kind:?}"
                );
            }
            raw.officers = ["3".into(), "4".into(), String::new()];
            assert!(parse(&raw, true, today()).is_ok(), "{kind:?}");
        }
        // Device data needs its file; an appraisal opinion does not.
        let mut raw = photo();
        raw.kind = "monitoring_data".into();
        assert_eq!(
            fields(parse(&raw, false, today())),
            vec![(Field::File, Rule::Required)]
        );
        raw.kind = "appraisal_opinion".into();
        assert!(parse(&raw, false, today()).is_ok());
    }

    #[test]
    fn two_distinct_officers_are_required() {
        let mut raw = photo();
        raw.officers = ["3".into(), String::new(), String::new()];
        assert_eq!(
            fields(parse(&raw, true, today())),
            vec![(Field::Officers, Rule::Required)]
        );
        raw.officers = ["3".into(), "x".into(), String::new()];
        assert_eq!(
            fields(parse(&raw, true, today())),
            vec![(Field::Officers, Rule::Exists)]
        );
        raw.officers = ["3".into(), "3".into(), "5".into()];
        assert_eq!(
            parse(&raw, true, today()).expect("valid").collectors,
            vec![3, 5]
        );
        // The same officer twice counts once: the state machine then finds one collector.
        raw.officers = ["3".into(), "3".into(), String::new()];
        assert_eq!(
            parse(&raw, true, today()).expect("valid").collectors,
            vec![3]
        );
    }

    #[test]
    fn times_must_be_valid_and_not_after_today_in_china() {
        let mut raw = photo();
        raw.collected_at = "yesterday".into();
        assert_eq!(
            fields(parse(&raw, true, today())),
            vec![(Field::CollectedAt, Rule::Date)]
        );
        raw.collected_at = "2026-11-27T00:10".into();
        assert_eq!(
            fields(parse(&raw, true, today())),
            vec![(Field::CollectedAt, Rule::NotInFuture)]
        );
        raw.collected_at = "2026-11-26T23:59:59".into();
        assert!(
            parse(&raw, true, today()).is_ok(),
            "late today in China is today"
        );
    }

    #[test]
    fn every_error_is_reported_at_once() {
        let raw = RawEvidence::default();
        let got = fields(parse(&raw, false, today()));
        assert_eq!(
            got,
            vec![
                (Field::Title, Rule::Required),
                (Field::Location, Rule::Required),
                (Field::EvidenceKind, Rule::Required),
                (Field::CollectedAt, Rule::Date),
                (Field::Officers, Rule::Required),
            ]
        );
    }
}
