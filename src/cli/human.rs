//! Human output: rustc/ruff-style diagnostics with source snippets (codespan-reporting), colour
//! on terminals only and never when `NO_COLOR` is set.

use crate::analysis::Snapshot;
use crate::findings::{Acknowledged, Finding, Severity};
use codespan_reporting::diagnostic::{Diagnostic, Label};
use codespan_reporting::files::{Files, Location, SimpleFiles};
use codespan_reporting::term::{
    self,
    termcolor::{Buffer, BufferWriter, ColorChoice},
};
use std::io::{IsTerminal, Write};

fn color_choice() -> ColorChoice {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    if no_color || !std::io::stdout().is_terminal() {
        ColorChoice::Never
    } else {
        ColorChoice::Auto
    }
}

pub fn check(snap: &Snapshot, findings: &[&Finding]) -> std::io::Result<()> {
    use rayon::prelude::*;
    let mut simple = SimpleFiles::new();
    let ids: Vec<usize> = snap
        .articles
        .iter()
        .map(|a| simple.add(a.article.name.clone(), a.article.text.clone()))
        .collect();
    let files = ArticleFiles { simple, snap };
    let writer = BufferWriter::stdout(color_choice());
    let config = term::Config::default();
    // each diagnostic rendered on its own core into a buffer of its own, then printed in order:
    // a report of thousands of snippets written line by line to stdout was most of the run
    let mut buffers: Vec<Buffer> = findings.iter().map(|_| writer.buffer()).collect();
    let uses = crate::analysis::notes::resolve(snap);
    buffers.par_iter_mut().zip(findings.par_iter()).try_for_each(|(buffer, f)| {
        let diag = diagnostic(snap, &ids, f, &uses);
        term::emit(buffer, &config, &files, &diag).map_err(std::io::Error::other)
    })?;
    for buffer in &buffers {
        writer.print(buffer)?;
    }
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    let outlets: std::collections::BTreeSet<&str> =
        snap.articles.iter().map(|a| a.article.outlet()).collect();
    let mut parts = Vec::new();
    for (s, word) in [
        (Severity::Error, "error"),
        (Severity::Warning, "warning"),
        (Severity::Information, "information"),
    ] {
        let n = count(s);
        if n > 0 {
            parts.push(format!(
                "{n} {word}{}",
                if n > 1 && s != Severity::Information { "s" } else { "" }
            ));
        }
    }
    let summary = if parts.is_empty() { "no contradictions".to_string() } else { parts.join(", ") };
    let mut last = writer.buffer();
    writeln!(last, "{summary} in {} articles ({} outlets)", snap.articles.len(), outlets.len())?;
    writer.print(&last)
}

/// The articles' texts as codespan-reporting sees them: the snippet shows the analysed text
/// (for a web page, the text extracted from it), and line numbers and the `file:line:column`
/// above it are those of the file (for a web page, where the text stands in its HTML).
struct ArticleFiles<'a> {
    simple: SimpleFiles<String, std::sync::Arc<str>>,
    snap: &'a Snapshot,
}

impl<'a> Files<'a> for ArticleFiles<'a> {
    type FileId = usize;
    type Name = String;
    type Source = &'a str;

    fn name(&'a self, id: usize) -> Result<String, codespan_reporting::files::Error> {
        self.simple.name(id)
    }

    fn source(&'a self, id: usize) -> Result<&'a str, codespan_reporting::files::Error> {
        self.simple.source(id)
    }

    fn line_index(
        &'a self,
        id: usize,
        byte: usize,
    ) -> Result<usize, codespan_reporting::files::Error> {
        self.simple.line_index(id, byte)
    }

    fn line_range(
        &'a self,
        id: usize,
        line: usize,
    ) -> Result<std::ops::Range<usize>, codespan_reporting::files::Error> {
        self.simple.line_range(id, line)
    }

    fn line_number(
        &'a self,
        id: usize,
        line: usize,
    ) -> Result<usize, codespan_reporting::files::Error> {
        let article = &self.snap.article(id).article;
        match &article.source {
            None => Ok(line + 1),
            Some(_) => {
                let start = self.simple.line_range(id, line)?.start;
                Ok(article.line_col(start, crate::text::Encoding::Utf8).line as usize + 1)
            }
        }
    }

    fn location(
        &'a self,
        id: usize,
        byte: usize,
    ) -> Result<Location, codespan_reporting::files::Error> {
        let article = &self.snap.article(id).article;
        let Some(source) = &article.source else {
            return self.simple.location(id, byte);
        };
        // columns in characters, as codespan-reporting counts them
        let at = source.map.to_source_start(byte);
        let line = source.lines.line_of(at);
        let line_start = source.lines.line_span(&source.text, line).map_or(at, |s| s.start);
        let column = source.text.get(line_start..at).map_or(0, |s| s.chars().count());
        Ok(Location { line_number: line + 1, column_number: column + 1 })
    }
}

fn diagnostic(
    snap: &Snapshot,
    ids: &[usize],
    f: &Finding,
    uses: &[crate::analysis::notes::NoteUse],
) -> Diagnostic<usize> {
    let here = snap.article(f.at.article);
    let fig = &here.figures[f.at.figure];
    let mut labels = vec![
        Label::primary(ids[f.at.article], fig.span.clone()).with_message(primary_note(snap, f))
    ];
    for r in &f.related {
        let other = &snap.article(r.at.article).figures[r.at.figure];
        labels.push(
            Label::secondary(ids[r.at.article], other.span.clone()).with_message(r.message.clone()),
        );
    }
    let diag = match f.severity {
        Severity::Error => Diagnostic::error(),
        Severity::Warning => Diagnostic::warning(),
        Severity::Information => Diagnostic::note(),
        Severity::Hint => Diagnostic::help(),
    };
    let mut notes = f.notes.clone();
    match &f.acknowledged {
        Some(Acknowledged::Current { note }) => notes.push(format!("acknowledged in crosswire.json: {note}")),
        Some(Acknowledged::Stale { note, was, now }) => notes.push(format!(
            "the acknowledgement in crosswire.json is stale: it was for {}, the articles now say {} (\"{note}\")",
            was.join(", "),
            now.join(", ")
        )),
        None => {}
    }
    // the user's notes on the finding's quantity or over one of its figures
    for i in crate::analysis::notes::touching_finding(snap, uses, f) {
        let note = &snap.config.notes[uses[i].index];
        let verdict = note.verdict.as_deref().map(|v| format!(" [{v}]")).unwrap_or_default();
        notes.push(format!("note {}{verdict} in crosswire.json: {}", uses[i].index + 1, note.note));
    }
    diag.with_code(f.code.as_str()).with_message(&f.message).with_labels(labels).with_notes(notes)
}

fn primary_note(snap: &Snapshot, f: &Finding) -> String {
    let a = &snap.article(f.at.article).article;
    let fig = &snap.article(f.at.article).figures[f.at.figure];
    match a.meta.date {
        Some(d) => format!("{} ({}, {})", fig.text, a.outlet(), d.short()),
        None => format!("{} ({})", fig.text, a.outlet()),
    }
}

pub fn actors(snap: &Snapshot, out: &mut dyn Write) -> std::io::Result<()> {
    for actor in &snap.linked.actors {
        let mut per_article = Vec::new();
        let mut roles: Vec<(String, Vec<String>)> = Vec::new();
        for m in &actor.members {
            let art = snap.article(m.article);
            let entity = &art.actors.entities[m.entity];
            per_article.push(format!("{} ×{}", art.article.meta.label, entity.mentions.len()));
            for role in &entity.roles {
                let who = art.article.meta.label.clone();
                match roles.iter_mut().find(|(r, _)| r.eq_ignore_ascii_case(&role.text)) {
                    Some((_, labels)) if !labels.contains(&who) => labels.push(who),
                    Some(_) => {}
                    None => roles.push((role.text.clone(), vec![who])),
                }
            }
        }
        writeln!(out, "{} · {}", actor.name, actor.kind.as_str())?;
        if !roles.is_empty() {
            let r: Vec<String> =
                roles.iter().map(|(r, l)| format!("{r} ({})", l.join(", "))).collect();
            writeln!(out, "  roles:     {}", r.join("; "))?;
        }
        writeln!(out, "  spellings: {}", actor.aliases.join(" · "))?;
        writeln!(out, "  mentions:  {}", per_article.join(" · "))?;
        for reason in crate::actors::reasons::summarise(&actor.reasons) {
            writeln!(out, "  linked:    {reason}")?;
        }
    }
    writeln!(out, "{} actors in {} articles", snap.linked.actors.len(), snap.articles.len())
}

pub fn figures(snap: &Snapshot, out: &mut dyn Write) -> std::io::Result<()> {
    let mut n = 0;
    for a in &snap.articles {
        for f in &a.figures {
            n += 1;
            let pos = a.article.line_col(f.span.start, crate::text::Encoding::Utf16);
            let what = [f.counts(), f.predicate(), f.place().map(|p| p.trim())]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" · ");
            writeln!(
                out,
                "{}:{}:{}  {:<28} {:<10} {:<22} {}{}",
                a.article.name,
                pos.line + 1,
                pos.col + 1,
                format!("{:?}", f.text),
                f.kind.as_str(),
                f.describe_range(),
                what,
                f.key().map(|k| format!("  [{k}]")).unwrap_or_default()
            )?;
        }
    }
    writeln!(out, "{n} figures in {} articles", snap.articles.len())
}
