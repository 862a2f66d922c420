//! `crosswire notes`: every note of crosswire.json, where it applies now, and the ones that can
//! no longer be found. Also the short form of a note that `check` attaches to a finding.

use super::json::{location, Location, VERSION};
use crate::analysis::notes::{NoteUse, Status};
use crate::analysis::Snapshot;
use crate::notes::{Anchor, Note, NoteDate, Rating};
use serde::Serialize;
use std::io::Write;

/// A note as the reports give it: what it says ([`NoteBrief`]) and where it applies now.
#[derive(Serialize)]
pub struct NoteOut<'a> {
    #[serde(flatten)]
    pub brief: NoteBrief<'a>,
    /// Why it is stale, in words (only for a stale note).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    pub places: Vec<Location>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rating: Option<RatingOut>,
    /// `exact`, `moved`, `rewritten`, `stale` or `unchecked`.
    pub status: &'static str,
}

/// A rated verdict's place on the scale: `value` of `best` (worst 1).
#[derive(Serialize, Clone, Copy)]
pub struct RatingOut {
    pub best: usize,
    pub value: usize,
}

pub fn rating_of(snap: &Snapshot, note: &Note) -> Option<RatingOut> {
    match snap.config.verdicts.rating(note.verdict.as_deref()?)? {
        Rating::Rated { value, best } => Some(RatingOut { best, value }),
        Rating::Unrated => None,
    }
}

pub fn note_out<'a>(snap: &'a Snapshot, used: &NoteUse) -> NoteOut<'a> {
    let note = &snap.config.notes[used.index];
    NoteOut {
        brief: note_brief(snap, used.index),
        message: used.stale_message(note),
        places: used.places.iter().map(|p| location(snap, p.article, &p.span)).collect(),
        rating: rating_of(snap, note),
        status: used.status.as_str(),
    }
}

/// What a note says, without where it applies: what `check` attaches to a finding (which
/// gives the places itself). Fields in alphabetical order, as serde_json sorts a map.
#[derive(Serialize)]
pub struct NoteBrief<'a> {
    pub anchor: &'a Anchor,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<NoteDate>,
    /// Position in `notes` of crosswire.json, from 0.
    pub index: usize,
    pub note: &'a str,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    pub sources: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verdict: Option<&'a str>,
}

pub fn note_brief(snap: &Snapshot, index: usize) -> NoteBrief<'_> {
    let note = &snap.config.notes[index];
    NoteBrief {
        anchor: &note.anchor,
        author: note.author.as_deref(),
        date: note.date,
        index,
        note: &note.note,
        sources: &note.sources,
        verdict: note.verdict.as_deref(),
    }
}

#[derive(Serialize)]
struct NotesReport<'a> {
    notes: Vec<NoteOut<'a>>,
    version: u32,
}

pub fn write_json(snap: &Snapshot, uses: &[NoteUse], out: &mut dyn Write) -> std::io::Result<()> {
    let report =
        NotesReport { notes: uses.iter().map(|u| note_out(snap, u)).collect(), version: VERSION };
    serde_json::to_writer_pretty(&mut *out, &report)?;
    Ok(())
}

pub fn write_text(snap: &Snapshot, uses: &[NoteUse], out: &mut dyn Write) -> std::io::Result<()> {
    if uses.is_empty() {
        return writeln!(out, "no notes in crosswire.json");
    }
    for u in uses {
        let note = &snap.config.notes[u.index];
        let verdict = note.verdict.as_deref().map(|v| format!(" [{v}]")).unwrap_or_default();
        writeln!(
            out,
            "note {}{verdict}: {} ({})",
            u.index + 1,
            note.anchor.describe(),
            u.status.as_str()
        )?;
        if !note.note.is_empty() {
            for line in note.note.lines() {
                writeln!(out, "  {line}")?;
            }
        }
        for s in &note.sources {
            writeln!(out, "  source: {s}")?;
        }
        match (&note.author, note.date) {
            (Some(a), Some(d)) => writeln!(out, "  by {a}, {d}")?,
            (Some(a), None) => writeln!(out, "  by {a}")?,
            (None, Some(d)) => writeln!(out, "  on {d}")?,
            (None, None) => {}
        }
        if let Some(m) = u.stale_message(note) {
            writeln!(out, "  STALE: {m}")?;
        }
        if u.status == Status::Unchecked {
            writeln!(out, "  (actors not linked: not looked up)")?;
        }
        for p in &u.places {
            let l = location(snap, p.article, &p.span);
            writeln!(out, "  at {}:{}:{}  {}", l.file, l.line + 1, l.character + 1, l.text)?;
        }
    }
    let stale = uses.iter().filter(|u| u.status.is_stale()).count();
    writeln!(out, "{} notes, {stale} stale", uses.len())
}
