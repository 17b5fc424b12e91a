//! PDF writing for official documents: draws the pages [`typeset`] laid out, with one CJK face
//! subset to the glyphs used (titles and headings are set bold by stroking the glyph outlines,
//! which costs one embedded font instead of two), and a QR code for the verification address.
//!
//! Invariants: output is deterministic. The font resources have fixed names, the metadata dates
//! are the issue time, and the trailer's file identifier (which printpdf fills with process-wide
//! pseudo-random text) is replaced by one derived from the document model, at the same length,
//! so the cross-reference offsets stay valid. Rendering the same model at the same time gives the
//! same bytes in any process, which is how an issued document is checked against the SHA-256 its
//! audit event recorded.

use std::{path::Path, sync::Arc};

use chrono::{DateTime, Utc};
use printpdf::{
    Color, FontId, Greyscale, Line, LinePoint, Mm, Op, PaintMode, ParsedFont, PdfDocument,
    PdfFontHandle, PdfPage, PdfSaveOptions, Point, Polygon, PolygonRing, Pt, Rgb, TextItem,
    TextRenderingMode, WindingOrder,
};
use sha2::{Digest, Sha256};
use tianping_domain::document::{
    DocumentModel,
    typeset::{self, Face, Ink, Mark, Metrics, PAGE_H},
};

/// The font file, relative to the font directory.
pub const REGULAR_FILE: &str = "NotoSerifSC-Regular.ttf";

/// Why fonts could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum FontError {
    /// A file is missing or unreadable.
    #[error("font file {path}: {source}")]
    Read {
        /// Which file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// A file is not a font printpdf can read.
    #[error("font file {0} could not be parsed")]
    Parse(String),
}

/// The parsed font, loaded once and shared.
pub struct Fonts {
    regular: ParsedFont,
    upem: f32,
}

impl std::fmt::Debug for Fonts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Fonts").finish_non_exhaustive()
    }
}

fn parse(path: &Path) -> Result<ParsedFont, FontError> {
    let bytes = std::fs::read(path).map_err(|source| FontError::Read {
        path: path.display().to_string(),
        source,
    })?;
    ParsedFont::from_bytes(&bytes, 0, &mut Vec::new())
        .ok_or_else(|| FontError::Parse(path.display().to_string()))
}

impl Fonts {
    /// Parses the face in `dir` (about 70 ms: do it once, off the async runtime).
    pub fn load(dir: &Path) -> Result<Arc<Self>, FontError> {
        let regular = parse(&dir.join(REGULAR_FILE))?;
        Ok(Arc::new(Self {
            upem: f32::from(regular.font_metrics.units_per_em.max(1)),
            regular,
        }))
    }

    /// Whether every character of `text` has a glyph in the body face.
    pub fn covers(&self, text: &str) -> bool {
        text.chars()
            .filter(|c| !c.is_whitespace())
            .all(|c| self.regular.lookup_glyph_index(u32::from(c)).is_some())
    }
}

impl Metrics for Fonts {
    /// Bold is stroked over the same glyphs, so both faces advance alike.
    fn advance(&self, _face: Face, c: char, size: f32) -> f32 {
        match self.regular.lookup_glyph_index(u32::from(c)) {
            Some(gid) => f32::from(self.regular.get_horizontal_advance(gid)) * size / self.upem,
            // A missing glyph: reserve an em so lines never overflow.
            None => size,
        }
    }
}

/// The font's resource name, also the `XXXXXX+` tag printpdf puts before the subset font's
/// name: the PDF specification (ISO 32000-1, 9.6.4) wants six uppercase letters there, and
/// checkers (`pdffonts`) take anything else for a font that was not subset.
const FONT_ID: &str = "TPNOTO";

fn colour(ink: Ink) -> Color {
    match ink {
        Ink::Black => Color::Greyscale(Greyscale {
            percent: 0.0,
            icc_profile: None,
        }),
        Ink::Grey => Color::Greyscale(Greyscale {
            percent: 0.45,
            icc_profile: None,
        }),
        Ink::Red => Color::Rgb(Rgb {
            r: 0.8,
            g: 0.0,
            b: 0.0,
            icc_profile: None,
        }),
    }
}

fn pt(x: f32, y_from_top: f32) -> Point {
    Point {
        x: Pt(x),
        y: Pt(PAGE_H - y_from_top),
    }
}

fn qr_ops(x: f32, y: f32, size: f32, content: &str) -> Vec<Op> {
    use qrcodegen::{QrCode, QrCodeEcc};
    let Ok(code) = QrCode::encode_text(content, QrCodeEcc::Medium) else {
        return Vec::new();
    };
    let n = code.size();
    // A quiet zone of two modules on every side, inside the given square.
    let module = size / (n + 4) as f32;
    let (x, y) = (x + 2.0 * module, y + 2.0 * module);
    let mut rings = Vec::new();
    for row in 0..n {
        for col in 0..n {
            if code.get_module(col, row) {
                let (x0, y0) = (x + col as f32 * module, y + row as f32 * module);
                let (x1, y1) = (x0 + module, y0 + module);
                rings.push(PolygonRing {
                    points: [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
                        .into_iter()
                        .map(|(a, b)| LinePoint {
                            p: pt(a, b),
                            bezier: false,
                        })
                        .collect(),
                });
            }
        }
    }
    vec![
        Op::SetFillColor {
            col: colour(Ink::Black),
        },
        Op::DrawPolygon {
            polygon: Polygon {
                rings,
                mode: PaintMode::Fill,
                winding_order: WindingOrder::NonZero,
            },
        },
    ]
}

fn page_ops(marks: &[Mark]) -> Vec<Op> {
    let mut ops = Vec::new();
    for mark in marks {
        match mark {
            Mark::Text {
                x,
                y,
                size,
                face,
                ink,
                text,
            } => {
                ops.extend([
                    Op::StartTextSection,
                    Op::SetFillColor { col: colour(*ink) },
                    Op::SetFont {
                        font: PdfFontHandle::External(FontId(FONT_ID.to_owned())),
                        size: Pt(*size),
                    },
                ]);
                if *face == Face::Bold {
                    ops.extend([
                        Op::SetTextRenderingMode {
                            mode: TextRenderingMode::FillStroke,
                        },
                        Op::SetOutlineColor { col: colour(*ink) },
                        Op::SetOutlineThickness {
                            pt: Pt(size * 0.035),
                        },
                    ]);
                }
                ops.extend([
                    Op::SetTextCursor { pos: pt(*x, *y) },
                    Op::ShowText {
                        items: vec![TextItem::Text(text.clone())],
                    },
                ]);
                if *face == Face::Bold {
                    ops.push(Op::SetTextRenderingMode {
                        mode: TextRenderingMode::Fill,
                    });
                }
                ops.push(Op::EndTextSection);
            }
            Mark::Rule { x1, y1, x2, y2 } => ops.extend([
                Op::SetOutlineColor {
                    col: colour(Ink::Black),
                },
                Op::SetOutlineThickness { pt: Pt(0.75) },
                Op::DrawLine {
                    line: Line {
                        points: vec![
                            LinePoint {
                                p: pt(*x1, *y1),
                                bezier: false,
                            },
                            LinePoint {
                                p: pt(*x2, *y2),
                                bezier: false,
                            },
                        ],
                        is_closed: false,
                    },
                },
            ]),
            Mark::Qr {
                x,
                y,
                size,
                content,
            } => ops.extend(qr_ops(*x, *y, *size, content)),
        }
    }
    ops
}

/// Renders a document model to PDF bytes; `issued_at` is written as the creation date (the
/// Unix epoch for previews). Deterministic: see the module invariants.
pub fn render(model: &DocumentModel, fonts: &Fonts, issued_at: Option<DateTime<Utc>>) -> Vec<u8> {
    let pages = typeset::typeset(model, fonts);
    let title = match &model.number {
        Some(n) => format!("{} {n}", model.title),
        None => model.title.clone(),
    };
    let mut doc = PdfDocument::new(&title);
    doc.resources.fonts.map.insert(
        FontId(FONT_ID.to_owned()),
        printpdf::PdfFont::new(fonts.regular.clone()),
    );
    let info = &mut doc.metadata.info;
    // The default dates are the Unix epoch, kept for previews (and for an unrepresentable time).
    if let Some(when) =
        issued_at.and_then(|t| printpdf::OffsetDateTime::from_unix_timestamp(t.timestamp()).ok())
    {
        info.creation_date = when;
        info.modification_date = when;
        info.metadata_date = when;
    }
    info.document_title = title;
    info.author = model.agency_name.clone();
    info.creator = "Tianping".to_owned();
    info.producer = "Tianping (printpdf)".to_owned();
    info.identifier = model.number.clone().unwrap_or_default();
    let pdf_pages = pages
        .iter()
        .map(|p| PdfPage::new(Mm(210.0), Mm(297.0), page_ops(&p.marks)))
        .collect();
    let mut pdf = doc
        .with_pages(pdf_pages)
        .to_lopdf_document(&save_options(), &mut Vec::new());
    finish_metadata(&mut pdf);
    let mut bytes = Vec::new();
    if let Err(e) = pdf.save_to(&mut bytes) {
        // Writing into memory does not fail; should it, the document is empty and its hash
        // says so (nothing half-written is issued as genuine).
        tracing::error!("writing a PDF into memory failed: {e}");
        bytes.clear();
    }
    let seed = serde_json::to_vec(model).unwrap_or_default();
    fix_file_id(bytes, &seed)
}

/// What printpdf leaves out or gets wrong in the document's metadata: the catalog says the
/// text is Chinese (`/Lang`, for screen readers and search) and asks viewers to show the title
/// rather than the file name; the Info dictionary loses the empty `/GTS_PDFXVersion`, which
/// readers take as a PDF/X claim the document does not make.
fn finish_metadata(pdf: &mut lopdf::Document) {
    use lopdf::{Dictionary, Object};
    if let Ok(catalog) = pdf.catalog_mut() {
        catalog.set("Lang", Object::string_literal("zh-CN"));
        let mut prefs = Dictionary::new();
        prefs.set("DisplayDocTitle", Object::Boolean(true));
        catalog.set("ViewerPreferences", Object::Dictionary(prefs));
    }
    let info = pdf.trailer.get(b"Info").and_then(Object::as_reference).ok();
    if let Some(id) = info
        && let Ok(info) = pdf.get_dictionary_mut(id)
    {
        info.remove(b"GTS_PDFXVersion");
    }
}

/// Streams are left uncompressed: deflate was 40 % of the rendering time (measured with `perf`),
/// and a decision with its font subset stays well under 200 KB without it.
fn save_options() -> PdfSaveOptions {
    PdfSaveOptions {
        optimize: false,
        ..PdfSaveOptions::default()
    }
}

/// Replaces the two 32-character strings of the trailer's `/ID` with text derived from `seed`.
fn fix_file_id(mut bytes: Vec<u8>, seed: &[u8]) -> Vec<u8> {
    let digest = hex::encode(Sha256::digest(seed));
    let id = &digest.as_bytes()[..32];
    let Some(at) = find_last(&bytes, b"/ID") else {
        return bytes;
    };
    let mut i = at + 3;
    let mut replaced = 0;
    while i < bytes.len() && replaced < 2 {
        if bytes[i] == b'(' {
            let start = i + 1;
            let Some(len) = bytes[start..].iter().position(|b| *b == b')') else {
                break;
            };
            if len == 32 {
                bytes[start..start + 32].copy_from_slice(id);
            }
            replaced += 1;
            i = start + len + 1;
        } else {
            i += 1;
        }
    }
    bytes
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_id_is_replaced_in_place() {
        let pdf = b"%PDF trailer << /ID [(abcdefghijklmnopqrstuvwxyz012345)(ABCDEFGHIJKLMNOPQRSTUVWXYZ012345)] >>".to_vec();
        let a = fix_file_id(pdf.clone(), b"seed");
        let b = fix_file_id(pdf.clone(), b"seed");
        assert_eq!(a, b);
        assert_eq!(a.len(), pdf.len());
        assert_ne!(a, pdf);
        assert!(!String::from_utf8_lossy(&a).contains("abcdefgh"));
    }
}
