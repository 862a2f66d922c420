use super::{Code, FigureRef, Finding, Related, Severity};
use crate::corpus::Date;
use crate::figures::{Figure, Qualifier, QuantityKey};
use std::collections::{HashMap, HashSet};

/// What the comparison needs of one article.
pub struct ArticleFigures<'a> {
    pub outlet: &'a str,
    pub date: Option<Date>,
    pub figures: &'a [Figure],
}

/// Stated values further apart than this ratio, in one agreeing group, are a divergence.
const DIVERGENCE_RATIO: f64 = 1.25;
/// Reports at least this many days apart may legitimately give a higher running total.
const CUMULATIVE_GAP_DAYS: i64 = 7;
/// How many components (those with the most outlets of their own) may be the consensus.
const MAIN_CANDIDATES: usize = 16;
/// Magnitudes this far from the consensus are of another quake.
const OTHER_QUAKE_MAGNITUDES: f64 = 1.0;
/// At most this many related locations per finding; the rest are summarised in a note.
const MAX_RELATED: usize = 20;

/// Predicates of running totals, which only grow as time passes.
fn is_cumulative(predicate: Option<&str>) -> bool {
    const WORDS: &[&str] = &[
        "kill", "die", "dead", "death", "injur", "wound", "displac", "fled", "flee", "refugee",
        "arrest", "infect", "case", "evacuat", "claimed", "lives",
    ];
    predicate.is_some_and(|p| WORDS.iter().any(|w| p.contains(w)))
}

/// Compares the figures of all articles. Output is sorted by (article, figure, code).
pub fn compare(articles: &[ArticleFigures<'_>]) -> Vec<Finding> {
    let groups = quantity_groups(articles);
    let mut out = compare_groups(groups.iter().map(|(k, v)| (k, &v[..])), articles);
    sort_findings(&mut out);
    out
}

/// The comparable figures of all articles by quantity key (one hash pass), each group in
/// (article, figure) order.
pub fn quantity_groups(articles: &[ArticleFigures<'_>]) -> HashMap<QuantityKey, Vec<FigureRef>> {
    let mut groups: HashMap<QuantityKey, Vec<FigureRef>> = HashMap::new();
    for (a, art) in articles.iter().enumerate() {
        for (f, key) in comparable_keys(art.figures) {
            match groups.get_mut(key) {
                Some(v) => v.push(FigureRef { article: a, figure: f }),
                None => {
                    groups.insert(key.clone(), vec![FigureRef { article: a, figure: f }]);
                }
            }
        }
    }
    groups
}

/// The figures of one article that are compared, with their quantity keys.
pub fn comparable_keys(figures: &[Figure]) -> impl Iterator<Item = (usize, &QuantityKey)> {
    figures.iter().enumerate().filter_map(|(f, fig)| {
        fig.key.as_ref().filter(|_| fig.kind.is_comparable()).map(|k| (f, k))
    })
}

/// Compares the given key groups (each in (article, figure) order); the findings of each group
/// depend on that group's figures only. Output unsorted.
pub fn compare_groups<'k>(
    groups: impl Iterator<Item = (&'k QuantityKey, &'k [FigureRef])>,
    articles: &[ArticleFigures<'_>],
) -> Vec<Finding> {
    use rayon::prelude::*;
    // groups are independent: on all cores
    let groups: Vec<(String, &[FigureRef])> = groups.map(|(k, v)| (k.to_string(), v)).collect();
    groups
        .into_par_iter()
        .flat_map_iter(|(key, refs)| {
            let mut out = Vec::new();
            compare_group(&key, refs, articles, &mut out);
            out
        })
        .collect()
}

/// The order of findings everywhere: by (article, figure, code).
pub fn sort_findings(findings: &mut [Finding]) {
    findings.sort_by(|x, y| (x.at, x.code.as_str()).cmp(&(y.at, y.code.as_str())));
}

fn fig<'a>(articles: &'a [ArticleFigures<'_>], r: FigureRef) -> &'a Figure {
    &articles[r.article].figures[r.figure]
}

fn compare_group(
    key: &str,
    refs: &[FigureRef],
    articles: &[ArticleFigures<'_>],
    out: &mut Vec<Finding>,
) {
    let outlets: HashSet<&str> = refs.iter().map(|r| articles[r.article].outlet).collect();
    if outlets.len() < 2 {
        return;
    }
    // An open-ended figure ("at least three", "more than 290,000") agrees with every larger
    // value, so it would chain disjoint exact figures into one agreeing component. Components are
    // built from bounded figures only; open-ended ones then support the components they reach
    // and are checked against the consensus.
    let (bounded, mut open): (Vec<FigureRef>, Vec<FigureRef>) =
        refs.iter().copied().partition(|r| fig(articles, *r).high.is_finite());
    if bounded.is_empty() {
        return; // open-ended ranges always overlap
    }
    // A hedged figure ("about 6.0", "dozens") overlaps values that precise figures keep apart,
    // and would merge them into one agreeing component just as an open-ended one would. When
    // precise figures of two outlets are there to compare, they make the components and hedged
    // ones support them as open-ended ones do.
    let (precise, hedged): (Vec<FigureRef>, Vec<FigureRef>) = bounded
        .iter()
        .copied()
        .partition(|r| matches!(fig(articles, *r).qualifier, Qualifier::Exact | Qualifier::Range));
    let precise_outlets: HashSet<&str> =
        precise.iter().map(|r| articles[r.article].outlet).collect();
    let bounded = if precise_outlets.len() >= 2 && !hedged.is_empty() {
        open.extend(hedged);
        open.sort();
        precise
    } else {
        bounded
    };
    let components = agreement_components(&bounded, articles);
    let top = |c: &[FigureRef]| {
        c.iter().map(|r| fig(articles, *r).high).fold(f64::NEG_INFINITY, f64::max)
    };
    let bottom =
        |c: &[FigureRef]| c.iter().map(|r| fig(articles, *r).low).fold(f64::INFINITY, f64::min);
    // The consensus is the component with the most outlets behind it (then figures); ties go to
    // the component reported first.
    let support = |c: &Vec<FigureRef>| {
        let reach = top(c);
        let backers: Vec<FigureRef> =
            c.iter()
                .copied()
                .chain(open.iter().copied().filter(|o| {
                    fig(articles, *o).low <= reach && fig(articles, *o).high >= bottom(c)
                }))
                .collect();
        let outlets: HashSet<&str> = backers.iter().map(|r| articles[r.article].outlet).collect();
        (outlets.len(), backers.len())
    };
    // Support (which scans the open and hedged figures) is counted for the components with the
    // most outlets of their own only: a group of thousands of distinct values would otherwise
    // cost components × open figures.
    let own = |c: &Vec<FigureRef>| {
        let outlets: HashSet<&str> = c.iter().map(|r| articles[r.article].outlet).collect();
        (outlets.len(), c.len())
    };
    let mut candidates: Vec<(usize, (usize, usize))> =
        components.iter().map(own).enumerate().collect();
    candidates.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    candidates.truncate(MAIN_CANDIDATES);
    let main = candidates
        .iter()
        .map(|&(i, _)| (i, support(&components[i])))
        .max_by(|(i, x), (j, y)| x.cmp(y).then(j.cmp(i)))
        .map_or(0, |(i, _)| i);
    let main_top = top(&components[main]);
    let main_bottom = bottom(&components[main]);
    let stranded: Vec<FigureRef> = open
        .iter()
        .copied()
        .filter(|o| fig(articles, *o).low > main_top || fig(articles, *o).high < main_bottom)
        .collect();
    if components.len() == 1 && stranded.is_empty() {
        divergence(key, refs, articles, out);
        return;
    }
    // One finding per disagreement and article: on the article's first figure outside the
    // consensus, related to every figure of the other outlets in the group (the consensus first,
    // then the other outliers). Each article that disagrees shows it once, in its own Problems.
    let mut outliers: Vec<FigureRef> = components
        .iter()
        .enumerate()
        .filter(|&(ci, _)| ci != main)
        .flat_map(|(_, c)| c.iter().copied())
        .chain(stranded)
        .collect();
    outliers.sort();
    outliers.dedup_by_key(|r| r.article);
    // Sources that differ (see `measured_by_agencies`) are one fact about the story: said once.
    // Agencies differ by tenths of a magnitude; a whole unit from the consensus is another quake
    // (an aftershock, a foreshock), not another measurement of this one.
    if outliers.first().is_some_and(|&r| measured_by_agencies(fig(articles, r))) {
        let (low, high) =
            components[main].iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), &r| {
                (l.min(fig(articles, r).low), h.max(fig(articles, r).high))
            });
        outliers.retain(|&r| {
            let f = fig(articles, r);
            f.high > low - OTHER_QUAKE_MAGNITUDES && f.low < high + OTHER_QUAKE_MAGNITUDES
        });
        outliers.truncate(1);
    }
    // Seen from one outlet, the others are the same for each of its articles: computed once per
    // outlet (thousands of disagreeing articles in one group at 10,000 articles).
    let mut by_outlet: HashMap<&str, Pool> = HashMap::new();
    for &at in &outliers {
        let outlet = articles[at.article].outlet;
        let others = by_outlet.entry(outlet).or_insert_with(|| {
            // every other outlet's figure: those that agree with the consensus first
            let backs_main = |r: &FigureRef| {
                let f = fig(articles, *r);
                f.low <= main_top && f.high >= main_bottom
            };
            let (agreeing, rest): (Vec<FigureRef>, Vec<FigureRef>) = refs
                .iter()
                .copied()
                .filter(|r| articles[r.article].outlet != outlet)
                .partition(backs_main);
            let others: Vec<FigureRef> = agreeing.into_iter().chain(rest).collect();
            Pool::of(&others, articles)
        });
        if others.len > 0 {
            out.push(conflict(key, at, others, articles));
        }
    }
}

/// Components of the overlap graph of the intervals: sort by lower bound and sweep.
fn agreement_components(
    refs: &[FigureRef],
    articles: &[ArticleFigures<'_>],
) -> Vec<Vec<FigureRef>> {
    let mut sorted = refs.to_vec();
    sorted.sort_by(|a, b| fig(articles, *a).low.total_cmp(&fig(articles, *b).low).then(a.cmp(b)));
    let mut comps: Vec<Vec<FigureRef>> = Vec::new();
    let mut reach = f64::NEG_INFINITY;
    for r in sorted {
        let f = fig(articles, r);
        match comps.last_mut() {
            Some(c) if f.low <= reach => c.push(r),
            _ => comps.push(vec![r]),
        }
        reach = reach.max(f.high);
    }
    for c in &mut comps {
        c.sort();
    }
    comps.sort();
    comps
}

/// "people living in Aleppo": what a figure's quantity is, in words.
pub fn describe_quantity(f: &Figure) -> String {
    match &f.frame {
        Some(frame) => frame.describe(),
        None => f.counts.clone().unwrap_or_else(|| "the figure".to_string()),
    }
}

fn source_of(articles: &[ArticleFigures<'_>], r: FigureRef) -> String {
    let a = &articles[r.article];
    match a.date {
        Some(d) => format!("{}, {}", a.outlet, d.short()),
        None => a.outlet.to_string(),
    }
}

fn related(articles: &[ArticleFigures<'_>], refs: &[FigureRef]) -> (Vec<Related>, Vec<String>) {
    let rel = refs
        .iter()
        .take(MAX_RELATED)
        .map(|&r| Related {
            at: r,
            message: format!("{} ({})", fig(articles, r).text, source_of(articles, r)),
        })
        .collect();
    let notes = if refs.len() > MAX_RELATED {
        vec![format!("and {} more figures for the same quantity", refs.len() - MAX_RELATED)]
    } else {
        Vec::new()
    };
    (rel, notes)
}

/// Whether the figures of a disagreement are measurements that agencies are known to give
/// differently (an earthquake's magnitude): sources that differ, not outlets contradicting
/// each other.
fn measured_by_agencies(f: &Figure) -> bool {
    f.frame.as_ref().is_some_and(|fr| fr.event.as_deref() == Some("magnitude"))
}

/// The figures of other outlets a conflict is set against, and what its message needs of them:
/// computed once per outlet, as every disagreeing article of one outlet sees the same others.
struct Pool {
    len: usize,
    related: Vec<Related>,
    notes: Vec<String>,
    summary: String,
    latest: Option<Date>,
    earliest: Option<Date>,
    undated: bool,
    highest: f64,
    lowest: f64,
}

impl Pool {
    fn of(others: &[FigureRef], articles: &[ArticleFigures<'_>]) -> Pool {
        let (related, notes) = related(articles, others);
        Pool {
            len: others.len(),
            related,
            notes,
            summary: summarise(articles, others),
            latest: others.iter().filter_map(|r| articles[r.article].date).max(),
            earliest: others.iter().filter_map(|r| articles[r.article].date).min(),
            undated: others.iter().any(|r| articles[r.article].date.is_none()),
            highest: others
                .iter()
                .map(|&r| fig(articles, r).high)
                .fold(f64::NEG_INFINITY, f64::max),
            lowest: others.iter().map(|&r| fig(articles, r).low).fold(f64::INFINITY, f64::min),
        }
    }
}

fn conflict(key: &str, at: FigureRef, others: &Pool, articles: &[ArticleFigures<'_>]) -> Finding {
    let f = fig(articles, at);
    let here = &articles[at.article];
    let (related_list, mut notes) = (others.related.clone(), others.notes.clone());
    let others_text = &others.summary;
    let (latest, earliest, undated) = (others.latest, others.earliest, others.undated);
    let (highest, lowest) = (others.highest, others.lowest);
    // A running total reported later and higher than every figure it contradicts is expected:
    // every other figure is dated at least CUMULATIVE_GAP_DAYS before, and lower (or, seen from
    // the earlier report, every other figure later and higher).
    let cumulative = is_cumulative(f.predicate.as_deref()) && here.date.is_some() && !undated;
    let rose = cumulative
        && match (latest, earliest, here.date) {
            (Some(od), Some(oe), Some(hd)) => {
                od.days_until(hd) >= CUMULATIVE_GAP_DAYS && highest < f.low
                    || hd.days_until(oe) >= CUMULATIVE_GAP_DAYS && f.high < lowest
            }
            _ => false,
        };
    let what = describe_quantity(f);
    if rose {
        notes.push(format!("{what} is a running total: reports weeks apart may differ because it rose, not because one is wrong"));
        return Finding {
            code: Code::FigureDivergence,
            severity: Severity::Information,
            at,
            message: format!(
                "{what} rose between reports: {} ({}) against {}",
                f.text,
                source_of(articles, at),
                others_text
            ),
            related: related_list,
            quantity: key.to_string(),
            notes,
            acknowledged: None,
        };
    }
    let gap = match (here.date, latest) {
        (Some(a), Some(b)) if a != b => Some(a.days_until(b).abs()),
        _ => None,
    };
    if let Some(days) = gap {
        notes.push(format!("reported up to {days} days apart"));
    }
    let severity = if measured_by_agencies(f) {
        notes.push("agencies often measure this differently: sources that differ".to_string());
        Severity::Information
    } else {
        Severity::Warning
    };
    Finding {
        code: Code::FigureConflict,
        severity,
        at,
        message: format!(
            "outlets disagree on {what}: {} ({}) against {}",
            f.text,
            source_of(articles, at),
            others_text
        ),
        related: related_list,
        quantity: key.to_string(),
        notes,
        acknowledged: None,
    }
}

/// "250,000 (Reuters, World Media)": each distinct figure text with the outlets that give it.
fn summarise(articles: &[ArticleFigures<'_>], refs: &[FigureRef]) -> String {
    // hash lookups, not a scan of the texts so far per figure (linear in the figures)
    let mut by_text: Vec<(&str, Vec<&str>)> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    let mut pairs: HashSet<(usize, &str)> = HashSet::new();
    for &r in refs {
        let t = fig(articles, r).text.as_str();
        let outlet = articles[r.article].outlet;
        let i = *index.entry(t).or_insert_with(|| {
            by_text.push((t, Vec::new()));
            by_text.len() - 1
        });
        if pairs.insert((i, outlet)) {
            by_text[i].1.push(outlet);
        }
    }
    let parts: Vec<String> =
        by_text.iter().take(4).map(|(t, o)| format!("{} ({})", t, o.join(", "))).collect();
    let mut s = parts.join("; ");
    if by_text.len() > 4 {
        s.push_str(&format!("; and {} other figures", by_text.len() - 4));
    }
    s
}

fn divergence(
    key: &str,
    comp: &[FigureRef],
    articles: &[ArticleFigures<'_>],
    out: &mut Vec<Finding>,
) {
    let value = |r: &FigureRef| fig(articles, *r).value;
    // The endpoints of the message are precise figures where there are any: "hundreds of
    // thousands" says little about where the estimates start.
    let precise: Vec<FigureRef> =
        comp.iter().copied().filter(|r| fig(articles, *r).qualifier != Qualifier::Vague).collect();
    let ends = if precise.len() >= 2 { &precise[..] } else { comp };
    let Some(hi) = ends.iter().copied().max_by(|a, b| value(a).total_cmp(&value(b)).then(b.cmp(a)))
    else {
        return;
    };
    let Some(lo) = ends.iter().copied().min_by(|a, b| value(a).total_cmp(&value(b)).then(a.cmp(b)))
    else {
        return;
    };
    if value(&lo) <= 0.0
        || value(&hi) / value(&lo) < DIVERGENCE_RATIO
        || articles[hi.article].outlet == articles[lo.article].outlet && comp.len() == 2
    {
        return;
    }
    let others: Vec<FigureRef> = comp
        .iter()
        .copied()
        .filter(|r| *r != hi && articles[r.article].outlet != articles[hi.article].outlet)
        .collect();
    if others.is_empty() {
        return;
    }
    let f = fig(articles, hi);
    let (related_list, mut notes) = related(articles, &others);
    notes.insert(
        0,
        "the ranges overlap, so the figures can all be true; they are far apart".to_string(),
    );
    out.push(Finding {
        code: Code::FigureDivergence,
        severity: Severity::Information,
        at: hi,
        message: format!(
            "estimates of {} range from \"{}\" to \"{}\"",
            describe_quantity(f),
            fig(articles, lo).text,
            f.text
        ),
        related: related_list,
        quantity: key.to_string(),
        notes,
        acknowledged: None,
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::{FigureKind, Qualifier};

    fn figure(text: &str, low: f64, high: f64, key: &str) -> Figure {
        Figure {
            span: 0..text.len(),
            text: text.into(),
            kind: FigureKind::Count,
            low,
            high,
            value: low,
            qualifier: Qualifier::Exact,
            counts: Some("people".into()),
            predicate: Some("living under siege".into()),
            place: Some("eastern aleppo".into()),
            frame: None,
            key: Some(QuantityKey::new(key, "living")),
        }
    }

    /// Undated articles from outlets "A", "B", "C", … in order, one per figure list.
    fn outlets<'a>(figures: &[&'a [Figure]]) -> Vec<ArticleFigures<'a>> {
        const NAMES: [&str; 4] = ["A", "B", "C", "D"];
        figures
            .iter()
            .zip(NAMES)
            .map(|(f, outlet)| ArticleFigures { outlet, date: None, figures: f })
            .collect()
    }

    #[test]
    fn the_odd_figure_out_is_the_conflict() {
        let a = [figure("250,000", 250_000.0, 250_000.0, "k")];
        let b = [figure("275,000", 275_000.0, 275_000.0, "k")];
        let c = [figure("an estimated 250,000", 225_000.0, 275_000.0 - 1.0, "k")];
        let arts = outlets(&[&a, &b, &c]);
        let found = compare(&arts);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].code, Code::FigureConflict);
        assert_eq!(found[0].at, FigureRef { article: 1, figure: 0 });
        assert_eq!(found[0].related.len(), 2);
    }

    #[test]
    fn different_keys_and_same_outlet_are_not_compared() {
        let a = [figure("8,000", 8000.0, 8000.0, "rebels")];
        let b = [figure("900", 900.0, 900.0, "fighters")];
        let arts = outlets(&[&a, &b]);
        assert!(compare(&arts).is_empty());
        let c = [figure("9,000", 9000.0, 9000.0, "rebels")];
        let same_outlet = [
            ArticleFigures { outlet: "A", date: None, figures: &a },
            ArticleFigures { outlet: "A", date: None, figures: &c },
        ];
        assert!(compare(&same_outlet).is_empty());
    }

    #[test]
    fn a_running_total_that_rose_weeks_later_is_information() {
        let mut early = figure("100", 100.0, 100.0, "k");
        early.predicate = Some("killed".into());
        let mut late = figure("150", 150.0, 150.0, "k");
        late.predicate = Some("killed".into());
        let (e, l) = ([early], [late]);
        let arts = [
            ArticleFigures { outlet: "A", date: Date::from_ymd(2016, 9, 1), figures: &e },
            ArticleFigures { outlet: "B", date: Date::from_ymd(2016, 10, 1), figures: &l },
        ];
        let found = compare(&arts);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Information);
        assert!(found[0].message.contains("rose"), "{}", found[0].message);
    }

    #[test]
    fn open_ended_figures_do_not_bridge_disjoint_exact_ones() {
        let a = [figure("a total of 10", 10.0, 10.0, "k")];
        let b = [
            figure("at least three", 3.0, f64::INFINITY, "k"),
            figure("three people", 3.0, 3.0, "k"),
        ];
        let c = [figure("at least 10", 10.0, f64::INFINITY, "k")];
        let arts = outlets(&[&a, &b, &c]);
        let found = compare(&arts);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(
            found[0].at,
            FigureRef { article: 1, figure: 1 },
            "three people is the odd one out"
        );
        assert_eq!(found[0].code, Code::FigureConflict);
    }

    #[test]
    fn an_open_ended_figure_above_the_consensus_conflicts() {
        let a = [figure("10", 10.0, 10.0, "k")];
        let b = [figure("10", 10.0, 10.0, "k")];
        let c = [figure("more than 50", 50.0, f64::INFINITY, "k")];
        let arts = outlets(&[&a, &b, &c]);
        let found = compare(&arts);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].at.article, 2);
    }

    #[test]
    fn overlapping_but_far_apart_is_a_divergence() {
        let a = [figure("more than 290,000", 290_000.0, f64::INFINITY, "k")];
        let mut half = figure("as many as half a million", 250_000.0, 500_000.0, "k");
        half.value = 500_000.0;
        let b = [half];
        let arts = outlets(&[&a, &b]);
        let found = compare(&arts);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].code, Code::FigureDivergence);
        assert_eq!(found[0].at.article, 1);
    }
}
