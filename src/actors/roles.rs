//! Roles and titles the text gives a person: before the name ("Russian Foreign Minister Sergey
//! Lavrov", "his deputy Gennady Gatilov", "U.N. Syria peace envoy Staffan de Mistura") or in
//! apposition after it ("Vitaly Churkin, Russia’s UN ambassador, said").

use super::detect::Candidate;
use super::lexicon;
use super::model::{ActorKind, ArticleActors, Role};
use super::names::Token;

/// Adds the roles found around each person mention to its entity.
pub(super) fn attach(
    text: &str,
    tokens: &[Token<'_>],
    cands: &[Candidate],
    out: &mut ArticleActors,
) {
    for (i, c) in cands.iter().enumerate() {
        let e = out.mentions[i].entity;
        if out.entities[e].kind != ActorKind::Person {
            continue;
        }
        let first = if c.span.start < tokens[c.name.start].span.start {
            c.name.start - 1
        } else {
            c.name.start
        };
        let left = before(text, tokens, first).or_else(|| before_comma(text, tokens, first));
        for span in [left, after(text, tokens, c, cands)].into_iter().flatten() {
            let role = text[span.clone()].trim_end_matches([',', ' ']).to_string();
            let roles = &mut out.entities[e].roles;
            if !roles.iter().any(|r| r.text.eq_ignore_ascii_case(&role)) {
                roles.push(Role { text: role, span });
            }
        }
    }
}

fn spaces_only(text: &str, a: &Token<'_>, b: &Token<'_>) -> bool {
    let gap = &text[a.span.end..b.span.start];
    let gap = if a.possessive { gap.trim_start_matches(['’', '\'', 's']) } else { gap };
    !gap.is_empty() && gap.chars().all(|c| c == ' ' || c == '\u{a0}')
}

fn role_word(t: &Token<'_>) -> bool {
    lexicon::is_role_noun(t.text) || lexicon::is_title(t.text)
}

/// The role phrase ending right before token `first` (the name's first word).
fn before(text: &str, tokens: &[Token<'_>], first: usize) -> Option<crate::text::Span> {
    let mut start = first;
    let mut has_noun = false;
    while start > 0 {
        let t = &tokens[start - 1];
        if !spaces_only(text, t, &tokens[start]) || tokens[start].sentence_start {
            break;
        }
        let lower = t.text.to_lowercase();
        let ok = role_word(t)
            || lexicon::is_role_modifier(t.text)
            || t.cap
            || t.possessive
            || matches!(lower.as_str(), "his" | "her" | "their" | "its" | "of" | "on" | "for");
        // a headline's capitals say nothing of which words are a title ("Rehires Attorney")
        if !ok
            || t.headline
            || lexicon::is_speech_verb(t.text)
            || (t.sentence_start && lexicon::is_common(t.text))
        {
            break;
        }
        has_noun |= lexicon::is_role_noun(t.text) || (t.cap && lexicon::is_title(t.text));
        start -= 1;
    }
    // a name right after "of", "for", "the"… is the object of the phrase, not the one it names:
    // "the sister of Tara Reid", "a lawyer for Lohan", "a member of the Sixers"
    if first > 0 && governs_the_name(&tokens[first - 1]) {
        return None;
    }
    // no leading connective
    while start < first && matches!(tokens[start].text, "of" | "on" | "for" | "the") {
        start += 1;
    }
    if !has_noun || start == first {
        return None;
    }
    // the words after the last role word may only be "of/on/for" and names: "envoy on Syria"
    let last_role = (start..first).rev().find(|&i| role_word(&tokens[i]))?;
    let tail = &tokens[last_role + 1..first];
    if tail.len() > 3 || tail.first().is_some_and(|t| !matches!(t.text, "of" | "on" | "for")) {
        return None;
    }
    Some(tokens[start].span.start..tokens[first - 1].span.end)
}

/// A preposition or article that makes the name after it the object of the words before it.
fn governs_the_name(t: &Token<'_>) -> bool {
    lexicon::is_preposition(t.text) || matches!(t.text.to_lowercase().as_str(), "the" | "a" | "an")
}

/// An appositive role after the name: ", Russia’s UN ambassador," / ", head of the observatory,".
fn after(
    text: &str,
    tokens: &[Token<'_>],
    c: &Candidate,
    cands: &[Candidate],
) -> Option<crate::text::Span> {
    let end = c.name.end;
    let next = tokens.get(end)?;
    if tokens[end - 1].possessive || text[c.span.end..next.span.start].trim() != "," {
        return None;
    }
    let mut last = end;
    let mut noun_at = None;
    while last < tokens.len() && last - end < 10 {
        let t = &tokens[last];
        if last > end
            && text[tokens[last - 1].span.end..t.span.start]
                .contains([',', '.', ';', ':', '(', ')', '“', '”', '"', '!', '?', '\n'])
        {
            break;
        }
        let lower = t.text.to_lowercase();
        if lexicon::is_speech_verb(t.text)
            || matches!(
                lower.as_str(),
                "who" | "which" | "that" | "and" | "said" | "is" | "was" | "has" | "had"
            )
        {
            return None;
        }
        if noun_at.is_none() && lexicon::is_role_noun(t.text) {
            noun_at = Some(last);
        }
        last += 1;
    }
    let noun_at = noun_at?;
    if tokens[end..last].iter().any(|t| t.cap && !t.sentence_start && is_name_start(cands, t)) {
        return None;
    }
    if noun_at - end > 3 {
        return None;
    }
    // the appositive ends at a comma or the end of the sentence
    let stop = text[tokens[last - 1].span.end..].chars().next();
    if !matches!(stop, Some(',' | '.' | ';' | ')')) {
        return None;
    }
    Some(tokens[end].span.start..tokens[last - 1].span.end)
}

/// True when `t` is inside a candidate that may be a person.
fn is_name_start(cands: &[Candidate], t: &Token<'_>) -> bool {
    let i = cands.partition_point(|c| c.span.end <= t.span.start);
    cands.get(i).is_some_and(|c| {
        c.span.start <= t.span.start && matches!(c.kind, None | Some(ActorKind::Person))
    })
}

/// "one shopper, Omar al-Beik": a role noun, a comma, then the name.
fn before_comma(text: &str, tokens: &[Token<'_>], first: usize) -> Option<crate::text::Span> {
    let noun = first.checked_sub(1)?;
    let t = &tokens[noun];
    if text[t.span.end..tokens[first].span.start].trim() != ","
        || !lexicon::is_role_noun(t.text)
        || t.cap
    {
        return None;
    }
    let mut start = noun;
    while start > 0
        && lexicon::is_role_modifier(tokens[start - 1].text)
        && !matches!(tokens[start - 1].text, "of" | "on" | "for" | "the")
    {
        start -= 1;
    }
    Some(tokens[start].span.start..t.span.end)
}

#[cfg(test)]
mod tests {
    use crate::actors::detect;

    fn roles_of(text: &str, name: &str) -> Vec<String> {
        let a = detect(text, &[]);
        let m = a.mentions.iter().find(|m| a.text_of(m) == name).expect("a mention");
        a.entities[m.entity].roles.iter().map(|r| r.text.clone()).collect()
    }

    #[test]
    fn a_name_after_of_or_for_does_not_take_the_role_before_it() {
        assert!(roles_of("Police said the sister of Tara Reid was there.", "Tara Reid").is_empty());
        assert!(
            roles_of("He called a lawyer for Lindsay Lohan on Monday.", "Lindsay Lohan").is_empty()
        );
    }

    #[test]
    fn titles_before_the_name_and_appositions_are_roles() {
        let before = roles_of("Russian Foreign Minister Sergey Lavrov spoke.", "Sergey Lavrov");
        assert_eq!(before, ["Russian Foreign Minister"]);
        let apposition =
            roles_of("Vitaly Churkin, Russia’s UN ambassador, said no.", "Vitaly Churkin");
        assert_eq!(apposition, ["Russia’s UN ambassador"]);
        let of = roles_of(
            "Police said Shawn Holley, the lawyer of the actress, was there.",
            "Shawn Holley",
        );
        assert_eq!(of, ["the lawyer of the actress"]);
    }
}
