use super::sentences::sentence_spans;
use super::words::words;
use super::*;

mod syllables;

/// Counts the syllables in `word` (summed if it holds several words); 0 if it has no letters or digits.
fn count_syllables(word: &str) -> usize {
    let mut syllables = Syllables::new();
    words(word).map(|w| syllables.count(w)).sum()
}

/// Splits text into sentences (used by measure), as trimmed slices of `text`; sentences without words are dropped.
fn split_sentences(text: &str) -> Vec<&str> {
    sentence_spans(text)
        .into_iter()
        .map(|(s, e)| &text[s..e])
        .collect()
}

/// Like `split_sentences`, but pairs each sentence with the byte offset in `text` where it starts.
fn split_sentences_with_offsets(text: &str) -> Vec<(usize, &str)> {
    sentence_spans(text)
        .into_iter()
        .map(|(s, e)| (s, &text[s..e]))
        .collect()
}

fn block(line: usize, text: &str) -> TextBlock {
    TextBlock {
        line,
        text: text.to_string(),
    }
}

fn never_known(_: &str) -> bool {
    false
}

#[test]
fn words_are_tokenised() {
    let w: Vec<&str> =
        words("Don't call 0800 1111 if you're 16-25, e.g. (parents') £1,000.").collect();
    assert_eq!(
        w,
        [
            "Don't", "call", "0800", "1111", "if", "you're", "16-25", "e.g", "parents", "1,000"
        ]
    );
    let w: Vec<&str> = words("cats, dogs - and well‐being; 3.5 — x").collect();
    assert_eq!(w, ["cats", "dogs", "and", "well‐being", "3.5", "x"]);
}

#[test]
fn splits_plain_sentences() {
    assert_eq!(
        split_sentences("One two. Three four! Five six? Seven"),
        ["One two.", "Three four!", "Five six?", "Seven"]
    );
}

#[test]
fn does_not_split_abbreviations_or_decimals() {
    assert_eq!(
        split_sentences("Mr. Smith met Dr. Jones at St. Mary's. It was fun."),
        ["Mr. Smith met Dr. Jones at St. Mary's.", "It was fun."]
    );
    assert_eq!(
        split_sentences("Bring things, e.g. Pens, i.e. Ink, etc. Then go."),
        ["Bring things, e.g. Pens, i.e. Ink, etc. Then go."]
    );
    assert_eq!(
        split_sentences("It costs 3.5 pounds. Call No. 10 now."),
        ["It costs 3.5 pounds.", "Call No. 10 now."]
    );
    assert_eq!(
        split_sentences("The answer is no. We tried."),
        ["The answer is no.", "We tried."]
    );
    assert_eq!(
        split_sentences("Visit www.example.org.uk today. Written by J. K. Rowling. Done."),
        [
            "Visit www.example.org.uk today.",
            "Written by J. K. Rowling.",
            "Done."
        ]
    );
    assert_eq!(
        split_sentences("We met at 9 a.m. on Monday. We waited... and waited."),
        ["We met at 9 a.m. on Monday.", "We waited... and waited."]
    );
}

#[test]
fn splits_headings_quotes_and_runs() {
    assert_eq!(split_sentences("How we inspect"), ["How we inspect"]);
    assert_eq!(
        split_sentences("She said, \"Stop!\" Then she left. (It was late.) Really?! Yes…"),
        [
            "She said, \"Stop!\"",
            "Then she left.",
            "(It was late.)",
            "Really?!",
            "Yes…"
        ]
    );
    assert_eq!(
        split_sentences("“Is it safe?” he asked. ‘Yes.’ OK"),
        ["“Is it safe?” he asked.", "‘Yes.’", "OK"]
    );
    // Without a closing quote, "?" and "!" end the sentence whatever follows.
    assert_eq!(split_sentences("Wow!! Great."), ["Wow!!", "Great."]);
    assert_eq!(split_sentences("Really? yes."), ["Really?", "yes."]);
    // Sentences without words are dropped.
    assert_eq!(split_sentences("... !!! Hello. ?"), ["Hello."]);
    assert!(split_sentences("").is_empty());
    assert!(split_sentences("   \n ").is_empty());
}

#[test]
fn offsets_point_into_text() {
    let text = "  First one.\nSecond one. ";
    let got = split_sentences_with_offsets(text);
    assert_eq!(got, [(2, "First one."), (13, "Second one.")]);
    for (off, s) in got {
        assert_eq!(&text[off..off + s.len()], s);
    }
}

fn assert_close(got: f64, want: f64) {
    assert!((got - want).abs() < 0.01, "got {got}, want {want}");
}

#[test]
fn hand_worked_cat() {
    // The(1) cat(1) sat(1) on(1) the(1) mat(1): 6 words, 1 sentence, 6 syllables.
    // FRE = 206.835 - 1.015*6 - 84.6*1 = 116.145
    // FK  = 0.39*6 + 11.8*1 - 15.59 = -1.45
    let r = analyse(
        &[block(1, "The cat sat on the mat.")],
        25,
        &never_known,
        &mut Syllables::new(),
    );
    assert_eq!((r.words, r.sentences, r.syllables), (6, 1, 6));
    assert_close(r.flesch_reading_ease, 116.145);
    assert_close(r.flesch_kincaid_grade, -1.45);
    assert_close(r.reading_age, 3.55);
}

#[test]
fn hand_worked_two_sentences() {
    // Children(2) need(1) a(1) safe(1) home(1) = 5 words, 6 syllables.
    // They(1) should(1) feel(1) loved(1) = 4 words, 4 syllables.
    // 9 words, 2 sentences, 10 syllables: 4.5 words/sentence, 10/9 syllables/word.
    // FRE = 206.835 - 1.015*4.5 - 84.6*10/9 = 206.835 - 4.5675 - 94.0 = 108.2675
    // FK  = 0.39*4.5 + 11.8*10/9 - 15.59 = 1.755 + 13.1111 - 15.59 = -0.7239
    let r = analyse(
        &[block(
            1,
            "Children need a safe home. They should feel loved.",
        )],
        25,
        &never_known,
        &mut Syllables::new(),
    );
    assert_eq!((r.words, r.sentences, r.syllables), (9, 2, 10));
    assert_close(r.flesch_reading_ease, 108.2675);
    assert_close(r.flesch_kincaid_grade, -0.7239);
}

#[test]
fn hand_worked_hard_sentence() {
    // Inspectors(3) found(1) that(1) the(1) independent(4) adoption(3) agency(3)
    // provides(2) outstanding(3) support(2) for(1) families(3):
    // 12 words, 1 sentence, 27 syllables; 2.25 syllables/word.
    // FRE = 206.835 - 1.015*12 - 84.6*2.25 = 206.835 - 12.18 - 190.35 = 4.305
    // FK  = 0.39*12 + 11.8*2.25 - 15.59 = 4.68 + 26.55 - 15.59 = 15.64
    let text = "Inspectors found that the independent adoption agency provides \
                outstanding support for families.";
    let r = analyse(&[block(1, text)], 25, &never_known, &mut Syllables::new());
    assert_eq!((r.words, r.sentences, r.syllables), (12, 1, 27));
    assert_close(r.flesch_reading_ease, 4.305);
    assert_close(r.flesch_kincaid_grade, 15.64);
    assert_close(r.reading_age, 20.64);
}

#[test]
fn hand_worked_questions_and_blocks() {
    // Block 1: Is(1) it(1) safe(1)? = 3 words, 3 syllables. Yes(1)! = 1 word, 1 syllable.
    // Block 2 (heading, no full stop): We can go out to play now = 7 words, 7 syllables.
    // 11 words, 3 sentences, 11 syllables.
    // FRE = 206.835 - 1.015*11/3 - 84.6*1 = 206.835 - 3.72167 - 84.6 = 118.51333
    // FK  = 0.39*11/3 + 11.8*1 - 15.59 = 1.43 + 11.8 - 15.59 = -2.36
    let r = analyse(
        &[
            block(1, "Is it safe? Yes!"),
            block(3, "We can go out to play now"),
        ],
        25,
        &never_known,
        &mut Syllables::new(),
    );
    assert_eq!((r.words, r.sentences, r.syllables), (11, 3, 11));
    assert_close(r.flesch_reading_ease, 118.51333);
    assert_close(r.flesch_kincaid_grade, -2.36);
}

#[test]
fn measure_scores_at_min_words() {
    let text = "The cat sat on the mat. ".repeat(10);
    let blocks = [block(1, &text)];
    match measure(&blocks, 25, &never_known, &mut Syllables::new()) {
        Measure::Scored(r) => {
            assert_eq!((r.words, r.sentences, r.syllables), (60, 10, 60));
            assert_close(r.flesch_kincaid_grade, -1.45);
            assert!(r.long_sentences.is_empty());
            assert!(r.hard_words.is_empty());
        }
        Measure::TooShort { .. } => panic!("60 words should be scored"),
    }
}

#[test]
fn too_short() {
    let text = "The cat sat on the mat. ".repeat(9) + "The cat sat.";
    assert_eq!(
        measure(&[block(1, &text)], 25, &never_known, &mut Syllables::new()),
        Measure::TooShort { words: 57 }
    );
    assert_eq!(
        measure(&[], 25, &never_known, &mut Syllables::new()),
        Measure::TooShort { words: 0 }
    );
}

#[test]
fn long_sentences_longest_first_with_lines() {
    let filler = "We play. ".repeat(30);
    let blocks = [
        block(
            10,
            "Short one. This sentence has\nexactly seven words in it.",
        ),
        block(
            20,
            "First line.\n\nThis one has six words here. Now a much longer sentence\nthat goes on for eleven words.",
        ),
        block(30, "One two three four five six"),
        block(40, &filler),
    ];
    let r = match measure(&blocks, 5, &never_known, &mut Syllables::new()) {
        Measure::Scored(r) => r,
        Measure::TooShort { words } => panic!("too short: {words}"),
    };
    let got: Vec<(usize, usize, &str)> = r
        .long_sentences
        .iter()
        .map(|s| (s.line, s.words, s.text.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (
                22,
                11,
                "Now a much longer sentence that goes on for eleven words."
            ),
            (10, 8, "This sentence has exactly seven words in it."),
            (22, 6, "This one has six words here."),
            (30, 6, "One two three four five six"),
        ]
    );
}

#[test]
fn hard_words_minus_known() {
    let text = "Our Independent Reviewing Officer visits. The independent \
                advocate explains adoption. Children can read every word. \
                The inspection found outstanding care. Don't worry about it. "
        .repeat(3);
    let known = |w: &str| w == "advocate" || w == "adoption";
    let r = match measure(&[block(1, &text)], 25, &known, &mut Syllables::new()) {
        Measure::Scored(r) => r,
        Measure::TooShort { words } => panic!("too short: {words}"),
    };
    assert_eq!(
        r.hard_words,
        [
            "independent",
            "inspection",
            "officer",
            "outstanding",
            "reviewing"
        ]
    );
}

#[test]
fn is_known_gets_normalised_words_once() {
    use std::cell::RefCell;
    let seen = RefCell::new(Vec::new());
    let known = |w: &str| {
        seen.borrow_mut().push(w.to_string());
        false
    };
    let text = "Beautiful BEAUTIFUL beautiful day. ".repeat(20);
    let r = analyse(&[block(1, &text)], 25, &known, &mut Syllables::new());
    assert_eq!(r.hard_words, ["beautiful"]);
    assert_eq!(*seen.borrow(), ["beautiful"]);
}

#[test]
fn odd_inputs_do_not_panic() {
    let long = "word ".repeat(50_000);
    let dots = ".".repeat(100_000);
    let mixed = "a.".repeat(50_000);
    let inputs: Vec<String> = vec![
        String::new(),
        " ".into(),
        "\n\n\n".into(),
        ".!?".into(),
        "?!?!?!".into(),
        "... . . .".into(),
        "😀😀 🎉! 👍🏽.".into(),
        "👨‍👩‍👧‍👦 family".into(),
        "مرحبا بالعالم. كيف حالك؟ أنا بخير".into(),
        "你好世界。这是一个测试".into(),
        "Ünïcödé wörds ärë fïnë. Ñandú!".into(),
        "e\u{301}cole cafe\u{301}".into(),
        "'''---'''".into(),
        "-'a'-".into(),
        "Mr. Dr. St. e.g. etc. No.".into(),
        "a".repeat(10_000),
        "ab-".repeat(1000),
        "1.2.3.4.5 6,7,8".into(),
        "\u{0}\u{7f}\u{feff}\u{200b}".into(),
        "The end.\r\nNext line.\r\n".into(),
        long,
        dots,
        mixed,
    ];
    for text in &inputs {
        let blocks = [block(1, text)];
        let _ = split_sentences(text);
        let _ = split_sentences_with_offsets(text);
        let _ = count_syllables(text);
        match measure(&blocks, 0, &never_known, &mut Syllables::new()) {
            Measure::TooShort { .. } => {}
            Measure::Scored(r) => {
                assert!(r.flesch_reading_ease.is_finite());
                assert!(r.flesch_kincaid_grade.is_finite());
                assert!(r.sentences >= 1);
            }
        }
        let r = analyse(&blocks, 0, &never_known, &mut Syllables::new());
        assert!(r.flesch_reading_ease.is_finite());
    }
    let r = analyse(&[], 0, &never_known, &mut Syllables::new());
    assert_eq!((r.words, r.sentences, r.syllables), (0, 0, 0));
    assert_eq!(r.flesch_kincaid_grade, 0.0);
}
