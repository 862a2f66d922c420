//! Gender evidence for stand-in mentions: the gender a noun for a person says ("mother",
//! "Man"), and each person's gender as the article's pronouns give it. English marks a
//! person's gender in pronouns and in some nouns; a noun that says one is never a person of
//! the other, and where exactly one person has it, that person ([`Genders::only_person_of`]).

use super::model::{ActorKind, ArticleActors};
use super::names::Token;

/// A person's grammatical gender, as English marks it in pronouns and in some nouns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Gender {
    Female,
    Male,
}

/// The gender a noun for a person says ("mother", "Woman"; "teen" and "suspect" say none).
pub(super) fn of_noun(word: &str) -> Option<Gender> {
    // asked of every word of running text: lowered on the stack ("granddaughter" is the
    // longest)
    let mut buf = [0u8; 13];
    let lower = buf.get_mut(..word.len()).filter(|_| word.is_ascii())?;
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    match std::str::from_utf8(lower).unwrap_or_default() {
        "woman" | "mother" | "mom" | "mum" | "girl" | "wife" | "daughter" | "widow" | "actress"
        | "sister" | "grandmother" | "granddaughter" | "aunt" | "niece" | "girlfriend" | "lady" => {
            Some(Gender::Female)
        }
        "man" | "father" | "dad" | "boy" | "son" | "husband" | "brother" | "widower"
        | "grandfather" | "grandson" | "uncle" | "nephew" | "boyfriend" | "gentleman" => {
            Some(Gender::Male)
        }
        _ => None,
    }
}

fn of_pronoun(word: &str) -> Option<Gender> {
    match word {
        "she" | "She" | "her" | "Her" | "hers" | "herself" => Some(Gender::Female),
        "he" | "He" | "him" | "his" | "His" | "himself" => Some(Gender::Male),
        _ => None,
    }
}

/// Each entity's gender as the article's pronouns give it (`None`: no pronoun, or pronouns
/// that disagree), indexed by entity.
pub(super) struct Genders(Vec<Option<Gender>>);

impl Genders {
    /// A pronoun is counted for the person named last before it, in its sentence or the one
    /// before, and a person has a gender when the pronouns counted for them agree at least
    /// three to one.
    pub(super) fn read(tokens: &[Token<'_>], out: &ArticleActors) -> Self {
        let mut votes = vec![(0usize, 0usize); out.entities.len()];
        let mut sentence = 0usize;
        // (entity, sentence) of the last person named
        let mut last: Option<(usize, usize)> = None;
        let mut m = 0;
        for t in tokens {
            if t.sentence_start {
                sentence += 1;
            }
            while m < out.mentions.len() && out.mentions[m].span.end <= t.span.start {
                let e = out.mentions[m].entity;
                if out.entities[e].kind == ActorKind::Person && !out.mentions[m].stand_in {
                    last = Some((e, sentence));
                }
                m += 1;
            }
            let Some(g) = of_pronoun(t.text) else { continue };
            if let Some((e, _)) = last.filter(|&(_, at)| sentence <= at + 1) {
                match g {
                    Gender::Female => votes[e].0 += 1,
                    Gender::Male => votes[e].1 += 1,
                }
            }
        }
        Genders(
            votes
                .iter()
                .map(|&(f, m)| {
                    if f > 0 && f >= 3 * m {
                        Some(Gender::Female)
                    } else if m > 0 && m >= 3 * f {
                        Some(Gender::Male)
                    } else {
                        None
                    }
                })
                .collect(),
        )
    }

    /// The gender entity `e`'s pronouns give, if they give one.
    pub(super) fn of(&self, e: usize) -> Option<Gender> {
        self.0[e]
    }

    /// Whether entity `e`'s pronouns give the other gender than `g` (never, when `g` is
    /// unknown or they give none).
    pub(super) fn contradicts(&self, e: usize, g: Option<Gender>) -> bool {
        g.is_some() && self.0[e].is_some() && self.0[e] != g
    }

    /// The one person of the article whose pronouns give gender `g`, if exactly one has it.
    pub(super) fn only_person_of(&self, g: Gender) -> Option<usize> {
        let mut of = self.0.iter().enumerate().filter(|(_, x)| **x == Some(g));
        match (of.next(), of.next()) {
            (Some((e, _)), None) => Some(e),
            _ => None,
        }
    }
}
