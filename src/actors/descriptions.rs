//! A headline's word for a person that stands for the person the headline or the article is
//! about: "Esther Williams, Swimming Champion, Actress, Pin-Up Icon Dies" (each noun is Esther
//! Williams), "Texas Inmate Escapes Prison Van" (the inmate the article names). Headlines leave
//! out names where the article gives them; a reader takes the noun for that person, and so
//! does the hover. Only where one person fits: the noun is in apposition to a person named in
//! the headline, or stands right before the name as a title, or, in a headline that names no
//! one, opens it as its subject while one person dominates the article.

use super::lexicon;
use super::model::{ActorKind, ArticleActors};
use super::names::Token;
use crate::text::Span;

/// Words that say which person, besides titles and roles, and are written alone in headlines.
fn is_person_noun(word: &str) -> bool {
    lexicon::is_title(word) || lexicon::is_role_noun(word) || lexicon::is_person_noun(word)
}

/// Little words that, before the noun, make it no subject and no apposition ("Killed By
/// Police", "Rehires Attorney" is kept out by the name before it).
fn is_function_word(word: &str) -> bool {
    matches!(
        word.to_lowercase().as_str(),
        "after"
            | "of"
            | "for"
            | "by"
            | "in"
            | "at"
            | "to"
            | "with"
            | "from"
            | "over"
            | "on"
            | "into"
            | "against"
            | "before"
            | "as"
            | "and"
            | "&"
    )
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
        for (x, t) in line.iter().enumerate() {
            if !t.cap || t.upper || mention_at(t).is_some() || !is_person_noun(t.text) {
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
            // someone's lawyer, a deputy's killer: another person
            if line[..x].iter().any(|b| b.possessive && mention_at(b).is_some_and(person)) {
                continue;
            }
            let before = &line[..x];
            if before.iter().any(|b| is_function_word(b.text)) {
                continue;
            }
            let named_before = people.iter().rfind(|&&m| out.mentions[m].span.end <= t.span.start);
            let target = match named_before {
                // in apposition to the person the headline names last before it: after the
                // name, with only other words of the description between ("Esther Williams,
                // Swimming Champion, Actress")
                Some(&m) => {
                    let last = Some(out.mentions[m].span.end);
                    let apposition = last.is_some_and(|end| {
                        let gap: Vec<&Token<'_>> =
                            before.iter().filter(|b| b.span.start >= end).collect();
                        // set off by a comma, a colon or a dash right after the name
                        let set_off = gap.first().is_some_and(|b| {
                            text[end..b.span.start].contains([',', ':', '-', '–', '—'])
                        });
                        set_off && gap.len() <= 4 && gap.iter().all(|b| b.cap)
                    });
                    apposition.then_some(out.mentions[m].entity)
                }
                // naming no one, the headline's subject is the person the article is about
                None if x <= 4 && people.is_empty() => main_person,
                None => None,
            };
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
}
