"""`newsprism analyze`: read the inputs, analyse them as one story, render the report."""

from __future__ import annotations

from collections.abc import Sequence

from ..config import Settings
from ..errors import InputError
from . import error, warning


def analyze_command(inputs: Sequence[str], fmt: str = "text", output: str | None = None,
                    settings: Settings | None = None, *, full: bool = False, pager: bool = False) -> int:
    """Reads every input (reporting bad ones), analyses the rest, renders the report; 2 when an input failed."""
    from ..api import analyze, load, unmatched_dates
    from ..ingest.notarticle import LEFT_OUT
    from .output import emit

    settings = settings or Settings()
    errors: list[InputError] = []
    articles = load(inputs, settings, errors=errors)
    for err in errors:
        error(str(err))
    sources = [*inputs, *(a.source for a in articles), *(e.source for e in errors)]
    for option, given, what in (("--published", settings.published, "date"),
                                ("--outlet", settings.outlet_names, "outlet")):
        for key in unmatched_dates(given, sources):
            warning(f"{option} {key}: no input has that name, so its {what} was not used; give the file name or "
                    "path as listed")
    if not articles:
        error("no readable article among the inputs; nothing to analyse")
        return 2
    report = analyze(articles, settings)
    for note in report.notes:
        if note.endswith(LEFT_OUT):
            warning(note)
    if report.other_stories:
        warning(f"the inputs tell {len(report.other_stories) + 1} unrelated stories; this report is about the largest "
                f"({len(report.story.articles)} articles). Analyse the others on their own: "
                + "; ".join(", ".join(o.sources) for o in report.other_stories))
    emit(report, fmt, output, articles={a.id: a.text for a in report.story.articles}, full=full, pager=pager,
         limits=settings.report)
    return 2 if errors else 0
