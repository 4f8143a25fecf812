//! TEMPORARY STUB: replaced by the real readability module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextBlock {
    pub line: usize,
    pub text: String,
}
#[derive(Debug, Clone, PartialEq)]
pub struct Sentence {
    pub line: usize,
    pub words: usize,
    pub text: String,
}
#[derive(Debug, Clone, PartialEq)]
pub struct Readability {
    pub words: usize,
    pub sentences: usize,
    pub syllables: usize,
    pub flesch_reading_ease: f64,
    pub flesch_kincaid_grade: f64,
    pub reading_age: f64,
    pub long_sentences: Vec<Sentence>,
    pub hard_words: Vec<String>,
}
pub const MIN_WORDS: usize = 60;
pub enum Measure {
    TooShort { words: usize },
    Scored(Readability),
}
pub fn measure(blocks: &[TextBlock], _l: usize, _k: &dyn Fn(&str) -> bool) -> Measure {
    Measure::TooShort {
        words: blocks.len(),
    }
}
