"""Reporters: one module per output format, each ``render(results, **options) -> str``.

``results`` is a list of ``FileResult`` (what ``lint_paths`` returns); ``render`` also
takes plain ``Report`` and ``SequenceReport`` objects, so a library user can print any report in any format::

    from vmlint import lint, render
    print(render([lint(text)], "sarif"))
"""

from __future__ import annotations

from collections.abc import Callable

from ..models import Report, SequenceReport
from . import concise, github, html, json_format, sarif, text
from .results import FileResult

FORMATS: dict[str, Callable[..., str]] = {
    "text": text.render,
    "concise": concise.render,
    "json": json_format.render,
    "sarif": sarif.render,
    "github": github.render,
    "html": html.render,
}


def render(results, format: str = "text", **options) -> str:
    """Render lint results (``FileResult`` or ``Report`` objects) in one of ``FORMATS``."""
    try:
        fn = FORMATS[format]
    except KeyError:
        raise ValueError(f"unknown format '{format}' (choose from {', '.join(FORMATS)})") from None
    items = [
        FileResult(r.path or "<text>", r) if isinstance(r, Report)
        else FileResult(r.path or "<text>", sequence=r) if isinstance(r, SequenceReport) else r
        for r in results
    ]
    return fn(items, **options)
