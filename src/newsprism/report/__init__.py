"""Renderers of a ``Report``: text, md, html and json, found through one registry."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from typing import Any

from ..config import ReportSettings
from ..errors import ReportError
from ..model import Report

Renderer = Callable[..., str]  # (report: Report, *, articles=..., **options) -> the rendered text

_REGISTRY: dict[str, Callable[[], Renderer]] = {}


def register(fmt: str) -> Callable[[Callable[[], Renderer]], Callable[[], Renderer]]:
    """Registers a loader of a renderer, so heavy imports happen only for the format asked for."""

    def deco(loader: Callable[[], Renderer]) -> Callable[[], Renderer]:
        _REGISTRY[fmt] = loader
        return loader

    return deco


def formats() -> tuple[str, ...]:
    """The format names ``render`` accepts."""
    return tuple(_REGISTRY)


def as_report(report: Report | Mapping[str, Any]) -> Report:
    """A ``Report`` as is; a report document read through ``Report.from_dict`` (a bad one raises ``ReportError``)."""
    return report if isinstance(report, Report) else Report.from_dict(report)


def render(report: Report | Mapping[str, Any], fmt: str, *, articles: Mapping[str, str] | None = None,
           **options: Any) -> str:
    """The report in one format. ``articles`` (article id -> cleaned text) lets a format quote cited spans."""
    loader = _REGISTRY.get(fmt)
    if loader is None:
        raise ReportError(f"unknown report format {fmt!r}; choose one of: {', '.join(formats())}")
    return loader()(as_report(report), articles=articles, **options)


def emit(report: Report | Mapping[str, Any], fmt: str, output: str | None = None, *,
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


def _json(report: Report, *, articles: Mapping[str, str] | None = None, **_: Any) -> str:
    return json.dumps(report.to_dict(), indent=2, ensure_ascii=False)


@register("text")
def _text_loader() -> Renderer:
    from .terminal import render_text

    return render_text


@register("md")
def _md_loader() -> Renderer:
    from .markdown import render_markdown

    return render_markdown


@register("html")
def _html_loader() -> Renderer:
    from .html import render_html

    return render_html


@register("json")
def _json_loader() -> Renderer:
    return _json


__all__ = ["as_report", "emit", "formats", "register", "render"]
