"""newsprism: understand one news story across many outlets."""

from .api import analyze, load
from .config import Settings
from .errors import InputError, NewsprismError
from .model import (
    Article,
    Claim,
    Entity,
    Fact,
    Quote,
    QuoteGroup,
    Report,
    Span,
    Story,
    SummarySentence,
    TimelineEntry,
)

__all__ = [
    "Article",
    "Claim",
    "Entity",
    "Fact",
    "InputError",
    "NewsprismError",
    "Quote",
    "QuoteGroup",
    "Report",
    "Settings",
    "Span",
    "Story",
    "SummarySentence",
    "TimelineEntry",
    "analyze",
    "load",
]
__version__ = "0.1.0"
