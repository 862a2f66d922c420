//! Quoted speech and who said it: “…,” Kerry told …; "…", Lavrov said; “…,” he added (the last
//! person named); Peskov said Russia would “…”.

use super::lexicon;
use super::model::{ActorKind, ArticleActors, Quote};
use super::names::Token;
use crate::text::Span;

/// Quoted passages (the text inside the marks), in text order. Straight quotes pair up in turn.
fn quoted(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for (i, c) in text.char_indices() {
        match c {
            '“' => open = Some(i + c.len_utf8()),
            '”' => {
                if let Some(s) = open.take() {
                    out.push(s..i);
                }
            }
            '"' => match open.take() {
                Some(s) => out.push(s..i),
                None => open = Some(i + 1),
            },
            '\n' => open = None,
            _ => {}
        }
    }
    out
}

/// How far back before a quote its speaker is looked for, in words.
const SPEAKER_LOOKBACK_WORDS: usize = 64;

/// Attaches each quotation of four words or more to the person it is attributed to.
pub(super) fn attach(text: &str, tokens: &[Token<'_>], out: &mut ArticleActors) {
    let person_at = |m: usize| out.entities[out.mentions[m].entity].kind == ActorKind::Person;
    // for "…,” he said": the last person named before each mention index
    let mut last_person_before: Vec<Option<usize>> = Vec::with_capacity(out.mentions.len() + 1);
    let mut last = None;
    for m in 0..=out.mentions.len() {
        last_person_before.push(last);
        if m < out.mentions.len() && person_at(m) {
            last = Some(m);
        }
    }
    let mut found: Vec<(usize, Quote)> = Vec::new();
    for q in quoted(text) {
        let inner = text[q.clone()].trim();
        if inner.split_whitespace().count() < 4 {
            continue; // scare quotes: “springboard”, "regret"
        }
        let after_tok = tokens.partition_point(|t| t.span.start < q.end);
        let before_tok = tokens.partition_point(|t| t.span.end <= q.start);
        let mention_of_token = |ti: usize| -> Option<usize> {
            let t = tokens.get(ti)?;
            let m = out.mentions.partition_point(|m| m.span.end <= t.span.start);
            out.mentions.get(m).filter(|m| m.span.start <= t.span.start).map(|_| m)
        };
        // the eight words after the quote, on its line
        let mut window: Vec<usize> = Vec::with_capacity(8);
        let mut seen = q.end;
        for i in (after_tok..tokens.len()).take(8) {
            if memchr::memchr(b'\n', &text.as_bytes()[seen..tokens[i].span.start]).is_some() {
                break;
            }
            seen = tokens[i].span.start;
            window.push(i);
        }
        let mut who = None;
        // after the quote: NAME said / said NAME / he said
        for (k, &ti) in window.iter().enumerate() {
            if let Some(m) = mention_of_token(ti).filter(|&m| person_at(m)) {
                let verb_near =
                    window[k..].iter().take(4).any(|&x| lexicon::is_speech_verb(tokens[x].text))
                        || window[..k].iter().any(|&x| lexicon::is_speech_verb(tokens[x].text));
                if verb_near {
                    who = Some(m);
                }
                break;
            }
            if matches!(tokens[ti].text, "he" | "she" | "He" | "She")
                && window.get(k + 1).is_some_and(|&x| lexicon::is_speech_verb(tokens[x].text))
            {
                let m = out.mentions.partition_point(|m| m.span.start < q.start);
                who = last_person_before[m];
                break;
            }
        }
        // before the quote, in its sentence: NAME ... said ... “
        if who.is_none() {
            // the speaker is among the last words before the quote; a sentence longer than that
            // is not read back to its start (each quote would rescan it)
            let earliest = before_tok.saturating_sub(SPEAKER_LOOKBACK_WORDS);
            let lookback_start =
                tokens.get(earliest).map_or(q.start, |t| t.span.start.min(q.start));
            let sentence_start = text[lookback_start..q.start]
                .rfind(['\n', '.'])
                .map_or(0, |p| lookback_start + p + 1);
            let from = tokens.partition_point(|t| t.span.start < sentence_start).max(earliest);
            for ti in from..before_tok {
                if let Some(m) = mention_of_token(ti).filter(|&m| person_at(m)) {
                    if tokens[ti + 1..before_tok]
                        .iter()
                        .take(5)
                        .any(|t| lexicon::is_speech_verb(t.text))
                    {
                        who = Some(m);
                        break;
                    }
                }
            }
        }
        if let Some(m) = who {
            let trimmed = text[q.clone()].trim_end_matches([',', ' ']);
            let lead = trimmed.len() - trimmed.trim_start().len();
            let span = q.start + lead..q.start + trimmed.len();
            found.push((
                out.mentions[m].entity,
                Quote { text: text[span.clone()].to_string(), span },
            ));
        }
    }
    for (e, q) in found {
        out.entities[e].quotes.push(q);
    }
}
