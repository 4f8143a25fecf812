//! Unit tests of the importer's parts.

use super::*;
use clarion_core::Framework;

fn ilacs() -> Framework {
    builtin_frameworks()
        .into_iter()
        .find(|f| f.key == "ilacs")
        .unwrap()
}

#[test]
fn headers_of_every_edition_map_to_fields() {
    let cases = [
        ("Local authority name", Field::Authority),
        ("Local authority", Field::Authority),
        ("LOCAL AUTHORITY  NAME", Field::Authority),
        ("Ofsted region", Field::Region),
        ("Region", Field::Region),
        ("Inspection date", Field::Start),
        ("Inspection\nstart date", Field::Start),
        ("Inspection start date [note 2]", Field::Start),
        ("Publication date (note 3)", Field::Published),
        ("Web link", Field::Link),
        ("Overall effectiveness", Field::Grade(Area::Overall)),
        ("Impact of leaders", Field::Grade(Area::Leadership)),
        (
            "The impact of leaders on social work practice with children and families",
            Field::Grade(Area::Leadership),
        ),
        (
            "The impact of leaders on social work practice with children and families ",
            Field::Grade(Area::Leadership),
        ),
        ("Help and protection", Field::Grade(Area::HelpAndProtection)),
        (
            "The experiences and progress of children who need help and protection",
            Field::Grade(Area::HelpAndProtection),
        ),
        (
            "Experiences and progress of children who need help and protection",
            Field::Grade(Area::HelpAndProtection),
        ),
        ("Children in care", Field::Grade(Area::ChildrenInCare)),
        (
            "The experiences and progress of children in care",
            Field::Grade(Area::ChildrenInCare),
        ),
        (
            "Children in care and care leavers",
            Field::Grade(Area::ChildrenInCareAndCareLeavers),
        ),
        ("Care leavers", Field::Grade(Area::CareLeavers)),
        (
            "The experiences and progress of care leavers",
            Field::Grade(Area::CareLeavers),
        ),
    ];
    for (header, field) in cases {
        assert_eq!(field_for_header(header), Some(field), "{header:?}");
    }
    assert_eq!(
        field_for_header("Local authority area code"),
        Some(Field::Code)
    );
    assert_eq!(field_for_header("Old LA code"), Some(Field::OldCode));
    assert_eq!(field_for_header("New LA code"), Some(Field::Code));
    assert_eq!(field_for_header("Inspection/Visit type"), Some(Field::Kind));
    assert_eq!(
        field_for_header("Local authority status"),
        Some(Field::Status)
    );
    assert_eq!(field_for_header("URN"), Some(Field::Urn));
    assert_eq!(
        field_for_header("Latest inspection date"),
        Some(Field::Start)
    );
    assert_eq!(
        field_for_header("Adoption performance"),
        Some(Field::Grade(Area::Adoption))
    );
    for other in ["Inspection outcome", "", "Notes"] {
        assert_eq!(field_for_header(other), None, "{other:?}");
    }
}

#[test]
fn normalises_headers() {
    assert_eq!(
        normalise_header("The Impact of\r\nLeaders [note 1]"),
        "impact of leaders"
    );
    assert_eq!(
        normalise_header("Children’s  services"),
        "childrens services"
    );
    assert_eq!(normalise_header("Web-link:"), "web link");
}

#[test]
fn reads_dates_in_every_shape() {
    let d = |y, m, day| PartialDate {
        year: y,
        month: Some(m),
        day: Some(day),
    };
    for (text, want) in [
        ("2023-05-15", d(2023, 5, 15)),
        ("2023-05-15T00:00:00", d(2023, 5, 15)),
        ("15/05/2023", d(2023, 5, 15)),
        ("5/1/2024", d(2024, 1, 5)),
        ("15 May 2023", d(2023, 5, 15)),
        ("15 may, 2023", d(2023, 5, 15)),
        ("15-May-23", d(2023, 5, 15)),
        ("1 Sept 2024", d(2024, 9, 1)),
        ("29/02/2024", d(2024, 2, 29)),
        ("15/05/2023 00:00:00", d(2023, 5, 15)),
    ] {
        assert_eq!(parse_date_text(text), Ok(want), "{text}");
    }
    assert_eq!(
        parse_date_text("May 2023"),
        Ok(PartialDate {
            year: 2023,
            month: Some(5),
            day: None
        })
    );
    for bad in [
        "",
        "soon",
        "31/02/2023",
        "15/13/2023",
        "2023-13-01",
        "15 Mai 2023",
    ] {
        assert!(parse_date_text(bad).is_err(), "{bad}");
    }
    assert_eq!(date_from_serial(45061.0), Some(d(2023, 5, 15)));
    assert_eq!(date_from_serial(0.0), None);
}

#[test]
fn reads_grades_as_words_and_numbers() {
    let f = ilacs();
    let key = |t: &str| parse_grade(&f, t).map(|g| f.grades[g].key.clone());
    for (text, want) in [
        ("Outstanding", "outstanding"),
        ("1", "outstanding"),
        ("Good", "good"),
        ("2.0", "good"),
        ("Grade 2", "good"),
        ("Requires improvement to be good", "requires-improvement"),
        ("requires  improvement", "requires-improvement"),
        ("3", "requires-improvement"),
        ("INADEQUATE", "inadequate"),
        ("4", "inadequate"),
    ] {
        assert_eq!(key(text).as_deref(), Some(want), "{text}");
    }
    for bad in ["Satisfactory", "5", "0", "Adequate"] {
        assert_eq!(key(bad), None, "{bad}");
    }
    assert!(says_not_inspected("Not yet inspected"));
    assert!(says_not_inspected("Not yet inspected [note 4]"));
    assert!(says_no_grade("z"));
    assert!(says_no_grade("Not applicable"));
}

#[test]
fn parses_csv_with_quotes_and_line_breaks() {
    let rows = parse_csv("a,\"b, c\",\"say \"\"hi\"\"\"\r\n\"x\ny\",,z\n");
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0][1], Cell::Text("b, c".into()));
    assert_eq!(rows[0][2], Cell::Text("say \"hi\"".into()));
    assert_eq!(rows[1][0], Cell::Text("x\ny".into()));
    assert_eq!(rows[1][1], Cell::Empty);
}

#[test]
fn names_cells_like_spreadsheets() {
    assert_eq!(cell_name(7, 2), "B7");
    assert_eq!(cell_name(1, 26), "Z1");
    assert_eq!(cell_name(10, 27), "AA10");
}

#[test]
fn markers_detect_edits() {
    let text = with_marker("a/summary.md", "Hello\n");
    let (hash, body) = split_marker(&text).unwrap();
    assert_eq!(hash, content_hash(body));
    let edited = text.replace("Hello", "Hello there");
    let (hash, body) = split_marker(&edited).unwrap();
    assert_ne!(hash, content_hash(body));
    assert!(split_marker("Hello\nworld\n").is_none());
    assert!(with_marker("x/inspection.yaml", "a: 1\n").starts_with("# "));
}

#[test]
fn finds_the_header_row_under_title_rows() {
    let csv = "Local authority inspection outcomes as at 31 March 2025\nSource: Ofsted\n\nLocal authority name,Inspection date,Overall effectiveness,Care leavers\nNorthmoor,15/05/2023,Good,Outstanding\nWesterhay,Not yet inspected,,\n";
    let (rows, lines) = parse_csv_with(csv, ',');
    let tables = vec![Table::csv(rows, lines)];
    let mut diags = Diagnostics::default();
    let parsed = parse_outcomes(&tables, "x.csv", &ilacs(), &mut diags);
    assert!(diags.items.is_empty(), "{diags:?}");
    assert_eq!(parsed.header_row, 4);
    assert_eq!(parsed.not_inspected, 1);
    assert_eq!(parsed.outcomes.len(), 1);
    assert_eq!(parsed.outcomes[0].slug(), "2023-05-northmoor-ilacs");
    assert_eq!(
        parsed.outcomes[0].judgements,
        vec![(Area::CareLeavers, Judged::Grade(0))]
    );
}

#[test]
fn reads_the_target_of_hyperlink_formulas() {
    for f in [
        "of:=HYPERLINK(\"https://reports.ofsted.gov.uk/provider/44/301\";\"Ofsted Local Authority Webpage\")",
        "HYPERLINK(\"https://reports.ofsted.gov.uk/provider/44/301\",\"Webpage\")",
        "=hyperlink( \"https://reports.ofsted.gov.uk/provider/44/301\" )",
    ] {
        assert_eq!(
            hyperlink_target(f).as_deref(),
            Some("https://reports.ofsted.gov.uk/provider/44/301"),
            "{f}"
        );
    }
    assert_eq!(hyperlink_target("HYPERLINK(\"javascript:alert(1)\")"), None);
    assert_eq!(hyperlink_target("HYPERLINK([.B5])"), None);
    assert_eq!(hyperlink_target("SUM(A1:A3)"), None);
}

#[test]
fn picks_the_framework_from_the_row_and_the_date() {
    let d = |y, m| {
        Some(PartialDate {
            year: y,
            month: Some(m),
            day: Some(1),
        })
    };
    assert_eq!(framework_for(None, d(2016, 2), false), (SIF, false));
    assert_eq!(framework_for(None, d(2017, 12), false), (SIF, false));
    // Early 2018: either; the table does not say, so a warning.
    assert_eq!(framework_for(None, d(2018, 2), false), (ILACS, true));
    assert_eq!(framework_for(Some("SIF"), d(2018, 2), false), (SIF, false));
    assert_eq!(
        framework_for(Some("Single inspection framework"), d(2018, 2), false),
        (SIF, false)
    );
    assert_eq!(
        framework_for(Some("ILACS Standard Inspection"), d(2018, 1), false),
        (ILACS, false)
    );
    assert_eq!(framework_for(None, d(2025, 3), false), (ILACS, false));
    // A grade only SIF gave settles early 2018.
    assert_eq!(framework_for(None, d(2018, 2), true), (SIF, false));
    assert_eq!(framework_for(None, d(2026, 3), false), (ILACS, false));
    assert_eq!(framework_for(None, d(2026, 4), false), (ILACS_2026, false));
    assert_eq!(
        framework_for(Some("ILACS Short Inspection"), d(2026, 5), false),
        (ILACS_2026, false)
    );
}

#[test]
fn named_non_grades_and_no_full_inspection() {
    assert_eq!(non_grade("Not judged"), Some(NonGrade::NotJudged));
    assert_eq!(non_grade("N/A"), Some(NonGrade::NotApplicable));
    assert_eq!(non_grade("z"), Some(NonGrade::NotApplicable));
    assert_eq!(non_grade("Goood"), None);
    assert!(says_not_inspected("No full inspection"));
    assert!(says_not_inspected("No full inspection [note 5]"));
}

#[test]
fn edition_lines_round_trip() {
    let e = PartialDate {
        year: 2025,
        month: Some(3),
        day: Some(31),
    };
    let line = edition_line(e);
    assert!(line.contains("as at 31 March 2025"), "{line}");
    assert_eq!(recorded_edition(&line), Some(e));
    assert_eq!(recorded_edition("authority: x"), None);
}
