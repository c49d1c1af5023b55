"""`newsprism verify`: re-read a report's articles and check every cited text against its offsets."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from ..config import Settings
from ..errors import InputError
from . import error


def verify_command(report_path: str, inputs: Sequence[str], settings: Settings | None = None) -> int:
    """0 and one OK line on stdout when every text matches; 1 and the mismatches (one a line) otherwise."""
    from .. import api
    from ..report.verify import count_texts, load_report, missing_articles, verify

    settings = settings or Settings()
    report = load_report(report_path)
    errors: list[InputError] = []
    articles = api.load(list(inputs), settings, errors=errors)
    for err in errors:
        error(str(err))
    problems = missing_articles(report, articles, verify(report, articles))
    if problems:
        for p in problems:
            print(p)
        print(f"newsprism verify: {len(problems)} mismatch(es) in {report_path}", file=sys.stderr)
        return 1
    print(f"OK: all {count_texts(report)} cited texts of {report_path} match {len(articles)} re-loaded article(s)")
    return 0
