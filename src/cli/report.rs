//! `crosswire report`: the coverage of the story on one page (or as JSON). The data is
//! `analysis::coverage` with locations in the JSON contract's shape; the page is rendered from
//! that same data, self-contained: inline CSS and SVG, no script, nothing fetched.

use super::json::{location, Location, VERSION};
use super::notes::{note_out, NoteOut};
use crate::analysis::coverage::{self, Coverage};
use crate::analysis::notes::NoteUse;
use crate::analysis::Snapshot;
use crate::findings::Code;
use crate::notes::Anchor;
use serde::Serialize;
use std::fmt::Write as _;

#[derive(Serialize)]
pub struct Report<'a> {
    pub actors: Vec<ActorRow>,
    pub actors_left_out: usize,
    pub notes: Vec<NoteOut<'a>>,
    pub outlets: Vec<OutletOut>,
    pub quantities: Vec<QuantityRow>,
    pub version: u32,
}

#[derive(Serialize)]
pub struct OutletOut {
    pub articles: Vec<ArticleOut>,
    pub name: String,
}

#[derive(Serialize)]
pub struct ArticleOut {
    pub date: Option<String>,
    pub file: String,
    pub title: Option<String>,
    pub url: Option<String>,
}

#[derive(Serialize)]
pub struct ActorRow {
    pub kind: &'static str,
    pub name: String,
    /// The indices (into `notes`) of the notes on this actor.
    pub notes: Vec<usize>,
    /// One per outlet, in the order of `outlets`.
    pub outlets: Vec<ActorCell>,
}

#[derive(Serialize)]
pub struct ActorCell {
    pub first: Option<Location>,
    pub mentions: usize,
    pub roles: Vec<String>,
    pub spellings: Vec<SpellingOut>,
}

#[derive(Serialize)]
pub struct SpellingOut {
    pub count: usize,
    /// Where the outlet first writes it.
    pub first: Location,
    pub text: String,
}

#[derive(Serialize)]
pub struct QuantityRow {
    pub description: String,
    /// `figure-conflict` or `figure-divergence` when the outlets' figures make a finding.
    pub finding: Option<&'static str>,
    pub key: String,
    /// The notes (indices into `notes`) on this quantity or over one of its figures.
    pub notes: Vec<usize>,
    /// One list per outlet, in the order of `outlets`.
    pub outlets: Vec<Vec<FigureOut>>,
}

#[derive(Serialize)]
pub struct FigureOut {
    pub date: Option<String>,
    /// Infinite (open) ends are `null`.
    pub high: Option<f64>,
    pub in_finding: Option<&'static str>,
    #[serde(flatten)]
    pub location: Location,
    pub low: Option<f64>,
}

fn finite(x: f64) -> Option<f64> {
    x.is_finite().then_some(x)
}

pub fn report<'a>(snap: &'a Snapshot, uses: &[NoteUse]) -> Report<'a> {
    let c: Coverage = coverage::coverage(snap);
    let notes_on = |pred: &dyn Fn(&NoteUse, &Anchor) -> bool| -> Vec<usize> {
        uses.iter()
            .enumerate()
            .filter(|(_, u)| pred(u, &snap.config.notes[u.index].anchor))
            .map(|(i, _)| i)
            .collect()
    };
    let outlets = c
        .outlets
        .iter()
        .map(|o| OutletOut {
            name: o.name.clone(),
            articles: o
                .articles
                .iter()
                .map(|&i| {
                    let a = &snap.article(i).article;
                    ArticleOut {
                        date: a.meta.date.map(|d| d.to_string()),
                        file: a.name.clone(),
                        title: a.meta.title.clone(),
                        url: a.meta.url.clone(),
                    }
                })
                .collect(),
        })
        .collect();
    let actors = c
        .actors
        .iter()
        .map(|row| ActorRow {
            kind: row.kind.as_str(),
            name: row.name.clone(),
            notes: notes_on(&|u, _| u.actor == Some(row.actor)),
            outlets: row
                .cells
                .iter()
                .map(|cell| ActorCell {
                    first: cell.first.as_ref().map(|l| location(snap, l.article, &l.span)),
                    mentions: cell.mentions,
                    roles: cell.roles.clone(),
                    spellings: cell
                        .spellings
                        .iter()
                        .map(|s| SpellingOut {
                            count: s.count,
                            first: location(snap, s.first.article, &s.first.span),
                            text: s.text.clone(),
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect();
    let quantities = c
        .quantities
        .iter()
        .map(|q| QuantityRow {
            description: q.description.clone(),
            finding: q.finding.map(|f| f.0.as_str()),
            key: q.key.clone(),
            notes: notes_on(&|u, a| match a {
                Anchor::Quantity(k) => *k == q.key && !u.status.is_stale(),
                Anchor::Text(_) => q.cells.iter().flatten().any(|f| {
                    !crate::analysis::notes::touching(
                        std::slice::from_ref(u),
                        f.at.article,
                        &f.at.span,
                    )
                    .is_empty()
                }),
                Anchor::Actor(_) => false,
            }),
            outlets: q
                .cells
                .iter()
                .map(|cell| {
                    cell.iter()
                        .map(|f| FigureOut {
                            date: f.date.map(|d| d.to_string()),
                            high: finite(f.high),
                            in_finding: f.in_finding.map(Code::as_str),
                            location: location(snap, f.at.article, &f.at.span),
                            low: finite(f.low),
                        })
                        .collect()
                })
                .collect(),
        })
        .collect();
    Report {
        actors,
        actors_left_out: c.actors_left_out,
        notes: uses.iter().map(|u| note_out(snap, u)).collect(),
        outlets,
        quantities,
        version: VERSION,
    }
}

// --- the page ------------------------------------------------------------------------------

/// How many quantities the page shows (the most disputed first), and how many figures of one
/// outlet for one quantity: a page of a story of thousands of articles must still open. The
/// JSON holds everything.
const ROWS_SHOWN: usize = 200;
const FIGURES_SHOWN: usize = 12;

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A `file://` link to a place, with its line as the fragment (`#L17`, 1-based).
fn href(l: &Location) -> String {
    let path = std::fs::canonicalize(&l.file)
        .map(|p| p.display().to_string())
        .unwrap_or_else(|_| l.file.clone());
    let mut url = String::from("file://");
    if !path.starts_with('/') {
        url.push('/');
    }
    for b in path.replace('\\', "/").bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' | b':' => {
                url.push(b as char)
            }
            _ => url.push_str(&format!("%{b:02X}")),
        }
    }
    format!("{url}#L{}", l.line + 1)
}

/// "002:17": the article's label and line.
fn place_label(l: &Location) -> String {
    let name = crate::notes::file_name(&l.file);
    let label = name.split(['_', '.']).next().unwrap_or(&name);
    format!("{label}:{}", l.line + 1)
}

const STYLE: &str = r#"
:root{--ink:#1d2430;--muted:#5d6878;--line:#dde2ea;--bg:#f7f8fb;--card:#fff;--conflict:#c62828;--conflict-bg:#fdecea;--divergence:#b26a00;--divergence-bg:#fff4e0;--accent:#1f5fbf}
*{box-sizing:border-box}body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--bg)}
header{padding:20px 28px 12px;background:var(--card);border-bottom:1px solid var(--line)}h1{margin:0 0 4px;font-size:22px}
.sub{color:var(--muted)}main{padding:16px 28px 40px}h2{font-size:17px;margin:26px 0 8px}
.legend span{display:inline-block;margin-right:14px}.sw{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:4px;vertical-align:-1px}
table{border-collapse:separate;border-spacing:0;background:var(--card);border:1px solid var(--line);border-radius:8px;width:100%}
th,td{padding:7px 10px;border-bottom:1px solid var(--line);vertical-align:top;text-align:left}tr:last-child td{border-bottom:0}
thead th{background:#eef1f6;font-size:13px;position:sticky;top:0}thead th .date{display:block;font-weight:400;color:var(--muted);font-size:12px}
th.row{font-weight:600;min-width:150px}.kind,.key{display:block;font-weight:400;color:var(--muted);font-size:12px}
tr.figure-conflict th.row{border-left:4px solid var(--conflict)}tr.figure-conflict{background:var(--conflict-bg)}
tr.figure-divergence th.row{border-left:4px solid var(--divergence)}
a{color:var(--accent);text-decoration:none}a:hover{text-decoration:underline}
a.fig{display:inline-block;padding:1px 6px;margin:1px 2px;border-radius:10px;background:#e8eef9;font-variant-numeric:tabular-nums}
a.fig.figure-conflict{background:var(--conflict);color:#fff;font-weight:600}a.fig.figure-divergence{background:var(--divergence-bg);color:var(--divergence)}
.at{color:var(--muted);font-size:11px;margin-left:2px}.n{font-weight:600}.none{color:#b8bfca}
.roles{color:var(--muted);font-size:12px}.spell{font-size:12px}
.badge{display:inline-block;padding:0 7px;border-radius:9px;font-size:12px;font-weight:600;background:#e6e9ef;color:var(--ink);margin-left:4px}
.v-true{background:#d7f0dc;color:#1b5e20}.v-mostly-true{background:#e5f3d3;color:#33691e}.v-misleading{background:#fff0cc;color:#8a5a00}.v-false{background:#fbd5d5;color:#a11}.v-disputed{background:#ecdff7;color:#5b2a86}
.notes{display:grid;grid-template-columns:repeat(auto-fill,minmax(320px,1fr));gap:12px}
.note{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:10px 14px}.note.stale{border-color:var(--conflict);background:var(--conflict-bg)}
.note h3{font-size:14px;margin:0 0 4px}.note .meta{color:var(--muted);font-size:12px}.note p{margin:6px 0}
svg.timeline{display:block}svg text{font:10px system-ui,sans-serif;fill:var(--muted)}
footer{color:var(--muted);font-size:12px;padding:0 28px 24px}
"#;

pub fn html(r: &Report, title: &str) -> String {
    let mut h = String::with_capacity(64 * 1024);
    let articles: usize = r.outlets.iter().map(|o| o.articles.len()).sum();
    let conflicts = r.quantities.iter().filter(|q| q.finding == Some("figure-conflict")).count();
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{t}</title><style>{STYLE}</style></head><body>\
         <header><h1>{t}</h1><div class=\"sub\">{articles} articles from {o} outlets · \
         {q} quantities compared · <b>{conflicts}</b> in conflict · {n} notes</div></header><main>",
        t = esc(title),
        o = r.outlets.len(),
        q = r.quantities.len(),
        n = r.notes.len(),
    );
    let head = |h: &mut String, first: &str, extra: &str| {
        let _ = write!(h, "<thead><tr><th>{first}</th>");
        for o in &r.outlets {
            let dates: Vec<&str> = o.articles.iter().filter_map(|a| a.date.as_deref()).collect();
            let _ = write!(
                h,
                "<th data-outlet=\"{n}\">{n}<span class=\"date\">{d}</span></th>",
                n = esc(&o.name),
                d = esc(&dates.join(", "))
            );
        }
        let _ = write!(h, "{extra}</tr></thead>");
    };
    // the compared figures
    h.push_str("<h2>Compared figures</h2><p class=\"legend\"><span><i class=\"sw\" style=\"background:var(--conflict)\"></i>contradicts another outlet</span><span><i class=\"sw\" style=\"background:var(--divergence-bg);border:1px solid var(--divergence)\"></i>far apart</span><span><i class=\"sw\" style=\"background:#e8eef9\"></i>agrees</span></p>");
    h.push_str("<table id=\"quantities\">");
    head(&mut h, "Quantity", "<th>By publication date</th>");
    h.push_str("<tbody>");
    for q in r.quantities.iter().take(ROWS_SHOWN) {
        let _ = write!(
            h,
            "<tr data-key=\"{k}\" class=\"{c}\"><th class=\"row\">{d}<span class=\"key\">{k}</span>{notes}</th>",
            k = esc(&q.key),
            c = q.finding.unwrap_or("agree"),
            d = esc(&q.description),
            notes = badges(r, &q.notes),
        );
        for (o, figs) in r.outlets.iter().zip(&q.outlets) {
            let _ = write!(h, "<td data-outlet=\"{}\">", esc(&o.name));
            if figs.is_empty() {
                h.push_str("<span class=\"none\">—</span>");
            }
            for f in figs.iter().take(FIGURES_SHOWN) {
                let _ = write!(
                    h,
                    "<a class=\"fig {c}\" href=\"{href}\" title=\"{file} line {line}\">{t}</a><span class=\"at\">{at}</span> ",
                    c = f.in_finding.unwrap_or(""),
                    href = esc(&href(&f.location)),
                    file = esc(&f.location.file),
                    line = f.location.line + 1,
                    t = esc(&f.location.text),
                    at = esc(&place_label(&f.location)),
                );
            }
            if figs.len() > FIGURES_SHOWN {
                let _ =
                    write!(h, "<span class=\"at\">and {} more</span>", figs.len() - FIGURES_SHOWN);
            }
            h.push_str("</td>");
        }
        let _ = write!(h, "<td>{}</td></tr>", timeline(r, q));
    }
    h.push_str("</tbody></table>");
    if r.quantities.len() > ROWS_SHOWN {
        let _ = write!(
            h,
            "<p class=\"sub\">… and {} more quantities (every one in <code>--format json</code>).</p>",
            r.quantities.len() - ROWS_SHOWN
        );
    }
    // the actors
    h.push_str("<h2>Who is named, and how</h2><table id=\"actors\">");
    head(&mut h, "Actor", "");
    h.push_str("<tbody>");
    for a in &r.actors {
        let _ = write!(
            h,
            "<tr data-actor=\"{n}\"><th class=\"row\">{n}<span class=\"kind\">{k}</span>{notes}</th>",
            n = esc(&a.name),
            k = a.kind,
            notes = badges(r, &a.notes),
        );
        for (o, cell) in r.outlets.iter().zip(&a.outlets) {
            let _ = write!(
                h,
                "<td data-outlet=\"{}\" data-mentions=\"{}\">",
                esc(&o.name),
                cell.mentions
            );
            match &cell.first {
                None => h.push_str("<span class=\"none\">not named</span>"),
                Some(first) => {
                    let _ = write!(
                        h,
                        "<a class=\"n\" href=\"{}\">{}×</a> ",
                        esc(&href(first)),
                        cell.mentions
                    );
                    let spellings: Vec<String> = cell
                        .spellings
                        .iter()
                        .map(|s| {
                            format!(
                                "<a href=\"{}\">{}</a> ({})",
                                esc(&href(&s.first)),
                                esc(&s.text),
                                s.count
                            )
                        })
                        .collect();
                    let _ = write!(h, "<span class=\"spell\">{}</span>", spellings.join(", "));
                    if !cell.roles.is_empty() {
                        let roles: Vec<String> = cell.roles.iter().map(|r| esc(r)).collect();
                        let _ = write!(h, "<div class=\"roles\">{}</div>", roles.join("; "));
                    }
                }
            }
            h.push_str("</td>");
        }
        h.push_str("</tr>");
    }
    h.push_str("</tbody></table>");
    if r.actors_left_out > 0 {
        let _ =
            write!(h, "<p class=\"sub\">… and {} actors mentioned less.</p>", r.actors_left_out);
    }
    // the notes
    h.push_str("<h2>Notes and verdicts</h2>");
    if r.notes.is_empty() {
        h.push_str("<p class=\"sub\">No notes in crosswire.json.</p>");
    }
    h.push_str("<div class=\"notes\" id=\"notes\">");
    for n in &r.notes {
        let stale = n.status == "stale";
        let _ = write!(
            h,
            "<div class=\"note{s}\" id=\"note-{i}\" data-status=\"{st}\"><h3>Note {i}{v}</h3><div class=\"meta\">on {a}</div>",
            s = if stale { " stale" } else { "" },
            i = n.brief.index + 1,
            st = n.status,
            v = n.brief.verdict.map(|v| verdict_badge(v, n.rating)).unwrap_or_default(),
            a = esc(&n.brief.anchor.describe()),
        );
        if !n.brief.note.is_empty() {
            let _ = write!(h, "<p>{}</p>", esc(n.brief.note).replace('\n', "<br>"));
        }
        if let Some(m) = &n.message {
            let _ = write!(h, "<p><b>{}</b></p>", esc(m));
        }
        for s in n.brief.sources {
            if s.starts_with("https://") || s.starts_with("http://") {
                let _ =
                    write!(h, "<div class=\"meta\">source: <a href=\"{0}\">{0}</a></div>", esc(s));
            } else {
                let _ = write!(h, "<div class=\"meta\">source: {}</div>", esc(s));
            }
        }
        let by: Vec<String> = n
            .brief
            .author
            .map(|a| format!("by {}", esc(a)))
            .into_iter()
            .chain(n.brief.date.map(|d| d.to_string()))
            .collect();
        if !by.is_empty() {
            let _ = write!(h, "<div class=\"meta\">{}</div>", by.join(", "));
        }
        let places: Vec<String> = n
            .places
            .iter()
            .take(12)
            .map(|p| format!("<a href=\"{}\">{}</a>", esc(&href(p)), esc(&place_label(p))))
            .collect();
        if !places.is_empty() {
            let more = n.places.len().saturating_sub(12);
            let more = if more > 0 { format!(" and {more} more") } else { String::new() };
            let _ = write!(h, "<div class=\"meta\">at {}{more}</div>", places.join(", "));
        }
        h.push_str("</div>");
    }
    h.push_str("</div></main><footer>Written by crosswire ");
    h.push_str(env!("CARGO_PKG_VERSION"));
    h.push_str(
        ". Links open the articles (file://, line in the fragment).</footer></body></html>\n",
    );
    h
}

fn verdict_badge(v: &str, rating: Option<super::notes::RatingOut>) -> String {
    let class: String = v.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
    let rated = rating.map(|r| format!(" title=\"{} of {}\"", r.value, r.best)).unwrap_or_default();
    format!("<span class=\"badge v-{class}\"{rated}>{}</span>", esc(v))
}

/// Links to the notes `notes` (indices into the report's notes), with their verdicts.
fn badges(r: &Report, notes: &[usize]) -> String {
    notes
        .iter()
        .map(|&i| {
            let n = &r.notes[i];
            let label = n
                .brief
                .verdict
                .map(|v| verdict_badge(v, n.rating))
                .unwrap_or_else(|| "<span class=\"badge\">note</span>".to_string());
            format!(
                "<a href=\"#note-{}\" title=\"{}\">{label}</a>",
                n.brief.index + 1,
                esc(n.brief.note)
            )
        })
        .collect()
}

/// The figures of a quantity on a small timeline: publication date across, value up (log
/// scale), each figure its range as a bar and its outlet's colour for being in a finding.
fn timeline(r: &Report, q: &QuantityRow) -> String {
    const W: f64 = 240.0;
    const H: f64 = 70.0;
    const PAD: f64 = 10.0;
    let figures: Vec<(Option<chrono::NaiveDate>, &FigureOut, &str)> = r
        .outlets
        .iter()
        .zip(&q.outlets)
        .flat_map(|(o, figs)| {
            figs.iter().take(FIGURES_SHOWN).map(move |f| {
                let date = f
                    .date
                    .as_deref()
                    .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
                (date, f, o.name.as_str())
            })
        })
        .collect();
    let values: Vec<f64> = figures
        .iter()
        .flat_map(|(_, f, _)| [f.low, f.high])
        .flatten()
        .filter(|v| *v > 0.0)
        .collect();
    let (Some(lo), Some(hi)) =
        (values.iter().copied().reduce(f64::min), values.iter().copied().reduce(f64::max))
    else {
        return String::new();
    };
    let (lo, hi) = (lo.ln(), if hi > lo { hi.ln() } else { lo.ln() + 1.0 });
    let y = |v: f64| H - PAD - (v.max(1e-9).ln() - lo) / (hi - lo) * (H - 2.0 * PAD);
    let dates: Vec<chrono::NaiveDate> = figures.iter().filter_map(|(d, _, _)| *d).collect();
    let first = dates.iter().min().copied();
    let last = dates.iter().max().copied();
    let span_days = match (first, last) {
        (Some(a), Some(b)) => (b - a).num_days().max(1) as f64,
        _ => 1.0,
    };
    // the left column holds the undated figures, if any
    let undated = figures.iter().any(|(d, _, _)| d.is_none());
    const DATED_FROM: f64 = PAD + 34.0;
    let mut s = format!(
        "<svg class=\"timeline\" width=\"{W}\" height=\"{H}\" viewBox=\"0 0 {W} {H}\" role=\"img\" aria-label=\"{} by publication date\">\
         <line x1=\"{PAD}\" y1=\"{b}\" x2=\"{r}\" y2=\"{b}\" stroke=\"#dde2ea\"/>",
        esc(&q.description),
        b = H - PAD + 2.0,
        r = W - PAD,
    );
    for (i, (date, f, outlet)) in figures.iter().enumerate() {
        let x = match (date, first) {
            (Some(d), Some(a)) => {
                DATED_FROM
                    + ((*d - a).num_days() as f64 / span_days) * (W - PAD - DATED_FROM - 12.0)
            }
            // undated: in a column of their own at the left, never at a made-up date
            _ => PAD + 2.0,
        };
        // figures of one date side by side
        let x = x + (figures[..i].iter().filter(|(d, _, _)| d == date).count() as f64) * 7.0;
        let colour = match f.in_finding {
            Some("figure-conflict") => "#c62828",
            Some(_) => "#b26a00",
            None => "#1f5fbf",
        };
        let top = f.high.map_or(PAD - 4.0, y);
        let bottom = f.low.filter(|v| *v > 0.0).map_or(H - PAD, y);
        let _ = write!(
            s,
            "<g><title>{t} ({o}{d})</title><line x1=\"{x:.1}\" y1=\"{top:.1}\" x2=\"{x:.1}\" y2=\"{bottom:.1}\" stroke=\"{colour}\" stroke-width=\"3\" stroke-linecap=\"round\" opacity=\"0.55\"/>\
             <circle cx=\"{x:.1}\" cy=\"{c:.1}\" r=\"3.5\" fill=\"{colour}\"/></g>",
            t = esc(&f.location.text),
            o = esc(outlet),
            d = f.date.as_deref().map(|d| format!(", {d}")).unwrap_or_default(),
            c = (top + bottom) / 2.0,
        );
    }
    if undated {
        let _ = write!(s, "<text x=\"{}\" y=\"{H}\">n.d.</text>", PAD - 4.0);
    }
    if let (Some(a), Some(b)) = (first, last) {
        let _ =
            write!(s, "<text x=\"{}\" y=\"{H}\">{}</text>", DATED_FROM - 10.0, a.format("%-d %b"));
        if b != a {
            let _ = write!(
                s,
                "<text x=\"{}\" y=\"{H}\" text-anchor=\"end\">{}</text>",
                W - PAD,
                b.format("%-d %b")
            );
        }
    }
    s.push_str("</svg>");
    s
}
