//! The pages the preview shows in place of the site while it has errors,
//! and the script that reloads open pages after each rebuild.

use crate::diagnostic::{self, Diagnostics, Severity, Sources};
use crate::escape::html as escape_html;

use super::EVENTS_PATH;

pub const PROBLEMS_TITLE: &str = "Clarion found problems in your site";

const PAGE_STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#0b0c0c}\
pre{background:#f3f2f1;border-left:6px solid #d4351c;padding:1rem;overflow:auto;white-space:pre-wrap;font-size:1rem}\
pre.warning{border-left-color:#f47738}";

fn page(body: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{PROBLEMS_TITLE}</title>\n<style>{PAGE_STYLE}</style>\n</head>\n<body>\n<h1>{PROBLEMS_TITLE}</h1>\n{body}</body>\n</html>\n"
    )
}

/// The page shown in place of every page while the content has errors:
/// each problem as the terminal shows it, without colour.
pub fn error_page(diags: &Diagnostics, sources: &Sources) -> String {
    let (e, w) = (diags.error_count(), diags.warning_count());
    let mut body = format!(
        "<p>{e} {}, {w} {}. Fix the file and save it: this page reloads by itself.</p>\n",
        if e == 1 { "error" } else { "errors" },
        if w == 1 { "warning" } else { "warnings" },
    );
    for d in &diags.items {
        let class = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        body.push_str(&format!(
            "<pre class=\"{class}\">{}</pre>\n",
            escape_html(&diagnostic::render(d, sources, false))
        ));
    }
    page(&body)
}

pub fn message_page(msg: &str) -> String {
    page(&format!(
        "<pre class=\"error\">{}</pre>\n<p>Fix it and save: this page reloads by itself.</p>\n",
        escape_html(msg)
    ))
}

/// The script that reloads the page when the site is rebuilt. Only `serve`
/// adds it; built sites never contain it.
pub fn reload_script(base_path: &str) -> String {
    format!(
        "<script>(function(){{var s=new EventSource(\"{}{EVENTS_PATH}\");s.addEventListener(\"reload\",function(){{s.close();location.reload();}});}})();</script>\n",
        escape_html(base_path)
    )
}

/// Adds the reload script just before the last `</body>`, or at the end.
pub fn inject_reload(html: &[u8], base_path: &str) -> Vec<u8> {
    let script = reload_script(base_path);
    let lower = html.to_ascii_lowercase();
    let at = lower
        .windows(7)
        .rposition(|w| w == b"</body>")
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + script.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(script.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}
