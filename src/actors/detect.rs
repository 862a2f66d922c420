//! Finding names in one article: runs of capitalised words are cut into candidates (titles and
//! honorifics split off, sentence-initial common words dropped, known spellings recognised) and
//! each candidate gets a kind from the lexicon and its context.

use super::entities::{acronym_fits, acronym_letters};
use super::lexicon::{self, Known};
use super::model::ActorKind;
use super::names::Token;
use super::recognise::gazetteers::{is_place, lists, GIVEN_NAME, PLACE, SURNAME};
use super::recognise::{NameKind, Reading};
use crate::text::fold;
use crate::text::Span;
use rustc_hash::{FxHashMap, FxHashSet};
use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};

/// One name found in the text, before linking.
#[derive(Debug, Clone)]
pub(super) struct Candidate {
    /// The mention: the name, with an honorific before it when there is one ("Mr Lavrov").
    pub span: Span,
    /// Token indices of the name proper (no title, no honorific).
    pub name: std::ops::Range<usize>,
    /// Decided kind; `None` for a lone word whose kind its links will tell.
    pub kind: Option<ActorKind>,
    pub known: Option<Known>,
    /// Written as a capital standing for its state ("Washington wants ...").
    pub metonym: bool,
    /// Evidence that a lone word is a person: a title or honorific before it, a speech verb after.
    pub personal: bool,
    /// Preceded by a locative ("in Geneva").
    pub locative: bool,
    /// Preceded by a preposition of place ("in Palmer", "at the Betty Ford Center", "the city
    /// of Hama"), leaving out "to", which as often leads to a person or an organisation: most
    /// names written so are places (ECB+ train: 88% of such organisation or place names).
    pub place_cue: bool,
    /// The kind rests on no particular evidence (two capitalised words read as a person, a speech
    /// verb after a lone word, or nothing): the recogniser's kind may replace it.
    pub weak: bool,
    /// The kind the trained recogniser gives the name (after the article's mentions of it
    /// voted), if it read these words as a name.
    pub model: Option<ActorKind>,
    /// Written as a side of a game: "beat Evansville", "victory over Kansas City", "lost to
    /// Boston", "Creighton beat", "North Carolina's game", or with a score after it. In an
    /// article that gives a score, a place written so is its team.
    pub game_side: bool,
    /// An organisation only by the shape of a team's name ("Indianapolis Colts": a plural after
    /// words that are no given name), which a town's name may have too ("Hawaiian Gardens").
    pub team_shape: bool,
    /// A state's demonym written as a person ("the 40-year-old American"): the state it names,
    /// for [`super::entities`] to find the person meant.
    pub demonym_of: Option<&'static str>,
    /// Written as the source of what is said: "according to X", "told (the) X", or before a
    /// speech verb ("X reported"). A place neither speaks nor is told anything; a name written
    /// so is a person or an organisation unless it is a state's capital standing for its
    /// government (those are known and decided before).
    pub agent: bool,
    /// The unit named before a person's titles ("Brenton Homicide Capt. Ron Dale"): it says
    /// nothing of whether the name, written elsewhere, is a place ("at the Brenton Court").
    pub affiliation: bool,
    /// The recogniser read a name overlapping these words.
    pub read: bool,
    /// The name ends in a byname ("Peter the Great", "Theodorus of Tabennese"; its last two
    /// words), which [`Candidate::words`] leaves out.
    pub byname: bool,
}

impl Candidate {
    /// The words of the name, without a quoted nickname and without a byname ("Peter the
    /// Great", "Patrick Gordon of Auchleuchries": "Peter" or "Gordon" elsewhere is the same
    /// person).
    pub fn words<'t>(&self, tokens: &'t [Token<'t>]) -> impl Iterator<Item = &'t str> + 't {
        let (start, mut end) = (self.name.start, self.name.end);
        if self.byname && end >= start + 3 {
            end -= 2;
        }
        tokens[start..end].iter().filter(|t| !t.nickname).map(|t| t.text)
    }
}

/// Finds the name candidates of an article, in text order and without overlaps.
/// `scored`: whether the article gives a game's score ([`gives_a_score`]).
pub(super) fn candidates(
    text: &str,
    tokens: &[Token<'_>],
    scored: bool,
    reading: &Reading,
) -> Vec<Candidate> {
    // words the article writes in lower case ("the fire"): such a word ending a run of
    // capitals is rarely a surname ("Palmer Fire" is the town's fire service)
    let lower_words: HashSet<String> = tokens
        .iter()
        .filter(|t| t.text.chars().next().is_some_and(char::is_lowercase))
        .map(|t| fold(t.text))
        .collect();
    // a lone word whose capital opens every sentence it is in ("Microsoft releases ...",
    // "Comeaux, 49, took ..."): a name when the article never writes it in lower case and it is
    // no common word, and either opens two sentences or more (a common noun or a verb there is
    // written in lower case elsewhere in the article) or has an age in apposition
    let mut openings: std::collections::HashMap<String, usize> = Default::default();
    let mut aged: HashSet<String> = HashSet::new();
    for t in tokens.iter().filter(|t| t.cap && !t.upper && t.sentence_start) {
        let folded = fold(t.text);
        // "Investigators said ... Investigators found": a plural of a word written in lower case
        let singular = folded.strip_suffix('s').unwrap_or(&folded);
        if lower_words.contains(&folded)
            || lower_words.contains(singular)
            || lexicon::is_common(t.text)
        {
            continue;
        }
        if age_after(text, t.span.end) {
            aged.insert(folded.clone());
        }
        *openings.entry(folded).or_default() += 1;
    }
    // a sentence-initial word followed by more of a name ("Lindsay Lohan entered") counts too
    let evidence: HashSet<String> = tokens
        .iter()
        .enumerate()
        .filter(|(i, t)| {
            t.cap
                && !t.headline
                && (!t.sentence_start
                    || (plausible_name_start(t.text)
                        && tokens.get(i + 1).is_some_and(|n| n.glued && n.cap && !n.headline)))
        })
        .map(|(_, t)| fold(t.text))
        .chain(aged)
        .chain(
            openings
                .into_iter()
                .filter(|(w, n)| *n >= 2 && plausible_name_start(w))
                .map(|(w, _)| w),
        )
        .collect();
    // last words of capitalised runs: a title word there is a surname ("Billy King" ... "King said")
    let run_ends: HashSet<String> = (1..tokens.len())
        .filter(|&i| tokens[i].cap && tokens[i].glued && tokens[i - 1].cap && !tokens[i].headline)
        .map(|i| fold(tokens[i].text))
        .collect();
    // capitalised words the article writes alone after "the" ("the Chargers", "the Sixers")
    let after_the: HashSet<String> = (1..tokens.len())
        .filter(|&i| {
            tokens[i].cap
                && tokens[i].glued
                && matches!(tokens[i - 1].text, "the" | "The")
                && !tokens.get(i + 1).is_some_and(|n| n.glued && n.cap)
        })
        .map(|i| fold(tokens[i].text))
        .collect();
    let terms = acronyms_of_terms(text, tokens);
    let labels = labels(text, tokens, reading);
    // token `k` lies inside a name the recogniser reads as a person's
    let read_as_person = |k: usize| {
        reading.name_holding(&tokens[k].span).is_some_and(|n| n.kind == NameKind::Person)
    };
    let ctx = Context {
        text,
        tokens,
        evidence,
        run_ends,
        lower_words,
        after_the,
        scored,
        terms,
        runs: OnceCell::new(),
    };
    let mut out = Vec::new();
    let mut byname_ends: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if lexicon::is_institution(tokens[i].text)
            && !tokens.get(i + 1).is_some_and(|n| n.glued && n.cap)
        {
            // "police", "authorities": actors even without a name
            out.push(Candidate {
                span: tokens[i].span.clone(),
                name: i..i + 1,
                kind: Some(ActorKind::Organization),
                known: None,
                metonym: false,
                personal: false,
                locative: false,
                place_cue: false,
                weak: false,
                model: None,
                game_side: false,
                team_shape: false,
                demonym_of: None,
                agent: false,
                affiliation: false,
                read: false,
                byname: false,
            });
            i += 1;
            continue;
        }
        if !ctx.can_start(i) && !ctx.numbered_street(i) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < tokens.len() && tokens[j].glued && !tokens[j - 1].possessive {
            if ctx.is_name_word(j) || numbered_name_word(tokens[j].text) || ctx.numbered_street(j) {
                j += 1;
            } else if j + 1 < tokens.len()
                && tokens[j + 1].glued
                && ctx.is_name_word(j + 1)
                && !tokens[j].possessive
                && ((lexicon::is_particle(tokens[j].text)
                    && tokens[j].text.chars().next().is_some_and(char::is_lowercase))
                    || (tokens[j].text == "of" && lexicon::is_of_head(tokens[j - 1].text))
                    || (matches!(tokens[j].text, "and" | "&")
                        && lexicon::is_org_head(tokens[i].text)
                        && tokens[i..j].iter().any(|t| t.text == "of")))
            {
                j += 2;
            } else if byname_after(tokens, i, j, &|_| false)
                || byname_after(tokens, i, j, &read_as_person)
                    && !(tokens[j].text == "the"
                        && ctx
                            .written_alone_elsewhere(tokens[j + 1].text, tokens[j + 1].span.start))
            {
                // "Theodorus of Tabennese", "Peter the Great": the byname ends the name. After
                // a given name on no list that the recogniser reads, an epithet must be written
                // nowhere else alone ("According to Rathbun the Scientology property ...")
                j += 2;
                byname_ends.push(j);
                break;
            } else if regnal_numeral(tokens, i, j, &read_as_person) {
                // "Aleksei I", "Charles V": a single-letter numeral ends the name
                j += 1;
                break;
            } else {
                break;
            }
        }
        // "Ahmed Mohamed Image: Twitter": a label the article writes before its colons is no
        // word of the name before it
        let end = if labels.contains(&tokens[j - 1].text) { j - 1 } else { j };
        if end > i {
            ctx.sequence(i..end, &mut out);
        }
        i = j;
    }
    out.sort_by_key(|c| c.span.start);
    out.dedup_by(|b, a| b.span.start < a.span.end);
    if !byname_ends.is_empty() {
        for c in out.iter_mut() {
            c.byname = c.name.len() >= 3 && byname_ends.binary_search(&c.name.end).is_ok();
        }
    }
    drop_titles_of_works(text, tokens, &mut out);
    out
}

/// Capitalised words the article writes twice or more, every time right before a colon, on no
/// list of given names, surnames or places, no known actor, and never inside a name the
/// recogniser reads: labels ("Image: Nick Moreau.", "Ahmed Mohamed Image: Twitter"), which a
/// caption may glue to the name it ends with. A transcript's speaker is written before colons
/// too, but is named in running text as well ("We spoke to Jenna Marbles."), or is a name of
/// the lists. Two passes over the words, the second only where some word is before a colon;
/// linear, however many words are written before colons (a table of "Key: value" lines).
fn labels<'t>(text: &str, tokens: &[Token<'t>], reading: &Reading) -> FxHashSet<&'t str> {
    let before_colon = |t: &Token| text[t.span.end..].starts_with(':');
    // inside a name the recogniser reads ("Jenna Marbles: ..." in a transcript)
    let read = |t: &Token| reading.name_holding(&t.span).is_some();
    // each word written before a colon: how often the article writes it capitalised, and
    // whether always before a colon, outside a possessive and outside a name the recogniser reads
    let mut found: FxHashMap<&str, (usize, bool)> = FxHashMap::default();
    for t in tokens.iter().filter(|t| t.cap && !t.upper && !t.possessive && before_colon(t)) {
        found.insert(t.text, (0, true));
    }
    if found.is_empty() {
        return FxHashSet::default();
    }
    for t in tokens.iter().filter(|t| t.cap) {
        if let Some((count, always)) = found.get_mut(t.text) {
            *count += 1;
            *always &= before_colon(t) && !t.possessive && !read(t);
        }
    }
    found
        .into_iter()
        .filter(|&(w, (count, always))| {
            count >= 2
                && always
                && lists(&w.to_lowercase()) & (GIVEN_NAME | SURNAME | PLACE) == 0
                && lexicon::known(w).is_none()
        })
        .map(|(w, _)| w)
        .collect()
}

/// A name written right after a noun for a work, a craft or a language ("the TV series
/// Supernatural", "the cruise ship Freewinds", separated by spaces or quotation marks only) is
/// that work's title, and so is every mention of the same words in the article: none is an
/// actor. Known actors stay ("the film Paris" is rare; "the US software giant" has no name after
/// its noun).
fn drop_titles_of_works(text: &str, tokens: &[Token<'_>], out: &mut Vec<Candidate>) {
    let titles: HashSet<String> = out
        .iter()
        .filter(|c| {
            c.known.is_none() && !c.personal && c.span.start == tokens[c.name.start].span.start
        })
        .filter(|c| {
            c.name.start > 0 && {
                let prev = &tokens[c.name.start - 1];
                let between = &text[prev.span.end..c.span.start];
                !prev.cap
                    && !prev.possessive
                    && lexicon::is_work_noun(prev.text)
                    && between.chars().all(|ch| matches!(ch, ' ' | '"' | '\u{201c}' | '\''))
            }
        })
        .map(|c| words_key(tokens, c))
        .collect();
    if !titles.is_empty() {
        out.retain(|c| c.known.is_some() || !titles.contains(&words_key(tokens, c)));
    }
}

fn words_key(tokens: &[Token<'_>], c: &Candidate) -> String {
    c.words(tokens).map(fold).collect::<Vec<_>>().join(" ")
}

/// Whether a number follows byte `at` after one space and ends the name's phrase ("Figure 2",
/// "Rule 26.1", "Valley Metro #13", "Terminal 2: Alaska"): not a year ("Nixon 1968"), an ordinal
/// ("21st"), a score or a range ("20-13"), a measure ("27-yard") or a time ("08:30"), nor a
/// number inside a longer name ("Newberg 214 Highway") or one that speaks or owns ("SportsCenter
/// 5 has learned", "SportsCenter 5's Mike Lynch"): a broadcaster's channel; nor one counting
/// what follows ("with John 12 weeks ago").
fn before_a_number(text: &str, at: usize) -> bool {
    let Some(rest) = text[at..].strip_prefix(' ') else { return false };
    let rest = rest.strip_prefix('#').unwrap_or(rest);
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 || digits == 4 {
        return false;
    }
    let tail = &rest[digits..];
    let mut after = tail.chars();
    match after.next() {
        None => true,
        Some(c) if c.is_alphanumeric() || matches!(c, '-' | '\u{2013}' | '\u{2014}' | ',') => false,
        Some(':') => !after.next().is_some_and(|d| d.is_ascii_digit()),
        Some('\'' | '\u{2019}') => false,
        Some(' ') => {
            let next = word_at(&tail[1..]);
            // "with John 12 weeks ago": the number counts what follows
            let unit =
                ["second", "minute", "hour", "day", "week", "month", "year", "decade", "ago"]
                    .iter()
                    .any(|u| next.strip_suffix('s').unwrap_or(next) == *u);
            !next.starts_with(char::is_uppercase)
                && !unit
                && !lexicon::is_speech_verb(next)
                && !matches!(next, "has" | "had" | "have" | "is" | "was" | "learned" | "reported")
        }
        Some(_) => true,
    }
}

/// Whether a count is written right before byte `at` ("225 DKK", "15-25 CUC", "3 RBI"): digits
/// (with , . - between) and one space; not a year ("in 1998 IBM bought"), nor a rank ("No. 3
/// UCLA", "#3 UCLA").
fn after_a_count(text: &str, at: usize) -> bool {
    let Some(before) = text[..at].strip_suffix(' ') else { return false };
    let number =
        before.trim_end_matches(|c: char| c.is_ascii_digit() || matches!(c, ',' | '.' | '-'));
    let digits = &before[number.len()..];
    if !digits.ends_with(|c: char| c.is_ascii_digit())
        || !number.is_empty() && !number.ends_with([' ', '(', '\n'])
    {
        return false;
    }
    let year = digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_digit());
    let rank = number.ends_with("No. ") || number.ends_with("no. ") || number.ends_with('#');
    !year && !rank
}

/// The letters of the acronyms an article defines by words in lower case, "sea surface salinity
/// (SSS)" or "SSS (sea surface salinity)": a term's, not an actor's (the long name of an actor
/// is capitalised: "European Space Agency (ESA)"). Each word of the long form is in lower case
/// and their initials are the acronym's letters ([`acronym_fits`]).
fn acronyms_of_terms(text: &str, tokens: &[Token<'_>]) -> HashSet<String> {
    let mut out = HashSet::new();
    if !text.contains('(') {
        return out;
    }
    let fits = |letters: &str, words: &[Token<'_>]| {
        let words: Vec<&str> = words.iter().map(|t| t.text).collect();
        words.iter().all(|w| w.starts_with(char::is_lowercase))
            && acronym_fits(letters, &words, false)
    };
    for (i, t) in tokens.iter().enumerate() {
        if !t.upper {
            continue;
        }
        let Some(letters) = acronym_letters(t.text) else { continue };
        let opened = text[..t.span.start].ends_with('(');
        let closed = text[t.span.end..].starts_with(')');
        let longest = letters.len() + 3;
        if opened && closed {
            // the long form before it, words separated by spaces only
            let mut from = i;
            while from > 0 && i - from < longest && (from == i || tokens[from].glued) {
                from -= 1;
            }
            let before = &tokens[from..i];
            if (0..before.len()).any(|k| fits(&letters, &before[k..])) {
                out.insert(letters);
            }
        } else if text[t.span.end..].starts_with(" (") {
            // the long form after it, in brackets
            let mut to = i + 1;
            while to < tokens.len() && to - i <= longest && (to == i + 1 || tokens[to].glued) {
                to += 1;
            }
            let after = &tokens[(i + 1).min(to)..to];
            let ends = (1..=after.len()).find(|&k| text[after[k - 1].span.end..].starts_with(')'));
            if ends.is_some_and(|k| fits(&letters, &after[..k])) {
                out.insert(letters);
            }
        }
    }
    out
}

/// The longest run of capitalised words read as a name with its titles ("Aoraki Mt Cook
/// Department of Conservation Alpine Rescue Team" is 9 words). Longer runs name nobody, and
/// cutting them costs the square of their length.
const MAX_RUN_WORDS: usize = 16;

/// A word of digits then three letters or more, all of one case, that continues a name
/// ("Philadelphia 76ers", "San Francisco 49ers"): no ordinal ("223rd"), decade ("1990s") or
/// unit ("40GB", "10am") is written so.
fn numbered_name_word(word: &str) -> bool {
    let digits = word.bytes().take_while(u8::is_ascii_digit).count();
    let letters = &word[digits..];
    digits > 0
        && letters.len() >= 3
        && letters.bytes().all(|b| b.is_ascii_alphabetic())
        && (letters.bytes().all(|b| b.is_ascii_lowercase())
            || letters.bytes().all(|b| b.is_ascii_uppercase()))
        && !matches!(
            letters.to_ascii_lowercase().as_str(),
            "kwh"
                | "mph"
                | "kph"
                | "bps"
                | "mbps"
                | "gbps"
                | "hrs"
                | "mins"
                | "secs"
                | "lbs"
                | "kgs"
                | "yds"
        )
}

/// A sentence-initial word that may open a longer name: not a common word and not an
/// "-ly"/"-ing"/"-ed" word ("Typically Microsoft", "Recapturing Aleppo").
fn plausible_name_start(word: &str) -> bool {
    let w = word.to_lowercase();
    let derived = w.ends_with("ly") || w.ends_with("ing") || w.ends_with("ed");
    lexicon::is_given_name(&w) || (!derived && !lexicon::is_common(&w))
}

struct Context<'a, 't> {
    text: &'a str,
    tokens: &'a [Token<'t>],
    /// Folded words written with a capital where capitals mean something (mid-sentence).
    evidence: HashSet<String>,
    run_ends: HashSet<String>,
    /// Folded words written in lower case somewhere in the article.
    lower_words: HashSet<String>,
    /// Folded capitalised words written alone after "the" somewhere in the article.
    after_the: HashSet<String>,
    /// The article gives a game's score ([`gives_a_score`]).
    scored: bool,
    /// The letters of acronyms the article defines by words in lower case ([`acronyms_of_terms`]).
    terms: HashSet<String>,
    /// How the article writes its short runs of words ([`Runs`]), built on first use.
    runs: OnceCell<Runs<'a>>,
}

/// Where the article writes each run of up to [`MAX_RUN_WORDS`] words (the longest a name
/// has; by its text, from a word's start to a word's end) as a name of its own, and which runs it writes right before a
/// verb of speech. Built once per article, on the first name that asks (one ending in an
/// event's head word), so that asking is a look-up: a scan of the article for each such name
/// made an article of many of them quadratic.
#[derive(Default)]
struct Runs<'a> {
    /// The first two starts of each run written alone ([`followed_as_a_name`]).
    alone: HashMap<&'a str, [Option<usize>; 2]>,
    /// The runs written right before a verb of speech ("Epic Games said").
    speaking: HashSet<&'a str>,
}

/// The word `text` opens: its letters and digits up to the first other character.
fn word_at(text: &str) -> &str {
    text.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("")
}

/// Whether what follows a run of words (`rest`) leaves it a name of its own: the end of the
/// text, punctuation or a possessive, or a word of grammar or speech ("Google, Bing",
/// "Google's", "Google and"), not a word it would qualify ("Hindu law", "Paralympic Games").
fn followed_as_a_name(rest: &str) -> bool {
    let Some(c) = rest.chars().next() else { return true };
    if c.is_alphanumeric() {
        return false;
    }
    if c != ' ' {
        return !matches!(c, '-' | '\u{2010}' | '\u{2011}');
    }
    let next = word_at(&rest[1..]);
    next.starts_with(char::is_lowercase)
        && (lexicon::is_grammar_word(next)
            || lexicon::is_common(next)
            || lexicon::is_speech_verb(next))
}

impl<'a> Context<'a, '_> {
    fn is_name_word(&self, i: usize) -> bool {
        let t = &self.tokens[i];
        (t.cap || self.is_particle_name(i))
            && !lexicon::is_date_word(t.text)
            && !lexicon::is_contraction(t.text)
            && (t.text.len() != 1 || t.text.ends_with('.'))
            && t.text.chars().next().is_some_and(char::is_alphabetic)
    }

    /// An ordinal before the head word of a street ("117th Street", "East 223rd Street",
    /// "101st Avenue"): part of the street's name.
    fn numbered_street(&self, i: usize) -> bool {
        let w = self.tokens[i].text;
        let digits = w.bytes().take_while(u8::is_ascii_digit).count();
        digits > 0
            && matches!(&w[digits..], "st" | "nd" | "rd" | "th")
            && self.tokens.get(i + 1).is_some_and(|n| {
                n.glued && n.cap && !self.tokens[i].possessive && lexicon::is_place_head(n.text)
            })
    }

    /// "al-Assad", "al-Sham": a lower-case particle joined to a capitalised name.
    fn is_particle_name(&self, i: usize) -> bool {
        let w = self.tokens[i].text;
        w.split_once(['-', '‑']).is_some_and(|(p, rest)| {
            lexicon::is_particle(p) && rest.chars().next().is_some_and(char::is_uppercase)
        })
    }

    fn can_start(&self, i: usize) -> bool {
        let t = &self.tokens[i];
        if self.is_name_word(i) {
            return true;
        }
        // "de Mistura"
        lexicon::is_particle(t.text)
            && t.text.chars().next().is_some_and(char::is_lowercase)
            && self.tokens.get(i + 1).is_some_and(|n| n.glued && n.cap)
            && !t.text.contains('-')
    }

    /// Capitals of this word can be trusted as a sign of a name.
    fn has_evidence(&self, i: usize) -> bool {
        let t = &self.tokens[i];
        self.evidence.contains(&fold(t.text))
            || lexicon::known(t.text).is_some()
            || lexicon::capital_state(t.text).is_some()
    }

    /// Whether word `i` of the Title Case headline run `seq` is part of a person's name written
    /// only there ("Lindsay Lohan Checks Into Rehab"): a given name of the lexicon followed by a
    /// word that could be a surname (no common or title word, none the article writes in lower
    /// case), or that word.
    fn headline_full_name(&self, i: usize, seq: std::ops::Range<usize>) -> bool {
        let toks = self.tokens;
        let surname_like = |j: usize| {
            let t = &toks[j];
            t.cap
                && !t.upper
                && !lexicon::is_common(t.text)
                && !lexicon::is_title(t.text)
                && !lexicon::is_date_word(t.text)
                && !lexicon::is_given_name(t.text)
                && !self.lower_words.contains(&fold(t.text))
        };
        let given = |j: usize| lexicon::is_given_name(toks[j].text) && !toks[j].upper;
        (i + 1 < seq.end && given(i) && surname_like(i + 1))
            || (i > seq.start && given(i - 1) && surname_like(i))
    }

    fn next_is_speech_verb(&self, end: usize) -> bool {
        self.tokens[end..].iter().take(2).any(|t| lexicon::is_speech_verb(t.text))
    }

    /// Cuts a run of capitalised words into candidates.
    fn sequence(&self, seq: std::ops::Range<usize>, out: &mut Vec<Candidate>) {
        let toks = self.tokens;
        // headlines in Title Case: keep only words that are names elsewhere in the article
        if toks[seq.start].headline {
            let mut s = seq.start;
            while s < seq.end {
                while s < seq.end
                    && !(self.has_evidence(s)
                        || self.headline_full_name(s, seq.clone())
                        || (lexicon::is_particle(toks[s].text) && s + 1 < seq.end))
                {
                    // "Teen Killed By Police": an institution that ends the run is an actor
                    // without a name, as it is where it opens one
                    if s + 1 == seq.end && lexicon::is_institution(toks[s].text) {
                        out.push(Candidate {
                            kind: Some(ActorKind::Organization),
                            ..self.candidate(toks[s].span.start, s..s + 1, None, None, false)
                        });
                    }
                    s += 1;
                }
                let mut e = s;
                while e < seq.end
                    && (self.has_evidence(e)
                        || self.headline_full_name(e, seq.clone())
                        || (lexicon::is_particle(toks[e].text) && e + 1 < seq.end))
                {
                    e += 1;
                }
                if s < e {
                    self.split_titles(s..e, out);
                }
                s = e;
            }
            return;
        }
        let mut seq = seq;
        // "The Associated Press", "The Hollywood Reporter": the article is not part of the name
        if matches!(toks[seq.start].text, "The" | "THE") && seq.len() > 1 {
            seq.start += 1;
            if self.tokens[seq.start].text == "of" {
                return;
            }
            return self.split_titles(seq, out);
        }
        if toks[seq.start].sentence_start {
            let whole = &self.text[toks[seq.start].span.start..toks[seq.end - 1].span.end];
            if seq.len() == 1 {
                let t = &toks[seq.start];
                let acronym = t.upper && !lexicon::is_common(t.text);
                let speaker = !lexicon::is_common(t.text) && self.next_is_speech_verb(seq.end);
                if !(self.has_evidence(seq.start) || acronym || speaker)
                    || lexicon::is_common(t.text) && !self.has_evidence(seq.start)
                {
                    return;
                }
            } else if lexicon::known(whole).is_none()
                && (lexicon::is_common(toks[seq.start].text)
                    || !self.has_evidence(seq.start) && !self.first_word_of_name(seq.clone()))
            {
                seq.start += 1;
                if toks[seq.start].text == "of"
                    || lexicon::is_particle(toks[seq.start].text)
                        && toks[seq.start].text.chars().next().is_some_and(char::is_lowercase)
                        && seq.len() == 1
                {
                    return;
                }
            }
        }
        self.split_titles(seq, out);
    }

    fn first_word_of_name(&self, seq: std::ops::Range<usize>) -> bool {
        plausible_name_start(self.tokens[seq.start].text)
    }

    /// Splits titles ("Russian Foreign Minister") off the name that follows them; emits any known
    /// state or organisation inside the title ("Russian", "UN") as a mention of its own.
    fn split_titles(&self, seq: std::ops::Range<usize>, out: &mut Vec<Candidate>) {
        let toks = self.tokens;
        // a run longer than any name is a list or garbage, and each cut below rereads the run
        if seq.is_empty() || seq.len() > MAX_RUN_WORDS {
            return;
        }
        let whole = &self.text[toks[seq.start].span.start..toks[seq.end - 1].span.end];
        // titles or known actors after a name: "Regina Benjamin U.S. Surgeon General"
        if lexicon::known(whole).is_none() {
            let mut cut = seq.end;
            while cut > seq.start
                && ((toks[cut - 1].cap && lexicon::is_title(toks[cut - 1].text))
                    || lexicon::known(toks[cut - 1].text)
                        .is_some_and(|k| k.kind != ActorKind::Place))
            {
                cut -= 1;
            }
            let head = seq.start..cut;
            if cut < seq.end
                && head.len() >= 2
                && !toks[head.clone()].iter().any(|t| {
                    t.text == "of" || lexicon::is_title(t.text) || lexicon::known(t.text).is_some()
                })
                && !lexicon::is_org_head(toks[cut - 1].text)
                && self.person_words(head.clone()) >= 2
            {
                self.split_titles(head, out);
                self.emit_known_parts(cut..seq.end, out);
                return;
            }
        }
        let last = &toks[seq.end - 1];
        let mut name_start = seq.start;
        let mut personal = false;
        if lexicon::known(whole).is_none() && !lexicon::is_org_head(last.text) {
            let mut k = seq.end;
            for i in (seq.start..seq.end.saturating_sub(1)).rev() {
                // "St. Petersburg", "St Louis", "Clyst St. Mary": the abbreviated saint opens
                // the names of towns, churches and teams far more often than it titles a person
                if lexicon::is_title(toks[i].text)
                    && toks[i].cap
                    && !matches!(toks[i].text, "St" | "St." | "ST" | "ST.")
                {
                    k = i;
                    break;
                }
            }
            if k < seq.end {
                let mut after = k + 1;
                if toks.get(after).is_some_and(|t| t.text == "of") {
                    after += 2;
                }
                if after < seq.end {
                    // the affiliation before the titles ("Brenton Homicide Capt. Ron Dale"):
                    // an organisation of its own
                    let mut first_title = k;
                    while first_title > seq.start
                        && toks[first_title - 1].cap
                        && (lexicon::is_title(toks[first_title - 1].text)
                            || lexicon::is_role_modifier(toks[first_title - 1].text))
                    {
                        first_title -= 1;
                    }
                    self.emit_affiliation(seq.start..first_title, out);
                    // titles before the name: known actors inside them are mentions of their own
                    self.emit_known_parts(first_title..k + 1, out);
                    name_start = after;
                    personal = true;
                }
            }
        }
        // honorific
        let mut span_start = toks[name_start].span.start;
        if lexicon::is_honorific(toks[name_start].text) {
            if name_start + 1 >= seq.end {
                return;
            }
            name_start += 1;
            personal = true;
        } else if name_start > seq.start && lexicon::is_honorific(toks[name_start - 1].text) {
            span_start = toks[name_start - 1].span.start;
        }
        if !personal
            && name_start > 0
            && self.tokens[name_start - 1].span.end + 1 >= toks[name_start].span.start
        {
            let prev = &self.tokens[name_start - 1];
            if lexicon::is_honorific(prev.text)
                || (lexicon::is_title(prev.text) && !prev.cap && lexicon::is_role_noun(prev.text))
                || self.after_possessive_kin(name_start)
            {
                personal = true;
            }
        }
        let name = name_start..seq.end;
        let surname_of_someone =
            name.len() == 1 && self.run_ends.contains(&fold(toks[name.start].text));
        if name.is_empty()
            || !surname_of_someone
                && name.clone().all(|i| {
                    lexicon::is_title(toks[i].text)
                        || lexicon::is_honorific(toks[i].text)
                        || toks[i].text == "of"
                })
        {
            return;
        }
        self.classify(span_start, name, personal, out);
    }

    /// The words before a person's titles, where they name no known actor: two capitalised
    /// words or more ("Brenton Police Chief", "Brenton Homicide Capt.") are the unit the person
    /// serves in, an organisation (a place by a place's head word; where the article writes the
    /// words elsewhere, the mentions are one entity and vote its kind); one word alone
    /// ("Brenton Mayor") is more often the town, and a demonym ("Russian Foreign Minister") no
    /// actor, so it is left to the known actors as before, unless it is a team's plural or an
    /// acronym the article writes as a name elsewhere ("Bears President Ron Dale").
    fn emit_affiliation(&self, range: std::ops::Range<usize>, out: &mut Vec<Candidate>) {
        let toks = self.tokens;
        if range.len() == 1 {
            // one word: a team's plural or an acronym the article writes as a name elsewhere
            // ("Bears President Ron Dale", "BPD Detective Ron Dale"), not a town
            let t = &toks[range.start];
            let team_or_acronym = (t.upper && t.text.len() >= 2)
                || (t.text.len() > 3 && t.text.ends_with('s') && !t.upper);
            if team_or_acronym && may_name_a_unit(t) && self.has_evidence(range.start) {
                let mut c =
                    self.candidate(t.span.start, range, Some(ActorKind::Organization), None, false);
                c.affiliation = true;
                return out.push(c);
            }
            return self.emit_known_parts(range, out);
        }
        if toks[range.clone()].iter().all(|t| t.upper)
            || toks[range.clone()].iter().any(|t| !may_name_a_unit(t) || lexicon::is_title(t.text))
        {
            return self.emit_known_parts(range, out);
        }
        let whole = &self.text[toks[range.start].span.start..toks[range.end - 1].span.end];
        if lexicon::known(whole).is_some() {
            return self.emit_known_parts(range, out);
        }
        let last = toks[range.end - 1].text;
        let kind =
            if lexicon::is_place_head(last) { ActorKind::Place } else { ActorKind::Organization };
        let mut c = self.candidate(toks[range.start].span.start, range, Some(kind), None, false);
        c.affiliation = true;
        out.push(c);
    }

    fn emit_known_parts(&self, range: std::ops::Range<usize>, out: &mut Vec<Candidate>) {
        let mut i = range.start;
        while i < range.end {
            let mut found = None;
            for j in (i + 1..=range.end.min(i + 4)).rev() {
                let s = &self.text[self.tokens[i].span.start..self.tokens[j - 1].span.end];
                if let Some(k) = lexicon::known(s).filter(|k| k.kind != ActorKind::Place) {
                    found = Some((j, k));
                    break;
                }
            }
            match found {
                Some((j, k)) => {
                    out.push(self.candidate(
                        self.tokens[i].span.start,
                        i..j,
                        Some(k.kind),
                        Some(k),
                        false,
                    ));
                    i = j;
                }
                None => i += 1,
            }
        }
    }

    fn candidate(
        &self,
        start: usize,
        name: std::ops::Range<usize>,
        kind: Option<ActorKind>,
        known: Option<Known>,
        personal: bool,
    ) -> Candidate {
        let span = start..self.tokens[name.end - 1].span.end;
        Candidate {
            span,
            name,
            kind,
            known,
            metonym: false,
            personal,
            locative: false,
            place_cue: false,
            weak: false,
            model: None,
            game_side: false,
            team_shape: false,
            demonym_of: None,
            agent: false,
            affiliation: false,
            read: false,
            byname: false,
        }
    }

    // One branch per reason for a kind reads better than merged conditions, even where two
    // reasons lead to the same kind.
    #[allow(clippy::if_same_then_else)]
    fn classify(
        &self,
        span_start: usize,
        name: std::ops::Range<usize>,
        personal: bool,
        out: &mut Vec<Candidate>,
    ) {
        let toks = self.tokens;
        // "Alexandros Grigoropoulos, 15, ...": an age in apposition is said of a person
        let personal = personal || age_after(self.text, toks[name.end - 1].span.end);
        let text = &self.text[toks[name.start].span.start..toks[name.end - 1].span.end];
        let first = &toks[name.start];
        let last = &toks[name.end - 1];
        let before = name.start.checked_sub(1).map(|i| &toks[i]);
        // "the city of Hama", "the neighbourhood of Bustan al-Basha"
        let place_of = before.is_some_and(|b| {
            b.text == "of" && name.start >= 2 && lexicon::is_place_noun(toks[name.start - 2].text)
        });
        let locative = before
            .is_some_and(|b| lexicon::is_locative(b.text) && b.span.end < first.span.start)
            || place_of;
        // "south of Tehran", "the mayor of Paris", "Conservatoire de Paris": a capital after "of"
        // is the city, not its state's government; so is one with a place in apposition
        let after_of = before.is_some_and(|b| matches!(b.text, "of" | "de" | "du" | "des"));
        // the words right after the name, within its phrase ("Palmer city", not "John Owen, the
        // city's director"): a noun there qualifies the name only when it is the phrase's head
        let after: Vec<&Token> = toks[name.end..]
            .iter()
            .take(2)
            .take_while(|t| !t.cap && t.glued)
            .filter(|t| !t.possessive)
            .collect();
        let mut c = self.candidate(span_start, name.clone(), None, None, personal);
        c.locative = locative;
        // an acronym after "in" is an organisation ("in the AFC", "in the NFL"): the places
        // written so are the known ones ("in the US")
        let acronym = name.len() == 1 && first.upper;
        c.game_side = self.game_side(name.clone());
        c.place_cue =
            !acronym && !c.game_side && (place_of || self.after_place_preposition(name.start));
        c.agent = !c.place_cue && self.written_as_source(name.clone());
        if name.len() == 1
            && (lexicon::is_never_actor(text) || lexicon::is_grammar_word(text) && !first.upper)
        {
            return;
        }
        if name.len() == 1 && self.demonym_as_language(name.start) {
            return;
        }
        if name.len() == 1
            && first.upper
            && !self.terms.is_empty()
            && acronym_letters(first.text).is_some_and(|l| self.terms.contains(&l))
        {
            // "sea surface salinity (SSS)": the acronym of a term, not of a name
            return;
        }
        if name.len() == 1
            && first.upper
            && after_a_count(self.text, first.span.start)
            && lexicon::known(text).is_none()
        {
            // "225 DKK per hour", "3 RBI": a currency or a unit ("354 US metro areas" is known)
            return;
        }
        if !self.scored
            && !last.possessive
            && (!last.text.ends_with('s') || last.upper)
            && !matches!(last.text, "Channel" | "TV")
            && before_a_number(self.text, last.span.end)
            && lexicon::known(text).is_none()
        {
            // "Figure 2", "Factor 1", "Rule 37", "Internet Explorer 6", "Terminal 3": a label,
            // a product's version or a numbered road, not an actor (a team before its score is
            // written in an article with a score, a plural, or a possessive: "Saints' 16 games";
            // a broadcaster is named with its channel: "WCCO-TV Channel 4")
            return;
        }
        if self.names_an_event(name.clone(), personal) {
            // "the Hindu Marriage Act", "the World Cup": no actor; a name before the head word
            // that is known or written alone elsewhere is one ("the Google Science Fair")
            if let Some(k) = self.named_before_head(name.clone()) {
                self.classify(span_start, name.start..k, personal, out);
            }
            return;
        }
        if name.len() == 1 && self.demonym_as_attribute(name.start) {
            // "Spanish art", "the Russian army": the state's adjective qualifies a thing, the
            // state itself is not meant
            return;
        }
        if name.len() == 1 && self.demonym_as_person(name.start) {
            // "the 40-year-old American never recovered": a person of that country; "Greeks"
            // are people of it, none of them named
            c.kind = Some(ActorKind::Person);
            c.personal = true;
            if !first.text.ends_with('s') {
                c.demonym_of = lexicon::known(text).map(|k| k.canon);
            }
        } else if let Some(k) = lexicon::known(text) {
            c.kind = Some(k.kind);
            c.known = Some(k);
        } else if let Some(k) = lexicon::capital_state(text).filter(|_| {
            // "Paris, France": a place written with the state it is in is the city
            !locative && !after_of && !place_in_apposition(self.text, last.span.end)
        }) {
            c.kind = Some(k.kind);
            c.known = Some(k);
            c.metonym = true;
        } else if let Some(split) = self.known_prefix(name.clone()) {
            self.emit_known_parts(name.start..split, out);
            self.classify(toks[split].span.start, split..name.end, personal, out);
            return;
        } else if let Some(k) = self.abbreviated_role_before_person(name.clone()) {
            // "Los Angeles Angels GM Tony Reagins", "Saints RB Pierre Thomas": a team, the
            // abbreviation of a post in it, then the person who holds it
            self.classify(first.span.start, name.start..k, false, out);
            self.classify(toks[k + 1].span.start, k + 1..name.end, true, out);
            return;
        } else if self.team_before_person(name.clone()) {
            // "Saints Pierre Thomas": the team the article writes alone ("the Saints"), then
            // a person's full name
            self.classify(first.span.start, name.start..name.start + 1, false, out);
            let rest = name.start + 1..name.end;
            self.classify(toks[rest.start].span.start, rest, personal, out);
            return;
        } else if name.len() >= 2 && self.all_known(name.clone()) {
            self.emit_known_parts(name, out);
            return;
        } else if lexicon::capital_state(text).is_some() {
            c.kind = Some(ActorKind::Place);
        } else if name.len() == 1 && first.upper && !first.headline {
            c.kind = Some(ActorKind::Organization);
        } else if lexicon::is_org_head(last.text)
            || (name.len() >= 3
                && (name.start + 1..name.end - 1)
                    .any(|k| toks[k].text == "of" && lexicon::is_of_head(toks[k - 1].text))
                && !personal)
        {
            c.kind = Some(ActorKind::Organization);
        } else if (name.len() >= 2
            && (lexicon::is_place_head(last.text)
                || lexicon::is_place_opener(first.text)
                    && place_of_team(&c.words(toks).collect::<Vec<_>>()).is_none()))
            && !personal
        {
            // "North Carolina Tar Heels" opens with a place's word but is its team
            c.kind = Some(ActorKind::Place);
        } else if !personal && after.first().is_some_and(|t| lexicon::is_place_noun(t.text))
            || after.len() == 2 && lexicon::is_place_noun(after[1].text) && !personal
        {
            c.kind = Some(ActorKind::Place);
        } else if place_of && !personal {
            c.kind = Some(ActorKind::Place);
        } else if !personal && after.iter().any(|t| lexicon::is_org_noun(t.text)) {
            // "Interfax news agency"; but a town before the noun says where the firm is ("a
            // suburban Detroit accounting firm")
            let lower = text.to_lowercase();
            let town = if name.len() == 1 { lists(&lower) & PLACE != 0 } else { is_place(&lower) };
            c.kind = Some(if town { ActorKind::Place } else { ActorKind::Organization });
        } else if self.person_words(name.clone()) >= 2
            && !personal
            && self.looks_like_team(name.clone())
        {
            c.kind = Some(ActorKind::Organization);
            c.team_shape = true;
            // the shape is evidence only where the article gives a score, or writes the plural
            // alone after "the" ("the Chargers"), as no surname is written; elsewhere a plural
            // after a word that is no given name is as often a surname ("Cheryl Boone Isaacs")
            // and the recogniser may decide
            c.weak = !self.scored && !self.after_the.contains(&fold(last.text));
        } else if self.person_words(name.clone()) >= 2
            && (personal || !self.common_word_as_surname(last.text))
        {
            c.kind = Some(ActorKind::Person);
            c.weak = !personal
                && !lexicon::is_given_name(first.text)
                && !census_given_and_surname(first.text, last.text, name.len());
        } else if personal {
            c.personal = true;
        } else if place_in_apposition(self.text, last.span.end) {
            // "Stiles, Texas", "Woodburn, Oregon": a name followed by its state or country
            c.kind = Some(ActorKind::Place);
        } else if self.next_is_speech_verb(name.end) && !c.place_cue {
            // "police in Sicily said": a name after a preposition of place is not who spoke
            c.personal = true;
            c.weak = true;
        } else {
            c.weak = c.kind.is_none();
        }
        out.push(c);
    }

    /// Whether a possessive and a noun of kinship or relation come right before token `start`
    /// ("my wife Portia", "his son Hunter", "Obama's brother Malik"): the name is a person's.
    fn after_possessive_kin(&self, start: usize) -> bool {
        let toks = self.tokens;
        start >= 2
            && toks[start].glued
            && toks[start - 1].glued
            && !toks[start - 1].cap
            && lexicon::is_kin_noun(toks[start - 1].text)
            && (toks[start - 2].possessive
                || matches!(
                    toks[start - 2].text.to_lowercase().as_str(),
                    "my" | "his" | "her" | "their" | "our" | "your"
                ))
    }

    /// A last word the article also writes in lower case and that is no surname of the census
    /// list the recogniser reads ("Fire", "Department"): the run names no person by itself.
    fn common_word_as_surname(&self, word: &str) -> bool {
        self.lower_words.contains(&fold(word)) && lists(&word.to_lowercase()) & SURNAME == 0
    }

    /// Whether the name is written as a source of speech ([`Candidate::agent`]): after
    /// "according to" or "told", with or without "the", or right before a speech verb.
    fn written_as_source(&self, name: std::ops::Range<usize>) -> bool {
        let toks = self.tokens;
        let mut at = name.start;
        if at >= 1 && toks[at].glued && matches!(toks[at - 1].text, "the" | "The") {
            at -= 1;
        }
        let before = |k: usize| at >= k && toks[at - k + 1..=at].iter().all(|t| t.glued);
        let told = before(1) && matches!(toks[at - 1].text, "told" | "tells" | "tell");
        let according = before(2)
            && toks[at - 1].text == "to"
            && toks[at - 2].text.eq_ignore_ascii_case("according");
        let speaks = toks.get(name.end).is_some_and(|t| {
            t.glued
                && ((!toks[name.end - 1].possessive && lexicon::is_speech_verb(t.text))
                    || matches!(t.text, "reported" | "reports" | "reporting"))
        });
        told || according || speaks
    }

    /// Whether the words just before token `start` are a preposition of place, with or without
    /// an article and a word for a part of a place ("in Palmer", "at the Betty Ford Center",
    /// "outside downtown San Diego"); "to" is left out.
    fn after_place_preposition(&self, start: usize) -> bool {
        let toks = self.tokens;
        let mut at = start;
        if at >= 1
            && toks[at].glued
            && !toks[at - 1].cap
            && lexicon::is_place_adjective(toks[at - 1].text)
        {
            at -= 1;
        }
        if at >= 1 && toks[at].glued && matches!(toks[at - 1].text, "the" | "The") {
            at -= 1;
        }
        at >= 1
            && toks[at].glued
            && lexicon::is_locative(toks[at - 1].text)
            && !matches!(toks[at - 1].text.to_lowercase().as_str(), "to" | "toward" | "towards")
    }

    /// Whether the name is written as a side of a game (see [`Candidate::game_side`]): after a
    /// verb of the result or "against"/"vs." (across "the", "visiting", a ranking: "beat
    /// visiting Evansville", "against No. 9 Drake"); after "over", "to" or "past" that follow a
    /// word of the game ("victory over", "lost to"); before a verb of the
    /// result ("Creighton beat"); as a possessive before a word of the game ("North Carolina's
    /// win"); or right before a score ("beat Wichita State 70-65").
    fn game_side(&self, name: std::ops::Range<usize>) -> bool {
        let toks = self.tokens;
        let filler = |t: &Token<'_>| {
            matches!(t.text, "the" | "visiting" | "host" | "No." | "No" | "#")
                || t.text.chars().all(|c| c.is_ascii_digit())
                || t.text.ends_with("-ranked")
                || t.text == "ranked"
        };
        let mut k = name.start;
        while k > 0 && name.start - k < 3 && filler(&toks[k - 1]) {
            k -= 1;
        }
        if k > 0 {
            let w = toks[k - 1].text;
            if lexicon::is_game_verb(w) || lexicon::is_game_side_opener(w) {
                return true;
            }
            // "at" names where the game was played ("playoff loss at Pittsburgh"), not a side
            let linking = matches!(w, "over" | "to" | "past");
            if linking
                && k >= 2
                && (lexicon::is_game_noun(toks[k - 2].text)
                    || lexicon::is_game_verb(toks[k - 2].text))
            {
                return true;
            }
        }
        let last = &toks[name.end - 1];
        if let Some(next) = toks.get(name.end) {
            if lexicon::is_game_verb(next.text) && !last.possessive {
                return true;
            }
            if last.possessive && lexicon::is_game_noun(next.text) {
                return true;
            }
        }
        score_at(self.text, last.span.end)
    }

    /// The lowercase form of `t` when it is a spelling of a known state other than its name,
    /// not written in capitals and no place of the gazetteer: a demonym or a state's other name
    /// ("Russian", "Americans", "America"), what [`Self::demonym_as_language`] and
    /// [`Self::demonym_as_person`] read further.
    fn state_spelling(&self, t: &Token) -> Option<String> {
        if t.upper {
            return None;
        }
        let k = lexicon::known(t.text)?;
        let lower = t.text.to_lowercase();
        (k.kind == ActorKind::State && fold(k.canon) != fold(t.text) && lists(&lower) & PLACE == 0)
            .then_some(lower)
    }

    /// Whether a state's adjective is written as its language: after "in", "into", "from" or a
    /// verb of speaking, heading its phrase ("translated into Russian.", "in Spanish and
    /// English", "speaks French"): a language is no actor.
    fn demonym_as_language(&self, at: usize) -> bool {
        let toks = self.tokens;
        let t = &toks[at];
        // the word before first: it rules out nearly every name without a lexicon lookup
        let led = toks[at].glued
            && at.checked_sub(1).is_some_and(|i| {
                let b = toks[i].text;
                ["in", "into", "from"].iter().any(|w| b.eq_ignore_ascii_case(w))
                    || b.get(..5).is_some_and(|p| p.eq_ignore_ascii_case("speak"))
                    || b.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("spok"))
            });
        if !led || t.possessive {
            return false;
        }
        let Some(lower) = self.state_spelling(t) else { return false };
        // an adjective's ending ("-ian" is one of "-an"): "in America," is the state, "in
        // Spanish," the language
        let adjective =
            ["ish", "ese", "an", "ch", "ic", "i", "ek"].iter().any(|e| lower.ends_with(e));
        if !adjective || lower.ends_with('s') {
            return false;
        }
        // the phrase ends here: punctuation, or a word of grammar rather than a noun after it
        let rest = self.text[t.span.end..].trim_start_matches(' ');
        rest.is_empty()
            || rest.starts_with([',', '.', ';', ':', ')', '!', '?', '\n'])
            || toks.get(at + 1).is_some_and(|n| {
                n.glued
                    && matches!(
                        n.text,
                        "and"
                            | "or"
                            | "by"
                            | "with"
                            | "for"
                            | "as"
                            | "to"
                            | "at"
                            | "on"
                            | "is"
                            | "was"
                            | "but"
                    )
            })
    }

    /// A state's demonym in the singular written as a noun, the head of its phrase: after "the"
    /// or "a" (or an age: "the 40-year-old American"), and followed by no noun it could qualify
    /// (the end of the clause, a possessive, a verb or another common word, or a role: "the
    /// Ukrainian champion"), so "the American embassy" stays the state's. A demonym is a spelling
    /// of a known state that is not its name, no acronym, no place of the gazetteer and no plural.
    fn demonym_as_person(&self, at: usize) -> bool {
        let toks = self.tokens;
        let t = &toks[at];
        let Some(lower) = self.state_spelling(t) else { return false };
        if lower.ends_with('s') {
            // a plural demonym names people ("outraged Americans", "thousands of Greeks"): a
            // state's adjective qualifies a noun in the singular ("Greek protesters")
            return true;
        }
        let before = self.text[..t.span.start].trim_end();
        let determined = ["the", "The", "a", "A", "an", "one", "One", "-old"].iter().any(|d| {
            before.ends_with(d)
                && !before[..before.len() - d.len()].ends_with(|c: char| c.is_alphanumeric())
        }) || before.ends_with("-old");
        if !determined {
            return false;
        }
        if t.possessive {
            return true;
        }
        // "the British-Irish fighter": the first half of a compound qualifies what follows
        if self.text[t.span.end..].starts_with(['-', '‑']) {
            return false;
        }
        // an age is said of a person: "the 40-year-old American southpaw" is a person of that
        // state, whatever noun follows
        if before.ends_with("-old") {
            return true;
        }
        // the next word as written (a hyphenated word is one): none or punctuation first ends
        // the phrase here
        let rest = self.text[t.span.end..].trim_start_matches(' ');
        let next: &str = rest
            .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
            .next()
            .unwrap_or_default();
        if next.is_empty() {
            return true;
        }
        // a noun after it is what the demonym qualifies ("the Greek government", "a Canadian
        // duck-hunting accident"): only a word of grammar, a verb or a role ("the American
        // southpaw") leaves the demonym the head
        next.chars().next().is_some_and(char::is_lowercase)
            && (is_function_word(next)
                || lexicon::is_speech_verb(next)
                || lexicon::is_role_noun(next)
                || next.ends_with("ed"))
    }

    /// Whether a state's adjective in the singular qualifies the common noun after it ("Spanish
    /// art", "Greek religion", "the Syrian war", "Cuban customs"): the state is not meant, only
    /// its adjective, and no actor is written. Where the phrase's next three words hold a noun for
    /// a person ("the American poet", "the first African-American woman", "American people"), a
    /// name ("American challenger Tony Thompson") or one of the state's organs ("the Syrian
    /// government", "the Russian air force") the state is meant, and the mention stays.
    fn demonym_as_attribute(&self, at: usize) -> bool {
        let toks = self.tokens;
        let t = &toks[at];
        // the word after first: a lower-case word of the same phrase, no word of grammar
        let Some(next) = toks.get(at + 1) else { return false };
        if t.possessive
            || !next.glued
            || !next.text.starts_with(char::is_lowercase)
            || is_function_word(next.text)
        {
            return false;
        }
        let Some(lower) = self.state_spelling(t) else { return false };
        let adjective =
            ["ish", "ese", "an", "ch", "ic", "i", "ek"].iter().any(|e| lower.ends_with(e));
        if !adjective || lower.ends_with('s') || self.demonym_as_person(at) {
            return false;
        }
        // within the phrase's next three words: a noun for a person or for an organ of the state,
        // or a name in apposition
        // ("American challenger Tony Thompson": the person's nationality, which linking reads)
        for n in toks[at + 1..].iter().take(3).take_while(|n| n.glued && !is_function_word(n.text))
        {
            if n.cap || names_a_person(n.text) || lexicon::is_state_organ(n.text) {
                return false;
            }
        }
        true
    }

    /// Whether a name ends in the head word of an event's, a law's or a prize's name
    /// ([`lexicon::is_event_head`]). A person's name may end in such a word ("Doris Day", "Mr.
    /// Battle"): not when a title or honorific is before it, nor when it is a given name and a
    /// surname of the census lists, nor when one such word alone is a surname. Nor when the
    /// article makes the name speak ("Epic Games said"): an event does not, a company does.
    fn names_an_event(&self, name: std::ops::Range<usize>, personal: bool) -> bool {
        let toks = self.tokens;
        let last = toks[name.end - 1].text;
        if personal || !lexicon::is_event_head(last) || toks[name.end - 1].upper {
            return false;
        }
        let words = &self.text[toks[name.start].span.start..toks[name.end - 1].span.end];
        if self.speaks(words) {
            return false;
        }
        let surname = lists(&last.to_lowercase()) & SURNAME != 0;
        if surname
            && (name.len() == 1
                || name.len() == 2
                    && lists(&toks[name.start].text.to_lowercase()) & GIVEN_NAME != 0)
        {
            return false;
        }
        true
    }

    /// The end of the longest run of a name's first words, before its event head word, that
    /// names an actor: a known one, words the article writes alone elsewhere ("Google" of "the
    /// Google Science Fair"), a place of the gazetteer ("Cannes Film Festival") without an
    /// adjective's ending (its towns include "Olympic"), or an acronym before an event's or a
    /// prize's head ("FIFA World Cup"; before a law's it is the law: "HEROES Act").
    fn named_before_head(&self, name: std::ops::Range<usize>) -> Option<usize> {
        let toks = self.tokens;
        (name.start + 1..name.end).rev().find(|&k| {
            if !toks[k - 1].cap {
                return false;
            }
            let at = toks[name.start].span.start;
            let prefix = &self.text[at..toks[k - 1].span.end];
            let acronym = k == name.start + 1
                && toks[name.start].upper
                && toks[name.start].text.len() >= 2
                && !lexicon::is_law_head(toks[name.end - 1].text);
            acronym
                || lexicon::known(prefix).is_some()
                || lexicon::capital_state(prefix).is_some()
                || self.written_alone_elsewhere(prefix, at)
                || {
                    let lower = prefix.to_lowercase();
                    is_place(&lower)
                        && !["ic", "an", "ese", "ish"].iter().any(|e| lower.ends_with(e))
                }
        })
    }

    /// Whether the article writes `words` right before a verb of speech ("Epic Games said").
    fn speaks(&self, words: &str) -> bool {
        self.runs().speaking.contains(words)
    }

    /// Whether the article writes `words` elsewhere than at byte `at` as a name of its own: not
    /// inside a longer word, and followed as a name is ([`followed_as_a_name`]).
    fn written_alone_elsewhere(&self, words: &str, at: usize) -> bool {
        self.runs().alone.get(words).is_some_and(|starts| starts.iter().flatten().any(|&i| i != at))
    }

    fn runs(&self) -> &Runs<'a> {
        self.runs.get_or_init(|| {
            let (text, toks) = (self.text, self.tokens);
            let mut runs = Runs::default();
            for (j, last) in toks.iter().enumerate() {
                let rest = &text[last.span.end..];
                let alone = followed_as_a_name(rest);
                let speaking =
                    rest.strip_prefix(' ').is_some_and(|r| lexicon::is_speech_verb(word_at(r)));
                if !alone && !speaking {
                    continue;
                }
                for first in toks[..=j].iter().rev().take(MAX_RUN_WORDS) {
                    let start = first.span.start;
                    let run = &text[start..last.span.end];
                    if speaking {
                        runs.speaking.insert(run);
                    }
                    if alone
                        && !text[..start].chars().next_back().is_some_and(char::is_alphanumeric)
                    {
                        let starts = runs.alone.entry(run).or_default();
                        if let Some(free) = starts.iter_mut().find(|s| s.is_none()) {
                            *free = Some(start);
                        }
                    }
                }
            }
            runs
        })
    }

    /// "Syria Staffan de Mistura": a known state or organisation, then a name of two words or more.
    fn known_prefix(&self, name: std::ops::Range<usize>) -> Option<usize> {
        let toks = self.tokens;
        let last = toks[name.end - 1].text;
        if lexicon::is_org_head(last) || lexicon::is_place_head(last) {
            return None;
        }
        (name.start + 1..name.end.saturating_sub(1)).rev().find(|&k| {
            let prefix = &self.text[toks[name.start].span.start..toks[k - 1].span.end];
            lexicon::known(prefix).is_some_and(|kn| kn.kind != ActorKind::Place)
                && self.person_words(k..name.end) >= 2
        })
    }

    /// The index of a post's abbreviation inside a run (two or three capitals, "GM", "RB",
    /// "NT") between an organisation's or a team's name (its last word an organisation's head
    /// word or a plural nickname) and a person's name that opens with a given name.
    fn abbreviated_role_before_person(&self, name: std::ops::Range<usize>) -> Option<usize> {
        let toks = self.tokens;
        (name.start + 1..name.end.saturating_sub(2)).find(|&k| {
            let t = &toks[k];
            let before = toks[k - 1].text;
            let given = toks[k + 1].text;
            t.upper
                && (2..=3).contains(&t.text.len())
                && t.text.bytes().all(|b| b.is_ascii_uppercase())
                && lexicon::known(t.text).is_none()
                && !toks[k - 1].upper
                && (is_plural_nickname(before) || lexicon::is_org_head(before))
                && is_any_given_name(given)
                && self.person_words(k + 1..name.end) >= 2
        })
    }

    /// A team's plural nickname that the article also writes alone after "the" ("the Saints"),
    /// then a given name of the lexicon and more ("Saints Pierre Thomas"): two names.
    fn team_before_person(&self, name: std::ops::Range<usize>) -> bool {
        let toks = self.tokens;
        let first = &toks[name.start];
        name.len() >= 3
            && is_plural_nickname(first.text)
            && !first.possessive
            && self.after_the.contains(&fold(first.text))
            && is_any_given_name(toks[name.start + 1].text)
            && self.person_words(name.start + 1..name.end) >= 2
            && !lexicon::is_org_head(toks[name.end - 1].text)
            && !lexicon::is_place_head(toks[name.end - 1].text)
    }

    /// "Indianapolis Colts", "Philadelphia Eagles": a plural last word after a word that is no
    /// given name.
    fn looks_like_team(&self, name: std::ops::Range<usize>) -> bool {
        let first = self.tokens[name.start].text;
        let last = self.tokens[name.end - 1].text;
        let plural = last.len() > 3
            && last.ends_with('s')
            && !last.ends_with("ss")
            && !last.ends_with("us")
            && !last.ends_with("is");
        // "Maurice Cheeks", "Jermayne Timmons": two words ending in a surname of the census
        // lists, the first no place ("Carolina Panthers", "Philadelphia Eagles") and no common
        // word
        let census_person = name.len() == 2
            && lists(&last.to_lowercase()) & SURNAME != 0
            && lists(&first.to_lowercase()) & PLACE == 0
            && !lexicon::is_common(first);
        plural
            && !lexicon::is_given_name(first)
            && !census_person
            && !self.tokens[name.clone()].iter().any(|t| t.text.ends_with('.'))
    }

    /// Every word of the run is a known actor ("U.N. Syria", "US Russia").
    fn all_known(&self, name: std::ops::Range<usize>) -> bool {
        name.clone().all(|i| {
            lexicon::known(self.tokens[i].text).is_some_and(|k| k.kind != ActorKind::Place)
        })
    }

    /// Words of a name that count towards a full name (not particles, suffixes or honorifics).
    fn person_words(&self, name: std::ops::Range<usize>) -> usize {
        self.tokens[name]
            .iter()
            .filter(|t| {
                !t.nickname
                    && !super::names::fold_name_word(t.text).is_empty()
                    && !lexicon::is_suffix(t.text)
            })
            .count()
    }
}

/// Words of grammar that follow the subject of a clause or end a noun phrase (auxiliaries,
/// modals, adverbs of the verb phrase, relative pronouns, conjunctions, prepositions): a closed
/// class, unlike the nouns a demonym may qualify.
fn is_function_word(word: &str) -> bool {
    matches!(
        word,
        "is" | "was"
            | "are"
            | "were"
            | "has"
            | "had"
            | "have"
            | "will"
            | "would"
            | "could"
            | "can"
            | "may"
            | "might"
            | "must"
            | "should"
            | "did"
            | "does"
            | "never"
            | "also"
            | "then"
            | "still"
            | "already"
            | "just"
            | "not"
            | "who"
            | "whose"
            | "that"
            | "which"
            | "and"
            | "or"
            | "but"
            | "when"
            | "while"
    ) || lexicon::is_preposition(word)
}

/// Whether a lower-case noun (or its plural) says a person: a title, a role or a noun for a
/// person ("poet", "women", "people").
fn names_a_person(word: &str) -> bool {
    let singular = match word {
        "people" | "men" | "women" => return true,
        w => w.strip_suffix('s').unwrap_or(w),
    };
    [word, singular].iter().any(|w| {
        lexicon::is_role_noun(w)
            || lexicon::is_person_noun(w)
            || lexicon::is_title(w) && !lexicon::is_role_modifier(w)
    })
}

/// Whether a word before a person's titles may be part of the name of the unit the person
/// serves in: a capitalised word of running text, no possessive, no common or date word, no
/// word that is never an actor and no known actor of its own.
fn may_name_a_unit(t: &Token<'_>) -> bool {
    t.cap
        && !t.headline
        && !t.possessive
        && !lexicon::is_common(t.text)
        && !lexicon::is_never_actor(t.text)
        && !lexicon::is_date_word(t.text)
        && lexicon::known(t.text).is_none()
}

/// Whether `word` may be the plural nickname ending a team's name ("Colts", "Bluejays", "Tar
/// Heels"): a plural that is no organisation head word ("Times", "Airlines"), where the words
/// before it are the team's place or school. A plural that is a place's name is no nickname
/// ("University of Alaska Fairbanks").
pub(super) fn is_plural_nickname(word: &str) -> bool {
    word.len() > 3
        && word.ends_with('s')
        && !word.ends_with("ss")
        && !word.ends_with("us")
        && !word.ends_with("is")
        && (word.chars().next().is_some_and(char::is_uppercase) || numbered_name_word(word))
        && !lexicon::is_org_head(word)
        && lists(&word.to_lowercase()) & PLACE == 0 // "Fairbanks", "Athens"
}

/// The shorter names a team written "Indianapolis Colts" also goes by: its opening words
/// ("Indianapolis"; "North Carolina" for "North Carolina Tar Heels"), folded. Empty for any
/// other name.
pub(super) fn team_prefixes(words: &[&str]) -> Vec<String> {
    let Some((last, opening)) = words.split_last() else { return Vec::new() };
    // a team's name is capitalised words only: "Academy of Motion Picture Arts" is none
    let capitalised = opening.iter().all(|w| w.chars().next().is_some_and(char::is_uppercase));
    if opening.is_empty() || !capitalised || !is_plural_nickname(last) {
        return Vec::new();
    }
    // "Alaska State Troopers" is no team of Alaska: the words after a team's place name it
    (1..=opening.len())
        .filter(|&k| words[k..].iter().all(|w| !lexicon::is_of_head(w) && !lexicon::is_org_head(w)))
        .map(|k| &opening[..k])
        .filter(|p| {
            let end = p[p.len() - 1];
            end.chars().next().is_some_and(char::is_uppercase)
                && !(p.len() == 1 && (lexicon::is_common(end) || lexicon::is_place_opener(end)))
        })
        .map(|p| fold(&p.join(" ")))
        .collect()
}

/// Whether an age in apposition follows at `at` (the end of a name): a comma, one to three
/// digits, then a comma, semicolon or closing bracket ("Comeaux, 49, took"). A place or an
/// organisation is not given an age so; a year has four digits.
fn age_after(text: &str, at: usize) -> bool {
    let Some(rest) = text[at..].strip_prefix(", ") else { return false };
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    (1..=3).contains(&digits) && rest[digits..].starts_with([',', ';', ')'])
}

/// Whether a place of the gazetteer or the lexicon (a state, a country) follows at `at` (the
/// end of a name) in apposition, closed by punctuation: "Stiles, Texas.", "Woodburn, Oregon,
/// killing". A person is not written so.
fn place_in_apposition(text: &str, at: usize) -> bool {
    let Some(rest) = text[at..].strip_prefix(", ") else { return false };
    let end = rest.find([',', '.', ';', ')', '\n']).unwrap_or(rest.len());
    let run = &rest[..end];
    let words: Vec<&str> = run.split(' ').collect();
    if words.is_empty()
        || words.len() > 3
        || !words.iter().all(|w| w.chars().next().is_some_and(char::is_uppercase))
        || words.iter().any(|w| w.contains(['\'', '’']))
    {
        return false;
    }
    lexicon::known(run).is_some_and(|k| matches!(k.kind, ActorKind::Place | ActorKind::State))
        || is_place(&run.to_lowercase())
}

/// Whether a game's score ("91-73", "20 - 13", "70–65") starts at `at`, after spaces or a
/// comma: one to three digits, a dash, one to three digits, and no digit after.
pub(super) fn score_at(text: &str, at: usize) -> bool {
    let rest = text[at..].trim_start_matches([' ', ',']);
    let digits = |s: &str| s.bytes().take_while(u8::is_ascii_digit).count();
    let a = digits(rest);
    if !(1..=3).contains(&a) {
        return false;
    }
    let rest = rest[a..].trim_start_matches(' ');
    let Some(rest) = rest.strip_prefix(['-', '–']) else { return false };
    let rest = rest.trim_start_matches(' ');
    let b = digits(rest);
    (1..=3).contains(&b) && !rest[b..].starts_with(|c: char| c.is_ascii_digit() || c == '-')
}

/// Whether the text gives a game's score anywhere ([`score_at`] after a non-digit). Linear.
pub(super) fn gives_a_score(text: &str) -> bool {
    let bytes = text.as_bytes();
    (0..bytes.len()).any(|i| {
        bytes[i].is_ascii_digit()
            && (i == 0 || !bytes[i - 1].is_ascii_digit() && bytes[i - 1] != b'-')
            && score_at(text, i)
    })
}

/// The number of opening words of a team's name that name a place of the gazetteer ("North
/// Carolina" in "North Carolina Tar Heels": 2), the longest such; `None` when the name is no
/// team's ([`team_prefixes`]) or opens with no known place ("Saints Pierre Thomas").
pub(super) fn place_of_team(words: &[&str]) -> Option<usize> {
    team_prefixes(words).iter().filter(|p| is_place(p)).map(|p| p.split(' ').count()).max()
}

/// Whether the run `i..j` is a person's given name, with titles before it ("Tsar Peter") and
/// perhaps a surname after ("Patrick Gordon"): its first word after the titles is a given name,
/// no word of it is a known actor or an organisation's or a place's head word.
fn given_name_run(
    tokens: &[Token<'_>],
    i: usize,
    j: usize,
    person: &dyn Fn(usize) -> bool,
) -> bool {
    let Some(first) = (i..j).find(|&k| !lexicon::is_title(tokens[k].text)) else { return false };
    // a title the lexicon does not list ("Tsar Peter") may come first too; a given name on no
    // list counts where the recogniser reads it as a person's name ("Theodorus", "Aleksei")
    let given = (first..j.min(first + 2)).find(|&k| is_any_given_name(tokens[k].text) || person(k));
    // "Earl of Clare": a rank of the peerage the census lists as a given name
    let peer = |w: &str| {
        matches!(
            w,
            "Earl" | "Duke" | "Count" | "Baron" | "Lord" | "Prince" | "Marquess" | "Viscount"
        )
    };
    given.is_some_and(|g| j - g <= 3)
        && tokens[i..j].iter().all(|t| {
            !t.possessive
                && !peer(t.text)
                && lexicon::known(t.text).is_none()
                && !lexicon::is_org_head(t.text)
                && !lexicon::is_place_head(t.text)
        })
}

/// A byname after a given name at `j`: "of" then a capitalised place ("Theodorus of
/// Tabennese", "Patrick Gordon of Auchleuchries") or "the" then a capitalised epithet ("Peter
/// the Great"), the byname one word that no capitalised word follows, no known actor ("John
/// Smith of Microsoft") and no organisation's or place's head word.
fn byname_after(tokens: &[Token<'_>], i: usize, j: usize, person: &dyn Fn(usize) -> bool) -> bool {
    let (Some(link), Some(word)) = (tokens.get(j), tokens.get(j + 1)) else { return false };
    matches!(link.text, "of" | "the")
        && link.glued
        && word.glued
        && word.cap
        && !word.upper
        && word.text.len() > 2
        && word.text.chars().all(char::is_alphabetic)
        && !tokens.get(j + 2).is_some_and(|n| n.glued && n.cap)
        && lexicon::known(word.text).is_none()
        && !lexicon::is_org_head(word.text)
        && !lexicon::is_place_head(word.text)
        && !lexicon::is_title(word.text)
        && !lexicon::is_date_word(word.text)
        && given_name_run(tokens, i, j, person)
}

/// A regnal numeral of one letter after a given name at `j` ("Aleksei I", "Charles V"; longer
/// numerals are capitalised words of the run already), not the pronoun ("when John I met"):
/// "I" is followed in its phrase by no word but "of", "in" or "and".
fn regnal_numeral(
    tokens: &[Token<'_>],
    i: usize,
    j: usize,
    person: &dyn Fn(usize) -> bool,
) -> bool {
    tokens.get(j).is_some_and(|t| t.glued && matches!(t.text, "I" | "V" | "X"))
        && !tokens.get(j + 1).is_some_and(|n| {
            n.glued && tokens[j].text == "I" && !matches!(n.text, "of" | "in" | "and")
        })
        && given_name_run(tokens, i, j, person)
}

/// A given name of the lexicon or of the census list the recogniser reads.
fn is_any_given_name(word: &str) -> bool {
    lexicon::is_given_name(word) || lists(&word.to_lowercase()) & GIVEN_NAME != 0
}

/// A name of two words, a given name then a surname on the 1990 US Census lists the recogniser
/// reads ("Esther Williams"), the given name no common word: evidence of a person's name. Longer
/// names are left out, where a surname may be a head word ("Betty Ford Center": "center" is a
/// surname on the list).
fn census_given_and_surname(first: &str, last: &str, words: usize) -> bool {
    let (first, last) = (first.to_lowercase(), last.to_lowercase());
    words == 2
        && lists(&first) & GIVEN_NAME != 0
        && lists(&last) & SURNAME != 0
        && !lexicon::is_common(&first)
        && !lexicon::is_org_head(&last)
        && !lexicon::is_place_head(&last)
}

/// Names listed together ("Tonban, Gavarzin, Khaledin and Gourian", "from Tiverton and
/// Cullompton") are of one kind: where the list's names with evidence of their kind (a known
/// actor, a rule's reading, a place of the gazetteer or of the recogniser) are all places (or states), the names
/// without evidence are places too.
pub(super) fn share_kinds_in_lists(text: &str, tokens: &[Token<'_>], cands: &mut [Candidate]) {
    let joins = |between: &str| matches!(between, ", " | " and " | ", and " | " or " | ", or ");
    let mut start = 0;
    while start < cands.len() {
        let mut end = start + 1;
        while end < cands.len() && joins(&text[cands[end - 1].span.end..cands[end].span.start]) {
            end += 1;
        }
        if end - start >= 2 {
            share_kind(tokens, &mut cands[start..end]);
        }
        start = end;
    }
}

fn share_kind(tokens: &[Token<'_>], list: &mut [Candidate]) {
    let long_list = list.len() >= 3;
    let as_listed = |k: ActorKind| if k == ActorKind::State { ActorKind::Place } else { k };
    let evidence = |c: &Candidate| -> Option<ActorKind> {
        if let Some(k) = c.known {
            return Some(as_listed(k.kind));
        }
        if !c.weak && c.demonym_of.is_none() {
            if let Some(k) = c.kind {
                return Some(as_listed(k));
            }
        }
        let one_word = c.name.len() == 1;
        let gazetteer = one_word && lists(&tokens[c.name.start].text.to_lowercase()) & PLACE != 0;
        // the recogniser's reading counts for a place only, and in a list of three names or
        // more, where the names are surely of one kind ("People and Us Weekly" may be read as
        // a place and a magazine)
        let read_as_place = long_list && c.model == Some(ActorKind::Place);
        (gazetteer || read_as_place).then_some(ActorKind::Place)
    };
    let kinds: Vec<Option<ActorKind>> = list.iter().map(evidence).collect();
    let mut decided = kinds.iter().flatten();
    let Some(&kind) = decided.next() else { return };
    // places only: a person or a company listed beside others says less of them (a list of a
    // story's parties mixes people and companies written alike)
    if kind != ActorKind::Place || decided.any(|&k| k != kind) || kinds.iter().all(Option::is_some)
    {
        return;
    }
    for (c, k) in list.iter_mut().zip(&kinds) {
        if k.is_none() && c.known.is_none() && !c.personal {
            c.kind = Some(kind);
            c.model = Some(kind);
            c.weak = false;
        }
    }
}

/// Runs of capitals that are common words, or labels, and no actor, where the recogniser reads
/// their words as a name nowhere in the article and no rule gives them a kind (no title, no
/// speech verb, no head word, no known actor; for a run of several words, only the guess of a
/// person's name or a team's shape):
/// - every word also written in lower case in the article ("Figure 2", "Research Methods",
///   "Future work", "the Best Actress award"), a lone word on no list of given names, surnames
///   or places;
/// - a lone word written twice or more, every time right before a colon: a label ("Image: Nick
///   Moreau.", "Photo: ...").
///
/// Run after the recogniser's reading ([`read_model_kinds`]); one pass over the article's words.
pub(super) fn drop_common_words_capitalised(
    text: &str,
    tokens: &[Token<'_>],
    cands: &mut Vec<Candidate>,
) {
    let open = |c: &Candidate| {
        c.known.is_none()
            && !c.personal
            && !tokens[c.name.start].upper
            && (c.kind.is_none() || c.name.len() > 1 && c.weak)
    };
    // per run of words (in lower case): whether the recogniser read any mention of it, how often
    // it is written, and whether always before a colon
    let key = |c: &Candidate| {
        tokens[c.name.clone()].iter().map(|t| t.text.to_lowercase()).collect::<Vec<_>>().join(" ")
    };
    let mut runs: FxHashMap<String, (bool, usize, bool)> = FxHashMap::default();
    for c in cands.iter().filter(|c| open(c) || c.read) {
        let run = runs.entry(key(c)).or_insert((false, 0, true));
        run.0 |= c.read;
        run.1 += 1;
        run.2 &= text[c.span.end..].starts_with(':');
    }
    runs.retain(|_, run| !run.0);
    if runs.is_empty() {
        return;
    }
    let words: FxHashSet<&str> = runs.keys().flat_map(|r| r.split(' ')).collect();
    let lower: FxHashSet<&str> = tokens
        .iter()
        .filter(|t| t.text.starts_with(char::is_lowercase) && words.contains(t.text))
        .map(|t| t.text)
        .collect();
    let common = |run: &str| {
        run.split(' ').all(|w| lower.contains(w))
            && (run.contains(' ') || lists(run) & (GIVEN_NAME | SURNAME | PLACE) == 0)
    };
    let dropped: FxHashSet<&str> = runs
        .iter()
        .filter(|(run, &(_, count, colon))| {
            common(run) || !run.contains(' ') && count >= 2 && colon
        })
        .map(|(run, _)| run.as_str())
        .collect();
    if dropped.is_empty() {
        return;
    }
    // an acronym defined in brackets right after such a run ("the Compact Fluorescent Light
    // (CFL)") is the run's, a term: its mentions the recogniser does not read go too ("CFLs")
    let mut terms: FxHashSet<String> = FxHashSet::default();
    for pair in cands.windows(2) {
        let (long, short) = (&pair[0], &pair[1]);
        if long.name.len() >= 2
            && short.name.len() == 1
            && short.known.is_none()
            && !short.read
            && &text[long.span.end..short.span.start] == " ("
            && text[short.span.end..].starts_with(')')
            && open(long)
            && dropped.contains(key(long).as_str())
        {
            if let Some(letters) = acronym_letters(tokens[short.name.start].text) {
                if acronym_fits(&letters, &long.words(tokens).collect::<Vec<_>>(), false) {
                    terms.insert(letters);
                }
            }
        }
    }
    let term = |c: &Candidate| {
        !terms.is_empty()
            && c.name.len() == 1
            && c.known.is_none()
            && !c.read
            && acronym_letters(tokens[c.name.start].text).is_some_and(|l| terms.contains(&l))
    };
    cands.retain(|c| !(open(c) && dropped.contains(key(c).as_str()) || term(c)));
}

/// Gives each candidate the kind of the recogniser's name that overlaps its name words most
/// (`names` in text order, as [`recognise::recognise`] returns them), or, where it found none
/// and the rules give no kind, a person when its words read so ([`Reading::kind_at`]).
pub(super) fn read_model_kinds(tokens: &[Token<'_>], cands: &mut [Candidate], reading: &Reading) {
    let names = &reading.names;
    let mut first = 0;
    for c in cands.iter_mut() {
        let span = tokens[c.name.start].span.start..tokens[c.name.end - 1].span.end;
        while first < names.len() && names[first].span.end <= span.start {
            first += 1;
        }
        let best = names[first..]
            .iter()
            .take_while(|n| n.span.start < span.end)
            .max_by_key(|n| n.span.end.min(span.end) - n.span.start.max(span.start));
        c.read = best.is_some();
        c.model = best
            // a mention whose own reading the article's vote overruled does not vote again
            .filter(|n| n.margin() >= 0)
            .map(|n| n.kind)
            .map(|k| match k {
                NameKind::Person => ActorKind::Person,
                NameKind::Organization => ActorKind::Organization,
                NameKind::Place => ActorKind::Place,
            });
        // a name the rules give no kind and the recogniser did not find still gets its reading
        // of the words had a name begun there, where that reading is a person ("with the help
        // of Goldbach", "(see Brieber 2014)"); read as a place or an organisation, an unfound
        // word is as often no name, and the rules' default stands
        if !c.read && c.kind.is_none() && reading.kind_at(span.start) == Some(NameKind::Person) {
            c.model = Some(ActorKind::Person);
        }
    }
}

#[cfg(test)]
mod score_tests {
    use super::{age_after, gives_a_score, score_at};

    #[test]
    fn an_age_in_apposition_is_a_comma_a_number_and_a_comma() {
        assert!(age_after("Comeaux, 49, took", 7));
        assert!(age_after("Grigoropoulos, 15; he", 13));
        assert!(!age_after("Paris, 2013, was", 5));
        assert!(!age_after("Evansville (7-2)", 10));
        assert!(!age_after("Chicago, 12 June", 7));
    }

    #[test]
    fn scores_are_one_to_three_digits_a_dash_and_one_to_three_digits() {
        assert!(score_at("Evansville 91-73.", 10));
        assert!(score_at("Evansville, 20 – 13", 10));
        assert!(!score_at("in 2012-13", 2));
        assert!(!score_at("call 555-1234", 4));
        assert!(gives_a_score("a 91-73 win"));
        assert!(!gives_a_score("the 2012-2013 season, 9 wins"));
    }
}

#[cfg(test)]
mod shape_tests {
    use super::numbered_name_word;
    use crate::actors::{detect, ActorKind, ArticleActors};

    fn kind_of(text: &str, name: &str) -> Option<ActorKind> {
        let a = detect(text, &[]);
        a.mentions.iter().find(|m| a.text_of(m) == name).map(|m| a.entities[m.entity].kind)
    }

    /// The text of every mention, in order.
    fn names(a: &ArticleActors) -> Vec<&str> {
        a.mentions.iter().map(|m| a.text_of(m)).collect()
    }

    /// Asserts that no mention of `text` is written as one of `gone`, and that each of `kept`
    /// is a mention; returns the mentions' texts for further checks.
    fn gone_and_kept<'t>(a: &'t ArticleActors, gone: &[&str], kept: &[&str]) -> Vec<&'t str> {
        let names = names(a);
        for g in gone {
            assert!(!names.contains(g), "{g}: {names:?}");
        }
        for k in kept {
            assert!(names.contains(k), "{k}: {names:?}");
        }
        names
    }

    /// The text of every mention of an actor of `kind`, in order.
    fn names_of_kind(a: &ArticleActors, kind: ActorKind) -> Vec<&str> {
        a.mentions
            .iter()
            .filter(|m| a.entities[m.entity].kind == kind)
            .map(|m| a.text_of(m))
            .collect()
    }

    #[test]
    fn a_byname_or_a_regnal_numeral_after_a_given_name_is_one_person() {
        let text = "The general became a close friend of Tsar Peter the Great in Moscow. He \
                    had served under Charles V in Spain. Patrick Gordon of Auchleuchries wrote \
                    a diary there. Later, Peter said that Gordon was loyal.";
        let a = detect(text, &[]);
        let ns = names(&a);
        for n in ["Tsar Peter the Great", "Charles V", "Patrick Gordon of Auchleuchries"] {
            assert!(ns.contains(&n), "{n}: {ns:?}");
        }
        let entity = |name: &str| {
            a.mentions.iter().find(|m| a.text_of(m) == name).map(|m| m.entity).unwrap()
        };
        assert_eq!(entity("Peter"), entity("Tsar Peter the Great"));
        assert_eq!(entity("Gordon"), entity("Patrick Gordon of Auchleuchries"));
        assert_eq!(a.entities[entity("Peter")].kind, ActorKind::Person);
        assert!(!ns.contains(&"Great") && !ns.contains(&"Auchleuchries"), "{ns:?}");
    }

    #[test]
    fn a_byname_after_a_given_name_the_recogniser_reads_is_one_person() {
        let text = "The monk Theodorus of Tabennese led the monks. Theodorus was born in \
                    Esna, and Theodorus said he would stay. Later, he met Tsar Aleksei I in Moscow.";
        let a = detect(text, &[]);
        let names =
            gone_and_kept(&a, &["Tabennese"], &["Theodorus of Tabennese", "Tsar Aleksei I"]);
        let kind = |name: &str| {
            a.mentions.iter().find(|m| a.text_of(m) == name).map(|m| a.entities[m.entity].kind)
        };
        assert_eq!(kind("Theodorus of Tabennese"), Some(ActorKind::Person), "{names:?}");
        // a name the article writes alone is no epithet
        let text = "Scientology denied it. According to Rathbun the Scientology property was \
                    returned. Mark Rathbun said so.";
        let a = detect(text, &[]);
        gone_and_kept(&a, &["Rathbun the Scientology"], &["Rathbun"]);
    }

    #[test]
    fn no_byname_after_a_peer_or_the_pronoun() {
        let text = "They met John FitzGibbon, Earl of Clare, in Dublin. When Richard I met \
                    him, it rained.";
        let a = detect(text, &[]);
        let ns = names(&a);
        assert!(!ns.contains(&"Earl of Clare"), "{ns:?}");
        assert!(!ns.iter().any(|n| n.ends_with(" I")), "{ns:?}");
    }

    #[test]
    fn digits_then_letters_continue_a_name_but_ordinals_and_units_do_not() {
        assert!(numbered_name_word("76ers"));
        assert!(numbered_name_word("49ERS"));
        assert!(!numbered_name_word("223rd"));
        assert!(!numbered_name_word("1990s"));
        assert!(!numbered_name_word("40GB"));
        assert!(!numbered_name_word("10am"));
        assert!(!numbered_name_word("3kWh"));
        assert!(!numbered_name_word("1200"));
        let text = "The coach was fired by the Philadelphia 76ers on Saturday.";
        assert!(kind_of(text, "Philadelphia 76ers").is_some());
    }

    #[test]
    fn an_ordinal_before_a_streets_head_word_is_part_of_its_name() {
        let text = "She was struck by a car heading north on 117th Street on Friday.";
        assert_eq!(kind_of(text, "117th Street"), Some(ActorKind::Place));
        let text = "He was shot outside an apartment in the 12000 block of East 223rd Street.";
        assert_eq!(kind_of(text, "East 223rd Street"), Some(ActorKind::Place));
        // an ordinal elsewhere opens no name
        let text = "He became the 21st head coach of the team.";
        assert!(detect(text, &[]).mentions.is_empty());
    }

    #[test]
    fn a_plural_demonym_names_people() {
        let text = "Tens of thousands of Greeks took to the streets of Athens on Wednesday.";
        assert_eq!(kind_of(text, "Greeks"), Some(ActorKind::Person));
        // the adjective before a noun stays the state's
        let text = "Greek protesters took to the streets of Athens on Wednesday.";
        assert_ne!(kind_of(text, "Greek"), Some(ActorKind::Person));
    }

    #[test]
    fn an_institution_ending_a_headline_run_is_an_actor() {
        let text = "Riots Follow Death Of Teen Shot By Police\nKimo Reyes, 16, was shot on \
                    Saturday, police said.";
        let a = detect(text, &[]);
        let police = names_of_kind(&a, ActorKind::Organization);
        assert_eq!(police, ["Police", "police"]);
    }

    #[test]
    fn a_capital_after_of_is_the_city() {
        let a = detect("Isfahan lies south of Tehran. Officials in Tehran said so.", &[]);
        let states = names_of_kind(&a, ActorKind::State);
        assert!(states.is_empty(), "{states:?}");
        // standing alone as the speaker, the capital is still its state's government
        assert_eq!(
            kind_of("Tehran rejected the offer on Monday.", "Tehran"),
            Some(ActorKind::State)
        );
    }

    #[test]
    fn an_abbreviated_saint_is_part_of_a_towns_name() {
        let a = detect("He went to St. Petersburg in 1724 and later to St Louis.", &[]);
        let names = names(&a);
        assert!(names.contains(&"St. Petersburg"), "{names:?}");
        assert!(names.contains(&"St Louis"), "{names:?}");
    }

    #[test]
    fn a_states_adjective_after_in_is_its_language() {
        let a = detect(
            "The book was translated into Russian. He speaks French and lives in Rome.",
            &[],
        );
        gone_and_kept(&a, &["Russian", "French"], &[]);
        // before a noun it is still the state's adjective (there, of the state's organ)
        let a = detect("Protests spread in Russian government offices on Monday.", &[]);
        assert!(a.mentions.iter().any(|m| a.text_of(m) == "Russian"));
        // a state's other name is no adjective
        let a = detect("I will serve all of the people in America, he said.", &[]);
        assert!(a.mentions.iter().any(|m| a.text_of(m) == "America"));
    }

    #[test]
    fn a_label_written_before_every_colon_is_no_word_of_the_name_before_it() {
        let text = "Crowds waited at the gate. Image: Carla Fenwick.\n\nThe mayor thanked \
                    Maria Lopez Image: City Press.\n\nLopez said the queue was long.";
        let a = detect(text, &[]);
        let names = gone_and_kept(&a, &["Maria Lopez Image", "Image"], &["Maria Lopez"]);
        let entity = |name: &str| {
            a.mentions.iter().find(|m| a.text_of(m) == name).map(|m| m.entity).unwrap()
        };
        assert_eq!(entity("Lopez"), entity("Maria Lopez"), "{names:?}");
        // a speaker written before colons is named in running text too: a name, not a label
        let text = "We spoke to Jenna Marbles.\n\nMarbles: Thanks for having me.\n\nHost \
                    Jenna Marbles: Sure.";
        let a = detect(text, &[]);
        gone_and_kept(&a, &[], &["Jenna Marbles"]);
    }

    #[test]
    fn a_regnal_numerals_full_stop_ends_its_sentence() {
        let text = "He had two brothers, Niklaus and Johann II. Daniel Bernoulli was described \
                    as the ablest. Daniel Bernoulli died in Basel.";
        let a = detect(text, &[]);
        let names = gone_and_kept(&a, &["Johann II. Daniel Bernoulli"], &["Daniel Bernoulli"]);
        let entity = |name: &str| {
            a.mentions.iter().find(|m| a.text_of(m) == name).map(|m| m.entity).unwrap()
        };
        let johann = a.mentions.iter().find(|m| a.text_of(m).starts_with("Johann")).unwrap();
        assert_ne!(johann.entity, entity("Daniel Bernoulli"), "{names:?}");
    }

    #[test]
    fn a_states_adjective_before_a_thing_is_no_mention_of_the_state() {
        let text = "The museum shows Spanish art and Greek pottery. Critics of the Syrian \
                    government met American challenger Tony Thompson, an Italian diplomat \
                    and the first Mexican-American woman. Russian forces shelled the town.";
        let a = detect(text, &[]);
        let names = names(&a);
        assert!(!names.contains(&"Spanish") && !names.contains(&"Greek"), "{names:?}");
        // the state's organ, a name in apposition, a noun for a person: the state is meant
        for kept in ["Syrian", "American", "Italian", "Mexican", "Russian"] {
            assert!(names.contains(&kept), "{kept}: {names:?}");
        }
    }

    #[test]
    fn an_event_a_law_or_a_prize_is_no_actor_but_its_holder_may_be() {
        let text = "Google said the winners of the Google Science Fair met the Clean Air Act \
                    rules. Fans watched the FIFA World Cup and the Revolutionary War drama. \
                    Doris Day sang, and Mr. Battle thanked the HEROES Act sponsors.";
        let a = detect(text, &[]);
        // a person's name may end in such a word ("Doris Day")
        let names = gone_and_kept(
            &a,
            &["Google Science Fair", "Clean Air Act", "World Cup", "FIFA World Cup"],
            &["FIFA", "Doris Day"],
        );
        assert!(!names.iter().any(|n| n.contains("War") || n.contains("HEROES")), "{names:?}");
        assert_eq!(names.iter().filter(|n| **n == "Google").count(), 2, "{names:?}");
        // and "Mr. Battle"
        assert!(names.iter().any(|n| n.ends_with("Battle")), "{names:?}");
    }

    #[test]
    fn a_name_the_article_makes_speak_is_no_event() {
        let text = "Epic Games sued Apple in Oakland. Epic Games said the ruling was unfair, \
                    and the Commonwealth Games opened.";
        let a = detect(text, &[]);
        let names = names(&a);
        assert_eq!(names.iter().filter(|n| **n == "Epic Games").count(), 2, "{names:?}");
        assert!(!names.contains(&"Commonwealth Games"), "{names:?}");
    }

    #[test]
    fn an_acronym_defined_in_lower_case_is_a_term() {
        let text = "The European Space Agency (ESA) measures sea surface salinity (SSS) and \
                    the GRF (ground reaction force). ESA said SSS and GRF rose.";
        let a = detect(text, &[]);
        let names = gone_and_kept(&a, &["SSS", "GRF"], &[]);
        assert_eq!(names.iter().filter(|n| **n == "ESA").count(), 2, "{names:?}");
    }

    #[test]
    fn a_common_word_capitalised_that_the_recogniser_does_not_read_is_no_actor() {
        let text = "The survey used the Methodology of Paul Smith, whose methodology was new. \
                    Smith said the Methodology worked. The Future of prices is unclear, Anna \
                    Berg said; the future is open. Berg joined Amazon in May.";
        let a = detect(text, &[]);
        gone_and_kept(&a, &["Methodology", "Future"], &["Paul Smith", "Anna Berg", "Amazon"]);
    }

    #[test]
    fn an_unfound_word_without_a_kind_the_recogniser_reads_as_a_person_is_one() {
        let text = "Visual processing in the arts has been studied (see for example Brieber \
                    2014; Binderman et al., 2005) and the results were shared. The book was \
                    published in 1724 with the help of Goldbach.";
        assert_eq!(kind_of(text, "Brieber"), Some(ActorKind::Person));
        assert_eq!(kind_of(text, "Goldbach"), Some(ActorKind::Person));
    }

    #[test]
    fn a_run_of_common_words_or_a_label_before_a_colon_is_no_actor() {
        let text = "Anna Berg won the Best Actress award; she was the best actress of the year, \
                    Berg said.\n\nThe crowd at the show. Image: Nick Moreau.\n\nA view of \
                    the hall. Image: Nick Moreau.";
        let a = detect(text, &[]);
        gone_and_kept(&a, &["Best Actress", "Image"], &["Anna Berg", "Nick Moreau"]);
    }

    #[test]
    fn the_acronym_of_a_run_of_common_words_is_a_term() {
        let text = "The most used bulb is the Compact Fluorescent Light (CFL). A compact \
                    fluorescent light uses less power than other light bulbs, and CFLs last \
                    long, Anna Berg of the European Space Agency (ESA) said.";
        let a = detect(text, &[]);
        gone_and_kept(&a, &["CFL", "CFLs"], &["ESA", "Anna Berg"]);
    }

    #[test]
    fn a_capital_with_its_state_in_apposition_is_the_city() {
        let a = detect("Born 23 January 1928 Paris, France\nShe met France's president.", &[]);
        let entity =
            |name: &str| a.mentions.iter().find(|m| a.text_of(m) == name).map(|m| m.entity);
        assert_ne!(entity("Paris"), entity("France"));
        assert_eq!(
            kind_of("She lived in Paris, France for years.", "Paris"),
            Some(ActorKind::Place)
        );
    }

    #[test]
    fn an_acronym_after_a_count_is_a_unit() {
        let text = "Kayaks cost 225 DKK per hour; he had 3 RBI. In 1998 IBM bought it, \
                    No. 3 UCLA won, and 354 US metro areas agree.";
        let a = detect(text, &[]);
        gone_and_kept(&a, &["DKK", "RBI"], &["IBM", "UCLA", "US"]);
    }

    #[test]
    fn a_name_before_a_number_is_a_label_or_a_version() {
        let text = "As Figure 2 shows, Microsoft patched Internet Explorer 6. Under Rule 37 the \
                    court ruled. She came back with John 12 weeks ago, SportsCenter 5 has \
                    learned, and Nixon 1968 posters hang near the Newberg 214 Highway.";
        let a = detect(text, &[]);
        gone_and_kept(
            &a,
            &["Figure", "Internet Explorer", "Rule"],
            &["Microsoft", "John", "SportsCenter", "Nixon"],
        );
    }

    #[test]
    fn a_name_after_a_noun_for_a_work_or_a_craft_is_its_title() {
        let text = "Jared Padalecki starred in the TV series Supernatural. Supernatural ran for \
                    years. Valeska Paris was held aboard the cruise ship Freewinds.";
        let a = detect(text, &[]);
        let names = gone_and_kept(&a, &["Supernatural", "Freewinds"], &["Valeska Paris"]);
        assert!(names.iter().any(|n| n.ends_with("Padalecki")), "{names:?}");
    }

    #[test]
    fn a_shared_surname_alone_is_the_person_written_most() {
        let text = "Jeanne Moreau was born in Paris. Jeanne Moreau began acting at twenty. \
                    Her father, Anatole Moreau, ran a restaurant. Moreau later studied drama.";
        let a = detect(text, &[]);
        let entity =
            |name: &str| a.mentions.iter().find(|m| a.text_of(m) == name).map(|m| m.entity);
        assert_eq!(entity("Moreau"), entity("Jeanne Moreau"));
        assert_ne!(entity("Anatole Moreau"), entity("Jeanne Moreau"));
    }

    #[test]
    fn a_word_of_grammar_alone_is_never_a_name() {
        // "The" and "For" capitalised mid-sentence once ("The Walking Dead", "9 For") vouch
        // for no lone "The" or "For" elsewhere
        let text = "She watched The Walking Dead and Game of Thrones. The show ended. \
                    Page 9 For example, fans wrote to Netflix.\nFor years he wrote.";
        let a = detect(text, &[]);
        gone_and_kept(&a, &["The", "For"], &["Netflix"]);
    }

    #[test]
    fn a_town_before_a_firm_says_where_the_firm_is() {
        let text = "He walked into a suburban Detroit accounting firm with a shotgun on Monday.";
        assert_eq!(kind_of(text, "Detroit"), Some(ActorKind::Place));
        let text = "The report came from the Interfax news agency on Monday.";
        assert_eq!(kind_of(text, "Interfax"), Some(ActorKind::Organization));
    }
}
