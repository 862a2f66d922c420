//! A table of number expressions with the figure each should give: spelled out, hyphenated,
//! qualified, vague, and things that are not quantities at all.

use crosswire::figures::{extract, FigureKind, FigureKind::*, Qualifier};

const INF: f64 = f64::INFINITY;

/// (sentence, expected figure text, kind, low, high)
const TABLE: &[(&str, &str, FigureKind, f64, f64)] = &[
    // digits
    ("Police said 250,000 people attended.", "250,000", Count, 250_000.0, 250_000.0),
    ("The city has 1,234,567 residents.", "1,234,567", Count, 1_234_567.0, 1_234_567.0),
    ("Prices rose 3.5 points.", "3.5", Count, 3.5, 3.5),
    ("The rate was .08 on average.", ".08", Count, 0.08, 0.08),
    ("They counted 40 000 votes.", "40 000", Count, 40_000.0, 40_000.0),
    ("We saw 17 boats.", "17", Count, 17.0, 17.0),
    ("He has 2000 followers on the list of 2000 people.", "2000", Count, 2000.0, 2000.0),
    // words
    (
        "two hundred and fifty thousand people marched",
        "two hundred and fifty thousand",
        Count,
        250_000.0,
        250_000.0,
    ),
    ("half a million people fled", "half a million", Count, 500_000.0, 500_000.0),
    ("a dozen eggs", "a dozen", Count, 12.0, 12.0),
    ("half a dozen cars", "half a dozen", Count, 6.0, 6.0),
    ("Twenty-six people die in accident", "Twenty-six", Count, 26.0, 26.0),
    ("one hundred and sixty-one houses", "one hundred and sixty-one", Count, 161.0, 161.0),
    ("fifty - two boats", "fifty - two", Count, 52.0, 52.0),
    ("two thousand and two hundred", "two thousand and two hundred", Count, 2200.0, 2200.0),
    ("two hundred and two thousand", "two hundred and two thousand", Count, 202_000.0, 202_000.0),
    ("five and a half million voters", "five and a half million", Count, 5_500_000.0, 5_500_000.0),
    ("one and a half", "one and a half", Count, 1.5, 1.5),
    ("a hundred soldiers", "a hundred", Count, 100.0, 100.0),
    ("a million reasons", "a million", Count, 1e6, 1e6),
    ("quarter million", "quarter million", Count, 250_000.0, 250_000.0),
    ("three dozens", "three dozens", Count, 36.0, 36.0),
    ("seventy", "seventy", Count, 70.0, 70.0),
    ("two hundred point zero three", "two hundred point zero three", Count, 200.03, 200.03),
    ("one trillion", "one trillion", Count, 1e12, 1e12),
    // mixed digits and words
    ("a budget of 1.5 million", "1.5 million", Count, 1.5e6, 1.5e6),
    ("4 thousand 3 hundred and 21", "4 thousand 3 hundred and 21", Count, 4321.0, 4321.0),
    ("322 hundred", "322 hundred", Count, 32_200.0, 32_200.0),
    ("10k runners", "10k", Count, 10_000.0, 10_000.0),
    ("either 10 bln or more", "10 bln or more", Count, 1e10, INF),
    ("3 lakh crore", "3 lakh crore", Count, 3e12, 3e12),
    // money
    ("a $5 million contract", "$5 million", Money, 5e6, 5e6),
    ("revenue of 2.3bn dollars", "2.3bn dollars", Money, 2.3e9, 2.3e9),
    ("a fine of £20m", "£20m", Money, 2e7, 2e7),
    ("cost US$ 4 billion", "US$ 4 billion", Money, 4e9, 4e9),
    ("worth US$4 billion", "US$4 billion", Money, 4e9, 4e9),
    ("more than $300 million in aid", "more than $300 million", Money, 3e8, INF),
    ("earn 500 euros", "500 euros", Money, 500.0, 500.0),
    // percent
    ("turnout was 45%", "45%", Percent, 45.0, 45.0),
    ("about 20 percent of voters", "about 20 percent", Percent, 18.6, 21.4),
    ("up 3 per cent", "3 per cent", Percent, 3.0, 3.0),
    // qualifiers
    ("an estimated 250,000 people", "an estimated 250,000", Count, 232_500.0, 267_500.0),
    ("more than 290,000 people", "more than 290,000", Count, 290_000.0, INF),
    ("as many as half a million people", "as many as half a million", Count, 250_000.0, 500_000.0),
    ("at least 10 people died", "at least 10", Count, 10.0, INF),
    ("nearly 1,000 homes", "nearly 1,000", Count, 900.0, 1000.0),
    ("almost 50 schools", "almost 50", Count, 45.0, 50.0),
    ("fewer than 100 people", "fewer than 100", Count, 0.0, 100.0),
    ("up to 10,000 people", "up to 10,000", Count, 5000.0, 10_000.0),
    ("some 300 villagers", "some 300", Count, 279.0, 321.0),
    ("over 70 people", "over 70", Count, 70.0, INF),
    ("upwards of 5,000 troops", "upwards of 5,000", Count, 5000.0, INF),
    ("close to 400 people", "close to 400", Count, 360.0, 400.0),
    ("roughly 12 children", "roughly 12", Count, 11.16, 12.84),
    ("a total of 10 people", "a total of 10", Count, 10.0, 10.0),
    ("300 or more people", "300 or more", Count, 300.0, INF),
    ("300 or less people", "300 or less", Count, 0.0, 300.0),
    ("50 or fewer seats", "50 or fewer", Count, 0.0, 50.0),
    ("fees at least or equal to 25 dollars", "at least or equal to 25 dollars", Money, 25.0, INF),
    ("scores less than or equal to 70", "less than or equal to 70", Count, 0.0, 70.0),
    ("sales exceeding 5,000 units", "exceeding 5,000", Count, 5000.0, INF),
    ("crowds surpassing 2,000 people", "surpassing 2,000", Count, 2000.0, INF),
    // comparison signs
    ("a crowd of > 25 people", "> 25", Count, 25.0, INF),
    ("a crowd of >25 people", ">25", Count, 25.0, INF),
    ("a crowd of >= 30 people", ">= 30", Count, 30.0, INF),
    ("a crowd of ≥ 40 people", "≥ 40", Count, 40.0, INF),
    ("a crowd of < 60 people", "< 60", Count, 0.0, 60.0),
    ("a crowd of <= 70 people", "<= 70", Count, 0.0, 70.0),
    ("a crowd of ≤ 80 people", "≤ 80", Count, 0.0, 80.0),
    ("40 or more people", "40 or more", Count, 40.0, INF),
    ("the crowd, between 3,000 and 4,000 strong", "between 3,000 and 4,000", Count, 3000.0, 4000.0),
    ("From 30 to 40 people were killed", "From 30 to 40", Count, 30.0, 40.0),
    // units and currencies glued to the number
    ("a phone with 40GB of storage", "40GB", Measure, 40.0, 40.0),
    ("a 3.2kWh battery", "3.2kWh", Measure, 3.2, 3.2),
    ("inflation hit 2.5pc in May", "2.5pc", Percent, 2.5, 2.5),
    ("it cost £4m to build", "£4m", Money, 4e6, 4e6),
    ("aid of US$90 billion", "US$90 billion", Money, 9e10, 9e10),
    // ranges
    ("between 10 and 20 people", "between 10 and 20", Count, 10.0, 20.0),
    ("10-20 people", "10-20", Count, 10.0, 20.0),
    ("two or three people", "two or three", Count, 2.0, 3.0),
    ("5 to 10 million people", "5 to 10 million", Count, 5e6, 1e7),
    ("from 200 to 300 people", "from 200 to 300", Count, 200.0, 300.0),
    // reading what news writes (issue 15): glued units and currencies, bounds, ranges, changes
    ("a $1.5bn deal", "$1.5bn", Money, 1.5e9, 1.5e9),
    ("a €20m grant", "€20m", Money, 2e7, 2e7),
    ("a 5km walk", "5km", Measure, 5.0, 5.0),
    ("a 100m sprint", "100m", Measure, 100.0, 100.0),
    ("a 10,000-strong crowd", "10,000-strong", Count, 10_000.0, 10_000.0),
    ("about 1.5m people fled", "about 1.5m", Count, 1_395_000.0, 1_605_000.0),
    ("3m children need aid", "3m", Count, 3e6, 3e6),
    ("300 people or more", "300", Count, 300.0, INF),
    ("50 seats or fewer", "50", Count, 0.0, 50.0),
    ("300+ people came", "300+", Count, 300.0, INF),
    ("the toll exceeded 300", "exceeded 300", Count, 300.0, INF),
    ("the death toll topped 1,000", "topped 1,000", Count, 1000.0, INF),
    ("casualties surpassed 2,000", "surpassed 2,000", Count, 2000.0, INF),
    ("a fine not exceeding $500", "exceeding $500", Money, 0.0, 500.0),
    ("not more than 300 people", "more than 300", Count, 0.0, 300.0),
    ("not fewer than 20 people", "fewer than 20", Count, 20.0, INF),
    ("between 20 and 30 people were killed", "between 20 and 30", Count, 20.0, 30.0),
    (
        "between 20 million and 30 million people",
        "between 20 million and 30 million",
        Count,
        2e7,
        3e7,
    ),
    ("between 20% and 30% of voters", "between 20% and 30%", Percent, 20.0, 30.0),
    ("between £4m and £5m", "between £4m and £5m", Money, 4e6, 5e6),
    ("from 5 km to 8 km away", "from 5 km to 8 km", Measure, 5.0, 8.0),
    ("10 to 15 people were hurt", "10 to 15", Count, 10.0, 15.0),
    ("from 200 to 300 protesters", "from 200 to 300", Count, 200.0, 300.0),
    ("the toll rose from 30 to 40", "from 30 to 40", Count, 40.0, 40.0),
    ("spending increased from $1,000 to $1,500", "from $1,000 to $1,500", Money, 1500.0, 1500.0),
    ("the number fell from 5 to 3", "from 5 to 3", Count, 3.0, 3.0),
    ("turnout fell from 60% to 55%", "from 60% to 55%", Percent, 55.0, 55.0),
    ("prices have risen sharply from $5 to $8", "from $5 to $8", Money, 8.0, 8.0),
    ("Greece gets a euro110 billion bailout", "euro110 billion", Money, 1.1e11, 1.1e11),
    ("he earns Dh4,275 a month", "Dh4,275", Money, 4275.0, 4275.0),
    ("a seven-year, $143-billion deal", "$143-billion", Money, 1.43e11, 1.43e11),
    ("a $31.5-million contract", "$31.5-million", Money, 3.15e7, 3.15e7),
    ("a two-million reward", "two-million", Count, 2e6, 2e6),
    ("a 2-1/2 year sentence", "2-1/2 year", Duration, 2.5, 2.5),
    ("a 2 1/2 year sentence", "2 1/2 year", Duration, 2.5, 2.5),
    ("support of 40 percent to 70 percent", "40 percent to 70 percent", Percent, 40.0, 70.0),
    ("a range of 5km to 8km", "5km to 8km", Measure, 5.0, 8.0),
    ("shares rose 2% to 5%", "2%", Percent, 2.0, 2.0),
    ("loans of $30bn over three years", "three years", Duration, 3.0, 3.0),
    // a duration that is compared is given in days (a year is 365.25 ± 7%)
    ("jailed for over three years", "over three years", Duration, 1019.0475, INF),
    // vague
    ("hundreds of thousands of people", "hundreds of thousands", Count, 200_000.0, 999_999.0),
    ("tens of thousands of people", "tens of thousands", Count, 20_000.0, 99_999.0),
    ("thousands of people", "thousands", Count, 2000.0, 9999.0),
    ("dozens of people", "dozens", Count, 24.0, 99.0),
    ("scores of people", "scores", Count, 40.0, 199.0),
    ("a few people", "a few", Count, 2.0, 5.0),
    ("several hundred people", "several hundred", Count, 300.0, 999.0),
    ("more than a dozen people", "more than a dozen", Count, 12.0, INF),
    ("millions of people", "millions", Count, 2e6, 9_999_999.0),
    // durations and ages
    ("a five-year war", "five-year", Duration, 5.0, 5.0),
    ("a 72-hour truce", "72-hour", Duration, 72.0, 72.0),
    ("for 72 hours", "72 hours", Duration, 72.0, 72.0),
    ("three weeks after", "three weeks", Duration, 3.0, 3.0),
    ("barely a week", "a week", Duration, 1.0, 1.0),
    ("a month-long offensive", "a month-long", Duration, 1.0, 1.0),
    ("the year-long siege", "year-long", Duration, 1.0, 1.0),
    ("a three-week-old offensive", "three-week-old", Age, 3.0, 3.0),
    ("a 6-year-old girl", "6-year-old", Age, 6.0, 6.0),
    ("he is 45 years old", "45 years old", Age, 45.0, 45.0),
    ("a man aged 45", "45", Age, 45.0, 45.0),
    // measures
    ("about 60 kilometers southwest", "about 60 kilometers", Measure, 55.8, 64.2),
    ("a magnitude-5.9 quake", "magnitude-5.9", Measure, 5.9, 5.9),
    ("a 6.1-magnitude quake", "6.1-magnitude", Measure, 6.1, 6.1),
    ("a 29km road", "29km", Measure, 29.0, 29.0),
    ("180ml of liquid", "180ml", Measure, 180.0, 180.0),
    ("measured 6.1 on the Richter scale", "6.1 on the Richter scale", Measure, 6.1, 6.1),
    // dates, years, times
    ("since 2011", "2011", Year, 2011.0, 2011.0),
    ("in 2016", "2016", Year, 2016.0, 2016.0),
    ("the 1990s", "1990s", Year, 1990.0, 1990.0),
    ("2011-2016", "2011-2016", Year, 2011.0, 2016.0),
    ("on Nov. 8 there", "Nov. 8", Date, 0.0, 0.0),
    ("— Oct 20, 2016", "Oct 20, 2016", Date, 0.0, 0.0),
    (
        "PUBLISHED : Saturday, 15 October, 2016, 11:45pm",
        "Saturday, 15 October, 2016",
        Date,
        0.0,
        0.0,
    ),
    ("PUBLISHED : Saturday, 15 October, 2016, 11:45pm", "11:45pm", Time, 0.0, 0.0),
    ("LAUSANNE, 15.10.2016, 03:01 Time", "15.10.2016", Date, 0.0, 0.0),
    ("LAUSANNE, 15.10.2016, 03:01 Time", "03:01", Time, 0.0, 0.0),
    ("at around 0900 GMT", "0900 GMT", Time, 0.0, 0.0),
    ("at 3 p.m. local", "3 p.m.", Time, 0.0, 0.0),
    ("meet on 5/17/2018", "5/17/2018", Date, 0.0, 0.0),
    ("the May 4th meeting", "May 4th", Date, 0.0, 0.0),
    // fractions
    ("two thirds of voters", "two thirds", Fraction, 0.0, 0.0),
    ("made half the Syrian population homeless", "half", Fraction, 0.0, 0.0),
    ("a quarter of the city", "a quarter", Fraction, 0.0, 0.0),
    ("one-eighth", "one-eighth", Fraction, 0.0, 0.0),
    // ordinals
    ("the first one", "first", Ordinal, 1.0, 1.0),
    ("the 3rd time", "3rd", Ordinal, 3.0, 3.0),
    // identifiers
    ("483 Green Lanes", "483", Identifier, 483.0, 483.0),
    ("Official Federal Reg. No. 7442619", "7442619", Identifier, 7_442_619.0, 7_442_619.0),
    ("London N13NV 4BS", "N13NV", Identifier, 0.0, 0.0),
    ("see bericht-9539 online", "bericht-9539", Identifier, 0.0, 0.0),
    ("server 192.168.1.2 down", "192.168.1.2", Identifier, 0.0, 0.0),
    ("call +44 20 7946 0958 now", "+44 20 7946 0958", Identifier, 0.0, 0.0),
    ("the G20 summit", "G20", Identifier, 0.0, 0.0),
    ("To book, call 432-8817 after six.", "432-8817", Identifier, 432.0, 8817.0),
    ("the hotline, dial 600-2400 today", "600-2400", Identifier, 600.0, 2400.0),
    ("between 300-1200 people came", "300-1200", Count, 300.0, 1200.0),
    ("Flight 370 vanished", "370", Identifier, 370.0, 370.0),
    ("outside the 12000 block of East 223rd Street", "12000", Identifier, 12_000.0, 12_000.0),
    ("killed by a .45-caliber bullet", ".45-caliber", Measure, 0.45, 0.45),
    ("at https://example.com/a-1 today", "https://example.com/a-1", Identifier, 0.0, 0.0),
];

/// Sentences where nothing may be read as a quantity (count, money, percent, measure).
const NOT_QUANTITIES: &[&str] = &[
    "The one you mentioned is invalid",
    "Which one do you prefer?",
    "no one was predicting a quick breakthrough",
    "a one-on-one meeting",
    "Book a first class seat",
    "He was looking for a next of kin",
    "Last week he accused Russia",
    "the second round",
];

#[test]
fn table_of_number_expressions() {
    assert!(TABLE.len() >= 80, "{} rows", TABLE.len());
    let mut failures = Vec::new();
    for &(input, text, kind, low, high) in TABLE {
        let figures = extract(input, &[]);
        let Some(f) = figures.iter().find(|f| f.text == text) else {
            failures.push(format!(
                "{input:?}: no figure {text:?}; got {:?}",
                figures.iter().map(|f| (&f.text, f.kind)).collect::<Vec<_>>()
            ));
            continue;
        };
        let close = |a: f64, b: f64| a == b || (a - b).abs() <= 1e-9 * a.abs().max(1.0);
        if f.kind != kind
            || (kind.is_comparable() || kind == Duration)
                && !(close(f.low, low) && close(f.high, high))
        {
            failures.push(format!(
                "{input:?}: {text:?} gave {:?} [{}, {}], want {kind:?} [{low}, {high}]",
                f.kind, f.low, f.high
            ));
        }
        assert!(f.key().is_none() || f.kind.is_compared());
    }
    assert!(
        failures.is_empty(),
        "{} of {} rows failed:\n{}",
        failures.len(),
        TABLE.len(),
        failures.join("\n")
    );
}

/// A change between two levels is read as the new level, marked as a change, and never given a
/// quantity key; the same words without a verb of change are a range, and are compared.
#[test]
fn a_change_is_the_new_level_and_never_compared() {
    let changes: &[(&str, &str)] = &[
        ("The death toll rose from 30 to 40 people.", "from 30 to 40"),
        ("The number of people killed has risen sharply from 30 to 40.", "from 30 to 40"),
        ("Police said the toll was raised from 30 to 40 dead.", "from 30 to 40"),
        ("The toll fell from 40 to 30 people killed.", "from 40 to 30"),
    ];
    for &(input, text) in changes {
        let figures = extract(input, &[]);
        let f = figures
            .iter()
            .find(|f| f.text == text)
            .unwrap_or_else(|| panic!("{input:?}: no {text:?} in {figures:?}"));
        assert_eq!(f.qualifier, Qualifier::Change, "{input:?}");
        assert_eq!(f.value, f.low, "{input:?}: the value is the new level");
        assert!(f.key().is_none(), "{input:?}: a change got the key {:?}", f.key());
    }
    let ranges = ["From 30 to 40 people were killed.", "Police said 30 to 40 people were killed."];
    for input in ranges {
        let figures = extract(input, &[]);
        let f = figures.iter().find(|f| f.qualifier == Qualifier::Range).unwrap();
        assert_eq!((f.low, f.high), (30.0, 40.0), "{input:?}");
        assert!(f.key().is_some(), "{input:?}: a range of people killed is compared");
    }
    // "from 5 to 3 people" without a verb of change is neither a range nor a change
    let figures = extract("Buses carried from 5 to 3 people each.", &[]);
    assert!(figures.iter().all(|f| f.low <= f.high), "{figures:?}");
}

#[test]
fn things_that_are_not_quantities() {
    for input in NOT_QUANTITIES {
        let figures = extract(input, &[]);
        let quantities: Vec<_> =
            figures.iter().filter(|f| f.kind.is_comparable()).map(|f| &f.text).collect();
        assert!(quantities.is_empty(), "{input:?} gave {quantities:?}");
    }
}

#[test]
fn excluded_regions_are_skipped() {
    let text = "Footer: 250,000 people. Body: 300 people died.";
    let excluded = [std::ops::Range { start: 0, end: 23 }];
    let figures = extract(text, &excluded);
    assert_eq!(figures.iter().map(|f| f.text.as_str()).collect::<Vec<_>>(), ["300"]);
}

#[test]
fn keys_in_plain_sentences() {
    let cases: &[(&str, &str, Option<&str>)] = &[
        ("The quake killed at least 10 people.", "at least 10", Some("people:killed")),
        ("An air strike on the convoy killed 20 people.", "20", Some("people:killed:convoy")),
        ("In February, a quake killed 612 people.", "612", Some("people:killed:february")),
        ("Aftershocks of magnitude 4.1 followed.", "magnitude 4.1", None),
        ("One man was arrested.", "One", None),
        ("At least 40 people were injured.", "At least 40", Some("people:injured")),
        ("The attack left 12 dead and 30 wounded.", "12", Some("people:killed:attack")),
        ("The attack left 12 dead and 30 wounded.", "30", Some("people:injured:attack")),
        ("Some 5,000 residents remain trapped in Homs.", "Some 5,000", Some("people:living:homs")),
        ("Some 5,000 residents remain in the city.", "Some 5,000", None),
        ("He met 300 students.", "300", None),
        // "2, 000ft": a thousands group split by a stray space, a measure, not people killed
        ("A man has been killed after falling around 2, 000ft.", "around 2, 000ft", None),
        ("Ten killed in Iran quake", "Ten", Some("people:killed")),
        ("Police said two women and one man died.", "one", None),
        ("A few injured were taken to hospital.", "A few", None),
        ("In early March, a gunman wounded three people.", "three", Some("people:injured:march")),
        ("The 2003 quake in Bam killed 26,000 people.", "26,000", Some("people:killed:2003")),
        ("Two years ago a quake killed 26,000 people.", "26,000", None),
        ("a magnitude-5.9 quake struck", "magnitude-5.9", Some("earthquake:magnitude")),
    ];
    for &(input, text, key) in cases {
        let figures = extract(input, &[]);
        let f = figures
            .iter()
            .find(|f| f.text == text)
            .unwrap_or_else(|| panic!("{input:?}: no {text:?} in {figures:?}"));
        assert_eq!(f.key().as_ref().map(ToString::to_string).as_deref(), key, "{input:?}: {f:?}");
    }
}
