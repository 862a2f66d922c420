//! The scale-corpus generator shared by `examples/gen-corpus.rs` (folders on disk) and the
//! criterion benches (in memory): deterministic articles recombined from the seed sentences.
#![allow(dead_code)]

use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

const OUTLETS: &[&str] = &[
    "Expatica",
    "USPA",
    "Baltic Wire",
    "Harbour Gazette",
    "Delta Times",
    "North Ledger",
    "Meridian",
    "Coastal Daily",
    "Plains Herald",
    "Riverside",
    "Summit",
    "Atlas Wire",
    "Lakeside",
    "Quarry Post",
    "Lantern",
    "Crescent",
    "Granite",
    "Beacon",
    "Cedar",
    "Tidewater",
];
const DISTRICTS: &[&str] = &[
    "Bustan al-Basha",
    "Al-Sakhur",
    "Handarat",
    "Sheikh Maqsoud",
    "Salaheddine",
    "Bab al-Nairab",
    "Karm al-Jabal",
    "Masaken Hanano",
];
const RESPELLINGS: &[(&str, &str)] = &[
    ("Sergey", "Sergei"),
    ("Fateh", "Fatah"),
    ("Bashar al-Assad", "Bashar Assad"),
    ("U.S.", "US"),
    ("Mr Lavrov", "Lavrov"),
];
const TRAPS: &[&str] = &[
    "Aid trucks waited 72 hours at the crossing, about 60 kilometers southwest of Aleppo.",
    "The agency’s office at 483 Green Lanes (Reg. No. 7442619) issued a statement on 15.10.2016, 03:01.",
    "Talks resumed at 0900 GMT — three weeks after the truce collapsed — and ran until 11:45pm.",
    "A 6-year-old boy was among those rescued, the White Helmets said on Saturday.",
    "The five-year war began in 2011; the second round of talks is due on Nov. 8.",
];

/// The prose paragraphs of the seeds (headlines and furniture left out), and their headlines.
fn seed_pool() -> (Vec<String>, Vec<String>) {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/seeds");
    let mut paragraphs = Vec::new();
    let mut titles = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("fixtures/seeds")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    files.sort();
    for path in files {
        let text = std::fs::read_to_string(&path).expect("seed text");
        let article = crosswire::corpus::Article::new(
            path.display().to_string(),
            text.clone().into(),
            &Default::default(),
        );
        if let Some(t) = &article.meta.title {
            titles.push(t.clone());
        }
        let mut offset = 0;
        for line in text.split_inclusive('\n') {
            let span = offset..offset + line.trim_end().len();
            offset += line.len();
            let words = line.split_whitespace().count();
            if words >= 12 && !article.is_excluded(&span) {
                paragraphs.push(line.trim().to_string());
            }
        }
    }
    (paragraphs, titles)
}

/// A generated corpus: (file name, text) in name order, and the planted conflicts.
pub struct Generated {
    pub articles: Vec<(String, String)>,
    pub planted: Vec<serde_json::Value>,
}

pub fn generate(articles: usize, seed: u64) -> Generated {
    generate_with(articles, seed, false)
}

/// Sentences dense in figures, as news of casualties and money is: `{}` is a number.
const FIGURE_SENTENCES: &[&str] = &[
    "At least {} people were killed and {} injured, officials said.",
    "Police arrested {} people and seized {} rifles.",
    "The government pledged ${} million in aid, and {} families were evacuated.",
    "More than {} civilians remain trapped in the city, where {} homes were destroyed.",
    "Turnout was {}%, with {} votes cast for the opposition.",
    "The fire destroyed {} buildings and left {} people homeless.",
    "About {} soldiers and {} rebels died in the fighting.",
    "Damage is estimated at ${} million, and {} schools were closed.",
];

/// [`generate`], with `dense` adding figure sentences after every paragraph (most sentences of
/// the corpus then carry figures).
pub fn generate_with(articles: usize, seed: u64, dense: bool) -> Generated {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let (pool, titles) = seed_pool();
    // each district has a true figure; every 100th article reporting it states another
    let truth: Vec<u32> = DISTRICTS.iter().map(|_| rng.random_range(20..90) * 100).collect();
    let mut planted = Vec::new();
    let mut out = Vec::with_capacity(articles);
    for i in 0..articles {
        let outlet = OUTLETS[i % OUTLETS.len()];
        let day = 1 + (i % 28);
        let mut text = format!(
            "{outlet} news\n\n{}\n\nPUBLISHED : Saturday, {day} October, 2016, 11:45pm\n\n",
            titles.choose(&mut rng).unwrap()
        );
        let n = rng.random_range(6..=18);
        for _ in 0..n {
            let mut p = pool.choose(&mut rng).unwrap().clone();
            if rng.random_bool(0.5) {
                let (a, b) = RESPELLINGS.choose(&mut rng).unwrap();
                p = p.replace(a, b);
            }
            text.push_str(&p);
            text.push_str("\n\n");
            if dense {
                for _ in 0..3 {
                    let t = rng.random_range(0..FIGURE_SENTENCES.len());
                    let mut sentence = String::new();
                    for (k, part) in FIGURE_SENTENCES[t].split("{}").enumerate() {
                        if k > 0 {
                            // outlets mostly agree: one report in twenty gives its own figure
                            let n = if rng.random_range(0..20) == 0 {
                                rng.random_range(2..5000)
                            } else {
                                (37 * (t as u32 + 1) * (k as u32 + 3)) % 4000 + 10
                            };
                            sentence.push_str(&group_thousands(n));
                        }
                        sentence.push_str(part);
                    }
                    text.push_str(&sentence);
                    text.push(' ');
                }
                text.push_str("\n\n");
            }
        }
        if rng.random_bool(0.3) {
            text.push_str(TRAPS.choose(&mut rng).unwrap());
            text.push_str("\n\n");
        }
        if i % 10 == 0 {
            // two consecutive reports of a district come from different outlets (i % 20 is 0
            // or 10), so that the planted figure is compared with another outlet's
            let d = (i / 20) % DISTRICTS.len();
            let conflicting = i % 100 == 0;
            // crosswire keys the quantity as people:displaced (districts are not places it
            // knows), so every district reports the one true figure of the first
            let families = if conflicting { truth[0] * 3 } else { truth[0] };
            text.push_str(&format!(
                "Local officials said {} people were displaced from {} this month.\n",
                group_thousands(families),
                DISTRICTS[d]
            ));
            if conflicting {
                planted.push(serde_json::json!({"file": format!("{i:05}.txt"), "figure": group_thousands(families), "district": DISTRICTS[d], "others_say": group_thousands(truth[0])}));
            }
        }
        text.push_str("\nBe the first to comment\n");
        out.push((format!("{i:05}.txt"), text));
    }
    Generated { articles: out, planted }
}

fn group_thousands(n: u32) -> String {
    if n >= 1000 {
        format!("{},{:03}", n / 1000, n % 1000)
    } else {
        n.to_string()
    }
}
