use super::{Code, FigureRef, Finding, Related, Severity};
use crate::corpus::Date;
use crate::figures::{Figure, KeyView, Qualifier, QuantityKey};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

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
    use rayon::prelude::*;
    // This runs after the analysis with nothing beside it (at 10,000 figure-dense articles, 1%
    // of all instructions, alone on one core): runs of articles are grouped on all cores, and
    // the runs' groups appended in article order.
    const RUN: usize = 256;
    // A run groups by the keys borrowed from the frames, and makes each distinct key once.
    let runs: Vec<Vec<(QuantityKey, Vec<FigureRef>)>> = articles
        .par_chunks(RUN)
        .enumerate()
        .map(|(run, chunk)| {
            let mut groups: HashMap<KeyView<'_>, Vec<FigureRef>> = HashMap::default();
            for (i, art) in chunk.iter().enumerate() {
                let article = run * RUN + i;
                for (figure, key) in comparable_key_views(art.figures) {
                    groups.entry(key).or_default().push(FigureRef { article, figure });
                }
            }
            groups.into_iter().map(|(key, refs)| (key.to_key(), refs)).collect()
        })
        .collect();
    let mut groups: HashMap<QuantityKey, Vec<FigureRef>> = HashMap::default();
    for run in runs {
        for (key, refs) in run {
            match groups.get_mut(&key) {
                Some(v) => v.extend(refs),
                None => {
                    groups.insert(key, refs);
                }
            }
        }
    }
    groups
}

/// The figures of one article that are compared, with their quantity keys.
pub fn comparable_keys(figures: &[Figure]) -> impl Iterator<Item = (usize, QuantityKey)> + '_ {
    comparable_key_views(figures).map(|(f, k)| (f, k.to_key()))
}

/// [`comparable_keys`], the keys borrowed.
fn comparable_key_views(figures: &[Figure]) -> impl Iterator<Item = (usize, KeyView<'_>)> + '_ {
    figures
        .iter()
        .enumerate()
        .filter(|(_, fig)| fig.keyed && fig.kind.is_compared())
        .filter_map(|(f, fig)| fig.key_view().map(|k| (f, k)))
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
    let outlets = OutletNumbers::of(articles);
    groups
        .into_par_iter()
        .flat_map_iter(|(key, refs)| {
            let mut out = Vec::new();
            compare_group(&key, refs, articles, &outlets, &mut out);
            out
        })
        .collect()
}

/// Each article's outlet as a number, the same for articles of one outlet: a group counts the
/// distinct outlets of its figures several times over, and hashing the outlets' names for each
/// figure each time was a third of comparing the large groups of figure-dense stories.
struct OutletNumbers(Vec<u32>);

impl OutletNumbers {
    fn of(articles: &[ArticleFigures<'_>]) -> OutletNumbers {
        let mut numbers: HashMap<&str, u32> = HashMap::default();
        OutletNumbers(
            articles
                .iter()
                .map(|a| {
                    let next = numbers.len() as u32;
                    *numbers.entry(a.outlet).or_insert(next)
                })
                .collect(),
        )
    }

    /// The number of the outlet of figure `r`'s article.
    fn of_figure(&self, r: &FigureRef) -> u32 {
        self.0[r.article]
    }

    /// How many outlets the figures `refs` come from.
    fn count<'r>(&self, refs: impl IntoIterator<Item = &'r FigureRef>) -> usize {
        refs.into_iter().map(|r| self.of_figure(r)).collect::<HashSet<u32>>().len()
    }
}

/// The order of findings everywhere: by (article, figure, code).
pub fn sort_findings(findings: &mut [Finding]) {
    findings.sort_by(|x, y| (x.at, x.code.as_str()).cmp(&(y.at, y.code.as_str())));
}

fn fig<'a>(articles: &'a [ArticleFigures<'_>], r: FigureRef) -> &'a Figure {
    &articles[r.article].figures[r.figure]
}

/// What comparing reads of a figure, gathered once for its group, side by side. The figures of a
/// group lie 320 bytes apart in their articles' vectors, all over the heap, and the passes below
/// read each several times: at 10,000 figure-dense articles the loads of `low` and `high` (cache
/// misses) were 85% of comparing's time, itself a sixth of the run's.
#[derive(Clone, Copy)]
struct Fact<'a> {
    low: f64,
    high: f64,
    qualifier: Qualifier,
    attributed: bool,
    text: &'a str,
}

impl<'a> Fact<'a> {
    fn of(f: &'a Figure) -> Fact<'a> {
        Fact {
            low: f.low,
            high: f.high,
            qualifier: f.qualifier,
            attributed: f.attributed,
            text: &f.text,
        }
    }
}

/// One group's figures by their place in it (`refs[i]`, `facts[i]`): a place orders as its
/// figure does, as `refs` is in (article, figure) order.
struct Group<'g> {
    refs: &'g [FigureRef],
    facts: Vec<Fact<'g>>,
}

impl Group<'_> {
    fn article(&self, i: usize) -> usize {
        self.refs[i].article
    }

    /// How many outlets the figures at `places` come from.
    fn outlets(&self, outlets: &OutletNumbers, places: &[usize]) -> usize {
        outlets.count(places.iter().map(|&i| &self.refs[i]))
    }
}

fn compare_group<'a>(
    key: &str,
    refs: &'a [FigureRef],
    articles: &'a [ArticleFigures<'a>],
    outlets: &OutletNumbers,
    out: &mut Vec<Finding>,
) {
    if outlets.count(refs) < 2 {
        return;
    }
    debug_assert!(refs.windows(2).all(|w| w[0] < w[1]), "refs in figure order");
    let g = Group { refs, facts: refs.iter().map(|&r| Fact::of(fig(articles, r))).collect() };
    let facts = &g.facts;
    // An open-ended figure ("at least three", "more than 290,000") agrees with every larger
    // value, so it would chain disjoint exact figures into one agreeing component. Components are
    // built from bounded figures only; open-ended ones then support the components they reach
    // and are checked against the consensus.
    let (bounded, mut open): (Vec<usize>, Vec<usize>) =
        (0..refs.len()).partition(|&i| facts[i].high.is_finite());
    if bounded.is_empty() {
        return; // open-ended ranges always overlap
    }
    // A figure an article cites from another outlet is that outlet's account, not one more
    // outlet behind it: it does not make the consensus, and is checked against it as the
    // open-ended ones are.
    let (cited, own): (Vec<usize>, Vec<usize>) =
        bounded.iter().copied().partition(|&i| facts[i].attributed);
    let bounded = if own.is_empty() || cited.is_empty() {
        bounded
    } else {
        open.extend(cited);
        open.sort();
        own
    };
    // A hedged figure ("about 6.0", "dozens") overlaps values that precise figures keep apart,
    // and would merge them into one agreeing component just as an open-ended one would. When
    // precise figures of two outlets are there to compare, they make the components and hedged
    // ones support them as open-ended ones do.
    let (precise, hedged): (Vec<usize>, Vec<usize>) = bounded
        .iter()
        .copied()
        .partition(|&i| matches!(facts[i].qualifier, Qualifier::Exact | Qualifier::Range));
    let bounded = if g.outlets(outlets, &precise) >= 2 && !hedged.is_empty() {
        open.extend(hedged);
        open.sort();
        precise
    } else {
        bounded
    };
    let components = agreement_components(&bounded, facts);
    let top = |c: &[usize]| c.iter().map(|&i| high(&facts[i])).fold(f64::NEG_INFINITY, f64::max);
    let bottom = |c: &[usize]| c.iter().map(|&i| low(&facts[i])).fold(f64::INFINITY, f64::min);
    // The consensus is the component with the most outlets behind it (then figures); ties go to
    // the component reported first.
    let support = |c: &Vec<usize>| {
        let (reach, floor) = (top(c), bottom(c));
        let backers: Vec<usize> = c
            .iter()
            .copied()
            .chain(open.iter().copied().filter(|&o| meets(&facts[o], floor, reach)))
            .collect();
        (g.outlets(outlets, &backers), backers.len())
    };
    // Support (which scans the open and hedged figures) is counted for the components with the
    // most outlets of their own only: a group of thousands of distinct values would otherwise
    // cost components × open figures.
    let own = |c: &Vec<usize>| (g.outlets(outlets, c), c.len());
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
    let stranded: Vec<usize> =
        open.iter().copied().filter(|&o| !meets(&facts[o], main_bottom, main_top)).collect();
    if components.len() == 1 && stranded.is_empty() {
        divergence(key, refs, articles, out);
        return;
    }
    // One finding per disagreement and article: on the article's first figure outside the
    // consensus, related to every figure of the other outlets in the group (the consensus first,
    // then the other outliers). Each article that disagrees shows it once, in its own Problems.
    let mut outliers: Vec<usize> = components
        .iter()
        .enumerate()
        .filter(|&(ci, _)| ci != main)
        .flat_map(|(_, c)| c.iter().copied())
        .chain(stranded)
        .collect();
    outliers.sort();
    outliers.dedup_by_key(|i| g.article(*i));
    // An article that itself gives the consensus value as well as another is not contradicting
    // anyone: the two values are two quantities to it (a verdict's and a penalty's deliberation,
    // one operation's haul and the total), or a figure and its correction. No alarm for it.
    let gives_consensus: HashSet<usize> = (0..refs.len())
        .filter(|&i| {
            let f = &facts[i];
            f.high.is_finite() && meets(f, main_bottom, main_top)
        })
        .map(|i| g.article(i))
        .collect();
    // Except for a figure it attributes to another source ("the Post says three people were
    // injured", "local news originally reported that two died"): the article itself reports that
    // sources differ, and so is one of the places to show it.
    let mut cited: Vec<usize> = (0..refs.len())
        .filter(|&i| gives_consensus.contains(&g.article(i)) && facts[i].attributed)
        .filter(|&i| {
            let f = &facts[i];
            f.high.is_finite() && !meets(f, main_bottom, main_top)
        })
        .collect();
    cited.dedup_by_key(|i| g.article(*i));
    outliers.retain(|&i| !gives_consensus.contains(&g.article(i)));
    // Sources that differ (see `measured_by_agencies`) are one fact about the story: said once.
    // Agencies differ by tenths of a magnitude; a whole unit from the consensus is another quake
    // (an aftershock, a foreshock), not another measurement of this one.
    if outliers.first().is_some_and(|&i| measured_by_agencies(fig(articles, refs[i]))) {
        let (low, high) =
            components[main].iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), &i| {
                (l.min(facts[i].low), h.max(facts[i].high))
            });
        outliers.retain(|&i| {
            let f = &facts[i];
            f.high > low - OTHER_QUAKE_MAGNITUDES && f.low < high + OTHER_QUAKE_MAGNITUDES
        });
        outliers.truncate(1);
    }
    outliers.extend(cited);
    outliers.sort();
    // Seen from one outlet, the others are the same for each of its articles: each outlet's view
    // is built once, from one index of the whole group (building it from the group for every
    // outlet cost outlets × figures, quadratic when most articles are their own outlet).
    // Every other outlet's figure is listed, those that agree with the consensus first.
    let (agreeing, rest): (Vec<usize>, Vec<usize>) =
        (0..refs.len()).partition(|&i| meets(&facts[i], main_bottom, main_top));
    let listed = ListedFigures::of(
        agreeing.into_iter().chain(rest).map(|i| (refs[i], facts[i])).collect(),
        articles,
        outlets,
    );
    let mut pools: HashMap<OutletId, Pool> = HashMap::default();
    for at in outliers.into_iter().map(|i| refs[i]) {
        let outlet = listed.outlet_id(outlets.of_figure(&at));
        let others = pools.entry(outlet).or_insert_with(|| listed.without(outlet, articles));
        if others.len > 0 {
            let cited = gives_consensus.contains(&at.article);
            out.push(conflict(key, at, others, articles, cited));
        }
    }
}

/// How far inside an open end a bound is moved: "more than 300" excludes 300 itself, and so do
/// "nearly 300", so the first disagrees with the second and with an exact 300, which their
/// intervals, closed as written, would not show. ("Less than" stays closed: it also stands for
/// "300 or less" and "not more than 300".)
const OPEN_END: f64 = 1e-9;

/// The lower bound a figure is compared with: above the number for "more than".
fn low(f: &Fact<'_>) -> f64 {
    match f.qualifier {
        Qualifier::MoreThan => f.low + f.low.abs().max(1.0) * OPEN_END,
        _ => f.low,
    }
}

/// The upper bound a figure is compared with: below the number for "nearly".
fn high(f: &Fact<'_>) -> f64 {
    match f.qualifier {
        Qualifier::Nearly => f.high - f.high.abs().max(1.0) * OPEN_END,
        _ => f.high,
    }
}

/// Whether the figure's interval, its open ends kept open ([`low`], [`high`]), shares a value
/// with `[bottom, top]`.
fn meets(f: &Fact<'_>, bottom: f64, top: f64) -> bool {
    low(f) <= top && high(f) >= bottom
}

/// Components of the overlap graph of the intervals: sort by lower bound and sweep.
/// `places` index `facts` (a group's figures), in figure order; so does the result.
fn agreement_components(places: &[usize], facts: &[Fact<'_>]) -> Vec<Vec<usize>> {
    // The sweep visits the figures in (lower bound, figure) order. A large group holds few
    // distinct lower bounds (the tens of thousands of figures of one quantity in a figure-dense
    // story give a handful of values), so the figures are bucketed by lower bound (its bits:
    // equal under `total_cmp` exactly when equal bits) in figure order, as `places` is sorted, and
    // only the distinct bounds are sorted: the same order as sorting every figure (which, with a
    // sort of each component after, was a fifth of comparing at 10,000 dense articles).
    debug_assert!(places.windows(2).all(|w| w[0] < w[1]), "places in figure order");
    let mut bucket_of: HashMap<u64, usize> = HashMap::default();
    let mut buckets: Vec<(f64, Vec<usize>)> = Vec::new();
    for (k, &i) in places.iter().enumerate() {
        let l = low(&facts[i]);
        let b = *bucket_of.entry(l.to_bits()).or_insert_with(|| {
            buckets.push((l, Vec::new()));
            buckets.len() - 1
        });
        buckets[b].1.push(k);
    }
    buckets.sort_unstable_by(|a, b| a.0.total_cmp(&b.0));
    // the component of each figure (by its place in `refs`), numbered in sweep order
    let mut component = vec![0usize; places.len()];
    let mut count = 0;
    let mut reach = f64::NEG_INFINITY;
    for (l, members) in &buckets {
        for &k in members {
            let joins = count > 0 && *l <= reach;
            if !joins {
                count += 1;
            }
            component[k] = count - 1;
            reach = reach.max(high(&facts[places[k]]));
        }
    }
    // each component in figure order, as `refs` is
    let mut comps: Vec<Vec<usize>> = vec![Vec::new(); count];
    for (k, &i) in places.iter().enumerate() {
        comps[component[k]].push(i);
    }
    comps.sort();
    comps
}

/// "people living in Aleppo": what a figure's quantity is, in words.
pub fn describe_quantity(f: &Figure) -> String {
    match f.frame() {
        Some(frame) => frame.describe(),
        None => f.counts().unwrap_or("the figure").to_string(),
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
    f.frame().is_some_and(|fr| fr.event.as_deref() == Some("magnitude"))
}

/// Whether the figure is a change in percent ("stocks fell 5.4 percent"), which reports made at
/// different times of the day give differently without contradicting each other.
fn is_change(f: &Figure) -> bool {
    f.frame().is_some_and(|fr| fr.counted.as_deref() == Some("percent change"))
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

/// Which outlet of a group: an index into `ListedFigures::names`.
type OutletId = usize;

/// The figures of one group that its conflicts are set against, in the order a conflict lists
/// them, indexed once so that the view of one outlet (every figure but its own) costs about what
/// that view shows rather than the size of the group.
struct ListedFigures<'a> {
    /// The figures in listing order, each with its outlet.
    order: Vec<(FigureRef, OutletId)>,
    /// By the outlet's number in the corpus ([`OutletNumbers`]).
    ids: HashMap<u32, OutletId>,
    names: Vec<&'a str>,
    figures_of: Vec<usize>,
    /// Dates and values of all figures of the outlets before (after) each outlet.
    spread_before: Vec<Spread>,
    spread_after: Vec<Spread>,
    /// Each distinct figure text, in order of first appearance.
    texts: Vec<ListedText<'a>>,
    /// Per outlet, the texts it gives first that another outlet gives too, by where the second
    /// outlet first gives them: seen without the first outlet, that is where the text appears.
    led_by: Vec<Vec<usize>>,
    /// Per outlet, how many texts no other outlet gives.
    sole_texts: Vec<usize>,
}

struct ListedText<'a> {
    text: &'a str,
    /// The outlets that give the text, each with the position of its first such figure, in
    /// order of those positions.
    outlets: Vec<(OutletId, usize)>,
}

/// The dates and values of some figures, as a conflict's wording needs them.
#[derive(Clone, Copy)]
struct Spread {
    latest: Option<Date>,
    earliest: Option<Date>,
    undated: bool,
    highest: f64,
    lowest: f64,
}

impl Spread {
    const NONE: Spread = Spread {
        latest: None,
        earliest: None,
        undated: false,
        highest: f64::NEG_INFINITY,
        lowest: f64::INFINITY,
    };

    fn with(self, other: Spread) -> Spread {
        Spread {
            latest: self.latest.max(other.latest),
            earliest: match (self.earliest, other.earliest) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            },
            undated: self.undated || other.undated,
            highest: self.highest.max(other.highest),
            lowest: self.lowest.min(other.lowest),
        }
    }
}

impl<'a> ListedFigures<'a> {
    /// `listed`: the figures in listing order, each with its [`Fact`].
    fn of(
        listed: Vec<(FigureRef, Fact<'a>)>,
        articles: &'a [ArticleFigures<'a>],
        outlets: &OutletNumbers,
    ) -> ListedFigures<'a> {
        let mut ids: HashMap<u32, OutletId> = HashMap::default();
        let mut names = Vec::new();
        let mut spreads: Vec<Spread> = Vec::new();
        let mut figures_of = Vec::new();
        let mut texts: Vec<ListedText<'a>> = Vec::new();
        let mut text_index: HashMap<&'a str, usize> = HashMap::default();
        let mut seen: HashSet<(usize, OutletId)> = HashSet::default();
        let mut order = Vec::with_capacity(listed.len());
        for (position, (r, f)) in listed.into_iter().enumerate() {
            let article = &articles[r.article];
            let outlet = *ids.entry(outlets.of_figure(&r)).or_insert_with(|| {
                names.push(article.outlet);
                spreads.push(Spread::NONE);
                figures_of.push(0);
                names.len() - 1
            });
            order.push((r, outlet));
            figures_of[outlet] += 1;
            spreads[outlet] = spreads[outlet].with(Spread {
                latest: article.date,
                earliest: article.date,
                undated: article.date.is_none(),
                highest: f.high,
                lowest: f.low,
            });
            let t = *text_index.entry(f.text).or_insert_with(|| {
                texts.push(ListedText { text: f.text, outlets: Vec::new() });
                texts.len() - 1
            });
            if seen.insert((t, outlet)) {
                texts[t].outlets.push((outlet, position));
            }
        }
        let mut spread_before = Vec::with_capacity(spreads.len());
        let mut so_far = Spread::NONE;
        for s in &spreads {
            spread_before.push(so_far);
            so_far = so_far.with(*s);
        }
        let mut spread_after = vec![Spread::NONE; spreads.len()];
        let mut so_far = Spread::NONE;
        for (i, s) in spreads.iter().enumerate().rev() {
            spread_after[i] = so_far;
            so_far = so_far.with(*s);
        }
        let mut led_by = vec![Vec::new(); names.len()];
        let mut sole_texts = vec![0; names.len()];
        for (t, text) in texts.iter().enumerate() {
            match text.outlets[..] {
                [(first, _)] => sole_texts[first] += 1,
                [(first, _), ..] => led_by[first].push(t),
                [] => {}
            }
        }
        for led in &mut led_by {
            led.sort_by_key(|&t| texts[t].outlets[1].1);
        }
        ListedFigures {
            order,
            ids,
            names,
            figures_of,
            spread_before,
            spread_after,
            texts,
            led_by,
            sole_texts,
        }
    }

    fn outlet_id(&self, outlet: u32) -> OutletId {
        self.ids[&outlet]
    }

    /// Every figure but those of `outlet`, as one of its conflicts lists and words them.
    fn without(&self, outlet: OutletId, articles: &[ArticleFigures<'_>]) -> Pool {
        let len = self.order.len() - self.figures_of[outlet];
        let related = self
            .order
            .iter()
            .filter(|(_, o)| *o != outlet)
            .take(MAX_RELATED)
            .map(|&(r, _)| Related {
                at: r,
                message: format!("{} ({})", fig(articles, r).text, source_of(articles, r)),
            })
            .collect();
        let notes = if len > MAX_RELATED {
            vec![format!("and {} more figures for the same quantity", len - MAX_RELATED)]
        } else {
            Vec::new()
        };
        let spread = self.spread_before[outlet].with(self.spread_after[outlet]);
        Pool {
            len,
            related,
            notes,
            summary: self.summary_without(outlet),
            latest: spread.latest,
            earliest: spread.earliest,
            undated: spread.undated,
            highest: spread.highest,
            lowest: spread.lowest,
        }
    }

    /// "250,000 (Reuters, World Media)": each distinct figure text of the other outlets, in
    /// order of first appearance, with the outlets that give it; four texts at most.
    fn summary_without(&self, outlet: OutletId) -> String {
        const SHOWN: usize = 4;
        // where each text first appears once the outlet's own figures are left out
        let others_first = self
            .texts
            .iter()
            .enumerate()
            .filter(|(_, t)| t.outlets[0].0 != outlet)
            .map(|(i, t)| (t.outlets[0].1, i))
            .take(SHOWN);
        let outlet_first =
            self.led_by[outlet].iter().map(|&i| (self.texts[i].outlets[1].1, i)).take(SHOWN);
        let mut shown: Vec<(usize, usize)> = others_first.chain(outlet_first).collect();
        shown.sort_unstable();
        let parts: Vec<String> = shown
            .iter()
            .take(SHOWN)
            .map(|&(_, i)| {
                let t = &self.texts[i];
                let outlets: Vec<&str> = t
                    .outlets
                    .iter()
                    .filter(|(o, _)| *o != outlet)
                    .map(|&(o, _)| self.names[o])
                    .collect();
                format!("{} ({})", t.text, outlets.join(", "))
            })
            .collect();
        let mut s = parts.join("; ");
        let distinct = self.texts.len() - self.sole_texts[outlet];
        if distinct > SHOWN {
            s.push_str(&format!("; and {} other figures", distinct - SHOWN));
        }
        s
    }
}

/// `cited`: the figure is one the article attributes to another source while giving the
/// consensus itself.
fn conflict(
    key: &str,
    at: FigureRef,
    others: &Pool,
    articles: &[ArticleFigures<'_>],
    cited: bool,
) -> Finding {
    let f = fig(articles, at);
    let here = &articles[at.article];
    let (related_list, mut notes) = (others.related.clone(), others.notes.clone());
    let others_text = &others.summary;
    let (latest, earliest, undated) = (others.latest, others.earliest, others.undated);
    let (highest, lowest) = (others.highest, others.lowest);
    // A running total reported later and higher than every figure it contradicts is expected:
    // every other figure is dated at least CUMULATIVE_GAP_DAYS before, and lower (or, seen from
    // the earlier report, every other figure later and higher).
    let cumulative = is_cumulative(f.predicate()) && here.date.is_some() && !undated;
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
    } else if is_change(f) {
        notes.push(
            "a change is measured at a moment: reports taken at other times differ".to_string(),
        );
        Severity::Information
    } else if f.attributed {
        notes.push(
            if cited {
                "the article gives the other figure too and attributes this one to another \
                 source: sources that differ"
            } else {
                "the article attributes this figure to another outlet: sources that differ"
            }
            .to_string(),
        );
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

fn divergence(
    key: &str,
    comp: &[FigureRef],
    articles: &[ArticleFigures<'_>],
    out: &mut Vec<Finding>,
) {
    let value = |r: &FigureRef| fig(articles, *r).compared_value();
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
    // A floor ("at least 70") is what an estimate above it ("about 100") predicts: no spread.
    // Only against a ceiling ("as many as half a million") does it leave one.
    let floor_under_estimate = !fig(articles, lo).high.is_finite()
        && !matches!(fig(articles, hi).qualifier, Qualifier::AsManyAs | Qualifier::LessThan);
    if value(&lo) <= 0.0
        || floor_under_estimate
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
    use crate::figures::{FigureKind, Frame, Measured, Qualifier, Scope, Subject, When};
    use std::sync::Arc;

    fn figure(text: &str, low: f64, high: f64, key: &str) -> Figure {
        Figure {
            span: 0..text.len(),
            text: text.into(),
            kind: FigureKind::Count,
            low,
            high,
            value: low,
            conversion: None,
            qualifier: Qualifier::Exact,
            subject: Some(Arc::new(Subject {
                counts: Some("people".into()),
                predicate: Some("living under siege".into()),
                place: Some("eastern aleppo".into()),
                // the frame whose key is `key:living`
                frame: Some(Frame {
                    measured: Measured::People,
                    counted: Some(key.to_string().into()),
                    group: None,
                    event: Some("living".into()),
                    place: None,
                    when: When::Story,
                    scope: Scope::Whole,
                }),
            })),
            keyed: true,
            attributed: false,
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
        let killed = |mut f: Figure| {
            Arc::make_mut(f.subject.as_mut().unwrap()).predicate = Some("killed".into());
            f
        };
        let early = killed(figure("100", 100.0, 100.0, "k"));
        let late = killed(figure("150", 150.0, 150.0, "k"));
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
    fn more_than_a_number_and_nearly_it_do_not_meet() {
        let mut nearly = figure("nearly 300", 270.0, 300.0, "k");
        nearly.qualifier = Qualifier::Nearly;
        let mut more = figure("more than 300", 300.0, f64::INFINITY, "k");
        more.qualifier = Qualifier::MoreThan;
        let (a, b) = ([nearly], [more]);
        let found = compare(&outlets(&[&a, &b]));
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].code, Code::FigureConflict);
        // "at least 300" includes 300
        let mut at_least = figure("at least 300", 300.0, f64::INFINITY, "k");
        at_least.qualifier = Qualifier::AtLeast;
        let (c, d) = ([figure("300", 300.0, 300.0, "k")], [at_least]);
        assert!(compare(&outlets(&[&c, &d])).is_empty());
    }

    #[test]
    fn a_figure_cited_from_another_outlet_beside_the_consensus_is_information() {
        let a = [figure("no", 0.0, 0.0, "k")];
        let b = [figure("no", 0.0, 0.0, "k")];
        let mut post = figure("three", 3.0, 3.0, "k");
        post.attributed = true;
        let c = [figure("no", 0.0, 0.0, "k"), post];
        let found = compare(&outlets(&[&a, &b, &c]));
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].at, FigureRef { article: 2, figure: 1 });
        assert_eq!(found[0].severity, Severity::Information);
        // not cited: an article giving both values is not contradicting anyone
        let mut own = c.clone();
        own[1].attributed = false;
        assert!(compare(&outlets(&[&a, &b, &own])).is_empty());
        // a cited figure alone in its article does not make a consensus of its own: with one
        // other outlet, it is the one that differs, as information
        let (one, mut two) = ([figure("1", 1.0, 1.0, "k")], [figure("two", 2.0, 2.0, "k")]);
        two[0].attributed = true;
        let found = compare(&outlets(&[&two, &one]));
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].at, FigureRef { article: 0, figure: 0 });
        assert_eq!(found[0].severity, Severity::Information);
    }

    #[test]
    fn overlapping_but_far_apart_is_a_divergence() {
        let a = [figure("more than 290,000", 290_000.0, f64::INFINITY, "k")];
        let mut half = figure("as many as half a million", 250_000.0, 500_000.0, "k");
        half.value = 500_000.0;
        half.qualifier = Qualifier::AsManyAs;
        let b = [half];
        let arts = outlets(&[&a, &b]);
        let found = compare(&arts);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].code, Code::FigureDivergence);
        assert_eq!(found[0].at.article, 1);
    }

    #[test]
    fn a_floor_under_an_estimate_is_no_divergence() {
        let a = [figure("at least 60", 60.0, f64::INFINITY, "k")];
        let mut about = figure("about 90", 83.7, 96.3, "k");
        about.value = 90.0;
        about.qualifier = Qualifier::About;
        let b = [about];
        let arts = outlets(&[&a, &b]);
        assert!(compare(&arts).is_empty());
    }

    /// What `ListedFigures::without` must equal: the view of one outlet built by scanning the
    /// whole group, as it was built before the index.
    fn pool_by_scan(listed: &[FigureRef], outlet: &str, articles: &[ArticleFigures<'_>]) -> Pool {
        let others: Vec<FigureRef> =
            listed.iter().copied().filter(|r| articles[r.article].outlet != outlet).collect();
        let (related, notes) = related(articles, &others);
        let mut by_text: Vec<(&str, Vec<&str>)> = Vec::new();
        for &r in &others {
            let (t, o) = (fig(articles, r).text.as_str(), articles[r.article].outlet);
            match by_text.iter_mut().find(|(x, _)| *x == t) {
                Some((_, outlets)) if !outlets.contains(&o) => outlets.push(o),
                Some(_) => {}
                None => by_text.push((t, vec![o])),
            }
        }
        let parts: Vec<String> =
            by_text.iter().take(4).map(|(t, o)| format!("{} ({})", t, o.join(", "))).collect();
        let mut summary = parts.join("; ");
        if by_text.len() > 4 {
            summary.push_str(&format!("; and {} other figures", by_text.len() - 4));
        }
        let dates = || others.iter().filter_map(|r| articles[r.article].date);
        Pool {
            len: others.len(),
            related,
            notes,
            summary,
            latest: dates().max(),
            earliest: dates().min(),
            undated: others.iter().any(|r| articles[r.article].date.is_none()),
            highest: others
                .iter()
                .map(|&r| fig(articles, r).high)
                .fold(f64::NEG_INFINITY, f64::max),
            lowest: others.iter().map(|&r| fig(articles, r).low).fold(f64::INFINITY, f64::min),
        }
    }

    proptest::proptest! {
        #[test]
        fn each_outlets_view_equals_a_scan_of_the_group(
            articles in proptest::collection::vec(
                (0..6usize, proptest::option::of(1..40u32),
                 proptest::collection::vec((0..8u32, 0..3u32), 1..5)),
                1..30),
        ) {
            const OUTLETS: [&str; 6] = ["A", "B", "C", "D", "E", "F"];
            let figures: Vec<Vec<Figure>> = articles
                .iter()
                .map(|(_, _, figs)| {
                    figs.iter()
                        .map(|&(v, spread)| {
                            let v = f64::from(v) * 10.0;
                            figure(&format!("{v}"), v, v + f64::from(spread), "k")
                        })
                        .collect()
                })
                .collect();
            let arts: Vec<ArticleFigures<'_>> = articles
                .iter()
                .zip(&figures)
                .map(|((o, day, _), f)| ArticleFigures {
                    outlet: OUTLETS[*o],
                    date: day.and_then(|d| Date::from_ymd(2016, 10, d % 28 + 1)),
                    figures: f,
                })
                .collect();
            // some listing order that is not (article, figure) order
            let mut listed: Vec<FigureRef> = arts
                .iter()
                .enumerate()
                .flat_map(|(a, art)| (0..art.figures.len()).map(move |f| FigureRef { article: a, figure: f }))
                .collect();
            listed.sort_by_key(|r| (fig(&arts, *r).value as u64 % 3, r.article));
            let numbers = OutletNumbers::of(&arts);
            let with_facts = listed.iter().map(|&r| (r, Fact::of(fig(&arts, r)))).collect();
            let index = ListedFigures::of(with_facts, &arts, &numbers);
            for outlet in OUTLETS.iter().filter(|o| arts.iter().any(|a| a.outlet == **o)) {
                let first = arts.iter().position(|a| a.outlet == *outlet).expect("an article of it");
                let fast = index.without(index.outlet_id(numbers.0[first]), &arts);
                let slow = pool_by_scan(&listed, outlet, &arts);
                proptest::prop_assert_eq!(fast.len, slow.len);
                proptest::prop_assert_eq!(&fast.related, &slow.related);
                proptest::prop_assert_eq!(&fast.notes, &slow.notes);
                proptest::prop_assert_eq!(&fast.summary, &slow.summary);
                proptest::prop_assert_eq!(
                    (fast.latest, fast.earliest, fast.undated),
                    (slow.latest, slow.earliest, slow.undated)
                );
                proptest::prop_assert_eq!(
                    (fast.highest.to_bits(), fast.lowest.to_bits()),
                    (slow.highest.to_bits(), slow.lowest.to_bits())
                );
            }
        }
    }
}
