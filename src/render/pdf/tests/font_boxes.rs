//! The fonts' boxes in the PDF. krilla is patched (`vendor/krilla/PATCHED.md`) to read
//! a TrueType subset's `/FontBBox` from its glyphs' headers instead of drawing every
//! glyph; the boxes must stay the ones drawing gives.

use std::collections::BTreeMap;

use lopdf::{Document as Pdf, Object};

use super::super::render;

/// Each font's `/FontBBox` in a PDF, by PostScript name without the subset tag.
fn font_boxes(bytes: &[u8]) -> BTreeMap<String, Vec<f32>> {
    let pdf = Pdf::load_mem(bytes).expect("the PDF loads");
    let mut boxes = BTreeMap::new();
    for object in pdf.objects.values() {
        let Ok(dict) = object.as_dict() else { continue };
        if dict.get(b"Type").and_then(Object::as_name).ok() != Some(b"FontDescriptor".as_slice()) {
            continue;
        }
        let name = dict
            .get(b"FontName")
            .and_then(Object::as_name)
            .expect("a name");
        let name = String::from_utf8_lossy(name);
        let (_tag, name) = name.split_once('+').expect("a subset tag");
        let bbox = dict
            .get(b"FontBBox")
            .and_then(Object::as_array)
            .expect("a box");
        let bbox = bbox
            .iter()
            .map(|n| n.as_float().expect("a number"))
            .collect();
        boxes.insert(name.to_string(), bbox);
    }
    boxes
}

fn expected(boxes: &[(&str, [f32; 4])]) -> BTreeMap<String, Vec<f32>> {
    boxes
        .iter()
        .map(|(name, bbox)| (name.to_string(), bbox.to_vec()))
        .collect()
}

// The expected boxes are those unpatched krilla 0.8.2 wrote, drawing each glyph
// (zhprint 8411227). Some of the Noto faces' glyphs are drawn a few units right of
// their `glyf` boxes (their side bearings come from the CFF originals).

#[test]
fn the_seed_reports_font_boxes_are_the_ones_drawing_gives() {
    let boxes = font_boxes(&render(&super::geometry::seed()).expect("renders").bytes);
    assert_eq!(
        boxes,
        expected(&[
            ("NotoSansCJKsc-Medium", [18.0, -120.0, 976.0, 880.0]),
            ("NotoSerifCJKsc-Bold", [18.0, -120.0, 985.0, 880.0]),
            ("NotoSerifCJKsc-Regular", [18.0, -196.0, 985.0, 880.0]),
            ("ZhprintKai-Regular", [22.0, -120.0, 993.0, 880.0]),
            (
                "ZhprintLatin-Bold",
                [38.085938, -9.765625, 461.91406, 665.03906]
            ),
            (
                "ZhprintLatin-Regular",
                [19.53125, -14.160156, 798.8281, 665.03906]
            ),
        ])
    );
}

/// 恤 is one of the Noto serif glyphs drawn 3 units right of its `glyf` box (989 →
/// 992), and reaches further right than any other glyph of this notice.
const NOTICE: &str = r#"<!DOCTYPE html><html><head><meta charset="utf-8">
<title>关于按时发放抚恤金的通知</title></head><body><div class="article">
<h1>关于按时发放抚恤金的通知</h1>
<p>各区民政局：抚恤金按时足额发放，是体恤优抚对象的重要举措。请各单位核对名册，确保抚恤金于本月底前发放到位。</p>
<p>对发放中发现的问题，请及时报告市民政局优抚处。抚恤标准按照有关规定执行，不得擅自调整。</p>
</div></body></html>"#;

#[test]
fn a_glyph_drawn_beside_its_header_box_widens_the_font_box_as_drawing_does() {
    let doc = crate::extract::extract(NOTICE, None).expect("extracts");
    let out = render(&crate::normalize::normalize(doc)).expect("renders");
    assert_eq!(
        font_boxes(&out.bytes),
        expected(&[
            ("NotoSerifCJKsc-Bold", [20.0, -120.0, 1001.00006, 880.0]),
            ("NotoSerifCJKsc-Regular", [23.0, -196.0, 992.0, 880.0]),
        ])
    );
}
