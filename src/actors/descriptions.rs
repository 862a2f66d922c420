//! A headline's word for a person that stands for the person the headline or the article is
//! about: "Esther Williams, Swimming Champion, Actress, Pin-Up Icon Dies" (each noun is Esther
//! Williams), "Texas Inmate Escapes Prison Van" (the inmate the article names). Headlines leave
//! out names where the article gives them; a reader takes the noun for that person, and so
//! does the hover. Only where one person fits: the body gives the noun as a role to exactly one
//! person ("Rehires Attorney", her attorney named in the text), or the noun is in apposition to
//! a person named in the headline, or stands right before the name as a title, or opens a
//! clause of a headline that names one person in another clause ("Ann Lee Dead: Film Star
//! Dies"), or, in a headline that names no one, opens it as its subject while one person
//! dominates the article. Failing those (and then never a person the headline names): a noun
//! that says a gender ("Mother", "Man") is the one person whose pronouns in the article give
//! that gender (and never a person of the other); a noun after a place's name ("Brooklyn
//! Teen") is the first person the body names; any other is the person the article mentions
//! most, if its lead names them, unless another noun of the headline, across a preposition, is
//! tied to that person ("Teen Arrested in Shooting of Hero Mom"). In running text, "a Millom
//! man" is the one person of that gender.

use super::gender::{self, Gender, Genders};
use super::lexicon;
use super::model::{ActorKind, ArticleActors, Entity, LinkKey};
use super::names::Token;
use crate::text::{fold, Span};

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

/// Adds the headline nouns, and the nouns of running text after a place's name ("a Millom
/// man"), that stand for a person as mentions of that person.
/// A headline's noun for a person the article does not name ("Driver Charged") is that
/// unnamed person: one per noun in the article, linked to reports that write the same noun.
pub(super) fn attach(text: &str, tokens: &[Token<'_>], out: &mut ArticleActors) {
    let (headline, running) = {
        let article = Evidence::read(text, tokens, out);
        (article.headline_nouns(), article.running_text_nouns())
    };
    let mut found = running;
    let mut unnamed: Vec<(String, usize)> = Vec::new();
    for (span, e) in headline {
        let e = e.unwrap_or_else(|| {
            let key = fold(&text[span.clone()]);
            if let Some(&(_, e)) = unnamed.iter().find(|(k, _)| *k == key) {
                return e;
            }
            out.entities.push(Entity {
                keys: vec![LinkKey::Described(key.clone())],
                ..Entity::new(text[span.clone()].to_string(), ActorKind::Person)
            });
            unnamed.push((key, out.entities.len() - 1));
            out.entities.len() - 1
        });
        found.push((span, e));
    }
    found.sort_by_key(|(s, _)| s.start);
    out.add_stand_ins(found);
}

/// What an article says of its people that decides whom a noun stands for: who it is most
/// about, the roles the body gives, the genders its pronouns give, its lead.
struct Evidence<'a, 't> {
    text: &'a str,
    tokens: &'a [Token<'t>],
    out: &'a ArticleActors,
    /// The person the article is about: the most mentions, DOMINANCE times anyone else's.
    main_person: Option<usize>,
    genders: Genders,
    /// The sentence each token is in, counted from the text's start.
    sentence_of: Vec<usize>,
    /// Where the body begins: the first token after the first headline line.
    body_start: usize,
    /// The lead: the body's first two sentences of running text (six words or more).
    lead_sentences: Vec<usize>,
}

impl<'a, 't> Evidence<'a, 't> {
    fn read(text: &'a str, tokens: &'a [Token<'t>], out: &'a ArticleActors) -> Self {
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
        let genders = Genders::read(tokens, out);
        let sentence_of: Vec<usize> = tokens
            .iter()
            .scan(0usize, |n, t| {
                *n += usize::from(t.sentence_start);
                Some(*n)
            })
            .collect();
        let first_body = tokens.iter().position(|t| !t.headline).unwrap_or(tokens.len());
        let body_start = tokens.get(first_body).map_or(text.len(), |t| t.span.start);
        let mut lead_sentences = Vec::new();
        let mut k = first_body;
        while k < tokens.len() && lead_sentences.len() < 2 {
            let len = sentence_of[k..].iter().take_while(|&&s| s == sentence_of[k]).count();
            if len >= 6 && !tokens[k].headline {
                lead_sentences.push(sentence_of[k]);
            }
            k += len.max(1);
        }
        Evidence {
            text,
            tokens,
            out,
            main_person,
            genders,
            sentence_of,
            body_start,
            lead_sentences,
        }
    }

    /// The mention over token `t`, if any.
    fn mention_at(&self, t: &Token<'_>) -> Option<usize> {
        let m = self.out.mentions.partition_point(|m| m.span.end <= t.span.start);
        self.out.mentions.get(m).filter(|m| m.span.start < t.span.end).map(|_| m)
    }

    fn person(&self, m: usize) -> bool {
        self.out.entities[self.out.mentions[m].entity].kind == ActorKind::Person
    }

    fn token_at(&self, at: usize) -> usize {
        self.tokens.partition_point(|t| t.span.end <= at)
    }

    /// The person the body gives role noun `noun` ("her attorney Jon Eske"), where it is given
    /// to exactly one person: document evidence of whom a headline's noun means.
    fn role_holder(&self, noun: &str) -> Option<usize> {
        let mut holders = self.out.entities.iter().enumerate().filter(|(_, e)| {
            e.kind == ActorKind::Person
                && e.roles.iter().any(|r| {
                    r.text.rsplit(' ').next().is_some_and(|w| w.eq_ignore_ascii_case(noun))
                })
        });
        match (holders.next(), holders.next()) {
            (Some((e, _)), None) => Some(e),
            _ => None,
        }
    }

    /// The first person named from byte `from` on, within `sentences` sentences of it, in
    /// running text, whose pronouns do not give the other gender: where news names whom a
    /// description introduced ("A Brooklyn mother was killed. Zurana Horton, 34, ...").
    fn named_after(&self, from: usize, sentences: usize, g: Option<Gender>) -> Option<usize> {
        let out = self.out;
        let first = out.mentions.partition_point(|m| m.span.start < from);
        let mut start_sentence = None;
        for m in &out.mentions[first..] {
            let k = self.token_at(m.span.start);
            let Some(t) = self.tokens.get(k) else { break };
            if t.headline {
                continue;
            }
            let s0 = *start_sentence.get_or_insert(self.sentence_of[k]);
            if self.sentence_of[k] > s0 + sentences {
                break;
            }
            let e = m.entity;
            if out.entities[e].kind == ActorKind::Person
                && !m.stand_in
                && !self.genders.contradicts(e, g)
            {
                return Some(e);
            }
        }
        None
    }

    /// The person the article is most about, if the lead names them: of the people the lead
    /// names by a full name (whose pronouns do not give the other gender than `g`), the one
    /// mentioned more than the others, if no one in the article is mentioned more.
    fn prominent_in_lead(&self, g: Option<Gender>) -> Option<usize> {
        let out = self.out;
        let mut in_lead: Vec<usize> = out
            .mentions
            .iter()
            .filter(|m| !m.stand_in && out.entities[m.entity].kind == ActorKind::Person)
            .filter(|m| {
                let k = self.token_at(m.span.start);
                k < self.tokens.len() && self.lead_sentences.contains(&self.sentence_of[k])
            })
            .map(|m| m.entity)
            .filter(|&e| out.entities[e].name.contains(' '))
            .filter(|&e| !self.genders.contradicts(e, g))
            .collect();
        in_lead.sort_unstable();
        in_lead.dedup();
        let weight = |e: usize| out.entities[e].mentions.len();
        in_lead.sort_by_key(|&e| std::cmp::Reverse(weight(e)));
        let most = out
            .entities
            .iter()
            .filter(|x| x.kind == ActorKind::Person)
            .map(|x| x.mentions.len())
            .max()
            .unwrap_or(0);
        match in_lead.as_slice() {
            [e] if weight(*e) == most => Some(*e),
            [e, f, ..] if weight(*e) > weight(*f) && weight(*e) == most => Some(*e),
            _ => None,
        }
    }

    /// The nouns of Title Case headlines that stand for a person, with that person (`None`:
    /// a person the article does not name).
    fn headline_nouns(&self) -> Vec<(Span, Option<usize>)> {
        let (text, tokens) = (self.text, self.tokens);
        let mut found = Vec::new();
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
            found.extend(self.headline(line).into_iter().map(|(x, e)| (line[x].span.clone(), e)));
            k = end.max(k + 1);
        }
        found
    }

    /// The nouns of one headline `line` that stand for a person: (token in the line, entity,
    /// `None` for a person the article does not name: "Deputy's Alleged Killer Held").
    fn headline(&self, line: &[Token<'_>]) -> Vec<(usize, Option<usize>)> {
        let (text, out, genders) = (self.text, self.out, &self.genders);
        let people: Vec<usize> =
            line.iter().filter_map(|t| self.mention_at(t)).filter(|&m| self.person(m)).collect();
        let mut named: Vec<usize> = people.iter().map(|&m| out.mentions[m].entity).collect();
        named.sort_unstable();
        named.dedup();
        // the line is all capitals: each word is a word, not an acronym
        let shouting = line.iter().all(|t| t.upper || !t.cap || t.text.len() < 3);
        let noun_at = |t: &Token<'_>| {
            t.cap
                && (!t.upper || shouting)
                && self.mention_at(t).is_none()
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
        let mut in_line: Vec<(usize, usize, bool)> = Vec::new();
        let mut unnamed: Vec<usize> = Vec::new();
        for (x, t) in line.iter().enumerate() {
            if !noun_at(t) {
                continue;
            }
            // a title right before a person's name ("Star Esther Williams") is that person
            let next = line.get(x + 1).filter(|n| n.glued).and_then(|t| self.mention_at(t));
            if let Some(m) = next {
                if self.person(m) {
                    in_line.push((x, out.mentions[m].entity, true));
                }
                continue;
            }
            // the one person the body gives this noun as a role ("Rehires Attorney": her
            // attorney Jon Eske)
            if let Some(e) = self.role_holder(t.text) {
                in_line.push((x, e, true));
                continue;
            }
            // someone's lawyer, a deputy's killer: another person
            let before = &line[..x];
            if before.iter().any(|b| {
                b.possessive && (self.mention_at(b).is_some_and(|m| self.person(m)) || noun_at(b))
            }) {
                unnamed.push(x);
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
                    [] if subject && !after_function_word => self.main_person,
                    _ => None,
                }
            });
            // a noun that says a gender: not a person of the other ("Mother" is no man), and
            // where nothing else ties it, the one person of its gender. Untied by the
            // headline's words, a noun is no one the headline names ("Marta Kellin Rehires
            // Lawyer"), here and below
            let not_named = |e: &usize| !named.contains(e);
            let noun_gender = gender::of_noun(t.text);
            let target = match (target, noun_gender) {
                (Some(e), Some(g)) if genders.contradicts(e, Some(g)) => None,
                (None, Some(g)) => genders.only_person_of(g).filter(not_named),
                (target, _) => target,
            };
            // "Brooklyn Teen", "Texas Inmate": a place's name before the noun describes a
            // person the body then names: the first it names in its lead
            let place_before = x > 0
                && line[x - 1].glued
                && self.mention_at(&line[x - 1]).is_some_and(|m| {
                    matches!(
                        out.entities[out.mentions[m].entity].kind,
                        ActorKind::Place | ActorKind::State
                    )
                });
            // tied by the headline's own words, the body's roles or the noun's gender
            let tied = target.is_some();
            let target = target
                .or_else(|| {
                    place_before
                        .then(|| {
                            self.named_after(self.body_start, 2, noun_gender).filter(not_named)
                        })
                        .flatten()
                })
                // else the person the article is most about, if the lead names them
                .or_else(|| self.prominent_in_lead(noun_gender).filter(not_named));
            match target {
                Some(e) => in_line.push((x, e, tied)),
                None => unnamed.push(x),
            }
        }
        // two nouns of one headline with a preposition or a conjunction between them are two
        // people ("Teen Arrested in Shooting of Hero Brooklyn Mom"): a noun tied only by the
        // lead does not take the person another noun is tied to by the headline's own words;
        // then two nouns both tied only by the lead to one person are both left alone
        let apart = |a: usize, b: usize| {
            line[a.min(b) + 1..a.max(b)].iter().any(|w| is_function_word(w.text))
        };
        for only_tied in [true, false] {
            let before = in_line.clone();
            in_line.retain(|&(x, e, tied)| {
                tied || !before.iter().any(|&(y, f, other_tied)| {
                    (other_tied || !only_tied) && f == e && y != x && apart(x, y)
                })
            });
        }
        let mut found: Vec<(usize, Option<usize>)> =
            in_line.into_iter().map(|(x, e, _)| (x, Some(e))).collect();
        // a headline that names someone may mean them by its noun ("Ann Lee As Host"): only
        // one that names no one has a person it does not name, except a noun that says a
        // gender, whom linking cannot tell from the person the story is about
        if named.is_empty() {
            found.extend(
                unnamed
                    .into_iter()
                    .filter(|&x| gender::of_noun(line[x].text).is_none())
                    .map(|x| (x, None)),
            );
        }
        found.sort_unstable();
        found
    }

    /// In running text, "a Brooklyn mother", "a Millom man": a noun that says a gender after
    /// a place's name that a determiner opens is the one person of that gender, or, where the
    /// article's pronouns give that gender to several, the person the article is most about if
    /// the lead names them and their pronouns give it (measured on ECB+ train, the first person
    /// named after such a noun of any gender lowered linking). A title in sentence case on the
    /// first line leaves out the determiner, as headlines do ("Guilty verdict for murderer of
    /// Brooklyn mother of 12")
    fn running_text_nouns(&self) -> Vec<(Span, usize)> {
        let (text, tokens, out, genders) = (self.text, self.tokens, self.out, &self.genders);
        let mut found = Vec::new();
        let first_line_end = text.find('\n').unwrap_or(text.len());
        let described = |g: Gender| {
            genders
                .only_person_of(g)
                .or_else(|| self.prominent_in_lead(Some(g)).filter(|&e| genders.of(e) == Some(g)))
        };
        for (x, t) in tokens.iter().enumerate() {
            if t.cap || t.headline || x < 1 || !t.glued || !tokens[x - 1].cap {
                continue;
            }
            let Some(g) = gender::of_noun(t.text) else { continue };
            if self.mention_at(t).is_some() {
                continue;
            }
            let Some(p) = self.mention_at(&tokens[x - 1]) else { continue };
            let place = &out.mentions[p];
            let placed =
                matches!(out.entities[place.entity].kind, ActorKind::Place | ActorKind::State);
            let opener = text[..place.span.start].trim_end_matches(' ');
            let determined = ["a", "A", "an", "An", "the", "The"].iter().any(|d| {
                opener.ends_with(d)
                    && !opener[..opener.len() - d.len()].ends_with(|c: char| c.is_alphanumeric())
            });
            let title = place.span.start < first_line_end;
            if placed && (determined || title) {
                if let Some(e) = described(g) {
                    found.push((t.span.clone(), e));
                }
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use crate::actors::{detect, link, ArticleActors, EntityRef, Linked};
    use crate::config::Config;

    fn linked(texts: &[&str]) -> (Vec<ArticleActors>, Linked) {
        let arts: Vec<_> = texts.iter().map(|t| detect(t, &[])).collect();
        let refs: Vec<_> = arts.iter().collect();
        let labels: Vec<String> = (0..texts.len()).map(|i| format!("{i:03}")).collect();
        let labels: Vec<&str> = labels.iter().map(String::as_str).collect();
        let l = link(&refs, &labels, &Config::default());
        (arts, l)
    }

    /// The actor of the first mention written `text` in article `article`.
    fn actor_of(arts: &[ArticleActors], l: &Linked, article: usize, text: &str) -> Option<usize> {
        let a = &arts[article];
        let m = a.mentions.iter().find(|m| a.text_of(m) == text).expect(text);
        l.actor_of(EntityRef { article, entity: m.entity })
    }

    #[test]
    fn a_headline_noun_for_a_person_no_one_names_is_who_the_story_says() {
        // the article names two people alike: whom "Driver" means it does not say
        let unnamed = "Driver Charged After Crash\nPolice charged Tom Vasko after Ana Ruiz \
                       called them on Friday night. Vasko said nothing. Ruiz waited.";
        let a = detect(unnamed, &[]);
        assert_eq!(a.mention_texts_of("Driver"), ["Driver"]);
        // another report of the story writes the noun for one person: that person (though
        // the story is about no one person)
        let (arts, l) = linked(&[
            unnamed,
            "Driver Tom Vasko Faces Charges\nTom Vasko, 41, was charged after Ana Ruiz \
             called. Ruiz said so. Ruiz left. Ruiz cried.",
        ]);
        assert_eq!(actor_of(&arts, &l, 0, "Driver"), actor_of(&arts, &l, 1, "Tom Vasko"));
        // the story is about one person: that person
        let (arts, l) = linked(&[
            unnamed,
            "Vasko In Court\nTom Vasko appeared in court on Monday morning. Vasko pleaded not \
             guilty. Vasko left at noon.",
        ]);
        assert_eq!(actor_of(&arts, &l, 0, "Driver"), actor_of(&arts, &l, 1, "Tom Vasko"));
        // neither: no actor
        let (arts, l) = linked(&[unnamed]);
        assert_eq!(actor_of(&arts, &l, 0, "Driver"), None);
        assert!(l.actors.iter().all(|x| x.name != "Driver"), "{:?}", l.actors);
        // a headline that names someone may mean them: no unnamed person
        let a = detect(
            "Ana Ruiz Sees Driver Charged\nPolice charged Tom Vasko after Ana Ruiz called \
             them on Friday night. Vasko said nothing. Ruiz waited.",
            &[],
        );
        assert!(a.entities.iter().all(|e| e.name != "Driver"), "{:?}", a.entities);
    }

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
    #[test]
    fn a_noun_that_says_a_gender_is_the_one_person_of_that_gender() {
        // the pronouns give Dana Roe as the one woman: the headline's "Mother" and the
        // body's "a Brooklyn mother" are her, and never the man
        let a = detect(
            "Mother Dies After Shooting In Brooklyn\nPiet Voss saw a Brooklyn mother fall on \
             Monday. Dana Roe was shot as she walked home. Her children were with her. Voss \
             said he called the police. Roe died in hospital.",
            &[],
        );
        let m = a.mention_texts_of("Dana Roe");
        assert!(m.contains(&"Mother") && m.contains(&"mother"), "{a:?}");
        assert!(!a.mention_texts_of("Piet Voss").contains(&"Mother"), "{a:?}");
        // two women: "mother" says no one
        let a = detect(
            "Piet Voss saw a Brooklyn mother fall on Monday. Dana Roe was shot as she walked \
             home. Ann Lee said she saw it too.",
            &[],
        );
        assert!(!a.mention_texts_of("Dana Roe").contains(&"mother"), "{a:?}");
    }

    #[test]
    fn two_women_leave_the_noun_to_the_woman_the_article_is_about() {
        // a title in sentence case drops the determiner; the lead names the woman the article
        // is about, and her pronouns say she is one
        const BODY: &str = "Dana Roe was shot dead on Monday as she walked home with her son. \
                            Ann Lee said she saw it. Roe was 34. Police said Roe had seven \
                            children. Her sister said she was kind.";
        let a = detect(&format!("Trial opens for killer of Brooklyn mother\n{BODY}"), &[]);
        assert!(a.mention_texts_of("Dana Roe").contains(&"mother"), "{a:?}");
        // a noun that says the other gender than hers is no one
        let a = detect(&format!("Trial opens for killer of Brooklyn father\n{BODY}"), &[]);
        assert!(!a.mention_texts_of("Dana Roe").contains(&"father"), "{a:?}");
    }

    #[test]
    fn a_noun_after_a_place_in_a_headline_is_the_first_person_the_body_names() {
        let a = detect(
            "Riots Follow Death Of Brooklyn Teen\nKimo Reyes, 16, was shot by officers on \
             Saturday. Officer Jon Eske fired, police said. Reyes was unarmed.",
            &[],
        );
        assert!(a.mention_texts_of("Kimo Reyes").contains(&"Teen"), "{a:?}");
    }

    #[test]
    fn a_headline_noun_is_the_person_the_lead_names_and_the_article_is_about() {
        let a = detect(
            "Accused Factory Killer Held For Trial\nA judge ordered Ana Lima held for trial on \
             Monday, said Jon Eske. Lima shot two workers at the factory, Eske said. Lima is in \
             jail.",
            &[],
        );
        assert!(a.mention_texts_of("Ana Lima").contains(&"Killer"), "{a:?}");
        // across a preposition, a noun tied to her by its gender leaves the other noun alone
        let a = detect(
            "Teen Arrested In Killing Of Hero Mom\nPolice said Jon Eske was arrested on Monday \
             in the killing of Ana Lima. Her son said she was brave. Lima was 34. Lima had 12 \
             children. Eske is 18.",
            &[],
        );
        let m = a.mention_texts_of("Ana Lima");
        assert!(m.contains(&"Mom") && !m.contains(&"Teen"), "{a:?}");
    }
}
