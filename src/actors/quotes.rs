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

/// For "…,” he said": the last person named before each mention index (and after the last).
fn last_person_before(out: &ArticleActors) -> Vec<Option<usize>> {
    let mut before: Vec<Option<usize>> = Vec::with_capacity(out.mentions.len() + 1);
    let mut last = None;
    for m in 0..=out.mentions.len() {
        before.push(last);
        if m < out.mentions.len() && person_at(out, m) {
            last = Some(m);
        }
    }
    before
}

fn person_at(out: &ArticleActors, m: usize) -> bool {
    out.entities[out.mentions[m].entity].kind == ActorKind::Person
}

/// The mention of the person a quotation (the text inside the marks, `q`) is attributed to:
/// after it, NAME said / said NAME / he said; or before it in its sentence, NAME ... said ... “.
fn speaker(
    text: &str,
    tokens: &[Token<'_>],
    out: &ArticleActors,
    last_person_before: &[Option<usize>],
    q: Span,
) -> Option<usize> {
    let person_at = |m: usize| person_at(out, m);
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
            // "said a senior official travelling with Kerry": a name inside a prepositional
            // phrase is not the one who speaks (unless set off by a comma, as an apposition:
            // "said a spokesman for the ministry, Maria Zakharova")
            let inside_phrase = window[..k]
                .iter()
                .rev()
                .find(|&&x| lexicon::is_preposition(tokens[x].text))
                .is_some_and(|&p| !text[tokens[p].span.end..tokens[ti].span.start].contains(','));
            if inside_phrase {
                break;
            }
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
        let lookback_start = tokens.get(earliest).map_or(q.start, |t| t.span.start.min(q.start));
        let sentence_start =
            text[lookback_start..q.start].rfind(['\n', '.']).map_or(0, |p| lookback_start + p + 1);
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
        // a speech verb that opens the quotation ("... on Friday and said: “") is the verb of
        // the sentence's subject: the first person it names, outside a prepositional phrase
        let introduced = before_tok > from
            && lexicon::is_speech_verb(tokens[before_tok - 1].text)
            && text[tokens[before_tok - 1].span.end..q.start]
                .chars()
                .all(|c| matches!(c, ':' | ',' | ' ' | '"' | '“'));
        if who.is_none() && introduced {
            who = (from..before_tok - 1)
                .take_while(|&ti| !lexicon::is_preposition(tokens[ti].text))
                .find_map(|ti| mention_of_token(ti).filter(|&m| person_at(m)));
        }
    }
    who
}

/// How far back before a quote its speaker is looked for, in words.
const SPEAKER_LOOKBACK_WORDS: usize = 64;

/// Attaches each quotation of four words or more to the person it is attributed to.
pub(super) fn attach(text: &str, tokens: &[Token<'_>], out: &mut ArticleActors) {
    let last_person_before = last_person_before(out);
    let mut found: Vec<(usize, Quote)> = Vec::new();
    for q in quoted(text) {
        let inner = text[q.clone()].trim();
        if inner.split_whitespace().count() < 4 {
            continue; // scare quotes: “springboard”, "regret"
        }
        let who = speaker(text, tokens, out, &last_person_before, q.clone());
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

/// Where the quotation still open at byte `end` opened, reading the marks from `start` on
fn open_at_end(text: &str, start: usize, end: usize) -> Option<usize> {
    let mut open = None;
    for (i, c) in text[start..end].char_indices() {
        match c {
            '“' => open = Some(start + i + c.len_utf8()),
            '”' => open = None,
            '"' => open = if open.is_some() { None } else { Some(start + i + 1) },
            _ => {}
        }
    }
    open
}

/// How far around an "I" its quotation marks are looked for, in bytes.
const QUOTE_REACH: usize = 1_000;

/// The first person singular as the subject ("I", "I'm", "I'd", "I've", "I'll").
fn is_first_person(word: &str) -> bool {
    let Some(rest) = word.strip_prefix('I') else { return false };
    rest.is_empty()
        || rest.strip_prefix(['\'', '’']).is_some_and(|r| matches!(r, "m" | "d" | "ve" | "ll"))
}

/// Makes "I" inside a quotation a mention of the person it is attributed to ("“I'm satisfied,”
/// Klitschko said": Klitschko). The quotation is the text between the marks on the line; where
/// the line opens inside a quotation (a report that lost its opening mark: `I'm satisfied,
/// "Klitschko said.`), it runs from the line's start to a mark after a comma or a full stop.
/// Outside quotation marks "I" is the writer, and is left alone.
pub(super) fn first_person(text: &str, tokens: &[Token<'_>], out: &mut ArticleActors) {
    let last_person_before = last_person_before(out);
    let mut found: Vec<(Span, usize)> = Vec::new();
    // the speaker of the last quotation read: the "I"s of one quotation share it
    let mut last: Option<(Span, Option<usize>)> = None;
    for t in tokens.iter().filter(|t| is_first_person(t.text)) {
        // the line around it, read no further than QUOTE_REACH bytes either way (a text of one
        // long line would make every "I" rescan it)
        let floor = text.floor_char_boundary(t.span.start.saturating_sub(QUOTE_REACH));
        let ceiling = text.ceil_char_boundary(t.span.end + QUOTE_REACH);
        let line_start = text[floor..t.span.start].rfind('\n').map_or(floor, |p| floor + p + 1);
        let line_end = text[t.span.end..ceiling].find('\n').map_or(ceiling, |p| t.span.end + p);
        // inside a quotation on this line, and where it opened; a line with no mark before the
        // "I" may go on with a quotation the line before left open (a tweet or a statement
        // quoted over two paragraphs: `said: "It's official!` then `I'd like to thank ..."`)
        let marks_before = text[line_start..t.span.start].contains(['“', '”', '"']);
        let open = open_at_end(text, line_start, t.span.start).or_else(|| {
            let prev_start = text[floor..line_start.saturating_sub(1).max(floor)]
                .rfind('\n')
                .map_or(floor, |p| floor + p + 1);
            (!marks_before && prev_start < line_start)
                .then(|| open_at_end(text, prev_start, line_start))
                .flatten()
        });
        let close = text[t.span.end..line_end].find(['”', '"']).map(|p| t.span.end + p);
        let q = match (open, close) {
            (Some(o), Some(c)) => o..c,
            (Some(o), None) => o..line_end,
            // a closing mark after a comma or a full stop, with no opening one before
            (None, Some(c)) if text[line_start..c].trim_end().ends_with([',', '.', '?', '!']) => {
                line_start..c
            }
            _ => continue,
        };
        let who = match &last {
            Some((seen, who)) if *seen == q => *who,
            _ => {
                let who = speaker(text, tokens, out, &last_person_before, q.clone());
                last = Some((q, who));
                who
            }
        };
        if let Some(m) = who {
            found.push((t.span.clone(), out.mentions[m].entity));
        }
    }
    out.add_stand_ins(found);
}

#[cfg(test)]
mod tests {
    use crate::actors::detect;

    #[test]
    fn i_in_a_quotation_is_its_speaker() {
        let a = detect(
            "Marta Kellin won on points.\n\"I got lucky but I'm fine,\" Kellin said after the bout.",
            &[],
        );
        assert_eq!(a.mention_texts_of("Marta Kellin"), ["Marta Kellin", "I", "I'm", "Kellin"]);
        // a name in a phrase after the speaker is not the speaker
        let a = detect(
            "Marta Kellin won.\n\"I think it was close,\" said a trainer working with Kellin.",
            &[],
        );
        assert_eq!(a.mention_texts_of("Marta Kellin"), ["Marta Kellin", "Kellin"]);
        // unless it stands in apposition to the speaker
        let a = detect(
            "\"I think it was very close,\" said a spokesman for the club, Marta Kellin.",
            &[],
        );
        assert_eq!(a.mention_texts_of("Marta Kellin"), ["I", "Marta Kellin"]);
        // a line that lost its opening mark still has its closing one after a comma
        let a = detect("Marta Kellin won.\nI'm satisfied, \"Kellin said.", &[]);
        assert_eq!(a.mention_texts_of("Marta Kellin"), ["Marta Kellin", "I'm", "Kellin"]);
        // the speaker named before the quotation
        let a = detect("Marta Kellin said: \"I'd do it again tomorrow night.\"", &[]);
        assert_eq!(a.mention_texts_of("Marta Kellin"), ["Marta Kellin", "I'd"]);
    }

    #[test]
    fn a_quotation_over_two_lines_keeps_its_speaker() {
        // the second line opens inside the quotation the first left open
        let a = detect(
            "Marta Kellin posted the news on Monday and wrote: \"It's done: I'm leaving!\n\
             I'd like to thank everyone who came.\"\nThe club said nothing.",
            &[],
        );
        assert_eq!(a.mention_texts_of("Marta Kellin"), ["Marta Kellin", "I'm", "I'd"]);
        // a line whose quotation opens on it is not the one before
        let a = detect(
            "Marta Kellin wrote: \"It's done and dusted now!\n\"I was there,\" a fan wrote.",
            &[],
        );
        assert_eq!(a.mention_texts_of("Marta Kellin"), ["Marta Kellin"]);
    }

    #[test]
    fn a_speech_verb_opening_the_quotation_is_its_subjects() {
        let a = detect(
            "Marta Kellin made the announcement on the radio on Friday and said: \"I'm staying \
             here for good.\"",
            &[],
        );
        assert_eq!(a.mention_texts_of("Marta Kellin"), ["Marta Kellin", "I'm"]);
        // a person inside a prepositional phrase is no subject
        let a = detect(
            "A friend of Marta Kellin made the announcement on Friday and said: \"I'm staying \
             here for good.\"",
            &[],
        );
        assert_eq!(a.mention_texts_of("Marta Kellin"), ["Marta Kellin"]);
    }

    #[test]
    fn i_outside_quotation_marks_is_the_writer() {
        let a = detect(
            "I met Marta Kellin on Monday. Kellin said she was \"very happy indeed\" then.",
            &[],
        );
        assert_eq!(a.mention_texts_of("Marta Kellin"), ["Marta Kellin", "Kellin"]);
        // and a quotation nobody is said to have said gives "I" to no one
        let a = detect("Marta Kellin won.\n\"I'm fine,\" the note read.", &[]);
        assert_eq!(a.mention_texts_of("Marta Kellin"), ["Marta Kellin"]);
    }
}
