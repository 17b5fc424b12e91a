//! The public search's index (全文检索): every character and every pair of adjacent characters
//! of a published decision's title, number, party and text, so that a query of any length —
//! one character (噪), two (食品) or many — is answered from posting lists instead of a scan
//! of every decision. Pure data structure, no web or database types; the service keeps one per
//! process and feeds it the published records.
//!
//! Matching: text is folded first ([`fold`]: full-width letters and digits to half-width,
//! letters to lower case, white space and control characters separate). A one-character word
//! matches a decision containing that character; a longer word matches a decision containing
//! every pair of its adjacent characters (the usual CJK bigram rule: "食品安全" needs 食品,
//! 品安 and 安全; the pairs are not required to be adjacent to each other). Every word must
//! match, and every filter must hold. Pairs never span two fields or white space.
//!
//! Invariants:
//! - A decision is in the index at most once ([`SearchIndex::upsert`] replaces it); a removed
//!   decision is never a result.
//! - Results are newest first: decision date descending, then id descending; the count is the
//!   exact number of decisions the filters and words select.
//! - A decision whose display period ended before the day asked about, or without one, is not a
//!   result (the publication rules take it off the portal).
//! - Posting lists only grow at their end (slots are handed out in increasing order), so they
//!   stay sorted; a replaced or removed decision leaves a dead slot until [`SearchIndex::new`]
//!   rebuilds (see [`SearchIndex::dead_slots`]).

use std::{
    collections::HashMap,
    hash::{BuildHasherDefault, Hasher},
};

use chrono::{Datelike, NaiveDate};

/// What the index needs of one published decision.
#[derive(Debug, Clone, Copy)]
pub struct IndexedDecision<'a> {
    /// The publication record's id.
    pub id: i32,
    /// Title, number, party name and redacted text: each is searched, pairs never span two.
    pub texts: [&'a str; 4],
    /// The agency that decided.
    pub agency_id: i32,
    /// The decision date.
    pub decided_on: NaiveDate,
    /// The fine in fen, if any.
    pub fine_fen: Option<i64>,
    /// The party kind's machine name.
    pub party_kind: &'a str,
    /// The last day on the portal.
    pub display_until: Option<NaiveDate>,
}

/// The filters of a search, checked already (see [`super::search`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    /// One agency.
    pub agency_id: Option<i32>,
    /// Decided on or after.
    pub from: Option<NaiveDate>,
    /// Decided on or before.
    pub to: Option<NaiveDate>,
    /// Fine at least (a decision without a fine never passes a fine filter).
    pub fine_min: Option<i64>,
    /// Fine at most.
    pub fine_max: Option<i64>,
    /// The party kind's machine name.
    pub party_kind: Option<String>,
    /// The day asked about: a decision must be displayed until this day or later.
    pub visible_on: Option<NaiveDate>,
}

/// One page of results.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hits {
    /// How many decisions match in all.
    pub total: u64,
    /// The page's decision ids, newest first.
    pub ids: Vec<i32>,
}

/// Folds one character for matching: `None` separates words (white space, control
/// characters), full-width ASCII becomes half-width, letters become lower case.
pub fn fold(c: char) -> Option<char> {
    if c.is_whitespace() || c.is_control() {
        return None;
    }
    let c = match u32::from(c) {
        // Full-width ASCII (！ to ～) to half-width.
        v @ 0xFF01..=0xFF5E => char::from_u32(v - 0xFEE0).unwrap_or(c),
        _ => c,
    };
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => Some(l),
        _ => Some(c),
    }
}

const PAIR: u64 = 1 << 42;

fn single(c: char) -> u64 {
    u64::from(u32::from(c))
}

fn pair(a: char, b: char) -> u64 {
    PAIR | (u64::from(u32::from(a)) << 21) | u64::from(u32::from(b))
}

/// The grams of a decision's texts, sorted and without repeats.
fn grams_of(texts: &[&str], out: &mut Vec<u64>) {
    out.clear();
    for text in texts {
        let mut prev = None;
        for c in text.chars() {
            match fold(c) {
                None => prev = None,
                Some(c) => {
                    out.push(single(c));
                    if let Some(p) = prev {
                        out.push(pair(p, c));
                    }
                    prev = Some(c);
                }
            }
        }
    }
    out.sort_unstable();
    out.dedup();
}

/// The grams a query word needs: its one character, or every pair of adjacent characters.
/// Empty when nothing of the word is left after folding.
pub fn word_grams(word: &str) -> Vec<u64> {
    let chars: Vec<char> = word.chars().filter_map(fold).collect();
    let mut out: Vec<u64> = match chars.as_slice() {
        [] => Vec::new(),
        [c] => vec![single(*c)],
        _ => chars.windows(2).map(|w| pair(w[0], w[1])).collect(),
    };
    out.sort_unstable();
    out.dedup();
    out
}

/// A multiplicative hash for gram keys (they are already well spread integers).
#[derive(Default)]
struct GramHasher(u64);

impl Hasher for GramHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(*b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = (v ^ (v >> 29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

type GramMap<V> = HashMap<u64, V, BuildHasherDefault<GramHasher>>;

/// A posting list: the slots holding a gram, ascending.
#[derive(Debug, Clone)]
enum Postings {
    /// Delta-encoded varints: about one or two bytes per slot.
    Sparse { bytes: Vec<u8>, last: u32, len: u32 },
    /// One bit per slot, for grams in a large share of the decisions.
    Dense { bits: Vec<u64>, len: u32 },
}

impl Postings {
    fn len(&self) -> u32 {
        match self {
            Postings::Sparse { len, .. } | Postings::Dense { len, .. } => *len,
        }
    }

    fn push(&mut self, slot: u32) {
        match self {
            Postings::Sparse { bytes, last, len } => {
                let mut delta = if *len == 0 { slot } else { slot - *last };
                loop {
                    let low = (delta & 0x7F) as u8;
                    delta >>= 7;
                    if delta == 0 {
                        bytes.push(low);
                        break;
                    }
                    bytes.push(low | 0x80);
                }
                *last = slot;
                *len += 1;
            }
            Postings::Dense { bits, len } => {
                let word = (slot / 64) as usize;
                if bits.len() <= word {
                    bits.resize(word + 1, 0);
                }
                bits[word] |= 1 << (slot % 64);
                *len += 1;
            }
        }
    }

    fn contains_dense(bits: &[u64], slot: u32) -> bool {
        bits.get((slot / 64) as usize)
            .is_some_and(|w| w & (1 << (slot % 64)) != 0)
    }

    /// Every slot, ascending.
    fn slots(&self) -> Vec<u32> {
        let mut out = Vec::with_capacity(self.len() as usize);
        match self {
            Postings::Sparse { bytes, .. } => {
                let mut acc = 0u32;
                let mut shift = 0;
                let mut delta = 0u32;
                for b in bytes {
                    delta |= u32::from(b & 0x7F) << shift;
                    if b & 0x80 == 0 {
                        acc = if out.is_empty() { delta } else { acc + delta };
                        out.push(acc);
                        delta = 0;
                        shift = 0;
                    } else {
                        shift += 7;
                    }
                }
            }
            Postings::Dense { bits, .. } => {
                for (i, w) in bits.iter().enumerate() {
                    let mut w = *w;
                    while w != 0 {
                        let bit = w.trailing_zeros();
                        out.push(i as u32 * 64 + bit);
                        w &= w - 1;
                    }
                }
            }
        }
        out
    }

    /// Keeps the candidates (ascending) that are in this list.
    fn retain_in(&self, candidates: &mut Vec<u32>) {
        match self {
            Postings::Dense { bits, .. } => {
                candidates.retain(|s| Postings::contains_dense(bits, *s));
            }
            Postings::Sparse { bytes, .. } => {
                let mut kept = 0;
                let mut next = 0;
                let mut acc = 0u32;
                let mut first = true;
                let mut shift = 0;
                let mut delta = 0u32;
                for b in bytes {
                    if next == candidates.len() {
                        break;
                    }
                    delta |= u32::from(b & 0x7F) << shift;
                    if b & 0x80 != 0 {
                        shift += 7;
                        continue;
                    }
                    acc = if first { delta } else { acc + delta };
                    first = false;
                    delta = 0;
                    shift = 0;
                    while next < candidates.len() && candidates[next] < acc {
                        next += 1;
                    }
                    if next < candidates.len() && candidates[next] == acc {
                        candidates[kept] = acc;
                        kept += 1;
                        next += 1;
                    }
                }
                candidates.truncate(kept);
            }
        }
    }

    fn heap_bytes(&self) -> usize {
        match self {
            Postings::Sparse { bytes, .. } => bytes.capacity(),
            Postings::Dense { bits, .. } => bits.capacity() * 8,
        }
    }
}

const NO_DATE: i32 = i32::MIN;
const NO_FINE: i64 = i64::MIN;
const DEAD: i32 = i32::MIN;

fn day(d: NaiveDate) -> i32 {
    d.num_days_from_ce()
}

/// FNV-1a over the texts, to tell whether a replaced decision's text changed.
fn text_hash(texts: &[&str]) -> u64 {
    let mut h: u64 = 0xCBF2_9CE4_8422_2325;
    for t in texts {
        for b in t.bytes().chain(std::iter::once(0xFF)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01B3);
        }
    }
    h
}

/// The search index of the published decisions.
#[derive(Debug, Clone)]
pub struct SearchIndex {
    grams: GramMap<Postings>,
    by_id: HashMap<i32, u32>,
    ids: Vec<i32>,
    agency: Vec<i32>,
    decided: Vec<i32>,
    fine: Vec<i64>,
    kind: Vec<u8>,
    until: Vec<i32>,
    hash: Vec<u64>,
    kinds: Vec<String>,
    dense_min: u32,
    dead: usize,
    scratch: Vec<u64>,
}

impl Default for SearchIndex {
    fn default() -> Self {
        Self::new()
    }
}

impl SearchIndex {
    /// An empty index.
    pub fn new() -> Self {
        Self::with_dense_min(4096)
    }

    /// An empty index whose posting lists turn into bit sets from `dense_min` decisions on
    /// (and once they hold an eighth of the slots); tests use a small value.
    pub fn with_dense_min(dense_min: u32) -> Self {
        Self {
            grams: GramMap::default(),
            by_id: HashMap::new(),
            ids: Vec::new(),
            agency: Vec::new(),
            decided: Vec::new(),
            fine: Vec::new(),
            kind: Vec::new(),
            until: Vec::new(),
            hash: Vec::new(),
            kinds: Vec::new(),
            dense_min: dense_min.max(1),
            dead: 0,
            scratch: Vec::new(),
        }
    }

    /// How many decisions are in the index.
    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    /// Whether the index holds no decision.
    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }

    /// Slots left behind by replaced or removed decisions (rebuilding reclaims them).
    pub fn dead_slots(&self) -> usize {
        self.dead
    }

    /// Distinct grams.
    pub fn gram_count(&self) -> usize {
        self.grams.len()
    }

    /// An estimate of the heap the index holds, in bytes.
    pub fn heap_bytes(&self) -> usize {
        let lists: usize = self.grams.values().map(Postings::heap_bytes).sum();
        let map = self.grams.capacity() * (8 + std::mem::size_of::<Postings>() + 1);
        let columns = self.ids.capacity() * (4 + 4 + 4 + 8 + 1 + 4 + 8);
        lists + map + columns + self.by_id.capacity() * 9
    }

    fn kind_code(&mut self, kind: &str) -> u8 {
        if let Some(i) = self.kinds.iter().position(|k| k == kind) {
            return u8::try_from(i).unwrap_or(u8::MAX);
        }
        if self.kinds.len() >= usize::from(u8::MAX) {
            return u8::MAX;
        }
        self.kinds.push(kind.to_owned());
        u8::try_from(self.kinds.len() - 1).unwrap_or(u8::MAX)
    }

    fn set_columns(&mut self, slot: usize, d: &IndexedDecision<'_>) {
        let kind = self.kind_code(d.party_kind);
        self.agency[slot] = d.agency_id;
        self.decided[slot] = day(d.decided_on);
        self.fine[slot] = d.fine_fen.unwrap_or(NO_FINE);
        self.kind[slot] = kind;
        self.until[slot] = d.display_until.map_or(NO_DATE, day);
    }

    /// Adds a published decision, or replaces the one with the same id.
    pub fn upsert(&mut self, d: &IndexedDecision<'_>) {
        let hash = text_hash(&d.texts);
        if let Some(&slot) = self.by_id.get(&d.id) {
            if self.hash[slot as usize] == hash {
                self.set_columns(slot as usize, d);
                return;
            }
            self.kill(slot);
        }
        let Ok(slot) = u32::try_from(self.ids.len()) else {
            return;
        };
        self.ids.push(d.id);
        self.agency.push(0);
        self.decided.push(0);
        self.fine.push(NO_FINE);
        self.kind.push(0);
        self.until.push(NO_DATE);
        self.hash.push(hash);
        self.set_columns(slot as usize, d);
        self.by_id.insert(d.id, slot);
        let mut grams = std::mem::take(&mut self.scratch);
        grams_of(&d.texts, &mut grams);
        let dense_at = self.dense_min.max((slot + 1) / 8);
        for g in &grams {
            let list = self.grams.entry(*g).or_insert(Postings::Sparse {
                bytes: Vec::new(),
                last: 0,
                len: 0,
            });
            list.push(slot);
            if let Postings::Sparse { len, .. } = list
                && *len >= dense_at
            {
                let slots = list.slots();
                let mut dense = Postings::Dense {
                    bits: Vec::with_capacity(self.ids.capacity().div_ceil(64)),
                    len: 0,
                };
                for s in slots {
                    dense.push(s);
                }
                *list = dense;
            }
        }
        self.scratch = grams;
    }

    fn kill(&mut self, slot: u32) {
        self.ids[slot as usize] = DEAD;
        self.dead += 1;
    }

    /// Takes a decision out (withdrawn, removed, or its display period changed to none).
    pub fn remove(&mut self, id: i32) {
        if let Some(slot) = self.by_id.remove(&id) {
            self.kill(slot);
        }
    }

    /// Whether a decision is in the index.
    pub fn contains(&self, id: i32) -> bool {
        self.by_id.contains_key(&id)
    }

    /// The live slots matching every word and filter, ascending.
    fn matching(&self, words: &[String], f: &Filters) -> Vec<u32> {
        let mut lists: Vec<&Postings> = Vec::new();
        for w in words {
            for g in word_grams(w) {
                match self.grams.get(&g) {
                    Some(p) => lists.push(p),
                    None => return Vec::new(),
                }
            }
        }
        lists.sort_by_key(|p| p.len());
        let mut slots: Vec<u32> = match lists.split_first() {
            Some((first, rest)) => {
                let mut c = first.slots();
                for p in rest {
                    if c.is_empty() {
                        break;
                    }
                    p.retain_in(&mut c);
                }
                c
            }
            None => (0..u32::try_from(self.ids.len()).unwrap_or(u32::MAX)).collect(),
        };
        let kind = match &f.party_kind {
            None => None,
            Some(k) => match self.kinds.iter().position(|x| x == k) {
                Some(i) => Some(u8::try_from(i).unwrap_or(u8::MAX)),
                None => return Vec::new(),
            },
        };
        let from = f.from.map_or(i32::MIN, day);
        let to = f.to.map_or(i32::MAX, day);
        let visible = f.visible_on.map(day);
        slots.retain(|&s| {
            let s = s as usize;
            self.ids[s] != DEAD
                && f.agency_id.is_none_or(|a| self.agency[s] == a)
                && (from..=to).contains(&self.decided[s])
                && f.fine_min
                    .is_none_or(|m| self.fine[s] != NO_FINE && self.fine[s] >= m)
                && f.fine_max
                    .is_none_or(|m| self.fine[s] != NO_FINE && self.fine[s] <= m)
                && kind.is_none_or(|k| self.kind[s] == k)
                && visible.is_none_or(|v| self.until[s] != NO_DATE && self.until[s] >= v)
        });
        slots
    }

    /// The decisions matching every word and filter: how many in all, and `limit` of them from
    /// `offset` on, newest first.
    pub fn search(&self, words: &[String], f: &Filters, offset: usize, limit: usize) -> Hits {
        let slots = self.matching(words, f);
        let total = slots.len() as u64;
        // Decision day in the high half, id in the low half: larger is newer.
        let mut keys: Vec<u64> = slots
            .iter()
            .map(|&s| {
                let s = s as usize;
                (u64::from(self.decided[s].cast_unsigned() ^ 0x8000_0000) << 32)
                    | u64::from(self.ids[s].cast_unsigned() ^ 0x8000_0000)
            })
            .collect();
        let end = offset.saturating_add(limit).min(keys.len());
        if offset >= end {
            return Hits {
                total,
                ids: Vec::new(),
            };
        }
        if end < keys.len() {
            keys.select_nth_unstable_by(end - 1, |a, b| b.cmp(a));
            keys.truncate(end);
        }
        keys.sort_unstable_by(|a, b| b.cmp(a));
        Hits {
            total,
            ids: keys[offset..end]
                .iter()
                .map(|k| ((*k as u32) ^ 0x8000_0000).cast_signed())
                .collect(),
        }
    }

    /// Up to `limit` ids of matching decisions above `after`, ascending (bulk downloads page
    /// through every result this way).
    pub fn ids_after(&self, words: &[String], f: &Filters, after: i32, limit: usize) -> Vec<i32> {
        let mut ids: Vec<i32> = self
            .matching(words, f)
            .into_iter()
            .map(|s| self.ids[s as usize])
            .filter(|id| *id > after)
            .collect();
        let end = limit.min(ids.len());
        if end == 0 {
            return Vec::new();
        }
        if end < ids.len() {
            ids.select_nth_unstable(end - 1);
            ids.truncate(end);
        }
        ids.sort_unstable();
        ids
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    struct Doc {
        id: i32,
        texts: [String; 4],
        agency: i32,
        decided: NaiveDate,
        fine: Option<i64>,
        kind: &'static str,
        until: Option<NaiveDate>,
    }

    impl Doc {
        fn view(&self) -> IndexedDecision<'_> {
            IndexedDecision {
                id: self.id,
                texts: [
                    &self.texts[0],
                    &self.texts[1],
                    &self.texts[2],
                    &self.texts[3],
                ],
                agency_id: self.agency,
                decided_on: self.decided,
                fine_fen: self.fine,
                party_kind: self.kind,
                display_until: self.until,
            }
        }
    }

    fn doc(id: i32, body: &str) -> Doc {
        Doc {
            id,
            texts: [
                format!("行政处罚决定书 {id}"),
                format!("临市监罚〔2026〕{id}号"),
                "临江某某食品有限公司".to_owned(),
                body.to_owned(),
            ],
            agency: 1,
            decided: date("2026-06-01"),
            fine: Some(100_000),
            kind: "organisation",
            until: Some(date("2027-06-01")),
        }
    }

    fn words(q: &str) -> Vec<String> {
        q.split_whitespace().map(str::to_owned).collect()
    }

    fn all(index: &SearchIndex, q: &str, f: &Filters) -> Vec<i32> {
        index.search(&words(q), f, 0, usize::MAX).ids
    }

    #[test]
    fn folding_joins_widths_and_cases_and_separates_on_space() {
        assert_eq!(fold('Ａ'), Some('a'));
        assert_eq!(fold('９'), Some('9'));
        assert_eq!(fold('Q'), Some('q'));
        assert_eq!(fold('噪'), Some('噪'));
        assert_eq!(fold('％'), Some('%'));
        assert_eq!(fold(' '), None);
        assert_eq!(fold('\u{3000}'), None);
        assert_eq!(fold('\n'), None);
        assert_eq!(fold('\u{7}'), None);
        // A letter whose lower case is two characters stays as it is.
        assert_eq!(fold('İ'), Some('İ'));
    }

    #[test]
    fn words_need_their_character_or_their_pairs() {
        assert_eq!(word_grams("噪"), vec![single('噪')]);
        assert_eq!(word_grams("食品"), vec![pair('食', '品')]);
        let mut three = vec![pair('食', '品'), pair('品', '安')];
        three.sort_unstable();
        assert_eq!(word_grams("食品安"), three);
        // Repeated pairs count once; folded characters that vanish leave nothing.
        assert_eq!(word_grams("哈哈哈"), vec![pair('哈', '哈')]);
        assert!(word_grams("\u{7}").is_empty());
        assert!(word_grams("").is_empty());
        assert_eq!(word_grams("ＡＢ"), word_grams("ab"));
    }

    #[test]
    fn one_two_and_many_character_queries_find_their_decisions() {
        let mut index = SearchIndex::new();
        let docs = [
            doc(1, "当事人在经营场所使用超过保质期的食品原料。"),
            doc(2, "当事人夜间施工产生噪声，影响周边居民休息。"),
            doc(3, "当事人未取得许可擅自经营。"),
        ];
        for d in &docs {
            index.upsert(&d.view());
        }
        let f = Filters::default();
        assert_eq!(all(&index, "噪", &f), vec![2]);
        assert_eq!(all(&index, "食品原料", &f), vec![1]);
        assert_eq!(
            all(&index, "食品", &f),
            vec![3, 2, 1],
            "the party name has 食品"
        );
        assert_eq!(all(&index, "当事人", &f), vec![3, 2, 1]);
        assert_eq!(all(&index, "噪声 居民", &f), vec![2]);
        assert_eq!(all(&index, "噪声 许可", &f), Vec::<i32>::new());
        assert_eq!(all(&index, "2026〕2号", &f), vec![2]);
        assert_eq!(all(&index, "不存在", &f), Vec::<i32>::new());
        assert_eq!(
            all(&index, "", &f),
            vec![3, 2, 1],
            "no words: every decision"
        );
        // Pairs do not span fields or white space.
        assert_eq!(all(&index, "司当", &f), Vec::<i32>::new());
        assert_eq!(all(&index, "书1", &f), Vec::<i32>::new());
    }

    #[test]
    fn hostile_text_is_just_text() {
        let mut index = SearchIndex::new();
        index.upsert(&doc(1, "罚款100%的说法不成立；\"引号\" 与 * 号").view());
        index.upsert(&doc(2, "正常文本").view());
        let f = Filters::default();
        assert_eq!(all(&index, "100%", &f), vec![1]);
        assert_eq!(all(&index, "%", &f), vec![1]);
        assert_eq!(all(&index, "*", &f), vec![1]);
        assert_eq!(all(&index, "\"引号\"", &f), vec![1]);
        assert_eq!(all(&index, "' OR 1=1 --", &f), Vec::<i32>::new());
        assert_eq!(all(&index, "NEAR(a b) AND", &f), Vec::<i32>::new());
        let long = "食".repeat(10_000);
        assert_eq!(all(&index, &long, &f), Vec::<i32>::new());
    }

    #[test]
    fn filters_each_narrow_the_results() {
        let mut index = SearchIndex::new();
        let mut a = doc(1, "甲");
        a.agency = 7;
        a.decided = date("2026-01-10");
        a.fine = Some(5_000);
        let mut b = doc(2, "甲");
        b.kind = "natural_person";
        b.fine = None;
        let mut c = doc(3, "甲");
        c.until = Some(date("2026-11-30"));
        let mut d = doc(4, "甲");
        d.until = None;
        for x in [&a, &b, &c, &d] {
            index.upsert(&x.view());
        }
        let f = |g: &dyn Fn(&mut Filters)| {
            let mut f = Filters::default();
            g(&mut f);
            all(&index, "甲", &f)
        };
        assert_eq!(f(&|_| {}), vec![4, 3, 2, 1]);
        assert_eq!(f(&|f| f.agency_id = Some(7)), vec![1]);
        assert_eq!(f(&|f| f.agency_id = Some(99)), Vec::<i32>::new());
        assert_eq!(f(&|f| f.from = Some(date("2026-02-01"))), vec![4, 3, 2]);
        assert_eq!(f(&|f| f.to = Some(date("2026-01-10"))), vec![1]);
        assert_eq!(f(&|f| f.fine_min = Some(5_001)), vec![4, 3]);
        assert_eq!(f(&|f| f.fine_max = Some(5_000)), vec![1]);
        assert_eq!(
            f(&|f| f.fine_min = Some(0)),
            vec![4, 3, 1],
            "no fine, no match"
        );
        assert_eq!(
            f(&|f| f.party_kind = Some("natural_person".into())),
            vec![2]
        );
        assert_eq!(
            f(&|f| f.party_kind = Some("nobody".into())),
            Vec::<i32>::new()
        );
        assert_eq!(
            f(&|f| f.visible_on = Some(date("2026-12-01"))),
            vec![2, 1],
            "ended and undated display periods are off the portal"
        );
        assert_eq!(
            f(&|f| f.visible_on = Some(date("2026-11-30"))),
            vec![3, 2, 1]
        );
    }

    #[test]
    fn replacing_and_removing_keep_one_entry_per_decision() {
        let mut index = SearchIndex::new();
        index.upsert(&doc(1, "旧的事实").view());
        index.upsert(&doc(2, "旧的事实").view());
        let f = Filters::default();
        // Same text, new columns: replaced in place.
        let mut moved = doc(1, "旧的事实");
        moved.agency = 5;
        index.upsert(&moved.view());
        assert_eq!(index.dead_slots(), 0);
        assert_eq!(
            all(
                &index,
                "旧的",
                &Filters {
                    agency_id: Some(5),
                    ..Filters::default()
                }
            ),
            vec![1]
        );
        // New text: the old grams no longer find it.
        index.upsert(&doc(1, "更正后的事实").view());
        assert_eq!(index.dead_slots(), 1);
        assert_eq!(all(&index, "旧的", &f), vec![2]);
        assert_eq!(all(&index, "更正", &f), vec![1]);
        assert_eq!(all(&index, "事实", &f), vec![2, 1]);
        assert_eq!(index.len(), 2);
        index.remove(1);
        index.remove(1);
        assert_eq!(all(&index, "事实", &f), vec![2]);
        assert!(!index.contains(1));
        assert_eq!(index.len(), 1);
        index.upsert(&doc(1, "重新公开").view());
        assert_eq!(all(&index, "事实", &f), vec![2]);
        assert_eq!(all(&index, "重新", &f), vec![1]);
    }

    #[test]
    fn pages_are_newest_first_then_by_id() {
        let mut index = SearchIndex::new();
        for id in 1..=45 {
            let mut d = doc(id, "同样的文本");
            d.decided = date("2026-01-01") + chrono::Days::new(u64::from((id % 5).cast_unsigned()));
            index.upsert(&d.view());
        }
        let f = Filters::default();
        let every = all(&index, "文本", &f);
        let mut expected: Vec<(NaiveDate, i32)> = (1..=45_i32)
            .map(|id| {
                (
                    date("2026-01-01") + chrono::Days::new(u64::from((id % 5).cast_unsigned())),
                    id,
                )
            })
            .collect();
        expected.sort_by(|a, b| b.cmp(a));
        assert_eq!(every, expected.iter().map(|e| e.1).collect::<Vec<_>>());
        let mut walked = Vec::new();
        for page in 0..3 {
            let hits = index.search(&words("文本"), &f, page * 20, 20);
            assert_eq!(hits.total, 45);
            walked.extend(hits.ids);
        }
        assert_eq!(walked, every);
        let past = index.search(&words("文本"), &f, 60, 20);
        assert_eq!(
            past,
            Hits {
                total: 45,
                ids: vec![]
            }
        );
        assert_eq!(index.ids_after(&words("文本"), &f, 40, 3), vec![41, 42, 43]);
        assert_eq!(index.ids_after(&words("文本"), &f, 44, 10), vec![45]);
        assert!(index.ids_after(&words("文本"), &f, 45, 10).is_empty());
    }

    /// A small deterministic generator (xorshift).
    struct Rng(u64);

    impl Rng {
        fn below(&mut self, n: u64) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0 % n
        }
    }

    /// The rules of the module doc, by brute force over the texts.
    fn brute(docs: &[Doc], removed: &[i32], q: &[String], f: &Filters) -> Vec<i32> {
        let folded = |s: &str| -> Vec<Vec<char>> {
            s.split(|c: char| fold(c).is_none())
                .map(|w| w.chars().filter_map(fold).collect())
                .collect()
        };
        let mut out: Vec<&Doc> = docs
            .iter()
            .filter(|d| !removed.contains(&d.id))
            .filter(|d| {
                let runs: Vec<Vec<char>> = d.texts.iter().flat_map(|t| folded(t)).collect();
                let has_char = |c: char| runs.iter().any(|r| r.contains(&c));
                let has_pair = |a: char, b: char| {
                    runs.iter()
                        .any(|r| r.windows(2).any(|w| w[0] == a && w[1] == b))
                };
                q.iter().all(|w| {
                    let cs: Vec<char> = w.chars().filter_map(fold).collect();
                    match cs.as_slice() {
                        [] => true,
                        [c] => has_char(*c),
                        _ => cs.windows(2).all(|p| has_pair(p[0], p[1])),
                    }
                })
            })
            .filter(|d| {
                f.agency_id.is_none_or(|a| d.agency == a)
                    && f.from.is_none_or(|x| d.decided >= x)
                    && f.to.is_none_or(|x| d.decided <= x)
                    && f.fine_min.is_none_or(|m| d.fine.is_some_and(|v| v >= m))
                    && f.fine_max.is_none_or(|m| d.fine.is_some_and(|v| v <= m))
                    && f.party_kind.as_deref().is_none_or(|k| d.kind == k)
                    && f.visible_on.is_none_or(|v| d.until.is_some_and(|u| u >= v))
            })
            .collect();
        out.sort_by(|a, b| (b.decided, b.id).cmp(&(a.decided, a.id)));
        out.iter().map(|d| d.id).collect()
    }

    #[test]
    fn the_index_answers_exactly_what_the_rules_say() {
        // A small alphabet so that grams repeat and the dense lists are exercised.
        let alphabet: Vec<char> = "食品安全噪声许可经营罚款Ａa1 ".chars().collect();
        let kinds = ["natural_person", "organisation", "individual_business"];
        for dense_min in [1, 3, 4096] {
            let mut rng = Rng(0x2545_F491_4F6C_DD1D ^ u64::from(dense_min));
            let mut index = SearchIndex::with_dense_min(dense_min);
            let mut docs: Vec<Doc> = Vec::new();
            let mut removed = Vec::new();
            let mut nonempty = 0;
            let text = |rng: &mut Rng, n: u64| -> String {
                (0..rng.below(n))
                    .map(|_| alphabet[rng.below(alphabet.len() as u64) as usize])
                    .collect()
            };
            for step in 0..600 {
                let id = i32::try_from(rng.below(150)).unwrap_or(0) + 1;
                if rng.below(10) == 0 {
                    index.remove(id);
                    removed.push(id);
                    continue;
                }
                let d = Doc {
                    id,
                    texts: [
                        text(&mut rng, 6),
                        text(&mut rng, 4),
                        text(&mut rng, 5),
                        text(&mut rng, 30),
                    ],
                    agency: i32::try_from(rng.below(3)).unwrap_or(0),
                    decided: date("2026-01-01") + chrono::Days::new(rng.below(40)),
                    fine: (rng.below(4) > 0).then(|| i64::try_from(rng.below(1000)).unwrap_or(0)),
                    kind: kinds[rng.below(3) as usize],
                    until: (rng.below(5) > 0)
                        .then(|| date("2026-01-20") + chrono::Days::new(rng.below(40))),
                };
                index.upsert(&d.view());
                removed.retain(|r| *r != id);
                docs.retain(|x| x.id != id);
                docs.push(d);
                if step % 50 == 49 {
                    for _ in 0..40 {
                        let q: Vec<String> = (0..rng.below(3))
                            .map(|_| text(&mut rng, 4))
                            .filter(|w| !w.trim().is_empty())
                            .map(|w| w.trim().to_owned())
                            .collect();
                        let f = Filters {
                            agency_id: (rng.below(3) == 0)
                                .then(|| i32::try_from(rng.below(3)).unwrap_or(0)),
                            from: (rng.below(3) == 0)
                                .then(|| date("2026-01-01") + chrono::Days::new(rng.below(40))),
                            to: (rng.below(3) == 0)
                                .then(|| date("2026-01-10") + chrono::Days::new(rng.below(40))),
                            fine_min: (rng.below(4) == 0)
                                .then(|| i64::try_from(rng.below(1000)).unwrap_or(0)),
                            fine_max: (rng.below(4) == 0)
                                .then(|| i64::try_from(rng.below(1000)).unwrap_or(0)),
                            party_kind: (rng.below(4) == 0)
                                .then(|| kinds[rng.below(3) as usize].to_owned()),
                            visible_on: (rng.below(2) == 0)
                                .then(|| date("2026-01-20") + chrono::Days::new(rng.below(40))),
                        };
                        let expected = brute(&docs, &removed, &q, &f);
                        nonempty += usize::from(!expected.is_empty() && !q.is_empty());
                        let got = index.search(&q, &f, 0, usize::MAX);
                        assert_eq!(
                            got.ids, expected,
                            "query {q:?} {f:?} (dense from {dense_min})"
                        );
                        assert_eq!(got.total, expected.len() as u64);
                        let page = index.search(&q, &f, 5, 7);
                        let want: Vec<i32> = expected.iter().skip(5).take(7).copied().collect();
                        assert_eq!(page.ids, want);
                        let mut by_id = expected.clone();
                        by_id.sort_unstable();
                        let after = by_id.get(2).copied().unwrap_or(0);
                        let want: Vec<i32> = by_id
                            .iter()
                            .filter(|i| **i > after)
                            .take(4)
                            .copied()
                            .collect();
                        assert_eq!(index.ids_after(&q, &f, after, 4), want);
                    }
                }
            }
            assert_eq!(
                index.len(),
                docs.iter().filter(|d| !removed.contains(&d.id)).count()
            );
            assert!(
                nonempty > 50,
                "the queries found something {nonempty} times only"
            );
        }
    }

    #[test]
    fn posting_lists_round_trip_through_both_encodings() {
        let slots: Vec<u32> = vec![0, 1, 2, 127, 128, 300, 16_383, 16_384, 2_000_000, 2_000_001];
        let mut sparse = Postings::Sparse {
            bytes: Vec::new(),
            last: 0,
            len: 0,
        };
        let mut dense = Postings::Dense {
            bits: Vec::new(),
            len: 0,
        };
        for s in &slots {
            sparse.push(*s);
            dense.push(*s);
        }
        assert_eq!(sparse.slots(), slots);
        assert_eq!(dense.slots(), slots);
        for list in [&sparse, &dense] {
            let mut c = vec![1, 3, 128, 129, 16_384, 2_000_001, 3_000_000];
            list.retain_in(&mut c);
            assert_eq!(c, vec![1, 128, 16_384, 2_000_001]);
        }
    }
}
