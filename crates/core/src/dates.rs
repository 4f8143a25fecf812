//! Dates as the documents give them (a day, a month or only a year) and
//! embargo moments in UTC, written in UTC or in the site's time zone.

use std::fmt;

/// A date with as much precision as the documents allow: never an invented day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Why a date was refused, in words an editor understands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    Shape,
    /// A dash that looks like a hyphen but is not one (Word's en dash):
    /// its character index in the trimmed text, the character and its name.
    Dash {
        index: usize,
        ch: char,
        name: &'static str,
    },
    /// Before [`FIRST_YEAR`]: `0000` is a slip, not a date of an inspection.
    Year(i32),
    Month(u8),
    Day {
        day: u8,
        month: u8,
        year: i32,
    },
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            DateError::Shape => f.write_str("is not a date written as YYYY-MM-DD, YYYY-MM or YYYY"),
            DateError::Dash { index, ch, name } => write!(
                f,
                "has {name} `{ch}` (U+{:04X}) as its character {}, where the date needs an ordinary hyphen `-`",
                u32::from(*ch),
                index + 1
            ),
            DateError::Year(y) => write!(
                f,
                "has year {y:04}, but Clarion takes years from {FIRST_YEAR} on"
            ),
            DateError::Month(m) => write!(f, "has month {m}, but months run from 01 to 12"),
            DateError::Day { day, month, year } => write!(
                f,
                "has day {day}, but {} {year} has {} days",
                MONTHS[usize::from(*month - 1)],
                days_in_month(*year, *month)
            ),
        }
    }
}

/// The earliest year a date may have: inspections and their papers are
/// all far later, so an earlier one is a typing slip.
pub const FIRST_YEAR: i32 = 1900;

fn digits(s: &str, n: usize) -> Option<u32> {
    (s.len() == n && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

impl PartialDate {
    pub fn parse(text: &str) -> Result<PartialDate, DateError> {
        // Word turns `-` between digits into an en dash: name it, as the
        // editor sees only a slightly longer hyphen.
        const DASHES: &[(char, &str)] = &[
            ('\u{2010}', "a Unicode hyphen"),
            ('\u{2011}', "a non-breaking hyphen"),
            ('\u{2012}', "a figure dash"),
            ('\u{2013}', "an en dash"),
            ('\u{2014}', "an em dash"),
            ('\u{2015}', "a horizontal bar"),
            ('\u{2212}', "a minus sign"),
            ('\u{FE63}', "a small hyphen"),
            ('\u{FF0D}', "a full-width hyphen"),
        ];
        if let Some((index, (ch, name))) = text.trim().chars().enumerate().find_map(|(i, c)| {
            DASHES
                .iter()
                .find(|(d, _)| *d == c)
                .map(|&(d, n)| (i, (d, n)))
        }) {
            return Err(DateError::Dash { index, ch, name });
        }
        let mut parts = text.trim().split('-');
        let year = parts
            .next()
            .and_then(|y| digits(y, 4))
            .ok_or(DateError::Shape)?;
        let year = i32::try_from(year).map_err(|_| DateError::Shape)?;
        if year < FIRST_YEAR {
            return Err(DateError::Year(year));
        }
        let month = match parts.next() {
            None => None,
            Some(m) => {
                let m = digits(m, 2).ok_or(DateError::Shape)?;
                let m = u8::try_from(m).map_err(|_| DateError::Shape)?;
                if !(1..=12).contains(&m) {
                    return Err(DateError::Month(m));
                }
                Some(m)
            }
        };
        let day = match (parts.next(), month) {
            (None, _) => None,
            (Some(_), None) => return Err(DateError::Shape),
            (Some(d), Some(month)) => {
                let d = digits(d, 2).ok_or(DateError::Shape)?;
                let d = u8::try_from(d).map_err(|_| DateError::Shape)?;
                if d == 0 || d > days_in_month(year, month) {
                    return Err(DateError::Day {
                        day: d,
                        month,
                        year,
                    });
                }
                Some(d)
            }
        };
        if parts.next().is_some() {
            return Err(DateError::Shape);
        }
        Ok(PartialDate { year, month, day })
    }

    /// ISO form with the precision given: `2025-11-03`, `2013-01` or `2012`.
    pub fn iso(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{m:02}-{d:02}", self.year),
            (Some(m), None) => format!("{:04}-{m:02}", self.year),
            _ => format!("{:04}", self.year),
        }
    }

    /// As people write it in the UK: `3 November 2025`, `January 2013`, `2012`.
    pub fn human(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{d} {} {}", MONTHS[usize::from(m - 1)], self.year),
            (Some(m), None) => format!("{} {}", MONTHS[usize::from(m - 1)], self.year),
            _ => self.year.to_string(),
        }
    }

    /// The first moment the date could mean, for feeds and sitemaps.
    pub fn rfc3339(&self) -> String {
        format!(
            "{:04}-{:02}-{:02}T00:00:00Z",
            self.year,
            self.month.unwrap_or(1),
            self.day.unwrap_or(1)
        )
    }

    /// Seconds since 1970 at the start of the date (first of month/year when vague).
    pub fn unix(&self) -> i64 {
        days_from_civil(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1)) * 86_400
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

/// Days since 1970-01-01 (Howard Hinnant's algorithm).
pub fn days_from_civil(year: i32, month: u8, day: u8) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a count of days since 1970-01-01.
pub fn civil_from_days(z: i64) -> (i32, u8, u8) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let y = (yoe + era * 400 + i64::from(m <= 2)) as i32;
    (y, m, d)
}

/// The time zone embargoes are written in when site.yaml names none: Ofsted
/// publishes from England.
pub const DEFAULT_TIME_ZONE: &str = "Europe/London";

/// A time zone by its IANA name (`Europe/London`), from the database built
/// into Clarion, so a site builds the same on every computer.
pub fn time_zone(name: &str) -> Option<jiff::tz::TimeZone> {
    jiff::tz::TimeZone::get(name).ok()
}

/// Every time zone name Clarion knows, for suggestions.
pub fn time_zone_names() -> Vec<String> {
    jiff::tz::db()
        .available()
        .map(|n| n.as_str().to_string())
        .collect()
}

/// A moment in UTC, in seconds since 1970: when an embargo lifts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(pub i64);

impl Timestamp {
    /// Accepts `2025-12-12T00:01:00Z`, `2025-12-12T00:01Z`, an offset such as
    /// `+01:00`, a space for the `T`, or a plain date (midnight UTC).
    pub fn parse(text: &str) -> Option<Timestamp> {
        let text = text.trim();
        let (date, rest) = match text.find(['T', 't', ' ']) {
            Some(i) => (&text[..i], Some(&text[i + 1..])),
            None => (text, None),
        };
        let d = PartialDate::parse(date).ok()?;
        let (Some(month), Some(day)) = (d.month, d.day) else {
            return None;
        };
        let mut secs = days_from_civil(d.year, month, day) * 86_400;
        if let Some(rest) = rest {
            let (clock, offset) = if let Some(body) = rest.strip_suffix(['Z', 'z']) {
                (body, 0)
            } else if let Some(i) = rest.rfind(['+', '-']) {
                let sign = if rest.as_bytes()[i] == b'-' { -1 } else { 1 };
                let (h, m) = rest[i + 1..].split_once(':')?;
                let (h, m) = (digits(h, 2)?, digits(m, 2)?);
                // Real offsets run from -12:00 to +14:00; +24:00 is no time zone.
                if h > 23 || m > 59 {
                    return None;
                }
                let off = i64::from(h) * 3600 + i64::from(m) * 60;
                (&rest[..i], sign * off)
            } else {
                return None;
            };
            let mut fields = clock.split(':');
            let h = i64::from(digits(fields.next()?, 2)?);
            let m = i64::from(digits(fields.next()?, 2)?);
            let s = match fields.next() {
                Some(s) => i64::from(digits(s.split('.').next()?, 2)?),
                None => 0,
            };
            if fields.next().is_some() || h > 23 || m > 59 || s > 60 {
                return None;
            }
            secs += h * 3600 + m * 60 + s - offset;
        }
        Some(Timestamp(secs))
    }

    pub fn rfc3339(&self) -> String {
        let days = self.0.div_euclid(86_400);
        let rem = self.0.rem_euclid(86_400);
        let (y, m, d) = civil_from_days(days);
        format!(
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
            rem / 3600,
            rem % 3600 / 60,
            rem % 60
        )
    }

    /// "12 December 2025 at 00:01 UTC"
    pub fn human(&self) -> String {
        let days = self.0.div_euclid(86_400);
        let rem = self.0.rem_euclid(86_400);
        let (y, m, d) = civil_from_days(days);
        let date = PartialDate {
            year: y,
            month: Some(m),
            day: Some(d),
        };
        format!(
            "{} at {:02}:{:02} UTC",
            date.human(),
            rem / 3600,
            rem % 3600 / 60
        )
    }

    /// Like [`Timestamp::parse`], and also a local time with no offset
    /// (`2027-01-15 09:30`, `2027-01-15T09:30`), read in the time zone
    /// `zone` with its daylight saving rules. A time that happens twice
    /// (when the clocks go back) is the later one, and one that never
    /// happens (when they go forward) is after the gap: an embargo may lift
    /// late, never early.
    pub fn parse_in(text: &str, zone: &str) -> Option<Timestamp> {
        if let Some(t) = Timestamp::parse(text) {
            return Some(t);
        }
        let text = text.trim();
        let i = text.find(['T', 't', ' '])?;
        let (date, clock) = (&text[..i], text[i + 1..].trim());
        let d = PartialDate::parse(date).ok()?;
        let (Some(month), Some(day)) = (d.month, d.day) else {
            return None;
        };
        let mut fields = clock.split(':');
        let h = digits(fields.next()?, 2)?;
        let m = digits(fields.next()?, 2)?;
        let sec = match fields.next() {
            Some(sec) => digits(sec, 2)?,
            None => 0,
        };
        if fields.next().is_some() || h > 23 || m > 59 || sec > 59 {
            return None;
        }
        let local = jiff::civil::DateTime::new(
            i16::try_from(d.year).ok()?,
            i8::try_from(month).ok()?,
            i8::try_from(day).ok()?,
            i8::try_from(h).ok()?,
            i8::try_from(m).ok()?,
            i8::try_from(sec).ok()?,
            0,
        )
        .ok()?;
        let ts = time_zone(zone)?
            .to_ambiguous_timestamp(local)
            .later()
            .ok()?;
        Some(Timestamp(ts.as_second()))
    }

    /// "15 January 2027 at 09:30 (Europe/London)": the local time in `zone`.
    pub fn human_in(&self, zone: &str) -> String {
        let Some(local) = time_zone(zone).and_then(|tz| {
            jiff::Timestamp::from_second(self.0)
                .ok()
                .map(|t| t.to_zoned(tz).datetime())
        }) else {
            return self.human();
        };
        let date = PartialDate {
            year: i32::from(local.year()),
            month: u8::try_from(local.month()).ok(),
            day: u8::try_from(local.day()).ok(),
        };
        format!(
            "{} at {:02}:{:02} ({zone})",
            date.human(),
            local.hour(),
            local.minute()
        )
    }

    /// Now: `SOURCE_DATE_EPOCH` when set, so builds can be reproduced, else the clock.
    pub fn now() -> Timestamp {
        if let Some(epoch) = std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|v| v.trim().parse::<i64>().ok())
        {
            return Timestamp(epoch);
        }
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        Timestamp(i64::try_from(secs).unwrap_or(i64::MAX))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_dates() {
        assert_eq!(
            PartialDate::parse("2025-11-03").unwrap().human(),
            "3 November 2025"
        );
        assert_eq!(
            PartialDate::parse("2013-01").unwrap().human(),
            "January 2013"
        );
        assert_eq!(PartialDate::parse("2012").unwrap().iso(), "2012");
        assert_eq!(
            PartialDate::parse("2024-02-29").unwrap().iso(),
            "2024-02-29"
        );
        assert_eq!(
            PartialDate::parse("2025-02-29"),
            Err(DateError::Day {
                day: 29,
                month: 2,
                year: 2025
            })
        );
        assert_eq!(PartialDate::parse("2025-13-01"), Err(DateError::Month(13)));
        assert_eq!(PartialDate::parse("3 Nov 2025"), Err(DateError::Shape));
        assert_eq!(PartialDate::parse("0000-01-01"), Err(DateError::Year(0)));
        assert_eq!(PartialDate::parse("0000"), Err(DateError::Year(0)));
        assert_eq!(PartialDate::parse("2025-1-3"), Err(DateError::Shape));
        assert!(PartialDate::parse("2013-01").unwrap() < PartialDate::parse("2013-01-15").unwrap());
    }

    #[test]
    fn timestamps() {
        let t = Timestamp::parse("2025-12-12T00:01:00Z").unwrap();
        assert_eq!(t.rfc3339(), "2025-12-12T00:01:00Z");
        assert_eq!(Timestamp::parse("2025-12-12T01:01+01:00"), Some(t));
        assert_eq!(Timestamp::parse("1970-01-01").unwrap().0, 0);
        assert!(Timestamp::parse("2025-12-12T25:00Z").is_none());
        assert!(Timestamp::parse("soon").is_none());
        assert!(Timestamp::parse("2025-12-12T00:01:00+24:00").is_none());
        assert!(Timestamp::parse("2025-12-12T00:01:00-01:60").is_none());
        assert!(Timestamp::parse("2025-12-12T00:01:00+23:59").is_some());
        assert_eq!(t.human(), "12 December 2025 at 00:01 UTC");
    }

    #[test]
    fn local_times_follow_the_uk_clock() {
        let london = DEFAULT_TIME_ZONE;
        // Winter: London is on UTC.
        let t = Timestamp::parse_in("2027-01-15 09:30", london).unwrap();
        assert_eq!(t.rfc3339(), "2027-01-15T09:30:00Z");
        assert_eq!(Timestamp::parse_in("2027-01-15T09:30", london), Some(t));
        assert_eq!(
            t.human_in(london),
            "15 January 2027 at 09:30 (Europe/London)"
        );
        // Summer: British Summer Time, an hour ahead.
        let t = Timestamp::parse_in("2027-06-15 00:01", london).unwrap();
        assert_eq!(t.rfc3339(), "2027-06-14T23:01:00Z");
        assert_eq!(t.human_in(london), "15 June 2027 at 00:01 (Europe/London)");
        // 01:30 on 31 October 2027 happens twice: the later one.
        let t = Timestamp::parse_in("2027-10-31 01:30", london).unwrap();
        assert_eq!(t.rfc3339(), "2027-10-31T01:30:00Z");
        // A time with an offset, or a plain date, means what it always did.
        let utc = Timestamp::parse_in("2027-06-15T00:01:00Z", london).unwrap();
        assert_eq!(utc.rfc3339(), "2027-06-15T00:01:00Z");
        assert_eq!(
            Timestamp::parse_in("2027-06-15", london).unwrap().rfc3339(),
            "2027-06-15T00:00:00Z"
        );
        assert!(Timestamp::parse_in("2027-06-15 25:00", london).is_none());
        assert!(Timestamp::parse_in("2027-06-15 09:30", "Europe/Londn").is_none());
        assert!(time_zone_names().iter().any(|n| n == "Europe/London"));
    }

    #[test]
    fn civil_round_trip() {
        for days in [-1000, 0, 59, 365 * 30 + 7, 20_000] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
    }
}
