//! Quantity frames and the background decision, on sentences written for these tests: what a
//! figure measures, and whether it is the story's own event, another one, or a part of a count.

use crosswire::figures::{extract, Figure, Scope, When};

fn figure(text: &str, what: &str) -> Figure {
    extract(text, &[])
        .into_iter()
        .find(|f| f.text == what)
        .unwrap_or_else(|| panic!("no figure {what:?} in {text:?}"))
}

fn key(text: &str, what: &str) -> Option<String> {
    figure(text, what).key.map(|k| k.to_string())
}

#[test]
fn the_story_s_own_toll_is_keyed_by_what_happened_to_whom() {
    assert_eq!(key("The blaze killed 12 people.", "12").as_deref(), Some("people:killed"));
    assert_eq!(
        key("At least 40 soldiers were injured.", "At least 40").as_deref(),
        Some("troops:injured")
    );
    let f = figure("The blaze killed 12 people.", "12");
    let frame = f.frame.expect("a frame");
    assert_eq!(frame.when, When::Story);
    assert_eq!(frame.scope, Scope::Whole);
    assert_eq!(frame.counted.as_deref(), Some("people"));
}

#[test]
fn a_year_or_month_names_another_event_and_keys_it_apart() {
    assert_eq!(
        key("A quake killed 500 people in the city in 1998.", "500").as_deref(),
        Some("people:killed:1998")
    );
    let f = figure("Late March, the army had captured nine rebels.", "nine");
    assert!(matches!(f.frame.map(|fr| fr.when), Some(When::Background(m)) if m == "march"));
}

#[test]
fn each_clause_keeps_its_own_time() {
    let text = "A storm killed 900 people in the port in 2001, and 40 were killed in the hills in October.";
    assert_eq!(key(text, "900").as_deref(), Some("people:killed:2001"));
    assert_eq!(key(text, "40").as_deref(), Some("people:killed:october"));
}

#[test]
fn an_unnamed_earlier_event_is_never_compared() {
    assert_eq!(key("A previous flood killed 30 people.", "30"), None);
    let f = figure("A previous flood killed 30 people.", "30");
    assert_eq!(f.frame.map(|fr| fr.when), Some(When::Elsewhere));
}

#[test]
fn parts_of_a_count_are_not_compared() {
    assert_eq!(key("Two of the five victims died in hospital.", "Two"), None);
    assert_eq!(key("A further 15 people were killed.", "15"), None);
    assert_eq!(key("Another 300 people were injured.", "300"), None);
}

#[test]
fn things_are_counted_with_their_noun_and_the_verb_of_the_clause() {
    assert_eq!(key("The navy seized nine AK-47 rifles.", "nine").as_deref(), Some("rifle:seized"));
    assert_eq!(
        key("Eleven loaded magazines were confiscated.", "Eleven").as_deref(),
        Some("magazine:seized")
    );
    // every item of a list of counted things shares the list's verb
    let text = "The navy nabbed six rifles, 12 magazines and about 300 rounds of ammunition.";
    assert_eq!(key(text, "six").as_deref(), Some("rifle:seized"));
    assert_eq!(key(text, "12").as_deref(), Some("magazine:seized"));
    assert_eq!(key(text, "about 300").as_deref(), Some("round:seized"));
    // "as well as" and a singular item go on with the list; setting fire to things attacks them
    let text = "Youths attacked a government building, four shops and two banks.";
    assert_eq!(key(text, "two").as_deref(), Some("bank:attacked"));
    assert_eq!(key("Rioters set fire to three banks.", "three").as_deref(), Some("bank:attacked"));
    // a total over several operations is compared only with totals
    assert_eq!(
        key("The navy has seized a total of 31 magazines.", "a total of 31").as_deref(),
        Some("magazine:seized:total")
    );
    assert_eq!(
        key("So far the navy has seized 31 magazines.", "31").as_deref(),
        Some("magazine:seized:total")
    );
}

#[test]
fn money_is_framed_by_currency_and_what_it_pays_for() {
    assert_eq!(
        key("He signed a $90 million contract.", "$90 million").as_deref(),
        Some("usd:contract")
    );
    assert_eq!(
        key("They offered a deal worth $120 million.", "$120 million").as_deref(),
        Some("usd:deal")
    );
    assert_eq!(
        key("Flooding caused 80 million euros in damage.", "80 million euros").as_deref(),
        Some("eur:damage")
    );
    assert_eq!(
        key("The bill came to 80 million euros.", "80 million euros"),
        None,
        "nothing says what the amount is of"
    );
}

#[test]
fn figures_that_are_not_compared_still_show_what_the_text_says() {
    let f = figure("Three jurors left early.", "Three");
    assert!(f.key.is_none());
    let frame = f.frame.expect("comparable figures carry a frame, keyed or not");
    assert_eq!(frame.counted.as_deref(), Some("juror"));
    assert_eq!(frame.event, None);
}

#[test]
fn a_change_between_levels_is_never_compared_with_a_level() {
    assert_eq!(key("The toll rose from 10 to 20 people.", "from 10 to 20"), None);
    assert_eq!(
        key("From 10 to 20 people were injured.", "From 10 to 20").as_deref(),
        Some("people:injured")
    );
}

#[test]
fn questions_and_wishes_are_not_reports() {
    assert_eq!(key("Will the club pay a $30 million fee?", "$30 million"), None);
    assert_eq!(key("His agent is asking for a $30 million contract.", "$30 million"), None);
    assert_eq!(
        key("The club agreed a $30 million contract.", "$30 million").as_deref(),
        Some("usd:contract")
    );
    // a wish in another clause leaves the figure alone
    assert_eq!(
        key("They want talks to end a war that has killed more than 9,000.", "more than 9,000")
            .as_deref(),
        Some("people:killed")
    );
}

#[test]
fn durations_are_compared_by_what_lasted_and_their_unit() {
    let a = "The jury deliberated for 40 hours.";
    let b = "The panel stopped after 30 hours of deliberations.";
    assert_eq!(key(a, "40 hours").as_deref(), Some("hour:duration of delibe"));
    assert_eq!(key(a, "40 hours"), key(b, "30 hours"));
    assert_eq!(
        key("It lasted 30 seconds.", "30 seconds").as_deref(),
        Some("second:duration of last")
    );
    // a unit written as an adjective qualifies a noun: "a seven-year deal" is the deal's
    assert_eq!(key("They offered a seven-year deal.", "seven-year"), None);
    // a duration with nothing said of what lasted is not compared
    assert_eq!(key("Three weeks passed.", "Three weeks"), None);
}

#[test]
fn people_displaced_from_a_named_place_are_counted_for_that_place() {
    let text = "Officials said 8,700 people were displaced from Bustan al-Basha this month.";
    assert_eq!(key(text, "8,700").as_deref(), Some("people:displaced:bustan al-basha"));
    assert_eq!(key("The war has displaced 2,000.", "2,000").as_deref(), Some("people:displaced"));
}

#[test]
fn a_change_from_one_level_to_another_is_never_compared_but_a_range_is() {
    assert_eq!(key("The toll rose from 30 to 40 people.", "from 30 to 40"), None);
    assert_eq!(
        key("From 30 to 40 people were killed.", "From 30 to 40").as_deref(),
        Some("people:killed")
    );
}
