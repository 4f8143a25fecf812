use super::*;

#[test]
fn keeps_positions_of_keys_and_values() {
    let node = parse("x.yaml", "title: Hello\nlist:\n  - a\n  - 7\n", 0).unwrap();
    let Value::Map(entries) = node.value else {
        panic!("not a map")
    };
    assert_eq!(entries[0].0.pos.line, 1);
    assert_eq!(entries[0].1.pos.column, 8);
    let Value::Seq(items) = &entries[1].1.value else {
        panic!("not a list")
    };
    assert_eq!(items[1].pos.line, 4);
    assert_eq!(items[1].as_text().as_deref(), Some("7"));
}

#[test]
fn no_stays_text_and_dates_are_text() {
    let node = parse("x.yaml", "a: no\nb: 2025-11-03\n", 0).unwrap();
    let Value::Map(entries) = node.value else {
        panic!()
    };
    assert_eq!(entries[0].1.value, Value::Str("no".into()));
    assert_eq!(entries[1].1.value, Value::Str("2025-11-03".into()));
}

#[test]
fn duplicate_keys_are_errors_with_a_line() {
    let err = parse("x.yaml", "a: 1\nb: 2\na: 3\n", 0).unwrap_err();
    assert_eq!(err.pos.line, 3, "{err:?}");
    assert!(err.message.contains("duplicate"), "{}", err.message);
    assert!(!err.message.contains("Options"), "{}", err.message);
}

#[test]
fn offsets_lines_for_front_matter() {
    let node = parse("x.md", "title: Hi\n", 1).unwrap();
    let Value::Map(entries) = node.value else {
        panic!()
    };
    assert_eq!(entries[0].0.pos.line, 2);
}

#[test]
fn merge_keys_add_what_the_block_does_not_have() {
    let text = "base: &b\n  grade: good\n  name: Base\nitem:\n  <<: *b\n  name: Own\n";
    let node = parse("x.yaml", text, 0).unwrap();
    let Value::Map(top) = node.value else {
        panic!("not a map")
    };
    let Value::Map(item) = &top[1].1.value else {
        panic!("not a map")
    };
    let pairs: Vec<(String, String)> = item
        .iter()
        .map(|(k, v)| (k.as_text().unwrap(), v.as_text().unwrap()))
        .collect();
    assert_eq!(
        pairs,
        [
            ("name".into(), "Own".into()),
            ("grade".into(), "good".into())
        ]
    );
}

#[test]
fn a_repeated_key_far_down_a_long_block_is_found() {
    let mut text: String = (0..500).map(|n| format!("k{n}: {n}\n")).collect();
    text.push_str("k7: again\n");
    let err = parse("x.yaml", &text, 0).unwrap_err();
    assert_eq!(err.pos.line, 501);
    assert!(
        err.message.contains("`k7` (it is already on line 8)"),
        "{}",
        err.message
    );
}

/// Each way a file can break that is ours rather than the parser's: the
/// line and column, the words, and the advice.
#[test]
fn each_problem_names_its_place_and_what_to_do() {
    let cases = [
        (
            "a: 1\n---\nb: 2\n",
            (2, 1),
            "second document",
            "Delete the second `---`",
        ),
        ("a: !foo x\n", (1, 9), "the tag `!foo`", "Delete the tag"),
        (
            "a: !!int x\n",
            (1, 10),
            "`x` is not a whole number",
            "Delete the tag",
        ),
        (
            "a: .inf\n",
            (1, 4),
            "`.inf` is not a number",
            "put the value in quotes",
        ),
        (
            "<<: 5\n",
            (1, 5),
            "`<<` must be given a block",
            "Give `<<:` an alias",
        ),
        (
            "a: *nowhere\n",
            (1, 4),
            "that is not defined above it",
            "must come after its anchor",
        ),
        ("a:\n\t- b\n", (2, 1), "tab (U+0009)", "with spaces"),
    ];
    for (text, (line, column), message, help) in cases {
        let err = parse("x.yaml", text, 0).unwrap_err();
        assert_eq!((err.pos.line, err.pos.column), (line, column), "{text:?}");
        assert!(err.message.contains(message), "{text:?}: {}", err.message);
        let got = err.help.unwrap_or_default();
        assert!(got.contains(help), "{text:?}: {got}");
    }
}

#[test]
fn core_tags_are_honoured() {
    let node = parse(
        "x.yaml",
        "a: !!str 12\nb: ! true\nc: !!int \"7\"\nd: !!null x\n",
        0,
    )
    .unwrap();
    let Value::Map(m) = node.value else {
        panic!("not a map")
    };
    let values: Vec<&Value> = m.iter().map(|(_, v)| &v.value).collect();
    assert_eq!(
        values,
        [
            &Value::Str("12".into()),
            &Value::Str("true".into()),
            &Value::Int(7),
            &Value::Null
        ]
    );
}

#[test]
fn alias_bomb_is_refused_quickly() {
    let mut src = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    let names = ["b", "c", "d", "e", "f", "g", "h", "i", "j"];
    let mut prev = "a";
    for n in names {
        src.push_str(&format!("{n}: &{n} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
        prev = n;
    }
    let started = std::time::Instant::now();
    assert!(parse("bomb.yaml", &src, 0).is_err());
    assert!(started.elapsed().as_secs() < 5);
}

#[test]
fn aliases_of_long_text_are_limited_by_what_they_copy() {
    // 80 KB of file, 100 MB of text once copied, far under the node limit.
    let mut src = format!("improvements:\n  - &a \"{}\"\n", "long text ".repeat(1_000));
    src.push_str(&"  - *a\n".repeat(10_000));
    let err = parse("inspection.yaml", &src, 0).unwrap_err();
    // At the alias that went over: the 105th copy of 10 KB, on line 107.
    assert_eq!((err.pos.line, err.pos.column), (107, 5), "{err:?}");
    assert!(
        err.message.contains("copy more than 1 MB"),
        "{}",
        err.message
    );
    assert!(
        err.help
            .unwrap_or_default()
            .contains("Write the value out once")
    );
    // A few copies of a long value are fine.
    let few = format!("a: &a \"{}\"\nb: *a\nc: *a\n", "x".repeat(100_000));
    assert!(parse("x.yaml", &few, 0).is_ok());
}

#[test]
fn deep_nesting_is_refused() {
    let src = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    assert!(parse("deep.yaml", &src, 0).is_err());
}
