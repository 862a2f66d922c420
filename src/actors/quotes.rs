//! Quoted speech and who said it: “…,” Kerry told …; "…", Lavrov said; “…,” he added (the last
//! person named); Peskov said Russia would “…”.

use super::lexicon;
use super::model::{ActorKind, ArticleActors, Quote};
use super::names::Token;
use crate::text::Span;

/// A quotation: the text inside its marks.
#[derive(Debug, Clone, PartialEq)]
struct Quotation {
    span: Span,
    /// Both its marks are written: it neither lost its opening mark (`I'm satisfied, "Kellin
    /// said.`) nor ran to a paragraph's end or a new quotation unclosed.
    marked: bool,
}

/// The quotations of a text, in text order: the one reading of quotation marks that both
/// quotes and "I" use. A quotation spans lines until it closes or its paragraph ends (a blank
/// line); a mark that opens a line opens a new one (a quotation over two paragraphs opens each
/// anew). Straight quotes pair up in turn, except a mark after , . ? ! with no quotation open
/// and an attribution after it (`I'm satisfied, "Kellin said.`): it closes a quotation that
/// lost its opening mark, from its line's start.
fn quotations(text: &str) -> Vec<Quotation> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    let mut line_start = 0;
    let bytes = text.as_bytes();
    for (i, c) in text.char_indices() {
        match c {
            '\n' => {
                line_start = i + 1;
                let rest = &text[i + 1..];
                let blank_next = rest[..rest.find('\n').unwrap_or(rest.len())].trim().is_empty();
                if let Some(o) = open.filter(|_| blank_next) {
                    out.push(Quotation { span: o..i, marked: false });
                    open = None;
                }
            }
            '“' => {
                if let Some(o) = open {
                    out.push(Quotation { span: o..cut_before(text, line_start, i), marked: false });
                }
                open = Some(i + c.len_utf8());
            }
            '”' => match open.take() {
                Some(o) => out.push(Quotation { span: o..i, marked: true }),
                None => {
                    if lost_its_opening(text, line_start, i) {
                        out.push(Quotation { span: line_start..i, marked: false });
                    }
                }
            },
            '"' => {
                let opens_line = text[line_start..i].trim().is_empty()
                    && bytes.get(i + 1).is_some_and(|b| !b.is_ascii_whitespace());
                match open {
                    Some(o) if opens_line => {
                        out.push(Quotation {
                            span: o..cut_before(text, line_start, i),
                            marked: false,
                        });
                        open = Some(i + 1);
                    }
                    Some(o) => {
                        out.push(Quotation { span: o..i, marked: true });
                        open = None;
                    }
                    None if lost_its_opening(text, line_start, i)
                        && attributed_after(text, i + 1) =>
                    {
                        out.push(Quotation { span: line_start..i, marked: false });
                    }
                    None => open = Some(i + 1),
                }
            }
            _ => {}
        }
    }
    if let Some(o) = open {
        out.push(Quotation { span: o..text.len(), marked: false });
    }
    out
}

/// Where a quotation left open ends when a new one opens at byte `at`: at the line break
/// before, when the new one opens its line (so nothing after it is read as its attribution).
fn cut_before(text: &str, line_start: usize, at: usize) -> usize {
    if line_start > 0 && text[line_start..at].trim().is_empty() {
        line_start - 1
    } else {
        at
    }
}

/// A mark at `at` with no quotation open, the first on its line, right after , . ? ! (a
/// quotation's end).
fn lost_its_opening(text: &str, line_start: usize, at: usize) -> bool {
    let before = &text[line_start..at];
    !before.contains(['“', '”', '"']) && before.trim_end().ends_with([',', '.', '?', '!'])
}

/// The words after byte `at`, on its line, are an attribution: a speech verb first ("said
/// Kellin"), after a name ("Inspector Kellin told the paper"), or after a pronoun and ending its
/// clause ("he added.", "she said after the bout"), not a quoted sentence's verb ("He asked why").
fn attributed_after(text: &str, at: usize) -> bool {
    fn bare(w: &str) -> &str {
        w.trim_matches(|c: char| !c.is_alphanumeric())
    }
    let rest = &text[at..];
    let line = &rest[..rest.find('\n').unwrap_or(rest.len())];
    let words: Vec<&str> = line.split_whitespace().take(5).collect();
    let Some(k) = words.iter().position(|w| lexicon::is_speech_verb(bare(w))) else {
        return false;
    };
    // a name says it is no quoted sentence's own verb; a pronoun needs the clause to end
    let named = k > 0 && words[..k].iter().all(|w| w.starts_with(char::is_uppercase));
    let pronoun = k == 1 && matches!(bare(words[0]), "he" | "she" | "He" | "She" | "they" | "They");
    let clause_ends = words[k].ends_with([',', '.', ';', ':', '!', '?'])
        || words.get(k + 1).is_none_or(|n| lexicon::is_preposition(bare(n)));
    k == 0 || named && !pronoun || pronoun && clause_ends
}

/// For "…,” he said": the last person named before each mention index (and after the last),
/// outside quotations (a name in someone's speech is not who "he" is).
fn last_person_before(out: &ArticleActors, quotations: &[Quotation]) -> Vec<Option<usize>> {
    let mut before: Vec<Option<usize>> = Vec::with_capacity(out.mentions.len() + 1);
    let mut last = None;
    let mut q = quotations.iter().peekable();
    for m in 0..=out.mentions.len() {
        before.push(last);
        if m < out.mentions.len() && person_at(out, m) {
            let at = out.mentions[m].span.start;
            while q.next_if(|q| q.span.end <= at).is_some() {}
            if q.peek().is_none_or(|q| q.span.start > at) {
                last = Some(m);
            }
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

/// Attaches each quotation of four words or more, with both its marks, to the person it is
/// attributed to.
fn attach(text: &str, tokens: &[Token<'_>], quotations: &[Quotation], out: &mut ArticleActors) {
    let last_person_before = last_person_before(out, quotations);
    let mut found: Vec<(usize, Quote)> = Vec::new();
    for q in quotations.iter().filter(|q| q.marked) {
        let q = q.span.clone();
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

/// The first person singular as the subject ("I", "I'm", "I'd", "I've", "I'll").
fn is_first_person(word: &str) -> bool {
    let Some(rest) = word.strip_prefix('I') else { return false };
    rest.is_empty()
        || rest.strip_prefix(['\'', '’']).is_some_and(|r| matches!(r, "m" | "d" | "ve" | "ll"))
}

/// Makes "I" inside a quotation a mention of the person it is attributed to ("“I'm satisfied,”
/// Klitschko said": Klitschko), the quotation read as [`quotations`] reads it. Outside
/// quotation marks "I" is the writer, and is left alone.
fn first_person(
    text: &str,
    tokens: &[Token<'_>],
    quotations: &[Quotation],
    out: &mut ArticleActors,
) {
    let last_person_before = last_person_before(out, quotations);
    let mut found: Vec<(Span, usize)> = Vec::new();
    // the speaker of the last quotation read: the "I"s of one quotation share it
    let mut last: Option<(usize, Option<usize>)> = None;
    for t in tokens.iter().filter(|t| is_first_person(t.text)) {
        let k = quotations.partition_point(|q| q.span.end <= t.span.start);
        let Some(q) = quotations.get(k).filter(|q| q.span.start <= t.span.start) else {
            continue;
        };
        let who = match last {
            Some((seen, who)) if seen == k => who,
            _ => {
                let who = speaker(text, tokens, out, &last_person_before, q.span.clone());
                last = Some((k, who));
                who
            }
        };
        if let Some(m) = who {
            found.push((t.span.clone(), out.mentions[m].entity));
        }
    }
    out.add_stand_ins(found);
}

/// Quotes attributed to people, and "I" inside them as a mention of the speaker.
pub(super) fn read(text: &str, tokens: &[Token<'_>], out: &mut ArticleActors) {
    let quotations = quotations(text);
    attach(text, tokens, &quotations, out);
    first_person(text, tokens, &quotations, out);
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
    fn a_quotation_runs_over_lines_until_it_closes_or_its_paragraph_ends() {
        // one sentence a line: the attribution comes after the line that closes it
        let a =
            detect("Marta Kellin won on points.\n\"I was lucky.\nI think so,\" Kellin said.", &[]);
        assert_eq!(a.mention_texts_of("Marta Kellin"), ["Marta Kellin", "I", "I", "Kellin"]);
        // a blank line ends the paragraph, and the quotation left open with it
        let a = detect(
            "Marta Kellin said: \"It was a long night.\n\nI was there,\" a fan said, \"and \
             it was long.\"",
            &[],
        );
        assert_eq!(a.mention_texts_of("Marta Kellin"), ["Marta Kellin"]);
        // a mark that opens a line opens a new quotation, whatever was left open
        let a = detect(
            "Marta Kellin said: \"It was a long night for all.\n\"I think so too,\" a fan said.",
            &[],
        );
        assert_eq!(a.mention_texts_of("Marta Kellin"), ["Marta Kellin"]);
    }

    #[test]
    fn a_lost_opening_mark_needs_an_attribution_after_it() {
        // after the mark a pronoun and a verb that goes on are a quoted sentence, not "he said"
        let a = detect(
            "Marta Kellin said that after the bout, \"She asked why, and I told her.\nIt was \
             over,\" Kellin said.",
            &[],
        );
        assert_eq!(a.mention_texts_of("Marta Kellin"), ["Marta Kellin", "I", "Kellin"]);
        // a title and a name before the verb are an attribution
        let a = detect("Marta Kellin won.\nI'm satisfied, \"Coach Kellin told the paper.", &[]);
        assert_eq!(a.mention_texts_of("Marta Kellin"), ["Marta Kellin", "I'm", "Kellin"]);
    }

    #[test]
    fn he_said_is_not_a_person_named_inside_a_quotation() {
        let a = detect(
            "Marta Kellin wrote: \"I thank my coach Anna Berg.\"\n\"I am so happy to be \
             here again,\" she added.",
            &[],
        );
        assert_eq!(a.mention_texts_of("Marta Kellin"), ["Marta Kellin", "I", "I"]);
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
