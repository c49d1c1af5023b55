"""Writing a rendered report where the command line asks: a file (written whole, then renamed) or the terminal,
through a pager when it is taller than the screen."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Mapping

from ..config import ReportSettings
from ..errors import ReportError
from ..model import Report
from ..report import render


def emit(report: Report, fmt: str, output: str | None = None, *,
         articles: Mapping[str, str] | None = None, full: bool = False, pager: bool = False,
         limits: ReportSettings | None = None) -> None:
    """Renders the report to ``output`` (written to a temporary file, then renamed) or to stdout.

    ``full`` asks the text format for the complete report instead of the digest; ``pager`` pages text that is
    taller than the terminal (only when stdout is a terminal); ``limits``: what the digest shows.
    """
    color = output is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    text = render(report, fmt, articles=articles, color=color, full=full, limits=limits)
    if not text.endswith("\n"):
        text += "\n"
    if output:
        tmp = output + ".tmp"
        try:
            with open(tmp, "w", encoding="utf-8") as fh:
                fh.write(text)
            os.replace(tmp, output)
        except OSError as exc:
            if os.path.exists(tmp):
                os.remove(tmp)
            raise ReportError(f"{output}: cannot write the report ({exc.strerror or exc}); "
                              "give a path in an existing, writable directory") from exc
    elif pager and fmt in ("text", "md") and sys.stdout.isatty() and _taller_than_screen(text):
        _page(text)
    else:
        sys.stdout.write(text)


def _taller_than_screen(text: str) -> bool:
    return text.count("\n") >= shutil.get_terminal_size((100, 24)).lines - 1


def _page(text: str) -> None:
    """Shows text through $PAGER (else ``less -R``, which keeps colours); without a pager, prints it."""
    command = os.environ.get("PAGER") or ("less -R" if shutil.which("less") else "")
    if not command:
        sys.stdout.write(text)
        return
    try:
        subprocess.run(shlex.split(command), input=text.encode("utf-8"), check=False)
    except OSError:
        sys.stdout.write(text)
