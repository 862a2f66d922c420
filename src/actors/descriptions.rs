//! A headline's word for a person that stands for the person the headline or the article is
//! about: "Esther Williams, Swimming Champion, Actress, Pin-Up Icon Dies" (each noun is Esther
//! Williams), "Texas Inmate Escapes Prison Van" (the inmate the article names). Headlines leave
//! out names where the article gives them; a reader takes the noun for that person, and so
//! does the hover. Only where one person fits: the body gives the noun as a role to exactly one
//! person ("Rehires Attorney", her attorney named in the text), or the noun is in apposition to
//! a person named in the headline, or stands right before the name as a title, or opens a
//! clause of a headline that names one person in another clause ("Ann Lee Dead: Film Star
//! Dies"), or, in a headline that names no one, opens it as its subject while one person
//! dominates the article.

use super::lexicon;
use super::model::{ActorKind, ArticleActors};
use super::names::Token;
use crate::text::Span;

/// Words that say which person, besides titles and roles, and are written alone in headlines.
/// A title's modifier ("Interior", "Senior") or ordinal ("First") says no person on its own.
fn is_person_noun(word: &str) -> bool {
    lexicon::is_role_noun(word)
        || lexicon::is_person_noun(word)
        || lexicon::is_title(word)
            && !lexicon::is_role_modifier(word)
            && !word.eq_ignore_ascii_case("first")
}

/// "Suspects", "Wives": more than one person, never the one the headline stands for.
fn is_plural_of_person_noun(word: &str) -> bool {
    word.len() > 3 && word.ends_with(['s', 'S']) && is_person_noun(&word[..word.len() - 1])
}

/// Little words that, before the noun, make it no subject and no apposition ("Killed By
/// Police", "Rehires Attorney" is kept out by the name before it).
fn is_function_word(word: &str) -> bool {
    lexicon::is_preposition(word) || matches!(word.to_lowercase().as_str(), "and" | "&")
}

/// How many times anyone else's mentions the person an article is about has, at least (alone,
/// two mentions are enough).
const DOMINANCE: usize = 2;

/// Adds the headline nouns that stand for a person as mentions of that person.
pub(super) fn attach(text: &str, tokens: &[Token<'_>], out: &mut ArticleActors) {
    let mention_at = |t: &Token<'_>| {
        let m = out.mentions.partition_point(|m| m.span.end <= t.span.start);
        out.mentions.get(m).filter(|m| m.span.start < t.span.end).map(|_| m)
    };
    let person = |m: usize| out.entities[out.mentions[m].entity].kind == ActorKind::Person;
    // the person the article is about: the most mentions, DOMINANCE times anyone else's
    let mut counts: Vec<(usize, usize)> = out
        .entities
        .iter()
        .enumerate()
        .filter(|(_, e)| e.kind == ActorKind::Person)
        .map(|(i, e)| (e.mentions.len(), i))
        .collect();
    counts.sort_unstable_by(|a, b| b.cmp(a));
    let main_person = match counts.as_slice() {
        [(n, e)] if *n >= 2 => Some(*e),
        [(n, e), (m, _), ..] if *n >= 3 && *n >= DOMINANCE * m => Some(*e),
        _ => None,
    };
    // the person each role noun is given to in the body ("her attorney Jon Eske"), where it
    // is given to exactly one person: document evidence of whom a headline's noun means
    let role_holder = |noun: &str| -> Option<usize> {
        let mut holders = out.entities.iter().enumerate().filter(|(_, e)| {
            e.kind == ActorKind::Person
                && e.roles.iter().any(|r| {
                    r.text.rsplit(' ').next().is_some_and(|w| w.eq_ignore_ascii_case(noun))
                })
        });
        match (holders.next(), holders.next()) {
            (Some((e, _)), None) => Some(e),
            _ => None,
        }
    };
    let mut found: Vec<(Span, usize)> = Vec::new();
    let mut k = 0;
    while k < tokens.len() {
        if !tokens[k].headline {
            k += 1;
            continue;
        }
        // one headline: its run of tokens up to the end of the line
        let line_end = text[tokens[k].span.start..]
            .find('\n')
            .map_or(text.len(), |p| tokens[k].span.start + p);
        let end = k + tokens[k..].partition_point(|t| t.span.start < line_end);
        let line = &tokens[k..end];
        let people: Vec<usize> =
            line.iter().filter_map(mention_at).filter(|&m| person(m)).collect();
        let mut named: Vec<usize> = people.iter().map(|&m| out.mentions[m].entity).collect();
        named.sort_unstable();
        named.dedup();
        // the line is all capitals: each word is a word, not an acronym
        let shouting = line.iter().all(|t| t.upper || !t.cap || t.text.len() < 3);
        let noun_at = |t: &Token<'_>| {
            t.cap
                && (!t.upper || shouting)
                && mention_at(t).is_none()
                && is_person_noun(t.text)
                && !is_plural_of_person_noun(t.text)
        };
        // the headline's clauses, split at a colon, semicolon, dash or comma: the first token
        // of each
        let breaks: Vec<usize> = (1..line.len())
            .filter(|&i| {
                let gap = &text[line[i - 1].span.end..line[i].span.start];
                gap.contains([':', ';', ',', '|', '–', '—']) || gap.contains(" - ")
            })
            .collect();
        let clause_of = |x: usize| {
            let at = breaks.partition_point(|&b| b <= x);
            let start = if at == 0 { 0 } else { breaks[at - 1] };
            (start, breaks.get(at).copied().unwrap_or(line.len()))
        };
        for (x, t) in line.iter().enumerate() {
            if !noun_at(t) {
                continue;
            }
            // a title right before a person's name ("Star Esther Williams") is that person
            let next = line.get(x + 1).filter(|n| n.glued).and_then(mention_at);
            if let Some(m) = next {
                if person(m) {
                    found.push((t.span.clone(), out.mentions[m].entity));
                }
                continue;
            }
            // the one person the body gives this noun as a role ("Rehires Attorney": her
            // attorney Jon Eske)
            if let Some(e) = role_holder(t.text) {
                found.push((t.span.clone(), e));
                continue;
            }
            // someone's lawyer, a deputy's killer: another person
            let before = &line[..x];
            if before
                .iter()
                .any(|b| b.possessive && (mention_at(b).is_some_and(person) || noun_at(b)))
            {
                continue;
            }
            let after_function_word = before.iter().any(|b| is_function_word(b.text));
            let named_before = people.iter().rfind(|&&m| out.mentions[m].span.end <= t.span.start);
            let apposition = named_before.and_then(|&m| {
                // in apposition to the person the headline names last before it: after the
                // name, with only other words of the description (and an age) between
                // ("Esther Williams, Swimming Champion, Actress", "Ann Lee, 77, Boss")
                let end = out.mentions[m].span.end;
                let gap: Vec<&Token<'_>> = before.iter().filter(|b| b.span.start >= end).collect();
                // set off by a comma, a colon or a dash right after the name
                let set_off = gap
                    .first()
                    .is_some_and(|b| text[end..b.span.start].contains([',', ':', '-', '–', '—']));
                let description =
                    gap.iter().all(|b| b.cap || b.text.bytes().all(|c| c.is_ascii_digit()));
                (!after_function_word && set_off && gap.len() <= 4 && description)
                    .then_some(out.mentions[m].entity)
            });
            let target = apposition.or_else(|| {
                let (clause, clause_end) = clause_of(x);
                let subject =
                    x - clause <= 4 && !line[clause..x].iter().any(|b| is_function_word(b.text));
                let clause_span = line[clause].span.start..line[clause_end - 1].span.end;
                let names_in_clause =
                    people.iter().any(|&m| clause_span.contains(&out.mentions[m].span.start));
                match named.as_slice() {
                    // naming one person in another clause, the subject of this clause is that
                    // person ("Tributes For Ann Lee; Film Star Dies At 91")
                    [e] if subject && !names_in_clause => Some(*e),
                    // naming no one, the headline's subject is the person the article is about
                    // (after a preposition, "Trial Begins For Shooting Suspect", the noun may be
                    // anyone the story is about: measured, that lowered linking)
                    [] if subject && !after_function_word => main_person,
                    _ => None,
                }
            });
            if let Some(e) = target {
                found.push((t.span.clone(), e));
            }
        }
        k = end.max(k + 1);
    }
    found.sort_by_key(|(s, _)| s.start);
    out.add_stand_ins(found);
}

#[cfg(test)]
mod tests {
    use crate::actors::detect;

    #[test]
    fn a_headline_noun_beside_a_persons_name_is_that_person() {
        let a = detect(
            "Marta Kellin, Swimming Champion And Actress, Dies At 91\n\
             Marta Kellin, who swam in films, died on Monday. Kellin was 91.",
            &[],
        );
        let m = a.mention_texts_of("Marta Kellin");
        assert!(m.contains(&"Champion"), "{m:?}");
        // a noun after a preposition is someone else's
        let a = detect(
            "Marta Kellin Rehires Lawyer After Arrest\nMarta Kellin hired Jon Eske again. \
             Kellin said Eske is good.",
            &[],
        );
        assert!(!a.mention_texts_of("Marta Kellin").contains(&"Lawyer"), "{a:?}");
    }

    #[test]
    fn a_headline_naming_no_one_is_about_the_person_the_article_is_about() {
        let a = detect(
            "Texas Inmate Escapes Prison Van\nArno Delgado, 49, escaped on Monday. Delgado \
             was serving a life term. Guards said Delgado had a gun.",
            &[],
        );
        assert!(a.mention_texts_of("Arno Delgado").contains(&"Inmate"), "{a:?}");
        // two people of equal weight: the headline's noun is left alone
        let a = detect(
            "Inmate Escapes Prison Van\nArno Delgado met Jon Eske. Mr Delgado and Mr Eske \
             escaped. Police said Mr Delgado and Mr Eske had guns.",
            &[],
        );
        assert!(!a.mention_texts_of("Arno Delgado").contains(&"Inmate"), "{a:?}");
    }

    #[test]
    fn the_subject_of_another_clause_is_the_one_person_the_headline_names() {
        let a = detect(
            "Tributes For Ann Lee; Film Star Dies At 91\nAnn Lee died on Monday. Lee was 91.",
            &[],
        );
        assert!(a.mention_texts_of("Ann Lee").contains(&"Star"), "{a:?}");
        // a title's modifier or an ordinal names no one
        let a = detect(
            "First Base: Boston Hopes For Piet Voss\nBoston wants Piet Voss. Voss may sign.",
            &[],
        );
        assert!(!a.mention_texts_of("Piet Voss").contains(&"First"), "{a:?}");
    }

    #[test]
    fn a_headline_noun_the_body_gives_one_person_as_a_role_is_that_person() {
        let a = detect(
            "Dana Roe Checks Into Clinic, Rehires Lawyer\nDana Roe entered a clinic on Monday. \
             Her lawyer Piet Voss said Roe was well.",
            &[],
        );
        assert!(a.mention_texts_of("Piet Voss").contains(&"Lawyer"), "{a:?}");
        assert!(!a.mention_texts_of("Dana Roe").contains(&"Lawyer"), "{a:?}");
    }

    #[test]
    fn an_age_may_stand_in_the_apposition_and_capitals_are_words() {
        let a =
            detect("Ann Lee, 77, Crime Boss\nAnn Lee ran the gang for years. Lee died at 77.", &[]);
        assert!(a.mention_texts_of("Ann Lee").contains(&"Boss"), "{a:?}");
        let a = detect(
            "MAN CHARGED OVER BANK FIRE\nPiet Voss, 40, was charged on Monday. Voss set \
             fire to a bank, police said. Voss denies it.",
            &[],
        );
        assert!(a.mention_texts_of("Piet Voss").contains(&"MAN"), "{a:?}");
    }
}
