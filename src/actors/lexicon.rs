//! Curated word lists: known states, organisations, groups and places (with their spellings and
//! demonyms), title words, honorifics and the capitalised words that are never actors. All data
//! lives here so that the rules elsewhere stay generic.

use super::model::ActorKind;
use crate::text::fold;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::borrow::Cow;
use std::sync::LazyLock;

/// A known actor: its canonical display name and kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Known {
    pub canon: &'static str,
    pub kind: ActorKind,
}

use ActorKind::{Group as G, Organization as O, Place as P, State as S};

/// (canonical name, kind, other spellings separated by `|`). Demonyms count as the state: "Russian
/// officials" speak for Russia.
const KNOWN: &[(&str, ActorKind, &str)] = &[
    ("United States", S, "US|U.S.|USA|U.S.A.|America|American|Americans|United States of America"),
    ("Russia", S, "Russian|Russians|Russian Federation"),
    ("Syria", S, "Syrian|Syrians|Syrian Arab Republic"),
    ("Iran", S, "Iranian|Iranians"),
    ("Iraq", S, "Iraqi|Iraqis"),
    ("Turkey", S, "Turkish|Turks"),
    ("Saudi Arabia", S, "Saudi|Saudis"),
    ("Qatar", S, "Qatari|Qataris"),
    ("Egypt", S, "Egyptian|Egyptians"),
    ("Jordan", S, "Jordanian|Jordanians"),
    ("Lebanon", S, "Lebanese"),
    ("Israel", S, "Israeli|Israelis"),
    ("Palestine", S, "Palestinian|Palestinians"),
    ("India", S, "Indian|Indians"),
    ("Pakistan", S, "Pakistani|Pakistanis"),
    ("Afghanistan", S, "Afghan|Afghans"),
    ("China", S, "Chinese|People's Republic of China"),
    ("Japan", S, "Japanese"),
    ("North Korea", S, "North Korean|North Koreans|DPRK"),
    ("South Korea", S, "South Korean|South Koreans"),
    ("United Kingdom", S, "UK|U.K.|Britain|British|Great Britain"),
    ("France", S, "French"),
    ("Germany", S, "German|Germans"),
    ("Italy", S, "Italian|Italians"),
    ("Spain", S, "Spanish"),
    ("Switzerland", S, "Swiss"),
    ("Ukraine", S, "Ukrainian|Ukrainians"),
    ("Poland", S, "Polish"),
    ("Greece", S, "Greek|Greeks"),
    ("Netherlands", S, "Dutch"),
    ("Belgium", S, "Belgian"),
    ("Canada", S, "Canadian|Canadians"),
    ("Mexico", S, "Mexican|Mexicans"),
    ("Brazil", S, "Brazilian|Brazilians"),
    ("Australia", S, "Australian|Australians"),
    ("Indonesia", S, "Indonesian|Indonesians"),
    ("Philippines", S, "Filipino|Filipinos|Philippine"),
    ("Libya", S, "Libyan|Libyans"),
    ("Yemen", S, "Yemeni|Yemenis"),
    ("Cuba", S, "Cuban|Cubans"),
    ("Venezuela", S, "Venezuelan"),
    ("Nigeria", S, "Nigerian|Nigerians"),
    ("Kenya", S, "Kenyan|Kenyans"),
    ("Somalia", S, "Somali|Somalis"),
    ("Sudan", S, "Sudanese"),
    ("Ethiopia", S, "Ethiopian"),
    ("South Africa", S, "South African"),
    ("Kuwait", S, "Kuwaiti"),
    ("Bahrain", S, "Bahraini"),
    ("United Arab Emirates", S, "UAE|U.A.E.|Emirati"),
    ("Oman", S, "Omani"),
    ("Sweden", S, "Swedish"),
    ("Norway", S, "Norwegian"),
    ("Denmark", S, "Danish"),
    ("Austria", S, "Austrian"),
    ("Ireland", S, "Irish"),
    ("Portugal", S, "Portuguese"),
    ("Vietnam", S, "Vietnamese"),
    ("Thailand", S, "Thai"),
    ("Malaysia", S, "Malaysian"),
    ("Bangladesh", S, "Bangladeshi"),
    ("Sri Lanka", S, "Sri Lankan"),
    ("Nepal", S, "Nepalese"),
    ("Taiwan", S, "Taiwanese"),
    ("New Zealand", S, ""),
    ("Argentina", S, "Argentine|Argentinian"),
    ("Chile", S, "Chilean"),
    ("Colombia", S, "Colombian"),
    ("Peru", S, "Peruvian"),
    ("Haiti", S, "Haitian"),
    ("Algeria", S, "Algerian"),
    ("Morocco", S, "Moroccan"),
    ("Tunisia", S, "Tunisian"),
    ("Azerbaijan", S, ""),
    ("Armenia", S, "Armenian"),
    ("Georgia", S, ""),
    ("Belarus", S, "Belarusian"),
    ("Kazakhstan", S, ""),
    ("United Nations", O, "UN|U.N.|United Nation|U.N"),
    ("European Union", O, "EU|E.U."),
    ("NATO", O, "Nato|North Atlantic Treaty Organization"),
    ("Kremlin", O, ""),
    ("White House", O, ""),
    ("Pentagon", O, ""),
    ("State Department", O, "US State Department|U.S. State Department|Department of State"),
    ("Agence France-Presse", O, "AFP"),
    ("Reuters", O, ""),
    ("Associated Press", O, "AP"),
    ("CNN", O, ""),
    ("BBC", O, ""),
    ("Interfax", O, ""),
    ("Al Jazeera", O, "Al-Jazeera"),
    ("Syrian Observatory for Human Rights", O, ""),
    ("Red Cross", O, "ICRC|International Committee of the Red Cross"),
    ("Human Rights Watch", O, "HRW"),
    ("Amnesty International", O, ""),
    ("World Health Organization", O, "WHO"),
    ("International Monetary Fund", O, "IMF"),
    ("World Bank", O, ""),
    ("FBI", O, "Federal Bureau of Investigation"),
    ("CIA", O, "Central Intelligence Agency"),
    ("Congress", O, ""),
    ("Senate", O, ""),
    ("Islamic State", G, "ISIS|ISIL|IS|Daesh|Islamic State of Iraq and Syria|Islamic State of Iraq and the Levant|Islamic State group"),
    ("al-Qaeda", G, "al-Qaida|Al Qaeda|Al-Qaeda|Al Qaida|al Qaeda"),
    ("Jabhat Fateh al-Sham", G, "Fateh al-Sham Front|Jabhat Fatah al-Sham|Fatah al-Sham|Fateh al-Sham|JFS|Al-Nusra Front|Nusra Front|al-Nusra|Nusra|Jabhat al-Nusra"),
    ("Hezbollah", G, "Hizbollah|Hizballah"),
    ("Hamas", G, ""),
    ("Taliban", G, ""),
    ("Free Syrian Army", G, "FSA"),
    ("White Helmets", G, "Syria Civil Defence"),
    ("Army of Conquest", G, "Jaish al-Fatah"),
    ("National Coalition", O, "Syrian National Coalition"),
    ("Boko Haram", G, ""),
    ("al-Shabaab", G, "Al-Shabab|al-Shabab"),
    ("Muslim Brotherhood", G, ""),
    ("Aleppo", P, ""),
    ("Idlib", P, ""),
    ("Hama", P, ""),
    ("Homs", P, ""),
    ("Raqqa", P, ""),
    ("Palmyra", P, ""),
    ("Geneva", P, ""),
    ("Lausanne", P, ""),
    ("Istanbul", P, ""),
    ("Goa", P, ""),
    ("Europe", P, ""),
    ("Asia", P, ""),
    ("Africa", P, ""),
    ("Middle East", P, ""),
    ("New York", P, ""),
    ("Los Angeles", P, ""),
    ("California", P, ""),
    ("Texas", P, ""),
    ("Florida", P, ""),
];

/// Capitals that news uses for their governments ("Washington wants Moscow to help"). In a
/// locative context ("in Washington") they are places; elsewhere they stand for the state.
const CAPITALS: &[(&str, &str)] = &[
    ("Washington", "United States"),
    ("Moscow", "Russia"),
    ("Damascus", "Syria"),
    ("Tehran", "Iran"),
    ("Ankara", "Turkey"),
    ("Riyadh", "Saudi Arabia"),
    ("Beijing", "China"),
    ("Pyongyang", "North Korea"),
    ("Kiev", "Ukraine"),
    ("Kyiv", "Ukraine"),
    ("Baghdad", "Iraq"),
    ("Doha", "Qatar"),
    ("Cairo", "Egypt"),
    ("Amman", "Jordan"),
    ("Beirut", "Lebanon"),
    ("Kabul", "Afghanistan"),
    ("Islamabad", "Pakistan"),
    ("New Delhi", "India"),
    ("Tokyo", "Japan"),
    ("Seoul", "South Korea"),
    ("London", "United Kingdom"),
    ("Paris", "France"),
    ("Berlin", "Germany"),
    ("Brussels", "European Union"),
];

static KNOWN_BY_KEY: LazyLock<HashMap<String, Known>> = LazyLock::new(|| {
    let mut map = HashMap::default();
    for &(canon, kind, others) in KNOWN {
        let known = Known { canon, kind };
        for form in std::iter::once(canon).chain(others.split('|').filter(|s| !s.is_empty())) {
            map.insert(fold(form), known);
        }
    }
    map
});

static CAPITAL_BY_KEY: LazyLock<HashMap<String, &'static str>> =
    LazyLock::new(|| CAPITALS.iter().map(|&(city, state)| (fold(city), state)).collect());

/// The known actor spelled `text` (any case of a word; short acronyms only in capitals, so
/// that "us" or "Is" never read as the United States or Islamic State).
pub fn known(text: &str) -> Option<Known> {
    let key = fold(text);
    let found = *KNOWN_BY_KEY.get(&key)?;
    let (mut letters, mut all_upper) = (0, true);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        all_upper &= c.is_uppercase();
    }
    if letters <= 4 && all_upper {
        return Some(found);
    }
    if letters <= 4 && key.len() <= 4 && is_acronym_form(found, &key) {
        return None;
    }
    Some(found)
}

/// Folded keys of the all-capitals spellings ("us", "un", "is"): written in lower case they are
/// other words.
static ACRONYM_KEYS: LazyLock<HashSet<String>> = LazyLock::new(|| {
    KNOWN
        .iter()
        .flat_map(|(c, _, others)| std::iter::once(*c).chain(others.split('|')))
        .filter(|f| {
            !f.is_empty() && f.chars().filter(|c| c.is_alphabetic()).all(|c| c.is_uppercase())
        })
        .map(fold)
        .collect()
});

fn is_acronym_form(_k: Known, key: &str) -> bool {
    ACRONYM_KEYS.contains(key)
}

/// The state a capital city stands for, when used as a metonym.
pub fn capital_state(text: &str) -> Option<Known> {
    let state = *CAPITAL_BY_KEY.get(&fold(text))?;
    KNOWN_BY_KEY.get(&fold(state)).copied()
}

/// Every spelling listed for a canonical name (for the reason strings and tests).
pub fn known_spellings(canon: &str) -> Vec<&'static str> {
    KNOWN
        .iter()
        .filter(|(c, ..)| *c == canon)
        .flat_map(|(c, _, others)| {
            std::iter::once(*c).chain(others.split('|').filter(|s| !s.is_empty()))
        })
        .collect()
}

fn set(words: &'static str) -> HashSet<&'static str> {
    words.split_whitespace().collect()
}

/// Capitalised titles that precede a name and are not part of it ("President", "Foreign Minister").
static TITLES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set("surgeon president vice prime minister secretary ambassador envoy spokesman spokeswoman spokesperson chief deputy \
         chairman chairwoman chair director commander governor senator sen sen. rep rep. representative congressman \
         congresswoman mayor judge justice king queen prince princess emperor pope bishop archbishop cardinal rabbi \
         imam ayatollah general gen gen. colonel col col. lieutenant lt lt. major maj captain capt capt. sergeant sgt \
         sgt. officer detective det det. inspector superintendent chancellor premier commissioner coach attorney \
         sheriff prosecutor agent foreign defence defense interior finance justice special senior top peace affairs \
         secretary-general undersecretary under-secretary first lady lord dame pastor reverend rev rev. father \
         sister brother saint st st. head leader actress actor singer star rapper founder ceo cfo chairman-elect \
         president-elect former acting gov gov. lt qb rb wr coroner undersheriff moviemaker filmmaker producer \
         writer author comedian host anchor quarterback forward receiver cornerback linebacker pitcher catcher \
         outfielder shortstop slugger boxer champion patrolman trooper constable magistrate councilman \
         councilwoman alderman assemblyman assemblywoman speaker commissioner superintendent sen. rep. \
         pres pres. supt supt.")
});

/// Nouns that make a phrase a role ("Kremlin spokesman", "his deputy", "Iran's chief diplomat").
static ROLE_NOUNS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set("president minister secretary ambassador envoy spokesman spokeswoman spokesperson chief deputy chairman \
         chairwoman director commander governor senator representative congressman congresswoman mayor judge king \
         queen prince pope general colonel lieutenant captain sergeant officer detective inspector chancellor premier \
         commissioner coach attorney lawyer sheriff prosecutor counterpart diplomat diplomats official negotiator head \
         leader founder ceo executive actress actor singer star rapper publicist rep agent manager owner investigator \
         correspondent reporter editor analyst expert shopper resident volunteer spokesperson secretary-general \
         undersecretary adviser advisor aide president-elect emir sheikh monarch dictator ruler boss member \
         quarterback player striker pitcher goalkeeper husband wife son daughter father mother brother sister friend")
});

/// Words that may stand inside a role before its noun ("foreign affairs", "peace", "special").
static ROLE_MODIFIERS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set("foreign affairs prime vice deputy special senior top peace security national chief general state defence \
         defense interior finance justice former acting then new regional military political opposition rebel \
         united nations syria human rights of on for the his her their its own longtime long-time veteran assistant \
         principal permanent executive press communications intelligence police army navy air force")
});

/// Nouns of kinship or relation that, after a possessive ("my wife Portia", "Obama's daughter
/// Malia"), put a person's name in apposition.
static KIN_NOUNS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set("wife husband son daughter father mother brother sister friend partner girlfriend boyfriend \
         fiancee fiancée fiance fiancé widow widower cousin uncle aunt nephew niece grandson granddaughter \
         grandfather grandmother stepson stepdaughter stepfather stepmother")
});

/// Honorifics, kept in the mention ("Mr Lavrov") but not in the name.
static HONORIFICS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| set("mr mr. mrs mrs. ms ms. miss dr dr. prof prof. sir madam mme m. messrs"));

/// Lower-case name particles ("Staffan de Mistura", "bin Salman", "al-Assad").
static PARTICLES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set("al el de da di du del della der den van von bin ibn ben le la dos das ter ul ad")
});

/// Words after which a capitalised word that follows belongs to an organisation name
/// ("Army of Conquest", "Secretary of State", "University of Oxford").
static OF_HEADS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set("secretary minister ministry department bank university army church republic council institute board \
         chamber house college school museum court federation union league association society academy center \
         centre office state states commission committee party front organization organisation bureau agency \
         fund coalition kingdom order brotherhood sisters friends people city county governor chief mayor")
});

/// Last words that make a name an organisation.
static ORG_HEADS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set("department ministry council committee agency association party union group coalition front army forces \
         force navy court commission university company corp corp. inc inc. ltd ltd. llc plc co co. bank news times \
         post journal press network observatory office institute foundation organization organisation church club \
         league federation government administration senate congress parliament assembly guard patrol police \
         service services team records studios pictures entertainment magazine hospital school college academy \
         airlines airways brigade brigades battalion corps bureau authority board center centre society \
         broadcasting television radio tv telecom communications systems technologies group holdings motors \
         industries international airlines regiment division command alliance program programme initiative \
         project trust partnership labs laboratories software institute conference cabinet tribunal \
         prosecutors agency's fc ac")
});

/// Last words that make a name a place ("Castello Road", "Beau-Rivage Palace").
static PLACE_HEADS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set("road street avenue boulevard square palace river valley bay island islands camp district province county \
         airport stadium park hotel bridge beach coast sea ocean gulf peninsula region hills heights desert canyon \
         port harbor harbour strait mountains mountain lane drive highway village town city")
});

/// First words that make a name a place ("Lake Geneva", "Mount Sinai").
static PLACE_OPENERS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| set("lake mount mt mt. port fort cape gulf north south east west"));

/// Lower-case nouns that, right after a name, make it a place ("Handarat refugee camp").
static PLACE_NOUNS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set("city town village district province region camp neighbourhood neighborhood area county suburb \
         airport border countryside governorate")
});

/// Lower-case nouns that, right after a name, make it an organisation ("Interfax news agency").
static ORG_NOUNS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set("agency newspaper magazine company firm group organisation organization party militia network channel \
         broadcaster website ministry")
});

/// Capitalised words that are never actors: weekdays, months, adjectives of creed or region,
/// units and clock words.
static DATE_WORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set("monday tuesday wednesday thursday friday saturday sunday january february march april may june july \
         august september october november december jan jan. feb feb. mar mar. apr apr. jun jun. jul jul. aug \
         aug. sep sep. sept sept. oct oct. nov nov. dec dec. gmt utc est edt pst pdt bst cet am pm a.m. p.m.")
});

/// Capitalised words that are never actors on their own: adjectives of creed or region, and
/// some other words news capitalises.
static NEVER_ACTORS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set("western eastern northern southern european asian african islamist islamists jihadist jihadists shiite shiites shia sunni \
         sunnis alawite kurdish kurds arab arabs muslim muslims christian christians jewish catholic orthodox \
         sunday's god internet web tv dna hiv ok ps id time plan christmas easter ramadan eid new year \
         english celsius fahrenheit km mph")
});

/// Head words of the names of events, laws, prizes and eras ("the World Cup", "the Hindu Marriage
/// Act", "the Teen Choice Awards", "the Revolutionary War", "the Golden Age"): such a name is no
/// actor, though its holders, makers and winners are, and a name before the head word may be one
/// ("Google Science Fair"). Read by the rules only (`detect`), not by the recogniser.
static EVENT_HEADS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set("war wars revolution battle siege massacre uprising rebellion \
         games olympics paralympics cup series festival fair expo championship championships tournament \
         marathon bowl derby regatta \
         award awards prize prizes medal trophy oscars emmys grammys \
         day month era age ages")
        .union(&LAW_HEADS)
        .copied()
        .collect()
});

/// Nouns for a work, a craft or a language, after which a name is its title ("the film Touchez
/// pas au grisbi", "the TV series Supernatural", "the cruise ship Freewinds", "his book Hegemony or
/// Survival"). Words that are also verbs ("play", "single", "game") are left out. Read by the
/// rules only (`detect`).
static WORK_NOUNS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set("film films movie movies book books novel novels memoir poem poems song songs album albums \
         series sitcom episode opera musical painting sculpture documentary video \
         ship vessel boat yacht trawler tanker freighter spacecraft satellite rover aircraft \
         software browser language dialect")
});

/// Head words of the names of laws and treaties: an acronym before one is the law's own name
/// ("the HEROES Act"), where before an event's or a prize's it is the body that holds or gives
/// it ("the FIFA World Cup", "the BAFTA Award").
static LAW_HEADS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| set("act acts amendment code treaty accords accord"));

/// Words of grammar (pronouns, determiners, conjunctions, prepositions, sentence adverbs) and
/// interjections: capitalised alone, never a name, even where the article once capitalised
/// them mid-sentence ("The Walking Dead", "9 For example") and so seems to vouch for them.
static GRAMMAR_WORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set("a an the this that these those he she it we they you his her hers its our their my your him them me \
         who whom whose what which where when why how and but or nor so yet if for in on at by of to from with \
         into onto upon after before during since until about over under through however therefore thus also \
         then there here instead meanwhile moreover furthermore although though because while whereas \
         uh um huh oh yeah yes okay alright right well hey")
});

/// Common words that open sentences; capitalised there, they are not names ("But", "Days",
/// "Pressure", "Residents").
static COMMON: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set("a an the and but or nor so yet for if when while as at by in on of to from with without into onto \
         about above after against along amid among around before behind below beneath beside besides between \
         beyond despite during except inside near off outside over past since through throughout toward towards \
         under until upon via within this that these those there here then now thus hence also still even just \
         only not no yes all any both each either every few many more most much neither none other others some \
         such several one two three four five six seven eight nine ten first second third last next i he she it \
         we they you his her its our their my your him them us me who whom whose what which where why how whether \
         although though because unless once do does did done be is are was were been being have has had having \
         will would shall should can could may might must let lets meanwhile however moreover furthermore \
         instead otherwise indeed perhaps maybe already again never always often sometimes today tomorrow \
         yesterday tonight later earlier recently days weeks months years day week month year people residents \
         officials pressure many witnesses sources reports police authorities rebels troops forces fighters \
         militants civilians government critics analysts experts supporters opponents protesters students \
         children women men families doctors activists observers diplomats leaders ministers talks efforts \
         attacks airstrikes strikes fighting violence war peace negotiations according asked speaking \
         speaking writing talking following given having being after-all overall nearly almost about around \
         roughly some despite unlike like including please thanks thank well oh yeah sure ok okay western \
         local old young former latest early late \
         recent final full major minor key big small large huge long short high low good bad best worst great \
         little another same different certain various whatever whoever wherever whenever breaking update \
         updated published photo video watch read see more related share comments comment editor note advertisement \
         sponsored click follow subscribe like share tweet email print go get make take watch see meet join help \
         keep stop say tell look find give try ask call check")
});

static SPEECH_VERBS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set("said says say told tells added adds asked asks stated states warned warns insisted insists explained \
         explains wrote writes declared declares announced announces noted notes replied replies argued argues \
         claimed claims confirmed confirms denied denies urged urges called calls accused accuses acknowledged \
         admitted admits predicted tweeted responded")
});

/// Verbs of a game's result, between its sides ("Creighton beat Wichita State 70-65").
static GAME_VERBS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set("beat beats beating defeated defeats defeating topped tops edged edges routed routs downed \
         blanked outlasted stunned upset whipped thrashed")
});

/// Words that tie the side after them to a game whatever comes between ("against Evansville",
/// "Colts vs. Texans").
static GAME_SIDE_OPENERS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| set("against vs vs. versus v v."));

/// Nouns and verbs of a game before "over", "at" or "to" ("victory over Kansas City", "loss at
/// Chicago", "lost to Boston"), or after a side's possessive ("North Carolina's game").
static GAME_NOUNS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set("victory victories win wins won loss losses lost defeat game games rout upset triumph fell \
         falls matchup match-up showdown")
});

/// Nouns for a person that headlines write in place of a name ("Texas Inmate Escapes",
/// "Brooklyn Teen Killed"), besides titles and roles.
static PERSON_NOUNS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set("man woman boy girl teen teenager mom mother dad father son daughter wife husband driver \
         suspect inmate escapee lifer prisoner convict killer gunman shooter victim worker employee \
         swimmer icon legend host nominee winner survivor hero widow veteran")
});

/// Words that say which part of a town or region is meant, between a preposition of place and
/// the name ("outside downtown San Diego", "in northern Syria", "in nearby Coronado").
static PLACE_ADJECTIVES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set("downtown uptown midtown suburban nearby central northern southern eastern western northeastern \
         northwestern southeastern southwestern north-eastern north-western south-eastern south-western \
         rural coastal greater metropolitan neighbouring neighboring")
});

/// Words before a name that make it a place ("in Geneva", "near Aleppo").
static LOCATIVES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set("in at near outside inside into across throughout around toward towards within to from")
});

/// Calls `f` with `word` in lower case: on the stack for short ASCII words (nearly every word
/// asked about; these lists are consulted for most capitalised words of every article), else
/// through `str::to_lowercase`.
fn with_lower<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    const SHORT: usize = 48;
    if word.len() <= SHORT && word.is_ascii() {
        let mut buf = [0u8; SHORT];
        let buf = &mut buf[..word.len()];
        buf.copy_from_slice(word.as_bytes());
        buf.make_ascii_lowercase();
        // ASCII stays ASCII: still UTF-8
        f(std::str::from_utf8(buf).unwrap_or_default())
    } else {
        f(&word.to_lowercase())
    }
}

/// Whether the lower-case form of `word` is in `set`.
fn in_set(set: &HashSet<&'static str>, word: &str) -> bool {
    with_lower(word, |w| set.contains(w))
}

pub fn is_title(word: &str) -> bool {
    in_set(&TITLES, word)
}
pub fn is_role_noun(word: &str) -> bool {
    in_set(&ROLE_NOUNS, word)
}
pub fn is_grammar_word(word: &str) -> bool {
    in_set(&GRAMMAR_WORDS, word)
}
pub fn is_role_modifier(word: &str) -> bool {
    in_set(&ROLE_MODIFIERS, word)
}
pub fn is_honorific(word: &str) -> bool {
    in_set(&HONORIFICS, word)
}
pub fn is_kin_noun(word: &str) -> bool {
    in_set(&KIN_NOUNS, word)
}
pub fn is_particle(word: &str) -> bool {
    with_lower(word, |w| PARTICLES.contains(w.trim_end_matches(['-', '‑'])))
}
pub fn is_of_head(word: &str) -> bool {
    in_set(&OF_HEADS, word)
}
pub fn is_org_head(word: &str) -> bool {
    in_set(&ORG_HEADS, word)
}
pub fn is_place_head(word: &str) -> bool {
    in_set(&PLACE_HEADS, word)
}
pub fn is_place_opener(word: &str) -> bool {
    in_set(&PLACE_OPENERS, word)
}
pub fn is_place_noun(word: &str) -> bool {
    in_set(&PLACE_NOUNS, word)
}
pub fn is_org_noun(word: &str) -> bool {
    in_set(&ORG_NOUNS, word)
}
pub fn is_never_actor(word: &str) -> bool {
    in_set(&NEVER_ACTORS, word)
}
pub fn is_event_head(word: &str) -> bool {
    in_set(&EVENT_HEADS, word)
}
pub fn is_work_noun(word: &str) -> bool {
    in_set(&WORK_NOUNS, word)
}
pub fn is_law_head(word: &str) -> bool {
    in_set(&LAW_HEADS, word)
}
/// "I'm", "We've", "He'd": never names.
pub fn is_contraction(word: &str) -> bool {
    with_lower(word, |w| ends_as_contraction(&straight_apostrophes(w)))
}

/// `w` with curly apostrophes made straight, as the lists write them.
fn straight_apostrophes(w: &str) -> Cow<'_, str> {
    if w.contains('’') {
        Cow::Owned(w.replace('’', "'"))
    } else {
        Cow::Borrowed(w)
    }
}

/// Whether `w` (lower case, straight apostrophes) ends as a contraction does.
fn ends_as_contraction(w: &str) -> bool {
    ["'ve", "'re", "'ll", "'m", "'d", "n't"].iter().any(|end| w.ends_with(end))
}

/// Institutions named by a common noun, actors in every story that mentions them.
pub fn is_institution(word: &str) -> bool {
    with_lower(word, |w| matches!(w, "police" | "authorities" | "prosecutors" | "investigators"))
}
/// Nouns for a state's organs, through which the state acts ("the Syrian government", "Russian
/// forces", "the Cuban embassy"): a state's adjective before them still names the state.
pub fn is_state_organ(word: &str) -> bool {
    with_lower(word, |w| {
        matches!(
            w,
            "government"
                | "governments"
                | "regime"
                | "state"
                | "army"
                | "forces"
                | "force"
                | "troops"
                | "military"
                | "navy"
                | "side"
                | "authorities"
                | "police"
                | "ministry"
                | "embassy"
                | "delegation"
                | "leadership"
                | "administration"
                | "cabinet"
                | "parliament"
        )
    })
}
pub fn is_date_word(word: &str) -> bool {
    in_set(&DATE_WORDS, word)
}
pub fn is_common(word: &str) -> bool {
    with_lower(word, |w| {
        let w = straight_apostrophes(w);
        COMMON.contains(&*w) || ends_as_contraction(&w)
    })
}
pub fn is_speech_verb(word: &str) -> bool {
    in_set(&SPEECH_VERBS, word)
}
pub fn is_game_verb(word: &str) -> bool {
    in_set(&GAME_VERBS, word)
}
pub fn is_game_side_opener(word: &str) -> bool {
    in_set(&GAME_SIDE_OPENERS, word)
}
pub fn is_game_noun(word: &str) -> bool {
    in_set(&GAME_NOUNS, word)
}
pub fn is_person_noun(word: &str) -> bool {
    in_set(&PERSON_NOUNS, word)
}
pub fn is_place_adjective(word: &str) -> bool {
    in_set(&PLACE_ADJECTIVES, word)
}
/// Prepositions (any case): the closed class that opens a phrase, so that a name after one is
/// its object, not a subject, a speaker or an apposition. One list for every rule that asks.
pub fn is_preposition(word: &str) -> bool {
    with_lower(word, |w| {
        matches!(
            w,
            "about"
                | "after"
                | "against"
                | "alongside"
                | "among"
                | "as"
                | "at"
                | "before"
                | "behind"
                | "beside"
                | "between"
                | "by"
                | "for"
                | "from"
                | "in"
                | "into"
                | "near"
                | "of"
                | "on"
                | "over"
                | "since"
                | "to"
                | "under"
                | "with"
        )
    })
}
pub fn is_locative(word: &str) -> bool {
    in_set(&LOCATIVES, word)
}
/// Name suffixes that follow the surname ("Arcade Joseph Comeaux Jr").
pub fn is_suffix(word: &str) -> bool {
    matches!(word.trim_end_matches('.'), "Jr" | "Sr" | "II" | "III" | "IV")
}

/// Transliteration variants of one given name or surname, folded ("sergey" ~ "sergei").
pub fn same_name_variant(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (sa, sb) = (skeleton(a), skeleton(b));
    if !sa.is_empty() && sa == sb && a.chars().next() == b.chars().next() {
        return true;
    }
    let shorter = a.len().min(b.len());
    shorter >= 4 && a.chars().next() == b.chars().next() && strsim::jaro_winkler(a, b) >= 0.9
}

/// Two full names (folded words, surname last) that may name one person: surnames that are one
/// name and given names that agree: variants ("Sergey"/"Sergei"), a short form ("Fred"/
/// "Frederick"), or a shared given name when one adds an initial or a middle name ("W. Mark Felt").
pub fn compatible_names<S: AsRef<str>>(a: &[S], b: &[S]) -> bool {
    let (Some((sa, ga)), Some((sb, gb))) = (a.split_last(), b.split_last()) else { return false };
    if ga.is_empty() || gb.is_empty() || !same_name_variant(sa.as_ref(), sb.as_ref()) {
        return false;
    }
    let (fa, fb) = (ga[0].as_ref(), gb[0].as_ref());
    if same_name_variant(fa, fb) {
        return true;
    }
    let (short, long) = if fa.len() <= fb.len() { (fa, fb) } else { (fb, fa) };
    if short.len() >= 3 && long.starts_with(short) {
        return true;
    }
    let common = fa.chars().zip(fb.chars()).take_while(|(x, y)| x == y).count();
    if common >= 4 {
        return true;
    }
    ga.iter().map(AsRef::as_ref).filter(|w| w.len() > 1).any(|w| gb.iter().any(|v| v.as_ref() == w))
}

/// Consonant skeleton of a folded word with transliteration-prone letters merged: vowels and
/// y/w/h dropped, doubled letters collapsed, so "sergey"/"sergei" and "fateh"/"fatah" agree.
pub fn skeleton(word: &str) -> String {
    let mut out = String::new();
    for c in word.chars() {
        let c = match c {
            'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'w' | 'h' | '\'' | '-' | ' ' => continue,
            'k' | 'q' => 'c',
            'z' => 's',
            c => c,
        };
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

/// Common given names (English and some of the names frequent in world news), used only as a
/// hint that a capitalised run is a person rather than a team or a company.
static GIVEN_NAMES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set("aaron adam adrian alan albert alex alexander alexandra alfred alice alicia allen amanda amy andrea andrew \
         angela ann anna anne anthony antonio arthur ashley barbara barry ben benjamin betty bill billy bob bobby \
         brad bradley brandon brenda brian bruce bryan carl carlos carol caroline catherine charles charlie chris \
         christian christina christine christopher cindy claire clara colin craig dan daniel danny david dean \
         deborah dennis derek diana diane donald donna doug douglas dylan ed eddie edward elizabeth ellen emily \
         emma eric erin ethan eugene evan frank fred frederick gary george gerald gina glenn gordon grace greg \
         gregory harold harry heather helen henry howard ian jack jackie jacob james jamie jane janet jason jay \
         jeff jeffrey jennifer jeremy jerry jesse jessica jim jimmy joan joe joel john johnny jon jonathan jose \
         joseph joshua joyce juan judy julia julie justin karen kate katherine kathleen kathryn katie keith kelly \
         ken kenneth kevin kim kimberly kyle larry laura lauren lawrence lee leonard linda lindsay lisa louis \
         lucy luis margaret maria marie mark martha martin mary matt matthew megan melissa michael michelle mike \
         nancy nathan neil nicholas nick nicole oliver pamela patricia patrick paul peter philip phillip rachel \
         ralph randy ray raymond rebecca richard rick rob robert roger ron ronald rose roy russell ryan sam \
         samantha samuel sandra sara sarah scott sean seth sharon shawn simon stephanie stephen steve steven \
         susan tara teresa terry thomas tim timothy todd tom tony tyler victor victoria vincent walter wayne \
         william willie zachary abdul abdel abdal abdullah ahmed ahmad ali amir bashar fatima hassan hussein \
         ibrahim khalid mahmoud mohammad mohammed muhammad mustafa omar rami salman tariq yusuf sergey sergei \
         vladimir dmitry vitaly gennady igor ivan mikhail nikolai olga boris alexei angela emmanuel francois \
         jean pierre hans klaus angela narendra rahul raj sanjay xi li wang kim shinzo recep staffan federica \
         christiane ban kofi antonio jacques nicolas giuseppe marco giovanni pedro miguel javier carlos")
});

pub fn is_given_name(word: &str) -> bool {
    in_set(&GIVEN_NAMES, word)
}
