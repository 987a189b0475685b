//! The one date an edition carries (PDF creation date; DOCX core properties and zip
//! entries), never the clock: the publish date, else `SOURCE_DATE_EPOCH`, else a fixed
//! date. Shared so that the PDF and the DOCX of a document always agree.

/// A UTC date and time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub year: u32,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
}

/// Used when neither a publish date nor `SOURCE_DATE_EPOCH` is known: the zip
/// format's own epoch, so nobody mistakes it for a real date.
pub const FIXED: Stamp = Stamp {
    year: 1980,
    month: 1,
    day: 1,
    hour: 0,
    minute: 0,
    second: 0,
};

impl Stamp {
    /// From the document's date (`YYYY-MM-DD`), else `epoch` (the value of
    /// `SOURCE_DATE_EPOCH`, seconds since 1970), else [`FIXED`].
    pub fn resolve(date: Option<&str>, epoch: Option<&str>) -> Stamp {
        date.and_then(parse_ymd)
            .map(|(year, month, day)| Stamp {
                year,
                month,
                day,
                ..FIXED
            })
            .or_else(|| epoch.and_then(from_epoch))
            .unwrap_or(FIXED)
    }

    /// `2022-03-07T00:00:00Z`.
    pub fn w3cdtf(&self) -> String {
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        )
    }

    /// The same moment for zip entries; zip cannot date before 1980 or after 2107.
    pub fn zip_time(&self) -> zip::DateTime {
        let field = |v: u32| u8::try_from(v).unwrap_or(0);
        u16::try_from(self.year)
            .ok()
            .and_then(|year| {
                zip::DateTime::from_date_and_time(
                    year,
                    field(self.month),
                    field(self.day),
                    field(self.hour),
                    field(self.minute),
                    field(self.second),
                )
                .ok()
            })
            .unwrap_or_default()
    }
}

/// `YYYY-MM-DD` with a real calendar day, else `None`.
pub fn parse_ymd(s: &str) -> Option<(u32, u32, u32)> {
    let s = s.trim();
    let bytes = s.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = s.get(r)?;
        part.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
    ((1..=12).contains(&month) && (1..=days_in_month(year, month)).contains(&day))
        .then_some((year, month, day))
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Seconds since 1970 → UTC, by Howard Hinnant's `civil_from_days`.
fn from_epoch(s: &str) -> Option<Stamp> {
    let secs: i64 = s.trim().parse().ok()?;
    if !(0..=253_402_300_799).contains(&secs) {
        return None; // before 1970 or after 9999
    }
    let (days, rem) = (secs / 86_400, secs % 86_400);
    let (year, month, day) = crate::civil::from_days(days);
    Some(Stamp {
        year: u32::try_from(year).ok()?,
        month: u32::try_from(month).ok()?,
        day: u32::try_from(day).ok()?,
        hour: u32::try_from(rem / 3600).ok()?,
        minute: u32::try_from(rem % 3600 / 60).ok()?,
        second: u32::try_from(rem % 60).ok()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn publish_date_wins_then_epoch_then_fixed() {
        assert_eq!(
            Stamp::resolve(Some("2022-03-07"), Some("0")).w3cdtf(),
            "2022-03-07T00:00:00Z"
        );
        assert_eq!(
            Stamp::resolve(Some("2022-02-30"), Some("1700000000")).w3cdtf(),
            "2023-11-14T22:13:20Z"
        );
        assert_eq!(Stamp::resolve(None, Some("x")), FIXED);
        assert_eq!(Stamp::resolve(None, Some("-5")), FIXED);
        assert_eq!(Stamp::resolve(Some("２０２２-03-07"), None), FIXED);
        assert_eq!(parse_ymd("2024-02-29"), Some((2024, 2, 29)));
        assert_eq!(parse_ymd("2023-02-29"), None);
    }

    #[test]
    fn zip_time_outside_its_range_falls_back() {
        let old = Stamp::resolve(Some("1970-01-01"), None);
        assert_eq!(old.zip_time(), zip::DateTime::default());
        let t = Stamp::resolve(Some("2022-03-07"), None).zip_time();
        assert_eq!((t.year(), t.month(), t.day()), (2022, 3, 7));
    }
}
