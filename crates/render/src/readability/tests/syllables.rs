//! Syllable counts against a dictionary's.

use super::*;

/// Dictionary syllable counts (Merriam-Webster / CMUdict's most common
/// pronunciation) that the counter must always get right; the head of the table.
const MUST_PASS: &[(&str, usize)] = &[
    ("the", 1),
    ("care", 1),
    ("cared", 1),
    ("wanted", 2),
    ("table", 2),
    ("little", 2),
    ("social", 2),
    ("worker", 2),
    ("children", 2),
    ("inspection", 3),
    ("independent", 4),
    ("outstanding", 3),
    ("adoption", 3),
    ("experience", 4),
    ("improvement", 3),
    ("area", 3),
    ("idea", 3),
    ("business", 2),
    ("family", 3),
    ("every", 2),
    ("beautiful", 3),
    ("reviewing", 3),
    ("advocate", 3),
];

/// The rest of the table: the counter must get most of them right.
const SYLLABLE_TABLE_REST: &[(&str, usize)] = &[
    ("a", 1),
    ("cat", 1),
    ("people", 2),
    ("school", 1),
    ("young", 1),
    ("support", 2),
    ("council", 2),
    ("services", 3),
    ("report", 2),
    ("leaders", 2),
    ("education", 4),
    ("health", 1),
    ("placement", 2),
    ("quality", 3),
    ("practice", 2),
    ("judgement", 2),
    ("safeguarding", 3),
    ("foster", 2),
    ("parents", 2),
    ("because", 2),
    ("through", 1),
    ("water", 2),
    ("before", 2),
    ("again", 2),
    ("only", 2),
    ("house", 1),
    ("friend", 1),
    ("being", 2),
    ("something", 2),
    ("everyone", 3),
    ("important", 3),
    ("together", 3),
    ("information", 4),
    ("community", 4),
    ("opportunity", 5),
    ("responsibility", 6),
    ("environment", 4),
    ("particularly", 5),
    ("necessary", 4),
    ("especially", 4),
    ("usually", 4),
    ("situation", 4),
    ("individual", 5),
    ("create", 2),
    ("created", 3),
    ("quiet", 2),
    ("science", 2),
    ("violence", 3),
    ("period", 3),
    ("radio", 3),
    ("video", 3),
    ("media", 3),
    ("poem", 2),
    ("colleague", 2),
    ("unique", 2),
    ("language", 2),
    ("anxious", 2),
    ("serious", 3),
    ("previous", 3),
    ("happiness", 3),
    ("easier", 3),
    ("studied", 2),
    ("studying", 3),
    ("playing", 2),
    ("going", 2),
    ("player", 2),
    ("beyond", 2),
    ("yes", 1),
    ("eyes", 1),
    ("style", 1),
    ("system", 2),
    ("makes", 1),
    ("boxes", 2),
    ("places", 2),
    ("changes", 2),
    ("tables", 2),
    ("settled", 2),
    ("needed", 2),
    ("played", 1),
    ("tried", 1),
    ("lonely", 2),
    ("careful", 2),
    ("useful", 2),
    ("statement", 2),
    ("completely", 3),
    ("immediately", 5),
    ("behaviour", 3),
    ("emotional", 4),
    ("wellbeing", 3),
    ("vulnerable", 4),
    ("achievement", 3),
    ("development", 4),
    ("centre", 2),
    ("police", 2),
    ("disabilities", 5),
    ("autism", 3),
    ("asylum", 3),
    ("residential", 4),
    ("teenager", 3),
    ("don't", 1),
    ("didn't", 2),
    ("couldn't", 2),
    ("fuel", 2),
    ("genuine", 3),
    ("museum", 3),
    ("whole", 1),
    ("therefore", 2),
    ("sometimes", 2),
    ("queue", 1),
    ("guide", 1),
    ("does", 1),
    ("goes", 1),
    ("issues", 2),
    ("continue", 3),
    ("value", 2),
    ("real", 1),
    ("reason", 2),
    ("ocean", 2),
    ("favourite", 3),
    ("different", 3),
    ("interesting", 4),
    ("society", 4),
    ("anxiety", 4),
    ("client", 2),
    ("patient", 2),
    ("reaction", 3),
    ("cooperate", 4),
    ("piano", 3),
    ("diary", 3),
    ("champion", 3),
    ("million", 2),
    ("opinion", 3),
];

#[test]
fn syllable_table_accuracy() {
    let mut misses = Vec::new();
    for &(word, expected) in MUST_PASS.iter().chain(SYLLABLE_TABLE_REST) {
        let got = count_syllables(word);
        if got != expected {
            misses.push(format!("{word}: expected {expected}, got {got}"));
        }
    }
    let total = MUST_PASS.len() + SYLLABLE_TABLE_REST.len();
    let hits = total - misses.len();
    let accuracy = hits as f64 / total as f64;
    println!(
        "syllable accuracy: {hits}/{total} = {:.1}%",
        accuracy * 100.0
    );
    for m in &misses {
        println!("  miss: {m}");
    }
    assert!(total >= 80);
    assert!(
        accuracy >= 0.90,
        "accuracy {accuracy:.3}; misses: {misses:?}"
    );
}

#[test]
fn syllable_must_pass() {
    let must = MUST_PASS
        .iter()
        .copied()
        .chain([("cat", 1), ("sat", 1), ("mat", 1)]);
    for (word, expected) in must {
        assert_eq!(count_syllables(word), expected, "{word}");
    }
}

#[test]
fn syllables_numbers_and_oddities() {
    assert_eq!(count_syllables("0800"), 1);
    assert_eq!(count_syllables("16-25"), 2);
    assert_eq!(count_syllables("3.5"), 2);
    assert_eq!(count_syllables("1,000"), 2);
    assert_eq!(count_syllables("Mr"), 1);
    assert_eq!(count_syllables("NHS"), 3);
    assert_eq!(count_syllables("GP"), 2);
    assert_eq!(count_syllables("class's"), 2);
    assert_eq!(count_syllables("James's"), 2);
    assert_eq!(count_syllables("child's"), 1);
    assert_eq!(count_syllables("CHILDREN"), 2);
    assert_eq!(count_syllables("Don’t"), 1);
    assert_eq!(count_syllables("well-being"), 3);
    assert_eq!(count_syllables(""), 0);
    assert_eq!(count_syllables("!!!"), 0);
    assert_eq!(count_syllables("مرحبا"), 1);
    assert_eq!(count_syllables("the cat"), 2);
    assert_eq!(count_syllables("café"), 1); // Accent folded; the final e is taken as silent.
    let long = "a".repeat(1000);
    assert_eq!(count_syllables(&long), 1);
}
