//! Reading one number from tokens: digits ("250,000", "2.3bn"), words ("two hundred and fifty
//! thousand", "half a million", "a dozen", "five and a half million") and mixtures ("1.5 million",
//! "4 thousand 3 hundred and 21").

use super::lexicon::{
    glued_scale, noun_class, scale_word, scale_word_shaped, small_number, small_number_shaped,
};
use super::tokens::{digits_value, TokKind, Token};

/// A number read from tokens `start..end`.
#[derive(Debug, Clone, Copy)]
pub struct Number {
    pub value: f64,
    pub end: usize,
    /// The largest scale applied (1 when none): "5 million" → 1e6. Used to spread a scale over a
    /// range: "5 to 10 million".
    pub scale: f64,
    /// Written in words only ("three", "half a million").
    pub words_only: bool,
    /// A single digit token with nothing but digits: candidates for years and identifiers.
    pub bare_digits: bool,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum State {
    Start,
    /// After "a" in "a hundred", "a dozen".
    A,
    Value {
        tens_word: bool,
    },
    Hundred,
    Scale(f64),
}

fn is_small_word(tok: Option<&Token>) -> bool {
    tok.is_some_and(|t| t.kind == TokKind::Word && small_number_shaped(t.shape, t.lower).is_some())
}

fn is_scale_word(tok: Option<&Token>) -> bool {
    tok.is_some_and(|t| {
        t.kind == TokKind::Word
            && scale_word_shaped(t.shape, t.lower)
                .is_some_and(|m| !t.lower.ends_with('s') || m == 12.0)
    })
}

/// "and a half", "and one quarter" at `j` (pointing at "and"): the fraction and tokens used.
fn and_fraction(t: &[Token], j: usize) -> Option<(f64, usize)> {
    let a = t.get(j + 1)?;
    let f = t.get(j + 2)?;
    if !(a.is_word("a") || a.is_word("one")) {
        return None;
    }
    let frac = match f.lower {
        "half" => 0.5,
        "quarter" | "fourth" => 0.25,
        _ => return None,
    };
    Some((frac, 3))
}

/// Reads the number starting at token `i`. `money` allows "m" glued to digits to mean million.
pub fn read(t: &[Token], i: usize, money: bool) -> Option<Number> {
    let first = t.get(i)?;
    // "half a million", "half million", "quarter million", "half a dozen"
    if first.is_word("half") || first.is_word("quarter") {
        let frac = if first.is_word("half") { 0.5 } else { 0.25 };
        let mut k = i + 1;
        if t.get(k).is_some_and(|x| x.is_word("a")) {
            k += 1;
        }
        let m = t
            .get(k)
            .filter(|x| x.kind == TokKind::Word)
            .and_then(|x| scale_word(x.lower).filter(|_| !x.lower.ends_with('s')))?;
        if m < 12.0 {
            return None;
        }
        return Some(Number {
            value: frac * m,
            end: k + 1,
            scale: m,
            words_only: true,
            bare_digits: false,
        });
    }
    let mut total = 0.0;
    let mut group = 0.0;
    let mut state = State::Start;
    let mut j = i;
    let mut end = i;
    let mut scale: f64 = 1.0;
    let mut words_only = true;
    let mut digit_tokens = 0;
    let mut before_and: Option<(f64, f64, usize)> = None;
    // The scale before that "and" ("two million and ..."): a number after it continues the first
    // only with a smaller scale ("two million and five hundred thousand"); "20 million and 30
    // million" are two numbers.
    let mut scale_before_and: Option<f64> = None;
    while let Some(tok) = t.get(j) {
        match tok.kind {
            TokKind::Num => {
                let v = digits_value(tok.text);
                match state {
                    State::Start => group = v,
                    State::Hundred if v < 100.0 => group += v,
                    State::Scale(m) if v < m && m >= 1000.0 => group = v,
                    _ => break,
                }
                words_only = false;
                digit_tokens += 1;
                state = State::Value { tens_word: false };
                j += 1;
                end = j;
                // "10k", "2.3bn", "10M": a scale glued to the digits.
                if let Some(n) =
                    t.get(j).filter(|n| n.kind == TokKind::Word && n.span.start == tok.span.end)
                {
                    // "£4m", and "1.5m people" as British papers write millions of people
                    let millions = money || counted_noun_at(t, j + 1);
                    let m = glued_scale(n.text).or(if millions && n.text == "m" {
                        Some(1e6)
                    } else {
                        None
                    });
                    if let Some(m) = m {
                        total += group * m;
                        group = 0.0;
                        scale = scale.max(m);
                        state = State::Scale(m);
                        j += 1;
                        end = j;
                        // A glued scale ends the number: "10k 3" is two numbers.
                        break;
                    }
                }
                // "$143-billion", "a 110-million-euro deal": a scale joined by a hyphen
                if let Some(m) = hyphenated_scale(t, j) {
                    total += group * m;
                    group = 0.0;
                    scale = scale.max(m);
                    j += 2;
                    end = j;
                    break;
                }
                // "2 1/2", "2-1/2": a whole number and a fraction
                if let Some((frac, used)) = mixed_fraction(t, j, tok.text) {
                    group += frac;
                    j += used;
                    end = j;
                    break;
                }
            }
            TokKind::Word => {
                let w = tok.lower;
                if let Some((v, tens)) = small_number_shaped(tok.shape, w) {
                    match state {
                        State::Start => group = v,
                        State::Value { tens_word: true } if !tens && v > 0.0 && v < 10.0 => {
                            group += v
                        }
                        State::Hundred if v < 100.0 => group += v,
                        State::Scale(m) if v < m && m >= 100.0 => group = v,
                        _ => break,
                    }
                    state = State::Value { tens_word: tens };
                    j += 1;
                    end = j;
                    continue;
                }
                if w == "a" || w == "an" {
                    if state == State::Start && is_scale_word(t.get(j + 1)) {
                        group = 1.0;
                        state = State::A;
                        j += 1;
                        continue;
                    }
                    break;
                }
                // "2.33 k": a spaced "k" after digits.
                let m = if w == "k" && digit_tokens > 0 && matches!(state, State::Value { .. }) {
                    Some(1e3)
                } else {
                    scale_word_shaped(tok.shape, w)
                };
                if let Some(m) = m {
                    // "hundreds", "thousands" alone are vague (read elsewhere); "dozens" after a number is not.
                    let dozen = m == 12.0;
                    if w.ends_with('s') && !dozen && !matches!(w, "lakhs" | "crores") {
                        break;
                    }
                    if dozen && !matches!(state, State::Value { .. } | State::A) {
                        break;
                    }
                    // "hundred thousand dollars": a bare scale that another scale follows.
                    if state == State::Start
                        && (m == 100.0 || m == 1000.0)
                        && is_scale_word(t.get(j + 1))
                    {
                        group = 1.0;
                        state = State::A;
                    }
                    if m == 100.0 {
                        // "3 hundred and 2 hundred" is two numbers: undo the "and".
                        if group >= 100.0 && before_and.is_some() {
                            if let Some((tot, grp, e)) = before_and {
                                (total, group, end) = (tot, grp, e);
                            }
                            break;
                        }
                        match state {
                            State::Value { .. } | State::A => group *= 100.0,
                            _ => break,
                        }
                        state = State::Hundred;
                    } else {
                        if scale_before_and.is_some_and(|m0| m >= m0) {
                            if let Some((tot, grp, e)) = before_and {
                                (total, group, end) = (tot, grp, e);
                            }
                            break;
                        }
                        match state {
                            State::Value { .. } | State::A | State::Hundred => {
                                total += group * m;
                                group = 0.0;
                            }
                            // "three lakh crore"
                            State::Scale(m0) if m > m0 && group == 0.0 => total *= m,
                            _ => break,
                        }
                        state = State::Scale(m);
                    }
                    scale = scale.max(m);
                    j += 1;
                    end = j;
                    continue;
                }
                if w == "and" {
                    if let Some((frac, used)) = and_fraction(t, j) {
                        match state {
                            State::Value { .. } => group += frac,
                            State::Scale(m) if m >= 1000.0 => total += frac * m,
                            _ => break,
                        }
                        j += used;
                        end = j;
                        continue;
                    }
                    let next = t.get(j + 1);
                    let next_is_number =
                        next.is_some_and(|n| n.kind == TokKind::Num) || is_small_word(next);
                    if matches!(state, State::Hundred | State::Scale(_)) && next_is_number {
                        before_and = Some((total, group, end));
                        if let State::Scale(m0) = state {
                            scale_before_and = Some(m0);
                        }
                        j += 1;
                        continue;
                    }
                    break;
                }
                if w == "point" && words_only && !matches!(state, State::Start | State::A) {
                    if let Some((frac, k)) = spoken_decimals(t, j + 1) {
                        group += frac;
                        end = k;
                    }
                    break;
                }
                break;
            }
            TokKind::Punct => {
                // "two-million-euro": a number word and its scale joined by a hyphen
                if matches!(state, State::Value { .. }) && words_only {
                    if let Some(m) = hyphenated_scale(t, j) {
                        total += group * m;
                        group = 0.0;
                        scale = scale.max(m);
                        j += 2;
                        end = j;
                        break;
                    }
                }
                // "sixty-one", "fifty - two"
                if tok.is_dash() && state == (State::Value { tens_word: true }) {
                    if let Some(n) = t.get(j + 1).filter(|n| n.kind == TokKind::Word) {
                        if small_number(n.lower)
                            .is_some_and(|(v, tens)| !tens && v > 0.0 && v < 10.0)
                        {
                            j += 1;
                            continue;
                        }
                    }
                }
                break;
            }
            TokKind::Barrier => break,
        }
    }
    if end == i || matches!(state, State::Start | State::A) {
        return None;
    }
    let bare_digits =
        digit_tokens == 1 && end == i + 1 && t[i].text.bytes().all(|b| b.is_ascii_digit());
    Some(Number { value: total + group, end, scale, words_only, bare_digits })
}

/// A scale of a million or more joined by a hyphen at `j` (pointing at the hyphen), touching on
/// both sides: "-billion" in "$143-billion".
fn hyphenated_scale(t: &[Token], j: usize) -> Option<f64> {
    let dash = t.get(j).filter(|d| d.is_dash())?;
    let word = t.get(j + 1).filter(|w| w.kind == TokKind::Word)?;
    let before = t.get(j.checked_sub(1)?)?;
    if before.span.end != dash.span.start || dash.span.end != word.span.start {
        return None;
    }
    scale_word(word.lower).filter(|&m| m >= 1e6 && !word.lower.ends_with('s'))
}

/// A fraction after a whole number `whole` ending before `j`: "1/2" in "2 1/2", "-1/2" in
/// "2-1/2" (its value and the tokens used). Only proper fractions with small denominators, so
/// that "9/11" and dates stay what they are.
fn mixed_fraction(t: &[Token], j: usize, whole: &str) -> Option<(f64, usize)> {
    if !whole.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let touch = |a: usize, b: usize| match (t.get(a), t.get(b)) {
        (Some(x), Some(y)) => x.span.end == y.span.start,
        _ => false,
    };
    // "2-1/2" (hyphen, all touching) or "2 1/2" (a space before the numerator)
    let k = if t.get(j).is_some_and(|d| d.is_dash()) && touch(j - 1, j) && touch(j, j + 1) {
        j + 1
    } else if !touch(j - 1, j) {
        j
    } else {
        return None;
    };
    let (n, slash, d) = (t.get(k)?, t.get(k + 1)?, t.get(k + 2)?);
    let plain = |x: &Token| x.kind == TokKind::Num && x.text.bytes().all(|b| b.is_ascii_digit());
    if !(plain(n) && slash.is_punct("/") && plain(d) && touch(k, k + 1) && touch(k + 1, k + 2)) {
        return None;
    }
    // "1/2/2019" is a date
    if t.get(k + 3).is_some_and(|x| x.is_punct("/")) && touch(k + 2, k + 3) {
        return None;
    }
    let (n, d) = (digits_value(n.text), digits_value(d.text));
    (n > 0.0 && n < d && d <= 16.0).then(|| (n / d, k + 3 - j))
}

/// A counted noun at `k` ("people", "refugees"): what makes a glued "m" millions, not metres.
fn counted_noun_at(t: &[Token], k: usize) -> bool {
    t.get(k).is_some_and(|x| x.kind == TokKind::Word && noun_class(x.lower).is_some())
}

/// "zero three" → 0.03, "seventy-one" → 0.71, "eleven" → 0.11 (after "point").
fn spoken_decimals(t: &[Token], mut k: usize) -> Option<(f64, usize)> {
    let mut digits = String::new();
    while let Some((v, tens)) =
        t.get(k).filter(|x| x.kind == TokKind::Word).and_then(|x| small_number(x.lower))
    {
        let mut v = v as i64;
        k += 1;
        if tens && t.get(k).is_some_and(|x| x.is_dash()) {
            if let Some((u, false)) = t.get(k + 1).and_then(|x| small_number(x.lower)) {
                v += u as i64;
                k += 2;
            }
        }
        digits.push_str(&v.to_string());
    }
    if digits.is_empty() {
        return None;
    }
    Some((format!("0.{digits}").parse().ok()?, k))
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    /// The first number of `text`: (value, words used).
    fn first(text: &str) -> (f64, Vec<String>) {
        let lowered = text.to_ascii_lowercase();
        let arena = bumpalo::Bump::new();
        let t = tokenize(text, &lowered, &[], &arena);
        let n = read(&t, 0, false).unwrap_or_else(|| panic!("no number in {text:?}"));
        (n.value, t[..n.end].iter().map(|x| x.text.to_string()).collect())
    }

    #[test]
    fn a_scale_after_and_continues_the_number_only_when_smaller() {
        assert_eq!(first("two million and five hundred thousand").0, 2_500_000.0);
        assert_eq!(first("two thousand and two hundred").0, 2200.0);
        assert_eq!(first("two hundred and two thousand").0, 202_000.0);
        // two numbers, the first ends before "and"
        assert_eq!(first("20 million and 30 million"), (2e7, vec!["20".into(), "million".into()]));
        assert_eq!(first("twenty million and thirty million").0, 2e7);
        assert_eq!(first("3 thousand and 4 thousand").0, 3000.0);
    }

    #[test]
    fn a_glued_m_is_millions_before_people_and_metres_otherwise() {
        assert_eq!(first("1.5m people").0, 1.5e6);
        assert_eq!(first("3m refugees").0, 3e6);
        // the "m" of "100m sprint" is left to the unit reading
        assert_eq!(first("100m sprint"), (100.0, vec!["100".into()]));
    }
}
