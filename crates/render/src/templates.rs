//! The templates: the site's theme over the embedded default, in one
//! MiniJinja environment, and the functions and filters it gives themes.

use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;

use minijinja::{Environment, State, Value};

use crate::theme;
use clarion_content::ThemeFiles;
use clarion_core::{Diagnostic, Diagnostics, PartialDate, Pos};

/// The templates: the site's theme over the embedded default.
pub struct Templates {
    env: Environment<'static>,
    /// Template name -> the file it came from, for error messages.
    origins: BTreeMap<String, String>,
}

const FUEL: u64 = 20_000_000;

fn template_error(e: &minijinja::Error, origins: &BTreeMap<String, String>) -> Diagnostic {
    let name = e.name().unwrap_or("template");
    let file = origins
        .get(name)
        .cloned()
        .unwrap_or_else(|| format!("(built-in theme) templates/{name}"));
    let pos = e.line().map_or(Pos::file(), |l| Pos::at(l, 1));
    let mut detail = e
        .detail()
        .map(str::to_string)
        .unwrap_or_else(|| e.kind().to_string());
    // An include loop repeats the same cause many times: say each once.
    let mut seen = std::collections::BTreeSet::new();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        let text = s.to_string();
        if seen.insert(text.clone()) {
            detail.push_str(&format!(": {text}"));
        }
        source = s.source();
    }
    let help = if matches!(e.kind(), minijinja::ErrorKind::OutOfFuel) {
        "The template did too much work (an endless loop or very deep recursion?). Simplify it."
    } else {
        "Fix the template, or delete it from your theme to use the default one."
    };
    Diagnostic::error(
        file,
        pos,
        format!("The template `{name}` failed: {detail}."),
    )
    .with_help(help)
}

impl Templates {
    /// Builds the environment from the embedded default theme overlaid by
    /// `site_theme` (the site's own `themes/<name>/`).
    pub fn new(site_theme: Option<&ThemeFiles>, diags: &mut Diagnostics) -> Templates {
        let mut env = Environment::new();
        env.set_fuel(Some(FUEL));
        env.set_recursion_limit(100);
        env.set_undefined_behavior(minijinja::UndefinedBehavior::Chainable);
        let mut origins = BTreeMap::new();
        let mut sources: BTreeMap<String, String> = theme::TEMPLATES
            .iter()
            .map(|(n, s)| ((*n).to_string(), (*s).to_string()))
            .collect();
        if let Some(t) = site_theme {
            for (name, file) in &t.templates {
                sources.insert(name.clone(), file.text.to_string());
                origins.insert(name.clone(), file.path.clone());
            }
        }
        for (name, source) in sources {
            if let Err(e) = env.add_template_owned(name.clone(), source) {
                diags.push(template_error(&e, &origins));
            }
        }
        // MiniJinja also escapes `/`, which bloats every address; HTML needs
        // only these five escaped.
        env.set_formatter(|out, state, value| {
            if matches!(state.auto_escape(), minijinja::AutoEscape::Html) && !value.is_safe() {
                if value.is_undefined() || value.is_none() {
                    return Ok(());
                }
                let written = match value.as_str() {
                    Some(s) => clarion_core::write_html_escaped(out, s),
                    // Nothing to escape in a number or true/false.
                    None if matches!(
                        value.kind(),
                        minijinja::value::ValueKind::Number | minijinja::value::ValueKind::Bool
                    ) =>
                    {
                        write!(out, "{value}")
                    }
                    None => clarion_core::write_html_escaped(out, &value.to_string()),
                };
                written.map_err(|_| {
                    minijinja::Error::new(minijinja::ErrorKind::WriteFailure, "could not write")
                })
            } else {
                minijinja::escape_formatter(out, state, value)
            }
        });
        let badges = Badges::new();
        env.add_function(
            "badge",
            move |state: &State, g: Value, child: Option<bool>| badge(state, &badges, g, child),
        );
        env.add_function("t", crate::strings::t);
        env.add_function("month_year", crate::strings::month_year);
        env.add_function("grade_text", |state: &State, g: Value, field: &str| {
            crate::strings::grade_text(state, &g, field).unwrap_or_default()
        });
        env.add_function("grade_icon", |name: &str| {
            Value::from_safe_string(icon_svg(name).to_string())
        });
        env.add_filter("dateformat", |v: String| {
            PartialDate::parse(&v).map(|d| d.human()).unwrap_or(v)
        });
        Templates { env, origins }
    }

    /// Renders into `out`, which a thread keeps from page to page: a page
    /// built in a fresh string grows it several times, and the largest
    /// (an authority's, a few hundred KB) take fresh memory from the system.
    pub(crate) fn render_into(
        &self,
        name: &str,
        ctx: Value,
        out: &mut Vec<u8>,
    ) -> Result<(), Diagnostic> {
        out.clear();
        self.env
            .get_template(name)
            .and_then(|t| t.render_captured_to(ctx, &mut *out))
            .map(|_| ())
            .map_err(|e| template_error(&e, &self.origins))
    }
}

// ------------------------------------------------------------------ rendering

/// The grade icons: shapes distinct by rank, drawn in the grade's colour.
pub fn icon_svg(name: &str) -> &'static str {
    match name {
        "star" => {
            r##"<svg class="grade-icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false"><path d="M12 2.5l2.9 6 6.6.9-4.8 4.6 1.2 6.5L12 17.4l-5.9 3.1 1.2-6.5L2.5 9.4l6.6-.9z"/></svg>"##
        }
        "tick-circle" => {
            r##"<svg class="grade-icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false"><circle cx="12" cy="12" r="10"/><path d="M7 12.5l3.2 3.2L17.5 8.5" fill="none" stroke="#fff" stroke-width="2.6" stroke-linecap="round" stroke-linejoin="round"/></svg>"##
        }
        "tick" => {
            r##"<svg class="grade-icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false"><path d="M4 12.5l5 5L20.5 6" fill="none" stroke="currentColor" stroke-width="3.4" stroke-linecap="round" stroke-linejoin="round"/></svg>"##
        }
        "exclamation" => {
            r##"<svg class="grade-icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false"><circle cx="12" cy="12" r="10"/><path d="M12 6.5v7" stroke="#fff" stroke-width="2.8" stroke-linecap="round"/><circle cx="12" cy="17.3" r="1.6" fill="#fff"/></svg>"##
        }
        "warning" => {
            r##"<svg class="grade-icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false"><path d="M12 2.5L22.5 21h-21z"/><path d="M12 9v5.5" stroke="#fff" stroke-width="2.5" stroke-linecap="round"/><circle cx="12" cy="18" r="1.4" fill="#fff"/></svg>"##
        }
        _ => {
            r##"<svg class="grade-icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false"><path d="M5 5l14 14M19 5L5 19" fill="none" stroke="currentColor" stroke-width="3.6" stroke-linecap="round"/></svg>"##
        }
    }
}

type BadgeKey = (Value, usize, Value);

/// Badges made, by word, tone and icon: a site has a few dozen different
/// ones and shows them hundreds of thousands of times. The templates own
/// it (the `badge()` function holds it); one map per thread of the pool,
/// so the lock is never contended.
#[derive(Debug)]
struct Badges(Vec<Mutex<HashMap<BadgeKey, Value>>>);

impl Badges {
    fn new() -> Badges {
        let n = rayon::current_num_threads().max(1);
        Badges((0..n).map(|_| Mutex::default()).collect())
    }

    /// This thread's map; threads beyond the count made share one.
    fn mine(&self) -> &Mutex<HashMap<BadgeKey, Value>> {
        &self.0[rayon::current_thread_index().unwrap_or(0) % self.0.len()]
    }

    fn get(&self, key: &BadgeKey) -> Option<Value> {
        self.mine().lock().ok()?.get(key).cloned()
    }

    fn keep(&self, key: BadgeKey, made: &Value) {
        if let Ok(mut b) = self.mine().lock()
            // Bounded, whatever a theme passes in.
            && b.len() < 4096
        {
            b.insert(key, made.clone());
        }
    }
}

/// `badge(grade)`: the grade's official word with its icon;
/// `badge(grade, true)`: the plain word for children.
fn badge(
    state: &State,
    cache: &Badges,
    g: Value,
    child: Option<bool>,
) -> Result<Value, minijinja::Error> {
    let attr = |name: &str| {
        g.get_attr(name)
            .ok()
            .filter(|v| !v.is_undefined() && !v.is_none())
    };
    // In the page's language where its strings name the grade.
    let word = if child.unwrap_or(false) {
        crate::strings::grade_text(state, &g, "child_label")
            .or_else(|| crate::strings::grade_text(state, &g, "label"))
    } else {
        crate::strings::grade_text(state, &g, "label")
    };
    let tone = attr("tone")
        .and_then(|t| usize::try_from(t).ok())
        .unwrap_or(0)
        .min(5);
    let icon = attr("icon");
    // Only text words and icons are remembered: a number equal to another
    // (1 and 1.0) would be written differently.
    let key = match (&word, &icon) {
        (Some(w), Some(i)) if w.as_str().is_some() && i.as_str().is_some() => {
            Some((w.clone(), tone, i.clone()))
        }
        _ => None,
    };
    if let Some(k) = &key
        && let Some(known) = cache.get(k)
    {
        return Ok(known);
    }
    let made = badge_html(&word, tone, &icon);
    if let Some(key) = key {
        cache.keep(key, &made);
    }
    Ok(made)
}

fn badge_html(word: &Option<Value>, tone: usize, icon: &Option<Value>) -> Value {
    let word = word.as_ref().map(|w| w.to_string()).unwrap_or_default();
    let icon = icon.as_ref().map(|i| i.to_string()).unwrap_or_default();
    let mut html = String::with_capacity(600);
    html.push_str("<span class=\"grade grade-tone-");
    html.push(char::from(b'0' + tone as u8));
    html.push_str("\">");
    html.push_str(icon_svg(&icon));
    html.push_str("<span class=\"grade-word\">");
    let _ = clarion_core::write_html_escaped(&mut html, &word);
    html.push_str("</span></span>");
    Value::from_safe_string(html)
}
