"""Reporters: one module per output format, each ``render(results, **options) -> str``.

``results`` is a list of ``FileResult`` (what ``lint_paths`` returns); ``render`` also
takes plain ``Report`` and ``SequenceReport`` objects, so a library user can print any report in any format::

    from vmlint import lint, render
    print(render([lint(text)], "sarif"))
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from ..models import Report, SequenceReport
from .results import FileResult

# Each format's module is imported when it is first used: a run prints one format.
_MODULES = {"text": "text", "concise": "concise", "json": "json_format", "sarif": "sarif", "github": "github", "html": "html"}


class _Formats(dict):
    """format name -> ``render`` function, importing the format's module on first look-up."""

    def __missing__(self, name: str) -> Callable[..., str]:
        if name not in _MODULES:
            raise KeyError(name)
        fn = self[name] = importlib.import_module(f".{_MODULES[name]}", __name__).render
        return fn

    def __contains__(self, name: object) -> bool:
        return name in _MODULES

    def __iter__(self):
        return iter(_MODULES)

    def __len__(self) -> int:
        return len(_MODULES)


FORMATS: dict[str, Callable[..., str]] = _Formats()


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
