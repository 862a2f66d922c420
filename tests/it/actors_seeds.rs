//! Actors on the five seed articles: every person found with kind person and linked across the
//! outlets where they appear; organisations and states linked through their spellings; places,
//! weekdays and sentence-initial words never taken for actors.

use crosswire::actors::{self, ActorKind, ArticleActors, EntityRef, Linked};
use crosswire::config::Config;
use std::collections::BTreeSet;

const SEEDS: [&str; 5] = [
    "000_cbc8b55da2948ed3.txt",
    "001_72b7bbedfb28fc0c.txt",
    "002_142ef9cbeb2672f9.txt",
    "003_5e706535b31a780a.txt",
    "004_6cd4a45ba0995dfa.txt",
];

struct Corpus {
    texts: Vec<String>,
    detected: Vec<ArticleActors>,
    linked: Linked,
}

fn corpus() -> Corpus {
    corpus_with(&Config::default())
}

fn corpus_with(config: &Config) -> Corpus {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/seeds");
    let texts: Vec<String> =
        SEEDS.iter().map(|f| std::fs::read_to_string(dir.join(f)).unwrap()).collect();
    let detected: Vec<ArticleActors> = texts.iter().map(|t| actors::detect(t, &[])).collect();
    let refs: Vec<&ArticleActors> = detected.iter().collect();
    let linked = actors::link(&refs, &["000", "001", "002", "003", "004"], config);
    Corpus { texts, detected, linked }
}

impl Corpus {
    /// The actor that the mention written `text` in article `article` belongs to.
    fn actor_at(&self, article: usize, text: &str) -> Option<usize> {
        let a = &self.detected[article];
        let m = a.mentions.iter().find(|m| a.text_of(m) == text)?;
        self.linked.actor_of(EntityRef { article, entity: m.entity })
    }

    fn articles_of(&self, actor: usize) -> BTreeSet<usize> {
        self.linked.actors[actor].members.iter().map(|r| r.article).collect()
    }

    fn mention_texts(&self, article: usize) -> Vec<&str> {
        let a = &self.detected[article];
        a.mentions.iter().map(|m| a.text_of(m)).collect()
    }

    fn kind_of(&self, actor: usize) -> ActorKind {
        self.linked.actors[actor].kind
    }
}

fn person_in(c: &Corpus, name: &str, articles: &[usize]) -> usize {
    let first = articles[0];
    let id = c
        .actor_at(first, name)
        .unwrap_or_else(|| panic!("{name} not found in {first:03}: {:?}", c.mention_texts(first)));
    assert_eq!(c.kind_of(id), ActorKind::Person, "{name}");
    let got = c.articles_of(id);
    for a in articles {
        assert!(got.contains(a), "{name} not linked in {a:03}; actor {:?}", c.linked.actors[id]);
    }
    id
}

#[test]
fn recurring_people_are_linked_across_outlets() {
    let c = corpus();
    person_in(&c, "John Kerry", &[0, 1, 2, 3, 4]);
    let lavrov = person_in(&c, "Sergey Lavrov", &[0, 2, 3, 4]);
    assert_eq!(c.actor_at(2, "Sergei Lavrov"), Some(lavrov));
    assert_eq!(c.actor_at(4, "Mr Lavrov"), Some(lavrov));
    let assad = person_in(&c, "Bashar Assad", &[0, 1, 2, 3, 4]);
    assert_eq!(c.actor_at(0, "Assad"), Some(assad));
    person_in(&c, "Vitaly Churkin", &[0, 4]);
    assert_eq!(c.actor_at(4, "Churkin"), c.actor_at(0, "Vitaly Churkin"));
    person_in(&c, "Staffan de Mistura", &[2, 3, 4]);
    person_in(&c, "Vladimir Putin", &[0, 4]);
    // "the Obama administration" (004) is Obama's: his surname, linked to the full name in 000
    person_in(&c, "Barack Obama", &[0, 4]);
}

#[test]
fn every_named_person_has_kind_person() {
    let c = corpus();
    let people = [
        (0, "Narendra Modi"),
        (1, "Federica Mogherini"),
        (1, "Dmitry Peskov"),
        (2, "Mark Toner"),
        (2, "Gennady Gatilov"),
        (4, "Mohammad Javad Zarif"),
        (4, "Christiane Amanpour"),
        (4, "Abdal Ahad Stefo"),
        (3, "Rami Abdel Rahman"),
        (3, "Abu Omar Sarakeb"),
        (3, "Omar al-Beik"),
        (1, "Bashar Ja’afari"),
    ];
    for (article, name) in people {
        person_in(&c, name, &[article]);
    }
}

#[test]
fn people_sharing_a_given_name_stay_apart() {
    let c = corpus();
    let assad = c.actor_at(1, "Bashar al-Assad").unwrap();
    let jaafari = c.actor_at(1, "Bashar Ja’afari").unwrap();
    assert_ne!(assad, jaafari);
    // the shopper's neighbour Abu Omar is not the commander Abu Omar Sarakeb, nor Omar al-Beik
    let abu_omar = c.actor_at(3, "Abu Omar").unwrap();
    assert_ne!(Some(abu_omar), c.actor_at(3, "Abu Omar Sarakeb"));
    assert_ne!(Some(abu_omar), c.actor_at(3, "Omar al-Beik"));
}

#[test]
fn organisations_and_states_are_linked_through_their_spellings() {
    let c = corpus();
    let us = c.actor_at(0, "US").unwrap();
    assert_eq!(c.kind_of(us), ActorKind::State);
    for (a, s) in [(1, "United States"), (2, "U.S."), (4, "USA")] {
        assert_eq!(c.actor_at(a, s), Some(us), "{s}");
    }
    let un = c.actor_at(0, "UN").unwrap();
    for (a, s) in [(2, "U.N."), (2, "United Nations"), (4, "United Nations")] {
        assert_eq!(c.actor_at(a, s), Some(un), "{s}");
    }
    let eu = c.actor_at(1, "EU").unwrap();
    assert_eq!(c.actor_at(1, "European Union"), Some(eu));
    let is = c.actor_at(0, "Islamic State").unwrap();
    assert_eq!(c.actor_at(4, "ISIS"), Some(is));
    let issg = c.actor_at(4, "ISSG").unwrap();
    assert_eq!(c.actor_at(4, "International Syria Support Group"), Some(issg));
    let jfs = c.actor_at(2, "Jabhat Fateh al-Sham").unwrap();
    for (a, s) in [(3, "Al-Nusra Front"), (3, "Fateh al-Sham Front"), (4, "Jabhat Fatah Al Sham")] {
        assert_eq!(c.actor_at(a, s), Some(jfs), "{s}");
    }
    let russia = c.actor_at(0, "Russia").unwrap();
    assert_eq!(c.actor_at(4, "Russian Federation"), Some(russia));
    assert_eq!(c.kind_of(russia), ActorKind::State);
}

#[test]
fn places_weekdays_and_sentence_openers_are_not_actors() {
    let c = corpus();
    for (a, place) in [(0, "Aleppo"), (0, "Lausanne"), (4, "Idlib"), (3, "Geneva")] {
        let id = c.actor_at(a, place).unwrap_or_else(|| panic!("{place} missing"));
        assert_ne!(c.kind_of(id), ActorKind::Person, "{place}");
    }
    for (a, word) in [
        (0, "Saturday"),
        (0, "Friday"),
        (0, "But"),
        (2, "Pressure"),
        (0, "Days"),
        (2, "Many"),
        (0, "Residents"),
        (2, "Nov."),
    ] {
        assert!(!c.mention_texts(a).contains(&word), "{word} taken for an actor in {a:03}");
    }
}

#[test]
fn possessives_are_not_part_of_the_name() {
    let c = corpus();
    let texts = c.mention_texts(0);
    assert!(texts.contains(&"Bashar Assad"), "{texts:?}");
    assert!(!texts.iter().any(|t| t.ends_with("’s") || t.ends_with("'s")), "{texts:?}");
}

#[test]
fn roles_come_from_the_text_and_stay_out_of_names() {
    let c = corpus();
    let role_of = |article: usize, name: &str| -> Vec<String> {
        let a = &c.detected[article];
        let m =
            a.mentions.iter().find(|m| a.text_of(m) == name).unwrap_or_else(|| panic!("{name}"));
        a.entities[m.entity].roles.iter().map(|r| r.text.clone()).collect()
    };
    assert!(role_of(0, "Sergey Lavrov").contains(&"Russian Foreign Minister".to_string()));
    assert!(role_of(0, "Vitaly Churkin").contains(&"Russia’s UN ambassador".to_string()));
    assert!(role_of(4, "Mohammad Javad Zarif").contains(&"Iran's chief diplomat".to_string()));
    assert!(role_of(2, "Gennady Gatilov").contains(&"his deputy".to_string()));
    assert!(role_of(3, "Sergei Lavrov").contains(&"his Russian counterpart".to_string()));
    assert!(role_of(2, "Staffan de Mistura").contains(&"U.N. Syria peace envoy".to_string()));
    assert!(role_of(1, "Dmitry Peskov").contains(&"Kremlin spokesman".to_string()));
    assert!(role_of(1, "Federica Mogherini").contains(&"EU foreign affairs chief".to_string()));
    assert!(role_of(1, "Bashar Ja’afari").contains(&"Syria’s UN Ambassador".to_string()));
    assert!(role_of(0, "Bashar Assad").contains(&"Syrian President".to_string()));
}

#[test]
fn quotes_are_attributed_to_their_speakers() {
    let c = corpus();
    let quotes_of = |article: usize, name: &str| -> Vec<String> {
        let a = &c.detected[article];
        let m =
            a.mentions.iter().find(|m| a.text_of(m) == name).unwrap_or_else(|| panic!("{name}"));
        a.entities[m.entity].quotes.iter().map(|q| q.text.clone()).collect()
    };
    assert!(
        quotes_of(4, "Mr Lavrov")
            .iter()
            .any(|q| q.starts_with("I don't have any particular expectations")),
        "{:?}",
        quotes_of(4, "Mr Lavrov")
    );
    let kerry = quotes_of(1, "John Kerry");
    assert!(kerry.iter().any(|q| q.starts_with("We are on the verge")), "{kerry:?}");
    assert!(
        kerry.iter().any(|q| q.starts_with("It is one of those moments")),
        "he added: {kerry:?}"
    );
    assert!(quotes_of(0, "Narendra Modi").iter().any(|q| q.starts_with("India recognised")));
    assert!(quotes_of(2, "Gennady Gatilov").iter().any(|q| q.starts_with("And it's about time")));
    assert!(!quotes_of(3, "Omar al-Beik").is_empty());
}

#[test]
fn mentions_are_in_text_order_without_overlap() {
    let c = corpus();
    for (a, d) in c.detected.iter().enumerate() {
        for w in d.mentions.windows(2) {
            assert!(w[0].span.end <= w[1].span.start, "{a:03}: {:?} / {:?}", w[0], w[1]);
        }
        for m in &d.mentions {
            assert_eq!(&c.texts[a][m.span.clone()], d.text_of(m));
        }
    }
}

#[test]
fn links_carry_reasons() {
    let c = corpus();
    let lavrov = &c.linked.actors[c.actor_at(2, "Sergei Lavrov").unwrap()];
    assert!(lavrov.reasons.iter().any(|r| r.contains("Sergey/Sergei")), "{:?}", lavrov.reasons);
    let churkin = &c.linked.actors[c.actor_at(4, "Churkin").unwrap()];
    assert!(
        churkin.reasons.iter().any(|r| r.contains("surname of Vitaly Churkin")),
        "{:?}",
        churkin.reasons
    );
    let obama = &c.linked.actors[c.actor_at(4, "Obama").unwrap()];
    assert!(
        obama.reasons.iter().any(|r| r.contains("same surname") && r.contains("000")),
        "{:?}",
        obama.reasons
    );
    assert!(
        lavrov.aliases.contains(&"Sergey Lavrov".to_string())
            && lavrov.aliases.contains(&"Sergei Lavrov".to_string())
    );
}

#[test]
fn config_same_different_and_labels_are_honoured() {
    let config = Config::parse(
        r#"{"same": [["Vitaly Churkin", "Gennady Gatilov"]], "different": [["Sergey Lavrov", "Sergei Lavrov"]], "labels": {"John Kerry": "Secretary Kerry"}}"#,
        "crosswire.json",
    )
    .unwrap();
    let c = corpus_with(&config);
    assert_eq!(c.actor_at(0, "Vitaly Churkin"), c.actor_at(2, "Gennady Gatilov"));
    assert_ne!(c.actor_at(0, "Sergey Lavrov"), c.actor_at(2, "Sergei Lavrov"));
    let kerry = c.actor_at(0, "John Kerry").unwrap();
    assert_eq!(c.linked.actors[kerry].name, "Secretary Kerry");
}

#[test]
fn output_does_not_depend_on_article_order() {
    let c = corpus();
    let reversed: Vec<&ArticleActors> = c.detected.iter().rev().collect();
    let linked = actors::link(&reversed, &["004", "003", "002", "001", "000"], &Config::default());
    let names = |l: &Linked| -> BTreeSet<(String, usize)> {
        l.actors.iter().map(|a| (a.name.clone(), a.members.len())).collect()
    };
    assert_eq!(names(&c.linked), names(&linked));
}

#[test]
fn places_named_by_their_context_are_places() {
    let c = corpus();
    for (a, place) in [
        (4, "Bustan al-Basha"),
        (1, "Hama"),
        (1, "Handarat"),
        (2, "Castello Road"),
        (0, "Beau-Rivage Palace"),
        (3, "Lake Geneva"),
    ] {
        let id = c
            .actor_at(a, place)
            .unwrap_or_else(|| panic!("{place} missing: {:?}", c.mention_texts(a)));
        assert_eq!(c.kind_of(id), ActorKind::Place, "{place}");
    }
}
