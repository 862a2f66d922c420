//! Link reasons for people to read: one line per kind of reason, with the articles it covers,
//! instead of one line per article ("surname-only mentions follow the full name introduced in
//! each article (000, 002, 003, 004)"). The raw reasons stay in the model and the JSON output.

// Plain string splitting, not regexes: an actor named in thousands of articles has thousands
// of reasons, and this runs for every actor card.

use std::collections::HashMap;

/// "000: ‘Lavrov’ is the surname of …" → ("000", "Lavrov").
fn surname_reason(r: &str) -> Option<(&str, &str)> {
    let (label, body) = split_label(r)?;
    if !body.contains("’ is the surname of ") {
        return None;
    }
    let form = body.strip_prefix('‘')?.split_once('’')?.0;
    Some((label, form))
}

/// "same name ‘X’ in 000 and 004" → ("000", "004").
fn same_name_reason(r: &str) -> Option<(&str, &str)> {
    let rest = r.strip_prefix("same name ‘")?;
    let (_, articles) = rest.rsplit_once(" in ")?;
    articles.split_once(" and ")
}

/// "000: text" → ("000", "text"), when the prefix is an article label (letters, digits, `.-_`).
fn split_label(r: &str) -> Option<(&str, &str)> {
    let (label, body) = r.split_once(": ")?;
    let is_label = !label.is_empty()
        && label.chars().all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_'));
    is_label.then_some((label, body))
}

#[derive(Default)]
struct Group<'r> {
    text: String,
    forms: Vec<String>,
    /// Sorted and unique: a reason can hold for thousands of articles.
    articles: std::collections::BTreeSet<&'r str>,
}

/// How many article labels a summarised reason names before counting the rest.
const LABELS_SHOWN: usize = 8;

/// Groups `reasons` by kind, in the order each kind first appears.
pub fn summarise<S: AsRef<str>>(reasons: &[S]) -> Vec<String> {
    let mut groups: Vec<(&str, Group)> = Vec::new();
    // where each kind's group is: most reasons of a large actor are kinds of their own
    let mut index: HashMap<&str, usize> = HashMap::new();
    fn group<'g, 'r>(
        groups: &'g mut Vec<(&'r str, Group<'r>)>,
        index: &mut HashMap<&'r str, usize>,
        key: &'r str,
        text: impl FnOnce() -> String,
    ) -> &'g mut Group<'r> {
        let i = *index.entry(key).or_insert_with(|| {
            groups.push((key, Group { text: text(), ..Group::default() }));
            groups.len() - 1
        });
        &mut groups[i].1
    }
    for r in reasons {
        let r = r.as_ref();
        if let Some((label, form)) = surname_reason(r) {
            let g = group(&mut groups, &mut index, "surname", String::new);
            if !g.forms.iter().any(|f| f == form) {
                g.forms.push(form.to_string()); // a handful of forms per actor
            }
            g.articles.insert(label);
        } else if let Some((a, b)) = same_name_reason(r) {
            let g = group(&mut groups, &mut index, "same", || "the same full name".to_string());
            g.articles.insert(a);
            g.articles.insert(b);
        } else if let Some((label, body)) = split_label(r) {
            let g = group(&mut groups, &mut index, body, || body.to_string());
            g.articles.insert(label);
        } else {
            group(&mut groups, &mut index, r, || r.to_string());
        }
    }
    groups
        .into_iter()
        .map(|(key, mut g)| {
            if key == "surname" {
                let forms: Vec<String> = g.forms.iter().map(|f| format!("‘{f}’")).collect();
                g.text = format!(
                    "{} follow{} the full name introduced in each article",
                    forms.join(", "),
                    if forms.len() == 1 { "s" } else { "" }
                );
            }
            if g.articles.is_empty() {
                return g.text;
            }
            let mut labels: Vec<&str> = g.articles.iter().take(LABELS_SHOWN).copied().collect();
            let more = g.articles.len().saturating_sub(LABELS_SHOWN);
            let more_text = format!("and {more} more");
            if more > 0 {
                labels.push(&more_text);
            }
            format!("{} ({})", g.text, labels.join(", "))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn per_article_reasons_collapse_into_one_line_each() {
        let reasons: Vec<String> = [
            "000: ‘Lavrov’ is the surname of Sergey Lavrov, introduced earlier",
            "002: ‘Lavrov’ is the surname of Sergei Lavrov, introduced earlier",
            "004: ‘Mr Lavrov’ is the surname of Sergey Lavrov, introduced later",
            "same name ‘Sergey Lavrov’ in 000 and 004",
            "same name ‘Sergei Lavrov’ in 002 and 003",
            "Sergey/Sergei: spellings of one name (Sergey Lavrov, Sergei Lavrov)",
            "001: ‘Moscow’ stands for the government of Russia",
            "003: ‘Moscow’ stands for the government of Russia",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(
            summarise(&reasons),
            [
                "‘Lavrov’, ‘Mr Lavrov’ follow the full name introduced in each article (000, 002, 004)",
                "the same full name (000, 002, 003, 004)",
                "Sergey/Sergei: spellings of one name (Sergey Lavrov, Sergei Lavrov)",
                "‘Moscow’ stands for the government of Russia (001, 003)",
            ]
        );
    }
}
