//! One type for every problem an editor can cause, and its rendering.
//!
//! A `Diagnostic` is made where a problem is found and rendered in one place,
//! rustc-style (file, line, column, the line itself with a caret, what is
//! wrong, what to do), with annotate-snippets.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Arc;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

/// A place in a file: 1-based line and column (in characters); `len` is how
/// many characters to underline. Line 0 means "the whole file".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Hash)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
    pub len: usize,
}

impl Pos {
    pub fn at(line: usize, column: usize) -> Pos {
        Pos {
            line,
            column,
            len: 1,
        }
    }
    /// The file as a whole, when no line is to blame (a missing file).
    pub fn file() -> Pos {
        Pos::default()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// A problem in a site's source files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file, relative to the site's root, with `/` separators.
    pub file: String,
    pub pos: Pos,
    /// What is wrong, in plain words.
    pub message: String,
    /// A short note under the caret.
    pub label: Option<String>,
    /// What to do about it.
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(file: impl Into<String>, pos: Pos, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            pos,
            message: message.into(),
            label: None,
            help: None,
        }
    }
    pub fn warning(file: impl Into<String>, pos: Pos, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, pos, message)
        }
    }
    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }
    pub fn with_label(mut self, label: impl Into<String>) -> Diagnostic {
        self.label = Some(label.into());
        self
    }
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
    fn sort_key(&self) -> (&str, usize, usize, Severity, &str) {
        (
            &self.file,
            self.pos.line,
            self.pos.column,
            self.severity,
            &self.message,
        )
    }
}

/// The text of every file read, so diagnostics can quote their line.
#[derive(Debug, Default, Clone)]
pub struct Sources {
    /// Shared, so a report can carry the sources of a kept site cheaply.
    files: Arc<BTreeMap<String, Arc<str>>>,
}

impl Sources {
    pub fn insert(&mut self, file: &str, text: Arc<str>) {
        Arc::make_mut(&mut self.files).insert(file.to_string(), text);
    }
    pub fn get(&self, file: &str) -> Option<&str> {
        self.files.get(file).map(|s| &**s)
    }
}

/// Every diagnostic of a run, kept in a stable order.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    pub items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }
    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }
    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }
    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }
    /// Sorts by file and place and drops exact repeats, so output is stable.
    pub fn sort(&mut self) {
        self.items.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        self.items.dedup();
    }
}

/// Byte range in `line` of `len` characters starting at 1-based `column`.
fn char_range(line: &str, column: usize, len: usize) -> std::ops::Range<usize> {
    let mut indices = line.char_indices().map(|(i, _)| i).chain([line.len()]);
    let start = indices.nth(column.saturating_sub(1)).unwrap_or(line.len());
    let end = line[start..]
        .char_indices()
        .map(|(i, _)| start + i)
        .chain([line.len()])
        .nth(len.max(1))
        .unwrap_or(line.len());
    start..end.max(start)
}

/// Renders one diagnostic as text: with ANSI colours when `color`.
pub fn render(d: &Diagnostic, sources: &Sources, color: bool) -> String {
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let line_text = (d.pos.line > 0)
        .then(|| sources.get(&d.file))
        .flatten()
        .and_then(|text| text.lines().nth(d.pos.line - 1));
    let title = level.primary_title(d.message.as_str());
    let main = match line_text {
        Some(line) => {
            let range = char_range(line, d.pos.column.max(1), d.pos.len);
            let mut ann = AnnotationKind::Primary.span(range);
            if let Some(label) = &d.label {
                ann = ann.label(label.as_str());
            }
            title.element(
                Snippet::source(line)
                    .line_start(d.pos.line)
                    .path(d.file.as_str())
                    .annotation(ann),
            )
        }
        None if d.pos.line > 0 => title.element(
            annotate_snippets::Origin::path(d.file.as_str())
                .line(d.pos.line)
                .char_column(d.pos.column.max(1)),
        ),
        None => title.element(annotate_snippets::Origin::path(d.file.as_str())),
    };
    let mut report = vec![main];
    if let Some(h) = d.help.as_deref() {
        report.push(Group::with_title(Level::HELP.secondary_title(h)));
    }
    renderer.render(&report)
}

/// Renders every diagnostic, then a one-line count.
pub fn render_all(diags: &Diagnostics, sources: &Sources, color: bool) -> String {
    let mut out = String::new();
    for d in &diags.items {
        out.push_str(&render(d, sources, color));
        out.push_str("\n\n");
    }
    let (e, w) = (diags.error_count(), diags.warning_count());
    if e + w > 0 {
        let _ = writeln!(
            out,
            "{} {}, {} {}",
            e,
            if e == 1 { "error" } else { "errors" },
            w,
            if w == 1 { "warning" } else { "warnings" }
        );
    }
    out
}

/// A GitHub Actions workflow command, so the problem shows on the pull
/// request's changed line.
pub fn github_annotation(d: &Diagnostic) -> String {
    let kind = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let escape = |s: &str| {
        s.replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    };
    let prop = |s: &str| escape(s).replace(':', "%3A").replace(',', "%2C");
    let mut msg = d.message.clone();
    if let Some(h) = &d.help {
        msg.push_str(" Help: ");
        msg.push_str(h);
    }
    if d.pos.line > 0 {
        format!(
            "::{kind} file={},line={},col={}::{}",
            prop(&d.file),
            d.pos.line,
            d.pos.column.max(1),
            escape(&msg)
        )
    } else {
        format!("::{kind} file={}::{}", prop(&d.file), escape(&msg))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_file_line_caret_and_help() {
        let mut sources = Sources::default();
        sources.insert("a/b.yaml", Arc::from("title: x\ngrade: goood\n"));
        let d = Diagnostic::error(
            "a/b.yaml",
            Pos {
                line: 2,
                column: 8,
                len: 5,
            },
            "Unknown grade",
        )
        .with_label("not a grade")
        .with_help("Did you mean `good`?");
        let out = render(&d, &sources, false);
        assert!(out.contains("a/b.yaml:2:8"), "{out}");
        assert!(out.contains("grade: goood"), "{out}");
        assert!(out.contains("^^^^^"), "{out}");
        assert!(out.contains("help: Did you mean `good`?"), "{out}");
    }

    #[test]
    fn renders_whole_file_problems() {
        let d = Diagnostic::error("content/x.md", Pos::file(), "Missing");
        let out = render(&d, &Sources::default(), false);
        assert!(out.contains("content/x.md"), "{out}");
    }

    #[test]
    fn char_ranges_respect_multibyte_text() {
        assert_eq!(char_range("é: ab", 4, 2), 4..6);
        assert_eq!(char_range("ab", 9, 2), 2..2);
    }

    #[test]
    fn github_annotations_escape() {
        let d = Diagnostic::error("c/x,y.yaml", Pos::at(3, 4), "50% bad\nthing");
        assert_eq!(
            github_annotation(&d),
            "::error file=c/x%2Cy.yaml,line=3,col=4::50%25 bad%0Athing"
        );
    }
}
