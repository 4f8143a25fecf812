use super::inspection::starter_judgements;
use super::*;
use crate::dates::PartialDate;
use crate::validate::builtin_frameworks;

#[test]
fn start_comes_from_the_slug_when_it_can() {
    let today = PartialDate::parse("2026-02-03").unwrap();
    assert_eq!(start_for("2026-03-ilacs", today), "2026-03");
    assert_eq!(start_for("2026-13-ilacs", today), "2026-02-03");
    assert_eq!(start_for("kent-2026", today), "2026-02-03");
}

#[test]
fn ilacs_starts_with_todays_four_judgements() {
    let fws = builtin_frameworks();
    let ilacs = fws.iter().find(|f| f.key == "ilacs").unwrap();
    let names = starter_judgements(ilacs);
    assert_eq!(names.len(), 4, "{names:?}");
    assert!(names.contains(&"The experiences and progress of care leavers"));
    assert!(!names.iter().any(|n| n.contains("Overall")));
}

#[test]
fn the_workflow_pins_this_clarion() {
    let w = pages_workflow();
    assert!(
        w.contains(&format!("CLARION: clarion-ssg=={VERSION}\n")),
        "{w}"
    );
    for w in [w, repository_workflow()] {
        for hole in ["{PACKAGE}", "{VERSION}", "{PAGEFIND}"] {
            assert!(!w.contains(hole), "{hole} in {w}");
        }
    }
}
