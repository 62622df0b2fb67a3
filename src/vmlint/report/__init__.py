"""Reporters: one module per output format, each ``render(results, **options) -> str``."""

from __future__ import annotations

from collections.abc import Callable

from . import concise, json_format, text

FORMATS: dict[str, Callable[..., str]] = {
    "text": text.render,
    "concise": concise.render,
    "json": json_format.render,
}


def render(results, format: str = "text", **options) -> str:
    """Render lint results (a list of ``FileResult``) in one of ``FORMATS``."""
    try:
        fn = FORMATS[format]
    except KeyError:
        raise ValueError(f"unknown format '{format}' (choose from {', '.join(FORMATS)})") from None
    return fn(results, **options)
