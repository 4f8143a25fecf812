//! The one HTML escaper: text and attribute values, the five characters
//! that matter, for templates, Markdown, charts and error pages alike.

/// Which bytes HTML needs escaped (by index into `ESCAPES`, from 1).
const ESCAPE_OF: [u8; 256] = {
    let mut table = [0u8; 256];
    table[b'&' as usize] = 1;
    table[b'<' as usize] = 2;
    table[b'>' as usize] = 3;
    table[b'"' as usize] = 4;
    table[b'\'' as usize] = 5;
    table
};
const ESCAPES: [&str; 6] = ["", "&amp;", "&lt;", "&gt;", "&quot;", "&#39;"];

/// Writes `s` escaped for HTML, copying runs that need no escaping whole.
pub fn write_html(out: &mut impl std::fmt::Write, s: &str) -> std::fmt::Result {
    let mut last = 0;
    for (i, &b) in s.as_bytes().iter().enumerate() {
        let k = ESCAPE_OF[usize::from(b)];
        if k == 0 {
            continue;
        }
        out.write_str(&s[last..i])?;
        out.write_str(ESCAPES[usize::from(k)])?;
        last = i + 1;
    }
    out.write_str(&s[last..])
}

/// `s` escaped for HTML content and attribute values.
pub fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    // Writing to a String cannot fail.
    let _ = write_html(&mut out, s);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_the_five_characters_and_nothing_else() {
        assert_eq!(html(r#"a<b>&"c'd"#), "a&lt;b&gt;&amp;&quot;c&#39;d");
        let all: String = (0u32..0x300).filter_map(char::from_u32).collect();
        let expected: String = all
            .chars()
            .map(|c| match c {
                '&' => "&amp;".to_string(),
                '<' => "&lt;".to_string(),
                '>' => "&gt;".to_string(),
                '"' => "&quot;".to_string(),
                '\'' => "&#39;".to_string(),
                c => c.to_string(),
            })
            .collect();
        assert_eq!(html(&all), expected);
    }
}
