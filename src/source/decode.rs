//! Charset: raw page bytes (+ the HTTP `Content-Type`, if any) → text and the encoding used.
//!
//! Order: BOM, the HTTP header's charset, `<meta charset>` / `<meta http-equiv>` in the
//! first bytes, else detection (chardetng). Chinese sites mislabel often, so a declared
//! label is checked against the bytes: gb2312/gbk decode as GB18030 (its superset), valid
//! UTF-8 under a legacy label is read as UTF-8, and a UTF-8 label on bytes that are not
//! UTF-8 falls back to detection.

use std::sync::LazyLock;

use encoding_rs::{Encoding, BIG5, GB18030, GBK, UTF_16BE, UTF_16LE, UTF_8};
use regex::bytes::Regex;

use crate::{Error, Result};

/// How far into the page a `<meta>` charset declaration is looked for.
const META_SCAN: usize = 4096;

/// `charset=` inside `<meta charset=…>` or `<meta http-equiv … content="…; charset=…">`.
static META_CHARSET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)"#)
        .unwrap_or_else(|e| unreachable!("static regex: {e}"))
});

/// Decode `bytes`, using the charset of `content_type` when given.
/// Returns the text and the name of the encoding used.
pub fn decode(bytes: &[u8], content_type: Option<&str>) -> Result<(String, &'static str)> {
    decode_with_tld(bytes, content_type, None)
}

/// [`decode`] with the page's top-level domain as a hint for detection (e.g. `b"cn"`).
pub fn decode_with_tld(
    bytes: &[u8],
    content_type: Option<&str>,
    tld: Option<&[u8]>,
) -> Result<(String, &'static str)> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::Empty);
    }
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return Ok((text.into_owned(), encoding.name()));
    }
    let declared = content_type
        .and_then(header_charset)
        .or_else(|| meta_charset(bytes));
    let encoding = match declared {
        Some(declared) => check_declared(declared, bytes, tld),
        None => detect(bytes, tld),
    };
    let (text, _, _) = encoding.decode(bytes);
    Ok((text.into_owned(), encoding.name()))
}

/// The encoding a label names, read the way browsers and Chinese sites mean it.
fn for_label(label: &[u8]) -> Option<&'static Encoding> {
    let encoding = Encoding::for_label(label.trim_ascii())?;
    Some(if encoding == GBK {
        // Pages labelled gb2312/gbk routinely use GB18030-only characters.
        GB18030
    } else if encoding == UTF_16LE || encoding == UTF_16BE {
        // Without a BOM a UTF-16 label is wrong by construction (the label itself was
        // readable as ASCII); the HTML standard reads such pages as UTF-8.
        UTF_8
    } else {
        encoding
    })
}

fn header_charset(content_type: &str) -> Option<&'static Encoding> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        if !name.trim().eq_ignore_ascii_case("charset") {
            return None;
        }
        for_label(
            value
                .trim()
                .trim_matches(|c| c == '"' || c == '\'')
                .as_bytes(),
        )
    })
}

fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(META_SCAN)];
    META_CHARSET
        .captures_iter(head)
        .find_map(|caps| caps.get(1).and_then(|m| for_label(m.as_bytes())))
}

/// Trust a declared encoding only as far as the bytes agree with it.
fn check_declared(
    declared: &'static Encoding,
    bytes: &[u8],
    tld: Option<&[u8]>,
) -> &'static Encoding {
    if declared == UTF_8 {
        if std::str::from_utf8(bytes).is_ok() {
            return UTF_8;
        }
        // Labelled UTF-8 but it is not: keep UTF-8 only if detection does no better.
        let detected = detect(bytes, tld);
        return if errors(detected, bytes) < errors(UTF_8, bytes) {
            detected
        } else {
            UTF_8
        };
    }
    // Valid UTF-8 with multibyte sequences is almost never legacy-encoded text by
    // chance: the label is stale (common on sites moved to UTF-8 keeping old templates).
    if has_multibyte_utf8(bytes) {
        return UTF_8;
    }
    declared
}

/// Valid UTF-8 that contains at least one non-ASCII character.
fn has_multibyte_utf8(bytes: &[u8]) -> bool {
    !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok()
}

fn detect(bytes: &[u8], tld: Option<&[u8]>) -> &'static Encoding {
    if std::str::from_utf8(bytes).is_ok() {
        return UTF_8;
    }
    let sample = detection_sample(bytes);
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(sample, true);
    let guess = detector.guess(tld, true);
    if guess == GBK || guess == BIG5 {
        // Told the page is Chinese (`.cn`, or a local file), chardetng takes Big5
        // bytes for GBK, which decodes them without an error into nonsense: the
        // decoding that reads as Chinese text decides.
        let common = |encoding: &'static Encoding| {
            common_chinese(&encoding.decode_without_bom_handling(sample).0)
        };
        if common(BIG5) > common(GB18030) {
            BIG5
        } else {
            GB18030
        }
    } else {
        guess
    }
}

/// How many of `text`'s characters are among the commonest of Chinese text, in
/// simplified or traditional form: many in a right decoding, few in a wrong one.
fn common_chinese(text: &str) -> usize {
    static SORTED: LazyLock<Vec<char>> = LazyLock::new(|| {
        let mut chars: Vec<char> = COMMON_CHINESE.chars().collect();
        chars.sort_unstable();
        chars
    });
    text.chars()
        .filter(|c| !c.is_ascii() && SORTED.binary_search(c).is_ok())
        .count()
}

/// The commonest characters of Chinese text, with the traditional forms of those
/// that have one.
const COMMON_CHINESE: &str = "的一是不了在人有我他这這个個们們中来來上大为為和国國地到以说說时時要就出会會可也你对對生能而子那得于於着著下自之年过過发發后後作里裡用道行所然家种種事成方多经經去法学學如都同现現当當没沒动動面起看定天分还還进進好小部其些主样樣理心本前开開但因只从從想实實日者意无無力与與长長把机機十民第公此已工使情明性知全三又关關点點正业業外将將两兩高间間由问問很最重并並物手应應向头頭文体體政美相见見被利等产產或新制身果加月话話合回特代内內信表化老给給位次度门門任常先海通教原东東声聲提立及比员員解水名真论論处處走义義各入口认認条條平系气氣题題活更别別打女变變四总總电電数數安少报報结結反受目量再感建务務做接必场場件计計管期市直资資命山金指许許统統区區保至形社便空决決治展科司五基书書非则則听聽白界达達光放强強即难難且权權思王象完设設式色路记記南品住告类類求据據程北边邊张張该該交规規万萬取格望觉覺术術领領共确確传傳院让讓识識带帶导導争爭运運";

/// Non-ASCII bytes that detection reads: a thousand Chinese characters tell GBK
/// from Big5 or Shift_JIS, and detection costs time per byte (it was most of the
/// time spent on an undeclared GBK page).
const DETECT_NON_ASCII: usize = 2048;

/// The part of the page detection reads: from the first non-ASCII byte until
/// [`DETECT_NON_ASCII`] of them have been seen, ended before a `<` (never a trail
/// byte in GBK, Big5, Shift_JIS or EUC, so no character is cut).
fn detection_sample(bytes: &[u8]) -> &[u8] {
    let Some(start) = bytes.iter().position(|b| !b.is_ascii()) else {
        return bytes;
    };
    let mut seen = 0;
    let enough = bytes[start..].iter().position(|b| {
        seen += usize::from(!b.is_ascii());
        seen >= DETECT_NON_ASCII
    });
    let Some(enough) = enough.map(|i| start + i) else {
        return &bytes[start..];
    };
    match bytes[enough..].iter().position(|&b| b == b'<') {
        Some(lt) => &bytes[start..enough + lt],
        None => &bytes[start..],
    }
}

/// Malformed sequences met when decoding `bytes` as `encoding`.
fn errors(encoding: &'static Encoding, bytes: &[u8]) -> usize {
    let (text, _, had_errors) = encoding.decode(bytes);
    if had_errors {
        text.chars().filter(|&c| c == '\u{FFFD}').count()
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detection_sample_starts_at_text_and_ends_before_a_tag() {
        let page = "<p>中文段落，足够长的文字。</p>".repeat(2000);
        let (gbk, _, _) = GB18030.encode(&page);
        let sample = detection_sample(&gbk);
        assert!(sample.len() < gbk.len());
        assert!(!sample[0].is_ascii());
        // The page starts with `<p>`: the sample is what follows, up to a tag.
        assert_eq!(gbk.get(3 + sample.len()), Some(&b'<'));
        assert_eq!(detection_sample(b"plain ascii"), b"plain ascii");
    }

    const ZH: &str = "太原市2021年法治政府建设年度报告，认真学习贯彻习近平法治思想。";

    fn gbk(text: &str) -> Vec<u8> {
        GB18030.encode(text).0.into_owned()
    }

    fn page(meta: &str, body: &str) -> String {
        format!("<html><head>{meta}<title>t</title></head><body><p>{body}</p></body></html>")
    }

    #[test]
    fn empty_is_an_error() {
        assert!(matches!(decode(b"", None), Err(Error::Empty)));
        assert!(matches!(decode(b" \n\t", None), Err(Error::Empty)));
    }

    #[test]
    fn bom_wins_over_everything() {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend(page(r#"<meta charset="gbk">"#, ZH).as_bytes());
        let (text, charset) = decode(&bytes, Some("text/html; charset=iso-8859-1")).unwrap();
        assert_eq!(charset, "UTF-8");
        assert!(text.contains(ZH));
        assert!(!text.starts_with('\u{FEFF}'));

        let mut utf16 = vec![0xFF, 0xFE];
        for unit in page("", ZH).encode_utf16() {
            utf16.extend(unit.to_le_bytes());
        }
        let (text, charset) = decode(&utf16, None).unwrap();
        assert_eq!(charset, "UTF-16LE");
        assert!(text.contains(ZH));
    }

    #[test]
    fn header_charset_is_used() {
        let bytes = gbk(&page("", ZH));
        let (text, charset) = decode(&bytes, Some("text/html; charset=GBK")).unwrap();
        assert_eq!(charset, "gb18030");
        assert!(text.contains(ZH));
        let (text, _) = decode(&bytes, Some(r#"text/html;charset="gb2312""#)).unwrap();
        assert!(text.contains(ZH));
    }

    #[test]
    fn meta_charset_and_http_equiv() {
        let bytes = gbk(&page(r#"<meta charset="gb2312">"#, ZH));
        let (text, charset) = decode(&bytes, None).unwrap();
        assert_eq!(charset, "gb18030");
        assert!(text.contains(ZH));

        let meta = r#"<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=x-gbk">"#;
        let (text, charset) = decode(&gbk(&page(meta, ZH)), None).unwrap();
        assert_eq!(charset, "gb18030");
        assert!(text.contains(ZH));
    }

    #[test]
    fn gb18030_only_characters_survive_a_gbk_label() {
        // U+20000 is outside GBK; only GB18030 has a four-byte code for it.
        let body = format!("{ZH}\u{20000}");
        let bytes = gbk(&page(r#"<meta charset="gbk">"#, &body));
        let (text, _) = decode(&bytes, None).unwrap();
        assert!(text.contains(&body));
    }

    #[test]
    fn utf8_under_a_gb2312_label_is_utf8() {
        let bytes = page(r#"<meta charset="gb2312">"#, ZH).into_bytes();
        let (text, charset) = decode(&bytes, None).unwrap();
        assert_eq!(charset, "UTF-8");
        assert!(text.contains(ZH));
        let (_, charset) = decode(&bytes, Some("text/html; charset=gbk")).unwrap();
        assert_eq!(charset, "UTF-8");
    }

    #[test]
    fn ascii_under_a_legacy_label_keeps_the_label() {
        let bytes = page(r#"<meta charset="gb2312">"#, "plain ascii").into_bytes();
        assert_eq!(decode(&bytes, None).unwrap().1, "gb18030");
    }

    #[test]
    fn gbk_under_a_utf8_label_is_detected() {
        let body = ZH.repeat(5);
        let bytes = gbk(&page(r#"<meta charset="utf-8">"#, &body));
        let (text, charset) = decode(&bytes, None).unwrap();
        assert_eq!(charset, "gb18030");
        assert!(text.contains(&body));
    }

    #[test]
    fn undeclared_charset_is_detected() {
        let body = ZH.repeat(3);
        let (text, charset) = decode(&gbk(&page("", &body)), None).unwrap();
        assert_eq!(charset, "gb18030");
        assert!(text.contains(&body));
        let (text, charset) = decode_with_tld(&gbk(&page("", &body)), None, Some(b"cn")).unwrap();
        assert_eq!(charset, "gb18030");
        assert!(text.contains(&body));
        let (text, charset) = decode(page("", &body).as_bytes(), None).unwrap();
        assert_eq!(charset, "UTF-8");
        assert!(text.contains(&body));
    }

    #[test]
    fn undeclared_big5_is_told_from_gbk() {
        // Traditional text, as Taiwan and Hong Kong sites and Big5 mirrors publish it.
        let body = "臺灣醒報記者台北報導，春節期間民眾若不小心吃壞肚子，應該儘速就醫，衛生局提醒民眾注意飲食衛生。".repeat(3);
        let bytes = BIG5.encode(&page("", &body)).0.into_owned();
        for tld in [None, Some(&b"cn"[..]), Some(&b"tw"[..])] {
            let (text, charset) = decode_with_tld(&bytes, None, tld).unwrap();
            assert_eq!(charset, "Big5", "{tld:?}");
            assert!(text.contains(&body));
        }
        // And GBK stays GBK under every hint.
        for tld in [None, Some(&b"cn"[..]), Some(&b"tw"[..])] {
            assert_eq!(
                decode_with_tld(&gbk(&page("", &ZH.repeat(3))), None, tld)
                    .unwrap()
                    .1,
                "gb18030"
            );
        }
    }

    #[test]
    fn unknown_label_falls_back_to_detection() {
        let bytes = gbk(&page(r#"<meta charset="no-such-charset">"#, &ZH.repeat(3)));
        assert_eq!(decode(&bytes, None).unwrap().1, "gb18030");
    }

    #[test]
    fn utf16_label_without_bom_reads_as_utf8() {
        let bytes = page(r#"<meta charset="utf-16">"#, ZH).into_bytes();
        assert_eq!(decode(&bytes, None).unwrap().1, "UTF-8");
    }
}
