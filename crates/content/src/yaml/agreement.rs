//! The event loader against the serde-saphyr loader it replaced: the same
//! tree, with the same positions, or an error from both.
use super::*;

const CASES: &[&str] = &[
    "a: 1\nb: -2\nc: +3\nd: 0\ne: -0\nf: 012\ng: 1_000\nh: 0x1F\ni: 0o17\nj: 0b101\n",
    "a: 1.5\nb: .5\nc: -2e3\nd: 1E5\nh: 1.\n",
    "e: .inf\n",
    "f: -.Inf\n",
    "g: 1e999\n",
    "n: .nan\n",
    "a: inf\nb: nan\nc: infinity\nd: 1_000.5\ne: 99999999999999999999\nf: -99999999999999999999999999999999999999999\n",
    "a: true\nb: True\nc: TRUE\nd: false\ne: yes\nf: no\ng: on\nh: off\ni: y\n",
    "a: ~\nb: null\nc: Null\nd: NULL\ne:\nf: 'null'\ng: \"~\"\n",
    "a: 'single ''quoted'''\nb: \"double \\\"quoted\\\" \\u00e9\"\nc: \"123\"\nd: '1.5'\n",
    "text: |\n  line one\n  line two\nfolded: >\n  folded\n  text\n\n  para\nkeep: |+\n  x\n\nstrip: >-\n  y\n",
    "list: [a, b, 'c', 1, 2.5, true, ~]\nmap: {x: 1, y: [2, 3], z: {w: v}}\n",
    "- a\n- b:\n    c: d\n- - nested\n  - list\n-\n- ''\n",
    "scalar: &s hello\nref: *s\n",
    "k: plain text with: colon\nmulti: this plain\n  scalar spans\n  lines\nurl: https://example.org/a?b=c#d\n",
    "naïve: café\nemoji: \"😀 ok\"\nchinese: 中文 键\narabic: مرحبا\n",
    "# comment\na: 1 # trailing\n# another\nb: [1, # in flow\n  2]\n",
    "---\na: 1\n...\n",
    "---\n- 1\n",
    "a: 1\r\nb: two\r\nc:\r\n  - x\r\n",
    "? complex\n: value\n? [a, b]\n: seq key\n",
    "date: 2025-11-03\ntime: 12:30\nversion: 1.2.3\nphone: 0800 1111\nzip: 01234\n",
    "framework: ilacs\nkind: full\nstart: 2025-11-03\nend: 2025-11-07\noverall: good\njudgements:\n  - name: The experiences\n    grade: good\n    parts:\n      - name: Part\n        grade: outstanding\n",
    "a: \"line\\nbreak\\ttab\"\nb: 'it''s'\nc: \"\\x41\\u263A\"\n",
    "empty_map: {}\nempty_list: []\nblank: ''\n",
    "a:\n  - b\n  -   c\n  -\n    d: e\n",
    "key with spaces: value\n\"quoted key\": 1\n'single key': 2\n3: three\ntrue: yes\n",
    "a: 'multi\n  line\n\n  single'\nb: \"multi\n  line\"\n",
    "long: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n",
    // Errors: both must refuse.
    "a: 1\na: 2\n",
    "a: b: c\n",
    "a:\n\t- b\n",
    "a: 'unclosed\n",
    "a: [1, 2\n",
    "framework: ilacs\nkind: full\n  start: 2025-11-03\n",
    "a: *nowhere\n",
    "- a\nb: c\n",
    "a: 1\n---\nb: 2\n",
    "{a: 1, a: 2}\n",
    "a: }\n",
    "@a: 1\n",
    "`a`: 1\n",
];

fn corpus() -> Vec<(String, String)> {
    let mut all: Vec<(String, String)> = CASES
        .iter()
        .enumerate()
        .map(|(n, c)| (format!("case {n}"), (*c).to_string()))
        .collect();
    // The repository's root: the Kent site and the default theme.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let synthetic = tempfile::tempdir().unwrap();
    crate::synthetic::generate(synthetic.path(), 60).unwrap();
    for dir in [
        root.join("content"),
        root.join("themes"),
        synthetic.path().to_path_buf(),
    ] {
        for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
            let entry = entry.unwrap();
            let path = entry.path();
            let Ok(text) = std::fs::read_to_string(path) else {
                continue;
            };
            let name = path.display().to_string();
            if name.ends_with(".yaml") {
                all.push((name, text));
            } else if name.ends_with(".md")
                && let Ok(split) = crate::frontmatter::split(&text)
                && let Some((front, _)) = split.front
            {
                all.push((name, front.to_string()));
            }
        }
    }
    all
}

/// Positions as the old loader gave them: it spanned collections from
/// their first entry, and block collections with no length.
fn same(a: &Node, b: &Node, path: &str, out: &mut Vec<String>) {
    if a.pos != b.pos {
        out.push(format!("{path}: position {:?} != {:?}", a.pos, b.pos));
    }
    match (&a.value, &b.value) {
        (Value::Seq(x), Value::Seq(y)) if x.len() == y.len() => {
            for (n, (p, q)) in x.iter().zip(y).enumerate() {
                same(p, q, &format!("{path}[{n}]"), out);
            }
        }
        (Value::Map(x), Value::Map(y)) if x.len() == y.len() => {
            for ((k1, v1), (k2, v2)) in x.iter().zip(y) {
                same(k1, k2, &format!("{path}.key"), out);
                same(v1, v2, &format!("{path}.{:?}", k1.value), out);
            }
        }
        (Value::Float(x), Value::Float(y)) if x.is_nan() && y.is_nan() => {}
        (x, y) if x == y && !matches!(x, Value::Seq(_) | Value::Map(_)) => {}
        (x, y) => out.push(format!("{path}: {x:?} != {y:?}")),
    }
}

#[test]
fn aliases_copy_values_whose_insides_point_to_their_definition() {
    let text = "base: &base\n  x: 1\nuse: *base\nlist: &l [1, 2]\nagain: *l\n";
    let old = serde_loader::parse(text).unwrap();
    let new = parse("x.yaml", text, 0).unwrap();
    let (Value::Map(o), Value::Map(n)) = (&old.value, &new.value) else {
        panic!("not maps")
    };
    for ((ok, ov), (nk, nv)) in o.iter().zip(n) {
        assert_eq!((&ok.value, &ok.pos), (&nk.value, &nk.pos));
        // The copy stands where the alias is…
        assert_eq!(ov.pos, nv.pos);
    }
    // …and a mistake inside it is shown where it can be mended.
    let Value::Map(inner) = &n[1].1.value else {
        panic!("not a map")
    };
    assert_eq!((inner[0].1.pos.line, inner[0].1.pos.column), (2, 6));
}

#[test]
fn event_loader_agrees_with_the_serde_loader() {
    let mut problems = Vec::new();
    let corpus = corpus();
    assert!(corpus.len() > 100, "{}", corpus.len());
    for (name, text) in &corpus {
        let old = serde_loader::parse(text);
        let new = parse("x.yaml", text, 0);
        match (&old, &new) {
            (Some(a), Ok(b)) => {
                let mut diffs = Vec::new();
                same(a, b, "", &mut diffs);
                if !diffs.is_empty() {
                    problems.push(format!("{name}:\n  {}", diffs.join("\n  ")));
                }
            }
            (None, Err(_)) => {}
            (Some(_), Err(e)) => problems.push(format!(
                "{name}: only the new loader refused it: {}",
                e.message
            )),
            (None, Ok(_)) => problems.push(format!("{name}: only the old loader refused it")),
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
