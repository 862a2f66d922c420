//! What a figure counts: the counted noun after it, the predicate around it (what happened to the
//! counted things), the place, the incident, and from these the quantity key.
//!
//! Keys are conservative: a figure gets one only when both the counted class and the predicate
//! class are known ("people:killed", "people:living:aleppo"); populations also need a place.
//! Crying wolf is worse than missing a contradiction.

use std::borrow::Cow;

use super::frame::{Frame, Measured, Place, PlaceLevel, Scope, Slot, When};
use super::lexicon;
use super::read::Reading;
use super::tokens::{TokKind, Token};
use super::{Dimension, FigureKind};

/// How many words either side are searched for a predicate.
const PREDICATE_WINDOW: usize = 6;

/// What was found around one figure.
#[derive(Debug, Default)]
pub struct Context {
    pub counts: Option<Slot>,
    pub predicate: Option<&'static str>,
    pub place: Option<String>,
    /// The frame of a comparable figure whose counted thing and event are known.
    pub frame: Option<Frame>,
    /// Whether the frame gives a quantity key ([`Frame::has_key`]).
    pub keyed: bool,
    /// For a measure or duration compared in the base unit of its dimension (the frame's
    /// `counted`): the unit it is written in, by which its interval is to be multiplied.
    pub scale: Option<lexicon::UnitScale>,
    /// Whether the sentence attributes the figure to another news source ([`other_outlet_cited`]).
    pub attributed: bool,
}

/// Words that end a clause for the predicate search.
fn clause_break(word: &str) -> bool {
    matches!(
        word,
        "and"
            | "but"
            | "while"
            | "whereas"
            | "although"
            | "because"
            | "after"
            | "before"
            | "where"
            | "when"
            | "since"
            | "as"
            | "if"
            | "than"
            | "said"
            | "says"
            | "say"
            | "according"
    )
}

/// Words that open a parenthetical to be skipped: "Scores of people, including children, died".
fn parenthetical(word: &str) -> bool {
    matches!(word, "including" | "mostly" | "many" | "most" | "among" | "mainly" | "all" | "some")
}

/// The context of reading `r`, whose sentence holds tokens `sent`.
/// `unkeyed_frames`: whether figures that get no key still get a frame of what the text says
/// (for reports and hovers; `check` needs only the keyed ones).
pub fn context(
    t: &[Token],
    r: &Reading,
    sent: std::ops::Range<usize>,
    lead: &Lead,
    unkeyed_frames: bool,
) -> Context {
    let mut out = Context::default();
    let (noun, noun_class, after_noun) = counted_noun(t, r.noun_from, sent.end);
    out.counts =
        noun_class.map(Slot::Borrowed).or_else(|| noun.as_deref().map(|n| Slot::Owned(n.into())));
    let is_lives = noun.as_deref() == Some("life")
        || noun_class.is_some()
            && t.get(after_noun.saturating_sub(1)).is_some_and(|x| x.lower == "lives");
    let found = predicate_after(t, after_noun, sent.end)
        .or_else(|| predicate_before(t, r.start, sent.start, is_lives));
    let predicate = found.map(|(p, _)| p);
    // With no noun, only a predicate right beside the number says people are counted:
    // "has killed more than 290,000", "Ten killed in quake"; not "killed after falling around 2,000ft".
    let beside = found.is_some_and(|(_, d)| d <= 1);
    out.predicate = predicate;
    if matches!(predicate, Some("living" | "holding-out")) {
        out.place = place(t, r.start, &sent);
    }
    let population = (r.kind == FigureKind::Count)
        .then(|| population_place(t, r, noun.as_deref(), &sent, lead))
        .flatten();
    if let Some(place) = &population {
        out.predicate = Some("living");
        out.place = Some(place.clone());
        out.counts = Some("people".into());
    }
    if !r.kind.is_compared() || is_change(t, r) || earlier_level(t, r.start, &sent) {
        return out;
    }
    if r.kind == FigureKind::Count
        && noun.is_none()
        && beside
        && predicate.is_some_and(implies_people)
    {
        out.counts = Some("people".into());
    }
    out.frame = match r.kind {
        // Only nouns of a known class are keyed: "three jurors", "two helicopters" stay apart.
        // "a few", "several" are never totals; "two women and one man died" is part of one.
        // A count of people is a whole number: ".45" is a calibre, "around 2" of "2, 000ft" a typo.
        FigureKind::Count if population.is_some() && r.value.fract() == 0.0 => {
            count_frame(t, &out, true, &sent, r.start, false, lead)
        }
        // Occurrences counted ("at least four aftershocks") are things, whatever their class.
        FigureKind::Count
            if noun.as_deref().is_some_and(lexicon::occurrence)
                && r.value.fract() == 0.0
                && !small_vague(r)
                && !coordinated(t, r.start) =>
        {
            thing_frame(t, r, noun.as_deref(), out.counts.as_ref(), after_noun, &sent, lead)
        }
        FigureKind::Count
            if (noun_class.is_some() || noun.is_none() && beside)
                && r.value.fract() == 0.0
                && !small_vague(r)
                && !coordinated(t, r.start) =>
        {
            count_frame(t, &out, noun.is_some(), &sent, r.start, is_part(t, r), lead)
        }
        FigureKind::Count
            if noun.as_deref().is_none_or(|n| n == "time")
                && t.get(r.noun_from).is_some_and(|x| x.lower == "times")
                && r.value.fract() == 0.0
                && !small_vague(r) =>
        {
            times_frame(t, r, &sent, lead)
        }
        // Things counted with a noun of no known class ("seven rifles were seized", "setting
        // fire to three banks"): the noun and the verb of the clause make the quantity.
        FigureKind::Count
            if noun_class.is_none()
                && noun.is_some()
                && r.value.fract() == 0.0
                && !small_vague(r)
                && !coordinated(t, r.start) =>
        {
            thing_frame(t, r, noun.as_deref(), out.counts.as_ref(), after_noun, &sent, lead)
        }
        FigureKind::Money => money_frame(t, r, &sent, lead),
        FigureKind::Percent => share_frame(t, r, &sent, lead),
        FigureKind::Duration if r.value.fract() == 0.0 || r.value < 100.0 => {
            duration_frame(t, r, &sent, lead)
        }
        FigureKind::Measure
            if r.unit
                .as_deref()
                .and_then(lexicon::unit_scale)
                .is_some_and(|u| u.dimension == Dimension::Length) =>
        {
            distance_frame(t, r, &sent, lead)
        }
        FigureKind::Measure
            if r.unit
                .as_deref()
                .is_some_and(|u| matches!(u.trim_start_matches('-'), "caliber" | "calibre")) =>
        {
            calibre_frame(t, r, &sent, lead)
        }
        FigureKind::Measure if r.unit.as_deref() == Some("magnitude") => Some(Frame {
            measured: Measured::Measure,
            counted: Some("earthquake".into()),
            group: None,
            event: Some("magnitude".into()),
            place: None,
            when: era(t, &sent, r.start, lead),
            scope: Scope::Whole,
        }),
        _ => None,
    };
    out.keyed = out.frame.as_ref().is_some_and(Frame::has_key);
    // In the lead an article tells the story as it has it, its sources included ("Iran's state
    // television says a quake has injured three"); later, a figure it cites from another outlet
    // is a comparison of sources.
    out.attributed = out.keyed && r.start >= lead.end && other_outlet_cited(t, r.start, &sent);
    if out.keyed && matches!(r.kind, FigureKind::Measure | FigureKind::Duration) {
        out.scale = written_unit(t, r).and_then(lexicon::unit_scale);
    }
    if out.frame.is_none() && unkeyed_frames {
        // Not compared, but what the text says is still shown: the slots it fills.
        let (counted, group) = counted_and_group(out.counts.clone());
        let measured = match r.kind {
            FigureKind::Money => Measured::Money,
            FigureKind::Percent => Measured::Share,
            FigureKind::Measure => Measured::Measure,
            _ if counted.as_deref() == Some("people") => Measured::People,
            _ => Measured::Things,
        };
        out.frame = Some(Frame {
            measured,
            counted,
            group,
            event: out.predicate.map(Slot::Borrowed),
            place: out
                .place
                .clone()
                .map(|name| Place { name: name.into(), level: PlaceLevel::Locality }),
            when: era(t, &sent, r.start, lead),
            scope: Scope::Whole,
        });
    }
    out
}

/// How many tokens before a figure a report of another source is looked for.
const CITATION_WINDOW: usize = 10;

/// Whether the figure is reported as another news source's: a verb of reporting just before it
/// whose subject is a newspaper, a broadcaster or the news ("(the Post says three people were
/// injured", "Local evening news in Michigan originally reported that two…"), or "according to"
/// one. Police, officials and witnesses are the sources of most figures and are not meant: only
/// an outlet citing another outlet says that sources differ.
fn other_outlet_cited(t: &[Token], at: usize, sent: &std::ops::Range<usize>) -> bool {
    let from = at.saturating_sub(CITATION_WINDOW).max(sent.start);
    let media = |k: usize| {
        t.get(k).is_some_and(|x| x.kind == TokKind::Word && lexicon::news_source(x.lower))
    };
    (from..at).any(|k| match t[k].lower {
        "says" | "said" | "reported" | "reports" | "reporting" | "claimed" | "claims" => {
            (k.saturating_sub(5).max(sent.start)..k).any(media)
        }
        "according" => (k + 1..(k + 5).min(at)).any(media),
        _ => false,
    })
}

/// The unit a measure or duration is written in: the reading's unit word, else the last unit of
/// time among its tokens ("72 hours", "a 2-1/2 year sentence").
fn written_unit<'t>(t: &'t [Token], r: &'t Reading) -> Option<&'t str> {
    r.unit.as_deref().or_else(|| {
        (r.start..r.end)
            .rev()
            .find(|&k| t[k].kind == TokKind::Word && lexicon::time_unit(t[k].lower))
            .map(|k| t[k].lower)
    })
}

/// "rose from 10 to 20", "fell from 5% to 3%": a change between two levels, never compared with a
/// level ("From 10 to 20 people were hurt" is a range, and is).
fn is_change(_t: &[Token], r: &Reading) -> bool {
    r.qualifier == super::Qualifier::Change
}

/// Whether the figure is the level a change started from, written after the new one: "up from
/// 30", "down from 12", "rose to 40 from 30". It is the quantity at another time, never compared
/// (the new level is).
fn earlier_level(t: &[Token], at: usize, sent: &std::ops::Range<usize>) -> bool {
    let word = |k: usize| t.get(k).filter(|_| sent.contains(&k)).map(|x| x.lower);
    if at == 0 || word(at - 1) != Some("from") {
        return false;
    }
    if matches!(at.checked_sub(2).and_then(word), Some("up" | "down")) {
        return true;
    }
    // "rose to 40 from 30": a change verb, then "to", before the "from"
    let clause = (sent.start..at - 1).rev().take(PREDICATE_WINDOW + 2);
    let mut saw_to = false;
    for k in clause {
        match word(k) {
            Some("to") => saw_to = true,
            Some(w) if saw_to && change_verb(w) => return true,
            _ if t[k].kind == TokKind::Punct && !t[k].is_dash() => return false,
            _ => {}
        }
    }
    false
}

/// Verbs of a change between two levels: "rose", "fell", "cut"…
pub(super) fn change_verb(word: &str) -> bool {
    matches!(
        word,
        "rose"
            | "risen"
            | "rise"
            | "rises"
            | "rising"
            | "fell"
            | "fallen"
            | "fall"
            | "falls"
            | "falling"
            | "increased"
            | "increase"
            | "increasing"
            | "decreased"
            | "decrease"
            | "grew"
            | "grown"
            | "grow"
            | "climbed"
            | "climb"
            | "dropped"
            | "drop"
            | "jumped"
            | "jump"
            | "went"
            | "gone"
            | "soared"
            | "plunged"
            | "declined"
            | "slipped"
            | "edged"
            | "surged"
            | "raised"
            | "cut"
            | "lowered"
            | "boosted"
            | "shrank"
            | "down"
            | "up"
            | "gained"
            | "lost"
            | "slid"
            | "tumbled"
    )
}

/// Words ending in "-ed" that are adjectives or nouns far more often than the verb of a clause.
fn not_a_verb(word: &str) -> bool {
    matches!(
        word,
        "armed"
            | "based"
            | "red"
            | "need"
            | "feed"
            | "seed"
            | "speed"
            | "indeed"
            | "united"
            | "related"
            | "aged"
            | "bed"
            | "hundred"
            | "called"
            | "named"
            | "alleged"
            | "unidentified"
            | "masked"
            | "hooded"
            | "so-called"
            | "unnamed"
            | "estimated"
            | "reported"
            | "added"
            | "stated"
            | "noted"
            | "quoted"
            | "continued"
            | "owned"
    )
}

/// The verb of the figure's clause: a predicate of a known class, a verb of a class of what is
/// done to things ("nabbed", "confiscated" and "seized" are one event), else the nearest word in
/// "-ed" (the past tense or participle news writes events in), after the counted noun first
/// ("rifles were seized"), then before the figure ("seized seven rifles"). Clause breaks end the
/// search, except the commas and "and" of a list of counted things: in "seized six rifles, 12
/// magazines and 300 rounds" every item was seized.
fn clause_verb(
    t: &[Token],
    start: usize,
    after_noun: usize,
    sent: &std::ops::Range<usize>,
) -> Option<Slot> {
    let verb = |x: &Token| -> Option<Slot> {
        if x.kind != TokKind::Word {
            return None;
        }
        if let Some(p) = lexicon::predicate_class(x.lower) {
            return Some(Slot::Borrowed(p));
        }
        if let Some(p) = lexicon::thing_verb_class(x.lower) {
            return Some(Slot::Borrowed(p));
        }
        let w = x.lower;
        (w.len() > 4 && w.ends_with("ed") && !not_a_verb(w)).then(|| Slot::Owned(w.into()))
    };
    let mut k = after_noun;
    let mut steps = 0;
    // Tokens of later list items passed over: "six rifles, 12 magazines and about 300 rounds
    // were found": the verb after the list is every item's.
    let mut listed = 0;
    // numbers and qualifiers take no step, so the tokens visited are bounded on their own: a
    // run of numbers must not make the search, and the figures, quadratic
    let visit_end = sent.end.min(after_noun + 2 * (PREDICATE_WINDOW + LIST_TOKENS));
    while k < visit_end && steps < PREDICATE_WINDOW {
        let x = &t[k];
        // a dash with spaces around it opens another clause ("fired 11 shots — the autopsy
        // showed"); one touching its words joins them ("AK-47")
        let spaced_dash = x.is_dash() && k > 0 && t[k - 1].span.end != x.span.start;
        if x.kind == TokKind::Punct && !x.is_dash() || spaced_dash || clause_break(x.lower) {
            if listed < LIST_TOKENS && list_joint(t, k, sent) {
                listed += steps + 1;
                steps = 0;
                k += 1;
                continue;
            }
            break;
        }
        if let Some(v) = verb(x) {
            return Some(v);
        }
        // the number and qualifier of a list item are not words between noun and verb
        let item_start = x.kind == TokKind::Num
            || lexicon::small_number(x.lower).is_some()
            || lexicon::in_qualifier(x.lower);
        k += 1;
        steps += usize::from(!item_start);
    }
    let mut k = start;
    let mut steps = 0;
    // Tokens passed over in earlier items of a list: bounded, so a long list stays linear.
    let mut listed = 0;
    while k > sent.start && steps < PREDICATE_WINDOW {
        k -= 1;
        let x = &t[k];
        let breaks = x.kind == TokKind::Punct && !x.is_dash()
            || matches!(x.lower, "and" | "but" | "while" | "where" | "who" | "which");
        if breaks {
            if listed < LIST_TOKENS && list_joint(t, k, sent) {
                listed += steps + 1;
                steps = 0;
                continue;
            }
            break;
        }
        // "attacked a police station as well as three banks": the list goes on
        if x.is_word("well")
            && t.get(k + 1).is_some_and(|n| n.is_word("as"))
            && k > sent.start + 1
            && t[k - 1].is_word("as")
            && listed < LIST_TOKENS
        {
            listed += steps + 2;
            steps = 0;
            k -= 1;
            continue;
        }
        if let Some(v) = verb(x) {
            return Some(v);
        }
        steps += 1;
    }
    None
}

/// How far back a relative clause's "which" is looked for: bounded, so that a long sentence of
/// figures stays linear.
const RELATIVE_CLAUSE_TOKENS: usize = 40;

/// How many tokens of earlier list items the verb search may pass over.
const LIST_TOKENS: usize = 24;

/// Whether the comma or "and" at `k` joins two items of a list of counted things: a number
/// starts right after it (", 12 magazines", "and about 300 rounds") and a noun ends the item
/// before it ("rifles,", "a government building,").
fn list_joint(t: &[Token], k: usize, sent: &std::ops::Range<usize>) -> bool {
    if !(t[k].is_punct(",") || t[k].is_word("and")) {
        return false;
    }
    let mut j = k + 1;
    // ", and 300 rounds"
    if t[k].is_punct(",") && t.get(j).is_some_and(|x| x.is_word("and")) {
        j += 1;
    }
    let starts_number = |j: usize| {
        t.get(j).filter(|_| j < sent.end).is_some_and(|x| {
            x.kind == TokKind::Num
                || lexicon::small_number(x.lower).is_some()
                || lexicon::opens_qualifier(x.lower)
        })
    };
    let mut before = k;
    // "rifles, and": the comma before "and"
    if t[k].is_word("and") && before > sent.start && t[before - 1].is_punct(",") {
        before -= 1;
    }
    // a noun ends the item before: "rifles,", "a government building,"
    let noun_before = before > sent.start && {
        let x = &t[before - 1];
        x.kind == TokKind::Word
            && !x.is_capitalised()
            && x.lower.len() > 2
            && !lexicon::noun_stop(x.lower)
            && !clause_break(x.lower)
    };
    starts_number(j) && noun_before
}

/// Whether the figure counts a part of a larger count, or an addition to one: "two of the three
/// victims", "a further three", "another 20,000", "all three of the people", "two other people".
fn is_part(t: &[Token], r: &Reading) -> bool {
    let before = |n: usize| r.start.checked_sub(n).and_then(|k| t.get(k)).map(|x| x.lower);
    let after = t.get(r.end).map(|x| x.lower);
    matches!(before(1), Some("another" | "further" | "additional" | "all" | "other"))
        || after == Some("other")
        || matches!((before(2), before(1)), (Some("of"), Some("the" | "these" | "those")))
        || after == Some("of")
            && t.get(r.end + 1).is_some_and(|x| {
                matches!(x.lower, "the" | "them" | "those" | "these" | "whom" | "which")
            })
            && !toll_among_those_named(t, r.end + 1)
}

/// Whether "of" + the words at `from` are "the three victims died", "the 30 passengers were
/// killed": a toll taken among people named by who they are, not by what happened to them. The
/// part is then the event's whole toll ("two of the three victims died": two killed), while in
/// "two of the dead were children" it is a part of one.
fn toll_among_those_named(t: &[Token], from: usize) -> bool {
    let mut k = from;
    if !t.get(k).is_some_and(|x| x.is_word("the")) {
        return false;
    }
    k += 1;
    if t.get(k).is_some_and(|x| x.kind == TokKind::Num || lexicon::small_number(x.lower).is_some())
    {
        k += 1;
    }
    if !t.get(k).is_some_and(|x| {
        x.kind == TokKind::Word
            && lexicon::noun_class(x.lower).is_some()
            && lexicon::predicate_class(x.lower).is_none()
    }) {
        return false;
    }
    k += 1;
    while t
        .get(k)
        .is_some_and(|x| matches!(x.lower, "were" | "was" | "have" | "has" | "had" | "been"))
    {
        k += 1;
    }
    t.get(k)
        .and_then(|x| (x.kind == TokKind::Word).then(|| lexicon::predicate_class(x.lower)))
        .flatten()
        .is_some_and(|p| p == "killed" || p == "injured")
        // "two of the five victims died in hospital", "later": some of the toll, not all of it
        && !t[k + 1..(k + 4).min(t.len())].iter().any(|x| {
            matches!(x.lower, "hospital" | "later" | "afterwards" | "subsequently")
        })
}

/// Whether the figure is the outcome of an action the sentence adds to those told before: "They
/// also attacked a television crew's truck, injuring at least two people", "Gunmen also fired on
/// a bus, killing three". The toll of one more act is a part of the event's, not the event's.
/// "Also" only says so of an act: "police also said 70 were hurt" adds a statement, and in "the
/// quake also injured 300" the toll is the quake's (no comma between act and figure).
fn addition(t: &[Token], at: usize, sent: &std::ops::Range<usize>) -> bool {
    let Some(also) = (sent.start..at).find(|&k| t[k].is_word("also")) else { return false };
    let statement = t.get(also + 1).is_some_and(|x| {
        matches!(
            x.lower,
            "said"
                | "says"
                | "say"
                | "told"
                | "reported"
                | "reports"
                | "confirmed"
                | "added"
                | "noted"
                | "announced"
                | "stated"
                | "estimated"
        )
    });
    !statement && (also + 1..at).any(|k| t[k].is_punct(","))
}

/// Whether the figure is a total over several incidents or a running total: "a total of 31
/// magazines", "31 magazines in all", "so far", "to date", "altogether". Said of the figure
/// itself (a few words before it) or anywhere in its sentence ("so far" ends clauses as often as
/// it starts them).
fn total(t: &[Token], at: usize, sent: &std::ops::Range<usize>, lead: &Lead) -> bool {
    let word = |k: usize| t.get(k).filter(|_| sent.contains(&k)).map(|x| x.lower);
    // "a total of 31", "the combined 31", "a cumulative 31"
    let before = |n: usize| at.checked_sub(n).and_then(word);
    if matches!(before(1), Some("combined" | "cumulative" | "overall"))
        || matches!((before(2), before(1)), (Some("total"), Some("of")))
        // the reading takes "a total of" in as a qualifier
        || matches!((word(at), word(at + 1)), (Some("a" | "the"), Some("total")))
    {
        return true;
    }
    lead.total_phrase(t, sent)
}

/// Whether sentence `sent` says anywhere that its figures are totals: "so far", "to date", "in
/// all", "altogether".
fn total_phrase(t: &[Token], sent: &std::ops::Range<usize>) -> bool {
    let word = |k: usize| t.get(k).filter(|_| sent.contains(&k)).map(|x| x.lower);
    // most words open no phrase: their next word is not looked at
    let opens = |k: usize| {
        matches!(word(k), Some("so" | "thus" | "to" | "in" | "altogether" | "cumulatively"))
    };
    sent.clone().filter(|&k| opens(k)).any(|k| match (word(k), word(k + 1)) {
        (Some("so" | "thus"), Some("far")) | (Some("to"), Some("date")) => true,
        (Some("in"), Some("all" | "total")) => {
            // "in all the operations" is about the operations, not a total
            !matches!(word(k + 2), Some("the" | "of" | "its" | "their" | "his" | "her"))
        }
        (Some("altogether" | "cumulatively"), _) => true,
        _ => false,
    })
}

/// Whether a count of things is a part of a larger count: as [`is_part`], except that "the
/// seven" of "three of the seven bullets" is the whole the part is taken from. "Three other
/// rifles" (besides the AK-47s) stays a part: "nine assault rifles" elsewhere counts them all.
fn is_part_of_things(t: &[Token], r: &Reading) -> bool {
    let before = r.start.checked_sub(1).and_then(|k| t.get(k)).map(|x| x.lower);
    let after = t.get(r.end).map(|x| x.lower);
    matches!(before, Some("another" | "further" | "additional" | "all" | "other"))
        || after == Some("other")
        || after == Some("of")
            && t.get(r.end + 1).is_some_and(|x| {
                matches!(x.lower, "the" | "them" | "those" | "these" | "whom" | "which")
            })
}

/// The scope of a figure of things or money: a part of a larger count, a total, or the whole.
fn scope_of(t: &[Token], r: &Reading, sent: &std::ops::Range<usize>, lead: &Lead) -> Scope {
    let before = r.start.checked_sub(1).and_then(|k| t.get(k));
    if t.get(r.end).is_some_and(|x| x.is_word("other"))
        || before.is_some_and(|x| x.is_word("other"))
    {
        Scope::Others
    } else if is_part_of_things(t, r) {
        Scope::Part
    } else if total(t, r.start, sent, lead) {
        Scope::Total
    } else {
        Scope::Whole
    }
}

/// A percentage's frame: what it is a share of ("40 percent of the vote", "2.5% of GDP") or, with
/// no "of", the noun it qualifies ("a 5 percent stake") or the verb before it ("rose 5.4
/// percent" is a change, not a share, and gets none).
fn share_frame(
    t: &[Token],
    r: &Reading,
    sent: &std::ops::Range<usize>,
    lead: &Lead,
) -> Option<Frame> {
    let word = |k: usize| t.get(k).filter(|x| k < sent.end && x.kind == TokKind::Word);
    let mut k = r.noun_from;
    let of = word(k).is_some_and(|x| x.lower == "of");
    if of {
        k += 1;
        while word(k).is_some_and(|x| {
            matches!(x.lower, "the" | "a" | "an" | "its" | "their" | "his" | "her")
        }) {
            k += 1;
        }
    }
    // A change ("rose 5 percent", "fell by 3.9 percent") is not a level of anything.
    let before = r.start.checked_sub(1).and_then(word).map(|x| x.lower);
    let before2 = r.start.checked_sub(2).and_then(word).map(|x| x.lower);
    if before.is_some_and(change_verb) || before == Some("by") && before2.is_some_and(change_verb) {
        return change_frame(t, r, sent, lead);
    }
    let noun = word(k).filter(|x| {
        !lexicon::noun_stop(x.lower)
            && !clause_break(x.lower)
            && x.lower.len() > 2
            && (of || !x.is_capitalised())
    })?;
    Some(Frame {
        measured: Measured::Share,
        counted: Some("percent".into()),
        group: None,
        event: Some(format!("of {}", lexicon::singular(noun.lower)).into()),
        place: None,
        when: era(t, sent, r.start, lead),
        scope: if is_part(t, r) { Scope::Part } else { Scope::Whole },
    })
}

/// A change in percent of a thing named right before its verb: "Greek stocks plunged 5.4 per
/// cent", "stocks closed down 3.9 percent", "shares fell by 2 percent". Its direction is part of
/// what is measured ("fall of stock"); a change whose thing or direction is unknown is not
/// compared. Changes are measured at different times, so their differences are information.
fn change_frame(
    t: &[Token],
    r: &Reading,
    sent: &std::ops::Range<usize>,
    lead: &Lead,
) -> Option<Frame> {
    let word =
        |k: usize| t.get(k).filter(|x| k < sent.end && sent.start <= k && x.kind == TokKind::Word);
    let mut k = r.start.checked_sub(1)?;
    if word(k)?.lower == "by" {
        k = k.checked_sub(1)?;
    }
    let mut direction = None;
    // "closed down", "plunged", "fell sharply": the verb and its particle, two words at most
    for _ in 0..3 {
        let x = word(k)?;
        let w = x.lower;
        if change_verb(w) || matches!(w, "closed" | "ended" | "finished" | "opened" | "sharply") {
            direction = direction.or_else(|| change_direction(w));
            k = k.checked_sub(1)?;
        } else {
            break;
        }
    }
    let direction = direction?;
    // a common noun: "stocks", "the index", "Shares" opening the sentence; not a name or pronoun
    let subject = word(k).filter(|x| {
        (!x.is_capitalised() || k == sent.start)
            && x.lower.len() > 3
            && !lexicon::noun_stop(x.lower)
            && !clause_break(x.lower)
            && !matches!(x.lower, "they" | "this" | "that" | "which" | "what")
    })?;
    Some(Frame {
        measured: Measured::Share,
        counted: Some("percent change".into()),
        group: None,
        event: Some(format!("{direction} of {}", lexicon::singular(subject.lower)).into()),
        place: None,
        when: era(t, sent, r.start, lead),
        scope: Scope::Whole,
    })
}

/// Which way a change verb goes: "rise" or "fall"; `None` for a verb of no direction.
fn change_direction(word: &str) -> Option<&'static str> {
    match word {
        "rose" | "risen" | "rise" | "rises" | "rising" | "increased" | "increase" | "grew"
        | "grown" | "climbed" | "climb" | "jumped" | "jump" | "soared" | "surged" | "gained"
        | "up" => Some("rise"),
        "fell" | "fallen" | "fall" | "falls" | "falling" | "decreased" | "decrease" | "dropped"
        | "drop" | "plunged" | "declined" | "slipped" | "tumbled" | "slid" | "down" | "lost"
        | "shrank" => Some("fall"),
        _ => None,
    }
}

/// A distance's frame: what is how far from which named place ("Idlib, about 60 kilometers
/// southwest of Aleppo", "the building, about 15 miles north of Detroit"), or who fell how far
/// ("Rait fell about 200ft", the faller named by age where the sentence gives one: "a
/// 36-year-old climber fell"), or the size of what a unit written as an adjective qualifies ("a
/// 10-metre dhow"), compared in metres (`super::in_base_unit`): "200ft" and "60m" meet. A
/// distance whose located thing or faller the text does not name right there is not compared:
/// two distances from one city are rarely of one thing.
fn distance_frame(
    t: &[Token],
    r: &Reading,
    sent: &std::ops::Range<usize>,
    lead: &Lead,
) -> Option<Frame> {
    let unit = lexicon::unit_scale(r.unit.as_deref()?)?.dimension.as_str();
    let word = |k: usize| t.get(k).filter(|x| k < sent.end && x.kind == TokKind::Word);
    // A conversion in brackets ("1,150 kilometers (700 miles) southeast of Tehran", "falling
    // about 60 metres (200 feet)") is of what the figure before it is of, in its own unit: its
    // subject and verb are found from that figure's number.
    let converted_from =
        r.start.checked_sub(1).filter(|&open| open > sent.start && t[open].is_punct("(")).and_then(
            |open| {
                (open.saturating_sub(4).max(sent.start)..open)
                    .rev()
                    .find(|&j| t[j].kind == TokKind::Num)
            },
        );
    let anchor = converted_from.unwrap_or(r.start);
    let mut k = r.end;
    if converted_from.is_some() && t.get(k).is_some_and(|x| x.is_punct(")")) {
        k += 1;
    }
    // skip a conversion in brackets: "1,150 kilometers (700 miles) southeast of Tehran"
    if t.get(k).is_some_and(|x| x.is_punct("(")) {
        k = (k..sent.end.min(k + 8)).find(|&j| t[j].is_punct(")")).map_or(k, |j| j + 1);
    }
    while word(k).is_some_and(|x| lexicon::direction(x.lower) || x.lower == "away") {
        k += 1;
    }
    let from_place = word(k)
        .filter(|x| matches!(x.lower, "from" | "of" | "outside"))
        .and_then(|_| {
            let j = if word(k + 1).is_some_and(|x| x.lower == "the") { k + 2 } else { k + 1 };
            word(j).filter(|x| x.is_capitalised())
        })
        .and_then(|place| {
            let what =
                subject_before(t, anchor, sent, lead).or_else(|| opening_apposition(t, sent))?;
            Some(format!("distance of {what} from {}", fold_name(place.lower)))
        });
    let fell = || {
        let verb = (anchor.saturating_sub(3)..anchor)
            .rev()
            .find(|&j| word(j).is_some_and(|x| lexicon::fall_verb(x.lower)))?;
        let faller =
            described_by_age(t, verb, sent).or_else(|| subject_before(t, verb, sent, lead))?;
        Some(format!("fall of {faller}"))
    };
    // "a 10-metre dhow", "the 10-metre-long dhow", "a 24- to 30-foot dhow", "a 3m-high wall":
    // a unit written as an adjective measures the noun it qualifies, along the dimension named
    // after it (length when none is)
    let attributive = || {
        let unit_at = r.end.checked_sub(1).filter(|&u| u > r.start && t[u - 1].is_dash())?;
        let mut k = unit_at + 1;
        let mut along = "length";
        if t.get(k).is_some_and(|x| x.is_dash()) {
            along = match word(k + 1)?.lower {
                "long" => "length",
                "high" | "tall" => "height",
                "deep" => "depth",
                "wide" => "width",
                _ => return None,
            };
            k += 2;
        }
        let noun = word(k).filter(|x| {
            !x.is_capitalised()
                && x.lower.len() > 2
                && !lexicon::noun_stop(x.lower)
                && !clause_break(x.lower)
                && lexicon::predicate_class(x.lower).is_none()
        })?;
        Some(format!("{along} of {}", lexicon::singular(noun.lower)))
    };
    let event = from_place.or_else(fell).or_else(attributive)?;
    Some(Frame {
        measured: Measured::Measure,
        counted: Some(unit.to_string().into()),
        group: None,
        event: Some(event.into()),
        place: None,
        when: era(t, sent, r.start, lead),
        scope: Scope::Whole,
    })
}

/// A duration's frame: how long what lasted, compared in the base unit of its dimension (seconds
/// to hours, or days to centuries: "two weeks" meets "14 days") ("30 hours of deliberation",
/// "deliberated for 40 hours", "sentenced to 2 years", "lasted 30 seconds"). What lasted is the
/// noun after "of", else the verb before the figure (not the noun after a unit written as an
/// adjective: "a seven-year offer" and "an eight-year offer" are usually two offers), reduced to a stem so that "deliberation" and "deliberated", "riots" and "rioting" are
/// one. A duration with neither, or of a unit of its own ("three-week-old"), is not compared.
fn duration_frame(
    t: &[Token],
    r: &Reading,
    sent: &std::ops::Range<usize>,
    lead: &Lead,
) -> Option<Frame> {
    let word = |k: usize| t.get(k).filter(|x| k < sent.end && x.kind == TokKind::Word);
    let unit_at =
        (r.start..r.end).rev().find(|&k| word(k).is_some_and(|x| lexicon::time_unit(x.lower)))?;
    // compared in the base unit of its dimension: "two weeks" against "14 days"
    let unit = lexicon::unit_scale(t[unit_at].lower)
        .map_or_else(|| lexicon::singular(t[unit_at].lower), |u| u.dimension.as_str().to_string());
    // "years old", "-long" and the like end the reading after the unit
    if r.end != unit_at + 1 {
        return None;
    }
    // "a seven-year deal", "an 8-year, $160 million contract": a unit in the singular after a
    // number above one qualifies a noun, whose own frame the duration would need
    if !t[unit_at].lower.ends_with('s') && r.value != 1.0 {
        return None;
    }
    let usable = |x: &Token| {
        !x.is_capitalised()
            && x.lower.len() > 3
            && !lexicon::noun_stop(x.lower)
            && !clause_break(x.lower)
            && !lexicon::time_unit(x.lower)
            && !matches!(x.lower, "ago" | "later" | "earlier" | "long" | "old")
    };
    // "30 hours of deliberation", "eight days of the worst riots"
    let of_noun = || {
        let mut k = r.end;
        if word(k).is_none_or(|x| x.lower != "of") {
            return None;
        }
        k += 1;
        while word(k).is_some_and(|x| {
            matches!(x.lower, "the" | "a" | "an" | "his" | "her" | "its" | "their")
                || x.lower.ends_with("est")
                || x.lower == "worst"
        }) {
            k += 1;
        }
        word(k).filter(|x| usable(x))
    };
    // "deliberated Nichols' fate for 40 hours", "sentenced to 2 years", "lasted 30 seconds"
    let verb_before = || {
        (r.start.saturating_sub(PREDICATE_WINDOW).max(sent.start)..r.start)
            .rev()
            .take_while(|&k| !t[k].is_punct(",") && !t[k].is_punct(";"))
            .filter_map(word)
            .find(|x| {
                let w = x.lower;
                w.len() > 4 && w.ends_with("ed") && !not_a_verb(w)
            })
    };
    let what = of_noun().or_else(verb_before)?;
    Some(Frame {
        measured: Measured::Measure,
        counted: Some(unit.into()),
        group: None,
        event: Some(format!("duration of {}", stem(what.lower)).into()),
        place: None,
        when: era(t, sent, r.start, lead),
        scope: scope_of(t, r, sent, lead),
    })
}

/// A crude stem, so that a noun and its verb meet: "deliberation", "deliberations" and
/// "deliberated" → "delibe"; "riots" and "rioting" → "riot"; "sentence", "sentenced" → "senten".
fn stem(word: &str) -> String {
    let mut w = word;
    for suffix in ["ations", "ation", "ions", "ion", "ings", "ing", "ed", "es", "s", "e"] {
        if let Some(rest) = w.strip_suffix(suffix).filter(|r| r.len() >= 3) {
            w = rest;
            break;
        }
    }
    w.chars().take(6).collect()
}

/// The thing or person right before `at` that a distance is of: "Idlib, about 60 km", "the
/// building, about 15 miles", "a motorist 50 miles", "Rait fell": a name (folded) or a noun
/// (singular), past a comma and the words "located", "lies", "is" and the like. `None` for a
/// pronoun or anything else.
/// Past a relative clause ("The island, which has 200,000 residents, is 940 miles south"): its
/// antecedent. "The island" is the island the lead names.
fn subject_before(
    t: &[Token],
    at: usize,
    sent: &std::ops::Range<usize>,
    lead: &Lead,
) -> Option<String> {
    let mut k = at;
    for _ in 0..5 {
        if k <= sent.start {
            return None;
        }
        k -= 1;
        let x = &t[k];
        if x.is_punct(",") {
            // ", which … ,": on to the word before the relative clause
            let relative = (sent.start + 1..k)
                .rev()
                .take(RELATIVE_CLAUSE_TOKENS)
                .take_while(|&j| !t[j].is_punct(","))
                .find(|&j| matches!(t[j].lower, "which" | "who") && t[j - 1].is_punct(","));
            if let Some(j) = relative {
                k = j - 1;
            }
            continue;
        }
        if x.is_punct(",")
            || x.kind == TokKind::Word
                && matches!(
                    x.lower,
                    "located"
                        | "lies"
                        | "lying"
                        | "situated"
                        | "is"
                        | "was"
                        | "some"
                        | "just"
                        | "only"
                        | "had"
                        | "has"
                        | "reportedly"
                        | "about"
                        | "around"
                )
        {
            continue;
        }
        if x.kind != TokKind::Word {
            return None;
        }
        let w = x.lower;
        if lexicon::noun_stop(w)
            || clause_break(w)
            || matches!(w, "he" | "she" | "it" | "they" | "we" | "i" | "you" | "him" | "them")
        {
            return None;
        }
        if let Some(class) = place_class(w) {
            if k > sent.start && t[k - 1].is_word("the") {
                if let Some(name) = lead.place_of(class) {
                    return Some(name.clone());
                }
            }
        }
        // a letter left of a number ("in his early 30s fell") or a plural's bare "s" names nobody:
        // the slot stays unknown rather than empty
        let subject = if x.is_capitalised() { fold_name(w) } else { lexicon::singular(w) };
        return (subject.chars().filter(|c| c.is_alphabetic()).count() > 1).then_some(subject);
    }
    None
}

/// The person a sentence describes by age before `at`, the nearest one: "A 36-year-old
/// Australian climber is dead after falling…", "36-year-old Duncan Rait died after slipping and
/// falling…" → "36-year-old". News names the victim of an accident by age more steadily than by
/// name or noun ("the climber", "the man", "Rait", "Raite"), and often where the verb's subject
/// is a pronoun or far back.
fn described_by_age(t: &[Token], at: usize, sent: &std::ops::Range<usize>) -> Option<String> {
    (sent.start + 4..at.min(sent.end)).rev().find_map(|k| {
        let age = t[k].is_word("old")
            && t[k - 1].is_dash()
            && t[k - 2].is_word("year")
            && t[k - 3].is_dash()
            && t[k - 4].kind == TokKind::Num;
        age.then(|| format!("{}-year-old", t[k - 4].text))
    })
}

/// The name a sentence opens with when an apposition follows it: "Qeshm, a 1,500-square-km
/// island off the coast and 1,500 kilometers south of Tehran, has…": what the apposition's
/// figures are of.
fn opening_apposition(t: &[Token], sent: &std::ops::Range<usize>) -> Option<String> {
    let name = t.get(sent.start).filter(|x| {
        x.is_capitalised()
            && !lexicon::noun_stop(x.lower)
            && !matches!(x.lower, "the" | "a" | "an" | "it" | "this" | "that" | "its")
    })?;
    let comma = t.get(sent.start + 1).is_some_and(|x| x.is_punct(","));
    let apposition = t
        .get(sent.start + 2)
        .is_some_and(|x| matches!(x.lower, "a" | "an" | "the" | "located" | "situated" | "which"));
    (comma && apposition && sent.start + 2 < sent.end).then(|| fold_name(name.lower))
}

/// A calibre's frame: the calibre of which weapon (".38-caliber revolver", ".357 caliber
/// Rohm's Industry revolver"), handguns under one name. Police accounts of one weapon that
/// give two calibres disagree.
fn calibre_frame(
    t: &[Token],
    r: &Reading,
    sent: &std::ops::Range<usize>,
    lead: &Lead,
) -> Option<Frame> {
    let mut k = r.noun_from;
    // past a maker's name: "Rohm's Industry"
    let mut skipped = 0;
    while k < sent.end && skipped < 5 {
        let x = &t[k];
        if x.is_capitalised() || x.kind == TokKind::Punct && !x.is_punct(",") || x.is_word("s") {
            k += 1;
            skipped += 1;
        } else {
            break;
        }
    }
    let weapon = t.get(k).filter(|x| k < sent.end && x.kind == TokKind::Word)?;
    let weapon = match weapon.lower {
        "revolver" | "pistol" | "handgun" | "gun" | "semi-automatic" => "handgun".to_string(),
        "rifle" | "shotgun" | "weapon" | "bullet" | "round" | "ammunition" => {
            lexicon::singular(weapon.lower)
        }
        _ => return None,
    };
    Some(Frame {
        measured: Measured::Measure,
        counted: Some("caliber".into()),
        group: None,
        event: Some(weapon.into()),
        place: None,
        when: era(t, sent, r.start, lead),
        scope: Scope::Whole,
    })
}

/// A frame for things counted with a noun of no known class: the noun and the clause's verb.
/// A participle before the noun is the event when it has a class ("355 damaged shops");
/// ammunition is counted under one name ("shots", "bullets", "rounds"); an occurrence
/// ("aftershocks", "blasts") needs no verb, as it is itself what happened.
/// `counts`: what the figure counts as [`Context::counts`] has it, which is the noun's text
/// already, to share rather than copy.
fn thing_frame(
    t: &[Token],
    r: &Reading,
    noun: Option<&str>,
    counts: Option<&Slot>,
    after_noun: usize,
    sent: &std::ops::Range<usize>,
    lead: &Lead,
) -> Option<Frame> {
    let noun = noun?;
    let occurrence = lexicon::occurrence(noun);
    let modifier_verb = (r.end..after_noun.min(sent.end))
        .filter(|&k| t[k].kind == TokKind::Word)
        .find_map(|k| lexicon::thing_verb_class(t[k].lower))
        .map(Slot::Borrowed);
    let occupants = lexicon::vehicle(noun).then(|| occupants(t, r, after_noun, sent)).flatten();
    let event: Slot = if occurrence {
        "occurred".into()
    } else if let Some(who) = occupants {
        format!("carrying {who}").into()
    } else {
        modifier_verb.or_else(|| clause_verb(t, r.start, after_noun, sent))?
    };
    let counted: Slot = if lexicon::ammunition(noun) {
        "shot".into()
    } else if matches!(noun, "ship" | "vessel") {
        // "a dozen ships", "14 foreign vessels"
        "ship".into()
    } else {
        counts.filter(|c| c.as_ref() == noun).cloned().unwrap_or_else(|| Slot::Owned(noun.into()))
    };
    Some(Frame {
        measured: Measured::Things,
        counted: Some(counted),
        group: None,
        event: Some(event),
        place: None,
        when: era_counting(t, sent, r.start, lead, occurrence),
        scope: scope_of(t, r, sent, lead),
    })
}

/// Who vehicles carry, named beside them: "the pirates in two boats", "The pirates, in three
/// boats", "pirates on two speed boats", "two boats of pirates". What one outlet says the
/// vehicles did ("fired", "surrounded", "closing in") and another does not say little about
/// which vehicles are meant; who was in them says more.
fn occupants(
    t: &[Token],
    r: &Reading,
    after_noun: usize,
    sent: &std::ops::Range<usize>,
) -> Option<String> {
    let people = |k: usize| {
        t.get(k)
            .filter(|x| {
                sent.contains(&k)
                    && x.kind == TokKind::Word
                    && !x.is_capitalised()
                    && x.lower.len() > 3
                    && x.lower.ends_with('s')
                    && !lexicon::noun_stop(x.lower)
                    && lexicon::predicate_class(x.lower).is_none()
            })
            .map(|x| lexicon::singular(x.lower))
    };
    let before = || {
        let prep = r.start.checked_sub(1)?;
        if !matches!(t[prep].lower, "in" | "on" | "aboard") {
            return None;
        }
        let mut k = prep.checked_sub(1)?;
        if t[k].is_punct(",") {
            k = k.checked_sub(1)?;
        }
        people(k)
    };
    let after =
        || t.get(after_noun).filter(|x| x.is_word("of")).and_then(|_| people(after_noun + 1));
    before().or_else(after)
}

/// "shot seven times", "Teen Shot 11 Times", "hitting Gray eleven times": the shots that hit,
/// the same quantity as "seven bullets hit him"; "fired 11 times" counts the shots fired. Other
/// verbs before "times" ("arrested five times") say too little to compare.
fn times_frame(
    t: &[Token],
    r: &Reading,
    sent: &std::ops::Range<usize>,
    lead: &Lead,
) -> Option<Frame> {
    // the verb right before the number, or before its object: "hitting Gray eleven times"
    let verb = (r.start.saturating_sub(2).max(sent.start)..r.start)
        .rev()
        .map(|k| &t[k])
        .find(|x| x.kind == TokKind::Word && !x.is_capitalised() || x.is_word("shot"))?;
    let event = match verb.lower {
        "shot" | "hit" | "struck" | "hitting" | "striking" | "shooting" => "hit",
        "fired" | "firing" => "fired",
        _ => return None,
    };
    // "shot at him 11 times" fired, not hit
    if event == "hit" && t.get(r.start.wrapping_sub(1)).is_some_and(|x| x.is_word("at")) {
        return None;
    }
    Some(Frame {
        measured: Measured::Things,
        counted: Some("shot".into()),
        group: None,
        event: Some(event.into()),
        place: None,
        when: era(t, sent, r.start, lead),
        scope: Scope::Whole,
    })
}

/// The currency of a money figure, from its own tokens: "$" and "dollars" → usd, "€" and "euros"
/// → eur, "£" and "pounds" → gbp; other currencies by their code or word.
fn currency(t: &[Token], r: &Reading) -> Option<Slot> {
    t[r.start..r.end.min(t.len())].iter().find_map(|x| {
        Some(match x.lower {
            _ if x.text.contains('$') => Slot::Borrowed("usd"),
            _ if x.text.contains('€') => Slot::Borrowed("eur"),
            _ if x.text.contains('£') => Slot::Borrowed("gbp"),
            "dollar" | "dollars" | "usd" => Slot::Borrowed("usd"),
            "euro" | "euros" | "eur" => Slot::Borrowed("eur"),
            "pound" | "pounds" | "gbp" | "sterling" => Slot::Borrowed("gbp"),
            w if x.kind == TokKind::Word && lexicon::currency_word(w) => Slot::Owned(w.into()),
            _ => return None,
        })
    })
}

/// A money figure's frame: the currency and what the amount is of, the noun it qualifies ("a
/// $80 million contract", "$23 million per season") or the noun "worth" follows ("a deal worth
/// $184 million").
fn money_frame(
    t: &[Token],
    r: &Reading,
    sent: &std::ops::Range<usize>,
    lead: &Lead,
) -> Option<Frame> {
    let currency = currency(t, r)?;
    let word = |k: usize| t.get(k).filter(|x| k < sent.end && x.kind == TokKind::Word);
    // The amount converted in brackets ("200 million euros ($265.3 million) of damage"), or the
    // conversion itself: what follows the brackets is what both are of.
    let mut end = r.end;
    if t.get(end).is_some_and(|x| x.is_punct("(")) {
        end = (end..sent.end.min(end + 8)).find(|&j| t[j].is_punct(")")).map_or(end, |j| j + 1);
    } else if t.get(end).is_some_and(|x| x.is_punct(")")) {
        end += 1;
    }
    // "of the deal", "for the house": past the determiner
    let noun_after = |k: usize| {
        let k = if word(k).is_some_and(|x| {
            matches!(x.lower, "the" | "a" | "an" | "his" | "her" | "its" | "their")
        }) {
            k + 1
        } else {
            k
        };
        word(k)
            .filter(|n| !n.is_capitalised() && !lexicon::noun_stop(n.lower) && n.lower.len() > 2)
            .map(|n| lexicon::singular_cow(n.lower))
    };
    // borrowed from the tokens where it can be: the slot is made of it once, at the end
    let after = word(end).and_then(|x| match x.lower {
        "per" | "a" => {
            word(end + 1).map(|n| Cow::Owned(format!("per {}", lexicon::singular_cow(n.lower))))
        }
        "in" | "of" | "for" => noun_after(end + 1),
        w if !x.is_capitalised() && !lexicon::noun_stop(w) && !clause_break(w) && w.len() > 2 => {
            Some(lexicon::singular_cow(w))
        }
        _ => None,
    });
    let before = || {
        let k = r.start.checked_sub(1)?;
        let w = word(k)?;
        if !matches!(w.lower, "worth" | "of" | "is" | "was" | "at") {
            return None;
        }
        let n = word(k.checked_sub(1)?)?;
        (!n.is_capitalised() && !lexicon::noun_stop(n.lower) && n.lower.len() > 2)
            .then(|| lexicon::singular_cow(n.lower))
    };
    let event = after.or_else(before)?;
    let event = if lexicon::deal_noun(&event) { Cow::Borrowed("deal") } else { event };
    // A rate ("1,000 euros a month", "$23 million per season") says how often, not what for: two
    // pensioners' incomes are not one quantity. It is compared only when its clause names what
    // the money is ("a deal worth $184 million or $23 million per season"), which joins the key.
    let event = match event.strip_prefix("per ") {
        Some(_) => Cow::Owned(format!("{} {event}", rate_of(t, r.start, sent)?)),
        None => event,
    };
    Some(Frame {
        measured: Measured::Money,
        counted: Some(currency),
        group: None,
        event: Some(Slot::Owned(event.as_ref().into())),
        place: None,
        when: era(t, sent, r.start, lead),
        scope: scope_of(t, r, sent, lead),
    })
}

/// What a rate of money is paid as: the nearest money noun before the figure in its sentence
/// ("an eight-year deal worth $184 million or $23 million per season", "a pension of 800 euros a
/// month"), deals of every name as one.
fn rate_of(t: &[Token], at: usize, sent: &std::ops::Range<usize>) -> Option<String> {
    (sent.start..at).rev().take(RATE_NOUN_TOKENS).find_map(|k| {
        let w = t[k].lower;
        if lexicon::deal_noun(w) {
            Some("deal".to_string())
        } else {
            lexicon::money_noun(w).then(|| lexicon::singular(w))
        }
    })
}

/// How far before a rate of money its noun is looked for.
const RATE_NOUN_TOKENS: usize = 16;

/// The frame's counted thing and group of a counted class: troops are people, of one group.
fn counted_and_group(class: Option<Slot>) -> (Option<Slot>, Option<Slot>) {
    match class {
        Some(c) if lexicon::is_group_of_people(&c) => (Some(Slot::Borrowed("people")), Some(c)),
        other => (other, None),
    }
}

/// Predicates that, with no noun, can only be about people: "a war that has killed more than 290,000".
fn implies_people(predicate: &str) -> bool {
    matches!(predicate, "killed" | "injured" | "missing" | "displaced" | "evacuated" | "arrested")
}

fn small_vague(r: &Reading) -> bool {
    r.qualifier == super::Qualifier::Vague && r.high < 10.0
}

/// "two women and one man": the figure after "and" follows a counted noun.
fn coordinated(t: &[Token], start: usize) -> bool {
    start >= 2
        && matches!(t[start - 1].lower, "and" | "or")
        && lexicon::noun_class(t[start - 2].lower).is_some()
}

/// Predicates whose counts are compared. Arrests, evacuations and the missing change by the
/// hour and are reported piecemeal ("one man was arrested", "46 were detained"): not compared.
fn keyed_predicate(predicate: &str) -> bool {
    matches!(predicate, "killed" | "injured" | "displaced" | "protesting")
}

/// The era of a sentence. "since 2011" is the running total itself. A sentence opening with "It"
/// follows a previous sentence that is clearly about another event ("In February, a quake hit
/// Zarand. It killed 612 people.").
fn era(t: &[Token], sent: &std::ops::Range<usize>, at: usize, lead: &Lead) -> When {
    era_counting(t, sent, at, lead, false)
}

/// [`era`], for a figure that counts occurrences: aftershocks counted are part of the story,
/// while a toll in a sentence about an aftershock is of another event.
fn era_counting(
    t: &[Token],
    sent: &std::ops::Range<usize>,
    at: usize,
    lead: &Lead,
    counts_occurrences: bool,
) -> When {
    if unreported(t, sent, at) {
        return When::Elsewhere;
    }
    let own = era_of(t, sent, true, at, !counts_occurrences, lead);
    if !matches!(own, When::Story) {
        return own;
    }
    if let Some(place) = other_place(t, sent, at, lead) {
        return When::Background(place.into());
    }
    let opens_with_pronoun =
        t.get(sent.start).is_some_and(|x| matches!(x.lower, "it" | "that" | "this" | "the"))
            && t.get(sent.start + 1).is_some_and(|y| {
                matches!(
                    y.lower,
                    "killed"
                        | "left"
                        | "has"
                        | "had"
                        | "was"
                        | "quake"
                        | "earthquake"
                        | "temblor"
                        | "blast"
                        | "attack"
                )
            });
    if opens_with_pronoun && sent.start > 0 {
        return era_of(t, &previous_sentence(t, sent.start), false, at, true, lead);
    }
    When::Story
}

/// Whether the figure is not a report of what happened: a question ("Should they go higher than
/// $25 million?") or what someone asks for, seeks or wants ("asking for a contract worth $200
/// million"), which a later figure does not contradict.
fn unreported(t: &[Token], sent: &std::ops::Range<usize>, at: usize) -> bool {
    let question = t[sent.clone()].iter().rev().take(2).any(|x| x.is_punct("?"))
        || t.get(sent.end).is_some_and(|x| x.is_punct("?"));
    // what someone asks for: in the figure's own clause, a few words before it
    let wish = (sent.start..at)
        .rev()
        .take(PREDICATE_WINDOW + 2)
        .take_while(|&k| {
            let x = &t[k];
            !(x.kind == TokKind::Punct && !x.is_dash()
                || matches!(x.lower, "that" | "which" | "who" | "and" | "but"))
        })
        .any(|k| {
            matches!(
                t[k].lower,
                "asking"
                    | "asked"
                    | "seeking"
                    | "seek"
                    | "seeks"
                    | "sought"
                    | "wants"
                    | "wanted"
                    | "demanding"
                    | "demanded"
                    | "demands"
                    | "hoping"
                    | "hopes"
                    | "would"
                    | "could"
                    | "might"
                    | "if"
            )
        });
    question || wish
}

/// The names of the story's own places and actors: the capitalised words of its headline and
/// first sentences, where news says what happened and where. A figure whose clause is set in a
/// place the lead never names is about another event ("a quake in eastern China killed a dozen").
#[derive(Debug, Default)]
pub struct Lead<'t> {
    /// Folded, borrowed from the tokens where folding changes nothing (as for most names).
    names: rustc_hash::FxHashSet<std::borrow::Cow<'t, str>>,
    /// Where the lead ends (a token index).
    end: usize,
    /// The article's tokens, for [`Lead::places`].
    tokens: &'t [Token<'t>],
    /// The place the article first names with each class noun ("Qeshm island", "the city of
    /// Bam"), in its lead or later: what "the island" or "the city" refers to. An article about
    /// one island calls it "the island" once it has named it, and often before. Found on first
    /// use (a pass over every token; most articles never say "the island").
    places: std::cell::OnceCell<rustc_hash::FxHashMap<&'static str, String>>,
    /// The [`EraScan`]s of the last sentences asked about, by (first token, end, whether bare
    /// years count): figures come in text order, several to a sentence, and each asks again.
    era_scans: std::cell::RefCell<Vec<(EraScanKey, EraScan)>>,
    /// Whether the last sentence asked about says "so far", "in all"... ([`total_phrase`]).
    total_phrase: std::cell::Cell<Option<(usize, usize, bool)>>,
}

/// How many sentences of the article make its lead (the headline and the first paragraph).
const LEAD_SENTENCES: usize = 3;

impl<'t> Lead<'t> {
    /// The lead of tokens `t`, whose first sentences end at the given token indices.
    pub fn new(t: &'t [Token<'t>], lead_end: usize) -> Lead<'t> {
        let names = t[..lead_end.min(t.len())]
            .iter()
            .filter(|x| x.is_capitalised())
            .map(|x| fold_name_cow(x.lower))
            .collect();
        Lead { names, end: lead_end, tokens: t, ..Default::default() }
    }

    /// `f` of the [`EraScan`] of sentence `sent` (of the article's tokens `t`).
    fn with_era_scan<R>(
        &self,
        t: &[Token],
        sent: &std::ops::Range<usize>,
        bare_years: bool,
        f: impl FnOnce(&EraScan) -> R,
    ) -> R {
        let key = (sent.start, sent.end, bare_years);
        let mut scans = self.era_scans.borrow_mut();
        if let Some((_, scan)) = scans.iter().find(|(k, _)| *k == key) {
            return f(scan);
        }
        if scans.len() == 4 {
            scans.remove(0);
        }
        scans.push((key, era_scan(t, sent, bare_years)));
        f(&scans[scans.len() - 1].1)
    }

    /// [`total_phrase`] of sentence `sent` (of the article's tokens `t`), asked once a sentence.
    fn total_phrase(&self, t: &[Token], sent: &std::ops::Range<usize>) -> bool {
        match self.total_phrase.get() {
            Some((start, end, found)) if (start, end) == (sent.start, sent.end) => found,
            _ => {
                let found = total_phrase(t, sent);
                self.total_phrase.set(Some((sent.start, sent.end, found)));
                found
            }
        }
    }

    /// The place the article first names with the class noun `class` ([`Lead::places`]).
    fn place_of(&self, class: &str) -> Option<&String> {
        self.places.get_or_init(|| Self::find_places(self.tokens)).get(class)
    }

    fn find_places(t: &[Token]) -> rustc_hash::FxHashMap<&'static str, String> {
        let mut places = rustc_hash::FxHashMap::default();
        for (k, x) in t.iter().enumerate() {
            let Some(class) = place_class(x.lower) else { continue };
            // "Qeshm island", "Qeshm Island"; "the city of Bam", "the Gulf island of Qeshm"
            let before = k
                .checked_sub(1)
                .map(|j| &t[j])
                .filter(|n| n.is_capitalised() && !matches!(n.lower, "the" | "a" | "an" | "this"));
            let after = t
                .get(k + 2)
                .filter(|n| t.get(k + 1).is_some_and(|o| o.is_word("of")) && n.is_capitalised());
            if let Some(name) = after.or(before) {
                places.entry(class).or_insert_with(|| fold_name(name.lower));
            }
        }
        places
    }

    pub const SENTENCES: usize = LEAD_SENTENCES;
    /// At most this many sentences are read for the lead, metadata lines included.
    pub const MAX_LINES: usize = 8;
}

/// A noun naming a class of place: what "the island" or "the city" is.
fn place_class(word: &str) -> Option<&'static str> {
    Some(match word {
        "island" => "island",
        "city" => "city",
        "town" => "town",
        "village" => "village",
        "province" => "province",
        "county" => "county",
        _ => return None,
    })
}

/// Whether the figure is the population of a place ("Qeshm island, home to 120,000 people",
/// "Qeshm ... has a population of more than 100,000", "the island, which has about 200,000
/// residents"), and which place, folded: the antecedent of ", which", else the name opening the
/// sentence for "a population of", else the place right before the figure. "The island" is the
/// island the lead names.
fn population_place(
    t: &[Token],
    r: &Reading,
    noun: Option<&str>,
    sent: &std::ops::Range<usize>,
    lead: &Lead,
) -> Option<String> {
    let word = |k: usize| t.get(k).filter(|_| sent.contains(&k)).map(|x| x.lower);
    let (b2, b1) = (r.start.checked_sub(2).and_then(word), r.start.checked_sub(1).and_then(word));
    let (pattern_start, population_of) = match (b2, b1) {
        (Some("home"), Some("to")) => (r.start - 2, false),
        (Some("population"), Some("of")) => (r.start - 2, true),
        (_, Some("has" | "have" | "with")) if matches!(noun, Some("resident" | "inhabitant")) => {
            (r.start - 1, false)
        }
        _ => return None,
    };
    let which = (sent.start + 1..pattern_start)
        .rev()
        .take(RELATIVE_CLAUSE_TOKENS)
        .find(|&k| t[k].is_word("which") && t[k - 1].is_punct(","));
    if let Some(k) = which {
        return place_before(t, k - 1, sent, lead);
    }
    let opening = t.get(sent.start).filter(|x| {
        x.is_capitalised()
            && place_class(x.lower).is_none()
            && !lexicon::noun_stop(x.lower)
            && !matches!(x.lower, "the" | "a" | "an" | "it" | "this" | "that" | "its")
    });
    if let Some(x) = opening.filter(|_| population_of) {
        return Some(fold_name(x.lower));
    }
    place_before(t, pattern_start, sent, lead)
}

/// The place named right before token `end` (past a comma): "Qeshm island", "Qeshm", or "the
/// island" (the lead's island).
fn place_before(
    t: &[Token],
    end: usize,
    sent: &std::ops::Range<usize>,
    lead: &Lead,
) -> Option<String> {
    let mut k = end.checked_sub(1).filter(|&k| k >= sent.start)?;
    if t[k].is_punct(",") {
        k = k.checked_sub(1).filter(|&k| k >= sent.start)?;
    }
    let x = &t[k];
    if let Some(class) = place_class(x.lower) {
        let before = k.checked_sub(1).filter(|&j| j >= sent.start).map(|j| &t[j]);
        return match before {
            Some(n) if n.is_word("the") => lead.place_of(class).cloned(),
            Some(n) if n.is_capitalised() && !n.is_word("the") => Some(fold_name(n.lower)),
            _ => None,
        };
    }
    (x.is_capitalised() && k > sent.start && !lexicon::noun_stop(x.lower))
        .then(|| fold_name(x.lower))
}

fn fold_name(w: &str) -> String {
    fold_name_cow(w).into_owned()
}

/// [`fold_name`], borrowed from `w` where folding changes nothing but the ending.
fn fold_name_cow(w: &str) -> std::borrow::Cow<'_, str> {
    deunicode::deunicode_with_tofu_cow(without_possessive(w), "[?]")
}

/// `w` without its possessive endings: `trim_end_matches("’s")`, then `"'s"`, without building
/// a substring searcher for each word (a third of folding a name).
fn without_possessive(mut w: &str) -> &str {
    while let Some(rest) = w.strip_suffix("’s") {
        w = rest;
    }
    while let Some(rest) = w.strip_suffix("'s") {
        w = rest;
    }
    w
}

/// A place named in the figure's clause ("in eastern China", "in the city of Bam") that the lead
/// never names: the clause is about somewhere else, so about another event.
fn other_place(
    t: &[Token],
    sent: &std::ops::Range<usize>,
    at: usize,
    lead: &Lead,
) -> Option<String> {
    if lead.names.is_empty() || at < sent.start {
        return None;
    }
    // "in eastern China", "in the city of Bam": the place nearest the figure after "in".
    let mut best: Option<(usize, String)> = None;
    for k in sent.clone().filter(|&k| t[k].is_word("in")) {
        let mut j = k + 1;
        while j < sent.end
            && t[j].kind == TokKind::Word
            && !t[j].is_capitalised()
            && matches!(
                t[j].lower,
                "the"
                    | "eastern"
                    | "western"
                    | "northern"
                    | "southern"
                    | "central"
                    | "city"
                    | "town"
                    | "village"
                    | "province"
                    | "region"
                    | "state"
                    | "of"
                    | "neighbouring"
                    | "neighboring"
            )
        {
            j += 1;
        }
        let Some(x) = t.get(j).filter(|x| j < sent.end && x.is_capitalised()) else { continue };
        let name = fold_name_cow(x.lower);
        if lead.names.contains(name.as_ref()) || is_month(x.text) || weekday(&name) {
            continue;
        }
        let d = j.abs_diff(at);
        if best.as_ref().is_none_or(|(bd, _)| d < *bd) {
            best = Some((d, name.into_owned()));
        }
    }
    best.map(|(_, n)| n)
}

fn weekday(w: &str) -> bool {
    matches!(w, "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday")
}

/// `bare_years`: whether a year alone ("in 2011") marks the past; the previous sentence of a
/// pronoun needs a clearer sign (a month, "December 2003", "ago").
/// `aftershocks_elsewhere`: whether a sentence naming aftershocks is about another event (it is,
/// unless the figure counts the aftershocks).
fn era_of(
    t: &[Token],
    sent: &std::ops::Range<usize>,
    bare_years: bool,
    at: usize,
    aftershocks_elsewhere: bool,
    lead: &Lead,
) -> When {
    lead.with_era_scan(t, sent, bare_years, |scan| {
        era_from_scan(t, sent, at, aftershocks_elsewhere, scan)
    })
}

/// A sentence's first token, its end, and whether bare years count ([`era_of`]).
type EraScanKey = (usize, usize, bool);

/// What [`era_of`] reads off a sentence whatever the figure: the same for every figure in it.
#[derive(Debug)]
struct EraScan {
    /// Whether the sentence names an aftershock.
    aftershock: bool,
    /// Whether it says "ago", "previous", "earlier"...
    vague: bool,
    /// Every year or month named, with its position.
    named: Vec<(usize, String)>,
}

/// Every word [`era_scan`] looks for, by shape: most words of a sentence are of a shape none of
/// them has, and are passed over on one bit (comparing each with the words cost a fiftieth of
/// `check` on figure-dense text).
static ERA_WORDS: std::sync::LazyLock<lexicon::WordMap<()>> = std::sync::LazyLock::new(|| {
    lexicon::WordMap::new(
        [
            "aftershock",
            "aftershocks",
            "ago",
            "previous",
            "earlier",
            "last",
            "former",
            "worst",
            "deadliest",
            "strongest",
            "largest",
            "biggest",
            "in",
            "early",
            "late",
            "mid",
            "years",
            "months",
        ]
        .map(|w| (w, ())),
    )
});

fn era_scan(t: &[Token], sent: &std::ops::Range<usize>, bare_years: bool) -> EraScan {
    // (a word's shape is its lower-case form's)
    era_scan_where(t, sent, bare_years, |x| ERA_WORDS.may_hold_shape(x.shape))
}

/// [`era_scan`], reading only the words `may_be_era_word` lets through (every word of the
/// match below must pass it; the test `era_words_gate_nothing_the_scan_reads` holds the shape
/// gate to reading every word).
fn era_scan_where(
    t: &[Token],
    sent: &std::ops::Range<usize>,
    bare_years: bool,
    may_be_era_word: impl Fn(&Token) -> bool,
) -> EraScan {
    let (mut vague, mut aftershock) = (false, false);
    let mut named: Vec<(usize, String)> = Vec::new();
    for k in sent.clone() {
        let x = &t[k];
        let next = t.get(k + 1).filter(|_| k + 1 < sent.end);
        match x.kind {
            TokKind::Word if !may_be_era_word(x) => {}
            TokKind::Word => match x.lower {
                "aftershock" | "aftershocks" => aftershock = true,
                "ago" | "previous" | "earlier" | "last" | "former" | "worst" | "deadliest"
                | "strongest" | "largest" | "biggest" => vague = true,
                // "in February", "in early March"
                "in" => {
                    let skip = next.is_some_and(|n| matches!(n.lower, "early" | "late" | "mid"));
                    let m = if skip { k + 2 } else { k + 1 };
                    if let Some(month) = t.get(m).filter(|n| m < sent.end && is_month(n.text)) {
                        named.push((m, month.lower.to_string()));
                    }
                }
                // "Early November, the navy had captured eight pirates": a month opening the
                // sentence, after "early", "late" or "mid", sets it at another time.
                "early" | "late" | "mid"
                    if k == sent.start
                        && next.is_some_and(|n| k + 1 < sent.end && is_month(n.text)) =>
                {
                    named.push((k + 1, t[k + 1].lower.to_string()));
                }
                "years" | "months"
                    if next.is_some_and(|n| matches!(n.lower, "after" | "before" | "earlier")) =>
                {
                    vague = true
                }
                _ => {}
            },
            TokKind::Num
                if bare_years
                    && x.text.len() == 4
                    && x.text.starts_with(['1', '2'])
                    && x.text.bytes().all(|b| b.is_ascii_digit())
                    && !(k > 0 && t[k - 1].is_word("since")) =>
            {
                named.push((k, x.text.to_string()));
            }
            // "December 2003": a month and a year, no day.
            TokKind::Barrier => {
                let mut parts = x.text.split_whitespace();
                if let (Some(m), Some(y), None) = (parts.next(), parts.next(), parts.next()) {
                    if is_month(m.trim_end_matches([',', '.'])) && y.len() == 4 {
                        named.push((k, y.to_string()));
                    }
                }
            }
            _ => {}
        }
    }
    EraScan { aftershock, vague, named }
}

/// [`era_of`] from the sentence's [`EraScan`].
fn era_from_scan(
    t: &[Token],
    sent: &std::ops::Range<usize>,
    at: usize,
    aftershocks_elsewhere: bool,
    scan: &EraScan,
) -> When {
    if aftershocks_elsewhere && scan.aftershock {
        return When::Elsewhere;
    }
    // A time named in the figure's own clause wins over one nearer but across a clause break
    // (", and", ";"): "killed 31,000 in Bam in 2003, and 600 were killed in Zarand in February".
    let clause_of = |k: usize| {
        sent.clone()
            .take_while(|&j| j < k)
            .filter(|&j| {
                t[j].is_punct(";")
                    || j > sent.start
                        && t[j - 1].is_punct(",")
                        && matches!(t[j].lower, "and" | "but" | "while" | "whereas")
            })
            .count()
    };
    if scan.named.is_empty() {
        return if scan.vague { When::Elsewhere } else { When::Story };
    }
    let own = clause_of(at);
    match scan
        .named
        .iter()
        .min_by_key(|(k, _)| (clause_of(*k) != own, k.abs_diff(at)))
        .map(|(_, n)| n.clone())
    {
        Some(n) => When::Background(n.into()),
        None if scan.vague => When::Elsewhere,
        None => When::Story,
    }
}

fn is_month(w: &str) -> bool {
    matches!(
        w,
        "January"
            | "February"
            | "March"
            | "April"
            | "June"
            | "July"
            | "August"
            | "September"
            | "October"
            | "November"
            | "December"
    )
}

/// Token range of the sentence before the one starting at token `start` (to the previous full stop).
fn previous_sentence(t: &[Token], start: usize) -> std::ops::Range<usize> {
    let end = start;
    let mut k = start.saturating_sub(1);
    while k > 0 && !(t[k - 1].is_punct(".") || t[k - 1].is_punct("!") || t[k - 1].is_punct("?")) {
        k -= 1;
    }
    k..end
}

fn count_frame(
    t: &[Token],
    c: &Context,
    has_noun: bool,
    sent: &std::ops::Range<usize>,
    at: usize,
    part: bool,
    lead: &Lead,
) -> Option<Frame> {
    // "tens of thousands of protesters": the noun says what they did
    let predicate = c
        .predicate
        .or_else(|| (c.counts.as_deref() == Some("protesters")).then_some("protesting"))?;
    let counts: Slot = match &c.counts {
        Some(n) => n.clone(),
        // "a war that has killed more than 290,000": people are meant.
        None if !has_noun && implies_people(predicate) => "people".into(),
        None => return None,
    };
    let (counted, mut group) = counted_and_group(Some(counts));
    // Protesters protesting are the crowd itself: "20,000 people marched" counts the same.
    if predicate == "protesting" && group.as_deref() == Some("protesters") {
        group = None;
    }
    let mut frame = Frame {
        measured: if counted.as_deref() == Some("people") {
            Measured::People
        } else {
            Measured::Things
        },
        counted,
        group,
        event: Some(Slot::Borrowed(predicate)),
        place: None,
        when: When::Story,
        scope: Scope::Whole,
    };
    match predicate {
        "living" | "holding-out" => {
            frame.place =
                Some(Place { name: c.place.clone()?.into(), level: PlaceLevel::Locality });
        }
        _ => {
            if !keyed_predicate(predicate) {
                return None;
            }
            if let Some(event) = incident(t, at, sent).filter(|e| *e != "general") {
                frame.scope = Scope::Incident(Slot::Borrowed(event));
            }
            if total(t, at, sent, lead) {
                frame.scope = Scope::Total;
            }
            if part || addition(t, at, sent) {
                frame.scope = Scope::Part;
            }
            frame.when = era(t, sent, at, lead);
            // "displaced from Bustan al-Basha": where they were displaced from is what is
            // counted; another district's count is another quantity
            if predicate == "displaced" {
                frame.place = origin_after(t, at, sent)
                    .map(|name| Place { name: name.into(), level: PlaceLevel::Locality });
            }
        }
    }
    Some(frame)
}

/// The place named by "from" in the figure's clause after it ("8,700 people were displaced
/// from Bustan al-Basha"), folded, its words joined: "bustan al-basha".
fn origin_after(t: &[Token], at: usize, sent: &std::ops::Range<usize>) -> Option<String> {
    let end = sent.end.min(at + 12);
    let mut k = at + 1;
    while k < end {
        let x = &t[k];
        if x.kind == TokKind::Punct && !x.is_dash() || clause_break(x.lower) {
            return None;
        }
        if x.is_word("from") {
            break;
        }
        k += 1;
    }
    k += 1;
    if t.get(k).is_some_and(|x| x.is_word("the")) {
        k += 1;
    }
    let first = t.get(k).filter(|x| k < sent.end && x.is_capitalised())?;
    if is_month(first.text) || weekday(first.lower) {
        return None;
    }
    let mut name = fold_name(first.lower);
    let mut j = k + 1;
    // "Bustan al-Basha", "Al-Sakhur": further capitalised words, and words joined by a hyphen
    while j < sent.end && j < k + 6 {
        let x = &t[j];
        let joined = x.is_dash() && t[j - 1].span.end == x.span.start;
        let lower_particle = x.kind == TokKind::Word
            && matches!(x.lower, "al" | "el" | "ad" | "as" | "ar" | "ash" | "an")
            && t.get(j + 1).is_some_and(|n| n.is_dash());
        let after_hyphen = x.kind == TokKind::Word && t[j - 1].is_dash();
        if joined {
            name.push('-');
        } else if after_hyphen {
            name.push_str(&fold_name(x.lower));
        } else if x.kind == TokKind::Word && (x.is_capitalised() || lower_particle) {
            name.push(' ');
            name.push_str(&fold_name(x.lower));
        } else {
            break;
        }
        j += 1;
    }
    Some(name)
}

/// The counted noun (singular), its class when it has one, and the token after it.
type CountedNoun<'s> = (Option<Cow<'s, str>>, Option<&'static str>, usize);

/// The counted noun after the number: (noun as written but singular, its class, token after it).
fn counted_noun<'s>(t: &'s [Token], from: usize, sent_end: usize) -> CountedNoun<'s> {
    let mut k = from;
    if t.get(k).is_some_and(|x| x.is_word("of")) {
        k += 1;
        // "two of the three victims": the part counts what the whole does
        if t.get(k).is_some_and(|x| x.is_word("the")) {
            k += 1;
            if t.get(k)
                .is_some_and(|x| x.kind == TokKind::Num || lexicon::small_number(x.lower).is_some())
            {
                k += 1;
            }
        }
    }
    let first = k;
    for _ in 0..3 {
        let Some(x) = t.get(k).filter(|x| x.kind == TokKind::Word && k < sent_end) else { break };
        if let Some(class) = lexicon::noun_class(x.lower) {
            return (Some(lexicon::singular_cow(x.lower)), Some(class), k + 1);
        }
        if lexicon::noun_stop(x.lower) || lexicon::predicate_class(x.lower).is_some() {
            break;
        }
        k += 1;
    }
    if let Some(found) = model_counted(t, first, sent_end) {
        return found;
    }
    // A plural noun of no known class, after at most two modifiers: a model name ("AK-47",
    // "AK 47") or a lowercase adjective ("loaded", "automatic", "pirate").
    let plural = |x: &Token| {
        x.kind == TokKind::Word
            && !x.is_capitalised()
            && x.lower.len() > 2
            && x.lower.ends_with('s')
            && !x.lower.ends_with("ss")
            && !lexicon::noun_stop(x.lower)
            && lexicon::predicate_class(x.lower).is_none()
            && !lexicon::time_unit(x.lower)
    };
    let mut k = first;
    let mut modifiers = 0;
    while k < sent_end && modifiers <= 2 {
        let Some(x) = t.get(k) else { break };
        if let Some(crew) = lexicon::crew_noun(x.lower) {
            return (Some(Cow::Borrowed(crew)), None, k + 1);
        }
        // "300 crew members", "12 gang members": the members are counted as their body
        if x.is_word("members") && k > first && t[k - 1].kind == TokKind::Word {
            let body = &t[k - 1].lower;
            return (
                Some(
                    lexicon::crew_noun(body)
                        .map_or_else(|| lexicon::singular_cow(body), Cow::Borrowed),
                ),
                None,
                k + 1,
            );
        }
        if plural(x) {
            return (Some(lexicon::singular_cow(x.lower)), None, k + 1);
        }
        let model_part = x.is_capitalised() && x.text.len() <= 3
            || x.kind == TokKind::Num
            || x.is_dash() && k > first;
        // "three other rifles": "other" is a modifier here (the count is a part, see
        // `is_part_of_things`), though it stops a noun elsewhere
        let adjective = x.is_word("other")
            || x.kind == TokKind::Word
                && !x.is_capitalised()
                && !lexicon::noun_stop(x.lower)
                && lexicon::predicate_class(x.lower).is_none()
                && !clause_break(x.lower)
                && !matches!(x.lower, "of" | "in" | "to" | "from" | "with" | "the" | "a");
        if !(model_part || adjective) {
            break;
        }
        modifiers += usize::from(!x.is_dash());
        k += 1;
    }
    (None, None, from)
}

/// A model designation counted: "seven AK-47s", "seven AK-47 assault rifles", "12 AK 47 guns"
/// all count AK-47s, whatever noun follows; the model is the more specific of the two, so it
/// is what is counted ("ak47"). Capital letters, then digits, with a hyphen or a space between;
/// the head noun after it (up to two words) is passed over for the verb search.
fn model_counted<'s>(t: &'s [Token], k: usize, sent_end: usize) -> Option<CountedNoun<'s>> {
    let letters = t.get(k).filter(|x| {
        k < sent_end
            && x.kind == TokKind::Word
            && (2..=3).contains(&x.text.len())
            && x.text.chars().all(|c| c.is_ascii_uppercase())
    })?;
    let mut j = k + 1;
    if t.get(j).is_some_and(|x| x.is_dash() && t[j - 1].span.end == x.span.start) {
        j += 1;
    }
    let digits = t.get(j).filter(|x| j < sent_end && x.kind == TokKind::Num)?;
    if !digits.text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let model = Cow::Owned(format!("{}{}", letters.lower, digits.text));
    j += 1;
    // "AK-47s"
    if t.get(j).is_some_and(|x| x.is_word("s") && t[j - 1].span.end == x.span.start) {
        return Some((Some(model), None, j + 1));
    }
    // "AK-47 assault rifles": the head noun
    let head_end = (j + 2).min(sent_end).min(t.len());
    for (n, x) in t[..head_end].iter().enumerate().skip(j) {
        if x.kind != TokKind::Word || x.is_capitalised() || lexicon::noun_stop(x.lower) {
            break;
        }
        if x.lower.ends_with('s') && !x.lower.ends_with("ss") {
            return Some((Some(model), None, n + 1));
        }
    }
    Some((Some(model), None, j))
}

fn two_word_predicate(t: &[Token], k: usize) -> Option<&'static str> {
    let next = t.get(k + 1).map(|x| x.lower);
    match (t[k].lower, next) {
        ("holding" | "hold" | "holed", Some("out" | "up")) => Some("holding-out"),
        ("under", Some("siege")) => Some("living"),
        // "took to the streets"
        ("took" | "take" | "taking" | "taken", Some("to"))
            if t.get(k + 3).is_some_and(|x| x.lower.starts_with("street")) =>
        {
            Some("protesting")
        }
        _ => None,
    }
}

/// A predicate after the counted noun: "275,000 civilians still live", "8,000 rebels are holding out".
fn predicate_after(t: &[Token], from: usize, sent_end: usize) -> Option<(&'static str, usize)> {
    let mut k = from;
    let mut steps = 0;
    while k < sent_end && steps < PREDICATE_WINDOW {
        let x = &t[k];
        match x.kind {
            TokKind::Punct if x.text == "," => {
                if t.get(k + 1).is_some_and(|n| parenthetical(n.lower)) {
                    // skip to after the closing comma
                    match (k + 1..sent_end).find(|&j| t[j].is_punct(",")) {
                        Some(j) => k = j + 1,
                        None => return None,
                    }
                    continue;
                }
                return None;
            }
            TokKind::Punct if x.is_dash() && k > 0 && t[k - 1].span.end == x.span.start => k += 1,
            TokKind::Word => {
                if let Some(p) = two_word_predicate(t, k) {
                    return Some((p, steps));
                }
                if let Some(p) = lexicon::predicate_class(x.lower)
                    .filter(|_| !matches!(x.lower, "toll" | "death" | "deaths"))
                {
                    return Some((p, steps));
                }
                if clause_break(x.lower) {
                    return None;
                }
                k += 1;
                steps += 1;
            }
            _ => return None,
        }
    }
    None
}

/// A predicate before the figure: "has killed more than 290,000", "the loss of around 20 lives",
/// "has claimed more than 300,000 lives", "the death toll rose to 10".
fn predicate_before(
    t: &[Token],
    start: usize,
    sent_start: usize,
    is_lives: bool,
) -> Option<(&'static str, usize)> {
    let mut k = start;
    let mut steps = 0;
    while k > sent_start && steps < PREDICATE_WINDOW {
        k -= 1;
        let x = &t[k];
        if x.kind != TokKind::Word {
            if x.is_dash() && k > 0 && t[k - 1].span.end == x.span.start {
                continue;
            }
            return None;
        }
        let w = x.lower;
        if is_lives
            && matches!(
                w,
                "claimed"
                    | "claiming"
                    | "claim"
                    | "claims"
                    | "cost"
                    | "costing"
                    | "took"
                    | "taken"
                    | "taking"
                    | "loss"
                    | "lost"
            )
        {
            return Some(("killed", steps));
        }
        if let Some(p) = lexicon::predicate_class(w).filter(|p| !matches!(*p, "living")) {
            return Some((p, steps));
        }
        if matches!(w, "and" | "but" | "while" | "where" | "who" | "which" | "said" | "says") {
            return None;
        }
        steps += 1;
    }
    None
}

/// The incident nearest the figure in its sentence: "convoy", "earthquake", or "general" (the war).
fn incident(t: &[Token], at: usize, sent: &std::ops::Range<usize>) -> Option<&'static str> {
    sent.clone()
        .filter_map(|k| {
            let x = &t[k];
            if x.kind != TokKind::Word {
                return None;
            }
            let e = lexicon::incident(x.lower)?;
            Some((k.abs_diff(at), e))
        })
        .min_by_key(|(d, _)| *d)
        .map(|(_, e)| e)
}

/// The place nearest the figure named as "in Aleppo", "of Aleppo", "in east Aleppo".
fn place(t: &[Token], at: usize, sent: &std::ops::Range<usize>) -> Option<String> {
    let mut best: Option<(usize, String)> = None;
    for k in sent.clone() {
        if !matches!(
            t[k].lower,
            "in" | "of" | "near" | "inside" | "around" | "across" | "within" | "at"
        ) || t[k].kind != TokKind::Word
        {
            continue;
        }
        let mut j = k + 1;
        if t.get(j).is_some_and(|x| x.is_word("the")) {
            j += 1;
        }
        while let Some(x) = t.get(j) {
            let modifier = matches!(
                x.lower,
                "east"
                    | "eastern"
                    | "west"
                    | "western"
                    | "north"
                    | "northern"
                    | "south"
                    | "southern"
                    | "central"
                    | "besieged"
                    | "rebel"
                    | "held"
                    | "opposition"
                    | "government"
                    | "regime"
                    | "-"
            );
            if modifier && j < sent.end {
                j += 1;
            } else {
                break;
            }
        }
        let Some(x) = t.get(j).filter(|x| j < sent.end && x.is_capitalised()) else { continue };
        if matches!(x.lower, "the" | "a" | "an" | "it" | "he" | "she" | "they" | "this" | "that") {
            continue;
        }
        let name = without_possessive(x.lower).to_string();
        let d = j.abs_diff(at);
        if best.as_ref().is_none_or(|(bd, _)| d < *bd) {
            best = Some((d, name));
        }
    }
    best.map(|(_, n)| deunicode::deunicode(&n))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

        /// The shape gate of the era scan passes over no word the scan reads: sentences of its
        /// words, in any case, among others, scan as with every word read.
        #[test]
        fn era_words_gate_nothing_the_scan_reads(words in prop::collection::vec(prop::sample::select(&[
            "aftershock", "Aftershocks", "ago", "previous", "Earlier", "last", "former", "worst",
            "deadliest", "strongest", "largest", "BIGGEST", "in", "In", "early", "Late", "mid",
            "years", "months", "after", "before", "earlier,", "February", "March", "May", "since",
            "2003", "1999", "December 2003", "It", "killed", "agos", "inn", "i", "mids", "year",
            "quake", "the", ";", ",", "and", "but", "ln", "la", "lust", "yearn", "éarly",
        ][..]), 1..14), bare_years in any::<bool>()) {
            let text = words.join(" ");
            let lowered = text.to_ascii_lowercase();
            let arena = bumpalo::Bump::new();
            let t = super::super::tokens::tokenize(&text, &lowered, &[], &arena);
            let sent = 0..t.len();
            let gated = super::era_scan(&t, &sent, bare_years);
            let every = super::era_scan_where(&t, &sent, bare_years, |_| true);
            prop_assert_eq!(format!("{gated:?}"), format!("{every:?}"), "{}", text);
        }
    }

    #[test]
    fn possessives_are_trimmed_as_trim_end_matches_trims_them() {
        for w in ["iran’s", "iran's", "iran’s's", "iran's’s", "’s", "'s’s", "s", "bam", "x’s’s", ""]
        {
            let want = w.trim_end_matches("’s").trim_end_matches("'s");
            assert_eq!(super::without_possessive(w), want, "{w}");
        }
    }
}
