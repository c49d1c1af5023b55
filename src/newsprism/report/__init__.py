"""Renderers of a ``Report``: text, md, html and json, found through one registry."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

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


__all__ = ["as_report", "formats", "register", "render"]
