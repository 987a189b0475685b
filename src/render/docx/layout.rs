//! GB/T 9704 page and type figures in Word units (twips, half-points), in one place.
//!
//! Figures come from `shared/spec/typography.md` §H; Word wants whole twips, so the
//! millimetre values are rounded once here and everything else derives from them.

/// Twips per millimetre (1440 per inch, 25.4 mm per inch).
fn mm(mm: f64) -> u32 {
    (mm * 1440.0 / 25.4).round() as u32
}

/// A4 width and height.
pub const PAGE_W: u32 = 11906;
pub const PAGE_H: u32 = 16838;

pub fn margin_top() -> u32 {
    mm(37.0)
}
pub fn margin_bottom() -> u32 {
    mm(35.0)
}
pub fn margin_left() -> u32 {
    mm(28.0)
}
pub fn margin_right() -> u32 {
    mm(26.0)
}
/// Header distance: Word's default 1.5 cm; the document has no header.
pub fn header_distance() -> u32 {
    mm(15.0)
}
/// Footer distance from the page edge: the 一字线 of the page number sits about
/// 7 mm below the type area (35 mm − 7 mm − one 14 pt line ≈ 23 mm).
pub fn footer_distance() -> u32 {
    mm(23.0)
}

/// Width of the type area (版心), about 156 mm.
pub fn text_width() -> u32 {
    PAGE_W - margin_left() - margin_right()
}

/// Body size, 三号 16 pt, in half-points.
pub const BODY_SZ: u32 = 32;
/// 二号 22 pt for the title.
pub const TITLE_SZ: u32 = 44;
/// 四号 14 pt for page numbers, tables and captions.
pub const SMALL_SZ: u32 = 28;
/// Exact line pitch: 22 lines in the 225 mm type area, 28.95 pt.
pub const LINE: u32 = 579;
/// Two body characters (2 × 16 pt) in twips: the fallback for `firstLineChars="200"`.
pub const INDENT_2: u32 = 640;
/// One page-number character (14 pt) in twips.
pub const INDENT_1_SMALL: u32 = 280;

/// `w:charSpace` for 28 characters per line: Word's pitch is the Normal font size
/// plus `charSpace / 4096` pt, so this is the (negative) tracking per character.
pub fn char_space() -> i32 {
    let pitch_pt = f64::from(text_width()) / 20.0 / 28.0;
    ((pitch_pt - f64::from(BODY_SZ) / 2.0) * 4096.0).round() as i32
}

/// Run tracking (`w:spacing`, twentieths of a point) that fits 28 body characters
/// on a line: 16 pt glyphs need about −0.21 pt, rounded away from zero so that
/// the 28th character fits. LibreOffice does not squeeze glyphs into a character
/// grid narrower than they are (it gives each two cells), so the 28 characters
/// come from tracking and the body is kept off the character grid.
pub fn tracking() -> i32 {
    let pitch_pt = f64::from(text_width()) / 20.0 / 28.0;
    ((pitch_pt - f64::from(BODY_SZ) / 2.0) * 20.0).floor() as i32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_match_the_standard() {
        assert_eq!(
            (margin_top(), margin_bottom(), margin_left(), margin_right()),
            (2098, 1984, 1587, 1474)
        );
        // 156 mm ± rounding.
        assert_eq!(text_width(), 8845);
        // Gov templates made in Word show −842 for this grid.
        assert!((-850..=-835).contains(&char_space()), "{}", char_space());
        assert_eq!(tracking(), -5);
        assert!(28 * (320 + tracking()) <= text_width() as i32);
    }
}
