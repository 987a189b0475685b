//! What each rule id means, for `zhprint rules` and `docs/rules.md`: the ids are what
//! `--disable`, `zhprint.toml` and `zhprint check` speak. The names come from the
//! engine's own table; the examples are run through the engine when shown, so what
//! they show is what the rules do (a test checks that each example needs its rule).

use super::engine::{rule_fixes, rule_ids, F0};
use super::Normalizer;

/// A rule explained: why it exists, and inputs that show it.
struct Doc {
    id: &'static str,
    explains: &'static str,
    examples: &'static [&'static str],
}

const fn doc(id: &'static str, explains: &'static str, examples: &'static [&'static str]) -> Doc {
    Doc {
        id,
        explains,
        examples,
    }
}

static DOCS: &[Doc] = &[
    doc(
        "A1",
        "Deletes invisible format characters left by web editors: zero-width space, \
         joiner and non-joiner (not inside emoji), word joiner, BOM, soft hyphen, \
         variation selectors after non-Han text. They break search and may print as \
         empty boxes.",
        &["法治\u{200B}政府建设", "\u{FEFF}太原市人民政府"],
    ),
    doc(
        "A7",
        "Folds full-width letters, digits and the symbols ％ ＋ － ． ／ ＠ ＃ ＆ ＊ ＝ ＜ ＞ \
         next to them to half-width (GB/T 15835: Arabic numerals are half-width). \
         Full-width Chinese punctuation (，。：；？！（）…) is never folded.",
        &["ＣＯＶＩＤ－１９疫情", "增长２５．３７％"],
    ),
    doc(
        "A8",
        "Maps Kangxi radicals and CJK radical supplements to the ideographs they look \
         like, and applies NFC (compatibility ideographs to unified ones). Copied PDF \
         and Word text carries look-alikes that break heading detection (\u{2F00}、 is not 一、) \
         and search.",
        &["\u{2F00}、总体要求"],
    ),
    doc(
        "A2",
        "Turns every other kind of whitespace (tab, no-break space, figure and thin \
         spaces, an ideographic space not between two hanzi) into a plain space, so \
         that the space rules see one kind.",
        &["New\u{00A0}Deal项目"],
    ),
    doc(
        "A3",
        "Trims whitespace at both ends of a paragraph. The first-line indent (左空二字) \
         is layout, applied by the editions, never text.",
        &["\u{3000}\u{3000}太原市2021年法治政府建设年度报告"],
    ),
    doc(
        "A4",
        "Collapses runs of spaces to one: print has no meaningful double spaces.",
        &["GB/T   9704规定了公文格式"],
    ),
    doc(
        "B7",
        "Puts the year of a document number (发文字号) in 六角括号 〔 〕, as GB/T 9704 7.2.5 \
         prescribes.",
        &["晋政发[2021]15号"],
    ),
    doc(
        "E2",
        "Turns corner quotes 「」 and 『』 into “” and ‘’, the quotes of horizontal \
         simplified Chinese.",
        &["「法治政府」建设"],
    ),
    doc(
        "E3",
        "Turns << >> and 《 >> into the book-title marks 《 》. A single < > is left \
         alone (it may be mathematics or markup).",
        &["学习<<中华人民共和国宪法>>"],
    ),
    doc(
        "E1",
        "Pairs straight quotes in Chinese text into “ ” and ‘ ’, left to right within \
         a paragraph. An odd count is not guessed at: it is reported instead.",
        &["被评为\"全省法治政府建设示范市\""],
    ),
    doc(
        "B5",
        "Makes ( ) full-width （ ） as a pair when they hold Chinese, follow Chinese, or \
         open a paragraph with a heading number; f(x) and Hello (world) stay.",
        &["各县(市、区)", "地区生产总值(GDP)增长"],
    ),
    doc(
        "B1",
        "Makes , and ; full-width in Chinese text, except between two digits or \
         letters: 1,000 and 1,200万元 keep their thousands separator.",
        &["2021年,全市地区生产总值增长9.2%;"],
    ),
    doc(
        "B3",
        "Makes : full-width in Chinese text, but keeps it in times (10:30), ratios \
         (1:500) and URLs, and makes a full-width one between digits half-width.",
        &["主要做法如:营商环境", "会议于１０：３０开始"],
    ),
    doc(
        "B4",
        "Makes ? and ! full-width after Chinese text; never inside a URL or an English \
         sentence.",
        &["为什么?", "太好了!"],
    ),
    doc(
        "B2",
        "Makes . the full stop 。 after Chinese text at a sentence's end; never a \
         decimal point (3.6), an abbreviation (U.S.) or a list number (1.).",
        &["要坚持问题导向."],
    ),
    doc(
        "B6",
        "Makes • ・ ‧ and ● between two hanzi or two digits the interpunct ·, as in \
         foreign names and dates such as 3·15.",
        &["卡尔•马克思"],
    ),
    doc(
        "E7",
        "Makes ..., 。。。, a single … and ⋯⋯ the ellipsis …… (two U+2026) in Chinese text; \
         English ... stays.",
        &["加强组织领导等等..."],
    ),
    doc(
        "E8",
        "Makes --, －－, ―― and the like between Chinese text the dash —— (two U+2014). \
         A single — between hanzi is a range mark (北京—上海) and stays.",
        &["法治政府--人民满意"],
    ),
    doc(
        "C1",
        "Repairs decimals broken by a space (3. 6 → 3.6): a value is one token. At a \
         paragraph's start 1. 5G… is a list number and stays, with a warning.",
        &["平均办理时间缩短3. 6小时", "占比44. 5%"],
    ),
    doc(
        "C3",
        "Deletes the space between a number and %, ‰, ℃ or a Chinese unit.",
        &["同比增长8.1 %"],
    ),
    doc(
        "C4",
        "Writes ranges as GB/T 15834 says: years, months, times and ordinals with the \
         一字线 — (2021—2025年), values with the 浪纹线 ～ (15%～30%). Dates in the \
         2022-03-07 form, phone numbers and codes such as GB/T 9704-2012 keep their -.",
        &["十四五时期(2021-2025年)", "降低15%-30%"],
    ),
    doc(
        "C5",
        "Drops leading zeros from the month and day of a 年月日 date (GB/T 9704: 月、日不编\
         虚位); 2022-03-07 stays.",
        &["2022年03月07日"],
    ),
    doc(
        "A5",
        "Deletes spaces beside full-width punctuation: the marks carry their own space.",
        &["增长99.1% ，居全省第一", "来源： 太原市人民政府"],
    ),
    doc(
        "D1",
        "Deletes spaces between Chinese and Latin letters or digits: official style sets \
         them flush, and the 28-character grid counts full-width cells. Spaces between \
         two Latin words stay.",
        &["推进 5G 网络建设", "使用 Rust 语言"],
    ),
    doc(
        "A6",
        "Deletes a space between two hanzi (a web artefact), except an ideographic space \
         already there (王　伟); inside quotes or a book title it becomes one ideographic \
         space (“诚信太原　放心消费”).",
        &["市政府 主要领导", "“诚信太原 放心消费”"],
    ),
    doc(
        "G2",
        "Writes heading numbers as GB/T 9704 7.3.3 does: 一、 （一） 1. （1）, so that \
         headings are recognised (一. → 一、, (1) → （1）, ㈠ → （一）). A number's value \
         never changes.",
        &["一.总体要求", "1、完善制度"],
    ),
    doc(
        "F0",
        "The guard, not a rule: normalization never adds, deletes or reorders hanzi, \
         letters or digits (widths, radicals, date zeros and heading numbers aside). \
         Should any rule's result break that, the paragraph keeps its text from before \
         the punctuation rules and a warning says so. Switching it off trusts the rules \
         blindly.",
        &[],
    ),
];

fn find(id: &str) -> Option<&'static Doc> {
    DOCS.iter()
        .find(|doc| doc.id.eq_ignore_ascii_case(id.trim()))
}

/// One line a rule: id and what it fixes, in the engine's order.
pub fn list() -> String {
    let mut out = String::new();
    for id in rule_ids() {
        out += &format!("{id}  {}\n", title(id));
    }
    out
}

/// One rule, explained, with its examples before → after (all rules on), or `None`
/// for an unknown id.
pub fn explain(id: &str) -> Option<String> {
    let doc = find(id)?;
    let mut out = format!(
        "{}: {}\n\n{}\n",
        doc.id,
        title(doc.id),
        wrap(doc.explains, 80)
    );
    if !doc.examples.is_empty() {
        out += "\nExamples (all rules on):\n";
        for (before, after) in examples(doc) {
            out += &format!("  {before}  →  {after}\n");
        }
    }
    out += &format!(
        "\nSwitch it off: --disable {id} on the command line, or in zhprint.toml:\n  \
         [normalize]\n  disable = [\"{id}\"]\n",
        id = doc.id
    );
    Some(out)
}

/// `docs/rules.md`: every rule, as [`explain`] shows it.
pub fn markdown() -> String {
    let mut out = String::from(
        "# Normalization rules\n\n\
         Generated by `zhprint rules --markdown`; a test fails when this file is stale.\n\n\
         The ids are those of the typography spec: `--disable A6,C4`, `disable = [\"A6\"]` \
         under `[normalize]` in `zhprint.toml`, and `zhprint check`'s output use them. \
         Rules run in this order. Examples are run through every rule.\n",
    );
    for id in rule_ids() {
        let Some(doc) = find(id) else { continue };
        out += &format!("\n## {}: {}\n\n{}\n", doc.id, title(doc.id), doc.explains);
        if !doc.examples.is_empty() {
            out += "\n| before | after |\n|---|---|\n";
            for (before, after) in examples(doc) {
                out += &format!("| `{}` | `{}` |\n", visible(&before), visible(&after));
            }
        }
    }
    out
}

fn title(id: &str) -> &'static str {
    if id == F0 {
        "guard: hanzi, letters and digits never change"
    } else {
        rule_fixes(id)
    }
}

fn examples(doc: &Doc) -> Vec<(String, String)> {
    let all = Normalizer::default();
    doc.examples
        .iter()
        .map(|before| (visible(before), visible(&all.text(before))))
        .collect()
}

/// Invisible and space-like characters named, so that an example shows them.
fn visible(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '\u{200B}' => out += "<ZWSP>",
            '\u{FEFF}' => out += "<BOM>",
            '\u{00A0}' => out += "<NBSP>",
            '\u{3000}' => out += "<U+3000>",
            c => out.push(c),
        }
    }
    out
}

/// Breaks `text` into lines of at most `width` columns (a hanzi counts two), at
/// spaces or between hanzi.
fn wrap(text: &str, width: usize) -> String {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut columns = 0;
    for word in text.split(' ') {
        let w = unicode_width::UnicodeWidthStr::width(word);
        if columns > 0 && columns + 1 + w > width {
            lines.push(std::mem::take(&mut line));
            columns = 0;
        }
        if columns > 0 {
            line.push(' ');
            columns += 1;
        }
        line += word;
        columns += w;
    }
    lines.push(line);
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_id_is_explained_and_every_explanation_is_a_rule() {
        let ids = rule_ids();
        for id in &ids {
            assert!(find(id).is_some(), "{id} has no explanation");
        }
        for doc in DOCS {
            assert!(ids.contains(&doc.id), "{} is not a rule id", doc.id);
        }
    }

    /// Each example changes with every rule on, and changes differently without its
    /// own rule: it shows that rule at work.
    #[test]
    fn every_example_needs_its_rule() {
        let all = Normalizer::default();
        for doc in DOCS.iter().filter(|doc| doc.id != F0) {
            assert!(!doc.examples.is_empty(), "{} has no example", doc.id);
            let without = Normalizer::without(&[doc.id]).expect("a rule id");
            for example in doc.examples {
                let after = all.text(example);
                assert_ne!(&after, example, "{}: {example:?} does not change", doc.id);
                assert_ne!(
                    without.text(example),
                    after,
                    "{}: {example:?} changes the same without it",
                    doc.id
                );
            }
        }
    }

    #[test]
    fn a_rule_is_explained_with_its_examples() {
        let c1 = explain("c1").expect("C1");
        assert!(c1.starts_with("C1: decimal broken by a space"), "{c1}");
        assert!(
            c1.contains("平均办理时间缩短3. 6小时  →  平均办理时间缩短3.6小时"),
            "{c1}"
        );
        assert!(c1.contains("--disable C1"), "{c1}");
        assert!(explain("Q9").is_none());
        assert_eq!(list().lines().count(), rule_ids().len());
    }

    #[test]
    fn docs_rules_md_is_current() {
        let written = include_str!("../../docs/rules.md");
        assert!(
            written == markdown(),
            "docs/rules.md is stale: run `zhprint rules --markdown > docs/rules.md`"
        );
    }
}
