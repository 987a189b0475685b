//! The date a PDF carries: the document's publish date, else `SOURCE_DATE_EPOCH`, else a
//! fixed date. Never the clock, so the same input gives the same bytes.

use typst::foundations::Datetime;

/// The fallback when neither the document nor the environment gives a date.
const FIXED: (i32, u8, u8) = (2000, 1, 1);

/// The date for a document whose `meta.date` is `date` (ISO `YYYY-MM-DD`, ignored if not).
/// Always `Some`: the fixed date is valid.
pub fn document_date(date: Option<&str>) -> Option<Datetime> {
    date.and_then(parse_iso)
        .or_else(|| {
            std::env::var("SOURCE_DATE_EPOCH")
                .ok()
                .and_then(|s| s.trim().parse::<i64>().ok())
                .and_then(from_epoch)
        })
        .or_else(|| Datetime::from_ymd(FIXED.0, FIXED.1, FIXED.2))
}

/// `YYYY-MM-DD` → date; `None` for anything else or an impossible date.
fn parse_iso(s: &str) -> Option<Datetime> {
    let mut parts = s.trim().splitn(3, '-');
    let year = parts.next().filter(|y| y.len() == 4)?.parse().ok()?;
    let month = parts.next().filter(|m| m.len() == 2)?.parse().ok()?;
    let day = parts.next().filter(|d| d.len() == 2)?.parse().ok()?;
    Datetime::from_ymd(year, month, day)
}

/// Seconds since 1970-01-01 UTC → that day's date (H. Hinnant's `civil_from_days`).
fn from_epoch(secs: i64) -> Option<Datetime> {
    let days = secs.div_euclid(86_400);
    let z = days.checked_add(719_468)?;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    Datetime::from_ymd(
        i32::try_from(year).ok()?,
        u8::try_from(month).ok()?,
        u8::try_from(day).ok()?,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_and_epochs() {
        assert_eq!(parse_iso("2022-03-07"), Datetime::from_ymd(2022, 3, 7));
        assert_eq!(parse_iso("2022-02-30"), None);
        assert_eq!(parse_iso("2022年3月7日"), None);
        assert_eq!(from_epoch(0), Datetime::from_ymd(1970, 1, 1));
        assert_eq!(from_epoch(1_646_611_200), Datetime::from_ymd(2022, 3, 7));
        assert_eq!(from_epoch(951_782_400), Datetime::from_ymd(2000, 2, 29));
        assert_eq!(from_epoch(i64::MAX), None);
    }
}
