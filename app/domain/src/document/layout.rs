//! Line breaking for Chinese text (禁则): where a line may end.
//!
//! Invariants of [`break_lines`]:
//! - no line but the first starts with closing punctuation (，。、；：？！）」』】〕》…), and no
//!   line ends with opening punctuation (（「『【〔《“‘): such marks travel with the character
//!   they belong to;
//! - a run of Latin letters and digits (a number such as `1,234.50`, a code, a date) stays on
//!   one line unless it is longer than a whole line;
//! - every line fits the width, except a single unbreakable unit wider than the line, which is
//!   then split between characters;
//! - the lines joined give back the text, less the spaces at the line breaks.

/// Marks that may not start a line.
pub const NO_LINE_START: &str = "，。、；：？！）」』】〕》〉”’…—·%,.;:?!)]}";
/// Marks that may not end a line.
pub const NO_LINE_END: &str = "（「『【〔《〈“‘([{";

/// Whether `c` may not start a line.
pub fn is_closing(c: char) -> bool {
    NO_LINE_START.contains(c)
}

/// Whether `c` may not end a line.
pub fn is_opening(c: char) -> bool {
    NO_LINE_END.contains(c)
}

fn is_latin(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '/' | '@' | '_' | '+' | '#' | '*')
}

/// Splits text into unbreakable units: one CJK character with the marks glued to it, a Latin
/// run, or a space.
fn units(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let mut unit = String::new();
        // Opening marks glue to what follows.
        while i < chars.len() && is_opening(chars[i]) {
            unit.push(chars[i]);
            i += 1;
        }
        if i < chars.len() {
            let c = chars[i];
            if is_latin(c) {
                while i < chars.len() {
                    let c = chars[i];
                    // A '.' or ',' between digits or letters stays inside the run (1,234.50).
                    let inner_mark = matches!(c, '.' | ',' | ':')
                        && i + 1 < chars.len()
                        && is_latin(chars[i + 1])
                        && !unit.is_empty();
                    if is_latin(c) || inner_mark {
                        unit.push(c);
                        i += 1;
                    } else {
                        break;
                    }
                }
            } else {
                unit.push(c);
                i += 1;
            }
        }
        // Closing marks glue to what precedes.
        while i < chars.len() && is_closing(chars[i]) {
            unit.push(chars[i]);
            i += 1;
        }
        if !unit.is_empty() {
            out.push(unit);
        }
    }
    out
}

/// Breaks `text` into lines no wider than `width`; the first line is `first_indent` narrower
/// (the two-character paragraph indent). `advance` gives a character's width in the same unit.
pub fn break_lines(
    text: &str,
    width: f32,
    first_indent: f32,
    advance: &dyn Fn(char) -> f32,
) -> Vec<String> {
    let measure = |s: &str| s.chars().map(advance).sum::<f32>();
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut used = 0.0_f32;
    let limit = |lines: &Vec<String>| {
        if lines.is_empty() {
            width - first_indent
        } else {
            width
        }
    };
    // A tolerance for float sums of many glyph advances.
    const EPS: f32 = 0.01;
    for unit in units(text) {
        let w = measure(&unit);
        if used + w <= limit(&lines) + EPS {
            line.push_str(&unit);
            used += w;
            continue;
        }
        if unit == " " {
            // A space at a break disappears.
            lines.push(std::mem::take(&mut line));
            used = 0.0;
            continue;
        }
        if w > width + EPS {
            // Wider than a whole line: split it between characters.
            for c in unit.chars() {
                let cw = advance(c);
                if used + cw > limit(&lines) + EPS && !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                    used = 0.0;
                }
                line.push(c);
                used += cw;
            }
            continue;
        }
        if !line.is_empty() {
            let trimmed = line.trim_end().to_owned();
            lines.push(trimmed);
        }
        line = unit;
        used = w;
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    /// CJK characters and full-width marks are one em, Latin half an em.
    fn em(c: char) -> f32 {
        if c.is_ascii() { 0.5 } else { 1.0 }
    }

    fn lines(text: &str, width: f32) -> Vec<String> {
        break_lines(text, width, 0.0, &em)
    }

    #[test]
    fn a_line_holds_exactly_the_width_in_characters() {
        let text = "一".repeat(60);
        let out = lines(&text, 28.0);
        assert_eq!(
            out.iter().map(|l| l.chars().count()).collect::<Vec<_>>(),
            vec![28, 28, 4]
        );
    }

    #[test]
    fn the_first_line_is_shortened_by_the_indent() {
        let text = "二".repeat(30);
        let out = break_lines(&text, 28.0, 2.0, &em);
        assert_eq!(out[0].chars().count(), 26);
        assert_eq!(out[1].chars().count(), 4);
    }

    #[test]
    fn closing_punctuation_never_starts_a_line() {
        // Without the rule the 28th position would hold 。 on the next line.
        for mark in [
            "，", "。", "、", "；", "：", "？", "！", "）", "」", "〕", "》", "”",
        ] {
            let text = format!("{}{}{}", "字".repeat(28), mark, "后文");
            let out = lines(&text, 28.0);
            for l in &out[1..] {
                let first = l.chars().next().expect("line");
                assert!(
                    !is_closing(first),
                    "{mark}: line starts with {first}: {out:?}"
                );
            }
            assert!(out.iter().all(|l| l.chars().map(em).sum::<f32>() <= 28.0));
            assert_eq!(out.concat(), text);
        }
    }

    #[test]
    fn opening_punctuation_never_ends_a_line() {
        for mark in ["（", "「", "〔", "《", "“"] {
            let text = format!("{}{}{}", "字".repeat(27), mark, "内容");
            let out = lines(&text, 28.0);
            for l in &out {
                let last = l.chars().last().expect("line");
                assert!(!is_opening(last), "{mark}: line ends with {last}: {out:?}");
            }
            assert_eq!(out.concat(), text);
        }
    }

    #[test]
    fn two_closing_marks_stay_together_with_their_character() {
        let text = format!("{}“引文。”其后", "字".repeat(22));
        let out = lines(&text, 28.0);
        assert!(
            out[1..]
                .iter()
                .all(|l| !is_closing(l.chars().next().expect("c")))
        );
        assert_eq!(out.concat(), text);
    }

    #[test]
    fn numbers_and_latin_runs_are_kept_together() {
        let text = format!("{}罚款人民币1,234.50元", "字".repeat(24));
        let out = lines(&text, 28.0);
        assert!(out.iter().any(|l| l.contains("1,234.50")), "{out:?}");
        let text = format!("{}编号SCJG-2026-00012号", "字".repeat(25));
        let out = lines(&text, 28.0);
        assert!(out.iter().any(|l| l.contains("SCJG-2026-00012")), "{out:?}");
    }

    #[test]
    fn a_run_longer_than_a_line_is_split() {
        let text = "a".repeat(70);
        let out = lines(&text, 28.0);
        assert_eq!(out.len(), 2);
        assert!(out.iter().all(|l| l.chars().map(em).sum::<f32>() <= 28.0));
        assert_eq!(out.concat(), text);
    }

    #[test]
    fn a_space_at_a_break_is_dropped() {
        let text = format!("{} word", "a".repeat(56));
        let out = lines(&text, 28.0);
        assert_eq!(out, vec!["a".repeat(56), "word".to_owned()]);
    }

    #[test]
    fn empty_text_is_one_empty_line() {
        assert_eq!(lines("", 28.0), vec![String::new()]);
    }

    #[test]
    fn no_line_is_wider_than_the_width_for_mixed_text() {
        let text = "当事人于2026年3月5日在临江市滨江路88号经营场所销售过期食品（保质期至2026年2月1日），\
                    货值金额1,200.00元，违法所得300.00元。以上事实有《现场检查笔录》、照片等证据为证。";
        for width in [10.0, 13.0, 20.0, 28.0] {
            let out = lines(text, width);
            for l in &out {
                assert!(
                    l.chars().map(em).sum::<f32>() <= width + 0.01,
                    "{width}: {l}"
                );
            }
            for l in &out[1..] {
                assert!(
                    !is_closing(l.chars().next().expect("c")),
                    "{width}: {out:?}"
                );
            }
            for l in &out {
                assert!(
                    !is_opening(l.chars().last().expect("c")),
                    "{width}: {out:?}"
                );
            }
            assert_eq!(out.concat(), text);
        }
    }
}
