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
    figure(text, what).key().map(|k| k.to_string())
}

#[test]
fn the_story_s_own_toll_is_keyed_by_what_happened_to_whom() {
    assert_eq!(key("The blaze killed 12 people.", "12").as_deref(), Some("people:killed"));
    assert_eq!(
        key("At least 40 soldiers were injured.", "At least 40").as_deref(),
        Some("troops:injured")
    );
    let f = figure("The blaze killed 12 people.", "12");
    let frame = f.frame().expect("a frame").clone();
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
    assert!(
        matches!(f.frame().map(|fr| fr.when.clone()), Some(When::Background(m)) if &*m == "march")
    );
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
    assert_eq!(f.frame().map(|fr| fr.when.clone()), Some(When::Elsewhere));
}

#[test]
fn parts_of_a_count_are_not_compared() {
    assert_eq!(key("Two of the five victims died in hospital.", "Two"), None);
    assert_eq!(key("A further 15 people were killed.", "15"), None);
    assert_eq!(key("Another 300 people were injured.", "300"), None);
}

#[test]
fn things_are_counted_with_their_noun_and_the_verb_of_the_clause() {
    assert_eq!(
        key("The navy seized nine hunting rifles.", "nine").as_deref(),
        Some("rifle:seized")
    );
    assert_eq!(
        key("Eleven loaded magazines were confiscated.", "Eleven").as_deref(),
        Some("magazine:seized")
    );
    // every item of a list of counted things shares the list's verb; rounds are shots
    let text = "The navy nabbed six rifles, 12 magazines and about 300 rounds of ammunition.";
    assert_eq!(key(text, "six").as_deref(), Some("rifle:seized"));
    assert_eq!(key(text, "12").as_deref(), Some("magazine:seized"));
    assert_eq!(key(text, "about 300").as_deref(), Some("shot:seized"));
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
        Some("usd:deal")
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
fn a_rate_of_money_is_compared_only_as_what_it_is_paid_for() {
    // two people's monthly incomes are not one quantity
    assert_eq!(key("A widow who lives on 900 euros a month joined.", "900 euros"), None);
    assert_eq!(key("The farmer, who gets euro410 a month, marched.", "euro410"), None);
    assert_eq!(
        key(
            "They offered a five-year deal worth $50 million or $10 million per season.",
            "$10 million"
        )
        .as_deref(),
        Some("usd:deal per season")
    );
    assert_eq!(
        key("Her pension of 700 euros a month was cut.", "700 euros").as_deref(),
        Some("eur:pension per month")
    );
}

#[test]
fn the_toll_of_one_more_act_is_a_part_of_the_event_s() {
    assert_eq!(key("Gunmen also fired on a bus, killing three people.", "three"), None);
    assert_eq!(
        figure("Rioters also stormed a bank, injuring at least four people.", "at least four")
            .frame()
            .map(|f| f.scope.clone()),
        Some(Scope::Part)
    );
    // a statement added, or the story's own cause, leaves the toll whole
    assert_eq!(
        key("Police also said 70 people were injured.", "70").as_deref(),
        Some("people:injured")
    );
    assert_eq!(key("The quake also injured 300 people.", "300").as_deref(), Some("people:injured"));
}

#[test]
fn a_crowd_is_counted_by_its_march_vigil_or_gathering() {
    assert_eq!(
        key("More than 200 people joined a candlelit vigil.", "More than 200").as_deref(),
        Some("people:protesting")
    );
    assert_eq!(
        key("Nearly 300 people set off to march on the ministry.", "Nearly 300").as_deref(),
        Some("people:protesting")
    );
}

#[test]
fn figures_that_are_not_compared_still_show_what_the_text_says() {
    let f = figure("Three jurors left early.", "Three");
    assert!(f.key().is_none());
    let frame = f.frame().expect("comparable figures carry a frame, keyed or not").clone();
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
fn the_level_a_change_started_from_is_never_compared() {
    let text = "The number of people killed rose to 40 from 30 overnight.";
    assert_eq!(key(text, "30"), None);
    let text = "Officials said 40 people were killed, up from 30 on Monday.";
    assert_eq!(key(text, "40").as_deref(), Some("people:killed"));
    assert_eq!(key(text, "30"), None);
    // a range "from 10 to 20" is not a change's start
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
        Some("usd:deal")
    );
    // a wish in another clause leaves the figure alone
    assert_eq!(
        key("They want talks to end a war that has killed more than 9,000.", "more than 9,000")
            .as_deref(),
        Some("people:killed")
    );
}

#[test]
fn durations_are_compared_by_what_lasted_and_their_dimension() {
    let a = "The jury deliberated for 40 hours.";
    let b = "The panel stopped after 30 hours of deliberations.";
    assert_eq!(key(a, "40 hours").as_deref(), Some("time:duration of delibe"));
    assert_eq!(key(a, "40 hours"), key(b, "30 hours"));
    assert_eq!(
        key("It lasted 30 seconds.", "30 seconds").as_deref(),
        Some("time:duration of last")
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

#[test]
fn a_model_name_is_what_is_counted_whatever_noun_follows() {
    assert_eq!(key("Police seized seven AK-47s.", "seven").as_deref(), Some("ak47:seized"));
    assert_eq!(
        key("Marines recovered 12 AK 47 guns and a launcher.", "12").as_deref(),
        Some("ak47:seized")
    );
    assert_eq!(
        key("Marines seized seven AK-47 assault rifles.", "seven").as_deref(),
        Some("ak47:seized")
    );
}

#[test]
fn the_verb_after_a_list_is_every_item_s() {
    let text = "Six rifles, 12 magazines and about 300 rounds of ammunition were found.";
    assert_eq!(key(text, "12").as_deref(), Some("magazine:seized"));
    assert_eq!(key(text, "about 300").as_deref(), Some("shot:seized"));
}

#[test]
fn shots_fired_and_shots_that_hit_are_two_quantities_under_any_name() {
    // a spaced dash opens another clause: its verb is not the shots'
    let text = "The officers fired 11 shots — the report showed that he ran.";
    assert_eq!(key(text, "11").as_deref(), Some("shot:fired"));
    assert_eq!(key("He was shot seven times.", "seven").as_deref(), Some("shot:hit"));
    assert_eq!(key("Seven bullets hit the driver.", "Seven").as_deref(), Some("shot:hit"));
    assert_eq!(key("The driver was hit by nine rounds.", "nine").as_deref(), Some("shot:hit"));
    assert_eq!(key("He has been arrested five times.", "five"), None);
    // "the seven" of "three of the seven" is the whole; "three" the part
    let text = "Three of the seven bullets fired by the officers hit his back.";
    assert_eq!(key(text, "seven").as_deref(), Some("shot:fired"));
    assert_eq!(key(text, "Three"), None);
}

#[test]
fn other_things_and_other_people_are_parts() {
    // "nine assault rifles" elsewhere may count these and the AK-47s together
    assert_eq!(key("Police seized seven AK-47s and three other rifles.", "three"), None);
    let f = figure("Police seized seven AK-47s and three other rifles.", "three");
    assert_eq!(f.frame().and_then(|fr| fr.counted.as_deref()), Some("rifle"));
    assert_eq!(key("The gunman killed a guard and two other people.", "two"), None);
}

#[test]
fn counted_aftershocks_belong_to_the_story_but_an_aftershock_s_toll_does_not() {
    let f = figure("The quake was followed by at least four strong aftershocks.", "at least four");
    assert_eq!(f.key().map(|k| k.to_string()).as_deref(), Some("aftershock:occurred"));
    assert_eq!(f.frame().map(|fr| fr.when.clone()), Some(When::Story));
    assert_eq!(
        key("Three aftershocks were felt.", "Three").as_deref(),
        Some("aftershock:occurred")
    );
    assert_eq!(key("A strong aftershock killed two people.", "two"), None);
}

#[test]
fn a_population_is_of_the_place_it_is_said_of() {
    let lead = "A quake struck Qeshm island on Sunday, injuring five people.\n\n";
    let text = format!("{lead}The quake hit Qeshm Island, home to 120,000 people, at noon.");
    assert_eq!(key(&text, "120,000").as_deref(), Some("people:living:qeshm"));
    let text = format!("{lead}The island, which has about 200,000 residents, lies in the gulf.");
    assert_eq!(key(&text, "about 200,000").as_deref(), Some("people:living:qeshm"));
    let text = format!("{lead}Qeshm, an island near Bandar Abbas, has a population of 100,000.");
    assert_eq!(key(&text, "100,000").as_deref(), Some("people:living:qeshm"));
    // a count of people with no place and no predicate is still not compared
    assert_eq!(key("Some 120,000 people were there.", "Some 120,000"), None);
}

#[test]
fn a_change_in_percent_is_keyed_by_what_changed_and_which_way() {
    assert_eq!(
        key("Greek stocks plunged 5.4 per cent.", "5.4 per cent").as_deref(),
        Some("percent change:fall of stock")
    );
    assert_eq!(
        key("Greek stocks closed down 3.9 percent.", "3.9 percent").as_deref(),
        Some("percent change:fall of stock")
    );
    assert_eq!(
        key("Sales rose 2 percent.", "2 percent").as_deref(),
        Some("percent change:rise of sale")
    );
    // no direction, no key
    assert_eq!(key("They said it was 2 percent.", "2 percent"), None);
}

#[test]
fn a_deal_and_a_contract_are_one_amount_and_a_damaged_thing_is_counted_by_its_damage() {
    assert_eq!(
        key("They signed him to a five-year, $80 million contract.", "$80 million").as_deref(),
        Some("usd:deal")
    );
    assert_eq!(key("He signed an $82 million deal.", "$82 million").as_deref(), Some("usd:deal"));
    assert_eq!(
        key("There were 355 damaged shops in the city.", "355").as_deref(),
        Some("shop:damaged")
    );
    assert_eq!(
        key("We had 565 shops suffering serious damage.", "565").as_deref(),
        Some("shop:damaged")
    );
}

#[test]
fn changes_reported_differently_are_information_and_counts_a_warning() {
    use crosswire::findings::{compare, ArticleFigures, Severity};
    let severity = |a: &str, b: &str| {
        let (fa, fb) = (extract(a, &[]), extract(b, &[]));
        let arts = [
            ArticleFigures { outlet: "A", date: None, figures: &fa },
            ArticleFigures { outlet: "B", date: None, figures: &fb },
        ];
        let found = compare(&arts);
        assert_eq!(found.len(), 1, "{found:#?}");
        found[0].severity
    };
    assert_eq!(
        severity("Greek stocks plunged 5.4 per cent.", "Greek stocks closed down 3.9 percent."),
        Severity::Information
    );
    assert_eq!(
        severity("Police seized seven AK-47s.", "Police seized 12 AK 47 guns."),
        Severity::Warning
    );
}

#[test]
fn a_calibre_is_of_the_weapon_it_names() {
    let text = "He pointed a .38-caliber revolver at them.";
    assert_eq!(key(text, ".38-caliber").as_deref(), Some("caliber:handgun"));
    let text = "He had a .357 caliber Smith Industries pistol.";
    assert_eq!(key(text, ".357 caliber").as_deref(), Some("caliber:handgun"));
}

#[test]
fn ships_and_vessels_held_are_one_count() {
    let text = "Pirates are holding about a dozen ships off the coast.";
    assert_eq!(key(text, "about a dozen").as_deref(), Some("ship:held"));
    let text = "They still hold at least 14 foreign vessels to ransom.";
    assert_eq!(key(text, "at least 14").as_deref(), Some("ship:held"));
}

#[test]
fn a_distance_is_of_the_antecedent_and_its_conversion_too() {
    let lead = "A quake shook Qeshm Island on Sunday.\n\n";
    let text =
        format!("{lead}Qeshm, located 1,150 kilometers (700 miles) southeast of Tehran, is flat.");
    assert_eq!(
        key(&text, "1,150 kilometers").as_deref(),
        Some("length:distance of qeshm from tehran")
    );
    assert_eq!(key(&text, "700 miles").as_deref(), Some("length:distance of qeshm from tehran"));
    let text = format!("{lead}The island, which has 5 ports, is about 940 miles south of Tehran.");
    assert_eq!(
        key(&text, "about 940 miles").as_deref(),
        Some("length:distance of qeshm from tehran")
    );
    let text = format!(
        "{lead}Qeshm, an island off the coast and 1,500 kilometers south of Tehran, is flat."
    );
    assert_eq!(
        key(&text, "1,500 kilometers").as_deref(),
        Some("length:distance of qeshm from tehran")
    );
}

#[test]
fn vehicles_are_counted_with_who_is_in_them() {
    let text = "The navy fought the pirates in two boats.";
    assert_eq!(key(text, "two").as_deref(), Some("boat:carrying pirate"));
    let text = "The pirates, in three boats, tried to board the ship.";
    assert_eq!(key(text, "three").as_deref(), Some("boat:carrying pirate"));
    let text = "The warship attacked two boats of pirates.";
    assert_eq!(key(text, "two").as_deref(), Some("boat:carrying pirate"));
    // with no one named, the verb of the clause
    let text = "The ship was fired on by two boats.";
    assert_eq!(key(text, "two").as_deref(), Some("boat:fired"));
}

#[test]
fn metadata_lines_do_not_crowd_the_first_paragraph_out_of_the_lead() {
    // the place is named in the first paragraph, after two lines of dates: it is the story's
    let text = "Floods hit the south\nPUBLISHED: MONDAY, MAY 6, 2013, 1:32 PM\n\
                UPDATED: MONDAY, MAY 6, 2013, 3:00 PM\n\
                Heavy rain flooded villages around Idukki on Monday, officials said.\n\
                In Idukki, 12 people were killed when a hillside collapsed.";
    let f = figure(text, "12");
    assert_eq!(f.frame().map(|fr| fr.when.clone()), Some(When::Story));
}

#[test]
fn a_fall_whose_faller_is_not_named_is_not_compared() {
    // "30s" is a number and its "s": the word before "fell" names no one
    let text = "The man aged in his early 30s fell about 600m while climbing on Saturday.";
    assert_eq!(key(text, "about 600m"), None);
    let named = "The climber fell about 600m while climbing on Saturday.";
    assert_eq!(key(named, "about 600m"), Some("length:fall of climber".to_string()));
}

#[test]
fn lengths_in_any_unit_are_compared_in_metres() {
    // feet, converted with rounding, are read as "about": 2,000 ft is 610 m ± 7%
    let feet = figure("The climber fell 2,000ft on Saturday.", "2,000ft");
    let metres = figure("The climber fell about 600m on Saturday.", "about 600m");
    assert_eq!(feet.key(), metres.key());
    assert_eq!(
        feet.key().as_ref().map(|k| k.to_string()).as_deref(),
        Some("length:fall of climber")
    );
    assert!(feet.overlaps(&metres));
    let far = figure("The climber fell 700 metres on Saturday.", "700 metres");
    assert!(!feet.overlaps(&far) || far.low > feet.low);
    // the value stays as written; the interval compared is in metres, and says so
    assert_eq!(feet.value, 2000.0);
    assert!((feet.compared_value() - 609.6).abs() < 1e-9);
    assert!(feet.low < 609.6 && feet.high > 609.6 && feet.high < 700.0, "{feet:?}");
    assert_eq!(feet.describe_range(), "567–652 m");
    // kilometres convert exactly: 60 km is 60,000 m, no wider
    let km = figure("Idlib, 60 km south of Aleppo, was hit.", "60 km");
    assert_eq!((km.low, km.high), (60_000.0, 60_000.0));
}

#[test]
fn a_unit_written_as_an_adjective_measures_its_noun() {
    let metres = figure("The larger boat, a 10-metre dhow, was seized.", "10-metre");
    assert_eq!(
        metres.key().as_ref().map(|k| k.to_string()).as_deref(),
        Some("length:length of dhow")
    );
    let feet = figure("The larger was a 24- to 30-foot dhow.", "24- to 30-foot");
    assert_eq!(
        feet.key().as_ref().map(|k| k.to_string()).as_deref(),
        Some("length:length of dhow")
    );
    assert!(feet.high < 10.0, "30 feet is about 9 m: {feet:?}");
    let long = figure("They boarded the 10-metre-long dhow.", "10-metre");
    assert_eq!(
        long.key().as_ref().map(|k| k.to_string()).as_deref(),
        Some("length:length of dhow")
    );
    let high = figure("A 3-metre-high wall fell.", "3-metre");
    assert_eq!(
        high.key().as_ref().map(|k| k.to_string()).as_deref(),
        Some("length:height of wall")
    );
}

#[test]
fn durations_of_one_dimension_meet_across_units() {
    assert_eq!(
        key("He was sentenced to two weeks.", "two weeks"),
        key("He was sentenced to 14 days.", "14 days")
    );
    let weeks = figure("He was sentenced to two weeks.", "two weeks");
    assert_eq!((weeks.low, weeks.high), (14.0, 14.0));
    // hours and days stay apart
    assert_ne!(
        key("The jury deliberated for 48 hours.", "48 hours"),
        key("The jury deliberated for two days.", "two days")
    );
}

#[test]
fn a_toll_of_zero_is_a_figure() {
    assert_eq!(key("No injuries were reported.", "No").as_deref(), Some("people:injured"));
    assert_eq!(key("No one was killed.", "No one").as_deref(), Some("people:killed"));
    assert_eq!(figure("Nobody was hurt.", "Nobody").value, 0.0);
    // a denial of something else is no figure
    assert!(extract("There is no doubt. No one knows why.", &[]).is_empty());
}

#[test]
fn those_among_named_people_who_died_are_the_toll() {
    assert_eq!(key("Two of the three victims died.", "Two").as_deref(), Some("people:killed"));
    // among the dead, a part; and those who died in hospital are a part of the toll
    assert_eq!(key("Two of the dead were children.", "Two"), None);
    assert_eq!(key("Two of the five victims died in hospital.", "Two"), None);
}

#[test]
fn crew_is_counted_under_one_name() {
    let a = key("Pirates are holding about a dozen ships and nearly 300 crewmen.", "nearly 300");
    let b = key("They still hold 14 vessels and more than 300 crew members.", "more than 300");
    assert_eq!(a.as_deref(), Some("crew:held"));
    assert_eq!(a, b);
}

#[test]
fn the_others_besides_those_named_are_compared_with_each_other() {
    let a = figure("Besides the AK-47s, commandos seized three other rifles.", "three");
    let b = figure("Besides the AK-47s, commandos seized two other rifles.", "two");
    assert_eq!(a.frame().map(|f| f.scope.clone()), Some(Scope::Others));
    assert_eq!(a.key(), b.key());
    assert_eq!(a.key().as_ref().map(|k| k.to_string()).as_deref(), Some("rifle:seized:others"));
    // never with the whole count
    let whole = figure("Commandos seized nine rifles.", "nine");
    assert_eq!(whole.key().as_ref().map(|k| k.to_string()).as_deref(), Some("rifle:seized"));
    assert_ne!(b.key(), whole.key());
}

#[test]
fn a_figure_cited_from_another_outlet_is_marked() {
    let lead = "Protests in Brooklyn\n\nHundreds marched in Brooklyn on Monday night after a \
                teenager was shot by police. The crowd dispersed by midnight.\n\
                Some shops on the avenue were shut for the night. The mayor called for calm.\n";
    let text =
        format!("{lead}Police said no one was injured (the Post says three people were injured).");
    assert!(figure(&text, "three").attributed);
    assert!(!figure(&text, "no one").attributed);
    let own = format!("{lead}Police said three people were injured.");
    assert!(!figure(&own, "three").attributed);
    // in the lead, the article's own source tells its story
    let headline = "State television says a quake has injured three people.";
    assert!(!figure(headline, "three").attributed);
}

#[test]
fn a_faller_described_by_age_is_that_person_whatever_the_noun() {
    let a =
        key("A 36-year-old climber is dead after falling about 150 metres.", "about 150 metres");
    let b = key("Jo Smith, a 36-year-old nurse, slipped and fell 200ft from a ridge.", "200ft");
    assert_eq!(a.as_deref(), Some("length:fall of 36-year-old"));
    assert_eq!(a, b);
    // another age is another person
    let c = key("A 32-year-old man fell about 600m on Saturday.", "about 600m");
    assert_ne!(a, c);
}
