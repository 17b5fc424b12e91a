//! Matched words in search results (issue 22 item 9): a text cut into the runs that match one
//! of the searched words and the runs between, so that the portal can mark the matches.

/// One run of a text: `true` when it matches a searched word.
pub type Run = (String, bool);

/// The words of a query: split on white space, empty ones and quotes dropped, at most eight,
/// each at most 32 characters (a longer query still searches, it is only not all marked).
fn words(query: &str) -> Vec<Vec<char>> {
    query
        .split_whitespace()
        .map(|w| w.trim_matches(|c| matches!(c, '"' | '\'' | '“' | '”')))
        .filter(|w| !w.is_empty() && w.chars().count() <= 32)
        .take(8)
        .map(|w| w.chars().flat_map(char::to_lowercase).collect())
        .collect()
}

/// Cuts `text` into runs, marking every place where one of the query's words occurs (letters
/// compared without case; the longest word wins where two start at the same place). Joining the
/// runs gives the text back unchanged.
pub fn highlight(text: &str, query: &str) -> Vec<Run> {
    let mut words = words(query);
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    let chars: Vec<char> = text.chars().collect();
    // Compared one character at a time, so a character whose lower case is longer (rare) only
    // matches itself.
    let lower: Vec<char> = chars
        .iter()
        .map(|c| {
            let mut l = c.to_lowercase();
            match (l.next(), l.next()) {
                (Some(one), None) => one,
                _ => *c,
            }
        })
        .collect();
    let mut runs: Vec<Run> = Vec::new();
    let mut plain = String::new();
    let mut i = 0;
    while i < chars.len() {
        let hit = words
            .iter()
            .find(|w| lower.get(i..i + w.len()).is_some_and(|s| s == w.as_slice()));
        match hit {
            Some(w) => {
                if !plain.is_empty() {
                    runs.push((std::mem::take(&mut plain), false));
                }
                runs.push((chars[i..i + w.len()].iter().collect(), true));
                i += w.len();
            }
            None => {
                plain.push(chars[i]);
                i += 1;
            }
        }
    }
    if !plain.is_empty() {
        runs.push((plain, false));
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(runs: &[Run]) -> Vec<&str> {
        runs.iter()
            .filter(|(_, m)| *m)
            .map(|(s, _)| s.as_str())
            .collect()
    }

    fn joined(runs: &[Run]) -> String {
        runs.iter().map(|(s, _)| s.as_str()).collect()
    }

    #[test]
    fn every_occurrence_of_every_word_is_marked_and_the_text_is_kept() {
        let text = "销售过期食品案：当事人销售过期牛奶";
        let runs = highlight(text, "过期 牛奶");
        assert_eq!(joined(&runs), text);
        assert_eq!(marked(&runs), ["过期", "过期", "牛奶"]);
        assert_eq!(runs[0], ("销售".to_owned(), false));
    }

    #[test]
    fn letters_match_without_case_and_the_longest_word_wins() {
        let runs = highlight("SCJG 与 scjg-2026", "scjg scjg-2026");
        assert_eq!(marked(&runs), ["SCJG", "scjg-2026"]);
        assert_eq!(joined(&runs), "SCJG 与 scjg-2026");
    }

    #[test]
    fn nothing_to_mark_leaves_one_plain_run() {
        assert_eq!(
            highlight("占道经营", ""),
            vec![("占道经营".to_owned(), false)]
        );
        assert_eq!(
            highlight("占道经营", "   \"\" "),
            vec![("占道经营".to_owned(), false)]
        );
        assert_eq!(
            highlight("占道经营", "罚款"),
            vec![("占道经营".to_owned(), false)]
        );
        assert!(highlight("", "罚款").is_empty());
    }

    #[test]
    fn quotes_around_a_word_and_hostile_input_are_harmless() {
        assert_eq!(marked(&highlight("罚款 2000 元", "\"罚款\"")), ["罚款"]);
        let hostile = "<script>alert(1)</script>";
        let runs = highlight("处罚决定", hostile);
        assert_eq!(joined(&runs), "处罚决定");
        // A text with characters whose lower case is longer is kept whole.
        let runs = highlight("İstanbul 罚", "罚");
        assert_eq!(joined(&runs), "İstanbul 罚");
        assert_eq!(marked(&runs), ["罚"]);
        // More than eight words: the first eight are marked.
        let many = "a b c d e f g h i";
        assert_eq!(marked(&highlight("i", many)), Vec::<&str>::new());
        assert_eq!(marked(&highlight("h", many)), ["h"]);
    }
}
