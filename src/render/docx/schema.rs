//! Text patches that put docx-rs's `document.xml` and footers in the schema's
//! element order and add what it has no setter for.
//!
//! Word checks element order where LibreOffice does not; these are the places
//! docx-rs 0.4.22 differs from the schema for the elements we use: `w:rPr`
//! before `w:pStyle` in `w:pPr` (we never set paragraph-mark formatting, so the
//! empty `w:rPr` goes), `w:tblStyle` after `w:tblW` in `w:tblPr`, a `w:type`
//! attribute on `w:gridCol`, and `w:footerReference` after `w:docGrid` in
//! `w:sectPr`.

/// `document.xml`: also marks header rows (see [`super::body`]) with `w:tblHeader`.
pub fn document(xml: &str, table_style: &str) -> Option<String> {
    let xml = parts(xml);
    let xml = xml.replace(
        "<w:tblPr>",
        &format!(r#"<w:tblPr><w:tblStyle w:val="{table_style}" />"#),
    );
    let xml = xml.replace("<w:cantSplit />", "<w:cantSplit /><w:tblHeader />");
    let xml = without_grid_col_type(&xml);
    section_references_first(&xml)
}

/// Header and footer parts, and the common part of `document.xml`.
pub fn parts(xml: &str) -> String {
    xml.replace("<w:rPr />", "")
}

fn without_grid_col_type(xml: &str) -> String {
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(start) = rest.find("<w:gridCol ") {
        let Some(len) = rest[start..].find("/>") else {
            break;
        };
        out.push_str(&rest[..start]);
        out.push_str(&rest[start..start + len].replace(r#" w:type="dxa""#, ""));
        out.push_str("/>");
        rest = &rest[start + len + 2..];
    }
    out.push_str(rest);
    out
}

/// Moves `w:headerReference`/`w:footerReference` to the start of the (last)
/// `w:sectPr`; `None` when there is no section.
fn section_references_first(xml: &str) -> Option<String> {
    let open = "<w:sectPr>";
    let start = xml.rfind(open)? + open.len();
    let end = start + xml[start..].find("</w:sectPr>")?;
    let inner = &xml[start..end];
    let mut refs = String::new();
    let mut others = String::new();
    for element in inner.split_inclusive("/>") {
        if element.starts_with("<w:headerReference ") || element.starts_with("<w:footerReference ")
        {
            refs.push_str(element);
        } else {
            others.push_str(element);
        }
    }
    Some(format!("{}{refs}{others}{}", &xml[..start], &xml[end..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reorders_and_cleans() {
        let xml = r#"<w:body><w:p><w:pPr><w:rPr /><w:pStyle w:val="X" /></w:pPr></w:p><w:tbl><w:tblPr><w:tblW w:w="1" w:type="dxa" /></w:tblPr><w:tblGrid><w:gridCol w:w="5" w:type="dxa" /></w:tblGrid><w:tr><w:trPr><w:cantSplit /></w:trPr></w:tr></w:tbl><w:sectPr><w:pgSz w:w="1" /><w:docGrid w:type="lines" /><w:footerReference w:type="default" r:id="a" /></w:sectPr></w:body>"#;
        let out = document(xml, "T").unwrap();
        assert_eq!(
            out,
            r#"<w:body><w:p><w:pPr><w:pStyle w:val="X" /></w:pPr></w:p><w:tbl><w:tblPr><w:tblStyle w:val="T" /><w:tblW w:w="1" w:type="dxa" /></w:tblPr><w:tblGrid><w:gridCol w:w="5" /></w:tblGrid><w:tr><w:trPr><w:cantSplit /><w:tblHeader /></w:trPr></w:tr></w:tbl><w:sectPr><w:footerReference w:type="default" r:id="a" /><w:pgSz w:w="1" /><w:docGrid w:type="lines" /></w:sectPr></w:body>"#
        );
    }
}
