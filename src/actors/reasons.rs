//! Link reasons for people to read: one line per kind of reason, with the articles it covers,
//! instead of one line per article ("surname-only mentions follow the full name introduced in
//! each article (000, 002, 003, 004)"). The raw reasons stay in the model and the JSON output.

use regex::Regex;
use std::sync::LazyLock;

static SURNAME: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(\S+): ‘(.+)’ is the surname of .+, introduced (?:earlier|later)$").unwrap());
static SAME_NAME: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^same name ‘.+’ in (\S+) and (\S+)$").unwrap());
static IN_ARTICLE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^([\w.-]+): (.+)$").unwrap());

#[derive(Default)]
struct Group {
    text: String,
    forms: Vec<String>,
    articles: Vec<String>,
}

fn push_unique(v: &mut Vec<String>, s: &str) {
    if !v.iter().any(|x| x == s) {
        v.push(s.to_string());
    }
}

/// Groups `reasons` by kind, in the order each kind first appears.
pub fn summarise(reasons: &[String]) -> Vec<String> {
    let mut groups: Vec<(String, Group)> = Vec::new();
    fn group<'g>(groups: &'g mut Vec<(String, Group)>, key: &str, text: String) -> &'g mut Group {
        let i = match groups.iter().position(|(k, _)| k == key) {
            Some(i) => i,
            None => {
                groups.push((key.to_string(), Group { text, ..Group::default() }));
                groups.len() - 1
            }
        };
        &mut groups[i].1
    }
    for r in reasons {
        if let Some(c) = SURNAME.captures(r) {
            let g = group(&mut groups, "surname", String::new());
            push_unique(&mut g.forms, &c[2]);
            push_unique(&mut g.articles, &c[1]);
        } else if let Some(c) = SAME_NAME.captures(r) {
            let g = group(&mut groups, "same", "the same full name".to_string());
            push_unique(&mut g.articles, &c[1]);
            push_unique(&mut g.articles, &c[2]);
        } else if let Some(c) = IN_ARTICLE.captures(r) {
            let g = group(&mut groups, &c[2], c[2].to_string());
            push_unique(&mut g.articles, &c[1]);
        } else {
            group(&mut groups, r, r.clone());
        }
    }
    groups
        .into_iter()
        .map(|(key, mut g)| {
            if key == "surname" {
                let forms: Vec<String> = g.forms.iter().map(|f| format!("‘{f}’")).collect();
                g.text = format!("{} follow{} the full name introduced in each article", forms.join(", "), if forms.len() == 1 { "s" } else { "" });
            }
            g.articles.sort();
            if g.articles.is_empty() { g.text } else { format!("{} ({})", g.text, g.articles.join(", ")) }
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
