//! The rule engine: the spec's rules as a table of (id, function, what it
//! fixes), run in the spec's order, with any of them switched off by id, and an
//! [`Observer`] that sees every change a rule makes (for `zhprint check`).
//!
//! Order: A (cleanup, raw text) → F (protected spans masked) → B/C/E (marks) →
//! A5/D1/A6 (spaces, once the marks are full-width) → G2 (heading markers).

use std::borrow::Cow;
use std::collections::BTreeSet;

use super::chars::{is_han, PLACEHOLDER};
use super::protect::{protect, Masked};
use super::{brackets, cleanup, marks, numbers, punct, spacing, structure};

/// One rule of the spec: text in, text out (borrowed back when nothing changed).
type Apply = for<'a> fn(&'a str) -> Cow<'a, str>;

/// A rule: its spec id, its function, and the fix it makes, said in a few words.
pub struct Rule {
    pub id: &'static str,
    pub fixes: &'static str,
    apply: Apply,
}

const fn rule(id: &'static str, fixes: &'static str, apply: Apply) -> Rule {
    Rule { id, fixes, apply }
}

/// Spec A, on the raw paragraph. A8 (with NFC) after A7, so that a folded
/// letter composes with a combining mark that follows it; A3 trims once all
/// whitespace is a space token, and before A4, so that an indent is one change.
static CLEANUP: [Rule; 6] = [
    rule(
        "A1",
        "invisible character deleted",
        cleanup::a1_drop_invisible,
    ),
    rule(
        "A7",
        "full-width letter, digit or symbol folded",
        cleanup::a7_fold_width,
    ),
    rule(
        "A8",
        "radical or compatibility ideograph unified",
        cleanup::a8_unify_ideographs,
    ),
    rule(
        "A2",
        "odd whitespace made a plain space",
        cleanup::a2_space_tokens,
    ),
    rule(
        "A3",
        "space at the paragraph's edge trimmed",
        cleanup::a3_trim,
    ),
    rule("A4", "run of spaces collapsed", cleanup::a4_collapse_spaces),
];

/// Spec B/C/E, then the space rules and A7 once more, then G2, on masked text (spec F) of a
/// paragraph that holds Han. B7 takes its brackets before B5 does; B5 decides
/// brackets before the other marks see them; E runs first so that quotes are
/// curly when B looks at its neighbours.
static MARKS: [Rule; 22] = [
    rule(
        "B7",
        "document number year in 〔 〕",
        punct::b7_document_number,
    ),
    rule("E2", "corner quotes made curly", marks::e2_corner_quotes),
    rule("E3", "book-title marks made 《 》", marks::e3_title_marks),
    rule(
        "E1",
        "straight quotes made curly",
        marks::e1_straight_quotes,
    ),
    rule(
        "B5",
        "half-width brackets in Chinese text",
        brackets::b5_brackets,
    ),
    rule(
        "B1",
        "half-width comma or semicolon in Chinese text",
        punct::b1_comma_semicolon,
    ),
    rule("B3", "colon form", punct::b3_colon),
    rule(
        "B4",
        "half-width ? or ! in Chinese text",
        punct::b4_question_exclamation,
    ),
    rule(
        "B2",
        "half-width full stop in Chinese text",
        punct::b2_full_stop,
    ),
    rule("B6", "interpunct made ·", punct::b6_interpunct),
    rule("E7", "ellipsis made ……", marks::e7_ellipsis),
    rule("E8", "dash made ——", marks::e8_dash),
    rule(
        "C1",
        "decimal broken by a space",
        numbers::c1_broken_decimal,
    ),
    rule(
        "C3",
        "space between a number and its unit",
        numbers::c3_unit_space,
    ),
    rule("C4", "range mark form (— or ～)", numbers::c4_ranges),
    rule(
        "C5",
        "leading zero in a 年月日 date",
        numbers::c5_date_padding,
    ),
    rule(
        "A5",
        "space beside full-width punctuation",
        spacing::a5_fullwidth_punct_spaces,
    ),
    rule(
        "D1",
        "space between Chinese and Latin or digits",
        spacing::d1_cjk_latin_spaces,
    ),
    rule("A6", "space between Han characters", spacing::a6_han_spaces),
    // Again: a space that A5 or D1 removed can leave a full-width symbol beside a
    // digit ("1 ／加强" → "1／加强" → "1/加强"); found by cargo-fuzz.
    rule(
        "A7",
        "full-width letter, digit or symbol folded",
        cleanup::a7_fold_width,
    ),
    rule("G2", "heading marker form", structure::g2_markers),
    rule(
        "A3",
        "space at the paragraph's edge trimmed",
        cleanup::a3_trim,
    ),
];

/// The id of the F0 guard, which a publisher may switch off like a rule.
pub const F0: &str = "F0";

/// Every id that can be switched off, in the spec's order, each once.
pub fn rule_ids() -> Vec<&'static str> {
    let mut ids: Vec<&'static str> = Vec::new();
    for rule in CLEANUP.iter().chain(MARKS.iter()) {
        if !ids.contains(&rule.id) {
            ids.push(rule.id);
        }
    }
    ids.push(F0);
    ids
}

/// What a rule fixes, in a few words, by id.
pub fn rule_fixes(id: &str) -> &'static str {
    CLEANUP
        .iter()
        .chain(MARKS.iter())
        .find(|rule| rule.id == id)
        .map_or("", |rule| rule.fixes)
}

/// A rule id that no rule has (from the command line or a config file).
#[derive(Debug, thiserror::Error)]
#[error("unknown rule id '{id}' (known: {known})")]
pub struct UnknownRule {
    pub id: String,
    pub known: String,
}

/// Sees the engine at work: every change of a rule, the masking of protected
/// spans, and the rules' result being thrown away by the F0 guard.
pub trait Observer {
    fn changed(&mut self, _rule: &'static str, _before: &str, _after: &str) {}
    fn masked(&mut self, _before: &str, _masked: &Masked) {}
    fn rejected(&mut self) {}
    fn finished(&mut self, _masked_result: &str) {}
}

/// The observer of plain normalization: sees nothing, costs nothing.
impl Observer for () {}

/// The rules to run: all of them, or all but those a house style switched off.
#[derive(Debug, Clone)]
pub struct Normalizer {
    disabled: BTreeSet<&'static str>,
    cleanup: Vec<&'static Rule>,
    marks: Vec<&'static Rule>,
}

impl Default for Normalizer {
    fn default() -> Self {
        Normalizer::with_disabled(BTreeSet::new())
    }
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id)
    }
}

impl Normalizer {
    /// All rules but the ones named (ids as in the spec: "A6", "C4", …; "F0" the guard).
    pub fn without<S: AsRef<str>>(disabled: &[S]) -> Result<Self, UnknownRule> {
        let ids = rule_ids();
        let mut set = BTreeSet::new();
        for id in disabled {
            let id = id.as_ref().trim();
            match ids.iter().find(|known| known.eq_ignore_ascii_case(id)) {
                Some(known) => set.insert(*known),
                None => {
                    return Err(UnknownRule {
                        id: id.to_string(),
                        known: ids.join(", "),
                    })
                }
            };
        }
        Ok(Normalizer::with_disabled(set))
    }

    fn with_disabled(disabled: BTreeSet<&'static str>) -> Self {
        let enabled = |rules: &'static [Rule]| -> Vec<&'static Rule> {
            rules
                .iter()
                .filter(|rule| !disabled.contains(rule.id))
                .collect()
        };
        Normalizer {
            cleanup: enabled(&CLEANUP),
            marks: enabled(&MARKS),
            disabled,
        }
    }

    /// Whether the rule `id` runs.
    pub fn runs(&self, id: &str) -> bool {
        !self.disabled.contains(id)
    }

    /// The ids switched off.
    pub fn disabled(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.disabled.iter().copied()
    }

    /// Runs `rule` on `text`; tells `seen` and gives the new text when it changed.
    fn step<O: Observer>(rule: &Rule, text: &str, seen: &mut O) -> Option<String> {
        match (rule.apply)(text) {
            Cow::Owned(new) if new != text => {
                seen.changed(rule.id, text, &new);
                Some(new)
            }
            _ => None,
        }
    }

    /// Normalize one paragraph, telling `seen` what happens. Never adds a line
    /// break; a paragraph of nothing but whitespace and invisible characters becomes "".
    pub(crate) fn run<O: Observer>(&self, text: &str, seen: &mut O) -> String {
        // One scan tells whether A1, A7, A8 and A2 can skip theirs (most paragraphs).
        let plain = cleanup::nothing_for_a1_a7_a8_a2(text);
        let mut cleaned = Cow::Borrowed(text);
        for rule in &self.cleanup {
            if plain && matches!(rule.id, "A1" | "A7" | "A8" | "A2") {
                continue;
            }
            if let Some(new) = Self::step(rule, &cleaned, seen) {
                cleaned = Cow::Owned(new);
            }
        }
        // Spec B: "A paragraph with no Han character at all is left alone".
        if !cleaned.chars().any(is_han) {
            return cleaned.into_owned();
        }
        let masked = protect(&cleaned);
        seen.masked(&cleaned, &masked);
        // A mark's context can be a mark that a later rule converts ("a:;" needs B3
        // before B1 sees "："), so the rules run in a cycle until every one of them
        // has left the text unchanged since the last change: a fixed point, so
        // normalizing again changes nothing (tested). After a change by rule k,
        // that costs rules 0..=k once more, not a whole pass. Every rule only moves
        // text towards its normal form; the cap guards against a pathological input.
        // Real text settles in one or two passes; chains where each pass converts one
        // more link (")))).)))),))))?))))" after Han: B4 makes "？", then B5 the ")"
        // after it) take one pass per link, and cargo-fuzz found one of five.
        const MAX_PASSES: usize = 64;
        let rules = &self.marks;
        let mut ruled = masked.text.clone();
        // No rule makes a character A7 folds, so its second run is idle without one.
        let fold_again = cleanup::may_fold(ruled.as_bytes());
        let mut unchanged_run = 0;
        for rule in rules.iter().cycle().take(MAX_PASSES * rules.len()) {
            if unchanged_run == rules.len() {
                break;
            }
            if rule.id == "A7" && !fold_again {
                unchanged_run += 1;
                continue;
            }
            match Self::step(rule, &ruled, seen) {
                Some(new) => {
                    ruled = new;
                    unchanged_run = 0;
                }
                None => unchanged_run += 1,
            }
        }
        // Spec F0: the words, letters and digits are never touched. Should a rule
        // ever break that, the paragraph keeps its cleanup and loses the rest.
        let untouched = ruled == masked.text;
        if !untouched && !self.disabled.contains(F0) && f0_key(&masked.text) != f0_key(&ruled) {
            seen.rejected();
            seen.finished(&masked.text);
            return cleaned.into_owned();
        }
        seen.finished(&ruled);
        Masked::restore(&ruled, masked.spans())
    }
}

/// What F0 compares, as a count and an order-sensitive hash: the Han
/// characters, letters, digits and protected spans of a masked paragraph in order,
/// after the changes B–G may make (G2 `㈠`→`（一）`, C5 `03月`→`3月`).
fn f0_key(masked: &str) -> (usize, u64) {
    let mut key = (0usize, 0u64);
    let mut add = |c: char| {
        key.0 += 1;
        key.1 = key
            .1
            .wrapping_mul(0x100_0000_01B3)
            .wrapping_add(u64::from(c));
    };
    let mut previous = None;
    let mut pending_zero = false;
    for c in masked.chars() {
        if pending_zero {
            // C5: "年03月" and "月07日" lose the zero; so does the key.
            pending_zero = false;
            if !('1'..='9').contains(&c) {
                add('0');
            }
        }
        // The common classes first: ASCII, then the main Han block.
        let significant = if c.is_ascii() {
            c.is_ascii_alphanumeric()
        } else {
            ('\u{4E00}'..='\u{9FFF}').contains(&c) || is_han(c) || c == PLACEHOLDER
        };
        if significant {
            if c == '0' && matches!(previous, Some('年' | '月')) {
                pending_zero = true;
            } else {
                add(c);
            }
            previous = Some(c);
        } else if let Some(marker) = structure::enclosed_marker(c) {
            marker
                .chars()
                .filter(|m| is_han(*m) || m.is_ascii_digit())
                .for_each(&mut add);
        }
    }
    if pending_zero {
        add('0');
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_switch_off_by_id() {
        let keep_ranges = Normalizer::without(&["c4"]).unwrap();
        assert_eq!(
            keep_ranges.run("纲要(2021-2025年)", &mut ()),
            "纲要（2021-2025年）"
        );
        let all = Normalizer::default();
        assert_eq!(all.run("纲要(2021-2025年)", &mut ()), "纲要（2021—2025年）");
        let err = Normalizer::without(&["Z9"]).unwrap_err();
        assert!(err.to_string().contains("'Z9'"), "{err}");
        assert!(err.to_string().contains("A1, A7"), "{err}");
    }

    #[test]
    fn every_rule_id_is_a_spec_id() {
        for id in rule_ids() {
            let ok = id.len() == 2
                && id.starts_with(['A', 'B', 'C', 'D', 'E', 'F', 'G'])
                && id[1..].chars().all(|c| c.is_ascii_digit());
            assert!(ok, "{id}");
            assert!(id == F0 || !rule_fixes(id).is_empty(), "{id}");
        }
    }

    #[test]
    fn f0_key_allows_only_the_named_folds() {
        let same = |a: &str, b: &str| f0_key(a) == f0_key(b);
        assert!(same("2022年03月07日", "2022年3月7日"));
        assert!(same("㈠营商", "（一）营商"));
        assert!(same("⒛营商", "20.营商"));
        assert!(!same("3.6小时", "6.3小时"));
        assert!(!same("工作\u{FDD0}", "工作"));
        assert!(!same("2022年", "222年"));
    }

    /// Records the rule ids that changed something, in order.
    #[derive(Default)]
    struct Ids(Vec<&'static str>);

    impl Observer for Ids {
        fn changed(&mut self, rule: &'static str, _before: &str, _after: &str) {
            self.0.push(rule);
        }
    }

    #[test]
    fn observer_sees_each_rule_that_changed_the_text() {
        let mut ids = Ids::default();
        let out = Normalizer::default().run("    调解成功 22081件,调解成功率99. 1%", &mut ids);
        assert_eq!(out, "调解成功22081件，调解成功率99.1%");
        assert_eq!(ids.0, ["A3", "B1", "C1", "D1"]);
    }
}
