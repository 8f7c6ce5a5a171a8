//! Chinese full-text search on D1's FTS5.
//!
//! Two tables index the same job text (`jobs::search_text`):
//! - `jobs_fts` with `tokenize='trigram'` over `normalize(text)`: substring
//!   search for terms of 3 or more characters (钢筋工, 挖掘机). Trigram cannot
//!   match shorter terms.
//! - `jobs_fts_bigram` with the default `unicode61` tokenizer over `bigrams(text)`:
//!   Chinese runs become overlapping 2-character tokens, so 2-character terms
//!   (木工, 电焊) are whole tokens, and longer terms are phrases of bigrams.
//!
//! Both sides (stored text and query) go through the same `normalize`, so
//! full-width letters, case and punctuation never decide a match.
//!
//! Known limit of the bigram table: a lone Chinese character at the *start* of
//! a mixed term (焊A) only matches where it also stands alone in the text.
//!
//! `plan` picks the table and builds the MATCH expression. The expression is only
//! ever bound as a parameter (`… WHERE jobs_fts MATCH ?1`), never spliced into SQL,
//! and every term in it is a double-quoted FTS5 string, so user input cannot
//! reach FTS5 syntax (AND, OR, NEAR, `*`, `^`, column filters).

/// Terms shorter than this are dropped (one character matches almost everything).
pub const MIN_TERM_CHARS: usize = 2;
/// The trigram table answers only when every term has at least this many characters.
pub const TRIGRAM_MIN_CHARS: usize = 3;
/// Further terms are ignored.
pub const MAX_TERMS: usize = 8;

/// Which FTS5 table to ask, with the MATCH expression to bind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SearchPlan {
    /// Every term has 3+ characters: `jobs_fts MATCH ?`.
    Trigram(String),
    /// Some term has 2 characters: `jobs_fts_bigram MATCH ?`.
    Bigram(String),
    /// Nothing searchable was typed (blank, symbols only, or single characters).
    None,
}

impl SearchPlan {
    /// The MATCH expression, if any.
    pub fn fts_query(&self) -> Option<&str> {
        match self {
            SearchPlan::Trigram(q) | SearchPlan::Bigram(q) => Some(q),
            SearchPlan::None => None,
        }
    }
}

/// Chinese characters (CJK unified ideographs and their extensions, 〇).
fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3007 | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

/// Full-width ASCII (from Chinese input methods) as ASCII, then lower case.
fn fold(c: char) -> char {
    let c = match c as u32 {
        0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        0x3000 => ' ',
        _ => c,
    };
    c.to_lowercase().next().unwrap_or(c)
}

/// The input as the tables see it: full-width folded, lower case, every
/// character that is not a letter or digit (FTS5 syntax included) turned into
/// a space, spaces collapsed, trimmed.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().map(fold) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// A piece of a word: a run of Chinese characters, or a run of other letters and digits.
#[derive(Debug, PartialEq)]
enum Segment<'a> {
    Han(&'a str),
    Other(&'a str),
}

/// Splits one normalised word (no spaces) into Chinese and other runs.
fn segments(word: &str) -> Vec<Segment<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut han = None;
    for (i, c) in word.char_indices() {
        let h = is_han(c);
        if han.is_some_and(|was| was != h) {
            out.push(if han == Some(true) {
                Segment::Han(&word[start..i])
            } else {
                Segment::Other(&word[start..i])
            });
            start = i;
        }
        han = Some(h);
    }
    if start < word.len() {
        out.push(if han == Some(true) {
            Segment::Han(&word[start..])
        } else {
            Segment::Other(&word[start..])
        });
    }
    out
}

/// The tokens of one Chinese run: overlapping pairs, or the character itself when alone.
fn han_tokens(run: &str, out: &mut Vec<String>) {
    let chars: Vec<char> = run.chars().collect();
    if chars.len() == 1 {
        out.push(chars[0].to_string());
    } else {
        out.extend(chars.windows(2).map(|w| w.iter().collect::<String>()));
    }
}

/// The text for the bigram table: `木工师傅 C1驾照` → `木工 工师 师傅 c1 驾照`.
/// Other letters and digits stay whole words, as `unicode61` would index them.
pub fn bigrams(text: &str) -> String {
    let mut tokens = Vec::new();
    for word in normalize(text).split(' ') {
        for seg in segments(word) {
            match seg {
                Segment::Han(run) => han_tokens(run, &mut tokens),
                Segment::Other(w) => tokens.push(w.to_string()),
            }
        }
    }
    tokens.join(" ")
}

/// An FTS5 string: in double quotes, inner double quotes doubled. Whatever it
/// holds is then text to match, never an operator.
pub fn quote(term: &str) -> String {
    format!("\"{}\"", term.replace('"', "\"\""))
}

/// The search terms: normalised words, without FTS5 operator words typed in
/// capitals (AND, OR, NOT, NEAR), without 1-character words, without repeats.
pub fn terms(q: &str) -> Vec<String> {
    // Operators are recognised before case folding, as FTS5 does (only capitals are operators).
    let spaced: String = q
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let kept: Vec<&str> = spaced
        .split_whitespace()
        .filter(|w| !matches!(*w, "AND" | "OR" | "NOT" | "NEAR"))
        .collect();
    let mut out: Vec<String> = Vec::new();
    for word in normalize(&kept.join(" ")).split(' ') {
        if word.chars().count() >= MIN_TERM_CHARS
            && !out.iter().any(|t| t == word)
            && out.len() < MAX_TERMS
        {
            out.push(word.to_string());
        }
    }
    out
}

/// The bigram-table form of one term: a phrase of its tokens. A trailing lone
/// Chinese character or Latin word becomes a prefix (`"a 焊"*` finds A焊工).
fn bigram_phrase(term: &str) -> String {
    let segs = segments(term);
    let mut tokens = Vec::new();
    for seg in &segs {
        match seg {
            Segment::Han(run) => han_tokens(run, &mut tokens),
            Segment::Other(w) => tokens.push(w.to_string()),
        }
    }
    let prefix = match segs.last() {
        Some(Segment::Han(run)) => run.chars().count() == 1,
        Some(Segment::Other(_)) => true,
        None => false,
    };
    let phrase = quote(&tokens.join(" "));
    if prefix {
        format!("{phrase}*")
    } else {
        phrase
    }
}

/// Plans the search for what a worker typed. All terms must match (AND).
pub fn plan(q: &str) -> SearchPlan {
    let terms = terms(q);
    if terms.is_empty() {
        return SearchPlan::None;
    }
    if terms.iter().all(|t| t.chars().count() >= TRIGRAM_MIN_CHARS) {
        SearchPlan::Trigram(
            terms
                .iter()
                .map(|t| quote(t))
                .collect::<Vec<_>>()
                .join(" AND "),
        )
    } else {
        SearchPlan::Bigram(
            terms
                .iter()
                .map(|t| bigram_phrase(t))
                .collect::<Vec<_>>()
                .join(" AND "),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_character_trades_use_the_bigram_table() {
        assert_eq!(plan("木工"), SearchPlan::Bigram("\"木工\"".into()));
        assert_eq!(plan(" 电焊 "), SearchPlan::Bigram("\"电焊\"".into()));
        // A document mentioning the trade has the same token.
        assert!(bigrams("招木工5名,日结").split(' ').any(|t| t == "木工"));
        assert!(bigrams("急招电焊工 二保焊").split(' ').any(|t| t == "电焊"));
    }

    #[test]
    fn three_or_more_characters_use_the_trigram_table() {
        assert_eq!(plan("钢筋工"), SearchPlan::Trigram("\"钢筋工\"".into()));
        assert_eq!(
            plan("钢筋工 挖掘机"),
            SearchPlan::Trigram("\"钢筋工\" AND \"挖掘机\"".into())
        );
        assert_eq!(plan("钢筋工").fts_query(), Some("\"钢筋工\""));
    }

    #[test]
    fn a_short_term_sends_the_whole_query_to_bigrams_as_phrases() {
        assert_eq!(
            plan("钢筋工 日结"),
            SearchPlan::Bigram("\"钢筋 筋工\" AND \"日结\"".into())
        );
        assert_eq!(bigrams("钢筋工日结"), "钢筋 筋工 工日 日结");
    }

    #[test]
    fn mixed_latin_and_chinese() {
        assert_eq!(bigrams("木工师傅 C1驾照"), "木工 工师 师傅 c1 驾照");
        assert_eq!(plan("C1驾照"), SearchPlan::Trigram("\"c1驾照\"".into()));
        assert_eq!(
            plan("C1 驾照"),
            SearchPlan::Bigram("\"c1\"* AND \"驾照\"".into())
        );
        assert_eq!(plan("a焊"), SearchPlan::Bigram("\"a 焊\"*".into()));
        assert_eq!(bigrams("Ａ焊工"), "a 焊工");
        // Full-width letters and digits from Chinese input methods fold to ASCII.
        assert_eq!(
            plan("ＣＡＤ制图"),
            SearchPlan::Trigram("\"cad制图\"".into())
        );
        assert_eq!(bigrams("焊 工"), "焊 工");
    }

    #[test]
    fn quotes_and_fts_syntax_never_reach_fts5() {
        assert_eq!(
            plan("\"木工\" OR 1=1"),
            SearchPlan::Bigram("\"木工\"".into())
        );
        assert_eq!(
            plan("木工 OR 电焊"),
            SearchPlan::Bigram("\"木工\" AND \"电焊\"".into())
        );
        assert_eq!(
            plan("木工 AND NOT 电焊"),
            SearchPlan::Bigram("\"木工\" AND \"电焊\"".into())
        );
        assert_eq!(
            plan("NEAR(钢筋工 混凝土, 5)"),
            SearchPlan::Trigram("\"钢筋工\" AND \"混凝土\"".into())
        );
        assert_eq!(plan("电焊*"), SearchPlan::Bigram("\"电焊\"".into()));
        assert_eq!(
            plan("title:木工 ^钢筋"),
            SearchPlan::Bigram("\"title\"* AND \"木工\" AND \"钢筋\"".into())
        );
        assert_eq!(
            plan("木工\"; DROP TABLE jobs; --"),
            SearchPlan::Bigram("\"木工\" AND \"drop\"* AND \"table\"* AND \"jobs\"*".into())
        );
        // Lower-case words are ordinary words, as in FTS5.
        assert_eq!(
            plan("rock and roll"),
            SearchPlan::Trigram("\"rock\" AND \"and\" AND \"roll\"".into())
        );
        for q in [
            "木工\"",
            "\"\"\"",
            "a\"b\"c 木工",
            "(木工) {电焊}",
            "木工 -电焊 +钢筋",
        ] {
            let fts = plan(q).fts_query().unwrap_or("").to_string();
            assert_balanced_quotes(&fts);
        }
    }

    /// Outside quoted strings only the AND keyword, spaces and `*` may appear.
    fn assert_balanced_quotes(fts: &str) {
        let mut inside = false;
        let mut outside = String::new();
        for c in fts.chars() {
            if c == '"' {
                inside = !inside;
            } else if !inside {
                outside.push(c);
            }
        }
        assert!(!inside, "unbalanced: {fts}");
        assert!(
            outside
                .replace("AND", "")
                .chars()
                .all(|c| c == ' ' || c == '*'),
            "{fts}"
        );
    }

    /// What FTS5 does with a bigram-table MATCH (checked against SQLite 3.40:
    /// phrases of consecutive tokens, `*` making the last token a prefix, AND).
    fn bigram_table_matches(fts: &str, doc: &str) -> bool {
        let tokens: Vec<String> = bigrams(doc).split(' ').map(String::from).collect();
        fts.split(" AND ").all(|phrase| {
            let prefix = phrase.ends_with('*');
            let inner = phrase
                .trim_end_matches('*')
                .trim_matches('"')
                .replace("\"\"", "\"");
            let want: Vec<&str> = inner.split(' ').collect();
            tokens.windows(want.len()).any(|w| {
                w.iter().zip(&want).enumerate().all(|(i, (have, want_t))| {
                    if prefix && i == want.len() - 1 {
                        have.starts_with(want_t)
                    } else {
                        have == want_t
                    }
                })
            })
        })
    }

    #[test]
    fn two_character_queries_find_their_jobs() {
        let docs = [
            "招木工5名,日结 蜀山区",
            "急招电焊工 二保焊 包河区",
            "钢筋工 日结 工地",
            "钢筋 工地日结",
            "A焊工 C1驾照 货车司机",
        ];
        let found = |q: &str| -> Vec<usize> {
            let SearchPlan::Bigram(fts) = plan(q) else {
                panic!("{q} should use the bigram table")
            };
            (0..docs.len())
                .filter(|i| bigram_table_matches(&fts, docs[*i]))
                .collect()
        };
        assert_eq!(found("木工"), [0]);
        assert_eq!(found("电焊"), [1]);
        assert_eq!(found("日结"), [0, 2, 3]);
        assert_eq!(found("钢筋工 日结"), [2]);
        assert_eq!(found("c1 驾照"), [4]);
        assert_eq!(found("a焊"), [4]);
        // OR typed by a worker is no operator: both words must match, and no job has both.
        assert_eq!(found("木工 OR 电焊"), Vec::<usize>::new());
    }

    #[test]
    fn quoting_doubles_inner_quotes() {
        assert_eq!(quote("木工"), "\"木工\"");
        assert_eq!(quote("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(quote(""), "\"\"");
    }

    #[test]
    fn nothing_searchable_plans_nothing() {
        for q in [
            "",
            "   ",
            "焊",
            "* ^ ( ) : \" -",
            "AND OR NOT NEAR",
            "a b c",
            ",。!",
        ] {
            assert_eq!(plan(q), SearchPlan::None, "{q:?}");
        }
        assert_eq!(SearchPlan::None.fts_query(), None);
    }

    #[test]
    fn repeats_are_dropped_and_terms_capped() {
        assert_eq!(
            plan("木工 木工 木工"),
            SearchPlan::Bigram("\"木工\"".into())
        );
        let many = "一一 二二 三三 四四 五五 六六 七七 八八 九九 十十";
        assert_eq!(terms(many).len(), MAX_TERMS);
    }

    #[test]
    fn normalise_trims_and_collapses() {
        assert_eq!(
            normalize("  木工\u{3000}\u{3000}电焊,  钢筋工!!"),
            "木工 电焊 钢筋工"
        );
        assert_eq!(normalize("ＡＢＣ１２３"), "abc123");
        assert_eq!(bigrams(""), "");
    }
}
