"""What a message is about: its reason, the value it offers, and whether it is a commercial about the caller."""

from __future__ import annotations

from ..models import Idea, Span
from . import acts

Matches = dict[str, list[tuple[int, int]]]


def _span(doc, start: int, end: int) -> Span:
    s = doc[start:end]
    return Span(text=s.text, start=s.start_char, end=s.end_char)


def value(doc, matches: Matches, ideas: list[Idea]) -> list[Span]:
    return [Span(text=i.text, start=i.start, end=i.end) for i in ideas]


def self_focused(doc, matches: Matches) -> list[Span]:
    return [_span(doc, s, e) for s, e in matches.get("self_focused", [])]


def reason(doc, matches: Matches, found: list[acts.Act], ideas: list[Idea]) -> list[Span]:
    return []
