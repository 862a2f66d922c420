//! The corpus view: [`Snapshot`], immutable, built from the cached per-article results.
//!
//! Incremental comparison. Findings depend on figures only, and the findings of a quantity key
//! depend only on that key's group, so a snapshot keeps the groups (key → figure refs).
//! `Snapshot::unlinked(articles, config, Some(prev))` finds the articles that changed since
//! `prev` (same names and configuration; changed = a different `Arc`), collects the keys those
//! articles had and have, rebuilds just those groups, compares them, and merges their findings
//! with `prev`'s findings of every other key: the same findings, in the same order, as comparing
//! from scratch (`tests/it/incremental.rs` checks this on random edit sequences). More than 1/8 of
//! the articles changed, or a different article set or configuration, and it compares from
//! scratch.
//!
//! Links kept. Most edits change no name. `Snapshot::keep_links_of(linked)` takes the
//! `Arc<Linked>` and the actor-card cache of a linked snapshot when every article that differs
//! has the same linking input (`ArticleActors::same_for_linking`: names, kinds, keys, reasons,
//! roles, quotes, mention texts; only positions may move) and the same label. Otherwise the
//! corpus is linked again (`with_links`); linking is not incremental, because the popular actors
//! of a story form key clusters of thousands of entities (docs/performance.md has the figures).

use super::query::ActorCard;
use super::ArticleAnalysis;
use crate::actors::{self, ActorId, Linked};
use crate::config::Config;
use crate::figures::QuantityKey;
use crate::findings::{self, ArticleFigures, FigureRef, Finding};
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, OnceLock};

/// An immutable view of the whole corpus: articles in name order, linked actors, findings.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub articles: Vec<Arc<ArticleAnalysis>>,
    /// Shared with the snapshots after edits that left every article's linking input as it was.
    pub linked: Arc<Linked>,
    /// The actor cards of `linked`, built on first use (or all at once, [`Snapshot::warm_cards`])
    /// and shared exactly as `linked` is.
    cards: Arc<CardCache>,
    pub findings: Vec<Finding>,
    pub config: Arc<Config>,
    by_name: Arc<HashMap<String, usize>>,
    /// The comparable figures by quantity key: what lets the next snapshot compare again only
    /// the keys an edit touched.
    quantities: Arc<HashMap<QuantityKey, Arc<Vec<FigureRef>>>>,
    /// Whether `linked` has been computed (see [`Snapshot::unlinked`]).
    is_linked: bool,
    /// Where the notes of crosswire.json apply, found on first use ([`Snapshot::notes`]); a
    /// new cell whenever `linked` changes, as actor notes depend on it.
    notes: Arc<OnceLock<Arc<Vec<crate::analysis::notes::NoteUse>>>>,
}

/// One slot per actor; a slot holds `None` for an actor whose card cannot be built.
#[derive(Debug, Default)]
struct CardCache(Vec<OnceLock<Option<Arc<ActorCard>>>>);

impl CardCache {
    fn for_actors(n: usize) -> CardCache {
        CardCache((0..n).map(|_| OnceLock::new()).collect())
    }
}

/// What stands at an offset of an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Mention `mention` of the article, belonging to corpus actor `actor`.
    Mention { mention: usize, actor: ActorId },
    /// Figure `figure` of the article.
    Figure { figure: usize },
}

fn article_figures(articles: &[Arc<ArticleAnalysis>]) -> Vec<ArticleFigures<'_>> {
    articles
        .iter()
        .map(|a| ArticleFigures {
            outlet: a.article.outlet(),
            date: a.article.meta.date,
            figures: &a.figures,
        })
        .collect()
}

/// Above this share of changed articles, comparing everything again is as cheap.
const INCREMENTAL_MAX_CHANGED: usize = 8;

impl Snapshot {
    /// Links actors and compares figures over `articles` (which must be in name order).
    pub fn build(articles: Vec<Arc<ArticleAnalysis>>, config: Arc<Config>) -> Snapshot {
        Self::unlinked(articles, config, None).with_links()
    }

    /// Like [`build`](Self::build), reusing the comparisons of `prev` for every quantity key
    /// that no changed article has (before or after). Same result as `build`.
    pub fn build_after(
        prev: &Snapshot,
        articles: Vec<Arc<ArticleAnalysis>>,
        config: Arc<Config>,
    ) -> Snapshot {
        Self::unlinked(articles, config, Some(prev)).with_links()
    }

    /// The articles and findings of a snapshot, without linking actors (`linked` is empty until
    /// [`with_links`](Self::with_links)): findings depend on figures only, so diagnostics can be
    /// published from this while the actors are linked. With `prev` (a snapshot of the same
    /// article names and configuration), only the quantity keys of changed articles (compared by
    /// pointer) are compared again: the cost of an edit is that of its key groups, not the corpus.
    ///
    /// When `prev` is linked and no changed article changed its linking input
    /// ([`ArticleActors::same_for_linking`](crate::actors::ArticleActors::same_for_linking)), the
    /// result is linked already: it shares `prev`'s links and actor cards (the common edit, a
    /// figure or a word between names, costs no relinking).
    pub fn unlinked(
        articles: Vec<Arc<ArticleAnalysis>>,
        config: Arc<Config>,
        prev: Option<&Snapshot>,
    ) -> Snapshot {
        let by_name: HashMap<String, usize> =
            articles.iter().enumerate().map(|(i, a)| (a.article.name.clone(), i)).collect();
        let prev = prev.filter(|p| {
            (Arc::ptr_eq(&p.config, &config) || p.config.same_analysis(&config))
                && p.articles.len() == articles.len()
                && p.articles.iter().zip(&articles).all(|(x, y)| x.article.name == y.article.name)
        });
        let changed: Vec<usize> = match prev {
            Some(p) => (0..articles.len())
                .filter(|&i| !Arc::ptr_eq(&p.articles[i], &articles[i]))
                .collect(),
            None => Vec::new(),
        };
        let (quantities, findings) = match prev {
            Some(p) if changed.len() <= articles.len() / INCREMENTAL_MAX_CHANGED => {
                Self::compare_after(p, &articles, &changed, &config)
            }
            _ => {
                let figs = article_figures(&articles);
                let groups = findings::quantity_groups(&figs);
                let mut found =
                    findings::compare_groups(groups.iter().map(|(k, v)| (k, &v[..])), &figs);
                findings::sort_findings(&mut found);
                acknowledge(&mut found, &articles, &config);
                (groups.into_iter().map(|(k, v)| (k, Arc::new(v))).collect(), found)
            }
        };
        let mut snapshot = Snapshot {
            articles,
            linked: Arc::default(),
            cards: Arc::default(),
            findings,
            config,
            by_name: Arc::new(by_name),
            quantities: Arc::new(quantities),
            is_linked: false,
            notes: Arc::default(),
        };
        if let Some(p) = prev {
            snapshot.keep_links_of(p);
        }
        snapshot
    }

    /// Takes the links and actor cards of `linked` (a linked snapshot of the same article names
    /// and configuration) when no article that differs between the two differs in what linking
    /// reads. True when `self` is linked afterwards. O(changed articles' actors) plus one pointer
    /// comparison per article.
    pub fn keep_links_of(&mut self, linked: &Snapshot) -> bool {
        if self.is_linked {
            return true;
        }
        let comparable = linked.is_linked
            && (Arc::ptr_eq(&linked.config, &self.config)
                || linked.config.same_analysis(&self.config))
            && linked.articles.len() == self.articles.len();
        let same = comparable
            && linked.articles.iter().zip(&self.articles).all(|(old, new)| {
                Arc::ptr_eq(old, new)
                    || (old.article.name == new.article.name
                        && old.article.meta.label == new.article.meta.label
                        && old.actors.same_for_linking(&new.actors))
            });
        if same {
            self.linked = linked.linked.clone();
            self.cards = linked.cards.clone();
            self.is_linked = true;
            self.notes = Arc::default();
        }
        same
    }

    /// The key groups and findings after `changed` articles were replaced: the groups of the keys
    /// those articles had or have are rebuilt and compared; every other finding is kept.
    fn compare_after(
        prev: &Snapshot,
        articles: &[Arc<ArticleAnalysis>],
        changed: &[usize],
        config: &Config,
    ) -> (HashMap<QuantityKey, Arc<Vec<FigureRef>>>, Vec<Finding>) {
        let mut quantities = (*prev.quantities).clone();
        if changed.is_empty() {
            return (quantities, prev.findings.clone());
        }
        let is_changed: HashSet<usize> = changed.iter().copied().collect();
        let mut touched: Vec<QuantityKey> = Vec::new();
        for &c in changed {
            for a in [&prev.articles[c], &articles[c]] {
                touched.extend(findings::comparable_keys(&a.figures).map(|(_, k)| k));
            }
        }
        touched.sort();
        touched.dedup();
        for key in &touched {
            let mut refs: Vec<FigureRef> = quantities
                .get(key)
                .map(|v| v.iter().copied().filter(|r| !is_changed.contains(&r.article)).collect())
                .unwrap_or_default();
            for &c in changed {
                refs.extend(
                    findings::comparable_keys(&articles[c].figures)
                        .filter(|(_, k)| k == key)
                        .map(|(f, _)| FigureRef { article: c, figure: f }),
                );
            }
            refs.sort();
            if refs.is_empty() {
                quantities.remove(key);
            } else {
                quantities.insert(key.clone(), Arc::new(refs));
            }
        }
        let figs = article_figures(articles);
        let mut fresh = findings::compare_groups(
            touched.iter().filter_map(|k| quantities.get(k).map(|v| (k, &v[..]))),
            &figs,
        );
        findings::sort_findings(&mut fresh);
        acknowledge(&mut fresh, articles, config);
        // a finding names its key as written, and no two keys are written alike
        let touched: HashSet<String> = touched.iter().map(QuantityKey::to_string).collect();
        // merge the kept findings (already in order) with the fresh ones
        let mut out = Vec::with_capacity(prev.findings.len() + fresh.len());
        let mut fresh = fresh.into_iter().peekable();
        for kept in prev.findings.iter().filter(|f| !touched.contains(f.quantity.as_str())) {
            while let Some(f) =
                fresh.next_if(|f| (f.at, f.code.as_str()) < (kept.at, kept.code.as_str()))
            {
                out.push(f);
            }
            out.push(kept.clone());
        }
        out.extend(fresh);
        (quantities, out)
    }

    /// Links the actors of all articles (a no-op when done already).
    pub fn with_links(mut self) -> Snapshot {
        if !self.is_linked {
            let labels: Vec<&str> =
                self.articles.iter().map(|a| a.article.meta.label.as_str()).collect();
            let detected: Vec<&actors::ArticleActors> =
                self.articles.iter().map(|a| &a.actors).collect();
            let linked = actors::link(&detected, &labels, &self.config);
            self.cards = Arc::new(CardCache::for_actors(linked.actors.len()));
            self.linked = Arc::new(linked);
            self.is_linked = true;
            self.notes = Arc::default();
        }
        self
    }

    /// Whether the actors are linked (built by [`with_links`](Self::with_links), or kept from the
    /// previous snapshot by [`unlinked`](Self::unlinked)).
    pub fn is_linked(&self) -> bool {
        self.is_linked
    }

    /// The card of `actor`, built once per linking and shared by the snapshots that keep it.
    pub fn actor_card(&self, actor: ActorId) -> Option<Arc<ActorCard>> {
        let slot = self.cards.0.get(actor)?;
        slot.get_or_init(|| super::query::build_actor_card(self, actor).map(Arc::new)).clone()
    }

    /// Builds every actor card not built yet, on all cores: after linking, so that no hover
    /// pays for a card (an actor named in every article of a large story costs tens of ms).
    pub fn warm_cards(&self) {
        // Actors come most-mentioned first, and the first cards cost the most: every thread takes
        // the next actor in that order, so the expensive cards are done first, side by side (a
        // parallel iterator would leave them all to the thread that starts at the front).
        let next = std::sync::atomic::AtomicUsize::new(0);
        rayon::broadcast(|_| loop {
            let a = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            if a >= self.cards.0.len() {
                break;
            }
            self.actor_card(a);
        });
    }

    /// Where each note of crosswire.json applies, and which are stale (`notes::compute`), once
    /// per snapshot: hovers, inlay hints and diagnostics all read it.
    pub fn notes(&self) -> Arc<Vec<crate::analysis::notes::NoteUse>> {
        self.notes.get_or_init(|| Arc::new(crate::analysis::notes::compute(self))).clone()
    }

    /// Every quantity key with its comparable figures (in no particular order of keys).
    pub fn quantity_groups(&self) -> impl Iterator<Item = (&QuantityKey, &[FigureRef])> {
        self.quantities.iter().map(|(k, v)| (k, v.as_slice()))
    }

    /// The comparable figures with quantity key `key`, in (article, figure) order.
    pub fn quantity(&self, key: &QuantityKey) -> Option<&[FigureRef]> {
        self.quantities.get(key).map(|v| v.as_slice())
    }

    /// Every quantity key with comparable figures, in no particular order.
    pub fn quantity_keys(&self) -> impl Iterator<Item = &QuantityKey> {
        self.quantities.keys()
    }

    /// The comparable figures of the quantity whose key is written `written` (as
    /// `crosswire.json` and the reports write a key: `QuantityKey`'s `Display`). A scan of the
    /// keys: it serves the few notes and exports that name a quantity, once per snapshot.
    pub fn quantity_written(&self, written: &str) -> Option<&[FigureRef]> {
        self.quantities.iter().find(|(k, _)| k.to_string() == written).map(|(_, v)| v.as_slice())
    }

    pub fn article_index(&self, name: &str) -> Option<usize> {
        self.by_name.get(name).copied()
    }

    pub fn article(&self, index: usize) -> &ArticleAnalysis {
        &self.articles[index]
    }

    /// The mention or figure covering byte `offset` of article `article` (end inclusive, so a
    /// cursor just after a word still finds it).
    pub fn target_at(&self, article: usize, offset: usize) -> Option<Target> {
        let a = self.articles.get(article)?;
        let mention = a.actors.mentions.partition_point(|m| m.span.end < offset);
        if let Some(m) = a.actors.mentions.get(mention).filter(|m| m.span.start <= offset) {
            let actor = self.linked.actor_of(actors::EntityRef { article, entity: m.entity })?;
            return Some(Target::Mention { mention, actor });
        }
        let figure = a.figures.partition_point(|f| f.span.end < offset);
        a.figures.get(figure).filter(|f| f.span.start <= offset).map(|_| Target::Figure { figure })
    }

    /// Findings whose primary location is in article `article`.
    pub fn findings_in(&self, article: usize) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(move |f| f.at.article == article)
    }
}

fn acknowledge(found: &mut [Finding], articles: &[Arc<ArticleAnalysis>], config: &Config) {
    let text_of = |r: FigureRef| articles[r.article].figures[r.figure].text.clone();
    findings::acknowledge(found, &config.acknowledged, &text_of);
}
