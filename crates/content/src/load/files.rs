//! Reading one text file, and the errors reading can give.

use super::*;

/// Reads a text file: size-capped, UTF-8 checked, byte-order mark dropped.
pub fn read_text(root: &Path, path: &Path) -> Result<TextFile, Diagnostic> {
    use std::io::Read;
    let name = rel(root, path);
    // One open and one stat of the open file: a site has tens of thousands.
    let file = std::fs::File::open(path).map_err(|e| io_error(&name, &e))?;
    let meta = file.metadata().map_err(|e| io_error(&name, &e))?;
    if meta.len() > MAX_TEXT_BYTES {
        return Err(Diagnostic::error(
            &name,
            Pos::file(),
            format!(
                "This file is {:.1} MiB; Clarion reads Markdown and YAML files of up to {} MiB.",
                meta.len() as f64 / 1_048_576.0,
                MAX_TEXT_BYTES / 1_048_576
            ),
        )
        .with_help("Split it into smaller files, or move large data out of the site's content."));
    }
    // Up to the size just read, which spares each file a last read to find
    // its end. A file still being written is read again on its next change.
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(meta.len())
        .read_to_end(&mut bytes)
        .map_err(|e| io_error(&name, &e))?;
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{feff}') {
                text.drain(..3);
            }
            Ok(TextFile {
                path: name,
                text: Arc::from(text),
            })
        }
        Err(e) => {
            let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
            let line_start = good.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
            let column = String::from_utf8_lossy(&good[line_start..]).chars().count() + 1;
            Err(Diagnostic::error(
                &name,
                Pos::at(line, column),
                format!(
                    "This file is not valid UTF-8 text (a bad byte at line {line}, column {column})."
                ),
            )
            .with_help(
                "Save the file as UTF-8 in your editor (\"Save with encoding\" > UTF-8). Text pasted from Word or an old system is the usual cause.",
            ))
        }
    }
}

pub(super) fn io_error(name: &str, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error(
        name,
        Pos::file(),
        format!("This file could not be read: {e}."),
    )
    .with_help("Check that the file exists and that you have permission to read it.")
}

pub(super) fn symlink_error(name: &str) -> Diagnostic {
    Diagnostic::error(
        name,
        Pos::file(),
        "This is a symbolic link. Clarion does not follow links, so that a site cannot pull in files from elsewhere or loop forever.",
    )
    .with_help("Replace the link with a copy of the file or folder it points to.")
}
