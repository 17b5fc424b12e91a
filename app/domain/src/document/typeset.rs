//! Typesetting after GB/T 9704-2012: A4, a 156 × 225 mm type area 37 mm from the top and
//! 28 mm from the left, the body at 三号 size with 28 characters a line and 22 lines a page, the
//! title at 二号 bold and centred, page numbers `— n —` 7 mm under the type area (odd pages on
//! the right, even pages on the left, one character in).
//!
//! The result is a list of pages of [`Mark`]s in points from the top-left corner; the PDF
//! writer only draws them. Long content flows onto more pages; table rows are never split.

use super::{
    layout::break_lines,
    model::{Block, DocumentModel, chinese_date},
};

/// Points per millimetre.
pub const PT_PER_MM: f32 = 72.0 / 25.4;

/// A4 width in points.
pub const PAGE_W: f32 = 210.0 * PT_PER_MM;
/// A4 height in points.
pub const PAGE_H: f32 = 297.0 * PT_PER_MM;
/// Top margin (天头).
pub const TOP: f32 = 37.0 * PT_PER_MM;
/// Left margin (订口).
pub const LEFT: f32 = 28.0 * PT_PER_MM;
/// Type area width (版心宽).
pub const BODY_W: f32 = 156.0 * PT_PER_MM;
/// Type area height (版心高).
pub const BODY_H: f32 = 225.0 * PT_PER_MM;
/// Characters per body line.
pub const CHARS_PER_LINE: f32 = 28.0;
/// Body lines per page.
pub const LINES_PER_PAGE: f32 = 22.0;
/// Body size: the type area width over 28 characters (≈ 三号, 16 pt).
pub const BODY_SIZE: f32 = BODY_W / CHARS_PER_LINE;
/// Body line pitch: the type area height over 22 lines.
pub const LINE: f32 = BODY_H / LINES_PER_PAGE;
/// Title size (二号).
pub const TITLE_SIZE: f32 = 22.0;
/// Table text size (四号).
pub const TABLE_SIZE: f32 = 14.0;
/// Page-number size (四号).
pub const FOLIO_SIZE: f32 = 14.0;
/// Small print (the verification note).
pub const NOTE_SIZE: f32 = 10.5;
/// Side of the QR code.
pub const QR_SIZE: f32 = 18.0 * PT_PER_MM;

/// Font face.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Face {
    /// Body text.
    Regular,
    /// Titles and headings.
    Bold,
}

/// Ink colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ink {
    /// Text.
    Black,
    /// The preview warning.
    Red,
    /// Notes.
    Grey,
}

/// Glyph widths of the fonts used.
pub trait Metrics {
    /// The advance of `c` in `face` at `size` points, in points.
    fn advance(&self, face: Face, c: char, size: f32) -> f32;
}

/// One thing drawn on a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Mark {
    /// A line of text; `y` is its baseline.
    Text {
        /// Left edge.
        x: f32,
        /// Baseline from the top.
        y: f32,
        /// Size in points.
        size: f32,
        /// Face.
        face: Face,
        /// Colour.
        ink: Ink,
        /// The text.
        text: String,
    },
    /// A straight rule.
    Rule {
        /// Start.
        x1: f32,
        /// Start.
        y1: f32,
        /// End.
        x2: f32,
        /// End.
        y2: f32,
    },
    /// A QR code with its top-left corner at (x, y).
    Qr {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Side.
        size: f32,
        /// Encoded content.
        content: String,
    },
}

/// One page.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Page {
    /// What is drawn.
    pub marks: Vec<Mark>,
}

impl Page {
    /// The page's text lines in drawing order (for tests and text checks).
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        self.marks.iter().filter_map(|m| match m {
            Mark::Text { text, .. } => Some(text.as_str()),
            _ => None,
        })
    }
}

struct Setter<'a> {
    metrics: &'a dyn Metrics,
    pages: Vec<Page>,
    /// Top of the next line box, from the top of the page.
    y: f32,
}

impl Setter<'_> {
    fn width(&self, text: &str, face: Face, size: f32) -> f32 {
        text.chars()
            .map(|c| self.metrics.advance(face, c, size))
            .sum()
    }

    fn page(&mut self) -> &mut Page {
        if self.pages.is_empty() {
            self.pages.push(Page::default());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = TOP;
    }

    /// Makes room for `height`, starting a new page if it does not fit.
    fn room(&mut self, height: f32) {
        if self.y + height > TOP + BODY_H + 0.5 && self.y > TOP + 0.5 {
            self.new_page();
        }
    }

    fn text(&mut self, x: f32, baseline: f32, size: f32, face: Face, ink: Ink, text: String) {
        self.page().marks.push(Mark::Text {
            x,
            y: baseline,
            size,
            face,
            ink,
            text,
        });
    }

    /// One line in a line box of `pitch`, placed by `align`.
    fn line(&mut self, text: String, size: f32, face: Face, pitch: f32, align: Align) {
        self.room(pitch);
        let w = self.width(&text, face, size);
        let x = match align {
            Align::Left(indent) => LEFT + indent,
            Align::Centre => LEFT + (BODY_W - w) / 2.0,
            Align::Right(inset) => LEFT + BODY_W - inset - w,
        };
        let baseline = self.y + pitch / 2.0 + size * 0.36;
        self.text(x, baseline, size, face, Ink::Black, text);
        self.y += pitch;
    }

    fn wrapped(&mut self, text: &str, size: f32, face: Face, pitch: f32, indent_chars: f32) {
        let m = self.metrics;
        let advance = |c: char| m.advance(face, c, size);
        let indent = indent_chars * size;
        for (i, l) in break_lines(text, BODY_W, indent, &advance)
            .into_iter()
            .enumerate()
        {
            let left = if i == 0 { indent } else { 0.0 };
            self.line(l, size, face, pitch, Align::Left(left));
        }
    }

    fn centred(&mut self, text: &str, size: f32, face: Face, pitch: f32) {
        let m = self.metrics;
        let advance = |c: char| m.advance(face, c, size);
        for l in break_lines(text, BODY_W, 0.0, &advance) {
            self.line(l, size, face, pitch, Align::Centre);
        }
    }

    fn rule(&mut self, x1: f32, y1: f32, x2: f32, y2: f32) {
        self.page().marks.push(Mark::Rule { x1, y1, x2, y2 });
    }

    fn table(&mut self, widths: &[u16], rows: &[Vec<String>]) {
        let total: f32 = widths.iter().map(|w| f32::from(*w)).sum::<f32>().max(1.0);
        let cols: Vec<f32> = widths
            .iter()
            .map(|w| BODY_W * f32::from(*w) / total)
            .collect();
        let pad = 4.0;
        let pitch = TABLE_SIZE * 1.5;
        let m = self.metrics;
        let advance = |c: char| m.advance(Face::Regular, c, TABLE_SIZE);
        let mut top_drawn = false;
        for row in rows {
            let cells: Vec<Vec<String>> = cols
                .iter()
                .enumerate()
                .map(|(i, w)| {
                    let text = row.get(i).map(String::as_str).unwrap_or("");
                    text.split('\n')
                        .flat_map(|p| break_lines(p, w - 2.0 * pad, 0.0, &advance))
                        .collect()
                })
                .collect();
            let lines = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
            let height = (lines as f32 * pitch + 2.0 * pad).max(LINE);
            let before = self.pages.len();
            self.room(height);
            if self.pages.len() != before {
                top_drawn = false;
            }
            let top = self.y;
            if !top_drawn {
                self.rule(LEFT, top, LEFT + BODY_W, top);
                top_drawn = true;
            }
            let mut x = LEFT;
            for (i, cell) in cells.into_iter().enumerate() {
                let mut baseline = top + pad + pitch / 2.0 + TABLE_SIZE * 0.36;
                // Single-line cells sit in the middle of a taller row.
                if cell.len() == 1 && lines > 1 {
                    baseline = top + height / 2.0 + TABLE_SIZE * 0.36;
                } else if lines == 1 {
                    baseline = top + height / 2.0 + TABLE_SIZE * 0.36;
                }
                for l in cell {
                    self.text(x + pad, baseline, TABLE_SIZE, Face::Regular, Ink::Black, l);
                    baseline += pitch;
                }
                x += cols[i];
            }
            let bottom = top + height;
            self.rule(LEFT, bottom, LEFT + BODY_W, bottom);
            let mut x = LEFT;
            self.rule(x, top, x, bottom);
            for w in &cols {
                x += w;
                self.rule(x, top, x, bottom);
            }
            self.y = bottom;
        }
    }
}

#[derive(Clone, Copy)]
enum Align {
    Left(f32),
    Centre,
    Right(f32),
}

/// The QR code at the left of `top` and, beside it within `width`, the code and how to check it.
fn verification_block(s: &mut Setter<'_>, v: &super::model::Verification, top: f32, width: f32) {
    s.page().marks.push(Mark::Qr {
        x: LEFT,
        y: top,
        size: QR_SIZE,
        content: v.url.clone(),
    });
    let text_x = LEFT + QR_SIZE + 8.0;
    let text_w = (width - QR_SIZE - 8.0).max(NOTE_SIZE * 8.0);
    let m = s.metrics;
    let advance = |c: char| m.advance(Face::Regular, c, NOTE_SIZE);
    let code_size = BODY_SIZE * 0.8;
    let mut baseline = top + code_size;
    let label = "文书核验码：";
    let one_line = format!("{label}{}", v.code);
    if s.width(&one_line, Face::Bold, code_size) <= text_w {
        s.text(
            text_x,
            baseline,
            code_size,
            Face::Bold,
            Ink::Black,
            one_line,
        );
    } else {
        // A sixteen-character code does not fit beside its label in the column: the label,
        // then the code on a line of its own, smaller if even that would overflow (it must
        // never run into the agency's name and seal beside it).
        for line in [label.to_owned(), v.code.clone()] {
            let w = s.width(&line, Face::Bold, code_size);
            let size = if w > text_w {
                code_size * text_w / w
            } else {
                code_size
            };
            s.text(text_x, baseline, size, Face::Bold, Ink::Black, line);
            baseline += code_size * 1.3;
        }
        baseline -= code_size * 1.3;
    }
    baseline += code_size * 1.5;
    let note = format!(
        "扫描二维码，或在行政执法公示平台「文书核验」页面输入核验码，核验本文书的真伪和效力：{}",
        v.url
    );
    for l in break_lines(&note, text_w, 0.0, &advance) {
        s.text(text_x, baseline, NOTE_SIZE, Face::Regular, Ink::Grey, l);
        baseline += NOTE_SIZE * 1.45;
    }
}

/// Sets a document on pages.
pub fn typeset(model: &DocumentModel, metrics: &dyn Metrics) -> Vec<Page> {
    let mut s = Setter {
        metrics,
        pages: vec![Page::default()],
        y: TOP,
    };
    let title_pitch = TITLE_SIZE * 1.6;
    s.centred(&model.agency_name, TITLE_SIZE, Face::Bold, title_pitch);
    s.centred(&model.title, TITLE_SIZE, Face::Bold, title_pitch);
    s.y += LINE * 0.5;
    let number_line = match &model.number {
        Some(n) => n.clone(),
        None => format!("案号：{}", model.case_number),
    };
    s.line(
        number_line,
        BODY_SIZE,
        Face::Regular,
        LINE,
        Align::Right(BODY_SIZE),
    );
    // A document outside a case (a supervision notice) has no case number: no empty 「案号：」.
    if model.number.is_some() && !model.case_number.is_empty() {
        s.line(
            format!("案号：{}", model.case_number),
            BODY_SIZE * 0.8,
            Face::Regular,
            LINE * 0.8,
            Align::Right(BODY_SIZE),
        );
    }
    s.y += LINE * 0.5;

    for block in &model.blocks {
        match block {
            Block::Paragraph(text) => s.wrapped(text, BODY_SIZE, Face::Regular, LINE, 2.0),
            Block::Plain(text) => s.wrapped(text, BODY_SIZE, Face::Regular, LINE, 0.0),
            Block::Heading(text) => s.wrapped(text, BODY_SIZE, Face::Bold, LINE, 2.0),
            Block::Right(text) => s.line(
                text.clone(),
                BODY_SIZE,
                Face::Regular,
                LINE,
                Align::Right(BODY_SIZE * 2.0),
            ),
            Block::Gap(n) => {
                s.y += LINE * f32::from(*n);
                s.room(0.0);
            }
            Block::Table { widths, rows } => s.table(widths, rows),
        }
    }

    match (&model.signature, &model.verification) {
        (Some(sig), verification) => {
            // Agency right-aligned four characters in, the date centred under it (GB/T 9704
            // 7.3.5); the verification code and QR code to their left, in the same band.
            let band = (LINE * 3.0).max(if verification.is_some() { QR_SIZE } else { 0.0 });
            s.room(LINE * 2.0 + band);
            s.y += LINE * 2.0;
            let top = s.y;
            let date = chinese_date(sig.date);
            let date_w = s.width(&date, Face::Regular, BODY_SIZE);
            let agency_w = s.width(&sig.agency, Face::Regular, BODY_SIZE);
            let date_inset = BODY_SIZE * 4.0;
            let centre = LEFT + BODY_W - date_inset - date_w / 2.0;
            let agency_x = (centre - agency_w / 2.0).min(LEFT + BODY_W - agency_w);
            let baseline = s.y + LINE / 2.0 + BODY_SIZE * 0.36;
            s.text(
                agency_x,
                baseline,
                BODY_SIZE,
                Face::Regular,
                Ink::Black,
                sig.agency.clone(),
            );
            s.y += LINE;
            s.line(
                date,
                BODY_SIZE,
                Face::Regular,
                LINE,
                Align::Right(date_inset),
            );
            s.line(
                "（印章）".to_owned(),
                TABLE_SIZE,
                Face::Regular,
                LINE,
                Align::Right(date_inset + (date_w - 4.0 * TABLE_SIZE) / 2.0),
            );
            if let Some(v) = verification {
                let width = agency_x.min(LEFT + BODY_W - date_inset - date_w) - LEFT - 12.0;
                verification_block(&mut s, v, top, width);
                s.y = s.y.max(top + band);
            }
        }
        (None, Some(v)) => {
            s.room(QR_SIZE + LINE);
            s.y += LINE * 0.5;
            let top = s.y;
            s.rule(LEFT, top, LEFT + BODY_W, top);
            verification_block(&mut s, v, top + 6.0, BODY_W);
            s.y = top + 6.0 + QR_SIZE;
        }
        (None, None) => {}
    }

    let folio_y = TOP + BODY_H + 7.0 * PT_PER_MM + FOLIO_SIZE;
    for (i, page) in s.pages.iter_mut().enumerate() {
        let n = i + 1;
        let folio = format!("— {n} —");
        let w: f32 = folio
            .chars()
            .map(|c| metrics.advance(Face::Regular, c, FOLIO_SIZE))
            .sum();
        let x = if n % 2 == 1 {
            LEFT + BODY_W - FOLIO_SIZE - w
        } else {
            LEFT + FOLIO_SIZE
        };
        page.marks.push(Mark::Text {
            x,
            y: folio_y,
            size: FOLIO_SIZE,
            face: Face::Regular,
            ink: Ink::Black,
            text: folio,
        });
        let banner = if model.draft {
            Some((Ink::Red, "预览稿 · 未签发 · 不作为执法文书使用".to_owned()))
        } else if model.public_version {
            Some((Ink::Grey, "公开版 · 已依法隐去自然人个人信息".to_owned()))
        } else {
            None
        };
        if let Some((ink, text)) = banner {
            page.marks.push(Mark::Text {
                x: LEFT,
                y: TOP - 12.0 * PT_PER_MM,
                size: NOTE_SIZE,
                face: Face::Bold,
                ink,
                text,
            });
        }
    }
    s.pages
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{case::DocumentKind, document::model::Signature};

    /// CJK one em, ASCII half an em.
    struct Fixed;
    impl Metrics for Fixed {
        fn advance(&self, _: Face, c: char, size: f32) -> f32 {
            if c.is_ascii() { size * 0.5 } else { size }
        }
    }

    fn model(blocks: Vec<Block>) -> DocumentModel {
        DocumentModel {
            kind: Some(DocumentKind::PenaltyDecision),
            agency_name: "临江市市场监督管理局".into(),
            title: "行政处罚决定书".into(),
            number: Some("临市监罚决〔2026〕12号".into()),
            case_number: "SCJG-2026-00012".into(),
            blocks,
            signature: Some(Signature {
                agency: "临江市市场监督管理局".into(),
                date: chrono::NaiveDate::from_ymd_opt(2026, 12, 1).expect("date"),
            }),
            verification: None,
            draft: false,
            public_version: false,
        }
    }

    fn body_lines(pages: &[Page]) -> Vec<(f32, String)> {
        pages
            .iter()
            .flat_map(|p| p.marks.iter())
            .filter_map(|m| match m {
                Mark::Text { size, text, .. } if (*size - BODY_SIZE).abs() < 0.01 => {
                    Some((*size, text.clone()))
                }
                _ => None,
            })
            .collect()
    }

    #[test]
    fn the_body_has_28_characters_a_line_at_about_16_points() {
        assert!((BODY_SIZE - 15.8).abs() < 0.1, "{BODY_SIZE}");
        let pages = typeset(&model(vec![Block::Plain("字".repeat(56))]), &Fixed);
        let lines = body_lines(&pages);
        assert!(lines.iter().any(|(_, t)| t.chars().count() == 28));
    }

    #[test]
    fn paragraphs_are_indented_by_two_characters() {
        let pages = typeset(&model(vec![Block::Paragraph("甲".repeat(40))]), &Fixed);
        let first = pages[0]
            .marks
            .iter()
            .find_map(|m| match m {
                Mark::Text { x, text, .. } if text.starts_with('甲') => Some((*x, text.clone())),
                _ => None,
            })
            .expect("paragraph");
        assert!((first.0 - (LEFT + 2.0 * BODY_SIZE)).abs() < 0.01);
        assert_eq!(first.1.chars().count(), 26);
    }

    #[test]
    fn long_content_flows_onto_numbered_pages() {
        let blocks = (0..60)
            .map(|i| Block::Paragraph(format!("第{i}段。{}", "文".repeat(50))))
            .collect();
        let pages = typeset(&model(blocks), &Fixed);
        assert!(pages.len() >= 5, "{}", pages.len());
        for (i, page) in pages.iter().enumerate() {
            let folio = format!("— {} —", i + 1);
            assert!(page.texts().any(|t| t == folio), "page {i}");
            for m in &page.marks {
                if let Mark::Text { y, size, .. } = m {
                    if (*size - BODY_SIZE).abs() < 0.01 {
                        assert!(*y <= TOP + BODY_H + 0.5, "text below the type area");
                        assert!(*y >= TOP, "text above the type area");
                    }
                }
            }
        }
        // Odd folios on the right, even on the left.
        let x_of = |p: &Page| {
            p.marks.iter().find_map(|m| match m {
                Mark::Text { x, text, .. } if text.starts_with('—') => Some(*x),
                _ => None,
            })
        };
        assert!(x_of(&pages[0]) > x_of(&pages[1]));
    }

    #[test]
    fn at_most_22_body_lines_fit_a_page() {
        let blocks = vec![Block::Plain("行".repeat(28 * 60))];
        let pages = typeset(&model(blocks), &Fixed);
        for p in &pages[1..] {
            let n = p
                .marks
                .iter()
                .filter(
                    |m| matches!(m, Mark::Text { size, .. } if (*size - BODY_SIZE).abs() < 0.01),
                )
                .count();
            assert!(n <= 22, "{n}");
        }
        assert!(
            pages
                .iter()
                .skip(1)
                .take(1)
                .all(|p| p.texts().count() >= 22)
        );
    }

    #[test]
    fn table_rows_are_ruled_and_never_split() {
        let rows: Vec<Vec<String>> = (0..40)
            .map(|i| vec![format!("项目{i}"), "内容".repeat(30)])
            .collect();
        let pages = typeset(
            &model(vec![Block::Table {
                widths: vec![1, 3],
                rows,
            }]),
            &Fixed,
        );
        assert!(pages.len() > 1);
        for p in &pages {
            assert!(p.marks.iter().any(|m| matches!(m, Mark::Rule { .. })));
            for m in &p.marks {
                if let Mark::Rule { y1, y2, .. } = m {
                    assert!(*y1 <= TOP + BODY_H + 0.5 && *y2 <= TOP + BODY_H + 0.5);
                }
            }
        }
    }

    #[test]
    fn the_number_is_printed_and_a_preview_is_marked_on_every_page() {
        let pages = typeset(&model(vec![]), &Fixed);
        assert!(pages[0].texts().any(|t| t == "临市监罚决〔2026〕12号"));
        assert!(pages[0].texts().any(|t| t == "2026年12月1日"));
        let mut draft = model((0..40).map(|_| Block::Paragraph("字".repeat(60))).collect());
        draft.draft = true;
        draft.number = None;
        let pages = typeset(&draft, &Fixed);
        for p in &pages {
            assert!(p.texts().any(|t| t.starts_with("预览稿")));
        }
        assert!(pages[0].texts().any(|t| t == "案号：SCJG-2026-00012"));
    }

    #[test]
    fn a_document_outside_a_case_prints_no_empty_case_number() {
        let mut m = model(vec![Block::Paragraph("正文".into())]);
        m.kind = None;
        m.case_number = String::new();
        let pages = typeset(&m, &Fixed);
        assert!(pages[0].texts().any(|t| t == "临市监罚决〔2026〕12号"));
        assert!(!pages[0].texts().any(|t| t.starts_with("案号")));
    }

    #[test]
    fn the_verification_block_carries_the_code_and_a_qr_code() {
        let mut m = model(vec![Block::Paragraph("正文".into())]);
        m.verification = Some(crate::document::model::Verification {
            code: "ABCD-EFGH".into(),
            url: "https://example.gov.cn/portal/verify?code=ABCDEFGH".into(),
        });
        let pages = typeset(&m, &Fixed);
        let last = pages.last().expect("page");
        assert!(last.texts().any(|t| t == "文书核验码：ABCD-EFGH"));
        assert!(
            last.marks
                .iter()
                .any(|m| matches!(m, Mark::Qr { content, .. } if content.ends_with("ABCDEFGH")))
        );
    }

    #[test]
    fn a_long_code_keeps_to_its_column_beside_the_qr_code() {
        let mut m = model(vec![Block::Paragraph("正文".into())]);
        m.verification = Some(crate::document::model::Verification {
            code: "WR26-6QYR-RYQH-DZP6".into(),
            url: "https://example.gov.cn/portal/verify?code=WR266QYRRYQHDZP6".into(),
        });
        let pages = typeset(&m, &Fixed);
        let last = pages.last().expect("page");
        assert!(
            last.texts().any(|t| t == "WR26-6QYR-RYQH-DZP6"),
            "the code on a line of its own"
        );
        let end = |x: f32, size: f32, face: Face, text: &str| {
            x + text
                .chars()
                .map(|c| Fixed.advance(face, c, size))
                .sum::<f32>()
        };
        // The column is the one the explanation beside the QR code wraps in: the code's lines
        // end where its lines end at the latest, never further (into the agency's name).
        let mut column_end = 0.0f32;
        let mut code_end = 0.0f32;
        for mk in &last.marks {
            if let Mark::Text {
                x,
                size,
                text,
                face,
                ink,
                ..
            } = mk
                && *x > LEFT + QR_SIZE
            {
                if *ink == Ink::Grey {
                    column_end = column_end.max(end(*x, *size, *face, text));
                } else if text.starts_with("文书核验码") || text.contains("WR26") {
                    code_end = code_end.max(end(*x, *size, *face, text));
                }
            }
        }
        assert!(column_end > 0.0 && code_end > 0.0);
        assert!(
            code_end <= column_end + NOTE_SIZE,
            "the code ends at {code_end}, its column at {column_end}"
        );
    }
}
