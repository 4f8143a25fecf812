//! How grades and inspection kinds are shown, the same on every page, in
//! the history chart and in the finder's index.

/// Spreads a grade's rank over six tones, so a 4-point and a 6-point scale
/// both run from the best colour and icon to the worst.
pub fn tone(rank: usize, scale: usize) -> usize {
    if scale <= 1 {
        return 0;
    }
    ((rank - 1) * 5 + (scale - 1) / 2) / (scale - 1)
}

pub const ICONS: [&str; 6] = [
    "star",
    "tick-circle",
    "tick",
    "exclamation",
    "warning",
    "cross",
];

/// "Focused visit", "Full inspection", "Fostering inspection".
pub fn kind_label(kind: &str) -> String {
    match kind {
        "full" => "Full inspection".into(),
        "focused-visit" => "Focused visit".into(),
        "monitoring-visit" => "Monitoring visit".into(),
        "jtai" => "Joint targeted area inspection".into(),
        "thematic" => "Thematic inspection".into(),
        "short" => "Short inspection".into(),
        other => {
            let mut s = other.replace('-', " ");
            if let Some(first) = s.get(0..1) {
                let up = first.to_uppercase();
                s.replace_range(0..1, &up);
            }
            format!("{s} inspection")
        }
    }
}
