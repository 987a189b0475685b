//! The date a PDF carries, as typst wants it: the day of the shared edition date
//! ([`crate::render::date`]), so the PDF and the DOCX of a document agree.

use typst::foundations::Datetime;

use crate::render::date::Stamp;

/// The date for a document whose `meta.date` is `date` (ISO `YYYY-MM-DD`, ignored if not).
pub fn document_date(date: Option<&str>) -> Option<Datetime> {
    let epoch = std::env::var("SOURCE_DATE_EPOCH").ok();
    let stamp = Stamp::resolve(date, epoch.as_deref());
    Datetime::from_ymd(
        i32::try_from(stamp.year).ok()?,
        u8::try_from(stamp.month).ok()?,
        u8::try_from(stamp.day).ok()?,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn publish_date_becomes_the_pdf_date() {
        assert_eq!(
            document_date(Some("2022-03-07")),
            Datetime::from_ymd(2022, 3, 7)
        );
    }
}
