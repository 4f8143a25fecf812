//! `frontmatter::split` on any text: never a panic, and the parts it
//! returns are pieces of the input in order.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    match clarion::frontmatter::split(text) {
        Ok(s) => {
            assert!(text.ends_with(s.body));
            let lines_before_body = text[..text.len() - s.body.len()].matches('\n').count();
            assert_eq!(s.body_line, lines_before_body + 1);
            if let Some((front, line)) = s.front {
                assert_eq!(line, 2);
                let first_line_end = text.find('\n').map_or(text.len(), |i| i + 1);
                assert!(text[first_line_end..].starts_with(front));
            } else {
                assert_eq!(s.body, text);
            }
        }
        Err(_) => assert!(text.starts_with("---")),
    }
});
