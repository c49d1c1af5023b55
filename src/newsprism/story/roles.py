"""Word lists and small text helpers for titles, roles, places and anonymous sources."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from ..ingest.furniture import has_player_controls

# Head nouns that name a position a person holds ("the US President", "China's representative").
ROLE_HEADS = frozenset("""
president minister secretary director chairman chairwoman chair chairperson spokesman spokeswoman spokesperson
representative ambassador envoy senator governor mayor official officer chief leader adviser advisor aide councilor
councillor chancellor premier king queen prince princess general commander judge justice attorney prosecutor
candidate nominee speaker lawmaker congressman congresswoman diplomat delegate head founder ceo executive economist
analyst professor researcher expert manager strategist pollster commissioner administrator counsel lieutenant
colonel sheriff deputy treasurer inspector coordinator correspondent reporter editor columnist director-general
spokesmen officials sources source aides advisers advisors attorneys lawyers lawyer campaigner activist organizer
organiser superintendent principal captain sergeant detective agent president-elect pope cardinal bishop rabbi
imam pastor mp legislator assemblyman assemblywoman councilman councilwoman alderman whip
""".split())

# Words that sit inside a title before a name ("Vice President", "foreign minister", "Director of National ...").
ROLE_MODIFIERS = frozenset("""
vice prime deputy foreign former acting state national senior chief assistant associate interim first special
defense defence finance interior justice home trade health labor labour education energy homeland intelligence
security press communications white house campaign general attorney majority minority republican democratic
democrat gop executive managing supreme district federal presidential
""".split())

# Titles that can stand right before a name and are not part of it.
HONORIFICS = frozenset("""
mr mr. mrs mrs. ms ms. dr dr. sir dame lord lady prof prof. rev rev. sen sen. rep rep. gov gov. gen gen. lt lt.
col col. sgt sgt. capt capt. hon hon. president senator governor minister secretary chancellor premier judge
justice mayor ambassador director chairman commissioner pope king queen prince princess speaker councillor
councilor councilman councilwoman alderman deputy trooper detective clerk constable corporal cpl cpl. det det.
sheriff
""".split())

# Last words that make a name a place or facility ("Saltmere Bridge") or an organisation ("Halvard Line"), not a person.
FACILITY_TAILS = frozenset("""
bridge quay road avenue boulevard tunnel airport station harbour harbor pier highway
""".split())
# Last words that make a name a craft or instrument ("Parker Solar Probe", "Hubble Space Telescope"): things, which say
# nothing.
VEHICLE_TAILS = frozenset("""
probe rover telescope spacecraft satellite orbiter lander capsule
""".split())
# Title abbreviations that end a tagged "name" when the tagger stops before the name itself ("LAPD Cmdr.").
TITLE_ABBREVIATIONS = frozenset({"cmdr", "cdr", "det", "insp", "supt", "maj", "adm", "cpl", "pvt", "lt", "sgt", "capt",
                                 "col", "gen", "gov", "sen", "rep", "dr", "mr", "mrs", "ms", "prof", "rev"})
# Prefixes that make a name a ship ("INS Mysore", "USS Cole", "MV Gibe"), written in capitals: a thing, never a "he".
VESSEL_PREFIXES = frozenset({"USS", "HMS", "INS", "MV", "RMS", "HMAS", "HMCS", "HMNZS", "USNS", "USCGC", "KRI", "ROKS",
                             "PNS", "HNLMS", "RV"})
ORG_TAILS = frozenset("""
line lines hospital university college school company group bank council authority club party institute agency
department ministry court inc inc. corp corp. ltd ltd. llc plc association foundation committee commission
""".split())

NAME_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})

# Nouns for a person that a story uses as a second name for someone it has named ("the actor", "the teenager").
PERSON_NOUNS = frozenset("""
actor actress singer star comedian director producer writer author poet artist musician rapper chef teenager boy
girl man woman student teacher doctor nurse victim suspect driver pilot coach player athlete owner founder father
mother son daughter husband wife brother sister widow survivor businessman businesswoman billionaire journalist
host presenter archaeologist scientist lawyer entrepreneur prosecutor defendant officer friend neighbor neighbour
classmate teammate colleague cousin
""".split())

# Titles that tell a person's sex ("Mrs. Joyce" is not Dave Joyce).
TITLE_GENDER = {"mr": "m", "mr.": "m", "sir": "m", "lord": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f",
                "miss": "f", "madam": "f", "dame": "f", "lady": "f"}

# Heads of descriptions that can speak besides roles and unnamed sources: bodies, groups and documents
# ("the agency said", "protesters chanted", "a review found"). Other nouns ("the rise", "the bloodstains") never speak.
SOURCE_NOUNS = frozenset("""
agency company firm government ministry department office court police authorities committee council commission
board panel campaign team union association group network newspaper paper magazine website site channel station
family families organizers organisers researchers scientists doctors investigators prosecutors protesters
demonstrators activists critics supporters opponents voters parents students workers victims survivors neighbors
neighbours friends relatives fans lawmakers legislators democrats republicans leaders citizens americans people
report statement study survey poll review letter document documents complaint lawsuit filing memo release analysis
investigation audit ruling indictment affidavit record records data figures study findings article post tweet video
administration white house kremlin pentagon military army navy army regime party opposition coalition
""".split())

# Online platforms the small tagger often takes for people ("Twitter said ..."): always organisations.
PLATFORMS = frozenset({"twitter", "facebook", "instagram", "youtube", "tiktok", "reddit", "whatsapp", "telegram",
                       "linkedin", "snapchat", "weibo", "wechat", "truth social", "threads", "bluesky", "mastodon",
                       "google", "x.com"})

# Roles that say nothing about which person is meant: they resolve only through a shared country.
GENERIC_ROLES = frozenset({"representative", "envoy", "delegate", "official", "leader", "head", "diplomat"})

DEMONYMS = {
    "american": "us", "americans": "us", "u.s.": "us", "us": "us", "usa": "us", "united states": "us",
    "america": "us", "british": "uk", "britain": "uk", "uk": "uk", "u.k.": "uk", "united kingdom": "uk",
    "chinese": "china", "french": "france", "german": "germany", "russian": "russia", "iranian": "iran",
    "israeli": "israel", "japanese": "japan", "korean": "korea", "north korean": "north korea",
    "south korean": "south korea", "mexican": "mexico", "canadian": "canada", "indian": "india",
    "ukrainian": "ukraine", "turkish": "turkey", "saudi": "saudi arabia", "syrian": "syria", "iraqi": "iraq",
    "afghan": "afghanistan", "pakistani": "pakistan", "italian": "italy", "spanish": "spain", "dutch": "netherlands",
    "european": "eu", "eu": "eu", "un": "un", "u.n.": "un", "united nations": "un", "australian": "australia",
    "brazilian": "brazil", "egyptian": "egypt", "greek": "greece", "polish": "poland", "swedish": "sweden",
    "palestinian": "palestine", "venezuelan": "venezuela", "cuban": "cuba", "taiwanese": "taiwan",
}

# Abbreviated titles and the role they stand for ("Sen. Graham" is a senator).
ABBREVIATIONS = {"sen": "senator", "gov": "governor", "rep": "representative", "gen": "general",
                 "lt": "lieutenant", "col": "colonel", "sgt": "sergeant", "capt": "captain", "pres": "president",
                 "prof": "professor", "supt": "superintendent", "amb": "ambassador", "sec": "secretary",
                 "pm": "prime minister"}
# Portfolios that tell one minister or secretary from another ("the transport minister" is not the defence minister).
PORTFOLIOS = frozenset("""
transport defence defense finance interior health justice education energy economy trade labour labor environment
agriculture culture home treasury industry communications information tourism housing immigration
""".split())
# Words that make a different role of the head they qualify ("the opposition leader" does not lead the country).
ROLE_QUALIFIERS = PORTFOLIOS | {"vice", "prime", "deputy", "former", "foreign", "opposition"}

_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_WORD = re.compile(r"[\w.'’-]+", re.UNICODE)
_CAMEL_JOIN = re.compile(r"(?<![A-Za-z])(?!Mac|Van|Von|Del|Des|Dal|Fitz)[A-Z][a-z]{2,}[A-Z][a-z]")


def strip_possessive(word: str) -> str:
    """'China’s' -> 'China'."""
    return _POSSESSIVE.sub("", word)


def country_key(word: str) -> str | None:
    """A normalised place key for a country name or demonym, or None when the word is neither."""
    w = strip_possessive(word).lower().strip(".,")
    if not w:
        return None
    if w in DEMONYMS:
        return DEMONYMS[w]
    if w.replace(".", "") in DEMONYMS:
        return DEMONYMS[w.replace(".", "")]
    return None


def place_key(name: str) -> str:
    """Normalised key of a place or demonym: 'Chinese' and 'China' share one."""
    low = strip_possessive(name).lower().strip()
    key = country_key(low)
    if key:
        return key
    low = low.replace(".", "")
    if low.startswith("the "):
        low = low[4:]
    for suffix in ("ese", "ian", "an", "ish", "i"):
        if low.endswith(suffix) and len(low) - len(suffix) >= 4:
            return low[: len(low) - len(suffix)][:5]
    return low[:5] if len(low) > 5 else low


def is_debris(text: str) -> bool:
    """Scraped hover-card or markup debris that must never become a name."""
    # hover cards glue a name to the next name or headline ("TrumpDonald John TrumpHarris bashes ... MORE")
    if _CAMEL_JOIN.search(text) and (" " in text.strip() or re.search(r"[a-z]{4,}[A-Z]", text)):
        return True
    if any(ch in text for ch in "@©#|<>{}[]\n\t/\\=+*_"):
        return True
    if "http" in text.lower() or "www." in text.lower():
        return True
    words = text.split()
    if any(w == "MORE" for w in words) or len(words) > 7 or len(text) > 80:
        return True
    if has_player_controls(text):
        return True
    return not any(ch.isalpha() for ch in text)




def words(text: str) -> list[str]:
    """Word-like pieces of a short phrase."""
    return _WORD.findall(text)


def role_profile(description: str, places: dict[str, str]) -> tuple[str | None, set[str]]:
    """(role key, place keys) of a description such as "China's State Councilor and Minister for Foreign Affairs".

    The role key is the head role noun with a qualifying word kept ("vice president" differs from "president").
    """
    toks = words(description)
    cut = len(toks)
    for i, t in enumerate(toks):
        if t.lower() in {"of", "on", "for", "at", "to", "in", "from", "with"}:
            cut = i
            break
    pre = toks[:cut]
    role: str | None = None
    for i in range(len(pre) - 1, -1, -1):
        w = strip_possessive(pre[i]).lower()
        w = ABBREVIATIONS.get(w.rstrip("."), w)
        if w in ROLE_HEADS or w.split()[-1] in ROLE_HEADS and " " in w:  # "PM": prime minister
            role = w
            if " " not in w and i > 0 and strip_possessive(pre[i - 1]).lower() in ROLE_QUALIFIERS:
                role = pre[i - 1].lower() + " " + w
            break
    found: set[str] = set()
    for t in toks:
        bare = strip_possessive(t)
        low = bare.lower()
        key = country_key(bare)
        if key:
            found.add(key)
        elif low in places:
            found.add(places[low])
    return role, found


@functools.lru_cache(maxsize=1)
def _given_names() -> "Callable[[str], str]":
    """gender-guesser's first-name lookup (its name lists, loaded once per process)."""
    import gender_guesser.detector as gd

    lookup: Callable[[str], str] = gd.Detector(case_sensitive=False).get_gender
    return lookup


_NAME_GENDERS = {"male": ("m", 2), "mostly_male": ("m", 1), "female": ("f", 2), "mostly_female": ("f", 1)}


def given_name_gender(word: str) -> tuple[str, int] | None:
    """("m"|"f", strength) when a word is a given name: 2 for one used for one sex only, 1 for mostly."""
    return _NAME_GENDERS.get(_given_names()(word)) if word[:1].isupper() and word.isalpha() else None
