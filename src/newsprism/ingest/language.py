"""Is an article English? Function words first, then a trained identifier (py3langid) for the doubtful ones.

English news is about a quarter English function words ("the", "of", "said"), and that share alone settles most
texts at once. A text with fewer of them (a list of results, a page of names and figures, a quote in another
language) goes to py3langid, a maintained naive-Bayes identifier of 97 languages trained on news, web and
encyclopaedia text. A text is refused as not English only when py3langid names another language and English
function words are rare in it and the model is sure (a table of names and figures belongs to no language), so an
English page with some foreign words, names or a quoted phrase stays English.
"""

from __future__ import annotations

import re
from typing import Any

from ..config import IngestSettings


_ENGLISH = frozenset(
    "the of and to a in is that for it on was with he as his at by be this are from or have an they which "
    "not but had has were her she been their we said will would who there its our all also more can after "
    "than when into about could what them up out if no so one two new other did do does over just".split()
)
_NAMES = {"en": "English", "fr": "French", "de": "German", "es": "Spanish", "it": "Italian", "pt": "Portuguese",
          "nl": "Dutch", "id": "Indonesian", "ms": "Malay", "ko": "Korean", "ja": "Japanese", "zh": "Chinese",
          "ru": "Russian", "uk": "Ukrainian", "pl": "Polish", "tr": "Turkish", "ar": "Arabic", "sv": "Swedish",
          "da": "Danish", "no": "Norwegian", "fi": "Finnish", "cs": "Czech", "el": "Greek", "he": "Hebrew",
          "hi": "Hindi", "ro": "Romanian", "hu": "Hungarian", "vi": "Vietnamese", "fa": "Persian"}
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_identifier: Any = None


def _model() -> Any:
    """py3langid's identifier with normalised probabilities (loaded once, on first doubtful text)."""
    global _identifier
    if _identifier is None:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        _identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return _identifier


def english_share(text: str) -> float:
    """Share of a text's words that are common English function words."""
    words = [w.lower() for w in _WORD.findall(text[:20000])]
    return sum(1 for w in words if w in _ENGLISH) / len(words) if words else 0.0


def detect_language(text: str, bounds: IngestSettings | None = None) -> str | None:
    """ISO 639-1 code of the text's language ("en" unless it is clearly another), None if too short to tell."""
    words = _WORD.findall(text[:20000])
    if len(words) < 12:
        return None
    b = bounds or IngestSettings()
    share = sum(1 for w in words if w.lower() in _ENGLISH) / len(words)
    if share >= b.english_sure:
        return "en"
    lang, prob = _model().classify(text[:b.language_sample])
    if lang == "en" or share >= b.english_enough or prob < b.foreign_sure:
        return "en"  # English, or English enough, or no language clearly (names and figures: a results table)
    return str(lang)


def language_name(code: str) -> str:
    """Readable name of a language code for error messages."""
    return _NAMES.get(code, f"written in another language ({code})")
