use super::ArticleAnalysis;
use crate::actors::{self, ActorId, Linked};
use crate::config::Config;
use crate::findings::{self, ArticleFigures, Finding};
use std::collections::HashMap;
use std::sync::Arc;

/// An immutable view of the whole corpus: articles in name order, linked actors, findings.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub articles: Vec<Arc<ArticleAnalysis>>,
    pub linked: Linked,
    pub findings: Vec<Finding>,
    pub config: Arc<Config>,
    by_name: HashMap<String, usize>,
}

/// What stands at an offset of an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Mention `mention` of the article, belonging to corpus actor `actor`.
    Mention { mention: usize, actor: ActorId },
    /// Figure `figure` of the article.
    Figure { figure: usize },
}

impl Snapshot {
    /// Links actors and compares figures over `articles` (which must be in name order).
    pub fn build(articles: Vec<Arc<ArticleAnalysis>>, config: Arc<Config>) -> Snapshot {
        let labels: Vec<&str> = articles.iter().map(|a| a.article.meta.label.as_str()).collect();
        let detected: Vec<&actors::ArticleActors> = articles.iter().map(|a| &a.actors).collect();
        let linked = actors::link(&detected, &labels, &config);
        let figs: Vec<ArticleFigures<'_>> = articles
            .iter()
            .map(|a| ArticleFigures { outlet: a.article.outlet(), label: &a.article.meta.label, date: a.article.meta.date, figures: &a.figures })
            .collect();
        let mut findings = findings::compare(&figs);
        let text_of = |r: findings::FigureRef| articles[r.article].figures[r.figure].text.clone();
        findings::acknowledge(&mut findings, &config.acknowledged, &text_of);
        let by_name = articles.iter().enumerate().map(|(i, a)| (a.article.name.clone(), i)).collect();
        Snapshot { articles, linked, findings, config, by_name }
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
