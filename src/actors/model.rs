//! Plain data produced by actor detection and linking. Offsets are bytes into the article text.

use crate::text::Span;
use serde::Serialize;
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    Person,
    Organization,
    State,
    Place,
    Group,
}

impl ActorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::Person => "person",
            ActorKind::Organization => "organization",
            ActorKind::State => "state",
            ActorKind::Place => "place",
            ActorKind::Group => "group",
        }
    }
}

/// One occurrence of a name in an article. Its text, as written ("Ja’afari", "Mr Lavrov",
/// "U.S."), is the article's at `span` ([`ArticleActors::text_of`]): not a copy (there are
/// hundreds of thousands of mentions in a large story).
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    pub span: Span,
    /// Index of the article entity this mention belongs to (`ArticleActors::entities`).
    pub entity: usize,
    /// True for a full-name mention, the form that can introduce the actor.
    pub full: bool,
    /// Not the name but a word that stands for it: "I" in a quotation of the person, a
    /// headline's "Actress" beside her name. No spelling of the name.
    pub stand_in: bool,
}

/// A role or title the text gives an actor ("Russian Foreign Minister", "Russia’s UN ambassador").
#[derive(Debug, Clone, PartialEq)]
pub struct Role {
    pub text: String,
    pub span: Span,
}

/// Words attributed to an actor ("I don't have any particular expectations", Lavrov said).
#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    pub text: String,
    pub span: Span,
}

/// One actor as seen within one article.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    /// The fullest form of the name in this article ("Sergei Lavrov").
    pub name: String,
    pub kind: ActorKind,
    /// The kind rests on evidence the rules read in the text (a known name, a head word, a title,
    /// a given name, prepositions of place), not only on the recogniser's vote or a default:
    /// such entities weigh more when the articles' entities of one actor vote on its kind.
    pub kind_evidence: bool,
    /// A place written as a side of a game in an article that gives a score ("beat Evansville
    /// 91-73"): the place's team, an organisation. Linking lets the story's entities of one
    /// name vote on it (the same town is a team in one report and the town in another).
    pub team: bool,
    /// Most mentions follow a preposition of place ("in Evansville"): evidence of the place
    /// against its team when the story's entities of one name vote.
    pub placed: bool,
    /// Some mention is written as a town and none as a team (see
    /// `entities::written_as_town`): a team's town written so is the town, not the team.
    pub written_as_town: bool,
    /// Indices into `ArticleActors::mentions`, in text order.
    pub mentions: Vec<usize>,
    pub roles: Vec<Role>,
    pub quotes: Vec<Quote>,
    /// Normalised keys through which entities of other articles may be linked to this one
    /// (folded full name, surname, acronym, canonical form of a known alias…), sorted.
    pub keys: Vec<LinkKey>,
    /// Why mentions were joined within the article ("‘Lavrov’ is the surname of Sergei Lavrov,
    /// introduced earlier").
    pub reasons: Vec<String>,
}

impl Entity {
    /// An entity of this name and kind with no mention, role, key or evidence yet.
    pub fn new(name: String, kind: ActorKind) -> Entity {
        Entity {
            name,
            kind,
            kind_evidence: false,
            team: false,
            placed: false,
            written_as_town: false,
            mentions: Vec::new(),
            roles: Vec::new(),
            quotes: Vec::new(),
            keys: Vec::new(),
            reasons: Vec::new(),
        }
    }
}

/// A normalised form of an entity's name through which linking (`link.rs`) may join it to
/// entities of other articles. The variant says which rule may use it; the text is folded
/// (`crate::text::fold`).
// The variants are declared in the order their keys have always been sorted and visited in
// (the alphabetical order of their former text prefixes), so that the first key that joins two
// entities, and so the reason shown, stays the same.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LinkKey {
    /// A one-word name written in capitals ("NATO"): to the initials of a long name elsewhere.
    Acronym(String),
    /// A person's given name ("lindsay"), for the person named by it alone elsewhere.
    GivenName(String),
    /// The initials of a name of several words ("nypd"; "thr" for The Hollywood Reporter).
    Initials(String),
    /// The canonical name of a known actor.
    Known(String),
    /// An organisation's head word written alone stands for it ("commission").
    HeadWord(String),
    /// A whole name.
    Name(String),
    /// A person's full name: folded name words without particles and suffixes, space-separated.
    FullName(String),
    /// An organisation's name with its words made singular ("indianapolis colt").
    Singular(String),
    /// A person's surname.
    Surname(String),
    /// A team's town or school that opens its name ("indianapolis" of Indianapolis Colts).
    TeamPrefix(String),
    /// A title written alone in every mention ("president"), for the one person who carries it.
    TitleAlone(String),
    /// A title written before a person's name ("president" of President Barack Obama).
    Titled(String),
    /// A name of one word, not a person's full name.
    Word(String),
    /// A headline's noun for a person its article does not name ("driver" of "Driver
    /// Charged"): the person other reports tie that noun to, or the one the story is about.
    Described(String),
}

impl LinkKey {
    /// The key's text, whichever rule it serves.
    pub fn text(&self) -> &str {
        match self {
            LinkKey::Acronym(s)
            | LinkKey::GivenName(s)
            | LinkKey::Initials(s)
            | LinkKey::Known(s)
            | LinkKey::HeadWord(s)
            | LinkKey::Name(s)
            | LinkKey::FullName(s)
            | LinkKey::Singular(s)
            | LinkKey::Surname(s)
            | LinkKey::TeamPrefix(s)
            | LinkKey::TitleAlone(s)
            | LinkKey::Titled(s)
            | LinkKey::Word(s)
            | LinkKey::Described(s) => s,
        }
    }
}

/// Everything actor detection finds in one article.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ArticleActors {
    /// The article's text (shared with the article), which the mentions' spans are in.
    pub text: Arc<str>,
    /// In text order.
    pub mentions: Vec<Mention>,
    pub entities: Vec<Entity>,
}

/// Index of an actor in [`Linked::actors`].
pub type ActorId = usize;

/// A reference to one article entity: (article index, entity index).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EntityRef {
    pub article: usize,
    pub entity: usize,
}

/// An actor across the corpus.
#[derive(Debug, Clone, PartialEq)]
pub struct Actor {
    pub id: ActorId,
    /// Display name: the user's label if any, else the most common full form.
    pub name: String,
    pub kind: ActorKind,
    /// The article entities joined into this actor, in article order.
    pub members: Vec<EntityRef>,
    /// Every distinct spelling in use, most frequent first.
    pub aliases: Vec<String>,
    /// Why entities of different articles were joined ("Sergey/Sergei: spellings of one name").
    pub reasons: Vec<String>,
}

/// The corpus-wide result of linking.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Linked {
    pub actors: Vec<Actor>,
    /// `of_entity[article][entity]` is the actor of that entity (`None`: a headline's noun for
    /// a person whom no report names or ties to anyone).
    pub of_entity: Vec<Vec<Option<ActorId>>>,
}

impl Linked {
    pub fn actor_of(&self, r: EntityRef) -> Option<ActorId> {
        *self.of_entity.get(r.article)?.get(r.entity)?
    }
}

impl ArticleActors {
    /// The text of mention `m` as written.
    pub fn text_of(&self, m: &Mention) -> &str {
        self.text.get(m.span.clone()).unwrap_or_default()
    }

    /// The texts of the mentions of the entity named `name`, in text order (tests' reading).
    #[cfg(test)]
    pub(crate) fn mention_texts_of(&self, name: &str) -> Vec<&str> {
        let e = self.entities.iter().find(|e| e.name == name).unwrap_or_else(|| panic!("{self:?}"));
        e.mentions.iter().map(|&m| self.text_of(&self.mentions[m])).collect()
    }

    /// Adds mentions that stand in for entities' names (`(span, entity)`, in text order, none
    /// overlapping a mention): merged into the text-ordered list, the entities' lists renumbered.
    pub(super) fn add_stand_ins(&mut self, added: Vec<(Span, usize)>) {
        if added.is_empty() {
            return;
        }
        let old = std::mem::take(&mut self.mentions);
        let mut merged: Vec<Mention> = Vec::with_capacity(old.len() + added.len());
        let stand_in =
            |(span, entity): (Span, usize)| Mention { span, entity, full: false, stand_in: true };
        let mut added = added.into_iter().peekable();
        for m in old {
            while let Some(a) = added.next_if(|(s, _)| s.start < m.span.start) {
                merged.push(stand_in(a));
            }
            merged.push(m);
        }
        merged.extend(added.map(stand_in));
        for e in &mut self.entities {
            e.mentions.clear();
        }
        for (i, m) in merged.iter().enumerate() {
            self.entities[m.entity].mentions.push(i);
        }
        self.mentions = merged;
    }

    /// Gives back the spare capacity of every list: an article's results live as long as the
    /// article, and on a corpus of thousands the slack of growing vectors adds up to megabytes.
    pub fn shrink_to_fit(&mut self) {
        self.mentions.shrink_to_fit();
        self.entities.shrink_to_fit();
        for e in &mut self.entities {
            e.mentions.shrink_to_fit();
            e.roles.shrink_to_fit();
            e.quotes.shrink_to_fit();
            e.keys.shrink_to_fit();
            e.reasons.shrink_to_fit();
        }
    }

    /// Whether `self` and `other` give linking the same input: the same entities, names, kinds,
    /// keys, reasons, roles, quotes and mention texts, in the same order; only where they stand
    /// may differ. Linking (and every actor card) reads nothing else, so an edit that keeps this
    /// (a changed figure, a word typed between names) keeps the corpus's links as they are.
    pub fn same_for_linking(&self, other: &ArticleActors) -> bool {
        let mentions = self.mentions.len() == other.mentions.len()
            && self.mentions.iter().zip(&other.mentions).all(|(a, b)| {
                a.entity == b.entity
                    && a.full == b.full
                    && a.stand_in == b.stand_in
                    && self.text_of(a) == other.text_of(b)
            });
        mentions
            && self.entities.len() == other.entities.len()
            && self.entities.iter().zip(&other.entities).all(|(a, b)| {
                a.name == b.name
                    && a.kind == b.kind
                    && a.kind_evidence == b.kind_evidence
                    && a.team == b.team
                    && a.placed == b.placed
                    && a.written_as_town == b.written_as_town
                    && a.mentions == b.mentions
                    && a.keys == b.keys
                    && a.reasons == b.reasons
                    && a.roles.len() == b.roles.len()
                    && a.roles.iter().zip(&b.roles).all(|(x, y)| x.text == y.text)
                    && a.quotes.len() == b.quotes.len()
                    && a.quotes.iter().zip(&b.quotes).all(|(x, y)| x.text == y.text)
            })
    }
}
